from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from tests.rows import quote_row

from extractor.graph.build import build_graph, write_graph
from extractor.graph.columns import EDGE_COLUMNS, GRAPH_FILES, NODE_COLUMNS
from extractor.graph.files import file_order
from extractor.outputs.loading import MissingTableError, load
from extractor.types import TABLES, ActorRow, ClaimRow, DocumentRow, EntityRow, MentionRow, QuoteRow

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
TEXT_A = (
    'Biden said "We stand with Ukraine and Zelensky." Zelensky said "Thank you, Biden." '
    "Zelensky condemned the attack on Kyiv."
)
TEXT_B = (
    'Zelensky said "Help is coming." Biden added "We will not stop," he said, "not before Kyiv is safe." '
    'An official said "No comment."'
)
ACTORS = {
    "biden": ("Joe Biden", "person"),
    "zelensky": ("Volodymyr Zelensky", "person"),
    "ukraine": ("Ukraine", "place"),
    "kyiv": ("Kyiv", "place"),
}


def _at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def _mention(doc_id: str, text: str, part: str, actor: str, nth: int = 0) -> MentionRow:
    start, end = _at(text, part, nth)
    kind = ACTORS[actor][1]
    return MentionRow(
        mention_id=f"m-{doc_id}-{start}",
        doc_id=doc_id,
        text=part,
        start_char=start,
        end_char=end,
        label="X",
        kind=kind,
        entity_id=f"e-{doc_id}-{actor}",
        sentence_index=0,
        method="ner",
    )


def _entity(doc_id: str, actor: str) -> EntityRow:
    name, kind = ACTORS[actor]
    return EntityRow(
        entity_id=f"e-{doc_id}-{actor}",
        doc_id=doc_id,
        name=name,
        kind=kind,
        roles="",
        aliases="",
        n_mentions=1,
        first_char=0,
        actor_id=actor,
    )


def _quote(
    doc_id: str, text: str, content: str, speaker: str, actor: str, nth: int = 0, statement_id: str = ""
) -> QuoteRow:
    start, end = _at(text, content)
    s_start, s_end = _at(text, speaker, nth)
    entity_id = f"e-{doc_id}-{actor}" if actor else ""
    return quote_row(
        content,
        start,
        end_char=end,
        quote_id=f"q-{doc_id}-{start}",
        statement_id=statement_id,
        doc_id=doc_id,
        speaker_text=speaker,
        speaker_start_char=s_start,
        speaker_end_char=s_end,
        speaker_entity_id=entity_id,
    )


def _claim(doc_id: str, text: str, content: str, source: str, actor: str) -> ClaimRow:
    start, end = _at(text, content)
    s_start, s_end = _at(text, source, 2)
    return ClaimRow(
        claim_id=f"c-{doc_id}-{start}",
        doc_id=doc_id,
        kind="stance",
        text=content,
        start_char=start,
        end_char=end,
        source_text=source,
        source_start_char=s_start,
        source_end_char=s_end,
        source_entity_id=f"e-{doc_id}-{actor}",
        source_kind="person",
        cue="condemn",
        cue_start_char=None,
        polarity="negative",
        has_figure=False,
        quote_id="",
        sentence_index=0,
        method="test",
    )


def _document(doc_id: str, text: str, title: str) -> DocumentRow:
    return DocumentRow(
        doc_id=doc_id,
        source_path=doc_id,
        source_line=0,
        title=title,
        date="2024-02-07",
        url="",
        source="",
        encoding="utf-8",
        n_chars=len(text),
        n_tokens=0,
        n_sentences=0,
        body_start_char=0,
        content_sha1="sha",
        text=text,
    )


def _corpus() -> dict[str, list]:
    a, b = "a.txt", "b.txt"
    return {
        "documents": [_document(a, TEXT_A, "Aid"), _document(b, TEXT_B, "")],
        "mentions": [
            _mention(a, TEXT_A, "Biden", "biden"),
            _mention(a, TEXT_A, "Ukraine", "ukraine"),
            _mention(a, TEXT_A, "Zelensky", "zelensky"),
            _mention(a, TEXT_A, "Zelensky", "zelensky", 1),
            _mention(a, TEXT_A, "Biden", "biden", 1),
            _mention(a, TEXT_A, "Zelensky", "zelensky", 2),
            _mention(a, TEXT_A, "Kyiv", "kyiv"),
            _mention(b, TEXT_B, "Zelensky", "zelensky"),
            _mention(b, TEXT_B, "Biden", "biden"),
            _mention(b, TEXT_B, "Kyiv", "kyiv"),
        ],
        "entities": [_entity(a, name) for name in ACTORS] + [_entity(b, n) for n in ("biden", "kyiv", "zelensky")],
        "actors": [
            ActorRow(actor_id=actor_id, name=name, kind=kind, aliases="", roles="", n_documents=1, n_mentions=1)
            for actor_id, (name, kind) in ACTORS.items()
        ],
        "quotes": [
            _quote(a, TEXT_A, "We stand with Ukraine and Zelensky.", "Biden", "biden"),
            _quote(a, TEXT_A, "Thank you, Biden.", "Zelensky", "zelensky", 1),
            _quote(b, TEXT_B, "Help is coming.", "Zelensky", "zelensky"),
            # One statement interrupted by its attribution: two rows, one node.
            _quote(b, TEXT_B, "We will not stop,", "Biden", "biden"),
            _quote(b, TEXT_B, "not before Kyiv is safe.", "Biden", "biden", statement_id="q-b.txt-45"),
            _quote(b, TEXT_B, "No comment.", "An official", ""),
        ],
        "claims": [_claim(a, TEXT_A, "Zelensky condemned the attack on Kyiv.", "Zelensky", "zelensky")],
        "dates": [],
        "errors": [],
    }


