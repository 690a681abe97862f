"""Money in Danish administrative text -> whole kroner, with what the sentence says about it.

Finding: an amount is a number with a unit of money after it: "5,9 mio. kr.", "100.000 kr.", "2 t.kr.",
"1,5 mia. kr.", a range "40-50 mio. kroner", or "55 mio." without "kr." when the next word shows it is
money ("55 mio. er afsat", "2,5 mio. årligt", not "1,2 mio. indbyggere"). In a list the unit may be left
out after the first amount ("0,3 mio. kr. til X og 0,2 til Y"): such a bare decimal takes the unit of the
amount before it. A number without a unit ("13.000 ledige", "2,6 pct.", "13 uger") is not money. The
numbers are read by Babel's Danish number parser; a "." typed for the decimal comma ("2.8 mio. kr.") is
an invalid thousands group to it, and is then read as a decimal point.

What the sentence says about each amount comes from its own clause: the text of its sentence between
the conjunction ("og", ",", "heraf") before it and the last conjunction before the next amount. There it
finds per year ("årligt"), the years governed by a preposition of time ("i 2027-2030", "fra 2019",
"frem til 2019", "I 2018 tredobles ... til 90 mio. kr."; not "Budget 2026" or "OFS 22/23", which name
a decision), and after the amount the kind of funding ("på service", "(indsats)") and a unit price
("pr. forløb"; before it "ugepris", "udgiften til et forløb"). Then:

- amounts joined by "og", "," or ";" share what only the later one says ("1,5 mio. kr. i 2025 og
  2 mio. kr. i 2026 på service": both are service), and a price level ("(2027 p/l)") holds for the
  sentence;
- "heraf", "hvoraf", "fordelt på", "andel af bevillingen" make the following amounts of the sentence
  parts of the amount before ("ud af de 120 mio. kr." makes the amount before a part of the one after);
  a part takes the years, funding and price level of its whole unless it names its own, and a whole
  without years takes those its parts agree on;
- "dvs." restates the amount before in other terms: the two share what they do not say themselves;
- a sentence without amounts that names one kind of funding for the grant ("Bevillingen er
  servicemidler.") gives it to the amounts of the text that have none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal

from planarkiv.schema import FundingKind

from .nlp import sentence_spans
from .periods import Period, find_periods


@dataclass(frozen=True)
class Money:
    text: str                    # the amount as written, e.g. "5,9 mio. kr.", "40-50 mio. kroner"
    start: int                   # character offsets of ``text`` in the text searched
    end: int
    value_dkk: int               # whole kroner (the lower end of a range)
    value_dkk_max: int | None    # the upper end of a range
    per_year: bool               # "årligt", "om året", "pr. år"
    year_from: int | None        # the year(s) the amount is for, from its own clause
    year_to: int | None
    funding: FundingKind | None  # "på service", "(indsats)", "overførsler"
    price_level: int | None      # "(2027 p/l)", "(2027/pl)" -> 2027
    unit_price: bool             # "100.000 kr. pr. forløb", "uge pris på 700 kr."
    part_of: int | None          # index in the returned list of the amount this one is part of ("heraf")
    sentence: str = ""           # the sentence the amount stands in


# --- finding amounts -------------------------------------------------------------------------------------

# "5, 0 mio." is a typing slip; "2 ¼ mia.", "1½ mia." are fractions
_NUMBER = r"(?:\d{1,3},\s\d(?=\s*(?:mio|mia|mill))|\d+(?:[.,]\d+)*(?:\s?[½¼¾])?|[½¼¾])"
# by the start of the word, longest first ("milliard" before "mill")
_SCALES = (("milliard", 10**9), ("mia", 10**9), ("mrd", 10**9), ("mio", 10**6), ("mill", 10**6),
           ("tusind", 10**3))
_SCALE = r"(?:mio|mill|mia|mrd)(?:\.|\b)|millioner\b|million\b|milliarder\b|milliard\b|tusinde?\b"
_CURRENCY = r"kr(?:\.|\b)|kroner\b|krone\b|dkk\b"
_AMOUNT = re.compile(
    r"(?P<approx>\b(?:ca\.|cirka)\s*)?"
    rf"(?<![\w.,])(?P<number>{_NUMBER})(?:,-)?"
    rf"(?:\s*(?:-|–|\btil\b)\s*(?P<number_max>{_NUMBER})(?:,-)?)?\s*"
    rf"(?:(?P<thousands>t\.\s?kr\.?|tkr\.?)|(?P<scale>{_SCALE})(?:\s*(?P<currency>{_CURRENCY}))?"
    rf"|(?P<plain_currency>{_CURRENCY}))"
    # the formal order "kr. 100.000,-"
    r"|(?<!\d\s)(?<!mio\.\s)(?<!mia\.\s)\bkr\.[ \t]*(?P<number_after>\d+(?:\.\d{3})*(?:,\d+)?)(?:,-)?",
    re.IGNORECASE,
)
# After "55 mio." without "kr.", a word that may follow an amount of money (a verb, a preposition,
# "årligt", a conjunction) rather than a counted noun ("1,2 mio. indbyggere").
_AFTER_BARE_SCALE = re.compile(
    r"\s*(?:$|[,.;:)(\-–]|\d|(?:er|var|blev|bliver|vil|skal|kan|til|på|i|fra|af|for|om|over|årligt|årlig"
    r"|pr|per|og|eller|samt|heraf|hvoraf|hvilket|som|der)\b)", re.IGNORECASE)
# "og 0,2 til ...": a decimal in a list of amounts whose unit is left out
_ELIDED = re.compile(r"(?:\bog|\bsamt|[,;])\s+(?P<number>\d+,\d+)(?=\s+(?:til|på|årligt)\b)", re.IGNORECASE)


_FRACTIONS = {"½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75")}


def _decimal(raw: str) -> Decimal:
    """A Danish number ("5,9", "100.000", "1.000,5"); a "." that is no thousands separator is a decimal
    point typed by mistake ("2.8" -> 2.8)."""
    raw = re.sub(r"\s", "", raw)
    fraction = _FRACTIONS.get(raw[-1:], Decimal(0))
    raw = raw.rstrip("".join(_FRACTIONS))
    if not raw:
        return fraction
    try:
        return parse_decimal(raw, locale="da", strict=True) + fraction
    except NumberFormatError:
        return parse_decimal(raw.replace(".", ","), locale="da") + fraction


def _factor(match: re.Match[str]) -> int:
    if match["thousands"]:
        return 1000
    if match["scale"]:
        word = match["scale"].lower().rstrip(".")
        return next(f for prefix, f in _SCALES if word.startswith(prefix))
    return 1


@dataclass
class _Found:
    """An amount while its clause is read; becomes a Money at the end."""

    start: int
    end: int
    value: int
    value_max: int | None
    factor: int
    per_year: bool = False
    years: tuple[int | None, int | None] | None = None
    funding: FundingKind | None = None
    price_level: int | None = None
    unit_price: bool = False
    part_of: int | None = None
    follows_parent: bool = True


# "(i 1.000 kr.)", "Beløb i 1.000 kr.": the unit the figures are given in, written with a number
_UNIT_NOTE = re.compile(r"(?:\(\s*|\bi\s+)(?:1\.000|1000|1)\s*(?:kr\.?|kroner)(?=\s*(?:\)|$))",
                        re.IGNORECASE | re.MULTILINE)
_DIGIT = re.compile(r"[\d½¼¾]")  # every amount has one; most texts have none, and _AMOUNT is slow to say so


def _candidates(text: str) -> list[_Found]:
    found: list[_Found] = []
    if not _DIGIT.search(text):
        return found
    for match in _AMOUNT.finditer(text):
        end = match.end()
        if any(_UNIT_NOTE.match(text, pos) for pos in range(max(0, match.start() - 3), match.start() + 1)):
            continue  # "(i 1.000 kr.)", "Beløb i 1.000 kr.": the unit of the figures, not an amount
        if match["number_after"]:
            found.append(_Found(match.start(), match.end(), int(_decimal(match["number_after"])), None, 1))
            continue
        if match["scale"] and not match["currency"] and (
                match["scale"].lower().startswith("tusind") or not _AFTER_BARE_SCALE.match(text, end)):
            continue  # "55 mio. er afsat" is money; "1,2 mio. indbyggere" and "13 tusind ledige" are not
        factor = _factor(match)
        low = _decimal(match["number"])
        high = _decimal(match["number_max"]) if match["number_max"] else None
        start = match.start()
        if high is not None and high <= low:  # "i 2026 til 2 mio. kr.": no range, the amount is the second
            low, high, start = high, None, match.start("number_max")
        value_max = int(high * factor) if high is not None else None
        found.append(_Found(start, match.end(), int(low * factor), value_max, factor))
    return found


def _elided(text: str, found: list[_Found], sentences: list[tuple[int, int]]) -> list[_Found]:
    """Bare decimals in a list after an amount with a scale take that amount's unit ("og 0,2 til")."""
    extra = []
    for match in _ELIDED.finditer(text):
        start = match.start("number")
        if any(f.start <= start < f.end for f in found):
            continue
        sentence = _sentence_of(start, sentences)
        before = [f for f in found if sentence[0] <= f.start < start and f.factor >= 10**6]
        if before:
            factor = before[-1].factor
            extra.append(_Found(start, match.end("number"), int(_decimal(match["number"]) * factor), None,
                                factor))
    return sorted(found + extra, key=lambda f: f.start)


