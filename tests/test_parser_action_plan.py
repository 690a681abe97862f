"""The action_plan parser on the bundled Handleplan and on action plans it has never seen, generated here with
the corpus builder's primitives (a letterhead sidebar, bold headings, Symbol bullets, quoted paragraphs)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from conftest import KINDS, PDF_DIR, LayoutOf
from corpus_builder import quoted
from corpus_builder.action_plan import FIRST_PAGE_RIGHT, MARGINS, draw_sidebar, split_sidebar
from corpus_builder.writer import PdfWriter
from planarkiv.extract import extract, prose
from planarkiv.extract.danish.offices import find_offices
from planarkiv.extract.parsers import action_plan
from planarkiv.schema import DocumentKind, Extraction, GoalKind, InitiativeStatus, RelationType

STEM = "handleplan-udsatte-borgere-2016"


def _extract(path: Path) -> Extraction:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return extract(path)


@pytest.fixture(scope="module")
def bundled(bundled_extractions: dict[str, Extraction]) -> Extraction:
    return bundled_extractions[f"{STEM}.pdf"]


def by_title(ex: Extraction) -> dict[str, object]:
    return {i.title: i for i in ex.initiatives}


def related(ex: Extraction, source: str, type_: RelationType) -> set[str]:
    return {r.target_id for r in ex.relations if r.source_id == source and r.type is type_}


def office_roles(ex: Extraction, initiative_id: str) -> dict[str, str]:
    names = {o.id: o.abbreviation or o.name for o in ex.offices}
    return {names[r.target_id]: r.type.value for r in ex.relations
            if r.source_id == initiative_id and r.type in (RelationType.RESPONSIBLE, RelationType.MENTIONS)}


# -- the bundled Handleplan ---------------------------------------------------------------------------------


def test_bundled_is_detected_with_title_and_year(bundled: Extraction) -> None:
    assert bundled.document.kind is DocumentKind.ACTION_PLAN
    # the bold title, not the letterhead ("KØBENHAVNS KOMMUNE") nor the addressee line
    assert bundled.document.title == "Handleplan for udmøntning af politisk aftale om udsatte borgere"
    assert bundled.document.year == 2016


def test_bundled_principles_and_groups(bundled: Extraction) -> None:
    principles = [(g.number, g.text) for g in bundled.goals if g.kind is GoalKind.PRINCIPLE]
    groups = [(g.number, g.text) for g in bundled.goals if g.kind is GoalKind.GROUP]
    assert [n for n, _ in principles] == ["1", "2", "3", "4", "5"]
    assert [n for n, _ in groups] == ["1", "2", "3", "4"]
    assert principles[2][1] == ("Borgerne skal visiteres til de rette ordninger: Fleksjob, ressourceforløb, "
                                "revalidering og førtidspension")
    # "Herudover er der en fjerde gruppe: …" is group 4, its text after the colon without the full stop
    assert groups[3][1].startswith("Borgere, der ikke er klar til at deltage")
    assert groups[3][1].endswith("helhedsorienteret mentor")
    # the list item is the goal; the later section heading "Gruppe 4: …" is not a second one
    assert len(bundled.goals) == 9


def test_bundled_initiatives_follow_the_title_rule(bundled: Extraction) -> None:
    titles = set(by_title(bundled))
    assert {"tværfaglig taskforce", "praksisundersøgelse", "businesscase til investeringspuljen",
            "visitationsmodel til brug for inddelingen",
            "serviceeftersyn af Beskæftigelses- og Integrationsforvaltningens interne mentoruddannelse",
            "Den nuværende samarbejdsaftale med SOF og SUF udløber med årets udgang"} <= titles
    # a first sentence that ends in a parenthesis loses it ("… Sundheds- og Omsorgsforvaltningen (SUF).")
    assert any(t.endswith("og Sundheds- og Omsorgsforvaltningen") for t in titles)
    # the paragraph that only refers back, a task of the taskforce, a clause about a placement: none new
    assert not any(t.startswith("Taskforcen") or "tjekliste" in t or t == "virksomhedsplacering"
                   for t in titles)
    assert len(titles) == 9
    assert all(i.status is InitiativeStatus.PLANNED for i in bundled.initiatives)


def test_bundled_sections_and_supported_groups(bundled: Extraction) -> None:
    groups = {g.number: g.id for g in bundled.goals if g.kind is GoalKind.GROUP}
    initiatives = by_title(bundled)
    taskforce = initiatives["tværfaglig taskforce"]
    assert taskforce.section == "Supplerende initiativer til at understøtte aftalens mål for gruppe 3"
    assert related(bundled, taskforce.id, RelationType.SUPPORTS) == {groups["3"]}
    model = initiatives["visitationsmodel til brug for inddelingen"]
    assert model.section == "Inddeling af borgerne i grupper"
    assert related(bundled, model.id, RelationType.SUPPORTS) == set(groups.values())
    review = next(i for i in bundled.initiatives if i.title.startswith("serviceeftersyn"))
    assert review.section == "Gruppe 4: Borgere med helhedsorienteret mentor"
    assert related(bundled, review.id, RelationType.SUPPORTS) == {groups["4"]}


def test_bundled_amounts_belong_to_their_paragraph(bundled: Extraction) -> None:
    owner = next(i for i in bundled.initiatives if i.title.startswith("Virksomhedskonsulenter"))
    assert sorted(a.value_dkk for a in bundled.amounts if a.initiative_id == owner.id) == [30_000_000,
                                                                                          120_000_000]


def test_bundled_offices(bundled: Extraction) -> None:
    initiatives = by_title(bundled)
    # "Forvaltningen nedsætter …" in a letter from BIF; SOF from the paragraph that refers back to it:
    # "Ovennævnte initiativer vil blive taget i samarbejde med Socialforvaltningen"
    assert office_roles(bundled, initiatives["tværfaglig taskforce"].id) == {"BIF": "responsible",
                                                                              "SOF": "responsible"}
    # "igangsættes en praksisundersøgelse": the letter's passive voice is its author's
    assert office_roles(bundled, initiatives["praksisundersøgelse"].id)["BIF"] == "responsible"
    samarbejde = office_roles(bundled, initiatives[
        "Den nuværende samarbejdsaftale med SOF og SUF udløber med årets udgang"].id)
    assert samarbejde.get("SOF") == "mentions" and samarbejde.get("SUF") == "mentions"
    assert "BIF" not in samarbejde


def test_bundled_letterhead_is_not_text(bundled: Extraction, bundled_layout: LayoutOf) -> None:
    layout = bundled_layout(PDF_DIR / f"{STEM}.pdf")
    sidebar = {line.text for line in prose.letterhead_lines(layout)}
    assert "KØBENHAVNS KOMMUNE" in sidebar
    assert all(line.page == 1 for line in prose.letterhead_lines(layout))
    # the paragraph the sidebar interrupted in reading order is one paragraph again
    model = by_title(bundled)["visitationsmodel til brug for inddelingen"]
    assert "hvilke borgere, der vil have størst sandsynlighed" in (model.description or "")
    assert not any("Bernstorffsgade" in (i.description or "") for i in bundled.initiatives)


@pytest.mark.parametrize("stem", sorted(KINDS))
def test_detect_scores_only_action_plans_high(bundled_layout: LayoutOf, stem: str) -> None:
    score = action_plan.PARSER.detect(bundled_layout(PDF_DIR / f"{stem}.pdf"))
    assert (score >= 0.9) if KINDS[stem] == "action_plan" else (score < 0.3)


# -- an action plan it has never seen ----------------------------------------------------------------------

SYNTHETIC = """[sidebar]
**KØBENHAVNS KOMMUNE**
Beskæftigelses- og Integrationsforvaltningen

