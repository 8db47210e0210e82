"""Write the graph files of an output folder without holding the graph in memory.

`GraphStream` runs the steps one after another, so the report (which draws
part of the graph) can look at the records as they pass:

1. `scan`: read the tables document by document (`scan.scan_folder`) and
   write each document's nodes and edges as it comes, to the part files of
   the document sections (`writers.GraphParts`);
2. `write_actors`: the actor nodes, once the scan has counted what they said;
3. `write_co_quoted`: the `co_quoted` edges, aggregated per actor pair from
   their sorted spill;
4. `finish`: join the parts into nodes.csv, edges.csv, GraphML, GEXF and JSON.

With a `splice.SpliceIndex`, step 1 copies the nodes and edges of every
document the index knows from the earlier files instead of making them, and
counts its stored contribution into the scan.

The files are byte-identical to `files.write_graph_files(build_graph(tables))`.
Memory holds per-actor state, one document's rows and the spills' buffers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from functools import partial
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from extractor.graph.files import GraphSummary
from extractor.graph.parts import ElementParts
from extractor.graph.records import edge_attributes
from extractor.graph.scan import (
    Contribution,
    DocumentGraph,
    DocumentRows,
    EdgeRecord,
    GraphScan,
    TableDocument,
    scan_folder,
)
from extractor.graph.slices import load_slices, table_documents
from extractor.graph.splice import Key, Run, Spliced, SpliceIndex, Splicer
from extractor.graph.writers import GraphParts, PartSink
from extractor.outputs.manifest import folder_is_excel_safe


class GraphStream:
    """The graph files of one output folder, written step by step.

    out_dir (Path): Output folder holding the tables.
    graph_dir (Path): Existing folder for the graph files.
    work_dir (Path): Existing, empty folder for spills and part files.
    element_parts (Callable[[Path], PartSink]): Writes the GraphML, GEXF and
        JSON parts (`writers.GraphParts`); by default in this process.
    """

    def __init__(
        self,
        out_dir: Path,
        graph_dir: Path,
        work_dir: Path,
        *,
        element_parts: Callable[[Path], PartSink] = ElementParts,
    ) -> None:
        self.element_parts = element_parts
        self.out_dir = Path(out_dir)
        self.graph_dir = Path(graph_dir)
        self.work_dir = Path(work_dir)
        self.node_counts: Counter[str] = Counter()
        self.edge_counts: Counter[str] = Counter()
        self.result: GraphScan | None = None
        self.parts: GraphParts | None = None

    def scan(
        self,
        on_document: Callable[[DocumentRows, DocumentGraph, Contribution], object] | None = None,
        *,
        index: SpliceIndex | None = None,
        copy_other: Callable[[dict[Key, Run]], object] | None = None,
        on_spliced: Callable[[TableDocument, Spliced], object] | None = None,
        **options: Any,
    ) -> GraphScan:
        """Step 1: read the tables and write every document's nodes and edges (see
        `scan.scan_folder` for `options`).

        on_document (Callable | None): Also called with every document made, its section of the
            graph and its contribution.
        index (SpliceIndex | None): Copy the sections of documents it knows from the earlier files.
        copy_other (Callable | None): Copies the index's other parts (the report's), with the graph's.
        on_spliced (Callable | None): Called with every document copied, and what the index
            holds of it (its contribution without the view records, which come pickled).
        RETURNS (GraphScan): Per-actor state and the pairs spill.
        """
        self.parts = GraphParts(
            self.work_dir, excel_safe=folder_is_excel_safe(self.graph_dir), element_parts=self.element_parts
        )
        splicer = Splicer(index.sources, partial(self._copy, copy_other)) if index is not None else None

        def add(rows: DocumentRows, graph: DocumentGraph, contribution: Contribution) -> None:
            if splicer is not None and index is not None:
                splicer.flush()
                index.made(contribution)
            self._write_document(graph)
            self._count(contribution)
            if on_document is not None:
                on_document(rows, graph, contribution)

        def spliced(document: TableDocument, actors: dict[str, dict]) -> Contribution | None:
            assert index is not None and splicer is not None
            found = index.find(document, actors)
            if found is None:
                return None
            splicer.add(found.ranges)
            self._count(found.contribution)
            if on_spliced is not None:
                on_spliced(document, found)
            return found.contribution

        self.result = scan_folder(
            self.out_dir,
            self.work_dir,
            on_document=add,
            spliced=spliced if index else None,
            documents=self._recorded_documents(index),
            **options,
        )
        if splicer is not None:
            splicer.flush()
        return self.result

    def _recorded_documents(self, index: SpliceIndex | None) -> Iterator[TableDocument] | None:
        # Documents read by where their run recorded their rows, if it did (`slices`).
        slices = load_slices(self.out_dir, index.folder) if index is not None else None
        if index is None or slices is None:
            return None
        return table_documents(self.out_dir, slices, index.knows, excel_safe=index.excel_safe)

    def _copy(self, copy_other: Callable[[dict[Key, Run]], object] | None, runs: dict[Key, Run]) -> None:
        assert self.parts is not None
        self.parts.copy(runs)
        if copy_other is not None:
            copy_other(runs)

    def _write_document(self, graph: DocumentGraph) -> None:
        assert self.parts is not None
        for node_id, attributes in graph.nodes:
            self.parts.node(node_id, attributes)
        for source, target, kind, weight, doc_ids in graph.edges:
            self.parts.edge(source, target, edge_attributes(source, target, kind, weight, doc_ids))
        self.parts.end_document()

    def _count(self, contribution: Contribution) -> None:
        # A document's nodes and edges per kind, made now or spliced from an earlier run.
        self.node_counts.update(contribution.node_counts)
        self.edge_counts.update(contribution.edge_counts)

    def write_actors(self) -> None:
        """Step 2: the actor nodes, sorted by id."""
        assert self.result is not None and self.parts is not None, "scan() first"
        for node_id, attributes in self.result.actors.items():
            self.parts.node(node_id, attributes)
        self.node_counts["actor"] = len(self.result.actors)

    def write_co_quoted(self, visit: Callable[[EdgeRecord], None] | None = None) -> None:
        """Step 3: the `co_quoted` edges, sorted by (source, target).

        visit (Callable | None): Called with each edge record.
        """
        assert self.result is not None and self.parts is not None, "scan() first"
        for record in co_quoted(self.result):
            source, target, kind, weight, doc_ids = record
            self.parts.edge(source, target, edge_attributes(source, target, kind, weight, doc_ids))
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

    def lengths(self) -> dict[Key, list[int]]:
        """Bytes of each document in each document section's part, once `finish`ed (`writers.GraphParts.lengths`).

        RETURNS (dict[Key, list[int]]): (section, format) → lengths in document order.
        """
        assert self.parts is not None, "scan() first"
        return self.parts.lengths()

    def starts(self) -> dict[Key, int]:
        """Where each document section's part begins in its final file (`writers.GraphParts.starts`).

        RETURNS (dict[Key, int]): (section, format) → offset.
        """
        assert self.parts is not None, "scan() first"
        return self.parts.starts()

    def close(self) -> None:
        """Close the part files (after a failure; `finish` closes them itself)."""
        if self.parts is not None:
            self.parts.close()


def co_quoted(scan: GraphScan) -> Iterator[EdgeRecord]:
    """One `co_quoted` edge per actor pair, weight = shared documents (sorted in doc_ids).

    scan (GraphScan): A finished scan.
    YIELDS (EdgeRecord): (source, target, "co_quoted", weight, doc_ids).
    """
    for (source, target), records in groupby(scan.pairs, key=itemgetter(0, 1)):
        doc_ids = [doc_id for _, _, doc_id in records]
        yield source, target, "co_quoted", len(doc_ids), "; ".join(doc_ids)
