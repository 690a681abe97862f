"""Possible themes for an employment agreement ("Mulige temaer for en beskæftigelsesaftale 2012"), the
``themes`` kind.

The document proposes themes ("TEMA 1: Jobklare ledige hurtigere i gang"), each a ``theme`` goal, and under
each theme one paragraph per target group or area that starts with a lead-in ("Unge på kanten af
uddannelsessystemet: Mulige tiltag kunne være …", "Hjælp til selvhjælp – som overskrift på …", "Ud af
røret! Der kunne …"). Each such paragraph is one initiative with status ``proposed`` under its theme; its
title is the lead-in (before the colon; a lead-in that ends at a dash ends there, one
that ends with "!" keeps it; a trailing parenthesis is dropped as everywhere).

The lead-in is found from the layout (the bold words a paragraph starts with, also when they wrap onto a
second line) and, for PDFs that do not set it in bold, from the text: a short phrase ending in a colon,
a dash or "!" that opens an indented paragraph or one of a run after "… følgende grupper:".

Other templates set the label on a line of its own above the theme's heading ("TEMA 2" / "Virksomhederne
som partnere"), and name a proposal in a sub-heading of the theme instead of a lead-in: a heading smaller
than the theme's whose text is followed by plain paragraphs (not by lead-ins, which make it a heading
that groups them) is one initiative, and the paragraphs under it are its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planarkiv.schema import Document, DocumentKind, Extraction, Goal, GoalKind, Initiative, InitiativeStatus

from .. import prose
from ..blocks import Block
from ..danish.target_groups import find_target_groups
from ..danish.text import clean_title, collapsed
from ..layout import Layout
from ..records import RecordBuilder

_THEME = re.compile(r"^(?P<label>tema\s+(?P<number>\d{1,2}))\s*[:.–-]\s*(?P<text>\S.*)$",
                    re.IGNORECASE | re.DOTALL)
_THEME_LABEL = re.compile(r"^(?P<label>tema\s+(?P<number>\d{1,2}))\s*[:.]?$", re.IGNORECASE)
_TEXT_LEAD = re.compile(r"^(?P<lead>[A-ZÆØÅ][^.:;!?–]{1,140}?(?:\([^()]*\))?)\s*(?P<end>:|!|\s[–-]\s)")
_MAX_LEAD_WORDS = 20
_PROPOSALS = re.compile(r"\bmulige\s+(?:tiltag|initiativer|indsatser|temaer)\b", re.IGNORECASE)
_THEMES_TITLE = re.compile(r"\btema(?:er|erne)?\b", re.IGNORECASE)


def theme_of(block: Block) -> tuple[str, str, str] | None:
    """(label as written, number, text) of a theme heading "TEMA 2: En indsats, der virker, …"."""
    m = _THEME.match(collapsed(block.text))
    if m is None:
        return None
    return collapsed(m["label"]), m["number"], m["text"].rstrip(". ")


def themes_in(paras: list[Block]) -> dict[int, tuple[str, str, str, Block]]:
    """The theme headings of a document: index of the block -> (label, number, text, heading block).

    "TEMA 1: Jobklare ledige …" in one block, or a "TEMA 1" line of its own and the heading after it
    (the heading's block is the one indexed, so a theme's paragraphs start after it)."""
    found: dict[int, tuple[str, str, str, Block]] = {}
    for i, block in enumerate(paras):
        label = _THEME_LABEL.match(collapsed(block.text))
        following = paras[i + 1] if i + 1 < len(paras) else None
        if label is not None and following is not None and prose.is_heading(following):
            heading = collapsed(following.text).rstrip(". ")
            found[i + 1] = (collapsed(label["label"]), label["number"], heading, following)
            continue
        if i in found:
            continue
        theme = theme_of(block)
        if theme is not None and (prose.is_heading(block) or len(block.text.split()) <= 25):
            found[i] = (*theme, block)
    return found


def _label_only(block: Block) -> bool:
    return _THEME_LABEL.match(collapsed(block.text)) is not None


def _lead_text(lead: str) -> str:
    """A lead-in without the colon or dash that ends it; "!" and "?" belong to it ("Ud af røret!")."""
    return lead.strip().rstrip(":–- ").strip()


def lead_in(block: Block, indented: bool, after_intro: bool) -> str | None:
    """The lead-in a paragraph starts with, or None.

    Bold lead-in words are the layout's evidence. Without bold, a short phrase ending in a colon, a dash
    or "!" counts when the paragraph is set apart as an item (indented, or in a run of items after a
    paragraph that ends with a colon)."""
    text = collapsed(block.text)
    if block.lead and not block.bold:
        lead = _lead_text(prose.bold_lead(block))
        if lead and len(lead.split()) <= _MAX_LEAD_WORDS and len(lead) < len(text):
            return lead
    if not (indented or after_intro) or block.bold:
        return None
    m = _TEXT_LEAD.match(text)
    if m is None or len(m["lead"].split()) > _MAX_LEAD_WORDS:
        return None
    lead = m["lead"] + ("!" if m["end"] == "!" else "")
    return _lead_text(lead)


@dataclass
class _Theme:
    goal: Goal
    label: str
    size: float  # the heading's size: a heading as large ends the theme, a smaller one is inside it


class ThemesParser:
    kind = DocumentKind.THEMES

    def detect(self, layout: Layout) -> float:
        paras = prose.body_paragraphs(layout)
        title = prose.document_title(paras) or ""
        themes = {found[1] for found in themes_in(paras).values()}
        leads = sum(1 for b in paras if b.lead and not b.bold)
        score = 0.4 if len(themes) >= 2 else 0.2 if themes else 0.0
        score += 0.2 if themes and leads >= 2 else 0.0
        score += 0.15 if _PROPOSALS.search(layout.text) else 0.0
        score += 0.25 if _THEMES_TITLE.search(title) else 0.0
        return min(score, 1.0)

    def parse(self, layout: Layout, document: Document) -> Extraction:
        paras = prose.body_paragraphs(layout)
        body_size = layout.body_size
        title = prose.document_title(paras) or document.title
        year, period_start, period_end = prose.document_year(title, "\n".join(b.text for b in paras))
        builder = RecordBuilder(document)
        body_left = _body_left(paras, body_size)
        theme: _Theme | None = None
        goals: dict[str, Goal] = {}  # a theme named twice (a list in the introduction, then its heading)
        theme_headings = themes_in(paras)
        after_intro = False
        owner: dict[int, Initiative] = {}  # id(block) -> the initiative whose paragraph it is
        current: Initiative | None = None  # the initiative a sub-heading names, until the next heading
        for i, block in enumerate(paras):
            text = collapsed(block.text)
            if i in theme_headings:
                label, number, goal_text, _ = theme_headings[i]
                if number not in goals:
                    groups = find_target_groups(goal_text)
                    group = groups[0].name if groups else None
                    goals[number] = builder.goal(GoalKind.THEME, goal_text, block.page, block.bbox,
                                                 number=number, target_group=group)
                theme = _Theme(goals[number], label, block.size)
                after_intro = False
                current = None
                continue
            if _label_only(block) and i + 1 in theme_headings:
                continue
            if prose.is_heading(block):
                current = None
                if theme is not None and block.size >= theme.size - 0.1:
                    theme = None  # a heading as large as the theme's ends it
                elif theme is not None:
                    current = _sub_heading(builder, theme, block, paras[i + 1:], body_left, body_size)
                    if current is not None:
                        builder.link_text(current, text, block.page)  # the heading may name who runs it
                        owner[id(block)] = current
                after_intro = False
                continue
            if theme is None or not prose.is_body(block, body_size):
                continue
            indented = body_left is not None and block.x0 > body_left + 8
            lead = lead_in(block, indented, after_intro)
            if lead is None:
                after_intro = text.endswith(":")
                if current is not None:
                    builder.link_text(current, text, block.page)
                    owner[id(block)] = current
                continue
            title_ = clean_title(lead)
            if not title_:
                continue
            current = None
            initiative = builder.initiative(
                title_, InitiativeStatus.PROPOSED, block.page, block.bbox, section=theme.label,
                theme_id=theme.goal.id, description=text)
            builder.link_text(initiative, text, block.page)
            owner[id(block)] = initiative
            after_intro = True
        for block in paras:
            builder.money(block.text, block.page, block.bbox, owner.get(id(block)))
        return builder.result(kind=DocumentKind.THEMES, title=title, year=year, period_start=period_start,
                              period_end=period_end)


def _sub_heading(builder: RecordBuilder, theme: _Theme, heading: Block, rest: list[Block],
                 body_left: float | None, body_size: float) -> Initiative | None:
    """The initiative a sub-heading of a theme names, or None when the paragraphs under it have lead-ins of
    their own (then it only groups them) or there are none."""
    under = []
    for block in rest:
        if prose.is_heading(block) or _label_only(block):
            break
        if not prose.is_body(block, body_size):
            continue
        indented = body_left is not None and block.x0 > body_left + 8
        if lead_in(block, indented, after_intro=False) is not None:
            return None
        under.append(block)
    title = clean_title(collapsed(heading.text))
    if not under or not title:
        return None
    description = " ".join(collapsed(b.text) for b in under)
    return builder.initiative(title, InitiativeStatus.PROPOSED, heading.page, heading.bbox,
                              section=theme.label, theme_id=theme.goal.id, description=description)


def _body_left(paras: list[Block], body_size: float) -> float | None:
    """The left edge of body paragraphs (the leftmost one that recurs), to see which are indented."""
    edges = [round(b.x0) for b in paras if prose.is_body(b, body_size) and not b.bold and not b.bullet]
    common_edges = [x for x in set(edges) if edges.count(x) >= 2] or edges
    return float(min(common_edges)) if common_edges else None


VERSION = 1
PARSER = ThemesParser()
