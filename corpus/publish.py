"""Publishing records to SQLite with sqlite-utils: the one place that writes the database.

The public tables are those of the domain guide; more columns are added for browsing in Datasette:
the document's ``kind`` and ``year`` on initiatives and amounts, the offices, target groups and funding
of an initiative as JSON arrays (Datasette facets them), a ``source`` link to the PDF at the record's
page, and lemma columns beside the text for the Danish full-text search (``corpus/search.py``).

Publishing is atomic: the new database is written beside the old one and swapped in with one rename,
so readers see the old or the new, never half; temporary files left by a killed run are removed by the
next publish. The PDFs are copied beside the database first (``corpus/store.py``), so every ``source``
link of the new database resolves. ``publish_lock`` serialises publishers of one database, so two
concurrent ingests do not lose each other's documents.

A publish adds (or replaces) the documents given; the tables that depend on every document at once
(``relations`` from the graph, ``changes`` between versions) are rewritten whole, and each document's
full extraction is kept in ``extractions`` (``corpus/registry.py``) for the next publish to rebuild them.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx
import sqlite_utils

from planarkiv.schema import Change, Extraction, OfficeRole, RelationType

from .labels import label_rows
from .registry import TABLE as EXTRACTIONS
from .registry import Rejection
from .search import FTS_COLUMNS, INITIATIVE_TEXT_FIELDS, lemmatize, lemmatize_all
from .store import MOUNT, remove_stale_temp_files, store_pdfs

SCHEMA: dict[str, dict] = {
    "documents": {
        "columns": {"id": str, "kind": str, "title": str, "year": int, "period_start": int,
                    "period_end": int, "series": str, "version": int, "date": str, "author": str,
                    "source_file": str, "sha256": str, "pages": int, "ocr_pages": str, "source": str,
                    "title_lemmas": str, "text_lemmas": str},
        "pk": "id", "foreign_keys": [("kind", "labels", "id")],
    },
    "pages": {
        "columns": {"id": str, "document_id": str, "page": int, "text": str, "source": str,
                    "text_lemmas": str},
        "pk": "id", "foreign_keys": [("document_id", "documents", "id")],
    },
    "goals": {
        "columns": {"id": str, "document_id": str, "kind": str, "number": str, "text": str,
                    "target_group": str, "year": int, "status": str, "section": str,
                    "initiative_id": str, "source": str, "page": int, "text_lemmas": str},
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id"), ("initiative_id", "initiatives", "id"),
                         ("kind", "labels", "id")],
    },
    "initiatives": {
        "columns": {"id": str, "title": str, "year": int, "kind": str, "document_id": str, "number": str,
                    "status": str, "assessment": str, "offices": str, "target_groups": str,
                    "funding": str, "source": str, "page": int, "section": str, "theme_id": str,
                    "assessment_text": str, "origin": str, "card_number": int, "description": str,
                    "purpose": str, "target_description": str, "solution": str, "course": str,
                    "results": str, "economy": str, "title_lemmas": str, "text_lemmas": str},
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id"), ("theme_id", "goals", "id"),
                         ("kind", "labels", "id"), ("status", "labels", "id"),
                         ("assessment", "labels", "id")],
    },
    "amounts": {
        "columns": {"id": str, "document_id": str, "initiative_id": str, "value_dkk": int,
                    "value_dkk_max": int, "text": str, "year_from": int, "year_to": int,
                    "per_year": int, "funding": str, "role": str, "unit_price": int, "part_of": str,
                    "price_level": int, "sentence": str, "section": str, "kind": str, "source": str,
                    "page": int},
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id"), ("initiative_id", "initiatives", "id"),
                         ("part_of", "amounts", "id"), ("kind", "labels", "id"), ("role", "labels", "id")],
    },
    "offices": {"columns": {"id": str, "name": str, "abbreviation": str, "kind": str, "municipality": str},
                "pk": "id", "foreign_keys": [("kind", "labels", "id")]},
    "document_offices": {
        "columns": {"document_id": str, "office_id": str, "role": str, "page": int, "evidence": str},
        "pk": ("document_id", "office_id"),
        "foreign_keys": [("document_id", "documents", "id"), ("office_id", "offices", "id"),
                         ("role", "labels", "id")],
    },
    "document_target_groups": {
        "columns": {"document_id": str, "target_group_id": str, "page": int, "evidence": str},
        "pk": ("document_id", "target_group_id"),
        "foreign_keys": [("document_id", "documents", "id"), ("target_group_id", "target_groups", "id")],
    },
    "sections": {
        "columns": {"id": str, "document_id": str, "number": str, "title": str, "page": int, "source": str},
        "pk": "id", "foreign_keys": [("document_id", "documents", "id")],
    },
    "initiative_offices": {
        "columns": {"initiative_id": str, "office_id": str, "role": str},
        "pk": ("initiative_id", "office_id", "role"),
        "foreign_keys": [("initiative_id", "initiatives", "id"), ("office_id", "offices", "id"),
                         ("role", "labels", "id")],
    },
    "target_groups": {"columns": {"id": str, "name": str}, "pk": "id"},
    "relations": {
        "columns": {"source_id": str, "target_id": str, "type": str, "score": float, "evidence": str,
                    "page": int},
        "pk": ("source_id", "target_id", "type"), "foreign_keys": [("type", "labels", "id")],
    },
    "changes": {
        "columns": {"id": str, "series": str, "old_document_id": str, "new_document_id": str, "record": str,
                    "change": str, "field": str, "old_id": str, "new_id": str, "old_value": str,
                    "new_value": str, "score": float},
        "pk": "id",
        "foreign_keys": [("old_document_id", "documents", "id"), ("new_document_id", "documents", "id"),
                         ("record", "labels", "id"), ("change", "labels", "id"), ("field", "labels", "id")],
    },
    "ingest_errors": {
        "columns": {"file": str, "sha256": str, "reason": str, "permanent": int, "time": str},
        "pk": ("file", "time"),
    },
    EXTRACTIONS: {
        "columns": {"document_id": str, "sha256": str, "json": str},
        "pk": "document_id", "foreign_keys": [("document_id", "documents", "id")],
    },
    "labels": {"columns": {"id": str, "name": str, "kind": str}, "pk": "id"},
}
# The columns people filter and facet by.
INDEXES = {
    "documents": [["kind"], ["year"], ["series"]],
    "pages": [["document_id"]],
    "goals": [["document_id"], ["kind"], ["year"], ["initiative_id"]],
    "initiatives": [["document_id"], ["kind"], ["year"], ["status"], ["assessment"], ["theme_id"]],
    "amounts": [["document_id"], ["initiative_id"], ["funding"], ["year_from"], ["kind"], ["role"]],
    "initiative_offices": [["office_id"], ["role"]],
    "document_offices": [["office_id"], ["role"]],
    "document_target_groups": [["target_group_id"]],
    "sections": [["document_id"]],
    "relations": [["type"], ["target_id"]],
    "changes": [["series"], ["old_document_id"], ["new_document_id"], ["record"], ["change"], ["field"]],
    "ingest_errors": [["sha256"]],
    EXTRACTIONS: [["sha256"]],
}

_PDF = f"'/{MOUNT}/' || d.sha256 || '.pdf'"
# Columns derived from other tables, recomputed over the whole database on every publish.
DERIVED_SQL = (
    f"UPDATE documents AS d SET source = {_PDF}",
    # A document's version: its place in its series, ordered by year (the document id breaks a tie).
    """UPDATE documents SET version = (
        SELECT count(*) FROM documents AS o WHERE o.series = documents.series
        AND (coalesce(o.year, 0), o.id) <= (coalesce(documents.year, 0), documents.id))
        WHERE series IS NOT NULL""",
    f"""UPDATE pages SET source = {_PDF} || '#page=' || pages.page
        FROM documents AS d WHERE d.id = pages.document_id""",
    f"""UPDATE goals SET source = {_PDF} || '#page=' || goals.page
        FROM documents AS d WHERE d.id = goals.document_id""",
    f"""UPDATE sections SET source = {_PDF} || '#page=' || sections.page
        FROM documents AS d WHERE d.id = sections.document_id""",
    f"""UPDATE amounts SET kind = d.kind, source = {_PDF} || '#page=' || amounts.page
        FROM documents AS d WHERE d.id = amounts.document_id""",
    f"""UPDATE initiatives SET kind = d.kind, year = d.year,
        source = {_PDF} || '#page=' || initiatives.page
        FROM documents AS d WHERE d.id = initiatives.document_id""",
    """UPDATE initiatives SET
        offices = (SELECT nullif(json_group_array(name), '[]') FROM (
            SELECT DISTINCT o.name FROM initiative_offices AS io JOIN offices AS o ON o.id = io.office_id
            WHERE io.initiative_id = initiatives.id ORDER BY o.name)),
        target_groups = (SELECT nullif(json_group_array(name), '[]') FROM (
            SELECT DISTINCT t.name FROM relations AS r JOIN target_groups AS t ON t.id = r.target_id
            WHERE r.source_id = initiatives.id AND r.type = 'targets' ORDER BY t.name)),
        funding = (SELECT nullif(json_group_array(funding), '[]') FROM (
            SELECT DISTINCT a.funding FROM amounts AS a
            WHERE a.initiative_id = initiatives.id AND a.funding IS NOT NULL ORDER BY a.funding))""",
)

# Money per year: an amount "per year" counts in each year of its period (at most 15 years), any other
# amount once, in its first year (else the document's year). Unit prices and amounts that are part of
# another amount ("heraf") are left out, so nothing is counted twice.
VIEWS = {
    "amount_years": """
