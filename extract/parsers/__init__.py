"""The registry of document kinds: one module per kind in this package, found by the kind detector.

A kind module defines ``PARSER``, an object with ``kind`` (a DocumentKind), ``detect(layout) -> float``
(how strongly the content looks like this kind, 0..1) and ``parse(layout, document) -> Extraction``.
Adding a kind is adding a module here; nothing else changes.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import Protocol

from planarkiv.schema import Document, DocumentKind, Extraction

from ..layout import Layout


class KindParser(Protocol):
    kind: DocumentKind

    def detect(self, layout: Layout) -> float: ...

    def parse(self, layout: Layout, document: Document) -> Extraction: ...


@cache
def parsers() -> tuple[KindParser, ...]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        parser = getattr(module, "PARSER", None)
        if parser is not None:
            found.append(parser)
    return tuple(sorted(found, key=lambda p: p.kind.value))
