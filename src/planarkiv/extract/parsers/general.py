"""Documents of no known kind: minutes, notes, reports, letters, agreements, policy papers.

The fallback of the registry: a document none of the five kinds claims is read for what every document
has (``facts``: title, date and year, author, sections) and for what staff ask of it:

- **money**: every amount of its body text, with its sentence and section; the figures of a ruled table
  whose header names the unit ("1.000 kr.", "Mio. kr."), each cell valued in it and owned by its row;
  not a chart's axis (a block of bare figures) nor a table of contents;
- **efforts it lists** (status ``mentioned``): numbered or lettered items ("1. …", "a) …"), a decision
  point of a recommendation ("At 2) der gives en anlægsbevilling på 5,0 mio. kr. …") when it grants money,
  bullets and bold lead-ins under a heading or label that lists efforts (Indsatser, Tiltag, Initiativer,
  Projekter, Anbefalinger, Handlingsplan, …) or after a lead-in that introduces them ("… foreslår
  følgende:"), sub-headings under such a heading, and the rows of an amount table. An item's title is its
  lead-in (before its colon), else its first sentence; its amounts are those of its own text or row;
- **who and for whom**: the offices it names (the Copenhagen gazetteer, scoped to Copenhagen's documents,
  and the bodies of the ordinary Danish patterns of ``danish.bodies``, as bodies of the document's own
  municipality), responsible where the sentence says so (``danish.roles``: "X er tovholder", "varetages
  af X", …), and its target groups, linked to the document and to the item they stand in.

A document whose text yields no title, section, amount or item has no readable structure: kind
``unknown``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from planarkiv.schema import (
    Document,
    DocumentKind,
    Extraction,
    Initiative,
    InitiativeStatus,
    Section,
)

from ..blocks import Block
from ..danish.bodies import find_bodies, is_copenhagen, office_of
from ..danish.money import cell_kroner, find_amounts, may_name_unit, table_unit
from ..danish.nlp import sentences
from ..danish.periods import MONTH_ABBREVIATIONS, MONTH_NAMES, years
from ..danish.roles import office_roles, role_at
from ..danish.target_groups import find_target_groups
from ..danish.text import clean_title, collapsed
from ..facts import GENRE, document_facts, heading_number, is_heading
from ..layout import Box, Layout, Line
from ..prose import paragraphs
from ..records import RecordBuilder
from ..tables import Row, Table, find_tables

# -- words of the kind ------------------------------------------------------------------------------------

# a heading or label under which a document lists its efforts
EFFORTS = re.compile(
    r"\b(?:\w*indsatser(?:ne)?|\w*indsatsområder(?:ne)?|tiltag(?:ene)?|\w*initiativer(?:ne)?|"
    r"\w*projekter(?:ne)?|anbefalinger(?:ne)?|handlingsplan(?:en)?|aktiviteter(?:ne)?)\b",
    re.IGNORECASE)
# a lead-in that introduces a list of efforts ("… foreslår derfor følgende:", "… skal fokusere på:")
INTRODUCES = re.compile(r"\b(?:foresl\w*|indsats\w*|tiltag\w*|initiativ\w*|projekt\w*|handling\w*|fokuser\w*|"
                        r"konkret\w*|følgende)\b", re.IGNORECASE)
# "1. …", "2) …", "a) …", "(b) …", and a decision point "At 1) …"
ITEM = re.compile(r"^(?P<decision>at\s+)?\(?(?P<label>\d{1,2}|[a-zæøå])(?:\)|\.(?=\s))\s*(?=\S)",
                  re.IGNORECASE)
# "1. januar …", "2. kvartal …", "3. behandling": a date or an ordinal, not a list item
NOT_AN_ITEM = re.compile(rf"^\d{{1,2}}\.\s*(?:{'|'.join(MONTH_NAMES + MONTH_ABBREVIATIONS)}|kvartal|halvår|"
                         r"behandling|gang|plads|del)\w*\b", re.IGNORECASE)
DASH_ITEM = re.compile(r"^[-–]\s+(?=\S)")  # "- Oprettelse af …": a list item typed with a dash
TOC_ENTRY = re.compile(r"(?:\.{4,}|…{2,}|\s)\s*\d{1,3}$")
TOTAL_ROW = re.compile(r"^(?:i\s+alt|total|samlet|sum|heraf)\b", re.IGNORECASE)
UNMARKED_WORDS = 10  # an item of a list without markers has at most this many words
LEAD_WORDS = 25  # a lead-in ends at a colon within this many words
SAME_EFFORT = 95  # rapidfuzz ratio of two titles of one effort listed twice
LABEL_WORDS = 5  # a label line ("Handlingsplan") has at most this many words
FIGURE = re.compile(r"[\d.,%-]+")  # a word of a chart's axis: asked of every word of every paragraph


def _is_toc_entry(text: str) -> bool:
    return len(text.split()) <= 14 and bool(TOC_ENTRY.search(text)) and not find_amounts(text)


def _is_figures(text: str) -> bool:
    """A chart's axis or a block of bare figures: most of its words are numbers."""
    words = text.split()
    figures = sum(1 for w in words if FIGURE.fullmatch(w))
    return len(words) >= 3 and figures / len(words) >= 0.6


