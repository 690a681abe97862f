"""The bundled PDFs, the document registry and publishing to SQLite."""

from typing import Any

from .bundled import bundled_pdfs

__all__ = ["bundled_pdfs", "publish"]


def __getattr__(name: str) -> Any:
    """``publish`` (sqlite-utils, spaCy) on first use: ``planarkiv ingest`` reads the registry without it."""
    if name == "publish":
        from .publish import publish

        return publish
    raise AttributeError(f"module 'planarkiv.corpus' has no attribute {name!r}")
