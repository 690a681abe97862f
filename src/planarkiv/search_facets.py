"""Facets of a table page counted in memory: one query for the page's matching rows, numpy for the counts.

Datasette counts each facet with SQL of its own over the page's filtered rows, so the six facets of
*Indsatser* run a search six more times and read every matching row six times, and an array facet
(``offices``) parses the JSON list of every matching row and de-duplicates (value, row) pairs in a
temporary index. A search matching 15 000 of 100 000 initiatives spent 300–600 ms there and some facets
ran past Datasette's time limit (``bench/scale.py``).

For a database Datasette opened immutable (``planarkiv serve``), each facet column of a table is read
once into integer codes by rowid (``FacetColumn``). A page's facets then cost one query for the rowids
of its matching rows (the page's own WHERE, shared by every facet of the page; for a search alone, the
rowids straight from the full-text index) and a ``numpy.bincount`` per facet. The counts, their order
(count descending, then the value as SQLite orders it), truncation, labels and links are those of
Datasette's ``ColumnFacet`` and ``ArrayFacet``. A database that can change, a view, a table without a
primary key and a canned query keep SQL facets (the array facet reading only each row's key and list).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

import numpy as np
from datasette.database import QueryInterrupted
from datasette.facets import ArrayFacet, ColumnFacet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args, sqlite_timelimit

# The WHERE of a page filtered by Datasette's search box alone (``datasette/filters.py``), its full-text
# query as group 1.
SEARCH_ONLY = re.compile(r"where rowid in \((select rowid from (\[\w+\]|\w+) where \2 match "
                         r"(?:escape_fts\(:search\)|:search))\)\s*")


@dataclass(frozen=True)
class FacetColumn:
    """One facet column of a table: the distinct values and, for each row, which of them it holds.

    ``rows[i]`` (a rowid) holds ``values[codes[i]]``; a column facet has one entry per row with a value,
    an array facet one per distinct item of the row's list.
    """

    values: list[Any]
    rows: np.ndarray
    codes: np.ndarray

    @classmethod
    def of(cls, rows: list[int], values: list[Any]) -> FacetColumn:
        """Row ``rows[i]`` holds ``values[i]``. Values equal in Python are one value, as in SQLite's GROUP
        BY (1 and 1.0 are one, 1 and "1" two)."""
        index: dict[Any, int] = {}
        codes = [index.setdefault(value, len(index)) for value in values]
        return cls(list(index), np.array(rows, dtype=np.int64), np.array(codes, dtype=np.int64))

    def counts(self, selected: np.ndarray, limit: int) -> list[tuple[Any, int]]:
        """The ``limit`` most frequent values among the selected rows (a boolean mask by rowid)."""
        found = np.bincount(self.codes[selected[self.rows]], minlength=len(self.values))
        nonzero = [(self.values[code], int(found[code])) for code in np.flatnonzero(found)]
        return sorted(nonzero, key=lambda pair: (-pair[1], sqlite_order(pair[0])))[:limit]


def sqlite_order(value: Any) -> tuple[int, Any]:
    """SQLite's ORDER BY for one column: numbers, then text (BINARY: code point order), then blobs."""
    if isinstance(value, int | float):
        return (0, value)
    return (1, value) if isinstance(value, str) else (2, value)


def json_items(text: Any) -> list[Any] | None:
    """The distinct items of a JSON list as SQLite's ``json_each`` gives them, or None if not a list."""
    if text is None:
        return []
    try:
        items = json.loads(text)
    except (TypeError, ValueError):
        return None
    if not isinstance(items, list):
        return None
    found = []
    for item in items:
        if isinstance(item, bool):
            item = int(item)
        elif isinstance(item, list | dict):
            item = json.dumps(item, separators=(",", ":"), ensure_ascii=False)
        if item not in found:
            found.append(item)
    return found


