"""Publishing records to SQLite with sqlite-utils: the one place that writes the database.

The tables, their columns, keys, indexes and full-text columns are generated from the records
(``corpus/tables.py``). The public tables are those of the domain guide; more columns are added for
browsing in Datasette:
the document's ``kind`` and ``year`` on initiatives and amounts, the offices, target groups and funding
of an initiative as JSON arrays (Datasette facets them), a ``source`` link to the PDF at the record's
page, and lemma columns beside the text for the Danish full-text search (``corpus/search.py``).

Publishing is atomic: the new database is written beside the old one and swapped in with one rename,
so readers see the old or the new, never half; temporary files left by a killed run are removed by the
next publish. A publish that fails (a full disk, a folder that cannot be written) raises ``PublishError``,
one line naming the cause and the database, after removing what it wrote: its temporary database, its
temporary PDF and the PDFs it copied for documents that are now not published. The PDFs are copied
beside the database first (``corpus/store.py``), so every ``source``
link of the new database resolves. ``publish_lock`` serialises publishers of one database, so two
concurrent ingests do not lose each other's documents.

A publish adds (or replaces) the documents given; the tables that depend on every document at once
(``relations``, the ``changes`` between versions, the ``link_candidates`` for review) are rewritten whole
from the records given, and each document's full extraction is kept in ``extractions``
(``corpus/registry.py``) for the next publish to rebuild them. The ``decisions`` people made are never
rewritten: they come along in the copy and are applied again (``corpus/decisions.py``); a new decision
(``decide``) is written the same way, into a copy renamed into place. An office's edge to an initiative
is written once, as a relation; ``initiative_offices`` is derived from ``relations`` in SQL, as the
columns that depend on other tables are.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from sqlite3 import SQLITE_FULL, DatabaseError
from typing import TypeVar

import sqlite_utils
from pydantic import BaseModel

from planarkiv.extract.errors import file_hex
from planarkiv.schema import (
    Change,
    Decision,
    DecisionAction,
    Extraction,
    LinkCandidate,
    OfficeRole,
    Relation,
    RelationType,
    version_key,
)

from .decisions import CANDIDATES, apply_decisions, check
from .decisions import TABLE as DECISIONS
from .registry import TABLE as EXTRACTIONS
from .registry import PublishError, Rejection
from .search import lemmatize, lemmatize_all
from .store import MOUNT, remove_stale_temp_files, store_pdfs
from .tables import FTS_COLUMNS, TABLES, label_rows

T = TypeVar("T")
_PDF = f"'/{MOUNT}/' || d.sha256 || '.pdf'"
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


# Columns derived from other tables, recomputed over the whole database on every publish.
DERIVED_SQL = (
    f"UPDATE documents AS d SET source = {_PDF}",
    f"""UPDATE pages SET source = {_PDF} || '#page=' || pages.page
        FROM documents AS d WHERE d.id = pages.document_id""",
    f"""UPDATE goals SET source = {_PDF} || '#page=' || goals.page
        FROM documents AS d WHERE d.id = goals.document_id""",
    f"""UPDATE sections SET source = {_PDF} || '#page=' || sections.page
        FROM documents AS d WHERE d.id = sections.document_id""",
    f"""UPDATE amounts SET kind = d.kind, source = {_PDF} || '#page=' || amounts.page
        FROM documents AS d WHERE d.id = amounts.document_id""",
    "DELETE FROM initiative_offices",
    f"""INSERT INTO initiative_offices (initiative_id, office_id, role)
        SELECT r.source_id, r.target_id, r.type FROM relations AS r
        WHERE r.type IN ({", ".join(repr(role.value) for role in OfficeRole)})
        AND r.source_id IN (SELECT id FROM initiatives) ORDER BY r.rowid""",
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
    "UPDATE initiatives SET total_dkk = NULL",
    # Summed from the rows of the view of money per year (VIEWS), so the two always agree.
    f"""UPDATE initiatives SET total_dkk = t.dkk FROM (
        SELECT initiative_id, sum(value_dkk) AS dkk FROM ({VIEWS["amount_years"]})
        WHERE initiative_id IS NOT NULL GROUP BY initiative_id) AS t
        WHERE t.initiative_id = initiatives.id""",
)

def _create(db: sqlite_utils.Database) -> None:
    for name, spec in TABLES.items():
        table = db[name]
        if not table.exists():
            table.create(spec.sql_columns(), pk=spec.pk)
        else:
            missing = {c: t for c, t in spec.sql_columns().items() if c not in table.columns_dict}
            for column, column_type in missing.items():
                table.add_column(column, column_type)
    wanted = [(name, column, other, other_column) for name, spec in TABLES.items()
              for column, other, other_column in spec.foreign_keys()]
    existing = {(fk.table, fk.column, fk.other_table, fk.other_column)
                for name in TABLES for fk in db[name].foreign_keys}
    missing_fks = [fk for fk in wanted if fk not in existing]
    if missing_fks:
        db.add_foreign_keys(missing_fks)
    for name, spec in TABLES.items():
        for columns in spec.indexes():
            db[name].create_index(columns, if_not_exists=True)


def _lemmas(table: str, row: dict) -> dict:
    """The row with its lemma columns: the title's and those of the other searched text."""
    spec = TABLES[table]
    if "title_lemmas" in spec.columns:
        row["title_lemmas"] = lemmatize(row[spec.label])
    if spec.lemmatised():
        row["text_lemmas"] = lemmatize_all(row.get(name) for name in spec.lemmatised())
    return row


