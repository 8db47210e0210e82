"""The graph's files: text XML can't hold, and `--excel-safe` CSV cells."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from extractor.graph.files import write_edges_csv, write_gexf, write_graphml, write_nodes_csv, xml_safe


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    "text,expected",
    [
        ("a\x1b[31mb", "a\u241b[31mb"),
        ("bell\x07", "bell\u2407"),
        ("v\x0btab", "v\u240btab"),
        ("nul\x00", "nul\u2400"),
        ("lone\ud800", "lone\ufffd"),
        ("\ufffe\uffff", "\ufffd\ufffd"),
        ("tab\tnew\nline\rok", "tab\tnew\nline\rok"),
        ("plain é \U0001f600", "plain é \U0001f600"),
    ],
)
def test_files_xml_safe_replaces_one_character_for_one(text, expected):
    assert xml_safe(text) == expected and len(xml_safe(text)) == len(text)


def _hostile_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("doc:a\x1bb", kind="document", label="Storm\x07 hits\x0b coast", doc_id="a\x1bb", n_mentions=2)
    graph.add_node("doc:n\x00ul", kind="document", label='=HYPERLINK("x")', doc_id="n\x00ul", n_mentions=0)
    graph.add_edge("doc:a\x1bb", "doc:n\x00ul", key="in", id="in:doc:a\x1bb->doc:n\x00ul", kind="in", weight=1)
    return graph


@pytest.mark.issue(14)
@pytest.mark.parametrize("write", [write_graphml, write_gexf])
def test_files_xml_writers_take_control_characters(tmp_path, write):
    """Before: GraphML raised `All strings must be XML compatible`, GEXF wrote a file no parser reads."""
    path = tmp_path / "graph.xml"
    write(_hostile_graph(), path)
    ET.parse(path)  # well-formed XML
    assert "Storm\u2407 hits\u240b coast" in path.read_text(encoding="utf-8")


@pytest.mark.issue(14)
def test_files_graphml_reads_back_with_pictured_ids(tmp_path):
    write_graphml(_hostile_graph(), tmp_path / "graph.graphml")
    graph = nx.read_graphml(tmp_path / "graph.graphml")
    assert list(graph.nodes) == ["doc:a\u241bb", "doc:n\u2400ul"]
    assert graph.number_of_edges() == 1


@pytest.mark.issue(14)
@pytest.mark.parametrize("excel_safe", [False, True])
def test_files_node_and_edge_csv_follow_excel_safe(tmp_path, excel_safe):
    write_nodes_csv(_hostile_graph(), tmp_path / "nodes.csv", excel_safe=excel_safe)
    write_edges_csv(_hostile_graph(), tmp_path / "edges.csv", excel_safe=excel_safe)
    with (tmp_path / "nodes.csv").open(encoding="utf8", newline="") as handle:
        labels = [row["label"] for row in csv.DictReader(handle)]
    assert labels[0] == "Storm\x07 hits\x0b coast"  # CSV keeps the text as it is
    assert labels[1] == ("'" if excel_safe else "") + '=HYPERLINK("x")'