# --- sentences and clauses -------------------------------------------------------------------------------

def _sentence_of(pos: int, sentences: list[tuple[int, int]]) -> tuple[int, int]:
    """The span of the sentence ``pos`` stands in (``nlp.sentence_spans``)."""
    return next((s for s in sentences if s[0] <= pos < s[1]), (pos, pos))


# --- what a clause says ----------------------------------------------------------------------------------

_PER_YEAR = re.compile(r"\b(?:årligt|årlig|årlige|om året|pr\.?\s*år|per år|hvert år)\b", re.IGNORECASE)
_FUNDING = {
    FundingKind.SERVICE: r"\bpå\s+service\b|\(\s*service\s*\)|\bservice-?midl\w*|\btil\s+service\b"
                         r"|\bserviceudgift\w*",
    FundingKind.INDSATS: r"\bpå\s+indsats\b|\(\s*indsats\s*\)|\bindsats-?midl\w*"
                         r"|\btil\s+(?:øget\s+|ekstra\s+)?indsats(?:en)?\b|\bindsatsudgift\w*",
    FundingKind.OVERFORSLER: r"\bpå\s+overførsler\b|\(\s*overførsler\s*\)|\boverførselsmidl\w*"
                             r"|\btil\s+overførsler\b|\boverførselsudgift\w*",
}
_FUNDING_RE = re.compile("|".join(f"(?P<{kind.name}>{rx})" for kind, rx in _FUNDING.items()), re.IGNORECASE)
_PRICE_LEVEL = re.compile(
    r"(?P<a>(?:199|20\d)\d)\s*[-/]?\s*(?:p\.?\s*/\s*l|pl)\b"       # "(2027 p/l)", "(2027/pl)", "2027p/l"
    r"|\bp\s*/\s*l\.?\s*(?P<b>(?:199|20\d)\d)"                    # "(p/l 2027)"
    r"|(?P<c>(?:199|20\d)\d)-?(?:priser|prisniveau)\b"            # "2027-priser"
    r"|\bprisniveau\s+(?:i\s+|for\s+)?(?P<d>(?:199|20\d)\d)",     # "prisniveau 2027"
    re.IGNORECASE)
