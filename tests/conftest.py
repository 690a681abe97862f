from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from planarkiv.extract.layout import Layout
from planarkiv.schema import Extraction

if TYPE_CHECKING:
    import pdfplumber

    from planarkiv.extract import OcrProgress
    from planarkiv.extract.ocr import ScannedPage

ROOT = Path(__file__).resolve().parents[1]
PDF_DIR = ROOT / "src" / "planarkiv" / "corpus" / "pdfs"
GOLD_DIR = ROOT / "tests" / "gold"
PATTERNS_DIR = ROOT / "src" / "planarkiv" / "extract" / "danish" / "data" / "patterns"
SHARED = ROOT.parent / "shared"

KINDS = {
    "beskaeftigelsesplan-2016-2020-version-2018": "plan",
    "mulige-temaer-beskaeftigelsesaftale-2012": "themes",
    "bilag-1-udmoentningsplan-2010": "initiative_sheet",
    "handleplan-udsatte-borgere-2016": "action_plan",
    "budget-2027-bevillinger-der-udloeber": "budget_expiry",
}


LayoutOf = Callable[[Path], Layout]  # the type of the ``bundled_layout`` fixture

ACCURACY_TABLE = pytest.StashKey[str]()
SCANNED_TABLE = pytest.StashKey[str]()
REALWORLD_TABLE = pytest.StashKey[str]()
LINEAGE_TABLE = pytest.StashKey[str]()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """Print the accuracy tables (tests/test_accuracy.py, tests/test_lineage.py) in the test log, so CI
    shows the figures."""
    for key, title in ((ACCURACY_TABLE, "extraction accuracy against tests/gold"),
                       (SCANNED_TABLE, "extraction accuracy of scanned copies (OCR) against tests/gold"),
                       (REALWORLD_TABLE, "real documents of no known kind against tests/gold/realworld-da"),
                       (LINEAGE_TABLE, "lineage (continues) against tests/gold/lineage/efforts.json")):
        table = config.stash.get(key, None)
        if table:
            terminalreporter.write_sep("=", title)
            terminalreporter.write_line(table)


def load_gold(stem: str) -> dict:
    return json.loads((GOLD_DIR / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def bundled_extractions() -> dict[str, Extraction]:
    """The five bundled PDFs extracted once per test session, by file name."""
    from planarkiv.extract import extract

    return {path.name: extract(path) for path in sorted(PDF_DIR.glob("*.pdf"))}


def _ocr_file(path: Path) -> dict[int, ScannedPage]:
    """Every page of a scanned PDF OCR'd (in a worker process of ``ocr_cache``)."""
    import pdfplumber

    from planarkiv.extract import ocr

    with pdfplumber.open(path) as pdf:
        return {page.page_number: ocr.read_page(page) for page in pdf.pages}


@pytest.fixture(scope="session")
def ocr_cache() -> Iterator[Callable[[list[Path]], None]]:
    """OCR each page once per test session: ``ocr.read_page`` answers from a cache, filled by the function
    this fixture gives, which OCRs whole files in two processes (OCR is most of what these tests cost)."""
    from planarkiv.extract import ocr

    reason = ocr.missing()
    if reason:
        pytest.fail(f"{reason}: the OCR tests need it")
    cache: dict[tuple[str, int], ScannedPage] = {}
    read_page = ocr.read_page

    def cached(page: pdfplumber.page.Page) -> ScannedPage:
        key = (str(page.pdf.path), page.page_number)
        if key not in cache:
            cache[key] = read_page(page)
        return cache[key]

    def fill(paths: list[Path]) -> None:
        todo = [path for path in paths if (str(path), 1) not in cache]
        with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
            for path, pages in zip(todo, pool.map(_ocr_file, todo), strict=True):
                cache.update({(str(path), number): scan for number, scan in pages.items()})

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ocr, "read_page", cached)
        yield fill


@pytest.fixture(scope="session")
def scanned_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Scanned copies of the five bundled PDFs (``corpus_builder.scanned``), by the original's file name."""
    from corpus_builder.scanned import scanned_copy

    folder = tmp_path_factory.mktemp("scanned")
    return {path.name: scanned_copy(path, folder / path.name) for path in sorted(PDF_DIR.glob("*.pdf"))}


@pytest.fixture(scope="session")
def scanned_extractions(scanned_pdfs: dict[str, Path], ocr_cache) -> dict[str, Extraction]:
    """The scanned copies extracted once per session, by the original's file name."""
    from planarkiv.extract import extract

    ocr_cache(list(scanned_pdfs.values()))
    return {name: extract(path) for name, path in scanned_pdfs.items()}


@pytest.fixture(scope="session")
def bundled_layout() -> LayoutOf:
    """``read_layout`` of a bundled PDF, read once per session: the detectors and parsers read a layout and
    never change it."""
    from planarkiv.extract.layout import read_layout

    return cache(read_layout)


def _reuse_bundled_extractions(patch: pytest.MonkeyPatch, extractions: dict[str, Extraction]) -> None:
    """``planarkiv.extract.extract`` gives the session's extraction of a bundled PDF instead of reading it
    again (also in ingest's forked workers); any other file is read as usual."""
    import planarkiv.extract

    real = planarkiv.extract.extract

    def extract(path: str | Path, ocr: str = "auto", on_ocr: OcrProgress | None = None) -> Extraction:
        path = Path(path)
        if path.resolve().parent == PDF_DIR and ocr == "auto":
            return extractions[path.name]
        return real(path, ocr, on_ocr)

    patch.setattr(planarkiv.extract, "extract", extract)


@pytest.fixture
def bundled_extract(monkeypatch: pytest.MonkeyPatch, bundled_extractions: dict[str, Extraction]) -> None:
    """For the tests of commands that extract, which are about the command, not the extraction: a bundled
    PDF's extraction is the session's (``bundled_extractions``)."""
    _reuse_bundled_extractions(monkeypatch, bundled_extractions)


@pytest.fixture(scope="session")
def ingested_corpus(tmp_path_factory: pytest.TempPathFactory,
                    bundled_extractions: dict[str, Extraction]) -> Path:
    """The bundled corpus ingested with ``planarkiv ingest`` as ``make demo`` does (once per session, with
    the session's extractions) into planarkiv.db, beside it its PDFs; shared by the ingest, search, facet,
    API and browser tests, which copy it before they change it."""
    from click.testing import CliRunner

    from planarkiv.cli import main

    db_path = tmp_path_factory.mktemp("corpus") / "planarkiv.db"
    with pytest.MonkeyPatch.context() as patch:
        _reuse_bundled_extractions(patch, bundled_extractions)
        result = CliRunner().invoke(main, ["ingest", str(PDF_DIR), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    return db_path


@pytest.fixture(scope="session")
def realworld_dir() -> Path:
    path = SHARED / "realworld-pdfs"
    if not path.is_dir():
        pytest.skip("../shared/realworld-pdfs is not beside this checkout")
    return path