Kontoret for Akademikerindsatsen

Gyldenløvesgade 15
1600 København V
[/sidebar]

Til Beskæftigelses- og Integrationsudvalget

[space 18]
# Handleplan for indsatsen for ledige akademikere

Udvalget indgik 3. marts 2018 en aftale om ledige akademikere. Handleplanen beskriver, hvordan
aftalen udmøntes i 2019, og udvalget får en status ved udgangen af 2019.

Aftalen fastsætter tre principper:

- Princip 1: Akademikere skal hurtigt i kontakt med virksomhederne
- Princip 2: Indsatsen tager afsæt i den enkeltes kompetencer
- Princip 3: Ingen skal være ledig i mere end et år

Aftalen omfatter to målgrupper:

- Gruppe 1: Nyuddannede akademikere uden erhvervserfaring
- Herudover er der en anden gruppe: Akademikere, der har været ledige i mere end seks måneder.

## Gruppe 1: Nyuddannede akademikere uden erhvervserfaring

De nyuddannede skal hurtigt i gang med at søge job i 2019, hvor der skal etableres en
virksomhedspraktik for dem, der ønsker det.

### Supplerende initiativer for gruppe 1:

Jobcentret etablerer et mentornetværk for nyuddannede, der kobler dem med erfarne akademikere.
Netværket koster 2,5 mio. kr. i 2019.

Der holdes jobmesser to gange om året i samarbejde med Københavns Erhvervshus (KEH).

Mentornetværket evalueres efter det første år.

## Gruppe 2: Akademikere med mere end seks måneders ledighed

