"""Extraction accuracy against the gold, at the levels issues #3 and #15 promise (`make accuracy`)."""

from __future__ import annotations

import json

import pytest

from conftest import ACCURACY_TABLE, REALWORLD_TABLE, SCANNED_TABLE
from planarkiv.schema import Extraction
from scoring import (
    GOLD_DIR,
    REALWORLD_DIR,
    REALWORLD_GOLD,
    RealScore,
    Score,
    measure,
    measure_realworld,
    realworld_table,
    table,
)

TARGET_F1 = 0.95
SCANNED_TARGET_F1 = 0.9
KINDS = ("plan", "themes", "initiative_sheet", "action_plan", "budget_expiry")


@pytest.fixture(scope="module")
def scores(request: pytest.FixtureRequest,
           bundled_extractions: dict[str, Extraction]) -> dict[str, dict[str, Score]]:
    by_kind = measure(lambda path: bundled_extractions[path.name])
    request.config.stash[ACCURACY_TABLE] = table(by_kind)
    return by_kind


def assert_f1(score: Score, target: float, what: str) -> None:
    """F1 at least ``target``; where the gold has none (a themes note states no sums), none may be found."""
    counts = f"tp {score.tp}, fp {score.fp}, fn {score.fn}"
    if score.tp + score.fn == 0:
        assert score.fp == 0, f"{what}: found where the gold has none ({counts})"
        return
    assert score.f1 >= target, f"{what}: F1 {score.f1:.3f} ({counts})"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("field", ["initiatives", "goals", "amounts"])
def test_f1_at_least_target(scores: dict[str, dict[str, Score]], kind: str, field: str) -> None:
    assert_f1(scores[kind][field], TARGET_F1, f"{kind} {field}")


@pytest.mark.parametrize("kind", ["initiative_sheet", "budget_expiry"])
def test_every_amount_value_right(scores: dict[str, dict[str, Score]], kind: str) -> None:
    score = scores[kind]["amounts"]
    assert score.fp == 0 and score.fn == 0, f"{kind}: {score.fp} wrong amounts found, {score.fn} missed"


def test_every_card_assessment_right(scores: dict[str, dict[str, Score]]) -> None:
    score = scores["budget_expiry"]["assessments"]
    gold = json.loads((GOLD_DIR / "budget-2027-bevillinger-der-udloeber.json").read_text(encoding="utf-8"))
    assert score.tp == sum(1 for card in gold["initiatives"] if card["assessment"])
    assert score.fp == 0 and score.fn == 0


def test_aligns_with_relations(scores: dict[str, dict[str, Score]]) -> None:
    score = scores["plan"]["aligns_with"]
    assert score.fn == 0 and score.fp == 0


@pytest.fixture(scope="module")
def scanned_scores(request: pytest.FixtureRequest,
                   scanned_extractions: dict[str, Extraction]) -> dict[str, dict[str, Score]]:
    by_kind = measure(lambda path: scanned_extractions[path.name])
    request.config.stash[SCANNED_TABLE] = table(by_kind)
    return by_kind


@pytest.mark.ocr
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("field", ["initiatives", "amounts"])
def test_scanned_copies_f1_at_least_target(scanned_scores: dict[str, dict[str, Score]], kind: str,
                                           field: str) -> None:
    """Scanned copies of the bundled PDFs (images only, turned, blurred, speckled) read by OCR."""
    assert_f1(scanned_scores[kind][field], SCANNED_TARGET_F1, f"scanned {kind} {field}")


@pytest.mark.ocr
@pytest.mark.parametrize("kind", ["initiative_sheet", "budget_expiry"])
def test_scanned_copies_every_amount_value_right(scanned_scores: dict[str, dict[str, Score]],
                                                 kind: str) -> None:
    score = scanned_scores[kind]["amounts"]
    assert score.fp == 0 and score.fn == 0, f"scanned {kind}: {score.fp} wrong amounts, {score.fn} missed"


@pytest.fixture(scope="module")
def real_scores(request: pytest.FixtureRequest) -> dict[str, RealScore]:
    if not REALWORLD_DIR.is_dir():
        pytest.skip(f"{REALWORLD_DIR} is not beside this checkout")
    scores = measure_realworld()
    request.config.stash[REALWORLD_TABLE] = realworld_table(scores)
    return scores


REALWORLD = sorted(p.name.removesuffix(".json") + ".pdf" for p in REALWORLD_GOLD.glob("*.json"))


@pytest.mark.slow  # extracts the real documents
@pytest.mark.parametrize("name", REALWORLD)
def test_real_documents_of_no_known_kind_meet_their_targets(real_scores: dict[str, RealScore],
                                                            name: str) -> None:
    """Title and year right, amounts F1 >= 0.9, initiatives F1 >= 0.8 where the document lists efforts, and
    no Copenhagen office invented in another municipality's document."""
    score = real_scores[name]
    assert score.title and score.year
    amounts, initiatives = score.fields["amounts"], score.fields["initiatives"]
    assert amounts.f1 >= 0.9, f"amounts F1 {amounts.f1:.3f} ({amounts.tp}, {amounts.fp}, {amounts.fn})"
    if initiatives is not None:
        assert initiatives.f1 >= 0.8, f"initiatives F1 {initiatives.f1:.3f}"
    assert score.copenhagen_invented == 0
