"""Which series a document belongs to: the same publication in its yearly or revised versions.

A series is the document kind and its title with the version marks taken out (years, "2018-versionen",
"revideret"), plus the period it covers when it has one: "Beskæftigelsesplan 2016-2020, 2018-versionen"
and its 2019 version are both ``plan:beskaeftigelsesplan:2016-2020``; "Budget 2027: bevillinger der
udløber" and the 2028 deck are both ``budget_expiry:budget-bevillinger-der-udloeber``. The document's
``year`` orders the versions of a series.
"""

from __future__ import annotations

import re
import unicodedata

from planarkiv.schema import DocumentKind

from .danish.periods import find_periods

_VERSION_WORDS = re.compile(
    r"\b(\d{4}\s*-?\s*versionen?|version|versionen|revideret|reviderede|opdateret|opdaterede|udkast)\b",
    re.IGNORECASE,
)


def _slug(text: str) -> str:
    text = text.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = text.replace("Æ", "Ae").replace("Ø", "Oe").replace("Å", "Aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _without_periods(title: str) -> str:
    """The title with its years and periods (``periods.find_periods``) taken out."""
    for period in reversed(find_periods(title)):
        title = f"{title[:period.start]} {title[period.end:]}"
    return title


def series_of(kind: DocumentKind, title: str, period_start: int | None, period_end: int | None) -> str:
    name = _slug(_without_periods(_VERSION_WORDS.sub(" ", title))) or "dokument"
    key = f"{kind.value}:{name}"
    if period_start and period_end:
        key += f":{period_start}-{period_end}"
    return key
