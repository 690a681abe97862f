"""``planarkiv ingest`` as staff run it, through the command line: incremental by file hash, a new version
kept beside the old one, a SIGKILL that leaves the previous database whole, and a batch of real-world and
broken PDFs that ends with a reason for every file it could not read.

The bundled corpus is ingested once per session (``ingested_corpus`` in conftest.py, shared with the
search and browser tests); every test that changes a database works on a copy of it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from conftest import PDF_DIR, ROOT
from helpers import one_line_pdf, rows
from planarkiv.corpus.registry import rejected_hashes
from planarkiv.extract.fingerprint import file_sha256
from planarkiv.schema import DocumentKind

# Every test here runs `planarkiv ingest` as a subprocess (the real-world batch, kills, time limits).
pytestmark = pytest.mark.slow

PLANARKIV = Path(sys.executable).with_name("planarkiv")
PLAN = PDF_DIR / "beskaeftigelsesplan-2016-2020-version-2018.pdf"
SHEET = PDF_DIR / "bilag-1-udmoentningsplan-2010.pdf"
THEMES = PDF_DIR / "mulige-temaer-beskaeftigelsesaftale-2012.pdf"
ACTION_PLAN = PDF_DIR / "handleplan-udsatte-borgere-2016.pdf"
HEAVY = ("spacy", "pdfplumber", "networkx", "pydantic")


def ingest(*args: object) -> subprocess.CompletedProcess:
    """``planarkiv ingest ARGS…`` as a subprocess; its output is not a terminal, so it is line-oriented."""
    return subprocess.run([str(PLANARKIV), "ingest", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=1800)


@pytest.fixture
def corpus_copy(tmp_path: Path, ingested_corpus: Path) -> Path:
    """A copy of the ingested bundled corpus (without its PDFs) in the test's folder."""
    db_path = tmp_path / "planarkiv.db"
    shutil.copyfile(ingested_corpus, db_path)
    return db_path


def table_rows(db_path: Path) -> dict[str, list[tuple]]:
    """Every row of every public table, in a stable order."""
    tables = [name for (name,) in rows(db_path, "select name from sqlite_master where type = 'table' "
                                                "and name not like '%_fts%' order by name")]
    return {table: sorted(map(repr, rows(db_path, f"select * from [{table}]"))) for table in tables}


def changed_copy(source: Path, target: Path) -> Path:
    """``source`` with bytes appended after its end: the same document to a reader, a new file by hash."""
    target.write_bytes(source.read_bytes() + f"\n% another version of {source.name}\n".encode())
    return target


def image_only_pdf(path: Path) -> Path:
    """A page that is a picture of a page: no text layer, as a scanner makes it."""
    pdf = canvas.Canvas(str(path))
    pdf.drawImage(ImageReader(Image.new("RGB", (400, 200), (230, 230, 230))), 72, 400, width=400, height=200)
    pdf.showPage()
    pdf.save()
    return path


