"""Write the graph files and the report of an output folder in one streaming pass.

`write_graph_and_report(out_dir)` reads the tables once, document by
document (`graph.stream.GraphStream`), and writes the same bytes as
`graph.build.write_graph` + `report.html.write_report` over the whole tables:

- each document's block of the report is written as its rows go by, to a
  part file that becomes the middle of `report.html`;
- the summary, the bar chart and the actors table need per-actor state only;
- the drawn graph is a view of at most `svg.MAX_VIEW_NODES` nodes
  (`svg.graph_view`), picked from per-actor counts and the statements of the
  few actors it can hold. The statements that reach an actor are appended to
  a record file as the scan goes by (`spill.RecordFile`), and read again once
  per batch of actors the view considers (once, mostly).

With `splice`, documents that the output folder's splice index knows have
their block copied from the earlier report (with their graph sections, by
`graph.splice.Splicer`) and their statement records taken from the index; the
new index is written once the report is in place.

Memory holds per-actor state, one document, the spills' buffers and the view
(and, with `splice`, the index's table: a digest and a few offsets per document;
the contributions stay on disk).
Tables that are not in document order fall back to reading them whole.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

import networkx as nx

from extractor.graph.files import GraphSummary
from extractor.graph.parts import PartFile
from extractor.graph.records import edge_attributes
from extractor.graph.scan import (
    Contribution,
    DocumentGraph,
    DocumentRows,
    EdgeRecord,
    GraphScan,
    NodeRecord,
    TableDocument,
)
from extractor.graph.spill import RecordFile
from extractor.graph.splice import Run, Spliced, SpliceIndex, graph_part_files
from extractor.graph.stream import GraphStream
from extractor.graph.writers import join_pieces
from extractor.outputs.atomic import write_atomically
from extractor.outputs.loading import find_table, iter_table_rows
from extractor.outputs.manifest import folder_is_excel_safe
from extractor.report.blocks import DOCUMENTS_HEAD, DOCUMENTS_TAIL, rows_block
from extractor.report.markup import embed_json, escape
from extractor.report.sections import (
    CSS,
    JS,
    PAGE,
    SCRIPT_HASH,
    actors_section,
    speakers_section,
    summary_of_counts,
)
from extractor.report.svg import MAX_VIEW_NODES, VIEW_EDGE_KINDS, graph_section, layout, view_data
from extractor.report.worker import BLOCKS_KEY, Worker

REPORT_FILE = "report.html"
BLOCKS_PART = "documents.html.part"
# Statements (with their attributes) held at a time while picking the view.
VIEW_BUDGET = 20_000
_BLOCKS = "\x00documents\x00"
# Documents table size from which a worker process pays for its start (about 0.2 s).
PARALLEL_BYTES = 1 << 20  # no table text reaches the page with a NUL unescaped


def stream_graph_and_report(
    out_dir: Path,
    work_dir: Path,
    *,
    graph_dir: Path | None = None,
    path: Path | None = None,
    parallel: bool | None = None,
    splice: bool = False,
    **options: Any,
) -> tuple[GraphSummary, Path]:
    """The streaming pass of `write_graph_and_report`, in an existing work folder.

    out_dir (Path): Output folder holding the tables.
    work_dir (Path): Existing, empty folder for spills and part files.
    graph_dir (Path | None): Where the graph files go; defaults to `out_dir`.
    path (Path | None): The HTML file; defaults to `out_dir / "report.html"`.
    parallel (bool | None): Render the document blocks, GraphML, GEXF and JSON in a
        worker process (`worker.Worker`); None does when it pays (`worker_pays`).
    splice (bool): Copy unchanged documents' bytes from the earlier files that the
        output folder's splice index knows (`graph.splice`), and write the index anew.
    options: `chunk_rows` and `buffer_size` for `scan.scan_folder`.
    RETURNS (tuple[GraphSummary, Path]): What the graph files hold, and the report's path.
    RAISES TableOrderError: When the tables are not in document order.
    RAISES WorkerError: When the worker process failed.
    """
    graph_dir = Path(out_dir) if graph_dir is None else Path(graph_dir)
    path = Path(out_dir) / REPORT_FILE if path is None else Path(path)
    blocks_path = work_dir / BLOCKS_PART
    worker = Worker(blocks_path) if (worker_pays(out_dir) if parallel is None else parallel) else None
    stream = GraphStream(out_dir, graph_dir, work_dir, **({"element_parts": worker.element_parts} if worker else {}))
    index = _splice_index(out_dir, graph_dir, path, work_dir) if splice else None
    blocks: Worker | PartFile = worker if worker is not None else PartFile(blocks_path)
    try:
        return _write(out_dir, path, stream, blocks, index, options)
    finally:
        blocks.close()
        stream.close()
        if index is not None:
            index.close()


def _write(
    out_dir: Path,
    path: Path,
    stream: GraphStream,
    blocks: Worker | PartFile,
    index: SpliceIndex | None,
    options: dict[str, Any],
) -> tuple[GraphSummary, Path]:
    records = RecordFile(stream.work_dir, "statements")
    scan = _scan(stream, blocks, records, index, options)
    picker = ViewPicker(scan)
    picker.pick(lambda: iter(records))
    stream.write_actors()
    stream.write_co_quoted(visit=picker.visit_actor_edge)
    summary = stream.finish()
    blocks.close()
    page = render_page(scan, picker.view(), picker.anchors(), errors=count_rows(out_dir, "errors"))
    before, after = page.split(_BLOCKS, 1)
    blocks_path = stream.work_dir / BLOCKS_PART
    write_atomically(path, partial(join_pieces, [before, (blocks_path, 0), after]))
    if index is not None:
        block_lengths = blocks.lengths if isinstance(blocks, PartFile) else blocks.lengths[BLOCKS_KEY]
        lengths = {**stream.lengths(), BLOCKS_KEY: block_lengths}
        index.save(lengths, {**stream.starts(), BLOCKS_KEY: len(before.encode("utf-8"))})
    return summary, path


def _splice_index(out_dir: Path, graph_dir: Path, path: Path, work_dir: Path) -> SpliceIndex:
    files = {**graph_part_files(graph_dir), BLOCKS_KEY: path}
    return SpliceIndex(out_dir, files, work_dir, excel_safe=folder_is_excel_safe(graph_dir))


def _scan(
    stream: GraphStream,
    blocks: Worker | PartFile,
    records: RecordFile,
    index: SpliceIndex | None,
    options: dict[str, Any],
) -> GraphScan:
    # The document blocks are rendered as the scan reads each document: by the worker, or here.
    if isinstance(blocks, Worker):
        add_block: Callable[[DocumentRows], object] = blocks.add_document
        copy_blocks: Callable[[Run], object] = blocks.copy_blocks
    else:

        def add_block(rows: DocumentRows) -> None:
            blocks.write([block_of(rows)], (1,))

        def copy_blocks(run: Run) -> None:
            blocks.copy(*run)

    def add_document(rows: DocumentRows, graph: DocumentGraph, contribution: Contribution) -> None:
        add_block(rows)
        for record in contribution.records:
            records.add(record)

    def add_spliced(document: TableDocument, spliced: Spliced) -> None:
        records.add_pickled(spliced.records, spliced.n_records)

    return stream.scan(
        on_document=add_document,
        index=index,
        copy_other=lambda runs: copy_blocks(runs[BLOCKS_KEY]),
        on_spliced=add_spliced,
        **options,
    )


def worker_pays(out_dir: Path) -> bool:
    """Whether a worker process pays for its start: a second core, and tables big enough.

    out_dir (Path): The output folder.
    RETURNS (bool): True with two usable cores and a documents table of `PARALLEL_BYTES` or more.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    table = find_table(out_dir, "documents")
    return cores >= 2 and table is not None and table.stat().st_size >= PARALLEL_BYTES