WITH RECURSIVE span(amount_id, year, last) AS (
    SELECT a.id, coalesce(a.year_from, d.year),
        CASE WHEN a.per_year AND a.year_to IS NOT NULL
             THEN min(a.year_to, coalesce(a.year_from, d.year) + 14)
             ELSE coalesce(a.year_from, d.year) END
    FROM amounts AS a JOIN documents AS d ON d.id = a.document_id
    WHERE NOT a.unit_price AND a.part_of IS NULL AND coalesce(a.year_from, d.year) IS NOT NULL
    UNION ALL
    SELECT amount_id, year + 1, last FROM span WHERE year < last
)
SELECT span.year AS year, a.value_dkk AS value_dkk, a.funding AS funding, a.role AS role, a.kind AS kind,
    a.document_id AS document_id, a.initiative_id AS initiative_id, a.id AS amount_id, a.text AS text,
    a.source AS source
FROM span JOIN amounts AS a ON a.id = span.amount_id
""",
}


def _create(db: sqlite_utils.Database) -> None:
    for name, spec in SCHEMA.items():
        table = db[name]
        if not table.exists():
            table.create(spec["columns"], pk=spec["pk"])
        else:
            missing = {c: t for c, t in spec["columns"].items() if c not in table.columns_dict}
            for column, column_type in missing.items():
                table.add_column(column, column_type)
    wanted = [(name, column, other, other_column) for name, spec in SCHEMA.items()
              for column, other, other_column in spec.get("foreign_keys", [])]
    existing = {(fk.table, fk.column, fk.other_table, fk.other_column)
                for name in SCHEMA for fk in db[name].foreign_keys}
    missing_fks = [fk for fk in wanted if fk not in existing]
    if missing_fks:
        db.add_foreign_keys(missing_fks)
    for name, indexes in INDEXES.items():
        for columns in indexes:
            db[name].create_index(columns, if_not_exists=True)


def _flatten(row: dict, document_id: str) -> dict:
    provenance = row.pop("provenance")
    row["document_id"] = document_id
    row["page"] = provenance["page"]
    return row


def _initiative_row(row: dict, document_id: str) -> dict:
    row = _flatten(row, document_id)
    row["title_lemmas"] = lemmatize(row["title"])
    row["text_lemmas"] = lemmatize_all(row.get(field) for field in INITIATIVE_TEXT_FIELDS)
    return row


def _goal_row(row: dict, document_id: str) -> dict:
    row = _flatten(row, document_id)
    row["text_lemmas"] = lemmatize_all([row["text"], row.get("target_group"), row.get("status")])
    return row


def _rows(extraction: Extraction) -> dict[str, list[dict]]:
    doc = extraction.document
    rows: dict[str, list[dict]] = {name: [] for name in SCHEMA}
    pages = [
        {"id": f"{doc.id}:p{n}", "document_id": doc.id, "page": n, "text": text,
         "text_lemmas": lemmatize(text)}
        for n, text in enumerate(extraction.pages_text, start=1)
    ]
    document = doc.model_dump(mode="json")
    document["title_lemmas"] = lemmatize(doc.title)
    document["text_lemmas"] = " ".join(p["text_lemmas"] for p in pages if p["text_lemmas"]) or None
    rows["documents"].append(document)
    rows[EXTRACTIONS] = [{"document_id": doc.id, "sha256": doc.sha256, "json": extraction.model_dump_json()}]
    rows["pages"] = pages
    rows["goals"] = [_goal_row(g.model_dump(mode="json"), doc.id) for g in extraction.goals]
    rows["initiatives"] = [_initiative_row(i.model_dump(mode="json"), doc.id) for i in extraction.initiatives]
    rows["amounts"] = [_flatten(a.model_dump(mode="json"), doc.id) for a in extraction.amounts]
    rows["offices"] = [o.model_dump(mode="json") for o in extraction.offices]
    rows["target_groups"] = [t.model_dump(mode="json") for t in extraction.target_groups]
    initiatives = {i.id for i in extraction.initiatives}
    roles = {role.value for role in OfficeRole}
    rows["initiative_offices"] = [
        {"initiative_id": r.source_id, "office_id": r.target_id, "role": r.type.value}
        for r in extraction.relations if r.type.value in roles and r.source_id in initiatives
    ]
    rows["document_offices"] = _document_links(extraction, roles, "office_id")
    rows["document_target_groups"] = _document_links(extraction, {RelationType.TARGETS.value},
                                                      "target_group_id")
    rows["sections"] = [_flatten(section.model_dump(mode="json"), doc.id) for section in extraction.sections]
    return rows


def _document_links(extraction: Extraction, types: set[str], column: str) -> list[dict]:
    """What a document names, whether the document itself or one of its initiatives names it: one row
    per office (or target group), a responsibility before a mention, with the first evidence."""
    owners = {extraction.document.id, *(i.id for i in extraction.initiatives)}
    links: dict[str, dict] = {}
    for r in extraction.relations:
        if r.type.value not in types or r.source_id not in owners:
            continue
        row = links.setdefault(r.target_id, {"document_id": extraction.document.id, column: r.target_id,
                                             "page": r.page, "evidence": r.evidence})
        if column == "office_id" and row.get("role") != OfficeRole.RESPONSIBLE.value:
            row["role"] = r.type.value
    return list(links.values())


def _relation_rows(graph: nx.MultiDiGraph) -> list[dict]:
    return [
        {"source_id": u, "target_id": v, "type": RelationType(key).value, "score": data.get("score"),
         "evidence": data.get("evidence"), "page": data.get("page")}
        for u, v, key, data in graph.edges(keys=True, data=True)
    ]


def _remove_document(db: sqlite_utils.Database, doc_id: str) -> None:
    """Remove a document's records before its new ones are written (a re-ingest replaces, never adds)."""
    db["initiative_offices"].delete_where(
        "initiative_id IN (SELECT id FROM initiatives WHERE document_id = ?)", [doc_id])
    for table in ("pages", "goals", "initiatives", "amounts", "sections", "document_offices",
                  "document_target_groups"):
        db[table].delete_where("document_id = ?", [doc_id])


