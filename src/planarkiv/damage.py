"""What pdfminer and pdfplumber say about a damaged file, collected per file instead of printed bare.

pdfminer reads past damage it can survive (a corrupted compressed stream, a font descriptor that is not
there, an object that is not where the cross-reference table says) and says so through ``logging``
(``Data-loss while decompressing corrupted data``) or ``warnings``. Printed as they come, those lines
name no file and are lost among a batch's lines. ``collected`` gathers them while one file is read, so the
file's line and its ``documents.damage`` column can say that it was read damaged and how.
"""

from __future__ import annotations

import logging
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

LOGGERS = ("pdfminer", "pdfplumber")


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def collected() -> Iterator[list[str]]:
    """Inside the block, the warnings of the PDF libraries go to the list yielded (and nowhere else)."""
    collector = _Collector()
    loggers = [logging.getLogger(name) for name in LOGGERS]
    propagate = [logger.propagate for logger in loggers]
    for logger in loggers:
        logger.addHandler(collector)
        logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                yield collector.messages
            finally:
                collector.messages.extend(str(warning.message) for warning in caught)
    finally:
        for logger, before in zip(loggers, propagate, strict=True):
            logger.removeHandler(collector)
            logger.propagate = before


def summary(messages: list[str], limit: int = 3) -> str | None:
    """The distinct messages on one line, most frequent first, with how often each came (``(12×)``);
    None when there were none."""
    if not messages:
        return None
    counts = Counter(" ".join(message.split())[:200] for message in messages)
    shown = [f"{text} ({n}×)" if n > 1 else text for text, n in counts.most_common(limit)]
    more = len(counts) - len(shown)
    return "; ".join(shown) + (f"; {more} more" if more > 0 else "")
