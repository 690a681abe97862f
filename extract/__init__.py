"""PDF -> layout (pdfplumber) -> document kind -> typed records."""

from typing import Any

from .errors import ExtractionError

__all__ = ["ExtractionError", "extract"]


def __getattr__(name: str) -> Any:
    """``extract`` (pdfplumber, spaCy, pydantic) on first use: ``planarkiv ingest`` hashes files with
    ``fingerprint`` and, when nothing is new, ends without loading them."""
    if name == "extract":
        from .pipeline import extract

        return extract
    raise AttributeError(f"module 'planarkiv.extract' has no attribute {name!r}")
