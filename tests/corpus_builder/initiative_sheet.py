"""Bilag 1, the udmøntningsplan for 2010 (kind ``initiative_sheet``), as a landscape four-column table.

The content is ``content/bilag-1-udmoentningsplan-2010.json``. The layout follows the real PDF: ruled cell
borders, a bold shaded header row repeated on every page, bold shaded group rows whose text spans the
Initiativ and Udmøntningsplan columns, bold field labels (double-printed), rows that break across pages
line by line, and the total as the last row of the table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .writer import LANDSCAPE, PdfWriter, Word

STEM = "bilag-1-udmoentningsplan-2010"
CONTENT = Path(__file__).parent / "content" / f"{STEM}.json"

SIZE = 9.0
LEADING = SIZE * 1.3
PAD_X, PAD_TOP, PAD_BOTTOM = 5.0, 1.5, 5.0
PARA_GAP = 6.0
BULLET_INDENT = 10.0
WIDTHS = (34.0, 165.0, 394.0, 122.0)
SIDE = (LANDSCAPE[0] - sum(WIDTHS)) / 2
SHADE = 0.87


@dataclass
class Line:
    words: list[Word]
    gap: float = 0.0  # space above the line; dropped when the line opens a cell on a new page
    indent: float = 0.0
    bullet: bool = False


@dataclass
class Row:
    cells: list[list[Line]]
    spans: list[int]  # columns covered by each cell
    shade: bool = False


def cell_lines(w: PdfWriter, paragraphs: list[str], width: float, gap: float = PARA_GAP) -> list[Line]:
    """Wrap paragraphs into lines; ``- `` starts a dash list item, ``\\n`` breaks a line without a gap."""
    lines: list[Line] = []
    for para in paragraphs:
        item = para.startswith("- ")
        indent = BULLET_INDENT if item else 0.0
        first = True
        for part in (para[2:] if item else para).split("\n"):
            for words in w.lines_for(part, width - indent, SIZE):
                lead = gap if first and lines and not item else 0.0
                lines.append(Line(words, lead, indent, item and first))
                first = False
    return lines


def lines_height(lines: list[Line]) -> float:
    return sum(LEADING + (line.gap if i else 0.0) for i, line in enumerate(lines))


def fitting(lines: list[Line], room: float) -> int:
    """How many of ``lines`` fit in ``room`` points."""
    used = 0.0
    for i, line in enumerate(lines):
        used += LEADING + (line.gap if i else 0.0)
        if used > room:
            return i
    return len(lines)


def make_row(w: PdfWriter, texts: list[list[str]], spans: list[int], *, shade: bool = False,
             gaps: tuple[float, ...] | None = None) -> Row:
    cells: list[list[Line]] = []
    col = 0
    for i, (paragraphs, span) in enumerate(zip(texts, spans, strict=True)):
        width = sum(WIDTHS[col:col + span]) - 2 * PAD_X
        gap = gaps[i] if gaps else PARA_GAP
        cells.append(cell_lines(w, paragraphs, width, gap))
        col += span
    return Row(cells, spans, shade)


def draw_slice(w: PdfWriter, row: Row, parts: list[list[Line]], top: float, height: float) -> None:
    """Draw one page's part of a row: shading, text, then the cell borders."""
    c = w.canvas
    right = w.left + sum(WIDTHS)
    if row.shade:
        c.setFillGray(SHADE)
        c.rect(w.left, top - height, right - w.left, height, stroke=0, fill=1)
        c.setFillGray(0)
    edges = [w.left]
    col = 0
    for lines, span in zip(parts, row.spans, strict=True):
        x, y = edges[-1] + PAD_X, top - PAD_TOP
        for i, line in enumerate(lines):
            y -= LEADING + (line.gap if i else 0.0)
            if line.bullet:
                c.setFont("Helvetica", SIZE)
                c.drawString(x, y, "-")
            w.draw_words(x + line.indent, y, line.words, SIZE)
        col += span
        edges.append(w.left + sum(WIDTHS[:col]))
    c.setLineWidth(0.5)
    c.line(w.left, top, right, top)
    c.line(w.left, top - height, right, top - height)
    for x in edges:
        c.line(x, top, x, top - height)


def draw_row(w: PdfWriter, row: Row) -> None:
    """Draw a row, continuing it on the next page where it does not fit (split by lines).

    A row that does not fit starts on a new page only when fewer than three lines would fit.
    """
    rest = [list(cell) for cell in row.cells]
    while True:
        room = w.y - w.bottom - PAD_TOP - PAD_BOTTOM
        need = max(lines_height(cell) for cell in rest)
        if need > room and room < 3 * LEADING:
            w.new_page()
            continue
        counts = [fitting(cell, room) for cell in rest]
        parts = [cell[:n] for cell, n in zip(rest, counts, strict=True)]
        rest = [cell[n:] for cell, n in zip(rest, counts, strict=True)]
        done = not any(rest)
        height = max(lines_height(p) for p in parts) + PAD_TOP + PAD_BOTTOM if done else w.y - w.bottom
        draw_slice(w, row, parts, w.y, height)
        w.y -= height
        if done:
            return
        w.new_page()


def udmoentning(fields: list[dict[str, Any]]) -> list[str]:
    """The Udmøntningsplan cell as paragraphs, each field's first one led by its bold label."""
    paragraphs: list[str] = []
    for f in fields:
        first, *more = f["paragraphs"]
        paragraphs += [f"**{f['label']}:** {first}" if f["label"] else first, *more]
    return paragraphs


def build(path: Path) -> None:
    doc = json.loads(CONTENT.read_text(encoding="utf-8"))
    w = PdfWriter(path, title="Bilag 1 – Udmøntningsplan for 2010", pagesize=LANDSCAPE,
                  margins=(SIDE, SIDE, 62, 56), size=SIZE)
    header = make_row(w, [[f"**{col}**"] for col in doc["columns"]], [1, 1, 1, 1], shade=True)

    def draw_header(writer: PdfWriter) -> None:
        draw_row(writer, header)

    w.paragraph(f"**{doc['heading']}**", size=12, space_after=10)
    draw_header(w)
    w.on_new_page.append(draw_header)
    no_gap = (0.0, 0.0, PARA_GAP, 0.0)
    for group in doc["groups"]:
        texts = [[f"**{group['number']}**"], [f"**{group['text']}**"], group["involved"]]
        row = make_row(w, texts, [1, 2, 1], shade=True, gaps=(0.0, 0.0, 0.0))
        w.ensure(max(lines_height(cell) for cell in row.cells) + 8 * LEADING)  # keep with the next row
        draw_row(w, row)
        for item in group["initiatives"]:
            texts = [[item["number"]], [item["title"]], udmoentning(item["fields"]), item["involved"]]
            draw_row(w, make_row(w, texts, [1, 1, 1, 1], gaps=no_gap))
    total = doc["total"]
    draw_row(w, make_row(w, [[], [f"**{total['text']}**"], [f"**{total['amount']}**"], []], [1, 1, 1, 1]))
    w.save()
