"""(1) Pages per second of the full pipeline (extract, link, publish) beside pdfplumber's ``extract_text``.

Both run in this one process over the same files, interleaved file by file (pdfplumber reads a file, then
planarkiv extracts it), so a change in the load of the machine falls on both alike. Each set is read
``PASSES`` times; for each file and each side the fastest pass counts (the least disturbed by other work on
the machine: a burst of it during one long file would otherwise decide the figure), and so does the
fastest link and publish.
planarkiv keeps nothing of a file once it is extracted (``extract`` drops its per-text answers), so a
later pass costs what the first did. The one-off start-up (imports, building the spaCy pipeline, reading
the lemma table) is measured once and reported apart: an ingest pays it once per run, not per page.

Each time is taken twice: on the wall clock, and as CPU time (this process's, and its children's: the
Tesseract runs of OCR). On a shared machine the wall clock also counts the time a side waited for a core
while other work ran, which falls on one side or the other by chance; CPU time counts only the work done,
so its ratio moves far less from run to run.

The real-world set is measured twice: with ``ocr="off"``, planarkiv reading the same text layers
pdfplumber reads (a scanned page has none, so pdfplumber reads nothing there either), and as an ingest
reads it (``ocr="auto"``), Tesseract typing its scanned page. The difference is the OCR's share; its
seconds per page are section 6's.
"""

from __future__ import annotations

import gc
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pdfplumber

from .common import CORPUS, REALWORLD, Section, pdfs, progress, ratio, stopwatch

if TYPE_CHECKING:
    from planarkiv.extract import OcrMode

PASSES = 3


def startup_seconds() -> float:
    with stopwatch() as t:
        from planarkiv.extract.danish import lemmas, nlp
        from planarkiv.extract.parsers import parsers
        from planarkiv.extract.pipeline import extract  # noqa: F401  (imports the parsers' libraries)

        parsers()  # the kind modules, found and imported on the first detection
        nlp.nlp()
        lemmas.lemma("jobklubber")  # the lemma table, which publishing reads
    return t[0]


def plumber_pages(path: Path) -> int:
    """pdfplumber alone: open the PDF and ``extract_text()`` every page. Pages read; an unreadable file
    (empty, encrypted) counts no pages for either side.

    The objects alive before (planarkiv's spaCy pipeline and lemma table, loaded in this process) are
    frozen out of the garbage collector meanwhile, as ``extract`` does for its own reading: a process with
    pdfplumber alone would not have them for each collection to walk.
    """
    pages = 0
    gc.freeze()
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
    except Exception:
        return 0
    finally:
        gc.unfreeze()
    return pages


