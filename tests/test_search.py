"""Danish full-text search: a word finds its inflections and compounds, in the search box (the plugin's
``escape_fts``) and in the canned query ``soeg``; a newcomer finds every initiative by a word of its title.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
import yaml

from conftest import GOLD_DIR
from helpers import fake_pdf, sample_extraction
from planarkiv.corpus.publish import publish
from planarkiv.corpus.search import fts_query
from planarkiv.datasette_plugin import prepare_connection
from planarkiv.graph import relations
from planarkiv.serve import METADATA


def connect(db_path: Path) -> sqlite3.Connection:
    """A connection as Datasette's: with the plugin's SQL functions."""
    conn = sqlite3.connect(db_path)
    prepare_connection(conn)
    return conn


def search_box(conn: sqlite3.Connection, table: str, text: str) -> list[sqlite3.Row]:
    """What Datasette runs for ``/db/table?_search=text`` (filters.py: ``match escape_fts(:search)``)."""
    conn.row_factory = sqlite3.Row
    return conn.execute(
        f"select * from {table} where rowid in "
        f"(select rowid from {table}_fts where {table}_fts match escape_fts(:search))", {"search": text}
    ).fetchall()


def canned(conn: sqlite3.Connection, name: str, **params: str) -> list[sqlite3.Row]:
    queries = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"]["planarkiv"]
    conn.row_factory = sqlite3.Row
    return conn.execute(queries["queries"][name]["sql"], params).fetchall()


def test_query_is_whole_word_and_lemma() -> None:
    assert fts_query("jobklub") == '("jobklub")'
    assert fts_query("gik") == '("gik" OR "gå")'
    assert fts_query("Jobklubberne") == '("jobklubberne" OR "jobklub")'
    assert fts_query("kontanthjælpsmodtagere jobklub") == (
        '("kontanthjælpsmodtagere" OR "kontanthjælpsmodtager") AND ("jobklub")')
    # A lemma of its own is not looked up again ("borger" is no form of "borge", to vouch).
    assert fts_query("borger") == '("borger")'
    # An adjective's -e form, which the table files under a noun, comes with it.
    assert fts_query("ung") == '("ung" OR "unge")'
    assert fts_query("") == fts_query("  ,.") == '""'


def test_only_a_word_that_is_no_lemma_is_also_a_prefix() -> None:
    assert fts_query("kontanth") == '("kontanth"*)'  # not typed to its end
    assert fts_query("fleks") == '("fleks"* OR "flekse")'  # clipped, as in "fleksjob"
    assert fts_query("a-kasser") == '("a-kasser"* OR "a-kasse")'
    # Whole words and short strings are no prefixes: they would find "armod", "byggeri", "areal".
    assert fts_query("arm") == '("arm")'
    assert fts_query("by") == '("by")'
    assert fts_query("are") == '("are")'


@pytest.mark.parametrize("text", ['NOT "jobklub', "a-kasse OR (", "NEAR(x y)", "*", "2,5 mio. kr.", "';"])
def test_any_text_is_a_valid_query(text: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("create virtual table t using fts5(a)")
    conn.execute("insert into t values ('a-kasse jobklub 2,5 mio. kr.')")
    conn.execute("select * from t where t match ?", [fts_query(text)]).fetchall()


@pytest.fixture
def sample_db(tmp_path: Path) -> sqlite3.Connection:
    pdf, sha = fake_pdf(tmp_path, "bilag.pdf", b"sheet")
    extraction = sample_extraction(sha, pdf.name)
    db_path = tmp_path / "planarkiv.db"
    publish(db_path, [extraction], relations([extraction]), sources={sha: pdf})
    return connect(db_path)


@pytest.mark.parametrize(("typed", "title"), [
    ("jobklub", "Bedre samarbejde med a-kasser via jobklubber"),  # "jobklubber", "Jobklubberne"
    ("jobklubberne", "Bedre samarbejde med a-kasser via jobklubber"),
    ("kontanthjælp", "Styrket indsats for syge borgere"),  # "kontanthjælpsmodtagere"
    ("akademiker", "Mentorordning for nyuddannede"),  # "Akademikerne"
    ("A-kasse", "Bedre samarbejde med a-kasser via jobklubber"),
])
def test_search_box_finds_inflections_and_compounds(sample_db: sqlite3.Connection, typed: str,
                                                    title: str) -> None:
    assert [row["title"] for row in search_box(sample_db, "initiatives", typed)] == [title]


def test_goals_documents_and_pages_are_searchable(sample_db: sqlite3.Connection) -> None:
    assert len(search_box(sample_db, "goals", "jobklub")) == 1
    assert len(search_box(sample_db, "documents", "udmøntningsplaner")) == 1
    assert len(search_box(sample_db, "pages", "kontanthjælp")) == 1
    kinds = [row["art"] for row in canned(sample_db, "soeg", q="jobklub")]
    assert kinds[:3] == ["Indsats", "Mål", "Dokument"] and kinds[3].startswith("Side")


# The bundled corpus, ingested with `planarkiv ingest` as `make demo` does.

@pytest.fixture(scope="module")
def corpus(ingested_corpus: Path) -> sqlite3.Connection:
    return connect(ingested_corpus)


def test_jobklub_finds_the_2010_initiative_and_the_budget_cards(corpus: sqlite3.Connection) -> None:
    rows = search_box(corpus, "initiatives", "jobklub")
    found = {(row["year"], row["title"]) for row in rows}
    assert (2010, "Bedre samarbejde med a-kasser via jobklubber") in found
    cards = [row for row in rows if row["kind"] == "budget_expiry"]
    assert len(cards) >= 2, found
    for card in cards:
        text = " ".join(str(v) for k, v in dict(card).items()
                        if isinstance(v, str) and not k.endswith("_lemmas"))
        assert "jobklub" in text.lower()


def test_kontanthjaelp_finds_kontanthjaelpsmodtagere(corpus: sqlite3.Connection) -> None:
    rows = search_box(corpus, "initiatives", "kontanthjælp")
    texts = [" ".join(str(v) for v in dict(row).values() if isinstance(v, str)).lower() for row in rows]
    assert any("kontanthjælpsmodtagere" in t for t in texts)
    assert {row["kind"] for row in rows} >= {"initiative_sheet", "plan"}


def test_akademiker_finds_akademikerne(corpus: sqlite3.Connection) -> None:
    pages = search_box(corpus, "pages", "akademiker")
    assert any("akademikerne" in row["text"].lower() for row in pages)
    kinds = {row["art"] for row in canned(corpus, "soeg", q="akademiker")}
    assert "Indsats" in kinds and any(kind.startswith("Side") for kind in kinds)
    assert search_box(corpus, "initiatives", "akademiker")


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def test_every_initiative_is_found_by_a_word_of_its_title(corpus: sqlite3.Connection) -> None:
    """The newcomer's minute: the longest word of each gold title, typed into the search box of
    Indsatser, lists that initiative (its title as the document prints it)."""
    missed = []
    for gold_file in sorted(GOLD_DIR.glob("*.json")):
        for initiative in json.loads(gold_file.read_text(encoding="utf-8"))["initiatives"]:
            title = _fold(initiative["title"])
            word = max(re.findall(r"\w+", title), key=len)
            titles = {_fold(row["title"]) for row in search_box(corpus, "initiatives", word)}
            if not any(t == title or (min(len(t), len(title)) >= 20 and (t in title or title in t))
                       for t in titles):
                missed.append(f"{gold_file.stem}: {word!r} -> {initiative['title']!r}")
    assert not missed, "\n".join(missed)
