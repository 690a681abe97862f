"""The pages staff read, in Danish: what the templates in ``planarkiv/templates`` need from Python.

Datasette 0.65 writes its own interface in English ("114 rows sorted by year", "Search:", "Links from other
tables"). ``planarkiv serve`` gives Datasette the templates of this package (``--template-dir``), which
say it in Danish, and this plugin module gives them what they cannot compute themselves:

- Danish names of columns (the part of a column's description before its colon), of tables (their titles
  in metadata.yml), of filter operators, export formats and canned-query parameters, and a Danish
  sentence for what a table page shows ("hvor søgningen finder »dømte«, sorteret efter År");
- Jinja filters for numbers in Danish format (``tal``) and row counts (``rows_da``: "1.234 rækker");
- on an initiative's page its whole story (``initiative_page.story``) and its evidence: the PDF page drawn
  with the initiative's rectangle highlighted, served from ``/-/planarkiv/belaeg/<db>/<id>.png``
  (``evidence.py``), and the text inside the rectangle;
- the chart of a money query (``charts.py``), named under ``plugins: planarkiv: charts:`` in metadata.yml;
- an export for a Danish Excel beside Datasette's CSV (``.excel``: UTF-8 with BOM, ``;`` between fields,
  decimal commas, Danish headers, codes as their names), of all the rows of the table, filter or search,
  written while they are read, as Datasette's CSV with ``_stream=on``.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import json
import re
import sqlite3
import threading
from pathlib import Path
from typing import Any

from datasette import hookimpl
from datasette.utils import (
    LimitedWriter,
    WriteLimitExceeded,
    path_with_added_args,
    path_with_removed_args,
    sqlite_timelimit,
    tilde_decode,
    tilde_encode,
    urlsafe_components,
)
from datasette.utils.asgi import AsgiStream, NotFound, Response

from planarkiv.charts import bar_chart
from planarkiv.corpus.store import pdf_dir
from planarkiv.corpus.tables import FOREIGN_KEYS, LABELS, TABLES
from planarkiv.evidence import page_image, text_in
from planarkiv.formats import number
from planarkiv.initiative_page import bbox, story
from planarkiv.page_order import key_order

TEMPLATES = Path(__file__).with_name("templates")
EVIDENCE_ROUTE = "/-/planarkiv/belaeg"
EXCEL = "excel"
RENDERERS = {"json": "JSON", EXCEL: "CSV til Excel"}
# Datasette's filter operators (``filters.py``) in Danish; an operator not named here keeps its own word.
LOOKUPS = {
    "exact": "=", "not": "≠", "contains": "indeholder", "endswith": "slutter med",
    "startswith": "begynder med", "gt": ">", "gte": "≥", "lt": "<", "lte": "≤", "like": "ligner (like)",
    "notlike": "ligner ikke (not like)", "glob": "mønster (glob)", "in": "er en af", "notin": "er ingen af",
    "arraycontains": "indeholder", "arraynotcontains": "indeholder ikke", "date": "er datoen",
    "isnull": "mangler", "notnull": "findes", "isblank": "er tom", "notblank": "er ikke tom",
}
# Columns Datasette adds: the link to a row of a table without a single key.
GENERIC_COLUMNS = {"Link": "Række", "rowid": "Række"}
# The tables a row page names by one of its columns (its title, name or text).
NAMED_BY = {name: table.label for name, table in TABLES.items() if table.label}


def rows_da(count: int) -> str:
    """``1`` -> ``1 række``, ``1234`` -> ``1.234 rækker``."""
    return f"{number(count, 0)} {'række' if count == 1 else 'rækker'}"


def _tal(value: Any, decimals: int = 0) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value, decimals)
    return value


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    env.filters["tal"] = _tal
    env.filters["rows_da"] = rows_da


def column_labels(datasette: Any, database: str | None, table: str | None) -> dict[str, str]:
    """Danish column names: the part of each column's description before its colon."""
    if not database or not table:
        return {}
    columns = (datasette.table_metadata(database, table) or {}).get("columns") or {}
    labels = {}
    for name, description in columns.items():
        label = str(description).split(":", 1)[0].strip()
        if label and len(label) <= 40:
            labels[name] = label
    return labels


