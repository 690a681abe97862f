"""PDF files -> records -> graph -> database, for ``planarkiv ingest``: incremental, bounded, atomic.

- A file is known by the SHA-256 of its bytes (``corpus/registry.py``): one already published, or rejected
  before for its own bytes, is skipped; a second file of the batch with the same bytes is a duplicate.
  ``survey`` decides all that with the standard library alone, and the heavy libraries (pydantic, spaCy,
  pdfplumber, networkx) are imported only when there is something to extract, so an unchanged re-run
  returns at once.
- New files are extracted in worker processes (``pebble.ProcessPool``, forked after the spaCy pipeline is
  built here, so the workers share it instead of building their own). Each has a time limit; a worker
  that runs over it is killed. A timeout, a crashed worker or an unreadable file ends as a one-line reason
  naming the file, and the batch goes on.
- The graph and the version changes are rebuilt over every document of the database (stored extractions
  and new ones) and published atomically, under the database's lock.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable
from concurrent.futures import as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from planarkiv.corpus import registry
from planarkiv.corpus.registry import Rejection
from planarkiv.extract import OcrMode
from planarkiv.extract.errors import NO_TEXT_LAYER
from planarkiv.extract.fingerprint import file_sha256

if TYPE_CHECKING:
    from planarkiv.schema import Extraction

DEFAULT_TIMEOUT = 600.0
DEFAULT_JOBS = 1


@dataclass(frozen=True)
class Outcome:
    """How one file of a batch ended: published (``ok``), ``skipped`` or ``error``, and why."""

    path: Path
    status: Literal["ok", "skipped", "error"]
    detail: str
    sha256: str | None = None
    permanent: bool = False  # an error in the file's own bytes: the same bytes are not tried again

    def line(self) -> str:
        """The one line the command prints: ``ok: f (plan, 12 initiatives)``, ``error: f: reason``."""
        if self.status == "error":
            return f"error: {self.path}: {self.detail}"
        return f"{self.status}: {self.path} ({self.detail})"

    def rejection(self) -> Rejection:
        return Rejection(str(self.path), self.sha256, self.detail, self.permanent)


@dataclass(frozen=True)
class Batch:
    """The files of one ingest after hashing: those to extract (SHA-256 -> file) and those already decided."""

    db_path: Path
    new: dict[str, Path]
    decided: list[Outcome]


@dataclass(frozen=True)
class _Failure:
    """What a worker returns instead of raising: some exceptions do not survive the trip between processes."""

    reason: str
    permanent: bool


def pdf_paths(paths: Iterable[Path]) -> list[Path]:
    """The PDFs named: a folder means every PDF in it (recursively), in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file()))
        else:
            found.append(path)
    return found


def _readable_now(rejected: dict[str, str], ocr: OcrMode) -> dict[str, str]:
    """The rejections that still hold: a file rejected for want of a text layer is read again once OCR
    can read it (Tesseract installed, OCR not off)."""
    if ocr == "off" or not any(reason.startswith(NO_TEXT_LAYER) for reason in rejected.values()):
        return rejected
    from planarkiv.extract.ocr import missing

    if missing() is not None:
        return rejected
    return {sha256: reason for sha256, reason in rejected.items() if not reason.startswith(NO_TEXT_LAYER)}


def survey(paths: Iterable[Path], db_path: Path, ocr: OcrMode = "auto") -> Batch:
    """Hash every file and decide, without extracting, which are new to ``db_path``."""
    published = registry.known_hashes(db_path)
    rejected = _readable_now(registry.rejected_hashes(db_path), ocr)
    new: dict[str, Path] = {}
    decided: list[Outcome] = []
    for path in pdf_paths(paths):
        try:
            sha256 = file_sha256(path)
        except OSError as exc:
            decided.append(Outcome(path, "error", f"cannot be read ({exc.strerror or exc})"))
            continue
        if sha256 in published:
            decided.append(Outcome(path, "skipped", "unchanged", sha256))
        elif sha256 in new:
            decided.append(Outcome(path, "skipped", f"duplicate of {new[sha256]}: same SHA-256", sha256))
        elif sha256 in rejected:
            decided.append(Outcome(path, "skipped", f"rejected before: {rejected[sha256]}", sha256))
        else:
            new[sha256] = path
    return Batch(Path(db_path), new, decided)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _extract_in_worker(path: Path, ocr: OcrMode = "auto") -> Extraction | _Failure:
    """Runs in a pool worker: the extraction (its OCR too, so within the time limit), or why there is none."""
    from planarkiv.extract import ExtractionError, extract

    try:
        return extract(path, ocr)
    except ExtractionError as exc:
        return _Failure(_one_line(exc.reason), permanent=True)
    except Exception as exc:  # a parser's bug on an odd PDF must not stop the batch; tried again next run
        return _Failure(_one_line(f"extraction failed: {type(exc).__name__}: {exc}"), permanent=False)


