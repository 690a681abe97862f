"""Boxes: (x0, top, x1, bottom) in PDF points with the origin at the top left, as pdfplumber gives them.

The union of boxes is written here once; what shows a paragraph, a table row or a card title that runs on
to the next page is its part on the first page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

Box = tuple[float, float, float, float]


class Placed(Protocol):
    """Something printed on a page: a line of text."""

    @property
    def page(self) -> int: ...

    @property
    def bbox(self) -> Box: ...


def union(boxes: Iterable[Box]) -> Box:
    """The smallest box holding every one of ``boxes`` (at least one)."""
    x0, top, x1, bottom = zip(*boxes, strict=True)
    return (min(x0), min(top), max(x1), max(bottom))


def first_page_box(pieces: Iterable[tuple[int, Box]]) -> Box:
    """The union of the boxes (``(page, box)``, at least one) on the page of the first."""
    placed = list(pieces)
    page = placed[0][0]
    return union(box for on, box in placed if on == page)


def lines_box(lines: Iterable[Placed]) -> Box:
    """The box of lines (at least one) on the page of the first: where a paragraph is shown."""
    return first_page_box((line.page, line.bbox) for line in lines)
