"""A document's own facts, whatever its kind: its title, date and year, who wrote it, and its sections.

Read from the layout, as a reader finds them:

- **title**: the largest type of the first page with text (its running header included: a title printed
  on every page is still the title), lines of that size joined in reading order ("Det" "nære"
  "sundhedsvæsen"); a genre word before it ("Notat", "Juridisk notat", "Referat") is not the title but
  what kind of paper it is, so the heading after it is taken (a meeting's paper keeps it: "Referat
  Udvalget for …"); when no type stands out, the title the PDF's author set (not "Notat", a file name or
  a program's stamp), else a subject line ("Vedr.: …"). Never a letterhead line, a field label ("Til:")
  or a page number.
- **date**: the first date in the title, running header, letterhead or top of the first page, else the
  first date of the first page ("d. 27-08-2025", "Torsdag den 20. juni 2013", "13. april 2023").
- **year**: the date's year, else the title's ("Støjhandlingsplan 2024"), else a colophon's "© KL 2012",
  else the year the PDF was made (its metadata; a fixed placeholder of a reproducible build aside).
- **author**: a colophon's "© KL", else the municipality of the letterhead or first page, else the one the
  text names most (``danish.bodies.municipality_of``).
- **sections**: the headings of the body (bold or larger than the body text, short, not ending a
  sentence), numbered where the heading is ("1. Indledning", "Punkt 8: …"), with page and box.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .blocks import Block
from .danish.bodies import copyright_line, municipality_of
from .danish.dates import find_dates
from .danish.periods import find_periods
from .danish.text import clean_heading
from .layout import PAGE_NUMBER, Layout, Line, PageLayout
from .prose import letterhead_lines

# "Notat", "Juridisk notat", "Referat", "Bilag 3": what kind of paper it is, not what it is about
GENRE = re.compile(
    r"^(?:(?:juridisk|internt?|politisk|økonomisk)\s+)?(?:notat|referat|dagsorden|beslutningsprotokol|"
    r"indstilling|bilag(?:\s+\d+)?|udkast|orientering|høringssvar|memo|brev|rapport|redegørelse)[\s:.]*$",
    re.IGNORECASE)
MEETING = re.compile(r"^(?:referat|dagsorden|beslutningsprotokol)\s*:?$", re.IGNORECASE)
FIELD_LABEL = re.compile(r"^(?:til|fra|cc|kopi|dato|ajourført|sagsnr|sags\s*nr|j\.\s*nr|journalnr|"
                         r"dokumentnr|ref|side)\b\.?\s*:?", re.IGNORECASE)
FILE_NAME = re.compile(r"\.(?:docx?|pdf|indd|xlsx?|pptx?|rtf|odt)$", re.IGNORECASE)
SUBJECT = re.compile(r"^(?:vedr\.?|vedrørende|emne|om|angående)\s*:\s*(?P<subject>\S.*)$", re.IGNORECASE)
COPYRIGHT = re.compile(r"©|\(c\)|copyright", re.IGNORECASE)
TITLE_SIZE = 1.15  # a title or heading is set at least this much larger than the body text ...
TITLE_GAP = 2.5  # ... and a title's lines follow each other within this many line heights
HEADING_WORDS = 14
WORD = re.compile(r"[^\W\d_]{2}")  # two letters: a line or block that has a word, not only figures
PAGE_COUNTER = re.compile(r"^\d{1,4}\s+(?:of|af)\s+\d{1,4}$", re.IGNORECASE)
# a reproducible build stamps every PDF with one fixed time: not when the document was made
PLACEHOLDER_TIMES = ("0101000000",)


@dataclass(frozen=True)
class Facts:
    title: str | None
    date: dt.date | None
    year: int | None
    period_start: int | None
    period_end: int | None
    author: str | None


def _furniture(line: Line) -> bool:
    text = line.text.strip()
    return (not WORD.search(text) or bool(PAGE_NUMBER.match(text))
            or bool(PAGE_COUNTER.match(text)))


def _first_page(layout: Layout) -> PageLayout | None:
    return next((page for page in layout.pages if page.lines or page.running), None)


def _candidates(page: PageLayout, letterhead: list[Line]) -> list[Line]:
    side = {id(line) for line in letterhead}
    lines = [line for line in [*page.running, *page.lines] if id(line) not in side and not _furniture(line)]
    return sorted(lines, key=lambda line: (round(line.top), line.x0))


def _runs(lines: list[Line]) -> list[list[Line]]:
    """Lines of one size in reading order, cut where the gap between them is wider than a title's."""
    runs: list[list[Line]] = []
    for line in lines:
        last = runs[-1][-1] if runs else None
        height = (last.bottom - last.top) if last else 0
        if last and line.top - last.bottom <= height * TITLE_GAP:
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _join(lines: list[Line]) -> str:
    text = ""
    for line in lines:
        part = line.text.strip()
        joined = text.endswith("-") and part[:1].islower()  # "finansie-" + "ring"
        text = text[:-1] + part if joined else f"{text} {part}".strip()
    return text


