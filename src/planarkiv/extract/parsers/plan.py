"""The Beskæftigelsesplan (kind ``plan``): vision goals, ministermål, initiatives, amounts and section 5.

How such a plan is built (docs/domain.md; the bundled 2018 plan): numbered sections ("4.3 Dagpengemodtagere
i job"); each target-group section has bordered boxes of ``Mål`` / ``Status`` paragraphs (the vision
goals with their latest status), drawn outside the reading order of the text, and the parts "Status" and
"Indsats"/"Indsatser"/"Indsatsen"; one section lists the ministermål of the year ("Ministermålene for 2018
er:"), and a later one has a subsection per ministermål saying which vision sections it agrees with
("Dette mål stemmer overens med … (afsnit 4.3)").

What counts as an initiative (the domain rule, made operational):
- every list item under an Indsats heading, and every item of a budget list ("I budgetaftalen for 2018 er
  der afsat midler til følgende …:") anywhere; an item that ends with a colon only heads a sub-list, and
  the items of a list whose introduction names them as something else ("fem principper", "fire
  satsninger": the content of an agreement already counted) are not initiatives;
- every paragraph under an Indsats heading that introduces an effort: its first sentence is dated (a
  year) or brings in something new with an indefinite article ("iværksat en proces", "et samarbejde").
  A paragraph that only introduces a list is an initiative when its first sentence reports a dated
  decision or grant ("I Budget 2017 indgik …"); a paragraph that only goes on about the effort before it
  ("Det nye samtalekoncept har fokus på …", "Aftalen udstikker kursen …") belongs to that effort: its
  money and names are that initiative's.
Titles: a list item's lead-in before its colon, else the first sentence without a trailing parenthesis.

Every amount of money in the document is recorded once, owned by the initiative whose text holds it, or
by none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from planarkiv.schema import (
    Document,
    DocumentKind,
    Extraction,
    Goal,
    GoalKind,
    Initiative,
    InitiativeStatus,
    OfficeRole,
    Provenance,
    RelationType,
    Section,
    TargetGroup,
)

from ..blocks import Block, blocks, join_lines
from ..danish import target_groups as group_finder
from ..danish.nlp import sentences
from ..danish.periods import YEAR, Period, find_periods, years
from ..danish.roles import office_roles
from ..danish.text import clean_title, fold, tidied
from ..layout import Layout, Line
from ..layout.geometry import lines_box
from ..records import Box, RecordBuilder

BOX_LABELS = ("mål", "status")
NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.*)$")
NUMBERED_ITEM = re.compile(r"^(\d{1,2})[.)]\s+(?=\S)")
INDSATS_HEADING = re.compile(r"^indsats(?:er|en)?\b", re.IGNORECASE)
PART_TITLE = re.compile(r"indsats(?:er|en)?|status", re.IGNORECASE)
INDEFINITE = re.compile(r"\b(?:en|et|ét)\s+[\wæøå]", re.IGNORECASE)
# A list introduction that names its items as the content of something else, not as efforts.
NOT_EFFORTS = re.compile(
    r"\b(?:princip(?:per|perne)?|satsning(?:er|erne)?|målsætning(?:er|erne)?|pejlemærke(?:r|rne)?|"
    r"delmål|værdier)\b", re.IGNORECASE)
BUDGET_LIST = re.compile(r"budget\w*.*\b(?:afsat|afsættes|bevilget|bevilliget|tilført|midler)\b|"
                         r"\b(?:afsat|bevilget|bevilliget|tilført|midler)\b.*budget", re.IGNORECASE)
MINISTER = re.compile(r"minister\w*\s*mål", re.IGNORECASE)
ALIGNMENT = re.compile(
    r"stemmer overens|overensstemmelse|flugter|i tråd med|svarer til|hænger sammen med|understøtter",
    re.IGNORECASE)
SECTION_REFERENCE = re.compile(
    r"\bafsnit(?:tene)?\s+(\d+(?:\.\d+)*(?:\s*(?:,|og|samt)\s*\d+(?:\.\d+)*)*)", re.IGNORECASE)
VERSION_YEAR = re.compile(rf"(?P<year>{YEAR})-version|\bversion(?:en)?\s+(?:fra\s+|for\s+)?(?P<of>{YEAR})",
                          re.IGNORECASE)
VISION_YEAR = re.compile(rf"\bvision\s*(?P<year>{YEAR})", re.IGNORECASE)
PERIOD_WORD = re.compile(r"\bperioden\s+$", re.IGNORECASE)
LEAD_IN = re.compile(r"^([^.:;!?]{3,90}?):\s+(?=\S)")


# -- boxes -----------------------------------------------------------------------------------------


@dataclass
class BoxParagraph:
    """One labelled paragraph of a Mål/Status box."""

    label: str
    lines: list[Line]
    order: int

    @property
    def text(self) -> str:
        text = " ".join(word.text for word in self.lines[0].words[1:])
        for line in self.lines[1:]:
            text = join_lines(text, line.text)
        return tidied(text)

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def bbox(self) -> Box:
        return lines_box(self.lines)


def box_label(line: Line) -> str | None:
    """``mål`` or ``status`` when the line starts a box paragraph: the label word set apart from its text
    by bold type, a colon or a label column, and text after it."""
    if line.bullet or line.bold or len(line.words) < 2:
        return None
    first, second = line.words[0], line.words[1]
    label = first.text.rstrip(":").casefold()
    if label not in BOX_LABELS:
        return None
    set_apart = ((first.bold and not second.bold) or first.text.endswith(":")
                 or second.x0 - first.x1 > line.size * 1.5)
    return label if set_apart else None


def _continues_box(first: Line, prev: Line, line: Line) -> bool:
    return (line.page == prev.page and not line.bullet and not line.bold
            and abs(line.size - first.size) <= 0.3 and line.x0 >= first.x0 - 2
            and 0 <= line.top - prev.bottom <= (prev.bottom - prev.top) * 1.0)


def split_boxes(lines: list[Line]) -> tuple[list[Line], list[BoxParagraph]]:
    """The body lines and the box paragraphs (taken out so that a box never splits a paragraph)."""
    body: list[Line] = []
    boxes: list[BoxParagraph] = []
    current: BoxParagraph | None = None
    for i, line in enumerate(lines):
        label = box_label(line)
        if label:
            current = BoxParagraph(label, [line], i)
            boxes.append(current)
        elif current and _continues_box(current.lines[0], current.lines[-1], line):
            current.lines.append(line)
        else:
            current = None
            body.append(line)
    return body, boxes


# -- sections and parts -------------------------------------------------------------------------


@dataclass
class Part:
    """A run of blocks under one sub-heading ("Status", "Indsatser") of a section, or before any."""

    heading: Block | None
    blocks: list[Block] = field(default_factory=list)

    @property
    def is_indsats(self) -> bool:
        return self.heading is not None and bool(INDSATS_HEADING.match(self.heading.text.strip()))


@dataclass
class PlanSection:
    number: str | None
    title: str
    heading: Block | None
    parts: list[Part] = field(default_factory=lambda: [Part(None)])
    boxes: list[BoxParagraph] = field(default_factory=list)

    @property
    def blocks(self) -> Iterator[Block]:
        for part in self.parts:
            if part.heading is not None:
                yield part.heading
            yield from part.blocks


def _merge_continuations(found: list[Block]) -> list[Block]:
    """Join a block that starts in lower case to an unfinished block before it: text that a box (now
    taken out) had interrupted."""
    merged: list[Block] = []
    for block in found:
        prev = merged[-1] if merged else None
        if (prev and not block.bullet and not block.bold and not prev.bold and block.text[:1].islower()
                and not re.search(r"[.:!?]$", prev.text.strip())):
            merged[-1] = Block(prev.lines + block.lines)
        else:
            merged.append(block)
    return merged


def is_heading(block: Block, body_size: float) -> bool:
    """Bold text at least of body size, or a short line set larger than the body; also a bare part title
    ("Indsatser", "Status") on its own line, for producers that set sub-headings in plain type."""
    if block.bullet or block.size < body_size - 0.05:
        return False
    if block.bold or (block.size >= body_size * 1.1 and len(block.lines) <= 3):
        return True
    return len(block.lines) == 1 and bool(PART_TITLE.fullmatch(block.text.strip().rstrip(":")))


def _stays_in_part(part: Part, heading: Block) -> bool:
    """A smaller heading, or one that ends in a colon, inside an Indsats part groups its items."""
    return part.is_indsats and part.heading is not None and (
        heading.size < part.heading.size - 0.3 or heading.text.strip().endswith(":"))


def read_sections(layout: Layout) -> list[PlanSection]:
    """The document as sections (a preamble first), each with its parts and its box paragraphs."""
    lines = layout.lines
    body, boxes = split_boxes(lines)
    order = {id(line): i for i, line in enumerate(lines)}
    found = _merge_continuations(blocks(body))
    events: list[tuple[int, Block | BoxParagraph]] = [(order[id(b.lines[0])], b) for b in found]
    events += [(p.order, p) for p in boxes]
    events.sort(key=lambda event: event[0])
    body_size = layout.body_size
    sections = [PlanSection(None, "", None)]
    for _, item in events:
        section = sections[-1]
        if isinstance(item, BoxParagraph):
            section.boxes.append(item)
        elif is_heading(item, body_size) and (match := NUMBERED_HEADING.match(item.text.strip())):
            sections.append(PlanSection(match.group(1), tidied(match.group(2)), item))
        elif is_heading(item, body_size) and not _stays_in_part(section.parts[-1], item):
            section.parts.append(Part(item))
        else:
            section.parts[-1].blocks.append(item)
    return sections


# -- initiatives ---------------------------------------------------------------------------------


@dataclass
class Unit:
    block: Block
    level: int  # 0 a paragraph, 1 a list item, 2 an item of a sub-list


def units(found: list[Block]) -> list[Unit]:
    """Paragraphs and list items (bullets or "1." numbers), with the depth of each item."""
    result: list[Unit] = []
    first_x: float | None = None
    for block in found:
        if not (block.bullet or NUMBERED_ITEM.match(block.text)):
            result.append(Unit(block, 0))
            first_x = None
            continue
        if block.bullet == "o" or (first_x is not None and block.x0 > first_x + 8):
            result.append(Unit(block, 2))
            continue
        first_x = block.x0
        result.append(Unit(block, 1))
    return result


def lists(found: list[Unit]) -> list[tuple[str, list[Unit]]]:
    """The lists among units: the paragraph before each (its introduction, or "") and its top items."""
    result: list[tuple[str, list[Unit]]] = []
    intro, in_list = "", False
    for unit in found:
        if unit.level == 0:
            intro, in_list = unit.block.text, False
        elif unit.level == 1:
            if not in_list:
                result.append((intro, []))
                in_list = True
            result[-1][1].append(unit)
    return result


@dataclass
class Found:
    """An initiative the text names, before it becomes a record."""

    block: Block
    title: str
    number: str | None = None
    intro: str | None = None  # the sentence introducing its list ("… på følgende måder:")
    more: list[Block] = field(default_factory=list)  # paragraphs that go on about it


def anchored(sentence: str) -> bool:
    """Whether a sentence introduces an effort: it is dated or brings in something new."""
    return bool(find_periods(sentence) or INDEFINITE.search(sentence))


def item_title(block: Block) -> tuple[str, str | None]:
    """A list item's title (its lead-in, else its first sentence) and its number, if numbered."""
    text = tidied(block.text)
    number = None
    if match := NUMBERED_ITEM.match(text):
        number, text = match.group(1), text[match.end():]
    lead = block.lead.strip()
    if lead and text.startswith(lead) and len(lead.rstrip(":").split()) <= 10:
        return clean_title(lead), number
    if (match := LEAD_IN.match(text)) and len(match.group(1).split()) <= 8:
        return clean_title(match.group(1)), number
    return clean_title(sentences(text)[0]), number


