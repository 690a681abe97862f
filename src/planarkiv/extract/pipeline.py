"""One PDF in, one Extraction out."""

from __future__ import annotations

import gc
import re
from pathlib import Path

import planarkiv
from planarkiv.schema import Document, DocumentKind, Extraction, OcrPage

from . import OcrMode, OcrProgress
from .danish import nlp
from .detect import detect_parser
from .errors import NO_TEXT_LAYER, ExtractionError, file_text
from .facts import document_facts
from .fingerprint import file_sha256
from .layout import Layout, read_layout
from .parsers import module_of
from .series import series_of


def _title(layout: Layout) -> str:
    """The PDF's own title if it has one, else the first line of text, else the file name."""
    title = layout.metadata.get("Title", "").strip()
    if title:
        return title
    for line in layout.text.splitlines():
        if len(re.sub(r"\W", "", line)) >= 3:
            return line.strip()[:200]
    return file_text(layout.path.stem)


def extract(path: Path, ocr: OcrMode = "auto", on_ocr: OcrProgress | None = None) -> Extraction:
    """Extract the records of one PDF. Raises ExtractionError (one line, naming the file) when unreadable.

    ``ocr``: which pages are OCR'd (``layout.read_layout``); the document's ``ocr_pages`` name them, each
    with Tesseract's mean word confidence. The document records what read it: the planarkiv version, the
    parser module and its ``VERSION`` (``extract/parsers``), so a newer extractor knows to read it again.
    ``on_ocr`` is told as each page's OCR begins.

    The answers the parsers remember per text (entities, sentences) are dropped after each document: they
    serve its parsers, memory does not grow over a batch, and extracting the same file again (a benchmark
    pass) costs what the first time did.

    While the document is read, the objects that were alive before (the spaCy pipeline, the lemma table,
    the caller's earlier records) are frozen out of Python's cyclic garbage collector (``gc.freeze``):
    reading a PDF allocates millions of glyph dicts, and each full collection would otherwise walk all of
    those older objects again (on the bundled corpus that cost more than a fifth of pdfplumber's own
    parsing). They are unfrozen afterwards, so nothing is kept from collection for good; a caller that
    froze objects itself is left alone.
    """
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        return _extract(Path(path), ocr, on_ocr)
    finally:
        if freeze:
            gc.unfreeze()
        nlp.forget_texts()


def _extract(path: Path, ocr: OcrMode, on_ocr: OcrProgress | None) -> Extraction:
    layout = read_layout(path, ocr, on_ocr)
    if not layout.pages:
        raise ExtractionError(path, "the PDF has no pages")
    if not layout.text.strip():
        if any(page.words for page in layout.pages):  # the filters' verdict, not the file's: tried again
            raise ExtractionError(path, "no body text: every word is a page number, running header or "
                                        "footnote", permanent=False)
        if layout.ocr:
            raise ExtractionError(path, "OCR found no text on its pages")
        if layout.ocr_missing or ocr == "off":
            why = layout.ocr_missing or "OCR is off (--ocr auto reads it)"
            raise ExtractionError(path, f"{NO_TEXT_LAYER}; {why}")
        raise ExtractionError(path, "no text on its pages (no text layer, no image to OCR)")
    digest = file_sha256(path)
    document = Document(
        id=digest[:16],
        kind=DocumentKind.UNKNOWN,
        title=_title(layout),
        source_file=file_text(path.name),
        sha256=digest,
        pages=len(layout.pages),
        ocr_pages=[OcrPage(page=page, confidence=round(confidence, 1))
                   for page, confidence in layout.ocr.items()],
        extractor_version=planarkiv.__version__,
    )
    pages_text = [p.text for p in layout.pages]
    parser = detect_parser(layout)
    if parser is None:
        extraction = Extraction(document=document, pages_text=pages_text)
    else:
        module = module_of(parser)
        document = document.model_copy(update={"kind": parser.kind, "parser": module.__name__,
                                               "parser_version": module.VERSION})
        extraction = parser.parse(layout, document).model_copy(update={"pages_text": pages_text})
    doc = extraction.document
    update: dict[str, object] = {"series": series_of(doc.kind, doc.title, doc.period_start, doc.period_end)}
    if parser is not None and not getattr(parser, "fallback", False):
        # a kind parser reads its own title and year, not these; the fallback reads all the facts itself
        facts = document_facts(layout)
        update |= {"author": facts.author, "date": facts.date}
    return extraction.model_copy(update={"document": doc.model_copy(update=update)})
