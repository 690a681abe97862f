"""Budget cards of expiring grants (``budget_expiry``): "Beskrivelse af udløb" / "Faglig vurdering af
videreførelse".

A deck is one card per page (a long card may run on to title-less pages). A card has two sides, found
by their headings in reading order (or, without headings, by the half of the page a part sits in):

- the granted side, "Beskrivelse af udløb": content, results and the granted economy;
- the proposed side, "Faglig vurdering af videreførelse": the administration's assessment and the
  proposed economy.

Each side holds parts under bold sub-headings ("Indhold i indsatsen:", "Resultater og erfaringer:",
"Økonomi/ressourcer:"). The card's title is the largest bold text of the page (at its foot in the
municipality's decks), its origin the short bold line under it ("Budget 2023", "OFS 22/23"), its
number the page label "Nr. N". A page holding only a large bold heading is a divider: its heading is
the section of the cards after it (on the first page it is the deck's cover).

Nothing here is tuned to one deck: sizes are relative to the document's body text and the page, and
words are matched as Danish language, not as the text of a particular file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from planarkiv.schema import (
    AmountRole,
    Assessment,
    BBox,
    Document,
    DocumentKind,
    Extraction,
    Initiative,
    InitiativeStatus,
    Provenance,
    Section,
)

from ..blocks import Block, blocks, join_lines
from ..danish.money import find_amounts
from ..danish.nlp import sentences
from ..danish.periods import YEAR
from ..danish.text import collapsed
from ..layout import Layout, Line, PageLayout
from ..layout.chrome import label_number, strip_chrome
from ..layout.geometry import lines_box
from ..records import Box, RecordBuilder

# -- words of the kind ----------------------------------------------------------------------------

_GRANTED_HEADING = re.compile(r"^beskrivelse\b|\budløb(et)?$", re.IGNORECASE)
_PROPOSED_HEADING = re.compile(
    r"^(forvaltningens\s+)?faglige?\s+vurdering|^vurdering\b|videreførelse$|justere?t\s+indsats|"
    r"^(indstilling|anbefaling|forslag)\b", re.IGNORECASE)
_COLUMN_HEADING = re.compile(
    r"^(beskrivelse af [\w/ ]{1,30}|(forvaltningens\s+)?faglige?\s+vurdering( af [\w/ ]{1,30})?)\s*:?$",
    re.IGNORECASE)
_SUBHEADING_START = re.compile(
    r"^(indhold|beskrivelse|formål|baggrund|målgruppe|resultat|erfaring|effekt|evaluering|status|økonomi|"
    r"ressourcer|finansiering|bevilling|budget|faglig|forvaltningens|vurdering|indstilling|anbefaling|"
    r"forslag)", re.IGNORECASE)
_ECONOMY = re.compile(r"økonomi|ressourcer|finansiering|bevilling|budget|beløb|udgift", re.IGNORECASE)
_RESULTS = re.compile(r"resultat|erfaring|effekt|evaluering|status", re.IGNORECASE)
_ASSESSMENT = re.compile(r"vurdering|justere?t|videreførelse|anbefal|indstil", re.IGNORECASE)

# Detection: the column headings and sub-headings the municipality's cards print.
_DETECT_GRANTED = re.compile(r"^beskrivelse af (udløb|bevilling)", re.IGNORECASE)
_DETECT_PROPOSED = re.compile(r"^(forvaltningens )?faglige? vurdering af videreførelse", re.IGNORECASE)
_DETECT_SUBHEADINGS = {
    "content": re.compile(r"^indhold i (indsatsen|bevillingen)", re.IGNORECASE),
    "results": re.compile(r"^resultater og erfaringer", re.IGNORECASE),
    "economy": re.compile(r"^økonomi\s*(/|og)\s*ressourcer", re.IGNORECASE),
    "adjusted": re.compile(r"^indhold i (den )?justere?t", re.IGNORECASE),
}

# The verdict: a verb of continuing, and what stands around it.
_CONTINUE = r"(?:videreføres|videreføre|videreført|fortsættes|fortsætte|forlænges|forlænge|forlænget|" \
            r"permanentgøres|gøres\s+permanent)"
_STOP = re.compile(r"\b(?:ophører|ophøre|nedlægges|afvikles|bortfalder)\b", re.IGNORECASE)
_VERDICT = re.compile(rf"\b{_CONTINUE}\b", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:ikke|ej)\b(?:\s+\S+){0,3}\s*$", re.IGNORECASE)
_NEGATED_AFTER = re.compile(r"^\s+(?:ikke|ej)\b", re.IGNORECASE)
_ONLY = re.compile(r"\bkun\b(?:\s+\S+){0,3}\s*$", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:hvis|såfremt|forudsat|medmindre|i fald|under forudsætning)\b", re.IGNORECASE)
_CONDITION_START = re.compile(r"^\W*(?:hvis|såfremt|forudsat|medmindre|i fald|under forudsætning)\b",
                              re.IGNORECASE)
_RECOMMENDED = re.compile(
    r"\b(?:anbefaler|anbefales|foreslår|foreslås|indstiller|indstilles)\s+(ikke\s+)?(?:en\s+)?"
    r"(?:videreførelse|forlængelse|fortsættelse)\b", re.IGNORECASE)
_UNCHANGED = re.compile(r"\buændre[dt]\b|\buden\s+(?:justering|ændring|tilpasning)\w*|\bsom\s+hidtil\b|"
                        r"\bi\s+(?:sin\s+)?nuværende\s+form\b", re.IGNORECASE)
_ADJUSTED = re.compile(
    r"\b(?:justering\w*|justere[st]?|justeret|tilpasning\w*|tilpasse[st]?|tilpasset|ændring\w*|ændre[st]?|"
    r"ændret|nedjuster\w*|opjuster\w*|nedskaler\w*|opskaler\w*|udvide[st]?|udvidet|udvidelse|"
    r"reducere[st]?|reduceret|reduktion|omlægning|omlægges|omlagt|lavere|højere|færre|nedsat|forhøjet|"
    r"med\s+følgende)\b", re.IGNORECASE)
_ASSESSING = re.compile(r"\bvurder\w*", re.IGNORECASE)
_CONTINUATION_WORD = re.compile(r"\b(?:viderefør|fortsæt|forlæng)\w*", re.IGNORECASE)

_BUDGET_YEAR = re.compile(rf"\bbudget(?:år)?\s*(?P<year>{YEAR})", re.IGNORECASE)
_GENERIC_TITLE = re.compile(r"^(microsoft\s+\w+\s*-|untitled|unavngivet|dokument\d*$|document\d*$)|"
                            r"\.(docx?|pdf|pptx?|xlsx?)$", re.IGNORECASE)

TITLE_RATIO = 1.3   # a card title is bold and at least this many times the body text size
MAX_HEADING_WORDS = 10


class Side(Enum):
    GRANTED = "granted"
    PROPOSED = "proposed"


class Kind(Enum):
    DESCRIPTION = "description"
    RESULTS = "results"
    ECONOMY = "economy"
    ASSESSMENT = "assessment"


@dataclass
class Part:
    """A stretch of a card under one heading (or under none, at the start of a side)."""

    side: Side | None
    kind: Kind
    heading: str | None
    lines: list[Line] = field(default_factory=list)

    @property
    def blocks(self) -> list[Block]:
        return blocks(self.lines)

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks).strip()

    @property
    def has_words(self) -> bool:
        """False for a part that only holds a dash or nothing ("Økonomi/ressourcer: -")."""
        return bool(re.search(r"\w", self.text))


@dataclass
class Card:
    page: PageLayout
    title: list[Line]
    origin: Line | None
    number: int | None
    section: str | None
    parts: list[Part]
    side_headings: dict[Side, str] = field(default_factory=dict)

    @property
    def title_text(self) -> str:
        text = ""
        for line in self.title:
            text = join_lines(text, line.text.strip())
        return collapsed(text).rstrip(".").strip()

    def text_of(self, side: Side | None, *kinds: Kind) -> str | None:
        texts = [p.text for p in self.parts if p.side is side and p.kind in kinds and p.has_words]
        return "\n".join(texts) if texts else None


@dataclass
class Heading:
    """A page that holds only a large bold heading: a deck's cover or a divider between groups."""

    page: PageLayout
    lines: list[Line]

    @property
    def text(self) -> str:
        text = ""
        for line in self.lines:
            text = join_lines(text, line.text.strip())
        return text


