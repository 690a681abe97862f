"""planarkiv's Datasette plugin (registered through the ``datasette`` entry point in pyproject.toml).

- Danish search: the SQL function ``escape_fts``, which Datasette applies to whatever is typed into a
  table's search box, is replaced by ``corpus.search.fts_query`` (every word a whole word in its own
  form or its lemma, also as a part of compounds), so ``jobklub`` finds "jobklubberne" and ``klub``
  "jobklubber". The same function is ``planarkiv_fts`` for
  canned queries. ``?_searchmode=raw`` still takes raw FTS5 syntax.
- Cells: ``source`` becomes a link to the PDF at the page ("PDF s. 7"), kroner are written the Danish
  way ("5,9 mio. kr."), JSON lists as plain lists, lemma columns small and grey; on a row's page a
  foreign key shows the name of the row it points to (a code its Danish name from ``labels``).
- Column descriptions: generated from the records (``corpus.tables.column_docs``) and given to Datasette
  through the ``get_metadata`` hook, for every database served; metadata.yml says the rest.
- Pages: the Danish templates and what they need from Python are ``planarkiv/pages.py``.
- Speed of a search page (``bench/scale.py``): connections read the database through a memory map, and
  the facets of an immutable database are counted in memory (``planarkiv/search_facets.py``).
- A database file replaced by an ingest is shown within seconds, read-only and never half
  (``planarkiv/live_database.py``).
- Exposure: a request whose ``Host`` header names neither a loopback name nor the address the server
  listens on is refused (DNS rebinding: a web page of another site whose name was re-pointed at
  127.0.0.1 must not read the database through the staff member's browser). One SQL function call cannot
  take the server's memory or run past Datasette's time limit (``planarkiv/sql_limits.py``), and the
  search functions read at most ``MAX_SEARCH`` characters of their text.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from functools import cache
from typing import Any
from weakref import WeakKeyDictionary

from datasette import hookimpl
from datasette.facets import ArrayFacet, ColumnFacet
from datasette.utils import tilde_encode
from markupsafe import Markup, escape

from planarkiv.corpus.search import WORD, fts_query
from planarkiv.corpus.store import MOUNT
from planarkiv.corpus.tables import LABELS, column_docs
from planarkiv.formats import kroner, number, score
from planarkiv.live_database import pin_files, watching
from planarkiv.search_facets import MemoryArrayFacet, MemoryColumnFacet, warm_facets
from planarkiv.sql_limits import bound

KRONER_COLUMNS = frozenset({"value_dkk", "value_dkk_max", "total_dkk", "kr"})
SOURCE_COLUMNS = frozenset({"source", "kilde"})
# Columns of canned queries that hold a record id: a link to the record's row.
ROW_LINK_COLUMNS = {"indsats_id": "initiatives", "maal_id": "goals", "dokument_id": "documents"}
# A canned query's "post" column holds "table/id": a link to that row.
POST_TABLES = frozenset({"initiatives", "goals", "documents", "pages", "amounts"})
# Per server: (database, table, column) -> the table the column's foreign key points to, read from the
# databases' own schema at start-up (``_read_foreign_keys``); and what names a row of such a table.
FOREIGN_KEYS: WeakKeyDictionary[Any, dict[tuple[str, str, str], str]] = WeakKeyDictionary()
LABEL_COLUMNS = {"documents": "title", "initiatives": "title", "goals": "text", "offices": "name",
                 "target_groups": "name", "sections": "title", "labels": "name", "amounts": "text"}
LIST_COLUMNS = frozenset({"offices", "target_groups", "funding"})
LIST_SHOWN = 3  # items of a list shown in a table's cell
RELATION_ENDS = frozenset({"source_id", "target_id"})
SCORE_COLUMNS = frozenset({"score", "sikkerhed"})  # from 0 to 1, with two decimals
PAGE = re.compile(r"#page=(\d+)$")


# A search is a few words; the lemmatiser is not run over a whole text passed to the search functions.
MAX_SEARCH = 1000
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
ANY_ADDRESS = frozenset({"0.0.0.0", "::"})


def _safe_fts_query(text: str | None) -> str:
    """``fts_query`` of the first ``MAX_SEARCH`` characters; if the lemmatiser fails, plain prefix matching
    (a search must never crash a page)."""
    text = text[:MAX_SEARCH] if isinstance(text, str) else text
    try:
        return fts_query(text)
    except Exception:
        words = ['"' + w.lower().replace('"', '""') + '"*' for w in WORD.findall(text or "")]
        return " AND ".join(words) or '""'


# A search reads each matching row of ``initiatives`` once per query of the page (rows, count, each
# facet); read through a memory map, those rows cost no system call and no copy into SQLite's page cache.
MMAP_BYTES = 1 << 30


@hookimpl(trylast=True)
def prepare_connection(conn: Any) -> None:
    # trylast: runs after Datasette's own prepare_connection, so this escape_fts replaces its.
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    bound(conn)
    conn.create_function("escape_fts", 1, _safe_fts_query, deterministic=True)
    conn.create_function("planarkiv_fts", 1, _safe_fts_query, deterministic=True)


_column_docs = cache(column_docs)


@hookimpl
def get_metadata(datasette: Any, key: str | None, database: str | None, table: str | None) -> dict:
    """The column descriptions of every published table, for each database served (metadata.yml, which
    Datasette merges in after this, adds titles, facets and queries). Fresh dictionaries on every call:
    Datasette merges into what it is given."""
    return {"databases": {name: {"tables": {t: {"columns": dict(docs)} for t, docs in _column_docs().items()}}
                          for name in datasette.databases if name != "_internal"}}


@hookimpl(hookwrapper=True)
def register_facet_classes() -> Any:
    outcome = yield
    memory = {ColumnFacet: MemoryColumnFacet, ArrayFacet: MemoryArrayFacet}
    outcome.force_result([[memory.get(cls, cls) for cls in classes] for classes in outcome.get_result()])


def _warm() -> None:
    with contextlib.suppress(Exception):  # reported when a search is made; warming must not stop the server
        fts_query("jobklubber")


async def _read_foreign_keys(datasette: Any) -> None:
    """Each database's foreign keys as its schema declares them: the read side needs no copy of the
    write side's table definitions."""
    found = {}
    for name, database in datasette.databases.items():
        for table, keys in (await database.get_all_foreign_keys()).items():
            for key in keys["outgoing"]:
                found[(name, table, key["column"])] = key["other_table"]
    FOREIGN_KEYS[datasette] = found


