from __future__ import annotations

import json
from pathlib import Path

import pytest

from planarkiv.schema import Extraction

ROOT = Path(__file__).resolve().parents[1]
PDF_DIR = ROOT / "corpus" / "pdfs"
GOLD_DIR = ROOT / "tests" / "gold"
SHARED = ROOT.parent / "shared"

KINDS = {
    "beskaeftigelsesplan-2016-2020-version-2018": "plan",
    "mulige-temaer-beskaeftigelsesaftale-2012": "themes",
    "bilag-1-udmoentningsplan-2010": "initiative_sheet",
    "handleplan-udsatte-borgere-2016": "action_plan",
    "budget-2027-bevillinger-der-udloeber": "budget_expiry",
}


ACCURACY_TABLE = pytest.StashKey[str]()
LINEAGE_TABLE = pytest.StashKey[str]()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """Print the accuracy tables (tests/test_accuracy.py, tests/test_lineage.py) in the test log, so CI
    shows the figures."""
    for key, title in ((ACCURACY_TABLE, "extraction accuracy against tests/gold"),
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
