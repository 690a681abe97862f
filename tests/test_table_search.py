"""A table page's search on an immutable database (``planarkiv serve``) runs cheaper SQL than Datasette's
(``planarkiv/table_search.py``) and shows what Datasette's own SQL shows: the same rows and count, on every
page and sort, each row once, in the order of the sort column and then the key (``page_order``; Datasette
alone orders its first page by the sort column only, and skipped or repeated rows that share a value)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from datasette.app import Datasette

from helpers import get_json, served

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
    conn.execute("create index idx_initiatives_year_id on initiatives (year, id)")  # as publish makes it
    # Rowids out of year order, and ids out of rowid order.
    conn.executemany("insert into initiatives values (?, ?, ?, ?)",
                     [(f"i{(i * 7919) % ROWS:05d}", 2000 + (i * 13) % 9, i % 5, _text(i))
                      for i in range(ROWS)])
    conn.execute('create virtual table initiatives_fts using fts5(text, content="initiatives")')
    conn.execute("insert into initiatives_fts(initiatives_fts) values ('rebuild')")
    conn.commit()
    conn.close()
    return path


def _every_page(datasette: Datasette, db_path: Path, query: str) -> tuple[list, int]:
    """The rows of every page, each reached by the previous one's ``next``, and the count."""
    rows, following = [], ""
    while True:
        page = get_json(datasette, f"/{db_path.stem}/initiatives.json?_shape=objects&_size=100&{query}"
                                   + following)
        rows += page["rows"]
        if not page["next"]:
            return rows, page["filtered_table_rows_count"]
        following = f"&_next={page['next']}"


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
    f"_search={COMMON}&year=2003", f"_search={COMMON}&_searchmode=raw", "", "_sort_desc=year", "year=2003",
])
def test_the_pages_show_every_row_once_in_order(db_path: Path, both: tuple, query: str) -> None:
    fast, plain = both
    rows, count = _every_page(fast, db_path, query)
    whole = get_json(plain, f"/{db_path.stem}/initiatives.json?_shape=objects&_size=max&{query}")
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)) == count == whole["filtered_table_rows_count"]
    assert set(ids) >= {row["id"] for row in whole["rows"]}  # one page of Datasette's (at most 1000 rows)
    sorts = (("_sort_desc=year", "year", True), ("_sort=id", "id", False), ("_sort=total", "total", False))
    column, desc = next(((c, d) for sort, c, d in sorts if sort in query), ("year", False))
    keys = [(-row[column] if desc else row[column], row["id"]) for row in rows]
    assert keys == sorted(keys)
    assert rows or "ingenting" in query


def test_a_common_word_reads_the_year_index_and_counts_in_the_full_text_index(db_path: Path,
                                                                               both: tuple) -> None:
    fast, _ = both
    common = _sql(fast, db_path, f"_search={COMMON}")
    assert any("indexed by" in sql and "order by year, id" in sql for sql in common)
    assert "select count(*) from initiatives_fts where initiatives_fts match escape_fts(:search)" in common
    # A rare word: its three hits looked up, as Datasette asks; counted in the index all the same.
    rare = _sql(fast, db_path, f"_search={RARE}")
    assert not any("indexed by" in sql for sql in rare)
    assert "select count(*) from initiatives_fts where initiatives_fts match escape_fts(:search)" in rare