def block_of(rows: DocumentRows) -> str:
    """A document's block of the report from its rows (`html.documents_section` per document).

    rows (DocumentRows): The document and its rows.
    RETURNS (str): A `<details>` element.
    """
    return rows_block(rows.index, rows.document, rows.entities, rows.mentions, rows.quotes, rows.claims)


def count_rows(out_dir: Path, name: str) -> int:
    """Rows of a table, read in chunks; 0 when the folder has no such table.

    out_dir (Path): The output folder.
    name (str): A table name.
    RETURNS (int): The row count.
    """
    return sum(1 for _ in iter_table_rows(out_dir, name)) if find_table(out_dir, name) else 0


def render_page(scan: GraphScan, view: nx.MultiDiGraph, anchors: dict[str, str], *, errors: int) -> str:
    """The report page with `_BLOCKS` where the document blocks go (`html.render_report`).

    scan (GraphScan): A finished scan.
    view (nx.MultiDiGraph): The drawn part of the graph.
    anchors (dict[str, str]): doc_id → element id, for the view's statements.
    errors (int): Rows of the errors table.
    RETURNS (str): The page.
    """
    actors = nx.MultiDiGraph()
    actors.add_nodes_from(scan.actors.items())
    counts = {
        name: scan.counts[name] for name in ("documents", "actors", "quotes", "claims", "mentions", "attributed quotes")
    }
    title = "extractor report"
    body = "\n".join(
        [
            f"<h1>{escape(title)}</h1>",
            summary_of_counts({**counts, "errors": errors}),
            speakers_section(actors),
            actors_section(actors),
            graph_section(view, layout(view)),
            f"{DOCUMENTS_HEAD}{_BLOCKS}{DOCUMENTS_TAIL}",
        ]
    )
    data = {"graph": view_data(view, anchors)}
    return PAGE.format(title=escape(title), css=CSS, body=body, data=embed_json(data), js=JS, script_hash=SCRIPT_HASH)


