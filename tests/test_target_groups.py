"""Target groups across Danish inflection and compounding, the most specific group for the same words."""

from __future__ import annotations

import json
import re

import pytest

from planarkiv.extract.danish.nlp import blank
from planarkiv.extract.danish.target_groups import (
    PATTERNS_FILE,
    _gazetteer,
    broader,
    find_target_groups,
    patterns,
    target_group_mentions,
    target_groups,
)

CANONICAL = [  # tests/gold/README.md, "Conventions"
    "dagpengemodtagere", "akademikere", "jobparate kontanthjælpsmodtagere",
    "aktivitetsparate kontanthjælpsmodtagere", "kontanthjælpsmodtagere", "unge", "uddannelsesparate unge",
    "aktivitetsparate unge", "sygedagpengemodtagere",
    "udsatte borgere", "flygtninge og familiesammenførte", "fleksjobvisiterede", "ledighedsydelsesmodtagere",
    "borgere med handicap", "nyuddannede", "langtidsledige", "ledige", "virksomheder", "seniorer", "dømte",
]


def names(text: str) -> list[str]:
    return [g.name for g in find_target_groups(text)]


def test_gazetteer_has_the_canonical_groups() -> None:
    groups = list(target_groups().values())
    assert [g.name for g in groups] == CANONICAL
    assert all(re.fullmatch(r"tg-[a-z0-9-]+", g.id) for g in groups)
    assert len({g.id for g in groups}) == len(groups)
    assert all(broader()[g.id] <= set(target_groups()) for g in groups)


def test_every_gazetteer_word_is_one_token() -> None:
    words = {w for g in _gazetteer()["target_groups"] for t in g["terms"] for w in t.split()}
    words |= {w for m in _gazetteer()["modifiers"] for w in m.split()}
    for word in words:
        assert len(blank()(word.rstrip("*+"))) == 1, word


def test_pattern_file_is_generated_from_the_gazetteer() -> None:
    on_disk = [json.loads(line) for line in PATTERNS_FILE.read_text(encoding="utf-8").splitlines()]
    assert on_disk == patterns(), "run: python -m planarkiv.extract.danish.target_groups"


@pytest.mark.parametrize(("text", "expected"), [
    ("Akademikerne udgør 44 procent", ["akademikere"]),
    ("tilrettelagt efter Akademikeraftalen", ["akademikere"]),
    ("indsatsen for kontanthjælpsmodtagerne", ["kontanthjælpsmodtagere"]),
    ("kontanthjælpsmålgruppen", ["kontanthjælpsmodtagere"]),
    ("borgere på kontanthjælp", ["kontanthjælpsmodtagere"]),
    ("at få de unge ud på arbejdsmarkedet", ["unge"]),
    ("Unge kriminelle", ["unge", "dømte"]),
    ("flygtningene på asylcentrene", ["flygtninge og familiesammenførte"]),
    ("Flere flygtninge og familiesammenførte skal i job", ["flygtninge og familiesammenførte"]),
    ("dialog med den sygemeldtes arbejdsgiver", ["sygedagpengemodtagere"]),
    ("en sygedagpengeaftale for 2015-2017", ["sygedagpengemodtagere"]),
    ("Sygedagpengemodtagerne", ["sygedagpengemodtagere"]),
    ("ledige fleksjobvisiterede", ["fleksjobvisiterede"]),
    ("borgere på ledighedsydelse", ["ledighedsydelsesmodtagere"]),
    ("elever med funktionsnedsættelse", ["borgere med handicap"]),
    ("hjemløse og udsatte familier", ["udsatte borgere"]),
    ("forsikrede ledige og nyuddannede", ["dagpengemodtagere", "nyuddannede"]),
    ("ledige i risiko for at miste dagpengeretten", ["dagpengemodtagere"]),
    ("en indsats for nyledige", ["ledige"]),
    ("samarbejde med virksomhederne", ["virksomheder"]),
    ("seniorer og ældre ledige", ["seniorer"]),
    ("18-25-årige dømte og indsatte", ["dømte"]),
    ("aktivitetsparate borgere over 30 år", ["aktivitetsparate kontanthjælpsmodtagere"]),
    ("Flere jobparate personer på kontanthjælp skal i beskæftigelse", ["jobparate kontanthjælpsmodtagere"]),
    ("arbejdsmarkedsparate kontanthjælpsmodtagere", ["jobparate kontanthjælpsmodtagere"]),
])
def test_groups_across_inflection_and_compounding(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("jobparate kontanthjælpsmodtagere", ["jobparate kontanthjælpsmodtagere"]),
    ("aktivitetsparate kontanthjælpsmodtagere", ["aktivitetsparate kontanthjælpsmodtagere"]),
    ("aktivitetsparate unge", ["aktivitetsparate unge"]),
    ("For uddannelsesparate unge er opgaven at fastholde de unge i uddannelse", ["uddannelsesparate unge"]),
    ("ledige akademikere", ["akademikere"]),
    ("sygemeldte kontanthjælpsmodtagere", ["kontanthjælpsmodtagere"]),
    ("syge kontanthjælpsmodtagere", ["kontanthjælpsmodtagere"]),
    ("langtidsledige og andre ledige", ["langtidsledige"]),
])
def test_most_specific_group_wins(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "unge fra udsatte boligområder",
    "virksomheder med ledige jobs",
    "UNG har en forventning",
])
def test_words_that_name_no_group_here(text: str) -> None:
    assert "udsatte borgere" not in names(text) and "ledige" not in names(text)
    assert "unge" not in names(text) or text.startswith("unge")


def test_each_group_once_in_order_of_first_mention() -> None:
    text = "Dagpengemodtagere og akademikere. Akademikerne og dagpengemodtagerne igen, og virksomheder."
    assert names(text) == ["dagpengemodtagere", "akademikere", "virksomheder"]
    mentions = target_group_mentions(text)
    assert len(mentions) == 5
    assert all(text[m.start:m.end] == m.text for m in mentions)
