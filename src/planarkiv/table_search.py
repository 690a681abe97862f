"""A table page's search answered through the full-text index, for a database opened immutable.

Datasette's table page filters a search with ``rowid in (select rowid from t_fts where t_fts match …)``
and runs that filter twice: for the page's rows, sorted (``order by year limit 21``), and for their count.
SQLite reads the hits' rowids into a temporary index and looks every hit up in the table: for the rows it
reads each hit's whole row into the sorter to keep 21, for the count it seeks each hit. Its cost grows
with the hits, and a common word matches a good share of 100 000 initiatives; narrower rows make each
lookup a little cheaper, not fewer.

For a database opened immutable, whose full-text index was rebuilt from its table (every row of the
index is a row of the table), the same two answers cost less (``faster``):

- the count: the full-text index counts its hits itself, without looking any of them up;
- the rows of a search with many hits: the sort column's index is read in order until the page is full
  (about one entry in ``rows / hits`` is a hit), instead of looking up and sorting every hit. A search
  with few hits is answered as Datasette asks it, since reading the index for a rare word reads all of
  it. Both plans give the same rows in the same order: by the sort column, equal values by the key
  (``page_order`` gives the first page that tiebreak; the sorter orders by both, the index of the sort
  column ends with the key). A descending sort keeps Datasette's plan.

A page with filters beside the search, a later page (``_next``) or a sort without an index keeps
Datasette's own SQL.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from datasette.utils import detect_fts

NAME = r'(?:\[[^\]]+\]|"(?:[^"]|"")+"|\w+)'
# Datasette's WHERE of a search (``datasette/filters.py``): the table, its full-text table, the match.
SEARCH = (rf"from (?P<table>{NAME}) where rowid in \(select rowid from (?P<fts>{NAME}) where (?P=fts) "
          r"match (?P<match>escape_fts\(:search\)|:search)\)")
# The two statements of Datasette's table page for a search alone (``datasette/views/table.py``).
COUNT = re.compile(rf"select count\(\*\) {SEARCH}\s*")
ROWS = re.compile(rf"select (?P<columns>.+?) {SEARCH} order by (?P<order>{NAME})"
                  rf"(?P<tiebreak>(?:, {NAME})*) limit (?P<limit>\d+)")
# An index entry read and tested costs about a ninth of a hit looked up and put through the sorter: the
# index is read when its ``limit * rows / hits`` entries cost less than the ``hits`` lookups.
INDEX_ENTRY_COST = 1 / 9


def unquote(name: str) -> str:
    """A name as Datasette quotes it (bare, in brackets or in double quotes), unquoted."""
    if name.startswith("["):
        return name[1:-1]
    if name.startswith('"'):
        return name[1:-1].replace('""', '"')
    return name


@dataclass(frozen=True)
class Schema:
    """What ``faster`` needs to know of an immutable database's schema, read once per connection pool."""

    fts: dict[str, str | None]  # table -> its full-text table, as Datasette detects it
    # (table, columns) -> an index that begins with the columns
    indexes: dict[tuple[str, tuple[str, ...]], str | None]

    def fts_of(self, conn: sqlite3.Connection, table: str) -> str | None:
        if table not in self.fts:
            self.fts[table] = detect_fts(conn, table)
        return self.fts[table]

    def index_on(self, conn: sqlite3.Connection, table: str, columns: tuple[str, ...]) -> str | None:
        """A whole (not partial) index that begins with ``columns``, in ascending binary order."""
        if (table, columns) not in self.indexes:
            found = None
            for (name,) in conn.execute("select name from pragma_index_list(:table) where not partial "
                                        "order by origin = 'c' desc, name", {"table": table}):
                head = conn.execute("select name, desc, coll from pragma_index_xinfo(:index) "
                                    "where key order by seqno", {"index": name}).fetchall()[:len(columns)]
                if [tuple(h) for h in head] == [(c, 0, "BINARY") for c in columns]:
                    found = name
                    break
            self.indexes[(table, columns)] = found
        return self.indexes[(table, columns)]


def new_schema() -> Schema:
    return Schema({}, {})


def _hits_over(conn: sqlite3.Connection, fts: str, match: str, params: Any, limit: int) -> bool:
    sql = f"select count(*) from (select 1 from {fts} where {fts} match {match} limit {limit + 1})"
    return conn.execute(sql, params or {}).fetchone()[0] > limit


def _rows_threshold(conn: sqlite3.Connection, table: str, limit: int) -> int:
    """The hits above which reading the sort column's index costs less than looking each hit up."""
    rows = conn.execute(f"select max(rowid) from {table}").fetchone()[0] or 0
    return int((limit * rows * INDEX_ENTRY_COST) ** 0.5)


def faster(conn: sqlite3.Connection, schema: Schema, sql: str, params: Any) -> str:
    """``sql`` itself, or, for the count or the rows of a table page's search, a statement with the same
    result that costs less (see the module's docstring)."""
    if (found := COUNT.fullmatch(sql)) and _own_index(conn, schema, found):
        return f"select count(*) from {found['fts']} where {found['fts']} match {found['match']}"
    if (found := ROWS.fullmatch(sql)) and _own_index(conn, schema, found):
        columns = [found["order"], *filter(None, found["tiebreak"].split(", "))]
        index = schema.index_on(conn, unquote(found["table"]), tuple(unquote(c) for c in columns))
        limit = int(found["limit"])
        if index and _hits_over(conn, found["fts"], found["match"], params,
                                _rows_threshold(conn, found["table"], limit)):
            quoted = '"' + index.replace('"', '""') + '"'
            return f"{sql[:found.end('table')]} indexed by {quoted}{sql[found.end('table'):]}"
    return sql


def _own_index(conn: sqlite3.Connection, schema: Schema, found: re.Match) -> bool:
    """Whether the full-text table is the one Datasette found for the table (rebuilt from its rows)."""
    return schema.fts_of(conn, unquote(found["table"])) == unquote(found["fts"])
