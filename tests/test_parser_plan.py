"""The plan parser (extract/parsers/plan.py): what a user relies on, on the bundled Beskæftigelsesplan and
on synthetic plans it has never seen (other years, goals, initiatives, page breaks and box layouts)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import PDF_DIR, LayoutOf
from corpus_builder import markup
from corpus_builder import plan as plan_builder
from corpus_builder.writer import PdfWriter
from planarkiv.extract import extract
from planarkiv.extract.layout import read_layout
from planarkiv.extract.parsers.plan import PARSER, anchored
from planarkiv.schema import DocumentKind, Extraction, Goal, GoalKind, Initiative, InitiativeStatus

BUNDLED = PDF_DIR / "beskaeftigelsesplan-2016-2020-version-2018.pdf"
OTHER_KINDS = sorted(p for p in PDF_DIR.glob("*.pdf") if p != BUNDLED)


# -- helpers ---------------------------------------------------------------------------------------


def goals(ex: Extraction, kind: GoalKind) -> list[Goal]:
    return [g for g in ex.goals if g.kind is kind]


def initiative(ex: Extraction, title: str) -> Initiative:
    matches = [i for i in ex.initiatives if i.title == title]
    assert len(matches) == 1, f"{title!r}: {[i.title for i in ex.initiatives]}"
    return matches[0]


def targets(ex: Extraction, source_id: str, type_: str) -> set[str]:
    return {r.target_id for r in ex.relations if r.source_id == source_id and r.type.value == type_}


def titles(ex: Extraction) -> list[str]:
    return [i.title for i in ex.initiatives]


# -- the bundled plan ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled(bundled_extractions: dict[str, Extraction]) -> Extraction:
    return bundled_extractions[BUNDLED.name]


def test_bundled_is_detected_as_plan_and_others_are_not(bundled_layout: LayoutOf) -> None:
    assert PARSER.detect(bundled_layout(BUNDLED)) >= 0.8
    for path in OTHER_KINDS:
        assert PARSER.detect(bundled_layout(path)) < 0.3, path.name


def test_bundled_document_year_period_and_title(bundled: Extraction) -> None:
    doc = bundled.document
    assert doc.kind is DocumentKind.PLAN
    assert (doc.year, doc.period_start, doc.period_end) == (2018, 2016, 2020)
    assert doc.title == "Beskæftigelsesplan 2016-2020, 2018-versionen"


def test_bundled_vision_goals_with_section_and_latest_status(bundled: Extraction) -> None:
    vision = goals(bundled, GoalKind.VISION)
    assert [g.number for g in vision] == [str(n) for n in range(1, 9)]
    assert [g.section for g in vision] == ["4.3", "4.3", "4.4", "4.5", "4.5", "4.6", "4.7", "4.7"]
    assert all(g.year == 2020 for g in vision)
    assert vision[0].text.startswith("København skal være blandt de 10 bedste kommuner")
    assert vision[0].status == "København er nummer 30 ud af 30 i klyngen (2. kvartal 2017)."
    # The status ends where the latest status ends, even when its date follows in parentheses.
    assert vision[5].status == ("København ligger nummer 2, men har tæt løb med nummer 1 i klyngen. "
                                "(2. kvartal 2017).")
    assert vision[6].status == "København er 3. bedst i klyngen ud af 6 jobcentre."


def test_bundled_ministermaal_in_order_with_year_and_section(bundled: Extraction) -> None:
    ministers = goals(bundled, GoalKind.MINISTER)
    assert [g.number for g in ministers] == ["1", "2", "3", "4", "5"]
    assert [g.section for g in ministers] == ["5.1", "5.2", "5.3", "5.4", "5.5"]
    assert {g.year for g in ministers} == {2018}
    assert ministers[2].text == "Flere flygtning og familiesammenførte skal være selvforsørgende."


def test_bundled_initiatives_follow_the_domain_rule(bundled: Extraction) -> None:
    found = titles(bundled)
    # a bullet's lead-in; a first sentence; a trailing parenthesis dropped
    assert "Langtidsledighedsindsats for akademikere" in found
    assert "Omvendt jobformidling" in found
    assert "Styrket koordinering af indsatser målrettet borgere på krisecentre" in found
    assert "Styrket kommunikation til borgerne og god borgerservice" in found
    assert ("Borgerrepræsentationen vedtog torsdag d. 27. april 2017 indstilling om et nyt samtalekoncept "
            "til dagpengemodtagere i København") in found
    # not initiatives: a heading of a sub-list, an agreement's principles and aims, list introductions,
    # a paragraph that goes on about the effort before it, and anything outside the Indsats parts
    assert "Udmøntning af investeringspuljer" not in found
    assert not any(t.startswith(("Udsatte skal hjælpes", "Unge skal hurtigt", "Det nye samtalekoncept",
                                 "Den virksomhedsrettede indsats", "For at imødekomme ungeaftalen",
                                 "I budgetaftalen for 2018 er der afsat", "Aftalen udstikker",
                                 "Tidlig indsats og flere", "Flere personer skal", "Kommunen gennemfører"))
                   for t in found)
    assert {i.section for i in bundled.initiatives} == {"4.3", "4.4", "4.5", "4.6", "4.7"}
    assert {i.status for i in bundled.initiatives} == {InitiativeStatus.ONGOING}


def test_bundled_initiatives_support_the_vision_goals_of_their_section(bundled: Extraction) -> None:
    by_section: dict[str | None, set[str]] = {}
    for goal in goals(bundled, GoalKind.VISION):
        by_section.setdefault(goal.section, set()).add(goal.id)
    for item in bundled.initiatives:
        assert targets(bundled, item.id, "supports") == by_section[item.section], item.title


def test_bundled_section_5_aligns_ministermaal_with_vision_sections(bundled: Extraction) -> None:
    ministers = goals(bundled, GoalKind.MINISTER)
    vision = {g.id: g for g in goals(bundled, GoalKind.VISION)}
    aligned = [r for r in bundled.relations if r.type.value == "aligns_with"]
    assert {r.source_id for r in aligned} == {ministers[0].id}
    assert sorted(vision[r.target_id].section for r in aligned) == ["4.3", "4.3", "4.4", "4.5", "4.5", "4.7",
                                                                    "4.7"]
    evidence = next(r.evidence for r in aligned if vision[r.target_id].section == "4.4")
    assert evidence == ("Dette mål stemmer overens med Jobcenter Københavns mål om at: "
                        "flere jobparate skal i job (afsnit 4.4)")


def test_bundled_amounts_have_their_owning_initiative_or_none(bundled: Extraction) -> None:
    owners = {i.id: i.title for i in bundled.initiatives}
    by_text = {(a.text, owners.get(a.initiative_id or "")) for a in bundled.amounts}
    assert ("16,7 mio. kr.", "Aftalen blev i august ’17 suppleret af en ny politisk aftale indgået af "
            "Beskæftigelses- og Integrationsudvalget, som stiller skarpt på ressourceforløb, førtidspension "
            "og fleksjob") in by_text
    assert ("14,7 mio. kr.", None) in by_text  # section 5.3 names no initiative


def test_every_record_has_provenance(bundled: Extraction) -> None:
    for record in [*bundled.goals, *bundled.initiatives, *bundled.amounts]:
        assert record.provenance.document_id == bundled.document.id
        assert 1 <= record.provenance.page <= bundled.document.pages
        assert record.provenance.bbox is not None


# -- helpers of the parser -------------------------------------------------------------------------


def test_an_effort_is_dated_or_new() -> None:
    assert anchored("Der er iværksat en proces for øget anvendelse af uddannelser.")
    assert anchored("I 2018 vil jobcentret arbejde videre.")
    assert anchored("Aftalen blev i august ’17 suppleret.")
    assert not anchored("Det nye samtalekoncept har fokus på progression.")


# -- synthetic plans ---------------------------------------------------------------------------------

SYNTHETIC = """
# 1 Indledning
Denne beskæftigelsesplan gælder for perioden 2019 til 2022 og opdateres hvert år. Dette er 2021-versionen.
Planen bygger på Vision 2022 for beskæftigelsesindsatsen.

