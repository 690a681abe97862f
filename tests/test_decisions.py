"""Decisions staff make (``corpus/decisions.py``): links confirmed and rejected, fields corrected, kept in
their own table through every re-publish and applied on each; a decision whose record vanished is reported,
never dropped. Through the Python API, the command line and the canned queries.

Built from small hand-made records (``helpers.sample_extraction``): a 2010 sheet and a 2027 card whose three
initiatives the lineage links to the 2010 ones, and a fourth 2027 initiative that only resembles two of
them, so it has candidates.
"""

from __future__ import annotations

import contextlib
import getpass
import io
import re
import sqlite3
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import planarkiv
from conftest import ROOT
from helpers import one_line_pdf, rows, sample_extraction
from planarkiv.cli import main
from planarkiv.corpus.decisions import DecisionError
from planarkiv.corpus.publish import publish
from planarkiv.datasette_plugin import prepare_connection
from planarkiv.graph.lineage import candidates, relations
from planarkiv.schema import Decision, Extraction, Initiative, InitiativeStatus, Provenance
from planarkiv.serve import METADATA

OLD, NEW = "a" * 16, "b" * 16
LATER_ONLY = f"{NEW}-i4"  # resembles OLD-i1 and OLD-i2, each already linked to its 2027 twin


def _extractions(*, drop: str | None = None) -> list[Extraction]:
    """The two documents as extracted; ``drop``: an initiative the extractor no longer finds."""
    old = sample_extraction("a" * 64, "bilag-2010.pdf", year=2010)
    new = sample_extraction("b" * 64, "budget-2027.pdf", year=2027)
    fourth = Initiative(id=LATER_ONLY, title="Jobklubber for sygemeldte borgere",
                        status=InitiativeStatus.PLANNED, description="Sygemeldte borgere mødes i jobklubber.",
                        provenance=Provenance(document_id=NEW, page=1))
    initiatives = [i for i in [*new.initiatives, fourth] if i.id != drop]
    kept = [r for r in new.relations if drop not in (r.source_id, r.target_id)]
    new = new.model_copy(update={"initiatives": initiatives, "relations": kept,
                                 "goals": [g for g in new.goals if g.initiative_id != drop],
                                 "amounts": [a for a in new.amounts if a.initiative_id != drop]})
    return [old, new]


def _publish(db_path: Path, extractions: list[Extraction]) -> list[Decision]:
    """A re-ingest as ``ingest.publish_batch`` does it: the relations and candidates of every document."""
    linked = relations(extractions)
    return publish(db_path, extractions, linked, candidates=candidates(extractions, linked))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "planarkiv.db"
    _publish(path, _extractions())
    return path


def _continues(db_path: Path) -> dict[tuple[str, str], tuple]:
    return {(s, t): (score, evidence) for s, t, score, evidence in rows(
        db_path, "select source_id, target_id, score, evidence from relations where type = 'continues'")}


def _query(db_path: Path, name: str) -> list[dict]:
    conn = sqlite3.connect(db_path)
    prepare_connection(conn)
    conn.row_factory = sqlite3.Row
    queries = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"]["planarkiv"]["queries"]
    sql = queries[name]["sql"]
    return [dict(row) for row in conn.execute(sql)]


def test_candidates_list_the_pairs_under_the_automatic_links_with_titles_and_years(db_path: Path) -> None:
    lib = planarkiv.open(db_path)
    found = lib.candidates()
    assert [(c.later_id, c.earlier_id, c.rank) for c in found] == [(LATER_ONLY, f"{OLD}-i2", 1),
                                                                   (LATER_ONLY, f"{OLD}-i1", 2)]
    first = found[0]
    assert (first.later_title, first.later_year, first.earlier_year) == (
        "Jobklubber for sygemeldte borgere", 2027, 2010)
    assert first.earlier_title == "Styrket indsats for syge borgere"
    assert first.score >= found[1].score and "sygemelde" in first.reason
    assert set(_continues(db_path)).isdisjoint((c.later_id, c.earlier_id) for c in found)
    review = _query(db_path, "forslag_til_koblinger")
    assert [(r["senere_id"], r["tidligere_id"], r["år"], r["tidligere år"]) for r in review] == [
        (LATER_ONLY, f"{OLD}-i2", 2027, 2010), (LATER_ONLY, f"{OLD}-i1", 2027, 2010)]
    assert review[0]["senere indsats"] == first.later_title and review[0]["begrundelse"] == first.reason
    assert lib.candidates(limit=1) == found[:1]


