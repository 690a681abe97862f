"""The ``initiative_sheet`` parser: numbered initiatives under group rows of a ruled four-column table.

Checked on the bundled Bilag 1 (2010) and on a sheet made here with the corpus builder's primitives that
the parser has never seen: another year, groups 3 and 4, other titles, column headings and offices, an
unlabelled row, a title with a trailing parenthesis, and a row that breaks across a page. Amount values
and office names on the bundled sheet are checked against the gold in ``tests/accuracy``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import PDF_DIR, LayoutOf
from corpus_builder.initiative_sheet import LEADING, SIDE, SIZE, draw_row, lines_height, make_row, udmoentning
from corpus_builder.writer import LANDSCAPE, PdfWriter
from planarkiv.extract import extract
from planarkiv.extract.danish.offices import resolve_office
from planarkiv.extract.layout import Layout, Line, Word, read_layout
from planarkiv.extract.parsers.initiative_sheet import PARSER, _entries, _entry_offices, _fields
from planarkiv.extract.tables import Cell
from planarkiv.schema import DocumentKind, Extraction, GoalKind, InitiativeStatus, RelationType

SHEET = PDF_DIR / "bilag-1-udmoentningsplan-2010.pdf"
OTHERS = sorted(p for p in PDF_DIR.glob("*.pdf") if p != SHEET)

LONG = ("Indsatsen tilrettelægges i tæt samarbejde med de lokale virksomheder, som stiller mentorer til "
        "rådighed for de nyuddannede, og jobcentret følger løbende op på hvert enkelt forløb med samtaler "
        "og en fælles plan for den videre vej mod ordinær beskæftigelse.")

SYNTHETIC: dict[str, Any] = {
    "heading": "BILAG 3",
    "columns": ["Nr.", "Initiativ", "Udmøntningsplan for 2013", "Ansvarlige:"],
    "groups": [
        {"number": "3", "text": "Flere ledige i job gennem virksomhedssamarbejde", "involved": [],
         "initiatives": [
             {"number": "3.1", "title": "Jobrotation i ældreplejen",
              "fields": [
                  {"label": "Formål", "paragraphs": ["At give ledige erfaring fra plejesektoren."]},
                  {"label": "Målgruppe", "paragraphs": ["Dagpengemodtagere med en sundhedsfaglig baggrund."]},
                  {"label": "Løsning", "paragraphs": ["Ledige ansættes som vikarer, mens personalet "
                                                      "efteruddannes."]},
                  {"label": "Resultatmål", "paragraphs": ["200 ledige ansættes som vikarer i 2013."]},
                  {"label": "Økonomi", "paragraphs": ["Der er afsat 3,2 mio. kr. til initiativet."]},
              ],
              "involved": ["Jobcenter Musvågevej,", "Kontoret for\nVirksomhedsrettet Indsats"]},
             {"number": "3.2", "title": "Mentorordning for nyuddannede akademikere",
              "fields": [
                  {"label": "Formål", "paragraphs": ["At nyuddannede får fodfæste på arbejdsmarkedet."]},
                  {"label": "Løsning", "paragraphs": [LONG] * 9},
                  {"label": "Forløb", "paragraphs": ["Et forløb koster 25.000 kr. pr. deltager."]},
                  {"label": "Resultatmål", "paragraphs": ["Halvdelen af deltagerne er i job efter et år.",
                                                          "Ingen deltager venter mere end to uger."]},
                  {"label": "Økonomi", "paragraphs": ["Der er afsat 4 mio. kr., heraf 3,5 mio. kr. til "
                                                      "indsats og 0,5 mio. kr. til administration."]},
              ],
              "involved": ["Karrierecentret,", "Kontoret for\nBeskæftigelsespolitik"]},
             {"number": "3.3", "title": "Sprogforløb for flygtninge (pilotprojekt)",
              "fields": [{"label": None, "paragraphs": ["Forløbet afprøves på to sprogskoler."]}],
              "involved": ["Jobcenter Skelbækgade"]},
         ]},
        {"number": "4", "text": "Unge skal i uddannelse", "involved": ["Ungdommens Uddannelsesvejledning"],
         "initiatives": [
             {"number": "4.1", "title": "Brobygning til erhvervsuddannelse",
              "fields": [
                  {"label": "Formål", "paragraphs": ["At unge uden uddannelse begynder på en."]},
                  {"label": "Målgrupper", "paragraphs": ["Unge under 25 år."]},
                  {"label": "Resultatmål", "paragraphs": ["60 pct. er i uddannelse efter et år."]},
                  {"label": "Økonomi", "paragraphs": ["Der er afsat 2,5 mio. kr. til indsatsen."]},
              ],
              "involved": ["Ungdommens\nUddannelsesvejledning,", "Børne- og\nUngdomsforvaltningen"]},
         ]},
    ],
    "total": {"text": "Budget til aftalen i 2013", "amount": "9,7 mio. kr."},
}


def build_sheet(path: Path, doc: dict[str, Any]) -> None:
    """A sheet drawn as the bundled one is (tests/corpus_builder/initiative_sheet.py), from other content."""
    w = PdfWriter(path, title="Regneark", pagesize=LANDSCAPE, margins=(SIDE, SIDE, 62, 56), size=SIZE)
    header = make_row(w, [[f"**{col}**"] for col in doc["columns"]], [1, 1, 1, 1], shade=True)
    w.paragraph(f"**{doc['heading']}**", size=12, space_after=10)
    draw_row(w, header)
    w.on_new_page.append(lambda writer: draw_row(writer, header))
    for group in doc["groups"]:
        texts = [[f"**{group['number']}**"], [f"**{group['text']}**"], group["involved"]]
        row = make_row(w, texts, [1, 2, 1], shade=True, gaps=(0.0, 0.0, 0.0))
        w.ensure(max(lines_height(cell) for cell in row.cells) + 8 * LEADING)
        draw_row(w, row)
        for item in group["initiatives"]:
            texts = [[item["number"]], [item["title"]], udmoentning(item["fields"]), item["involved"]]
            draw_row(w, make_row(w, texts, [1, 1, 1, 1], gaps=(0.0, 0.0, 6.0, 0.0)))
    total = doc["total"]
    draw_row(w, make_row(w, [[], [f"**{total['text']}**"], [f"**{total['amount']}**"], []], [1, 1, 1, 1]))
    w.save()


@pytest.fixture(scope="module")
def synthetic_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sheet") / "bilag-3-2013.pdf"
    build_sheet(path, SYNTHETIC)
    return path


@pytest.fixture(scope="module")
def synthetic(synthetic_pdf: Path) -> Extraction:
    return extract(synthetic_pdf)


@pytest.fixture(scope="module")
def bundled(bundled_extractions: dict[str, Extraction]) -> Extraction:
    return bundled_extractions[SHEET.name]


def by_number(ex: Extraction) -> dict[str, Any]:
    return {i.number: i for i in ex.initiatives}


def targets(ex: Extraction, initiative_id: str, type: RelationType) -> set[str]:
    return {r.target_id for r in ex.relations if r.source_id == initiative_id and r.type is type}


# -- detection ------------------------------------------------------------------------------------------


def test_detects_the_bundled_sheet(bundled_layout: LayoutOf) -> None:
    assert PARSER.kind is DocumentKind.INITIATIVE_SHEET
    assert PARSER.detect(bundled_layout(SHEET)) >= 0.9


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.stem)
def test_other_kinds_score_low(bundled_layout: LayoutOf, path: Path) -> None:
    assert PARSER.detect(bundled_layout(path)) < 0.3


def test_detects_an_unseen_sheet(synthetic_pdf: Path, synthetic: Extraction) -> None:
    assert PARSER.detect(read_layout(synthetic_pdf)) >= 0.7
    assert synthetic.document.kind is DocumentKind.INITIATIVE_SHEET


def test_an_unrelated_ruled_table_scores_low(tmp_path: Path) -> None:
    """A numbered price list in the same grid, with a Nr. column and an activity column."""
    path = tmp_path / "prisliste.pdf"
    w = PdfWriter(path, title="Prisliste", pagesize=LANDSCAPE, margins=(SIDE, SIDE, 62, 56), size=SIZE)
    columns = ["Nr.", "Aktivitet", "Beskrivelse", "Pris"]
    draw_row(w, make_row(w, [[f"**{c}**"] for c in columns], [1, 1, 1, 1], shade=True))
    for n in range(1, 9):
        body = ["**Varighed:** to dage.", "**Sted:** Rådhuset."]
        texts = [[f"{n}.{n}"], [f"Kursus {n}"], body, [f"{n}00 kr."]]
        draw_row(w, make_row(w, texts, [1, 1, 1, 1]))
    w.save()
    assert PARSER.detect(read_layout(path)) < 0.5


REALWORLD_TABLES = ("nics-background-checks-2015-11.pdf", "senate-expenditures.pdf", "pr-138-example.pdf",
                    "issue-140-example.pdf")


@pytest.mark.parametrize("name", REALWORLD_TABLES)
def test_realworld_tables_score_low(realworld_dir: Path, name: str) -> None:
    assert PARSER.detect(read_layout(realworld_dir / name)) < 0.3


# -- the bundled sheet ----------------------------------------------------------------------------------


def test_bundled_document(bundled: Extraction) -> None:
    assert bundled.document.year == 2010
    assert bundled.document.title == "Bilag 1, udmøntningsplan for 2010"


def test_bundled_themes_and_initiatives(bundled: Extraction) -> None:
    themes = {g.number: g for g in bundled.goals if g.kind is GoalKind.THEME}
    assert themes["1"].text == "Sådan imødegår vi den generelle ledighedsstigning"
    assert themes["2"].text == "Sådan undgår København at tabe en generation på gulvet"
    numbers = [i.number for i in bundled.initiatives]
    assert numbers == ["1.1", "1.2", "1.3", "1.4", "1.5", *(f"2.{n}" for n in range(1, 8))]
    for initiative in bundled.initiatives:
        assert initiative.status is InitiativeStatus.PLANNED
        assert initiative.theme_id == themes[initiative.number.split(".")[0]].id
        assert initiative.section == initiative.number.split(".")[0]
    sheet = by_number(bundled)
    assert sheet["2.7"].title == "Sommercamp+, nu med uddannelses- og beskæftigelsesvejledning"
    assert sheet["1.2"].title == "”Kvikservice” – styrket indsats for nyledige"


def test_bundled_row_across_pages_keeps_its_fields(bundled: Extraction) -> None:
    row = by_number(bundled)["1.2"]  # starts on page 1, its Resultatmål and Økonomi are on page 2
    assert row.provenance.page == 1
    assert row.purpose and row.purpose.startswith("At gøre det mere attraktivt")
    assert row.results and row.results.startswith("Antallet af ordinære jobordrer")
    assert row.economy and "driftsbudget" in row.economy
    assert "Kvikservice" in (row.solution or "") and "Resultatmål" not in (row.solution or "")


def test_bundled_fields_and_result_targets(bundled: Extraction) -> None:
    sheet = by_number(bundled)
    assert sheet["1.3"].course == "200 forløb af 6 ugers varighed."
    assert sheet["2.3"].target_description and sheet["2.3"].target_description.startswith("De unge er")
    assert sheet["2.4"].description and sheet["2.4"].results is None  # a row without labels
    targets_by_owner = {g.initiative_id: g for g in bundled.goals if g.kind is GoalKind.RESULT_TARGET}
    with_target = {n for n, i in sheet.items() if i.id in targets_by_owner}
    assert with_target == {"1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "2.6"}
    goal = targets_by_owner[sheet["2.3"].id]
    assert goal.text == ("Der oprettes 100 nye praktikpladser i 2010. "
                         "Der oprettes mindst 200 nye jobtræningspladser i 2010.")
    assert goal.year == 2010
    assert goal.id in targets(bundled, sheet["2.3"].id, RelationType.SUPPORTS)


def test_bundled_responsible_offices(bundled: Extraction) -> None:
    names = {o.id: o.name for o in bundled.offices}
    sheet = by_number(bundled)
    responsible = {names[t] for t in targets(bundled, sheet["2.3"].id, RelationType.RESPONSIBLE)}
    expected = {"Økonomiforvaltningens Center for HR", "Personaleafd. i de øvrige 6 forvaltninger",
                "Koncernservice", "Center for Rådgivning og Udvikling",
                "Økonomikontorerne i de øvrige 6 forvaltninger", "Kontor for Integrationspolitik"}
    assert responsible == {resolve_office(e).name for e in expected}


def test_bundled_total_has_no_owner(bundled: Extraction) -> None:
    total = [a for a in bundled.amounts if a.initiative_id is None]
    assert [a.value_dkk for a in total] == [66_400_000]


# -- a sheet never seen ---------------------------------------------------------------------------------


def test_unseen_document(synthetic: Extraction) -> None:
    assert synthetic.document.year == 2013
    assert synthetic.document.title == "Bilag 3, udmøntningsplan for 2013"


def test_unseen_themes_and_initiatives(synthetic: Extraction) -> None:
    themes = {g.number: g for g in synthetic.goals if g.kind is GoalKind.THEME}
    assert {n: g.text for n, g in themes.items()} == {
        "3": "Flere ledige i job gennem virksomhedssamarbejde", "4": "Unge skal i uddannelse"}
    sheet = by_number(synthetic)
    assert {n: i.title for n, i in sheet.items()} == {
        "3.1": "Jobrotation i ældreplejen",
        "3.2": "Mentorordning for nyuddannede akademikere",
        "3.3": "Sprogforløb for flygtninge",
        "4.1": "Brobygning til erhvervsuddannelse",
    }
    theme_ids = [sheet[n].theme_id for n in ("3.1", "3.2", "3.3", "4.1")]
    assert theme_ids == [themes["3"].id] * 3 + [themes["4"].id]
    assert sheet["3.3"].description == "Forløbet afprøves på to sprogskoler."
    assert sheet["4.1"].target_description == "Unge under 25 år."


def test_unseen_row_across_pages(synthetic: Extraction) -> None:
    row = by_number(synthetic)["3.2"]
    assert row.solution and row.solution.count("Indsatsen tilrettelægges") == 9
    assert row.course == "Et forløb koster 25.000 kr. pr. deltager."
    assert row.economy and row.economy.startswith("Der er afsat 4 mio. kr.")
    goals = [g for g in synthetic.goals if g.initiative_id == row.id]
    assert [g.text for g in goals] == [
        "Halvdelen af deltagerne er i job efter et år. Ingen deltager venter mere end to uger."]
    assert goals[0].kind is GoalKind.RESULT_TARGET
    assert goals[0].id in targets(synthetic, row.id, RelationType.SUPPORTS)
    names = {o.id: o.name for o in synthetic.offices}
    responsible = {names[t] for t in targets(synthetic, row.id, RelationType.RESPONSIBLE)}
    entries = ("Karrierecentret", "Kontoret for Beskæftigelsespolitik")
    assert responsible == {resolve_office(e).name for e in entries}


def test_unseen_offices(synthetic: Extraction) -> None:
    names = {o.id: o.name for o in synthetic.offices}
    sheet = by_number(synthetic)
    expected = {
        "3.1": ("Jobcenter Musvågevej", "Kontoret for Virksomhedsrettet Indsats"),
        "3.3": ("Jobcenter Skelbækgade",),
        "4.1": ("Ungdommens Uddannelsesvejledning", "Børne- og Ungdomsforvaltningen"),
    }
    for number, entries in expected.items():
        responsible = {names[t] for t in targets(synthetic, sheet[number].id, RelationType.RESPONSIBLE)}
        assert responsible == {resolve_office(e).name for e in entries}, number


def test_unseen_amounts_and_owners(synthetic: Extraction) -> None:
    numbers = {i.id: i.number for i in synthetic.initiatives}
    found = sorted((a.value_dkk, numbers.get(a.initiative_id or "")) for a in synthetic.amounts)
    assert found == sorted([(3_200_000, "3.1"), (25_000, "3.2"), (4_000_000, "3.2"), (3_500_000, "3.2"),
                            (500_000, "3.2"), (2_500_000, "4.1"), (9_700_000, None)])


# -- the pieces -----------------------------------------------------------------------------------------


def line(text: str, bold_words: int = 0, page: int = 1, top: float = 0.0) -> Line:
    words = [Word(t, 10.0 * i, 10.0 * i + 8, top, top + 9, 9.0, i < bold_words)
             for i, t in enumerate(text.split())]
    return Line(page=page, words=words)


@pytest.mark.parametrize(("cell", "entries"), [
    ("Arbejdsmarkedscenteret\nVirksomhedsservice,\nKontoret for\nArbejdsmarkedspolitik",
     ["Arbejdsmarkedscenteret", "Virksomhedsservice", "Kontoret for Arbejdsmarkedspolitik"]),
    ("Økonomiforvaltningens\nCenter for HR,\nPersonaleafd. i de øvrige 6\nforvaltninger,",
     ["Økonomiforvaltningens Center for HR", "Personaleafd. i de øvrige 6 forvaltninger"]),
    ("Børne- og\nUngdomsforvaltningen", ["Børne- og Ungdomsforvaltningen"]),
    ("BIF, SOF og BUF", ["BIF", "SOF og BUF"]),
    ("Center for Rådgivning og\nUdvikling,", ["Center for Rådgivning og Udvikling"]),
])
def test_involved_entries(cell: str, entries: list[str]) -> None:
    assert _entries([line(t, top=12.0 * i) for i, t in enumerate(cell.split("\n"))]) == entries


def test_an_entry_naming_two_bodies() -> None:
    two = [resolve_office("SOF").id, resolve_office("BUF").id]
    assert [o.id for o in _entry_offices("SOF og BUF")] == two
    assert [o.id for o in _entry_offices("Børne- og Ungdomsforvaltningen")] == [
        resolve_office("Børne- og Ungdomsforvaltningen").id]


def test_fields_by_bold_labels() -> None:
    lines = [line("Formål: At hjælpe.", 1, top=0), line("Resultatmål: 50 pct. i job", 1, top=12),
             line("inden et år.", top=24), line("Økonomi : Der er afsat 1 mio. kr.", 2, top=40)]
    fields = _fields(Cell(column=2, span=1, lines=lines, pieces=[(1, (0, 0, 100, 60))]))
    assert [(f.name, f.label, f.text(" ")) for f in fields] == [
        ("purpose", "Formål", "At hjælpe."), ("results", "Resultatmål", "50 pct. i job inden et år."),
        ("economy", "Økonomi", "Der er afsat 1 mio. kr.")]


def test_parse_without_a_table_gives_no_records(tmp_path: Path) -> None:
    path = tmp_path / "prose.pdf"
    w = PdfWriter(path, title="Prosa")
    w.paragraph("**Formål:** En tekst uden tabel.")
    w.save()
    layout: Layout = read_layout(path)
    assert PARSER.detect(layout) < 0.5
    document = extract(path).document.model_copy(update={"kind": DocumentKind.INITIATIVE_SHEET})
    assert PARSER.parse(layout, document).initiatives == []
