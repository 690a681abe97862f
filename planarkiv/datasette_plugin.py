"""planarkiv's Datasette plugin (registered through the ``datasette`` entry point in pyproject.toml).

- Danish search: the SQL function ``escape_fts``, which Datasette applies to whatever is typed into a
  table's search box, is replaced by ``corpus.search.fts_query`` (every word a prefix match on its own
  form or its lemma), so ``jobklub`` finds "jobklubberne". The same function is ``planarkiv_fts`` for
  canned queries. ``?_searchmode=raw`` still takes raw FTS5 syntax.
- Cells: ``source`` becomes a link to the PDF at the page ("PDF s. 7"), kroner are written the Danish
  way ("5,9 mio. kr."), JSON lists as plain lists, lemma columns small and grey; on a row's page a
  foreign key shows the name of the row it points to (a code its Danish name from ``labels``).
- Column descriptions: generated from the records (``corpus.tables.column_docs``) and given to Datasette
  through the ``get_metadata`` hook, for every database served; metadata.yml says the rest.
- Pages: Danish column names (from the column descriptions), the column descriptions folded into
  "Om kolonnerne", a row's page laid out one field a line, and a canned query named under
  ``plugins: planarkiv: charts:`` in metadata.yml opened with its datasette-vega chart drawn.
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
from urllib.parse import quote
from weakref import WeakKeyDictionary

from datasette import hookimpl
from datasette.facets import ArrayFacet, ColumnFacet
from datasette.utils import tilde_encode
from markupsafe import Markup, escape

from planarkiv.corpus.search import WORD, fts_query
from planarkiv.corpus.store import MOUNT
from planarkiv.corpus.tables import column_docs
from planarkiv.live_database import pin_files, watching
from planarkiv.search_facets import MemoryArrayFacet, MemoryColumnFacet, warm_facets
from planarkiv.sql_limits import bound

KRONER_COLUMNS = frozenset({"value_dkk", "value_dkk_max", "kr"})
SOURCE_COLUMNS = frozenset({"source", "kilde"})
# Columns of canned queries that hold a record id: a link to the record's row.
ROW_LINK_COLUMNS = {"indsats_id": "initiatives", "maal_id": "goals", "dokument_id": "documents"}
# A canned query's "post" column holds "table/id": a link to that row.
POST_TABLES = frozenset({"initiatives", "goals", "documents", "pages", "amounts"})
# Per server: (database, table, column) -> the table the column's foreign key points to, read from the
# databases' own schema at start-up (``_read_foreign_keys``); and what names a row of such a table.
FOREIGN_KEYS: WeakKeyDictionary[Any, dict[tuple[str, str, str], str]] = WeakKeyDictionary()
LABEL_COLUMNS = {"documents": "title", "initiatives": "title", "goals": "text", "offices": "name",
                 "labels": "name", "amounts": "text"}
LIST_COLUMNS = frozenset({"offices", "target_groups", "funding"})
PAGE = re.compile(r"#page=(\d+)$")
SAFE = "-_.!~*'()"  # what JavaScript's encodeURIComponent leaves as it is


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


def _danish_number(number: float, decimals: int) -> str:
    """``1234.5`` -> ``1.234,5`` (trailing zero decimals dropped)."""
    text = f"{number:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def kroner(value: float) -> str:
    """Danish money: ``5900000`` -> ``5,9 mio. kr.``, ``100000`` -> ``100.000 kr.``."""
    if abs(value) >= 1_000_000_000:
        return _danish_number(value / 1_000_000_000, 2) + " mia. kr."
    if abs(value) >= 1_000_000:
        return _danish_number(value / 1_000_000, 3) + " mio. kr."
    return _danish_number(value, 0) + " kr."


def _source_link(value: str, datasette: Any) -> Markup:
    page = PAGE.search(value)
    label = f"PDF s.\u00a0{page.group(1)}" if page else "PDF"
    return Markup('<a class="planarkiv-source" href="{}">{}</a>').format(datasette.urls.path(value), label)


def _foreign_key(datasette: Any, database: str, other: str, value: str) -> Any:
    """The referenced row's name (a Danish label for codes), linked to its row."""

    async def inner() -> Markup | None:
        label_column = LABEL_COLUMNS.get(other)
        if not label_column:
            return None
        result = await datasette.get_database(database).execute(
            f"select [{label_column}] from [{other}] where id = ?", [value])
        row = result.first()
        if row is None or not row[0]:
            return None
        label = str(row[0]) if len(str(row[0])) <= 120 else str(row[0])[:120] + "…"
        if other == "labels":
            return Markup('{} <span class="planarkiv-code">({})</span>').format(label, value)
        url = datasette.urls.row(database, other, tilde_encode(value))
        return Markup('<a href="{}">{}</a>').format(url, label)

    return inner


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    if value is None or value == "":
        return None
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
    other = FOREIGN_KEYS.get(datasette, {}).get((database, table or "", column))
    if other and isinstance(value, str):
        # The row page shows keys unexpanded (the table page expands them itself, as dicts).
        return _foreign_key(datasette, database, other, value)
    if column in KRONER_COLUMNS and isinstance(value, int | float) and not isinstance(value, bool):
        return Markup('<span class="planarkiv-kr">{}</span>').format(kroner(value).replace(" ", "\u00a0"))
    if column in LIST_COLUMNS and isinstance(value, str) and value.startswith("["):
        try:
            items = json.loads(value)
        except ValueError:
            return None
        if isinstance(items, list):
            return Markup(", ").join(escape(str(item)) for item in items)
    if column.endswith("_lemmas") and isinstance(value, str):
        short = value if len(value) <= 80 else value[:80] + "…"
        return Markup('<span class="planarkiv-lemmas" title="{}">{}</span>').format(value[:1000], short)
    return None