def describe(labels: dict[str, str], codes: dict[str, str], search: str | None,
             selections: list[tuple[str, str, str]], sort: str | None, sort_desc: str | None,
             extra_wheres: list | None = None) -> str:
    """What a table page shows, in Danish: ``hvor søgningen finder »dømte« og År = 2010, sorteret efter
    År``."""
    parts = [f"søgningen finder »{search}«"] if search else []
    for column, lookup, value in selections:
        shown = codes.get(value, value)
        words = f"{labels.get(column, column)} {LOOKUPS.get(lookup, lookup)}"
        no_value = lookup in {"isnull", "notnull", "isblank", "notblank"}
        parts.append(words if no_value else f"{words} »{shown}«")
    if extra_wheres:
        parts.append(f"{len(extra_wheres)} egne betingelser")
    text = ""
    if parts:
        text = "hvor " + (", ".join(parts[:-1]) + " og " + parts[-1] if len(parts) > 1 else parts[0])
    if sort or sort_desc:
        column = sort or sort_desc
        order = f"sorteret efter {labels.get(column, column)}" + (" (faldende)" if sort_desc else "")
        text = f"{text}, {order}" if text else order
    return text


async def _codes(datasette: Any, database: str) -> dict[str, str]:
    """Code -> Danish name (the ``labels`` table), for a database that has one."""
    db = datasette.get_database(database)
    if not await db.table_exists(LABELS):
        return {}
    return {row[0]: row[1] for row in await db.execute(f"select id, name from {LABELS}")}


async def _row_name(datasette: Any, database: str, table: str, request: Any) -> str | None:
    """What names the row of a row page: its title, name or text."""
    column = NAMED_BY.get(table)
    if not column or request is None or "pks" not in request.url_vars:
        return None
    keys = urlsafe_components(request.url_vars["pks"])
    if len(keys) != 1:
        return None
    row = (await datasette.get_database(database).execute(
        f"select [{column}] from [{table}] where id = ?", [keys[0]])).first()
    if row is None or not row[0]:
        return None
    name = " ".join(str(row[0]).split())
    return name if len(name) <= 120 else name[:120] + "…"


def _folded_columns(table: str | None, request: Any) -> frozenset[str] | None:
    """The columns a table page leaves out when the person chose none (``_col``, ``_nocol``): the searched
    texts outside the table's lead columns (an initiative's description, purpose, economy …), which make
    every row many lines high; each row's own page shows them."""
    spec = TABLES.get(table or "")
    if spec is None or request is None or {"_col", "_nocol"} & set(request.args):
        return None
    return frozenset(name for name in spec.searched() if name not in spec.lead) or None


def _all_columns_url(table: str | None, request: Any) -> str:
    """The page as it is, with every column (but the lemmas) chosen."""
    columns = [c for c in TABLES[table or ""].columns if not c.endswith("_lemmas")]
    return path_with_added_args(request, [("_col", c) for c in columns if c != "id"])


def _pdf(datasette: Any, database: str, sha256: str) -> Path | None:
    db = datasette.get_database(database)
    if not db.path:
        return None
    path = pdf_dir(Path(db.path)) / f"{sha256}.pdf"
    return path if path.is_file() else None


def _box(found: dict | None) -> tuple[float, float, float, float] | None:
    return (found["x0"], found["top"], found["x1"], found["bottom"]) if found else None


async def _initiative_story(datasette: Any, database: str, request: Any) -> dict | None:
    keys = urlsafe_components(request.url_vars["pks"])
    if len(keys) != 1:
        return None
    found = await datasette.get_database(database).execute_fn(lambda conn: story(conn, keys[0]))
    if found is None:
        return None
    initiative = found["initiative"]
    found["image_url"] = f"{EVIDENCE_ROUTE}/{tilde_encode(database)}/{tilde_encode(initiative['id'])}.png"
    pdf = _pdf(datasette, database, initiative["sha256"])
    found["evidence_text"] = None
    if pdf is not None and found["bbox"]:
        try:
            found["evidence_text"] = await asyncio.to_thread(text_in, pdf, initiative["page"],
                                                             _box(found["bbox"]))
        except Exception:  # a PDF pdfplumber cannot read again: the page shows everything else
            found["evidence_text"] = None
    return found