def _search_and_views(db: sqlite_utils.Database) -> None:
    """FTS5 indexes (through sqlite-utils) over text and lemmas, rebuilt from the tables; the views."""
    for table, columns in FTS_COLUMNS.items():
        db[table].enable_fts(list(columns), fts_version="FTS5", replace=True)
        db[table].rebuild_fts()
    for name, sql in VIEWS.items():
        db.create_view(name, sql.strip(), replace=True)


def _sync(path: Path) -> None:
    """Write the file's data through to the disk (``fsync``)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def publish_lock(db_path: Path) -> Iterator[None]:
    """Hold the database's lock (``.<name>.lock`` beside it; ``fcntl.flock``, freed when the process dies).

    Take it around reading what the database holds, rebuilding what depends on it and ``publish``, so a
    second ingest waits and then builds on the first one's documents instead of overwriting them.
    """
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with db_path.with_name(f".{db_path.name}.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def publish(
    db_path: Path,
    extractions: Iterable[Extraction],
    graph: nx.MultiDiGraph,
    *,
    changes: Iterable[Change] = (),
    errors: Iterable[Rejection] = (),
    sources: Mapping[str, Path] | None = None,
) -> None:
    """Add the extractions to ``db_path``; rewrite its relations (from ``graph``) and changes; atomically.

    ``graph`` and ``changes`` cover every document of the database, old and new. ``errors`` are appended
    to ``ingest_errors``. ``sources`` maps a document's SHA-256 to the PDF it was extracted from; those PDFs
    are copied into the database's PDF folder (``corpus.store.pdf_dir``) so Datasette can serve them.
    """
    db_path = Path(db_path)
    extractions = list(extractions)
    remove_stale_temp_files(db_path.parent, f".{db_path.name}.")
    if sources:
        store_pdfs(db_path, sources)
    tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    if db_path.exists():
        shutil.copyfile(db_path, tmp)
    try:
        db = sqlite_utils.Database(tmp)
        # The copy is private until it is renamed into place: its rollback journal stays in memory and no
        # transaction waits for the disk; the whole file is synced once, before the rename.
        db.execute("PRAGMA journal_mode = MEMORY")
        db.execute("PRAGMA synchronous = OFF")
        _create(db)
        with db.conn:
            for extraction in extractions:
                _remove_document(db, extraction.document.id)
                for table, rows in _rows(extraction).items():
                    if rows:
                        db[table].upsert_all(rows, pk=SCHEMA[table]["pk"], alter=True)
            db["relations"].delete_where()
            db["relations"].insert_all(_relation_rows(graph), pk=SCHEMA["relations"]["pk"])
            db["changes"].delete_where()
            db["changes"].insert_all((c.model_dump(mode="json") for c in changes), pk="id", alter=True)
            now = datetime.now(UTC).isoformat(timespec="seconds")
            db["ingest_errors"].insert_all([asdict(e) | {"time": now} for e in errors],
                                           pk=SCHEMA["ingest_errors"]["pk"], replace=True)
            db["labels"].upsert_all(label_rows(), pk="id")
            for sql in DERIVED_SQL:
                db.execute(sql)
        _search_and_views(db)
        db.close()
        _sync(tmp)
        os.replace(tmp, db_path)
    finally:
        tmp.unlink(missing_ok=True)
