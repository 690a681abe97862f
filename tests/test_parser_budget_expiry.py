"""The ``budget_expiry`` parser: budget cards of expiring grants.

Behaviour on small known inputs: the bundled deck's structure (cards, titles, origins, labels, the
divider, the empty card), the assessment wording, the responsibility cues, and two synthetic decks
made here with the corpus builder's primitives (portrait pages with unequal columns, and a stacked
layout), so the parser is seen working on documents it has never met. Amount values and every card's
assessment on the bundled deck are checked against the gold in ``tests/accuracy``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4

from conftest import PDF_DIR, LayoutOf
from corpus_builder.fonts import SYMBOL_FONT
from corpus_builder.writer import BOLD, LANDSCAPE, PdfWriter, parse_inline, wrap
from planarkiv.extract import records
from planarkiv.extract.danish import roles
from planarkiv.extract.danish.money import Money
from planarkiv.extract.danish.offices import OfficeMention
from planarkiv.extract.layout import Layout, read_layout
from planarkiv.extract.parsers.budget_expiry import (
    PARSER,
    assessment_of,
    detect,
    document_year,
)
from planarkiv.schema import (
    AmountRole,
    Assessment,
    Document,
    DocumentKind,
    Extraction,
    Initiative,
    InitiativeStatus,
    Office,
    OfficeKind,
    OfficeRole,
    RelationType,
)

DECK = PDF_DIR / "budget-2027-bevillinger-der-udloeber.pdf"
OTHERS = sorted(p for p in PDF_DIR.glob("*.pdf") if p != DECK)


def _document(layout: Layout, name: str) -> Document:
    return Document(id=name, kind=DocumentKind.BUDGET_EXPIRY, title="ukendt", source_file=f"{name}.pdf",
                    sha256="0" * 64, pages=len(layout.pages))


def _by_title(extraction: Extraction) -> dict[str, Initiative]:
    return {i.title: i for i in extraction.initiatives}


# -- fakes for the finders other modules provide ----------------------------------------------------

_AMOUNT = re.compile(r"(\d+(?:,\d+)?) mio\. kr\.")
_OFFICES = {
    "Jobcenter Aarhus": Office(id="jobcenter-aarhus", name="Jobcenter Aarhus", kind=OfficeKind.UNIT),
    "Sprogcenter Midt": Office(id="sprogcenter-midt", name="Sprogcenter Midt", kind=OfficeKind.PROVIDER),
    "MBU": Office(id="mbu", name="MBU", abbreviation="MBU", kind=OfficeKind.ADMINISTRATION),
    "SOF": Office(id="sof", name="SOF", abbreviation="SOF", kind=OfficeKind.ADMINISTRATION),
    "BIF": Office(id="bif", name="BIF", abbreviation="BIF", kind=OfficeKind.ADMINISTRATION),
}


def fake_amounts(text: str) -> list[Money]:
    return [Money(m.group(0), m.start(), m.end(), round(float(m.group(1).replace(",", ".")) * 1_000_000),
                  None, False, None, None, None, None, False, None) for m in _AMOUNT.finditer(text)]


def fake_offices(text: str, copenhagen: bool = True) -> list[OfficeMention]:
    found = [OfficeMention(office, name, m.start(), m.end()) for name, office in _OFFICES.items()
             for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    return sorted(found, key=lambda m: m.start)


@pytest.fixture(scope="module")
def fakes() -> Iterator[None]:
    """Stand-ins for the money and office finders, so the parser's own decisions can be seen."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(records, "find_amounts", fake_amounts)
        patch.setattr(roles, "find_offices", fake_offices)
        yield


# -- the bundled deck -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def deck_layout(bundled_layout: LayoutOf) -> Layout:
    return bundled_layout(DECK)


@pytest.fixture(scope="module")
def deck(deck_layout: Layout, fakes: None) -> Extraction:
    return PARSER.parse(deck_layout, _document(deck_layout, DECK.stem))


def test_detects_the_deck_and_not_the_other_kinds(deck_layout: Layout,
                                                  bundled_layout: LayoutOf) -> None:
    assert detect(deck_layout) >= 0.9
    for path in OTHERS:
        assert detect(bundled_layout(path)) < 0.3, path.name


def test_one_initiative_per_card_page_not_the_divider(deck: Extraction) -> None:
    pages = [i.provenance.page for i in deck.initiatives]
    assert len(pages) == len(set(pages)) == 27
    assert 21 not in pages  # the divider
    assert all(i.status is InitiativeStatus.EXPIRING for i in deck.initiatives)