@pytest.fixture()
def out_dir(tmp_path, output_folder) -> Path:
    return output_folder(tmp_path / "out", _corpus())


@pytest.mark.parametrize("source", ["rows", "frames"])
def test_graph_same_from_rows_and_frames(out_dir, source):
    tables = _corpus() if source == "rows" else load(out_dir)
    graph = build_graph(tables)
    assert isinstance(graph, nx.MultiDiGraph)
    assert nx.utils.graphs_equal(graph, build_graph(_corpus()))


@pytest.mark.parametrize("reverse", [False, True])
def test_graph_nodes_in_document_order(reverse):
    """Actors by id, then each document (in the documents table's order) with its statements by id."""
    tables = _corpus()
    if reverse:
        tables["documents"] = tables["documents"][::-1]
    a = ["doc:a.txt", "claim:c-a.txt-83", "quote:q-a.txt-12", "quote:q-a.txt-64"]
    b = ["doc:b.txt", "quote:q-b.txt-118", "quote:q-b.txt-15", "quote:q-b.txt-45"]
    actors = ["actor:biden", "actor:kyiv", "actor:ukraine", "actor:zelensky"]
    assert list(build_graph(tables).nodes) == actors + (b + a if reverse else a + b)


@pytest.mark.parametrize(
    "statements,documents,expected",
    [
        # Statements of a document the documents table lacks come after the others, by doc_id.
        (["quote:z", "quote:y"], ["a"], ["doc:a", "quote:a1", "quote:y", "quote:z"]),
        ([], ["b", "a"], ["doc:b", "doc:a", "quote:a1"]),
    ],
)
def test_graph_file_order_of_unknown_documents(statements, documents, expected):
    nodes = [(f"doc:{doc_id}", {"kind": "document", "doc_id": doc_id}) for doc_id in documents]
    nodes += [(node_id, {"kind": "quote", "doc_id": node_id[-1]}) for node_id in ["quote:a1", *statements]]
    ordered, _ = file_order(nodes, [])
    assert [node_id for node_id, _ in ordered] == expected


@pytest.mark.parametrize(
    "source,target,kind,weight",
    [
        ("actor:biden", "quote:q-a.txt-12", "said", 1),
        ("quote:q-a.txt-12", "actor:ukraine", "mentions", 1),
        ("quote:q-a.txt-12", "actor:zelensky", "mentions", 1),
        ("quote:q-a.txt-12", "doc:a.txt", "in", 1),
        ("actor:biden", "actor:zelensky", "co_quoted", 2),
        ("actor:zelensky", "claim:c-a.txt-83", "said", 1),
        ("claim:c-a.txt-83", "actor:kyiv", "mentions", 1),
    ],
)
def test_graph_has_edge(source, target, kind, weight):
    graph = build_graph(_corpus())
    assert graph.edges[source, target, kind]["weight"] == weight


@pytest.mark.parametrize(
    "source,target,kind",
    [
        ("claim:c-a.txt-83", "actor:zelensky", "mentions"),  # the claim's own source is not "named"
        ("actor:zelensky", "actor:biden", "co_quoted"),  # stored once, smaller id first
        ("quote:q-a.txt-12", "actor:biden", "mentions"),  # the speaker lies outside the quote
    ],
)
def test_graph_has_no_edge(source, target, kind):
    assert not build_graph(_corpus()).has_edge(source, target, kind)


def test_graph_unresolved_quote_is_a_node_without_speaker():
    graph = build_graph(_corpus())
    node_id = next(node for node, text in graph.nodes(data="text") if text == "No comment.")
    assert [kind for _, _, kind in graph.in_edges(node_id, keys=True)] == []
    assert graph.nodes[node_id]["speaker"] == "An official"
    assert list(graph.successors(node_id)) == ["doc:b.txt"]


