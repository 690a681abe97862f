"""The themes parser on the bundled "Mulige temaer" and on theme documents it has never seen, generated here
with the corpus builder's primitives (bold headings, indented paragraphs with bold lead-ins)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from conftest import KINDS, PDF_DIR, LayoutOf
from corpus_builder import quoted
from corpus_builder.writer import PdfWriter
from planarkiv.extract import extract
from planarkiv.extract.blocks import Block
from planarkiv.extract.layout import Line, Word
from planarkiv.extract.parsers import themes
from planarkiv.schema import DocumentKind, Extraction, GoalKind, InitiativeStatus, RelationType

STEM = "mulige-temaer-beskaeftigelsesaftale-2012"


def _extract(path: Path) -> Extraction:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return extract(path)


@pytest.fixture(scope="module")
def bundled(bundled_extractions: dict[str, Extraction]) -> Extraction:
    return bundled_extractions[f"{STEM}.pdf"]


def themes_of(ex: Extraction) -> dict[str, str]:
    """Initiative title -> the number of the theme it is under."""
    numbers = {g.id: g.number for g in ex.goals}
    return {i.title: numbers[i.theme_id] for i in ex.initiatives if i.theme_id}


def office_names(ex: Extraction, initiative_id: str) -> set[str]:
    names = {o.id: o.abbreviation or o.name for o in ex.offices}
    return {names[r.target_id] for r in ex.relations
            if r.source_id == initiative_id and r.type in (RelationType.RESPONSIBLE, RelationType.MENTIONS)}


# -- the bundled "Mulige temaer for en beskæftigelsesaftale 2012" -----------------------------------------


def test_bundled_document(bundled: Extraction) -> None:
    assert bundled.document.kind is DocumentKind.THEMES
    assert bundled.document.title == "Mulige temaer for en beskæftigelsesaftale 2012"
    assert bundled.document.year == 2012


def test_bundled_theme_goals(bundled: Extraction) -> None:
    assert [(g.kind, g.number, g.text) for g in bundled.goals] == [
        (GoalKind.THEME, "1", "Jobklare ledige hurtigere i gang"),
        (GoalKind.THEME, "2", "En indsats, der virker, for vores indsatsklare ledige"),
        (GoalKind.THEME, "3", "Borgeren ved roret"),
    ]


def test_bundled_one_initiative_per_lead_in(bundled: Extraction) -> None:
    assert themes_of(bundled) == {
        "Unge på kanten af uddannelsessystemet": "1",
        "Ledige med svage dansksproglige forudsætninger": "1",
        "Ledige fra a-kasser med særligt store overledighedsproblemer": "1",
        "Nyuddannede": "1",
        "De virksomhedsparate kontanthjælpsmodtagere i matchgruppe 2": "2",
        "Unge med psykiske problemer": "2",
        "Unge kriminelle": "2",
        # a bold lead-in over two lines; its trailing parenthesis dropped by the title rule
        "Fælles borgere i BIF, SOF og SUF": "2",
        # lead-ins that end at a dash or with "!"
        "Hjælp til selvhjælp": "3",
        "Overblik for borgeren": "3",
        "Ud af røret!": "3",
        "Altid god service": "3",
    }
    assert len(bundled.initiatives) == 12
    for initiative in bundled.initiatives:
        assert initiative.status is InitiativeStatus.PROPOSED
        assert initiative.section == f"TEMA {themes_of(bundled)[initiative.title]}"
        assert (initiative.id, initiative.theme_id, RelationType.PART_OF) in {
            (r.source_id, r.target_id, r.type) for r in bundled.relations}


def test_bundled_offices_and_target_groups(bundled: Extraction) -> None:
    first = bundled.initiatives[0]
    assert {"BIF", "BUF", "SOF"} <= office_names(bundled, first.id)  # "BIF/BUF/SOF-ungestrategi"
    assert all(r.type is RelationType.MENTIONS for r in bundled.relations
               if r.source_id == first.id and r.target_id in {o.id for o in bundled.offices})
    assert any(r.source_id == first.id and r.type is RelationType.TARGETS for r in bundled.relations)


@pytest.mark.parametrize("stem", sorted(KINDS))
def test_detect_scores_only_theme_documents_high(bundled_layout: LayoutOf, stem: str) -> None:
    score = themes.PARSER.detect(bundled_layout(PDF_DIR / f"{stem}.pdf"))
    assert (score >= 0.9) if KINDS[stem] == "themes" else (score < 0.3)


# -- theme documents it has never seen ---------------------------------------------------------------------

SYNTHETIC = """# Mulige temaer for en beskæftigelsesaftale 2015

Udvalget har på sit seminar i 2014 drøftet mulige temaer for en aftale for 2015.

### Baggrund

Ledigheden er faldet, men mange borgere står stadig langt fra arbejdsmarkedet.

## TEMA 1: Flere unge i uddannelse

De unge skal i uddannelse. Det kan overvejes at gøre en særlig indsats over for følgende grupper:

> **Unge uden ungdomsuddannelse:** Mulige tiltag kunne være brobygning i samarbejde med BUF og
> erhvervsskolerne, som kunne koste 4 mio. kr. årligt.

> **Unge forsørgere med behov for en helhedsorienteret indsats på tværs af forvaltningerne, herunder
> særligt enlige forsørgere:** Mulige tiltag kunne være en familiekonsulent i samarbejde med SOF.