def _cpu() -> float:
    """CPU seconds of this process and of the children it has waited for (Tesseract)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


Seconds = tuple[float, float]  # (wall clock, CPU time)


@contextmanager
def timer() -> Iterator[list[Seconds]]:
    """``with timer() as t: ...`` then ``t[0]`` is the (wall, CPU) seconds it took."""
    taken = [(0.0, 0.0)]
    wall, cpu = time.perf_counter(), _cpu()
    try:
        yield taken
    finally:
        taken[0] = (time.perf_counter() - wall, _cpu() - cpu)


@dataclass
class Pass:
    """(Wall, CPU) seconds of one pass: pdfplumber and planarkiv's extraction per file, then link and
    publish."""

    pages: int
    plumber: list[Seconds]
    extract: list[Seconds]
    link: Seconds
    publish: Seconds


def interleaved_pass(paths: list[Path], ocr: OcrMode) -> Pass:
    """Each file read by pdfplumber, then extracted by planarkiv; then the graph and a fresh database."""
    from planarkiv.corpus.publish import publish
    from planarkiv.extract import ExtractionError
    from planarkiv.extract.pipeline import extract
    from planarkiv.graph import relations

    pages, plumber_s, extract_s = 0, [], []
    extractions, sources = [], {}
    for path in paths:
        with timer() as t:
            pages += plumber_pages(path)
        plumber_s.append(t[0])
        with timer() as t:
            try:
                extraction = extract(path, ocr)
            except ExtractionError:
                extraction = None
        extract_s.append(t[0])
        if extraction is not None:
            extractions.append(extraction)
            sources[extraction.document.sha256] = path
    with timer() as t_link:
        linked = relations(extractions)
    with tempfile.TemporaryDirectory() as tmp, timer() as t_publish:
        publish(Path(tmp) / "bench.db", extractions, linked, sources=sources)
    return Pass(pages, plumber_s, extract_s, t_link[0], t_publish[0])


def _fastest(passes: list[Pass], clock: int) -> tuple[float, float, float, float]:
    """Seconds on one clock (0 wall, 1 CPU) of pdfplumber, extraction, link and publish: per file and side
    the fastest pass, summed; the fastest link and publish."""
    plumber = sum(min(t[clock] for t in file) for file in zip(*(p.plumber for p in passes), strict=True))
    extract = sum(min(t[clock] for t in file) for file in zip(*(p.extract for p in passes), strict=True))
    return (plumber, extract, min(p.link[clock] for p in passes), min(p.publish[clock] for p in passes))


def run() -> Section:
    progress("throughput: start-up (imports, spaCy pipeline, lemma table)")
    startup = startup_seconds()
    section = Section(
        "1. Throughput: full pipeline beside pdfplumber `extract_text()`",
        ["PDFs", "files", "pages", "pdfplumber s", "planarkiv s (extract + link + publish)",
         "pdfplumber pages/s", "planarkiv pages/s", "planarkiv / pdfplumber",
         "CPU time: planarkiv / pdfplumber", "load average (1 min)"],
    )
    sets: list[tuple[str, Path, OcrMode]] = [
        ("bundled corpus (`src/planarkiv/corpus/pdfs`)", CORPUS, "auto"),
        ("real-world (`../shared/realworld-pdfs`), `--ocr off`", REALWORLD, "off"),
        ("real-world (`../shared/realworld-pdfs`), `--ocr auto`", REALWORLD, "auto"),
    ]
    for name, folder, ocr in sets:
        paths = pdfs(folder)
        if not paths:
            continue
        passes = []
        for i in range(PASSES):
            progress(f"throughput: {folder.name}, OCR {ocr}, pdfplumber and planarkiv by turns, "
                     f"pass {i + 1}/{PASSES}")
            passes.append(interleaved_pass(paths, ocr))
        load = os.getloadavg()[0]
        pages = passes[0].pages
        (plumber, extract, link, publish), (plumber_cpu, extract_cpu, link_cpu, publish_cpu) = (
            _fastest(passes, clock) for clock in (0, 1))
        planarkiv = extract + link + publish
        planarkiv_cpu = extract_cpu + link_cpu + publish_cpu
        section.rows.append([
            name, str(len(paths)), str(pages), f"{plumber:.2f}",
            f"{planarkiv:.2f} ({extract:.2f} + {link:.2f} + {publish:.2f})",
            f"{pages / plumber:.2f}", f"{pages / planarkiv:.2f}", ratio(planarkiv, plumber),
            f"{ratio(planarkiv_cpu, plumber_cpu)} ({planarkiv_cpu:.2f} vs {plumber_cpu:.2f} s)",
            f"{load:.2f}",
        ])
    section.notes = [
        f"pdfplumber and planarkiv take turns file by file in one process; {PASSES} passes over each set, "
        "the faster time of each file counting for each side. One-off start-up per process, not included "
        f"above: {startup:.2f} s (imports, the spaCy pipeline with its entity ruler, the lemma table).",
        "Pages are those pdfplumber could open; the empty and the encrypted sample PDFs count for neither.",
        "`--ocr off`: planarkiv reads the text layers pdfplumber reads; `--ocr auto` adds Tesseract's "
        "reading of the scanned page, which pdfplumber does not read (the difference of the two rows).",
        "CPU time: the same fastest passes counted in CPU seconds (this process and Tesseract) instead of "
        "wall seconds; on a machine others share it is the steadier of the two ratios.",
        "Both sides pay pdfminer's and pdfplumber's parsing of every glyph into `Page.chars`, most of "
        "pdfplumber's time (about 85-90% on these files); what planarkiv adds is its own: bold glyphs "
        "de-duplicated, words, reading order, the kind detectors and parsers, the entity ruler, the graph "
        "and the database with its lemmas and FTS5 index.",
    ]
    return section