# -- detection ------------------------------------------------------------------------------------


def _short_lines(layout: Layout) -> list[tuple[int, str]]:
    return [(line.page, line.text.strip()) for line in layout.lines if len(line.words) <= MAX_HEADING_WORDS]


def detect(layout: Layout) -> float:
    """How strongly the content looks like a deck of budget cards (0..1)."""
    if not layout.pages:
        return 0.0
    short = _short_lines(layout)
    granted = {page for page, text in short if _DETECT_GRANTED.match(text)}
    proposed = {page for page, text in short if _DETECT_PROPOSED.match(text)}
    subheadings = {name for _, text in short for name, rx in _DETECT_SUBHEADINGS.items() if rx.match(text)}
    verdicts = _VERDICT.search(layout.text) is not None
    card_pages = len(granted | proposed) / len(layout.pages)
    score = (0.3 * bool(granted) + 0.3 * bool(proposed) + 0.2 * min(1.0, len(subheadings) / 3)
             + 0.1 * verdicts + 0.1 * min(1.0, card_pages * 2))
    return round(score, 3)


# -- pages ----------------------------------------------------------------------------------------


def _title_lines(page: PageLayout, body: float) -> list[Line]:
    """The largest bold text of the page, if it is markedly larger than the body text."""
    bold = [line for line in page.lines if line.bold]
    if not bold:
        return []
    size = max(line.size for line in bold)
    if size < body * TITLE_RATIO:
        return []
    lines = [line for line in bold if line.size >= size - 0.5]
    if all(_COLUMN_HEADING.match(line.text.strip()) for line in lines):
        return []  # only column headings: a page that continues a card
    return lines


