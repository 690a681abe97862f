"""A PDF -> its ``Layout``: each page's words (from the text layer, or OCR'd from the page image) put in
reading order, made lines, and their chrome and footnotes set apart.

A page whose text runs sideways or upside down is turned upright first (``orientation``); a page that is
an image without glyphs is read by OCR (``ocr``), its words typed from the image, into the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from .. import OcrMode, OcrProgress, ocr, orientation
from ..errors import ExtractionError, not_a_file, raised_by_planarkiv
from .chrome import drop_running_headers, strip_chrome, take_chrome
from .document import Layout, PageLayout
from .glyphs import Word, words
from .lines import body_size, make_line, split_footnotes
from .reading_order import ruling_lines, xy_cut
from .settings import DEFAULT_SETTINGS, LayoutSettings


def _reason(exc: BaseException) -> str:
    """One line saying what is wrong with the file, looking through pdfplumber's wrapper exceptions."""
    causes = [exc, *exc.args, exc.__cause__, exc.__context__]
    if any(isinstance(c, PDFPasswordIncorrect | PDFEncryptionError) for c in causes):
        return "encrypted PDF, a password is needed to read it"
    detail = " ".join(str(exc).split())[:160]
    return f"not a readable PDF ({type(exc).__name__}{': ' + detail if detail else ''})"


def _edges(page: pdfplumber.page.Page) -> list[dict]:
    """The page's horizontal and vertical drawn edges (lines, sides of rectangles, segments of curves) with
    their geometry: all the table finder reads of them (it joins no slanted ones). Their colours and paths
    are not kept with the document."""
    return [{"x0": e["x0"], "x1": e["x1"], "top": e["top"], "bottom": e["bottom"], "doctop": e["doctop"],
             "width": e["width"], "height": e["height"], "orientation": e["orientation"],
             "object_type": e["object_type"]}
            for e in page.edges if e["orientation"] is not None]


@dataclass
class _Page:
    """What a page's layout is made from: its words and drawn edges on the upright page, and its size."""

    number: int
    width: float
    height: float
    words: list[Word]
    edges: list[dict]


def _text_layer(page: pdfplumber.page.Page, settings: LayoutSettings) -> _Page:
    """The words of the page's text layer, the page turned upright first where its text runs sideways or
    upside down (``orientation``)."""
    chars, edges = page.chars, _edges(page)
    width, height = float(page.width), float(page.height)
    turn = orientation.page_turn(chars)
    if turn:
        frame, doctop = (width, height), float(page.initial_doctop)
        chars = orientation.turn_chars(chars, turn, frame, doctop)
        edges = orientation.turn_edges(edges, turn, frame, doctop)
        width, height = orientation.upright_frame(turn, frame)
    return _Page(page.page_number, width, height, words(chars, settings), edges)


def _scanned(pages: list[_Page], scans: dict[int, ocr.ScannedPage]) -> None:
    """Give the OCR'd pages (index -> scan) their words, typed over all of them at once (``ocr.type_of``)."""
    typed = ocr.type_of(list(scans.values()))
    for index, scan, found in zip(scans, scans.values(), typed, strict=True):
        pages[index].words = [Word(w.text, w.x0, w.x1, w.top, w.bottom, size, bold)
                              for w, size, bold in found]
        pages[index].edges = scan.edges


def _page_layout(page: _Page, settings: LayoutSettings) -> PageLayout:
    leaves = xy_cut(page.words, ruling_lines(page.edges, settings), settings)
    lines = [make_line(page.number, leaf, settings) for leaf in leaves]
    body = body_size(lines)
    lines, labels = take_chrome(lines, page.height, settings)
    lines, footnotes = split_footnotes(lines, page.height, body, settings)
    return PageLayout(page.number, page.width, page.height, lines, footnotes, labels, page.edges,
                      len(page.words))


def read_layout(path: Path, ocr_mode: OcrMode = "auto", on_ocr: OcrProgress | None = None,
                settings: LayoutSettings = DEFAULT_SETTINGS) -> Layout:
    """Read every page of ``path``; raise ExtractionError with a one-line reason when it cannot be read.

    ``ocr_mode``: ``auto`` OCRs the pages that have an image and no glyphs, ``force`` every page (its text
    layer set aside), ``off`` none. Where Tesseract is missing no page is OCR'd and ``ocr_missing`` says so.
    An exception raised in planarkiv's own code while the pages are read is a bug of ours, not a fault of
    the file: it is raised as it is. ``on_ocr`` is told as each page's OCR begins (number, page count).
    """
    problem = not_a_file(path)
    if problem:
        raise ExtractionError(path, problem)
    if path.stat().st_size == 0:
        raise ExtractionError(path, "empty file (0 bytes)")
    missing: str | None = None
    scans: dict[int, ocr.ScannedPage] = {}
    try:
        with pdfplumber.open(path) as pdf:
            pages = []
            for index, page in enumerate(pdf.pages):
                wanted = ocr_mode == "force" or (ocr_mode == "auto" and ocr.needs_ocr(page))
                if wanted and (missing := missing or ocr.missing()) is None:
                    if on_ocr:
                        on_ocr(page.page_number, len(pdf.pages))
                    scans[index] = scan = ocr.read_page(page)
                    pages.append(_Page(page.page_number, scan.width, scan.height, [], []))
                else:
                    pages.append(_text_layer(page, settings))
                page.close()
            metadata = {str(k): str(v) for k, v in (pdf.metadata or {}).items()}
    except Exception as exc:  # pdfminer raises many unrelated exception types on damaged files
        if raised_by_planarkiv(exc):
            raise
        raise ExtractionError(path, _reason(exc)) from exc
    if scans:
        _scanned(pages, scans)
    layouts = [_page_layout(page, settings) for page in pages]
    drop_running_headers(layouts, settings)
    layout = Layout(path=path, pages=layouts, metadata=metadata, ocr={index + 1: scan.confidence
                    for index, scan in scans.items()}, ocr_missing=missing, settings=settings)
    layout.pages = [strip_chrome(page, layout.body_size, settings) for page in layouts]
    return layout
