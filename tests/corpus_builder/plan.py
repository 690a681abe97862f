"""Beskæftigelsesplan 2016-2020, 2018-versionen (Jobcenter København), from ``content/<STEM>.txt``.

The content is in the markup of :mod:`.markup`; this module renders it with a few refinements the plan's
layout needs, and hands every other line to :func:`.markup.render`:

- ``[title] text`` lines: the title page (no running header, no page number);
- ``[box]`` with paragraphs ``**Mål** …`` / ``**Status** …``: the label in its own column, the box
  written to the page content after the body text, kept on the page of the heading before it;
- ``[rows]`` (the vision goals): each right cell is a Symbol-bullet item, and a row with an empty left
  cell (``| text``) continues the cell above;
- ``-- item``: a sub-item with the Symbol font's dash (U+F02D), as the document's first list;
- ``1. text`` paragraphs: numbered items with a hanging indent;
- a paragraph with ``^N`` markers registers its ``[footnote N]`` texts on the page where it is drawn.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import markup
from .fonts import SYMBOL_BULLET, SYMBOL_DASH, SYMBOL_FONT
from .writer import PdfWriter

STEM = "beskaeftigelsesplan-2016-2020-version-2018"
CONTENT = Path(__file__).with_name("content") / f"{STEM}.txt"
TITLE = "Beskæftigelsesplan 2016-2020, 2018-versionen"
HEADER = "Københavns Kommune"
BOX_SIZE = 9.5
BOX_PAD = 6.0
BOX_LABEL = 48.0

_NUMBERED = re.compile(r"^(\d)\. (.+)$")
_MARKER = re.compile(r"\^(\d+)")
_LABELLED = re.compile(r"^\*\*(.+?)\*\*\s+(.+)$")


def _marked(writer: PdfWriter, marker: str, font: str, text: str, indent: float, gap: float,
            space_after: float = 3) -> None:
    """A paragraph with a hanging marker (a bullet or a number) drawn before its first line."""
    leading = writer.size * 1.3
    writer.ensure(leading)
    writer.canvas.setFont(font, writer.size)
    writer.canvas.drawString(writer.left + indent, writer.y - leading, marker)
    writer.paragraph(text, indent=indent + gap, space_after=space_after)


def _box_rows(paragraphs: list[str]) -> list[tuple[str, str]]:
    """Split ``**Label** text`` paragraphs into (label, text)."""
    return [(m.group(1), m.group(2)) if (m := _LABELLED.match(p)) else ("", p) for p in paragraphs]


def _box_height(writer: PdfWriter, paragraphs: list[str]) -> float:
    width = writer.text_width - 2 * BOX_PAD - BOX_LABEL
    texts = [text for _, text in _box_rows(paragraphs)]
    return writer.text_block_height(texts, width, BOX_SIZE) + 2 * BOX_PAD


def _goal_box(writer: PdfWriter, paragraphs: list[str]) -> None:
    """A bordered Mål/Status box in the flow, drawn after the page's body text."""
    width = writer.text_width - 2 * BOX_PAD - BOX_LABEL
    height = _box_height(writer, paragraphs)
    writer.ensure(height + 8)
    top, x = writer.y - 4, writer.left
    writer.y = top - height - 8

    def draw() -> None:
        writer.canvas.setLineWidth(0.8)
        writer.canvas.rect(x, top - height, writer.text_width, height)
        y = top - BOX_PAD
        for label, text in _box_rows(paragraphs):
            if label:
                line = writer.lines_for(label, BOX_LABEL, BOX_SIZE, bold=True)[0]
                writer.draw_words(x + BOX_PAD, y - BOX_SIZE * 1.3, line, BOX_SIZE)
            y = writer.draw_text_block(x + BOX_PAD + BOX_LABEL, y, [text], width, BOX_SIZE)

    writer.defer(draw)


def _vision_rows(writer: PdfWriter, lines: list[str]) -> None:
    """The vision goals: a bold target group on the left, its goals as Symbol-bullet items on the right."""
    groups: list[tuple[str, list[str]]] = []
    for line in lines:
        left, _, right = (part.strip() for part in line.partition("|"))
        if left or not groups:
            groups.append((left, []))
        groups[-1][1].append(right)
    size, split = writer.size - 0.5, writer.text_width * 0.38
    leading, right_x = size * 1.3, writer.left + split + 14
    right_width = writer.text_width - split - 14
    rule = writer.left + writer.text_width
    writer.canvas.setLineWidth(0.4)
    for left, items in groups:
        left_lines = writer.lines_for(left, split - 10, size, bold=True)
        item_lines = [writer.lines_for(item, right_width, size) for item in items]
        height = max(len(left_lines), sum(len(lines) for lines in item_lines)) * leading + 3 * len(items) + 6
        writer.ensure(height)
        top = writer.y
        writer.canvas.line(writer.left, top, rule, top)
        for i, line in enumerate(left_lines):
            writer.draw_words(writer.left, top - (i + 1) * leading, line, size)
        y = top
        for wrapped in item_lines:
            writer.canvas.setFont(SYMBOL_FONT, size)
            writer.canvas.drawString(writer.left + split, y - leading, SYMBOL_BULLET)
            for line in wrapped:
                y -= leading
                writer.draw_words(right_x, y, line, size)
            y -= 3
        writer.y = top - height
    writer.canvas.line(writer.left, writer.y, rule, writer.y)
    writer.space(10)