def _lead_in(text: str) -> str | None:
    """The words before a colon that ends a lead-in ("Forbud mod skadelige fiskemetoder: …")."""
    head, colon, _ = text.partition(":")
    if colon and 2 <= len(head.split()) <= LEAD_WORDS and not re.search(r"[.!?]\s", head):
        return head
    return None


def _same_effort(a: str, b: str) -> bool:
    a, b = a.casefold(), b.casefold()
    return a == b or fuzz.ratio(a, b) >= SAME_EFFORT


def _is_label(text: str) -> bool:
    """A line that names a list of efforts without being a heading: "Handlingsplan", "Konkrete tiltag"."""
    return len(text.split()) <= LABEL_WORDS and bool(EFFORTS.search(text)) and not text.endswith((".", ":"))


def _last_sentence(text: str) -> str:
    """The end of a paragraph, where it may introduce the list after it."""
    said = sentences(text)
    return said[-1] if said else text


def _ends_with_colon(text: str) -> bool:
    """Whether the paragraph's last sentence ends with a colon: only a paragraph with a colon is split into
    sentences to say so."""
    return ":" in text and _last_sentence(text).endswith(":")


def _introduces(paragraph: str) -> bool:
    """Whether a paragraph ends in a label ("Handlingsplan") or a lead-in that introduces a list of
    efforts ("… foreslår følgende:"), so that the bullets after it are efforts."""
    last = _last_sentence(paragraph)
    return _is_label(last) or (last.endswith((":", "?")) and bool(INTRODUCES.search(last)))


def _title(text: str) -> str:
    """An item's title: its lead-in, else its first sentence, cleaned by the title rules."""
    lead = _lead_in(text)
    if lead:
        return clean_title(lead)
    first = next(iter(sentences(text)), text)
    return clean_title(first)


def _short(line: Line, right: float) -> bool:
    """A line of an unmarked list: a few words, no full stop, ending well before the paragraph's right
    edge."""
    text = line.text.strip()
    return len(text.split()) <= UNMARKED_WORDS and not text.endswith((".", ",")) and line.x1 < right - 40


def _items_apart(block: Block) -> list[Block]:
    """A paragraph cut where the layout could not see a new one begin: a list set in body type with no
    space between its items comes out of the layout as one paragraph with the text around it. Cut before
    a line that starts a list item ("1. …", "At 2) …", "- …"; a dash becomes the line's bullet), after a
    line that ends with a colon, and at each short line right after a colon: the items of a list without
    markers
    ("… på nedenstående projekter:" / "Byggemodning – Aarhus Ø" / "Supercykelsti – Tilst")."""
    parts: list[list[Line]] = []
    right = block.bbox[2]
    unmarked = False
    for line in block.lines:
        text = line.text
        if DASH_ITEM.match(text) and len(line.words) > 1 and not line.bullet:
            line = Line(line.page, line.words[1:], "-", line.markers)
        last = parts[-1] if parts else None
        unmarked = bool(last) and (unmarked or last[-1].text.rstrip().endswith(":")) and _short(line, right)
        if unmarked and not line.bullet:
            line = Line(line.page, line.words, "•", line.markers)
        starts = (last is None or bool(line.bullet) or bool(ITEM.match(text) and not NOT_AN_ITEM.match(text))
                  or last[-1].text.rstrip().endswith(":"))
        if starts:
            parts.append([line])
        else:
            last.append(line)
    return [Block(lines) for lines in parts]


# -- tables of money --------------------------------------------------------------------------------------

@dataclass
class _AmountTable:
    table: Table
    units: dict[int, int]  # column -> kroner per figure
    years: dict[int, int]  # column -> the year its header names
    boxes: list[tuple[int, Box]]  # (page, bbox) of every row, to leave its text to the table


