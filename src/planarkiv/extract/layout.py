"""PDF -> page layout, on pdfplumber: lines in reading order, with bold, bullets and provenance.

What the municipality's PDFs do, and what this layer undoes (see docs/domain.md):

- bold printed as every glyph twice, a fraction of a point apart: ``dedupe_chars`` removes the twin, and
  a glyph that had a twin (or comes from a bold font) is marked bold;
- two columns, a letterhead sidebar, a card title drawn after the body: reading order comes from the
  geometry by recursive XY-cut (a vertical cut where a gutter runs through the whole region, else a
  horizontal cut at the widest gap), never from the order glyphs were written;
- running headers, page numbers and "Nr. N" labels are taken out of the body (labels are kept);
- footnote markers glued to words (``år1`` with a small raised 1) are cut off, the footnotes at the page
  foot kept apart;
- Symbol-font bullets (U+F0B7), ``•``, ``▪``, sub-bullets ``o`` and dashes become a bullet attribute.
- a page whose text runs sideways or upside down is turned upright first (``orientation``); a page that is
  an image without glyphs is read by OCR (``ocr``), its words typed from the image, into the same words.

Joining lines into paragraphs and undoing hyphenation happens in ``blocks``.

Pages are read one at a time and closed (pdfplumber's ``Page.close`` drops the page's parsed objects), so
memory holds the lines of the document, not the glyphs of every page. What ``tables`` needs of the page
itself, its drawn edges, is kept (their geometry only); the grid of its ruled tables is found from them
when first asked for, as most documents have no table a parser reads.

Lines and the finished layout do not change once made: their text and geometry are computed once
(``cached_property``), as the kind detectors and parsers ask for them again and again.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, pairwise
from operator import attrgetter, itemgetter, sub
from pathlib import Path
from statistics import median
from typing import NamedTuple

import numpy as np
import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.table import TableFinder
from pdfplumber.utils.text import WordExtractor

from . import OcrMode, OcrProgress, ocr, orientation
from .errors import ExtractionError, not_a_file, raised_by_planarkiv

BULLETS = {"\uf0b7": "•", "•": "•", "▪": "•", "◦": "o", "\uf0a7": "•", "\uf02d": "-", "–": "-", "-": "-",
           "o": "o"}
# A dash or an "o" opens a line of ordinary text too ("- ordinære job" continuing a parenthesis); as a
# bullet it stands apart from its text by a tab, wider than a space.
AMBIGUOUS_BULLETS = {"–", "-", "o"}
BULLET_GAP = 2.0
AMBIGUOUS_BULLET_GAP = 4.5
MARGIN = 0.085  # share of the page height at top and bottom where running headers and page numbers live
PAGE_NUMBER = re.compile(r"^(side\s+)?\d{1,3}(\s*(af|/)\s*\d{1,3})?$", re.IGNORECASE)
PAGE_LABEL = re.compile(r"^nr\.\s*(\d{1,3})$", re.IGNORECASE)
MIN_GUTTER = 9.0
MIN_COLUMN = 40.0

Box = tuple[float, float, float, float]


class Word(NamedTuple):
    """A word as the page prints it; a tuple, as a page has thousands and they do not change once made."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass
class Line:
    """A line of text in reading order, with its geometry and what the layout says about it."""

    page: int
    words: list[Word]
    bullet: str | None = None
    markers: list[str] = field(default_factory=list)

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @cached_property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @cached_property
    def size(self) -> float:
        return median(w.size for w in self.words)

    @cached_property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)

    @cached_property
    def bold_lead(self) -> str:
        """The bold words the line starts with ("Formål:", "Mål:"), or ""."""
        lead = []
        for word in self.words:
            if not word.bold:
                break
            lead.append(word.text)
        return " ".join(lead)

    @cached_property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(frozen=True)
class Grid:
    """A ruled table as pdfplumber's table finder sees it (ruling-line strategy): its box and, row by row,
    the box of each cell (None where a spanning cell covers the column)."""

    bbox: Box
    rows: list[list[Box | None]]


@dataclass
class PageLayout:
    number: int
    width: float
    height: float
    lines: list[Line]
    footnotes: list[Line]
    labels: list[str]
    edges: list[dict] = field(default_factory=list)  # the page's straight drawn edges (``_edges``)
    words: int = 0  # the words the page prints, before page numbers and running headers are taken out
    running: list[Line] = field(default_factory=list)  # running headers taken out of ``lines``

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @cached_property
    def grids(self) -> list[Grid]:
        """The page's ruled tables, as pdfplumber's ``find_tables()`` finds them on the open page: its
        ``TableFinder`` (ruling-line strategy) reads nothing of the page but its edges."""
        return [Grid(tuple(table.bbox), [list(row.cells) for row in table.rows])
                for table in TableFinder(_Drawing(self.edges)).tables]


