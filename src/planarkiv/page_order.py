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
from typing import Any

from datasette.utils import escape_sqlite

from planarkiv.table_search import NAME, unquote

# Datasette's first page of a sorted table (``datasette/views/table.py``): no tiebreak after the column.
FIRST_PAGE = re.compile(rf"select (?P<columns>.+?) from (?P<table>{NAME}) (?P<where>where .+ )?"
                        rf"order by (?P<order>{NAME})(?P<desc> desc)? limit (?P<limit>\d+)", re.DOTALL)


async def key_order(db: Any, sql: str) -> str:
    """``sql``, or, for the first page of a sorted table, the same with the key as tiebreak, as Datasette
    orders the pages after it. The key is the database's ``primary_keys`` (``rowid`` for a table without
    one), as Datasette reads it for those pages."""
    found = FIRST_PAGE.fullmatch(sql) if " order by " in sql else None
    if found is None:
        return sql
    keys = await db.primary_keys(unquote(found["table"])) or ["rowid"]
    if unquote(found["order"]) in keys:
        return sql
    head = sql[:found.end("desc") if found["desc"] else found.end("order")]
    return f"{head}, {', '.join(escape_sqlite(key) for key in keys)} limit {found['limit']}"
