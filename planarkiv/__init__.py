"""planarkiv: plans, agreements, action plans and budget notes as typed records, a graph and SQLite.

``planarkiv.extract.extract(path)`` gives the records of one PDF; ``planarkiv.schema`` holds their models.
"""

from planarkiv import extract, schema
from planarkiv.extract import ExtractionError

__version__ = "0.1.0"
__all__ = ["ExtractionError", "__version__", "extract", "schema"]
