from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import spacy
import srsly
from spacy.language import Language

from planarkiv.schema import Extraction

if TYPE_CHECKING:
    import pdfplumber

    from planarkiv.extract.ocr import ScannedPage

ROOT = Path(__file__).resolve().parents[1]
PDF_DIR = ROOT / "corpus" / "pdfs"
GOLD_DIR = ROOT / "tests" / "gold"
PATTERNS_DIR = ROOT / "extract" / "danish" / "data" / "patterns"
SHARED = ROOT.parent / "shared"

KINDS = {
    "beskaeftigelsesplan-2016-2020-version-2018": "plan",
    "mulige-temaer-beskaeftigelsesaftale-2012": "themes",
    "bilag-1-udmoentningsplan-2010": "initiative_sheet",
    "handleplan-udsatte-borgere-2016": "action_plan",
    "budget-2027-bevillinger-der-udloeber": "budget_expiry",
}


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
    """Scanned copies of the five bundled PDFs (``corpus.builder.scanned``), by the original's file name."""
    from corpus.builder.scanned import scanned_copy

    folder = tmp_path_factory.mktemp("scanned")
    return {path.name: scanned_copy(path, folder / path.name) for path in sorted(PDF_DIR.glob("*.pdf"))}


@pytest.fixture(scope="session")
def scanned_extractions(scanned_pdfs: dict[str, Path], ocr_cache) -> dict[str, Extraction]:
    """The scanned copies extracted once per session, by the original's file name."""
    from planarkiv.extract import extract

    ocr_cache(list(scanned_pdfs.values()))
    return {name: extract(path) for name, path in scanned_pdfs.items()}


@pytest.fixture(scope="session")
def realworld_dir() -> Path:
    path = SHARED / "realworld-pdfs"
    if not path.is_dir():
        pytest.skip("../shared/realworld-pdfs is not beside this checkout")
    return path


def _tokenizers() -> list[tuple[str, Callable[[], Language]]]:
    def project() -> Language:
        from planarkiv.extract.danish import nlp

        return nlp.blank()

    return [("spacy.blank", lambda: spacy.blank("da")), ("project tokenizer", project)]


@pytest.fixture(scope="module", params=_tokenizers(), ids=lambda p: p[0])
def ruler(request: pytest.FixtureRequest) -> Language:
    """A blank Danish pipeline with only the MONEY and PERIOD patterns, on plain spaCy's tokenizer and on
    the project's (extract/nlp.py: abbreviations kept whole), for tests/test_money.py and test_periods.py."""
    nlp = spacy.blank("da")
    nlp.tokenizer.from_bytes(request.param[1]().tokenizer.to_bytes())
    entity_ruler = nlp.add_pipe("entity_ruler", config={"validate": True})
    for name in ("money.jsonl", "periods.jsonl"):
        entity_ruler.add_patterns(list(srsly.read_jsonl(PATTERNS_DIR / name)))
    return nlp
