"""Facets of a search: counted in memory for an immutable database (``planarkiv serve``), with Datasette's
SQL for one that can change; both give Datasette's own counts, order, truncation, labels and links."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

from helpers import get_json, served
from planarkiv import search_facets
from planarkiv.search_facets import MemoryArrayFacet, MemoryColumnFacet
from planarkiv.serve import METADATA

ROWS = [  # (id, offices, kind, text)
    ("a", ["BIF", "SOF"], "plan", "jobklub for akademikere"),
    ("b", ["BIF", "BIF"], "plan", "jobklub med samme enhed to gange"),
    ("c", ["SOF"], "themes", "jobklub"),
    ("d", ["SOF"], "themes", "jobklub"),  # the same list and text as "c": a row of its own all the same
    ("e", ["BIF"], None, "virksomhedsservice"),
    ("f", None, "plan", "jobklub uden enheder"),
]
FACETS = [{"array": "offices"}, "kind"]


def facet_sql(datasette: Datasette, path: str) -> list[str]:
    """The SQL of Datasette's own facets (``... count(*) as count ...``) that a page ran."""
    traces = get_json(datasette, f"{path}&_trace=1")["_trace"]["traces"]
    return [t["sql"] for t in traces if "count(*) as count" in (t.get("sql") or "")]


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db_path = tmp_path_factory.mktemp("facets") / "facets.db"
    conn = sqlite3.connect(db_path)
    conn.execute("create table initiatives (id text primary key, offices text, kind text, text text)")
    conn.executemany("insert into initiatives values (?, ?, ?, ?)",
                     [(i, json.dumps(offices) if offices else None, kind, text)
                      for i, offices, kind, text in ROWS])
    conn.execute('create virtual table initiatives_fts using fts5(text, content="initiatives")')
    conn.execute("insert into initiatives_fts(initiatives_fts) values ('rebuild')")
    conn.commit()
    conn.close()
    return db_path


@pytest.mark.parametrize("immutable", [True, False], ids=["in memory", "sql"])
def test_array_facet_counts_each_matching_row_once_per_value(small_db: Path, immutable: bool) -> None:
    metadata = {"databases": {small_db.stem: {"tables": {"initiatives": {"facets": FACETS}}}}}
    datasette = served(small_db, metadata, immutable=immutable)

    def counts(query: str) -> dict[str, dict]:
        facets = get_json(datasette, f"/{small_db.stem}/initiatives.json?{query}")["facet_results"]
        return {name: {row["value"]: row["count"] for row in facet["results"]}
                for name, facet in facets.items()}

    assert counts("_search=jobklub") == {"offices": {"BIF": 2, "SOF": 3}, "kind": {"plan": 3, "themes": 2}}
    assert counts("") == {"offices": {"BIF": 3, "SOF": 3}, "kind": {"plan": 3, "themes": 2}}
    assert counts("offices__arraycontains=BIF") == {"offices": {"BIF": 3, "SOF": 1}, "kind": {"plan": 2}}
    no_hits = {"offices": {}, "kind": {}}
    assert counts("_search=virksomhedsservice+jobklub") == counts("_search=ingenting") == no_hits
    ran_sql = facet_sql(datasette, f"/{small_db.stem}/initiatives.json?_search=jobklub")
    assert (not ran_sql) if immutable else len(ran_sql) == 2


def test_a_search_alone_reads_its_facet_rows_from_the_full_text_index(
        small_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Filtered by the search box alone, the facets' rows come from the index without a look-up in the
    table per hit; any other filter keeps the page's own WHERE. The counts are the same either way."""
    ran: list[str] = []
    fetch = search_facets._fetch
    monkeypatch.setattr(search_facets, "_fetch", lambda conn, sql, params=None: ran.append(sql) or fetch(
        conn, sql, params))
    metadata = {"databases": {small_db.stem: {"tables": {"initiatives": {"facets": FACETS}}}}}
    datasette = served(small_db, metadata, immutable=True)
    facets = get_json(datasette, f"/{small_db.stem}/initiatives.json?_search=jobklub")["facet_results"]
    assert any("(select rowid from initiatives_fts where initiatives_fts match escape_fts(:search))" in sql
               for sql in ran)
    assert {row["value"]: row["count"] for row in facets["kind"]["results"]} == {"plan": 3, "themes": 2}
    ran.clear()
    get_json(datasette, f"/{small_db.stem}/initiatives.json?_search=jobklub&kind=plan")
    assert [sql for sql in ran if "(select rowid from initiatives where " in sql]


def test_plugin_replaces_datasettes_column_and_array_facets() -> None:
    from datasette.plugins import pm

    classes = [cls for group in pm.hook.register_facet_classes() for cls in group]
    assert MemoryColumnFacet in classes and MemoryArrayFacet in classes
    assert [cls.type for cls in classes].count("array") == [cls.type for cls in classes].count("column") == 1


@pytest.mark.parametrize("query", [
    "_search=jobklub", "_search=kontanthjælp&kind=plan", "_search=ledige&_facet_size=2",
    "_search=borgere&offices__arraycontains=Jobcenter+København", "year=2027&_facet=status", "_search=xyzzy",
    "_facet_array=target_groups&_facet=page", "assessment__isnull=1",
])
def test_facets_of_the_corpus_in_memory_are_datasettes(ingested_corpus: Path, query: str) -> None:
    """Every facet of *Indsatser* in memory equals Datasette's SQL facet: values, counts, order, labels,
    links and truncation, for searches, filters and facets asked for in the URL."""
    db_path = ingested_corpus
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    path = f"/{db_path.stem}/initiatives.json?{query}"
    memory_datasette = served(db_path, metadata, immutable=True)
    in_memory = get_json(memory_datasette, path)
    sql = get_json(served(db_path, metadata, immutable=False), path)
    assert in_memory["facet_results"] == sql["facet_results"]
    assert not facet_sql(memory_datasette, path)
    assert len(sql["facet_results"]) >= 6
