"""Words -> reading order, by recursive XY-cut on the geometry, never the order glyphs were written.

Two columns, a letterhead sidebar, a card title drawn after the body: a ruling line across the whole
region separates first (table rows, a box, a card's title under its rule); then a vertical gutter through
the whole region (columns, a sidebar); else the widest gap between lines. The leaves are lines (or cells),
their words from left to right.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import pairwise
from operator import attrgetter, sub
from statistics import median

from .glyphs import Word
from .settings import DEFAULT_SETTINGS, LayoutSettings

Rule = tuple[float, float, float]  # a horizontal ruling line: y, x0, x1

_LEFT, _RIGHT, _TOP, _BOTTOM = (attrgetter(name) for name in ("x0", "x1", "top", "bottom"))  # of a Word
_PROSE_WORD = re.compile(r"^\W*[^\W\d_]+(?:-[^\W\d_]+)*-?\W*$")  # letters, maybe hyphenated, in punctuation


def ruling_lines(edges: list[dict], settings: LayoutSettings = DEFAULT_SETTINGS) -> list[Rule]:
    """Horizontal ruling lines (table row borders, box edges, the rule above a card title): y, x0, x1."""
    return [(e["top"], e["x0"], e["x1"]) for e in edges
            if e["orientation"] == "h" and e["x1"] - e["x0"] > settings.min_rule]


def xy_cut(words: list[Word], rules: list[Rule], settings: LayoutSettings = DEFAULT_SETTINGS,
           ) -> list[list[Word]]:
    """Split words into reading-order leaves (lines or cells, their words from left to right)."""
    by_x = sorted(words, key=_LEFT)
    return _cut(by_x, sorted(by_x, key=_TOP), rules, settings)


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


def _river(by_y: list[Word], start: float, end: float, settings: LayoutSettings) -> bool:
    """The empty stretch ``start``..``end`` down a region is word spacing, not a gutter between columns.

    Justified type spreads a line's slack evenly over its word gaps, and in a few short lines such gaps can
    line up. A gutter is wider than the word gaps of the lines beside it; a river is, on every line that
    has words on both sides of it and other gaps to compare with, as wide as that line's other gaps. A region
    of one line is no river (evenly spaced cells of a table row), and only prose has rivers: in a table of
    figures or codes evenly spaced columns are columns."""
    words_of_prose = sum(1 for w in by_y if _PROSE_WORD.match(w.text) and not w.text.isupper())
    if words_of_prose < len(by_y) * settings.river_prose:
        return False
    spaced = rows = 0
    row: list[Word] = []
    for word in [*by_y, None]:
        if word is not None and (not row or word.top - row[0].top < settings.river_row):
            row.append(word)
            continue
        rows += 1
        words = sorted(row, key=_LEFT)
        gaps = [b.x0 - a.x1 for a, b in pairwise(words)]
        across = [i for i, (a, b) in enumerate(pairwise(words)) if a.x1 <= start and b.x0 >= end]
        others = [g for i, g in enumerate(gaps) if i not in across]
        if across and others:
            spacing = median(others)
            if abs(gaps[across[0]] - spacing) > max(settings.river_slack, spacing * settings.river_spacing):
                return False
            spaced += 1
        row = [word] if word is not None else []
    return spaced > 0 and rows > 1


def _cut(by_x: list[Word], by_y: list[Word], rules: list[Rule], settings: LayoutSettings,
         line_gaps: tuple[float, list[tuple[float, float]]] | None = None) -> list[list[Word]]:
    """``xy_cut`` of a region, given its words twice: by ``x0`` (equals in the page's order) and by
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
    slack = settings.rule_slack
    across = {y for y, x0, x1 in rules if x0 <= left + slack and x1 >= right - slack}
    cuts = _clear_of(by_y, sorted(across)) if across else []
    if cuts:  # a word's band: the number of cuts above it
        bands: list[list[Word]] = [[] for _ in range(len(cuts) + 1)]
        for w in by_x:
            bands[bisect_left(cuts, w.top)].append(w)
        ends = [bisect_right(by_y, y, key=_TOP) for y in cuts]
        return [leaf for band, start, end in zip(bands, [0, *ends], [*ends, len(by_y)], strict=True)
                for leaf in _cut(band, by_y[start:end], rules, settings)]
    gutters = sorted(_gaps([(w.x0, w.x1) for w in by_x], settings.min_gutter), key=lambda g: g[0] - g[1])
    for start, end in gutters:
        # a word ends before it or starts after; gaps between words of justified lines that happen to line
        # up (a "river") are no gutter
        if (start - left >= settings.min_column and right - end >= settings.min_column
                and not _river(by_y, start, end, settings)):
            split = bisect_left(by_x, end, key=_LEFT)
            return _cut(by_x[:split], [w for w in by_y if w.x0 < end], rules, settings) + _cut(
                by_x[split:], [w for w in by_y if w.x0 >= end], rules, settings)
    tolerance = min(map(sub, map(_BOTTOM, by_x), map(_TOP, by_x))) * settings.line_overlap
    if line_gaps and line_gaps[0] == tolerance:
        gaps = line_gaps[1]
    else:
        gaps = _gaps([(w.top + tolerance, w.bottom - tolerance) for w in by_y], 0.01)
    if not gaps:
        return [by_x]
    widest = max(range(len(gaps)), key=lambda i: gaps[i][1] - gaps[i][0])
    end = gaps[widest][1]  # the words above the gap have their middle above its middle
    split = bisect_left(by_y, end, key=lambda w: w.top + tolerance)
    return _cut([w for w in by_x if w.top + tolerance < end], by_y[:split], rules, settings,
                (tolerance, gaps[:widest])) + _cut(
        [w for w in by_x if w.top + tolerance >= end], by_y[split:], rules, settings,
        (tolerance, gaps[widest + 1:]))
