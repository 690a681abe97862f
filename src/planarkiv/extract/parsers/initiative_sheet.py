"""Initiative sheets (``initiative_sheet``): a ruled table Nr. | Initiativ | Udmøntningsplan | Involverede.

The municipality writes the plan for spending an agreement's money as a landscape table, one numbered row
per initiative ("1.1", "2.7") under group rows ("1 Sådan imødegår vi …") whose text spans the middle
columns. The plan cell of a row holds paragraphs under bold field labels (Formål, Målgruppe, Løsning,
Forløb, Resultatmål, Økonomi); the last column names the offices that carry the initiative out. A row may
run across pages, and the header row is repeated on every page; ``..tables`` joins all that into one
table of rows of cells.

What a sheet yields:
- a ``theme`` goal per group row (its number and text), the theme of the initiatives under it;
- an initiative per numbered row: number, title (the Initiativ cell), status ``planned``, the fields of
  its plan cell; its Resultatmål as a ``result_target`` goal that the initiative supports;
- the offices of its Involverede cell as responsible, the offices and target groups its text names;
- the amounts of each row's text, owned by the row's initiative, and those of rows without a number (the
  total, "Budget til aftalen i 2010 66,4 mio. kr.") owned by none;
- the document's year and title from its own content.

Columns are found by the words of their header, labels by being bold and ending in a colon; nothing here
knows a particular sheet.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from planarkiv.schema import (
    Document,
    DocumentKind,
    Extraction,
    GoalKind,
    Initiative,
    InitiativeStatus,
    Office,
    OfficeRole,
    RelationType,
)

from ..blocks import Block, blocks, join_lines
from ..danish.offices import find_offices, resolve_office
from ..danish.periods import find_periods
from ..danish.text import clean_title, fold
from ..layout import Layout, Line, Word
from ..layout.geometry import lines_box
from ..records import RecordBuilder
from ..tables import Cell, Row, Table, find_tables

# -- words of the kind ----------------------------------------------------------------------------------

_NUMBER_HEADER = re.compile(r"^(nr|nummer|no|løbenr)\b\.?|^#$", re.IGNORECASE)
_TITLE_HEADER = re.compile(r"\b(initiativ|indsats|tiltag|projekt|aktivitet)(er|et|erne)?\b", re.IGNORECASE)
_BODY_HEADER = re.compile(r"udmøntning|plan\b|beskrivelse|indhold", re.IGNORECASE)
_INVOLVED_HEADER = re.compile(r"\b(involverede|ansvarlig[e]?|tovholdere?|aktører|udførende)\b", re.IGNORECASE)
_NUMBER_WORD = re.compile(r"(^|\s)(nr|nummer)\.?(\s|$)", re.IGNORECASE)

# The fields of the plan cell, by the start of their label ("Målgrupper:" is the target description too).
_FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("purpose", re.compile(r"^formål", re.IGNORECASE)),
    ("target_description", re.compile(r"^målgruppe", re.IGNORECASE)),
    ("solution", re.compile(r"^løsning|^indsats(en)?$|^aktivitet", re.IGNORECASE)),
    ("course", re.compile(r"^forløb", re.IGNORECASE)),
    ("results", re.compile(r"^resultat|^succeskriteri|^effektmål", re.IGNORECASE)),
    ("economy", re.compile(r"^økonomi|^finansiering|^budget", re.IGNORECASE)),
)
_DETECT_LABELS = re.compile(r"^(formål|målgrupper?|løsning|forløb|resultatmål|økonomi):$", re.IGNORECASE)

_INITIATIVE_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?$")
_GROUP_NUMBER = re.compile(r"^\d{1,2}\.?$")
_LEADING_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(?=\S)")

# An entry of the Involverede cell goes on to the next line after a word that cannot end a name.
_JOINING_WORDS = {"for", "i", "og", "af", "til", "med", "på", "de", "det", "den", "under", "ved", "&",
                  "samt", "om", "fra", "hos", "the", "of", "and"}
_DEFINITE_GENITIVE = re.compile(r"^[A-ZÆØÅ]\w*(ens|ets|ernes|enes|nes)$")


# -- columns ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Columns:
    number: int | None
    title: int
    body: int | None
    involved: int | None


def _columns(table: Table) -> Columns | None:
    """Which column is which, from the header's words (by position where the header says nothing)."""
    if table.columns < 2:
        return None
    heads = [fold(table.header.text(c)) if table.header else "" for c in range(table.columns)]
    found: dict[str, int] = {}
    for role, pattern in (("number", _NUMBER_HEADER), ("involved", _INVOLVED_HEADER),
                          ("title", _TITLE_HEADER), ("body", _BODY_HEADER)):
        for column, head in enumerate(heads):
            if column not in found.values() and pattern.search(head):
                found[role] = column
                break
    if table.header is None or not found.keys() & {"number", "title", "involved"}:
        found = {"number": 0, "title": 1} | ({"body": 2} if table.columns > 2 else {}) | (
            {"involved": table.columns - 1} if table.columns > 3 else {})
    free = [c for c in range(table.columns) if c not in found.values()]
    if "title" not in found:
        if not free:
            return None
        found["title"] = free.pop(0)
    if "body" not in found and free:
        found["body"] = next((c for c in free if c > found["title"]), free[0])
    return Columns(found.get("number"), found["title"], found.get("body"), found.get("involved"))


