"""Offices (administrations, committees, units, national bodies, providers) resolved to one record per
body however it is written ("Beskæftigelses- og Integrationsforvaltningen" = "BIF",
"Arbejdsmarkedscenteret" = "Arbejdsmarkedscentret"). The gazetteer is data: ``data/offices.json``; the
entity-ruler patterns in ``data/patterns/offices.jsonl`` are generated from it
(``python -m planarkiv.extract.offices``).

- ``find_offices(text)``: the gazetteer bodies named in running text (the pipeline's ORG entities), in order.
  Only gazetteer bodies: an unknown capitalised phrase in prose is not taken for an office. The gazetteer
  is Københavns Kommune's: in another municipality's document (``copenhagen=False``) a generic word
  ("jobcentret", "politiet", "Socialforvaltningen", "Borgerservice") names that municipality's own body,
  so a Copenhagen body is found there only where the text names it in full ("Jobcenter København",
  "Københavns Politi"); national bodies and providers are found everywhere.
- ``resolve_office(name)``: one cell entry ("Arbejdsmarkedscenteret", "Virksomhedsservice,", "Kontor for
  Arbejdsmarkedspolitik") -> its office: an exact form, then a gazetteer name inside the entry, then a
  conservative fuzzy match (rapidfuzz ratio >= 90 on entries of 8+ characters; abbreviations never fuzzy).
  An entry that names no known body still becomes an office, named as written, kind ``unit``: a cell of the
  "Involverede" column names a responsible body even when the gazetteer does not know it yet. ``None`` for
  an entry that is not one name (empty, no letters, longer than a name gets, or several names separated
  by a comma: that is ``resolve_offices``' job).
- ``resolve_offices(cell)``: every office of a whole cell, entries split at commas and line breaks.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

from planarkiv.schema import Office, OfficeKind

from .nlp import PATTERNS_DIR, blank, entities, write_patterns
from .text import plain

GAZETTEER = Path(__file__).parent / "data" / "offices.json"
PATTERNS_FILE = PATTERNS_DIR / "offices.jsonl"
LABEL = "ORG"
FUZZY_CUTOFF = 90.0
FUZZY_MIN_LENGTH = 8
MAX_NAME_WORDS = 10
GENITIVE = "(?:s|'s|')?"
_ABBREVIATION = re.compile(r"^(?=(?:.*[A-ZÆØÅ]){2})[A-ZÆØÅ0-9][A-Za-zÆØÅæøå0-9]*$|^\d[A-ZÆØÅ]+$")


@dataclass(frozen=True)
class OfficeMention:
    office: Office
    text: str
    start: int
    end: int


@cache
def _entries() -> tuple[dict, ...]:
    return tuple(json.loads(GAZETTEER.read_text(encoding="utf-8"))["offices"])


@cache
def offices() -> dict[str, Office]:
    """Every gazetteer office by id."""
    return {e["id"]: Office(id=e["id"], name=e["name"], abbreviation=e["abbreviation"],
                            kind=OfficeKind(e["kind"])) for e in _entries()}


def forms(entry: dict) -> list[str]:
    """Every way the gazetteer writes one office: name, abbreviation, "name (abbreviation)", variants, and a
    lower-case variant also capitalised (at the start of a sentence)."""
    written = [entry["name"], *([entry["abbreviation"]] if entry["abbreviation"] else []), *entry["variants"]]
    if entry["abbreviation"]:
        written.append(f"{entry['name']} ({entry['abbreviation']})")
    written += [form[0].upper() + form[1:] for form in written if form[0].islower()]
    return list(dict.fromkeys(written))


def _key(text: str) -> str:
    return plain(text).strip(" ,;:.-–•\uf0b7").casefold()


@cache
def _form_index() -> dict[str, str]:
    """Folded form -> office id."""
    return {_key(form): entry["id"] for entry in _entries() for form in forms(entry)}


def _token_pattern(form: str, compounds: list[str]) -> list[dict]:
    """Tokens of ``form`` as written; the last may take a genitive ending, an abbreviation may also head a
    hyphenated compound ("BIU-indstilling") other than the compounds the gazetteer names itself."""
    tokens = [t.text for t in blank()(plain(form))]
    last = re.escape(tokens[-1]) + GENITIVE
    if len(tokens) == 1 and _ABBREVIATION.match(tokens[0]):
        own = "".join(f"(?!(?i:{re.escape(rest)}){GENITIVE}$)" for rest in compounds)
        last = f"{re.escape(tokens[0])}(?:{GENITIVE}|-{own}[^\\W\\d_][\\w-]*)"
    return [{"TEXT": t} for t in tokens[:-1]] + [{"TEXT": {"REGEX": f"^{last}$"}}]


def patterns() -> list[dict]:
    """The entity-ruler patterns of the gazetteer (label ORG, id = office id)."""
    every_form = [form for entry in _entries() for form in forms(entry)]
    result = []
    for entry in _entries():
        for form in forms(entry):
            prefix = form + "-"
            compounds = [f[len(prefix):] for f in every_form if f.casefold().startswith(prefix.casefold())]
            result.append({"label": LABEL, "pattern": _token_pattern(form, compounds), "id": entry["id"]})
    return result


def _names_copenhagen(text: str) -> bool:
    return "københav" in text.casefold()


def _found_outside_copenhagen(office: Office, written: str) -> bool:
    """Whether a gazetteer office written so names that body in another municipality's document."""
    if _names_copenhagen(written):
        return True
    return office.kind in (OfficeKind.NATIONAL, OfficeKind.PROVIDER) and not _names_copenhagen(office.name)


