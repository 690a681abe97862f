"""The graph as GraphML (for Gephi, yEd, Cytoscape) and as node-link JSON (for d3 and Python)."""

from __future__ import annotations

import io
import json

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter


def to_graphml(graph: nx.MultiDiGraph) -> str:
    """GraphML with a typed ``<key>`` for every attribute; a node's name is its ``label`` attribute.

    Written for Gephi's GraphML importer, which reads keys by their id before their ``attr.name``:
    - the keys are named after what they hold (``node_year``, ``edge_label``). networkx numbers them
      d0, d1, …, and Gephi takes a node key with the id ``d3`` and an edge key with the id ``d7`` for the
      label (yEd's numbering), so a document was labelled with its year;
    - networkx writes an edge's key as its GraphML id, and the keys here are relation types, shared by
      many edges; Gephi keeps only the first edge of an id. So the edges are written with ids of their own
      ("e0", "e1", …) and their relation type as ``type`` and as ``label``.
    """
    export = nx.MultiDiGraph()
    export.add_nodes_from(graph.nodes(data=True))
    for n, (source, target, key, data) in enumerate(graph.edges(keys=True, data=True)):
        export.add_edge(source, target, key=f"e{n}", **data, label=key)
    writer = GraphMLWriter(encoding="utf-8")
    writer.add_graph_element(export)
    ids = {}
    for key in writer.xml.iter("key"):
        ids[key.get("id")] = f"{key.get('for')}_{key.get('attr.name')}"
        key.set("id", ids[key.get("id")])
    for data in writer.xml.iter("data"):
        data.set("key", ids[data.get("key")])
    buffer = io.BytesIO()
    writer.dump(buffer)
    return buffer.getvalue().decode("utf-8")


def to_json(graph: nx.MultiDiGraph) -> str:
    """Node-link JSON (``networkx.node_link_data``): ``nodes`` and ``edges``, each edge with its ``key``."""
    return json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1)
