"""Documents of no known kind (``extract/parsers/general.py``): a note from another municipality and one
from Copenhagen, drawn here with reportlab in the habits of a Word note (letterhead column, a genre word
above the subject, bullets under "Indsatser", a ruled table of figures in 1.000 kr.)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from planarkiv.extract import extract
from planarkiv.extract.blocks import join_lines
from planarkiv.extract.danish.bodies import find_bodies, municipality_of, office_of
from planarkiv.extract.danish.dates import find_dates
from planarkiv.extract.danish.money import cell_kroner, find_amounts, may_name_unit, table_unit
from planarkiv.extract.danish.offices import find_offices
from planarkiv.extract.parsers import RegistryError, fallback, parsers, register
from planarkiv.schema import DocumentKind, Extraction, InitiativeStatus

WIDTH, HEIGHT = A4


def note_pdf(path: Path, municipality: str, administration: str) -> Path:
    """A two-page note: letterhead at the right, "Notat" above its subject, prose with money, a list of
    efforts under "Indsatser" and a ruled table whose header gives the unit."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)

    def text(x: float, top: float, line: str, size: float = 11, bold: bool = False) -> None:
        pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        pdf.drawString(x, HEIGHT - top, line)

    for n, line in enumerate((municipality, administration, "Jobcentret", "12. marts 2024")):
        text(430, 90 + n * 12, line, 8)
    text(60, 90, "Notat", 20, bold=True)
    text(60, 130, "Ny indsats for ledige akademikere", 16, bold=True)
    body = ("Jobcentret har i 2023 brugt 2,5 mio. kr. på jobklubber for akademikere, og",
            "Beskæftigelsesudvalget har bedt om en plan for de kommende år.")
    for n, line in enumerate(body):
        text(60, 170 + n * 14, line)
    text(60, 220, "Indsatser", 13, bold=True)
    items = ("Jobklub for akademikere: 1,2 mio. kr. årligt i 2024-2025.",
             "Mentorordning for nyuddannede: 300.000 kr. i 2024.")
    for n, line in enumerate(items):
        text(60, 245 + n * 16, "–")  # a dash set apart from its text, as Word's list style does
        text(75, 245 + n * 16, line)
    text(60, 310, "Økonomi", 13, bold=True)
    columns, rows = (60, 260, 380, 500), (("Projekt", "2024 (1.000 kr.)", "2025 (1.000 kr.)"),
                                           ("Virksomhedspraktik", "1.500", "1.200"),
                                           ("Sprogskole", "-", "800"),
                                           ("I alt", "1.500", "2.000"))
    top = 330
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            text(columns[c] + 4, top + r * 20 + 14, cell, 10, bold=r == 0)
    for r in range(len(rows) + 1):
        pdf.line(columns[0], HEIGHT - top - r * 20, columns[-1], HEIGHT - top - r * 20)
    for x in columns:
        pdf.line(x, HEIGHT - top, x, HEIGHT - top - len(rows) * 20)
    pdf.showPage()
    text(60, 90, "Sagen behandles i Beskæftigelsesudvalget den 2. april 2024.")
    pdf.showPage()
    pdf.save()
    return path


