"""PDF files -> records -> relations and changes -> database, for ``planarkiv ingest``: incremental,
bounded, atomic.

- Only regular files are read: a folder is walked for its ``*.pdf`` files, without following symbolic links
  to folders (a link loop cannot trap the walk); a FIFO, a device, a link loop or a broken link is one line
  and a row of ``ingest_errors``, and is never opened (``/dev/zero`` would never end, a FIFO would block).
- A file is known by the SHA-256 of its bytes (``corpus/registry.py``): one already published, or rejected
  before for its own bytes, is skipped; a second file of the batch with the same bytes is a duplicate.
  ``survey`` decides all that with the standard library alone, and the heavy libraries (pydantic, spaCy,
  pdfplumber, networkx) are imported only when there is something to extract, so an unchanged re-run
  returns at once.
- A published document is extracted again when the installed extractor is not the one that read it: another
  planarkiv version, or another ``VERSION`` of its parser (``stale``; ``extract/parsers``). That holds for
  every document of the database, named in the batch or not: its PDF is kept beside the database
  (``corpus/store.py``), so the file it came from may be gone. ``reextract=True`` reads every document
  again, ``False`` none. What the new extraction changed is the version diff between the old and the new
  (``graph/diff.py``), given back by ``publish_batch``. A re-extraction that fails keeps the old extraction
  (it is not published) and is a row of ``ingest_errors``, tried again on the next run.
- New files are extracted in worker processes (``pebble.ProcessPool``, forked after the spaCy pipeline is
  built here, so the workers share it instead of building their own). Each has a time limit; a worker
  that runs over it is killed. A timeout, a crashed worker or an unreadable file ends as a one-line reason
  naming the file, and the batch goes on. An exception of planarkiv's own code is an internal error, not
  the file's fault: it is tried again on the next run. What pdfminer says about damage it read past is
  collected per file (``planarkiv/damage.py``) and goes with the file's line and its document. A worker
  tells each page it OCRs through a pipe it inherits (``_progress``), passed on while the results are
  awaited.
- The relations (each document's own and the lineage between them) and the version changes are rebuilt
  over every document of the database (stored extractions
  and new ones) and published atomically, under the database's lock. A publish that fails (a full disk)
  leaves the old database and no file of its own behind (``corpus/publish.py``), and nothing is said to be
  published: the extracted files are ``ok`` only once the database holding them is in place.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import stat
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass
from functools import cache
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

import planarkiv
from planarkiv.corpus import registry
from planarkiv.corpus.registry import Rejection, Stored
from planarkiv.corpus.store import pdf_dir
from planarkiv.extract import OcrMode
from planarkiv.extract.errors import NO_TEXT_LAYER, file_hex, file_text, not_a_file

if TYPE_CHECKING:
    from planarkiv.schema import Change, Decision, Extraction

DEFAULT_TIMEOUT = 600.0
DEFAULT_JOBS = 1
INTERNAL_ERROR = "internal error (a bug in planarkiv, not the file's fault; tried again next run)"


@dataclass(frozen=True)
class Outcome:
    """How one file of a batch ended: extracted and published (``ok``), ``skipped`` or ``error``, and why."""

    path: Path
    status: Literal["ok", "skipped", "error"]
    detail: str
    sha256: str | None = None
    permanent: bool = False  # an error in the file's own bytes: the same bytes are not tried again
    damage: str | None = None  # what pdfminer said about damage it read past (``damage.summary``)
    again: str | None = None  # a published document extracted again: why (``stale``)
    name: str | None = None  # the file's name when it is not the path's (a stored PDF: its first name)

    def line(self, published: bool = True) -> str:
        """The one line the command prints: ``ok: f (plan, 12 initiatives)``, ``error: f: reason``; an
        extracted file not yet ``published`` is ``extracted: f (…)``; a published document extracted again
        is ``re-extracted: f (plan, 12 initiatives; parser plan 1 → 2)``."""
        name = self.name or file_text(self.path)
        if self.status == "error":
            kept = "; the earlier extraction stays published" if self.again else ""
            return f"error: {name}: {self.detail}{kept}"
        damage = f"; damaged: {self.damage}" if self.damage else ""
        again = f"; {self.again}" if self.again else ""
        status = self.status
        if status == "ok":
            status = "extracted" if not published else "re-extracted" if self.again else "ok"
        return f"{status}: {name} ({self.detail}{again}{damage})"

    def rejection(self) -> Rejection:
        if self.name:
            return Rejection(self.name, self.sha256, self.detail, self.permanent)
        return Rejection(file_text(self.path), self.sha256, self.detail, self.permanent, file_hex(self.path))


@dataclass(frozen=True)
class Stale:
    """A published document to extract again: what the database holds of it and why it is read again."""

    stored: Stored
    why: str


@dataclass(frozen=True)
class Batch:
    """The files of one ingest after hashing: those to extract (SHA-256 -> file), those already decided,
    and which of those to extract are published documents read again (SHA-256 -> why)."""

    db_path: Path
    to_extract: dict[str, Path]
    decided: list[Outcome]
    stale: dict[str, Stale]


@dataclass(frozen=True)
class _Extracted:
    """What a worker returns for a file it read: the extraction and what pdfminer said about damage."""

    extraction: Extraction
    damage: str | None


@dataclass(frozen=True)
class _Failure:
    """What a worker returns instead of raising: some exceptions do not survive the trip between processes."""

    reason: str
    permanent: bool


def _walk(folder: Path, found: list[Path], odd: list[Outcome]) -> None:
    """The ``*.pdf`` regular files under ``folder`` into ``found``, a line for every other ``*.pdf`` entry
    (and each symbolic link to a folder, not followed) into ``odd``."""
    try:
        with os.scandir(folder) as scan:
            entries = list(scan)
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        odd.append(Outcome(folder, "error", f"the folder cannot be read ({reason})"))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            before = len(found) + len(odd)
            _walk(path, found, odd)
            if path.suffix.lower() == ".pdf" and len(found) + len(odd) == before:
                odd.append(Outcome(path, "skipped", "a folder named like a PDF, with no PDF files in it"))
        elif entry.is_symlink() and path.is_dir():
            odd.append(Outcome(path, "skipped", "a symbolic link to a folder: not followed; name the folder"))
        elif path.suffix.lower() == ".pdf":
            problem = not_a_file(path)
            if problem is None:
                found.append(path)
            else:
                odd.append(Outcome(path, "error", problem))


def pdf_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Outcome]]:
    """The PDFs named, a folder meaning every PDF in it (recursively), in a stable order; and a line for
    each name that is not a file to read (a FIFO, a device, a link loop, missing) or a folder without PDFs."""
    found: list[Path] = []
    odd: list[Outcome] = []
    for path in paths:
        problem = not_a_file(path)
        if problem is None:
            found.append(path)
        elif path.is_dir():
            in_folder: list[Path] = []
            lines: list[Outcome] = []
            _walk(path, in_folder, lines)
            found.extend(sorted(in_folder))
            odd.extend(sorted(lines, key=lambda outcome: outcome.path))
            if not in_folder and not lines:
                odd.append(Outcome(path, "skipped", "a folder with no PDF files in it"))
        else:
            odd.append(Outcome(path, "error", problem))
    return found, odd


class _NotRegular(Exception):
    pass


def _sha256(path: Path) -> str:
    """The SHA-256 of a regular file's bytes. Opened without blocking and checked on the open file, so a
    FIFO or a device put in its place since the walk is refused instead of read."""
    with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise _NotRegular(not_a_file(path) or "not a regular file")
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _readable_now(rejected: dict[str, str], ocr: OcrMode) -> dict[str, str]:
    """The rejections that still hold: a file rejected for want of a text layer is read again once OCR
    can read it (Tesseract installed, OCR not off)."""
    if ocr == "off" or not any(reason.startswith(NO_TEXT_LAYER) for reason in rejected.values()):
        return rejected
    from planarkiv.extract.ocr import missing

    if missing() is not None:
        return rejected
    return {sha256: reason for sha256, reason in rejected.items() if not reason.startswith(NO_TEXT_LAYER)}


def stale(stored: Stored, installed: Callable[[str], int | None]) -> str | None:
    """Why a stored extraction is not what the installed extractor would make, or None when it is: another
    planarkiv version made it, or another version of its parser (``installed``: a parser module's
    ``VERSION`` now, None when it is gone)."""
    if stored.extractor_version != planarkiv.__version__:
        return f"planarkiv {stored.extractor_version or '(not recorded)'} → {planarkiv.__version__}"
    if stored.parser is None:
        return None
    now = installed(stored.parser)
    if now != stored.parser_version:
        short = stored.parser.rsplit(".", 1)[-1]
        return f"parser {short} {stored.parser_version} → {'removed' if now is None else now}"
    return None


def _to_refresh(published: dict[str, Stored], reextract: bool | None) -> dict[str, Stale]:
    """The published documents whose extraction is stale (``reextract=None``), all (``True``) or none."""
    if reextract is False:
        return {}
    if reextract:
        return {sha256: Stale(stored, "--reextract") for sha256, stored in published.items()}
    from planarkiv.extract.parsers import installed_version

    installed = cache(installed_version)
    found = {sha256: stale(stored, installed) for sha256, stored in published.items()}
    return {sha256: Stale(published[sha256], why) for sha256, why in found.items() if why}


def survey(paths: Iterable[Path], db_path: Path, ocr: OcrMode = "auto", reextract: bool | None = None,
           ) -> Batch:
    """Hash every file and decide, without extracting, which are new to ``db_path`` and which published
    documents are extracted again (``reextract``: None those of an older extractor, True all, False none);
    one not named in the batch is read from its PDF beside the database."""
    published = registry.stored_documents(db_path)
    refresh = _to_refresh(published, reextract)
    rejected = _readable_now(registry.rejected_hashes(db_path), ocr)
    found, decided = pdf_paths(paths)
    to_extract: dict[str, Path] = {}
    for path in found:
        try:
            sha256 = _sha256(path)
        except _NotRegular as exc:
            decided.append(Outcome(path, "error", str(exc)))
            continue
        except OSError as exc:
            decided.append(Outcome(path, "error", f"cannot be read ({exc.strerror or exc})"))
            continue
        if sha256 in to_extract:
            decided.append(Outcome(path, "skipped",
                                   f"duplicate of {file_text(to_extract[sha256])}: same SHA-256", sha256))
        elif sha256 in refresh:
            to_extract[sha256] = path
        elif sha256 in published:
            decided.append(Outcome(path, "skipped", "unchanged", sha256))
        elif sha256 in rejected:
            decided.append(Outcome(path, "skipped", f"rejected before: {rejected[sha256]}", sha256))
        else:
            to_extract[sha256] = path
    for sha256, again in refresh.items():
        if sha256 in to_extract:
            continue
        kept = pdf_dir(db_path) / f"{sha256}.pdf"
        if kept.is_file():
            to_extract[sha256] = kept
        else:
            decided.append(Outcome(kept, "skipped", f"{again.why}; not extracted again: its PDF is not kept "
                                                    f"in {file_text(kept.parent)}; name the file to read it",
                                   sha256, name=again.stored.source_file))
    return Batch(Path(db_path), to_extract, decided, refresh)


def _one_line(text: str) -> str:
    return " ".join(text.split())


OcrPageProgress = Callable[[Path, int, int], None]  # a file, the page of it being OCR'd, its page count
_progress: Connection | None = None  # in a worker: where it tells the pages it OCRs (``_tell_progress``)
PROGRESS_WAIT = 0.2  # seconds between looks at the pipe of OCR progress while the workers work


def _tell_progress(pipe: Connection) -> None:
    """A worker's initializer: the pipe (inherited through the fork) its OCR progress goes to. The workers
    share it without a lock: a message this small is written at once (a pipe's writes of up to 4 KiB are
    atomic), so a worker killed for its time limit cannot leave a lock held and the others waiting."""
    global _progress
    _progress = pipe


def _extract_in_worker(path: Path, ocr: OcrMode = "auto") -> _Extracted | _Failure:
    """Runs in a pool worker: the extraction (its OCR too, so within the time limit) and what pdfminer said
    while reading, or why there is none."""
    from planarkiv.damage import collected, summary
    from planarkiv.extract import ExtractionError, extract

    pipe = _progress
    on_ocr = None if pipe is None else lambda page, pages: pipe.send((path, page, pages))
    try:
        with collected() as warnings:
            extraction = extract(path, ocr, on_ocr)
        return _Extracted(extraction, summary(warnings))
    except ExtractionError as exc:
        return _Failure(_one_line(exc.reason), permanent=exc.permanent)
    except Exception as exc:  # a bug of ours on an odd PDF must not stop the batch; tried again next run
        return _Failure(_one_line(f"{INTERNAL_ERROR}: {type(exc).__name__}: {exc}"), permanent=False)


def _summary(extraction: Extraction) -> str:
    return f"{extraction.document.kind.value}, {len(extraction.initiatives)} initiatives"


def _result(batch: Batch, sha256: str, path: Path, result: _Extracted | _Failure) -> Outcome:
    """The outcome of one file; a published document extracted again keeps its first name, and a failure
    to read it again is tried again next run (its old extraction stays published)."""
    again = batch.stale.get(sha256)
    name = again.stored.source_file if again else None
    why = again.why if again else None
    if isinstance(result, _Failure):
        return Outcome(path, "error", result.reason, sha256, result.permanent and not again, again=why,
                       name=name)
    return Outcome(path, "ok", _summary(result.extraction), sha256, damage=result.damage, again=why,
                   name=name)


def _first_name(batch: Batch, extraction: Extraction) -> Extraction:
    """A published document extracted again keeps the file name it was first ingested under."""
    again = batch.stale.get(extraction.document.sha256)
    if again is None:
        return extraction
    document = extraction.document.model_copy(update={"source_file": again.stored.source_file})
    return extraction.model_copy(update={"document": document})


def _completed(futures: Iterable[Future], progress: Connection | None,
               on_ocr: OcrPageProgress | None) -> Iterable[Future]:
    """The futures as they complete (``as_completed``), the workers' OCR progress passed on meanwhile."""
    pending = set(futures)
    while pending:
        done, pending = wait(pending, PROGRESS_WAIT if progress else None, return_when=FIRST_COMPLETED)
        while progress is not None and on_ocr is not None and progress.poll():
            on_ocr(*progress.recv())
        yield from done


