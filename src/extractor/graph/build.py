"""The actor–statement graph: who said what, what names whom, who shares a page.

Nodes are actors, statements (quotes and claims) and documents; edges are
`said` (actor → statement), `mentions` (statement → actor it names),
`co_quoted` (actor — actor quoted in the same document) and `in`
(statement → document). The graph is built from table rows only (DataFrames
from `load()` or the row dataclasses of `types.py`), never from spaCy objects;
the rules are in `records.py`.

It is a `nx.MultiDiGraph` keyed by edge kind: `G.edges[u, v, "said"]` names an
edge by what it means, and a later relation between the same two nodes (say a
claim that both cites and attacks an actor) can be added without overwriting
the first one, which a `DiGraph` would do silently. `co_quoted` is symmetric
and stored once, from the smaller node id to the larger; treat it as undirected.
Nodes and edges are inserted in the order of the graph files (`files.py`:
actors, then document by document), so the same tables give the same graph
and byte-identical files.

`write_graph(out_dir)` does not build this graph: it streams the tables into
the same files (`stream.py`), with memory that does not grow with the corpus.
`build_graph` is for notebooks and small folders; `files.py` writes its files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from extractor.graph.files import GraphSummary, file_order, write_graph_files
from extractor.graph.records import (
    GRAPH_TABLES,
    Edge,
    actor_nodes,
    co_quoted_edges,
    count_by_kind,
    document_nodes,
    in_edges,
    mention_edges,
    said_edges,
    statement_nodes,
    statement_records,
    table_records,
)
from extractor.graph.scan import TableOrderError
from extractor.graph.stream import GraphStream
from extractor.outputs.folder import work_dir
from extractor.outputs.loading import load


def write_graph(out_dir: Path, graph_dir: Path | None = None, *, graph: nx.MultiDiGraph | None = None) -> GraphSummary:
    """Write nodes, edges, GraphML, GEXF and JSON of an output folder's graph.

    Without `graph`, the tables are streamed (`stream.GraphStream`): memory
    holds per-actor state, not the graph. Tables that are not in document order
    (not written by `extractor run`) are read whole and the graph built in memory.

    out_dir (Path): Output folder holding the tables.
    graph_dir (Path | None): Where to write the graph files; defaults to `out_dir`.
    graph (MultiDiGraph | None): The graph if the caller built it already; its files are written from it.
    RETURNS (GraphSummary): The files written and node/edge counts.
    RAISES MissingTableError: When `out_dir` lacks a table of `GRAPH_TABLES`.
    """
    graph_dir = Path(out_dir if graph_dir is None else graph_dir)
    graph_dir.mkdir(parents=True, exist_ok=True)
    if graph is None:
        try:
            return stream_graph(Path(out_dir), graph_dir)
        except TableOrderError:
            graph = build_graph(load(out_dir, required=GRAPH_TABLES))
    files = write_graph_files(graph, graph_dir)
    return GraphSummary(
        graph_dir=graph_dir,
        files=files,
        node_counts=count_by_kind(kind for _, kind in graph.nodes(data="kind")),
        edge_counts=count_by_kind(kind for _, _, kind in graph.edges(keys=True)),
    )


def stream_graph(out_dir: Path, graph_dir: Path) -> GraphSummary:
    """Stream the tables of `out_dir` into the graph files, in a hidden work folder of `graph_dir`.

    out_dir (Path): Output folder holding the tables.
    graph_dir (Path): Existing folder for the graph files.
    RETURNS (GraphSummary): The files written and node/edge counts.
    RAISES TableOrderError: When the tables are not in document order; nothing is written then.
    """
    with work_dir(graph_dir) as scratch:
        stream = GraphStream(out_dir, graph_dir, Path(scratch))
        try:
            stream.scan()
            stream.write_actors()
            stream.write_co_quoted()
            return stream.finish()
        finally:
            stream.close()


def build_graph(tables: Mapping[str, Any]) -> nx.MultiDiGraph:
    """Build the actor–statement graph from tables.

    tables (Mapping[str, Any]): Table name → DataFrame or iterable of rows
        (dataclasses from `types.py` or dicts), e.g. the result of `load()`.
    RETURNS (nx.MultiDiGraph): Nodes and edges inserted in the files' order, edge key = kind.
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
    """Insert nodes and edges in the order of the graph files (`files.file_order`).

    nodes (Iterable[tuple[str, dict]]): (node id, attributes).
    edges (Iterable[Edge]): Edges whose endpoints are among `nodes`.
    RETURNS (nx.MultiDiGraph): The graph, edge key = kind, edge attribute `id` = edge id.
    """
    ordered_nodes, ordered_edges = file_order(nodes, [(edge.source, edge.target, edge.attributes) for edge in edges])
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(ordered_nodes)
    graph.add_edges_from((source, target, data["kind"], data) for source, target, data in ordered_edges)
    return graph
