"""The document registry: what the database already holds, known by the SHA-256 of each file's bytes.

The database keeps every published document's full ``Extraction`` as JSON (table ``extractions``, hidden in
Datasette), so a later ingest rebuilds the graph, the lineage and the version changes over all documents,
old and new, without extracting an unchanged PDF again. Files rejected because of their own bytes (empty,
encrypted, no text layer, not a PDF) are remembered in ``ingest_errors`` with their hash and ``permanent``
set, so they are not tried again (one without a text layer is, once OCR can read it: ``ingest.survey``);
a timeout or a crashed worker is tried again on the next run.

Each stored extraction says what made it: the planarkiv version and the parser module with its ``VERSION``
(the document's ``extractor_version``, ``parser`` and ``parser_version``). ``stored_documents`` reads them
with SQLite's JSON functions, without parsing the extractions in Python, for ``planarkiv ingest`` to tell
which are older than the installed extractor (``ingest.stale``).

A file name is stored as ``extract.errors.file_text`` writes it, with the name's bytes in hexadecimal
beside it when it is not UTF-8 (``file_hex``).

Reading needs only the standard library's ``sqlite3``: ``planarkiv ingest`` tells that a batch holds
nothing new without importing pydantic, spaCy, pdfplumber or networkx.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planarkiv.schema import Extraction

TABLE = "extractions"


class PublishError(Exception):
    """A publish that could not be completed (``corpus/publish.py``); its message is one line: the cause and
    the database. Here, as the command line catches it without loading what publishing needs."""


@dataclass(frozen=True)
class Rejection:
    """A file an ingest could not publish, as ``ingest_errors`` records it."""

    file: str  # ``extract.errors.file_text`` of the path
    sha256: str | None
    reason: str
    permanent: bool  # the file's own bytes are at fault: the same bytes are not tried again
    file_hex: str | None = None  # ``extract.errors.file_hex`` of the path


def _rows(db_path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """The rows of ``sql`` run read-only on ``db_path``; none when the database or its table is missing."""
    db_path = Path(db_path)
    if not db_path.is_file():
        return []
    with closing(sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc) or "no such column" in str(exc):
                return []
            raise


@dataclass(frozen=True)
class Stored:
    """A published document as the registry knows it, and what extracted it (None: not recorded, an
    extraction older than the recording)."""

    sha256: str
    document_id: str
    source_file: str
    extractor_version: str | None
    parser: str | None
    parser_version: int | None


def stored_documents(db_path: Path) -> dict[str, Stored]:
    """SHA-256 -> the published document of those bytes, for every document of ``db_path``."""
    fields = ", ".join(f"json_extract(json, '$.document.{name}')"
                       for name in ("source_file", "extractor_version", "parser", "parser_version"))
    rows = _rows(db_path, f"SELECT sha256, document_id, {fields} FROM {TABLE} ORDER BY document_id")
    return {row[0]: Stored(*row) for row in rows}


def rejected_hashes(db_path: Path) -> dict[str, str]:
    """SHA-256 -> reason, for every file rejected for good (``permanent``) by an earlier ingest."""
    rows = _rows(db_path, "SELECT sha256, reason FROM ingest_errors WHERE permanent AND sha256 IS NOT NULL "
                          "ORDER BY time")
    return dict(rows)


def stored_extractions(db_path: Path) -> list[Extraction]:
    """Every stored extraction, in document-id order."""
    from planarkiv.schema import Extraction

    rows = _rows(db_path, f"SELECT json FROM {TABLE} ORDER BY document_id")
    return [Extraction.model_validate_json(text) for (text,) in rows]


def load_extraction(db_path: Path, document_id: str) -> Extraction | None:
    """The stored extraction of one document, or None when the database does not hold it."""
    from planarkiv.schema import Extraction

    rows = _rows(db_path, f"SELECT json FROM {TABLE} WHERE document_id = ?", (document_id,))
    return Extraction.model_validate_json(rows[0][0]) if rows else None
