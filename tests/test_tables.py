"""Ruled tables through pdfplumber's table finder, filled with the layout's words (``extract.tables``).

On the bundled initiative sheet (four columns, group rows spanning two columns, rows broken across pages,
the header repeated on every page) and on a small three-column table drawn here with the corpus writer
that has nothing to do with initiatives, so the module is seen working on any ruled table.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pdfplumber
import pytest

from conftest import PDF_DIR, SHARED
from corpus_builder.writer import PdfWriter
from planarkiv.extract.layout import read_layout
from planarkiv.extract.orientation import page_turn
from planarkiv.extract.tables import Table, find_tables

SHEET = PDF_DIR / "bilag-1-udmoentningsplan-2010.pdf"

WIDTHS = (40.0, 150.0, 250.0)
LEFT = 80.0
LEADING = 12.0


@cache
def sheet_tables() -> list[Table]:
    return find_tables(read_layout(SHEET))


def draw_row(w: PdfWriter, top: float, cells: list[tuple[int, list[str]]], bold: bool = False) -> float:
    """One ruled row of (span, lines) cells from ``top`` down; returns its bottom."""
    c = w.canvas
    height = max(len(lines) for _, lines in cells) * LEADING + 6
    right = LEFT + sum(WIDTHS)
    c.setLineWidth(0.5)
    c.line(LEFT, top, right, top)
    c.line(LEFT, top - height, right, top - height)
    c.line(LEFT, top, LEFT, top - height)
    x, column = LEFT, 0
    for span, lines in cells:
        width = sum(WIDTHS[column:column + span])
        for i, text in enumerate(lines):
            words = w.lines_for(f"**{text}**" if bold else text, width - 8, 9)[0]
            w.draw_words(x + 4, top - LEADING * (i + 1), words, 9)
        x, column = x + width, column + span
        c.line(x, top, x, top - height)
    return top - height


HEADER = [(1, ["Nr."]), (1, ["Vare"]), (1, ["Beskrivelse"])]


@pytest.fixture(scope="module")
def fruit_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two pages: the header on each, a row spanning two columns, a row broken across the page."""
    path = tmp_path_factory.mktemp("tables") / "frugt.pdf"
    w = PdfWriter(path, title="Frugt")
    top = w.height - 100
    top = draw_row(w, top, HEADER, bold=True)
    top = draw_row(w, top, [(1, ["1"]), (1, ["Æbler"]), (1, ["Røde og grønne"])])
    top = draw_row(w, top, [(1, ["A"]), (2, ["Frugt fra Danmark i alt"])])
    broken = ["Plukkes i september", "og lagres køligt"]
    draw_row(w, top, [(1, ["2"]), (1, ["Pærer", "fra Fyn"]), (1, broken)])
    w.new_page()
    top = w.height - 100
    top = draw_row(w, top, HEADER, bold=True)
    top = draw_row(w, top, [(1, []), (1, []), (1, ["indtil de sælges."])])
    draw_row(w, top, [(1, ["3"]), (1, ["Blommer"]), (1, ["Søde"])])
    w.save()
    return path


def test_a_ruled_table_across_pages(fruit_pdf: Path) -> None:
    tables = find_tables(read_layout(fruit_pdf))
    assert len(tables) == 1
    table = tables[0]
    assert table.columns == 3 and table.pages == [1, 2]
    assert table.header is not None and table.header.texts == ("Nr.", "Vare", "Beskrivelse")
    assert [row.texts for row in table.rows] == [
        ("1", "Æbler", "Røde og grønne"),
        ("A", "Frugt fra Danmark i alt"),
        ("2", "Pærer\nfra Fyn", "Plukkes i september\nog lagres køligt\nindtil de sælges."),
        ("3", "Blommer", "Søde"),
    ]


def test_cells_know_their_columns_and_pages(fruit_pdf: Path) -> None:
    table = find_tables(read_layout(fruit_pdf))[0]
    spanning = table.rows[1]
    assert [(c.column, c.span) for c in spanning.cells] == [(0, 1), (1, 2)]
    assert spanning.cell(2) is spanning.cell(1)
    broken = table.rows[2].cell(2)
    assert broken is not None
    assert [page for page, _ in broken.pieces] == [1, 2]
    assert [line.page for line in broken.lines] == [1, 1, 2]
    assert table.rows[2].page == 1
    assert table.header.cells[0].bold and not table.rows[0].cells[1].bold


