"""The actor–statement graph: who said what, what names whom, who shares a page.

Nodes are actors, statements (quotes and claims) and documents; edges are
`said` (actor → statement), `mentions` (statement → actor it names),
`co_quoted` (actor — actor quoted in the same document) and `in`
(statement → document). The graph is built from table rows only (DataFrames
from `load()` or the row dataclasses of `types.py`), never from spaCy objects.

It is a `nx.MultiDiGraph` keyed by edge kind: `G.edges[u, v, "said"]` names an
edge by what it means, and a later relation between the same two nodes (say a
claim that both cites and attacks an actor) can be added without overwriting
the first one, which a `DiGraph` would do silently. `co_quoted` is symmetric
and stored once, from the smaller node id to the larger; treat it as undirected.
Nodes and edges are inserted sorted, so every written file is byte-identical
for the same tables. `graph_files.py` writes the files.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, is_dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from extractor.graph.files import (
    LABEL_CHARS,
    write_graph_files,
)
from extractor.outputs.loading import MissingTableError, load

GRAPH_TABLES = ("documents", "mentions", "entities", "actors", "quotes", "claims")
NODE_KINDS = ("actor", "quote", "claim", "document")
EDGE_KINDS = ("said", "mentions", "co_quoted", "in")


@dataclass(frozen=True)
class Edge:
    """One edge before it goes into the graph.

    source (str): Start node id.
    target (str): End node id.
    kind (str): One of `EDGE_KINDS`.
    weight (int): See `EDGE_COLUMNS`.
    doc_ids (str): `; `-separated documents the edge comes from.
    """

    source: str
    target: str
    kind: str
    weight: int = 1
    doc_ids: str = ""

    @property
    def edge_id(self) -> str:
        """RETURNS (str): The stable id `<kind>:<source>-><target>`."""
        return f"{self.kind}:{self.source}->{self.target}"


@dataclass(frozen=True)
class GraphSummary:
    """What `write_graph` wrote.

    graph_dir (Path): Folder holding the graph files.
    files (tuple[Path, ...]): The files written, in `GRAPH_FILES` order.
    node_counts (dict[str, int]): Nodes per kind.
    edge_counts (dict[str, int]): Edges per kind.
    """

    graph_dir: Path
    files: tuple[Path, ...]
    node_counts: dict[str, int] = field(default_factory=dict)
    edge_counts: dict[str, int] = field(default_factory=dict)

    @property
    def n_nodes(self) -> int:
        """RETURNS (int): All nodes."""
        return sum(self.node_counts.values())

    @property
    def n_edges(self) -> int:
        """RETURNS (int): All edges."""
        return sum(self.edge_counts.values())

    def describe(self) -> str:
        """What was written, for a person: counts per kind, then the files.

        RETURNS (str): Two lines, e.g. "Graph: 5 nodes (actor 2, quote 1, claim 0,
            document 2), 3 edges (said 1, mentions 0, co_quoted 0, in 2)" and
            "Files in out/: nodes.csv, edges.csv, graph.graphml, graph.gexf, graph.json".
        """
        nodes = _per_kind(self.node_counts, NODE_KINDS)
        edges = _per_kind(self.edge_counts, EDGE_KINDS)
        files = ", ".join(path.name for path in self.files)
        return (
            f"Graph: {self.n_nodes} nodes ({nodes}), {self.n_edges} edges ({edges})\n"
            f"Files in {self.graph_dir}/: {files}"
        )


def _per_kind(counts: dict[str, int], kinds: tuple[str, ...]) -> str:
    # Every known kind is listed, even at 0, so the line keeps one shape.
    ordered = [*kinds, *sorted(set(counts) - set(kinds))]
    return ", ".join(f"{kind} {counts.get(kind, 0)}" for kind in ordered)


def write_graph(out_dir: Path, graph_dir: Path | None = None, *, graph: nx.MultiDiGraph | None = None) -> GraphSummary:
    """Build the graph of an output folder and write nodes, edges, GraphML, GEXF and JSON.

    out_dir (Path): Output folder holding the tables.
    graph_dir (Path | None): Where to write the graph files; defaults to `out_dir`.
    graph (MultiDiGraph | None): The graph if the caller built it already (the run
        writes the report from the same one, so the tables are read once).
    RETURNS (GraphSummary): The files written and node/edge counts.
    RAISES MissingTableError: When `out_dir` lacks a table of `GRAPH_TABLES`.
    """
    graph = build_graph(load(out_dir, required=GRAPH_TABLES)) if graph is None else graph
    graph_dir = Path(out_dir if graph_dir is None else graph_dir)
    graph_dir.mkdir(parents=True, exist_ok=True)
    files = write_graph_files(graph, graph_dir)
    return GraphSummary(
        graph_dir=graph_dir,
        files=files,
        node_counts=count_by_kind(kind for _, kind in graph.nodes(data="kind")),
        edge_counts=count_by_kind(kind for _, _, kind in graph.edges(keys=True)),
    )


def build_graph(tables: Mapping[str, Any]) -> nx.MultiDiGraph:
    """Build the actor–statement graph from tables.

    tables (Mapping[str, Any]): Table name → DataFrame or iterable of rows
        (dataclasses from `types.py` or dicts), e.g. the result of `load()`.
    RETURNS (nx.MultiDiGraph): Nodes and edges inserted in sorted order, edge key = kind.
    RAISES MissingTableError: When `tables` lacks a table of `GRAPH_TABLES`.
    """
    rows = {name: table_records(tables, name) for name in GRAPH_TABLES}
    actor_ids = {actor["actor_id"] for actor in rows["actors"]}
    actor_of_entity = {
        entity["entity_id"]: entity["actor_id"] for entity in rows["entities"] if entity["actor_id"] in actor_ids
    }
    doc_ids = {document["doc_id"] for document in rows["documents"]}
    statements = statement_records(rows["quotes"], rows["claims"])
    said = said_edges(statements, actor_of_entity)
    edges = said + mention_edges(statements, rows["mentions"], actor_of_entity)
    edges += co_quoted_edges(said) + in_edges(statements, doc_ids)
    nodes = actor_nodes(rows["actors"], said) + statement_nodes(statements) + document_nodes(rows["documents"])
    return assemble_graph(nodes, edges)


def assemble_graph(nodes: Iterable[tuple[str, dict]], edges: Iterable[Edge]) -> nx.MultiDiGraph:
    """Insert nodes and edges in sorted order, the source of byte-identical output.

    nodes (Iterable[tuple[str, dict]]): (node id, attributes).
    edges (Iterable[Edge]): Edges whose endpoints are among `nodes`.
    RETURNS (nx.MultiDiGraph): The graph, edge key = kind, edge attribute `id` = edge id.
    """
    graph = nx.MultiDiGraph()
    for node_id, attributes in sorted(nodes, key=lambda node: node[0]):
        graph.add_node(node_id, **attributes)
    for edge in sorted(edges, key=lambda edge: (edge.source, edge.target, edge.kind)):
        graph.add_edge(
            edge.source,
            edge.target,
            key=edge.kind,
            id=edge.edge_id,
            kind=edge.kind,
            weight=edge.weight,
            doc_ids=edge.doc_ids,
        )
    return graph


def table_records(tables: Mapping[str, Any], name: str) -> list[dict[str, Any]]:
    """Rows of one table as plain dicts with None for missing values.

    tables (Mapping[str, Any]): Table name → DataFrame or iterable of rows.
    name (str): The table to read.
    RETURNS (list[dict[str, Any]]): One dict per row, Python scalars only.
    RAISES MissingTableError: When `tables` has no table `name`.
    """
    if name not in tables:
        raise MissingTableError(getattr(tables, "out_dir", Path("<in-memory tables>")), [name])
    table = tables[name]
    if isinstance(table, pd.DataFrame):
        records = table.to_dict("records")
    else:
        records = [asdict(row) if is_dataclass(row) and not isinstance(row, type) else dict(row) for row in table]
    return [{key: plain_value(value) for key, value in record.items()} for record in records]


def plain_value(value: Any) -> Any:
    """A Python scalar for a cell: None for NA/NaN, int/bool for numpy scalars.

    value (Any): A cell value from pandas or a dataclass.
    RETURNS (Any): The value networkx writers and json accept.
    """
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def statement_records(quotes: list[dict], claims: list[dict]) -> list[dict[str, Any]]:
    """Quotes and claims in one shape: node id, kind, span, attribution span, entity.

    quotes (list[dict]): Rows of the quotes table.
    claims (list[dict]): Rows of the claims table.
    RETURNS (list[dict[str, Any]]): One record per statement, with the row under "row".
    """
    statements = []
    for kind, rows, prefix in (("quote", quotes, "speaker"), ("claim", claims, "source")):
        for row in rows:
            statements.append(
                {
                    "node_id": f"{kind}:{row[kind + '_id']}",
                    "kind": kind,
                    "doc_id": row["doc_id"],
                    "span": (row["start_char"], row["end_char"]),
                    "attribution_span": (row[f"{prefix}_start_char"], row[f"{prefix}_end_char"]),
                    "entity_id": row[f"{prefix}_entity_id"] or "",
                    "speaker": row[f"{prefix}_text"] or "",
                    "row": row,
                }
            )
    return statements


def said_edges(statements: list[dict], actor_of_entity: dict[str, str]) -> list[Edge]:
    """actor → statement, for statements whose speaker/source entity has an actor.

    statements (list[dict]): From `statement_records`.
    actor_of_entity (dict[str, str]): entity_id → actor_id.
    RETURNS (list[Edge]): One `said` edge per attributed statement.
    """
    return [
        Edge(f"actor:{actor_of_entity[statement['entity_id']]}", statement["node_id"], "said", 1, statement["doc_id"])
        for statement in statements
        if statement["entity_id"] in actor_of_entity
    ]


def mention_edges(statements: list[dict], mentions: list[dict], actor_of_entity: dict[str, str]) -> list[Edge]:
    """statement → actor, for mentions lying inside the statement's span.

    Mentions inside the speaker/source span are the attribution, not something
    the statement names, so they are left out (claim spans may include their source).

    statements (list[dict]): From `statement_records`.
    mentions (list[dict]): Rows of the mentions table.
    actor_of_entity (dict[str, str]): entity_id → actor_id.
    RETURNS (list[Edge]): One edge per (statement, actor), weight = mentions.
    """
    spans_by_doc = actor_mention_spans(mentions, actor_of_entity)
    edges = []
    for statement in statements:
        named = Counter(
            actor_id
            for start, end, actor_id in mentions_within(spans_by_doc.get(statement["doc_id"], []), statement["span"])
            if not span_contains(statement["attribution_span"], (start, end))
        )
        for actor_id, count in named.items():
            edges.append(Edge(statement["node_id"], f"actor:{actor_id}", "mentions", count, statement["doc_id"]))
    return edges


def actor_mention_spans(mentions: list[dict], actor_of_entity: dict[str, str]) -> dict[str, list[tuple[int, int, str]]]:
    """Mentions that map to an actor, per document, sorted by offsets.

    mentions (list[dict]): Rows of the mentions table.
    actor_of_entity (dict[str, str]): entity_id → actor_id.
    RETURNS (dict[str, list[tuple[int, int, str]]]): doc_id → (start, end, actor_id).
    """
    spans = defaultdict(list)
    for mention in mentions:
        actor_id = actor_of_entity.get(mention["entity_id"] or "")
        if actor_id:
            spans[mention["doc_id"]].append((mention["start_char"], mention["end_char"], actor_id))
    return {doc_id: sorted(doc_spans) for doc_id, doc_spans in spans.items()}


def mentions_within(spans: list[tuple[int, int, str]], outer: tuple[int, int]) -> list[tuple[int, int, str]]:
    """The sorted spans that lie entirely inside `outer`.

    spans (list[tuple[int, int, str]]): (start, end, actor_id), sorted.
    outer (tuple[int, int]): (start, end) of the statement.
    RETURNS (list[tuple[int, int, str]]): The contained spans.
    """
    first = bisect_left(spans, (outer[0],))
    contained = []
    for span in spans[first:]:
        if span[0] >= outer[1]:
            break
        if span[1] <= outer[1]:
            contained.append(span)
    return contained


def span_contains(outer: tuple[int | None, int | None], inner: tuple[int, int]) -> bool:
    """Whether `inner` lies inside `outer` (False when `outer` is unknown).

    outer (tuple[int | None, int | None]): (start, end); None when absent.
    inner (tuple[int, int]): (start, end).
    RETURNS (bool): True when outer.start <= inner.start and inner.end <= outer.end.
    """
    if outer[0] is None or outer[1] is None:
        return False
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def co_quoted_edges(said: list[Edge]) -> list[Edge]:
    """actor — actor for every pair of speakers of quotes in the same document.

    said (list[Edge]): `said` edges; only those into quotes count.
    RETURNS (list[Edge]): One edge per pair (smaller id first), weight = shared documents.
    """
    speakers_by_doc = defaultdict(set)
    for edge in said:
        if edge.target.startswith("quote:"):
            speakers_by_doc[edge.doc_ids].add(edge.source)
    docs_by_pair = defaultdict(list)
    for doc_id, speakers in speakers_by_doc.items():
        for pair in combinations(sorted(speakers), 2):
            docs_by_pair[pair].append(doc_id)
    return [
        Edge(source, target, "co_quoted", len(doc_ids), "; ".join(sorted(doc_ids)))
        for (source, target), doc_ids in docs_by_pair.items()
    ]


def in_edges(statements: list[dict], doc_ids: set[str]) -> list[Edge]:
    """statement → document, for statements whose document is in the documents table.

    statements (list[dict]): From `statement_records`.
    doc_ids (set[str]): Ids of the documents table.
    RETURNS (list[Edge]): One `in` edge per statement with a known document.
    """
    return [
        Edge(statement["node_id"], f"doc:{statement['doc_id']}", "in", 1, statement["doc_id"])
        for statement in statements
        if statement["doc_id"] in doc_ids
    ]


def actor_nodes(actors: list[dict], said: list[Edge]) -> list[tuple[str, dict]]:
    """Actor nodes with their table attributes and quote/claim counts.

    actors (list[dict]): Rows of the actors table.
    said (list[Edge]): `said` edges, counted per actor.
    RETURNS (list[tuple[str, dict]]): (node id, attributes).
    """
    statement_counts = Counter((edge.source, edge.target.split(":", 1)[0]) for edge in said)
    nodes = []
    for actor in actors:
        node_id = f"actor:{actor['actor_id']}"
        nodes.append(
            (
                node_id,
                {
                    "kind": "actor",
                    "label": actor["name"] or "",
                    "subkind": actor["kind"] or "",
                    "aliases": actor["aliases"] or "",
                    "roles": actor["roles"] or "",
                    "n_documents": actor["n_documents"] or 0,
                    "n_mentions": actor["n_mentions"] or 0,
                    "n_quotes": statement_counts[node_id, "quote"],
                    "n_claims": statement_counts[node_id, "claim"],
                },
            )
        )
    return nodes


def statement_nodes(statements: list[dict]) -> list[tuple[str, dict]]:
    """Quote and claim nodes; attributes are the same for both, plus claim-only ones.

    statements (list[dict]): From `statement_records`.
    RETURNS (list[tuple[str, dict]]): (node id, attributes).
    """
    nodes = []
    for statement in statements:
        row = statement["row"]
        attributes = {
            "kind": statement["kind"],
            "label": shorten(row["text"] or ""),
            "subkind": row["kind"] or "",
            "doc_id": statement["doc_id"],
            "text": row["text"] or "",
            "start_char": row["start_char"],
            "end_char": row["end_char"],
            "speaker": statement["speaker"],
            "cue": row["cue"] or "",
        }
        if statement["kind"] == "claim":
            attributes.update(polarity=row["polarity"] or "", has_figure=bool(row["has_figure"]))
        nodes.append((statement["node_id"], attributes))
    return nodes


def document_nodes(documents: list[dict]) -> list[tuple[str, dict]]:
    """Document nodes, labelled by title (or doc_id when there is none).

    documents (list[dict]): Rows of the documents table.
    RETURNS (list[tuple[str, dict]]): (node id, attributes).
    """
    return [
        (
            f"doc:{document['doc_id']}",
            {
                "kind": "document",
                "label": document["title"] or document["doc_id"],
                "subkind": "",
                "doc_id": document["doc_id"],
                "title": document["title"] or "",
                "date": document["date"] or "",
                "url": document["url"] or "",
                "source": document["source"] or "",
            },
        )
        for document in documents
    ]


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """Collapse whitespace and cut `text` to `limit` characters with an ellipsis.

    text (str): Any text.
    limit (int): Maximum length of the result.
    RETURNS (str): The label.
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def count_by_kind(kinds: Iterable[str]) -> dict[str, int]:
    """Counts per kind, sorted by kind.

    kinds (Iterable[str]): One kind per node or edge.
    RETURNS (dict[str, int]): kind → count.
    """
    return dict(sorted(Counter(kinds).items()))
