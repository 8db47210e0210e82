"""The graph's files: nodes.csv, edges.csv, GraphML, GEXF and node-link JSON, in document order.

Every file lists the actor nodes (sorted by id), then, for each document in
the order of the documents table, its document node and its statement nodes
(sorted by id); then the `co_quoted` edges (sorted by source and target), then
each document's `said`, `mentions` and `in` edges (sorted by source, target
and kind). So one document's nodes and edges lie together in every file, and a
file can be written as the tables are read, a document at a time (`stream.py`).
`file_order` puts the nodes and edges of a graph in that order; `build_graph`
inserts them in it.

`write_graph_files` writes a graph from `build_graph` through the same writers
as the streamed files (`writers.GraphParts`), each file through a temporary
file renamed into place, so the same tables give byte-identical files either
way. networkx's own writers can't: they list edges by source node.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from extractor.graph.columns import EDGE_KINDS, NODE_KINDS
from extractor.graph.writers import GraphParts
from extractor.outputs.folder import work_dir
from extractor.outputs.manifest import folder_is_excel_safe

Node = tuple[str, dict[str, Any]]


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


def write_graph_files(graph: nx.MultiDiGraph, graph_dir: Path, *, excel_safe: bool | None = None) -> tuple[Path, ...]:
    """Write every format of `GRAPH_FILES`, each through a temporary file.

    graph (nx.MultiDiGraph): From `build_graph`: attributes as `records.*_attributes` make them.
    graph_dir (Path): Existing folder to write into.
    excel_safe (bool | None): Guard formula-like CSV cells with `'`; None does
        what `graph_dir`'s manifest says (`outputs.manifest.folder_is_excel_safe`).
    RETURNS (tuple[Path, ...]): The written files.
    """
    safe = folder_is_excel_safe(graph_dir) if excel_safe is None else excel_safe
    nodes, edges = file_order(graph.nodes(data=True), graph.edges(data=True))
    with work_dir(graph_dir) as scratch:
        parts = GraphParts(Path(scratch), excel_safe=safe)
        try:
            for node_id, attributes in nodes:
                parts.node(node_id, attributes)
            for source, target, attributes in edges:
                parts.edge(source, target, attributes)
            return parts.finish(graph_dir)
        finally:
            parts.close()


def file_order(
    nodes: Iterable[Node], edges: Iterable[tuple[str, str, dict[str, Any]]]
) -> tuple[list[Node], list[tuple[str, str, dict[str, Any]]]]:
    """Nodes and edges in the order of the files (see the module's docstring).

    Documents come in the order of their nodes in `nodes`; statements of a
    document that has no node (tables not written by `extractor run`) after
    them, by doc_id.

    nodes (Iterable[Node]): (node id, attributes).
    edges (Iterable[tuple[str, str, dict]]): (source, target, attributes with kind and doc_ids).
    RETURNS (tuple[list, list]): The nodes and the edges, sorted.
    """
    nodes = list(nodes)
    ranks: dict[str, int] = {}
    for _, attributes in nodes:
        if attributes["kind"] == "document":
            ranks.setdefault(attributes["doc_id"], len(ranks))

    def document(doc_id: str) -> tuple[int, str]:
        return ranks.get(doc_id, len(ranks)), doc_id

    def node_key(node: Node) -> tuple:
        node_id, attributes = node
        if attributes["kind"] == "actor":
            return (-1, ""), False, node_id
        return document(attributes["doc_id"]), attributes["kind"] != "document", node_id

    def edge_key(edge: tuple[str, str, dict[str, Any]]) -> tuple:
        source, target, attributes = edge
        kind = attributes["kind"]
        return ((-1, "") if kind == "co_quoted" else document(attributes["doc_ids"])), source, target, kind

    return sorted(nodes, key=node_key), sorted(edges, key=edge_key)
