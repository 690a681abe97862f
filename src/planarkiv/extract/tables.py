"""Ruled tables -> rows of cells of lines, through pdfplumber's table finder.

Why this module: the layout layer reads a page in reading order, which is right for prose but not for a
table. A four-column sheet (Nr. | Initiativ | Udmøntningsplan | Involverede) comes out of the XY-cut as
lines that may straddle two cells ("1.1 Bedre samarbejde …" joins the number and the title), and a row
that breaks across pages comes out as two unrelated pieces under a repeated header. The cell borders
are drawn, so pdfplumber's ``find_tables`` knows the grid exactly; what it does not know is bold, bullets
and footnote markers, which the layout's words carry. So: the grid comes from pdfplumber, the words from
the layout, each word goes into the cell that holds its centre, and the cells are rebuilt as lines.

The grids come from the drawn edges the layout layer keeps of each page (``PageLayout.grids``, found
when first asked for), so the PDF is parsed once.

Across pages, a table at the top of a page that has the same columns as the table at the foot of the
page before continues it: its repeated header row is dropped, and a first row whose key cells (the
leading columns, e.g. Nr. and Initiativ) are empty is the rest of the row the previous page broke off.

Nothing here knows about a particular document: any ruled table comes out as rows of cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .danish.text import fold
from .layout import Box, Grid, Layout, Line, Word
from .layout.geometry import first_page_box, union

EDGE_TOLERANCE = 2.0  # points: column edges that differ by less are the same edge
KEY_COLUMNS = 2  # leading columns whose emptiness marks a row continued from the previous page


@dataclass
class Cell:
    """One cell: the columns it covers and its lines (from more than one page if the row broke)."""

    column: int
    span: int
    lines: list[Line] = field(default_factory=list)
    pieces: list[tuple[int, Box]] = field(default_factory=list)  # (page, bbox) of each page's part

    @property
    def columns(self) -> range:
        return range(self.column, self.column + self.span)

    @property
    def text(self) -> str:
        """The cell's lines, one per line of text."""
        return "\n".join(line.text for line in self.lines)

    @property
    def empty(self) -> bool:
        return not self.lines

    @property
    def bold(self) -> bool:
        return bool(self.lines) and all(line.bold for line in self.lines)

    @property
    def page(self) -> int:
        return self.pieces[0][0]

    @property
    def bbox(self) -> Box:
        """The cell's box on its first page."""
        return self.pieces[0][1]


@dataclass
class Row:
    cells: list[Cell]  # in column order, one entry per cell (a spanning cell once)

    def cell(self, column: int) -> Cell | None:
        """The cell covering ``column``."""
        return next((c for c in self.cells if column in c.columns), None)

    def text(self, column: int) -> str:
        cell = self.cell(column)
        return cell.text if cell else ""

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.cells)

    @property
    def lines(self) -> list[Line]:
        return [line for c in self.cells for line in c.lines]

    @property
    def empty(self) -> bool:
        return all(c.empty for c in self.cells)

    @property
    def page(self) -> int:
        return self.cells[0].page

    @property
    def bbox(self) -> Box:
        """The union of the row's cells on its first page."""
        return first_page_box(piece for c in self.cells for piece in c.pieces)


@dataclass
class Table:
    """A ruled table, joined across pages. ``header`` is its first row when that row is all bold."""

    columns: int
    edges: list[float]  # x of the column borders, left to right (columns + 1 of them)
    header: Row | None
    rows: list[Row]
    pages: list[int]


def _cluster(values: list[float]) -> list[float]:
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > EDGE_TOLERANCE:
            edges.append(value)
    return edges


def _column(edges: list[float], x: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - x))


def _inside(word: Word, box: Box) -> bool:
    x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _cell_lines(parts: list[tuple[Line, list[Word]]]) -> list[Line]:
    """Rebuild a cell's lines from the parts of layout lines that fell into it.

    A layout line may cross a cell border (it then gives a part to each cell), and one printed line of
    a cell may have been cut into several layout lines; parts on the same baseline become one line.
    """
    merged: list[tuple[Line, list[Word]]] = []
    for source, words in sorted(parts, key=lambda p: (min(w.top for w in p[1]), min(w.x0 for w in p[1]))):
        top, bottom = min(w.top for w in words), max(w.bottom for w in words)
        if merged:
            last = merged[-1][1]
            last_top, last_bottom = min(w.top for w in last), max(w.bottom for w in last)
            overlap = min(bottom, last_bottom) - max(top, last_top)
            if overlap > 0.5 * min(bottom - top, last_bottom - last_top):
                merged[-1] = (merged[-1][0], last + words)
                continue
        merged.append((source, words))
    lines = []
    for source, words in merged:
        words = sorted(words, key=lambda w: w.x0)
        starts_source = bool(source.words) and words[0] is source.words[0]
        lines.append(Line(page=source.page, words=words, bullet=source.bullet if starts_source else None,
                          markers=list(source.markers) if starts_source else []))
    return lines


