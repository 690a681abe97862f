"""The version diff: a 2019 version of the plan, made with known edits (``tests/plan_versions.py``), against
the bundled 2018 version. The expected changes below are written from that edit list and the domain guide's
rules for titles (a lead-in, else the first sentence without a trailing parenthesis), not from output."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from conftest import PDF_DIR
from corpus_builder import plan
from plan_versions import plan_2019, render_plan
from planarkiv.cli import main
from planarkiv.corpus.registry import TABLE
from planarkiv.extract import extract
from planarkiv.graph.diff import diff, series_changes
from planarkiv.schema import Assessment, Extraction, InitiativeStatus

PLAN_2018 = PDF_DIR / "beskaeftigelsesplan-2016-2020-version-2018.pdf"

UNGE = "’Helhedsorienteret indsats for unge’ er en forpligtigende tværgående indsats mellem BIF, BUF og SOF"
FLEKSJOB = ("Aftalen blev i august ’17 suppleret af en ny politisk aftale indgået af Beskæftigelses- og "
            "Integrationsudvalget, som stiller skarpt på ressourceforløb, førtidspension og fleksjob")
FAST_TRACK_2018 = "Udbredelse af brugen af fast track, særligt på kommunens egne arbejdspladser"
FAST_TRACK_2019 = "Udbredelse af brugen af fast track, særligt på kommunens og regionens arbejdspladser"
DAGPENGE = ("København skal være blandt de 10 bedste kommuner til at få dagpengemodtagere (ekskl. AC’ere) "
            "i job blandt sammenlignelige kommuner.")
SYGEMELDTE = ("København skal være bedst til at få sygemeldte borgere hurtigere i job blandt sammenlignelige "
              "kommuner.")
UDSATTE = ("København skal være bedst blandt sammenlignelige kommuner til at få udsatte borgere under 50 år "
           "i job og uddannelse.")

# (change, record, field, old record's title or text, new record's title or text, old value, new value),
# one per edit of plan_versions.EDITS_2019 that the diff must see.
EXPECTED = {
    # ADDED_INITIATIVES
    ("added", "initiative", None, None, "Jobklubber for ledige akademikere",
     None, "Jobklubber for ledige akademikere"),
    ("added", "initiative", None, None,
     "Mentorforløb for udsatte borgere over 50 år, der skal bringe flere i job eller uddannelse",
     None, "Mentorforløb for udsatte borgere over 50 år, der skal bringe flere i job eller uddannelse"),
    # REMOVED_INITIATIVE
    ("removed", "initiative", None, "Omvendt jobformidling", None, "Omvendt jobformidling", None),
    # TITLE_CHANGE
    ("changed", "initiative", "title", FAST_TRACK_2018, FAST_TRACK_2019, FAST_TRACK_2018, FAST_TRACK_2019),
    # AMOUNTS
    ("changed", "initiative", "amounts", UNGE, UNGE, "18,3 mio. kr.", "20,5 mio. kr."),
    ("changed", "initiative", "amounts", FLEKSJOB, FLEKSJOB, "16,7 mio. kr.", "19,2 mio. kr."),
    # STATUS_LINES (the status is the first sentence of the Status box)
    ("changed", "goal", "goal_status", DAGPENGE, DAGPENGE,
     "København er nummer 30 ud af 30 i klyngen (2. kvartal 2017).",
     "København er nummer 27 ud af 30 i klyngen (2. kvartal 2018)."),
    ("changed", "goal", "goal_status", SYGEMELDTE, SYGEMELDTE,
     "København ligger nummer 2, men har tæt løb med nummer 1 i klyngen. (2. kvartal 2017).",
     "København ligger nummer 1 i klyngen (2. kvartal 2018)."),
    ("changed", "goal", "goal_status", UDSATTE, UDSATTE,
     "København er 3. bedst i klyngen ud af 6 jobcentre.",
     "København er 2. bedst i klyngen ud af 6 jobcentre (2. kvartal 2018)."),
    # MINISTER_GOAL_TEXT
    ("changed", "goal", "goal_text", "Flere flygtning og familiesammenførte skal være selvforsørgende.",
     "Flere flygtninge og familiesammenførte skal være selvforsørgende.",
     "Flere flygtning og familiesammenførte skal være selvforsørgende.",
     "Flere flygtninge og familiesammenførte skal være selvforsørgende."),
    # NEW_MINISTER_GOAL
    ("added", "goal", None, None, "Flere personer med handicap skal i beskæftigelse.",
     None, "Flere personer med handicap skal i beskæftigelse."),
}


@pytest.fixture(scope="session")
def versions(bundled_extractions: dict[str, Extraction],
             tmp_path_factory: pytest.TempPathFactory) -> tuple[Extraction, Extraction]:
    """The bundled 2018 plan (the session's extraction) and the 2019 version made from it."""
    return bundled_extractions[PLAN_2018.name], extract(plan_2019(tmp_path_factory.mktemp("plan-2019")))


def _label(extraction: Extraction, record_id: str | None) -> str | None:
    if record_id is None:
        return None
    names = {i.id: i.title for i in extraction.initiatives} | {g.id: g.text for g in extraction.goals}
    return names[record_id]


def test_plan_helper_renders_with_the_corpus_builder(tmp_path: Path) -> None:
    """Without edits the helper makes the bundled PDF byte for byte: the 2019 version differs by its edits."""
    unedited = render_plan(tmp_path / "plan.pdf", plan.TITLE, ())
    assert hashlib.sha256(unedited.read_bytes()).digest() == hashlib.sha256(PLAN_2018.read_bytes()).digest()


def test_the_2019_version_is_a_later_version_of_the_same_series(
        versions: tuple[Extraction, Extraction]) -> None:
    old, new = (v.document for v in versions)
    assert (old.year, new.year) == (2018, 2019)
    assert new.title == "Beskæftigelsesplan 2016-2020, 2019-versionen"
    assert new.series == old.series and new.id != old.id


def test_diff_is_exactly_the_edits(versions: tuple[Extraction, Extraction]) -> None:
    old, new = versions
    changes = diff(old, new)
    found = [(c.change.value, c.record.value, c.field and c.field.value, _label(old, c.old_id),
              _label(new, c.new_id), c.old_value, c.new_value) for c in changes]
    assert len(found) == len(set(found))
    assert set(found) == EXPECTED
    for change in changes:
        assert (change.series, change.old_document_id, change.new_document_id) == (
            new.document.series, old.document.id, new.document.id)
        assert change.old_id is None or change.old_id.startswith(old.document.id)
        assert change.new_id is None or change.new_id.startswith(new.document.id)
        # A changed initiative carries the score of the similarity that paired it.
        assert (change.score is not None) == (change.record == "initiative" and change.change == "changed")


def test_change_ids_are_stable_and_unique(versions: tuple[Extraction, Extraction]) -> None:
    first, again = diff(*versions), diff(*versions)
    assert [c.model_dump() for c in first] == [c.model_dump() for c in again]
    assert len({c.id for c in first}) == len(first)
    assert all(c.id.startswith(f"{versions[1].document.id}:") for c in first)


def test_a_version_against_itself_has_no_changes(versions: tuple[Extraction, Extraction]) -> None:
    assert diff(versions[0], versions[0]) == []


def test_assessment_and_status_changes(versions: tuple[Extraction, Extraction]) -> None:
    old = versions[0]
    card = old.initiatives[0]
    expiring = card.model_copy(update={"status": InitiativeStatus.EXPIRING,
                                       "assessment": Assessment.NOT_CONTINUED})
    new = old.model_copy(update={"initiatives": [expiring, *old.initiatives[1:]]})
    found = {(c.field.value, c.old_value, c.new_value) for c in diff(old, new)}
    assert found == {("assessment", None, "not_continued"), ("initiative_status", "ongoing", "expiring")}


def test_goals_pair_by_place_and_text(versions: tuple[Extraction, Extraction]) -> None:
    """A ministermål replaced at its place is that goal changed; a goal gone is removed; goals that only
    moved in the numbering (a goal before them removed) are not changes."""
    old = versions[0]
    fraud = next(g for g in old.goals if g.kind == "minister" and g.section == "5.5")
    replaced = fraud.model_copy(update={"text": "Flere ledige skal opkvalificeres."})
    akademikere = next(g for g in old.goals if g.kind == "vision" and g.target_group == "akademikere")
    goals = [replaced if g is fraud else g for g in old.goals if g is not akademikere]
    found = {(c.change.value, c.field and c.field.value, c.old_value, c.new_value)
             for c in diff(old, old.model_copy(update={"goals": goals}))}
    assert found == {("changed", "goal_text", fraud.text, "Flere ledige skal opkvalificeres."),
                     ("removed", None, akademikere.text, None)}


def _version(extraction: Extraction, doc_id: str, year: int, series: str | None = None) -> Extraction:
    document = extraction.document.model_copy(
        update={"id": doc_id, "year": year, "series": series or extraction.document.series})
    return extraction.model_copy(update={"document": document})


def test_series_changes_diff_consecutive_versions_by_year(versions: tuple[Extraction, Extraction]) -> None:
    old, new = versions
    later = _version(new, "later2020", 2020)  # the 2019 content again, as a 2020 version
    other = _version(old, "other", 2017, series="plan:another-plan")  # a series of one version
    changes = series_changes([later, other, new, old])
    # 2018 -> 2019 gives the edits, 2019 -> 2020 nothing, and 2018 is never compared with 2020.
    assert [c.model_dump() for c in changes] == [c.model_dump() for c in diff(old, new)]
    # Versions of the same year are ordered by document id (``version_key``, as ``documents.version``),
    # whatever order they are given in: the first is compared with 2018, the second repeats it.
    twin = _version(new, "twin2019", 2019)
    first = min(twin.document.id, new.document.id)
    assert {c.new_document_id for c in series_changes([old, twin, new])} == {first}
    assert {c.new_document_id for c in series_changes([old, new, twin])} == {first}


def test_cli_diff_of_stored_documents(versions: tuple[Extraction, Extraction], tmp_path: Path) -> None:
    """``planarkiv diff --db`` reads both versions from the database's stored extractions."""
    db_path = tmp_path / "planarkiv.db"
    sqlite_utils.Database(db_path)[TABLE].insert_all(
        [{"document_id": v.document.id, "sha256": v.document.sha256, "json": v.model_dump_json()}
         for v in versions], pk="document_id")
    ids = [v.document.id for v in versions]
    runner = CliRunner()
    as_json = runner.invoke(main, ["diff", *ids, "--db", str(db_path), "--json"])
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.output) == [c.model_dump(mode="json") for c in diff(*versions)]

    table = runner.invoke(main, ["diff", *ids, "--db", str(db_path)])
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert len(lines) == len(EXPECTED) + 1 and lines[-1] == f"{len(EXPECTED)} changes"
    assert any(line.startswith("Fjernet") and line.endswith("Omvendt jobformidling") for line in lines)
    assert any("Beløb" in line and line.endswith("18,3 mio. kr. → 20,5 mio. kr.") for line in lines)

    missing = runner.invoke(main, ["diff", ids[0], "0000000000000000", "--db", str(db_path)])
    assert missing.exit_code != 0 and "0000000000000000" in missing.output
