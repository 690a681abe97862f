"""The command line as a user runs it: extract prints valid JSON, ingest publishes and survives bad files."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import sqlite_utils
from click.testing import CliRunner

from conftest import KINDS, PDF_DIR
from planarkiv.cli import main
from planarkiv.schema import Extraction


@pytest.mark.usefixtures("bundled_extract")
@pytest.mark.parametrize("stem", sorted(KINDS))
def test_extract_prints_valid_json(stem: str) -> None:
    result = CliRunner().invoke(main, ["extract", str(PDF_DIR / f"{stem}.pdf")])
    assert result.exit_code == 0, result.output
    extraction = Extraction.model_validate_json(result.output)
    assert extraction.document.source_file == f"{stem}.pdf"
    assert extraction.document.pages == len(extraction.pages_text) > 0


def test_extract_pdf_of_no_known_kind(realworld_dir: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(realworld_dir / "issue-33-lorem-ipsum.pdf")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["document"]["kind"] == "general"
    assert data["sections"] and data["document"]["title"] != "issue-33-lorem-ipsum.pdf"
    assert "lorem" in " ".join(data["pages_text"]).lower()


def test_extract_bad_file_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.pdf"
    bad.write_text("this is not a pdf")
    result = CliRunner().invoke(main, ["extract", str(bad)])
    assert result.exit_code != 0
    message = result.output.strip()
    assert "notes.pdf" in message and len(message.splitlines()) == 1


@pytest.mark.usefixtures("bundled_extract")
def test_ingest_publishes_and_continues_after_bad_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    db_path = tmp_path / "planarkiv.db"
    result = CliRunner().invoke(main, ["ingest", str(PDF_DIR), str(empty), "--db", str(db_path)])
    assert result.exit_code == 1
    assert "empty.pdf" in result.output
    db = sqlite_utils.Database(db_path)
    assert db["documents"].count == len(KINDS)
    assert {row["source_file"] for row in db["documents"].rows} == {f"{stem}.pdf" for stem in KINDS}
    assert [row["file"] for row in db["ingest_errors"].rows] == [str(empty)]
    assert {"documents", "initiatives", "goals", "amounts", "offices", "initiative_offices", "relations",
            "pages"} <= set(db.table_names())


def test_debug_layout_draws_the_page(tmp_path: Path) -> None:
    from PIL import Image

    pdf = PDF_DIR / "handleplan-udsatte-borgere-2016.pdf"
    target = tmp_path / "side1.png"
    result = CliRunner().invoke(main, ["debug-layout", str(pdf), "--page", "1", "-o", str(target)])
    assert result.exit_code == 0, result.output
    with Image.open(target) as image:
        assert image.width > 500 and image.height > 700  # A4 at 100 dpi
        pixels = np.asarray(image.convert("RGB"))
    blue = int(np.all(pixels == (30, 90, 200), axis=-1).sum())
    assert blue > 1000  # the paragraphs' boxes are drawn
    beyond = CliRunner().invoke(main, ["debug-layout", str(pdf), "--page", "99", "-o", str(target)])
    assert beyond.exit_code != 0 and "not page 99" in beyond.output