@dataclass(frozen=True)
class _Drawing:
    """A closed page as pdfplumber's table finder sees it: its drawn edges."""

    edges: list[dict]


@dataclass(eq=False)  # one read of one file: equal to itself only, and usable as a key
class Layout:
    path: Path
    pages: list[PageLayout]
    metadata: dict[str, str]
    ocr: dict[int, float] = field(default_factory=dict)  # OCR'd page number -> Tesseract's mean confidence
    ocr_missing: str | None = None  # why a page that needed OCR was not OCR'd (Tesseract is missing)

    @cached_property
    def text(self) -> str:
        return "\n".join(page.text for page in self.pages)

    @property
    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]

    @cached_property
    def body_size(self) -> float:
        """The most common text size: what "body text" means in this document."""
        sizes = Counter(round(w.size, 1) for line in self.lines for w in line.words)
        return sizes.most_common(1)[0][0] if sizes else 10.0


def _reason(exc: BaseException) -> str:
    """One line saying what is wrong with the file, looking through pdfplumber's wrapper exceptions."""
    causes = [exc, *exc.args, exc.__cause__, exc.__context__]
    if any(isinstance(c, PDFPasswordIncorrect | PDFEncryptionError) for c in causes):
        return "encrypted PDF, a password is needed to read it"
    detail = " ".join(str(exc).split())[:160]
    return f"not a readable PDF ({type(exc).__name__}{': ' + detail if detail else ''})"


_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


def _is_bold_font(fontname: str) -> bool:
    return _BOLD_FONT.search(fontname) is not None


def _ids(keys: list) -> np.ndarray:
    """A number per key, equal where the keys are equal."""
    number = {key: n for n, key in enumerate(dict.fromkeys(keys))}
    return np.fromiter(map(number.__getitem__, keys), np.intp, len(keys))


def _column(chars: list[dict], name: str) -> np.ndarray:
    return np.fromiter(map(itemgetter(name), chars), np.float64, len(chars))


def _starts(*columns: np.ndarray, chained: np.ndarray | None = None, tolerance: float = 0.0) -> np.ndarray:
    """Where a new run starts in rows sorted by ``columns``: a value of a column changes, or ``chained``
    lies more than ``tolerance`` above the value before it."""
    start = np.ones(len(columns[0]), dtype=bool)
    for column in columns:
        start[1:] &= column[1:] == column[:-1]
    if chained is not None:
        start[1:] &= ~(chained[1:] > chained[:-1] + tolerance)
    start[1:] = ~start[1:]
    return start


Place = tuple[str, int, int]  # a glyph's text, rounded top and rounded x0


def _twinned(text: np.ndarray, texts: list[str], top: np.ndarray, x0: np.ndarray) -> set[Place]:
    """The places of the left glyph of each pair of glyphs of the same text
    (``text``: their ``_ids``) on the same rounded line printed 0.05 to 1.2 points apart: double-printed
    bold."""
    line = np.rint(top)  # round() of each top: numpy rounds halves to even too
    order = np.lexsort((x0, line, text))
    gap = np.diff(x0[order])
    left = order[:-1][~_starts(text[order], line[order])[1:] & (gap > 0.05) & (gap < 1.2)]
    return set(zip([texts[i] for i in left.tolist()], line[left].astype(np.int64).tolist(),
                   np.rint(x0[left]).astype(np.int64).tolist(), strict=True))