def _summary(extraction: Extraction) -> str:
    return f"{extraction.document.kind.value}, {len(extraction.initiatives)} initiatives"


def extract_new(
    batch: Batch, jobs: int = DEFAULT_JOBS, timeout: float = DEFAULT_TIMEOUT,
    on_outcome: Callable[[Outcome], None] = lambda outcome: None, ocr: OcrMode = "auto",
) -> tuple[list[Extraction], list[Outcome]]:
    """Extract the batch's new files in ``jobs`` worker processes, each within ``timeout`` seconds, with
    ``ocr`` for their scanned pages.

    Returns the extractions (in the batch's order) and every file's outcome, each also given to
    ``on_outcome`` as soon as it is known.
    """
    if not batch.new:
        return [], []
    from pebble import ProcessExpired, ProcessPool

    from planarkiv.extract.danish import nlp

    nlp.nlp()  # built once, here: the forked workers inherit it
    extractions: dict[str, Extraction] = {}
    outcomes: list[Outcome] = []
    workers = max(1, min(jobs, len(batch.new)))
    pool = ProcessPool(max_workers=workers, context=multiprocessing.get_context("fork"))
    try:
        # Largest files first: the longest extraction does not start last and keep the batch waiting.
        largest_first = sorted(batch.new.items(), key=lambda item: item[1].stat().st_size, reverse=True)
        futures = {pool.schedule(_extract_in_worker, args=(path, ocr), timeout=timeout): (sha256, path)
                   for sha256, path in largest_first}
        for future in as_completed(futures):
            sha256, path = futures[future]
            try:
                result = future.result()
            except TimeoutError:
                result = _Failure(f"took longer than {timeout:g} s; skipped", permanent=False)
            except ProcessExpired as exc:
                result = _Failure(f"the extraction process died (exit code {exc.exitcode}); skipped",
                                  permanent=False)
            except Exception as exc:  # trouble in the pool itself (a result that does not pickle): this file
                result = _Failure(_one_line(f"extraction failed: {type(exc).__name__}: {exc}"), False)
            if isinstance(result, _Failure):
                outcome = Outcome(path, "error", result.reason, sha256, result.permanent)
            else:
                extractions[sha256] = result
                outcome = Outcome(path, "ok", _summary(result), sha256)
            outcomes.append(outcome)
            on_outcome(outcome)
    finally:  # all done, or interrupted (Ctrl-C): end the workers now, not after the pending files
        pool.stop()
        pool.join()
    return [extractions[sha256] for sha256 in batch.new if sha256 in extractions], outcomes


def publish_batch(batch: Batch, extractions: list[Extraction], outcomes: Iterable[Outcome]) -> None:
    """Publish the new extractions and this run's errors (nothing to do without either), with the graph
    and the changes between versions rebuilt over every document the database holds. Under the database's
    lock: a concurrent ingest waits and then builds on this one's documents."""
    errors = [outcome.rejection() for outcome in outcomes if outcome.status == "error"]
    if not extractions and not errors:
        return
    from planarkiv.corpus.publish import publish, publish_lock
    from planarkiv.graph import build_graph
    from planarkiv.graph.diff import series_changes

    sources = {e.document.sha256: batch.new[e.document.sha256] for e in extractions}
    with publish_lock(batch.db_path):
        new_ids = {e.document.id for e in extractions}
        stored = [e for e in registry.stored_extractions(batch.db_path) if e.document.id not in new_ids]
        everything = sorted([*stored, *extractions], key=lambda e: e.document.id)
        publish(batch.db_path, extractions, build_graph(everything), changes=series_changes(everything),
                errors=errors, sources=sources)