def test_a_confirmed_link_continues_through_every_republish(tmp_path: Path, db_path: Path) -> None:
    lib = planarkiv.open(db_path)
    # Given earlier first: the later initiative is the one of the later year.
    decision = lib.confirm(f"{OLD}-i2", LATER_ONLY, why="samme målgruppe", who="anna")
    assert (decision.record_id, decision.other_id, decision.status) == (LATER_ONLY, f"{OLD}-i2", "anvendt")
    link = {(LATER_ONLY, f"{OLD}-i2"): (1.0, "bekræftet af anna: samme målgruppe")}
    assert link.items() <= _continues(db_path).items()
    assert f"{OLD}-i2" in {step.id for step in lib.lineage(LATER_ONLY)}
    assert [(c.later_id, c.earlier_id) for c in lib.candidates()] == [(LATER_ONLY, f"{OLD}-i1")]
    assert _publish(db_path, _extractions()) == []
    assert link.items() <= _continues(db_path).items()
    assert [d.model_dump() for d in lib.decisions()] == [decision.model_dump()]
    assert [(r["hvem"], r["handling"], r["post"], r["status"]) for r in _query(db_path, "beslutninger")] == [
        ("anna", "Kobling bekræftet", LATER_ONLY, "anvendt")]


def test_a_rejected_link_stays_removed_when_the_lineage_finds_it_again(tmp_path: Path, db_path: Path) -> None:
    automatic = (f"{NEW}-i1", f"{OLD}-i1")
    assert automatic in _continues(db_path)
    planarkiv.open(db_path).reject(*automatic, who="bo")
    assert automatic not in _continues(db_path)
    _publish(db_path, _extractions())
    assert automatic not in _continues(db_path)
    assert (f"{NEW}-i2", f"{OLD}-i2") in _continues(db_path)


def test_corrections_are_applied_again_after_a_republish(tmp_path: Path, db_path: Path) -> None:
    lib = planarkiv.open(db_path)
    later = f"{NEW}-i3"
    lib.correct(later, "title", "Mentorforløb for nyuddannede akademikere", why="titlen var afskåret")
    by_label = lib.correct(later, "assessment", "Videreføres uændret")
    assert by_label.value == "continue_unchanged"
    lib.correct(f"{NEW}-i1", "role", "mentions", office="Jobcenter Skelbækgade")
    for _ in range(2):
        initiative = next(i for i in lib.initiatives() if i.id == later)
        assert (initiative.title, initiative.assessment) == ("Mentorforløb for nyuddannede akademikere",
                                                             "continue_unchanged")
        assert [i.id for i in lib.initiatives(search="mentorforløbet")] == [later]
        assert rows(db_path, f"select role from initiative_offices where initiative_id = '{NEW}-i1' "
                             "and office_id = 'jobcenter-skelbaekgade'") == [("mentions",)]
        _publish(db_path, _extractions())
    assert {d.who for d in lib.decisions()} == {getpass.getuser()}


def test_a_decision_whose_record_vanished_is_reported_kept_and_applied_when_it_returns(
        tmp_path: Path, db_path: Path) -> None:
    lib = planarkiv.open(db_path)
    lib.confirm(LATER_ONLY, f"{OLD}-i2", who="anna")
    not_applied = _publish(db_path, _extractions(drop=LATER_ONLY))
    assert [(d.id, d.status) for d in not_applied] == [(1, f"posten findes ikke længere: {LATER_ONLY}")]
    assert [d.status for d in lib.decisions()] == [f"posten findes ikke længere: {LATER_ONLY}"]
    assert [r["status"] for r in _query(db_path, "beslutninger")] == [not_applied[0].status]
    assert _publish(db_path, _extractions()) == []
    assert (LATER_ONLY, f"{OLD}-i2") in _continues(db_path)
    assert [d.status for d in lib.decisions()] == ["anvendt"]


def test_a_wrong_decision_is_one_line_and_leaves_the_database_as_it_was(db_path: Path) -> None:
    lib = planarkiv.open(db_path)
    before = db_path.read_bytes()
    wrong = [
        (lambda: lib.confirm("nope", f"{OLD}-i1"), "no initiative with id 'nope'"),
        (lambda: lib.confirm(f"{OLD}-i1", f"{OLD}-i2"), "are both of 2010: neither continues the other"),
        (lambda: lib.correct("nope", "title", "x"), "no record with id 'nope'"),
        (lambda: lib.correct(f"{NEW}-i1", "titel", "x"), "no field 'titel' to correct; fields: number"),
        (lambda: lib.correct(f"{NEW}-i1", "assessment", "maybe"), "'maybe' is no value for assessment"),
        (lambda: lib.correct(f"{NEW}-i1", "role", "responsible"), "name the office"),
        (lambda: lib.correct(f"{NEW}-i1", "role", "boss", office="BIF"), "'boss' is no role"),
    ]
    for decide, message in wrong:
        with pytest.raises(DecisionError, match=message) as info:
            decide()
        assert "\n" not in str(info.value)
    assert db_path.read_bytes() == before


