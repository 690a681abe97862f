from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
import srsly
from spacy.language import Language

from planarkiv.schema import Extraction

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
REALWORLD_TABLE = pytest.StashKey[str]()
LINEAGE_TABLE = pytest.StashKey[str]()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """Print the accuracy tables (tests/test_accuracy.py, tests/test_lineage.py) in the test log, so CI
    shows the figures."""
    for key, title in ((ACCURACY_TABLE, "extraction accuracy against tests/gold"),
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
