"""Table rows → graph nodes and edges: the rules of the actor–statement graph.

Each function takes plain row dicts (`table_records`) and returns node
attributes or `Edge`s; `build.build_graph` applies them to whole tables, and
`scan.add_document` to one document at a time, so the in-memory graph and the
streamed files follow the same rules. Nothing here sees spaCy objects.
"""

from __future__ import annotations

import math
import sys
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, is_dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from extractor.graph.columns import LABEL_CHARS
from extractor.outputs.loading import MissingTableError

GRAPH_TABLES = ("documents", "mentions", "entities", "actors", "quotes", "claims")


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

    @property
    def attributes(self) -> dict[str, Any]:
        """RETURNS (dict[str, Any]): The edge's attributes in the graph and its files (`edge_attributes`)."""
        return edge_attributes(self.source, self.target, self.kind, self.weight, self.doc_ids)


def edge_attributes(source: str, target: str, kind: str, weight: int, doc_ids: str) -> dict[str, Any]:
    """An edge's attributes, in the order every graph file lists them.

    source (str): Start node id.
    target (str): End node id.
    kind (str): One of `columns.EDGE_KINDS`.
    weight (int): The edge weight.
    doc_ids (str): `; `-separated documents.
    RETURNS (dict[str, Any]): id, kind, weight, doc_ids.
    """
    return {"id": f"{kind}:{source}->{target}", "kind": kind, "weight": weight, "doc_ids": doc_ids}


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
    if _is_pandas(table, "DataFrame"):
        records = table.to_dict("records")
    else:
        records = [asdict(row) if is_dataclass(row) and not isinstance(row, type) else dict(row) for row in table]
    return [{key: plain_value(value) for key, value in record.items()} for record in records]


def plain_value(value: Any) -> Any:
    """A Python scalar for a cell: None for NA/NaN, int/bool for numpy scalars.

    value (Any): A cell value from pandas or a dataclass.
    RETURNS (Any): The value networkx writers and json accept.
    """
    if value is None or _is_pandas(value, "NA") or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _is_pandas(value: Any, name: str) -> bool:
    # `value` is a pandas DataFrame ("DataFrame") or pandas' NA ("NA"). Asked of
    # the module already loaded, if any: with no pandas loaded, nothing is either,
    # and a run (which reads its tables without pandas) never loads it for this.
    pandas = sys.modules.get("pandas")
    if pandas is None:
        return False
    found = getattr(pandas, name)
    return value is found if name == "NA" else isinstance(value, found)


def statement_records(quotes: list[dict], claims: list[dict]) -> list[dict[str, Any]]:
    """Quotes and claims in one shape: node id, kind, spans, attribution span, entity.

    The rows of a quote interrupted by its attribution (“…,” she said. “…”)
    share a `statement_id` and make one statement: one node, one `said` edge,
    counted once for its speaker (`statement_row`).

    quotes (list[dict]): Rows of the quotes table.
    claims (list[dict]): Rows of the claims table.
    RETURNS (list[dict[str, Any]]): One record per statement, with its row under "row".
    """
    statements = []
    for kind, rows, prefix in (
        ("quote", quote_statements(quotes), "speaker"),
        ("claim", [[r] for r in claims], "source"),
    ):
        for fragments in rows:
            row = statement_row(fragments)
            statements.append(
                {
                    "node_id": f"{kind}:{row.get('statement_id') or row[kind + '_id']}",
                    "kind": kind,
                    "doc_id": row["doc_id"],
                    "spans": [(fragment["start_char"], fragment["end_char"]) for fragment in fragments],
                    "attribution_span": (row[f"{prefix}_start_char"], row[f"{prefix}_end_char"]),
                    "entity_id": row[f"{prefix}_entity_id"] or "",
                    "speaker": row[f"{prefix}_text"] or "",
                    "row": row,
                }
            )
    return statements


