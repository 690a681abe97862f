"""A database file that ``planarkiv ingest`` replaces while Datasette serves it, shown within seconds.

A publish writes the new database beside the old one and renames it into place (``corpus/publish.py``):
the file that was open is never written again, only unlinked. So Datasette may open it ``immutable``
(no locks, facets counted in memory), and a connection keeps showing the database as it was when opened,
whole. ``planarkiv serve`` used to show that file forever.

Here each file Datasette serves is a ``PinnedDatabase``: all its connections are opened at once, when it
is made, and checked to be on one and the same file (device and inode before and after), so the queries
of a page never mix an old and a new database. ``watch`` looks at the path once a second; when another
file has been renamed into place, it opens that one as a new ``PinnedDatabase`` (read-only, immutable)
and puts it in place of the old one under the same name, in one step of the event loop. A page already
being answered finishes on the old file, whose connections are closed ``RETIRE_SECONDS`` later (so the
replaced file's disk space is freed).
Datasette's caches of a database (table counts, the in-memory facet columns) belong to the object, so the
new file starts with none.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import functools
import os
import sqlite3
import sys
from queue import Empty, SimpleQueue
from typing import Any
from weakref import WeakKeyDictionary

from datasette.database import Database

from planarkiv.page_order import key_order
from planarkiv.table_search import faster, new_schema

POLL_SECONDS = 1.0
RETIRE_SECONDS = 60.0  # far longer than a page takes (each query has Datasette's time limit)
REPLACED = "the database was replaced by a newer one; load the page again"
ATTEMPTS = 5  # opens tried while renames keep coming between the checks


def identity(path: str) -> tuple[int, int, int, int] | None:
    """What tells one file at ``path`` from the next renamed into place; None when there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _once(method: Any) -> Any:
    """A Database method that reads the schema, answered once per argument: an immutable file's schema
    never changes, and Datasette asks its table page's questions (keys, columns, foreign keys, the
    full-text table) on every page, each a trip through the thread pool."""

    @functools.wraps(method)
    async def answered(self: PinnedDatabase, *args: Any) -> Any:
        key = (method.__name__, *args)
        if key not in self.answers:
            self.answers[key] = await method(self, *args)
        return copy.deepcopy(self.answers[key])  # Datasette's callers may change what they are given

    return answered