# 2 Ministermål 2021
Ministermålene for 2021 er:

- Flere ledige skal hurtigere i job.
- Flere seniorer skal blive længere på arbejdsmarkedet.
- Flere nyuddannede skal finde fodfæste på arbejdsmarkedet.

# 3 Status og indsatser
## 3.1 Seniorer i job
[box]
**Mål** København skal være blandt de fem bedste kommuner til at få seniorer i job.

**Status** København er nummer 4 ud af 8 i klyngen (4. kvartal 2020). Sidste år var København nummer 6.
[/box]

### Status
Der er 4.100 ledige seniorer i København, og de er i gennemsnit længere ledige end andre ledige.

### Indsatser
Beskæftigelsesudvalget vedtog i marts 2020 en seniorpakke med fokus på omskoling. Pakken er finansieret
med 3,5 mio. kr. over tre år, og den skal bringe flere seniorer i job gennem kurser, der målrettes
[box]
**Mål** København skal halvere ledigheden blandt seniorer over 60 år.

**Status** København har reduceret ledigheden med 20 pct. (4. kvartal 2020). Målet er endnu ikke nået.
[/box]
brancher med mangel på arbejdskraft.

Pakken har fokus på efteruddannelse og mentorordninger for de ældste ledige.

Konkret arbejder Jobcenter København med seniorindsatsen på følgende måder:

