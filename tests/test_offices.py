"""The office gazetteer: one office however it is written, in running text and in an "Involverede" cell."""

from __future__ import annotations

import json
import re
from itertools import combinations

import pytest
from rapidfuzz import fuzz

from conftest import GOLD_DIR
from planarkiv.extract.danish import offices as offices_module
from planarkiv.extract.danish.offices import (
    FUZZY_CUTOFF,
    FUZZY_MIN_LENGTH,
    PATTERNS_FILE,
    _entries,
    _key,
    find_offices,
    forms,
    offices,
    patterns,
    resolve_office,
    resolve_offices,
)
from planarkiv.schema import OfficeKind


def ids(text: str) -> list[str]:
    return [m.office.id for m in find_offices(text)]


def test_gazetteer_is_well_formed() -> None:
    entries = _entries()
    assert len({e["id"] for e in entries}) == len(entries)
    assert all(re.fullmatch(r"office-[a-z0-9-]+", e["id"]) for e in entries)
    assert {o.kind for o in offices().values()} == set(OfficeKind)
    owner: dict[str, str] = {}
    for entry in entries:
        for form in forms(entry):
            assert owner.setdefault(_key(form), entry["id"]) == entry["id"], f"{form!r} names two offices"
            # names, not sentences or titles of the documents
            assert len(form.split()) <= 7 and not re.search(r"[!?:]|\.$", form), form


def test_pattern_file_is_generated_from_the_gazetteer() -> None:
    on_disk = [json.loads(line) for line in PATTERNS_FILE.read_text(encoding="utf-8").splitlines()]
    assert on_disk == patterns(), "run: python -m planarkiv.extract.danish.offices"


def test_every_office_name_of_the_gold_is_a_canonical_name_or_abbreviation() -> None:
    """The gold writes the abbreviation where there is one, else one standard spelling: the gazetteer
    must resolve it to an office carrying exactly that name or abbreviation."""
    for path in sorted(GOLD_DIR.glob("*.json")):
        for initiative in json.loads(path.read_text(encoding="utf-8"))["initiatives"]:
            for written in initiative["offices"]:
                office = resolve_office(written["name"])
                assert office and office.id in offices(), written["name"]
                assert written["name"] in (office.name, office.abbreviation), (written["name"], office)


@pytest.mark.parametrize("name", [
    # docs/domain.md, "Offices"
    "BIF", "SOF", "BUF", "SUF", "KFF", "ØKF", "TMF", "BIU", "BR", "ØU", "SOC", "BUU", "Jobcenter København",
    "Jobcenter Skelbækgade", "Jobcenter Musvågevej", "Arbejdsmarkedscentret", "Karrierecentret",
    "Københavns Erhvervshus", "Center for Jobindsats", "Center for Afklaring og Beskæftigelse",
    "Virksomhedsservice", "STAR", "Udbetaling Danmark", "Kriminalforsorgen", "Danmarks Fængsler",
    "Settlementet", "FRAK", "Sabaah", "TEC",
])
def test_domain_offices_are_known(name: str) -> None:
    assert len(find_offices(f"Indsatsen varetages af {name} i 2026.")) == 1
    assert resolve_office(name).id in offices()


@pytest.mark.parametrize(("written", "office_id"), [
    ("Beskæftigelses- og Integrationsforvaltningen", "office-bif"),
    ("Beskæftigelses- og \nIntegrationsforvaltningen", "office-bif"),
    ("BIF", "office-bif"),
    ("BIFs", "office-bif"),
    ("BIF’s", "office-bif"),
    ("Beskæftigelses- og Integrationsforvaltningens", "office-bif"),
    ("Socialforvaltningen", "office-sof"),
    ("Socialforvaltningen (SOF)", "office-sof"),
    ("SOF's", "office-sof"),
    ("Børne- og Ungeforvaltningen", "office-buf"),
    ("Børne- og Ungdomsforvaltningen", "office-buf"),
    ("Arbejdsmarkedscenteret", "office-arbejdsmarkedscentret"),
    ("Arbejdsmarkedscentret", "office-arbejdsmarkedscentret"),
    ("Kontor for Arbejdsmarkedspolitik", "office-kontoret-for-arbejdsmarkedspolitik"),
    ("Kontoret for Arbejdsmarkedspolitik", "office-kontoret-for-arbejdsmarkedspolitik"),
    ("Kontor for \nIntegrationspolitik", "office-kontoret-for-integrationspolitik"),
    ("Danmarks Fængsler", "office-kriminalforsorgen"),
    ("Kriminalforsorgens direktorat", "office-kriminalforsorgen"),
    ("Direktoratet for Kriminalforsorgen", "office-kriminalforsorgen"),
    ("Saabah", "office-sabaah"),
    ("SPP", "office-ssp-koebenhavn"),
    ("SSP København", "office-ssp-koebenhavn"),
    ("SPP-sekretariatets", "office-ssp-sekretariatet"),
    ("Jobcenter Københavns", "office-jobcenter-koebenhavn"),
    ("Københavns Jobcenter", "office-jobcenter-koebenhavn"),
    ("Jobcenter København Skelbækgade", "office-jobcenter-skelbaekgade"),
    ("Teknisk Erhvervsskole Center i Hovedstaden", "office-tec"),
    ("Beskæftigelses- og Integrationsudvalgets", "office-biu"),
])
def test_spelling_variants_are_one_office(written: str, office_id: str) -> None:
    assert ids(f"Det sker i samarbejde med {written} fra i år.") == [office_id]
    assert resolve_office(written).id == office_id


