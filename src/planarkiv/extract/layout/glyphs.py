"""Glyphs -> words: double-printed bold undone, each word with its text size and whether it is bold.

The municipality's PDFs print bold as every glyph twice, a fraction of a point apart. The twin is
removed as pdfplumber's ``dedupe_chars`` removes it, and a glyph that had a twin (or comes from a bold
font) is bold; words are pdfplumber's, cut where the text size changes.
"""

from __future__ import annotations

import re
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

import numpy as np
from pdfplumber.utils.text import WordExtractor

from .settings import DEFAULT_SETTINGS, LayoutSettings


class Word(NamedTuple):
    """A word as the page prints it; a tuple, as a page has thousands and they do not change once made."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


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


def _twinned(text: np.ndarray, texts: list[str], top: np.ndarray, x0: np.ndarray,
             settings: LayoutSettings = DEFAULT_SETTINGS) -> set[Place]:
    """The places of the left glyph of each pair of glyphs of the same text (``text``: their ``_ids``)
    on the same rounded line printed ``twin_min_gap`` to ``twin_max_gap`` apart: double-printed bold."""
    line = np.rint(top)  # round() of each top: numpy rounds halves to even too
    order = np.lexsort((x0, line, text))
    gap = np.diff(x0[order])
    twin = (gap > settings.twin_min_gap) & (gap < settings.twin_max_gap)
    left = order[:-1][~_starts(text[order], line[order])[1:] & twin]
    return set(zip([texts[i] for i in left.tolist()], line[left].astype(np.int64).tolist(),
                   np.rint(x0[left]).astype(np.int64).tolist(), strict=True))


def _deduplicated(chars: list[dict], settings: LayoutSettings = DEFAULT_SETTINGS,
                  ) -> tuple[list[dict], set[Place]]:
    """The chars without the second glyph of each double-printed pair (in their order), and ``_twinned``:
    both read the same columns of the glyphs.

    The de-duplication is pdfplumber's ``dedupe_chars(chars, tolerance=settings.dedupe_tolerance)``:
    glyphs of the same text, font and size whose ``doctop`` and then ``x0`` chain within the tolerance are
    one, the topmost-leftmost (the first of equals) kept. pdfplumber's implementation (``cluster_objects``
    per group, then re-sorting by ``list.index``) costs many times this one, which sorts all glyphs at once
    with numpy; ``tests/test_layout.py`` holds the two equal on real pages.
    """
    n = len(chars)
    if not n:
        return [], set()
    tolerance = settings.dedupe_tolerance
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
    return list(compress(chars, keep.tolist())), _twinned(text, texts, top, x0, settings)


def words(chars: list[dict], settings: LayoutSettings = DEFAULT_SETTINGS) -> list[Word]:
    """pdfplumber's words of the de-duplicated glyphs, cut where the text size changes, blanks left out.
    A word is bold when each of its glyphs (blanks aside) is set in a bold font or was printed twice."""
    unique, twins = _deduplicated(chars, settings)
    bold_font: dict[str, bool] = {}  # per font name: a page has a handful
    found = []
    for w, glyphs in WordExtractor(extra_attrs=["size"]).iter_extract_tuples(unique):
        if not w["text"].strip():
            continue
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
        found.append(Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w["size"], bold))
    return found
