"""The Python API (``planarkiv.open``): filters, money per year, lineage, compare, the graph and
DataFrames on a small hand-made database (published with ``corpus.publish``, so these tests do not depend
on the parsers or the lineage inference), and the README's "Sammenligning på tværs af år i Python"
snippets run against the bundled corpus ingested with ``planarkiv ingest``, their answers written from
reading the documents.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import sys
from pathlib import Path

import pytest

import planarkiv
from conftest import ROOT
from helpers import fake_pdf
from planarkiv.corpus.publish import publish
from planarkiv.extract.danish.offices import offices
from planarkiv.extract.danish.target_groups import target_groups
from planarkiv.library import Library
from planarkiv.schema import (
    Amount,
    AmountRole,
    Document,
    DocumentKind,
    Extraction,
    FundingKind,
    Goal,
    GoalKind,
    Initiative,
    InitiativeStatus,
    Relation,
    RelationType,
)

SHEET, PLAN, CARDS = "a" * 16, "b" * 16, "c" * 16
EXPIRING, CONTINUES = InitiativeStatus.EXPIRING, RelationType.CONTINUES


def _document(doc_id: str, kind: DocumentKind, title: str, year: int) -> Document:
    return Document(id=doc_id, kind=kind, title=title, year=year, source_file=f"{doc_id}.pdf",
                    sha256=doc_id * 4, pages=5)


def _initiative(doc_id: str, n: int, title: str, **fields) -> Initiative:
    return Initiative(id=f"{doc_id}-i{n}", title=title, status=fields.pop("status", InitiativeStatus.PLANNED),
                      provenance={"document_id": doc_id, "page": n}, **fields)


def _amount(doc_id: str, n: int, initiative: int, text: str, value: int, **fields) -> Amount:
    return Amount(id=f"{doc_id}-a{n}", initiative_id=f"{doc_id}-i{initiative}", text=text, value_dkk=value,
                  provenance={"document_id": doc_id, "page": initiative}, **fields)


def _rel(source: str, target: str, kind: RelationType, **fields) -> Relation:
    return Relation(source_id=source, target_id=target, type=kind, **fields)


def _targets(initiative_id: str, *names: str) -> list[Relation]:
    return [_rel(initiative_id, f"tg-{name}", RelationType.TARGETS) for name in names]


def _groups(*ids: str) -> list:
    return [target_groups()[f"tg-{i}"] for i in ids]


def _offices(*ids: str) -> list:
    return [offices()[f"office-{i}"] for i in ids]


def hand_made() -> list[Extraction]:
    """2010: three initiatives; 2018: an akademiker effort continuing 2010's jobklubber, a vision goal it
    supports and two ministermål; 2027: the dømte card continuing 2010, the akademiker card continuing
    2018 (so 2010 through 2018), and a new card."""
    sheet = Extraction(
        document=_document(SHEET, DocumentKind.INITIATIVE_SHEET, "Bilag 1, udmøntningsplan for 2010", 2010),
        initiatives=[
            _initiative(SHEET, 1, "Job og uddannelse til dømte unge", number="2.6"),
            _initiative(SHEET, 2, "Jobklubber for akademikere", number="1.4",
                        purpose="Jobklubberne skal give ledige akademikere et netværk."),
            _initiative(SHEET, 3, "Kvikservice for nyledige", number="1.2"),
        ],
        amounts=[
            _amount(SHEET, 1, 1, "10 mio. kr.", 10_000_000, year_from=2010, year_to=2010),
            _amount(SHEET, 2, 1, "9,0 mio. kr.", 9_000_000, year_from=2010, part_of=f"{SHEET}-a1",
                    funding=FundingKind.INDSATS),
            _amount(SHEET, 3, 1, "uge pris på 700 kr.", 700, unit_price=True),
            _amount(SHEET, 4, 2, "2 mio. kr.", 2_000_000, funding=FundingKind.SERVICE),
        ],
        offices=_offices("bif", "kriminalforsorgen", "jobcenter-skelbaekgade", "arbejdsmarkedscentret"),
        target_groups=_groups("doemte", "unge", "akademikere", "dagpengemodtagere"),
        relations=[
            *_targets(f"{SHEET}-i1", "doemte", "unge"), *_targets(f"{SHEET}-i2", "akademikere"),
            *_targets(f"{SHEET}-i3", "dagpengemodtagere"),
            _rel(f"{SHEET}-i1", "office-bif", RelationType.RESPONSIBLE),
            _rel(f"{SHEET}-i1", "office-kriminalforsorgen", RelationType.MENTIONS),
            _rel(f"{SHEET}-i2", "office-jobcenter-skelbaekgade", RelationType.RESPONSIBLE),
            _rel(f"{SHEET}-i3", "office-arbejdsmarkedscentret", RelationType.RESPONSIBLE),
        ],
    )
    plan_goal = {"provenance": {"document_id": PLAN, "page": 1}}
    plan = Extraction(
        document=_document(PLAN, DocumentKind.PLAN, "Beskæftigelsesplan 2016-2020, 2018-versionen", 2018),
        goals=[
            Goal(id=f"{PLAN}-g1", kind=GoalKind.VISION, number="2", text="Flere akademikere i job.",
                 target_group="akademikere", year=2020, **plan_goal),
            Goal(id=f"{PLAN}-g2", kind=GoalKind.MINISTER, number="1", text="Flere i beskæftigelse.",
                 year=2018, **plan_goal),
            Goal(id=f"{PLAN}-g3", kind=GoalKind.MINISTER, number="5",
                 text="Bekæmpelse af socialt bedrageri.", year=2018, **plan_goal),
        ],
        initiatives=[
            _initiative(PLAN, 1, "Langtidsledighedsindsats for akademikere", status=InitiativeStatus.ONGOING),
            _initiative(PLAN, 2, "Mentorer til aktivitetsparate unge", status=InitiativeStatus.ONGOING),
        ],
        target_groups=_groups("akademikere", "aktivitetsparate-unge"),
        relations=[
            *_targets(f"{PLAN}-i1", "akademikere"), *_targets(f"{PLAN}-i2", "aktivitetsparate-unge"),
            _rel(f"{PLAN}-i1", f"{PLAN}-g1", RelationType.SUPPORTS),
            _rel(f"{PLAN}-g2", f"{PLAN}-g1", RelationType.ALIGNS_WITH),
            _rel(f"{PLAN}-i1", f"{SHEET}-i2", CONTINUES, score=0.8, evidence="jobklubber"),
        ],
    )
    cards = Extraction(
        document=_document(CARDS, DocumentKind.BUDGET_EXPIRY, "Budget 2027: bevillinger der udløber", 2027),
        initiatives=[
            _initiative(CARDS, 1, "Videreførelse af job og uddannelse til dømte", status=EXPIRING),
            _initiative(CARDS, 2, "Karrierecenter for akademikere", status=EXPIRING),
            _initiative(CARDS, 3, "Grønne job", status=EXPIRING),
        ],
        amounts=[
            _amount(CARDS, 1, 1, "10,1 mio. kr.", 10_100_000, year_from=2023, year_to=2026, per_year=True,
                    role=AmountRole.GRANTED),
            _amount(CARDS, 2, 1, "11,5 mio. kr.", 11_500_000, year_from=2027, year_to=2030, per_year=True,
                    role=AmountRole.PROPOSED),
            _amount(CARDS, 3, 2, "1 mio. kr.", 1_000_000, year_from=2027, funding=FundingKind.INDSATS),
        ],
        offices=_offices("jobcenter-koebenhavn"),
        target_groups=_groups("doemte", "akademikere"),
        relations=[
            *_targets(f"{CARDS}-i1", "doemte"), *_targets(f"{CARDS}-i2", "akademikere"),
            _rel(f"{CARDS}-i1", "office-jobcenter-koebenhavn", RelationType.RESPONSIBLE),
            _rel(f"{CARDS}-i1", f"{SHEET}-i1", CONTINUES, score=0.9, evidence="Videreførelse af"),
            _rel(f"{CARDS}-i2", f"{PLAN}-i1", CONTINUES, score=0.7, evidence="akademikere"),
        ],
    )
    return [sheet, plan, cards]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "planarkiv.db"
    extractions = hand_made()
    publish(path, extractions, [rel for ex in extractions for rel in ex.relations])  # only those stated
    return path


@pytest.fixture(scope="module")
def lib(db_path: Path) -> Library:
    return planarkiv.open(db_path)


def ids(records) -> list[str]:
    return [r.id for r in records]


def test_open_a_missing_database_says_so(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="planarkiv ingest"):
        planarkiv.open(tmp_path / "nowhere.db")
    assert not (tmp_path / "nowhere.db").exists()


def test_documents_in_year_order(lib: Library) -> None:
    assert [(d.year, d.kind) for d in lib.documents()] == [
        (2010, DocumentKind.INITIATIVE_SHEET), (2018, DocumentKind.PLAN), (2027, DocumentKind.BUDGET_EXPIRY)]
    assert ids(lib.documents(kind="plan")) == [PLAN]


def test_initiatives_filters_combine(lib: Library) -> None:
    akademikere = [f"{SHEET}-i2", f"{PLAN}-i1", f"{CARDS}-i2"]
    assert ids(lib.initiatives(target_group="akademikere")) == akademikere
    assert ids(lib.initiatives(target_group="ledige akademikere")) == akademikere  # as the gazetteer reads it
    assert ids(lib.initiatives(target_group="akademikere", kind="budget_expiry")) == [f"{CARDS}-i2"]
    assert ids(lib.initiatives(target_group="akademikere", year=2018)) == [f"{PLAN}-i1"]
    assert ids(lib.initiatives(target_group="akademikere", document=lib.documents(year=2010)[0])) == \
        [f"{SHEET}-i2"]
    # "unge" takes in the narrower "aktivitetsparate unge".
    assert ids(lib.initiatives(target_group="unge")) == [f"{SHEET}-i1", f"{PLAN}-i2"]
    assert lib.initiatives(year=1999) == []


def test_office_by_name_abbreviation_or_variant(lib: Library) -> None:
    assert ids(lib.initiatives(office="BIF")) == [f"{SHEET}-i1"]
    assert ids(lib.initiatives(office="Beskæftigelses- og Integrationsforvaltningen")) == [f"{SHEET}-i1"]
    assert ids(lib.initiatives(office="Arbejdsmarkedscenteret")) == [f"{SHEET}-i3"]
    assert ids(lib.initiatives(office="kriminalforsorgen")) == [f"{SHEET}-i1"]  # mentioned counts too
    assert ids(lib.initiatives(office="Jobcenter København", year=2027)) == [f"{CARDS}-i1"]
    assert lib.initiatives(office="Jobcenter København", year=2010) == []


def test_search_is_the_danish_lemma_and_prefix_search(lib: Library) -> None:
    assert ids(lib.initiatives(search="jobklub")) == [f"{SHEET}-i2"]
    assert ids(lib.initiatives(search="jobklubberne")) == [f"{SHEET}-i2"]
    assert ids(lib.initiatives(search="dømte")) == [f"{SHEET}-i1", f"{CARDS}-i1"]
    assert ids(lib.initiatives(search="dømte", year=2027)) == [f"{CARDS}-i1"]
    assert ids(lib.documents(search="udmøntningsplan")) == [SHEET]


def test_unknown_names_are_errors_not_empty_answers(lib: Library) -> None:
    with pytest.raises(ValueError, match="unknown target group"):
        lib.initiatives(target_group="marsboere")
    with pytest.raises(ValueError, match="unknown office"):
        lib.initiatives(office="Kontoret for Marsbaser")
    with pytest.raises(ValueError):
        lib.initiatives(kind="budget")
    assert lib.initiatives(office="SOF") == []  # a known office with nothing in this database


def test_records_carry_their_document_offices_groups_and_source(lib: Library) -> None:
    card = lib.initiatives(kind="budget_expiry", search="dømte")[0]
    assert (card.document_year, card.document_kind, card.document_title) == (
        2027, DocumentKind.BUDGET_EXPIRY, "Budget 2027: bevillinger der udløber")
    assert card.offices == ["Jobcenter København"] and card.target_groups == ["dømte"]
    assert card.provenance.document_id == CARDS and card.provenance.page == 1
    assert card.source == f"/pdf/{CARDS * 4}.pdf#page=1"
    sheet = lib.initiatives(office="BIF")[0]
    assert sheet.offices == ["Beskæftigelses- og Integrationsforvaltningen", "Kriminalforsorgen"]
    assert sheet.funding == [FundingKind.INDSATS]


def test_money_per_year_counts_nothing_twice(lib: Library) -> None:
    sheet, card = lib.initiatives(search="dømte")
    assert sheet.dkk_per_year == {2010: 10_000_000}  # not the "heraf" 9,0 mio., not the unit price
    assert card.dkk_per_year == {2023: 10_100_000, 2024: 10_100_000, 2025: 10_100_000, 2026: 10_100_000,
                                 2027: 11_500_000, 2028: 11_500_000, 2029: 11_500_000, 2030: 11_500_000}
    assert card.total_dkk == 4 * 10_100_000 + 4 * 11_500_000
    assert lib.initiatives(search="kvikservice")[0].dkk_per_year == {}


def test_goals_and_amounts_filters(lib: Library) -> None:
    assert [g.number for g in lib.goals(kind="minister", year=2018)] == ["1", "5"]
    assert lib.goals(kind="minister", year=2010) == []
    vision = lib.goals(target_group="akademikere")
    assert ids(vision) == [f"{PLAN}-g1"] and vision[0].year == 2020 and vision[0].document_year == 2018
    assert [a.text for a in lib.amounts(initiative=f"{SHEET}-i1")] == [
        "10 mio. kr.", "9,0 mio. kr.", "uge pris på 700 kr."]
    assert [a.value_dkk for a in lib.amounts(target_group="akademikere")] == [2_000_000, 1_000_000]
    assert [a.value_dkk for a in lib.amounts(funding="indsats", year=2027)] == [1_000_000]
    assert [a.role for a in lib.amounts(kind="budget_expiry", office="Jobcenter København")] == [
        AmountRole.GRANTED, AmountRole.PROPOSED]


def test_lineage_follows_continues_both_ways_in_year_order(lib: Library) -> None:
    chain = [f"{SHEET}-i2", f"{PLAN}-i1", f"{CARDS}-i2"]
    for member in chain:
        assert ids(lib.lineage(member)) == chain
    steps = lib.lineage(lib.initiatives(search="Karrierecenter")[0])
    assert [s.document_year for s in steps] == [2010, 2018, 2027]
    assert [s.dkk_per_year for s in steps] == [{2010: 2_000_000}, {}, {2027: 1_000_000}]
    assert [[(c.earlier_id, c.score) for c in s.continues] for s in steps] == [
        [], [(f"{SHEET}-i2", 0.8)], [(f"{PLAN}-i1", 0.7)]]
    assert ids(lib.lineage(f"{CARDS}-i3")) == [f"{CARDS}-i3"]
    with pytest.raises(KeyError):
        lib.lineage("no-such-initiative")


def test_compare_two_years(lib: Library) -> None:
    comparison = lib.compare(2010, 2027)
    assert ids(comparison.a) == [SHEET] and ids(comparison.b) == [CARDS]
    pairs = {(p.a.id, p.b.id): (p.score, p.evidence) for p in comparison.continued}
    assert pairs == {(f"{SHEET}-i1", f"{CARDS}-i1"): (0.9, "Videreførelse af"),
                     (f"{SHEET}-i2", f"{CARDS}-i2"): (None, None)}  # linked through the 2018 plan
    assert ids(comparison.gone) == [f"{SHEET}-i3"]
    assert ids(comparison.new) == [f"{CARDS}-i3"]
    assert comparison.dkk_per_year_a == {2010: 12_000_000}
    assert comparison.dkk_per_year_b[2027] == 11_500_000 + 1_000_000
    assert comparison.total_dkk_b == 4 * 10_100_000 + 4 * 11_500_000 + 1_000_000


def test_compare_documents_by_record_or_id(lib: Library) -> None:
    plan = lib.documents(kind="plan")[0]
    comparison = lib.compare(plan, CARDS)
    assert {(p.a.id, p.b.id) for p in comparison.continued} == {(f"{PLAN}-i1", f"{CARDS}-i2")}
    assert ids(comparison.gone) == [f"{PLAN}-i2"]
    assert ids(comparison.new) == [f"{CARDS}-i1", f"{CARDS}-i3"]
    with pytest.raises(ValueError, match="share a document"):
        lib.compare(2018, plan)
    with pytest.raises(ValueError, match="no document"):
        lib.compare(1999, 2018)


def test_graph_is_the_database_graph_loaded_once_per_publish(lib: Library) -> None:
    graph = lib.graph
    assert graph is lib.graph
    assert graph.has_edge(f"{CARDS}-i1", f"{SHEET}-i1", key="continues")
    assert graph.has_edge(f"{PLAN}-g2", f"{PLAN}-g1", key="aligns_with")


def test_result_sets_become_dataframes(lib: Library) -> None:
    frame = lib.initiatives(target_group="akademikere").to_dataframe()
    assert list(frame["id"]) == [f"{SHEET}-i2", f"{PLAN}-i1", f"{CARDS}-i2"]
    assert list(frame["document_year"]) == [2010, 2018, 2027]
    # The plan names no sum for its akademiker initiative: unknown, not 0 kr.
    assert frame["total_dkk"].isna().tolist() == [False, True, False]
    assert frame["total_dkk"].sum() == 3_000_000
    assert str(frame["total_dkk"].dtype) == "Int64"
    assert {"document_id", "page", "title", "offices", "dkk_per_year"} <= set(frame.columns)
    pairs = lib.compare(2010, 2027).continued.to_dataframe()
    assert {"a_title", "b_title", "a_document_id", "score"} <= set(pairs.columns)
    assert list(lib.amounts(year=2010).to_dataframe()["value_dkk"]) == [10_000_000, 9_000_000, 700, 2_000_000]


def test_dataframe_without_pandas_names_the_extra(lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=re.escape("pip install planarkiv[pandas]")):
        lib.documents().to_dataframe()


def test_an_open_library_sees_a_new_publish(db_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "planarkiv.db"
    shutil.copyfile(db_path, copy)
    lib = planarkiv.open(copy)
    before, graph_before = lib.documents(), lib.graph
    pdf, sha = fake_pdf(tmp_path, "handleplan.pdf", b"2016")
    doc = Document(id=sha[:16], kind=DocumentKind.ACTION_PLAN, title="Handleplan for udsatte borgere",
                   year=2016, source_file=pdf.name, sha256=sha, pages=1)
    publish(copy, [Extraction(document=doc)], sources={sha: pdf})
    assert [d.year for d in lib.documents()] == [2010, 2016, 2018, 2027]
    assert len(before) == 3
    assert doc.id in lib.graph and doc.id not in graph_before


def test_filters_take_the_danish_names_people_write(lib: Library) -> None:
    assert ids(lib.initiatives(kind="Beskæftigelsesplan")) == ids(lib.initiatives(kind="plan"))
    assert ids(lib.initiatives(kind="beskæftigelsesplan")) == ids(lib.initiatives(kind="plan"))
    assert ids(lib.documents(kind="Udmøntningsplan")) == [SHEET]  # the name without its parenthesis
    assert ids(lib.goals(kind="Ministermål", year=2018)) == ids(lib.goals(kind="minister", year=2018))
    with pytest.raises(ValueError, match=r"known: plan \(Beskæftigelsesplan\)"):
        lib.initiatives(kind="budget")


def test_an_initiative_with_no_amount_has_an_unknown_total_not_zero(lib: Library) -> None:
    totals = {i.id: i.total_dkk for i in lib.initiatives()}
    assert totals[f"{PLAN}-i1"] is None and totals[f"{SHEET}-i2"] == 2_000_000


def test_a_comparison_becomes_one_dataframe(lib: Library) -> None:
    comparison = lib.compare(2010, 2027)
    frame = comparison.to_dataframe()
    assert frame["change"].value_counts().to_dict() == {
        change: n for change, n in (("continued", len(comparison.continued)), ("gone", len(comparison.gone)),
                                    ("new", len(comparison.new))) if n}
    continued = frame[frame["change"] == "continued"].iloc[0]
    assert (continued["a_title"], continued["b_title"]) == (comparison.continued[0].a.title,
                                                            comparison.continued[0].b.title)
    assert frame[frame["change"] == "new"]["a_id"].isna().all()
    assert set(frame[frame["change"] == "new"]["b_id"]) == {i.id for i in comparison.new}


# -- the README section, run against the bundled corpus --------------------------------------------------

README_SECTION = "## Sammenligning på tværs af år i Python"


def readme_snippets() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(README_SECTION, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.DOTALL)


@pytest.fixture(scope="module")
def readme_output(tmp_path_factory: pytest.TempPathFactory, ingested_corpus: Path) -> list[str]:
    """What each README snippet prints, run in order in one namespace, beside ``planarkiv.db`` (the
    bundled corpus ingested with ``planarkiv ingest``)."""
    folder = tmp_path_factory.mktemp("readme")
    (folder / "planarkiv.db").symlink_to(ingested_corpus)
    namespace: dict = {}
    printed = []
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        for snippet in readme_snippets():
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(snippet, "README.md", "exec"), namespace)
            printed.append(out.getvalue())
    return printed


def test_readme_has_three_snippets() -> None:
    assert len(readme_snippets()) == 3


def test_readme_akademikere_across_years_with_money(readme_output: list[str]) -> None:
    out = readme_output[0]
    lines = [line for line in out.splitlines() if re.match(r"^\d{4} \D", line)]
    # The 2012 theme "Nyuddannede" (karrierecenter for akademikere), the 2018 plan's akademiker section,
    # the 2027 card "Opkvalificering målrettet grøn omstilling"; the 2010 sheet has nothing for them.
    assert {line[:4] for line in lines} == {"2012", "2018", "2027"}
    assert "2018 Beskæftigelsesplan | Langtidsledighedsindsats for akademikere None" in lines
    assert "2012 Temaer for beskæftigelsesaftale | Nyuddannede None" in lines
    # The card: 2,5 + 1,3 + 1,4 mio. kr. a year in 2024-2026 and 2,8 mio. kr. a year in 2027-2030.
    assert ("2027 Budget: bevillinger der udløber | Opkvalificering målrettet grøn omstilling 26800000"
            in lines)
    # The plan's one amount for them: 13,4 mio. kr. invested in an aktiveringsforløb for akademikere.
    assert re.search(r"^2018\s+13400000$", out, re.MULTILINE)
    assert re.search(r"^2027\s+26800000$", out, re.MULTILINE)


def test_readme_budget_2027_cards_continuing_2010(readme_output: list[str]) -> None:
    out = readme_output[1]
    assert ("2.6 Job og uddannelse til dømte unge -> Videreførelse af job og uddannelse til dømte og "
            "varetægtsfængslede") in out
    # Its lineage with the money: 10 mio. kr. in 2010; 10,1 mio. kr. a year granted for 2023-2026 and
    # 11,5 mio. kr. a year proposed for 2027-2030.
    assert "2010 Job og uddannelse til dømte unge {2010: 10000000}" in out
    years = ", ".join([*(f"{y}: 10100000" for y in range(2023, 2027)),
                       *(f"{y}: 11500000" for y in range(2027, 2031))])
    assert f"2027 Videreførelse af job og uddannelse til dømte og varetægtsfængslede {{{years}}}" in out
    # The sheet's 12 rows and the 27 cards: those in no printed pair are gone and new.
    pairs = re.findall(r"^\S+ (.+) -> (.+)$", out, re.MULTILINE)
    gone, new = map(int, re.search(r"^(\d+) indsatser fra 2010 ikke videreført, (\d+) nye i 2027$", out,
                                   re.MULTILINE).groups())
    assert (gone, new) == (12 - len({a for a, _ in pairs}), 27 - len({b for _, b in pairs}))


def test_readme_ministermaal_without_initiatives(readme_output: list[str]) -> None:
    # Section 5 of the plan ties only ministermål 1 to vision goals (those of 4.3, 4.4, 4.5 and 4.7,
    # whose initiatives support them); ministermål 2-5 name no vision goal and no initiative.
    numbers = [line.split()[0] for line in readme_output[2].splitlines()]
    assert numbers == ["2", "3", "4", "5"]
