"""A table page's search on an immutable database (``planarkiv serve``) runs cheaper SQL than Datasette's
(``planarkiv/table_search.py``) and shows exactly what Datasette's own SQL shows: the same rows in the
same order, the same count, on every page and sort."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from datasette.app import Datasette

from tests.test_facets import get_json, served

ROWS = 2000
# Every second row holds "almindelig" (many hits: the year index is read), three rows "sjælden" (few: the
# hits are looked up); years repeat, so many rows share a year and their order among them is tested.
COMMON, RARE = "almindelig", "sjælden"


def _text(i: int) -> str:
    words = ["indsats"]
    if i % 2 == 0:
        words.append(COMMON)
    if i in (5, 1200, 1999):
        words.append(RARE)
    return " ".join(words)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("table_search") / "search.db"
    conn = sqlite3.connect(path)
    conn.execute("create table initiatives (id text primary key, year integer, total integer, text text)")
    conn.execute("create index idx_initiatives_year on initiatives (year)")
    # Rowids out of year order, and ids out of rowid order.
    conn.executemany("insert into initiatives values (?, ?, ?, ?)",
                     [(f"i{(i * 7919) % ROWS:05d}", 2000 + (i * 13) % 9, i % 5, _text(i))
                      for i in range(ROWS)])
    conn.execute('create virtual table initiatives_fts using fts5(text, content="initiatives")')
    conn.execute("insert into initiatives_fts(initiatives_fts) values ('rebuild')")
    conn.commit()
    conn.close()
    return path


def _pages(datasette: Datasette, db_path: Path, query: str, most: int = 4) -> list[tuple[list, int]]:
    """The rows and count of the first ``most`` pages, each reached by the previous one's ``next``."""
    pages, following = [], ""
    while len(pages) < most:
        page = get_json(datasette, f"/{db_path.stem}/initiatives.json?_shape=objects&_size=20&{query}"
                                   + following)
        pages.append((page["rows"], page["filtered_table_rows_count"]))
        if not page["next"]:
            break
        following = f"&_next={page['next']}"
    return pages


def _sql(datasette: Datasette, db_path: Path, query: str) -> list[str]:
    page = get_json(datasette, f"/{db_path.stem}/initiatives.json?_trace=1&_size=20&{query}")
    return [t["sql"] for t in page["_trace"]["traces"] if " initiatives" in t.get("sql", "")]


@pytest.fixture(scope="module")
def both(db_path: Path) -> tuple[Datasette, Datasette]:
    metadata = {"databases": {db_path.stem: {"tables": {"initiatives": {"sort": "year"}}}}}
    return served(db_path, metadata, immutable=True), served(db_path, metadata, immutable=False)


@pytest.mark.parametrize("query", [
    f"_search={COMMON}", f"_search={RARE}", "_search=indsats", "_search=ingenting",
    f"_search={COMMON}+indsats",
    f"_search={COMMON}&_sort_desc=year", f"_search={COMMON}&_sort=id", f"_search={COMMON}&_sort=total",
    f"_search={COMMON}&year=2003", f"_search={COMMON}&_searchmode=raw",
])
def test_the_page_shows_what_datasettes_own_sql_shows(db_path: Path, both: tuple, query: str) -> None:
    fast, plain = both
    pages = _pages(fast, db_path, query)
    assert pages == _pages(plain, db_path, query)
    assert pages[0][0] or "ingenting" in query


def test_a_common_word_reads_the_year_index_and_counts_in_the_full_text_index(db_path: Path,
                                                                               both: tuple) -> None:
    fast, _ = both
    common = _sql(fast, db_path, f"_search={COMMON}")
    assert any("indexed by" in sql and "order by year" in sql for sql in common)
    assert "select count(*) from initiatives_fts where initiatives_fts match escape_fts(:search)" in common
    # A rare word: its three hits looked up, as Datasette asks; counted in the index all the same.
    rare = _sql(fast, db_path, f"_search={RARE}")
    assert not any("indexed by" in sql for sql in rare)
    assert "select count(*) from initiatives_fts where initiatives_fts match escape_fts(:search)" in rare
