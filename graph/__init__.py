"""The NetworkX graph of documents, goals, initiatives, offices and target groups."""

from .build import build_graph
from .export import to_graphml, to_json
from .lineage import continues
from .load import load_graph

__all__ = ["build_graph", "continues", "load_graph", "to_graphml", "to_json"]
