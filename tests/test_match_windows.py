"""The entity ruler's patterns that can match, run only where they can, find what the whole ruler finds on the
whole text."""

from __future__ import annotations

import json

import pytest
import spacy

from conftest import GOLD_DIR
from planarkiv.extract.danish.match_windows import MatchWindows, Window, WindowedRuler
from planarkiv.extract.danish.nlp import entities, nlp, normalise
from planarkiv.extract.danish.text import plain

TEXTS = [
    "Beskæftigelses- og Integrationsforvaltningen (BIF) og SOF er tovholdere; Jobcenter København deltager.",
    "Der er afsat ca. 5,9 mio. kr. årligt i 2027-2030 til ledige dagpengemodtagere og unge uden uddannelse.",
    "I 2. kvartal 2017 var der d. 27. april 2017 120 mio. kr. årligt fra 2019 (60 mio. kr. i 2017).",
    "Akademikere, sygemeldte og flygtninge og familiesammenførte: BIF’s indsats med Settlementet og FRAK.",
    "Budget 2023 og OFS 22/23: 2.8 mio. kr. årligt (2027 p/l) fra primo 2026 til ultimo 2027, Q3 2026.",
    "Ingen navne her, kun almindelige ord uden tal.",
]


def _whole_text(text: str) -> list[tuple[str, str, int, int]]:
    clean, offsets = normalise(text)
    return [(e.label_, e.ent_id_, offsets[e.start_char], offsets[e.end_char - 1] + 1)
            for e in nlp()(clean).ents]


@pytest.mark.parametrize("text", TEXTS)
def test_windows_give_the_entities_of_the_whole_text(text: str) -> None:
    assert [(e.label, e.id, e.start, e.end) for e in entities(text)] == _whole_text(text)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [string for item in items for string in _strings(item)]


def test_windows_give_the_entities_of_the_whole_text_on_the_documents_wording() -> None:
    """Every text of the hand-written gold records (titles, amounts, periods, offices, assessments as the
    documents word them): the windowed ruler and the whole ruler agree on each."""
    texts = sorted({plain(s) for path in GOLD_DIR.glob("*.json")
                    for s in _strings(json.loads(path.read_text(encoding="utf-8")))})
    windowed = WindowedRuler(nlp().get_pipe("entity_ruler"))
    found = 0
    for text in texts:
        doc = nlp().make_doc(text)
        expected = [(e.label_, e.ent_id_, e.start, e.end) for e in nlp().get_pipe("entity_ruler")(doc).ents]
        assert [(e.label_, e.id_, e.start, e.end) for e in windowed(nlp().make_doc(text))] == expected, text
        found += len(expected)
    assert found > 100, "the gold texts name offices, target groups, amounts and periods"


def test_windows_cover_a_match_and_skip_what_cannot_match() -> None:
    windows = MatchWindows([
        {"label": "ORG", "pattern": [{"LOWER": "ca.", "OP": "?"}, {"TEXT": "BIF"}, {"LOWER": "og"},
                                     {"TEXT": {"REGEX": "^SOF$"}}]},
        {"label": "ORG", "pattern": [{"TEXT": {"REGEX": "^[Ss]idst$"}}]},
    ])
    doc = nlp().make_doc("intet her og så ca. BIF og SOF til sidst")
    # "ca." (optional) or "BIF" may begin the first pattern's match: tokens 4-7; "og" and "SOF" alone begin
    # nothing; "sidst" begins the second pattern's
    assert windows.groups == [(0,), (1,)]
    assert windows.windows(doc) == [Window(4, 8, (0,)), Window(9, 10, (1,))]


def _ruler(patterns: list[dict]) -> spacy.language.Language:
    pipeline = spacy.blank("da")
    pipeline.add_pipe("entity_ruler").add_patterns(patterns)
    return pipeline


def _both(pipeline: spacy.language.Language, text: str) -> tuple[list, list]:
    windowed = WindowedRuler(pipeline.get_pipe("entity_ruler"))(pipeline.make_doc(text))
    whole = pipeline(text).ents
    return ([(e.label_, e.id_, e.start, e.end) for e in windowed],
            [(e.label_, e.ent_id_, e.start, e.end) for e in whole])


def test_overlapping_matches_resolve_as_the_ruler_resolves_them() -> None:
    """Longest first, then earliest, across labels and groups of patterns."""
    pipeline = _ruler([
        {"label": "MONEY", "pattern": [{"TEXT": {"REGEX": r"^\d+$"}}, {"LOWER": "mio."}, {"LOWER": "kr."}]},
        {"label": "PERIOD", "pattern": [{"TEXT": {"REGEX": r"^20\d\d$"}}]},
        {"label": "PERIOD", "pattern": [{"TEXT": {"REGEX": r"^20\d\d$"}}, {"LOWER": "til"},
                                        {"TEXT": {"REGEX": r"^20\d\d$"}}]},
        {"label": "ORG", "pattern": [{"TEXT": "Jobcenter"}, {"TEXT": "København"}], "id": "jc"},
        {"label": "TARGET", "pattern": [{"TEXT": "København"}, {"LOWER": "unge"}], "id": "unge"},
    ])
    windowed, whole = _both(pipeline, "2020 mio. kr. i 2020 til 2021 2022 og Jobcenter København unge")
    assert windowed == whole
    assert [label for label, *_ in whole] == ["MONEY", "PERIOD", "PERIOD", "ORG"]


def test_a_stretch_matched_under_two_labels_gets_the_rulers_choice() -> None:
    """Which of two labels of one stretch the ruler keeps follows the order of all its matches in the
    doc: twelve such stretches, each as the ruler has it."""
    patterns = [{"label": "ORG", "pattern": [{"TEXT": "Jobcenter"}, {"TEXT": "Nord"}], "id": "office-nord"},
                {"label": "ORG", "pattern": [{"TEXT": "Nord"}], "id": "office-nord"}]
    for i in range(12):
        patterns += [{"label": "ORG", "pattern": [{"TEXT": f"Center{i}"}], "id": f"office-{i}"},
                     {"label": "TARGET", "pattern": [{"TEXT": {"REGEX": f"^[Cc]enter{i}$"}}], "id": f"t-{i}"}]
    text = "Jobcenter Nord og " + " og ".join(f"Center{i}" for i in range(12))
    windowed, whole = _both(_ruler(patterns), text)
    assert windowed == whole
    assert len(whole) == 13
    assert {label for label, *_ in whole} == {"ORG", "TARGET"}


def test_patterns_it_cannot_reason_about_mean_the_whole_text() -> None:
    doc = nlp().make_doc("et to tre")
    for pattern in ([{"LEMMA": "to"}], [{"TEXT": "to", "OP": "+"}], [{}], "to"):
        windows = MatchWindows([{"label": "X", "pattern": pattern}])
        assert windows.groups is None
        assert windows.windows(doc) == [Window(0, 3, None)]
    windowed, whole = _both(_ruler([{"label": "X", "pattern": [{"TEXT": "to", "OP": "+"}]},
                                    {"label": "Y", "pattern": "tre"}]), "et to to tre")
    assert windowed == whole == [("X", "", 1, 3), ("Y", "", 3, 4)]