@hookimpl
def extra_template_vars(database: str | None, table: str | None, columns: list | None, view_name: str,
                        request: Any, datasette: Any) -> Any:
    async def inner() -> dict:
        labels = column_labels(datasette, database, table)
        codes = await _codes(datasette, database) if database else {}
        plugin = datasette.plugin_config("planarkiv", database=database) or {}
        parameters = plugin.get("parameters") or {}
        charts = plugin.get("charts") or {}

        def column_label(column: str, other_table: str | None = None) -> str:
            if other_table and other_table != table:
                return column_labels(datasette, database, other_table).get(column, column)
            return labels.get(column) or GENERIC_COLUMNS.get(column, column)

        def table_title(name: str, in_database: str | None = None) -> str:
            found = datasette.table_metadata(in_database or database, name) or {}
            return found.get("title") or name

        def describe_page(search: str | None, selections: list, sort: str | None, sort_desc: str | None,
                          extra_wheres: list | None = None) -> str:
            return describe(labels, codes, search, list(selections), sort, sort_desc, extra_wheres)

        folded = _folded_columns(table, request) if view_name == "table" else None

        def shown(column: str) -> bool:
            return not column.endswith("_lemmas") and column not in (folded or ())

        found = {
            "shown": shown,
            "all_columns_url": _all_columns_url(table, request) if folded else None,
            "column_label": column_label,
            "table_title": table_title,
            "lookup_label": lambda key, display: LOOKUPS.get(key, display),
            "renderer_label": lambda name: RENDERERS.get(name, name),
            "parameter_label": lambda name: parameters.get(name, name),
            "describe": describe_page,
        }
        # A canned query is answered by the table view (its name in the URL where a table's would be).
        chart = charts.get(request.url_vars.get("table")) if request is not None and columns else None
        if chart:
            found["chart"] = lambda rows, columns: bar_chart(
                [dict(zip(columns, row, strict=True)) for row in rows], chart["x_column"], chart["y_column"],
                chart.get("color_column"), chart.get("y_title"), chart.get("x_title"))
        if view_name == "row" and database and table:
            found["row_name"] = await _row_name(datasette, database, table, request)
            if table == "initiatives":
                found["initiative_story"] = await _initiative_story(datasette, database, request)
        return found

    return inner


async def evidence_image(datasette: Any, request: Any) -> Response:
    """The PDF page of an initiative with its rectangle highlighted (PNG)."""
    try:
        db = datasette.get_database(tilde_decode(request.url_vars["database"]))
    except KeyError:
        raise NotFound("Ukendt database") from None
    initiative_id = tilde_decode(request.url_vars["id"])

    def where(conn: Any) -> tuple | None:
        sql = ("select i.id, i.document_id, i.page, d.sha256 from initiatives as i "
               "join documents as d on d.id = i.document_id where i.id = ?")
        row = conn.execute(sql, [initiative_id]).fetchone()
        if row is None:
            return None
        return row[2], row[3], bbox(conn, {"id": row[0], "document_id": row[1]})

    found = await db.execute_fn(where)
    pdf = _pdf(datasette, db.name, found[1]) if found else None
    if found is None or pdf is None:
        raise NotFound("Ingen side at vise")
    image = await asyncio.to_thread(page_image, pdf, found[0], _box(found[2]))
    return Response(image, content_type="image/png", headers={"Cache-Control": "max-age=3600"})


@hookimpl
def register_routes() -> list:
    return [(rf"^{EVIDENCE_ROUTE}/(?P<database>[^/]+)/(?P<id>[^/]+)\.png$", evidence_image)]


def _excel_value(value: Any, code: bool, codes: dict[str, str]) -> Any:
    if isinstance(value, dict) and "value" in value:  # a key Datasette expanded (``_labels=on``)
        value = value.get("label") or value["value"]
    if isinstance(value, float):
        return number(value, 6).replace(".", "")  # a decimal comma, no thousands points
    if isinstance(value, str):
        if value.startswith("[") and value.endswith("]"):
            try:
                return ", ".join(str(item) for item in json.loads(value))
            except ValueError:
                return value
        return codes.get(value, value) if code else value
    return value


# The page limit at the end of a table page's statement (``datasette/views/table.py``).
PAGE_LIMIT = re.compile(r"\s+limit \d+\s*$")
BATCH = 1000  # rows read and written at a time


class ExportStopped(Exception):
    """The rows of an export could not be read to the end."""


class StreamedResponse(Response):
    """A response written while it is made (Datasette's ``AsgiStream``), as an output renderer must return
    a ``Response``."""

    def __init__(self, stream_fn: Any, headers: dict[str, str], content_type: str) -> None:
        super().__init__(headers=headers, content_type=content_type)
        self.stream_fn = stream_fn

    async def asgi_send(self, send: Any) -> None:
        await AsgiStream(self.stream_fn, self.status, self.headers, self.content_type).asgi_send(send)