STYLE = """
.planarkiv-lemmas { color: #888; font-size: 0.8em; }
.planarkiv-kr { white-space: nowrap; }
.planarkiv-code { color: #888; font-size: 0.85em; }
details.planarkiv-columns { margin: 0.5em 0 1em; }
details.planarkiv-columns summary { cursor: pointer; color: #276890; }
table.planarkiv-record { border-collapse: collapse; max-width: 60em; }
table.planarkiv-record th { text-align: left; vertical-align: top; padding: 0.4em 1em 0.4em 0;
  white-space: nowrap; color: #555; font-weight: normal; }
table.planarkiv-record td { padding: 0.4em 0; border-bottom: 1px solid #eee; }
"""

# Danish column names on table, row and query pages (the SQL name stays in the tooltip), the column
# descriptions folded away, and a row page shown as a form (one field a line) instead of one wide row.
PAGE_SCRIPT = """
(function (labels, isRow, tableTitle) {
  var style = document.createElement("style");
  style.textContent = %s;
  document.head.appendChild(style);
  function rename(node, name) {
    var label = labels[name];
    if (!label) { return; }
    for (var i = 0; i < node.childNodes.length; i++) {
      var child = node.childNodes[i];
      if (child.nodeType === 3 && child.textContent.trim().indexOf(name) === 0) {
        child.textContent = child.textContent.replace(name, label);
        return;
      }
    }
  }
  document.querySelectorAll("table.rows-and-columns th[data-column]").forEach(function (th) {
    var name = th.getAttribute("data-column");
    th.title = name;
    rename(th.querySelector("a") || th, name);
  });
  document.querySelectorAll(".facet-info-name strong").forEach(function (strong) {
    var name = strong.firstChild && strong.firstChild.textContent.trim().split(" ")[0];
    if (name) { rename(strong, name); }
  });
  var dl = document.querySelector("dl.column-descriptions");
  if (dl) {
    var details = document.createElement("details");
    details.className = "planarkiv-columns";
    var summary = document.createElement("summary");
    summary.textContent = "Om kolonnerne";
    dl.parentNode.insertBefore(details, dl);
    details.appendChild(summary);
    details.appendChild(dl);
  }
  var table = document.querySelector("table.rows-and-columns");
  if (isRow && table && table.tBodies[0] && table.tBodies[0].rows.length === 1) {
    var heads = table.tHead.rows[0].cells, cells = table.tBodies[0].rows[0].cells;
    var record = document.createElement("table");
    record.className = "planarkiv-record";
    for (var i = 0; i < cells.length; i++) {
      var name = heads[i].getAttribute("data-column");
      if (/_lemmas$/.test(name) || !cells[i].textContent.trim()) { continue; }
      var tr = record.insertRow();
      var th = document.createElement("th");
      th.textContent = labels[name] || name;
      th.title = name;
      tr.appendChild(th);
      var td = tr.insertCell();
      td.className = cells[i].className;
      td.innerHTML = cells[i].innerHTML;
    }
    var wrapper = table.closest(".table-wrapper") || table;
    wrapper.parentNode.replaceChild(record, wrapper);
    var h1 = document.querySelector("h1");
    var named = record.querySelector("td.col-title, td.col-name");
    if (h1 && named && tableTitle) {
      var name = named.textContent.trim();
      h1.textContent = tableTitle + ": " + (name.length > 100 ? name.slice(0, 100) + "…" : name);
    }
  }
})(%s, %s, %s);
"""

# The database page lists tables by name: add each table's Danish title.
TABLE_TITLES_SCRIPT = """
(function (titles) {
  document.querySelectorAll("h3 a").forEach(function (a) {
    var title = titles[a.textContent.trim()];
    if (title) { a.parentNode.appendChild(document.createTextNode(" – " + title)); }
  });
})(%s);
"""

CHART = """
if (!window.location.hash) { history.replaceState(null, "", %s); }
"""


def column_labels(datasette: Any, database: str | None, table: str | None) -> dict[str, str]:
    """Danish column names from metadata.yml: the part of a column's description before its colon."""
    if not database or not table:
        return {}
    columns = (datasette.table_metadata(database, table) or {}).get("columns") or {}
    labels = {}
    for name, description in columns.items():
        label = str(description).split(":", 1)[0].strip()
        if label and len(label) <= 40:
            labels[name] = label
    return labels


def chart_hash(chart: dict[str, str]) -> str:
    """datasette-vega's state in the URL fragment: ``{"mark": "bar"}`` -> ``#g.mark=bar``."""
    return "#" + "&".join(f"g.{quote(str(k), safe=SAFE)}={quote(str(v), safe=SAFE)}"
                          for k, v in chart.items() if v)


@hookimpl
def extra_body_script(database: str | None, table: str | None, view_name: str, request: Any,
                      datasette: Any) -> str:
    labels = column_labels(datasette, database, table)
    title = (datasette.table_metadata(database, table) or {}).get("title") if database and table else None
    script = PAGE_SCRIPT % (json.dumps(STYLE), json.dumps(labels, ensure_ascii=False),
                            json.dumps(view_name == "row"), json.dumps(title, ensure_ascii=False))
    if view_name == "database" and database:
        tables = (datasette.metadata(database=database) or {}).get("tables") or {}
        titles = {name: spec["title"] for name, spec in tables.items() if spec.get("title")}
        script += TABLE_TITLES_SCRIPT % json.dumps(titles, ensure_ascii=False)
    name = request.url_vars.get("table") if request is not None else None
    charts = (datasette.plugin_config("planarkiv", database=database) or {}).get("charts", {})
    if name and name in charts and view_name in {"table", "query"}:
        script += CHART % json.dumps(chart_hash(charts[name]))
    return script