def _paragraph(block: Block) -> Found | None:
    """The initiative a paragraph of an Indsats part introduces, or None."""
    said = sentences(block.text)
    if not said or block.bold:
        return None  # a heading grouping the items under it
    if block.text.strip().endswith(":"):
        return Found(block, clean_title(said[0])) if len(said) > 1 and find_periods(said[0]) else None
    return Found(block, clean_title(said[0])) if anchored(said[0]) else None


def _goes_on(block: Block) -> bool:
    """A plain paragraph that neither introduces an effort nor a list: it goes on about the one before."""
    return not block.bold and not block.text.strip().endswith(":")


def find_initiatives(part: Part) -> list[Found]:
    """The initiatives of one part: all of an Indsats part's, only budget-list items elsewhere."""
    indsats = part.is_indsats
    found: list[Found] = []
    intro = ""
    parent: Unit | None = None
    last_paragraph: Found | None = None  # the effort a following paragraph may go on about
    for unit in units(part.blocks):
        text = unit.block.text.strip()
        if unit.level == 0:
            said = sentences(text)
            intro, parent = (said[-1] if said and text.endswith(":") else ""), None
            made = _paragraph(unit.block) if indsats else None
            if made:
                found.append(made)
                last_paragraph = made
            elif indsats and last_paragraph and _goes_on(unit.block):
                last_paragraph.more.append(unit.block)
            else:
                last_paragraph = None
            continue
        if NOT_EFFORTS.search(intro) or not (indsats or BUDGET_LIST.search(intro)):
            continue
        if unit.level == 1:
            parent = unit
        if text.endswith(":"):
            continue  # it heads a sub-list
        title, number = item_title(unit.block)
        lead_in = parent.block.text if unit.level == 2 and parent else intro
        found.append(Found(unit.block, title, number, lead_in or None))
        last_paragraph = None
    return found