class ViewPicker:
    """Pick the drawn part of the graph as `svg.graph_view` does, from streamed records.

    `graph_view` takes actors by how many statements they said or are named in
    (most first) while their statements fit in `MAX_VIEW_NODES`. An actor with
    that many or more can never fit, so only the statements of smaller ones
    are collected, a batch of `VIEW_BUDGET` at a time, in rank order: one
    pass over the statement records per batch. The view does not depend on
    the order of the records.

    scan (GraphScan): A finished scan.
    max_nodes (int): Most nodes to draw.
    """

    def __init__(self, scan: GraphScan, max_nodes: int = MAX_VIEW_NODES) -> None:
        self.scan = scan
        self.max_nodes = max_nodes
        reach = scan.reach
        ranked = sorted((actor for actor in reach if reach[actor]), key=lambda actor: (-reach[actor], actor))
        self.candidates = [actor for actor in ranked if reach[actor] + 1 <= max_nodes]
        self.chosen: set[str] = set()
        self.records: dict[str, NodeRecord] = {}
        self.edges: list[EdgeRecord] = []
        self.batch: dict[str, set[str]] = {}

    def _batch(self) -> None:
        # The next candidates whose statements fit in the budget (at least one).
        self.batch = {}
        total = 0
        while self.candidates and (not self.batch or total + self.scan.reach[self.candidates[0]] <= VIEW_BUDGET):
            actor = self.candidates.pop(0)
            self.batch[actor] = set()
            total += self.scan.reach[actor]

    def visit(self, record: NodeRecord) -> None:
        """Collect a statement record if a batch actor said it or is named in it.

        record (NodeRecord): From `scan.DocumentGraph.statement_records`.
        """
        node_id, attributes, edges, speaker, _ = record
        if not self.batch or attributes["kind"] not in ("quote", "claim"):
            return
        actors = {speaker, *(target for target, kind, _, _ in edges if kind == "mentions")}
        for actor in actors & self.batch.keys():
            self.batch[actor].add(node_id)
            self.records[node_id] = record

    def pick(self, records: Callable[[], Iterable[NodeRecord]]) -> None:
        """Run `graph_view`'s choice over the batches, reading the records once for each batch.

        records (Callable[[], Iterable[NodeRecord]]): The statement records (any order, any subset
            holding those that reach an actor).
        """
        while self.candidates and len(self.chosen) < self.max_nodes:
            self._batch()
            for record in records():
                self.visit(record)
            for actor, statements in self.batch.items():
                added = ({actor} | statements) - self.chosen
                if len(self.chosen) + len(added) <= self.max_nodes:
                    self.chosen |= added
            self.records = {node: record for node, record in self.records.items() if node in self.chosen}
        self.batch = {}

    def visit_actor_edge(self, record: EdgeRecord) -> None:
        """Keep a `co_quoted` edge between two chosen actors.

        record (EdgeRecord): From `GraphStream.write_co_quoted`.
        """
        source, target, kind = record[:3]
        if kind == "co_quoted" and source in self.chosen and target in self.chosen:
            self.edges.append(record)

    def anchors(self) -> dict[str, str]:
        """Element ids of the documents of the chosen statements.

        RETURNS (dict[str, str]): doc_id → `doc-<index in the documents table>`.
        """
        return {record[1]["doc_id"]: f"doc-{record[4]}" for record in self.records.values()}

    def view(self) -> nx.MultiDiGraph:
        """The drawn graph, as `svg.graph_view` builds it.

        RETURNS (nx.MultiDiGraph): Nodes sorted, edges in (source, target, kind) order.
        """
        edges = list(self.edges)
        for node_id, (_, _, out_edges, speaker, _) in self.records.items():
            if speaker in self.chosen:
                edges.append((speaker, node_id, "said", 1, self.records[node_id][1]["doc_id"]))
            edges += [(node_id, target, kind, weight, doc_ids) for target, kind, weight, doc_ids in out_edges]
        view = nx.MultiDiGraph()
        for node in sorted(self.chosen):
            if node in self.records:
                view.add_node(node, **self.records[node][1])
            else:
                view.add_node(node, **self.scan.actors[node])
        view.add_edges_from(
            (source, target, kind, edge_attributes(source, target, kind, weight, doc_ids))
            for source, target, kind, weight, doc_ids in sorted(edges, key=lambda edge: edge[:3])
            if kind in VIEW_EDGE_KINDS and source in self.chosen and target in self.chosen
        )
        return view
