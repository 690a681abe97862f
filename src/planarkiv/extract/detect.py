"""Which kind a document is, decided from its content by asking every registered kind parser."""

from __future__ import annotations

from .layout import Layout
from .parsers import KindParser, fallback, parsers

THRESHOLD = 0.5


def detect_parser(layout: Layout) -> KindParser | None:
    """The parser whose kind the content fits best, or the fallback parser below ``THRESHOLD`` (None, kind
    ``unknown``, if there is none)."""
    kinds = [parser for parser in parsers() if not getattr(parser, "fallback", False)]
    scored = [(parser.detect(layout), parser) for parser in kinds]
    best = max(scored, key=lambda item: item[0], default=(0.0, None))
    return best[1] if best[0] >= THRESHOLD else fallback()