def _title_from_type(lines: list[Line], body: float) -> str | None:
    """The biggest type of the page that stands out from the body, a genre word before it left out. A
    meeting's paper keeps its genre word when it stands alone above the body's name ("Referat" /
    "Udvalget for plan, udvikling og kultur (PUK)"): "Referat Udvalget for …" is how it is named."""
    sizes = sorted({round(line.size, 1) for line in lines if line.size >= body * TITLE_SIZE}, reverse=True)
    prefix = ""
    for size in sizes:
        same = [line for line in lines if abs(line.size - size) < 0.6]
        for run in _runs(same):
            alone = len(run) == 1
            while run and (GENRE.match(run[0].text.strip()) or FIELD_LABEL.match(run[0].text.strip())):
                if alone and MEETING.match(run[0].text.strip()):
                    prefix = clean_heading(run[0].text)
                run = run[1:]
            title = clean_heading(_join(run))
            if title and len(title.split()) <= 40:
                return f"{prefix} {title}".strip()
    return None


def _title_from_subject(lines: list[Line]) -> str | None:
    """A subject line ("Vedr.: …"), else the first bold line that is no label, else the first line that
    is no field label or genre word."""
    for line in lines:
        subject = SUBJECT.match(line.text.strip())
        if subject:
            return clean_heading(subject["subject"])
    plain = [line for line in lines
             if not FIELD_LABEL.match(line.text.strip()) and not GENRE.match(line.text.strip())]
    bold = [line for line in plain if line.bold]
    for line in bold or plain:
        title = clean_heading(line.text)
        if title:
            return title
    return None


def _title_from_metadata(layout: Layout) -> str | None:
    """The PDF's own Title, where its author wrote one: not a genre word ("Notat"), a file name
    ("10.DOCX") or a program's stamp ("Microsoft Word - …")."""
    title = clean_heading(layout.metadata.get("Title", ""))
    if (len(title.split()) < 2 or GENRE.match(title) or FILE_NAME.search(title)
            or title.casefold().startswith(("microsoft", "untitled", "dokument"))):
        return None
    return title


def _title(layout: Layout, page: PageLayout, letterhead: list[Line]) -> str | None:
    """Type that stands out, else the title the PDF's author gave it, else a subject or first line."""
    lines = _candidates(page, letterhead)
    return (_title_from_type(lines, layout.body_size) or _title_from_metadata(layout)
            or _title_from_subject(lines))


def _date(page: PageLayout, letterhead: list[Line], title: str | None) -> dt.date | None:
    side = [line.text for line in letterhead if line.page == page.number]
    top = [line.text for line in page.lines if line.top < page.height / 3]
    for texts in ([title or ""], [line.text for line in page.running], side, top,
                  [line.text for line in page.lines]):
        dates = find_dates("\n".join(texts))
        if dates:
            return dates[0].date
    return None


def _metadata_year(layout: Layout) -> int | None:
    stamp = re.match(r"D:((?:19|20)\d\d)(\d{10})?", layout.metadata.get("CreationDate", ""))
    if not stamp or (stamp[2] or "") in PLACEHOLDER_TIMES:
        return None
    return int(stamp[1])


def _colophon(layout: Layout) -> tuple[str, int] | None:
    for page in [*layout.pages[:2], *reversed(layout.pages[-3:])]:
        for line in page.lines:
            if COPYRIGHT.search(line.text):
                found = copyright_line(line.text)
                if found:
                    return found
    return None


def document_facts(layout: Layout) -> Facts:
    first = _first_page(layout)
    letterhead = letterhead_lines(layout)
    title = _title(layout, first, letterhead) if first else None
    date = _date(first, letterhead, title) if first else None
    periods = find_periods(title or "")
    period = next((p for p in periods if p.year_to > p.year_from), None)
    colophon = _colophon(layout)
    year = date.year if date else None
    if year is None and periods:
        year = periods[0].year_from
    if year is None and colophon:
        year = colophon[1]
    if year is None:
        year = _metadata_year(layout)
    first_text = "\n".join(line.text for line in [*first.running, *first.lines]) if first else ""
    side = "\n".join(line.text for line in letterhead)
    author = colophon[0] if colophon else municipality_of(first_text, side, layout.text)
    return Facts(title=title, date=date, year=year, period_start=period.year_from if period else None,
                 period_end=period.year_to if period else None, author=author)


_NUMBERED = re.compile(r"^(?:punkt\s+)?(?P<number>\d{1,3}(?:\.\d{1,2})*)[.:)]?\s+(?=\S)", re.IGNORECASE)


def is_heading(block: Block, body: float) -> bool:
    """A heading: bold or set larger than the body, short, and not a sentence that goes on."""
    text = block.text.strip()
    if not WORD.search(text) or len(text.split()) > HEADING_WORDS or text.endswith((",", ";")):
        return False
    if block.bullet:
        return False
    larger = block.size >= body * TITLE_SIZE
    return (block.bold or larger) and not (text.endswith(".") and not _NUMBERED.match(text) and not larger)


def heading_number(text: str) -> tuple[str | None, str]:
    """("1.2", "Indledning") of "1.2 Indledning"; (None, text) of an unnumbered heading."""
    match = _NUMBERED.match(text)
    if match:
        return match["number"], text[match.end():].strip()
    return None, text