@hookimpl
def startup(datasette: Any) -> Any:
    """Serve the database files pinned, to be watched for a newer file (``live_database``), and read their
    foreign keys. Before the first request, load the lemma table (in a thread) while the facet columns are
    read (about a second for 100 000 initiatives): the first search is as fast as the next, and its SQL
    never waits for the table inside ``escape_fts`` (which could run past the page's time limit)."""

    async def start() -> None:
        await pin_files(datasette)
        await _read_foreign_keys(datasette)
        await asyncio.gather(asyncio.to_thread(_warm), warm_facets(datasette))

    return start


def _host_name(host: str) -> str:
    """``127.0.0.1:8001`` -> ``127.0.0.1``, ``[::1]:8001`` -> ``::1``, lower case."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def allowed_host(host: str | None, server: str | None) -> bool:
    """Whether a request's ``Host`` header may be answered by a server listening on ``server``: a loopback
    name or the server's own address. A server listening on every address was meant to be reached by any
    name; a request without the header comes from no browser."""
    if host is None or server in ANY_ADDRESS:
        return True
    name = _host_name(host)
    return name in LOOPBACK_HOSTS or name == (server or "").lower()


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    def wrap(app: Any) -> Any:
        async def checked(scope: dict, receive: Any, send: Any) -> None:
            await watching(datasette, lambda: warm_facets(datasette))
            if scope["type"] == "http":
                headers = dict(scope.get("headers") or [])
                host = headers.get(b"host")
                server = (scope.get("server") or (None, None))[0]
                if not allowed_host(host.decode("latin-1") if host is not None else None, server):
                    await send({"type": "http.response.start", "status": 421,
                                "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
                    await send({"type": "http.response.body",
                                "body": "Ukendt værtsnavn i Host: siden vises kun på denne computer.\n"
                                        .encode()})
                    return
            await app(scope, receive, send)

        return checked

    return wrap


def _source_link(value: str, datasette: Any) -> Markup:
    page = PAGE.search(value)
    label = f"PDF s.\u00a0{page.group(1)}" if page else "PDF"
    return Markup('<a class="planarkiv-source" href="{}">{}</a>').format(datasette.urls.path(value), label)


def _short(text: str, size: int = 120) -> str:
    return text if len(text) <= size else text[:size] + "…"


def _row_link(datasette: Any, database: str, table: str, row_id: str, label: str) -> Markup:
    return Markup('<a href="{}">{}</a>').format(datasette.urls.row(database, table, tilde_encode(row_id)),
                                                _short(label))


def _foreign_key(datasette: Any, database: str, other: str, value: str) -> Any:
    """The referenced row's name (a code: its Danish name alone), linked to its row."""

    async def inner() -> Markup | None:
        label_column = LABEL_COLUMNS.get(other)
        if not label_column:
            return None
        result = await datasette.get_database(database).execute(
            f"select [{label_column}] from [{other}] where id = ?", [value])
        row = result.first()
        if row is None or not row[0]:
            return None
        if other == LABELS:
            return Markup(escape(str(row[0])))
        return _row_link(datasette, database, other, value, str(row[0]))

    return inner


