"""Scanned pages are read by OCR: the records of a scanned copy stand where the original's do, the type the
parsers read (bold, size) is recovered from the image, a real scanned page yields its text, and ``ingest``
says in one line when Tesseract is missing, goes on, and reads the file once it is there.

Every page is OCR'd once per session (``conftest.ocr_cache``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pdfplumber
import pytesseract
import pytest
from click.testing import CliRunner
from PIL import Image
from reportlab.pdfgen import canvas

from conftest import PDF_DIR
from corpus_builder.scanned import scanned_copy
from planarkiv.cli import main
from planarkiv.extract import extract, ocr
from planarkiv.extract.layout import Layout, Word, read_layout
from planarkiv.schema import Extraction, Provenance

pytestmark = pytest.mark.ocr

THEMES = "mulige-temaer-beskaeftigelsesaftale-2012.pdf"


@pytest.mark.parametrize("name", sorted(p.name for p in PDF_DIR.glob("*.pdf")))
def test_every_page_of_a_scan_is_read_with_its_confidence(scanned_extractions: dict[str, Extraction],
                                                          name: str) -> None:
    document = scanned_extractions[name].document
    assert [p.page for p in document.ocr_pages] == list(range(1, document.pages + 1))
    assert all(p.confidence > 85 for p in document.ocr_pages), document.ocr_pages


@pytest.mark.parametrize("name", sorted(p.name for p in PDF_DIR.glob("*.pdf")))
def test_amounts_of_a_scan_stand_where_the_originals_do(bundled_extractions: dict[str, Extraction],
                                                        scanned_extractions: dict[str, Extraction],
                                                        name: str) -> None:
    """Same value and text, same page, and a box over the original's (the scan is straightened, not
    restored, and where the parser gives an amount the box of its table row or paragraph, that is read
    from the scan's lines): the "PDF s. N" link and the evidence point at the right place."""
    original: dict[tuple[int, str], list] = {}
    for amount in bundled_extractions[name].amounts:
        original.setdefault((amount.value_dkk, amount.text), []).append(amount.provenance)

    def over(found: Provenance, expected: Provenance) -> bool:
        a, b = found.bbox, expected.bbox
        return (found.page == expected.page and a.x0 < b.x1 and b.x0 < a.x1
                and a.top < b.bottom and b.top < a.bottom)

    compared = [(amount.provenance, original[key]) for amount in scanned_extractions[name].amounts
                if (key := (amount.value_dkk, amount.text)) in original]
    placed = [found for found, candidates in compared if any(over(found, c) for c in candidates)]
    assert len(compared) >= 0.9 * sum(map(len, original.values()))
    assert len(placed) == len(compared), [found for found, _ in compared if found not in placed]


def _pairs(original: Layout, scanned: Layout) -> Iterator[tuple[Word, Word]]:
    """Each scanned word with the original word of the same text whose box holds its middle."""
    for page, scan in zip(original.pages, scanned.pages, strict=True):
        words = [w for line in page.lines for w in line.words]
        for line in scan.lines:
            for word in line.words:
                x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
                twin = next((w for w in words if w.text == word.text and w.x0 - 3 <= x <= w.x1 + 3
                             and w.top - 4 <= y <= w.bottom + 4), None)
                if twin is not None:
                    yield twin, word


def test_bold_and_size_are_recovered_from_the_image(scanned_pdfs: dict[str, Path], ocr_cache) -> None:
    """Bold (stroke weight) and relative size (x-height, gathered into levels) of the OCR'd words against
    the original's type, over every bundled document."""
    ocr_cache(list(scanned_pdfs.values()))
    bold = {"tp": 0, "fp": 0, "fn": 0}
    same_level = order_kept = compared = 0
    for name, path in scanned_pdfs.items():
        original, scanned = read_layout(PDF_DIR / name), read_layout(path)
        pairs = list(_pairs(original, scanned))
        assert len(pairs) > 0.8 * sum(len(line.words) for line in original.lines), name
        for truth, word in pairs:
            bold["tp"] += truth.bold and word.bold
            bold["fp"] += word.bold and not truth.bold
            bold["fn"] += truth.bold and not word.bold
        body = [w for t, w in pairs if t.size == original.body_size]
        same_level += sum(w.size == scanned.body_size for w in body)
        compared += len(body)
        larger = [w for t, w in pairs if t.size >= original.body_size * 1.15]
        order_kept += sum(w.size > scanned.body_size for w in larger)
        compared += len(larger)
    precision = bold["tp"] / (bold["tp"] + bold["fp"])
    recall = bold["tp"] / (bold["tp"] + bold["fn"])
    assert precision >= 0.95 and recall >= 0.95, bold
    assert (same_level + order_kept) / compared >= 0.97


def test_the_real_scanned_page_yields_its_text(realworld_dir: Path, ocr_cache) -> None:
    """A Chinese customs decision, scanned: Tesseract's Danish model reads its Latin letters and figures
    (the Chinese characters need a Chinese model, which is not installed)."""
    path = realworld_dir / "issue-203-decimalize.pdf"
    ocr_cache([path])
    extraction = extract(path)
    assert [p.page for p in extraction.document.ocr_pages] == [1, 2, 3]
    first = extraction.pages_text[0]
    for printed in ("2301914001", "C23067150841", "1299", "2017", "1931"):
        assert printed in first


