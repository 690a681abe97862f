"""PDF -> layout (pdfplumber) -> document kind -> typed records."""

from collections.abc import Callable
from typing import Any, Literal

from .errors import ExtractionError

__all__ = ["OCR_MODES", "ExtractionError", "OcrMode", "OcrProgress", "extract"]

# Which pages are OCR'd: those with an image and no glyphs, every page (its text layer set aside), none.
OcrMode = Literal["auto", "force", "off"]
OCR_MODES: tuple[OcrMode, ...] = ("auto", "force", "off")
# Told as each page's OCR begins: its number and the document's page count (OCR takes seconds a page).
OcrProgress = Callable[[int, int], None]


def __getattr__(name: str) -> Any:
    """``extract`` (pdfplumber, spaCy, pydantic) on first use: ``planarkiv ingest`` hashes files with
    ``fingerprint`` and, when nothing is new, ends without loading them."""
    if name == "extract":
        from .pipeline import extract

        return extract
    raise AttributeError(f"module 'planarkiv.extract' has no attribute {name!r}")
