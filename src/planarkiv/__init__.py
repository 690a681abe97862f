"""planarkiv: plans, agreements, action plans and budget notes as typed records, a graph and SQLite.

``planarkiv.extract.extract(path)`` gives the records of one PDF; ``planarkiv.schema`` holds their models;
``planarkiv.open("planarkiv.db")`` opens a published database for questions across years
(``planarkiv.library``).
"""

import importlib
from typing import Any

from planarkiv import extract
from planarkiv.extract import ExtractionError

__version__ = "0.2.0"  # record ids derived from content; stored extractions record what made them
__all__ = ["ExtractionError", "__version__", "extract", "open", "schema"]


def __getattr__(name: str) -> Any:
    """``planarkiv.schema`` (pydantic) and ``planarkiv.open`` on first use, so that ``planarkiv ingest`` of
    an unchanged batch starts without them."""
    if name == "schema":
        return importlib.import_module("planarkiv.schema")
    if name == "open":
        return importlib.import_module("planarkiv.library").open
    raise AttributeError(f"module 'planarkiv' has no attribute {name!r}")
