"""Search that knows Danish compounds: a word finds the compounds it is a part of ("praktik" finds
"virksomhedspraktik", "klub" finds "jobklubber"), and chance letters inside a word find nothing ("arm" is
not in "armod", "by" not in "byggeri"); on the bundled corpus against the truth in
``gold/search/compounds.json``, recall and precision hold to their targets."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from compound_scoring import PRECISION_TARGET, RECALL_TARGET, score, table, totals

from planarkiv.corpus.search import fts_query, lemmatize
from planarkiv.extract.danish.compounds import parts
from planarkiv.extract.danish.lemmas import lemma


@pytest.mark.parametrize(("word", "expected"), [
    ("virksomhedspraktikker", ("virksomhed", "praktik")),
    ("snusepraktik", ("snus", "praktik")),
    ("jobklubberne", ("job", "klub")),
    ("beskæftigelsesindsatsen", ("beskæftigelse", "indsats")),  # linking s
    ("arbejdsmarkedet", ("arbejde", "marked")),  # the first part's e drops before the s
    ("virksomhedsrettet", ("virksomhed", "rette")),  # an inflected head, indexed as its lemma
    ("kontanthjælpsmodtagere", ("kontanthjælp", "kontant", "hjælp", "modtager")),  # every level
])
def test_compounds_split_into_their_parts(word: str, expected: tuple[str, ...]) -> None:
    assert set(expected) <= set(parts(lemma(word)))


@pytest.mark.parametrize("word", [
    "armod",  # "od" is no word of three letters
    "byggeri", "bygning",  # "by" is too short to be a part; "geri", "gning" are no words
    "virksomhed", "ledighed", "ansvarlig", "ungdom",  # derived with a suffix, not compounded
    "kursus", "gennem", "kultur",  # three letters on both sides: chance
])
def test_chance_splits_are_not_made(word: str) -> None:
    assert parts(lemma(word)) == ()


def _search(texts: list[str], typed: str) -> list[str]:
    """The texts whose text or lemma column (as published) match what is typed in the search box."""
    conn = sqlite3.connect(":memory:")
    conn.execute("create virtual table t using fts5(text, text_lemmas)")
    conn.executemany("insert into t values (?, ?)", [(text, lemmatize(text)) for text in texts])
    return [row[0] for row in conn.execute("select text from t where t match ?", [fts_query(typed)])]


TEXTS = ["Virksomhedspraktik for ledige", "Snusepraktikker i butikker", "Jobklubberne mødes ugentligt",
         "Armod blandt ældre", "Byggeri og bygning af boliger", "Byen og byrådet", "Fleksjob til flere"]


@pytest.mark.parametrize(("typed", "found"), [
    ("praktik", ["Virksomhedspraktik for ledige", "Snusepraktikker i butikker"]),
    ("klub", ["Jobklubberne mødes ugentligt"]),
    ("job", ["Jobklubberne mødes ugentligt"]),
    ("arm", []),
    ("by", ["Byen og byrådet"]),
    ("fleks", ["Fleksjob til flere"]),  # no lemma: also a prefix
])
def test_search_finds_parts_not_chance_letters(typed: str, found: list[str]) -> None:
    assert _search(TEXTS, typed) == found


def test_compound_search_meets_its_targets_on_the_bundled_corpus(ingested_corpus: Path) -> None:
    scores = score(ingested_corpus)
    assert len(scores) >= 30
    recall, precision = totals(scores)
    report = "\n".join(" | ".join(row) for row in table(scores))
    assert recall >= RECALL_TARGET, report
    assert precision >= PRECISION_TARGET, report
