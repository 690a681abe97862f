"""Years and periods in Danish text: "2016 til 2020", "2016-2020", "2. kvartal 2017", "primo 2026",
"Q3/Q4 2026", "OFS 22/23", "august '17".

A year is a four-digit number from 1990 to 2099 standing alone: not part of a longer number ("13.000",
"2,6"), not an amount or a share ("2000 kr.", "2020 pct."). Around it the text may qualify it (a month,
a quarter, a half year, primo/medio/ultimo) or make a range of it ("2023-26", "2022/23", "januar 2024 til
december 2025"). Budget years are also written as two two-digit years after the transfer case's name
("OFS 22/23": overførselssagen 2022/2023).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTH_NAMES = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
               "oktober", "november", "december")
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec")
_MONTHS = "|".join(MONTH_NAMES)
_MONTH_ABBREVIATIONS = "|".join(MONTH_ABBREVIATIONS)
# "august", "aug.", "1. august", "d. 27. april"
_MONTH = rf"(?:(?:d\.\s*)?\d{{1,2}}\.\s*)?(?:{_MONTHS}|(?:{_MONTH_ABBREVIATIONS})\.)"
_PRIMO = r"(?:primo|medio|ultimo)"
# What may stand before a single year and narrow it: a quarter, a half year, primo/medio/ultimo, a month.
_QUALIFIER = (
    rf"(?:{_PRIMO}(?:\s*/\s*{_PRIMO})*\s+"
    r"|(?:[1-4]\.\s*(?:kvartal|kvt\.)|(?:første|andet|tredje|fjerde)\s+kvartal|q[1-4](?:\s*/\s*q[1-4])*)"
    r"(?:\s+(?:af|i)\s+|[\s-]+)"
    r"|(?:[12]\.\s*halvår|(?:første|andet|sidste)\s+halvår)\s+(?:af\s+)?"
    rf"|{_MONTH}\s+)"
)
# A year standing alone, for the patterns of the parsers too ("budget 2027", "vision 2025").
YEAR = r"(?<![\d\w])(?<!\d[.,])(?:199\d|20\d\d)(?!\d|[.,]\d)"
_RANGE_SEPARATOR = r"\s*(?:-|–|—|/|\btil\s+og\s+med\b|\btil\b)\s*"
_PERIOD = re.compile(
    # Every expression below begins with one of these characters: a position where none stands is passed
    # over at the cost of one look instead of a try of every alternative (less than half the time on prose).
    r"(?=[OoDdJjFfMmAaSsNnPpUuQqTt0-9])(?:"
    # "OFS 22/23": the transfer case of the budget years 2022/2023
    r"(?P<ofs>\b(?:OFS|overførselssag(?:en)?)\s+(?P<ofs_from>\d\d)/(?P<ofs_to>\d\d)(?!\d))"
    # "2016-2020", "2016 til 2020", "januar 2024 til december 2025", "2023-26", "2022/23", "2026"
    rf"|(?:{_MONTH}\s+)?(?P<from>{YEAR})"
    rf"(?:{_RANGE_SEPARATOR}(?:{_MONTH}\s+)?(?P<to>{YEAR})|[-–/](?P<to_short>\d\d)(?!\d|[.,]\d))?"
    # "2. kvartal 2017", "Q3/Q4 2026", "primo 2026", "første halvår af 2027"
    rf"|{_QUALIFIER}(?P<qualified>{YEAR})"
    # "august '17"
    rf"|{_MONTH}\s*['’´]\s?(?P<short>\d\d)(?!\d))",
    re.IGNORECASE,
)
# Every period has two digits in a row (a year, "22/23", "'17"): a text without them has none.
_TWO_DIGITS = re.compile(r"\d\d")
# A four-digit number followed by one of these is an amount or a share, not a year.
_NOT_A_YEAR_AFTER = re.compile(
    r"\s*(?:kr\b|kroner|mio\b|mia\b|mill|t\.\s?kr|tkr|pct|procent|%)", re.IGNORECASE)
_LONGEST_RANGE = 50  # years; "1999-2075" is not a period of an administrative plan


@dataclass(frozen=True)
class Period:
    text: str
    start: int
    end: int
    year_from: int
    year_to: int


def _century_year(two_digits: str, near: int) -> int:
    """A two-digit year in the century of ``near`` ("26" after 2023 -> 2026)."""
    return near - near % 100 + int(two_digits)


def _period(text: str, match: re.Match[str]) -> Period | None:
    """The period of one match, or None when it is not one (an amount, a backward range)."""
    start, end = match.span()
    if match["ofs"]:
        first = 2000 + int(match["ofs_from"])
        last = 2000 + int(match["ofs_to"])
        return Period(match["ofs"], start, end, first, last) if first <= last <= first + 1 else None
    if _NOT_A_YEAR_AFTER.match(text, end):
        return None
    if match["short"]:
        return Period(match[0], start, end, 2000 + int(match["short"]), 2000 + int(match["short"]))
    if match["qualified"]:
        year = int(match["qualified"])
        return Period(match[0], start, end, year, year)
    first = int(match["from"])
    if match["to"] is None and match["to_short"] is None:
        return Period(match[0], start, end, first, first)
    last = int(match["to"]) if match["to"] else _century_year(match["to_short"], first)
    if not first < last <= first + _LONGEST_RANGE:
        return None
    return Period(match[0], start, end, first, last)


def find_periods(text: str) -> list[Period]:
    """Every year or period in ``text``, in order (numbers that are not years are left out).

    A match that is not a period (an amount such as "2000 kr.", a backward "2026-2020") is read again
    from its first year alone, so a valid year inside it is still found.
    """
    periods: list[Period] = []
    if not _TWO_DIGITS.search(text):
        return periods
    pos = 0
    while match := _PERIOD.search(text, pos):
        period = _period(text, match)
        if period is not None:
            periods.append(period)
            pos = match.end()
        elif (match["from"] and (match["to"] or match["to_short"])
              and not _NOT_A_YEAR_AFTER.match(text, match.end("from"))):
            # a backward or too long range: keep its first year, then go on from its second part
            periods.append(Period(text[match.start():match.end("from")], match.start(), match.end("from"),
                                  int(match["from"]), int(match["from"])))
            pos = match.end("from")
        else:
            pos = match.start() + 1
    return periods


def years(text: str) -> list[int]:
    """The years ``text`` names, in order: each period's first year, and its last when it is another
    ("2016-2020" -> 2016, 2020)."""
    return [year for p in find_periods(text) for year in dict.fromkeys((p.year_from, p.year_to))]
