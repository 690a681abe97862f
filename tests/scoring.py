"""Extraction accuracy against the hand-written gold: the scores ``tests/accuracy.py`` (``make accuracy``)
prints and ``tests/test_accuracy.py`` and ``tests/test_variants.py`` hold to their targets.

Per document kind and field: precision, recall and F1 of what ``planarkiv.extract`` finds in the bundled
PDFs, compared with ``tests/gold/``; then per document and field for the variant documents
(``tests/data/variants/``, gold in ``tests/gold/variants/``): themes notes and action plans in layouts
the bundled ones do not have. Titles and texts match after whitespace and case folding (and without a
trailing full stop); amounts match on their value in kroner; offices on (initiative title, office),
"responsible offices" on the pairs whose role is responsible.

Beside them, per real document of no known kind (``tests/gold/realworld-da/``, the PDFs in
``../shared/realworld-da/``): title and year right, amounts (value and page), initiatives (page and title:
the same after folding, one the start of the other, or rapidfuzz's ratio >= 85, as a long first sentence
is cut differently by a reader and by a rule), offices (a found office's name or abbreviation is the gold
name or one of its other spellings) and the Copenhagen offices found in a document that is not
Copenhagen's (gazetteer offices the gold does not name there). Titles compare with their letters'
accents folded: a text layer that lost the ring of an "å" ("Sager pa vej") still names the right heading.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planarkiv.extract import extract
from planarkiv.schema import Extraction

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "gold"
PDF_DIR = ROOT / "src" / "planarkiv" / "corpus" / "pdfs"
REALWORLD_GOLD = GOLD_DIR / "realworld-da"
REALWORLD_DIR = Path(os.environ.get("PLANARKIV_REALWORLD_DA", ROOT.parent / "shared" / "realworld-da"))
VARIANT_GOLD_DIR = GOLD_DIR / "variants"
VARIANT_PDF_DIR = ROOT / "tests" / "data" / "variants"
FIELDS = ("initiatives", "initiative numbers", "goals", "goal status", "amounts", "amount owners",
          "offices", "responsible offices", "assessments", "aligns_with")


def fold(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "")).strip().rstrip(".").strip().casefold()


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Counter, found: Counter) -> None:
        hits = sum((gold & found).values())
        self.tp += hits
        self.fp += sum(found.values()) - hits
        self.fn += sum(gold.values()) - hits

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def empty(self) -> bool:
        return not (self.tp or self.fp or self.fn)


def _office_names(ex: Extraction) -> dict[str, set[str]]:
    """Office id -> the names it may be written with in gold (its name and abbreviation, folded)."""
    return {o.id: {fold(o.name), fold(o.abbreviation)} - {""} for o in ex.offices}


def _score_offices(score: Score, gold: dict, ex: Extraction, found_titles: dict[str, str],
                   roles: tuple[str, ...]) -> None:
    """(initiative title, office) pairs with one of ``roles``; an office matches by name or abbreviation."""
    names = _office_names(ex)
    found_offices = {(found_titles[r.source_id], r.target_id) for r in ex.relations
                     if r.type.value in roles and r.source_id in found_titles}
    gold_offices = {(fold(i["title"]), fold(o["name"])) for i in gold["initiatives"] for o in i["offices"]
                    if o["role"] in roles}
    matched = {(title, office) for title, office in found_offices
               if any((title, name) in gold_offices for name in names.get(office, ()))}
    hits = {(title, name) for title, office in matched for name in names[office]} & gold_offices
    score.tp += len(hits)
    score.fp += len(found_offices) - len(matched)
    score.fn += len(gold_offices) - len(hits)


def score_document(gold: dict, ex: Extraction) -> dict[str, Score]:
    scores = {field: Score() for field in FIELDS}
    gold_titles = {i["key"]: fold(i["title"]) for i in gold["initiatives"]}
    found_titles = {i.id: fold(i.title) for i in ex.initiatives}
    scores["initiatives"].add(Counter(gold_titles.values()), Counter(found_titles.values()))
    scores["initiative numbers"].add(
        Counter((fold(i["title"]), i["number"]) for i in gold["initiatives"] if i["number"]),
        Counter((fold(i.title), i.number) for i in ex.initiatives if i.number))
    scores["goals"].add(Counter((g["kind"], fold(g["text"])) for g in gold["goals"]),
                        Counter((g.kind.value, fold(g.text)) for g in ex.goals))
    scores["goal status"].add(
        Counter((fold(g["text"]), fold(g["status"])) for g in gold["goals"] if g.get("status")),
        Counter((fold(g.text), fold(g.status)) for g in ex.goals if g.status))
    scores["amounts"].add(Counter(a["value_dkk"] for a in gold["amounts"]),
                          Counter(a.value_dkk for a in ex.amounts))
    scores["amount owners"].add(
        Counter((a["value_dkk"], gold_titles.get(a["initiative"], "")) for a in gold["amounts"]),
        Counter((a.value_dkk, found_titles.get(a.initiative_id or "", "")) for a in ex.amounts))
    _score_offices(scores["offices"], gold, ex, found_titles, ("responsible", "mentions"))
    _score_offices(scores["responsible offices"], gold, ex, found_titles, ("responsible",))
    scores["assessments"].add(
        Counter((fold(i["title"]), i["assessment"]) for i in gold["initiatives"] if i.get("assessment")),
        Counter((fold(i.title), i.assessment.value) for i in ex.initiatives if i.assessment))
    gold_goals = {g["key"]: fold(g["text"]) for g in gold["goals"]}
    found_goals = {g.id: fold(g.text) for g in ex.goals}
    scores["aligns_with"].add(
        Counter((gold_goals[r["source"]], gold_goals[r["target"]]) for r in gold["relations"]
                if r["type"] == "aligns_with"),
        Counter((found_goals.get(r.source_id), found_goals.get(r.target_id)) for r in ex.relations
                if r.type.value == "aligns_with"))
    return scores


def measure(extracted: Callable[[Path], Extraction] = extract) -> dict[str, dict[str, Score]]:
    """Scores per document kind and field over the bundled corpus, each PDF read by ``extracted`` (the
    tests pass the extractions they share)."""
    by_kind: dict[str, dict[str, Score]] = {}
    for gold_file in sorted(GOLD_DIR.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        extraction = extracted(PDF_DIR / gold["source_file"])
        kind = gold["document"]["kind"]
        totals = by_kind.setdefault(kind, {field: Score() for field in FIELDS})
        if extraction.document.kind.value != kind:
            print(f"warning: {gold['source_file']} detected as {extraction.document.kind.value}, not {kind}")
        for field, score in score_document(gold, extraction).items():
            totals[field].tp += score.tp
            totals[field].fp += score.fp
            totals[field].fn += score.fn
    return by_kind


def measure_scanned() -> dict[str, dict[str, Score]]:
    """``measure`` of scanned copies of the bundled PDFs (each page an image, turned a fraction of a degree,
    blurred and speckled: ``corpus_builder.scanned``), read by OCR."""
    from corpus_builder.scanned import scanned_copy

    with tempfile.TemporaryDirectory() as folder:
        return measure(lambda path: extract(scanned_copy(path, Path(folder) / path.name)))


def measure_variants() -> dict[str, dict[str, Score]]:
    """Scores per variant document (by its stem) and field; a document read as another kind is scored as
    read (its records are what a user gets) and reported."""
    by_document: dict[str, dict[str, Score]] = {}
    for gold_file in sorted(VARIANT_GOLD_DIR.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        extraction = extract(VARIANT_PDF_DIR / gold["source_file"])
        kind = gold["document"]["kind"]
        if extraction.document.kind.value != kind:
            print(f"warning: {gold['source_file']} detected as {extraction.document.kind.value}, not {kind}")
        by_document[gold_file.stem] = score_document(gold, extraction)
    return by_document


def table(by_kind: dict[str, dict[str, Score]], label: str = "kind") -> str:
    rows = [f"| {label} | field | precision | recall | F1 | tp | fp | fn |",
            "|---|---|---|---|---|---|---|---|"]
    for kind, scores in by_kind.items():
        for field, s in scores.items():
            if not s.empty:
                rows.append(f"| {kind} | {field} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} "
                            f"| {s.tp} | {s.fp} | {s.fn} |")
    return "\n".join(rows)


# -- real documents of no known kind -----------------------------------------------------------------------

REALWORLD_FIELDS = ("amounts", "initiatives", "offices")


@dataclass
class RealScore:
    title: bool
    year: bool
    author: bool
    fields: dict[str, Score | None]  # None: the gold says the document lists no efforts
    copenhagen_invented: int
    initiatives_found: int


def _letters(text: str) -> str:
    """Folded, accents and punctuation aside: how two readings of one heading are compared."""
    text = unicodedata.normalize("NFKD", fold(text).replace("ø", "o").replace("æ", "ae"))
    return re.sub(r"[\W_]+", " ", "".join(c for c in text if not unicodedata.combining(c))).strip()


def _same_title(gold: str, found: str) -> bool:
    from rapidfuzz import fuzz

    a, b = fold(gold), fold(found)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return a == b or (len(short) >= 20 and long.startswith(short)) or fuzz.ratio(a, b) >= 85


def _match_initiatives(gold: list[dict], ex: Extraction) -> Score:
    found = [(i.provenance.page, i.title) for i in ex.initiatives]
    score = Score()
    used: set[int] = set()
    for g in gold:
        hit = next((n for n, (page, title) in enumerate(found)
                    if n not in used and page == g["page"] and _same_title(g["title"], title)), None)
        if hit is None:
            score.fn += 1
        else:
            used.add(hit)
            score.tp += 1
    score.fp += len(found) - len(used)
    return score


def score_realworld(gold: dict, ex: Extraction) -> RealScore:
    from planarkiv.extract.danish.offices import offices as gazetteer

    doc = gold["document"]
    titles = [doc["title"], *doc.get("titles_accepted", [])]
    fields: dict[str, Score | None] = {}
    amounts = Score()
    amounts.add(Counter((a["value_dkk"], a["page"]) for a in gold["amounts"]),
                Counter((a.value_dkk, a.provenance.page) for a in ex.amounts))
    fields["amounts"] = amounts
    listed = gold["initiatives"]
    fields["initiatives"] = None if listed is None else _match_initiatives(listed, ex)
    spellings = [{fold(o["name"]), *map(fold, o.get("also", []))} for o in gold["offices"]]
    offices = Score()
    matched: set[int] = set()
    invented = 0
    for office in ex.offices:
        names = {fold(office.name), fold(office.abbreviation)} - {""}
        hit = next((n for n, spelled in enumerate(spellings) if names & spelled), None)
        if hit is None:
            offices.fp += 1
            invented += office.id in gazetteer() and not doc["copenhagen"]
        elif hit in matched:
            offices.fp += 1  # a second record for one body
        else:
            matched.add(hit)
            offices.tp += 1
    offices.fn += len(spellings) - len(matched)
    fields["offices"] = offices
    return RealScore(title=any(_letters(t) == _letters(ex.document.title) for t in titles),
                     year=ex.document.year == doc["year"], author=ex.document.author == doc["author"],
                     fields=fields, copenhagen_invented=invented,
                     initiatives_found=len(ex.initiatives))


def measure_realworld() -> dict[str, RealScore]:
    """Scores per real document of no known kind; {} when the PDFs are not beside this checkout."""
    scores = {}
    for gold_file in sorted(REALWORLD_GOLD.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        pdf = REALWORLD_DIR / gold["source_file"]
        if pdf.is_file():
            scores[gold["source_file"]] = score_realworld(gold, extract(pdf))
    return scores


def realworld_table(scores: dict[str, RealScore]) -> str:
    rows = ["| document | title | year | author | amounts P / R / F1 | initiatives P / R / F1 "
            "| offices P / R / F1 | Copenhagen offices invented |", "|---|---|---|---|---|---|---|---|"]

    def cell(s: Score | None, found: int = 0) -> str:
        if s is None:
            return f"not listed ({found} found)"
        return f"{s.precision:.2f} / {s.recall:.2f} / {s.f1:.2f} ({s.tp}, {s.fp}, {s.fn})"

    def right(ok: bool) -> str:
        return "right" if ok else "WRONG"

    for name, s in scores.items():
        rows.append(f"| {name} | {right(s.title)} | {right(s.year)} | {right(s.author)} "
                    f"| {cell(s.fields['amounts'])} | {cell(s.fields['initiatives'], s.initiatives_found)} "
                    f"| {cell(s.fields['offices'])} | {s.copenhagen_invented} |")
    return "\n".join(rows)

