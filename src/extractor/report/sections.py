"""The pieces of the report page: sections, document blocks, the page template.

`html.render_report` puts them together from whole tables, `stream.py` from
streamed ones; both give the same page. CSS and JS are package data
(`assets/report.css`, `assets/report.js`).
"""

from __future__ import annotations

import base64
import hashlib
from collections import defaultdict
from collections.abc import Mapping
from importlib import resources

import networkx as nx

from extractor.graph.records import table_records
from extractor.outputs.loading import Tables
from extractor.report.blocks import (
    DOCUMENTS_HEAD,
    DOCUMENTS_TAIL,
    document_block,
    mention_highlight,
    statement_highlights,
)
from extractor.report.markup import Highlight, escape
from extractor.report.svg import actor_rows, bar_chart

TOP_SPEAKERS = 15
ACTOR_COLUMNS = (
    ("Actor", ""),
    ("Kind", ""),
    ("Documents", "num"),
    ("Mentions", "num"),
    ("Quotes", "num"),
    ("Claims", "num"),
    ("Roles", ""),
    ("Aliases", ""),
)


def summary_section(tables: Tables, graph: nx.MultiDiGraph) -> str:
    """Counts of documents, actors, statements and errors.

    tables (Tables): The tables.
    graph (nx.MultiDiGraph): Their graph.
    RETURNS (str): An HTML section.
    """
    attributed = sum(1 for _, target, kind in graph.edges(keys=True) if kind == "said" and target.startswith("quote:"))
    counts = {name: len(tables[name]) for name in ("documents", "actors", "quotes", "claims", "mentions", "errors")}
    return summary_of_counts({**counts, "attributed quotes": attributed})


def summary_of_counts(counts: Mapping[str, int]) -> str:
    """The summary section from counts.

    counts (Mapping[str, int]): documents, actors, quotes, attributed quotes,
        claims, mentions and errors (rows of those tables; said edges into quotes).
    RETURNS (str): An HTML section.
    """
    names = ("documents", "actors", "quotes", "attributed quotes", "claims", "mentions", "errors")
    items = "".join(f"<li><strong>{counts[name]}</strong> {escape(name)}</li>" for name in names)
    return f'<section id="summary"><ul class="counts">{items}</ul></section>'


def speakers_section(graph: nx.MultiDiGraph) -> str:
    """Who is quoted most: an inline SVG bar chart of the top speakers.

    graph (nx.MultiDiGraph): From `build_graph`.
    RETURNS (str): An HTML section.
    """
    speakers = [(data["label"], data["n_quotes"]) for _, data in actor_rows(graph) if data["n_quotes"]][:TOP_SPEAKERS]
    heading = "<h2>Who is quoted most</h2>"
    if not speakers:
        return f'<section id="speakers">{heading}<p class="empty">No quote is attributed to an actor.</p></section>'
    return f'<section id="speakers">{heading}{bar_chart(speakers)}</section>'


def actors_section(graph: nx.MultiDiGraph) -> str:
    """The actors table with documents, mentions, quotes and claims per actor.

    graph (nx.MultiDiGraph): From `build_graph`.
    RETURNS (str): An HTML section.
    """
    header = "".join(f'<th class="{css}">{name}</th>' for name, css in ACTOR_COLUMNS)
    rows = "".join(
        f'<tr data-id="{escape(node)}"><td>{escape(data["label"])}</td><td>{escape(data["subkind"])}</td>'
        f'<td class="num">{data["n_documents"]}</td><td class="num">{data["n_mentions"]}</td>'
        f'<td class="num">{data["n_quotes"]}</td><td class="num">{data["n_claims"]}</td>'
        f"<td>{escape(data['roles'])}</td><td>{escape(data['aliases'])}</td></tr>"
        for node, data in actor_rows(graph)
    )
    table = f'<div class="scroll"><table id="actors-table"><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table></div>'
    return f'<section id="actors"><h2>Actors</h2>{table}</section>'


def documents_section(tables: Tables, anchors: dict[str, str]) -> str:
    """Every document with its highlights, one collapsible block each.

    tables (Tables): The tables.
    anchors (dict[str, str]): doc_id → element id.
    RETURNS (str): An HTML section.
    """
    highlights = document_highlights(tables)
    blocks = [
        document_block(index, document, highlights.get(document["doc_id"], []), anchors[document["doc_id"]])
        for index, document in enumerate(table_records(tables, "documents"))
    ]
    return f"{DOCUMENTS_HEAD}{''.join(blocks)}{DOCUMENTS_TAIL}"


def document_highlights(tables: Tables) -> dict[str, list[Highlight]]:
    """Highlights of every document: entity mentions, quotes, claims and speakers.

    tables (Tables): The tables.
    RETURNS (dict[str, list[Highlight]]): doc_id → highlights.
    """
    names = {entity["entity_id"]: entity["name"] for entity in table_records(tables, "entities")}
    by_doc: dict[str, list[Highlight]] = defaultdict(list)
    for mention in table_records(tables, "mentions"):
        by_doc[mention["doc_id"]].append(mention_highlight(mention, names))
    for kind, prefix in (("quote", "speaker"), ("claim", "source")):
        for row in table_records(tables, f"{kind}s"):
            by_doc[row["doc_id"]].extend(statement_highlights(kind, prefix, row, names))
    return by_doc


def read_asset(name: str) -> str:
    """The text of a file in the package's `assets/` folder.

    name (str): E.g. "report.css".
    RETURNS (str): The file's text, decoded as UTF-8.
    """
    return (resources.files("extractor.report") / "assets" / name).read_text(encoding="utf-8")


# The line break keeps `<style>`/`<script>` on their own lines in the page source.
CSS = "\n" + read_asset("report.css")
JS = "\n" + read_asset("report.js")

# The page's Content-Security-Policy allows only this exact script, so even
# markup that slipped past escaping could not run (defence in depth) and
# nothing can be fetched from the network.
SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(JS.encode("utf-8")).digest()).decode("ascii")

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src '{script_hash}'; img-src data:">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
{body}
<script type="application/json" id="report-data">{data}</script>
<script>{js}</script>
</body>
</html>
"""
