"""Money amounts: every row of the Amounts table of docs/domain.md and what the clause says about an
amount."""

from __future__ import annotations

import pytest

from planarkiv.extract.danish.money import Money, find_amounts
from planarkiv.schema import FundingKind

SERVICE, INDSATS, OVERFORSLER = FundingKind.SERVICE, FundingKind.INDSATS, FundingKind.OVERFORSLER


def only(text: str) -> Money:
    found = find_amounts(text)
    assert len(found) == 1, found
    return found[0]


def values(text: str) -> list[int]:
    return [m.value_dkk for m in find_amounts(text)]


# --- the Amounts table of the domain guide, row by row ---------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("Der er afsat 5,9 mio. kr. til initiativet.", 5_900_000),
    ("Der er afsat 5, 0 mio. kr. til ekstra forløb for målgruppen.", 5_000_000),  # typing slip
])
def test_millions_with_a_decimal_comma(text: str, value: int) -> None:
    money = only(text)
    assert money.value_dkk == value
    assert money.text in ("5,9 mio. kr.", "5, 0 mio. kr.")
    assert text[money.start:money.end] == money.text


def test_budget_card_line_with_everything() -> None:
    money = only("2.8 mio. kr. årligt (2027 p/l) på indsats i 2027–2030.")
    assert (money.text, money.value_dkk, money.per_year) == ("2.8 mio. kr.", 2_800_000, True)
    assert (money.year_from, money.year_to, money.funding, money.price_level) == (2027, 2030, INDSATS, 2027)
    assert not money.unit_price and money.part_of is None


def test_each_amount_has_its_own_years() -> None:
    yearly, first, second = find_amounts(
        "den virksomhedsrettede indsats styrkes med 120 mio. kr. årligt fra 2019 (60 mio. kr. i 2017 og "
        "90 mio. kr. i 2018).")
    assert (yearly.value_dkk, yearly.per_year, yearly.year_from, yearly.year_to) == (
        120_000_000, True, 2019, None)
    assert (first.value_dkk, first.per_year, first.year_from, first.year_to) == (
        60_000_000, False, 2017, 2017)
    assert (second.value_dkk, second.year_from, second.year_to) == (90_000_000, 2018, 2018)


def test_range() -> None:
    money = only("Forvaltningen laver årligt tilbagebetalingskrav på 40-50 mio. kroner, der omhandler snyd.")
    assert (money.text, money.value_dkk, money.value_dkk_max) == ("40-50 mio. kroner", 40_000_000, 50_000_000)
    assert money.per_year
    assert only("ca. 40 til 50 mio. kr.").value_dkk_max == 50_000_000
    assert only("40–50 mio. kr.").value_dkk == 40_000_000


@pytest.mark.parametrize(("text", "value", "per_year"), [
    ("I 2018 tredobles de ekstra midler til ca. 90 mio. kr., hvoraf 55 mio. er afsat til målgruppen.",
     55_000_000, False),
    ("Der blev med budget 2024 afsat 2,5 mio. årligt på indsats i 2024-2026.", 2_500_000, True),
])
def test_kroner_left_out(text: str, value: int, per_year: bool) -> None:
    money = find_amounts(text)[-1]
    assert (money.value_dkk, money.per_year) == (value, per_year)
    assert "kr" not in money.text


@pytest.mark.parametrize(("text", "value"), [
    ("Enhedsprisen for et kombinationsforløb koster 100.000 kr. pr. forløb.", 100_000),
    ("Jobcenter Københavns jobklubforløb har en uge pris på 700 kr. Såfremt A-kasserne kan levere", 700),
    ("Udgiften til et forløb forventes at udgøre 20.000 kr., og der kan således gennemføres 275 forløb.",
     20_000),
    ("Tilskuddet er kr. 100.000,- pr. plads.", 100_000),
    ("Beløbet svarer til ca. 1.500 kr. om måneden pr. deltager.", 1_500),
])
def test_unit_prices(text: str, value: int) -> None:
    money = only(text)
    assert (money.value_dkk, money.unit_price) == (value, True)


def test_a_total_price_is_no_unit_price() -> None:
    assert not only("Prisen for hele indsatsen er 5 mio. kr.").unit_price
    assert not only("1,3 mio. kr. årligt på service pr. år i perioden 2023-26.").unit_price


def test_heraf_makes_a_part() -> None:
    whole, part, rest = find_amounts(
        "11 mio. kr. (2027 p/l) i 2027 heraf 9,5 mio. kr. til beskæftigelsesrettet aktivering på indsats og "
        "1,4 mio. kr. på service til frikøb af to medarbejdere i jobcenteret.")
    assert (whole.value_dkk, whole.part_of, whole.funding) == (11_000_000, None, None)
    assert (part.value_dkk, part.part_of, part.funding) == (9_500_000, 0, INDSATS)
    assert (rest.value_dkk, rest.part_of, rest.funding) == (1_400_000, 0, SERVICE)
    for money in (whole, part, rest):  # the parts are for the whole's year, at the sentence's price level
        assert (money.year_from, money.year_to, money.price_level) == (2027, 2027, 2027)