- Seniornetværk: Ledige over 60 år mødes ugentligt i netværksgrupper med en konsulent.
- Jobrotation i kommunens egne institutioner (2020-2022).
- Målrettede virksomhedsbesøg for seniorer.

## 3.2 Nyuddannede i job
[box]
**Mål** København skal være bedst til at få nyuddannede i job.

**Status** København ligger nummer 1 i klyngen (4. kvartal 2020).
[/box]
[box]
**Mål** København skal halvere antallet af nyuddannede, der er ledige i over et år

**Status** København ligger nummer 3 (4. kvartal 2020), og afstanden til nummer 1 er uændret.
[/box]

### Indsatsen
Aftalen om nyuddannede indeholder to principper:

- Nyuddannede skal hurtigt i kontakt med virksomheder.
- Alle nyuddannede skal have en plan.

I budgetaftalen for 2021 er der afsat midler til følgende indsatser for nyuddannede:

- Dimittendkorps, der skal hjælpe nyuddannede i job (2021-2023).
- Udvidelse af mentorordninger:
o Mentorer fra erhvervslivet til nyuddannede ingeniører (2021)
o Mentorer til nyuddannede humanister
[pagebreak]
- Tidlig matchning af dimittender med små virksomheder.

# 4 Ministermål for 2021
## 4.1 Flere ledige skal hurtigere i job
Dette mål stemmer overens med Jobcenter Københavns mål om at:

- flere seniorer skal i job (afsnit 3.1)
- flere nyuddannede skal i job (afsnit 3.2)

## 4.2 Flere seniorer skal blive længere på arbejdsmarkedet
Dette mål stemmer overens med målet for seniorer (afsnit 3.1).

## 4.3 Flere nyuddannede skal finde fodfæste på arbejdsmarkedet
I København er der afsat 2,5 mio. kr. årligt til en særlig indsats for nyuddannede.
"""

Renderer = Callable[[PdfWriter, str], None]


def build_plan(path: Path, render: Renderer) -> Path:
    """A plan made with the corpus builder's writer: a title page, then the content by ``render``."""
    writer = PdfWriter(path, title="Prøveplan", header=None)
    writer.space(200)
    writer.paragraph("Beskæftigelsesplan 2019-2022", size=28, bold=True, space_after=14)
    writer.paragraph("2021-versionen", size=18, bold=True)
    writer.new_page()
    writer.header = "Københavns Kommune"
    render(writer, SYNTHETIC)
    writer.save()
    return path


def render_plain_subheadings(writer: PdfWriter, text: str) -> None:
    """Another producer: "Status" and "Indsatser" as plain lines of body text, not bold headings."""
    markup.render(writer, re.sub(r"^### (.+)$", r"\1\n", text, flags=re.MULTILINE))


@pytest.fixture(scope="module", params=[markup.render, plan_builder.render, render_plain_subheadings],
                ids=["inline-boxes", "label-column", "plain-subheadings"])