def _deduplicated(chars: list[dict], tolerance: float = 1.0) -> tuple[list[dict], set[Place]]:
    """The chars without the second glyph of each double-printed pair (in their order), and ``_twinned``:
    both read the same columns of the glyphs.

    The de-duplication is pdfplumber's ``dedupe_chars(chars, tolerance=1)``: glyphs of the same text, font
    and size whose ``doctop`` and then ``x0`` chain within ``tolerance`` are one, the topmost-leftmost (the
    first of equals) kept. pdfplumber's implementation (``cluster_objects`` per group, then re-sorting by
    ``list.index``) costs many times this one, which sorts all glyphs at once with numpy;
    ``tests/test_layout.py`` holds the two equal on real pages.
    """
    n = len(chars)
    if not n:
        return [], set()
    texts = list(map(itemgetter("text"), chars))
    text, font = _ids(texts), _ids(list(map(itemgetter("fontname"), chars)))
    upright, size, doctop, top, x0 = (_column(chars, name)
                                      for name in ("upright", "size", "doctop", "top", "x0"))
    # glyphs of one text, font and size together, each group as sorted((doctop, x0, index))
    order = np.lexsort((np.arange(n), x0, doctop, size, font, text, upright))
    group = (column[order] for column in (upright, text, font, size))
    row = np.cumsum(_starts(*group, chained=doctop[order], tolerance=tolerance))
    by_x = np.lexsort((np.arange(n), x0[order], row))  # each row by x0, equals in the order above
    cluster = np.cumsum(_starts(row[by_x], chained=x0[order][by_x], tolerance=tolerance)) - 1
    first = np.full(cluster[-1] + 1, n)
    np.minimum.at(first, cluster, by_x)  # the glyph of each cluster that comes first in ``order``
    keep = np.zeros(n, dtype=bool)
    keep[order[first]] = True
    return list(compress(chars, keep.tolist())), _twinned(text, texts, top, x0)


def _words(chars: list[dict]) -> list[Word]:
    """pdfplumber's words of the de-duplicated glyphs, cut where the text size changes. A word is bold when
    each of its glyphs (blanks aside) is set in a bold font or was printed twice."""
    unique, twins = _deduplicated(chars)
    bold_font: dict[str, bool] = {}  # per font name: a page has a handful
    words = []
    for w, glyphs in WordExtractor(extra_attrs=["size"]).iter_extract_tuples(unique):
        bold = False
        for c in glyphs:
            text = c["text"]
            if not text.strip():
                continue
            font = c["fontname"]
            if font not in bold_font:
                bold_font[font] = _is_bold_font(font)
            bold = bold_font[font] or (text, round(c["top"]), round(c["x0"])) in twins
            if not bold:
                break
        words.append(Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w["size"], bold))
    return words


def _gaps(intervals: list[tuple[float, float]], min_gap: float) -> list[tuple[float, float]]:
    """Empty stretches between the union of ``intervals`` (in order of their start, none ending before it
    starts) at least ``min_gap`` (> 0) long. The order of intervals starting at the same place does not
    change them."""
    gaps = []
    ordered = iter(intervals)
    reach = next(ordered)[1]
    for start, end in ordered:
        if start - reach >= min_gap:
            gaps.append((reach, start))
        if end > reach:
            reach = end
    return gaps


def _edges(page: pdfplumber.page.Page) -> list[dict]:
    """The page's horizontal and vertical drawn edges (lines, sides of rectangles, segments of curves) with
    their geometry: all the table finder reads of them (it joins no slanted ones). Their colours and paths
    are not kept with the document."""
    return [{"x0": e["x0"], "x1": e["x1"], "top": e["top"], "bottom": e["bottom"], "doctop": e["doctop"],
             "width": e["width"], "height": e["height"], "orientation": e["orientation"],
             "object_type": e["object_type"]}
            for e in page.edges if e["orientation"] is not None]


def _rules(edges: list[dict]) -> list[tuple[float, float, float]]:
    """Horizontal ruling lines (table row borders, box edges, the rule above a card title): y, x0, x1."""
    return [(e["top"], e["x0"], e["x1"]) for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] > 40]


def _clear_of(words: list[Word], ys: list[float]) -> list[float]:
    """The heights of ``ys`` (sorted) that pass through no word (strictly between its top and bottom)."""
    starts: list[float] = []
    ends: list[float] = []
    for top, bottom in sorted((w.top, w.bottom) for w in words if w.top < w.bottom):
        if ends and top < ends[-1]:
            ends[-1] = max(ends[-1], bottom)
        else:
            starts.append(top)
            ends.append(bottom)
    clear = []
    for y in ys:
        i = bisect_left(starts, y) - 1  # the last run of words starting above y: the only one y can cross
        if i < 0 or y >= ends[i]:
            clear.append(y)
    return clear


_LEFT, _RIGHT, _TOP, _BOTTOM = (attrgetter(name) for name in ("x0", "x1", "top", "bottom"))  # of a Word