# -- the parser ------------------------------------------------------------------------------------


def _range(periods: Iterable[Period]) -> Period | None:
    """The first period of more than one year ("2016-2020", "2016 til 2020")."""
    return next((p for p in periods if p.year_to > p.year_from), None)


def _has_labels(layout: Layout) -> bool:
    labels = {box_label(line) for line in layout.lines}
    return {"mål", "status"} <= labels


class PlanParser:
    kind = DocumentKind.PLAN

    def detect(self, layout: Layout) -> float:
        """Several signals of a Beskæftigelsesplan; no single one reaches the detector's threshold."""
        text = layout.text.casefold()
        if not text.strip():
            return 0.0
        headings = [line for line in layout.lines if line.bold and NUMBERED_HEADING.match(line.text)]
        score = 0.0
        score += 0.25 if "beskæftigelsesplan" in text else 0.0
        score += 0.15 if VISION_YEAR.search(text) or "visionsmål" in text else 0.0
        score += 0.2 if MINISTER.search(text) else 0.0
        score += 0.2 if _has_labels(layout) else 0.0
        indsats = any(INDSATS_HEADING.fullmatch(line.text.strip().rstrip(":")) for line in layout.lines)
        score += 0.1 if indsats else 0.0
        score += 0.1 if len(headings) >= 3 else 0.0
        return min(score, 1.0)

    def parse(self, layout: Layout, document: Document) -> Extraction:
        return PlanReader(layout, document).read()


