"""Helpers for documents written as prose with headings: letters, action plans, theme papers.

Kind-independent, so a parser of any such kind can use them: the letterhead sidebar taken out of the
reading order, paragraphs with wrapped bold lead-ins joined and those a column break cut in two,
headings, the document's title and year. What the words say (sentences, years, title clean-up) is the
language layer's, ``extract.danish``.
"""

from __future__ import annotations

import re
from collections import Counter
from weakref import WeakKeyDictionary

from .blocks import Block, blocks, join_lines
from .danish.periods import find_periods, years
from .danish.text import collapsed
from .layout import Layout, Line

LETTERHEAD_SIZE = 0.85  # letterhead text is set smaller than the body ...
LETTERHEAD_X = 0.6  # ... in a column right of this share of the page width


def letterhead_lines(layout: Layout) -> list[Line]:
    """The lines of a letterhead sidebar: small text in a narrow column at the right or the left of a page."""
    body = layout.body_size
    found = []
    for page in layout.pages:
        small = [line for line in page.lines if line.size < body * LETTERHEAD_SIZE]
        for side in ([line for line in small if line.x0 > page.width * LETTERHEAD_X],
                     [line for line in small if line.x1 < page.width * (1 - LETTERHEAD_X)]):
            if len(side) >= 2:
                found.extend(side)
    return found


def _same_row(prev: Line, line: Line) -> bool:
    """Two pieces of one printed line that reading order split at a wide gap of justified type."""
    return (prev.page == line.page and abs(prev.top - line.top) < 1.0 and abs(prev.size - line.size) < 0.1
            and line.x0 > prev.x1)


def body_lines(layout: Layout) -> list[Line]:
    """Every line in reading order except the letterhead, so a paragraph broken by it joins up again; the
    pieces of one printed line are one line."""
    side = {id(line) for line in letterhead_lines(layout)}
    lines: list[Line] = []
    for line in layout.lines:
        if id(line) in side:
            continue
        if lines and _same_row(lines[-1], line):
            prev = lines[-1]
            lines[-1] = Line(page=prev.page, words=prev.words + line.words, bullet=prev.bullet,
                             markers=prev.markers + line.markers)
        else:
            lines.append(line)
    return lines


_BODY_PARAGRAPHS: WeakKeyDictionary[Layout, tuple[Block, ...]] = WeakKeyDictionary()


def body_paragraphs(layout: Layout) -> list[Block]:
    """``paragraphs(body_lines(layout))``, made once per layout: the detector and the parser of each prose
    kind all read them (blocks do not change once made; the list is the caller's own)."""
    made = _BODY_PARAGRAPHS.get(layout)
    if made is None:
        made = _BODY_PARAGRAPHS[layout] = tuple(paragraphs(body_lines(layout)))
    return list(made)


def _continues_lead(prev: Block, block: Block) -> bool:
    """A bold lead-in that wraps: its first line is all bold and so became a block of its own (also the
    first line of a list item, whose next line starts under the item's text, in bold or not)."""
    if not (prev.bold and (block.lead or prev.bullet) and not block.bullet):
        return False
    last, first = prev.lines[-1], block.lines[0]
    height = last.bottom - last.top
    return (last.page == first.page and abs(prev.size - block.size) < 0.1 and abs(prev.x0 - block.x0) < 2
            and 0 <= first.top - last.bottom < height * 0.6)


_SENTENCE_END = re.compile(r"[.:;!?]\W*$")


def _continues_in_next_column(prev: Block, block: Block) -> bool:
    """A paragraph that runs on at the top of the next column: reading moves up and to the right, and the
    text before breaks off mid-sentence and goes on in lower case, or ends in a line as wide as the
    paragraph's other lines (justified type ends a paragraph with a shorter line)."""
    last, first = prev.lines[-1], block.lines[0]
    if not (last.page == first.page and first.top < last.top and first.x0 > last.x1 and not block.bullet
            and not block.bold and not last.bold and abs(last.size - first.size) < 0.1):
        return False
    if first.text[:1].islower() and not _SENTENCE_END.search(last.text):
        return True
    widths = [line.x1 - line.x0 for line in prev.lines]
    return len(widths) >= 2 and widths[-1] >= max(widths[:-1]) - 1.0


def paragraphs(lines: list[Line]) -> list[Block]:
    """The blocks of ``lines``, with a wrapped bold lead-in joined to the paragraph it starts and a paragraph
    broken by a column joined up again."""
    result: list[Block] = []
    for block in blocks(lines):
        if result and (_continues_lead(result[-1], block) or _continues_in_next_column(result[-1], block)):
            result[-1] = Block(result[-1].lines + block.lines)
        else:
            result.append(block)
    return result


def bold_lead(block: Block) -> str:
    """The bold words a paragraph starts with, across lines ("Fælles borgere i BIF, SOF og SUF (herunder
    hjemløse, prostituerede," + "psykisk syge, handicappede):"); "" for an all-bold block."""
    if block.bold:
        return ""
    lead = ""
    for line in block.lines:
        if line.bold:
            lead = join_lines(lead, line.text)
            continue
        if line.bold_lead:
            lead = join_lines(lead, line.bold_lead)
        break
    return lead


def is_heading(block: Block) -> bool:
    return block.bold and not block.bullet and len(block.text.split()) <= 30


def is_body(block: Block, body_size: float) -> bool:
    """Body text, not a caption or a small label."""
    return block.size >= body_size * 0.85


def document_title(paras: list[Block]) -> str | None:
    """The largest bold text of the first page (not the letterhead, which is smaller than the body)."""
    if not paras:
        return None
    first_page = [b for b in paras if b.page == paras[0].page and is_heading(b)]
    if not first_page:
        return None
    best = max(first_page, key=lambda b: b.size)  # the first of the largest
    return collapsed(best.text)


def document_year(title: str, text: str) -> tuple[int | None, int | None, int | None]:
    """(year, period_start, period_end) of the document.

    A year in the title is the document's year ("… beskæftigelsesaftale 2012"; a range "2016-2020" is its
    period and its first year the year). Otherwise the year the text speaks of most often: an action plan
    is written for the year it is carried out in ("11. januar 2016", "1. februar 2016", "i efteråret
    2016", "i 2016" against one "november 2015" and one "starten af 2017"); a tie goes to the later year.
    """
    in_title = find_periods(title)
    if in_title:
        first = in_title[0]
        if first.year_to > first.year_from:
            return first.year_from, first.year_from, first.year_to
        return first.year_from, None, None
    counts = Counter(years(text))
    if not counts:
        return None, None, None
    year = max(counts, key=lambda y: (counts[y], y))
    return year, None, None