def _origin(page: PageLayout, title: list[Line]) -> Line | None:
    """The short bold line right under the title ("Budget 2023"), or right above it if it has a year."""
    lines = page.lines
    first, last = lines.index(title[0]), lines.index(title[-1])
    after = lines[last + 1] if last + 1 < len(lines) else None
    before = lines[first - 1] if first > 0 else None
    for line, below in ((after, True), (before, False)):
        if (line is not None and line.bold and line.size < title[0].size - 0.5 and len(line.words) <= 6
                and (below or re.search(r"\d{2}", line.text)) and not line.text.strip().endswith(":")
                and _side_of(line.text) is None):
            if below and line.top < title[-1].bottom - 1:
                continue
            return line
    return None


def _side_of(heading: str) -> Side | None:
    text = heading.strip().rstrip(":").strip()
    if _PROPOSED_HEADING.search(text):
        return Side.PROPOSED
    if _GRANTED_HEADING.search(text):
        return Side.GRANTED
    return None


def _kind_of(heading: str, side: Side | None) -> Kind:
    if _ECONOMY.search(heading):
        return Kind.ECONOMY
    if _RESULTS.search(heading):
        return Kind.RESULTS
    if side is Side.PROPOSED or _ASSESSMENT.search(heading):
        return Kind.ASSESSMENT
    return Kind.DESCRIPTION


def _looks_like_heading(text: str) -> bool:
    """Short, and ends with a colon or starts with a word card headings start with."""
    text = text.strip()
    if not text or text.endswith((".", ",")) or len(text.split()) > MAX_HEADING_WORDS:
        return False
    return text.endswith(":") or (len(text.split()) <= 6 and _SUBHEADING_START.match(text) is not None)


def _heading_of(line: Line) -> tuple[str, Line | None] | None:
    """(heading, the rest of the line) when the line is a bold (sub-)heading or starts with one."""
    if line.bullet:
        return None
    if line.bold and _looks_like_heading(line.text):
        return line.text.strip().rstrip(":").strip(), None
    lead = line.bold_lead
    if lead.endswith(":") and len(lead.split()) <= 6 and _looks_like_heading(lead):
        n = len(lead.split())
        rest = Line(page=line.page, words=line.words[n:], bullet=None, markers=line.markers)
        return lead.rstrip(":").strip(), rest
    return None


def _parts(lines: Iterable[Line], side: Side | None = None) -> tuple[list[Part], dict[Side, str]]:
    """Walk a card's lines in reading order into parts; headings switch side and kind."""
    parts: list[Part] = []
    side_headings: dict[Side, str] = {}
    current: Part | None = None
    for line in lines:
        heading = _heading_of(line)
        if heading is None:
            if current is None:
                kind = Kind.ASSESSMENT if side is Side.PROPOSED else Kind.DESCRIPTION
                current = Part(side, kind, None)
                parts.append(current)
            current.lines.append(line)
            continue
        text, rest = heading
        switched = _side_of(text)
        if switched is not None:
            side = switched
            side_headings.setdefault(switched, text)
        current = Part(side, _kind_of(text, side), text)
        parts.append(current)
        if rest is not None and rest.words:
            current.lines.append(rest)
    return parts, side_headings