def extract_new(
    batch: Batch, jobs: int = DEFAULT_JOBS, timeout: float = DEFAULT_TIMEOUT,
    on_outcome: Callable[[Outcome], None] = lambda outcome: None, ocr: OcrMode = "auto",
    on_ocr: OcrPageProgress | None = None,
) -> tuple[list[Extraction], list[Outcome]]:
    """Extract the batch's files (new ones and published ones read again) in ``jobs`` worker processes,
    each within ``timeout`` seconds, with ``ocr`` for their scanned pages.

    Returns the extractions (in the batch's order) and every file's outcome (``ok`` for an extracted one,
    published or not yet), each also given to ``on_outcome`` as soon as it is known. ``on_ocr`` is told
    which page of which file a worker begins to OCR.
    """
    if not batch.to_extract:
        return [], []
    from pebble import ProcessExpired, ProcessPool

    from planarkiv.extract.danish import nlp

    nlp.nlp()  # built once, here: the forked workers inherit it
    extractions: dict[str, Extraction] = {}
    outcomes: list[Outcome] = []
    workers = max(1, min(jobs, len(batch.to_extract)))
    context = multiprocessing.get_context("fork")
    progress, told = context.Pipe(duplex=False) if on_ocr else (None, None)
    pool = ProcessPool(max_workers=workers, context=context, initializer=_tell_progress if told else None,
                       initargs=(told,))
    try:
        # Largest files first: the longest extraction does not start last and keep the batch waiting.
        largest_first = sorted(batch.to_extract.items(), key=lambda item: item[1].stat().st_size,
                               reverse=True)
        futures = {pool.schedule(_extract_in_worker, args=(path, ocr), timeout=timeout): (sha256, path)
                   for sha256, path in largest_first}
        for future in _completed(futures, progress, on_ocr):
            sha256, path = futures[future]
            try:
                result = future.result()
            except TimeoutError:
                result = _Failure(f"took longer than {timeout:g} s; skipped", permanent=False)
            except ProcessExpired as exc:
                result = _Failure(f"the extraction process died (exit code {exc.exitcode}); skipped",
                                  permanent=False)
            except Exception as exc:  # trouble in the pool itself (a result that does not pickle): this file
                result = _Failure(_one_line(f"{INTERNAL_ERROR}: {type(exc).__name__}: {exc}"), False)
            if isinstance(result, _Extracted):
                extractions[sha256] = _first_name(batch, result.extraction)
            outcome = _result(batch, sha256, path, result)
            outcomes.append(outcome)
            on_outcome(outcome)
    finally:  # all done, or interrupted (Ctrl-C): end the workers now, not after the pending files
        pool.stop()
        pool.join()
        for end in (progress, told):
            if end is not None:
                end.close()
    return [extractions[sha256] for sha256 in batch.to_extract if sha256 in extractions], outcomes


