"""What the layout layer hands on: a document's pages, each with its lines in reading order, what was
set apart from them (footnotes, labels, running headers) and its drawn edges.

Pages are read one at a time and closed (pdfplumber's ``Page.close`` drops the page's parsed objects), so
memory holds the lines of the document, not the glyphs of every page. What ``tables`` needs of the page
itself, its drawn edges, is kept (their geometry only); the grid of its ruled tables is found from them
when first asked for, as most documents have no table a parser reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pdfplumber.table import TableFinder

from .geometry import Box
from .lines import Line, body_size
from .settings import DEFAULT_SETTINGS, LayoutSettings


@dataclass(frozen=True)
class Grid:
    """A ruled table as pdfplumber's table finder sees it (ruling-line strategy): its box and, row by row,
    the box of each cell (None where a spanning cell covers the column)."""

    bbox: Box
    rows: list[list[Box | None]]


@dataclass
class PageLayout:
    number: int
    width: float
    height: float
    lines: list[Line]
    footnotes: list[Line]
    labels: list[str]
    edges: list[dict] = field(default_factory=list)  # the page's straight drawn edges (``read._edges``)
    words: int = 0  # the words the page prints, before page numbers and running headers are taken out
    running: list[Line] = field(default_factory=list)  # running headers and footers out of ``lines``

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @cached_property
    def grids(self) -> list[Grid]:
        """The page's ruled tables, as pdfplumber's ``find_tables()`` finds them on the open page: its
        ``TableFinder`` (ruling-line strategy) reads nothing of the page but its edges."""
        return [Grid(tuple(table.bbox), [list(row.cells) for row in table.rows])
                for table in TableFinder(_Drawing(self.edges)).tables]


@dataclass(frozen=True)
class _Drawing:
    """A closed page as pdfplumber's table finder sees it: its drawn edges."""

    edges: list[dict]


@dataclass(eq=False)  # one read of one file: equal to itself only, and usable as a key
class Layout:
    path: Path
    pages: list[PageLayout]
    metadata: dict[str, str]
    ocr: dict[int, float] = field(default_factory=dict)  # OCR'd page number -> Tesseract's mean confidence
    ocr_missing: str | None = None  # why a page that needed OCR was not OCR'd (Tesseract is missing)
    settings: LayoutSettings = DEFAULT_SETTINGS  # what the pages were read with

    @cached_property
    def text(self) -> str:
        return "\n".join(page.text for page in self.pages)

    @property
    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]

    @cached_property
    def body_size(self) -> float:
        """The most common text size: what "body text" means in this document."""
        return body_size(self.lines)
