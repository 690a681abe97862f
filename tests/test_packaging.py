"""`pip install .` puts everything under `planarkiv`: no top-level schema, graph, extract or corpus."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

# Builds and installs the wheel.
pytestmark = pytest.mark.slow

FORBIDDEN_TOP_LEVEL = {"schema", "graph", "extract", "corpus"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True, cwd=out)
    (built,) = out.glob("planarkiv-*.whl")
    return built


def test_wheel_installs_nothing_top_level_but_planarkiv(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
    top_level = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top_level == {"planarkiv"}
    assert not FORBIDDEN_TOP_LEVEL & top_level
    for package in ("extract", "schema", "corpus", "graph"):
        sources = {f"planarkiv/{p.relative_to(ROOT).as_posix()}" for p in (ROOT / package).rglob("*.py")}
        assert sources <= set(names), f"modules missing from the wheel: {sorted(sources - set(names))}"
    assert sum(name.startswith("planarkiv/corpus/pdfs/") and name.endswith(".pdf") for name in names) == 5
    assert not any("builder" in name for name in names), "the PDF builders are dev tools, not installed"


def test_installed_wheel_imports_and_runs(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True)
    assert not FORBIDDEN_TOP_LEVEL & {p.name for p in target.iterdir()}
    code = (
        "import planarkiv, planarkiv.schema, planarkiv.graph, planarkiv.corpus;"
        "import planarkiv.extract.parsers as p;"
        "from planarkiv.corpus import bundled_pdfs;"
        f"assert all(m.__file__.startswith({str(target)!r}) for m in (planarkiv, p)), p.__file__;"
        "assert len(bundled_pdfs()) == 5;"
        "import importlib.util as u;"
        "assert all(u.find_spec(n) is None for n in ('schema', 'graph'))"
    )
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path, env=env)