_TABLES: WeakKeyDictionary[Layout, list[Table]] = WeakKeyDictionary()


def _tables(layout: Layout) -> list[Table]:
    """The layout's tables, read once for detection and parsing."""
    if layout not in _TABLES:
        _TABLES[layout] = find_tables(layout)
    return _TABLES[layout]


def _numbered_rows(table: Table, columns: Columns) -> int:
    """How many rows carry an initiative's number ("1.1", "3.2")."""
    return sum(1 for row in table.rows if _INITIATIVE_NUMBER.match(_number(row, columns)[0] or ""))


def _sheet_table(tables: list[Table]) -> tuple[Table, Columns] | None:
    """The table of initiatives: the one with the most numbered rows."""
    best: tuple[int, Table, Columns] | None = None
    for table in tables:
        columns = _columns(table)
        if columns is None:
            continue
        numbered = _numbered_rows(table, columns)
        if numbered and (best is None or numbered > best[0]):
            best = (numbered, table, columns)
    return (best[1], best[2]) if best else None


# -- detection --------------------------------------------------------------------------------------------

def _header_signal(layout: Layout) -> float:
    """Bold words side by side naming the number, initiative and involved columns (1.0), or the number
    column and one of the others (0.5)."""
    best = 0.0
    for page in layout.pages:
        bold = sorted((w for line in page.lines for w in line.words if w.bold), key=lambda w: w.top)
        rows: list[list[Word]] = []
        for word in bold:
            if rows and word.top - rows[-1][0].top < 2.0:
                rows[-1].append(word)
            else:
                rows.append([word])
        for words in rows:
            text = " ".join(w.text for w in sorted(words, key=lambda w: w.x0))
            if _NUMBER_WORD.search(text):
                hits = bool(_TITLE_HEADER.search(text)) + bool(_INVOLVED_HEADER.search(text))
                best = max(best, (0.0, 0.5, 1.0)[hits])
    return best


def _label_signal(layout: Layout) -> float:
    """Bold field labels ("Formål:", "Resultatmål:"), several kinds of them, each used more than once."""
    counts = Counter()
    for line in layout.lines:
        lead = fold(line.bold_lead)
        if _DETECT_LABELS.match(lead):
            counts[lead.rstrip(":").removesuffix("r")] += 1
    distinct = len(counts)
    repeated = sum(1 for n in counts.values() if n >= 2)
    return min(1.0, distinct / 4) * min(1.0, repeated / 3)


def _numbered_signal(layout: Layout) -> float:
    numbered = sum(1 for line in layout.lines if _INITIATIVE_NUMBER.match(line.words[0].text))
    return min(1.0, numbered / 4)


def _table_signal(layout: Layout) -> float:
    """A ruled table whose header names the number, initiative and involved columns (an involved column
    is what sets a sheet apart from any numbered list) and whose rows are numbered initiatives."""
    best = 0.0
    for table in _tables(layout):
        if table.header is None or table.columns < 3:
            continue
        heads = [fold(t) for t in table.header.texts]
        number = any(_NUMBER_HEADER.search(h) for h in heads)
        title = any(_TITLE_HEADER.search(h) for h in heads)
        involved = any(_INVOLVED_HEADER.search(h) for h in heads)
        named = 1.0 if number and title and involved else 0.4 if number and (title or involved) else 0.0
        columns = _columns(table)
        numbered = _numbered_rows(table, columns) if columns else 0
        best = max(best, named * (1.0 if numbered >= 2 else 0.5))
    return best


def detect(layout: Layout) -> float:
    header, labels, numbered = _header_signal(layout), _label_signal(layout), _numbered_signal(layout)
    text_score = 0.3 * header + 0.3 * labels + 0.1 * numbered
    if header < 0.5 and labels < 0.5:
        return text_score  # no table header and few field labels: not worth reading the tables
    return text_score + 0.3 * _table_signal(layout)


# -- reading a row ------------------------------------------------------------------------------------------

def _joined(lines: list[Line]) -> str:
    text = ""
    for line in lines:
        text = join_lines(text, line.text)
    return text.strip()


