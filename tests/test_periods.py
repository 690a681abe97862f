"""Years and periods: the forms of docs/domain.md ("Years and periods") and numbers that are not
years."""

from __future__ import annotations

import pytest

from planarkiv.extract.danish.periods import find_periods


def spans(text: str) -> list[tuple[str, int, int]]:
    return [(p.text, p.year_from, p.year_to) for p in find_periods(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("denne beskæftigelsesplan gælder for perioden 2016 til 2020.", ("2016 til 2020", 2016, 2020)),
    ("Københavns beskæftigelsesplan for 2016-2020", ("2016-2020", 2016, 2020)),
    ("5,7 mio. kr. årligt på service i 2027–2030.", ("2027–2030", 2027, 2030)),
    ("i 2024 – 2026.", ("2024 – 2026", 2024, 2026)),
    ("Status (2. kvartal 2017).", ("2. kvartal 2017", 2017, 2017)),
    ("hvilket i 2.kvartal 2017 udgjorde", ("2.kvartal 2017", 2017, 2017)),
    ("drøftelserne er endnu ikke påbegyndt (primo 2026)", ("primo 2026", 2026, 2026)),
    ("bevillingen udløber medio 2026.", ("medio 2026", 2026, 2026)),
    ("Rammeaftalen udløber ultimo 2026.", ("ultimo 2026", 2026, 2026)),
    ("forventes færdig i medio/ultimo 2026.", ("medio/ultimo 2026", 2026, 2026)),
    ("den endelige analyse forventes først færdig i Q3/Q4 2026.", ("Q3/Q4 2026", 2026, 2026)),
    ("Bevillingen kommer fra OFS 22/23.", ("OFS 22/23", 2022, 2023)),
    ("ØKF har i OFS 22/23-sagen vurderet", ("OFS 22/23", 2022, 2023)),
    ("Karrierecentret åbnede august '17.", ("august '17", 2017, 2017)),
    ("Karrierecentret åbnede august ’17.", ("august ’17", 2017, 2017)),
    ("SOF, BIF og BUF i perioden 2023-26.", ("2023-26", 2023, 2026)),
    ("Med overførselssagen 2022/2023 blev der afsat", ("2022/2023", 2022, 2023)),
    ("budgetåret 2022/23", ("2022/23", 2022, 2023)),
    ("Udløbet i 2026 udgør i alt 9,7 mio. kr.", ("2026", 2026, 2026)),
    ("Vision 2020-målet", ("2020", 2020, 2020)),
    ("I perioden januar 2024 til december 2025 har 162 borgere deltaget.",
     ("januar 2024 til december 2025", 2024, 2025)),
    ("ressourceforløb udfases fra 1. februar 2026 - 1. februar 2029",
     ("1. februar 2026 - 1. februar 2029", 2026, 2029)),
    ("som Borgerrepræsentationen vedtog den 18. juni 2014.", ("18. juni 2014", 2014, 2014)),
    ("for det første halvår af 2027", ("første halvår af 2027", 2027, 2027)),
    ("dække udgifterne for andet halvår af 2026", ("andet halvår af 2026", 2026, 2026)),
    ("en rammeaftale for 2027 og frem", ("2027", 2027, 2027)),
    ("Kontanthjælpsafdelingen deltager i perioden januar 2017-2018", ("januar 2017-2018", 2017, 2018)),
])
def test_period_forms(text: str, expected: tuple[str, int, int]) -> None:
    assert spans(text) == [expected]


def test_offsets_point_at_the_text() -> None:
    text = "I 2018 tredobles de ekstra midler, og fra 2016 til 2019 styrkes indsatsen (Q3/Q4 2026)."
    for period in find_periods(text):
        assert text[period.start:period.end] == period.text
    assert [p.text for p in find_periods(text)] == ["2018", "2016 til 2019", "Q3/Q4 2026"]


def test_several_years_in_a_row_are_several_periods() -> None:
    assert spans("I 2016 og 2017 blev der tilført midler, 1,4 mio. kr. i 2023, 2,2 mio. kr. i 2024") == [
        ("2016", 2016, 2016), ("2017", 2017, 2017), ("2023", 2023, 2023), ("2024", 2024, 2024)]


def test_a_line_break_inside_a_range() -> None:
    assert spans("0,5 mio. kr. årligt på service i perioden 2023-\n2026.") == [("2023-\n2026", 2023, 2026)]


@pytest.mark.parametrize("text", [
    "Der er 13.000 ledige.",
    "2,6 pct. af befolkningen",
    "Der er afsat 2000 kr. pr. deltager.",
    "Et 3½-årigt forsøg på 13 uger for unge mellem 16 og 29 år.",
    "ca. 3 jobrådgivere går sammen med hver 3-4 borgere (målsætning 120-150).",
    "Nyropsgade 1, 1577 København V, telefon 2364 8798, EAN 5798009710178",
    "Der er gennemført 2.500 forløb.",
    "PET vurderer truslen som alvorlig (4 ud af 5).",
    "Skoleåret 22/23",  # two-digit years only after the transfer case's name
])
def test_numbers_that_are_not_years(text: str) -> None:
    assert find_periods(text) == []


def test_a_backward_range_is_two_years() -> None:
    assert spans("2026-2020") == [("2026", 2026, 2026), ("2020", 2020, 2020)]


def test_a_price_level_names_a_year() -> None:
    """find_periods finds every year; that "(2027 p/l)" is a price level, not what an amount is for, is
    find_amounts' business."""
    assert spans("11 mio. kr. (2027 p/l) i 2027") == [("2027", 2027, 2027), ("2027", 2027, 2027)]