def _amount_table(table: Table) -> _AmountTable | None:
    """A ruled table whose header (or first row) names a unit of money for its figure columns."""
    header = table.header or (table.rows[0] if table.rows else None)
    if header is None:
        return None
    texts = [header.text(column) for column in range(table.columns)]
    shared = next((unit for text in texts if (unit := table_unit(text)) and not years(text)), None)
    units, column_years = {}, {}
    for column, text in enumerate(texts):
        unit = table_unit(text) or shared
        if column and unit:
            units[column] = unit
            named = years(text)
            if named:
                column_years[column] = named[0]
    if not units:
        return None
    boxes = [(row.page, row.bbox) for row in [*([table.header] if table.header else []), *table.rows]]
    return _AmountTable(table, units, column_years, boxes)


def _place(found: _AmountTable) -> tuple[int, float]:
    """Where a table begins: its page and the top of its first row."""
    return found.table.pages[0], found.boxes[0][1][1]


def _inside(block: Block, boxes: list[tuple[int, Box]]) -> bool:
    x0, top, x1, bottom = block.bbox
    mid_x, mid_y = (x0 + x1) / 2, (top + bottom) / 2
    return any(page == block.page and b[0] <= mid_x <= b[2] and b[1] <= mid_y <= b[3] for page, b in boxes)


# -- the parser -------------------------------------------------------------------------------------------

@dataclass
class _Reading:
    """Where the walk through the document's paragraphs is."""

    section: Section | None = None
    efforts: float | None = None  # the type size of the heading or label that lists efforts, if under one
    intro: str = ""  # the last paragraph that was no list item (its last sentence is asked on use)
    item: Initiative | None = None


class GeneralParser:
    kind = DocumentKind.GENERAL
    fallback = True

    def detect(self, layout: Layout) -> float:
        return 0.0

    def parse(self, layout: Layout, document: Document) -> Extraction:
        facts = document_facts(layout)
        document = document.model_copy(update={
            "title": facts.title or document.title, "year": facts.year, "date": facts.date,
            "author": facts.author, "period_start": facts.period_start, "period_end": facts.period_end})
        return _GeneralReader(layout, document).read()


VERSION = 1
PARSER = GeneralParser()


