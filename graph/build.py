"""Records -> a NetworkX MultiDiGraph whose edges are keyed by relation type and keep their evidence."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from planarkiv.schema import Extraction


def build_graph(extractions: Iterable[Extraction]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for ex in extractions:
        doc = ex.document
        graph.add_node(doc.id, type="document", kind=doc.kind.value, label=doc.title, year=doc.year)
        for goal in ex.goals:
            graph.add_node(goal.id, type="goal", kind=goal.kind.value, label=goal.text, document=doc.id)
        for initiative in ex.initiatives:
            graph.add_node(initiative.id, type="initiative", label=initiative.title, document=doc.id)
        for office in ex.offices:
            graph.add_node(office.id, type="office", label=office.name)
        for group in ex.target_groups:
            graph.add_node(group.id, type="target_group", label=group.name)
        for rel in ex.relations:
            graph.add_edge(rel.source_id, rel.target_id, key=rel.type.value,
                           score=rel.score, evidence=rel.evidence, page=rel.page)
    return graph