def find_offices(text: str, copenhagen: bool = True) -> list[OfficeMention]:
    """Every office named in ``text``, in order; ``copenhagen=False`` for another municipality's text."""
    known = offices()
    return [OfficeMention(known[e.id], e.text, e.start, e.end) for e in entities(text)
            if e.label == LABEL and e.id in known
            and (copenhagen or _found_outside_copenhagen(known[e.id], e.text))]


def is_genitive(name: str) -> bool:
    """``name`` is an office's name in the genitive ("BIF's", "Jobcenter Københavns"): the owner of what
    follows, not the subject of a sentence."""
    clean = plain(name)
    if clean.endswith(("'s", "'")):
        return True
    index = _form_index()
    return clean.endswith("s") and _key(clean) not in index and _key(clean[:-1]) in index


def is_compound(name: str) -> bool:
    """``name`` is an abbreviation heading a compound the gazetteer does not name ("SOF-strategi",
    "BIU-indstillingen"): the word is about something of the office, not the office."""
    clean = plain(name)
    head = clean.split("-", 1)[0]
    return "-" in clean and _ABBREVIATION.match(head) is not None and _key(clean) not in _form_index()


def slug(text: str) -> str:
    text = text.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _covers(mention: OfficeMention, clean: str) -> bool:
    rest = (clean[:mention.start] + clean[mention.end:]).strip(" ,;:.-–")
    return not re.search(r"\w", rest)


def resolve_office(name: str) -> Office | None:
    """The office a name stands for (an "Involverede" cell entry); an unknown name becomes a new office
    named as written (kind unit); None when ``name`` is no name at all."""
    clean = plain(name).strip(" ,;:-–•\uf0b7")
    if not re.search(r"[^\W\d_]", clean) or len(clean.split()) > MAX_NAME_WORDS or re.search(r"[,;]", clean):
        return None
    known, index = offices(), _form_index()
    key = _key(clean)
    office_id = index.get(key) or (index.get(key[:-1]) if key.endswith("s") else None)
    if office_id:
        return known[office_id]
    mentions = find_offices(clean)
    if len(mentions) == 1 and _covers(mentions[0], clean):
        return mentions[0].office
    if len(key) >= FUZZY_MIN_LENGTH:
        best = process.extractOne(key, list(index), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best:
            return known[index[best[0]]]
    return Office(id=f"office-{slug(clean)}", name=clean, kind=OfficeKind.UNIT)


def resolve_offices(cell: str) -> list[Office]:
    """Every office of a cell such as "Arbejdsmarkedscenteret\\nVirksomhedsservice,\\nKontoret for \\n
    Arbejdsmarkedspolitik": entries end at a comma or semicolon, and at a line break where the gazetteer
    names every part of the entry; each office once, in order."""
    found: dict[str, Office] = {}
    for chunk in re.split(r"[,;]", cell):
        mentions = find_offices(chunk)
        rest = chunk
        for mention in reversed(mentions):
            rest = rest[:mention.start] + rest[mention.end:]
        if mentions and not re.search(r"\w", re.sub(r"\b(og|samt)\b", "", rest)):
            offices_here = [m.office for m in mentions]
        else:
            office = resolve_office(chunk)
            offices_here = [office] if office else []
        for office in offices_here:
            found.setdefault(office.id, office)
    return list(found.values())


if __name__ == "__main__":
    print(write_patterns("offices", patterns()))
