"""The NetworkX graph of documents, goals, initiatives, offices and target groups."""

from .build import build_graph

__all__ = ["build_graph"]
