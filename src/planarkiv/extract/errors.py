"""The one error an unreadable input raises: its message is a single line naming the file and the fault.

Whether the fault is the file's own (``permanent``: the same bytes fail the same way, so an ingest does not
try them again) or a verdict that a later version of planarkiv may change (a filter took all the text) is
part of the error. A bug of ours is not an ExtractionError at all: ``raised_by_planarkiv`` tells it from
pdfminer giving up on a damaged file, so it is not blamed on the file.

A file name is text in messages, records and the database. A name that is not UTF-8 (Latin-1 bytes from
an old share or a zip file; Python hands them over as surrogate escapes, which JSON, pydantic and SQLite
refuse) is written with each byte that is not UTF-8 as ``\\xNN`` (``file_text``); the database keeps the
name's bytes in hexadecimal beside it (``file_hex``), so ``bytes.fromhex(file_hex)`` is the name again.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def file_text(path: Path | str) -> str:
    """``path`` as text that can be printed and stored: bytes that are not UTF-8 as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def file_hex(path: Path | str) -> str | None:
    """The bytes of ``path`` in hexadecimal when it is not UTF-8 (``file_text`` changed it), else None."""
    raw = os.fsencode(path)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.hex()
    return None


class ExtractionError(Exception):
    def __init__(self, path: Path, reason: str, permanent: bool = True) -> None:
        super().__init__(f"{file_text(path.name)}: {reason}")
        self.path = path
        self.reason = reason
        self.permanent = permanent


def not_a_file(path: Path) -> str | None:
    """Why ``path`` is not a regular file to read (what it is instead), or None when it is one.

    Only regular files are opened: a FIFO or a device such as ``/dev/zero`` would block or never end.
    Symbolic links are followed; a loop or a link to nothing is said as such.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if os.path.islink(path):
            if exc.errno == errno.ELOOP:
                return "a symbolic link loop"
            return "a broken symbolic link (it points to nothing)"
        return (exc.strerror or str(exc)).lower()
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"{kind}, not a PDF file"


def raised_by_planarkiv(exc: BaseException) -> bool:
    """Whether ``exc`` was raised in planarkiv's own code rather than in pdfminer or pdfplumber reading the
    file: the innermost frame of either decides (frames of the standard library or numpy in between do
    not)."""
    innermost = None
    tb = exc.__traceback__
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        if module.split(".")[0] in {"planarkiv", "pdfminer", "pdfplumber"}:
            innermost = module
        tb = tb.tb_next
    return innermost is not None and innermost.startswith("planarkiv")


# The start of the reason a PDF without a text layer is rejected with: ``planarkiv ingest`` tries such a
# file again once OCR can read it.
NO_TEXT_LAYER = "no text layer (scanned or image-only PDF)"
