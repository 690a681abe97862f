"""The graph: built from the bundled corpus, published and loaded back unchanged, exported for Gephi."""

from __future__ import annotations

import io
import json
import re
import struct
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
import xmlschema
from click.testing import CliRunner

from planarkiv.cli import main
from planarkiv.corpus.publish import publish
from planarkiv.graph import graph_of_records, load_graph, relations, to_graphml, to_json
from planarkiv.schema import Extraction, RelationType

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GRAPHML_SCHEMA = Path(__file__).parent / "data" / "graphml" / "graphml.xsd"
JAVA_NUMBER = re.compile(r"[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)")


def _java_double(text: str) -> float:
    """Java's Double.parseDouble, which does not read Python's ``nan`` and ``inf``."""
    assert JAVA_NUMBER.fullmatch(text.strip()), text
    return float(text.strip().rstrip("fFdD"))


def _java_float(text: str) -> float:
    return struct.unpack("f", struct.pack("f", _java_double(text)))[0]


def _java_integer(bits: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        assert re.fullmatch(r"[+-]?\d+", text) and -(2 ** (bits - 1)) <= int(text) < 2 ** (bits - 1), text
        return int(text)
    return parse


# Gephi's GraphML importer (gephi/gephi, modules/ImportPlugin/src/main/java/org/gephi/io/importer/plugin/
# file/ImporterGraphML.java, commit 1fba8c1a): a <key> whose id, or else whose attr.name, is one of these
# names (ignoring case) sets a property of the node or edge instead of making a column; "d3" and "d7" are the
# ids yEd gives its label keys. Property values are parsed as the property needs (an edge's "id" is read and
# dropped), column values by the key's attr.type.
GEPHI_PROPERTIES = {
    "node": {"label": "label", "d3": "label", "x": "x", "xpos": "x", "y": "y", "ypos": "y", "z": "z",
             "size": "size", "r": "r", "g": "g", "b": "b", "color": "color"},
    "edge": {"label": "label", "edgelabel": "label", "d7": "label", "weight": "weight",
             "edge weight": "weight", "id": "id", "edgeid": "id", "r": "r", "g": "g", "b": "b",
             "color": "color"},
}
GEPHI_PROPERTY_VALUES: dict[str, Callable[[str], object] | None] = {
    "label": str, "color": str, "id": None,
} | {name: _java_integer(32) for name in ("r", "g", "b")} | {
    name: lambda text: _java_float(text.replace(",", ".")) for name in ("x", "y", "z", "size", "weight")}
GEPHI_COLUMN_VALUES: dict[str, Callable[[str], object]] = {
    "boolean": lambda text: text.lower() == "true", "int": _java_integer(32), "long": _java_integer(64),
    "float": _java_float, "double": _java_double, "string": str,
}


def _gephi_import(text: str) -> tuple[dict[str, dict], dict[tuple[str, str], dict]]:
    """What Gephi makes of a GraphML file with its default import settings: the nodes by id and the edges by
    (source, target), each as {column title or property: value}, its label under "label".

    Follows ImporterGraphML.java (keys, properties, values; an empty value is skipped),
    ImportContainerImpl.java (an edge whose id was seen before is dropped) and DefaultProcessor.java (edges
    between the same two nodes are merged into one, the default edges merge strategy being "Sum", and the
    later values win). What Gephi reports as an import issue, or passes over in silence, fails an assertion.
    """
    root = ET.fromstring(text.encode("utf-8"))
    readers: dict[tuple[str, str], tuple[str, Callable[[str], object] | None]] = {}
    for key in root.iter(f"{GRAPHML}key"):
        scope, key_id = key.get("for", "all"), key.get("id", "")
        name = key.get("attr.name") or key_id
        properties = GEPHI_PROPERTIES.get(scope, {})
        prop = properties.get(key_id.lower()) or properties.get(name.lower())
        if prop:
            readers[scope, key_id] = prop, GEPHI_PROPERTY_VALUES[prop]
        else:
            assert scope in {"node", "edge"}, f"{name}: Gephi reads for={scope!r} as a node key or not at all"
            assert key.get("attr.type") in GEPHI_COLUMN_VALUES, f"{name}: Gephi skips a key of unknown type"
            readers[scope, key_id] = name, GEPHI_COLUMN_VALUES[key.get("attr.type", "")]
    [graph] = root.findall(f"{GRAPHML}graph")
    assert graph.get("edgedefault") == "directed"
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str], dict] = {}
    edge_ids = set()
    for element in graph:
        if element.tag == f"{GRAPHML}node":
            nodes[element.get("id", "")] = _gephi_values(element, "node", readers)
        elif element.tag == f"{GRAPHML}edge" and element.get("id") not in edge_ids:
            if element.get("id"):
                edge_ids.add(element.get("id"))
            source, target = element.get("source", ""), element.get("target", "")
            assert source in nodes and target in nodes, "an edge before its nodes: Gephi makes them from ids"
            edges.setdefault((source, target), {}).update(_gephi_values(element, "edge", readers))
    return nodes, edges


