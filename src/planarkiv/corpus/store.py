"""The PDFs beside the database: every ingested file, named by its SHA-256, served by Datasette.

``planarkiv.db`` keeps its PDFs in ``planarkiv.pdfs/<sha256>.pdf``, wherever they were ingested from, and
``planarkiv serve`` mounts that folder as ``/pdf/`` (Datasette's ``--static``). A record's ``source``
column is the path of its PDF opened at its page: ``/pdf/<sha256>.pdf#page=N``.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

MOUNT = "pdf"


def pdf_dir(db_path: Path) -> Path:
    """The folder of PDFs that belongs to ``db_path`` (``planarkiv.db`` -> ``planarkiv.pdfs``)."""
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.stem}.pdfs")


def source_path(sha256: str, page: int | None = None) -> str:
    """The URL path under which Datasette serves the PDF, at ``page`` when given."""
    path = f"/{MOUNT}/{sha256}.pdf"
    return f"{path}#page={page}" if page else path


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def remove_stale_temp_files(folder: Path, prefix: str = ".") -> None:
    """Remove the ``<prefix>….<pid>.tmp`` files in ``folder`` of processes that no longer run (a killed
    ingest); those of running processes, this one included, are being written and stay."""
    for tmp in Path(folder).glob(f"{glob.escape(prefix)}*.tmp"):
        pid = tmp.name.removesuffix(".tmp").rsplit(".", 1)[-1]
        if pid.isdigit() and not _running(int(pid)):
            tmp.unlink(missing_ok=True)


def store_pdfs(db_path: Path, sources: Mapping[str, Path]) -> list[Path]:
    """Copy each source PDF (keyed by the SHA-256 it had when extracted) into the database's PDF folder.

    A file already there is kept (same name, same bytes). A file whose bytes no longer match its
    SHA-256 (changed since it was extracted) is not copied. Each copy is written beside and renamed into
    place, so a reader never sees half a PDF. Returns the PDFs this call added, for the publish to remove
    if it fails; when a copy fails (a full disk), those and the partial copy are removed before the error
    is raised.
    """
    folder = pdf_dir(db_path)
    added: list[Path] = []
    remove_stale_temp_files(folder)
    tmp: Path | None = None
    try:
        for sha256, source in sources.items():
            target = folder / f"{sha256}.pdf"
            if target.exists():
                continue
            data = Path(source).read_bytes()
            if hashlib.sha256(data).hexdigest() != sha256:
                continue
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f".{sha256}.{os.getpid()}.tmp"
            tmp.write_bytes(data)
            os.replace(tmp, target)
            added.append(target)
    except BaseException:
        if tmp:
            tmp.unlink(missing_ok=True)
        for path in added:
            path.unlink(missing_ok=True)
        raise
    return added
