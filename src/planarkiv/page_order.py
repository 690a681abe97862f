"""A table page sorted by a column is ordered by the table's key among equal values, on every page.

Datasette 0.65 adds the key to the ``order by`` of the pages after the first only (its ``_next`` pages
continue from the last row's value and key), while the first page is ordered by the sort column alone:
SQLite then gives equal values in rowid order, the next page continues in key order, and rows that share
a value (the initiatives of one year) were left out or shown twice when staff paged through a table. The
first page's statement is given the same tiebreak as the pages after it; the indexes of the sort columns
end with the key (``corpus.tables.Table.indexes``), so the order costs no sort.
"""

from __future__ import annotations

import re
import sqlite3

from datasette.utils import detect_primary_keys, escape_sqlite

from planarkiv.table_search import NAME, unquote

# Datasette's first page of a sorted table (``datasette/views/table.py``): no tiebreak after the column.
FIRST_PAGE = re.compile(rf"select (?P<columns>.+?) from (?P<table>{NAME}) (?P<where>where .+ )?"
                        rf"order by (?P<order>{NAME})(?P<desc> desc)? limit (?P<limit>\d+)", re.DOTALL)


def key_order(conn: sqlite3.Connection, keys: dict[str, str], sql: str) -> str:
    """``sql``, or, for the first page of a sorted table, the same with the key as tiebreak, as Datasette
    orders the pages after it. ``keys`` caches each table's key (as its ``order by`` terms)."""
    found = FIRST_PAGE.fullmatch(sql)
    if found is None:
        return sql
    table = unquote(found["table"])
    if table not in keys:
        pks = detect_primary_keys(conn, table) or ["rowid"]
        keys[table] = ", ".join(escape_sqlite(pk) for pk in pks)
    if unquote(found["order"]) in keys[table].split(", "):
        return sql
    head = sql[:found.end("desc") if found["desc"] else found.end("order")]
    return f"{head}, {keys[table]} limit {found['limit']}"