def _place_by_geometry(parts: list[Part], page: PageLayout) -> None:
    """Without side headings, a part's side is the half of the page its first line sits in."""
    for part in parts:
        if part.side is None and part.lines:
            middle = (part.lines[0].x0 + part.lines[0].x1) / 2
            part.side = Side.GRANTED if middle < page.width / 2 else Side.PROPOSED
            if part.side is Side.PROPOSED and part.kind is Kind.DESCRIPTION:
                part.kind = Kind.ASSESSMENT


def _body_lines(page: PageLayout, exclude: Sequence[Line]) -> list[Line]:
    skip = {id(line) for line in exclude}
    return [line for line in page.lines if id(line) not in skip]


def _read_pages(layout: Layout) -> tuple[list[Card], list[Heading]]:
    """Cards and heading pages, in page order; title-less pages after a card continue it."""
    body = layout.body_size
    # a deck's chrome beyond the default: a card's number shares a line with its origin ("Budget 2023
    # Nr. 20", three body sizes apart at least), and a small plain line in the margin is a header or
    # footer even when it does not recur
    settings = replace(layout.settings, label_gap=3.0, stray_chrome=True)
    cards: list[Card] = []
    headings: list[Heading] = []
    section: str | None = None
    previous: Card | None = None
    for page in (strip_chrome(page, body, settings) for page in layout.pages):
        title = _title_lines(page, body)
        origin = _origin(page, title) if title else None
        number = label_number(page)
        rest = _body_lines(page, [*title, *([origin] if origin else [])])
        if title and not rest and origin is None and number is None:
            heading = Heading(page, title)
            headings.append(heading)
            if page.number > 1 or cards:
                section = heading.text
            previous = None
            continue
        if not title:
            if previous is not None and rest:
                parts, side_headings = _parts(rest, _last_side(previous))
                _place_by_geometry(parts, page)
                previous.parts.extend(parts)
                for side, text in side_headings.items():
                    previous.side_headings.setdefault(side, text)
            continue
        parts, side_headings = _parts(rest)
        if not _is_card(parts, side_headings, title, rest, origin, number):
            previous = None
            continue
        if not side_headings:
            _place_by_geometry(parts, page)
        previous = Card(page, title, origin, number, section, parts, side_headings)
        cards.append(previous)
    return cards, headings


def _last_side(card: Card) -> Side | None:
    sides = [part.side for part in card.parts if part.side is not None]
    return sides[-1] if sides else None


def _is_card(parts: list[Part], side_headings: dict[Side, str], title: list[Line], rest: list[Line],
             origin: Line | None, number: int | None) -> bool:
    """A titled page is a card if it has card headings, an origin or a label, or its title is at the
    foot under the body text (a page of prose under a heading at its top is not a card)."""
    if side_headings or origin is not None or number is not None:
        return True
    if any(part.heading for part in parts):
        return True
    return bool(rest) and min(line.top for line in title) >= max(line.bottom for line in rest)


# -- the assessment -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    positive: bool
    negative: bool
    only: bool
    conditioned_negative: bool


def verdict(sentence: str) -> Verdict | None:
    """What a sentence says about continuing: continue, stop, only-if; None if it says nothing."""
    positive = negative = only = False
    for match in _VERDICT.finditer(sentence):
        before, after = sentence[:match.start()], sentence[match.end():]
        if _CONDITION_START.match(re.split(r"[,;:]", before)[-1]):
            continue  # "Hvis indsatsen ikke videreføres, …" states a condition, not a verdict
        if _ONLY.search(before):
            only = True
        elif _NEGATED.search(before) or _NEGATED_AFTER.match(after):
            negative = True
        else:
            positive = True
    for match in _RECOMMENDED.finditer(sentence):
        negative, positive = (True, positive) if match.group(1) else (negative, True)
    if _STOP.search(sentence):
        negative = True
    if not (positive or negative or only):
        return None
    return Verdict(positive, negative, only, negative and _CONDITION.search(sentence) is not None)