def test_title_is_the_large_bold_foot_title_joined_across_lines(deck: Extraction) -> None:
    cards = _by_title(deck)
    assert "Forbedring af kvalitet og stabilitet i fremmedsprogstolkeydelser" in cards
    assert "Bevilling til enkeltkøb af vejledning /opkvalificering til borgere i ressourceforløb" in cards
    assert not any(title.startswith(("Beskrivelse af udløb", "Indhold i")) for title in cards)


def test_origin_card_number_and_section(deck: Extraction) -> None:
    cards = _by_title(deck)
    tolk = cards["Forbedring af kvalitet og stabilitet i fremmedsprogstolkeydelser"]
    assert (tolk.origin, tolk.card_number, tolk.section) == ("OFS 22/23", None, None)
    jobcamps = cards["Jobcamps i skoleferier til unge fra udsatte boligområder"]
    assert (jobcamps.origin, jobcamps.card_number) == ("Budget 2023", 7)
    biu = cards["Indsats for ledighedsydelsesmodtagere"]
    assert biu.origin is None
    assert biu.section == "Bevillinger der senest er finansieret inden for BIU’s egen ramme"
    assert [s.title for s in deck.sections] == [biu.section]


def test_card_without_body_text_is_still_a_card(deck: Extraction) -> None:
    pilot = _by_title(deck)["Pilotforsøg med helhedsorienteret indsats"]
    assert (pilot.card_number, pilot.origin) == (11, "Budget 2026")
    assert pilot.assessment is None and pilot.assessment_text is None and pilot.description is None


def test_sections_become_text_fields(deck: Extraction) -> None:
    card = _by_title(deck)["Forankring af metoder fra Projekt Trædesten"]
    assert card.description and card.description.startswith("Projekt Trædesten er en helhedsorienteret")
    assert card.results and card.results.startswith("Projektet har vist gode resultater.")
    assert card.economy and "9,7 mio. kr., heraf 8,4 mio. kr." in card.economy
    assert "11 mio. kr. (2027 p/l)" in card.economy
    assert card.assessment_text == ("Forvaltningens faglige vurdering er, at indsatsen kan videreføres "
                                    "uændret.")


def test_document_year_and_title(deck: Extraction) -> None:
    assert deck.document.year == 2027
    assert deck.document.title == "Budget 2027: bevillinger der udløber"


def test_amounts_keep_their_side(deck: Extraction) -> None:
    card = _by_title(deck)["Forankring af metoder fra Projekt Trædesten"]
    amounts = [(a.text, a.role) for a in deck.amounts if a.initiative_id == card.id]
    assert amounts == [("9,7 mio. kr.", AmountRole.GRANTED), ("8,4 mio. kr.", AmountRole.GRANTED),
                       ("11 mio. kr.", AmountRole.PROPOSED), ("9,5 mio. kr.", AmountRole.PROPOSED),
                       ("1,4 mio. kr.", AmountRole.PROPOSED)]


# -- the assessment, language-level -----------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Forvaltningens faglige vurdering er, at indsatsen kan videreføres uændret.", "continue_unchanged"),
    ("Forvaltningens faglige vurdering er, at indsatsen kan videreføres.", "continue_unchanged"),
    ("Indsatsen kan videreføres uden justeringer med det forbehold, at SSP flytter.", "continue_unchanged"),
    ("Det anbefales, at indsatsen fortsættes som hidtil.", "continue_unchanged"),
    ("Forvaltningens faglige vurdering er, at indsatsen kan videreføres med følgende justeringer:",
     "continue_adjusted"),
    ("Indsatsen kan videreføres med justeringer, såfremt der prioriteres midler.", "continue_adjusted"),
    ("Indsatsen foreslås videreført i en nedskaleret form.", "continue_adjusted"),
    ("Forvaltningens faglige vurdering er, at indsatsen ikke videreføres.", "not_continued"),
    ("Forvaltningens faglige vurdering er, at indsatsen ikke bør videreføres.", "not_continued"),
    ("Indsatsen videreføres ikke.", "not_continued"),
    ("Det vurderes, at bevillingen bortfalder.", "not_continued"),
    ("Indsatsen kan kun videreføres, hvis der udarbejdes en ny rammeaftale.", "conditional"),
    ("Indsatsen kan videreføres uændret. Det er samtidig vurderingen, at indsatsen ikke skal videreføres, "
     "hvis målgruppen ikke kan opspores.", "conditional"),
    ("Indsatsen foreslås videreført med et lavere beløb.", "continue_adjusted"),
    ("Forvaltningen anbefaler ikke en videreførelse af puljen.", "not_continued"),
    ("Forvaltningen anbefaler en forlængelse af indsatsen i to år.", "continue_unchanged"),
    ("Indsatsen kan videreføres uændret. Hvis indsatsen ikke videreføres, mister 40 borgere tilbuddet.",
     "continue_unchanged"),
    ("BIU kan bestille et budgetnotat, men SOC vurderer selv behovet for en evt. videreførelse.", None),
    ("Indsatsen har givet gode resultater for målgruppen.", None),
])
def test_assessment_from_the_texts_own_words(text: str, expected: str | None) -> None:
    found = assessment_of(text)
    assert (found.value if found else None) == expected