## TEMA 2: Virksomhederne som partnere

Virksomhederne er afgørende for indsatsen.

> **Rekruttering – en indgang for virksomhederne** – et fælles telefonnummer og én kontaktperson.

> **Job nu!** Der kunne afholdes jobmesser hver måned for ledige dagpengemodtagere.

## TEMA 3: En sammenhængende indsats

> Borgere med handicap: Mulige tiltag kunne være flere fleksjob og mentorordninger.

Indsatsen skal evalueres løbende.

## TEMA 4: Digital service

> **Selvbetjening (pilotprojekt):** Borgerne kunne booke samtaler på nettet.
"""


def build_themes(path: Path, text: str) -> None:
    """As tests/corpus_builder/themes.py builds the 2012 document, with other content and another PDF
    title."""
    writer = PdfWriter(path, title="Notat", margins=(80, 80, 80, 76), size=11.5)
    quoted.render(writer, text)
    writer.save()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    path = tmp_path_factory.mktemp("themes") / "temaer-2015.pdf"
    build_themes(path, SYNTHETIC)
    return _extract(path)


def test_synthetic_document_and_goals(synthetic: Extraction) -> None:
    assert synthetic.document.kind is DocumentKind.THEMES
    assert synthetic.document.title == "Mulige temaer for en beskæftigelsesaftale 2015"
    assert synthetic.document.year == 2015
    assert [(g.number, g.text) for g in synthetic.goals] == [
        ("1", "Flere unge i uddannelse"), ("2", "Virksomhederne som partnere"),
        ("3", "En sammenhængende indsats"), ("4", "Digital service")]


def test_synthetic_initiatives(synthetic: Extraction) -> None:
    assert themes_of(synthetic) == {
        "Unge uden ungdomsuddannelse": "1",
        "Unge forsørgere med behov for en helhedsorienteret indsats på tværs af forvaltningerne, herunder "
        "særligt enlige forsørgere": "1",
        "Rekruttering – en indgang for virksomhederne": "2",
        "Job nu!": "2",
        "Borgere med handicap": "3",  # no bold: an indented paragraph with a short lead-in
        "Selvbetjening": "4",
    }
    assert all(i.status is InitiativeStatus.PROPOSED for i in synthetic.initiatives)


def test_synthetic_money_and_offices(synthetic: Extraction) -> None:
    first = synthetic.initiatives[0]
    assert [(a.value_dkk, a.initiative_id) for a in synthetic.amounts] == [(4_000_000, first.id)]
    assert "BUF" in office_names(synthetic, first.id)


def test_a_theme_paragraph_without_lead_in_is_no_initiative(tmp_path: Path) -> None:
    path = tmp_path / "temaer.pdf"
    build_themes(path, """# Temaer for indsatsen 2020

## Tema 1 – Sygemeldte

Sygemeldte skal hurtigere tilbage i job.

> **Tidlig kontakt:** Jobcentret kontakter den sygemeldte i første uge.

## Tema 2 – Ledige

Ledige skal have et godt tilbud.
""")
    ex = _extract(path)
    assert ex.document.kind is DocumentKind.THEMES
    assert ex.document.year == 2020
    assert [(g.number, g.text) for g in ex.goals] == [("1", "Sygemeldte"), ("2", "Ledige")]
    assert themes_of(ex) == {"Tidlig kontakt": "1"}


# -- lead-ins, one by one -----------------------------------------------------------------------------------


def _block(text: str, bold_words: int, x0: float = 100.0) -> Block:
    words = [Word(w, x0 + i * 30, x0 + i * 30 + 25, 100, 110, 11.5, i < bold_words)
             for i, w in enumerate(text.split())]
    return Block([Line(page=1, words=words)])


@pytest.mark.parametrize(("text", "bold_words", "indented", "lead"), [
    ("Nyuddannede: Initiativer kan omfatte jobsøgningsforløb.", 1, False, "Nyuddannede"),
    ("Ud af røret! Der kunne iværksættes kampagner.", 3, False, "Ud af røret!"),
    ("Hjælp til selvhjælp – som overskrift på forskellige indsatser.", 3, False, "Hjælp til selvhjælp"),
    ("Unge kriminelle: Mulige initiativer kunne være styrket samarbejde.", 0, True, "Unge kriminelle"),
    ("Altid god service – også for de borgere, der ikke kan.", 0, True, "Altid god service"),
    ("Unge kriminelle: Mulige initiativer kunne være styrket samarbejde.", 0, False, None),
    # a sentence is no lead-in: a full stop before the colon
    ("I København er der ca. 11.500 helårspersoner: mange.", 0, True, None),
])
def test_lead_in(text: str, bold_words: int, indented: bool, lead: str | None) -> None:
    assert themes.lead_in(_block(text, bold_words), indented=indented, after_intro=False) == lead


def test_theme_heading() -> None:
    assert themes.theme_of(_block("TEMA 2: En indsats, der virker, for vores ledige", 9)) == (
        "TEMA 2", "2", "En indsats, der virker, for vores ledige")
    assert themes.theme_of(_block("Tema 4 – Digital service", 4)) == ("Tema 4", "4", "Digital service")
    assert themes.theme_of(_block("Temaerne er beskrevet nedenfor", 4)) is None