def test_unchanged_rerun_skips_every_file_fast_and_leaves_the_database_identical(corpus_copy: Path) -> None:
    db_path = corpus_copy
    before = db_path.read_bytes()
    # Run as the command runs, reporting which heavy libraries the re-run loaded.
    script = ("import sys; from planarkiv.cli import main\n"
              "try: main(sys.argv[1:])\n"
              f"finally: print('loaded:', sorted(m for m in {HEAVY!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script, "ingest", str(PDF_DIR), "--db", str(db_path)],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert sorted(lines[:5]) == [f"skipped: {pdf} (unchanged)" for pdf in sorted(PDF_DIR.glob("*.pdf"))]
    assert lines[5] == f"0 documents published to {db_path}, 5 skipped, 0 failed"
    assert lines[6] == "loaded: []"
    assert result.stderr == ""
    assert db_path.read_bytes() == before


def test_a_new_version_is_added_beside_the_old_one(tmp_path: Path, corpus_copy: Path) -> None:
    db_path = corpus_copy
    before = table_rows(db_path)
    # A killed run left its half-written database behind; this publish removes it.
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = tmp_path / f".{db_path.name}.{dead.pid}.tmp"
    stale.write_bytes(b"half a database")
    new = changed_copy(SHEET, tmp_path / "bilag-1-udmoentningsplan-2010-rettet.pdf")

    result = ingest(PDF_DIR, new, "--db", db_path)
    assert result.returncode == 0, result.stderr
    assert f"ok: {new} (initiative_sheet, " in result.stdout
    assert result.stdout.count("(unchanged)") == 5
    old_id, new_id = file_sha256(SHEET)[:16], file_sha256(new)[:16]
    versions = rows(db_path, "select id, series, version from documents where kind = 'initiative_sheet'")
    assert len(versions) == 2 and len({series for _, series, _ in versions}) == 1
    assert sorted(version for *_, version in versions) == [1, 2]
    # The old version's records stay as they were; the new one's come beside them, nothing twice.
    old_initiatives = rows(db_path, f"select * from initiatives where document_id = '{old_id}' order by id")
    assert len(old_initiatives) > 0
    assert sorted(map(repr, old_initiatives)) == sorted(r for r in before["initiatives"] if repr(old_id) in r)
    count = rows(db_path, f"select count(*) from initiatives where document_id = '{new_id}'")[0][0]
    assert count == len(old_initiatives)
    assert rows(db_path, "select count(*) from initiatives")[0][0] == len(before["initiatives"]) + count
    assert rows(db_path, "select count(*) from documents")[0][0] == len(before["documents"]) + 1
    assert not stale.exists()
    assert not list(tmp_path.glob("*.tmp"))

    again = ingest(PDF_DIR, new, "--db", db_path)
    assert again.returncode == 0 and again.stdout.count("(unchanged)") == 6


def wait_for(proc: subprocess.Popen, ready, what: str, limit: float = 600) -> None:
    deadline = time.monotonic() + limit
    while not ready():
        assert proc.poll() is None, f"ingest ended before {what}: {proc.stdout.read()}"
        assert time.monotonic() < deadline, f"no {what} within {limit} s"
        time.sleep(0.01)


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the ingest and its worker processes (started in their own process group)."""
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)


def test_sigkill_during_extraction_or_publishing_leaves_the_previous_database(tmp_path: Path,
                                                                             corpus_copy: Path) -> None:
    db_path = corpus_copy
    before = table_rows(db_path)
    batch = tmp_path / "batch"
    batch.mkdir()
    for n, source in enumerate([THEMES, ACTION_PLAN]):
        changed_copy(source, batch / f"{n}-{source.name}")
    command = [str(PLANARKIV), "ingest", str(batch), "--db", str(db_path)]

    def intact() -> None:
        assert rows(db_path, "pragma integrity_check") == [("ok",)]
        assert table_rows(db_path) == before

    # Killed while the second file is being extracted (the first one's "ok" line has been written).
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            cwd=ROOT, start_new_session=True)
    assert proc.stdout.readline().startswith("extracted: "), "the first file was not extracted"
    kill_group(proc)
    intact()

    # Killed while the new database is being written beside the old one.
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                            start_new_session=True)
    wait_for(proc, lambda: any(tmp_path.glob(f".{db_path.name}.*.tmp")), "publishing")
    kill_group(proc)
    assert list(tmp_path.glob(f".{db_path.name}.*.tmp")), "the kill came after publishing"
    intact()  # the next publish removes the killed run's file: see test_a_new_version_is_added_beside_…


def test_two_ingests_at_once_keep_each_others_documents(tmp_path: Path) -> None:
    db_path = tmp_path / "planarkiv.db"
    notes = [one_line_pdf(tmp_path / f"notat-{n}.pdf", f"Notat nummer {n} om jobklubber") for n in range(4)]
    runs = [subprocess.Popen([str(PLANARKIV), "ingest", *map(str, pair), "--db", str(db_path)], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            for pair in (notes[:2], notes[2:])]
    for run in runs:
        assert run.wait(timeout=600) == 0, run.stderr.read()
    assert sorted(rows(db_path, "select source_file from documents")) == [(note.name,) for note in notes]


def long_pdf(path: Path, pages: int = 400) -> Path:
    """A report of ``pages`` full pages: far more than any machine reads in a second."""
    pdf = canvas.Canvas(str(path))
    for page in range(pages):
        for line in range(50):
            pdf.drawString(60, 780 - line * 15, f"Side {page + 1}, linje {line + 1}: jobklubber for ledige "
                                                 "akademikere i Københavns Kommune og 2,5 mio. kr.")
        pdf.showPage()
    pdf.save()
    return path


def test_a_document_over_the_time_limit_is_skipped_and_the_batch_goes_on(tmp_path: Path) -> None:
    slow = long_pdf(tmp_path / "rapport.pdf")
    small = one_line_pdf(tmp_path / "hilsen.pdf", "Kort notat om jobklubber")
    db_path = tmp_path / "planarkiv.db"
    result = ingest(slow, small, "--db", db_path, "--timeout", "1")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"error: {slow}: took longer than 1 s; skipped"]
    assert f"ok: {small} (unknown, 0 initiatives)" in result.stdout
    assert rows(db_path, "select file, reason, permanent from ingest_errors") == [
        (str(slow), "took longer than 1 s; skipped", 0)]
    assert rows(db_path, "select source_file from documents") == [("hilsen.pdf",)]
    assert file_sha256(slow) not in rejected_hashes(db_path)  # a later run with more time tries again


@pytest.fixture(scope="session")
def realworld_batch(realworld_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """Every real-world PDF and a folder of broken and odd files, ingested in one batch with two workers."""
    extra = tmp_path_factory.mktemp("extra")
    (extra / "noter.pdf").write_text("Referat fra mødet, ikke en PDF.\n", encoding="utf-8")
    (extra / "afkortet.pdf").write_bytes(ACTION_PLAN.read_bytes()[:20_000])
    image_only_pdf(extra / "scannet.pdf")
    shutil.copyfile(realworld_dir / "issue-33-lorem-ipsum.pdf", extra / "kopi-af-lorem-ipsum.pdf")
    shutil.copyfile(THEMES, extra / THEMES.name)
    db_path = tmp_path_factory.mktemp("realworld") / "planarkiv.db"
    result = ingest(realworld_dir, extra, "--db", db_path, "--jobs", "2")
    return result, db_path, extra


def outcome_lines(result: subprocess.CompletedProcess) -> dict[str, str]:
    """File -> its line (``ok: f (…)``, ``skipped: f (…)``, ``error: f: reason``)."""
    found: dict[str, str] = {}
    for line in (result.stdout + result.stderr).splitlines():
        status, _, rest = line.partition(": ")
        if status in {"ok", "skipped", "error"}:
            path = rest.split(" (")[0] if status != "error" else rest.split(": ")[0]
            assert path not in found, f"two lines for {path}"
            found[path] = line
    return found


def test_realworld_batch_ends_with_a_line_for_every_file(realworld_batch, realworld_dir: Path) -> None:
    result, db_path, extra = realworld_batch
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = outcome_lines(result)
    files = sorted([*realworld_dir.glob("*.pdf"), *extra.glob("*.pdf")])
    assert sorted(lines) == [str(f) for f in files]
    for line in result.stderr.splitlines():
        assert line.startswith("error: ") and line.split(": ")[1] in lines
    published = {name for (name,) in rows(db_path, "select source_file from documents")}
    assert published == {Path(f).name for f, line in lines.items() if line.startswith("ok: ")}
    assert len(published) > 40


def test_realworld_batch_parses_known_kinds_and_stores_the_rest_searchable(realworld_batch) -> None:
    _, db_path, _ = realworld_batch
    kinds = dict(rows(db_path, "select source_file, kind from documents"))
    assert kinds.pop(THEMES.name) == DocumentKind.THEMES
    assert rows(db_path, "select count(*) from initiatives i join documents d on d.id = i.document_id "
                         f"where d.source_file = '{THEMES.name}'")[0][0] > 0
    assert DocumentKind.GENERAL in kinds.values()  # documents of no known kind are read too
    assert set(kinds.values()) <= {DocumentKind.GENERAL, DocumentKind.UNKNOWN}
    found = rows(db_path, "select distinct d.source_file from pages_fts f join pages p on p.rowid = f.rowid "
                          "join documents d on d.id = p.document_id where pages_fts match 'voluptatem'")
    assert ("issue-33-lorem-ipsum.pdf",) in found


def test_realworld_batch_rejects_unreadable_files_with_a_reason(realworld_batch, realworld_dir: Path) -> None:
    result, db_path, extra = realworld_batch
    lines = outcome_lines(result)
    reasons = {
        realworld_dir / "empty.pdf": "empty file (0 bytes)",
        realworld_dir / "password-example.pdf": "encrypted",
        extra / "noter.pdf": "not a readable PDF",
        extra / "afkortet.pdf": "not a readable PDF",
        extra / "scannet.pdf": "OCR found no text on its pages",
    }
    for path, reason in reasons.items():
        assert lines[str(path)].startswith(f"error: {path}: ") and reason in lines[str(path)]
    errors = rows(db_path, "select file, sha256, reason, time from ingest_errors")
    assert {file for file, *_ in errors} == {f for f, line in lines.items() if line.startswith("error: ")}
    for file, sha256, reason, time_ in errors:
        assert sha256 == file_sha256(Path(file)) and reason in lines[file]
        assert datetime.fromisoformat(time_).tzinfo is not None


def test_realworld_batch_recognises_duplicates_by_hash(realworld_batch, realworld_dir: Path) -> None:
    result, db_path, extra = realworld_batch
    lines = outcome_lines(result)
    original = realworld_dir / "issue-33-lorem-ipsum.pdf"
    copy = extra / "kopi-af-lorem-ipsum.pdf"
    assert lines[str(copy)] == f"skipped: {copy} (duplicate of {original}: same SHA-256)"
    assert rows(db_path, f"select source_file from documents where sha256 = '{file_sha256(copy)}'") == [
        (original.name,)]
    assert json.loads(rows(db_path, "select json_group_array(sha256) from documents")[0][0]).count(
        file_sha256(copy)) == 1
