"""The graph: built from the bundled corpus, published and loaded back unchanged, exported for Gephi."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from planarkiv.cli import main
from planarkiv.corpus.publish import publish
from planarkiv.graph import build_graph, load_graph, to_graphml, to_json
from planarkiv.schema import Extraction, RelationType

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GRAPHML_TYPES = {"boolean", "int", "long", "float", "double", "string"}


@pytest.fixture(scope="module")
def graph(bundled_extractions: dict[str, Extraction]) -> nx.MultiDiGraph:
    return build_graph(bundled_extractions.values())


@pytest.fixture(scope="module")
def db_path(bundled_extractions: dict[str, Extraction], graph: nx.MultiDiGraph,
            tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "planarkiv.db"
    publish(path, bundled_extractions.values(), graph)
    return path


def _edges(graph: nx.MultiDiGraph) -> dict[tuple, dict]:
    return {(u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)}


def test_every_record_is_a_node_with_type_and_label(bundled_extractions: dict[str, Extraction],
                                                    graph: nx.MultiDiGraph) -> None:
    for ex in bundled_extractions.values():
        expected = {ex.document.id: "document"} | {g.id: "goal" for g in ex.goals} | {
            i.id: "initiative" for i in ex.initiatives} | {o.id: "office" for o in ex.offices} | {
            t.id: "target_group" for t in ex.target_groups}
        for node_id, node_type in expected.items():
            assert graph.nodes[node_id]["type"] == node_type
            assert graph.nodes[node_id]["label"]
        for initiative in ex.initiatives:
            assert graph.nodes[initiative.id]["document"] == ex.document.id
            assert graph.nodes[initiative.id]["page"] == initiative.provenance.page


def test_every_relation_of_the_records_is_an_edge_with_its_evidence(
        bundled_extractions: dict[str, Extraction], graph: nx.MultiDiGraph) -> None:
    edges = _edges(graph)
    for ex in bundled_extractions.values():
        for rel in ex.relations:
            data = edges[(rel.source_id, rel.target_id, rel.type.value)]
            assert data["type"] == rel.type.value
            assert data.get("evidence") == (rel.evidence or None)
            assert data.get("page") == rel.page
    assert {key for _, _, key in edges} == {t.value for t in RelationType}


def test_continues_links_the_2010_sheet_to_the_2027_card(graph: nx.MultiDiGraph) -> None:
    """The domain guide's example: "Job og uddannelse til dømte unge" (2010) is continued in 2027."""
    links = [(graph.nodes[u]["label"], graph.nodes[v]["label"], d) for u, v, k, d in
             graph.edges(keys=True, data=True) if k == "continues"]
    found = [d for later, earlier, d in links
             if earlier == "Job og uddannelse til dømte unge" and later.startswith("Videreførelse af job og")]
    assert len(found) == 1
    assert 0 < found[0]["score"] <= 1 and "titel" in found[0]["evidence"]


def test_attributes_are_graphml_safe(graph: nx.MultiDiGraph) -> None:
    types: dict[str, set[type]] = {}
    for _, data in [*graph.nodes(data=True), *((k, d) for *_, k, d in graph.edges(keys=True, data=True))]:
        for name, value in data.items():
            assert isinstance(value, str | int | float) and not isinstance(value, bool), (name, value)
            types.setdefault(name, set()).add(type(value))
    assert all(len(found) == 1 for found in types.values()), types


def test_load_graph_gives_back_the_built_graph(graph: nx.MultiDiGraph, db_path: Path) -> None:
    loaded = load_graph(db_path)
    assert dict(loaded.nodes(data=True)) == dict(graph.nodes(data=True))
    assert _edges(loaded) == _edges(graph)


def test_relations_table_shows_continued_initiatives(db_path: Path) -> None:
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT score, evidence FROM relations WHERE type = 'continues'").fetchall()
    assert rows and all(score > 0 and evidence for score, evidence in rows)


def test_graphml_declares_typed_keys_and_node_labels(graph: nx.MultiDiGraph) -> None:
    """What Gephi needs: every <data> refers to a <key> declared with a GraphML type, and every node has a
    ``label``. (No GraphML XSD validation: neither xmllint nor lxml is installed.)"""
    text = to_graphml(graph)
    root = ET.fromstring(text.encode("utf-8"))
    keys = {k.get("id"): k for k in root.iter(f"{GRAPHML}key")}
    assert all(k.get("attr.type") in GRAPHML_TYPES for k in keys.values())
    assert all(k.get("for") in {"node", "edge"} for k in keys.values())
    label = next(i for i, k in keys.items() if k.get("attr.name") == "label" and k.get("for") == "node")
    for element in root.iter(f"{GRAPHML}data"):
        assert element.get("key") in keys
    nodes = list(root.iter(f"{GRAPHML}node"))
    assert len(nodes) == graph.number_of_nodes()
    assert all(any(d.get("key") == label and d.text for d in n.iter(f"{GRAPHML}data")) for n in nodes)
    edges = list(root.iter(f"{GRAPHML}edge"))
    # Gephi keeps one edge per id
    assert len({e.get("id") for e in edges}) == len(edges) == graph.number_of_edges()
    back = nx.read_graphml(io.BytesIO(text.encode("utf-8")), force_multigraph=True)
    assert back.is_directed()
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted((u, v, d.pop("label"), d) for u, v, d in back.edges(data=True)) == sorted(
        (u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True))


def test_node_link_json_round_trips(graph: nx.MultiDiGraph) -> None:
    back = nx.node_link_graph(json.loads(to_json(graph)), edges="edges")
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert _edges(back) == _edges(graph)


def test_graph_command_exports_the_database(db_path: Path, graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["graph", "--db", str(db_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)["edges"]) == graph.number_of_edges()
    out = tmp_path / "planarkiv.graphml"
    result = CliRunner().invoke(main, ["graph", "--db", str(db_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out, force_multigraph=True).number_of_nodes() == graph.number_of_nodes()