class PinnedDatabase(Database):
    """An immutable Database whose connections were all opened on the same file, when it was made."""

    def __init__(self, ds: Any, path: str, name: str, connections: int) -> None:
        super().__init__(ds, path=path, is_mutable=False)
        self.name = name
        for _ in range(ATTEMPTS):
            self.file = identity(path)
            opened = [self._open() for _ in range(connections)]
            if self.file is not None and identity(path) == self.file:
                break
            for conn in opened:  # another file was renamed into place meanwhile: open that one
                conn.close()
        else:
            raise OSError(f"{path} kept changing while it was opened")
        self.retired = False
        self.schema = new_schema()
        self.answers: dict[tuple, Any] = {}
        self._idle: SimpleQueue = SimpleQueue()
        for conn in opened:
            self._idle.put(conn)

    table_exists = _once(Database.table_exists)
    table_names = _once(Database.table_names)
    table_columns = _once(Database.table_columns)
    table_column_details = _once(Database.table_column_details)
    primary_keys = _once(Database.primary_keys)
    fts_table = _once(Database.fts_table)
    foreign_keys_for_table = _once(Database.foreign_keys_for_table)
    hidden_table_names = _once(Database.hidden_table_names)
    view_names = _once(Database.view_names)
    get_all_foreign_keys = _once(Database.get_all_foreign_keys)
    get_table_definition = _once(Database.get_table_definition)
    get_view_definition = _once(Database.get_view_definition)

    def retire(self) -> None:
        """Close the connections (a newer file is served); one still in use closes when its query ends."""
        self.retired = True
        while not self._idle.empty():
            self._idle.get().close()

    def _open(self) -> Any:
        conn = self.connect()
        self.ds._prepare_connection(conn, self.name)
        conn.execute("select count(*) from sqlite_master").fetchone()  # reads the file now
        return conn

    async def execute(self, sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        """Datasette's ``execute``; a sorted table's first page in the order of the pages after it
        (``page_order``), a table page's search as the cheaper statement of ``table_search``."""
        sql = await key_order(self, sql)
        if " match " in sql:
            sql = await self.execute_fn(lambda conn: faster(conn, self.schema, sql, params))
        return await super().execute(sql, params, *args, **kwargs)

    async def execute_fn(self, fn: Any) -> Any:
        """``fn(connection)`` in Datasette's thread pool, on one of this file's connections. There are as
        many connections as threads, so one is always free."""

        def in_thread() -> Any:
            try:
                conn = None if self.retired else self._idle.get(timeout=RETIRE_SECONDS)
            except Empty:
                conn = None
            if conn is None:
                raise sqlite3.OperationalError(REPLACED)
            try:
                return fn(conn)
            finally:
                if self.retired:
                    conn.close()
                else:
                    self._idle.put(conn)

        if self.ds.executor is None:
            return in_thread()
        return await asyncio.get_running_loop().run_in_executor(self.ds.executor, in_thread)


def _pool_size(datasette: Any) -> int:
    return max(1, datasette.setting("num_sql_threads") or 1)


async def pin(datasette: Any, name: str, path: str) -> PinnedDatabase:
    """``path`` opened as a PinnedDatabase (in a thread: opening reads the file) and served as ``name``."""
    old = datasette.databases.get(name)
    db = await asyncio.to_thread(PinnedDatabase, datasette, path, name, _pool_size(datasette))
    # No await between the two: no page sees the database missing.
    if old is not None:
        datasette.remove_database(name)
    datasette.add_database(db, name=name, route=old.route if old is not None else name)
    if isinstance(old, PinnedDatabase):
        asyncio.get_running_loop().call_later(RETIRE_SECONDS, old.retire)
    return db


# Per Datasette: the names of its pinned databases, and the task watching their files.
_PINNED: WeakKeyDictionary[Any, list[str]] = WeakKeyDictionary()
_WATCHING: WeakKeyDictionary[Any, asyncio.Task] = WeakKeyDictionary()


async def pin_files(datasette: Any) -> None:
    """Serve every immutable file database of ``datasette`` as a PinnedDatabase (``watching`` then
    watches them)."""
    names = []
    for name, db in list(datasette.databases.items()):
        if db.is_memory or db.is_mutable or not db.path:
            continue
        await pin(datasette, name, str(db.path))
        db.close()  # Datasette's own connections (kept per thread, by name) would hold the first file open
        names.append(name)
    _PINNED[datasette] = names


async def watching(datasette: Any, on_change: Any = None) -> None:
    """Make sure the pinned databases of ``datasette`` are watched by a task of the running event loop.

    Called on each request: ``datasette serve`` runs the startup hooks in an event loop of their own
    before uvicorn starts the one that serves, so the task is made in the latter, on its first request,
    after bringing the databases up to date for that request.
    """
    names = _PINNED.get(datasette)
    if not names:
        return
    loop = asyncio.get_running_loop()
    task = _WATCHING.get(datasette)
    if task is None or task.done() or task.get_loop() is not loop:
        _WATCHING[datasette] = loop.create_task(watch(datasette, names, on_change))
        await refresh(datasette, names, on_change)


async def watch(datasette: Any, names: list[str], on_change: Any = None) -> None:
    """Once a second, ``refresh``."""
    while True:
        await asyncio.sleep(POLL_SECONDS)
        await refresh(datasette, names, on_change)


_FAILED: dict[str, tuple] = {}  # path -> the file that could not be opened, said once


async def refresh(datasette: Any, names: list[str], on_change: Any = None) -> None:
    """Replace each named database whose file was replaced; ``on_change()`` after each."""
    for name in names:
        db = datasette.databases.get(name)
        now = identity(db.path) if isinstance(db, PinnedDatabase) else None
        if now is None or now == db.file or now == _FAILED.get(db.path):
            continue
        try:
            await pin(datasette, name, db.path)
        except Exception as exc:  # not a database: keep serving the one there is, say it once
            _FAILED[db.path] = now
            print(f"planarkiv: {db.path} was replaced but cannot be opened ({exc}); "
                  "serving the previous one", file=sys.stderr)
            continue
        if on_change:
            with contextlib.suppress(Exception):
                await on_change()
