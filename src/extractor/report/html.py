"""One self-contained HTML report of an output folder.

`write_report(out_dir)` writes `report.html`: a summary, a who-is-quoted-most
bar chart, the actors table, an interactive actor–statement graph and every
document with its entities, quotes, claims and speakers highlighted. Nothing
is fetched over the network: CSS, JS, SVG and data are inline. The CSS and JS
are package data (`assets/report.css`, `assets/report.js`); escaping and
highlighting live in `report_markup.py`, the SVG drawings in `report_svg.py`.

Safety: every piece of table text goes through `html.escape` (documents are
untrusted input), the embedded JSON has `<`, `>` and `&` escaped so no `</script>`
can end its block, and the inline JS only ever writes text with `textContent`.
Determinism: no timestamps, no folder name, a seeded spring layout rounded to
0.1 px, and sorted iteration, so the same tables give a byte-identical file.
"""

from __future__ import annotations

import base64
import hashlib
from collections import defaultdict
from importlib import resources
from pathlib import Path

import networkx as nx

from extractor.graph.build import GRAPH_TABLES, build_graph, table_records
from extractor.outputs.atomic import write_text_atomically
from extractor.outputs.loading import Tables, load
from extractor.report.markup import (
    Highlight,
    css_name,
    embed_json,
    escape,
    render_highlighted,
)
from extractor.report.svg import (
    actor_rows,
    bar_chart,
    graph_section,
    graph_view,
    layout,
    view_data,
)

REPORT_FILE = "report.html"
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


def write_report(
    out_dir: Path, path: Path | None = None, *, tables: Tables | None = None, graph: nx.MultiDiGraph | None = None
) -> Path:
    """Write the HTML report of an output folder.

    out_dir (Path): Output folder holding the tables.
    path (Path | None): The HTML file; defaults to `out_dir / "report.html"`.
    tables (Tables | None): The folder's tables if the caller loaded them already.
    graph (MultiDiGraph | None): Their graph if the caller built it already.
    RETURNS (Path): The written file.
    RAISES MissingTableError: When `out_dir` lacks a table of `GRAPH_TABLES`.
    """
    tables = load(out_dir, required=GRAPH_TABLES) if tables is None else tables
    page = render_report(tables, build_graph(tables) if graph is None else graph)
    path = Path(out_dir) / REPORT_FILE if path is None else Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(path, page, newline="\n")
    return path


def render_report(tables: Tables, graph: nx.MultiDiGraph) -> str:
    """The whole report page.

    tables (Tables): The output folder's tables, from `load()`.
    graph (nx.MultiDiGraph): Their graph, from `build_graph()`.
    RETURNS (str): A complete HTML document.
    """
    anchors = {doc_id: f"doc-{index}" for index, doc_id in enumerate(tables.documents["doc_id"])}
    view = graph_view(graph)
    positions = layout(view)
    # No folder name in the title: the same tables give the same file in any folder.
    title = "extractor report"
    body = "\n".join(
        [
            f"<h1>{escape(title)}</h1>",
            summary_section(tables, graph),
            speakers_section(graph),
            actors_section(graph),
            graph_section(view, positions),
            documents_section(tables, anchors),
        ]
    )
    data = {"graph": view_data(view, anchors)}
    return PAGE.format(title=escape(title), css=CSS, body=body, data=embed_json(data), js=JS, script_hash=SCRIPT_HASH)


def summary_section(tables: Tables, graph: nx.MultiDiGraph) -> str:
    """Counts of documents, actors, statements and errors.

    tables (Tables): The tables.
    graph (nx.MultiDiGraph): Their graph.
    RETURNS (str): An HTML section.
    """
    attributed = sum(1 for _, target, kind in graph.edges(keys=True) if kind == "said" and target.startswith("quote:"))
    counts = [
        ("documents", len(tables.documents)),
        ("actors", len(tables.actors)),
        ("quotes", len(tables.quotes)),
        ("attributed quotes", attributed),
        ("claims", len(tables.claims)),
        ("mentions", len(tables.mentions)),
        ("errors", len(tables.errors)),
    ]
    items = "".join(f"<li><strong>{count}</strong> {escape(name)}</li>" for name, count in counts)
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
    blocks = []
    for index, document in enumerate(table_records(tables, "documents")):
        marks = highlights.get(document["doc_id"], [])
        n_quotes = sum(1 for mark in marks if mark.css_class == "quote")
        meta = " · ".join(escape(part) for part in (document["doc_id"], document["date"], f"{n_quotes} quotes") if part)
        text = render_highlighted(document["text"] or "", marks)
        blocks.append(
            f'<details class="doc" id="{anchors[document["doc_id"]]}"{" open" if index == 0 else ""}>'
            f"<summary><strong>{escape(document['title'] or document['doc_id'])}</strong> "
            f'<span class="meta">{meta}</span></summary><div class="doc-text">{text}</div></details>'
        )
    return f'<section id="documents"><h2>Documents</h2>{LEGEND}{"".join(blocks)}</section>'


def document_highlights(tables: Tables) -> dict[str, list[Highlight]]:
    """Highlights of every document: entity mentions, quotes, claims and speakers.

    tables (Tables): The tables.
    RETURNS (dict[str, list[Highlight]]): doc_id → highlights.
    """
    names = {entity["entity_id"]: entity["name"] for entity in table_records(tables, "entities")}
    by_doc: dict[str, list[Highlight]] = defaultdict(list)
    for mention in table_records(tables, "mentions"):
        note = f"{mention['label']} · {names.get(mention['entity_id'], mention['text'])}"
        by_doc[mention["doc_id"]].append(
            Highlight(mention["start_char"], mention["end_char"], f"ent ent-{css_name(mention['kind'])}", note)
        )
    for kind, prefix in (("quote", "speaker"), ("claim", "source")):
        for row in table_records(tables, f"{kind}s"):
            by_doc[row["doc_id"]].extend(statement_highlights(kind, prefix, row, names))
    return by_doc


def statement_highlights(kind: str, prefix: str, row: dict, names: dict[str, str]) -> list[Highlight]:
    """A quote or claim and its speaker/source span, linked by the statement id.

    kind (str): "quote" or "claim".
    prefix (str): "speaker" or "source", the row's attribution columns.
    row (dict): The quote or claim row.
    names (dict[str, str]): entity_id → canonical name.
    RETURNS (list[Highlight]): One or two highlights.
    """
    group = css_name(row[f"{kind}_id"])
    speaker = row[f"{prefix}_text"] or "unattributed"
    resolved = names.get(row[f"{prefix}_entity_id"] or "")
    who = f"{speaker} → {resolved}" if resolved else speaker
    marks = [Highlight(row["start_char"], row["end_char"], kind, f"{kind.title()} ({row['kind']}) · {who}", group)]
    if row[f"{prefix}_start_char"] is not None and row[f"{prefix}_end_char"] is not None:
        marks.append(
            Highlight(
                row[f"{prefix}_start_char"],
                row[f"{prefix}_end_char"],
                "speaker",
                f"Speaker of the {kind} · {who}",
                group,
            )
        )
    return marks


LEGEND = (
    '<p class="legend"><span class="ent ent-person">person</span> <span class="ent ent-organization">organization</span> '
    '<span class="ent ent-place">place</span> <span class="ent ent-group">group</span> '
    '<span class="quote">quote</span> <span class="claim">claim</span> <span class="speaker">speaker</span> · '
    "hover a quote to see its speaker.</p>"
)


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