@pytest.mark.parametrize(("text", "expected"), [
    ("1.000 kr.", 1_000),
    ("Der er afsat 500 t.kr. til evaluering.", 500_000),
    ("Der er afsat 250 tkr. til evaluering.", 250_000),
    ("Budgettet er på 1,5 mia. kr. i 2025.", 1_500_000_000),
    ("2 milliarder kroner", 2_000_000_000),
    ("3 mill. kr. og 4 millioner kr.", 3_000_000),
    ("1½ mio. kr.", 1_500_000),
])
def test_thousands_and_billions(text: str, expected: int) -> None:
    assert values(text)[0] == expected


@pytest.mark.parametrize("text", [
    "Et 3½-årigt forsøg.",
    "Forløbet varer 13 uger.",
    "hvilket i 2. kvartal 2017 udgjorde 2,6 pct. af befolkningen",
    "Der er 13.000 ledige i København.",
    "Københavns Kommune har 1,2 mio. indbyggere.",  # "mio." of people, not of kroner
    "13 tusind ledige",
    "Der har deltaget 2.500 borgere i 120-150 forløb frem til 2019.",
])
def test_numbers_that_are_not_money(text: str) -> None:
    assert find_amounts(text) == []


# --- what the clause says: funding, price level, years ---------------------------------------------------


@pytest.mark.parametrize(("text", "funding"), [
    ("0,5 mio. kr. på service i 2026.", SERVICE),
    ("8,4 mio. kr. til beskæftigelsesrettet aktivering (service).", SERVICE),
    ("1,4 mio. kr. i 2023. Bevillingen er servicemidler.", SERVICE),
    ("5 mio. kr. årligt til service.", SERVICE),
    ("2,0 mio. kr. på indsats i 2026.", INDSATS),
    ("8,4 mio. kr. til beskæftigelsesrettet aktivering (indsats).", INDSATS),
    ("hvoraf 5,0 mio. kr. er til indsats", INDSATS),
    ("4,8 mio. kr. årligt (2027 p/l) på overførsler i 2027-2030.", OVERFORSLER),
    ("Med overførselssagen 2022/2023 blev der afsat 1,4 mio. kr. til tolke.", None),  # the case, no funding
    ("BR har besluttet at investere 18,3 mio. kr. i indsatsen.", None),
])
def test_funding(text: str, funding: FundingKind | None) -> None:
    assert only(text).funding == funding


@pytest.mark.parametrize(("text", "level"), [
    ("11 mio. kr. (2027 p/l) i 2027", 2027),
    ("1,2 mio. kr. for det første halvår af 2027 (2027/pl).", 2027),
    ("3,6 mio. kr. årligt (2027p/l) på service i 2027-2030.", 2027),
    ("5 mio. kr. årligt til indsats, og 2 mio. kr. årligt til service, (2027 p/l).", 2027),
    ("2 mio. kr. i 2025-priser", 2025),
    ("0,6 mio. kr. årligt", None),
])
def test_price_level(text: str, level: int | None) -> None:
    assert {m.price_level for m in find_amounts(text)} == {level}


@pytest.mark.parametrize(("text", "years", "per_year"), [
    ("1,2 mio. kr. årligt (2027 p/l) på service i 2027.", (2027, 2027), True),
    ("0,5 mio. kr. årligt (2027 p/l) på service i 2027-2030.", (2027, 2030), True),
    ("10,1 mio. kr. årligt på service i perioden 2023-2026.", (2023, 2026), True),
    ("1,3 mio. kr. årligt på service pr. år i perioden 2023-26.", (2023, 2026), True),
    ("120 mio. kr. årligt fra 2019", (2019, None), True),
    ("de 120 mio. kr., som forvaltningen har fået frem til 2019", (None, 2019), False),
    ("2,2 mio. kr. i 2024 og 2025", (2024, 2025), True),  # a sum for each of the years
    ("Med budget 2023 blev der samlet afsat 33 mio. kr. fra 2023 til 2026.", (2023, 2026), False),
    ("1,2 mio. kr. for det første halvår af 2027 (2027/pl).", (2027, 2027), False),
    ("Fra 2016 til 2019 styrkes den virksomhedsrettede indsats med 120 mio. kr.", (2016, 2019), False),
    ("Budget til aftalen i 2010 66,4 mio. kr.", (2010, 2010), False),
    ("I Budget 2026 fik BIF 26,1 mio. kr. til ni initiativer.", (None, None), False),  # a budget's name
    ("Med overførselssagen 2016-2017 blev der investeret 13,4 mio. kr. i et forløb.", (None, None), False),
    ("ØKF har i OFS 22/23-sagen vurderet, at merudgifterne er 1,2 mio. kr.", (None, None), False),
])
def test_years_from_the_amounts_own_clause(text: str, years: tuple[int | None, int | None],
                                            per_year: bool) -> None:
    money = find_amounts(text)[-1]
    assert (money.year_from, money.year_to) == years
    assert money.per_year == per_year