Der vil blive oprettet en jobklub for langtidsledige akademikere. Jobklubben skal udarbejde en
oversigt over ledige stillinger.

### Supplerende initiativer for gruppe 2:

Forvaltningen igangsætter et forsøg med virksomhedspraktik i private virksomheder (2019-2020).
"""


def build_action_plan(path: Path, text: str) -> None:
    """As tests/corpus_builder/action_plan.py builds the Handleplan, with other content and another PDF
    title."""
    groups, body = split_sidebar(text)
    left, _, top, bottom = MARGINS
    writer = PdfWriter(path, title="Notat", margins=(left, FIRST_PAGE_RIGHT, top, bottom), header=None,
                       size=12)
    draw_sidebar(writer, groups)

    def later_page(w: PdfWriter) -> None:
        w.right = MARGINS[1]

    writer.on_new_page.append(later_page)
    quoted.render(writer, body)
    writer.save()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    path = tmp_path_factory.mktemp("action_plan") / "handleplan-akademikere.pdf"
    build_action_plan(path, SYNTHETIC)
    return _extract(path)


def test_synthetic_document(synthetic: Extraction) -> None:
    assert synthetic.document.kind is DocumentKind.ACTION_PLAN
    assert synthetic.document.title == "Handleplan for indsatsen for ledige akademikere"
    assert synthetic.document.year == 2019  # the year it speaks of most, not the agreement's 2018


def test_synthetic_goals(synthetic: Extraction) -> None:
    assert [(g.kind, g.number) for g in synthetic.goals] == [
        (GoalKind.PRINCIPLE, "1"), (GoalKind.PRINCIPLE, "2"), (GoalKind.PRINCIPLE, "3"),
        (GoalKind.GROUP, "1"), (GoalKind.GROUP, "2")]
    assert synthetic.goals[-1].text == "Akademikere, der har været ledige i mere end seks måneder"
    assert synthetic.goals[0].target_group == "akademikere"  # the plan's own target group (its title)


def test_synthetic_initiatives(synthetic: Extraction) -> None:
    groups = {g.number: g.id for g in synthetic.goals if g.kind is GoalKind.GROUP}
    initiatives = by_title(synthetic)
    assert set(initiatives) == {
        "mentornetværk for nyuddannede",
        "Der holdes jobmesser to gange om året i samarbejde med Københavns Erhvervshus",
        "jobklub for langtidsledige akademikere",
        "forsøg med virksomhedspraktik i private virksomheder",
    }
    expected_group = {"mentornetværk for nyuddannede": "1",
                      "Der holdes jobmesser to gange om året i samarbejde med Københavns Erhvervshus": "1",
                      "jobklub for langtidsledige akademikere": "2",
                      "forsøg med virksomhedspraktik i private virksomheder": "2"}
    for title, group in expected_group.items():
        assert related(synthetic, initiatives[title].id, RelationType.SUPPORTS) == {groups[group]}, title
    assert initiatives["jobklub for langtidsledige akademikere"].section == (
        "Gruppe 2: Akademikere med mere end seks måneders ledighed")
    money = [(a.value_dkk, a.initiative_id) for a in synthetic.amounts]
    assert (2_500_000, initiatives["mentornetværk for nyuddannede"].id) in money


def test_synthetic_responsibility(synthetic: Extraction) -> None:
    initiatives = by_title(synthetic)
    trial = office_roles(synthetic, initiatives["forsøg med virksomhedspraktik i private virksomheder"].id)
    assert trial == {"BIF": "responsible"}  # "Forvaltningen igangsætter …" in BIF's letterhead
    network = office_roles(synthetic, initiatives["mentornetværk for nyuddannede"].id)
    named = {m.office.abbreviation or m.office.name for m in find_offices("Jobcentret etablerer")}
    assert all(network.get(name) == "responsible" for name in named)  # the actor the sentence names
    assert "BIF" not in network


def test_a_plan_without_principles_or_supplementary_lists_is_still_read(tmp_path: Path) -> None:
    text = """# Handleplan for sygedagpengeområdet 2021

Der er to målgrupper:

- Gruppe 1: Sygemeldte med en arbejdsgiver
- Gruppe 2: Sygemeldte uden en arbejdsgiver

## Gruppe 2: Sygemeldte uden en arbejdsgiver

Forvaltningen nedsætter en styregruppe, som følger indsatsen. Styregruppen udarbejder en plan for
opfølgningen.
"""
    path = tmp_path / "handleplan-syg.pdf"
    build_action_plan(path, text)
    ex = _extract(path)
    assert ex.document.kind is DocumentKind.ACTION_PLAN
    assert ex.document.year == 2021
    assert [i.title for i in ex.initiatives] == ["styregruppe"]
    group_2 = next(g.id for g in ex.goals if g.kind is GoalKind.GROUP and g.number == "2")
    assert related(ex, ex.initiatives[0].id, RelationType.SUPPORTS) == {group_2}


def test_supplementary_list_items(tmp_path: Path) -> None:
    text = """[sidebar]