def _xy_cut(words: list[Word], rules: list[tuple[float, float, float]]) -> list[list[Word]]:
    """Split words into reading-order leaves (lines or cells, their words from left to right) by recursive
    XY-cut.

    A ruling line across the whole region separates first (table rows, a box, a card's title under its
    rule); then a vertical gutter through the whole region (columns, a sidebar); else the widest gap
    between lines.
    """
    by_x = sorted(words, key=_LEFT)
    return _cut(by_x, sorted(by_x, key=_TOP), rules)


_PROSE_WORD = re.compile(r"^\W*[^\W\d_]+(?:-[^\W\d_]+)*-?\W*$")  # letters, maybe hyphenated, in punctuation


def _river(by_y: list[Word], start: float, end: float) -> bool:
    """The empty stretch ``start``..``end`` down a region is word spacing, not a gutter between columns.

    Justified type spreads a line's slack evenly over its word gaps, and in a few short lines such gaps can
    line up. A gutter is wider than the word gaps of the lines beside it; a river is, on every line that
    has words on both sides of it and other gaps to compare with, as wide as that line's other gaps. A region
    of one line is no river (evenly spaced cells of a table row), and only prose has rivers: in a table of
    figures or codes evenly spaced columns are columns."""
    words_of_prose = sum(1 for w in by_y if _PROSE_WORD.match(w.text) and not w.text.isupper())
    if words_of_prose < len(by_y) * 0.75:
        return False
    spaced = rows = 0
    row: list[Word] = []
    for word in [*by_y, None]:
        if word is not None and (not row or word.top - row[0].top < 1.0):
            row.append(word)
            continue
        rows += 1
        words = sorted(row, key=_LEFT)
        gaps = [b.x0 - a.x1 for a, b in pairwise(words)]
        across = [i for i, (a, b) in enumerate(pairwise(words)) if a.x1 <= start and b.x0 >= end]
        others = [g for i, g in enumerate(gaps) if i not in across]
        if across and others:
            spacing = median(others)
            if abs(gaps[across[0]] - spacing) > max(1.0, spacing * 0.15):
                return False
            spaced += 1
        row = [word] if word is not None else []
    return spaced > 0 and rows > 1


def _cut(by_x: list[Word], by_y: list[Word], rules: list[tuple[float, float, float]],
         line_gaps: tuple[float, list[tuple[float, float]]] | None = None) -> list[list[Word]]:
    """``_xy_cut`` of a region, given its words twice: by ``x0`` (equals in the page's order) and by
    ``top``. Parts keep both orders, so no region sorts its words again to find its gaps (``_gaps`` asks
    no more of its intervals); as a word's top and x0 lie inside its extent, a part on one side of a cut
    through no word is a stretch of one of the two lists.

    ``line_gaps``: the tolerance and the gaps between lines of the region this one was cut from at its
    widest gap. The words of this region are the ones before (or after) that gap in ``top`` order, so
    with the same tolerance its gaps are the gaps before (after) that one: ``_gaps`` goes through the
    same intervals."""
    if len(by_x) <= 1:
        return [by_x] if by_x else []
    left, right = by_x[0].x0, max(map(_RIGHT, by_x))
    top, bottom = by_y[0].top, max(map(_BOTTOM, by_x))
    rules = [rule for rule in rules if top < rule[0] < bottom]  # all a sub-region can use
    across = {y for y, x0, x1 in rules if x0 <= left + 6 and x1 >= right - 6}
    cuts = _clear_of(by_y, sorted(across)) if across else []
    if cuts:  # a word's band: the number of cuts above it
        bands: list[list[Word]] = [[] for _ in range(len(cuts) + 1)]
        for w in by_x:
            bands[bisect_left(cuts, w.top)].append(w)
        ends = [bisect_right(by_y, y, key=_TOP) for y in cuts]
        return [leaf for band, start, end in zip(bands, [0, *ends], [*ends, len(by_y)], strict=True)
                for leaf in _cut(band, by_y[start:end], rules)]
    gutters = sorted(_gaps([(w.x0, w.x1) for w in by_x], MIN_GUTTER), key=lambda g: g[0] - g[1])
    for start, end in gutters:
        # a word ends before it or starts after; gaps between words of justified lines that happen to line
        # up (a "river") are no gutter
        if start - left >= MIN_COLUMN and right - end >= MIN_COLUMN and not _river(by_y, start, end):
            split = bisect_left(by_x, end, key=_LEFT)
            return _cut(by_x[:split], [w for w in by_y if w.x0 < end], rules) + _cut(
                by_x[split:], [w for w in by_y if w.x0 >= end], rules)
    tolerance = min(map(sub, map(_BOTTOM, by_x), map(_TOP, by_x))) * 0.25
    if line_gaps and line_gaps[0] == tolerance:
        gaps = line_gaps[1]
    else:
        gaps = _gaps([(w.top + tolerance, w.bottom - tolerance) for w in by_y], 0.01)
    if not gaps:
        return [by_x]
    widest = max(range(len(gaps)), key=lambda i: gaps[i][1] - gaps[i][0])
    end = gaps[widest][1]  # the words above the gap have their middle above its middle
    split = bisect_left(by_y, end, key=lambda w: w.top + tolerance)
    return _cut([w for w in by_x if w.top + tolerance < end], by_y[:split], rules,
                (tolerance, gaps[:widest])) + _cut(
        [w for w in by_x if w.top + tolerance >= end], by_y[split:], rules, (tolerance, gaps[widest + 1:]))