def test_a_leading_year_belongs_to_its_own_conjunct() -> None:
    first, second = find_amounts("Der blev i 2019 brugt 5 mio. kr., og i 2020 blev der brugt 6 mio. kr.")
    assert (first.year_from, second.year_from) == (2019, 2020)


# --- lists, parts and restatements -----------------------------------------------------------------------


def test_a_list_shares_what_its_last_amount_says() -> None:
    first, second = find_amounts("Der blev med budget 2025 afsat 1,5 mio. kr. i 2025 og 2 mio. kr. i 2026 på "
                                 "service til lønrefusion.")
    assert (first.year_from, first.funding) == (2025, SERVICE)
    assert (second.year_from, second.funding) == (2026, SERVICE)
    first, second = find_amounts("0,3 mio. kr. årligt på service og 0,3 mio. kr. årligt på indsats i "
                                 "perioden 2023-2026.")
    assert (first.funding, first.year_from, first.year_to) == (SERVICE, 2023, 2026)
    assert second.funding == INDSATS


def test_a_unit_left_out_in_a_list() -> None:
    masterclass, program, match = find_amounts(
        "Med budget 2024 blev der afsat; 0,5 mio. kr. årligt på service til Masterclass-indsatsen.; 0,3 mio. "
        "kr. til program for grønne signaturvirksomheder og 0,2 til grønne matcharrangementer årligt på "
        "service i 2024–2026.")
    assert (match.text, match.value_dkk) == ("0,2", 200_000)
    for money in (masterclass, program, match):
        assert (money.per_year, money.funding, money.year_from, money.year_to) == (True, SERVICE, 2024, 2026)
    assert values("Der er 40 deltagere og 0,5 til administration.") == []  # no amount to take a unit from


def test_parts_of_the_amount_before() -> None:
    amounts = find_amounts(
        "Med budget 2023 blev der afsat 2,7 mio. kr. i 2023 og 7,4 mio. kr. årligt på service i 2024-2026. "
        "Den årlige bevilling er fordelt således: 5,0 mio. kr. til BIU; 2,0 mio. kr. til SOC; og 0,4 mio. "
        "kr. til BUU.")
    assert [m.part_of for m in amounts] == [None, None, 1, 1, 1]
    assert amounts[0].funding == SERVICE  # shared from the next amount of the list
    for part in amounts[2:]:
        assert (part.per_year, part.year_from, part.year_to, part.funding) == (True, 2024, 2026, SERVICE)


def test_hvoraf_and_fordelt() -> None:
    assert [m.part_of for m in find_amounts(
        "Der er afsat 5,9 mio. kr. til initiativet, hvoraf 5,0 mio. kr. er til indsats og 0,9 mio. kr. er "
        "afsat til administrationsomkostninger.")] == [None, 0, 0]
    whole, part, rest = find_amounts("Der er afsat 10 mio. kr. fordelt med 9,0 mio. kr. til indsats og "
                                     "1 mio. kr. til Jobcenter København til opfølgning i 2010.")
    assert (part.part_of, rest.part_of) == (0, 0)
    assert (whole.year_from, part.year_from, rest.year_from) == (2010, 2010, 2010)  # the parts agree on it
    two_purposes = "Der er afsat 5,5 mio. kr. til køb af jobklubforløb og 0,5 mio. kr. til administration."
    assert [m.part_of for m in find_amounts(two_purposes)] == [None, None]


def test_share_of_the_grant_in_a_later_sentence() -> None:
    whole, share = find_amounts("Med budget 2023 blev der afsat 2,7 mio. kr. årligt på service i 2023-2026. "
                                "Bevillingen går på tværs af BIF og SOF. SOF’s andel af bevillingen beløber "
                                "sig til 0,7 mio. kr. årligt")
    assert (share.part_of, share.year_from, share.year_to, share.funding) == (0, 2023, 2026, SERVICE)
    assert whole.part_of is None


def test_ud_af_makes_the_amount_before_a_part() -> None:
    part, whole = find_amounts("Udvalget har hidtil prioriteret 30 mio. kr. ud af de 120 mio. kr., som "
                               "forvaltningen har fået frem til 2019.")
    assert (part.part_of, whole.part_of) == (1, None)
    assert (whole.year_to, part.year_to) == (2019, None)


def test_dvs_restates_and_ends_the_parts() -> None:
    whole, part, yearly = find_amounts(
        "Med budget 2023 blev der samlet afsat 33 mio. kr. fra 2023 til 2026. Heraf er 5,3 mio. kr. til BIF, "
        "dvs. 1,3 mio. kr. årligt på service pr. år i perioden 2023-26.")
    assert (part.part_of, yearly.part_of) == (0, None)
    assert (part.funding, part.year_from, part.year_to, part.per_year) == (SERVICE, 2023, 2026, False)
    assert whole.funding is None
