"""Extraction accuracy against the gold, asserted at the levels issue #3 promises (table: `make accuracy`)."""

from __future__ import annotations

import json

import pytest
from accuracy import GOLD_DIR, Score, measure, table

from conftest import ACCURACY_TABLE

TARGET_F1 = 0.95
KINDS = ("plan", "themes", "initiative_sheet", "action_plan", "budget_expiry")


@pytest.fixture(scope="module")
def scores(request: pytest.FixtureRequest) -> dict[str, dict[str, Score]]:
    by_kind = measure()
    request.config.stash[ACCURACY_TABLE] = table(by_kind)
    return by_kind


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("field", ["initiatives", "goals", "amounts"])
def test_f1_at_least_target(scores: dict[str, dict[str, Score]], kind: str, field: str) -> None:
    score = scores[kind][field]
    if score.empty:
        pytest.skip(f"{kind} has no {field} in the gold or the extraction")
    counts = f"tp {score.tp}, fp {score.fp}, fn {score.fn}"
    assert score.f1 >= TARGET_F1, f"{kind} {field}: F1 {score.f1:.3f} ({counts})"


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
