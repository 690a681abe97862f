"""A small page writer on reportlab that reproduces the layout habits of the municipality's PDFs.

The reference documents were written in Word and printed to PDF. Their text extraction is damaged in
characteristic ways, and the extractor must survive exactly those, so the writer reproduces them:

- bold is printed by drawing every glyph twice, ``BOLD_OFFSET`` points apart (plain extraction gives
  ``BBeesskkrriivveellssee``);
- list bullets come from the Symbol font (U+F0B7), sub-bullets are a plain ``o``, some lists use ``•``;
- boxes and other deferred items are written to the page content after the body text, so they sit
  outside the reading order of the content stream;
- footnote markers are superscript digits glued to the word, the footnote at the page foot;
- a forced hyphenated line break is written ``virksomheds-/service`` in the text;
- a running header and page numbers on every page.

Inline markup in paragraph text: ``**bold**``, ``^3`` (a footnote marker glued to the previous word),
``-/`` (hyphenate and break the line here).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import SYMBOL_FONT, register_fonts

REGULAR = "Helvetica"
BOLD = "Helvetica-Bold"
BOLD_OFFSET = 0.3
PORTRAIT = A4
LANDSCAPE = landscape(A4)


@dataclass
class Segment:
    text: str
    bold: bool = False
    sup: bool = False


@dataclass
class Word:
    segments: list[Segment]
    break_after: bool = False

    def width(self, size: float) -> float:
        return sum(segment_width(s, size) for s in self.segments)


def segment_width(segment: Segment, size: float) -> float:
    font = BOLD if segment.bold else REGULAR
    return stringWidth(segment.text, font, size * 0.6 if segment.sup else size)


_INLINE = re.compile(r"(\*\*.+?\*\*|\^\d+)")


def parse_inline(text: str, bold: bool = False) -> list[Word]:
    """Split marked-up text into words made of styled segments."""
    words: list[Word] = [Word([])]
    for piece in _INLINE.split(text):
        if not piece:
            continue
        if piece.startswith("^") and piece[1:].isdigit():
            words[-1].segments.append(Segment(piece[1:], bold=False, sup=True))
            continue
        is_bold = bold
        if piece.startswith("**") and piece.endswith("**"):
            piece, is_bold = piece[2:-2], True
        parts = re.split(r"(\s+)", piece)
        for part in parts:
            if not part:
                continue
            if part.isspace():
                if words[-1].segments:
                    words.append(Word([]))
                continue
            chunks = part.split("-/")
            for i, chunk in enumerate(chunks):
                last = i == len(chunks) - 1
                words[-1].segments.append(Segment(chunk if last else chunk + "-", bold=is_bold))
                if not last:
                    words[-1].break_after = True
                    words.append(Word([]))
    return [w for w in words if w.segments]


def wrap(words: list[Word], width: float, size: float) -> list[list[Word]]:
    space = stringWidth(" ", REGULAR, size)
    lines: list[list[Word]] = [[]]
    used = 0.0
    for word in words:
        w = word.width(size)
        if lines[-1] and used + space + w > width:
            lines.append([])
            used = 0.0
        used += (space if lines[-1] else 0.0) + w
        lines[-1].append(word)
        if word.break_after:
            lines.append([])
            used = 0.0
    return [line for line in lines if line]


@dataclass
class PageState:
    deferred: list[Callable[[], None]] = field(default_factory=list)
    footnotes: list[tuple[str, str]] = field(default_factory=list)


class PdfWriter:
    """Flowing text on pages with margins, a running header, page numbers and deferred drawings."""

    def __init__(
        self,
        path: Path,
        *,
        title: str,
        pagesize: tuple[float, float] = PORTRAIT,
        margins: tuple[float, float, float, float] = (70, 70, 72, 72),
        header: str | None = "Københavns Kommune",
        page_label: Callable[[int], str | None] | None = lambda n: str(n),
        size: float = 10.5,
    ) -> None:
        register_fonts()
        self.path = path
        self.canvas = Canvas(str(path), pagesize=pagesize, invariant=1, pageCompression=0)
        self.canvas.setTitle(title)
        self.canvas.setAuthor("Københavns Kommune")
        self.canvas.setCreator("planarkiv corpus builder")
        self.width, self.height = pagesize
        self.left, self.right, self.top, self.bottom = margins
        self.header = header
        self.page_label = page_label
        self.size = size
        self.leading = size * 1.3
        self.page_number = 1
        self.page = PageState()
        self.y = self.height - self.top
        self.bottom_reserved = 0.0
        self.on_new_page: list[Callable[[PdfWriter], None]] = []
        self._start_page()

    # -- pages -------------------------------------------------------------------------------

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right

    def _start_page(self) -> None:
        if self.header:
            self.canvas.setFont(REGULAR, 8)
            self.canvas.drawRightString(self.width - self.right, self.height - 40, self.header)
        self.y = self.height - self.top
        self.bottom_reserved = 0.0
        for hook in self.on_new_page:
            hook(self)

    def _finish_page(self) -> None:
        for draw in self.page.deferred:
            draw()
        self._draw_footnotes()
        label = self.page_label(self.page_number) if self.page_label else None
        if label:
            self.canvas.setFont(REGULAR, 9)
            self.canvas.drawCentredString(self.width / 2, 34, label)
        self.canvas.showPage()
        self.page = PageState()
        self.page_number += 1

    def new_page(self) -> None:
        self._finish_page()
        self._start_page()

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` points still fit above the bottom margin."""
        if self.y - height < self.bottom + self.bottom_reserved:
            self.new_page()

    def space(self, points: float) -> None:
        self.y -= points

    def defer(self, draw: Callable[[], None]) -> None:
        """Draw at the end of the page, after the body text in the content stream."""
        self.page.deferred.append(draw)

    def save(self) -> None:
        self._finish_page()
        self.canvas.save()

    # -- text --------------------------------------------------------------------------------

    def draw_words(self, x: float, y: float, line: list[Word], size: float) -> None:
        """Draw one line; spaces are real characters and bold runs are printed twice, offset."""
        runs: list[Segment] = []
        for i, word in enumerate(line):
            for j, seg in enumerate(word.segments):
                text = (" " if i and j == 0 else "") + seg.text
                if runs and (runs[-1].bold, runs[-1].sup) == (seg.bold, seg.sup):
                    runs[-1].text += text
                else:
                    runs.append(Segment(text, seg.bold, seg.sup))
        for run in runs:
            run_size = size * 0.6 if run.sup else size
            run_y = y + size * 0.35 if run.sup else y
            self.canvas.setFont(BOLD if run.bold else REGULAR, run_size)
            self.canvas.drawString(x, run_y, run.text)
            if run.bold:
                self.canvas.drawString(x + BOLD_OFFSET, run_y, run.text)
            x += segment_width(run, size)

    def lines_for(
        self, text: str, width: float, size: float | None = None, bold: bool = False
    ) -> list[list[Word]]:
        return wrap(parse_inline(text, bold=bold), width, size or self.size)

    def paragraph(
        self,
        text: str,
        *,
        size: float | None = None,
        bold: bool = False,
        indent: float = 0,
        bullet: str | None = None,
        bullet_indent: float = 14,
        space_after: float = 6,
    ) -> None:
        """Flow a paragraph, optionally as a list item, breaking pages as needed."""
        size = size or self.size
        leading = size * 1.3
        x = self.left + indent + (bullet_indent if bullet else 0)
        lines = self.lines_for(text, self.width - self.right - x, size, bold)
        for i, line in enumerate(lines):
            self.ensure(leading)
            self.y -= leading
            if i == 0 and bullet:
                font = REGULAR if bullet == "o" else SYMBOL_FONT
                self.canvas.setFont(font, size)
                self.canvas.drawString(self.left + indent, self.y, bullet)
            self.draw_words(x, self.y, line, size)
        self.y -= space_after

    def heading(self, text: str, level: int = 1) -> None:
        size = {1: 14, 2: 12, 3: 11}.get(level, 11)
        self.ensure(size * 1.3 * 3)
        self.space(size * 0.6)
        self.paragraph(text, size=size, bold=True, space_after=4)

    def footnote(self, marker: str, text: str) -> None:
        """Register the footnote ``marker`` for the foot of the current page."""
        lines = self.lines_for(text, self.text_width - 10, 8)
        self.bottom_reserved += len(lines) * 10 + (14 if not self.page.footnotes else 2)
        self.page.footnotes.append((marker, text))

    def _draw_footnotes(self) -> None:
        if not self.page.footnotes:
            return
        heights = [len(self.lines_for(t, self.text_width - 10, 8)) * 10 + 2 for _, t in self.page.footnotes]
        y = self.bottom + sum(heights)
        self.canvas.setLineWidth(0.5)
        self.canvas.line(self.left, y + 4, self.left + 120, y + 4)
        for (marker, text), height in zip(self.page.footnotes, heights, strict=True):
            self.canvas.setFont(REGULAR, 5)
            self.canvas.drawString(self.left, y - 5, marker)
            for i, line in enumerate(self.lines_for(text, self.text_width - 10, 8)):
                self.draw_words(self.left + 6, y - 8 - i * 10, line, 8)
            y -= height

    # -- boxes and cells ---------------------------------------------------------------------

    def text_block_height(self, paragraphs: list[str], width: float, size: float) -> float:
        return sum(len(self.lines_for(p, width, size)) * size * 1.3 + 4 for p in paragraphs)

    def draw_text_block(
        self, x: float, top: float, paragraphs: list[str], width: float, size: float
    ) -> float:
        """Draw paragraphs downward from ``top``; returns the y below the last line."""
        y = top
        for p in paragraphs:
            for line in self.lines_for(p, width, size):
                y -= size * 1.3
                self.draw_words(x, y, line, size)
            y -= 4
        return y

    def box(self, paragraphs: list[str], *, x: float | None = None, width: float | None = None,
            size: float = 9.5, pad: float = 6) -> None:
        """A bordered box in the flow, written to the page content after the body text."""
        x = self.left if x is None else x
        width = self.text_width if width is None else width
        height = self.text_block_height(paragraphs, width - 2 * pad, size) + 2 * pad
        self.ensure(height + 6)
        top = self.y - 4
        self.y = top - height - 8

        def draw() -> None:
            self.canvas.setLineWidth(0.8)
            self.canvas.rect(x, top - height, width, height)
            self.draw_text_block(x + pad, top - pad, paragraphs, width - 2 * pad, size)

        self.defer(draw)