@pytest.mark.parametrize(("text", "responsible"), [
    ("Indsatsen, som varetages af Sprogcenter Midt, bygger på metoder fra MBU.", ["Sprogcenter Midt"]),
    ("Indsatsen er i drift på tværs af BIF, SOF og MBU og indeholder følgende:", ["BIF", "SOF", "MBU"]),
    ("Det er en indsats i SOF, BIF og MBU. SOF er tovholder.", ["SOF"]),
    ("BIF og SOF er tovholdere for indsatsen.", ["BIF", "SOF"]),
    ("Jobcenter Aarhus står for driften sammen med MBU.", ["Jobcenter Aarhus"]),
    ("MBU deltager, og Jobcenter Aarhus står for at koordinere en anden indsats.", []),
    ("Tilskud til Sprogcenter Midt", ["Sprogcenter Midt"]),
    ("Med ressortaftalen har SOF overtaget to årsværk fra BIF.", ["SOF"]),
    ("Handleplanen er godkendt af MBU og omtaler BIF.", []),
    ("Indsatsen varetages af Jobcenter Aarhus i samarbejde med MBU.", ["Jobcenter Aarhus", "MBU"]),
    ("Den varetages af konsulenter, der er forankret i SOF.", ["SOF"]),
])
def test_responsibility_cues_of_cards(text: str, responsible: list[str], fakes: None) -> None:
    """The cards' own ways of saying who runs an effort, read by the one roles grammar."""
    found = [m.text for m in roles.office_roles(text) if m.role is OfficeRole.RESPONSIBLE]
    assert found == responsible


# -- synthetic decks --------------------------------------------------------------------------------


@dataclass
class Card:
    title: str
    origin: str | None
    label: str | None
    granted: list[str]
    proposed: list[str]
    label_beside_origin: bool = False  # "OFS 27/28        Nr. 4" on one baseline, not a page label


# Lines of a side: "## X" a sub-heading set in the bold font, "- X" a bullet, anything else a paragraph.
CARDS = [
    Card("Jobrotation i ældreplejen", "Budget 2028", "Nr. 3",
         ["## Indhold:", "Jobrotation giver ledige et vikariat, mens medarbejdere efteruddannes. Indsatsen "
          "varetages af Jobcenter Aarhus i samarbejde med MBU.",
          "## Resultater:", "I alt 64 ledige har haft et vikariat, og 41 er gået i job.",
          "## Økonomi:", "Med budget 2028 blev der afsat 2,5 mio. kr. årligt i 2028-2030."],
         ["## Vurdering:", "Forvaltningen anbefaler, at indsatsen videreføres i justeret form med færre "
          "pladser.", "Erfaringerne er gode, men efterspørgslen er faldet.",
          "## Økonomi:", "1,8 mio. kr. årligt (2031 p/l) i 2031-2034."]),
    Card("Sprogpakker og danskundervisning for nytilkomne flygtninge og familiesammenførte i "
         "kommunens lokalområder", "OFS 27/28", "Nr. 4",
         ["## Indhold:", "Sprogcenter Midt er tovholder for intensive sprogpakker.",
          "## Økonomi:", "Med overførselssagen blev der afsat 4,0 mio. kr. i 2029 og 3,0 mio. kr. i 2030."],
         ["## Vurdering:", "Forvaltningens vurdering er, at indsatsen ikke bør fortsættes, da målgruppen er "
          "faldet markant.", "## Økonomi:", "-"], label_beside_origin=True),
    Card("Mentorordning for seniorer", None, None,
         ["## Indhold:", "Seniorer får en mentor i de første måneder i nyt job.",
          "**Økonomi:** Der blev afsat 0,9 mio. kr. i 2030."],
         ["## Vurdering:", "Indsatsen kan kun videreføres, hvis staten fortsat medfinansierer den.",
          "- Et punkt om medfinansiering, som ikke bør videreføres uden staten.",
          "## Økonomi:", "0,6 mio. kr. i 2031."]),
    Card("Tomt kort uden tekst", "Budget 2029", "Nr. 6", [], []),
    Card("Virksomhedsnetværk i Sydhavnen", None, None,
         ["## Indhold:", "Et netværk af 30 virksomheder, som SOF har udpeget.",
          "## Økonomi:", "Der blev afsat 1,2 mio. kr. årligt."],
         ["## Vurdering:", "Forvaltningens vurdering er, at indsatsen kan videreføres uændret.",
          "## Økonomi:", "3 mio. kr. årligt (2031 p/l) i 2031-2033."]),
    Card("", None, None, [],  # the last card runs on to a page without a title
         ["Forvaltningen vil følge netværket tæt, og der afsættes 0,4 mio. kr. til en evaluering."]),
]
DIVIDER_BEFORE = 4  # the divider page comes before CARDS[4]
COVER = ["Budget 2031", "Udløbende bevillinger"]
DIVIDER = ["Bevillinger finansieret", "af puljemidler"]


