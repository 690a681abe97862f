"""The entity ruler run only on the windows where a pattern can match finds what it finds on the whole
text."""

from __future__ import annotations

import pytest

from planarkiv.extract.match_windows import MatchWindows
from planarkiv.extract.nlp import entities, nlp, normalise

TEXTS = [
    "Beskæftigelses- og Integrationsforvaltningen (BIF) og SOF er tovholdere; Jobcenter København deltager.",
    "Der er afsat ca. 5,9 mio. kr. årligt i 2027-2030 til ledige dagpengemodtagere og unge uden uddannelse.",
    "I 2. kvartal 2017 var der d. 27. april 2017 120 mio. kr. årligt fra 2019 (60 mio. kr. i 2017).",
    "Akademikere, sygemeldte og flygtninge og familiesammenførte: BIF’s indsats med Settlementet og FRAK.",
    "Ingen navne her, kun almindelige ord uden tal.",
]


def _whole_text(text: str) -> list[tuple[str, str, int, int]]:
    clean, offsets = normalise(text)
    return [(e.label_, e.ent_id_, offsets[e.start_char], offsets[e.end_char - 1] + 1)
            for e in nlp()(clean).ents]


@pytest.mark.parametrize("text", TEXTS)
def test_windows_give_the_entities_of_the_whole_text(text: str) -> None:
    assert [(e.label, e.id, e.start, e.end) for e in entities(text)] == _whole_text(text)


def test_windows_cover_a_match_and_skip_what_cannot_match() -> None:
    windows = MatchWindows([{"label": "ORG", "pattern": [{"LOWER": "ca.", "OP": "?"}, {"TEXT": "BIF"},
                                                          {"LOWER": "og"}, {"TEXT": {"REGEX": "^SOF$"}}]}])
    doc = nlp().make_doc("intet her og så ca. BIF og SOF til sidst")
    # "ca." (optional) or "BIF" may begin the match: tokens 4-7; "og" and "SOF" alone begin nothing
    assert windows.windows(doc) == [(4, 8)]


def test_patterns_it_cannot_reason_about_mean_the_whole_text() -> None:
    doc = nlp().make_doc("et to tre")
    for pattern in ([{"LEMMA": "to"}], [{"TEXT": "to", "OP": "+"}], [{}], "to"):
        assert MatchWindows([{"label": "X", "pattern": pattern}]).windows(doc) == [(0, 3)]
