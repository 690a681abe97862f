"""The NetworkX graph for export and analysis: a MultiDiGraph whose edges are keyed by relation type and
keep their evidence, built by one function, ``build_graph``, from table rows.

Nodes are documents, goals, initiatives, offices and target groups (``nodes.py``); edges are the
relations. The rows come from a published database (``load_graph``, so the lineage is not computed
again) or from records not published (``graph_of_records``: the rows they would be published as), so both
give the same graph.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from planarkiv.corpus.tables import NODE_TABLES, TABLES, records
from planarkiv.schema import Extraction, Relation

from .nodes import columns, edge, node

Rows = Iterable[Mapping[str, Any]]


def build_graph(tables: Mapping[str, Rows]) -> nx.MultiDiGraph:
    """The graph of table rows: table name (``documents``, ``goals``, …, ``relations``) -> its rows."""
    graph = nx.MultiDiGraph()
    for node_type, table in NODE_TABLES.items():
        for row in tables.get(table.name, ()):
            graph.add_node(row["id"], **node(node_type, row))
    for row in tables.get("relations", ()):
        graph.add_edge(row["source_id"], row["target_id"], key=str(row["type"]), **edge(row))
    return graph


def graph_of_records(extractions: Iterable[Extraction], relations: Iterable[Relation]) -> nx.MultiDiGraph:
    """The graph of ``extractions`` and ``relations`` (every relation: each document's own and the
    ``continues`` between them, ``graph.lineage.relations``)."""
    tables: dict[str, list[dict]] = {table.name: [] for table in NODE_TABLES.values()}
    for extraction in extractions:
        for name, found in records(extraction).items():
            if name in tables:
                tables[name].extend(TABLES[name].row(record) for record in found)
    tables["relations"] = [TABLES["relations"].row(relation) for relation in relations]
    return build_graph(tables)


def load_graph(db_path: Path | str) -> nx.MultiDiGraph:
    """The graph of the database at ``db_path``, opened read-only."""
    conn = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        tables: dict[str, list[sqlite3.Row]] = {}
        for node_type, table in NODE_TABLES.items():
            tables[table.name] = conn.execute(
                f"SELECT {', '.join(columns(node_type))} FROM {table.name} ORDER BY rowid").fetchall()
        tables["relations"] = conn.execute("SELECT source_id, target_id, type, score, evidence, page "
                                           "FROM relations ORDER BY rowid").fetchall()
        return build_graph({name: [dict(row) for row in rows] for name, rows in tables.items()})
    finally:
        conn.close()
