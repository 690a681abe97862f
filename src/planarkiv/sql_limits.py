"""Bounds on what one SQL function call may cost on Datasette's connections.

Datasette stops a query at its time limit through SQLite's progress handler, which runs between the steps
of a statement, never inside one function call. Two things escape it:

- memory: a function can build one huge value (``printf('%.*c', 900000000, 'x')`` asked for 900 MB).
  ``SQLITE_LIMIT_LENGTH`` caps every string or blob a statement makes or reads (SQLite then answers
  "string or blob too big" at once);
- time: SQLite's ``printf`` (and its other name ``format``) runs its loop over a width or precision to the
  end even when the result is over that cap (seconds for 900 000 000). So a width or precision above the
  cap is refused before formatting: ``printf`` and ``format`` are replaced by a function that checks the
  format and then lets SQLite's own ``printf`` do the formatting on a private in-memory connection.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from typing import Any

# The longest value one SQL expression may make or read: many times the largest the database holds (the
# full extraction of a 1,000-page report, some megabytes), far below what would take a server's memory.
MAX_LENGTH = 64 * 1024 * 1024
# One conversion of SQLite's printf: flags, width, precision (a number or ``*``: the next argument),
# length modifier, conversion.
CONVERSION = re.compile(r"%[-+ 0#,!]*(\*|\d+)?(?:\.(\*|\d*))?(?:ll|l)?(.)", re.DOTALL)

_private = threading.local()


def _formatter() -> sqlite3.Connection:
    """This thread's in-memory connection, with SQLite's own ``printf`` and the same length cap."""
    conn = getattr(_private, "conn", None)
    if conn is None:
        conn = sqlite3.connect(":memory:")
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_LENGTH)
        _private.conn = conn
    return conn


def _checked(fmt: Any, args: tuple) -> None:
    """Raise ValueError when a width or precision of ``fmt`` (literal, or taken from ``args``) is over
    ``MAX_LENGTH``."""
    if not isinstance(fmt, str):
        return
    position = 0
    for match in CONVERSION.finditer(fmt):
        if match.group(3) == "%":
            continue
        for part in match.group(1, 2):
            if part == "*":
                value = args[position] if position < len(args) else 0
                position += 1
            else:
                value = part
            try:
                number = abs(int(value or 0))
            except (TypeError, ValueError):
                number = 0
            if number > MAX_LENGTH:
                raise ValueError(f"printf: a width or precision over {MAX_LENGTH} characters")
        position += 1  # the argument the conversion formats


def printf(*args: Any) -> Any:
    """SQLite's ``printf(format, args…)``, refused when a width or precision is over ``MAX_LENGTH``."""
    if not args:
        return None
    _checked(args[0], args[1:])
    placeholders = ", ".join("?" * len(args))
    return _formatter().execute(f"select printf({placeholders})", args).fetchone()[0]


def bound(conn: sqlite3.Connection) -> None:
    """Apply the bounds to ``conn``."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_LENGTH)
    for name in ("printf", "format"):
        conn.create_function(name, -1, printf, deterministic=True)
