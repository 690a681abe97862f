"""PDF -> page layout, on pdfplumber: lines in reading order, with bold, bullets and provenance.

What the municipality's PDFs do, and what this layer undoes (see ../shared/domain.md):

- bold printed as every glyph twice, a fraction of a point apart: ``dedupe_chars`` removes the twin, and
  a glyph that had a twin (or comes from a bold font) is marked bold;
- two columns, a letterhead sidebar, a card title drawn after the body: reading order comes from the
  geometry by recursive XY-cut (a vertical cut where a gutter runs through the whole region, else a
  horizontal cut at the widest gap), never from the order glyphs were written;
- running headers, page numbers and "Nr. N" labels are taken out of the body (labels are kept);
- footnote markers glued to words (``år1`` with a small raised 1) are cut off, the footnotes at the page
  foot kept apart;
- Symbol-font bullets (U+F0B7), ``•``, ``▪``, sub-bullets ``o`` and dashes become a bullet attribute.

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
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from operator import attrgetter, itemgetter
from pathlib import Path
from statistics import median
from typing import NamedTuple

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.table import TableFinder
from pdfplumber.utils.text import WordExtractor

from .errors import ExtractionError

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


def _twinned(chars: list[dict]) -> set[tuple[str, int, int]]:
    """Keys of the glyphs that are printed twice a fraction of a point apart (double-printed bold)."""
    by_place: dict[tuple[str, int], list[float]] = {}
    for c in chars:
        by_place.setdefault((c["text"], round(c["top"])), []).append(c["x0"])
    twins = set()
    for (text, top), xs in by_place.items():
        xs.sort()
        for a, b in pairwise(xs):
            if 0.05 < b - a < 1.2:
                twins.add((text, top, round(a)))
    return twins


_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


def _is_bold_font(fontname: str) -> bool:
    return _BOLD_FONT.search(fontname) is not None


def _runs(items: list[tuple[float, float, int]], at: itemgetter, tolerance: float) -> list[list]:
    """``items`` (sorted by ``at``) cut where a value lies more than ``tolerance`` above the one before."""
    runs = [[items[0]]]
    last = at(items[0])
    for item in items[1:]:
        value = at(item)
        if value > last + tolerance:
            runs.append([])
        runs[-1].append(item)
        last = value
    return runs


_DOCTOP, _X0 = itemgetter(0), itemgetter(1)


def _unique_chars(chars: list[dict], tolerance: float = 1.0) -> list[dict]:
    """The chars without the second glyph of each double-printed pair, in their order.

    The rule of pdfplumber's ``dedupe_chars(chars, tolerance=1)``: glyphs of the same text, font and size
    whose ``doctop`` and then ``x0`` chain within ``tolerance`` are one, the topmost-leftmost (the first of
    equals) kept. pdfplumber's implementation of it (``cluster_objects`` per group, then re-sorting by
    ``list.index``) costs five times this one; ``tests/test_layout.py`` holds the two equal on real pages.
    """
    groups: dict[tuple, list[tuple[float, float, int]]] = {}
    for i, c in enumerate(chars):
        key = (c["upright"], c["text"], c["fontname"], c["size"])
        groups.setdefault(key, []).append((c["doctop"], c["x0"], i))
    dropped: set[int] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort()
        for row in _runs(members, _DOCTOP, tolerance):
            if len(row) < 2:
                continue
            row.sort(key=_X0)
            for twins in _runs(row, _X0, tolerance):
                if len(twins) > 1:
                    kept = min(twins)
                    dropped.update(i for _, _, i in twins if i != kept[2])
    return [c for i, c in enumerate(chars) if i not in dropped]


def _words(chars: list[dict]) -> list[Word]:
    """pdfplumber's words of the de-duplicated glyphs, cut where the text size changes. A word is bold when
    each of its glyphs (blanks aside) is set in a bold font or was printed twice."""
    twins = _twinned(chars)
    bold_font: dict[str, bool] = {}  # per font name: a page has a handful
    words = []
    for w, glyphs in WordExtractor(extra_attrs=["size"]).iter_extract_tuples(_unique_chars(chars)):
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
    """Empty stretches between the union of ``intervals`` at least ``min_gap`` long."""
    gaps = []
    ordered = iter(sorted(intervals))
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
    """Split words into reading-order leaves (lines or cells) by recursive XY-cut.

    A ruling line across the whole region separates first (table rows, a box, a card's title under its
    rule); then a vertical gutter through the whole region (columns, a sidebar); else the widest gap
    between lines.
    """
    if len(words) <= 1:
        return [words] if words else []
    left, right = min(map(_LEFT, words)), max(map(_RIGHT, words))
    top, bottom = min(map(_TOP, words)), max(map(_BOTTOM, words))
    rules = [rule for rule in rules if top < rule[0] < bottom]  # all a sub-region can use
    across = {y for y, x0, x1 in rules if x0 <= left + 6 and x1 >= right - 6}
    cuts = _clear_of(words, sorted(across)) if across else []
    if cuts:
        bands: list[list[Word]] = [[] for _ in range(len(cuts) + 1)]
        for w in words:
            bands[bisect_left(cuts, w.top)].append(w)  # the number of cuts above the word
        return [leaf for band in bands for leaf in _xy_cut(band, rules)]
    for start, end in sorted(_gaps([(w.x0, w.x1) for w in words], MIN_GUTTER), key=lambda g: g[0] - g[1]):
        if start - left >= MIN_COLUMN and right - end >= MIN_COLUMN:
            return _xy_cut([w for w in words if w.x1 <= start], rules) + _xy_cut(
                [w for w in words if w.x0 >= end], rules)
    tolerance = min(w.bottom - w.top for w in words) * 0.25
    gaps = _gaps([(w.top + tolerance, w.bottom - tolerance) for w in words], 0.01)
    if not gaps:
        return [sorted(words, key=lambda w: w.x0)]
    start, end = max(gaps, key=lambda g: g[1] - g[0])
    cut = (start + end) / 2
    return _xy_cut([w for w in words if (w.top + w.bottom) / 2 < cut], rules) + _xy_cut(
        [w for w in words if (w.top + w.bottom) / 2 >= cut], rules
    )


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


def _page_layout(page: pdfplumber.page.Page) -> PageLayout:
    words = [w for w in _words(page.chars) if w.text.strip()]
    edges = _edges(page)
    leaves = _xy_cut(words, _rules(edges))
    lines = [_make_line(page.page_number, leaf) for leaf in leaves if leaf]
    lines = [line for line in lines if line.words]
    body, footnotes, labels = [], [], []
    sizes = [w.size for line in lines for w in line.words]
    body_size = Counter(round(s, 1) for s in sizes).most_common(1)[0][0] if sizes else 10.0
    in_footnotes = False
    for line in lines:
        text = line.text.strip()
        if PAGE_LABEL.match(text):
            labels.append(text)
        elif _is_marginal(line, page.height) and PAGE_NUMBER.match(text):
            continue
        elif in_footnotes or (
            line.top > page.height * 0.6 and line.size < body_size * 0.85 and line.words[0].text[:1].isdigit()
            and line.words[0].size < line.size
        ):
            in_footnotes = in_footnotes or line.top > page.height * 0.6
            footnotes.append(line)
        else:
            body.append(line)
    return PageLayout(page.page_number, float(page.width), float(page.height), body, footnotes, labels, edges)


def _drop_running_headers(pages: list[PageLayout]) -> None:
    """Lines in the page margins whose text (digits aside) recurs on at least half of the pages."""
    if len(pages) < 3:
        return
    key = lambda line: re.sub(r"\d+", "#", line.text.strip().casefold())  # noqa: E731
    seen = Counter(k for page in pages for k in {key(line) for line in page.lines
                                                 if _is_marginal(line, page.height)})
    running = {k for k, n in seen.items() if n >= len(pages) / 2}
    for page in pages:
        page.lines = [line for line in page.lines
                      if not (_is_marginal(line, page.height) and key(line) in running)]


def read_layout(path: Path) -> Layout:
    """Read every page of ``path``; raise ExtractionError with a one-line reason when it cannot be read."""
    if not path.is_file():
        raise ExtractionError(path, "no such file")
    if path.stat().st_size == 0:
        raise ExtractionError(path, "empty file (0 bytes)")
    try:
        with pdfplumber.open(path) as pdf:
            pages = []
            for page in pdf.pages:
                pages.append(_page_layout(page))
                page.close()
            metadata = {str(k): str(v) for k, v in (pdf.metadata or {}).items()}
    except Exception as exc:  # pdfminer raises many unrelated exception types on damaged files
        raise ExtractionError(path, _reason(exc)) from exc
    _drop_running_headers(pages)
    return Layout(path=path, pages=pages, metadata=metadata)
