"""The archive outlives its extractor: ids that survive a parser change, and ``planarkiv ingest`` that reads
a document again when the installed extractor is not the one that read it, says what changed, and keeps the
old extraction when reading it again fails.

A parser change is simulated in this process (a parser that finds one initiative more, its ``VERSION``
raised); ingest's workers are forked from it, so they run the changed parser too.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import planarkiv
from conftest import PDF_DIR
from helpers import rows
from planarkiv.cli import main
from planarkiv.corpus.registry import Stored, load_extraction, stored_documents
from planarkiv.corpus.store import pdf_dir
from planarkiv.extract import extract
from planarkiv.extract.parsers import installed_version, themes
from planarkiv.extract.records import RecordBuilder
from planarkiv.ingest import stale
from planarkiv.schema import Document, DocumentKind, Extraction, InitiativeStatus

SHEET = PDF_DIR / "bilag-1-udmoentningsplan-2010.pdf"
CARDS = PDF_DIR / "budget-2027-bevillinger-der-udloeber.pdf"
THEMES = PDF_DIR / "mulige-temaer-beskaeftigelsesaftale-2012.pdf"
INSERTED = "Indsats fundet af en nyere parser"


def insert_initiative(monkeypatch: pytest.MonkeyPatch, before: int) -> None:
    """A parser change: every document gets one initiative more, read just before its ``before``-th (from 0)
    initiative, with the same status, page and section."""
    original = RecordBuilder.initiative

    def initiative(self: RecordBuilder, title: str, status: InitiativeStatus, page: int,
                   *args: object, **fields: object) -> object:
        if len(self.initiatives) == before:
            original(self, INSERTED, status, page, section=fields.get("section"))
        return original(self, title, status, page, *args, **fields)

    monkeypatch.setattr(RecordBuilder, "initiative", initiative)


def ids(extraction: Extraction) -> dict[str, set[str]]:
    return {"initiatives": {i.id for i in extraction.initiatives}, "goals": {g.id for g in extraction.goals},
            "amounts": {a.id for a in extraction.amounts}}


@pytest.mark.parametrize("pdf", [SHEET, CARDS], ids=["initiative_sheet", "budget_expiry"])
def test_an_initiative_inserted_in_the_middle_leaves_every_other_id_as_it_was(
        monkeypatch: pytest.MonkeyPatch, bundled_extractions: dict[str, Extraction], pdf: Path) -> None:
    before = bundled_extractions[pdf.name]
    middle = len(before.initiatives) // 2
    insert_initiative(monkeypatch, middle)
    after = extract(pdf)

    assert [i.title for i in after.initiatives].index(INSERTED) == middle
    old, new = ids(before), ids(after)
    assert len(new["initiatives"] - old["initiatives"]) == 1
    for table in ("initiatives", "goals", "amounts"):
        assert old[table] <= new[table], table
    # each id still names the same record, and what refers to it follows
    by_id = {i.id: i for i in after.initiatives} | {g.id: g for g in after.goals} | {
        a.id: a for a in after.amounts}
    for record in [*before.initiatives, *before.goals, *before.amounts]:
        assert by_id[record.id] == record
    edges = {(r.source_id, r.target_id, r.type) for r in after.relations}
    assert {(r.source_id, r.target_id, r.type) for r in before.relations} <= edges


def test_ids_come_from_content_not_from_place() -> None:
    document = Document(id="0123456789abcdef", kind=DocumentKind.PLAN, title="Plan", source_file="plan.pdf",
                        sha256="0" * 64, pages=1)

    def titles(*given: str) -> list[str]:
        builder = RecordBuilder(document)
        return [builder.initiative(title, InitiativeStatus.ONGOING, 1).id for title in given]

    first, second, again = titles("Job-match: unge", "Mentorer", "Job-match: unge")
    assert first.startswith("0123456789abcdef-i-") and len({first, second, again}) == 3
    # case, whitespace and punctuation are not content; order only counts among equal titles
    assert titles("Mentorer", "JOBMATCH\n unge", "job-match unge!") == [second, first, again]
    builder = RecordBuilder(document)
    owner = builder.initiative("Mentorer", InitiativeStatus.ONGOING, 1)
    total, part = builder.money("5 mio. kr., heraf 2 mio. kr. til løn", 1, initiative=owner)
    assert part.part_of == total.id and total.id.startswith("0123456789abcdef-a-")


def test_a_parser_version_is_read_from_its_source_without_importing_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = tmp_path / "versioned_parser_of_this_test.py"
    module.write_text("import spacy_that_is_not_installed\nVERSION = 3\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert installed_version("versioned_parser_of_this_test") == 3
    module.write_text("VERSION: int = 4\n", encoding="utf-8")
    assert installed_version("versioned_parser_of_this_test") == 4
    assert "versioned_parser_of_this_test" not in sys.modules
    assert installed_version("no_such_parser_module") is None
    assert installed_version(themes.__name__) == themes.VERSION  # imported: asked


def test_a_stored_extraction_is_stale_under_another_planarkiv_or_parser_version() -> None:
    def stored(extractor: str | None, version: int | None) -> Stored:
        return Stored("0" * 64, "0" * 16, "plan.pdf", extractor, "planarkiv.extract.parsers.plan", version)

    installed: Callable[[str], int | None] = {"planarkiv.extract.parsers.plan": 2}.get
    now = planarkiv.__version__
    assert stale(stored(now, 2), installed) is None
    assert stale(stored(now, 1), installed) == "parser plan 1 → 2"
    assert stale(stored("0.0.1", 2), installed) == f"planarkiv 0.0.1 → {now}"
    assert stale(stored(None, None), installed) == f"planarkiv (not recorded) → {now}"
    assert stale(stored(now, 2), {}.get) == "parser plan 2 → removed"


def ingest(db_path: Path, *args: str) -> list[str]:
    result = CliRunner().invoke(main, ["ingest", *args, "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


@pytest.fixture
def ingested_themes(tmp_path: Path) -> tuple[Path, Path, Extraction]:
    """The themes PDF, copied under another name and ingested into a database of its own."""
    pdf = tmp_path / "in" / "temaer.pdf"
    pdf.parent.mkdir()
    shutil.copyfile(THEMES, pdf)
    db_path = tmp_path / "planarkiv.db"
    assert ingest(db_path, str(pdf))[-1].startswith("1 documents published")
    [document] = stored_documents(db_path).values()
    return pdf, db_path, load_extraction(db_path, document.document_id)


def test_ingest_reads_a_document_again_after_its_parser_changed_and_says_what_changed(
        ingested_themes: tuple[Path, Path, Extraction], monkeypatch: pytest.MonkeyPatch) -> None:
    pdf, db_path, old = ingested_themes
    assert (old.document.parser, old.document.parser_version) == (themes.__name__, themes.VERSION)
    assert old.document.extractor_version == planarkiv.__version__
    pdf.unlink()  # the file it came from is gone; its PDF is kept beside the database
    monkeypatch.setattr(themes, "VERSION", themes.VERSION + 1)
    insert_initiative(monkeypatch, 5)
    before = db_path.read_bytes()

    assert ingest(db_path, "--no-reextract") == ["0 documents published to " + str(db_path) + ", 0 skipped, "
                                                 "0 failed"]
    assert db_path.read_bytes() == before

    lines = ingest(db_path)
    assert lines[1] == (f"re-extracted: temaer.pdf (themes, {len(old.initiatives) + 1} initiatives; "
                        f"parser themes {themes.VERSION - 1} → {themes.VERSION})")
    [added] = [line for line in lines if INSERTED in line]
    assert added.split() == ["Tilføjet", "Indsats", "-", added.split()[3], *INSERTED.split()]
    assert lines[-1] == f"1 documents published to {db_path} (1 extracted again), 0 skipped, 0 failed"
    new = load_extraction(db_path, old.document.id)
    assert new.document.parser_version == themes.VERSION and new.document.source_file == "temaer.pdf"
    assert {i.id for i in old.initiatives} < {i.id for i in new.initiatives}
    assert rows(db_path, f"select title from initiatives where id = '{added.split()[3]}'") == [(INSERTED,)]

    assert ingest(db_path)[-1].startswith("0 documents published")  # now current
    forced = ingest(db_path, "--reextract")
    assert forced[1:3] == [f"re-extracted: temaer.pdf (themes, {len(new.initiatives)} initiatives; "
                           "--reextract)", "  unchanged"]


def test_a_failed_re_extraction_keeps_the_old_extraction_and_is_an_ingest_error(
        ingested_themes: tuple[Path, Path, Extraction], monkeypatch: pytest.MonkeyPatch) -> None:
    pdf, db_path, old = ingested_themes
    monkeypatch.setattr(planarkiv, "__version__", f"{planarkiv.__version__}.post1")

    def broken(layout: object, document: Document) -> Extraction:
        raise RuntimeError("a bug in the new parser")

    monkeypatch.setattr(themes.PARSER, "parse", broken)
    result = CliRunner().invoke(main, ["ingest", str(pdf), "--db", str(db_path)])
    assert result.exit_code == 1
    assert "error: temaer.pdf: internal error" in result.output and "a bug in the new parser" in result.output
    assert load_extraction(db_path, old.document.id) == old
    assert len(rows(db_path, "select 1 from initiatives")) == len(old.initiatives)
    [(file, sha256, permanent)] = rows(db_path, "select file, sha256, permanent from ingest_errors")
    assert (file, sha256, permanent) == ("temaer.pdf", old.document.sha256, 0)


def test_a_document_whose_pdf_is_gone_is_read_again_once_its_file_is_named(
        ingested_themes: tuple[Path, Path, Extraction], monkeypatch: pytest.MonkeyPatch) -> None:
    pdf, db_path, old = ingested_themes
    kept = pdf_dir(db_path) / f"{old.document.sha256}.pdf"
    moved = pdf.rename(pdf.with_name("flyttet.pdf"))
    kept.unlink()
    monkeypatch.setattr(themes, "VERSION", themes.VERSION + 1)
    why = f"parser themes {themes.VERSION - 1} → {themes.VERSION}"

    assert ingest(db_path)[0] == (f"skipped: temaer.pdf ({why}; not extracted again: its PDF is not kept in "
                                  f"{pdf_dir(db_path)}; name the file to read it)")
    assert load_extraction(db_path, old.document.id) == old
    lines = ingest(db_path, str(moved))
    assert lines[1:3] == [f"re-extracted: temaer.pdf (themes, {len(old.initiatives)} initiatives; {why})",
                          "  unchanged"]
    assert kept.read_bytes() == moved.read_bytes()  # kept beside the database again