class _GeneralReader:
    def __init__(self, layout: Layout, document: Document) -> None:
        self.layout = layout
        self.builder = RecordBuilder(document)
        self.sections: list[Section] = []
        author = document.author
        self.copenhagen = is_copenhagen(author)
        self.municipality = author if author and author.endswith(" Kommune") else None
        # every line, a letterhead's too: a narrow column of small type is as often a table's column as a
        # letterhead, and a letterhead names the body that wrote the document
        self.paragraphs = [part for block in paragraphs(layout.lines) for part in _items_apart(block)]
        self.names = {m.name for block in self.paragraphs for m in find_bodies(collapsed(block.text))}

    # records

    def _initiative(self, title: str, block: Block, number: str | None, at: _Reading,
                    text: str | None = None) -> Initiative | None:
        if not title:
            return None
        return self.builder.initiative(title, InitiativeStatus.MENTIONED, block.page, block.bbox,
                                       number=number, section=at.section.title if at.section else None,
                                       description=collapsed(text or block.text))

    def _section(self, text: str, block: Block) -> Section:
        number, title = heading_number(collapsed(text))
        section = Section(id=f"{self.builder.document.id}-s{len(self.sections) + 1}", number=number,
                          title=clean_title(title) or title,
                          provenance=self.builder.provenance(block.page, block.bbox))
        self.sections.append(section)
        return section

    def _who(self, text: str, page: int, item: Initiative | None) -> None:
        """Offices and target groups ``text`` names, linked to the document and to its item."""
        owners = [self.builder.document, *([item] if item else [])]
        known = office_roles(text, self.copenhagen)
        for mention in known:
            for owner in owners:
                self.builder.office(owner, mention.office, mention.role, text, page)
        for body in find_bodies(text):
            if any(m.start < body.end and body.start < m.end for m in known):
                continue
            office = office_of(body, self.municipality, self.names)
            role = role_at(text, body.start, body.end)
            for owner in owners:
                self.builder.office(owner, office, role, text, page)
        for group in find_target_groups(text):
            for owner in owners:
                self.builder.target_group(owner, group, text, page)

    # tables

    def _table_rows(self, found: _AmountTable, at: _Reading) -> None:
        for row in found.table.rows:
            self._table_row(found, row, at)

    def _table_row(self, found: _AmountTable, row: Row, at: _Reading) -> None:
        label = collapsed(row.text(0))
        figures = [(column, cell_kroner(collapsed(row.text(column)), unit))
                   for column, unit in found.units.items()]
        figures = [(column, value) for column, value in figures if value]
        if not figures:
            return
        item = None
        if label and re.search(r"[^\W\d_]", label) and not TOTAL_ROW.match(label):
            item = self.builder.initiative(clean_title(label), InitiativeStatus.MENTIONED, row.page, row.bbox,
                                           section=at.section.title if at.section else None)
        for column, value in figures:
            cell = row.cell(column)
            year = found.years.get(column)
            self.builder.cell_amount(collapsed(cell.text), value, cell.page, cell.bbox, item, year,
                                     sentence=label or None,
                                     section=at.section.title if at.section else None)
        if item is not None:
            self._who(label, row.page, item)

    # the walk

    def read(self) -> Extraction:
        tables = ([t for t in map(_amount_table, find_tables(self.layout)) if t]
                  if may_name_unit(self.layout.text) else [])  # most documents have no table of money
        boxes = [box for t in tables for box in t.boxes]
        at = _Reading()
        pending = sorted(tables, key=_place)
        body = self.layout.body_size
        for block in self.paragraphs:
            while pending and _place(pending[0]) <= (block.page, block.bbox[1]):
                self._table_rows(pending.pop(0), at)
            if boxes and _inside(block, boxes):
                continue
            self._paragraph(block, at, body)
        for table in pending:
            self._table_rows(table, at)
        for page in self.layout.pages:  # a footnote names its sources: offices too, of the document
            if page.footnotes:
                self._who(" ".join(line.text for line in page.footnotes), page.number, None)
        self._drop_repeated()
        kind = DocumentKind.GENERAL if (self.sections or self.builder.amounts or self.builder.initiatives
                                        or self.builder.relations) else DocumentKind.UNKNOWN
        extraction = self.builder.result(kind=kind)
        return extraction.model_copy(update={"sections": self.sections})

    def _names_the_document(self, text: str) -> bool:
        if self.sections:
            return False
        title = self.builder.document.title.casefold()
        return bool(GENRE.match(text)) or text.casefold() in title or title in text.casefold()

    def _drop_repeated(self) -> None:
        """An effort listed twice (a summary's bullet and the chapter's item) is one initiative: the later,
        where the document treats it in full, stays, and what the earlier owned goes to it."""
        kept: list[Initiative] = []
        moved: dict[str, str] = {}
        for initiative in self.builder.initiatives:
            twin = next((k for k in kept if _same_effort(k.title, initiative.title)), None)
            if twin is None:
                kept.append(initiative)
                continue
            kept[kept.index(twin)] = initiative
            moved[twin.id] = initiative.id
        if not moved:
            return
        self.builder.initiatives = kept
        for amount in self.builder.amounts:
            if amount.initiative_id in moved:
                amount.initiative_id = moved[amount.initiative_id]
        relations = list(self.builder.relations.values())
        self.builder.relations = {}
        for relation in relations:
            self.builder.relate(moved.get(relation.source_id, relation.source_id), relation.target_id,
                                relation.type, relation.evidence, relation.page, relation.score)

    def _paragraph(self, block: Block, at: _Reading, body: float) -> None:
        text = collapsed(block.text)
        if _is_toc_entry(text):
            return
        section = at.section.title if at.section else None
        if is_heading(block, body):
            sub = at.efforts is not None and block.size < at.efforts - 0.3
            at.item = None
            if sub:
                at.item = self._initiative(clean_title(heading_number(text)[1]), block, None, at)
            elif not self._names_the_document(text):  # the title and a genre word above it are no section
                at.section = self._section(text, block)
                section = at.section.title
                at.efforts = block.size if EFFORTS.search(text) else None
            at.intro = ""
        elif _is_label(text):
            at.efforts, at.intro, at.item = block.size, "", None  # a label line: "Handlingsplan"
        else:
            at.item = self._item(block, text, at)
            if (at.item is None and not block.bullet) or _ends_with_colon(text):
                at.intro = text  # a list item's paragraph may run on into the lead-in of the next list
        if not _is_figures(text):
            self.builder.money(block.text, block.page, block.bbox, at.item, section=section)
        self._who(text, block.page, at.item)

    def _item(self, block: Block, text: str, at: _Reading) -> Initiative | None:
        """The initiative a paragraph starts, if it is an item of a list of efforts."""
        item = ITEM.match(text)
        if item and not NOT_AN_ITEM.match(text):
            rest = text[item.end():]
            if item["decision"] and not find_amounts(rest):
                return None  # a decision point that approves or takes note: no effort of its own
            return self._initiative(_title(rest), block, item["label"], at, rest)
        if block.bullet and (at.efforts is not None or _introduces(at.intro)):
            return self._initiative(_title(text), block, None, at)
        if at.efforts is not None and (block.lead or block.bold) and _lead_in(text):
            return self._initiative(clean_title(_lead_in(text) or ""), block, None, at)
        return None
