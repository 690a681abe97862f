"""Handleplan for udmøntning af politisk aftale om udsatte borgere, 2016 (the ``action_plan`` kind).

A letter to the committee: page 1 carries the administration's letterhead in a narrow right-hand
column, drawn as its own text block before the body text (so it comes first in the content stream),
and the body's right margin is wider on that page. Principles and groups are Symbol-font bullets,
figures are empty frames under their captions; from page 2 on a running header.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import quoted
from .writer import PORTRAIT, REGULAR, PdfWriter

STEM = "handleplan-udsatte-borgere-2016"
TITLE = "Handleplan for udmøntning af politisk aftale om udsatte borgere"
CONTENT = Path(__file__).parent / "content" / f"{STEM}.txt"

HEADER = "Københavns Kommune"
MARGINS = (72.0, 72.0, 78.0, 76.0)
SIDEBAR_WIDTH = 128.0
SIDEBAR_X = PORTRAIT[0] - 36.0 - SIDEBAR_WIDTH
SIDEBAR_SIZE = 7.5
FIRST_PAGE_RIGHT = PORTRAIT[0] - SIDEBAR_X + 26.0

_SIDEBAR = re.compile(r"^\[sidebar\]\n(.*?)\n\[/sidebar\]\n", re.S | re.M)


def split_sidebar(text: str) -> tuple[list[list[str]], str]:
    """The letterhead's line groups (blank-line separated) and the body markup without them."""
    match = _SIDEBAR.search(text)
    if match is None:
        return [], text
    groups = [group.splitlines() for group in match.group(1).split("\n\n")]
    return groups, text[: match.start()] + text[match.end() :]


def draw_sidebar(writer: PdfWriter, groups: list[list[str]]) -> None:
    y = writer.height - writer.top
    for group in groups:
        for text in group:
            for line in writer.lines_for(text, SIDEBAR_WIDTH, SIDEBAR_SIZE):
                y -= SIDEBAR_SIZE * 1.3
                writer.draw_words(SIDEBAR_X, y, line, SIDEBAR_SIZE)
        y -= SIDEBAR_SIZE


def _later_page(writer: PdfWriter) -> None:
    """From page 2 on: the normal right margin and the running header."""
    writer.right = MARGINS[1]
    writer.canvas.setFont(REGULAR, 8)
    writer.canvas.drawRightString(writer.width - writer.right, writer.height - 40, HEADER)


def build(path: Path) -> None:
    groups, body = split_sidebar(CONTENT.read_text(encoding="utf-8"))
    left, _, top, bottom = MARGINS
    writer = PdfWriter(path, title=TITLE, margins=(left, FIRST_PAGE_RIGHT, top, bottom), header=None, size=12)
    draw_sidebar(writer, groups)
    writer.on_new_page.append(_later_page)
    quoted.render(writer, body)
    writer.save()