# A period is the amount's when a preposition of time stands before it ("i 2027", "i perioden 2023-26",
# "fra 2019", "frem til 2019", "for det første halvår af 2027").
_TIME_PREPOSITION = re.compile(
    r"\b(?P<prep>i\s+perioden|i\s+årene|i\s+løbet\s+af|i|for|fra|frem\s+til|frem\s+mod|indtil|til\s+og\s+med)"
    r"\s+(?:(?:det|den|hele|året)\s+)?$", re.IGNORECASE)
_PRIMO = re.compile(r"primo|medio|ultimo", re.IGNORECASE)
_CASE = re.compile(r"ofs|overførselssag", re.IGNORECASE)
_YEAR_LIST = re.compile(r"\s*(?:og|,)\s*$")
# "pr. forløb", "per deltager", "kr./time", "om måneden" (but "pr. år" is per year, not a unit price)
_UNIT_AFTER = re.compile(
    r"\s*(?:(?:pr\.?|per|/)\s*(?!år\b|året\b|årligt\b)[a-zæøå]|(?:om|i)\s+(?:måneden|ugen|døgnet|timen)\b)",
    re.IGNORECASE)
# "ugepris", "uge pris", "enhedsprisen", "prisen pr.", "udgiften til et forløb" (not a bare "prisen":
# that may be a total)
_UNIT_BEFORE = re.compile(
    r"\b(?:uge|dags?|døgn|time|måneds?|enheds?|styk|plads|forløbs|deltager)\s*-?\s*pris(?:en)?\b"
    r"|\b(?:udgift|omkostning|pris)(?:en)?\s+(?:pr\.?|per|(?:til|for)\s+(?:et|en|én|hver))(?:\s|$)",
    re.IGNORECASE)
