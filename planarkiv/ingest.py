"""PDF files -> records -> graph -> database, for ``planarkiv ingest``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from planarkiv.corpus import publish
from planarkiv.extract import ExtractionError, extract
from planarkiv.graph import build_graph
from planarkiv.schema import Extraction


@dataclass
class IngestReport:
    extracted: list[Extraction] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)


def pdf_paths(paths: Iterable[Path]) -> list[Path]:
    """The PDFs named: a folder means every PDF in it (recursively), in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file()))
        else:
            found.append(path)
    return found


def ingest(paths: Iterable[Path], db_path: Path, on_file=lambda path, error: None) -> IngestReport:
    """Extract every PDF, link the records in the graph and publish them.

    A file that cannot be read is reported through ``on_file`` and in the report; the batch goes on.
    """
    report = IngestReport()
    sources: dict[str, Path] = {}
    for path in pdf_paths(paths):
        try:
            extraction = extract(path)
            report.extracted.append(extraction)
            sources[extraction.document.sha256] = path
            on_file(path, None)
        except ExtractionError as exc:
            report.errors.append((str(path), exc.reason))
            on_file(path, str(exc))
    publish(db_path, report.extracted, build_graph(report.extracted), report.errors, sources=sources)
    return report
