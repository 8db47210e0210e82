"""Read an output folder document by document, keeping only per-actor state.

`extractor run` writes every table in document order: the rows of one
document sit together, documents in the order of the documents table (the
entities table too, ordered by `run._RunState.finish`). `iter_documents`
zips the tables on that order, reading each in chunks, so one document's
rows are in memory at a time. `scan_folder` turns each document into graph
records as `build_graph` would (the same helper functions, per document) and
keeps in memory only what is per actor: the actor rows, their quote/claim
counts and how many statements each one reaches. Statement and document nodes,
`said` edges and `co_quoted` pairs go to `SortedSpill`s, which give them back
sorted by id for the files.

Entity ids are document-scoped (`ids.entity_id` hashes the doc_id), so the
entity → actor join is made within a document. A folder whose tables are not
in document order, or that has two rows with one id, raises
`TableOrderError`; the callers then build the graph in memory instead.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.graph.records import (
    GRAPH_TABLES,
    actor_attributes,
    co_quoted_edges,
    document_attributes,
    in_edges,
    mention_edges,
    said_edges,
    statement_attributes,
    statement_records,
)
from extractor.graph.spill import BUFFER_SIZE, SortedSpill
from extractor.outputs.loading import MissingTableError, find_table, iter_table_rows

PER_DOCUMENT = ("entities", "mentions", "quotes", "claims")
CHUNK_ROWS = 20_000
# Documents hold their whole text: fewer of them at a time.
DOCUMENT_CHUNK_ROWS = 500


class TableOrderError(Exception):
    """The tables can't be read document by document (not in document order, or an id twice)."""


@dataclass(frozen=True)
class DocumentRows:
    """One document's row of the documents table and its rows of the other tables.

    index (int): Place of the document in the documents table.
    document (dict): Its row of the documents table.
    entities, mentions, quotes, claims (list[dict]): Its rows of those tables, in table order.
    """

    index: int
    document: dict
    entities: list[dict]
    mentions: list[dict]
    quotes: list[dict]
    claims: list[dict]


@dataclass
class GraphScan:
    """What a pass over the tables leaves: per-actor state and the sorted spills.

    actors (dict[str, dict]): Actor node id → attributes (`build.actor_attributes`), sorted by id.
    reach (Counter[str]): Actor node id → statements it said or is named in.
    said_counts (Counter[tuple[str, str]]): (actor node id, "quote"/"claim") → statements it said.
    nodes (SortedSpill): (node id, attributes, out-edges, said-by actor, document index)
        for statement and document nodes; out-edges are (target, kind, weight, doc_ids).
    said (SortedSpill): (actor node id, statement node id, doc_id).
    pairs (SortedSpill): (actor node id, actor node id, doc_id), one per co-quoted pair per document.
    counts (Counter[str]): Rows per table ("quotes"), "<kind> edges" from statements, "attributed quotes".
    samples (dict[str, dict]): Node kind → attributes of its first node.
    """

    actors: dict[str, dict]
    nodes: SortedSpill
    said: SortedSpill
    pairs: SortedSpill
    reach: Counter = field(default_factory=Counter)
    said_counts: Counter = field(default_factory=Counter)
    counts: Counter = field(default_factory=Counter)
    samples: dict[str, dict] = field(default_factory=dict)


def iter_documents(out_dir: Path, *, chunk_rows: int = CHUNK_ROWS) -> Iterator[DocumentRows]:
    """Every document with its rows, read in chunks from tables in document order.

    out_dir (Path): The output folder.
    chunk_rows (int): Rows read at a time per table.
    YIELDS (DocumentRows): One document at a time, in documents table order.
    RAISES MissingTableError: When `out_dir` lacks a table of `GRAPH_TABLES`.
    RAISES TableOrderError: At the end, when some table's rows were not all taken.
    """
    check_tables(out_dir)
    groups = {name: _Groups(iter_table_rows(out_dir, name, chunk_rows=chunk_rows)) for name in PER_DOCUMENT}
    for index, document in enumerate(
        iter_table_rows(out_dir, "documents", chunk_rows=min(chunk_rows, DOCUMENT_CHUNK_ROWS))
    ):
        doc_id = document["doc_id"]
        yield DocumentRows(index, document, *(groups[name].take(doc_id) for name in PER_DOCUMENT))
    left = [name for name, group in groups.items() if not group.done]
    if left:
        raise TableOrderError(f"rows of {', '.join(left)} are not in the documents table's order")


def check_tables(out_dir: Path) -> None:
    """Raise like `load(out_dir, required=GRAPH_TABLES)` when a graph table is missing.

    out_dir (Path): The output folder.
    RAISES MissingTableError: Naming every missing table.
    """
    missing = [name for name in GRAPH_TABLES if find_table(out_dir, name) is None]
    if missing:
        raise MissingTableError(out_dir, missing)


class _Groups:
    """A table's rows, taken one document's run at a time."""

    def __init__(self, rows: Iterator[dict]) -> None:
        self.rows = rows
        self.next: dict | None = next(rows, None)

    @property
    def done(self) -> bool:
        return self.next is None

    def take(self, doc_id: str) -> list[dict]:
        taken = []
        while self.next is not None and self.next["doc_id"] == doc_id:
            taken.append(self.next)
            self.next = next(self.rows, None)
        return taken