def _paragraph(writer: PdfWriter, text: str, footnotes: dict[str, str]) -> None:
    if match := _NUMBERED.match(text):
        _marked(writer, f"{match.group(1)}.", "Helvetica", match.group(2), indent=6, gap=18)
        return
    markers = _MARKER.findall(text)
    if markers:
        # Keep the paragraph and its footnotes on one page, then reserve the footnotes' room.
        lines = len(writer.lines_for(text, writer.text_width, writer.size))
        notes = sum(len(writer.lines_for(footnotes[m], writer.text_width - 10, 8)) * 10 + 2 for m in markers)
        writer.ensure(lines * writer.size * 1.3 + notes + 14)
        for marker in markers:
            writer.footnote(marker, footnotes[marker])
    writer.paragraph(text)


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    """Split the markup into blocks: (kind, lines)."""
    blocks: list[tuple[str, list[str]]] = []
    para: list[str] = []
    inside = ""
    for raw in text.splitlines():
        line = raw.strip()
        if inside:
            if line == f"[/{inside}]":
                inside = ""
            else:
                blocks[-1][1].append(line)
            continue
        if para and (not line or line.startswith(("#", "- ", "-- ", "o ", "* ", "["))):
            blocks.append(("para", [" ".join(para)]))
            para = []
        if line in ("[box]", "[rows]"):
            inside = line[1:-1]
            blocks.append((inside, []))
        elif line.startswith("[title]"):
            blocks.append(("title", [line[len("[title]"):].strip()]))
        elif line.startswith("[footnote "):
            blocks.append(("footnote", [line]))
        elif line.startswith("-- "):
            blocks.append(("dash", [line[3:]]))
        elif line.startswith(("#", "- ", "o ", "* ", "[")):
            blocks.append(("markup", [line]))
        elif line:
            para.append(line)
    if para:
        blocks.append(("para", [" ".join(para)]))
    return blocks


def _box_paragraphs(lines: list[str]) -> list[str]:
    return [p.replace("\n", " ") for p in "\n".join(lines).split("\n\n") if p.strip()]


def render(writer: PdfWriter, text: str) -> None:
    blocks = _blocks(text)
    footnotes: dict[str, str] = {}
    for kind, lines in blocks:
        if kind == "footnote":
            marker, _, note = lines[0][len("[footnote "):].partition("]")
            footnotes[marker.strip()] = note.strip()
    titles, in_list = 0, False
    for i, (kind, lines) in enumerate(blocks):
        is_item = kind == "dash" or (kind == "markup" and lines[0][:2] in ("- ", "o ", "* ")) or (
            kind == "para" and _NUMBERED.match(lines[0]) is not None)
        if in_list and not is_item and kind != "footnote":
            writer.space(5)  # a list ends with some air before the next block
        in_list = is_item
        if kind == "title":
            writer.space(260 if not titles else 0)
            writer.paragraph(lines[0], size=30 if not titles else 20, bold=True, space_after=16)
            titles += 1
        elif kind == "box":
            _goal_box(writer, _box_paragraphs(lines))
        elif kind == "rows":
            _vision_rows(writer, [line for line in lines if line])
        elif kind == "dash":
            _marked(writer, SYMBOL_DASH, SYMBOL_FONT, lines[0], indent=26, gap=14, space_after=2)
        elif kind == "para":
            _paragraph(writer, lines[0], footnotes)
        elif kind == "markup":
            line = lines[0]
            boxes: list[float] = []
            for kind_after, box in blocks[i + 1:]:
                if kind_after != "box":
                    break
                boxes.append(_box_height(writer, _box_paragraphs(box)) + 12)
            if line.startswith("#") and boxes:
                # A target-group heading stays with its Mål/Status boxes.
                writer.ensure(50 + sum(boxes))
            if line == "[pagebreak]" and writer.header is None:
                writer.header = HEADER
            markup.render(writer, line)


def build(path: Path) -> None:
    writer = PdfWriter(path, title=TITLE, header=None, page_label=lambda n: str(n) if n > 1 else None)
    render(writer, CONTENT.read_text(encoding="utf-8"))
    writer.save()
