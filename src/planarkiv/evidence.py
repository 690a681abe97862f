"""The evidence of a record: its PDF page as an image with the record's rectangle highlighted, and the
text inside that rectangle.

The page is drawn by pdfplumber (``page.to_image``, on pypdfium2) from the PDFs kept beside the database
(``corpus/store.py``). Drawing a page takes a few hundred milliseconds, so each image is drawn once and
kept in a cache folder, named by the PDF's SHA-256, the page and the rectangle: a PDF never changes under
its name, so a cached image never goes stale.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path

RESOLUTION = 110  # dpi: an A4 page about 900 px wide, text readable on a screen
HIGHLIGHT_FILL = (255, 221, 0, 70)
HIGHLIGHT_STROKE = (214, 40, 40, 255)
MAX_TEXT = 600  # characters of the rectangle's text shown on the page
CACHE = Path(tempfile.gettempdir()) / "planarkiv-evidence"

BBox = tuple[float, float, float, float]


def _key(pdf: Path, page: int, bbox: BBox | None) -> str:
    text = f"{pdf.name}:{page}:{bbox}:{RESOLUTION}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def page_image(pdf: Path, page: int, bbox: BBox | None) -> bytes:
    """PNG of page ``page`` (from 1) of ``pdf`` with ``bbox`` (x0, top, x1, bottom in PDF points)
    outlined; from the cache when it was drawn before."""
    cached = CACHE / f"{_key(pdf, page, bbox)}.png"
    if cached.is_file():
        return cached.read_bytes()
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        image = document.pages[page - 1].to_image(resolution=RESOLUTION)
        if bbox is not None:
            image.draw_rect(bbox, fill=HIGHLIGHT_FILL, stroke=HIGHLIGHT_STROKE, stroke_width=3)
        path = CACHE / f"{cached.stem}.{os.getpid()}.tmp"
        CACHE.mkdir(parents=True, exist_ok=True)
        image.save(path, format="PNG")
    os.replace(path, cached)  # written beside and renamed: a second reader never gets half an image
    return cached.read_bytes()


@lru_cache(maxsize=256)
def text_in(pdf: Path, page: int, bbox: BBox) -> str:
    """The text inside ``bbox`` on the page, cut to ``MAX_TEXT`` characters at a word."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        # dedupe_chars: a bold face printed twice over reads once ("FFoorrmmåål" -> "Formål")
        found = document.pages[page - 1].dedupe_chars().within_bbox(bbox, strict=False).extract_text()
    text = " ".join(found.split())
    if len(text) <= MAX_TEXT:
        return text
    return text[:MAX_TEXT].rsplit(" ", 1)[0] + " …"
