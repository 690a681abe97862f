"""(5) Peak resident memory when ingesting one long PDF, and how it grows with the number of pages.

The long PDFs are built here (not committed) by repeating the pages of the bundled budget-card PDF with
pypdf: a 100-page and a 500-page document of the same kind. If memory did not stream by page it would
grow with every page's glyphs; what may grow is the records (the cards) themselves.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from .common import CORPUS, Section, ingest_command, progress, run_timed

SOURCE = CORPUS / "budget-2027-bevillinger-der-udloeber.pdf"
PAGE_COUNTS = (100, 500)


def long_pdf(pages: int, target: Path) -> Path:
    source = PdfReader(SOURCE)
    writer = PdfWriter()
    for i in range(pages):
        writer.add_page(source.pages[i % len(source.pages)])
    writer.add_metadata({"/Title": f"Budget 2027: bevillinger der udløber (gentaget til {pages} sider)"})
    with target.open("wb") as out:
        writer.write(out)
    return target


def run() -> Section:
    section = Section("5. Memory: one long PDF",
                      ["pages", "seconds", "pages/s", "peak RSS of the largest process (MB)",
                       "records in the database (initiatives)"])
    peaks: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for pages in PAGE_COUNTS:
            pdf = long_pdf(pages, Path(tmp) / f"long-{pages}.pdf")
            db = Path(tmp) / f"long-{pages}.db"
            progress(f"memory: ingest of a {pages}-page PDF")
            seconds, status, peak = run_timed([*ingest_command([pdf], db), "--timeout", "3600"])
            peaks[pages] = peak
            section.rows.append([str(pages), f"{seconds:.1f}", f"{pages / seconds:.2f}", f"{peak:.0f}",
                                 _initiatives(db) if status == 0 else f"ingest failed (exit {status})"])
    low, high = PAGE_COUNTS
    growth = (peaks[high] - peaks[low]) / (high - low)
    section.notes = [
        f"Built by repeating the {SOURCE.name} pages with pypdf. Growth between {low} and {high} pages: "
        f"{growth * 1024:.0f} KB per page (the records of the cards on it, their text and provenance).",
    ]
    return section


def _initiatives(db: Path) -> str:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return str(conn.execute("select count(*) from initiatives").fetchone()[0])