@dataclass(frozen=True)
class Style:
    pagesize: tuple[float, float]
    margin: float
    left_width: float
    right_width: float | None  # None: the proposed side is set under the granted side
    body: float
    title: float


PORTRAIT = Style(A4, 42, 300, 190, 9.0, 17.0)
STACKED = Style(LANDSCAPE, 60, 720, None, 8.5, 22.0)


def _paragraph(writer: PdfWriter, x: float, y: float, text: str, width: float, size: float) -> float:
    if text.startswith("## "):
        writer.canvas.setFont(BOLD, size)
        writer.canvas.drawString(x, y - size * 1.3, text[3:])
        return y - size * 1.3
    indent = 12.0 if text.startswith("- ") else 0.0
    if indent:
        writer.canvas.setFont(SYMBOL_FONT, size)
        writer.canvas.drawString(x, y - size * 1.3, "\uf0b7")
        text = text[2:]
    for row in wrap(parse_inline(text), width - indent, size):
        y -= size * 1.3
        writer.draw_words(x + indent, y, row, size)
    return y - size * 0.6


def _side(writer: PdfWriter, x: float, y: float, heading: str, lines: list[str], width: float,
          style: Style) -> float:
    writer.draw_words(x, y, parse_inline(heading, bold=True), style.body + 2)
    y -= style.body
    for text in lines:
        y = _paragraph(writer, x, y, text, width, style.body)
    return y - style.body


def _card(writer: PdfWriter, card: Card, style: Style) -> None:
    width, height = style.pagesize
    top = height - style.margin - 40
    left = style.margin
    granted, proposed = "Beskrivelse af udløb", "Faglig vurdering af videreførelse"
    if not card.title:  # a continuation page: only the side that goes on, no title
        _side(writer, left, top, proposed, card.proposed, style.right_width or style.left_width, style)
        return
    if style.right_width is None:
        y = _side(writer, left, top, granted, card.granted, style.left_width, style)
        _side(writer, left, y - 10, proposed, card.proposed, style.left_width, style)
    else:
        _side(writer, left, top, granted, card.granted, style.left_width, style)
        right = width - style.margin - style.right_width
        _side(writer, right, top, proposed, card.proposed, style.right_width, style)

    def foot() -> None:  # written after the body, as the municipality's decks do
        rows = wrap(parse_inline(card.title, bold=True), width - 2 * style.margin, style.title)
        y = style.margin + 70 + (len(rows) - 1) * style.title * 1.2
        for row in rows:
            writer.draw_words(left, y, row, style.title)
            y -= style.title * 1.2
        if card.origin:
            writer.draw_words(left, style.margin + 45, parse_inline(card.origin, bold=True), 11)
        if card.label and card.label_beside_origin:
            writer.canvas.setFont("Helvetica", 9)
            writer.canvas.drawRightString(width - style.margin, style.margin + 45, card.label)

    writer.defer(foot)


