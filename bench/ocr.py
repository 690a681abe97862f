"""(6) OCR seconds per page: scanned copies of the bundled PDFs (``tests/corpus_builder/scanned.py``) read by
Tesseract.

The scans are made here (200 dpi grey, turned, blurred, speckled; not committed). ``ocr.read_page`` is
timed page by page: render at 300 dpi, clean, straighten, find and erase the rules, Tesseract, measure the
type. Tesseract runs on one thread, as in an ingest worker; ``--jobs 2`` reads two documents at once.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from statistics import median

import pdfplumber

from .common import CORPUS, ROOT, Section, pdfs, progress, stopwatch


def run() -> Section:
    import sys

    from planarkiv.extract import ocr

    sys.path.insert(0, str(ROOT / "tests"))  # the scans are made by the test tooling, not installed
    from corpus_builder.scanned import scanned_copy

    section = Section("OCR of scanned pages", ["document", "pages", "OCR s/page (median)", "OCR s/page (max)",
                                               "mean confidence"])
    reason = ocr.missing()
    if reason:
        section.notes.append(f"Not measured: {reason}.")
        return section
    every: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for source in pdfs(CORPUS):
            progress(f"ocr: {source.name}")
            scan = scanned_copy(source, Path(folder) / source.name)
            seconds, confidences = [], []
            with pdfplumber.open(scan) as pdf:
                for page in pdf.pages:
                    with stopwatch() as t:
                        confidences.append(ocr.read_page(page).confidence)
                    seconds.append(t[0])
                    page.close()
            every += seconds
            section.rows.append([source.name, str(len(seconds)), f"{median(seconds):.2f}",
                                 f"{max(seconds):.2f}", f"{sum(confidences) / len(confidences):.1f}"])
    section.rows.append(["all", str(len(every)), f"{median(every):.2f}", f"{max(every):.2f}", ""])
    return section
