"""`pip install .` puts everything under `planarkiv`: no top-level schema, graph, extract or corpus."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

# Builds and installs the wheel.
pytestmark = pytest.mark.slow

FORBIDDEN_TOP_LEVEL = {"schema", "graph", "extract", "corpus"}
SRC = ROOT / "src"


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
        sources = {p.relative_to(SRC).as_posix() for p in (SRC / "planarkiv" / package).rglob("*.py")}
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


def test_an_installed_wheel_serves_the_danish_site_from_any_folder(wheel: Path, tmp_path: Path,
                                                                   ingested_corpus: Path) -> None:
    """``pip install planarkiv`` and ``planarkiv serve`` in a folder of its own: the titles, templates and
    canned queries of metadata.yml come from the installed package, not from a checkout."""
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True)
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"planarkiv/metadata.yml", "planarkiv/templates/table.html", "planarkiv/templates/row.html",
            "planarkiv/templates/_initiative.html"} <= names
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    source = ingested_corpus
    shutil.copyfile(source, folder / "arkiv.db")  # another name: the metadata is re-keyed to it
    shutil.copytree(source.with_name(f"{source.stem}.pdfs"), folder / "arkiv.pdfs")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(target)}
    show = "import planarkiv.serve as s; print(s.METADATA, s.TEMPLATES)"
    where = subprocess.run([sys.executable, "-c", show], cwd=folder, env=env, capture_output=True, text=True,
                           check=True).stdout.split()
    assert all(path.startswith(str(target)) for path in where), where
    command = [sys.executable, "-c", "from planarkiv.cli import main; main()", "serve", "--db", "arkiv.db",
               "--port", str(port)]
    server = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=5):
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "planarkiv serve did not start"
                time.sleep(0.5)

        def page(path: str) -> str:
            with urllib.request.urlopen(base + path, timeout=60) as response:
                return response.read().decode("utf-8")

        assert "<h1>Indsatser</h1>" in page("/arkiv/initiatives") and "Søg:" in page("/arkiv/initiatives")
        home = page("/arkiv")
        assert "Færdige forespørgsler" in home and "Søg i det hele" in home
        assert "Videreførte indsatser" in home
        assert "Indsats" in page("/arkiv/soeg?q=jobklub")
        assert 'class="planarkiv-chart"' in page("/arkiv/penge_efter_aar_og_dokumentart")
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_a_checkout_beside_the_script_does_not_shadow_the_installed_package(tmp_path: Path) -> None:
    """An analyst keeps the checkout as ``~/planarkiv`` and runs ``~/analyse.py``: the script's folder comes
    first on ``sys.path``, and the checkout's folder must not be taken for the package."""
    (tmp_path / "planarkiv").symlink_to(ROOT, target_is_directory=True)
    (tmp_path / "analyse.py").write_text(
        "import planarkiv\nprint(planarkiv.open.__module__, planarkiv.extract.__name__)\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "analyse.py"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["planarkiv.library", "planarkiv.extract"]