def test_browsing_stays_read_only_and_a_decision_swaps_the_file_whole(db_path: Path) -> None:
    lib = planarkiv.open(db_path)
    before, stat = db_path.read_bytes(), db_path.stat()
    lib.initiatives(), lib.candidates(), lib.decisions(), lib.lineage(f"{NEW}-i1")
    assert db_path.read_bytes() == before and db_path.stat().st_mtime_ns == stat.st_mtime_ns
    with sqlite3.connect(db_path) as reader:
        reader.execute("begin")
        assert reader.execute("select count(*) from decisions").fetchone() == (0,)
        lib.confirm(LATER_ONLY, f"{OLD}-i1")
        assert reader.execute("select count(*) from decisions").fetchone() == (0,)  # the old file, whole
    assert db_path.stat().st_ino != stat.st_ino
    assert not [p for p in db_path.parent.iterdir() if p.name.endswith(".tmp")]


def test_command_line_decides_lists_and_names_what_is_wrong(db_path: Path) -> None:
    runner = CliRunner()
    db = ["--db", str(db_path)]
    listed = runner.invoke(main, ["link", "candidates", *db, "--limit", "1"])
    assert listed.exit_code == 0, listed.output
    assert listed.output.splitlines()[:2] == [
        f"0.76  2027 Jobklubber for sygemeldte borgere [{LATER_ONLY}]",
        f"   <- 2010 Styrket indsats for syge borgere [{OLD}-i2]"]
    confirmed = runner.invoke(main, ["link", "confirm", LATER_ONLY, f"{OLD}-i2", *db, "--why", "samme",
                                     "--who", "anna"])
    assert confirmed.output == f"decision #1: kobling bekræftet: {LATER_ONLY} {OLD}-i2, by anna (anvendt)\n"
    rejected = runner.invoke(main, ["link", "reject", f"{NEW}-i1", f"{OLD}-i1", *db])
    assert rejected.exit_code == 0 and f"by {getpass.getuser()} (anvendt)" in rejected.output
    corrected = runner.invoke(main, ["correct", f"{NEW}-i1", "title", "Jobklubber i a-kasser", *db])
    assert corrected.output.startswith(f"decision #3: rettelse: {NEW}-i1 title = Jobklubber i a-kasser, by ")
    role = runner.invoke(main, ["correct", f"{NEW}-i1", "role", "mentions", "--office", "BIF", *db])
    assert role.exit_code == 0, role.output
    for args, message in ([["link", "confirm", "zzz", f"{OLD}-i1"], "Error: no initiative with id 'zzz'"],
                          [["correct", f"{NEW}-i1", "colour", "red"],
                           "Error: initiatives have no field 'colour'"]):
        result = runner.invoke(main, [*args, *db])
        assert result.exit_code == 1 and result.output.startswith(message), result.output
        assert len(result.output.splitlines()) == 1
    assert len(planarkiv.open(db_path).decisions()) == 4


def test_ingest_reports_a_decision_whose_record_is_gone(tmp_path: Path, db_path: Path) -> None:
    """A decision made before a re-extraction dropped its record (written here as it would stand)."""
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("insert into decisions (id, time, who, action, record_id, other_id) values "
                     "(1, '2026-01-01T00:00:00+00:00', 'anna', 'link_confirm', 'gone-i9', ?)", [f"{OLD}-i1"])
    conn.close()
    note = one_line_pdf(tmp_path / "notat.pdf", "Notat om jobklubber")
    result = CliRunner().invoke(main, ["ingest", str(note), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == ("warning: 1 decisions not applied (kept; see Beslutninger): "
                                              "#1 link_confirm gone-i9: posten findes ikke længere: gone-i9")
    assert [d.status for d in planarkiv.open(db_path).decisions()] == ["posten findes ikke længere: gone-i9"]


def test_readme_decisions_snippet_runs(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Python snippet of the README's section on decisions, beside ``planarkiv.db``."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Beslutninger og gennemsyn", 1)[1].split("\n## ", 1)[0]
    (snippet,) = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    monkeypatch.chdir(db_path.parent)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(snippet, "README.md", "exec"), {})
    assert out.getvalue().splitlines() == [
        "0.76 2027 Jobklubber for sygemeldte borgere <- 2010 Styrket indsats for syge borgere",
        "0.72 2027 Jobklubber for sygemeldte borgere <- 2010 Bedre samarbejde med a-kasser via jobklubber",
        "Kobling bekræftet anvendt [1]"]
    assert (LATER_ONLY, f"{OLD}-i2") in _continues(db_path)