async def all_rows_sql(db: Any, data: dict) -> tuple[str, dict] | None:
    """A table page's own statement in the order of its pages (``page_order``) without its page limit,
    and its parameters: every row of the table, filter or search, each once (None for a query, whose page
    holds every row it returns). One statement, not Datasette's pages one after the other."""
    query = data.get("query") or {}
    sql = query.get("sql")
    if not data.get("table") or not isinstance(sql, str) or not PAGE_LIMIT.search(sql):
        return None
    return PAGE_LIMIT.sub("", await key_order(db, sql)), dict(query.get("params") or {})


async def each_batch(db: Any, sql: str, params: dict, time_limit_ms: int, write: Any) -> None:
    """``await write(rows)`` for each ``BATCH`` of the rows of ``sql``, read on one of the database's
    connections while the batches before are written; each batch within Datasette's time limit."""
    loop = asyncio.get_running_loop()
    batches: asyncio.Queue = asyncio.Queue(maxsize=2)
    stop = threading.Event()

    def read(conn: Any) -> None:
        def put(item: Any) -> None:
            asyncio.run_coroutine_threadsafe(batches.put(item), loop).result()

        try:
            cursor = conn.cursor()
            with sqlite_timelimit(conn, time_limit_ms):
                cursor.execute(sql, params)
            while not stop.is_set():
                with sqlite_timelimit(conn, time_limit_ms):
                    rows = cursor.fetchmany(BATCH)
                put(rows)
                if not rows:
                    return
        except sqlite3.Error as e:
            put(ExportStopped("tidsgrænsen nået" if e.args == ("interrupted",) else str(e)))

    reader = asyncio.ensure_future(db.execute_fn(read))

    async def next_batch() -> Any:
        taken = asyncio.ensure_future(batches.get())
        await asyncio.wait({taken, reader}, return_when=asyncio.FIRST_COMPLETED)
        if taken.done():
            return taken.result()
        taken.cancel()  # the reader ended without its last batch: it never ran, or failed
        return ExportStopped(str(reader.exception() or "ingen rækker"))

    try:
        while (rows := await next_batch()):
            if isinstance(rows, ExportStopped):
                raise rows
            await write(rows)
    finally:
        stop.set()
        while not reader.done():  # a reader waiting to put a batch nobody writes: take it
            with contextlib.suppress(asyncio.QueueEmpty):
                batches.get_nowait()
            await asyncio.sleep(0.01)


async def excel_csv(datasette: Any, columns: list[str], rows: list, database: str, table: str | None,
                    request: Any, data: dict) -> Response:
    """All the rows as CSV for a Danish Excel: UTF-8 with BOM (Excel reads the encoding from it), ``;``
    between fields (the comma is the decimal sign), decimal commas, Danish headers, codes as names.

    Of a table page, every row of its table, filter or search (``all_rows_sql``, from its first row
    whichever page it was asked from), written while it is read, as Datasette's CSV with ``_stream=on``."""
    if table and "_next" in request.args:
        return Response.redirect(path_with_removed_args(request, {"_next": request.args["_next"]}))
    labels = column_labels(datasette, database, table)
    codes = await _codes(datasette, database)
    shown = [i for i, column in enumerate(columns) if not column.endswith("_lemmas")]
    coded = [FOREIGN_KEYS.get((table, columns[i])) == LABELS for i in shown]
    db = datasette.get_database(database)
    every = await all_rows_sql(db, data)

    async def stream(send: Any) -> None:
        out = LimitedWriter(send, datasette.setting("max_csv_mb"))
        text = io.StringIO()
        writer = csv.writer(text, delimiter=";", lineterminator="\r\n")

        async def write(batch: list) -> None:
            for row in batch:
                writer.writerow([_excel_value(row[i], code, codes)
                                 for i, code in zip(shown, coded, strict=True)])
            await out.write(text.getvalue())
            text.seek(0)
            text.truncate()

        try:
            await out.write("\ufeff")
            writer.writerow([labels.get(columns[i], columns[i]) for i in shown])
            if every is None:
                await write(rows)
            else:
                await each_batch(db, *every,
                                 datasette.setting("sql_time_limit_ms"), write)
        except (WriteLimitExceeded, ExportStopped) as e:
            await send.write(f"Eksporten stoppede her: {e}\r\n")

    name = table or request.url_vars.get("table") or database
    return StreamedResponse(stream, {"Content-Disposition": f'attachment; filename="{name}.csv"'},
                            "text/csv; charset=utf-8")


@hookimpl
def register_output_renderer() -> dict:
    return {"extension": EXCEL, "render": excel_csv}
