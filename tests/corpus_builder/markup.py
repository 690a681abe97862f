"""Render a document's content, written in a small line-based markup, with the page writer.

Blocks (one per line unless noted; consecutive plain lines form one paragraph, a blank line ends it):

    # 1 Indledning              heading, level 1 (## level 2, ### level 3), bold by double printing
    - item                      list item with a Symbol-font bullet (U+F0B7)
    o item                      sub-item with an "o" bullet, indented
    * item                      list item with a "•" bullet
    [box] … [/box]              bordered box written after the page's body text (paragraphs inside)
    [rows] … [/rows]            two-column table, one row per line: ``left | right``
    [footnote 1] text           the footnote for marker ``^1`` at the foot of the current page
    [caption] text              a figure caption (small, centred block)
    [figure N]                  an empty figure frame N points high
    [pagebreak]                 start a new page
    [space N]                   N points of vertical space

Inline markup is the writer's: ``**bold**``, ``^1``, ``-/``.
"""

from __future__ import annotations

from .fonts import SYMBOL_BULLET
from .writer import PdfWriter


def _flush(writer: PdfWriter, para: list[str]) -> None:
    if para:
        writer.paragraph(" ".join(para))
        para.clear()


def _rows(writer: PdfWriter, rows: list[str]) -> None:
    """A two-column table whose left column is a bold label, as the plan's vision goals."""
    split = writer.text_width * 0.38
    size = writer.size - 0.5
    for row in rows:
        left, _, right = row.partition("|")
        left_lines = writer.lines_for(left.strip(), split - 10, size, bold=True)
        right_lines = writer.lines_for(right.strip(), writer.text_width - split, size)
        height = max(len(left_lines), len(right_lines)) * size * 1.3 + 8
        writer.ensure(height)
        top = writer.y
        writer.canvas.setLineWidth(0.4)
        writer.canvas.line(writer.left, top, writer.left + writer.text_width, top)
        for i, line in enumerate(left_lines):
            writer.draw_words(writer.left, top - (i + 1) * size * 1.3, line, size)
        for i, line in enumerate(right_lines):
            x = writer.left + split
            writer.draw_words(x, top - (i + 1) * size * 1.3, line, size)
        writer.y = top - height
    writer.canvas.line(writer.left, writer.y, writer.left + writer.text_width, writer.y)
    writer.space(8)


def render(writer: PdfWriter, markup: str) -> None:
    para: list[str] = []
    block: list[str] | None = None
    block_kind = ""
    for raw in markup.splitlines():
        line = raw.strip()
        if block is not None:
            if line == f"[/{block_kind}]":
                if block_kind == "box":
                    paragraphs = [p.replace("\n", " ") for p in "\n".join(block).split("\n\n") if p.strip()]
                    writer.box(paragraphs)
                else:
                    _rows(writer, [r for r in block if r.strip()])
                block = None
            else:
                block.append(line)
            continue
        if line in ("[box]", "[rows]"):
            _flush(writer, para)
            block, block_kind = [], line[1:-1]
        elif not line:
            _flush(writer, para)
        elif line.startswith("#"):
            _flush(writer, para)
            level = len(line) - len(line.lstrip("#"))
            writer.heading(line[level:].strip(), level)
        elif line.startswith("- "):
            _flush(writer, para)
            writer.paragraph(line[2:], bullet=SYMBOL_BULLET, indent=6, space_after=3)
        elif line.startswith("o "):
            _flush(writer, para)
            writer.paragraph(line[2:], bullet="o", indent=26, space_after=2)
        elif line.startswith("* "):
            _flush(writer, para)
            writer.paragraph(line[2:], bullet="•", indent=6, space_after=3)
        elif line.startswith("[footnote "):
            marker, _, text = line[len("[footnote "):].partition("]")
            writer.footnote(marker.strip(), text.strip())
        elif line.startswith("[caption]"):
            _flush(writer, para)
            writer.paragraph(line[len("[caption]"):].strip(), size=8.5, indent=40, space_after=10)
        elif line.startswith("[figure "):
            _flush(writer, para)
            height = float(line[len("[figure "):-1])
            writer.ensure(height + 8)
            writer.canvas.setLineWidth(0.6)
            writer.canvas.rect(writer.left + 40, writer.y - height, writer.text_width - 80, height)
            writer.space(height + 6)
        elif line == "[pagebreak]":
            _flush(writer, para)
            writer.new_page()
        elif line.startswith("[space "):
            _flush(writer, para)
            writer.space(float(line[len("[space "):-1]))
        else:
            para.append(line)
    _flush(writer, para)
