"""Faults and odd files as a new user meets them: each ends in one line naming the file and a row of
``ingest_errors`` (or, for a file read past damage, a note on its document), the batch goes on, and nothing
hangs. Every run that could hang has a timeout, so a regression fails instead of waiting forever.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from reportlab.pdfgen import canvas

from conftest import PDF_DIR, ROOT
from helpers import one_line_pdf, rows
from planarkiv.cli import main
from planarkiv.corpus.registry import rejected_hashes
from planarkiv.extract import ExtractionError, extract

PLANARKIV = Path(sys.executable).with_name("planarkiv")
SHEET = PDF_DIR / "bilag-1-udmoentningsplan-2010.pdf"
LATIN1_NAME = "h\xe6ndbog-for-st\xf8tte.pdf".encode("latin-1")  # "håndbog" on an old share: not UTF-8


def run(*args: object, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(PLANARKIV), *map(str, args)], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout)


@pytest.mark.slow  # `planarkiv` commands as subprocesses
def test_a_file_name_that_is_not_utf8_is_stored_losslessly_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    odd = one_line_pdf(os.fsencode(folder) + b"/" + LATIN1_NAME, "Notat om jobklubber")
    one_line_pdf(folder / "referat.pdf", "Referat om kontanthjælp")
    db_path = tmp_path / "planarkiv.db"
    result = run("ingest", folder, "--db", db_path)
    assert result.returncode == 0, result.stderr
    shown = os.fsencode(odd).decode("utf-8", "backslashreplace")
    assert "h\\xe6ndbog-for-st\\xf8tte.pdf" in shown
    assert f"ok: {shown} (unknown, 0 initiatives)" in result.stdout.splitlines()
    stored = dict(rows(db_path, "select source_file, source_file_hex from documents"))
    assert stored == {"h\\xe6ndbog-for-st\\xf8tte.pdf": LATIN1_NAME.hex(), "referat.pdf": None}
    assert bytes.fromhex(stored["h\\xe6ndbog-for-st\\xf8tte.pdf"]) == LATIN1_NAME  # the name, byte for byte


@pytest.fixture
def two_notes(tmp_path: Path) -> list[Path]:
    return [one_line_pdf(tmp_path / f"notat-{n}.pdf", f"Notat {n} om jobklubber") for n in range(2)]


def full_disk(*_: object, **__: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def half_then_full(self: Path, data: bytes) -> int:
    """``Path.write_bytes`` that writes half a PDF copy and then finds the disk full."""
    if self.parent.name.endswith(".pdfs"):
        with self.open("wb") as fh:
            fh.write(data[: len(data) // 2])
        full_disk()
    with self.open("wb") as fh:
        return fh.write(data)


@pytest.mark.parametrize("where", ["database", "pdf copy"])
def test_a_full_disk_while_publishing_is_one_line_and_leaves_nothing_behind(
        tmp_path: Path, two_notes: list[Path], monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    db_path = tmp_path / "out" / "planarkiv.db"
    first = CliRunner().invoke(main, ["ingest", str(two_notes[0]), "--db", str(db_path)])
    assert first.exit_code == 0, first.output
    before = db_path.read_bytes()
    pdfs_before = sorted((tmp_path / "out" / "planarkiv.pdfs").iterdir())
    if where == "database":
        monkeypatch.setattr("planarkiv.corpus.publish._sync", full_disk)
    else:
        monkeypatch.setattr(Path, "write_bytes", half_then_full)
    result = CliRunner().invoke(main, ["ingest", str(two_notes[1]), "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.splitlines()
    assert lines[-1] == (f"error: no space left on device while publishing to {db_path}; "
                         "nothing was published")
    assert not any(line.startswith("ok: ") for line in lines), lines
    assert "Traceback" not in result.output
    assert db_path.read_bytes() == before  # the old database, whole
    assert sorted(p.name for p in db_path.parent.iterdir()) == [".planarkiv.db.lock", "planarkiv.db",
                                                                 "planarkiv.pdfs"]
    assert sorted((tmp_path / "out" / "planarkiv.pdfs").iterdir()) == pdfs_before  # no PDF, no temp file


@pytest.mark.slow  # `planarkiv` commands as subprocesses
def test_odd_files_are_one_line_each_and_nothing_hangs(tmp_path: Path) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    os.mkfifo(folder / "x.pdf")
    (folder / "mappe.pdf").mkdir()
    (folder / "loop.pdf").symlink_to("loop.pdf")
    (folder / "tilbage").symlink_to("..")
    (folder / "væk.pdf").symlink_to(tmp_path / "findes-ikke.pdf")
    good = one_line_pdf(folder / "notat.pdf", "Notat om jobklubber")
    db_path = tmp_path / "planarkiv.db"
    result = run("ingest", folder, "/dev/zero", "--db", db_path, timeout=120)
    assert result.returncode == 1
    assert sorted(result.stderr.splitlines()) == sorted([
        f"error: {folder / 'x.pdf'}: a FIFO (named pipe), not a PDF file",
        f"error: {folder / 'loop.pdf'}: a symbolic link loop",
        f"error: {folder / 'væk.pdf'}: a broken symbolic link (it points to nothing)",
        "error: /dev/zero: a character device, not a PDF file",
    ])
    out = result.stdout.splitlines()
    assert f"skipped: {folder / 'mappe.pdf'} (a folder named like a PDF, with no PDF files in it)" in out
    link = folder / "tilbage"
    assert f"skipped: {link} (a symbolic link to a folder: not followed; name the folder)" in out
    assert f"ok: {good} (unknown, 0 initiatives)" in out
    errors = rows(db_path, "select file, permanent from ingest_errors order by file")
    assert errors == sorted((line.split(": ")[1], 0) for line in result.stderr.splitlines())
    for odd, what in (("x.pdf", "a FIFO (named pipe)"), ("loop.pdf", "a symbolic link loop")):
        said = run("extract", folder / odd, timeout=60)
        assert said.returncode == 1 and what in said.stderr and "no such file" not in said.stderr


def corrupt_checksum(path: Path) -> Path:
    """Flip the Adler-32 checksum at the end of the first compressed stream: pdfminer decompresses all
    the data and warns ("Data-loss while decompressing corrupted data")."""
    data = bytearray(path.read_bytes())
    start = data.index(b"stream\n") + len(b"stream\n")
    end = data.index(b"endstream", start)
    body = bytes(data[start:end]).rstrip(b"\r\n")
    zlib.decompress(body)  # a whole zlib stream, checksum last
    data[start + len(body) - 2] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def zero_object(source: Path, target: Path, number: int) -> Path:
    """``source`` with object ``number`` overwritten by zero bytes, its length and the offsets kept."""
    data = bytearray(source.read_bytes())
    start = data.index(f"\n{number} 0 obj".encode()) + 1
    end = data.index(b"endobj", start) + len(b"endobj")
    data[start:end] = bytes(end - start)
    target.write_bytes(bytes(data))
    return target


@pytest.mark.slow  # `planarkiv` commands as subprocesses
def test_a_damaged_pdf_says_so_on_its_line_and_in_the_database(tmp_path: Path) -> None:
    compressed = one_line_pdf(tmp_path / "komprimeret.pdf", "Notat om jobklubber", compress=True)
    flipped = corrupt_checksum(compressed)
    # The last content stream of the sheet: a page of it is lost, pdfminer warns.
    last = max(int(n) for n in re.findall(rb"\n(\d+) 0 obj", SHEET.read_bytes()))
    zeroed = zero_object(SHEET, tmp_path / "bilag-nullet.pdf", last)
    db_path = tmp_path / "planarkiv.db"
    result = run("ingest", flipped, zeroed, "--db", db_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no warning line without a file name
    lines = result.stdout.splitlines()
    assert ("ok: " + str(flipped) + " (unknown, 0 initiatives; damaged: Data-loss while decompressing "
            "corrupted data)") in lines
    assert any(line.startswith(f"ok: {zeroed} (initiative_sheet, ") and "; damaged: " in line
               for line in lines)
    damage = dict(rows(db_path, "select source_file, damage from documents"))
    assert damage[flipped.name] == "Data-loss while decompressing corrupted data"
    assert damage[zeroed.name]
    shown = run("extract", flipped)
    assert shown.returncode == 0
    assert shown.stderr.splitlines() == [
        f"warning: {flipped}: damaged: Data-loss while decompressing corrupted data"]


def repeated_pages(path: Path, lines: list[str], top: float, pages: int = 4, footer: bool = False) -> Path:
    """``pages`` pages with the same ``lines`` from ``top`` points below the page's top edge."""
    pdf = canvas.Canvas(str(path))
    width, height = pdf._pagesize
    for n in range(1, pages + 1):
        for i, line in enumerate(lines):
            pdf.drawString(72, height - top - 14 * i, line)
        if footer:
            pdf.drawString(width / 2, 30, f"Side {n} af {pages}")
        pdf.showPage()
    pdf.save()
    return path