def test_graph_interrupted_quote_is_one_statement():
    graph = build_graph(_corpus())
    statement = graph.nodes["quote:q-b.txt-45"]
    assert statement["text"] == "We will not stop, … not before Kyiv is safe."
    assert (statement["start_char"], statement["end_char"]) == (45, TEXT_B.index("safe.") + len("safe."))
    assert not any(node.startswith("quote:q-b.txt-74") for node in graph.nodes)
    assert [source for source, _, kind in graph.in_edges("quote:q-b.txt-45", keys=True)] == ["actor:biden"]
    assert graph.edges["quote:q-b.txt-45", "actor:kyiv", "mentions"]["weight"] == 1  # named in the second piece


def test_graph_node_attributes_and_counts():
    graph = build_graph(_corpus())
    biden = graph.nodes["actor:biden"]
    assert (biden["kind"], biden["label"], biden["subkind"], biden["n_quotes"], biden["n_claims"]) == (
        "actor",
        "Joe Biden",
        "person",
        2,
        0,
    )
    assert graph.nodes["actor:zelensky"]["n_claims"] == 1
    assert graph.nodes["doc:b.txt"]["label"] == "b.txt"
    assert graph.nodes["claim:c-a.txt-83"]["has_figure"] is False
    assert all(value is not None for _, data in graph.nodes(data=True) for value in data.values())


def test_graph_write_files_and_summary(out_dir, tmp_path):
    summary = write_graph(out_dir, tmp_path / "graph")
    assert [path.name for path in summary.files] == list(GRAPH_FILES.values())
    assert summary.node_counts == {"actor": 4, "claim": 1, "document": 2, "quote": 5}
    assert summary.edge_counts == {"co_quoted": 1, "in": 6, "mentions": 5, "said": 5}
    assert summary.n_edges == 17
    assert not list((tmp_path / "graph").glob("*.tmp"))


def test_graph_csv_files_have_documented_columns(out_dir):
    write_graph(out_dir)
    for filename, documented in (("nodes.csv", NODE_COLUMNS), ("edges.csv", EDGE_COLUMNS)):
        text = (out_dir / filename).read_text(encoding="utf-8")
        rows = list(csv.DictReader(text.splitlines()))
        assert "\r" not in text and list(rows[0]) == [name for name, _, _ in documented]
    edges = list(csv.DictReader((out_dir / "edges.csv").read_text(encoding="utf-8").splitlines()))
    # co_quoted first, then each document's edges sorted by (source, target, kind).
    keys = [(row["kind"] != "co_quoted", row["doc_ids"], row["source"], row["target"], row["kind"]) for row in edges]
    assert keys == sorted(keys) and keys[0][0] is False and keys[1][0] is True
    assert {"edge_id": "co_quoted:actor:biden->actor:zelensky", "doc_ids": "a.txt; b.txt"}.items() <= next(
        row for row in edges if row["kind"] == "co_quoted"
    ).items()


def test_graph_files_are_byte_identical_across_runs(out_dir, tmp_path):
    write_graph(out_dir, tmp_path / "first")
    write_graph(out_dir, tmp_path / "second")
    for filename in GRAPH_FILES.values():
        assert (tmp_path / "first" / filename).read_bytes() == (tmp_path / "second" / filename).read_bytes()


def test_graph_graphml_is_valid_and_reads_back(out_dir):
    write_graph(out_dir)
    path = out_dir / "graph.graphml"
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{GRAPHML_NS}}}graphml"
    edge_ids = [edge.get("id") for edge in root.iter(f"{{{GRAPHML_NS}}}edge")]
    assert len(edge_ids) == len(set(edge_ids)) == 17
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.number_of_nodes() == 12 and graph.number_of_edges() == 17
    assert graph.nodes["actor:biden"]["label"] == "Joe Biden"
    assert graph.nodes["actor:biden"]["n_quotes"] == 2
    assert graph.edges["actor:biden", "actor:zelensky", "co_quoted:actor:biden->actor:zelensky"]["weight"] == 2


def test_graph_gexf_reads_back_without_a_date(out_dir):
    write_graph(out_dir)
    text = (out_dir / "graph.gexf").read_text(encoding="utf-8")
    assert "lastmodifieddate" not in text
    graph = nx.read_gexf(out_dir / "graph.gexf")
    assert graph.number_of_nodes() == 12 and graph.number_of_edges() == 17


def test_graph_node_link_json_reads_back(out_dir):
    write_graph(out_dir)
    data = json.loads((out_dir / "graph.json").read_text(encoding="utf-8"))
    graph = nx.node_link_graph(data, edges="edges")
    assert graph.number_of_edges() == 17 and graph.has_edge("actor:biden", "actor:zelensky", "co_quoted")


@pytest.mark.parametrize("removed", ["quotes", "actors"])
def test_graph_missing_table_names_folder_and_table(out_dir, removed):
    (out_dir / f"{removed}.csv").unlink()
    with pytest.raises(MissingTableError, match=rf"'{out_dir}'.*{removed}"):
        write_graph(out_dir)


def test_graph_tables_cover_the_schema():
    assert set(_corpus()) == set(TABLES)