def _in_document(table: str, record: BaseModel, document_id: str) -> dict:
    return _lemmas(table, TABLES[table].row(record) | {"document_id": document_id})


def _rows(extraction: Extraction) -> dict[str, list[dict]]:
    doc = extraction.document
    rows: dict[str, list[dict]] = {}
    rows["pages"] = [
        _lemmas("pages", {"id": f"{doc.id}:p{n}", "document_id": doc.id, "page": n, "text": text})
        for n, text in enumerate(extraction.pages_text, start=1)
    ]
    document = _lemmas("documents", TABLES["documents"].row(doc))
    document["text_lemmas"] = " ".join(p["text_lemmas"] for p in rows["pages"] if p["text_lemmas"]) or None
    rows["documents"] = [document]
    rows[EXTRACTIONS] = [{"document_id": doc.id, "sha256": doc.sha256, "json": extraction.model_dump_json()}]
    rows["goals"] = [_in_document("goals", g, doc.id) for g in extraction.goals]
    rows["initiatives"] = [_in_document("initiatives", i, doc.id) for i in extraction.initiatives]
    rows["amounts"] = [_in_document("amounts", a, doc.id) for a in extraction.amounts]
    rows["sections"] = [_in_document("sections", s, doc.id) for s in extraction.sections]
    rows["offices"] = [TABLES["offices"].row(o) for o in extraction.offices]
    rows["target_groups"] = [TABLES["target_groups"].row(t) for t in extraction.target_groups]
    roles = {role.value for role in OfficeRole}
    rows["document_offices"] = _document_links(extraction, roles, "office_id")
    rows["document_target_groups"] = _document_links(extraction, {RelationType.TARGETS.value},
                                                      "target_group_id")
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


def _relation_rows(relations: Iterable[Relation]) -> list[dict]:
    """One row per (source, target, type); of a relation given twice, the later."""
    rows = {(r.source_id, r.target_id, r.type): TABLES["relations"].row(r) for r in relations}
    return list(rows.values())


def _versions(db: sqlite_utils.Database) -> None:
    """Each document's ``version``: its place in its series in ``version_key`` order (1 = the first)."""
    series: dict[str, list[dict]] = {}
    for row in db.query("SELECT id, year, series FROM documents WHERE series IS NOT NULL"):
        series.setdefault(row["series"], []).append(row)
    for versions in series.values():
        ordered = sorted(versions, key=lambda row: version_key(row["year"], row["id"]))
        db.conn.executemany("UPDATE documents SET version = ? WHERE id = ?",
                       [(n, row["id"]) for n, row in enumerate(ordered, start=1)])


def _remove_document(db: sqlite_utils.Database, doc_id: str) -> None:
    """Remove a document's records before its new ones are written (a re-ingest replaces, never adds)."""
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


def _cause(exc: Exception) -> str:
    """The cause of a failed write as people say it: ``no space left on device``."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[:1].lower() + exc.strerror[1:]
    if isinstance(exc, DatabaseError) and getattr(exc, "sqlite_errorcode", None) == SQLITE_FULL:
        return os.strerror(errno.ENOSPC)[:1].lower() + os.strerror(errno.ENOSPC)[1:]
    return " ".join(str(exc).split()) or type(exc).__name__


def _in_copy(db_path: Path, write: Callable[[Path], T]) -> T:
    """``write`` a copy of ``db_path`` (or a new file) beside it, then rename the copy into place; temporary
    files of killed runs are removed first, this run's always."""
    remove_stale_temp_files(db_path.parent, f".{db_path.name}.")
    tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    try:
        if db_path.exists():
            shutil.copyfile(db_path, tmp)
        result = write(tmp)
        os.replace(tmp, db_path)
        return result
    finally:
        tmp.unlink(missing_ok=True)


