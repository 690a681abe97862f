"""The variant documents: stem, PDF title, kind and template.

Two pairs. The first (a themes note for 2015, an action plan from 2019) is what the parser rules were
written against; the second (a 2017 note proposing "indsatsområder", a 2020 action plan for young people)
differs again in layout and wording and measures whether the rules carry over.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .writer import Layout, build

CONTENT = Path(__file__).parent / "content"
PDF_DIR = Path(__file__).resolve().parents[1] / "data" / "variants"


@dataclass(frozen=True)
class Variant:
    stem: str
    title: str  # the PDF's metadata title, as a producer sets it (not the document's own title)
    kind: str
    layout: Layout

    def build(self, path: Path) -> None:
        build(path, self.title, self.layout, (CONTENT / f"{self.stem}.txt").read_text(encoding="utf-8"))


VARIANTS = (
    # two justified columns under a spanning title; "TEMA n" on its own line above each theme's heading;
    # initiatives as bold lead-ins of bullets, as sub-headings and as bold lead-ins of paragraphs
    Variant("temaer-beskaeftigelsesaftale-2015", "Notat", "themes", Layout()),
    # a letter: the letterhead in a sidebar left of one justified column; initiatives as sub-headings
    # under a "Supplerende initiativer" heading, as bold lead-ins of bullets after a plain-text
    # "Supplerende initiativer …:" line, and only in prose
    Variant("handleplan-integration-flygtninge-2019", "Handleplan", "action_plan",
            Layout(columns=1, sidebar="left", margins=(48.0, 64.0, 60.0, 64.0), size=10.0, leading=13.5,
                   title_size=16.0)),
    # one justified column, larger type; "Tema n" in plain small type above the heading
    Variant("indsatsomraader-beskaeftigelsesaftale-2017", "BIU 2016-05-18 punkt 7", "themes",
            Layout(columns=1, margins=(85.0, 85.0, 72.0, 72.0), size=10.5, leading=14.5, heading_size=14.0,
                   subheading_size=11.0, kicker_size=9.0, kicker_bold=False, title_size=17.0)),
    # three columns on page 1 (two of text, the letterhead at the right), "Målgruppe n", principles with a
    # dash, initiatives under "Nye initiativer …" / "Initiativer for …" headings
    Variant("handleplan-unge-uddannelseshjaelp-2020", "Dokument1", "action_plan",
            Layout(columns=2, gutter=14.0, sidebar="right", sidebar_width=100.0,
                   margins=(50.0, 40.0, 60.0, 60.0), size=9.0, leading=12.0, heading_size=12.0,
                   subheading_size=10.0, title_size=15.0)),
)
