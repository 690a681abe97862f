"""Budget 2027: bevillinger der udløber (the ``budget_expiry`` kind).

Landscape A4, one card per expiring grant and page: two columns, "Beskrivelse af udløb" on the left and
"Faglig vurdering af videreførelse" on the right, their headings bold by double printing; the card's
sub-headings ("Indhold i indsatsen:") in a bold font printed once, as the real PDF's text layer has them; the
large title and the origin ("Budget 2023", "OFS 22/23"), both double-printed, at the foot of the page and
written after the columns in the content stream; "Nr. N" page labels where the original has them; a
divider page and a card without body text. A card too long for its page is set in a smaller size.

The text, in a line format described at its top, is ``content/budget-2027-bevillinger-der-udloeber.txt``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .fonts import SYMBOL_BULLET, SYMBOL_FONT
from .writer import BOLD, LANDSCAPE, REGULAR, PdfWriter, Word, parse_inline, wrap

STEM = "budget-2027-bevillinger-der-udloeber"
TITLE = "Budget 2027: bevillinger der udløber"
CONTENT = Path(__file__).parent / "content" / f"{STEM}.txt"
HEADINGS = ("Beskrivelse af udløb", "Faglig vurdering af videreførelse")

NBSP = "\xa0"
_KEEP = "\ue000"  # holds a no-break space while the writer splits words at whitespace
DOUBLE_SUBHEADINGS = False  # the real sub-headings extract single, unlike headings and titles

MARGIN = 48.0
GUTTER = 30.0
COLUMN = (LANDSCAPE[0] - 2 * MARGIN - GUTTER) / 2
HEADING_Y = 520.0
BODY_TOP = 506.0
BODY_BOTTOM = 152.0
RULE_Y = 140.0
ORIGIN_Y = 60.0
TITLE_SIZE = 20.0
SIZES = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0)
ITEM_INDENT = 18.0
FLAT_INDENT = 10.0  # a typed "• " whose lines wrap back to the margin


@dataclass
class Page:
    title: list[str] = field(default_factory=list)
    origin: str | None = None
    label: str | None = None
    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    divider: list[str] = field(default_factory=list)


def load(path: Path = CONTENT) -> list[Page]:
    """Read the content file into pages (cards and the divider)."""
    pages: list[Page] = []
    column: list[str] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip(" ")
        if line.startswith("%"):
            continue
        if line in ("@card", "@divider"):
            pages.append(Page())
            column = pages[-1].divider if line == "@divider" else None
        elif line in ("@left", "@right"):
            column = pages[-1].left if line == "@left" else pages[-1].right
        elif line.startswith(("@title ", "@origin ", "@label ")):
            key, _, value = line.partition(" ")
            if key == "@title":
                pages[-1].title.append(value)
            else:
                setattr(pages[-1], key[1:], value)
        elif column is not None:
            column.append(line)
        elif line:
            raise ValueError(f"text outside a column: {line!r}")
    for page in pages:
        for lines in (page.left, page.right, page.divider):
            while lines and not lines[-1]:
                lines.pop()
    return pages


def _words(text: str, bold: bool = False) -> list[Word]:
    words = parse_inline(text.replace(NBSP, _KEEP), bold=bold)
    for word in words:
        for segment in word.segments:
            segment.text = segment.text.replace(_KEEP, NBSP)
    return words


def _item(line: str) -> tuple[str, str, str, bool]:
    """Split a column line into (marker, marker font, text, hanging indent)."""
    if line.startswith("* "):
        return "•", SYMBOL_FONT, line[2:], True
    if line.startswith("- "):
        return SYMBOL_BULLET, SYMBOL_FONT, line[2:], True
    if line.startswith("+ "):
        number, _, text = line[2:].partition(" ")
        return number, REGULAR, text, True
    if line.startswith("• "):
        return "•", SYMBOL_FONT, line[2:], False
    return "", REGULAR, line, False


def _column(writer: PdfWriter, x: float, lines: list[str], size: float, draw: bool) -> float:
    """Set one column downward from BODY_TOP (drawing only if ``draw``); returns the lowest baseline."""
    canvas = writer.canvas
    leading = size * 1.25
    y = BODY_TOP
    for line in lines:
        if not line:
            y -= size * 0.7
            continue
        if line.startswith("## "):
            y -= leading
            if draw and DOUBLE_SUBHEADINGS:
                writer.draw_words(x, y, _words(line[3:], bold=True), size)
            elif draw:
                canvas.setFont(BOLD, size)
                canvas.drawString(x, y, line[3:])
            continue
        marker, font, text, hanging = _item(line)
        indent = (ITEM_INDENT if hanging else FLAT_INDENT) if marker else 0.0
        for i, row in enumerate(wrap(_words(text), COLUMN - indent, size)):
            y -= leading
            if not draw:
                continue
            if i == 0 and marker:
                canvas.setFont(font, size)
                canvas.drawString(x + 2, y, marker)
            writer.draw_words(x + indent if hanging or i == 0 else x, y, row, size)
    return y


def _foot(writer: PdfWriter, page: Page) -> None:
    """The card's title and origin at the foot of the page, both double-printed."""
    width = LANDSCAPE[0] - 2 * MARGIN
    size = TITLE_SIZE
    while size > 12 and any(sum(w.width(size) for w in _words(t, True)) > width for t in page.title):
        size -= 1
    y = ORIGIN_Y + 26 + (len(page.title) - 1) * size * 1.2
    for text in page.title:
        writer.draw_words(MARGIN, y, _words(text, bold=True), size)
        y -= size * 1.2
    if page.origin:
        writer.draw_words(MARGIN, ORIGIN_Y, _words(page.origin, bold=True), 12)


def _card(writer: PdfWriter, page: Page) -> None:
    columns = (page.left, page.right)
    xs = (MARGIN, MARGIN + COLUMN + GUTTER)
    size = next((s for s in SIZES if all(_column(writer, x, c, s, False) >= BODY_BOTTOM
                                         for x, c in zip(xs, columns, strict=True))), None)
    if size is None:
        raise ValueError(f"card does not fit its page: {page.title}")
    canvas = writer.canvas
    canvas.setLineWidth(0.6)
    for x, heading, lines in zip(xs, HEADINGS, columns, strict=True):
        writer.draw_words(x, HEADING_Y, _words(heading, bold=True), 12)
        canvas.line(x, HEADING_Y - 5, x + COLUMN, HEADING_Y - 5)
        _column(writer, x, lines, size, True)
    canvas.line(MARGIN, RULE_Y, LANDSCAPE[0] - MARGIN, RULE_Y)
    writer.defer(lambda: _foot(writer, page))


def _divider(writer: PdfWriter, page: Page) -> None:
    """A section divider: a large heading set in a bold font, printed once as the real PDF has it."""
    writer.canvas.setFont(BOLD, 28)
    for i, text in enumerate(page.divider):
        writer.canvas.drawString(MARGIN + 40, 360 - i * 36, text)


def build(path: Path) -> None:
    pages = load()
    labels = {n: page.label for n, page in enumerate(pages, start=1) if page.label}
    writer = PdfWriter(path, title=TITLE, pagesize=LANDSCAPE, margins=(MARGIN, MARGIN, 60, 60),
                       page_label=labels.get)
    for n, page in enumerate(pages):
        if n:
            writer.new_page()
        if page.divider:
            _divider(writer, page)
        else:
            _card(writer, page)
    writer.save()
