"""The registry of document kinds: one module per kind in this package, found by the kind detector.

A kind module defines ``PARSER``, an object with ``kind`` (a DocumentKind), ``detect(layout) -> float`` (how
strongly the content looks like this kind, 0..1) and ``parse(layout, document) -> Extraction``, and
``VERSION``, an integer written as a literal on a line of its own (``VERSION = 3``). Adding a kind is adding a
module here; nothing else changes. A package of its own adds one through the entry-point group
``planarkiv.parsers`` (``schema.enums.PARSER_ENTRY_POINTS``), naming a module that defines ``PARSER`` and
``VERSION`` and creates its kind with ``DocumentKind.extra``. One parser is the ``fallback`` (its ``fallback``
attribute true): it reads the documents no kind claims. The registry refuses two parsers of one kind, two
fallbacks and a module without an integer ``VERSION``, as spaCy's registries refuse a name registered twice.

``VERSION`` is the version of what the parser extracts. Bump it in every change that can change its output
(another record, field, title, amount or relation from the same PDF; the tests of that kind show it), not for
a change that leaves every extraction as it was (a refactoring, a faster way to the same records). A change
to what the parsers share (the layout, ``extract/danish``, ``extract/records.py``) changes what the kinds it
reaches extract: bump each of them (or release a new planarkiv version, which reads everything again). Each
document records its parser and that parser's version (``Document.parser``, ``parser_version``) beside the
planarkiv version, and ``planarkiv ingest`` extracts again every stored document whose parser now has
another version than the one that read it (``installed_version``).

This module imports nothing heavy until the parsers themselves are asked for: ``installed_version`` answers
for ``planarkiv ingest`` of an unchanged batch, which loads neither pydantic nor spaCy.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import re
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from planarkiv.schema import Document, DocumentKind, Extraction

    from ..layout import Layout


_VERSION_LINE = re.compile(r"^VERSION(?:\s*:\s*int)?\s*=\s*(?P<version>\d+)\s*(?:#.*)?$", re.MULTILINE)


class KindParser(Protocol):
    kind: DocumentKind

    def detect(self, layout: Layout) -> float: ...

    def parse(self, layout: Layout, document: Document) -> Extraction: ...


class RegistryError(RuntimeError):
    """Two parsers claim one kind, two claim to be the fallback, or a parser module has no VERSION."""


def register(found: Iterable[tuple[str, KindParser, object]]) -> tuple[KindParser, ...]:
    """The parsers of (module name, parser, module's ``VERSION``) triples, by kind; two parsers of one
    kind, two fallbacks and a version that is no integer are refused."""
    by_kind: dict[DocumentKind, tuple[str, KindParser]] = {}
    for name, parser, version in found:
        if not isinstance(version, int):
            raise RegistryError(f"parser module {name} has no VERSION (an integer, bumped when its output "
                                "changes)")
        if parser.kind in by_kind:
            first = by_kind[parser.kind][0]
            raise RegistryError(f"two parsers for kind {parser.kind.value!r}: {first} and {name}")
        by_kind[parser.kind] = (name, parser)
    fallbacks = [name for name, parser in by_kind.values() if getattr(parser, "fallback", False)]
    if len(fallbacks) > 1:
        raise RegistryError(f"more than one fallback parser: {', '.join(fallbacks)}")
    return tuple(sorted((parser for _, parser in by_kind.values()), key=lambda p: p.kind.value))


@cache
def _modules() -> tuple[ModuleType, ...]:
    """The parser modules of this package, then those of the ``planarkiv.parsers`` entry points."""
    from importlib.metadata import entry_points

    from planarkiv.schema.enums import PARSER_ENTRY_POINTS

    own = [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)]
    others = [entry.load() for entry in entry_points(group=PARSER_ENTRY_POINTS)]
    return tuple(module for module in [*own, *others] if hasattr(module, "PARSER"))


@cache
def parsers() -> tuple[KindParser, ...]:
    """The registered parsers, by kind."""
    return register((module.__name__, module.PARSER, getattr(module, "VERSION", None))
                    for module in _modules())


def fallback() -> KindParser | None:
    """The parser of documents no kind claims."""
    return next((p for p in parsers() if getattr(p, "fallback", False)), None)


def module_of(parser: KindParser) -> ModuleType:
    """The module that defines ``parser``: its name and ``VERSION`` go with each document it reads."""
    return next(module for module in _modules() if module.PARSER is parser)


def installed_version(module: str) -> int | None:
    """The ``VERSION`` of parser module ``module`` as installed now; None when there is no such module (it
    was removed or renamed: what it read is read again by today's parsers).

    A module already imported is asked; any other is read from its source without importing it (the
    ``VERSION = N`` assignment), so that telling whether stored extractions are current loads none of the
    parsers' libraries. A module without readable source (installed as bytecode only) is imported.
    """
    if module in sys.modules:
        return getattr(sys.modules[module], "VERSION", None)
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    version = _literal_version(Path(spec.origin)) if spec.origin and spec.origin.endswith(".py") else None
    return version if version is not None else getattr(importlib.import_module(module), "VERSION", None)


def _literal_version(source: Path) -> int | None:
    """The integer of the module-level ``VERSION = N`` line (or ``VERSION: int = N``) of a source file."""
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = _VERSION_LINE.search(text)
    return int(found["version"]) if found else None
