"""PDF -> page layout, on pdfplumber: lines in reading order, with bold, bullets and provenance.

What the municipality's PDFs do, and what this layer undoes (see docs/domain.md), one module a step:

- ``glyphs``: bold printed as every glyph twice, a fraction of a point apart, made one bold glyph; words
  with their size;
- ``reading_order``: two columns, a letterhead sidebar, a card title drawn after the body are read in
  order by recursive XY-cut on the geometry;
- ``lines``: footnote markers glued to words cut off, the footnotes at a page's foot kept apart, bullets
  made an attribute;
- ``chrome``: page numbers, running headers and "Nr. N" labels taken out of the body (labels are kept);
- ``read``: the pages read one at a time, turned upright (``orientation``) or OCR'd (``ocr``) first;
- ``settings``: every tolerance of the above, as one ``LayoutSettings``; ``geometry``: boxes.

Joining lines into paragraphs and undoing hyphenation happens in ``blocks``.
"""

from .chrome import PAGE_NUMBER
from .document import Grid, Layout, PageLayout
from .geometry import Box
from .glyphs import Word
from .lines import Line
from .read import read_layout
from .settings import DEFAULT_SETTINGS, LayoutSettings

__all__ = ["DEFAULT_SETTINGS", "PAGE_NUMBER", "Box", "Grid", "Layout", "LayoutSettings", "Line", "PageLayout",
           "Word", "read_layout"]
