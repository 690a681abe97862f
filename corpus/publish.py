"""Publishing records to SQLite with sqlite-utils.

The public tables are those of the domain guide. Publishing is atomic: the new database is written
beside the old one and swapped in with one rename, so readers see the old or the new, never half.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx
import sqlite_utils
from planarkiv.schema import Extraction, OfficeRole, RelationType

SCHEMA: dict[str, dict] = {
    "documents": {
        "columns": {"id": str, "kind": str, "title": str, "year": int, "period_start": int,
                    "period_end": int, "source_file": str, "sha256": str, "pages": int},
        "pk": "id",
    },
    "pages": {
        "columns": {"id": str, "document_id": str, "page": int, "text": str},
        "pk": "id", "foreign_keys": [("document_id", "documents", "id")],
    },
    "goals": {
        "columns": {"id": str, "document_id": str, "kind": str, "number": str, "text": str,
                    "target_group": str, "year": int, "status": str, "section": str,
                    "initiative_id": str, "page": int},
        "pk": "id", "foreign_keys": [("document_id", "documents", "id")],
    },
    "initiatives": {
        "columns": {"id": str, "document_id": str, "number": str, "title": str, "section": str,
                    "theme_id": str, "status": str, "assessment": str, "assessment_text": str,
                    "origin": str, "card_number": int, "description": str, "purpose": str,
                    "target_description": str, "solution": str, "course": str, "results": str,
                    "economy": str, "page": int},
        "pk": "id", "foreign_keys": [("document_id", "documents", "id")],
    },
    "amounts": {
        "columns": {"id": str, "document_id": str, "initiative_id": str, "value_dkk": int,
                    "value_dkk_max": int, "text": str, "year_from": int, "year_to": int,
                    "per_year": int, "funding": str, "role": str, "unit_price": int, "part_of": str,
                    "price_level": int, "page": int},
        "pk": "id", "foreign_keys": [("document_id", "documents", "id")],
    },
    "offices": {"columns": {"id": str, "name": str, "abbreviation": str, "kind": str}, "pk": "id"},
    "initiative_offices": {
        "columns": {"initiative_id": str, "office_id": str, "role": str},
        "pk": ("initiative_id", "office_id", "role"),
        "foreign_keys": [("initiative_id", "initiatives", "id"), ("office_id", "offices", "id")],
    },
    "target_groups": {"columns": {"id": str, "name": str}, "pk": "id"},
    "relations": {
        "columns": {"source_id": str, "target_id": str, "type": str, "score": float, "evidence": str,
                    "page": int},
        "pk": ("source_id", "target_id", "type"),
    },
    "ingest_errors": {
        "columns": {"file": str, "reason": str, "time": str},
        "pk": ("file", "time"),
    },
}
INDEXES = {
    "documents": [["kind"], ["year"]],
    "goals": [["document_id"], ["kind"], ["year"]],
    "initiatives": [["document_id"], ["status"], ["assessment"]],
    "amounts": [["document_id"], ["initiative_id"], ["funding"], ["year_from"]],
    "initiative_offices": [["office_id"]],
    "relations": [["type"], ["target_id"]],
}


def _create(db: sqlite_utils.Database) -> None:
    for name, spec in SCHEMA.items():
        if not db[name].exists():
            db[name].create(spec["columns"], pk=spec["pk"], foreign_keys=spec.get("foreign_keys"))
    for name, indexes in INDEXES.items():
        for columns in indexes:
            db[name].create_index(columns, if_not_exists=True)


def _rows(extraction: Extraction) -> dict[str, list[dict]]:
    doc = extraction.document
    rows: dict[str, list[dict]] = {name: [] for name in SCHEMA}
    rows["documents"].append(doc.model_dump(mode="json"))
    rows["pages"] = [
        {"id": f"{doc.id}:p{n}", "document_id": doc.id, "page": n, "text": text}
        for n, text in enumerate(extraction.pages_text, start=1)
    ]
    for record, table in ((g, "goals") for g in extraction.goals):
        rows[table].append(_flatten(record.model_dump(mode="json"), doc.id))
    for record in extraction.initiatives:
        rows["initiatives"].append(_flatten(record.model_dump(mode="json"), doc.id))
    for record in extraction.amounts:
        rows["amounts"].append(_flatten(record.model_dump(mode="json"), doc.id))
    rows["offices"] = [o.model_dump(mode="json") for o in extraction.offices]
    rows["target_groups"] = [t.model_dump(mode="json") for t in extraction.target_groups]
    rows["initiative_offices"] = [
        {"initiative_id": r.source_id, "office_id": r.target_id, "role": r.type.value}
        for r in extraction.relations
        if r.type.value in {role.value for role in OfficeRole}
    ]
    return rows


def _flatten(row: dict, document_id: str) -> dict:
    provenance = row.pop("provenance")
    row["document_id"] = document_id
    row["page"] = provenance["page"]
    return row


def _relation_rows(graph: nx.MultiDiGraph) -> list[dict]:
    return [
        {"source_id": u, "target_id": v, "type": RelationType(key).value, "score": data.get("score"),
         "evidence": data.get("evidence"), "page": data.get("page")}
        for u, v, key, data in graph.edges(keys=True, data=True)
    ]


def publish(
    db_path: Path,
    extractions: Iterable[Extraction],
    graph: nx.MultiDiGraph,
    errors: Iterable[tuple[str, str]] = (),
) -> None:
    """Add the extractions, the graph's relations and the ingest errors to ``db_path``, atomically."""
    db_path = Path(db_path)
    tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    if db_path.exists():
        shutil.copyfile(db_path, tmp)
    try:
        db = sqlite_utils.Database(tmp)
        _create(db)
        with db.conn:
            for extraction in extractions:
                doc_id = extraction.document.id
                for table in ("pages", "goals", "initiatives", "amounts"):
                    db[table].delete_where("document_id = ?", [doc_id])
                for table, rows in _rows(extraction).items():
                    if rows:
                        db[table].upsert_all(rows, pk=SCHEMA[table]["pk"])
            db["relations"].upsert_all(_relation_rows(graph), pk=SCHEMA["relations"]["pk"])
            now = datetime.now(UTC).isoformat(timespec="seconds")
            db["ingest_errors"].insert_all(
                [{"file": f, "reason": r, "time": now} for f, r in errors], pk=("file", "time"), replace=True
            )
        db.close()
        os.replace(tmp, db_path)
    finally:
        tmp.unlink(missing_ok=True)
