"""Extraction accuracy against the hand-written gold: ``make accuracy`` prints the table.

Per document kind and field: precision, recall and F1 of what ``planarkiv.extract`` finds in the bundled
PDFs, compared with ``tests/gold/``; then per document and field for the variant documents
(``tests/data/variants/``, gold in ``tests/gold/variants/``): themes notes and action plans in layouts
the bundled ones do not have. Titles and texts match after whitespace and case folding (and without a
trailing full stop); amounts match on their value in kroner; offices on (initiative title, office),
"responsible offices" on the pairs whose role is responsible.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planarkiv.extract import extract  # noqa: E402
from planarkiv.schema import Extraction  # noqa: E402

GOLD_DIR = ROOT / "tests" / "gold"
PDF_DIR = ROOT / "corpus" / "pdfs"
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


def measure() -> dict[str, dict[str, Score]]:
    """Scores per document kind and field over the bundled corpus."""
    by_kind: dict[str, dict[str, Score]] = {}
    for gold_file in sorted(GOLD_DIR.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        extraction = extract(PDF_DIR / gold["source_file"])
        kind = gold["document"]["kind"]
        totals = by_kind.setdefault(kind, {field: Score() for field in FIELDS})
        if extraction.document.kind.value != kind:
            print(f"warning: {gold['source_file']} detected as {extraction.document.kind.value}, not {kind}")
        for field, score in score_document(gold, extraction).items():
            totals[field].tp += score.tp
            totals[field].fp += score.fp
            totals[field].fn += score.fn
    return by_kind


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


if __name__ == "__main__":
    print(table(measure()))
    print()
    print(table(measure_variants(), "variant document"))