def test_a_page_scanned_sideways_is_read_upright(scanned_pdfs: dict[str, Path],
                                                scanned_extractions: dict[str, Extraction], tmp_path: Path,
                                                ocr_cache) -> None:
    """A scan whose sheets went into the scanner sideways, one way and the other (turned 90 and 270 degrees,
    no ``/Rotate``), gives the records of the upright scan, on pages as wide as the upright ones."""
    sideways = scanned_copy(PDF_DIR / THEMES, tmp_path / THEMES, turns=(90, 270))
    ocr_cache([sideways])
    upright, turned = scanned_extractions[THEMES], extract(sideways)
    assert all(p.confidence > 85 for p in turned.document.ocr_pages), turned.document.ocr_pages
    assert [(g.text, g.provenance.page) for g in turned.goals] == [
        (g.text, g.provenance.page) for g in upright.goals]
    assert [(i.title, i.provenance.page) for i in turned.initiatives] == [
        (i.title, i.provenance.page) for i in upright.initiatives]
    widths = [(p.width, p.height) for p in read_layout(sideways).pages]
    assert widths == [(p.width, p.height) for p in read_layout(scanned_pdfs[THEMES]).pages]


def test_a_photograph_is_not_read_as_text(tmp_path: Path) -> None:
    """A page whose one image is a photograph (greys spread over the page, no patch of paper with ink) is
    not OCR'd; a scan of text is."""
    rng = np.random.default_rng(7)
    shade = np.linspace(30, 220, 1400)[:, None] + np.linspace(-20, 20, 1000)[None, :]
    photo = Image.fromarray(np.clip(shade + rng.normal(0, 25, shade.shape), 0, 255).astype(np.uint8))
    photo.save(tmp_path / "foto.pdf", "PDF", resolution=120)
    note = _scan_of_a_note(tmp_path)
    with pdfplumber.open(tmp_path / "foto.pdf") as pdf, pdfplumber.open(note) as scan:
        assert not ocr.needs_ocr(pdf.pages[0])
        assert ocr.needs_ocr(scan.pages[0])


def _scan_of_a_note(folder: Path) -> Path:
    """A one-page note, printed and scanned back."""
    note = folder / "notat.pdf"
    pdf = canvas.Canvas(str(note))
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, 760, "Notat om jobklubber")
    pdf.setFont("Helvetica", 11)
    for n, text in enumerate(["Jobklubberne i Valby og på Nørrebro fortsætter i 2026.",
                              "Der afsættes 2,5 mio. kr. til indsatsen."]):
        pdf.drawString(72, 730 - 16 * n, text)
    pdf.showPage()
    pdf.save()
    return scanned_copy(note, folder / "scannet-notat.pdf")


def _documents(db_path: Path) -> dict[str, str | None]:
    with sqlite3.connect(db_path) as conn:
        return dict(conn.execute("select source_file, ocr_pages from documents").fetchall())


def test_without_tesseract_one_line_says_so_and_the_batch_goes_on(tmp_path: Path, ocr_cache) -> None:
    scan = _scan_of_a_note(tmp_path)
    ocr_cache([scan])
    themes = PDF_DIR / THEMES
    db_path = tmp_path / "planarkiv.db"
    runner = CliRunner()
    ocr.missing.cache_clear()
    # Tesseract missing, as on a machine where ``make ocr`` has not run (the forked workers see the same)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract"))
        result = runner.invoke(main, ["ingest", str(scan), str(themes), "--db", str(db_path)])
    ocr.missing.cache_clear()
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert errors == [f"error: {scan}: no text layer (scanned or image-only PDF); Tesseract is not "
                      "installed, so scanned pages cannot be read; apt-get install tesseract-ocr "
                      "tesseract-ocr-dan (or: make ocr)"]
    assert _documents(db_path) == {THEMES: None}

    # Tesseract is there now: the file rejected for want of a text layer is read
    result = runner.invoke(main, ["ingest", str(scan), str(themes), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert f"ok: {scan} (" in result.output
    assert f"ocr: {scan}: page 1 of 1" in result.output.splitlines()  # told by the worker as it begins
    pages = json.loads(_documents(db_path)["scannet-notat.pdf"])
    assert [p["page"] for p in pages] == [1] and pages[0]["confidence"] > 85
    with sqlite3.connect(db_path) as conn:
        text = conn.execute("select text from pages where document_id = (select id from documents "
                            "where source_file = 'scannet-notat.pdf')").fetchone()[0]
    assert "Jobklubberne i Valby og på Nørrebro fortsætter i 2026." in text


def test_ocr_off_rejects_a_scan_and_force_reads_a_text_layer_by_ocr(tmp_path: Path, ocr_cache) -> None:
    scan = _scan_of_a_note(tmp_path)
    ocr_cache([scan])
    runner = CliRunner()
    result = runner.invoke(main, ["extract", str(scan), "--ocr", "off"])
    assert result.exit_code == 1
    assert "no text layer (scanned or image-only PDF); OCR is off" in result.output
    note = tmp_path / "notat.pdf"
    ocr_cache([note])
    forced = json.loads(runner.invoke(main, ["extract", str(note), "--ocr", "force"]).output)
    assert [p["page"] for p in forced["document"]["ocr_pages"]] == [1]
    assert "ocr_pages" not in json.loads(runner.invoke(main, ["extract", str(note)]).output)["document"]
