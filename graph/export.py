"""The graph as GraphML (for Gephi, yEd, Cytoscape) and as node-link JSON (for d3 and Python)."""

from __future__ import annotations

import io
import json

import networkx as nx


def to_graphml(graph: nx.MultiDiGraph) -> str:
    """GraphML with a typed ``<key>`` for every attribute; a node's name is its ``label`` attribute.

    networkx writes an edge's key as its GraphML id, and the keys here are relation types, shared by many
    edges; Gephi keeps only the first edge of an id. So the edges are written with ids of their own
    ("e0", "e1", …) and their relation type as ``type`` and as ``label``.
    """
    export = nx.MultiDiGraph()
    export.add_nodes_from(graph.nodes(data=True))
    for n, (source, target, key, data) in enumerate(graph.edges(keys=True, data=True)):
        export.add_edge(source, target, key=f"e{n}", **data, label=key)
    buffer = io.BytesIO()
    nx.write_graphml(export, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def to_json(graph: nx.MultiDiGraph) -> str:
    """Node-link JSON (``networkx.node_link_data``): ``nodes`` and ``edges``, each edge with its ``key``."""
    return json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1)
