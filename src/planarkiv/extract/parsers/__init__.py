"""The registry of document kinds: one module per kind in this package, found by the kind detector.

A kind module defines ``PARSER``, an object with ``kind`` (a DocumentKind), ``detect(layout) -> float``
(how strongly the content looks like this kind, 0..1) and ``parse(layout, document) -> Extraction``.
Adding a kind is adding a module here; nothing else changes. A package of its own adds one through the
entry-point group ``planarkiv.parsers`` (``schema.enums.PARSER_ENTRY_POINTS``), naming a module that
defines ``PARSER`` and creates its kind with ``DocumentKind.extra``. One parser is the ``fallback`` (its
``fallback`` attribute true): it reads the documents no kind claims. The registry refuses two parsers of
one kind and two fallbacks, as spaCy's registries refuse a name registered twice.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from functools import cache
from importlib.metadata import entry_points
from typing import Protocol

from planarkiv.schema import Document, DocumentKind, Extraction
from planarkiv.schema.enums import PARSER_ENTRY_POINTS

from ..layout import Layout


class KindParser(Protocol):
    kind: DocumentKind

    def detect(self, layout: Layout) -> float: ...

    def parse(self, layout: Layout, document: Document) -> Extraction: ...


class RegistryError(RuntimeError):
    """Two parsers claim one kind, or two claim to be the fallback."""


def register(found: Iterable[tuple[str, KindParser]]) -> tuple[KindParser, ...]:
    """The parsers of (module name, parser) pairs, by kind; two parsers of one kind or two fallbacks are
    refused."""
    by_kind: dict[DocumentKind, tuple[str, KindParser]] = {}
    for name, parser in found:
        if parser.kind in by_kind:
            first = by_kind[parser.kind][0]
            raise RegistryError(f"two parsers for kind {parser.kind.value!r}: {first} and {name}")
        by_kind[parser.kind] = (name, parser)
    fallbacks = [name for name, parser in by_kind.values() if getattr(parser, "fallback", False)]
    if len(fallbacks) > 1:
        raise RegistryError(f"more than one fallback parser: {', '.join(fallbacks)}")
    return tuple(sorted((parser for _, parser in by_kind.values()), key=lambda p: p.kind.value))


@cache
def parsers() -> tuple[KindParser, ...]:
    """The parser modules of this package, then those of the ``planarkiv.parsers`` entry points."""
    own = [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)]
    others = [entry.load() for entry in entry_points(group=PARSER_ENTRY_POINTS)]
    modules = [*own, *others]
    return register((module.__name__, module.PARSER) for module in modules if hasattr(module, "PARSER"))


def fallback() -> KindParser | None:
    """The parser of documents no kind claims."""
    return next((p for p in parsers() if getattr(p, "fallback", False)), None)