def publish(
    db_path: Path,
    extractions: Iterable[Extraction],
    relations: Iterable[Relation] = (),
    changes: Iterable[Change] = (),
    *,
    errors: Iterable[Rejection] = (),
    sources: Mapping[str, Path] | None = None,
    damage: Mapping[str, str] | None = None,
    candidates: Iterable[LinkCandidate] = (),
) -> list[Decision]:
    """Add the extractions to ``db_path``; rewrite its relations, changes and link candidates; apply the
    decisions; atomically. Returns the decisions that could not be applied (their record is gone).

    ``relations`` (each document's own and the ``continues`` between documents), ``changes`` and
    ``candidates`` (``graph.lineage.candidates``) cover every document of the database, old and new.
    ``errors`` are appended
    to ``ingest_errors``. ``sources`` maps a document's SHA-256 to the PDF it was extracted from; those PDFs
    are copied into the database's PDF folder (``corpus.store.pdf_dir``) so Datasette can serve them.
    ``damage`` maps a document's SHA-256 to what pdfminer said about damage in its file
    (``documents.damage``). Raises ``PublishError`` when the database or a PDF cannot be written; the old
    database is then as it was.
    """
    db_path = Path(db_path)
    extractions = list(extractions)
    copied: list[Path] = []
    try:
        if sources:
            copied = store_pdfs(db_path, sources)
        return _in_copy(db_path, lambda tmp: _write(tmp, extractions, relations, changes, candidates, errors,
                                                    sources or {}, damage or {}))
    except (OSError, DatabaseError) as exc:
        for path in copied:
            path.unlink(missing_ok=True)
        raise PublishError(f"{_cause(exc)} while publishing to {db_path}") from exc


def _open_copy(tmp: Path) -> sqlite_utils.Database:
    """The private copy, its tables created or brought up to date. Its rollback journal stays in memory and
    no transaction waits for the disk: the whole file is synced once, before the rename."""
    db = sqlite_utils.Database(tmp)
    db.execute("PRAGMA journal_mode = MEMORY")
    db.execute("PRAGMA synchronous = OFF")
    _create(db)
    return db


def _derive(db: sqlite_utils.Database) -> None:
    for sql in DERIVED_SQL:
        db.execute(sql)
    _versions(db)


def _write(tmp: Path, extractions: list[Extraction], relations: Iterable[Relation],
           changes: Iterable[Change], candidates: Iterable[LinkCandidate], errors: Iterable[Rejection],
           sources: Mapping[str, Path], damage: Mapping[str, str]) -> list[Decision]:
    """Write the new database into ``tmp`` (a copy of the old one, or nothing) and sync it to the disk."""
    db = _open_copy(tmp)
    try:
        with db.conn:
            for extraction in extractions:
                _remove_document(db, extraction.document.id)
                rows = _rows(extraction)
                sha256 = extraction.document.sha256
                source = sources.get(sha256)
                rows["documents"][0] |= {"damage": damage.get(sha256),
                                         "source_file_hex": file_hex(source.name) if source else None}
                for table, table_rows in rows.items():
                    if table_rows:
                        db[table].upsert_all(table_rows, pk=TABLES[table].pk, alter=True)
            db["relations"].delete_where()
            db["relations"].insert_all(_relation_rows(relations), pk=TABLES["relations"].pk)
            db["changes"].delete_where()
            db["changes"].insert_all((TABLES["changes"].row(c) for c in changes), pk="id", alter=True)
            db[CANDIDATES].delete_where()
            db[CANDIDATES].insert_all((TABLES[CANDIDATES].row(c) for c in candidates),
                                      pk=TABLES[CANDIDATES].pk)
            now = datetime.now(UTC).isoformat(timespec="seconds")
            db["ingest_errors"].insert_all([asdict(e) | {"time": now} for e in errors],
                                           pk=TABLES["ingest_errors"].pk, replace=True)
            db["labels"].upsert_all(label_rows(), pk="id")
            not_applied = apply_decisions(db)
            _derive(db)
        _search_and_views(db)
    finally:
        db.close()
    _sync(tmp)
    return not_applied


def decide(db_path: Path, action: DecisionAction, record_id: str, other_id: str | None = None, *,
           field: str | None = None, value: str | None = None, who: str, why: str | None = None) -> Decision:
    """Record a decision in ``db_path`` and apply it with the others, as a publish does: in a copy renamed
    into place, under the database's lock. Returns it with its status. Raises ``DecisionError`` (one line:
    an unknown id or field, a value that does not fit) or ``PublishError`` (the database cannot be
    written); the database is then as it was."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise FileNotFoundError(f"no planarkiv database at {db_path} (make one: planarkiv ingest)")

    def write(tmp: Path) -> Decision:
        db = _open_copy(tmp)
        try:
            with db.conn:
                record_id_, other_id_, value_ = check(db.conn, action, record_id, other_id, field, value)
                number = db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {DECISIONS}").fetchone()[0]
                decision = Decision(id=number, time=datetime.now(UTC).isoformat(timespec="seconds"), who=who,
                                    why=why or None, action=action, record_id=record_id_, other_id=other_id_,
                                    field=field, value=value_)
                db[DECISIONS].insert(TABLES[DECISIONS].row(decision), pk="id")
                apply_decisions(db)
                _derive(db)
            _search_and_views(db)
            decision = Decision.model_validate(db[DECISIONS].get(number))
        finally:
            db.close()
        _sync(tmp)
        return decision

    with publish_lock(db_path):
        try:
            return _in_copy(db_path, write)
        except (OSError, DatabaseError) as exc:
            raise PublishError(f"{_cause(exc)} while writing a decision to {db_path}") from exc