def test_find_offices_in_order_with_offsets() -> None:
    text = "Handleplanen er godkendt af BIU og er i drift på tværs af BIF, SOF og BUF."
    mentions = find_offices(text)
    assert [m.text for m in mentions] == ["BIU", "BIF", "SOF", "BUF"]
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_longest_name_wins() -> None:
    assert ids("Jobcenter København Skelbækgade (JKS) og Jobcenter København") == [
        "office-jobcenter-skelbaekgade", "office-jobcenter-skelbaekgade", "office-jobcenter-koebenhavn"]
    assert ids("Kriminalforsorgen i Frihed og Danmarks Fængsler i Friheden") == [
        "office-kriminalforsorgen-i-frihed", "office-kriminalforsorgen-i-frihed"]
    assert ids("Økonomiforvaltningens Center for HR") == ["office-oekonomiforvaltningens-center-for-hr"]
    assert ids("Socialforvaltningen (SOF)") == ["office-sof"]


def test_abbreviations_head_compounds_but_not_other_words() -> None:
    assert ids("BIU-indstilling om en samlet BIF/BUF/SOF-ungestrategi") == [
        "office-biu", "office-bif", "office-buf", "office-sof"]
    assert ids("SSP+ konsulenter og SSP+-gruppen, børn i SSP- kategori 3") == []
    assert ids("SSP+ konsulenter i SSP-Sekretariatet") == ["office-ssp-sekretariatet"]


def test_case_matters_where_a_name_is_also_a_word() -> None:
    assert ids("UNG har en forventning om, at unge og en ung mand deltager") == ["office-ung-koebenhavn"]
    assert ids("en professionalisering af virksomhedsservice og god borgerservice") == []
    assert ids("Jobcentret og jobcenteret, men ikke jobcentrene") == ["office-jobcenter-koebenhavn"] * 2


@pytest.mark.parametrize(("cell", "office_id"), [
    ("Arbejdsmarkedscenteret", "office-arbejdsmarkedscentret"),
    ("Virksomhedsservice,", "office-virksomhedsservice"),
    ("Kontoret for \nArbejdsmarkedspolitik", "office-kontoret-for-arbejdsmarkedspolitik"),
    ("Personaleafd. i de øvrige 6 \nforvaltninger, ", "office-personaleafdelingerne"),
    ("Økonomikontorerne i de \nøvrige 6 forvaltninger,", "office-oekonomikontorerne"),
    ("Jobcenter Skelbækgade, ", "office-jobcenter-skelbaekgade"),
    ("Arbejdsmarkedscentrett", "office-arbejdsmarkedscentret"),        # a typing slip: fuzzy
    ("Kontoret for Integrationspolitikk", "office-kontoret-for-integrationspolitik"),
])
def test_resolve_office_cell_entries(cell: str, office_id: str) -> None:
    assert resolve_office(cell).id == office_id


def test_resolve_office_unknown_name_becomes_a_unit_named_as_written() -> None:
    office = resolve_office("Kontoret for Borgerrådgivning \n")
    assert office.id == "office-kontoret-for-borgerraadgivning"
    assert office.name == "Kontoret for Borgerrådgivning"
    assert office.kind is OfficeKind.UNIT and office.id not in offices()
    assert resolve_office("BIFF").id == "office-biff", "short names are never fuzzy-matched"


@pytest.mark.parametrize("cell", ["", "  ,\n", "–", "12", "BIF, SOF",
                                  "Der er afsat midler til en indsats for ledige i hele kommunen i år"])
def test_resolve_office_none_for_what_is_not_one_name(cell: str) -> None:
    assert resolve_office(cell) is None


def test_resolve_offices_splits_a_whole_cell() -> None:
    def cell_ids(cell: str) -> list[str]:
        return [o.id for o in resolve_offices(cell)]

    cell = "Arbejdsmarkedscenteret\nVirksomhedsservice,\n\nKontoret for \nArbejdsmarkedspolitik"
    assert cell_ids(cell) == ["office-arbejdsmarkedscentret", "office-virksomhedsservice",
                              "office-kontoret-for-arbejdsmarkedspolitik"]
    assert cell_ids("Kontor for \nArbejdsmarkedspolitik,\n\nBørne- og \nUngdomsforvaltningen") == [
        "office-kontoret-for-arbejdsmarkedspolitik", "office-buf"]
    assert [o.name for o in resolve_offices("Jobcenter Musvågevej,\nKontoret for Nyt")] == [
        "Jobcenter Musvågevej", "Kontoret for Nyt"]


def test_fuzzy_threshold_never_joins_two_known_offices() -> None:
    """Every pair of forms of different offices scores below the cutoff, so a typing slip of one name
    cannot land on another office."""
    keyed = [(_key(form), e["id"]) for e in offices_module._entries() for form in forms(e)]
    for (a, a_id), (b, b_id) in combinations(keyed, 2):
        if a_id != b_id and min(len(a), len(b)) >= FUZZY_MIN_LENGTH:
            assert fuzz.ratio(a, b) < FUZZY_CUTOFF, (a, b)