_PART_MARKER = re.compile(
    r"\b(?:heraf|hvoraf|herunder|fordelt|andel(?:en)?\s+af\s+(?:bevilling|midl|beløb|budget)\w*)\b",
    re.IGNORECASE)
_WHOLE_AFTER = re.compile(r"\b(?:ud\s+)?af\s+(?:de|den|det)\s+(?:samlede\s+)?$", re.IGNORECASE)
_RESTATEMENT = re.compile(r"\b(?:dvs\.?|svarende\s+til|det\s+vil\s+sige|altså)\s*$", re.IGNORECASE)
_RUN_ENDS = re.compile(r"\b(?:dvs|svarende\s+til|det\s+vil\s+sige|i\s+alt|samlet)\b", re.IGNORECASE)
_CONJUNCT = re.compile(r"[,;(]|\b(?:og|samt|eller|heraf|hvoraf|herunder|fordelt|dvs)\b", re.IGNORECASE)
_COORDINATED = re.compile(r"(?:[,;]|\bog|\bsamt|\beller)\s*$", re.IGNORECASE)
_GRANT = re.compile(r"\b(?:bevilling\w*|midlerne|beløb\w*)\b", re.IGNORECASE)


def _funding(clause: str) -> FundingKind | None:
    match = _FUNDING_RE.search(clause)
    return FundingKind[match.lastgroup] if match and match.lastgroup else None


def _fundings(sentence: str) -> set[FundingKind]:
    return {FundingKind[m.lastgroup] for m in _FUNDING_RE.finditer(sentence) if m.lastgroup}


def _years(text: str, lo: int, hi: int, periods: list[Period], last: bool = False
           ) -> tuple[tuple[int | None, int | None], bool] | None:
    """The years of the first (or ``last``) period in text[lo:hi] that a time preposition governs, and
    whether it is a list of years ("i 2024 og 2025": the amount is for each of them)."""
    inside = [p for p in periods if lo <= p.start and p.end <= hi]
    for i, period in (reversed(list(enumerate(inside))) if last else enumerate(inside)):
        if _PRICE_LEVEL.match(text, period.start) or _CASE.match(period.text):
            continue  # "(2027 p/l)" are prices, "i OFS 22/23" is a decision: not what the amount is for
        prep = _TIME_PREPOSITION.search(text[lo:period.start])
        if not prep and not _PRIMO.match(period.text):
            continue
        word = prep["prep"].lower().split()[0] if prep else ""
        if word in ("frem", "indtil", "til"):
            return (None, period.year_to), False
        if word == "fra" and period.year_from == period.year_to:
            return (period.year_from, None), False
        following = inside[i + 1] if i + 1 < len(inside) else None
        if following and _YEAR_LIST.match(text[period.end:following.start]):
            return (period.year_from, following.year_to), True
        return (period.year_from, period.year_to), False
    return None


def _price_level(text: str, lo: int, hi: int, near: int) -> int | None:
    found = [(abs(m.start() - near), int(next(g for g in m.groups() if g)))
             for m in _PRICE_LEVEL.finditer(text, lo, hi)]
    return min(found)[1] if found else None


