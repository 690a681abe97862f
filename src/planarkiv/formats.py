"""Numbers and money as Danish staff write them, through Babel's Danish locale.

``number(1234.5)`` -> ``1.234,5``; ``kroner(11_500_000)`` -> ``11,5 mio. kr.``; an amount with its years
-> ``11,5 mio. kr. årligt 2027–2030``. Used by the Datasette pages (cells, the initiative's page, the
Excel CSV) so one number reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from babel.numbers import format_decimal

LOCALE = "da_DK"


def number(value: float, decimals: int = 3) -> str:
    """``1234.5`` -> ``1.234,5``: thousands with points, a decimal comma, at most ``decimals`` decimals
    (trailing zeros dropped)."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def score(value: float) -> str:
    """A score from 0 to 1 with two decimals: ``0.972`` -> ``0,97``, ``1.0`` -> ``1,00``."""
    return format_decimal(value, format="0.00", locale=LOCALE)


def kroner(value: float) -> str:
    """``5900000`` -> ``5,9 mio. kr.``, ``100000`` -> ``100.000 kr.``, ``2e9`` -> ``2 mia. kr.``."""
    if abs(value) >= 1_000_000_000:
        return number(value / 1_000_000_000, 2) + " mia. kr."
    if abs(value) >= 1_000_000:
        return number(value / 1_000_000, 3) + " mio. kr."
    return number(value, 0) + " kr."


def years(first: int | None, last: int | None) -> str:
    """``2027, 2030`` -> ``2027–2030``; one year alone; nothing for none."""
    if first and last and last != first:
        return f"{first}–{last}"
    return str(first or last or "")


def amount(row: Mapping[str, Any]) -> str:
    """An amount row (``amounts``) in words: ``11,5 mio. kr. årligt 2027–2030``, ``40–50 mio. kr.``,
    ``700 kr. (enhedspris)``."""
    text = kroner(row["value_dkk"])
    if row.get("value_dkk_max"):
        low, high = text.split(" ", 1), kroner(row["value_dkk_max"]).split(" ", 1)
        text = f"{low[0]}–{high[0]} {high[1]}" if low[1] == high[1] else f"{text}–{' '.join(high)}"
    span = years(row.get("year_from"), row.get("year_to"))
    if row.get("per_year"):
        text += " årligt"
    if span:
        text += " " + span
    if row.get("unit_price"):
        text += " (enhedspris)"
    return text