# A relation's ends are rows of several tables: what names each (and its year, where it has one).
_ENDS_SQL = " union all ".join(
    f"select '{table}', [{column}], {'year' if table in ('initiatives', 'goals', 'documents') else 'null'} "
    f"from [{table}] where id = :id"
    for table, column in LABEL_COLUMNS.items() if table not in {LABELS, "amounts"}) + " limit 1"


def _relation_end(datasette: Any, database: str, value: str) -> Any:
    """A relation's end as the title (and year) of the row it names, linked to that row."""

    async def inner() -> Markup | None:
        row = (await datasette.get_database(database).execute(_ENDS_SQL, {"id": value})).first()
        if row is None or not row[1]:
            return None
        link = _row_link(datasette, database, row[0], value, str(row[1]))
        return link + Markup(" ({})").format(row[2]) if row[2] else link

    return inner


def _compact_list(items: list) -> Markup:
    """The first ``LIST_SHOWN`` items of a list, then how many more (all of them in the tooltip)."""
    shown = Markup(", ").join(escape(str(item)) for item in items[:LIST_SHOWN])
    if len(items) <= LIST_SHOWN:
        return shown
    return Markup('<span title="{}">{} <span class="planarkiv-more">+{} flere</span></span>').format(
        ", ".join(str(item) for item in items), shown, len(items) - LIST_SHOWN)


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    if value is None or value == "":
        return None
    other = FOREIGN_KEYS.get(datasette, {}).get((database, table or "", column))
    if isinstance(value, dict) and "value" in value and other:
        # A key the table page expanded: the name alone (a code's Danish name), linked unless a code.
        label = str(value.get("label") or value["value"])
        if other == LABELS:
            return Markup(escape(label))
        return _row_link(datasette, database, other, str(value["value"]), label)
    if column in SOURCE_COLUMNS and isinstance(value, str) and value.startswith(f"/{MOUNT}/"):
        return _source_link(value, datasette)
    if column in ROW_LINK_COLUMNS and table is None and isinstance(value, str):
        url = datasette.urls.row(database, ROW_LINK_COLUMNS[column], tilde_encode(value))
        return Markup('<a href="{}">{}</a>').format(url, value)
    if column == "post" and table is None and isinstance(value, str) and "/" in value:
        other, row_id = value.split("/", 1)
        if other not in POST_TABLES:
            return None
        return Markup('<a href="{}">{}</a>').format(
            datasette.urls.row(database, other, tilde_encode(row_id)), row_id)
    if other and isinstance(value, str):
        # The row page shows keys unexpanded (the table page expands them itself, as dicts).
        return _foreign_key(datasette, database, other, value)
    if table == "relations" and column in RELATION_ENDS and isinstance(value, str):
        return _relation_end(datasette, database, value)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    if column in KRONER_COLUMNS and isinstance(value, int | float):
        return Markup('<span class="planarkiv-kr">{}</span>').format(kroner(value).replace(" ", "\u00a0"))
    if isinstance(value, float):
        return score(value) if column in SCORE_COLUMNS else number(value)
    if column in LIST_COLUMNS and isinstance(value, str) and value.startswith("["):
        try:
            items = json.loads(value)
        except ValueError:
            return None
        if isinstance(items, list):
            return _compact_list(items)
    return None
