"""The tolerances of the layout layer in one place, in the manner of pdfplumber's ``TableSettings``: one
frozen dataclass, one default instance, and every function of the layer taking it as a parameter with
that default. A parser that needs more of the layer than the default (a deck whose card numbers share a
line with other text) asks for it with ``dataclasses.replace(DEFAULT_SETTINGS, ...)``, not with code of
its own.

Lengths are in PDF points; ``*_size`` and shares are ratios (of the body text size, of a page's height).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LayoutSettings:
    # glyphs: pdfplumber's ``dedupe_chars`` tolerance; a glyph printed twice this far apart is bold
    dedupe_tolerance: float = 1.0
    twin_min_gap: float = 0.05
    twin_max_gap: float = 1.2

    # reading order (XY-cut)
    min_rule: float = 40.0  # a horizontal drawn edge at least this long is a ruling line
    rule_slack: float = 6.0  # a rule that stops this close to a region's sides runs across it
    min_gutter: float = 9.0  # an empty vertical stretch at least this wide may part two columns
    min_column: float = 40.0  # ... when each side of it is at least this wide
    line_overlap: float = 0.25  # lines may overlap by this share of the shortest word's height
    river_prose: float = 0.75  # share of words that are prose for a gutter to be a river instead
    river_row: float = 1.0  # words whose tops differ by less stand on one row
    river_spacing: float = 0.15  # a river is its row's word spacing, give or take this share of it
    river_slack: float = 1.0  # ... and at least this many points

    # lines: bullets stand apart from their text, footnote markers are small, glued and raised
    bullet_gap: float = 2.0
    ambiguous_bullet_gap: float = 4.5  # a dash or an "o", which also open ordinary text, by a tab
    marker_size: float = 0.8  # of the word before
    marker_glue: float = 1.0  # no more than this far from the word before ...
    marker_raise: float = 0.5  # ... and its bottom this much higher
    footnote_zone: float = 0.6  # share of the page height below which footnotes start
    footnote_size: float = 0.85  # a footnote starts in type smaller than this share of the body size
    small_type: float = 0.95  # type smaller than this share of the body size is not body text

    # page chrome: running headers, page numbers and labels live in the margins
    margin: float = 0.085  # share of the page height at top and bottom
    running_pages: int = 3  # documents shorter than this have no running headers
    running_share: float = 0.5  # a running header recurs on at least this share of the pages
    block_size: float = 0.1  # lines of one block differ in size by at most this share ...
    block_gap: float = 0.5  # ... and stand at most this share of their size apart
    # A "Nr. N" label sharing a line with other text, this many body sizes apart from it, is split off
    # into the page's labels; None leaves such a line whole (in most documents "Nr. 52" after a text is
    # a reference, not a label).
    label_gap: float | None = None
    # A small plain line wholly inside the margin is chrome even when it does not recur; off by default,
    # as in most documents such a line is a footnote, a source or a colophon.
    stray_chrome: bool = False


DEFAULT_SETTINGS = LayoutSettings()
