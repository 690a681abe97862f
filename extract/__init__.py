"""PDF -> layout (pdfplumber) -> document kind -> typed records."""

from .errors import ExtractionError
from .pipeline import extract

__all__ = ["ExtractionError", "extract"]
