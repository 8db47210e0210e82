"""The graph files' names and their CSV columns, which the README documents.

`NODE_COLUMNS` and `EDGE_COLUMNS` are (name, type, description) like
`types.column_docs`; `docs.schema_markdown` writes them into the README.
"""

from __future__ import annotations

# Node labels are cut to this many characters (`graph.shorten`); it is defined
# here because the nodes.csv column docs quote it.
LABEL_CHARS = 80
GRAPH_FILES = {
    "nodes": "nodes.csv",
    "edges": "edges.csv",
    "graphml": "graph.graphml",
    "gexf": "graph.gexf",
    "json": "graph.json",
}

# (name, type, description), like `types.column_docs`, for the README.
NODE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    (
        "node_id",
        "string",
        "Stable id: `actor:<actor_id>`, `quote:<statement_id>` (one node for all rows of an interrupted quote), "
        "`claim:<claim_id>` or `doc:<doc_id>`.",
    ),
    ("kind", "string", "actor, quote, claim or document."),
    (
        "label",
        "string",
        f"Actor name, statement text (first {LABEL_CHARS} characters) or document title (doc_id if none).",
    ),
    (
        "subkind",
        "string",
        "The row's own kind: person, organization… (actor); direct, indirect, mixed (quote); statement, stance, assertion (claim); empty for documents.",
    ),
    ("doc_id", "string", "Document of a statement or document node; empty for actors."),
    (
        "text",
        "string",
        "Full statement text (an interrupted quote's pieces joined by ` … `); empty for actors and documents.",
    ),
    ("start_char", "integer", "Statement start offset; empty for actors and documents."),
    ("end_char", "integer", "Statement end offset (exclusive; an interrupted quote's last piece); empty otherwise."),
    ("speaker", "string", "Speaker (quote) or source (claim) as written; empty otherwise."),
    ("cue", "string", "Cue lemma of a statement; empty otherwise."),
    ("polarity", "string", "Claim polarity; empty otherwise."),
    ("has_figure", "boolean", "Whether a claim contains a figure; empty for other nodes."),
    ("aliases", "string", "Actor aliases, `; `-separated; empty otherwise."),
    ("roles", "string", "Actor roles, `; `-separated; empty otherwise."),
    ("n_documents", "integer", "Documents mentioning the actor; empty otherwise."),
    ("n_mentions", "integer", "Mentions of the actor in the corpus; empty otherwise."),
    ("n_quotes", "integer", "Quotes (statements) the actor is the resolved speaker of; empty otherwise."),
    ("n_claims", "integer", "Claims the actor is the resolved source of; empty otherwise."),
    ("title", "string", "Document title; empty otherwise."),
    ("date", "string", "Document date (ISO 8601); empty otherwise."),
    ("url", "string", "Document URL; empty otherwise."),
    ("source", "string", "Document publisher or feed; empty otherwise."),
)
EDGE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("edge_id", "string", "Stable id: `<kind>:<source>-><target>`."),
    ("source", "string", "Node id the edge starts at (the smaller id for co_quoted)."),
    ("target", "string", "Node id the edge ends at."),
    ("kind", "string", "said, mentions, co_quoted or in."),
    (
        "weight",
        "integer",
        "1 for said and in; mentions of the actor inside the statement; documents both actors are quoted in (co_quoted).",
    ),
    ("doc_ids", "string", "Documents the edge comes from, `; `-separated, sorted."),
)


NODE_KINDS = ("actor", "quote", "claim", "document")
EDGE_KINDS = ("said", "mentions", "co_quoted", "in")
