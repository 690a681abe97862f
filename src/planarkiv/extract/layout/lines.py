"""Reading-order leaves -> lines: footnote markers cut off, bullets made an attribute, footnotes kept apart.

- footnote markers glued to words (``år1`` with a small raised 1) are cut off, into ``Line.markers``;
- Symbol-font bullets (U+F0B7), ``•``, ``▪``, sub-bullets ``o`` and dashes become ``Line.bullet``;
- the footnotes at a page's foot, in small type from a line that starts with a number, are set apart
  from the body.

Lines do not change once made: their text and geometry are computed once (``cached_property``), as the
kind detectors and parsers ask for them again and again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from statistics import median

from .geometry import Box
from .glyphs import Word
from .settings import DEFAULT_SETTINGS, LayoutSettings

BULLETS = {"\uf0b7": "•", "•": "•", "▪": "•", "◦": "o", "\uf0a7": "•", "\uf02d": "-", "–": "-", "-": "-",
           "o": "o"}
# A dash or an "o" opens a line of ordinary text too ("- ordinære job" continuing a parenthesis); as a
# bullet it stands apart from its text by a tab, wider than a space (``ambiguous_bullet_gap``).
AMBIGUOUS_BULLETS = {"–", "-", "o"}
GLUED_BULLETS = ("\uf0b7", "•", "▪")  # bullets that may come glued to the first word


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
    def bbox(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)


def body_size(lines: Iterable[Line]) -> float:
    """The most common text size of the lines: what "body text" means on a page or in a document."""
    sizes = Counter(round(w.size, 1) for line in lines for w in line.words)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _cut_markers(words: list[Word], settings: LayoutSettings) -> tuple[list[Word], list[str]]:
    """Drop footnote markers: small digits glued to the end of the previous word, set higher."""
    kept: list[Word] = []
    markers = []
    for word in words:
        prev = kept[-1] if kept else None
        if (prev and word.text.isdigit() and word.size < prev.size * settings.marker_size
                and word.x0 - prev.x1 < settings.marker_glue
                and word.bottom < prev.bottom - settings.marker_raise):
            markers.append(word.text)
            continue
        kept.append(word)
    return kept, markers


def make_line(page: int, words: list[Word], settings: LayoutSettings = DEFAULT_SETTINGS) -> Line:
    """The line of a reading-order leaf (at least one word): its footnote markers and bullet taken off."""
    words, markers = _cut_markers(words, settings)
    bullet = None
    first = words[0]
    gap = words[1].x0 - first.x1 if len(words) > 1 else 0.0
    min_gap = settings.ambiguous_bullet_gap if first.text in AMBIGUOUS_BULLETS else settings.bullet_gap
    if first.text in BULLETS and gap > min_gap:
        bullet = BULLETS[first.text]
        words = words[1:]
    elif first.text[:1] in GLUED_BULLETS and len(first.text) > 1:
        bullet = "•"
        words = [first._replace(text=first.text[1:]), *words[1:]]
    return Line(page=page, words=words, bullet=bullet, markers=markers)


def split_footnotes(lines: list[Line], height: float, body: float,
                    settings: LayoutSettings = DEFAULT_SETTINGS) -> tuple[list[Line], list[Line]]:
    """The page's body lines and its footnotes: from a line low on the page (``footnote_zone``) in small
    type that starts with a smaller number, the lines below it in small type. A column of body text read
    after the footnote (a page of several columns) is body again."""
    body_lines, footnotes = [], []
    zone = height * settings.footnote_zone
    notes_top: float | None = None  # where the page's footnotes begin
    small = body * settings.small_type
    for line in lines:
        if (notes_top is not None and line.top >= notes_top - 1 and line.size < small) or (
            line.top > zone and line.size < body * settings.footnote_size
            and line.words[0].text[:1].isdigit() and line.words[0].size < line.size
        ):
            if notes_top is None and line.top > zone:
                notes_top = line.top
            footnotes.append(line)
        else:
            body_lines.append(line)
    return body_lines, footnotes