def synthetic(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    """The same plan in three layouts: boxes with inline bold labels, the bundled plan's labelled
    columns drawn after the body text, and sub-headings in plain type."""
    path = build_plan(tmp_path_factory.mktemp("plan") / "plan.pdf", request.param)
    return extract(path)


def test_synthetic_document(synthetic: Extraction) -> None:
    doc = synthetic.document
    assert doc.kind is DocumentKind.PLAN
    assert (doc.year, doc.period_start, doc.period_end) == (2021, 2019, 2022)
    assert doc.title == "Beskæftigelsesplan 2019-2022, 2021-versionen"


def test_synthetic_goals(synthetic: Extraction) -> None:
    vision = goals(synthetic, GoalKind.VISION)
    assert [(g.number, g.section, g.year) for g in vision] == [
        ("1", "3.1", 2022), ("2", "3.1", 2022), ("3", "3.2", 2022), ("4", "3.2", 2022)]
    assert vision[0].text == "København skal være blandt de fem bedste kommuner til at få seniorer i job."
    assert vision[0].status == "København er nummer 4 ud af 8 i klyngen (4. kvartal 2020)."
    # a box drawn in the middle of a paragraph
    assert vision[1].text == "København skal halvere ledigheden blandt seniorer over 60 år."
    assert vision[1].status == "København har reduceret ledigheden med 20 pct. (4. kvartal 2020)."
    assert vision[3].status == ("København ligger nummer 3 (4. kvartal 2020), og afstanden til nummer 1 er "
                                "uændret.")
    ministers = goals(synthetic, GoalKind.MINISTER)
    assert [(g.number, g.year, g.section) for g in ministers] == [("1", 2021, "4.1"), ("2", 2021, "4.2"),
                                                                 ("3", 2021, "4.3")]
    assert ministers[1].text == "Flere seniorer skal blive længere på arbejdsmarkedet."


def test_synthetic_initiatives(synthetic: Extraction) -> None:
    assert titles(synthetic) == [
        "Beskæftigelsesudvalget vedtog i marts 2020 en seniorpakke med fokus på omskoling",
        "Seniornetværk",
        "Jobrotation i kommunens egne institutioner",
        "Målrettede virksomhedsbesøg for seniorer",
        "Dimittendkorps, der skal hjælpe nyuddannede i job",
        "Mentorer fra erhvervslivet til nyuddannede ingeniører",
        "Mentorer til nyuddannede humanister",
        "Tidlig matchning af dimittender med små virksomheder",
    ]
    vision = goals(synthetic, GoalKind.VISION)
    first = synthetic.initiatives[0]
    assert targets(synthetic, first.id, "supports") == {vision[0].id, vision[1].id}
    # the paragraph the box interrupted is one text again; the paragraph after it only goes on about it
    assert first.description is not None
    assert "der målrettes brancher med mangel på arbejdskraft." in first.description
    assert first.description.endswith("mentorordninger for de ældste ledige.")
    last = initiative(synthetic, "Tidlig matchning af dimittender med små virksomheder")
    assert last.section == "3.2" and last.provenance.page > synthetic.initiatives[4].provenance.page
    assert targets(synthetic, last.id, "supports") == {vision[2].id, vision[3].id}


def test_synthetic_alignments(synthetic: Extraction) -> None:
    ministers = goals(synthetic, GoalKind.MINISTER)
    vision = goals(synthetic, GoalKind.VISION)
    assert targets(synthetic, ministers[0].id, "aligns_with") == {g.id for g in vision}
    assert targets(synthetic, ministers[1].id, "aligns_with") == {vision[0].id, vision[1].id}
    assert targets(synthetic, ministers[2].id, "aligns_with") == set()


def test_synthetic_amounts_owned_by_the_initiative_whose_text_holds_them(synthetic: Extraction) -> None:
    owner = {a.value_dkk: a.initiative_id for a in synthetic.amounts}
    assert owner[3_500_000] == initiative(
        synthetic, "Beskæftigelsesudvalget vedtog i marts 2020 en seniorpakke med fokus på omskoling").id
    assert owner[2_500_000] is None


def test_a_document_of_another_kind_scores_low(tmp_path: Path) -> None:
    path = tmp_path / "brev.pdf"
    writer = PdfWriter(path, title="Brev")
    markup.render(writer, """
# 1 Indledning
Kære borger. Vi skriver til dig om din status i sagen og om de indsatser, du kan få.

## 1.1 Mål for forløbet
Målet er, at du kommer i job. Status for din sag er, at den er under behandling.
""")
    writer.save()
    assert PARSER.detect(read_layout(path)) < 0.5
    assert extract(path).document.kind is not DocumentKind.PLAN