@dataclass
class _PageTable:
    page: int
    edges: list[float]
    top: float
    bottom: float
    rows: list[Row]


def _page_tables(page: int, grids: list[Grid], lines: list[Line]) -> list[_PageTable]:
    found = []
    for table in grids:
        boxes = [c for row in table.rows for c in row if c is not None]
        if not boxes:
            continue
        edges = _cluster([x for c in boxes for x in (c[0], c[2])])
        grid = []
        for row in table.rows:
            cells = []
            for box in row:
                if box is None:
                    continue
                first, last = _column(edges, box[0]), _column(edges, box[2])
                cells.append(Cell(column=first, span=max(1, last - first), pieces=[(page, box)]))
            if cells:
                grid.append(Row(sorted(cells, key=lambda c: c.column)))
        parts: dict[int, list[tuple[Line, list[Word]]]] = {}
        cells_here = [c for row in grid for c in row.cells]
        boxes_here = [cell.bbox for cell in cells_here]
        outer = union(boxes_here)  # a word outside every cell is tested against none of them
        for line in lines:
            by_cell: dict[int, list[Word]] = {}
            for word in line.words:
                if not _inside(word, outer):
                    continue
                for i, box in enumerate(boxes_here):
                    if _inside(word, box):
                        by_cell.setdefault(i, []).append(word)
                        break
            for i, words in by_cell.items():
                parts.setdefault(i, []).append((line, words))
        for i, cell in enumerate(cells_here):
            cell.lines = _cell_lines(parts.get(i, []))
        found.append(_PageTable(page, edges, table.bbox[1], table.bbox[3], grid))
    return found


def _same_columns(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= EDGE_TOLERANCE for x, y in zip(a, b, strict=True))


def _continue_row(previous: Row, rest: Row) -> None:
    """Append the cells of ``rest`` (the part of a row on the next page) to the row it continues."""
    for cell in rest.cells:
        target = previous.cell(cell.column)
        if target is None:
            previous.cells.append(cell)
            previous.cells.sort(key=lambda c: c.column)
        else:
            target.lines += cell.lines
            target.pieces += cell.pieces


def _is_continuation(row: Row, columns: int, key_columns: int) -> bool:
    """A row whose key cells are empty but which has text elsewhere: the rest of a broken row."""
    keys = range(max(1, min(key_columns, columns - 1)))
    return not row.empty and all(not row.text(column) for column in keys)


def _is_header(row: Row) -> bool:
    """A table's first row is its header when all its text is bold."""
    return all(c.bold for c in row.cells if not c.empty)


def find_tables(layout: Layout, key_columns: int = KEY_COLUMNS) -> list[Table]:
    """Every ruled table of the document, joined across pages, as rows of cells of layout lines."""
    tables: list[Table] = []
    last: tuple[Table, _PageTable] | None = None
    for page_layout in layout.pages:
        found = sorted(_page_tables(page_layout.number, page_layout.grids, page_layout.lines),
                       key=lambda t: t.top)
        for i, piece in enumerate(found):
            rows = [row for row in piece.rows if not row.empty]
            continues = (i == 0 and last is not None and last[1].page == piece.page - 1
                         and _same_columns(last[1].edges, piece.edges))
            if last is not None and continues:
                table = last[0]
                if table.header is not None:
                    header = tuple(fold(t) for t in table.header.texts)
                    rows = [row for row in rows if tuple(fold(t) for t in row.texts) != header]
                if rows and table.rows and _is_continuation(rows[0], table.columns, key_columns):
                    _continue_row(table.rows[-1], rows.pop(0))
                table.rows += rows
                table.pages.append(piece.page)
            else:
                header = rows.pop(0) if rows and _is_header(rows[0]) else None
                table = Table(len(piece.edges) - 1, piece.edges, header, rows, [piece.page])
                tables.append(table)
            last = (table, piece)
        if not found:
            last = None
    return tables
