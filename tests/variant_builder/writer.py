"""A page writer for test documents laid out unlike the bundled ones.

The bundled PDFs come from one writer (``tests/corpus_builder``): one ragged-right column, bold printed as
every glyph twice, Helvetica. Real themes notes and action plans of other years come from other templates, so
this writer sets type the way those do:

- a real bold font (Bitstream Vera Sans Bold, a TrueType font that ships with reportlab, so the output is
  the same on every machine) instead of double-printed glyphs;
- justified lines: each word placed on its own (followed by a space glyph), the line's slack spread over
  the gaps between words;
- one, two or three columns, filled one after the other, after a title block that spans them all;
- a letterhead in a sidebar column beside the body of the first page (left or right);
- bullets drawn as a "•" glyph of the body font with a hanging indent; page numbers "Side n" at the foot.

Markup, one block per line (consecutive plain lines form one paragraph, a blank line ends it):

    = Title                 the document's title, spanning the columns
    ~ line                  a small line in the spanning block (date, recipient, "Notat")
    [columns]               the spanning block ends, the columns begin
    # Heading               a heading; ## a sub-heading; ### a third level (all bold, each smaller)
    ! TEMA 1                a small label on its own line (a kicker above a heading)
    - item                  a bullet item (the plain lines after it continue it)
    [sidebar] … [/sidebar]  the letterhead lines of page 1 (blank line: a gap)

Inline ``**bold**`` in paragraphs and items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from corpus_builder import fonts as corpus_fonts

REGULAR = "Vera"
BOLD = "VeraBd"
BULLET = "•"
BULLET_INDENT = 11.0


@cache
def register_fonts() -> None:
    """Vera and Vera Bold; first the corpus builder's Symbol font, as reportlab's font registry is one per
    process and a canvas made before that font is registered leaves later bundled-style PDFs (the parser
    tests build some) with reportlab's own Symbol font instead."""
    corpus_fonts.register_fonts()
    fonts = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont(REGULAR, str(fonts / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(fonts / "VeraBd.ttf")))


@dataclass(frozen=True)
class Layout:
    """A template: page margins, columns and their gutter, type sizes, the letterhead sidebar."""

    columns: int = 2
    gutter: float = 18.0
    margins: tuple[float, float, float, float] = (56.0, 56.0, 64.0, 64.0)  # left, right, top, bottom
    size: float = 9.5
    leading: float = 12.5
    heading_size: float = 13.0
    subheading_size: float = 10.5
    kicker_size: float = 8.5
    kicker_bold: bool = True
    title_size: float = 19.0
    justify: bool = True
    sidebar: str | None = None  # "left" | "right": a letterhead column beside the body on page 1
    sidebar_width: float = 118.0
    sidebar_size: float = 7.0


_INLINE = re.compile(r"(\*\*.+?\*\*)")


def words_of(text: str, bold: bool = False) -> list[tuple[str, bool]]:
    """(word, bold) for each word of marked-up text."""
    found = []
    for piece in _INLINE.split(text):
        is_bold = bold
        if piece.startswith("**") and piece.endswith("**"):
            piece, is_bold = piece[2:-2], True
        found.extend((word, is_bold) for word in piece.split())
    return found


def _width(word: tuple[str, bool], size: float) -> float:
    return stringWidth(word[0], BOLD if word[1] else REGULAR, size)


def wrap(words: list[tuple[str, bool]], width: float, size: float) -> list[list[tuple[str, bool]]]:
    space = stringWidth(" ", REGULAR, size)
    lines: list[list[tuple[str, bool]]] = [[]]
    used = 0.0
    for word in words:
        w = _width(word, size)
        if lines[-1] and used + space + w > width:
            lines.append([])
            used = 0.0
        used += (space if lines[-1] else 0.0) + w
        lines[-1].append(word)
    return [line for line in lines if line]