def _statement(blocks_: Sequence[Block]) -> tuple[list[str], list[str]]:
    """The assessment sentence(s): the first sentence with a verdict, and the sentences right after it
    that state its condition ("Såfremt …", "I fald …") or another verdict; then, when the last of them
    introduces a list ("… med følgende justeringer:"), the list's items (``_listed_after``)."""
    units = [(block, sentence) for block in blocks_ for sentence in sentences(block.text)]
    start = next((i for i, (_, s) in enumerate(units) if verdict(s)), None)
    if start is None:
        start = next((i for i, (_, s) in enumerate(units)
                      if _ASSESSING.search(s) and _CONTINUATION_WORD.search(s)), None)
        return ([units[start][1]] if start is not None else []), []
    chosen = [units[start][1]]
    end = start
    for block, sentence in units[start + 1:]:
        if chosen[-1].endswith(":") or block.bullet or not (
                _CONDITION_START.search(sentence) or verdict(sentence)):
            break
        chosen.append(sentence)
        end += 1
    return chosen, (_listed_after(units[end + 1:]) if chosen[-1].endswith(":") else [])


def _listed_after(units: Sequence[tuple[Block, str]]) -> list[str]:
    """The items of the list a statement's colon introduces: its bullets ("• Færre camps …", an item's
    wrapped lines joined), else the paragraphs after it to the end of the assessment."""
    items: list[str] = []
    bulleted = bool(units) and units[0][0].bullet is not None
    previous: Block | None = None
    for block, sentence in units:
        if block is previous:
            items[-1] += " " + sentence
        elif bulleted and block.bullet is None and not sentence[:1].islower():
            break
        elif bulleted and block.bullet is None:
            items[-1] += " " + sentence  # a bullet's lines wrapped into a block of their own
        else:
            items.append(f"• {sentence}" if block.bullet else sentence)
        previous = block
    return items


def _assessment_text(card: Card) -> tuple[str | None, Assessment | None]:
    """The card's assessment as written (the statement, and the list it introduces on lines of its own),
    and the assessment the statement makes."""
    chosen, listed = _statement(_assessment_blocks(card))
    statement = " ".join(chosen)
    if not statement:
        return None, None
    return "\n".join([statement, *listed]), assessment_of(statement)


def assessment_of(statement: str) -> Assessment | None:
    """The assessment a statement makes, from its own words."""
    found = [v for v in (verdict(s) for s in sentences(statement)) if v]
    if not found:
        return None
    positive = any(v.positive for v in found)
    negative = any(v.negative for v in found)
    if any(v.only for v in found) or (positive and negative) or any(v.conditioned_negative for v in found):
        return Assessment.CONDITIONAL
    if negative:
        return Assessment.NOT_CONTINUED
    if _UNCHANGED.search(statement) or not _ADJUSTED.search(statement):
        return Assessment.CONTINUE_UNCHANGED
    return Assessment.CONTINUE_ADJUSTED


def _assessment_blocks(card: Card) -> list[Block]:
    parts = [p for p in card.parts if p.side is Side.PROPOSED and p.kind is Kind.ASSESSMENT]
    if not parts:
        parts = [p for p in card.parts if p.side is Side.PROPOSED and p.kind is not Kind.ECONOMY]
    return [block for part in parts for block in part.blocks]


# -- the document ---------------------------------------------------------------------------------


def _proposed_year(card: Card) -> int | None:
    """The first year a card's proposal is for: the earliest year or price level of the money its proposed
    economy (else its proposed side) asks for. Other years in the text, such as the budget the grant came
    from ("Bevillingen fra budget 2023 foreslås videreført …"), are not years the money is for."""
    text = card.text_of(Side.PROPOSED, Kind.ECONOMY) or card.text_of(Side.PROPOSED, *Kind) or ""
    years = [year for money in find_amounts(text) for year in (money.year_from, money.price_level) if year]
    return min(years) if years else None