def _gephi_values(element: ET.Element, scope: str,
                  readers: dict[tuple[str, str], tuple[str, Callable[[str], object] | None]]) -> dict:
    found = {}
    for data in element.findall(f"{GRAPHML}data"):
        assert (scope, data.get("key")) in readers, f"Gephi passes over data of undeclared {data.get('key')}"
        title, parse = readers[scope, data.get("key", "")]
        if (data.text or "").strip() and parse:
            found[title] = parse(data.text or "")
    return found


@pytest.fixture(scope="module")
def graph(bundled_extractions: dict[str, Extraction]) -> nx.MultiDiGraph:
    return graph_of_records(bundled_extractions.values(), relations(bundled_extractions.values()))


@pytest.fixture(scope="module")
def db_path(bundled_extractions: dict[str, Extraction], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "planarkiv.db"
    publish(path, bundled_extractions.values(), relations(bundled_extractions.values()))
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


def test_graphml_is_valid_against_the_graphml_schema(graph: nx.MultiDiGraph) -> None:
    """The GraphML 1.0 XML Schema (tests/data/graphml): keys typed with GraphML's six types, unique key, node
    and edge ids, every ``<data>`` refers to a declared key and every edge to a declared node."""
    schema = xmlschema.XMLSchema(GRAPHML_SCHEMA)
    assert [f"{e.path}: {e.reason}" for e in schema.iter_errors(to_graphml(graph))] == []


def test_gephi_reads_every_node_and_edge_with_its_label_and_attributes(graph: nx.MultiDiGraph) -> None:
    nodes, edges = _gephi_import(to_graphml(graph))
    assert nodes == dict(graph.nodes(data=True))
    assert len(edges) == graph.number_of_edges(), "Gephi merges edges between the same two nodes"
    for (source, target), data in edges.items():
        [(relation, original)] = graph[source][target].items()
        assert data == original | {"label": relation}


def test_gephi_labels_do_not_depend_on_the_number_of_attributes() -> None:
    """Enough attributes that networkx's key numbering reaches a node key d3 and an edge key d7."""
    small = nx.MultiDiGraph()
    small.add_node("a", label="Jobklub", **{f"n{i}": i for i in range(4)})
    small.add_node("b", label="Akademikere")
    small.add_edge("a", "b", key="targets", **{f"e{i}": i / 2 for i in range(8)})
    nodes, edges = _gephi_import(to_graphml(small))
    assert nodes == dict(small.nodes(data=True))
    assert edges == {("a", "b"): small.edges["a", "b", "targets"] | {"label": "targets"}}


def test_graphml_reads_back_into_networkx(graph: nx.MultiDiGraph) -> None:
    text = to_graphml(graph)
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