@dataclass
class PlanFacts:
    title: str | None = None
    year: int | None = None
    period_start: int | None = None
    period_end: int | None = None
    vision_year: int | None = None


class PlanReader:
    """One plan being read: the sections, then goals, initiatives, amounts and relations."""

    def __init__(self, layout: Layout, document: Document) -> None:
        self.layout = layout
        self.builder = RecordBuilder(document)
        self.sections = read_sections(layout)
        self.owners: dict[int, Initiative] = {}  # id(block) -> the initiative whose text it is
        self.vision: dict[str | None, list[Goal]] = {}  # section number -> its vision goals
        self.minister_where: list[PlanSection | None] = []  # the subsection of each ministermål
        self.found_groups: dict[str, list[TargetGroup]] = {}

    def groups(self, text: str) -> list[TargetGroup]:
        """The target groups a text speaks of (the finder is costly: each text is asked once)."""
        if text not in self.found_groups:
            self.found_groups[text] = group_finder.find_target_groups(text) if text else []
        return self.found_groups[text]

    def read(self) -> Extraction:
        facts = self.document_facts()
        self.vision_goals(facts.vision_year or facts.period_end)
        ministers = self.minister_goals(facts.year)
        if facts.year is None and ministers:
            facts.year = ministers[0].year  # a plan without a version line is the plan of its ministermål
        for section in self.sections:
            for part in section.parts:
                for found in find_initiatives(part):
                    self.initiative(section, found)
        self.amounts()
        self.alignments(ministers)
        fields = {"title": facts.title, "year": facts.year, "period_start": facts.period_start,
                  "period_end": facts.period_end}
        result = self.builder.result(**{key: value for key, value in fields.items() if value is not None})
        return result.model_copy(update={"sections": self.section_records()})

    # -- the document

    def title_blocks(self) -> list[Block]:
        """The large bold lines before the first numbered section (the title page)."""
        preamble = list(self.sections[0].blocks)
        if not preamble:
            return []
        size = self.layout.body_size * 1.3
        return [b for b in preamble if b.bold and b.size >= size and b.page == preamble[0].page]

    def document_facts(self) -> PlanFacts:
        """Title (the title page's lines), version year ("Dette er 2018-versionen"), period ("2016-2020",
        "for perioden 2016 til 2020") and the year of the vision ("Vision 2020")."""
        facts = PlanFacts(title=", ".join(tidied(b.text) for b in self.title_blocks()) or None)
        title, text = facts.title or "", self.layout.text
        version = VERSION_YEAR.search(title) or VERSION_YEAR.search(text)
        period = _range(find_periods(title)) or _range(p for p in find_periods(text)
                                                       if PERIOD_WORD.search(text, 0, p.start))
        if period:
            facts.period_start, facts.period_end = period.year_from, period.year_to
        if version:
            facts.year = int(version["year"] or version["of"])
        elif not period and (single := years(title)):
            facts.year = single[0]
        if vision := VISION_YEAR.search(text):
            facts.vision_year = int(vision["year"])
        return facts

    def section_records(self) -> list[Section]:
        records = []
        for section in self.sections:
            if section.heading is None:
                continue
            records.append(Section(
                id=f"{self.builder.document.id}-s{len(records) + 1}", number=section.number,
                title=section.title, provenance=self.provenance(section.heading)))
        return records

    def provenance(self, block: Block) -> Provenance:
        return self.builder.provenance(block.page, block.bbox)

    # -- goals

    def section_groups(self, section: PlanSection) -> list[TargetGroup]:
        return self.groups(section.title) or [
            g for goal in self.vision.get(section.number, []) for g in self.groups(goal.text)]

    def vision_goals(self, year: int | None) -> None:
        """A goal per Mål paragraph of a box, with the first sentence of the Status after it."""
        number = 0
        for section in self.sections:
            pairs: list[list[BoxParagraph]] = []
            for paragraph in section.boxes:
                if paragraph.label == "mål":
                    pairs.append([paragraph])
                elif pairs and len(pairs[-1]) == 1:
                    pairs[-1].append(paragraph)
            heading_groups = self.groups(section.title)
            for pair in pairs:
                number += 1
                goal_text = pair[0].text
                status = sentences(pair[1].text)[0] if len(pair) > 1 and pair[1].text else None
                groups = self.groups(goal_text) or heading_groups
                goal = self.builder.goal(
                    GoalKind.VISION, goal_text, pair[0].page, pair[0].bbox, number=str(number),
                    target_group=groups[0].name if groups else None, year=year, status=status,
                    section=section.number)
                self.vision.setdefault(section.number, []).append(goal)

    def minister_list(self) -> tuple[PlanSection, list[Unit], str] | None:
        """The ministermål as listed in a section about them: the list introduced as the ministermål
        ("Ministermålene for 2018 er:"), else that section's first list; with the list's introduction."""
        candidates = [(section, intro, items) for section in self.sections if MINISTER.search(section.title)
                      for part in section.parts for intro, items in lists(units(part.blocks))]
        for section, intro, items in candidates:
            if MINISTER.search(intro):
                return section, items, intro
        return (candidates[0][0], candidates[0][2], candidates[0][1]) if candidates else None

    def subsections(self, section: PlanSection) -> list[PlanSection]:
        prefix = f"{section.number}."
        return [s for s in self.sections if s.number and s.number.startswith(prefix)
                and s.number.count(".") == section.number.count(".") + 1] if section.number else []

    def minister_goals(self, document_year: int | None) -> list[Goal]:
        """The ministermål, numbered in order, each with the subsection that treats it."""
        listed = self.minister_list()
        if listed:
            section, items, intro = listed
            texts = [(tidied(NUMBERED_ITEM.sub("", u.block.text)), u.block.page, u.block.bbox)
                     for u in items]
        else:
            holders = [s for s in self.sections
                       if MINISTER.search(s.title) and self.subsections(s)]
            if not holders:
                return []
            section, intro = holders[0], ""
            texts = [(s.title, s.heading.page, s.heading.bbox) for s in self.subsections(section)
                     if s.heading is not None]
        year = next(iter(years(section.title) or years(intro)), document_year)
        where = self.minister_sections([text for text, _, _ in texts])
        goals = []
        for i, (text, page, bbox) in enumerate(texts):
            groups = self.groups(text)
            goals.append(self.builder.goal(
                GoalKind.MINISTER, text, page, bbox, number=str(i + 1),
                target_group=groups[0].name if groups else None, year=year,
                section=where[i].number if where[i] else None))
        self.minister_where = where
        return goals

    def minister_sections(self, texts: list[str]) -> list[PlanSection | None]:
        """The subsection whose heading is the ministermål's text (closest match), else by order within
        the ministermål section that has one subsection per goal."""
        candidates = [s for s in self.sections if s.number and "." in s.number]
        found: list[PlanSection | None] = []
        for text in texts:
            scored = [(fuzz.ratio(fold(text), fold(s.title)) / 100, s) for s in candidates]
            best = max(scored, key=lambda item: item[0], default=(0.0, None))
            found.append(best[1] if best[0] >= 0.75 else None)
        if any(s is None for s in found):
            for holder in self.sections:
                subs = self.subsections(holder)
                if MINISTER.search(holder.title) and len(subs) == len(texts):
                    found = [f or s for f, s in zip(found, subs, strict=True)]
                    break
        return found

    # -- initiatives

    def initiative(self, section: PlanSection, found: Found) -> None:
        """The record of one initiative: its text's offices with their roles and its target groups (the
        offices its list's introduction makes responsible are responsible for each item; the section's
        target groups when its text names none), the vision goals of its section it supports."""
        builder = self.builder
        block = found.block
        text = " ".join(tidied(b.text) for b in [block, *found.more])
        initiative = builder.initiative(
            found.title, InitiativeStatus.ONGOING, block.page, block.bbox, number=found.number,
            section=section.number, description=text)
        for part in [block, *found.more]:
            self.owners[id(part)] = initiative
            builder.link_text(initiative, tidied(part.text), part.page)
        for mention in office_roles(found.intro or ""):  # "Konkret arbejder Jobcenter København med …:"
            if mention.role is OfficeRole.RESPONSIBLE:
                builder.office(initiative, mention.office, mention.role, found.intro or "", block.page)
        if not self.has_target_groups(initiative):
            defaults = self.groups(found.intro or "") or self.section_groups(section)
            for group in defaults:
                builder.target_groups.setdefault(group.id, group)
                builder.relate(initiative.id, group.id, RelationType.TARGETS, text, block.page)
        for goal in self.vision.get(section.number, []):
            builder.relate(initiative.id, goal.id, RelationType.SUPPORTS,
                           f"{section.number} {section.title}", block.page)

    def has_target_groups(self, initiative: Initiative) -> bool:
        return any(source == initiative.id and kind == RelationType.TARGETS.value
                   for source, _, kind in self.builder.relations)

    # -- amounts

    def amounts(self) -> None:
        """Every amount of the document, each text searched once, with the initiative that owns it."""
        texts: list[tuple[str, int, Box, Initiative | None]] = []
        for section in self.sections:
            texts += [(b.text, b.page, b.bbox, self.owners.get(id(b))) for b in section.blocks]
            texts += [(p.text, p.page, p.bbox, None) for p in section.boxes]
        texts += [(line.text, page.number, line.bbox, None) for page in self.layout.pages
                  for line in page.footnotes]
        for text, page_number, bbox, owner in texts:
            self.builder.money(tidied(text), page_number, bbox, owner)

    # -- section 5

    def alignments(self, ministers: list[Goal]) -> None:
        """ministermål -> the vision goals of each section its subsection says it agrees with."""
        for goal, section in zip(ministers, self.minister_where, strict=False):
            if section is None:
                continue
            for evidence, page in self.alignment_sentences(section):
                for reference in SECTION_REFERENCE.finditer(evidence):
                    for number in re.findall(r"\d+(?:\.\d+)*", reference.group(1)):
                        for target in self.goals_of(number):
                            self.builder.relate(goal.id, target.id, RelationType.ALIGNS_WITH, evidence, page)

    def alignment_sentences(self, section: PlanSection) -> Iterator[tuple[str, int]]:
        """Sentences of a subsection that name a section and say they agree with it; a list item is read
        together with its introduction ("Dette mål stemmer overens med …: flere unge … (afsnit 4.5)")."""
        intro = ""
        for part in section.parts:
            for unit in units(part.blocks):
                text = tidied(unit.block.text)
                if unit.level == 0:
                    said = sentences(text)
                    intro = said[-1] if said and text.endswith(":") else ""
                    for sentence in said:
                        if SECTION_REFERENCE.search(sentence) and ALIGNMENT.search(sentence):
                            yield sentence, unit.block.page
                elif SECTION_REFERENCE.search(text) and (ALIGNMENT.search(intro) or ALIGNMENT.search(text)):
                    yield f"{intro} {text}".strip(), unit.block.page

    def goals_of(self, number: str) -> list[Goal]:
        return [goal for key, goals in self.vision.items() if key and (key == number or key.startswith(
            f"{number}.")) for goal in goals]


VERSION = 1
PARSER = PlanParser()
