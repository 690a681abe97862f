"""Turned pages are read upright: a copy of each bundled PDF turned by ``/Rotate`` or drawn turned gives the
same records as the original, and a real sideways table reads in lines, not letter by letter."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from conftest import PDF_DIR
from corpus_builder.scanned import rotated_copy
from planarkiv.extract import extract
from planarkiv.extract.layout import read_layout
from planarkiv.schema import Extraction

# Each bundled PDF turned twice, so that between them every quarter turn is made both ways.
TURNS = {
    "beskaeftigelsesplan-2016-2020-version-2018.pdf": [(90, False), (270, True)],
    "mulige-temaer-beskaeftigelsesaftale-2012.pdf": [(180, False), (90, True)],
    "bilag-1-udmoentningsplan-2010.pdf": [(270, False), (180, True)],
    "handleplan-udsatte-borgere-2016.pdf": [(90, True), (180, False)],
    "budget-2027-bevillinger-der-udloeber.pdf": [(270, True), (90, False)],
}


def _comparable(extraction: Extraction) -> object:
    """The records without what names the file (id, hash, file name, series from them)."""
    data = extraction.model_dump(mode="json")
    document = data["document"]
    doc_id = document["id"]
    for key in ("id", "sha256", "source_file"):
        document.pop(key)

    def walk(value: object) -> object:
        if isinstance(value, str):
            return value.replace(doc_id, "<document>")
        if isinstance(value, list):
            return [walk(item) for item in value]
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        return value

    return walk(data)


def _differences(a: object, b: object, where: str = "") -> list[str]:
    """Where two record trees differ; coordinates may differ by float rounding (the turn back is a
    subtraction from the page's width or height), by no more than a thousandth of a point."""
    if isinstance(a, float) and isinstance(b, float | int):
        return [] if math.isclose(a, b, abs_tol=1e-3) else [f"{where}: {a} != {b}"]
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return [f"{where}: keys {sorted(a.keys() ^ b.keys())}"]
        return [d for key in a for d in _differences(a[key], b[key], f"{where}.{key}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{where}: {len(a)} != {len(b)} items"]
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True))
                for d in _differences(x, y, f"{where}[{i}]")]
    return [] if a == b else [f"{where}: {a!r} != {b!r}"]


@pytest.mark.parametrize(("name", "degrees", "drawn"),
                         [(name, *turn) for name, turns in TURNS.items() for turn in turns])
def test_a_turned_copy_extracts_as_the_original(bundled_extractions: dict[str, Extraction], tmp_path: Path,
                                               name: str, degrees: int, drawn: bool) -> None:
    turned = rotated_copy(PDF_DIR / name, tmp_path / name, degrees, drawn)
    differences = _differences(_comparable(bundled_extractions[name]), _comparable(extract(turned)))
    assert not differences, "\n".join(differences[:10])


def test_a_real_sideways_table_reads_in_lines(realworld_dir: Path) -> None:
    """A landscape table on a page turned by /Rotate, its text drawn running down the page."""
    layout = read_layout(realworld_dir / "nics-background-checks-2015-11-rotated.pdf")
    lines = [line.text for line in layout.lines]
    assert "NICS Firearm Background Checks" in lines
    assert any(line.startswith("State / Territory") for line in lines)
    assert layout.pages[0].width > layout.pages[0].height  # read as the landscape page it is


def test_a_sideways_label_does_not_turn_the_page(tmp_path: Path) -> None:
    path = tmp_path / "label.pdf"
    pdf = canvas.Canvas(str(path))
    for n in range(5):
        pdf.drawString(72, 700 - 14 * n, f"Linje {n + 1} af brødteksten om jobklubber og virksomhedspraktik")
    pdf.saveState()
    pdf.translate(40, 300)
    pdf.rotate(90)
    pdf.drawString(0, 0, "Udkast")
    pdf.restoreState()
    pdf.showPage()
    pdf.save()
    lines = [line.text for line in read_layout(path).lines]
    body = "af brødteksten om jobklubber og virksomhedspraktik"
    assert lines[:5] == [f"Linje {n + 1} {body}" for n in range(5)]
