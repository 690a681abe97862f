"""The bundled PDFs, the document registry and publishing to SQLite."""

from .bundled import bundled_pdfs
from .publish import publish

__all__ = ["bundled_pdfs", "publish"]