# --- putting it together ---------------------------------------------------------------------------------


def _split(text: str, left: _Found, right: _Found) -> tuple[int, int]:
    """Where the clause of ``left`` ends and that of ``right`` begins, in the text between them: at the
    last "og", "," or "heraf" (the conjunction itself belongs to neither)."""
    conjuncts = list(_CONJUNCT.finditer(text, left.end, right.start))
    return (conjuncts[-1].start(), conjuncts[-1].end()) if conjuncts else (right.start, right.start)


def _read_clauses(text: str, found: list[_Found], sentences: list[tuple[int, int]],
                  periods: list[Period]) -> None:
    """Each amount's own attributes, from its clause."""
    for i, amount in enumerate(found):
        s_start, s_end = _sentence_of(amount.start, sentences)
        previous = found[i - 1] if i > 0 and found[i - 1].start >= s_start else None
        following = found[i + 1] if i + 1 < len(found) and found[i + 1].start < s_end else None
        lo = _split(text, previous, amount)[1] if previous else s_start
        hi = _split(text, amount, following)[0] if following else s_end
        before, after = text[lo:amount.start], text[amount.end:hi]
        amount.per_year = bool(_PER_YEAR.search(after) or _PER_YEAR.search(before))
        years = _years(text, amount.end, hi, periods) or _years(text, lo, amount.start, periods, last=True)
        if years:
            amount.years, listed = years
            amount.per_year = amount.per_year or listed
        amount.funding = _funding(after)
        amount.price_level = _price_level(text, s_start, s_end, amount.start)
        amount.unit_price = bool(_UNIT_AFTER.match(after) or _UNIT_BEFORE.search(before))


def _link_parts(text: str, found: list[_Found], sentences: list[tuple[int, int]]) -> None:
    """part_of from "heraf", "fordelt på", "andel af bevillingen" and "ud af de"."""
    parent: int | None = None
    sentence: tuple[int, int] | None = None
    for i, amount in enumerate(found):
        here = _sentence_of(amount.start, sentences)
        first = here != sentence
        lo = here[0] if first else found[i - 1].end
        gap = text[lo:amount.start]
        if first or _RUN_ENDS.search(gap):
            parent = None
        if not first and _WHOLE_AFTER.search(gap) and found[i - 1].part_of is None:
            found[i - 1].part_of, found[i - 1].follows_parent = i, False
        elif _PART_MARKER.search(gap):
            wholes = [j for j in range(i) if found[j].part_of is None and not found[j].unit_price]
            parent = wholes[-1] if wholes else None
        if parent is not None:
            amount.part_of = parent
        sentence = here


def _share(text: str, found: list[_Found], sentences: list[tuple[int, int]]) -> None:
    """What amounts say for each other: lists, restatements, parts and wholes."""
    for i in range(len(found) - 2, -1, -1):  # right to left, so a list shares from its last amount
        amount, nxt = found[i], found[i + 1]
        if _sentence_of(amount.start, sentences) != _sentence_of(nxt.start, sentences):
            continue
        gap = text[amount.end:nxt.start]
        if _COORDINATED.search(gap) and amount.part_of == nxt.part_of:
            if amount.years is None and nxt.years is not None:
                amount.years, amount.per_year = nxt.years, amount.per_year or nxt.per_year
            amount.funding = amount.funding or nxt.funding
        elif _RESTATEMENT.search(gap):
            for a, b in ((amount, nxt), (nxt, amount)):
                a.years = a.years or b.years
                a.funding = a.funding or b.funding
                a.price_level = a.price_level or b.price_level
    for amount in found:
        if amount.part_of is not None and amount.follows_parent:
            whole = found[amount.part_of]
            amount.years = amount.years or whole.years
            amount.per_year = amount.per_year or whole.per_year
            amount.funding = amount.funding or whole.funding
            amount.price_level = amount.price_level or whole.price_level
    for j, whole in enumerate(found):
        parts = {p.years for p in found if p.part_of == j and p.follows_parent}
        if whole.years is None and len(parts) == 1 and None not in parts:
            whole.years = parts.pop()