def _big_heading(writer: PdfWriter, lines: list[str], style: Style) -> None:
    writer.canvas.setFont(BOLD, 26)
    for i, text in enumerate(lines):
        writer.canvas.drawString(style.margin + 30, style.pagesize[1] / 2 - i * 32, text)


def build_deck(path: Path, style: Style) -> None:
    pages: list[Card | list[str]] = [COVER, *CARDS[:DIVIDER_BEFORE], DIVIDER, *CARDS[DIVIDER_BEFORE:]]
    labels = {n: page.label for n, page in enumerate(pages, start=1)
              if isinstance(page, Card) and page.label and not page.label_beside_origin}
    writer = PdfWriter(path, title="", pagesize=style.pagesize, header="Beskæftigelsesforvaltningen",
                       page_label=labels.get)
    for n, page in enumerate(pages):
        if n:
            writer.new_page()
        if isinstance(page, Card):
            _card(writer, page, style)
        else:
            _big_heading(writer, page, style)
    writer.save()


@pytest.fixture(scope="module", params=[PORTRAIT, STACKED], ids=["portrait-columns", "stacked"])
def synthetic_layout(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Layout:
    path = tmp_path_factory.mktemp("deck") / "udloebende-bevillinger.pdf"
    build_deck(path, request.param)
    return read_layout(path)


@pytest.fixture(scope="module")
def synthetic(synthetic_layout: Layout, fakes: None) -> Extraction:
    return PARSER.parse(synthetic_layout, _document(synthetic_layout, "synthetic"))


def test_synthetic_deck_is_detected(synthetic_layout: Layout) -> None:
    assert detect(synthetic_layout) >= 0.7


def test_synthetic_deck_cards(synthetic: Extraction) -> None:
    extraction = synthetic
    found = [(i.title, i.origin, i.card_number, i.assessment.value if i.assessment else None)
             for i in extraction.initiatives]
    assert found == [
        ("Jobrotation i ældreplejen", "Budget 2028", 3, "continue_adjusted"),
        (CARDS[1].title, "OFS 27/28", 4, "not_continued"),
        ("Mentorordning for seniorer", None, None, "conditional"),
        ("Tomt kort uden tekst", "Budget 2029", 6, None),
        ("Virksomhedsnetværk i Sydhavnen", None, None, "continue_unchanged"),
    ]
    sections = [i.section for i in extraction.initiatives]
    assert sections == [None] * 4 + ["Bevillinger finansieret af puljemidler"]


def test_synthetic_deck_document(synthetic: Extraction) -> None:
    document = synthetic.document
    assert document.year == 2031  # the first year of the proposed periods, not an origin year
    assert document.title == "Budget 2031 Udløbende bevillinger"  # the cover, as the PDF has no title


def test_synthetic_deck_texts(synthetic: Extraction) -> None:
    cards = _by_title(synthetic)
    rotation = cards["Jobrotation i ældreplejen"]
    assert rotation.description and rotation.description.startswith("Jobrotation giver ledige et vikariat")
    assert rotation.results == "I alt 64 ledige har haft et vikariat, og 41 er gået i job."
    assert rotation.assessment_text == ("Forvaltningen anbefaler, at indsatsen videreføres i justeret form "
                                        "med færre pladser.")
    mentor = cards["Mentorordning for seniorer"]
    assert mentor.assessment_text == "Indsatsen kan kun videreføres, hvis staten fortsat medfinansierer den."
    assert mentor.economy and "0,9 mio. kr. i 2030" in mentor.economy and "0,6 mio. kr." in mentor.economy


def test_synthetic_deck_amounts_and_roles(synthetic: Extraction) -> None:
    extraction = synthetic
    titles = {i.id: i.title for i in extraction.initiatives}
    found = [(titles[a.initiative_id or ""], a.value_dkk, a.role) for a in extraction.amounts]
    granted, proposed = AmountRole.GRANTED, AmountRole.PROPOSED
    assert found == [
        ("Jobrotation i ældreplejen", 2_500_000, granted), ("Jobrotation i ældreplejen", 1_800_000, proposed),
        (CARDS[1].title, 4_000_000, granted), (CARDS[1].title, 3_000_000, granted),
        ("Mentorordning for seniorer", 900_000, granted), ("Mentorordning for seniorer", 600_000, proposed),
        ("Virksomhedsnetværk i Sydhavnen", 1_200_000, granted),
        ("Virksomhedsnetværk i Sydhavnen", 3_000_000, proposed),
        ("Virksomhedsnetværk i Sydhavnen", 400_000, proposed),  # from the page it runs on to
    ]


def test_synthetic_deck_offices(synthetic: Extraction) -> None:
    extraction = synthetic
    titles = {i.id: i.title for i in extraction.initiatives}
    links = sorted((titles[r.source_id], r.target_id, r.type) for r in extraction.relations
                   if r.type in (RelationType.RESPONSIBLE, RelationType.MENTIONS))
    assert links == [
        ("Jobrotation i ældreplejen", "jobcenter-aarhus", RelationType.RESPONSIBLE),
        ("Jobrotation i ældreplejen", "mbu", RelationType.RESPONSIBLE),  # "i samarbejde med MBU"
        (CARDS[1].title, "sprogcenter-midt", RelationType.RESPONSIBLE),
        ("Virksomhedsnetværk i Sydhavnen", "sof", RelationType.MENTIONS),
    ]


def test_year_votes_and_fallback() -> None:
    assert document_year([], ["Budget 2029: bevillinger der udløber"]) == 2029
    assert document_year([], ["Bevillinger der udløber"]) is None


# -- a deck without a title page, with adjustments listed after the assessment ----------------------

UNCOVERED = [
    Card("Jobcamps i skoleferier", "Budget 2023", "Nr. 7",
         ["## Indhold:", "Jobcamps for unge fra udsatte boligområder i sommerferien.",
          "## Økonomi:", "Med budget 2023 blev der afsat 0,5 mio. kr. årligt i 2023-2026."],
         ["## Vurdering:", "Forvaltningens faglige vurdering er, at indsatsen kan videreføres med følgende "
          "justeringer:",
          "- Færre camps i sommerferien og flere i efterårsferien.",
          "- Et fast samarbejde med de boligsociale helhedsplaner om at finde de unge, der har størst behov "
          "for et fritidsjob.",
          "## Økonomi:", "Bevillingen fra budget 2023 foreslås videreført med 0,5 mio. kr. årligt (2027 p/l) "
          "i 2027-2030."]),
    Card("Mentorstøtte til aktivitetsparate unge", "Budget 2023", "Nr. 8",
         ["## Indhold:", "Unge får en mentor i overgangen til uddannelse.",
          "## Økonomi:", "Med budget 2023 blev der afsat 1,2 mio. kr. årligt i 2023-2026."],
         ["## Vurdering:", "Forvaltningens faglige vurdering er, at indsatsen kan videreføres med følgende "
          "justeringer:", "Midlerne søges på service i stedet for overførsler.",
          "## Økonomi:", "Som i budget 2023 1,2 mio. kr. årligt (2027 p/l) på service i 2027-2030."]),
]


@pytest.fixture(scope="module")
def uncovered(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    """Two cards whose origin is "Budget 2023" and whose proposals are for 2027-2030; no cover, no title."""
    path = tmp_path_factory.mktemp("deck") / "kort.pdf"
    writer = PdfWriter(path, title="", pagesize=PORTRAIT.pagesize, header="Beskæftigelsesforvaltningen",
                       page_label=lambda n: UNCOVERED[n - 1].label)
    for n, card in enumerate(UNCOVERED):
        if n:
            writer.new_page()
        _card(writer, card, PORTRAIT)
    writer.save()
    layout = read_layout(path)
    return PARSER.parse(layout, _document(layout, "kort"))


def test_deck_year_without_a_title_page_is_the_first_year_proposed(uncovered: Extraction) -> None:
    assert [i.origin for i in uncovered.initiatives] == ["Budget 2023", "Budget 2023"]
    assert uncovered.document.year == 2027
    assert uncovered.document.title == "Budget 2027: bevillinger der udløber"


def test_assessment_keeps_the_adjustments_listed_after_it(uncovered: Extraction) -> None:
    camps, mentor = uncovered.initiatives
    assert camps.assessment_text == (
        "Forvaltningens faglige vurdering er, at indsatsen kan videreføres med følgende justeringer:\n"
        "• Færre camps i sommerferien og flere i efterårsferien.\n"
        "• Et fast samarbejde med de boligsociale helhedsplaner om at finde de unge, der har størst behov "
        "for et fritidsjob.")
    assert mentor.assessment_text == (
        "Forvaltningens faglige vurdering er, at indsatsen kan videreføres med følgende justeringer:\n"
        "Midlerne søges på service i stedet for overførsler.")
    assert camps.assessment is mentor.assessment is Assessment.CONTINUE_ADJUSTED

