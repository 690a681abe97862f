"""Visual debugging of the layout, in pdfplumber's manner (``page.to_image()`` and its ``draw_*``): the
page image with what the layout layer made of it drawn over, so a wrong paragraph, a column read in the
wrong order or a header taken for text is seen at a glance.

Drawn: each paragraph (block) as a blue box numbered in reading order, each line's box thin in grey, a
bullet line's left edge in green, running headers in orange, footnotes in purple and the ruling lines the
table finder and the XY-cut use in red.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from .blocks import blocks
from .layout import read_layout

BLOCK = (30, 90, 200)
LINE = (150, 150, 150)
BULLET = (20, 150, 60)
RUNNING = (230, 130, 0)
FOOTNOTE = (140, 60, 170)
RULE = (210, 40, 40)


def draw_layout(pdf: Path, page_number: int, output: Path, resolution: int = 100) -> Path:
    """Write a PNG of page ``page_number`` (1-based) of ``pdf`` with its layout drawn over it."""
    layout = read_layout(pdf)
    if not 1 <= page_number <= len(layout.pages):
        raise ValueError(f"{pdf.name} has {len(layout.pages)} pages, not page {page_number}")
    page_layout = layout.pages[page_number - 1]
    with pdfplumber.open(pdf) as document:
        image = document.pages[page_number - 1].to_image(resolution=resolution)
        for edge in page_layout.edges:
            image.draw_line([(edge["x0"], edge["top"]), (edge["x1"], edge["bottom"])], stroke=RULE,
                            stroke_width=1)
        for line in page_layout.lines:
            image.draw_rect(line.bbox, fill=None, stroke=LINE, stroke_width=1)
            if line.bullet:
                image.draw_vline(line.x0, stroke=BULLET, stroke_width=3)
        for line in page_layout.running:
            image.draw_rect(line.bbox, fill=None, stroke=RUNNING, stroke_width=2)
        for line in page_layout.footnotes:
            image.draw_rect(line.bbox, fill=None, stroke=FOOTNOTE, stroke_width=2)
        scale = resolution / 72
        for n, block in enumerate(blocks(page_layout.lines), start=1):
            image.draw_rect(block.bbox, fill=None, stroke=BLOCK, stroke_width=2)
            x0, top = block.bbox[0], block.bbox[1]
            image.draw.text((max(0, x0 * scale - 14), top * scale), str(n), fill=BLOCK)
        image.save(output)
    return output
