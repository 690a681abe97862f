"""(1) Pages per second of the full pipeline (extract, link, publish) beside pdfplumber's ``extract_text``.

Both run in this one process over the same files, alternately (twice over the bundled corpus, the best
time of each counting: the least disturbed by other work on the machine). The one-off start-up (imports,
building the spaCy pipeline, reading the lemma table) is measured once and reported apart: an ingest
pays it once per run, not per page.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pdfplumber

from .common import CORPUS, REALWORLD, Section, pdfs, progress, ratio, stopwatch


def startup_seconds() -> float:
    with stopwatch() as t:
        from planarkiv.extract import nlp
        from planarkiv.extract.pipeline import extract  # noqa: F401  (imports the parsers' libraries)

        nlp.nlp()
        nlp.lemma("jobklubber")  # the lemma table, which publishing reads
    return t[0]


def plumber_pass(paths: list[Path]) -> tuple[int, float]:
    """pdfplumber alone: open each PDF and ``extract_text()`` every page. Pages read and seconds."""
    pages = 0
    with stopwatch() as t:
        for path in paths:
            try:
                with pdfplumber.open(path) as pdf:
                    for page in pdf.pages:
                        page.extract_text()
                        pages += 1
            except Exception:  # an unreadable file (empty, encrypted) counts no pages for either side
                continue
    return pages, t[0]


def pipeline_pass(paths: list[Path]) -> dict[str, float]:
    """planarkiv: extract every PDF, build the graph, publish to a fresh database. Seconds per stage."""
    from planarkiv.corpus.publish import publish
    from planarkiv.extract import ExtractionError
    from planarkiv.extract.pipeline import extract
    from planarkiv.graph import build_graph

    extractions, sources = [], {}
    with stopwatch() as t_extract:
        for path in paths:
            try:
                extraction = extract(path)
            except ExtractionError:
                continue
            extractions.append(extraction)
            sources[extraction.document.sha256] = path
    with stopwatch() as t_link:
        graph = build_graph(extractions)
    with tempfile.TemporaryDirectory() as tmp, stopwatch() as t_publish:
        publish(Path(tmp) / "bench.db", extractions, graph, sources=sources)
    return {"extract": t_extract[0], "link": t_link[0], "publish": t_publish[0],
            "total": t_extract[0] + t_link[0] + t_publish[0], "documents": len(extractions)}


def run() -> Section:
    progress("throughput: start-up (imports, spaCy pipeline, lemma table)")
    startup = startup_seconds()
    section = Section(
        "1. Throughput: full pipeline beside pdfplumber `extract_text()`",
        ["PDFs", "files", "pages", "pdfplumber s", "planarkiv s (extract + link + publish)",
         "pdfplumber pages/s", "planarkiv pages/s", "planarkiv / pdfplumber"],
    )
    sets = [("bundled corpus (`corpus/pdfs`)", CORPUS, 2),
            ("real-world (`../shared/realworld-pdfs`)", REALWORLD, 1)]  # one pass: it takes 2-3 minutes
    for name, folder, repeats in sets:
        paths = pdfs(folder)
        if not paths:
            continue
        best_plumber, best_pipeline, pages = float("inf"), None, 0
        for i in range(repeats):
            progress(f"throughput: {folder.name} pdfplumber, pass {i + 1}/{repeats}")
            pages, seconds = plumber_pass(paths)
            best_plumber = min(best_plumber, seconds)
            progress(f"throughput: {folder.name} planarkiv, pass {i + 1}/{repeats}")
            stages = pipeline_pass(paths)
            if best_pipeline is None or stages["total"] < best_pipeline["total"]:
                best_pipeline = stages
        assert best_pipeline is not None
        total = best_pipeline["total"]
        section.rows.append([
            name, str(len(paths)), str(pages), f"{best_plumber:.2f}",
            f"{total:.2f} ({best_pipeline['extract']:.2f} + {best_pipeline['link']:.2f} + "
            f"{best_pipeline['publish']:.2f})",
            f"{pages / best_plumber:.2f}", f"{pages / total:.2f}", ratio(total, best_plumber),
        ])
    section.notes = [
        "Best of 2 alternating passes over the bundled corpus, one pass over the real-world PDFs. "
        f"One-off start-up per process, not included above: {startup:.2f} s (imports, the spaCy pipeline "
        "with its entity ruler, the Danish lemma table).",
        "Pages are those pdfplumber could open; the empty and the encrypted sample PDFs count for neither.",
    ]
    return section