def quote_statements(quotes: list[dict]) -> list[list[dict]]:
    """Quote rows grouped by (document, `statement_id`), in the order of each statement's first row.

    quotes (list[dict]): Rows of the quotes table (a row without `statement_id` is its own statement).
    RETURNS (list[list[dict]]): The rows of each statement.
    """
    groups: dict[tuple[str, str], list[dict]] = {}
    for row in quotes:
        key = (row["doc_id"], row.get("statement_id") or row["quote_id"])
        groups.setdefault(key, []).append(row)
    return list(groups.values())


def statement_row(fragments: list[dict]) -> dict:
    """One row for a statement: its first fragment's, with the text of all of
    them joined by " … " and the span running to the end of the last.

    fragments (list[dict]): The statement's rows, in text order.
    RETURNS (dict): The row the statement's node is made from.
    """
    if len(fragments) == 1:
        return fragments[0]
    ordered = sorted(fragments, key=lambda fragment: fragment["start_char"])
    text = " … ".join(fragment["text"] or "" for fragment in ordered)
    return {**ordered[0], "text": text, "end_char": max(fragment["end_char"] for fragment in ordered)}


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
        doc_spans = spans_by_doc.get(statement["doc_id"], [])
        named = Counter(
            actor_id
            for span in statement["spans"]
            for start, end, actor_id in mentions_within(doc_spans, span)
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
        counts = (statement_counts[node_id, "quote"], statement_counts[node_id, "claim"])
        nodes.append((node_id, actor_attributes(actor, *counts)))
    return nodes


def actor_attributes(actor: dict, n_quotes: int, n_claims: int) -> dict[str, Any]:
    """The attributes of one actor node, in the order every graph file lists them.

    actor (dict): A row of the actors table.
    n_quotes (int): Quotes the actor said.
    n_claims (int): Claims the actor is the source of.
    RETURNS (dict[str, Any]): kind, label, subkind, aliases, roles and the counts.
    """
    return {
        "kind": "actor",
        "label": actor["name"] or "",
        "subkind": actor["kind"] or "",
        "aliases": actor["aliases"] or "",
        "roles": actor["roles"] or "",
        "n_documents": actor["n_documents"] or 0,
        "n_mentions": actor["n_mentions"] or 0,
        "n_quotes": n_quotes,
        "n_claims": n_claims,
    }


def statement_nodes(statements: list[dict]) -> list[tuple[str, dict]]:
    """Quote and claim nodes; attributes are the same for both, plus claim-only ones.

    statements (list[dict]): From `statement_records`.
    RETURNS (list[tuple[str, dict]]): (node id, attributes).
    """
    return [(statement["node_id"], statement_attributes(statement)) for statement in statements]


def statement_attributes(statement: dict) -> dict[str, Any]:
    """The attributes of one quote or claim node (claims add polarity and has_figure).

    statement (dict): From `statement_records`.
    RETURNS (dict[str, Any]): Node attributes, in the order every graph file lists them.
    """
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
    return attributes


def document_nodes(documents: list[dict]) -> list[tuple[str, dict]]:
    """Document nodes, labelled by title (or doc_id when there is none).

    documents (list[dict]): Rows of the documents table.
    RETURNS (list[tuple[str, dict]]): (node id, attributes).
    """
    return [(f"doc:{document['doc_id']}", document_attributes(document)) for document in documents]


def document_attributes(document: dict) -> dict[str, Any]:
    """The attributes of one document node, labelled by title (or doc_id when there is none).

    document (dict): A row of the documents table.
    RETURNS (dict[str, Any]): Node attributes, in the order every graph file lists them.
    """
    return {
        "kind": "document",
        "label": document["title"] or document["doc_id"],
        "subkind": "",
        "doc_id": document["doc_id"],
        "title": document["title"] or "",
        "date": document["date"] or "",
        "url": document["url"] or "",
        "source": document["source"] or "",
    }


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