@pytest.fixture(scope="module")
def odense(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    path = tmp_path_factory.mktemp("odense") / "notat.pdf"
    return extract(note_pdf(path, "Odense Kommune", "Beskæftigelses- og Socialforvaltningen"))


@pytest.fixture(scope="module")
def copenhagen(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    path = tmp_path_factory.mktemp("kk") / "notat.pdf"
    return extract(note_pdf(path, "Københavns Kommune", "Beskæftigelses- og Integrationsforvaltningen"))


def test_a_note_is_a_general_document_with_its_own_facts(odense: Extraction) -> None:
    doc = odense.document
    assert doc.kind is DocumentKind.GENERAL
    assert doc.title == "Ny indsats for ledige akademikere"  # not "Notat", not the letterhead
    assert (doc.date, doc.year, doc.author) == (dt.date(2024, 3, 12), 2024, "Odense Kommune")
    assert [s.title for s in odense.sections] == ["Indsatser", "Økonomi"]


def test_every_amount_of_the_text_and_of_the_table(odense: Extraction) -> None:
    found = sorted((a.value_dkk, a.year_from, a.per_year) for a in odense.amounts)
    assert found == sorted([
        (2_500_000, 2023, False), (1_200_000, 2024, True), (300_000, 2024, False),
        (1_500_000, 2024, False), (1_200_000, 2025, False),  # Virksomhedspraktik, 1.000 kr. a figure
        (800_000, 2025, False),  # Sprogskole: "-" in 2024 is no amount
        (1_500_000, 2024, False), (2_000_000, 2025, False)])  # I alt
    money = next(a for a in odense.amounts if a.value_dkk == 2_500_000)
    assert money.sentence.startswith("Jobcentret har i 2023 brugt 2,5 mio. kr.") and money.provenance.bbox


def test_listed_efforts_and_table_rows_are_initiatives_owning_their_money(odense: Extraction) -> None:
    titles = {i.title: i for i in odense.initiatives}
    assert set(titles) == {"Jobklub for akademikere", "Mentorordning for nyuddannede", "Virksomhedspraktik",
                           "Sprogskole"}
    assert {i.status for i in odense.initiatives} == {InitiativeStatus.MENTIONED}
    owned = {(titles[t].id, v) for t, v in (("Jobklub for akademikere", 1_200_000),
                                            ("Virksomhedspraktik", 1_500_000),
                                            ("Virksomhedspraktik", 1_200_000), ("Sprogskole", 800_000))}
    assert owned <= {(a.initiative_id, a.value_dkk) for a in odense.amounts}
    total = [a for a in odense.amounts if a.value_dkk == 2_000_000]
    assert total and total[0].initiative_id is None  # the totals row is no effort


def test_generic_bodies_are_the_documents_own_municipality(odense: Extraction,
                                                           copenhagen: Extraction) -> None:
    names = {o.name: o for o in odense.offices}
    assert "Jobcenter København" not in names
    assert names["Jobcentret"].municipality == "Odense Kommune"
    assert names["Beskæftigelsesudvalget"].municipality == "Odense Kommune"
    assert "Jobcenter København" in {o.name for o in copenhagen.offices}
    linked = {r.target_id for r in odense.relations if r.source_id == odense.document.id}
    assert names["Beskæftigelsesudvalget"].id in linked  # queryable per document


def test_dates_as_danish_documents_write_them() -> None:
    text = ("Mødedato d. 27-08-2025, Torsdag den 20. juni 2013, 13. april 2023, 18.08.25, 2023-04-13, "
            "31-02-2020")
    assert [d.date.isoformat() for d in find_dates(text)] == [
        "2025-08-27", "2013-06-20", "2023-04-13", "2025-08-18", "2023-04-13"]
    assert find_dates("12/27845, 1.000.000 kr., 2016-2020") == []


@pytest.mark.parametrize(("text", "names"), [
    ("Sundheds- og Forebyggelsesudvalget og Teknisk Udvalg", ["Sundheds- og Forebyggelsesudvalget",
                                                              "Teknisk Udvalg"]),
    ("Udvalget for plan, udvikling og kultur (PUK) påbegynder",
     ["Udvalget for plan, udvikling og kultur (PUK)"]),
    ("jf. byrådets vedtagelse og Magistratsafdelingen for Teknik og Miljøs indstilling",
     ["Byrådet", "Magistratsafdelingen for Teknik og Miljø"]),
    ("Kultur og Borgerservice betaler, Sundhedsstyrelsens anbefaling", ["Kultur og Borgerservice",
                                                                        "Sundhedsstyrelsen"]),
    ("TEKNIK OG MILJØ", ["Teknik og Miljø"]),
    ("Ministeriet for Sundhed og Forebyggelse", ["Ministeriet for Sundhed og Forebyggelse"]),
    ("Området er stort, og udvalget mødes i kommunen", []),
])
def test_bodies_in_the_ordinary_danish_patterns(text: str, names: list[str]) -> None:
    assert [b.name for b in find_bodies(text)] == names


def test_a_council_named_two_ways_is_one_record() -> None:
    council, full = find_bodies("Byrådet og Aarhus Byråd")
    names = {"Byrådet", "Aarhus Byråd"}
    assert office_of(council, "Aarhus Kommune", names) == office_of(full, "Aarhus Kommune", names)
    assert office_of(council, "Syddjurs Kommune", {"Byrådet"}).id != office_of(full, None, names).id


def test_who_wrote_it() -> None:
    assert municipality_of("REFERAT Aarhus Byråd d. 27-08-2025", "", "") == "Aarhus Kommune"
    assert municipality_of("", "Rådhuset\nSyddjurs Kommune", "Aarhus Kommune") == "Syddjurs Kommune"
    assert municipality_of("", "", "Odense Kommune og Odense Kommunes jobcenter, Aarhus Kommune") == (
        "Odense Kommune")


def test_copenhagen_bodies_only_where_the_text_names_them_in_full() -> None:
    text = ("Jobcentret og Politiets indsats, Kultur og Borgerservice, Jobcenter København og "
            "Udbetaling Danmark")
    assert [m.office.name for m in find_offices(text, copenhagen=False)] == ["Jobcenter København",
                                                                            "Udbetaling Danmark"]
    assert "Borgerservice" in [m.office.name for m in find_offices(text)]


@pytest.mark.parametrize(("text", "values"), [
    ("Løft på ca. 2 ¼ mia. kr. i 2008 og 1 ¾ mia. kr. i 2010", [2_250_000_000, 1_750_000_000]),
    ("1½ mia. kr. årligt", [1_500_000_000]),
    ("Udgifter (i 1.000 kr.) fordelt på år", []),
    ("Mio. kr. 8.000 6.000 4.000", []),
    ("et tilskud på kr. 100.000,- til foreningen", [100_000]),
])
def test_money_fractions_and_unit_notes(text: str, values: list[int]) -> None:
    assert [m.value_dkk for m in find_amounts(text)] == values


def test_a_unit_broken_over_a_line_is_read_whole() -> None:
    text = join_lines("Rammen er på 2,5 mio. kro-", "ner årligt.")
    found = [(m.text, m.value_dkk, m.per_year) for m in find_amounts(text)]
    assert found == [("2,5 mio. kroner", 2_500_000, True)]


def test_a_tables_unit_applies_to_its_figures() -> None:
    assert [table_unit(h) for h in ("1.000 kr.", "Mio. kr.", "(i mia. kr.)", "t.kr.", "Antal", "2026")] == [
        1000, 10**6, 10**9, 1000, None, None]
    assert (cell_kroner("12.500", 1000), cell_kroner("3,4", 10**6), cell_kroner("-", 1000),
            cell_kroner("0", 1000), cell_kroner("-2,0", 10**6)) == (12_500_000, 3_400_000, None, None, None)


def test_only_a_document_without_a_word_of_money_is_spared_its_tables() -> None:
    """A header with a unit, its words anywhere in a document's text, keeps the document's tables read;
    a text with no word of money ("Kraft" is none) has no header that names a unit."""
    headers = ("1.000 kr.", "Mio. kr.", "(i mia. kr.)", "t.kr.", "tkr", "Beløb (DKK)", "t.\nkr", "t. Kraft")
    for header in headers:
        assert table_unit(header)
        assert may_name_unit(" ".join(["Tabel 3", *reversed(header.split()), "Side 2"]))
    assert not may_name_unit("Kraft Mallinckrodt\nAntal 2026 i alt")


def test_the_registry_has_one_fallback_and_refuses_clashes() -> None:
    assert fallback().kind is DocumentKind.GENERAL
    assert len({p.kind for p in parsers()}) == len(parsers())
    general = fallback()
    other = type("Other", (), {"kind": DocumentKind.UNKNOWN, "fallback": True})()
    twin = type("Twin", (), {"kind": DocumentKind.GENERAL})()
    with pytest.raises(RegistryError, match="two parsers for kind 'general': general and twin"):
        register([("general", general, 1), ("twin", twin, 1)])
    with pytest.raises(RegistryError, match="more than one fallback parser: general, other"):
        register([("general", general, 1), ("other", other, 1)])
    with pytest.raises(RegistryError, match="parser module general has no VERSION"):
        register([("general", general, None)])
