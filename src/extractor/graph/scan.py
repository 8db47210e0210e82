"""Read an output folder document by document, keeping only per-actor state.

`extractor run` writes every table in document order: the rows of one
document sit together, documents in the order of the documents table (the
entities table too, ordered by `run._RunState.finish`). `iter_documents`
zips the tables on that order, reading each in chunks, so one document's
rows are in memory at a time. `scan_folder` turns each document into its
section of the graph files (`DocumentGraph`: its nodes and edges, as
`build_graph` makes them with the same helper functions, per document), hands
it on to be written, and keeps in memory only what is per actor: the actor
rows, their quote/claim counts and how many statements each one reaches.
What a document adds to that state is one `Contribution`, which a splice
index keeps, so a document copied from an earlier run (`splice.py`) is counted
without being made again. `co_quoted` pairs go to a `SortedSpill`, which gives them back per pair for
the edges after the scan, and node ids to another, to find one used twice.

Entity ids are document-scoped (`ids.entity_id` hashes the doc_id), so the
entity → actor join is made within a document. A folder whose tables are not
in document order, or that has two nodes with one id, raises
`TableOrderError`; the callers then build the graph in memory instead.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any

from extractor.graph.records import (
    GRAPH_TABLES,
    Edge,
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

# (node id, attributes, out-edges (target, kind, weight, doc_ids), said-by actor, document index)
NodeRecord = tuple[str, dict[str, Any], list[tuple], str, int]
# (source, target, kind, weight, doc_ids)
EdgeRecord = tuple[str, str, str, int, str]


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


@dataclass(frozen=True)
class TableDocument:
    """A document of the tables, whose rows are read only when asked for.

    index (int): Place of the document in the documents table.
    read (Callable[[], DocumentRows]): Gives its rows (read already, or parsed when called).
    key (bytes | None): A digest of its bytes in the tables, when its run recorded
        where they lie (`slices.table_documents`); None otherwise.
    """

    index: int
    read: Callable[[], DocumentRows]
    key: bytes | None = None


def read_documents(out_dir: Path, *, chunk_rows: int = CHUNK_ROWS) -> Iterator[TableDocument]:
    """Every document of the tables with its rows read (`iter_documents`), and no key.

    out_dir (Path): The output folder.
    chunk_rows (int): Rows read at a time per table.
    YIELDS (TableDocument): In documents table order.
    """
    for rows in iter_documents(out_dir, chunk_rows=chunk_rows):
        yield TableDocument(rows.index, partial(_given, rows))


def _given(rows: DocumentRows) -> DocumentRows:
    return rows


@dataclass(frozen=True)
class DocumentGraph:
    """One document's section of the graph files: its nodes and edges, as `build_graph` makes them.

    index (int): Place of the document in the documents table.
    nodes (list[tuple[str, dict]]): Its document node, then its statement nodes sorted by id.
    edges (list[EdgeRecord]): Its `said`, `mentions` and `in` edges, sorted by (source, target, kind).
    """

    index: int
    nodes: list[tuple[str, dict[str, Any]]]
    edges: list[EdgeRecord]

    def statement_records(self) -> Iterator[NodeRecord]:
        """The statements with who said them and the edges from them (the report draws some).

        YIELDS (NodeRecord): One per statement node, in node order.
        """
        speakers = {target: source for source, target, kind, _, _ in self.edges if kind == "said"}
        out_edges = defaultdict(list)
        for source, target, kind, weight, doc_ids in self.edges:
            if kind != "said":
                out_edges[source].append((target, kind, weight, doc_ids))
        for node_id, attributes in self.nodes[1:]:
            yield node_id, attributes, out_edges[node_id], speakers.get(node_id, ""), self.index


@dataclass(frozen=True)
class Contribution:
    """What one document adds to a scan and to the graph's counts, kept so that a
    document whose bytes are spliced from an earlier run (`splice.py`) needs no rebuilding.

    said_counts (list[tuple[tuple[str, str], int]]): ((actor node id, "quote"/"claim"), statements said).
    reach (list[str]): Actor node ids, once per statement they said or are named in.
    pairs (list[tuple[str, str, str]]): Its co-quoted actor pairs, (source, target, doc_id).
    ids (list[str]): Its node ids.
    counts (dict[str, int]): Rows per table, "said" edges, "attributed quotes".
    node_counts (dict[str, int]): Its nodes per kind.
    edge_counts (dict[str, int]): Its edges per kind.
    records (list[NodeRecord]): Its statements that reach an actor (the report's view picks among them).
    """

    said_counts: list[tuple[tuple[str, str], int]]
    reach: list[str]
    pairs: list[tuple[str, str, str]]
    ids: list[str]
    counts: dict[str, int]
    node_counts: dict[str, int]
    edge_counts: dict[str, int]
    records: list[NodeRecord]


@dataclass
class GraphScan:
    """What a pass over the tables leaves: per-actor state and the spills.

    actors (dict[str, dict]): Actor node id → attributes (`records.actor_attributes`), sorted by id.
    pairs (SortedSpill): (actor node id, actor node id, doc_id), one per co-quoted pair per document.
    ids (SortedSpill): (node id,) of every statement and document node.
    reach (Counter[str]): Actor node id → statements it said or is named in.
    said_counts (Counter[tuple[str, str]]): (actor node id, "quote"/"claim") → statements it said.
    counts (Counter[str]): Rows per table ("quotes"), "said" edges, "attributed quotes".
    """

    actors: dict[str, dict]
    pairs: SortedSpill
    ids: SortedSpill
    reach: Counter = field(default_factory=Counter)
    said_counts: Counter = field(default_factory=Counter)
    counts: Counter = field(default_factory=Counter)


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
    on_document: Callable[[DocumentRows, DocumentGraph, Contribution], object] | None = None,
    spliced: Callable[[TableDocument, dict[str, dict]], Contribution | None] | None = None,
    documents: Iterable[TableDocument] | None = None,
    chunk_rows: int = CHUNK_ROWS,
    buffer_size: int = BUFFER_SIZE,
) -> GraphScan:
    """Read the tables once, document by document, into a `GraphScan`.

    out_dir (Path): The output folder.
    work_dir (Path): An existing folder for the spills' run files.
    on_document (Callable | None): Called with every document made here, its section of
        the graph and its contribution, in documents table order (the stream writes it, the report too).
    spliced (Callable | None): Called first with every document and the actors; a
        contribution it returns is counted instead of making the document (its bytes come
        from an earlier run), and `on_document` is not called.
    documents (Iterable[TableDocument] | None): The documents, if not `read_documents(out_dir)`
        (`slices.table_documents`).
    chunk_rows (int): Rows read at a time per table.
    buffer_size (int): Records each spill holds in memory.
    RETURNS (GraphScan): Per-actor state and the pairs spill.
    RAISES MissingTableError: When `out_dir` lacks a table of `GRAPH_TABLES`.
    RAISES TableOrderError: When the tables are not in document order, or an actor or node id repeats.
    """
    check_tables(out_dir)
    scan = GraphScan(
        actors=read_actors(out_dir),
        pairs=SortedSpill(work_dir, "pairs", key_width=3, buffer_size=buffer_size),
        ids=SortedSpill(work_dir, "ids", buffer_size=buffer_size),
    )
    scan.counts["actors"] = len(scan.actors)
    for document in read_documents(out_dir, chunk_rows=chunk_rows) if documents is None else documents:
        contribution = spliced(document, scan.actors) if spliced is not None else None
        if contribution is not None:
            add_contribution(scan, contribution)
            continue
        rows = document.read()
        graph, contribution = add_document(scan, rows)
        if on_document is not None:
            on_document(rows, graph, contribution)
    check_unique_ids(scan)
    for node_id, attributes in scan.actors.items():
        attributes["n_quotes"], attributes["n_claims"] = (
            scan.said_counts[node_id, "quote"],
            scan.said_counts[node_id, "claim"],
        )
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


def add_document(scan: GraphScan, rows: DocumentRows) -> tuple[DocumentGraph, Contribution]:
    """Count one document into the scan and make its section of the graph, as `build_graph` would.

    scan (GraphScan): The scan so far.
    rows (DocumentRows): The document and its rows.
    RETURNS (tuple[DocumentGraph, Contribution]): Its nodes and edges in file order, and what it added.
    """
    doc_id = rows.document["doc_id"]
    statements = statement_records(rows.quotes, rows.claims)
    said = said_edges(statements, actor_of_entity := linked_actors(rows, scan.actors))
    edges = said + mention_edges(statements, rows.mentions, actor_of_entity) + in_edges(statements, {doc_id})
    statement_nodes = sorted(((s["node_id"], statement_attributes(s)) for s in statements), key=itemgetter(0))
    graph = DocumentGraph(
        rows.index,
        [(f"doc:{doc_id}", document_attributes(rows.document)), *statement_nodes],
        sorted((edge.source, edge.target, edge.kind, edge.weight, edge.doc_ids) for edge in edges),
    )
    contribution = contribution_of(rows, graph, said)
    add_contribution(scan, contribution)
    return graph, contribution


def linked_actors(rows: DocumentRows, actors: dict[str, dict]) -> dict[str, str]:
    """Entity id → actor id, for the document's entities whose actor is in the actors table.

    rows (DocumentRows): The document and its rows.
    actors (dict[str, dict]): Actor node id → attributes.
    RETURNS (dict[str, str]): The links.
    """
    return {
        entity["entity_id"]: entity["actor_id"] for entity in rows.entities if f"actor:{entity['actor_id']}" in actors
    }


def contribution_of(rows: DocumentRows, graph: DocumentGraph, said: list[Edge]) -> Contribution:
    """What a document adds to the scan.

    rows (DocumentRows): The document and its rows.
    graph (DocumentGraph): Its section of the graph.
    said (list[Edge]): Its `said` edges.
    RETURNS (Contribution): Its counts, pairs, ids and view records.
    """
    said_counts: Counter = Counter()
    for edge in said:
        said_counts[edge.source, edge.target.split(":", 1)[0]] += 1
    reach, records = [], []
    # The report's graph ranks actors by the statements they said or are named in.
    for record in graph.statement_records():
        _, _, out_edges, speaker, _ = record
        actors = {speaker, *(target for target, kind, _, _ in out_edges if kind == "mentions")} - {""}
        reach += sorted(actors)
        if actors:
            records.append(record)
    counts = {"documents": 1, "mentions": len(rows.mentions), "quotes": len(rows.quotes), "claims": len(rows.claims)}
    counts.update(
        said=len(said), **{"attributed quotes": sum(n for (_, kind), n in said_counts.items() if kind == "quote")}
    )
    return Contribution(
        said_counts=list(said_counts.items()),
        reach=reach,
        pairs=[(edge.source, edge.target, edge.doc_ids) for edge in co_quoted_edges(said)],
        ids=[node_id for node_id, _ in graph.nodes],
        counts=counts,
        node_counts=dict(Counter(attributes["kind"] for _, attributes in graph.nodes)),
        edge_counts=dict(Counter(edge[2] for edge in graph.edges)),
        records=records,
    )


def add_contribution(scan: GraphScan, contribution: Contribution) -> None:
    """Count a document's contribution into the scan.

    scan (GraphScan): The scan so far.
    contribution (Contribution): From `contribution_of`, now or in an earlier run.
    """
    scan.said_counts.update(dict(contribution.said_counts))
    scan.reach.update(contribution.reach)
    scan.counts.update(contribution.counts)
    for pair in contribution.pairs:
        scan.pairs.add(pair)
    for node_id in contribution.ids:
        scan.ids.add((node_id,))


def check_unique_ids(scan: GraphScan) -> None:
    """Raise when two statement or document nodes have one id (`build_graph` would merge them).

    scan (GraphScan): A finished scan.
    RAISES TableOrderError: Naming the first such id.
    """
    previous = None
    for (node_id,) in scan.ids:
        if node_id == previous:
            raise TableOrderError(f"node {node_id} appears twice")
        previous = node_id