class Published(NamedTuple):
    """What a publish of a batch did beyond its documents: per SHA-256, what each document extracted again
    changed (the version diff from its old extraction; empty when unchanged), and the decisions whose
    record no longer exists (``corpus/decisions.py``), kept and reported."""

    changes: dict[str, list[Change]]
    not_applied: list[Decision]


def publish_batch(batch: Batch, extractions: list[Extraction], outcomes: Iterable[Outcome]) -> Published:
    """Publish the extractions and this run's errors (nothing to do without either), with the relations,
    the link candidates and the changes between versions rebuilt over every document the database holds.
    Under the database's lock: a concurrent ingest waits and then builds on this one's documents. An
    extraction of a published document replaces its old one.

    Raises ``PublishError`` (one line: the cause and the database) when the database cannot be written;
    the old one is then left as it was."""
    outcomes = list(outcomes)
    errors = [outcome.rejection() for outcome in outcomes if outcome.status == "error"]
    if not extractions and not errors:
        return Published({}, [])
    from planarkiv.corpus.publish import publish, publish_lock
    from planarkiv.graph.diff import diff, series_changes
    from planarkiv.graph.lineage import relations_and_candidates

    sources = {e.document.sha256: batch.to_extract[e.document.sha256] for e in extractions}
    damage = {outcome.sha256: outcome.damage for outcome in outcomes if outcome.sha256 and outcome.damage}
    with publish_lock(batch.db_path):
        new_ids = {e.document.id for e in extractions}
        stored = registry.stored_extractions(batch.db_path)
        replaced = {e.document.sha256: e for e in stored if e.document.id in new_ids}
        kept = [e for e in stored if e.document.id not in new_ids]
        everything = sorted([*kept, *extractions], key=lambda e: e.document.id)
        linked, proposed = relations_and_candidates(everything)
        not_applied = publish(batch.db_path, extractions, linked, series_changes(everything), errors=errors,
                              sources=sources, damage=damage, candidates=proposed)
    return Published({e.document.sha256: diff(replaced[e.document.sha256], e) for e in extractions
                      if e.document.sha256 in replaced}, not_applied)