def test_the_bundled_sheet_is_one_table() -> None:
    tables = sheet_tables()
    assert len(tables) == 1
    table = tables[0]
    assert table.columns == 4 and table.pages == list(range(1, 9))
    assert table.header is not None
    assert table.header.texts == ("Nr.", "Initiativ", "Udmøntningsplan for 2010", "Involverede:")
    assert not [row for row in table.rows if row.texts == table.header.texts]
    numbers = [row.text(0) for row in table.rows]
    assert numbers == ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "2", *(f"2.{n}" for n in range(1, 8)), ""]


def test_the_bundled_group_rows_span_two_columns() -> None:
    group = sheet_tables()[0].rows[0]
    assert [(c.column, c.span) for c in group.cells] == [(0, 1), (1, 2), (3, 1)]
    assert group.text(1) == "Sådan imødegår vi den generelle ledighedsstigning"
    assert group.cell(1) is not None and group.cell(1).bold


def test_a_bundled_row_broken_across_pages_is_joined() -> None:
    row = sheet_tables()[0].rows[2]  # 1.2 starts on page 1 and ends on page 2
    assert row.text(0) == "1.2"
    assert row.text(1) == "”Kvikservice” – styrket indsats for\nnyledige"
    body = row.cell(2)
    assert body is not None and {page for page, _ in body.pieces} == {1, 2}
    assert body.lines[0].bold_lead == "Formål:"
    assert [line.bold_lead for line in body.lines if line.bold_lead][-2:] == ["Resultatmål:", "Økonomi:"]
    assert body.lines[-1].text == "for det samlede driftsbudget."


def test_words_go_to_the_cell_they_sit_in() -> None:
    row = sheet_tables()[0].rows[1]  # the layout reads "1.1 Bedre samarbejde …" as one line
    assert row.text(0) == "1.1"
    assert row.text(1).startswith("Bedre samarbejde med virksomheder")
    assert row.text(3).split("\n") == ["Arbejdsmarkedscenteret", "Virksomhedsservice,", "Kontoret for",
                                       "Arbejdsmarkedspolitik"]


def test_the_bundled_total_row() -> None:
    total = sheet_tables()[0].rows[-1]
    assert total.texts == ("", "Budget til aftalen i 2010", "66,4 mio. kr.", "")
    assert total.page == 8


def test_a_page_without_rules_has_no_tables(tmp_path: Path) -> None:
    path = tmp_path / "prosa.pdf"
    w = PdfWriter(path, title="Prosa")
    w.paragraph("Nr. Initiativ Involverede: en linje tekst uden tabel.")
    w.save()
    assert find_tables(read_layout(path)) == []


def test_realworld_ruled_tables(realworld_dir: Path) -> None:
    tables = find_tables(read_layout(realworld_dir / "senate-expenditures.pdf"))
    assert tables and tables[0].columns >= 5
    assert all(len(row.cells) <= tables[0].columns for t in tables for row in t.rows)


@pytest.mark.parametrize("path", [
    SHEET,
    SHARED / "realworld-pdfs" / "issue-848.pdf",  # 16 ruled tables on 8 pages
    SHARED / "realworld-pdfs" / "table-curves-example.pdf",  # a table drawn with curves
    SHARED / "realworld-pdfs" / "issue-192-example.pdf",  # thousands of drawn edges
])
def test_grids_of_a_read_page_are_pdfplumbers_tables(path: Path) -> None:
    """The layout finds a page's grids after the page is closed, from the edges it kept: the same tables,
    cell for cell, as pdfplumber's ``find_tables()`` on the open page. (A page whose text runs sideways or
    upside down is read turned upright, its grids with it: ``tests/test_orientation.py``.)"""
    if not path.is_file():
        pytest.skip(f"{path.name} is not beside this checkout")
    layout = read_layout(path)
    with pdfplumber.open(path) as pdf:
        upright = [page_turn(page.chars) == 0 for page in pdf.pages]
        expected = [[(tuple(t.bbox), [list(row.cells) for row in t.rows]) for t in page.find_tables()]
                    for page, kept in zip(pdf.pages, upright, strict=True) if kept]
    assert any(expected)
    assert [[(grid.bbox, grid.rows) for grid in page.grids]
            for page, kept in zip(layout.pages, upright, strict=True) if kept] == expected