def scan_folder(
    out_dir: Path,
    work_dir: Path,
    *,
    on_document: Callable[[DocumentRows], object] | None = None,
    chunk_rows: int = CHUNK_ROWS,
    buffer_size: int = BUFFER_SIZE,
) -> GraphScan:
    """Read the tables once, document by document, into a `GraphScan`.

    out_dir (Path): The output folder.
    work_dir (Path): An existing folder for the spills' run files.
    on_document (Callable | None): Also called with every document (the report writes it).
    chunk_rows (int): Rows read at a time per table.
    buffer_size (int): Records each spill holds in memory.
    RETURNS (GraphScan): Per-actor state and the spills.
    RAISES MissingTableError: When `out_dir` lacks a table of `GRAPH_TABLES`.
    RAISES TableOrderError: When the tables are not in document order or an actor id repeats.
    """
    check_tables(out_dir)
    scan = GraphScan(
        actors=read_actors(out_dir),
        nodes=SortedSpill(work_dir, "nodes", buffer_size=buffer_size),
        said=SortedSpill(work_dir, "said", key_width=2, buffer_size=buffer_size),
        pairs=SortedSpill(work_dir, "pairs", key_width=3, buffer_size=buffer_size),
    )
    scan.counts["actors"] = len(scan.actors)
    for rows in iter_documents(out_dir, chunk_rows=chunk_rows):
        add_document(scan, rows)
        if on_document is not None:
            on_document(rows)
    for node_id, attributes in scan.actors.items():
        attributes["n_quotes"], attributes["n_claims"] = (
            scan.said_counts[node_id, "quote"],
            scan.said_counts[node_id, "claim"],
        )
    if scan.actors:
        scan.samples = {"actor": next(iter(scan.actors.values())), **scan.samples}
    return scan


def read_actors(out_dir: Path) -> dict[str, dict]:
    """Actor node attributes (quote and claim counts 0 until the scan counts them), sorted by id.

    out_dir (Path): The output folder.
    RETURNS (dict[str, dict]): Actor node id → attributes.
    RAISES TableOrderError: When an actor id appears twice.
    """
    actors = {}
    for row in iter_table_rows(out_dir, "actors"):
        node_id = f"actor:{row['actor_id']}"
        if node_id in actors:
            raise TableOrderError(f"actor {row['actor_id']} appears twice")
        actors[node_id] = actor_attributes(row, 0, 0)
    return dict(sorted(actors.items()))


def add_document(scan: GraphScan, rows: DocumentRows) -> None:
    """Add one document's nodes and edges to the scan, as `build_graph` makes them.

    scan (GraphScan): The scan so far.
    rows (DocumentRows): The document and its rows.
    """
    doc_id = rows.document["doc_id"]
    actor_of_entity = {
        entity["entity_id"]: entity["actor_id"]
        for entity in rows.entities
        if f"actor:{entity['actor_id']}" in scan.actors
    }
    statements = statement_records(rows.quotes, rows.claims)
    said = said_edges(statements, actor_of_entity)
    out_edges = defaultdict(list)
    for edge in mention_edges(statements, rows.mentions, actor_of_entity) + in_edges(statements, {doc_id}):
        out_edges[edge.source].append((edge.target, edge.kind, edge.weight, edge.doc_ids))
        scan.counts[f"{edge.kind} edges"] += 1
    speakers = {edge.target: edge.source for edge in said}
    _add_said(scan, said)
    for edge in co_quoted_edges(said):
        scan.pairs.add((edge.source, edge.target, doc_id))
    for statement in statements:
        _add_statement(scan, statement, sorted(out_edges[statement["node_id"]]), speakers, rows.index)
    _add_node(scan, f"doc:{doc_id}", document_attributes(rows.document), [], "", rows.index)
    scan.counts.update(documents=1, mentions=len(rows.mentions), quotes=len(rows.quotes), claims=len(rows.claims))


def _add_said(scan: GraphScan, said: list) -> None:
    for edge in said:
        kind = edge.target.split(":", 1)[0]
        scan.said.add((edge.source, edge.target, edge.doc_ids))
        scan.said_counts[edge.source, kind] += 1
        scan.counts["said"] += 1
        scan.counts["attributed quotes"] += kind == "quote"


def _add_statement(scan: GraphScan, statement: dict, edges: list[tuple], speakers: dict[str, str], index: int) -> None:
    node_id = statement["node_id"]
    speaker = speakers.get(node_id, "")
    # The report's graph ranks actors by the statements they said or are named in.
    for actor in {speaker, *(target for target, kind, _, _ in edges if kind == "mentions")} - {""}:
        scan.reach[actor] += 1
    _add_node(scan, node_id, statement_attributes(statement), edges, speaker, index)


def _add_node(scan: GraphScan, node_id: str, attributes: dict, edges: list, speaker: str, index: int) -> None:
    scan.samples.setdefault(attributes["kind"], attributes)
    scan.nodes.add((node_id, attributes, edges, speaker, index))


def node_records(scan: GraphScan) -> Iterator[tuple[str, dict[str, Any], list[tuple], str, int]]:
    """The statement and document node records, sorted by node id.

    scan (GraphScan): A finished scan.
    YIELDS (tuple): (node id, attributes, out-edges, said-by actor, document index).
    RAISES TableOrderError: When two records have one node id.
    """
    previous = None
    for record in scan.nodes:
        if record[0] == previous:
            raise TableOrderError(f"node {previous} appears twice")
        previous = record[0]
        yield record
