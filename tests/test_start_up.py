"""The read side starts light: ``import planarkiv``, the Python API, the search function and the Datasette
plugin load no spaCy, pdfplumber or NetworkX until a call needs them, so a notebook's ``planarkiv.open``
and ``planarkiv serve`` start in a fraction of the time extraction's libraries take to import. Each check
runs in a fresh interpreter, as a user's does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from helpers import fake_pdf, sample_extraction
from planarkiv.corpus.publish import publish
from planarkiv.graph import relations

HEAVY = ("spacy", "pdfplumber", "networkx")


def loaded_after(code: str) -> list[str]:
    """The heavy libraries a fresh interpreter has loaded after running ``code``."""
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.mark.parametrize("code", [
    "import planarkiv; planarkiv.open; planarkiv.schema",
    "import planarkiv.library",
    "import planarkiv.datasette_plugin",
    "import planarkiv.cli",
    "from planarkiv.corpus.search import fts_query; "
    "assert fts_query('jobklubberne') == '(\"jobklubberne\" OR \"jobklub\")'",
])
def test_importing_the_read_side_loads_no_extraction_library(code: str) -> None:
    assert loaded_after(code) == []


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("start-up")
    pdf, sha = fake_pdf(folder, "bilag.pdf", b"sheet")
    extraction = sample_extraction(sha, pdf.name)
    path = folder / "planarkiv.db"
    publish(path, [extraction], relations([extraction]))
    return path


def test_reading_records_and_searching_loads_no_extraction_library(db_path: Path) -> None:
    code = (f"import planarkiv; lib = planarkiv.open({str(db_path)!r})\n"
            "assert lib.documents() and lib.goals() and lib.amounts(year=2010)\n"
            "assert [i.number for i in lib.initiatives(search='jobklubberne')] == ['1.4']\n"
            "assert lib.initiatives(office='BIF')\n")
    assert loaded_after(code) == []


def test_networkx_is_loaded_when_a_lineage_is_followed(db_path: Path) -> None:
    code = (f"import planarkiv; lib = planarkiv.open({str(db_path)!r})\n"
            "lib.lineage(lib.initiatives()[0])\n")
    assert loaded_after(code) == ["networkx"]
