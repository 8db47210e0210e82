"""GraphML, GEXF and JSON text: the fixed attribute declarations, and text XML can't hold."""

from __future__ import annotations

import pytest
from tests.graph.test_build import _corpus

from extractor.graph.build import build_graph
from extractor.graph.formats import LAYOUT, NODE_SAMPLES, XML_TYPES, graphml_declarations, xml_safe


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
def test_formats_xml_safe_replaces_one_character_for_one(text, expected):
    assert xml_safe(text) == expected and len(xml_safe(text)) == len(text)


@pytest.mark.parametrize("kind", ["actor", "document", "claim", "quote"])
def test_formats_node_samples_match_graph_nodes(kind):
    """The declarations come from `NODE_SAMPLES`: every node must have its kind's names and types, in order."""
    sample = next(sample for sample in NODE_SAMPLES if sample["kind"] == kind)
    nodes = [data for _, data in build_graph(_corpus()).nodes(data=True) if data["kind"] == kind]
    assert nodes
    for data in nodes:
        assert [(name, XML_TYPES[type(value)]) for name, value in data.items()] == [
            (name, XML_TYPES[type(value)]) for name, value in sample.items()
        ]


@pytest.mark.parametrize("name", ["n_quotes", "title", "has_figure", "doc_ids"])
def test_formats_declarations_cover_every_kind(name):
    """Declared whatever kinds a graph holds, so a document can be rendered before the graph is known."""
    assert f'attr.name="{name}"' in graphml_declarations(LAYOUT.graphml_keys)
