"""Public bodies a document names in the ordinary Danish patterns, whoever wrote it.

The office gazetteer (``offices``) knows Københavns Kommune's bodies by name. Other municipalities, KL,
regions and the state name theirs in a few regular ways, and those are read here, so a council's minutes
from Aarhus or a KL paper yields its own committees, administrations and agencies:

- a name ending in a body word: "Sundheds- og Forebyggelsesudvalget", "Teknisk Udvalg",
  "Teknik- og Miljøforvaltningen", "Sundhedsstyrelsen", "Indenrigs- og Boligministeriet",
  "Vejdirektoratet", "Ligebehandlingsnævnet", "Ældrerådet", "Kulturafdelingen",
  "Rådmandssekretariatet" (a capitalised word, optionally with suspended compounds before it);
- "Udvalget for …", "Magistratsafdelingen for …", "Forvaltningen for …", "Ministeriet for …" with the
  field it is for ("Udvalget for plan, udvikling og kultur (PUK)");
- a municipality's council and administration by role: "<By> Byråd", "Byrådet", "Kommunalbestyrelsen",
  "Magistraten", "Borgmesterens Afdeling", "Jobcenter <By>" and "Jobcentret";
- a department named by its fields, as Aarhus names its magistrate departments: "Teknik og Miljø",
  "Sundhed og Omsorg", "Kultur og Borgerservice" (both words from ``data/bodies.json``'s fields);
- the named national bodies of the same data file (KL, Danske Regioner, Folketinget, Regeringen, …),
  "Region <Navn>", institutions named by what they are for ("Institut for Menneskerettigheder",
  "Center for Folkesundhed") or by their place ("Bispebjerg Hospital", "Syddansk Universitet").

A municipality itself ("Aarhus Kommune") is not an office: it is who wrote the document or a place it
speaks of (``municipality_of``); its council, committees and administrations are.

A body is one record however the document writes it: "Byrådet" and "Aarhus Byråd" are the council of
the document's municipality; a generic name ("Jobcentret", "Byrådet") is named after the municipality
when the document's is known. Which municipality wrote a document is ``municipality_of``'s answer.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from planarkiv.schema import Office, OfficeKind

from .periods import YEAR
from .text import collapsed

DATA = Path(__file__).parent / "data" / "bodies.json"
_UPPER = "A-ZÆØÅ"
_LOWER = "a-zæøåéü"
_CAP = rf"[{_UPPER}][{_LOWER}]+"
_WORD = rf"[{_UPPER}{_LOWER}]+"
# "Sundheds- og " / "Økonomi-, " before the last part of a compound name
_SUSPENDED = rf"(?:[{_UPPER}][{_LOWER}]*-(?:\s*,\s*|\s+(?:og|eller)\s+))*"


@dataclass(frozen=True)
class BodyMention:
    name: str  # the body's name as this module names its record (genitive and case normalised)
    kind: OfficeKind
    local: bool  # a body of a municipality (named generically or by its role), not of the state
    text: str
    start: int
    end: int


@cache
def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


@cache
def _patterns() -> list[tuple[re.Pattern[str], OfficeKind, bool]]:
    data = _data()
    suffixes = {kind: "|".join(words) for kind, words in data["suffixes"].items()}
    field_cap = "|".join(sorted({f[0].upper() + f[1:] for f in data["fields"]}, key=len, reverse=True))
    several = "|".join(re.escape(f) for f in data["fields"] if " " in f)
    item = rf"(?:{several}|{_CAP}\s+{_CAP}(?![\w-])|{_WORD})"
    field_list = rf"{item}(?:,\s+{item})*(?:\s+og\s+{item})?"
    named = "|".join(re.escape(n) for n in sorted(data["national"], key=len, reverse=True))
    heads = "|".join(data["institution_heads"])
    institutions = "|".join(data["institutions"])
    abbreviation = rf"(?:\s+\([{_UPPER}][{_UPPER}{_LOWER}]{{1,7}}\))?"
    genitive = r"(?:s(?![\w]))?"
    spec: list[tuple[str, OfficeKind, bool]] = [
        # "Sundheds- og Forebyggelsesudvalget", "Teknisk Udvalg", "Økonomiudvalget"
        (rf"(?:\b{_CAP}\s+og\s+{_CAP}-|{_SUSPENDED}{_CAP}-?)(?:{suffixes['committee']}){genitive}\b"
         rf"|\b(?:Teknisk|Social|Økonomisk)"
         rf"\s+Udvalg\b", OfficeKind.COMMITTEE, True),
        (rf"\bUdvalget\s+for\s+{field_list}{abbreviation}", OfficeKind.COMMITTEE, True),
        (rf"{_SUSPENDED}{_CAP}(?:{suffixes['administration']}){genitive}\b", OfficeKind.ADMINISTRATION, True),
        (rf"\b(?:Magistratsafdelingen|Forvaltningen)\s+for\s+{field_list}", OfficeKind.ADMINISTRATION, True),
        (rf"\b(?:{field_cap})\s+og\s+(?:{field_cap}){genitive}(?=[\s,.;:)]|$)", OfficeKind.ADMINISTRATION,
         True),
        (rf"{_SUSPENDED}{_CAP}-?(?:{suffixes['unit']}){genitive}\b|\bBorgmesterens\s+Afdeling{genitive}\b",
         OfficeKind.UNIT, True),
        (rf"\b{_CAP}\s+Byråd{genitive}\b|\b(?:Byrådet|Kommunalbestyrelsen|Magistraten)s?\b"
         rf"|\b(?:byrådet|kommunalbestyrelsen)s?\b", OfficeKind.COMMITTEE, True),
        (rf"\bJobcenter\s+{_CAP}\b|\b[Jj]obcent(?:ret|eret)s?\b", OfficeKind.UNIT, True),
        (rf"{_SUSPENDED}{_CAP}-?(?:{suffixes['national']}){genitive}\b|\bMinisteriet\s+for\s+{field_list}",
         OfficeKind.NATIONAL, False),
        (rf"\b(?:{_CAP}s\s+)?(?:{heads})\s+for\s+{_WORD}(?:\s+{_CAP}(?![\w-]))*", OfficeKind.UNIT, False),
        (rf"\b(?:{_CAP}\s+)+(?:{institutions}){genitive}\b", OfficeKind.PROVIDER, False),
        (rf"\bRegion\s+{_CAP}\b|\b(?:{named}){genitive}(?![\w-])", OfficeKind.NATIONAL, False),
    ]
    return [(re.compile(pattern), kind, local) for pattern, kind, local in spec]


def _normalised(text: str) -> str:
    """The body's name: whitespace collapsed, genitive dropped ("Teknik og Miljøs", "Byrådets"), a
    lower-case role word capitalised ("byrådet")."""
    name = collapsed(text)
    if name.endswith("s"):
        stem = name[:-1]
        ends, field_ends = _genitive_stems()
        if stem.endswith(ends) or stem.casefold().endswith(field_ends):
            name = stem
    return name[0].upper() + name[1:]


@cache
def _genitive_stems() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What a name ends in before a genitive "s": a definite ending or a role word as written, and a field
    in any case ("Teknik og Miljøs", "Udvalget for plan, udvikling og kulturs")."""
    fields = _data()["fields"]
    return ("et", "en", "ne", "Byråd", "Udvalg", "Afdeling", "Kommune", *fields), tuple(
        f.casefold() for f in fields)