def _grant_funding(text: str, found: list[_Found], sentences: list[tuple[int, int]]) -> None:
    """A sentence without amounts that names one kind of funding for the grant gives it to all."""
    for lo, hi in sentences:
        if any(lo <= f.start < hi for f in found) or not _GRANT.search(text, lo, hi):
            continue
        kinds = _fundings(text[lo:hi])
        if len(kinds) == 1:
            kind = kinds.pop()
            for amount in found:
                amount.funding = amount.funding or kind


def find_amounts(text: str) -> list[Money]:
    """Every money amount in ``text`` (a paragraph or a card section), in order."""
    found = _candidates(text)
    if not found:  # nor an amount whose unit is left out: it follows one with its unit
        return []
    sentences = sentence_spans(text)
    found = _elided(text, found, sentences)
    periods = find_periods(text)
    _read_clauses(text, found, sentences, periods)
    _link_parts(text, found, sentences)
    _share(text, found, sentences)
    _grant_funding(text, found, sentences)
    result = []
    for f in found:
        year_from, year_to = f.years or (None, None)
        result.append(Money(
            text=text[f.start:f.end], start=f.start, end=f.end, value_dkk=f.value, value_dkk_max=f.value_max,
            per_year=f.per_year, year_from=year_from, year_to=year_to, funding=f.funding,
            price_level=f.price_level, unit_price=f.unit_price, part_of=f.part_of,
            sentence=" ".join(text[slice(*_sentence_of(f.start, sentences))].split()),
        ))
    return result


# --- a table's figures -----------------------------------------------------------------------------------

_UNIT_HEADER = re.compile(
    rf"(?:^|\(|\bi\s+)\s*(?:(?P<number>1\.000|1000|1)\s*)?(?:(?P<thousands>t\.\s?kr\.?|tkr\.?)"
    rf"|(?:(?P<scale>{_SCALE})\s*)?(?P<currency>{_CURRENCY}))",
    re.IGNORECASE)
_CELL_NUMBER = re.compile(r"^\s*(?P<sign>-|–|÷)?\s*(?P<number>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*$")


def table_unit(header: str) -> int | None:
    """The kroner one figure stands for under a column or table header that names a unit of money:
    "1.000 kr." and "t.kr." 1 000, "Mio. kr." 1 000 000, "(i mia. kr.)" 10^9, "kr." 1; None for a header
    that names none ("Antal", "2026", "Pct.")."""
    match = _UNIT_HEADER.search(header)
    if not match:
        return None
    if match["thousands"]:
        return 1000
    factor = 1
    if match["scale"]:
        word = match["scale"].lower().rstrip(".")
        factor = next(f for prefix, f in _SCALES if word.startswith(prefix))
    if match["number"]:
        factor *= int(match["number"].replace(".", ""))
    return factor


# What a header that names a unit has in one of its words ("kr.", "tkr", "t.kr."), or across two ("t." "kr")
_UNIT_WORD = re.compile(rf"{_CURRENCY}|tkr|t\.\s?kr", re.IGNORECASE)
_THOUSANDS_BROKEN = (re.compile(r"t\.(?!\S)", re.IGNORECASE), re.compile(r"(?<!\S)kr", re.IGNORECASE))


def may_name_unit(text: str) -> bool:
    """Whether a header made of ``text``'s words (joined by blanks, in any order) can name a unit of money
    (``table_unit``): one of its words says kroner, or one ends in "t." and one starts with "kr". A quick
    test of a whole document, so one without a word of money reads no table for its units."""
    return bool(_UNIT_WORD.search(text)) or all(pattern.search(text) for pattern in _THOUSANDS_BROKEN)


def cell_kroner(cell: str, unit: int) -> int | None:
    """The kroner of a table cell holding one figure ("12.500", "3,4") in ``unit``; None for a cell that
    holds no figure, zero, a dash or a negative figure (a reduction is no amount of money to spend)."""
    match = _CELL_NUMBER.match(cell)
    if not match or match["sign"]:
        return None
    value = int(_decimal(match["number"]) * unit)
    return value or None

