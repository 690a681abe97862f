"""Node and edge attributes, GraphML-safe: scalar values only, a missing value left out rather than None,
and every attribute always of one type (Gephi declares one type per attribute).

A node carries ``type``, ``label`` (its table's label column), ``document`` (for a record of a document)
and the fields whose ``Column`` says ``graph`` (``corpus/tables.py``); an edge its relation ``type``,
``score``, ``evidence`` and ``page``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planarkiv.corpus.tables import NODE_TABLES


def columns(node_type: str) -> list[str]:
    """The columns of a node's table that its attributes are made of."""
    table = NODE_TABLES[node_type]
    return ["id", table.label or "id", *table.graph_attributes(),
            *(["document_id"] if "document_id" in table.columns else [])]


def node(node_type: str, row: Mapping[str, Any]) -> dict:
    """The attributes of a node of ``node_type`` ("document", "goal", …) from its table row."""
    table = NODE_TABLES[node_type]
    attributes: dict[str, Any] = {"type": node_type, "label": row[table.label or "id"]}
    if row.get("document_id"):
        attributes["document"] = row["document_id"]
    for name in table.graph_attributes():
        value = row.get(name)
        if value is not None:
            attributes[name] = int(value) if table.columns[name][0] is int else str(value)
    return attributes


def edge(row: Mapping[str, Any]) -> dict:
    """The attributes of an edge from its ``relations`` row (the key is the relation type, repeated as
    ``type`` for exports)."""
    attributes: dict[str, Any] = {"type": row["type"]}
    if row.get("score") is not None:
        attributes["score"] = float(row["score"])
    if row.get("evidence"):
        attributes["evidence"] = row["evidence"]
    if row.get("page") is not None:
        attributes["page"] = int(row["page"])
    return attributes