def _excluded(name: str) -> bool:
    return name.casefold() in _data()["not_bodies"]


_SMALL_WORDS = {"og", "for", "i", "af", "til", "med"}
_CAPITALS, _LOWER_CASE = re.compile(r"[A-ZÆØÅ]{2}"), re.compile(r"[a-zæøå]")


def _capitalised(text: str) -> str:
    """A line set in capitals ("TEKNIK OG MILJØ") as the name is written in running text."""
    if not _CAPITALS.search(text) or _LOWER_CASE.search(text):
        return text
    return " ".join(w.lower() if w.lower() in _SMALL_WORDS else w.capitalize() for w in text.split(" "))


def find_bodies(text: str) -> list[BodyMention]:
    """Every body ``text`` names by the patterns above, in order of position; where two overlap, the
    longer ("Ministeriet for Sundhed og Forebyggelse", not "Sundhed og Forebyggelse"). A text set in
    capitals is read as written in running text. Remembered per text: a parser asks of each paragraph
    twice (the names a document uses, then each paragraph's bodies)."""
    return list(_bodies(text))


@lru_cache(maxsize=4096)
def _bodies(text: str) -> tuple[BodyMention, ...]:
    text = _capitalised(text)
    matches = [(match.start(), match.end(), kind, local) for pattern, kind, local in _patterns()
               for match in pattern.finditer(text)]
    found: list[BodyMention] = []
    for start, end, kind, local in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):  # longest first
        raw = text[start:end].strip()
        start += text[start:end].index(raw[:1])
        end = start + len(raw)
        if any(m.start < end and start < m.end for m in found):
            continue
        name = _normalised(raw)
        if not _excluded(name):
            found.append(BodyMention(name, kind, local, raw, start, end))
    found.sort(key=lambda m: m.start)
    return tuple(found)