def document_year(cards: Sequence[Card], titles: Iterable[str]) -> int | None:
    """The budget year the cards are written for.

    Each card votes with the first year its proposal is for (the first year of the proposed period, or
    the price level "(2027 p/l)"); the most common vote wins, a tie goes to the later year. Without
    proposed years, the year of "Budget NNNN" in the deck's own title or cover heading. Never a card's
    origin ("Budget 2023"): that is when the expiring grant was given.
    """
    votes = Counter(year for year in map(_proposed_year, cards) if year)
    if votes:
        return max(votes, key=lambda year: (votes[year], year))
    for title in titles:
        for match in _BUDGET_YEAR.finditer(title):
            return int(match["year"])
    return None


def _own_title(layout: Layout) -> str | None:
    title = collapsed(layout.metadata.get("Title", ""))
    if len(re.sub(r"\W", "", title)) < 3 or _GENERIC_TITLE.search(title):
        return None
    return title


def document_title(layout: Layout, headings: Sequence[Heading], year: int | None) -> str:
    """The PDF's own title; else its cover heading; else a plain name for the deck."""
    own = _own_title(layout)
    if own:
        return own
    cover = next((h.text for h in headings if h.page.number == 1), None)
    if cover:
        return cover
    return f"Budget {year}: bevillinger der udløber" if year else "Bevillinger der udløber"


# -- records --------------------------------------------------------------------------------------


def _bbox(lines: Sequence[Line]) -> Box | None:
    return lines_box(lines) if lines else None


def _economy(card: Card) -> str | None:
    texts = []
    for side in (Side.GRANTED, Side.PROPOSED, None):
        text = card.text_of(side, Kind.ECONOMY)
        if text:
            label = card.side_headings.get(side) if side else None
            texts.append(f"{label}: {text}" if label else text)
    return "\n".join(texts) if texts else None


def _link(builder: RecordBuilder, initiative: Initiative, card: Card) -> None:
    """Target groups and offices named on the card, with the roles the card's sentences give them."""
    texts = [(card.title_text, card.page.number)]
    texts += [(block.text, block.page) for part in card.parts for block in part.blocks]
    for text, page in texts:
        builder.link_text(initiative, text, page)


def _money(builder: RecordBuilder, initiative: Initiative, card: Card) -> None:
    roles = {Side.GRANTED: AmountRole.GRANTED, Side.PROPOSED: AmountRole.PROPOSED, None: None}
    for part in card.parts:
        if part.lines and part.has_words:
            builder.money(part.text, part.lines[0].page, _bbox(part.lines), initiative, roles[part.side])


def _initiative(builder: RecordBuilder, card: Card) -> Initiative:
    assessment_text, assessment = _assessment_text(card)
    return builder.initiative(
        card.title_text, InitiativeStatus.EXPIRING, card.page.number, _bbox(card.title),
        section=card.section,
        assessment=assessment,
        assessment_text=assessment_text,
        origin=card.origin.text.strip() if card.origin else None,
        card_number=card.number,
        description=card.text_of(Side.GRANTED, Kind.DESCRIPTION),
        results=card.text_of(Side.GRANTED, Kind.RESULTS) or card.text_of(None, Kind.RESULTS),
        economy=_economy(card),
    )


def _sections(document: Document, headings: Sequence[Heading]) -> list[Section]:
    result = []
    for heading in headings:
        if heading.page.number == 1:
            continue  # the cover
        box = _bbox(heading.lines)
        bbox = BBox(x0=box[0], top=box[1], x1=box[2], bottom=box[3]) if box else None
        result.append(Section(id=f"{document.id}-s{len(result) + 1}", title=heading.text,
                              provenance=Provenance(document_id=document.id, page=heading.page.number,
                                                    bbox=bbox)))
    return result


def parse(layout: Layout, document: Document) -> Extraction:
    cards, headings = _read_pages(layout)
    year = document_year(cards, [_own_title(layout) or "", *(h.text for h in headings)])
    title = document_title(layout, headings, year)
    builder = RecordBuilder(document.model_copy(update={"title": title, "year": year}))
    for card in cards:
        if not card.title_text:
            continue
        initiative = _initiative(builder, card)
        _money(builder, initiative, card)
        _link(builder, initiative, card)
    extraction = builder.result()
    return extraction.model_copy(update={"sections": _sections(builder.document, headings)})


class BudgetExpiryParser:
    kind = DocumentKind.BUDGET_EXPIRY

    def detect(self, layout: Layout) -> float:
        return detect(layout)

    def parse(self, layout: Layout, document: Document) -> Extraction:
        return parse(layout, document)


VERSION = 1
PARSER = BudgetExpiryParser()
