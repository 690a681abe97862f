"""The NetworkX graph of documents, goals, initiatives, offices and target groups."""

from .build import build_graph, graph_of_records, load_graph
from .export import to_graphml, to_json
from .lineage import continues, relations

__all__ = ["build_graph", "continues", "graph_of_records", "load_graph", "relations", "to_graphml", "to_json"]
