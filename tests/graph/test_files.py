"""The graph's files: document order, what networkx reads back, text XML can't hold, `--excel-safe` CSV cells."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from networkx.readwrite.gexf import GEXFWriter
from tests.graph.test_build import _corpus

from extractor.graph.build import assemble_graph, build_graph
from extractor.graph.columns import GRAPH_FILES
from extractor.graph.files import write_graph_files
from extractor.graph.records import Edge, document_attributes


def _one_document() -> dict[str, list]:
    """The corpus's first document alone: every node and edge kind, one `co_quoted` pair."""
    return {
        name: [row for row in rows if getattr(row, "doc_id", "a.txt") == "a.txt"] for name, rows in _corpus().items()
    }


def _networkx_files(graph: nx.MultiDiGraph, folder: Path) -> Path:
    """GraphML, GEXF and node-link JSON as networkx writes them (`files.py` used them before document order)."""
    folder.mkdir()
    nx.write_graphml(
        graph, folder / GRAPH_FILES["graphml"], encoding="utf-8", prettyprint=True, edge_id_from_attribute="id"
    )
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    writer.xml.find("meta").attrib.pop("lastmodifieddate", None)
    writer.add_graph(graph)
    with (folder / GRAPH_FILES["gexf"]).open("wb") as file:
        writer.write(file)
    data = nx.node_link_data(graph, edges="edges")
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
    (folder / GRAPH_FILES["json"]).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_files_one_document_equals_networkx_writers(tmp_path, fmt):
    """Where networkx's order (edges by source node) is the files' order, its writers write the same bytes."""
    graph = build_graph(_one_document())
    assert {kind for _, kind in graph.nodes(data="kind")} == {"actor", "document", "quote", "claim"}
    ours = tmp_path / "ours"
    ours.mkdir()
    write_graph_files(graph, ours, excel_safe=False)
    expected = _networkx_files(graph, tmp_path / "networkx")
    filename = GRAPH_FILES[fmt]
    assert (ours / filename).read_bytes() == (expected / filename).read_bytes()


def _read_back(path: Path, fmt: str) -> nx.MultiDiGraph:
    if fmt == "graphml":
        return nx.read_graphml(path, force_multigraph=True)
    if fmt == "gexf":
        return nx.read_gexf(path)
    return nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")


def _edges(graph: nx.MultiDiGraph) -> list[tuple]:
    return sorted((u, v, data["kind"], data["weight"], data["doc_ids"]) for u, v, data in graph.edges(data=True))


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_files_read_back_equal_build_graph(tmp_path, fmt):
    graph = build_graph(_corpus())
    write_graph_files(graph, tmp_path, excel_safe=False)
    read = _read_back(tmp_path / GRAPH_FILES[fmt], fmt)
    assert list(read.nodes(data=True)) == list(graph.nodes(data=True))
    assert _edges(read) == _edges(graph)


def _hostile_graph() -> nx.MultiDiGraph:
    def document(doc_id: str, title: str) -> tuple[str, dict]:
        row = {"doc_id": doc_id, "title": title, "date": None, "url": None, "source": None}
        return f"doc:{doc_id}", document_attributes(row)

    nodes = [document("a\x1bb", "Storm\x07 hits\x0b coast"), document("n\x00ul", '=HYPERLINK("x")')]
    return assemble_graph(nodes, [Edge("doc:a\x1bb", "doc:n\x00ul", "in", 1, "a\x1bb")])


@pytest.mark.issue(14)
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_files_xml_writers_take_control_characters(tmp_path, fmt):
    """Before: GraphML raised `All strings must be XML compatible`, GEXF wrote a file no parser reads."""
    write_graph_files(_hostile_graph(), tmp_path, excel_safe=False)
    path = tmp_path / GRAPH_FILES[fmt]
    ET.parse(path)  # well-formed XML
    assert "Storm\u2407 hits\u240b coast" in path.read_text(encoding="utf-8")


@pytest.mark.issue(14)
def test_files_graphml_reads_back_with_pictured_ids(tmp_path):
    write_graph_files(_hostile_graph(), tmp_path, excel_safe=False)
    graph = nx.read_graphml(tmp_path / "graph.graphml")
    assert list(graph.nodes) == ["doc:a\u241bb", "doc:n\u2400ul"]
    assert graph.number_of_edges() == 1


@pytest.mark.issue(14)
@pytest.mark.parametrize("excel_safe", [False, True])
def test_files_node_and_edge_csv_follow_excel_safe(tmp_path, excel_safe):
    write_graph_files(_hostile_graph(), tmp_path, excel_safe=excel_safe)
    with (tmp_path / "nodes.csv").open(encoding="utf8", newline="") as handle:
        labels = [row["label"] for row in csv.DictReader(handle)]
    assert labels[0] == "Storm\x07 hits\x0b coast"  # CSV keeps the text as it is
    assert labels[1] == ("'" if excel_safe else "") + '=HYPERLINK("x")'
