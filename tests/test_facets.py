"""Facets of a search: the plugin's array facet (``array: offices``) counts each row once per value, as
Datasette's own does, while reading only the row's key and list instead of all of its texts."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

from datasette.app import Datasette

from planarkiv.datasette_plugin import KeyedArrayFacet

ROWS = [  # (id, offices, text)
    ("a", ["BIF", "SOF"], "jobklub for akademikere"),
    ("b", ["BIF", "BIF"], "jobklub med samme enhed to gange"),
    ("c", ["SOF"], "jobklub"),
    ("d", ["SOF"], "jobklub"),  # the same list and text as "c": a row of its own all the same
    ("e", ["BIF"], "virksomhedsservice"),
    ("f", None, "jobklub uden enheder"),
]


def facet_counts(db_path: Path, query: str) -> dict[str, int]:
    metadata = {"databases": {db_path.stem: {"tables": {"initiatives": {"facets": [{"array": "offices"}]}}}}}
    datasette = Datasette([str(db_path)], metadata=metadata, settings={"facet_time_limit_ms": 10_000})

    async def get() -> dict:
        response = await datasette.client.get(f"/{db_path.stem}/initiatives.json?{query}")
        assert response.status_code == 200, response.text
        return response.json()

    data = asyncio.run(get())
    return {row["value"]: row["count"] for row in data["facet_results"]["offices"]["results"]}


def test_array_facet_counts_each_matching_row_once_per_value(tmp_path: Path) -> None:
    db_path = tmp_path / "facets.db"
    conn = sqlite3.connect(db_path)
    conn.execute("create table initiatives (id text primary key, offices text, text text)")
    conn.executemany("insert into initiatives values (?, ?, ?)",
                     [(i, json.dumps(offices) if offices else None, text) for i, offices, text in ROWS])
    conn.execute('create virtual table initiatives_fts using fts5(text, content="initiatives")')
    conn.execute("insert into initiatives_fts(initiatives_fts) values ('rebuild')")
    conn.commit()
    conn.close()
    assert facet_counts(db_path, "_search=jobklub") == {"BIF": 2, "SOF": 3}
    assert facet_counts(db_path, "") == {"BIF": 3, "SOF": 3}
    assert facet_counts(db_path, "offices__arraycontains=BIF") == {"BIF": 3, "SOF": 1}


def test_plugin_replaces_datasettes_array_facet() -> None:
    from datasette.plugins import pm

    classes = [cls for group in pm.hook.register_facet_classes() for cls in group]
    assert KeyedArrayFacet in classes
    assert [cls.type for cls in classes].count("array") == 1