class ColumnWriter:
    def __init__(self, path: Path, title: str, layout: Layout, sidebar: list[str] | None = None) -> None:
        register_fonts()
        self.layout = layout
        self.canvas = Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
        self.canvas.setTitle(title)
        self.canvas.setCreator("planarkiv test variants")
        self.width, self.height = A4
        self.page = 1
        self.sidebar = sidebar or []
        left, right, top, _ = layout.margins
        self.body_left, self.body_right = left, self.width - right
        if self.sidebar and layout.sidebar == "left":
            self.body_left += layout.sidebar_width + layout.gutter
        elif self.sidebar and layout.sidebar == "right":
            self.body_right -= layout.sidebar_width + layout.gutter
        self.spanning = True
        self.column = 0
        self.y = self.height - top
        self._draw_sidebar()

    # -- frames ---------------------------------------------------------------------------------------

    def _frame(self) -> tuple[float, float]:
        """x and width of where text goes now: the spanning block or the current column."""
        if self.spanning:
            return self.body_left, self.body_right - self.body_left
        n, gutter = self.layout.columns, self.layout.gutter
        width = (self.body_right - self.body_left - gutter * (n - 1)) / n
        return self.body_left + self.column * (width + gutter), width

    def start_columns(self) -> None:
        self.spanning = False
        self.columns_top = self.y - 6
        self.y = self.columns_top

    def _next_frame(self) -> None:
        if not self.spanning and self.column + 1 < self.layout.columns:
            self.column += 1
            self.y = self.columns_top
            return
        self._finish_page()
        self.page += 1
        left, right, top, _ = self.layout.margins
        self.body_left, self.body_right = left, self.width - right  # the sidebar is page 1's only
        self.column = 0
        self.columns_top = self.y = self.height - top

    def _finish_page(self) -> None:
        self.canvas.setFont(REGULAR, 7.5)
        self.canvas.drawRightString(self.width - self.layout.margins[1], 36, f"Side {self.page}")
        self.canvas.showPage()

    def ensure(self, height: float) -> None:
        if self.y - height < self.layout.margins[3]:
            self._next_frame()

    def _draw_sidebar(self) -> None:
        if not self.sidebar:
            return
        layout = self.layout
        x = (layout.margins[0] if layout.sidebar == "left"
             else self.width - layout.margins[1] - layout.sidebar_width)
        y = self.height - layout.margins[2]
        for text in self.sidebar:
            if not text.strip():
                y -= layout.sidebar_size
                continue
            for line in wrap(words_of(text), layout.sidebar_width, layout.sidebar_size):
                y -= layout.sidebar_size * 1.35
                self._draw_line(x, y, line, layout.sidebar_size, layout.sidebar_width, False)

    # -- text -----------------------------------------------------------------------------------------

    def _draw_line(self, x: float, y: float, line: list[tuple[str, bool]], size: float, width: float,
                   justify: bool) -> None:
        natural = sum(_width(w, size) for w in line)
        space = stringWidth(" ", REGULAR, size)
        if justify and len(line) > 1:
            space = (width - natural) / (len(line) - 1)
        for i, word in enumerate(line):
            font = BOLD if word[1] else REGULAR
            self.canvas.setFont(font, size)
            # a space glyph after each word but the last, as a word processor writes it; the gap a justified
            # line adds comes after it
            self.canvas.drawString(x, y, word[0] + (" " if i < len(line) - 1 else ""))
            x += _width(word, size) + space

    def paragraph(self, text: str, *, size: float | None = None, bold: bool = False, bullet: bool = False,
                  space_before: float = 0.0, space_after: float | None = None, keep_with_next: float = 0.0,
                  justify: bool | None = None) -> None:
        layout = self.layout
        size = size or layout.size
        leading = layout.leading * size / layout.size
        justify = layout.justify if justify is None else justify
        x, width = self._frame()
        indent = BULLET_INDENT if bullet else 0.0
        lines = wrap(words_of(text, bold), width - indent, size)
        self.y -= space_before
        self.ensure(leading * min(len(lines), 2) + keep_with_next)
        for i, line in enumerate(lines):
            self.ensure(leading)
            x, width = self._frame()
            self.y -= leading
            if i == 0 and bullet:
                self.canvas.setFont(REGULAR, size)
                self.canvas.drawString(x + 1, self.y, BULLET)
            last = i == len(lines) - 1
            self._draw_line(x + indent, self.y, line, size, width - indent, justify and not last)
        self.y -= layout.leading * 0.5 if space_after is None else space_after

    def render(self, markup: str) -> None:
        layout = self.layout
        para: list[str] = []
        item = False  # the paragraph being collected is a bullet item

        def flush() -> None:
            nonlocal item
            if para:
                self.paragraph(" ".join(para), bullet=item, space_after=3 if item else None)
                para.clear()
            item = False

        for raw in markup.splitlines():
            line = raw.strip()
            if not line:
                flush()
            elif line == "[columns]":
                flush()
                self.start_columns()
            elif line.startswith("= "):
                flush()
                self.paragraph(line[2:], size=layout.title_size, bold=True, justify=False, space_after=8)
            elif line.startswith("~ "):
                flush()
                self.paragraph(line[2:], size=layout.kicker_size, justify=False, space_after=3)
            elif line.startswith("### "):
                flush()
                self.paragraph(line[4:], size=layout.size + 0.5, bold=True, justify=False, space_before=3,
                               space_after=1, keep_with_next=layout.leading * 2)
            elif line.startswith("## "):
                flush()
                self.paragraph(line[3:], size=layout.subheading_size, bold=True, justify=False,
                               space_before=5, space_after=2, keep_with_next=layout.leading * 2)
            elif line.startswith("# "):
                flush()
                self.paragraph(line[2:], size=layout.heading_size, bold=True, justify=False,
                               space_before=8, space_after=4, keep_with_next=layout.leading * 2)
            elif line.startswith("! "):
                flush()
                self.paragraph(line[2:], size=layout.kicker_size, bold=layout.kicker_bold, justify=False,
                               space_before=10,
                               space_after=1, keep_with_next=layout.heading_size * 2 + layout.leading * 3)
            elif line.startswith("- "):
                flush()
                para.append(line[2:])
                item = True
            else:
                para.append(line)
        flush()

    def save(self) -> None:
        self._finish_page()
        self.canvas.save()


_SIDEBAR = re.compile(r"^\[sidebar\]\n(.*?)\n\[/sidebar\]\n", re.S | re.M)


def build(path: Path, title: str, layout: Layout, markup: str) -> None:
    """Write ``markup`` (with an optional ``[sidebar]`` letterhead) to ``path`` in ``layout``."""
    match = _SIDEBAR.search(markup)
    sidebar = match.group(1).splitlines() if match else None
    body = markup[: match.start()] + markup[match.end():] if match else markup
    writer = ColumnWriter(path, title, layout, sidebar)
    writer.render(body)
    writer.save()