class TableFacets:
    """The facet columns of one table (with rowids) of an immutable database, read on first use."""

    def __init__(self, table: str, columns: list[str], foreign_keys: Iterable[str]):
        self.table = escape_sqlite(table)
        self.foreign_keys = frozenset(foreign_keys)  # the columns whose values Datasette labels
        # How Datasette's table page starts the SQL it hands its facets (``select <all columns> from t``).
        self.page_select = f"select {', '.join(map(escape_sqlite, columns))} from {self.table} "
        self.size = 0  # one more than the largest rowid
        self.columns: dict[tuple[str, bool], FacetColumn | None] = {}
        self.lock = asyncio.Lock()

    async def load(self, db: Any, wanted: Iterable[tuple[str, bool]]) -> None:
        """Read the (column, is an array) facet columns not read yet, in one pass over the table."""
        async with self.lock:
            missing = [w for w in dict.fromkeys(wanted) if w not in self.columns]
            if missing:
                # execute_fn: reading a whole table may take longer than a page's SQL time limit
                await db.execute_fn(lambda conn: self._read(conn, missing))

    def _read(self, conn: sqlite3.Connection, missing: list[tuple[str, bool]]) -> None:
        names = list(dict.fromkeys(column for column, _ in missing))
        rows = _fetch(conn, f"select rowid, {', '.join(map(escape_sqlite, names))} from {self.table}")
        rowids = [row[0] for row in rows]
        self.size = max(rowids, default=-1) + 1
        by_rowid = not rowids or min(rowids) >= 0  # a mask by rowid needs rowids from 0
        for column, array in missing:
            i = 1 + names.index(column)
            values = [row[i] for row in rows]
            self.columns[(column, array)] = _facet_column(rowids, values, array) if by_rowid else None

    def selected(self, conn: sqlite3.Connection, sql: str, params: Any, time_limit_ms: int
                 ) -> np.ndarray | None:
        """The rows of the page's ``sql`` as a mask by rowid (None: not a table page's SQL)."""
        if not sql.startswith(self.page_select):
            return None
        where = sql[len(self.page_select):]
        search = SEARCH_ONLY.fullmatch(where)
        # A page filtered by its search box alone: the rowids straight from the full-text index, without
        # looking each one up in the table (for an immutable database, the index is rebuilt from the table).
        rowids = search.group(1) if search else f"select rowid from {self.table} {where}"
        # The rowids as one comma-separated text, parsed by numpy: a Python tuple per matching row cost
        # twice the query itself for a search with 15 000 hits.
        listed = f"select group_concat(rowid) from ({rowids})"
        with sqlite_timelimit(conn, time_limit_ms):
            try:
                text = _fetch(conn, listed, params)[0][0]
            except sqlite3.OperationalError as e:
                if e.args == ("interrupted",):
                    raise QueryInterrupted(e, listed, params) from e
                raise
        found = np.fromstring(text or "", dtype=np.int64, sep=",")
        mask = np.zeros(self.size, dtype=bool)
        mask[found[(found >= 0) & (found < self.size)]] = True
        return mask


def _fetch(conn: sqlite3.Connection, sql: str, params: Any = None) -> list[tuple]:
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: Datasette's connections make sqlite3.Row objects
    return cursor.execute(sql, params or []).fetchall()


def _facet_column(rowids: list[int], values: list[Any], array: bool) -> FacetColumn | None:
    """A column's facet values (None: an array facet over a column that is not a JSON list in every row)."""
    if not array:
        kept = [i for i, value in enumerate(values) if value is not None]
        return FacetColumn.of([rowids[i] for i in kept], [values[i] for i in kept])
    lists: dict[Any, list | None] = {}  # rows share few distinct lists: each is parsed once
    rows, items = [], []
    for rowid, text in zip(rowids, values, strict=True):
        if text not in lists:
            lists[text] = json_items(text)
        found = lists[text]
        if found is None:
            return None
        rows += [rowid] * len(found)
        items += found
    return FacetColumn.of(rows, items)


# Datasette's database (one file of one Datasette) -> table -> its facet columns. Only immutable
# databases, whose rows never change.
_TABLES: WeakKeyDictionary[Any, dict[str, TableFacets]] = WeakKeyDictionary()


async def table_facets(datasette: Any, database: str, table: str | None) -> TableFacets | None:
    db = datasette.get_database(database)
    if not table or db.is_mutable:
        return None
    tables = _TABLES.setdefault(db, {})
    if table not in tables:  # an immutable database's tables never change: looked up once
        tables[table] = await _table_facets(db, table)
    return tables[table]


async def _table_facets(db: Any, table: str) -> TableFacets | None:
    # Without a primary key, Datasette's page SQL also selects the rowid.
    if not await db.table_exists(table) or not await db.primary_keys(table):
        return None
    foreign_keys = [fk["column"] for fk in await db.foreign_keys_for_table(table)]
    return TableFacets(table, await db.table_columns(table), foreign_keys)


async def warm_facets(datasette: Any) -> None:
    """Read the facet columns that metadata.yml names for the searchable tables (those with a full-text
    index) of the immutable databases; other tables' are read on their first page. A column that is not
    there is left for the page to report, as Datasette does."""
    for database, db in datasette.databases.items():
        tables = (datasette.metadata(database=database) or {}).get("tables") or {}
        for table, spec in tables.items():
            facets = await table_facets(datasette, database, table)
            if facets is None or not await db.fts_table(table):
                continue
            wanted = []
            for config in spec.get("facets") or []:
                kind, column = ("column", config) if isinstance(config, str) else next(iter(config.items()))
                if kind in ("column", "array") and isinstance(column, str):
                    wanted.append((column, kind == "array"))
            with contextlib.suppress(sqlite3.Error):
                await facets.load(db, wanted)


