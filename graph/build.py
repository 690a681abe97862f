"""Records -> a NetworkX MultiDiGraph whose edges are keyed by relation type and keep their evidence.

Nodes are documents, goals, initiatives, offices and target groups, each with ``type`` and ``label``;
edges are the relations the parsers read (aligns_with, supports, responsible, mentions, targets, part_of)
and the ``continues`` relations of the cross-year lineage over all the extractions given.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from planarkiv.schema import Extraction, Relation

from .lineage import continues
from .nodes import edge, node


def _with_page(record: dict) -> dict:
    record["page"] = record.pop("provenance")["page"]
    return record


def add_relations(graph: nx.MultiDiGraph, relations: Iterable[Relation]) -> None:
    for rel in relations:
        graph.add_edge(rel.source_id, rel.target_id, key=rel.type.value,
                       **edge(rel.type.value, rel.score, rel.evidence, rel.page))


def build_graph(extractions: Iterable[Extraction]) -> nx.MultiDiGraph:
    extractions = list(extractions)
    graph = nx.MultiDiGraph()
    for ex in extractions:
        doc = ex.document
        graph.add_node(doc.id, **node("document", doc.title, doc.model_dump(mode="json")))
        for goal in ex.goals:
            record = _with_page(goal.model_dump(mode="json"))
            graph.add_node(goal.id, **node("goal", goal.text, record, doc.id))
        for initiative in ex.initiatives:
            record = _with_page(initiative.model_dump(mode="json"))
            graph.add_node(initiative.id, **node("initiative", initiative.title, record, doc.id))
        for office in ex.offices:
            graph.add_node(office.id, **node("office", office.name, office.model_dump(mode="json")))
        for group in ex.target_groups:
            graph.add_node(group.id, **node("target_group", group.name, {}))
        add_relations(graph, ex.relations)
    add_relations(graph, continues(extractions))
    return graph
