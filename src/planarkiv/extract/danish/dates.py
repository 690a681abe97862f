"""Calendar dates as Danish documents write them: "d. 27-08-2025", "Torsdag den 20. juni 2013",
"13. april 2023", "20.06.2013", "18.08.25", "2023-04-13".

A document's own date stands in its first lines (a meeting's "Mødedato", a note's date line, the date in a
letterhead); ``find_dates`` finds every date of a text, the caller decides which one is the document's.
Years alone and periods ("2016-2020", "2. kvartal 2017") are ``periods``' business, not dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .periods import MONTH_ABBREVIATIONS, MONTH_NAMES, YEAR

MONTHS = {name: n for n, name in enumerate(MONTH_NAMES, start=1)} | {
    abbreviation: next(n for n, name in enumerate(MONTH_NAMES, start=1) if name.startswith(abbreviation[:3]))
    for abbreviation in MONTH_ABBREVIATIONS}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WRITTEN = re.compile(rf"\b(?P<day>[0-3]?\d)\.?\s*(?P<month>{_MONTH})\.?\s+(?P<year>{YEAR})",
                      re.IGNORECASE)
_NUMERIC = re.compile(r"(?<![\d.,/-])(?P<day>[0-3]?\d)(?P<sep>[-./])(?P<month>[01]?\d)(?P=sep)"
                      rf"(?P<year>{YEAR}|\d\d)(?![\d.,/-]?\d)")
_ISO = re.compile(rf"(?<![\d-])(?P<year>{YEAR})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])")


@dataclass(frozen=True)
class DateMention:
    date: dt.date
    text: str
    start: int
    end: int


def _date(year: str, month: int, day: str) -> dt.date | None:
    full = int(year) if len(year) == 4 else 2000 + int(year)
    try:
        return dt.date(full, month, int(day))
    except ValueError:  # "31-02-2020", "12.5.10" read as a date that does not exist
        return None


def find_dates(text: str) -> list[DateMention]:
    """Every calendar date in ``text``, in order of position."""
    found: list[DateMention] = []
    for pattern in (_WRITTEN, _NUMERIC, _ISO):
        for match in pattern.finditer(text):
            month = match["month"]
            number = MONTHS[month.lower()] if month.isalpha() else int(month)
            date = _date(match["year"], number, match["day"])
            if date and not any(m.start < match.end() and match.start() < m.end for m in found):
                found.append(DateMention(date, match.group(), match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)