def _cut_markers(words: list[Word]) -> tuple[list[Word], list[str]]:
    """Drop footnote markers: small digits glued to the end of the previous word, set higher."""
    kept: list[Word] = []
    markers = []
    for word in words:
        prev = kept[-1] if kept else None
        if (prev and word.text.isdigit() and word.size < prev.size * 0.8 and word.x0 - prev.x1 < 1.0
                and word.bottom < prev.bottom - 0.5):
            markers.append(word.text)
            continue
        kept.append(word)
    return kept, markers


def _make_line(page: int, words: list[Word]) -> Line:
    words, markers = _cut_markers(words)
    bullet = None
    first = words[0]
    gap = words[1].x0 - first.x1 if len(words) > 1 else 0.0
    min_gap = AMBIGUOUS_BULLET_GAP if first.text in AMBIGUOUS_BULLETS else BULLET_GAP
    if first.text in BULLETS and gap > min_gap:
        bullet = BULLETS[first.text]
        words = words[1:]
    elif first.text[:1] in ("\uf0b7", "•", "▪") and len(first.text) > 1:
        bullet = "•"
        words = [Word(first.text[1:], first.x0, first.x1, first.top, first.bottom, first.size, first.bold),
                 *words[1:]]
    return Line(page=page, words=words, bullet=bullet, markers=markers)


def _is_marginal(line: Line, height: float) -> bool:
    return line.top < height * MARGIN or line.bottom > height * (1 - MARGIN)


@dataclass
class _Page:
    """What a page's layout is made from: its words and drawn edges on the upright page, and its size."""

    number: int
    width: float
    height: float
    words: list[Word]
    edges: list[dict]


def _text_layer(page: pdfplumber.page.Page) -> _Page:
    """The words of the page's text layer, the page turned upright first where its text runs sideways or
    upside down (``orientation``)."""
    chars, edges = page.chars, _edges(page)
    width, height = float(page.width), float(page.height)
    turn = orientation.page_turn(chars)
    if turn:
        frame, doctop = (width, height), float(page.initial_doctop)
        chars = orientation.turn_chars(chars, turn, frame, doctop)
        edges = orientation.turn_edges(edges, turn, frame, doctop)
        width, height = orientation.upright_frame(turn, frame)
    return _Page(page.page_number, width, height, [w for w in _words(chars) if w.text.strip()], edges)


def _page_layout(page: _Page) -> PageLayout:
    words, edges = page.words, page.edges
    leaves = _xy_cut(words, _rules(edges))
    lines = [_make_line(page.number, leaf) for leaf in leaves if leaf]
    lines = [line for line in lines if line.words]
    body, footnotes, labels = [], [], []
    sizes = [w.size for line in lines for w in line.words]
    body_size = Counter(round(s, 1) for s in sizes).most_common(1)[0][0] if sizes else 10.0
    notes_top: float | None = None  # where the page's footnotes begin
    for line in lines:
        text = line.text.strip()
        if PAGE_LABEL.match(text):
            labels.append(text)
        elif _is_marginal(line, page.height) and PAGE_NUMBER.match(text):
            continue
        elif (notes_top is not None and line.top >= notes_top - 1 and line.size < body_size * 0.95) or (
            line.top > page.height * 0.6 and line.size < body_size * 0.85 and line.words[0].text[:1].isdigit()
            and line.words[0].size < line.size
        ):
            # the lines below a footnote's start in its small type; a column of body text read after the
            # footnote (a page of several columns) is body again
            if notes_top is None and line.top > page.height * 0.6:
                notes_top = line.top
            footnotes.append(line)
        else:
            body.append(line)
    return PageLayout(page.number, page.width, page.height, body, footnotes, labels, edges, len(words))