**KØBENHAVNS KOMMUNE**
Beskæftigelses- og Integrationsforvaltningen
[/sidebar]

# Handleplan for virksomhedsindsatsen

- Gruppe 1: Små virksomheder
- Gruppe 2: Store virksomheder

## Gruppe 2: Store virksomheder

### Supplerende initiativer til gruppe 2:

Aftalen suppleres med følgende:

- **Jobklub for akademikere:** Forvaltningen etablerer en jobklub, der mødes hver uge i 2022.
- Der oprettes en hotline for virksomheder, som svarer på spørgsmål om løntilskud.
"""
    path = tmp_path / "handleplan-virksomheder.pdf"
    build_action_plan(path, text)
    ex = _extract(path)
    assert ex.document.kind is DocumentKind.ACTION_PLAN and ex.document.year == 2022
    initiatives = by_title(ex)
    assert set(initiatives) == {"Jobklub for akademikere", "hotline for virksomheder"}
    group_2 = next(g.id for g in ex.goals if g.kind is GoalKind.GROUP and g.number == "2")
    for initiative in initiatives.values():
        assert related(ex, initiative.id, RelationType.SUPPORTS) == {group_2}
        assert office_roles(ex, initiative.id).get("BIF") == "responsible"


# -- the rules, one by one ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "title"), [
    ("Forvaltningen nedsætter en tværfaglig taskforce, der har til formål at gennemgå sager.",
     "tværfaglig taskforce"),
    ("I forbindelse med nedsættelsen af taskforcen, igangsættes en praksisundersøgelse, der kommer med "
     "anbefalinger.", "praksisundersøgelse"),
    ("Der vil blive udviklet en visitationsmodel til brug for inddelingen.", "visitationsmodel til brug for "
     "inddelingen"),
    ("Der vil i 2016 blive foretaget et serviceeftersyn af den interne mentoruddannelse.”",
     "serviceeftersyn af den interne mentoruddannelse"),
    ("Forvaltningen arbejder på en businesscase til investeringspuljen, der omhandler optimering.",
     "businesscase til investeringspuljen"),
    ("Jobcentret etablerer også et netværk for ledere (2020-2021).", "netværk for ledere"),
])
def test_setup_sentences(sentence: str, title: str) -> None:
    found = action_plan.find_setup(sentence)
    assert found is not None and found.title == title


@pytest.mark.parametrize("sentence", [
    # a subordinate clause
    "Aftalens mål skal opnås igennem et forløb på op til 13 uger, hvor der hurtigst muligt skal etableres en "
    "virksomhedsplacering.",
    # an initiative already named does the work
    "Taskforcen skal bl.a. udarbejde en tjekliste over, hvad der skal til.",
    # someone else than the administration
    "Borgeren skal udarbejde et CV sammen med sin mentor.",
    # an infinitive: what something is for
    "Mentoren hjælper borgeren med at udarbejde en plan.",
    # no set-up verb, no indefinite article
    "Den 1. februar 2016 åbnede en ny modtagelse i jobcentret.",
    "Der skal fastsættes måltal for, hvor mange borgere der kan deltage.",
])
def test_not_setup_sentences(sentence: str) -> None:
    assert action_plan.find_setup(sentence) is None


def test_document_year_rule() -> None:
    assert prose.document_year("Mulige temaer for en beskæftigelsesaftale 2012", "i 2011 og 2011") == (
        2012, None, None)
    assert prose.document_year("Beskæftigelsesplan 2016-2020", "") == (2016, 2016, 2020)
    text = "indgik 11. november 2015 en aftale; d. 11. januar 2016; i efteråret 2016; i starten af 2017"
    assert prose.document_year("Handleplan", text) == (2016, None, None)
    assert prose.document_year("Handleplan", "i 2018 og i 2019") == (2019, None, None)  # a tie: later
    assert prose.document_year("Handleplan", "ca. 2.300 sager, 1577 København V, tlf. 2364 8798") == (
        None, None, None)


@pytest.mark.parametrize(("word", "head", "expected"), [
    ("Taskforcen", "taskforce", True), ("Visitationsmodellen", "visitationsmodel", True),
    ("praksisundersøgelsen", "praksisundersøgelse", True), ("Mentornetværket", "mentornetværk", True),
    ("taskforcemøder", "taskforce", False), ("Den", "taskforce", False),
])
def test_refers_to(word: str, head: str, expected: bool) -> None:
    assert action_plan.refers_to(word, head) is expected
