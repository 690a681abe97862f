"""Node and edge attributes, one definition for the graph built from records and the one loaded from the
database, GraphML-safe: scalar values only, a missing value left out rather than None, and every
attribute always of one type (Gephi declares one type per attribute)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# The record fields each kind of node carries besides ``type``, ``label`` and ``document``; the published
# tables have columns of the same names.
FIELDS = {
    "document": ("kind", "year", "series", "period_start", "period_end", "pages"),
    "goal": ("kind", "number", "target_group", "year", "status", "section", "page"),
    "initiative": ("number", "status", "assessment", "section", "origin", "card_number", "page"),
    "office": ("abbreviation", "kind"),
    "target_group": (),
}
INTEGERS = frozenset({"year", "period_start", "period_end", "pages", "page", "card_number"})


def _value(name: str, value: Any) -> Any:
    if name in INTEGERS:
        return int(value)
    return str(value)


def node(node_type: str, label: str, record: Mapping[str, Any], document: str | None = None) -> dict:
    """The attributes of a node of ``node_type`` ("document", "goal", …) from its record's fields."""
    attributes: dict[str, Any] = {"type": node_type, "label": label}
    if document:
        attributes["document"] = document
    for name in FIELDS[node_type]:
        if record.get(name) is not None:
            attributes[name] = _value(name, record[name])
    return attributes


def edge(relation_type: str, score: float | None, evidence: str | None, page: int | None) -> dict:
    """The attributes of an edge (its key is the relation type, repeated as ``type`` for exports)."""
    attributes: dict[str, Any] = {"type": relation_type}
    if score is not None:
        attributes["score"] = float(score)
    if evidence:
        attributes["evidence"] = evidence
    if page is not None:
        attributes["page"] = int(page)
    return attributes