def _continues(line: Line, other: Line) -> bool:
    """Whether ``other`` is the line above or below ``line`` in the same block of text: set in about the
    same size, in the same column, within a line's spacing."""
    gap = max(other.top - line.bottom, line.top - other.bottom)
    return (abs(other.size - line.size) <= 0.1 * line.size and gap < 0.5 * line.size
            and other.x0 < line.x1 and line.x0 < other.x1)


def _drop_running_headers(pages: list[PageLayout]) -> None:
    """Take out running headers and footers: lines in the page margins whose text (digits aside) recurs on
    at least half of the pages and that stand apart from the page's text. They move to ``running``: out
    of the body, kept for what names the document (a title set as a running header).

    Text that merely sits high or low on every page is not a header: a recurring line that continues a
    block of other text (the first lines of a paragraph starting at the top) stays, and a page is never
    left without text (a report whose one paragraph sits high on each page keeps it).
    """
    if len(pages) < 3:
        return
    key = lambda line: re.sub(r"\d+", "#", line.text.strip().casefold())  # noqa: E731
    seen = Counter(k for page in pages for k in {key(line) for line in page.lines
                                                 if _is_marginal(line, page.height)})
    running = {k for k, n in seen.items() if n >= len(pages) / 2}
    for page in pages:
        headers = [line for line in page.lines if _is_marginal(line, page.height) and key(line) in running]
        text = [line for line in page.lines if not any(line is h for h in headers)]
        joined = True
        while joined:  # a recurring line in a block with the page's text is text, and so on through the block
            block = [h for h in headers if any(_continues(h, line) for line in text)]
            headers = [h for h in headers if not any(h is b for b in block)]
            text += block
            joined = bool(block)
        if len(headers) < len(page.lines):
            page.running = headers
            page.lines = [line for line in page.lines if not any(line is h for h in headers)]


def _scanned(pages: list[_Page], scans: dict[int, ocr.ScannedPage]) -> None:
    """Give the OCR'd pages (index -> scan) their words, typed over all of them at once (``ocr.type_of``)."""
    typed = ocr.type_of(list(scans.values()))
    for index, scan, words in zip(scans, scans.values(), typed, strict=True):
        pages[index].words = [Word(w.text, w.x0, w.x1, w.top, w.bottom, size, bold)
                              for w, size, bold in words]
        pages[index].edges = scan.edges


def read_layout(path: Path, ocr_mode: OcrMode = "auto", on_ocr: OcrProgress | None = None) -> Layout:
    """Read every page of ``path``; raise ExtractionError with a one-line reason when it cannot be read.

    ``ocr_mode``: ``auto`` OCRs the pages that have an image and no glyphs, ``force`` every page (its text
    layer set aside), ``off`` none. Where Tesseract is missing no page is OCR'd and ``ocr_missing`` says so.
    An exception raised in planarkiv's own code while the pages are read is a bug of ours, not a fault of
    the file: it is raised as it is. ``on_ocr`` is told as each page's OCR begins (number, page count).
    """
    problem = not_a_file(path)
    if problem:
        raise ExtractionError(path, problem)
    if path.stat().st_size == 0:
        raise ExtractionError(path, "empty file (0 bytes)")
    missing: str | None = None
    scans: dict[int, ocr.ScannedPage] = {}
    try:
        with pdfplumber.open(path) as pdf:
            pages = []
            for index, page in enumerate(pdf.pages):
                wanted = ocr_mode == "force" or (ocr_mode == "auto" and ocr.needs_ocr(page))
                if wanted and (missing := missing or ocr.missing()) is None:
                    if on_ocr:
                        on_ocr(page.page_number, len(pdf.pages))
                    scans[index] = scan = ocr.read_page(page)
                    pages.append(_Page(page.page_number, scan.width, scan.height, [], []))
                else:
                    pages.append(_text_layer(page))
                page.close()
            metadata = {str(k): str(v) for k, v in (pdf.metadata or {}).items()}
    except Exception as exc:  # pdfminer raises many unrelated exception types on damaged files
        if raised_by_planarkiv(exc):
            raise
        raise ExtractionError(path, _reason(exc)) from exc
    if scans:
        _scanned(pages, scans)
    layouts = [_page_layout(page) for page in pages]
    _drop_running_headers(layouts)
    return Layout(path=path, pages=layouts, metadata=metadata,
                  ocr={index + 1: scan.confidence for index, scan in scans.items()}, ocr_missing=missing)