PARAGRAPH = ["Rapporten samler kommunens opgørelse af ledigheden i de seneste kvartaler, og den",
             "viser, at flere borgere er kommet i job eller uddannelse end forventet i budgettet."]


def test_text_high_on_every_page_is_not_taken_for_a_running_header(tmp_path: Path) -> None:
    only = extract(repeated_pages(tmp_path / "rapport.pdf", PARAGRAPH, top=30, footer=True))
    assert only.pages_text == ["\n".join(PARAGRAPH)] * 4
    longer = [*PARAGRAPH, *(f"Linje {n} af afsnittet fortsætter nedad på siden med mere tekst." for n in
                            range(1, 6))]
    continuing = extract(repeated_pages(tmp_path / "afsnit.pdf", longer, top=30))
    assert continuing.pages_text == ["\n".join(longer)] * 4
    header = extract(repeated_pages(tmp_path / "brev.pdf", ["Københavns Kommune", "", "", "", "",
                                                             *PARAGRAPH], top=30))
    assert header.pages_text == ["\n".join(PARAGRAPH)] * 4  # a header apart from the text still goes


def test_a_document_of_page_numbers_only_is_not_called_image_only_nor_rejected_for_good(
        tmp_path: Path) -> None:
    with pytest.raises(ExtractionError) as caught:
        extract(repeated_pages(tmp_path / "tom.pdf", [], top=30, footer=True))
    assert "OCR" not in caught.value.reason and not caught.value.permanent


