"""The graph rebuilt from a published database: the same nodes and edges ``build_graph`` gave, read from
the tables ``documents``, ``goals``, ``initiatives``, ``offices``, ``target_groups`` and ``relations``
(so the lineage is not computed again)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import networkx as nx
import sqlite_utils

from .nodes import FIELDS, edge, node

# Node type -> its table and the column that labels it.
TABLES = {
    "document": ("documents", "title"),
    "goal": ("goals", "text"),
    "initiative": ("initiatives", "title"),
    "office": ("offices", "name"),
    "target_group": ("target_groups", "name"),
}


def load_graph(db_path: Path | str) -> nx.MultiDiGraph:
    """The graph of the database at ``db_path``, opened read-only."""
    conn = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        db = sqlite_utils.Database(conn)
        graph = nx.MultiDiGraph()
        for node_type, (table, label) in TABLES.items():
            has_document = node_type in ("goal", "initiative")
            columns = ["id", label, *FIELDS[node_type], *(["document_id"] if has_document else [])]
            for row in db.query(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid"):
                document = row["document_id"] if has_document else None
                graph.add_node(row["id"], **node(node_type, row[label], row, document))
        for row in db.query("SELECT source_id, target_id, type, score, evidence, page FROM relations "
                            "ORDER BY rowid"):
            graph.add_edge(row["source_id"], row["target_id"], key=row["type"],
                           **edge(row["type"], row["score"], row["evidence"], row["page"]))
        return graph
    finally:
        conn.close()