_MUNICIPALITY = re.compile(rf"\b((?:{_CAP}-)?{_CAP})\s+Kommunes?\b")
_COUNCIL_OF = re.compile(rf"\b({_CAP})\s+Byråd")
_COPYRIGHT = re.compile(rf"(?:©|\(c\)|copyright)\s*(?P<body>[^\d\n,]{{2,60}}?)\s*,?\s*(?P<year>{YEAR})",
                        re.IGNORECASE)


def copyright_line(text: str) -> tuple[str, int] | None:
    """The body and year of a colophon's "© KL 2012", if ``text`` has one."""
    match = _COPYRIGHT.search(text)
    return (collapsed(match["body"]), int(match["year"])) if match else None


def municipality_of(first_page: str, letterhead: str, text: str) -> str | None:
    """The municipality that wrote a document: named in its letterhead, else by its council in the first
    page ("Aarhus Byråd"), else the one municipality the whole text names, or the one it names most often
    (at least twice, and more often than any other)."""
    for source in (letterhead, first_page):
        named = _MUNICIPALITY.search(source)
        if named:
            return f"{named[1]} Kommune"
        council = _COUNCIL_OF.search(source)
        if council:
            return f"{council[1]} Kommune"
    counts = Counter(f"{m[1]} Kommune" for m in _MUNICIPALITY.finditer(text))
    ranked = counts.most_common(2)
    if len(ranked) == 1 or (ranked and ranked[0][1] >= 2 and ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def is_copenhagen(author: str | None) -> bool:
    return bool(author) and author.casefold().startswith(("københavns kommune", "københavn"))


def office_of(mention: BodyMention, municipality: str | None, names: set[str] = frozenset()) -> Office:
    """The record of a body. A municipality's body named by its role ("Byrådet", "Jobcentret") takes the
    full name the same document also writes ("Aarhus Byråd" in ``names``), so both spellings are one
    record; any other body is named as written. A municipal body's id carries its municipality, so the
    Byråd of Aarhus and of Syddjurs are two records."""
    from .offices import slug  # the gazetteer's slugs, so ids look alike

    name = mention.name
    full = _data()["generic"].get(name.casefold())
    if full and municipality:
        written = full.format(town=municipality.removesuffix(" Kommune"))
        if written in names:
            name = written
    council = re.fullmatch(rf"({_CAP}) Byråd", name)
    town_of = f"{council[1]} Kommune" if council else municipality
    scope = town_of if mention.local and town_of else None
    prefix = f"{slug(scope)}-" if scope else ""
    return Office(id=f"office-{prefix}{slug(name)}", name=name, kind=mention.kind, municipality=scope)