def _number(row: Row, columns: Columns) -> tuple[str | None, bool]:
    """The row's number and whether it is written in the title cell ("1.1 Titel" without a Nr. column)."""
    if columns.number is not None:
        written = fold(row.text(columns.number)).rstrip(".")
        if written:
            return (written if _GROUP_NUMBER.match(written) or _INITIATIVE_NUMBER.match(written) else None,
                    False)
    match = _LEADING_NUMBER.match(row.text(columns.title).strip())
    return (match.group(1), True) if match else (None, False)


def _strip_number(text: str, number: str) -> str:
    return re.sub(rf"^{re.escape(number)}\.?\s+", "", text.strip())


@dataclass
class Field:
    name: str | None  # an Initiative field; None for text before the first label
    label: str
    lines: list[Line]

    def blocks(self) -> list[Block]:
        return blocks(self.lines)

    def text(self, separator: str = "\n") -> str:
        return separator.join(block.text for block in self.blocks()).strip()


def _label(line: Line) -> tuple[str, int] | None:
    """The field label a line starts with and how many words it takes: bold words ending in a colon (or a
    known label with its colon, bold or not)."""
    lead = line.bold_lead
    count = len(lead.split())
    if lead and not lead.endswith(":") and len(line.words) > count and line.words[count].text == ":":
        lead, count = lead + ":", count + 1
    if lead.endswith(":") and 1 <= count <= 4 and len(lead) <= 40:
        return lead.rstrip(":").strip(), count
    first = line.words[0].text
    if first.endswith(":") and any(pattern.match(first) for _, pattern in _FIELDS):
        return first.rstrip(":"), 1
    return None


def _fields(cell: Cell | None) -> list[Field]:
    """The plan cell as labelled fields, each with its lines (the label taken off the first)."""
    fields: list[Field] = []
    for line in cell.lines if cell else []:
        label = _label(line)
        if label:
            text, count = label
            name = next((n for n, pattern in _FIELDS if pattern.match(text)), None)
            rest = line.words[count:]
            fields.append(Field(name, text, [Line(line.page, rest, None, line.markers)] if rest else []))
        elif fields:
            fields[-1].lines.append(line)
        else:
            fields.append(Field(None, "", [line]))
    return [f for f in fields if f.lines]


def _entries(lines: list[Line]) -> list[str]:
    """The entries of an Involverede cell: one per comma-separated name, a name running on over line
    breaks where its line cannot end a name ("Kontoret for" / "Arbejdsmarkedspolitik")."""
    entries: list[str] = []
    current = ""
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if current:
            last = current.split()[-1]
            first = text.split()[0]
            runs_on = (current.endswith("-") or last.casefold() in _JOINING_WORDS
                       or bool(_DEFINITE_GENITIVE.match(last)) or first[:1].islower()
                       or first.casefold() in _JOINING_WORDS)
            if runs_on:
                current = join_lines(current, text)
            else:
                entries.append(current)
                current = text
        else:
            current = text
        parts = re.split(r"[,;]", current)
        entries += parts[:-1]
        current = parts[-1].strip()
    entries.append(current)
    return [entry.strip(" :;–") for entry in entries if entry.strip(" :;–")]


def _names_one_body(text: str) -> bool:
    mentions = find_offices(text)
    return len(mentions) == 1 and not re.search(r"\w", text[:mentions[0].start] + text[mentions[0].end:])


def _entry_offices(entry: str) -> list[Office]:
    """The offices of one Involverede entry: "SOF og BUF" is two when each part is a body on its own,
    "Børne- og Ungdomsforvaltningen" or "Center for Rådgivning og Udvikling" is one."""
    parts = [p for p in re.split(r"\s+(?:og|samt|&)\s+|\s*/\s*", entry) if p.strip()]
    if len(parts) > 1 and all(_names_one_body(p) for p in parts):
        return [find_offices(p)[0].office for p in parts]
    office = resolve_office(entry)
    return [office] if office else []


def _every_year(text: str) -> list[int]:
    """Every year of the periods a text names ("2024-2026" -> 2024, 2025, 2026)."""
    return [y for p in find_periods(text) for y in range(p.year_from, p.year_to + 1)]


# -- parsing ------------------------------------------------------------------------------------------------