class MemoryFacetMixin:
    """``facet_results`` from in-memory facet columns; the rows of ``self.sql`` read once per page."""

    array = False

    async def facet_results(self) -> tuple[list, list]:
        facets = await table_facets(self.ds, self.database, self.table)
        if facets is None:
            return await super().facet_results()
        columns = [(c["source"], c["config"].get("column") or c["config"]["simple"])
                   for c in self.get_configs()]
        if not columns:
            return [], []
        db = self.ds.get_database(self.database)
        await facets.load(db, [(column, self.array) for _, column in columns])
        loaded = {column: facets.columns[(column, self.array)] for _, column in columns}
        if any(found is None for found in loaded.values()):
            return await super().facet_results()
        try:
            selected = await self._matching_rows(facets)
        except QueryInterrupted:
            return [], [column for _, column in columns]
        if selected is None:
            return await super().facet_results()
        size = self.get_facet_size()
        results = []
        for source, column in columns:
            counts = loaded[column].counts(selected, size + 1)
            results.append(await self._result(facets, source, column, counts[:size], len(counts) > size))
        return results, []

    def _origin(self) -> str:
        """The scheme and host of the request's URL: ``absolute_url`` of a facet's links is this joined to
        each link (``urljoin`` of the whole request URL per link cost ~0.2 ms a link, ~10 ms a page)."""
        return self.ds.absolute_url(self.request, "/").removesuffix("/")

    async def _matching_rows(self, facets: TableFacets) -> np.ndarray | None:
        """The rows of the page's query as a mask by rowid, shared by the page's facet classes."""
        memo = self.request.scope.setdefault("planarkiv.facet_rows", {})
        key = (self.sql, json.dumps(self.params, sort_keys=True, default=str))
        if key not in memo:
            # The page's own WHERE, as its count: the page's time limit (not a facet's; this is all of them)
            limit = self.ds.setting("sql_time_limit_ms")
            memo[key] = await self.ds.get_database(self.database).execute_fn(
                lambda conn: facets.selected(conn, self.sql, self.params, limit))
        return memo[key]


class MemoryColumnFacet(MemoryFacetMixin, ColumnFacet):
    """Datasette's column facet (``facets: [kind]``), counted in memory."""

    async def _result(self, facets: TableFacets, source: str, column: str, counts: list[tuple[Any, int]],
                      truncated: bool) -> dict:
        pairs = self.get_querystring_pairs()
        origin = self._origin()
        expanded = {}
        if column in facets.foreign_keys:
            expanded = await self.ds.expand_foreign_keys(self.database, self.table, column,
                                                         [value for value, _ in counts])
        column_qs = f"{column}__exact" if column.startswith("_") else column
        values = []
        for value, count in counts:
            selected = (column_qs, str(value)) in pairs
            toggle = (path_with_removed_args(self.request, {column_qs: str(value)}) if selected
                      else path_with_added_args(self.request, {column_qs: value}))
            values.append({"value": value, "label": expanded.get((column, value), value), "count": count,
                           "toggle_url": origin + self.ds.urls.path(toggle),
                           "selected": selected})
        return {"name": column, "type": self.type, "hideable": source != "metadata",
                "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet": column})),
                "results": values, "truncated": truncated}


class KeyedArrayFacet(ArrayFacet):
    """Datasette's array facet (``array: offices``) over a table's key and list columns only.

    Datasette counts each row once per value with ``select distinct j.value, inner.*``, which copies every
    column of every matching row (all the texts and lemmas of an initiative) into a temporary index. The
    row's key identifies the row as well as all of its columns do, so the counts are the same (datasette
    PR #2008 discusses it).
    """

    async def facet_results(self) -> tuple[list, list]:
        db = self.ds.get_database(self.database)
        if self.table and await db.table_exists(self.table):
            keys = await db.primary_keys(self.table) or ["rowid"]
            columns = [c["config"].get("column") or c["config"]["simple"] for c in self.get_configs()]
            selected = ", ".join(escape_sqlite(c) for c in dict.fromkeys([*keys, *columns]))
            self.sql = f"select {selected} from ({self.sql})"
        return await super().facet_results()


class MemoryArrayFacet(MemoryFacetMixin, KeyedArrayFacet):
    """Datasette's array facet (``facets: [{array: offices}]``), counted in memory: a row counts once per
    distinct value of its list."""

    array = True

    async def _result(self, facets: TableFacets, source: str, column: str, counts: list[tuple[Any, int]],
                      truncated: bool) -> dict:
        pairs = self.get_querystring_pairs()
        origin = self._origin()
        values = []
        for value, count in counts:
            value = str(value)
            arg = {f"{column}__arraycontains": value}
            selected = (f"{column}__arraycontains", value) in pairs
            toggle = (path_with_removed_args(self.request, arg) if selected
                      else path_with_added_args(self.request, arg))
            values.append({"value": value, "label": value, "count": count,
                           "toggle_url": origin + toggle, "selected": selected})
        toggle = path_with_removed_args(self.request, {"_facet_array": column})
        return {"name": column, "type": self.type, "results": values, "hideable": source != "metadata",
                "toggle_url": self.ds.urls.path(toggle), "truncated": truncated}
