"""Write the graph files of an output folder without holding the graph in memory.

`GraphStream` runs the steps one after another, so the report (which draws
part of the graph) can look at the records as they pass:

1. `scan`: read the tables document by document (`scan.scan_folder`);
2. `write_nodes`: actor nodes, then statement and document nodes (sorted by
   id) with the edges that start at them (`mentions`, `in`);
3. `write_actor_edges`: the edges that start at actors (`co_quoted`, `said`),
   merged from their sorted spills;
4. `finish`: join the parts into nodes.csv, edges.csv, GraphML, GEXF and JSON.

The files are byte-identical to `files.write_graph_files(build_graph(tables))`.
Memory holds per-actor state, one document's rows, the spills' buffers and,
while it is written, one `co_quoted` edge.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterator
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from extractor.graph.files import GraphSummary
from extractor.graph.formats import ElementParts, XmlLayout
from extractor.graph.scan import DocumentRows, GraphScan, node_records, scan_folder
from extractor.graph.writers import GraphParts, PartSink
from extractor.outputs.manifest import folder_is_excel_safe

# Node ids start with these, so nodes come in this order of kinds.
KIND_PREFIX = {"actor": "actor", "claim": "claim", "document": "doc", "quote": "quote"}

NodeRecord = tuple[str, dict[str, Any], list[tuple], str, int]
# (source, target, kind, weight, doc_ids)
EdgeRecord = tuple[str, str, str, int, str]


class GraphStream:
    """The graph files of one output folder, written step by step.

    out_dir (Path): Output folder holding the tables.
    graph_dir (Path): Existing folder for the graph files.
    work_dir (Path): Existing, empty folder for spills and part files.
    element_parts (Callable[[Path, XmlLayout], PartSink]): Writes the GraphML and
        GEXF parts (`writers.GraphParts`); by default in this process.
    """

    def __init__(
        self,
        out_dir: Path,
        graph_dir: Path,
        work_dir: Path,
        *,
        element_parts: Callable[[Path, XmlLayout], PartSink] = ElementParts,
    ) -> None:
        self.element_parts = element_parts
        self.out_dir = Path(out_dir)
        self.graph_dir = Path(graph_dir)
        self.work_dir = Path(work_dir)
        self.node_counts: Counter[str] = Counter()
        self.edge_counts: Counter[str] = Counter()
        self.result: GraphScan | None = None
        self.parts: GraphParts | None = None

    def scan(self, on_document: Callable[[DocumentRows], object] | None = None, **options: Any) -> GraphScan:
        """Step 1: read the tables (see `scan.scan_folder` for `options`).

        on_document (Callable | None): Also called with every document.
        RETURNS (GraphScan): Per-actor state and the spills.
        """
        self.result = scan_folder(self.out_dir, self.work_dir, on_document=on_document, **options)
        samples = sorted(self.result.samples.items(), key=lambda item: KIND_PREFIX.get(item[0], item[0]))
        counts = self.result.counts
        has_edges = any(counts[f"{kind} edges"] for kind in ("mentions", "in")) or self.result.said.count > 0
        self.parts = GraphParts(
            self.work_dir,
            [sample for _, sample in samples],
            has_edges=has_edges or self.result.pairs.count > 0,
            excel_safe=folder_is_excel_safe(self.graph_dir),
            element_parts=self.element_parts,
        )
        return self.result

    def write_nodes(self, visit: Callable[[NodeRecord], None] | None = None) -> None:
        """Step 2: every node, and the edges from statements.

        visit (Callable | None): Called with each statement and document record.
        """
        assert self.result is not None and self.parts is not None, "scan() first"
        for node_id, attributes in self.result.actors.items():
            self.parts.node(node_id, attributes)
        self.node_counts["actor"] = len(self.result.actors)
        for record in node_records(self.result):
            node_id, attributes, edges = record[:3]
            self.parts.node(node_id, attributes)
            self.node_counts[attributes["kind"]] += 1
            for target, kind, weight, doc_ids in edges:
                self.parts.edge(node_id, target, edge_attributes(node_id, target, kind, weight, doc_ids), head=False)
                self.edge_counts[kind] += 1
            if visit is not None:
                visit(record)

    def write_actor_edges(self, visit: Callable[[EdgeRecord], None] | None = None) -> None:
        """Step 3: the edges from actors, sorted by (source, target, kind).

        visit (Callable | None): Called with each edge record.
        """
        assert self.result is not None and self.parts is not None, "scan() first"
        for record in actor_edges(self.result):
            source, target, kind, weight, doc_ids = record
            self.parts.edge(source, target, edge_attributes(source, target, kind, weight, doc_ids), head=True)
            self.edge_counts[kind] += 1
            if visit is not None:
                visit(record)

    def finish(self) -> GraphSummary:
        """Step 4: write the files.

        RETURNS (GraphSummary): The files written and node/edge counts.
        """
        assert self.parts is not None, "scan() first"
        files = self.parts.finish(self.graph_dir)
        return GraphSummary(
            graph_dir=self.graph_dir,
            files=files,
            node_counts=dict(sorted((kind, n) for kind, n in self.node_counts.items() if n)),
            edge_counts=dict(sorted((kind, n) for kind, n in self.edge_counts.items() if n)),
        )

    def close(self) -> None:
        """Close the part files (after a failure; `finish` closes them itself)."""
        if self.parts is not None:
            self.parts.close()


def edge_attributes(source: str, target: str, kind: str, weight: int, doc_ids: str) -> dict[str, Any]:
    """An edge's attributes, in the order `build.assemble_graph` adds them.

    source (str): Start node id.
    target (str): End node id.
    kind (str): One of `files.EDGE_KINDS`.
    weight (int): The edge weight.
    doc_ids (str): `; `-separated documents.
    RETURNS (dict[str, Any]): id, kind, weight, doc_ids.
    """
    return {"id": f"{kind}:{source}->{target}", "kind": kind, "weight": weight, "doc_ids": doc_ids}


def actor_edges(scan: GraphScan) -> Iterator[EdgeRecord]:
    """`co_quoted` and `said` edges merged in (source, target, kind) order.

    scan (GraphScan): A finished scan.
    YIELDS (EdgeRecord): (source, target, kind, weight, doc_ids).
    """
    said = ((source, target, "said", 1, doc_id) for source, target, doc_id in scan.said)
    return heapq.merge(co_quoted(scan), said, key=itemgetter(0, 1, 2))


def co_quoted(scan: GraphScan) -> Iterator[EdgeRecord]:
    """One `co_quoted` edge per actor pair, weight = shared documents (sorted in doc_ids).

    scan (GraphScan): A finished scan.
    YIELDS (EdgeRecord): (source, target, "co_quoted", weight, doc_ids).
    """
    for (source, target), records in groupby(scan.pairs, key=itemgetter(0, 1)):
        doc_ids = [doc_id for _, _, doc_id in records]
        yield source, target, "co_quoted", len(doc_ids), "; ".join(doc_ids)
