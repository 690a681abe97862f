"""An upgrade of planarkiv, end to end on the bundled corpus: staff have confirmed a link and corrected two
titles; a new parser version reads one of those initiatives' titles differently. Re-ingesting reads every
stale document again, keeps every id that still names a record, re-applies every decision, and reports the
one whose record vanished instead of dropping it.

The parser change is simulated in this process (its ``VERSION`` raised, one title read differently);
ingest's workers are forked from it, so they run the changed parser too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import planarkiv
from planarkiv.cli import main
from planarkiv.extract.parsers import budget_expiry, initiative_sheet
from planarkiv.extract.records import RecordBuilder
from planarkiv.schema import DocumentKind

pytestmark = pytest.mark.slow


@pytest.fixture
def archive(tmp_path: Path, ingested_corpus: Path) -> Path:
    """A copy of the ingested bundled corpus with the PDFs kept beside it."""
    db_path = tmp_path / "planarkiv.db"
    shutil.copyfile(ingested_corpus, db_path)
    shutil.copytree(ingested_corpus.with_name(f"{ingested_corpus.stem}.pdfs"), tmp_path / "planarkiv.pdfs")
    return db_path


def test_an_upgrade_refreshes_stale_extractions_and_keeps_every_decision(
        archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = planarkiv.open(archive)
    sheet = lib.initiatives(kind=DocumentKind.INITIATIVE_SHEET)
    cards = lib.initiatives(kind="Budget: bevillinger der udløber")
    kept, vanishing = sheet[0], sheet[1]
    candidate = lib.candidates()[0]
    lib.confirm(candidate.later_id, candidate.earlier_id, why="samme pulje", who="lbs")
    lib.correct(kept.id, "title", "Bedre samarbejde med virksomheder (rettet)", who="lbs")
    lib.correct(vanishing.id, "title", "Rettet titel", who="lbs")
    ids_before = {i.id for i in lib.initiatives()}

    original = RecordBuilder.initiative

    def reads_one_title_differently(self: RecordBuilder, title: str, *args: object,
                                    **fields: object) -> object:
        return original(self, f"{title} (ny læsning)" if title == vanishing.title else title, *args, **fields)

    monkeypatch.setattr(RecordBuilder, "initiative", reads_one_title_differently)
    for parser in (initiative_sheet, budget_expiry):
        monkeypatch.setattr(parser, "VERSION", parser.VERSION + 1)
    result = CliRunner().invoke(main, ["ingest", "--db", str(archive)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()

    # the two stale documents, and only they, are read again, and what changed is said
    reread = [line for line in lines if line.startswith("re-extracted:")]
    assert len(reread) == 2 and all("→" in line for line in reread)
    [changed] = [line for line in lines if line.split()[:3] == ["Ændret", "Indsats", "Titel"]]
    assert changed.endswith(f"{vanishing.title} → {vanishing.title} (ny læsning)")
    assert lines.count("  unchanged") == 1  # the budget cards
    assert lines[-1].startswith("warning: 1 decisions not applied") and vanishing.id in lines[-1]

    # every id that still names a record is the same; the decisions are kept and applied again
    ids_after = {i.id for i in lib.initiatives()}
    assert ids_before - ids_after == {vanishing.id}
    assert lib.initiatives(document=kept.provenance.document_id, search="rettet")[0].id == kept.id
    assert [i.title for i in lib.initiatives() if i.id == kept.id] == [
        "Bedre samarbejde med virksomheder (rettet)"]
    [step] = [s for s in lib.lineage(candidate.later_id) if s.id == candidate.later_id]
    assert any(c.earlier_id == candidate.earlier_id and "bekræftet af lbs" in (c.evidence or "")
               for c in step.continues)
    statuses = {d.record_id: d.status for d in lib.decisions()}
    assert statuses[kept.id] == "anvendt" and statuses[vanishing.id].startswith("posten findes ikke længere")
    assert len(lib.decisions()) == 3
    assert len(cards) == len(lib.initiatives(kind="budget_expiry"))