def test_a_bug_of_ours_is_an_internal_error_tried_again(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise TypeError("'NoneType' object is not iterable")

    monkeypatch.setattr("planarkiv.extract.layout.read.xy_cut", broken)
    note = one_line_pdf(tmp_path / "notat.pdf", "Notat om jobklubber")
    db_path = tmp_path / "planarkiv.db"
    result = CliRunner().invoke(main, ["ingest", str(note), "--db", str(db_path)])
    assert result.exit_code == 1
    assert (f"error: {note}: internal error (a bug in planarkiv, not the file's fault; tried again next "
            "run): TypeError: 'NoneType' object is not iterable") in result.output.splitlines()
    assert rows(db_path, "select permanent from ingest_errors") == [(0,)]
    assert rejected_hashes(db_path) == {}
    monkeypatch.undo()
    again = CliRunner().invoke(main, ["ingest", str(note), "--db", str(db_path)])
    assert again.exit_code == 0 and f"ok: {note} (unknown, 0 initiatives)" in again.output


def test_a_file_that_pdfminer_cannot_read_is_still_the_files_fault(tmp_path: Path) -> None:
    broken = tmp_path / "afkortet.pdf"
    broken.write_bytes(shutil.copyfile(SHEET, tmp_path / "x.pdf").read_bytes()[:20_000])
    with pytest.raises(ExtractionError) as caught:
        extract(broken)
    assert caught.value.reason.startswith("not a readable PDF") and caught.value.permanent