class InitiativeSheetParser:
    kind = DocumentKind.INITIATIVE_SHEET

    def detect(self, layout: Layout) -> float:
        return detect(layout)

    def parse(self, layout: Layout, document: Document) -> Extraction:
        builder = RecordBuilder(document)
        found = _sheet_table(_tables(layout))
        if found is None:
            return builder.result()
        table, columns = found
        theme = None
        section = None
        unnumbered: list[Row] = []
        for row in table.rows:
            number, in_title = _number(row, columns)
            title_cell = row.cell(columns.title)
            title_text = _joined(title_cell.lines) if title_cell else ""
            if number and in_title:
                title_text = _strip_number(title_text, number)
            if number and _GROUP_NUMBER.match(number) and title_text:
                number = number.rstrip(".")
                theme = builder.goal(GoalKind.THEME, title_text, row.page, row.bbox, number=number)
                section = number
                unnumbered.append(row)  # an amount in a group row is the group's, not an initiative's
            elif number and _INITIATIVE_NUMBER.match(number):
                self._initiative(builder, row, columns, number.rstrip("."), title_text,
                                 theme.id if theme else None, section)
            else:
                unnumbered.append(row)
        for row in unnumbered:
            text = " ".join(_joined(c.lines) for c in row.cells
                            if c.lines and columns.number not in c.columns)
            if text:
                builder.money(text, row.page, row.bbox)
        return builder.result(**self._document_fields(layout, table, columns, unnumbered))

    def _initiative(self, builder: RecordBuilder, row: Row, columns: Columns, number: str, title: str,
                    theme_id: str | None, section: str | None) -> Initiative:
        fields = _fields(row.cell(columns.body) if columns.body is not None else None)
        values = {}
        for name in ("purpose", "target_description", "solution", "course", "results", "economy"):
            texts = [f.text() for f in fields if f.name == name]
            values[name] = "\n".join(t for t in texts if t) or None
        other = [(f"{f.label}: " if f.label else "") + f.text() for f in fields if f.name is None]
        values["description"] = "\n".join(t for t in other if t.strip()) or None
        if not title:
            title = next((b.text for f in fields for b in f.blocks()), f"Initiativ {number}")
        initiative = builder.initiative(clean_title(title), InitiativeStatus.PLANNED, row.page, row.bbox,
                                        number=number, theme_id=theme_id, section=section, **values)
        builder.link_text(initiative, title, row.page)
        for f in fields:
            for block in f.blocks():
                builder.link_text(initiative, block.text, block.page)
                builder.block_money(block, initiative)
        for f in (f for f in fields if f.name == "results"):
            first = f.lines[0]
            box = lines_box(f.lines)
            text = f.text(" ")
            years = sorted(set(_every_year(text)))
            goal = builder.goal(GoalKind.RESULT_TARGET, text, first.page, box, initiative_id=initiative.id,
                                year=years[0] if len(years) == 1 else None)
            builder.relate(initiative.id, goal.id, RelationType.SUPPORTS, text, first.page)
        involved = row.cell(columns.involved) if columns.involved is not None else None
        if involved and involved.lines:
            for entry in _entries(involved.lines):
                for office in _entry_offices(entry):
                    builder.office(initiative, office, OfficeRole.RESPONSIBLE, entry, involved.page)
        return initiative

    def _document_fields(self, layout: Layout, table: Table, columns: Columns,
                         unnumbered: list[Row]) -> dict[str, object]:
        """The year and title the sheet gives itself: the year in its header ("Udmøntningsplan for 2010")
        or total ("Budget til aftalen i 2010"), the title from the heading above the table and the plan
        column's header."""
        header_texts = [_joined(c.lines) for c in table.header.cells] if table.header else []
        first_page = next(p for p in layout.pages if p.number == table.pages[0])
        table_top = table.header.bbox[1] if table.header else table.rows[0].bbox[1]
        above = sorted((line for line in first_page.lines if line.bottom <= table_top),
                       key=lambda line: (line.top, line.x0))
        candidates = [*header_texts, *(" ".join(_joined(c.lines) for c in r.cells) for r in unnumbered),
                      *(line.text for line in above)]
        fields: dict[str, object] = {}
        for text in candidates:
            years = _every_year(text)
            if years:
                fields["year"] = years[0]
                break
        heading_lines: list[Line] = []
        for line in above:  # the last run of bold lines above the table ("BILAG 1")
            heading_lines = [*heading_lines, line] if line.bold else []
        heading = " ".join(line.text for line in heading_lines).strip()[:200]
        if heading.isupper():
            heading = heading.capitalize()
        plan_cell = table.header.cell(columns.body) if table.header and columns.body is not None else None
        plan = _joined(plan_cell.lines).rstrip(":").strip() if plan_cell else ""
        if not re.search(r"\d{4}|plan", plan, re.IGNORECASE):
            plan = ""  # a column heading such as "Beskrivelse" is no title
        if heading and plan and not plan.split()[0].isupper():
            plan = plan[0].lower() + plan[1:]
        if heading or plan:
            fields["title"] = ", ".join(t for t in (heading, plan) if t)
        return fields


VERSION = 1
PARSER = InitiativeSheetParser()
