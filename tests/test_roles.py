"""The roles grammar: an office the sentence makes responsible in the ordinary Danish ways is responsible;
every other office named is a mention (negations, dialogue, genitives, another sentence's cue)."""

from __future__ import annotations

import pytest

from planarkiv.extract.danish.roles import office_roles, role_at
from planarkiv.schema import OfficeRole

R, M = OfficeRole.RESPONSIBLE, OfficeRole.MENTIONS


def roles(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.role.value) for m in office_roles(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Jobcenter København er tovholder på indsatsen.", [("Jobcenter København", "responsible")]),
    ("Virksomhedsservice var tovholdere for de to første hold.", [("Virksomhedsservice", "responsible")]),
    ("Arbejdsmarkedscentret bliver projektejer, når projektet starter i 2027.",
     [("Arbejdsmarkedscentret", "responsible")]),
    ("BIF og SOF er fælles ansvarlige for at følge op på målgruppen.",
     [("BIF", "responsible"), ("SOF", "responsible")]),
    ("Jobcenter København er ansvarlig for, at borgerne får et tilbud inden for tre uger.",
     [("Jobcenter København", "responsible")]),
    ("Derfor er BIF og SOF fælles ansvarlige for indsatsen.",
     [("BIF", "responsible"), ("SOF", "responsible")]),
    ("Beskæftigelses- og Integrationsforvaltningen har ansvaret for den samlede koordinering.",
     [("Beskæftigelses- og Integrationsforvaltningen", "responsible")]),
    ("Jobcenter København har det overordnede ansvar for opfølgningen.",
     [("Jobcenter København", "responsible")]),
    ("Indsatsen varetages af medarbejdere fra Jobcenter København.",
     [("Jobcenter København", "responsible")]),
    ("Opgaven varetaget af Virksomhedsservice siden 2019 fortsætter.",
     [("Virksomhedsservice", "responsible")]),
    ("Projektet forankres i Arbejdsmarkedscentret, som har erfaring med målgruppen.",
     [("Arbejdsmarkedscentret", "responsible")]),
    ("Forløbene gennemføres af Københavns Tekniske Skole i 2026.",
     [("Københavns Tekniske Skole", "responsible")]),
    ("Kurserne udbydes i samarbejde med Virksomhedsservice og Jobcenter København.",
     [("Virksomhedsservice", "responsible"), ("Jobcenter København", "responsible")]),
    ("BIF, SOF og SUF afholder i fællesskab fire temamøder for ledere.",
     [("BIF", "responsible"), ("SOF", "responsible"), ("SUF", "responsible")]),
    ("Jobcenter København står for visitationen til forløbet.", [("Jobcenter København", "responsible")]),
    ("Virksomhedsservice driver netværket for virksomheder i byen.", [("Virksomhedsservice", "responsible")]),
    ("Arbejdsmarkedscentret udfører de faglige vurderinger.", [("Arbejdsmarkedscentret", "responsible")]),
    ("Jobcenter København leder arbejdsgruppen.", [("Jobcenter København", "responsible")]),
    ("Jobcenter København vil i 2027 gennemføre en ny screening.", [("Jobcenter København", "responsible")]),
    ("Jobcenter København har gennemført 300 samtaler.", [("Jobcenter København", "responsible")]),
    ("Ansvarlig: Jobcenter København", [("Jobcenter København", "responsible")]),
    ("Tovholder: Virksomhedsservice", [("Virksomhedsservice", "responsible")]),
])
def test_the_grammar_makes_offices_responsible(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Jobcenter København er ikke ansvarlig for opfølgningen.", [("Jobcenter København", "mentions")]),
    ("BIF har ikke ansvaret for boligerne.", [("BIF", "mentions")]),
    ("Jobcenter København afholder ikke selv kurserne.", [("Jobcenter København", "mentions")]),
    ("Forvaltningen er i dialog med Jobcenter København om forløbet.", [("Jobcenter København", "mentions")]),
    ("Borgeren er \"BIF's ansvar\", siger direktøren.", [("BIF's", "mentions")]),
    ("Jobcenter Københavns leder deltager i mødet.", [("Jobcenter Københavns", "mentions")]),
    ("Målgruppen er borgere i Jobcenter København.", [("Jobcenter København", "mentions")]),
    ("Der er afsat 2 mio. kr. til Virksomhedsservice.", [("Virksomhedsservice", "mentions")]),
    ("Jobcenter København leder efter nye samarbejdspartnere.", [("Jobcenter København", "mentions")]),
    ("Initiativer kunne omfatte en indsats i regi af en styrket BIF/SOF-strategi.",
     [("BIF", "mentions"), ("SOF-strategi", "mentions")]),
])
def test_a_plain_mention_is_a_mention(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(text) == expected


def test_a_listed_office_shares_the_role_only_within_its_list() -> None:
    text = "Indsatsen varetages af BIF og SOF, mens Borgerservice orienteres om forløbet."
    assert roles(text) == [("BIF", "responsible"), ("SOF", "responsible"), ("Borgerservice", "mentions")]


def test_a_cue_reaches_its_office_only_within_its_clause_and_sentence() -> None:
    assert roles("Kurserne gennemføres af konsulenter, der har erfaring fra Virksomhedsservice.") == [
        ("Virksomhedsservice", "mentions")]
    assert roles("Opgaven varetages af konsulenter bl.a. på kurser. Jobcenter København orienteres.") == [
        ("Jobcenter København", "mentions")]


def test_the_first_office_after_a_cue_takes_it_not_the_next() -> None:
    text = "Indsatsen varetages af Virksomhedsservice med støtte fra Jobcenter København."
    assert roles(text) == [("Virksomhedsservice", "responsible"), ("Jobcenter København", "mentions")]


def test_role_at_reads_any_name_in_its_sentence() -> None:
    text = "Borgerne visiteres i maj. Forvaltningen er tovholder og Jobcenter København deltager."
    start = text.index("Forvaltningen")
    assert role_at(text, start, start + len("Forvaltningen")) is R
    start = text.index("Jobcenter")
    assert role_at(text, start, start + len("Jobcenter København")) is M
    start = text.index("Borgerne")
    assert role_at(text, start, start + len("Borgerne")) is M


def test_offsets_are_offsets_in_the_text_as_given() -> None:
    text = "Indsatsen\n\nvaretages af  Jobcenter\nKøbenhavn, der har erfaring."
    [found] = office_roles(text)
    assert text[found.start:found.end] == found.text == "Jobcenter\nKøbenhavn"
    assert found.role is R


@pytest.mark.parametrize(("text", "expected"), [
    ("Konkret arbejder Jobcenter København med den virksomhedsrettede indsats på følgende måder:", R),
    ("For at imødekomme ungeaftalen satser Jobcenter København på følgende indsatser:", R),
    ("Derfor afholder BIF tre temamøder i foråret.", R),
    ("Med ressortaftalen har Virksomhedsservice overtaget opgaven.", R),
    ("Kommunen driver Jobcenter København.", M),  # no adverbial in front: the office is the object
    ("I dag driver Kommunen Jobcenter København.", M),
    ("Derfor afholder BIF ikke møder.", M),
])
def test_inverted_after_a_fronted_adverbial(text: str, expected: OfficeRole) -> None:
    [found] = office_roles(text)
    assert found.role is expected
