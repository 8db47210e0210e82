"""One self-contained HTML report of an output folder.

`write_report(out_dir)` writes `report.html`: a summary, a who-is-quoted-most
bar chart, the actors table, an interactive actor–statement graph and every
document with its entities, quotes, claims and speakers highlighted. Nothing
is fetched over the network: CSS, JS, SVG and data are inline.

Safety: every piece of table text goes through `html.escape` (documents are
untrusted input), the embedded JSON has `<`, `>` and `&` escaped so no `</script>`
can end its block, and the inline JS only ever writes text with `textContent`.
Determinism: no timestamps, a seeded spring layout rounded to 0.1 px, and
sorted iteration, so the same tables give a byte-identical file.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import networkx as nx

from .graph import GRAPH_TABLES, build_graph, shorten, table_records, write_atomically
from .loading import Tables, load

REPORT_FILE = "report.html"
TOP_SPEAKERS = 15
MAX_VIEW_NODES = 300  # also keeps spring_layout on its dense numpy path (< 500 nodes needs no scipy)
LABELLED_ACTORS = 25
LAYOUT_SEED = 7
VIEW_WIDTH, VIEW_HEIGHT, VIEW_MARGIN = 960, 640, 40
VIEW_EDGE_KINDS = ("said", "mentions", "co_quoted")
UNSAFE_CLASS_CHARS = re.compile(r"[^a-z0-9_-]")
ACTOR_COLUMNS = (("Actor", ""), ("Kind", ""), ("Documents", "num"), ("Mentions", "num"), ("Quotes", "num"),
                 ("Claims", "num"), ("Roles", ""), ("Aliases", ""))


@dataclass(frozen=True)
class Highlight:
    """A span of a document to mark in the report.

    start (int): Start offset into the document text.
    end (int): End offset (exclusive).
    css_class (str): Class names for the marked text.
    note (str): Tooltip text (plain; escaped when rendered).
    group (str): Id shared by a statement and its speaker span, for linked hover.
    """

    start: int
    end: int
    css_class: str
    note: str
    group: str = ""


def write_report(out_dir: Path, path: Path | None = None) -> Path:
    """Write the HTML report of an output folder.

    out_dir (Path): Output folder holding the tables.
    path (Path | None): The HTML file; defaults to `out_dir / "report.html"`.
    RETURNS (Path): The written file.
    RAISES MissingTableError: When `out_dir` lacks a table of `GRAPH_TABLES`.
    """
    tables = load(out_dir, required=GRAPH_TABLES)
    page = render_report(tables, build_graph(tables))
    path = Path(out_dir) / REPORT_FILE if path is None else Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, lambda temporary: temporary.write_text(page, encoding="utf-8", newline="\n"))
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
    title = f"extractor report: {Path(tables.out_dir).name or tables.out_dir}"
    body = "\n".join([
        f"<h1>{escape(title)}</h1>",
        summary_section(tables, graph),
        speakers_section(graph),
        actors_section(graph),
        graph_section(view, positions),
        documents_section(tables, anchors),
    ])
    data = {"graph": view_data(view, anchors)}
    return PAGE.format(title=escape(title), css=CSS, body=body, data=embed_json(data), js=JS, script_hash=SCRIPT_HASH)


def escape(text: Any) -> str:
    """HTML-escape any value, quotes included, so it is safe in text and attributes.

    text (Any): The value; None renders as "".
    RETURNS (str): Escaped text.
    """
    return html.escape("" if text is None else str(text), quote=True)


def embed_json(data: Any) -> str:
    """JSON safe inside `<script type="application/json">`.

    `<`, `>` and `&` become `\\u003c` etc., which JSON.parse reads back, so
    neither `</script>` nor `<!--` in a document can end or alter the block.

    data (Any): JSON-serialisable data.
    RETURNS (str): The escaped JSON text.
    """
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def css_name(value: str) -> str:
    """A class-name fragment from table text (kinds come from data: keep only safe characters).

    value (str): E.g. "person".
    RETURNS (str): Lower-case letters, digits, `_` and `-`.
    """
    return UNSAFE_CLASS_CHARS.sub("", str(value).lower()) or "other"


def summary_section(tables: Tables, graph: nx.MultiDiGraph) -> str:
    """Counts of documents, actors, statements and errors.

    tables (Tables): The tables.
    graph (nx.MultiDiGraph): Their graph.
    RETURNS (str): An HTML section.
    """
    attributed = sum(1 for _, target, kind in graph.edges(keys=True) if kind == "said" and target.startswith("quote:"))
    counts = [
        ("documents", len(tables.documents)), ("actors", len(tables.actors)),
        ("quotes", len(tables.quotes)), ("attributed quotes", attributed),
        ("claims", len(tables.claims)), ("mentions", len(tables.mentions)), ("errors", len(tables.errors)),
    ]
    items = "".join(f'<li><strong>{count}</strong> {escape(name)}</li>' for name, count in counts)
    return f'<section id="summary"><ul class="counts">{items}</ul></section>'


def actor_rows(graph: nx.MultiDiGraph) -> list[tuple[str, dict]]:
    """Actor nodes, most quoted first (then claims, mentions, name).

    graph (nx.MultiDiGraph): From `build_graph`.
    RETURNS (list[tuple[str, dict]]): (node id, attributes).
    """
    actors = [(node, data) for node, data in graph.nodes(data=True) if data["kind"] == "actor"]
    return sorted(actors, key=lambda item: (
        -item[1]["n_quotes"], -item[1]["n_claims"], -item[1]["n_mentions"], item[1]["label"], item[0]))


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


def bar_chart(bars: list[tuple[str, int]]) -> str:
    """A horizontal bar chart as SVG.

    bars (list[tuple[str, int]]): (label, value), drawn top to bottom.
    RETURNS (str): An `<svg>` element.
    """
    bar_height, label_width, bar_width = 24, 220, 600
    top = max(value for _, value in bars)
    rows = []
    for index, (label, value) in enumerate(bars):
        y = index * bar_height
        width = round(bar_width * value / top, 1)
        rows.append(
            f'<g class="bar" transform="translate(0,{y})"><title>{escape(label)}: {value}</title>'
            f'<text x="{label_width - 8}" y="16" text-anchor="end">{escape(shorten(label, 30))}</text>'
            f'<rect x="{label_width}" y="3" width="{width}" height="{bar_height - 6}"></rect>'
            f'<text x="{label_width + width + 6}" y="16">{value}</text></g>'
        )
    height = bar_height * len(bars)
    return (f'<svg class="chart" role="img" aria-label="Quotes per speaker" viewBox="0 0 {label_width + bar_width + 60} '
            f'{height}" width="{label_width + bar_width + 60}" height="{height}">{"".join(rows)}</svg>')


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
        f'<td>{escape(data["roles"])}</td><td>{escape(data["aliases"])}</td></tr>'
        for node, data in actor_rows(graph)
    )
    table = f'<div class="scroll"><table id="actors-table"><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table></div>'
    return f'<section id="actors"><h2>Actors</h2>{table}</section>'


def actor_statements(graph: nx.MultiDiGraph, actor: str) -> set[str]:
    """Statements an actor said or is mentioned in.

    graph (nx.MultiDiGraph): From `build_graph`.
    actor (str): An actor node id.
    RETURNS (set[str]): Statement node ids.
    """
    said = {target for _, target, kind in graph.out_edges(actor, keys=True) if kind == "said"}
    named_in = {source for source, _, kind in graph.in_edges(actor, keys=True) if kind == "mentions"}
    return said | named_in


def graph_view(graph: nx.MultiDiGraph, max_nodes: int = MAX_VIEW_NODES) -> nx.MultiDiGraph:
    """The part of the graph the report draws: busiest actors and their statements.

    Documents and `in` edges are left out (every statement has one); actors
    are taken busiest first while their statements fit in `max_nodes`.

    graph (nx.MultiDiGraph): From `build_graph`.
    max_nodes (int): Most nodes to draw.
    RETURNS (nx.MultiDiGraph): A sorted copy with `said`, `mentions`, `co_quoted` edges.
    """
    statements = {node: actor_statements(graph, node) for node, _ in actor_rows(graph)}
    ranked = sorted((node for node in statements if statements[node]), key=lambda node: (-len(statements[node]), node))
    chosen: set[str] = set()
    for actor in ranked:
        added = ({actor} | statements[actor]) - chosen
        if len(chosen) + len(added) <= max_nodes:
            chosen |= added
    view = nx.MultiDiGraph()
    view.add_nodes_from((node, graph.nodes[node]) for node in sorted(chosen))
    view.add_edges_from(
        (source, target, kind, data) for source, target, kind, data in graph.edges(keys=True, data=True)
        if kind in VIEW_EDGE_KINDS and source in chosen and target in chosen
    )
    return view


def layout(view: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Seeded spring layout scaled to the SVG, rounded so output is stable.

    view (nx.MultiDiGraph): From `graph_view`.
    RETURNS (dict[str, tuple[float, float]]): Node id → (x, y) in pixels.
    """
    if not view:
        return {}
    positions = nx.spring_layout(nx.Graph(view), seed=LAYOUT_SEED) if len(view) > 1 else {next(iter(view)): (0, 0)}
    half_width, half_height = VIEW_WIDTH / 2 - VIEW_MARGIN, VIEW_HEIGHT / 2 - VIEW_MARGIN
    return {
        node: (round(VIEW_WIDTH / 2 + float(x) * half_width, 1), round(VIEW_HEIGHT / 2 + float(y) * half_height, 1))
        for node, (x, y) in positions.items()
    }


def node_radius(data: dict) -> float:
    """Actors grow with what they said; statements are small dots.

    data (dict): Node attributes.
    RETURNS (float): Radius in pixels.
    """
    if data["kind"] != "actor":
        return 4.0
    return round(6 + min(12.0, 2 * math.sqrt(data["n_quotes"] + data["n_claims"])), 1)


def graph_section(view: nx.MultiDiGraph, positions: dict[str, tuple[float, float]]) -> str:
    """The actor–statement graph as SVG, with a details panel the inline JS fills.

    view (nx.MultiDiGraph): From `graph_view`.
    positions (dict[str, tuple[float, float]]): From `layout`.
    RETURNS (str): An HTML section.
    """
    heading = "<h2>Actor–statement graph</h2>"
    if not view:
        return f'<section id="graph">{heading}<p class="empty">No statement is linked to an actor.</p></section>'
    legend = ('<p class="legend"><span class="dot actor"></span> actor <span class="dot quote"></span> quote '
              '<span class="dot claim"></span> claim · solid: said, dashed: mentions, blue: co-quoted. '
              'Hover a node to highlight its neighbours; click to pin (or open <code>report.html#node=&lt;node id&gt;</code>).</p>')
    svg = (f'<svg id="graph-svg" viewBox="0 0 {VIEW_WIDTH} {VIEW_HEIGHT}" width="{VIEW_WIDTH}" height="{VIEW_HEIGHT}">'
           f'<g class="edges">{svg_edges(view, positions)}</g><g class="nodes">{svg_nodes(view, positions)}</g></svg>')
    details = '<aside id="graph-details">Hover or click a node.</aside>'
    return f'<section id="graph">{heading}{legend}<div class="graph-box">{svg}{details}</div></section>'


def svg_edges(view: nx.MultiDiGraph, positions: dict[str, tuple[float, float]]) -> str:
    """One `<line>` per edge, with its endpoints in data attributes for the JS.

    view (nx.MultiDiGraph): From `graph_view`.
    positions (dict[str, tuple[float, float]]): From `layout`.
    RETURNS (str): SVG elements.
    """
    lines = []
    for source, target, kind in view.edges(keys=True):
        (x1, y1), (x2, y2) = positions[source], positions[target]
        lines.append(f'<line class="edge {kind}" data-source="{escape(source)}" data-target="{escape(target)}" '
                     f'x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"></line>')
    return "".join(lines)


def svg_nodes(view: nx.MultiDiGraph, positions: dict[str, tuple[float, float]]) -> str:
    """One `<circle>` per node (labels for the busiest actors), with a `<title>` tooltip.

    view (nx.MultiDiGraph): From `graph_view`.
    positions (dict[str, tuple[float, float]]): From `layout`.
    RETURNS (str): SVG elements.
    """
    labelled = {node for node, _ in actor_rows(view)[:LABELLED_ACTORS]}
    elements = []
    for node, data in view.nodes(data=True):
        (x, y), radius = positions[node], node_radius(data)
        label = f'<text x="{x + radius + 2}" y="{y + 4}">{escape(shorten(data["label"], 30))}</text>' if node in labelled else ""
        elements.append(f'<g class="node {css_name(data["kind"])}" data-id="{escape(node)}">'
                        f'<circle cx="{x}" cy="{y}" r="{radius}"><title>{escape(data["label"])}</title></circle>{label}</g>')
    return "".join(elements)


def view_data(view: nx.MultiDiGraph, anchors: dict[str, str]) -> dict[str, Any]:
    """The drawn graph as data for the JS: node details and adjacency.

    view (nx.MultiDiGraph): From `graph_view`.
    anchors (dict[str, str]): doc_id → element id of the document in the report.
    RETURNS (dict[str, Any]): {"nodes": {id: details}, "edges": [[source, target, kind]]}.
    """
    nodes = {
        node: {
            "kind": data["kind"], "label": data["label"], "subkind": data.get("subkind", ""),
            "text": data.get("text", ""), "speaker": data.get("speaker", ""),
            "doc_id": data.get("doc_id", ""), "anchor": anchors.get(data.get("doc_id", ""), ""),
            "n_quotes": data.get("n_quotes", 0), "n_claims": data.get("n_claims", 0),
        }
        for node, data in view.nodes(data=True)
    }
    return {"nodes": nodes, "edges": [[source, target, kind] for source, target, kind in view.edges(keys=True)]}


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
        blocks.append(f'<details class="doc" id="{anchors[document["doc_id"]]}"{" open" if index == 0 else ""}>'
                      f'<summary><strong>{escape(document["title"] or document["doc_id"])}</strong> '
                      f'<span class="meta">{meta}</span></summary><div class="doc-text">{text}</div></details>')
    return f'<section id="documents"><h2>Documents</h2>{LEGEND}{"".join(blocks)}</section>'


def document_highlights(tables: Tables) -> dict[str, list[Highlight]]:
    """Highlights of every document: entity mentions, quotes, claims and speakers.

    tables (Tables): The tables.
    RETURNS (dict[str, list[Highlight]]): doc_id → highlights.
    """
    names = {entity["entity_id"]: entity["name"] for entity in table_records(tables, "entities")}
    by_doc: dict[str, list[Highlight]] = defaultdict(list)
    for mention in table_records(tables, "mentions"):
        note = f'{mention["label"]} · {names.get(mention["entity_id"], mention["text"])}'
        by_doc[mention["doc_id"]].append(
            Highlight(mention["start_char"], mention["end_char"], f'ent ent-{css_name(mention["kind"])}', note))
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
    marks = [Highlight(row["start_char"], row["end_char"], kind, f'{kind.title()} ({row["kind"]}) · {who}', group)]
    if row[f"{prefix}_start_char"] is not None and row[f"{prefix}_end_char"] is not None:
        marks.append(Highlight(row[f"{prefix}_start_char"], row[f"{prefix}_end_char"], "speaker",
                               f"Speaker of the {kind} · {who}", group))
    return marks


def render_highlighted(text: str, highlights: list[Highlight]) -> str:
    """Escaped text with highlights; overlapping spans become segments with every class.

    Cutting the text at every span boundary means spans never need to nest, so
    a quote that contains a mention, or a claim overlapping a quote, renders right.

    text (str): The document text (untrusted).
    highlights (list[Highlight]): Spans to mark; out-of-range offsets are clipped.
    RETURNS (str): HTML with `<span>` per highlighted segment.
    """
    marks = sorted(
        (Highlight(max(0, mark.start), min(len(text), mark.end), mark.css_class, mark.note, mark.group)
         for mark in highlights if mark.start is not None and mark.end is not None),
        key=lambda mark: (mark.start, -mark.end, mark.css_class, mark.note),
    )
    marks = [mark for mark in marks if mark.start < mark.end]
    bounds = sorted({0, len(text)} | {mark.start for mark in marks} | {mark.end for mark in marks})
    return "".join(render_segment(text[start:end], [m for m in marks if m.start <= start and end <= m.end])
                   for start, end in pairwise(bounds))


def render_segment(chunk: str, covering: list[Highlight]) -> str:
    """One piece of text covered by the same highlights.

    chunk (str): The text (untrusted).
    covering (list[Highlight]): Highlights covering all of it.
    RETURNS (str): Escaped text, wrapped in a `<span>` when highlighted.
    """
    if not covering:
        return escape(chunk)
    classes = " ".join(sorted({name for mark in covering for name in mark.css_class.split()}))
    notes = "\n".join(dict.fromkeys(mark.note for mark in covering))
    groups = " ".join(sorted({mark.group for mark in covering if mark.group}))
    return f'<span class="{classes}" title="{escape(notes)}" data-groups="{groups}">{escape(chunk)}</span>'


LEGEND = (
    '<p class="legend"><span class="ent ent-person">person</span> <span class="ent ent-organization">organization</span> '
    '<span class="ent ent-place">place</span> <span class="ent ent-group">group</span> '
    '<span class="quote">quote</span> <span class="claim">claim</span> <span class="speaker">speaker</span> · '
    "hover a quote to see its speaker.</p>"
)

CSS = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 1280px; padding: 0 24px 48px; color: #1f2937; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #e5e7eb; }
.counts { display: flex; flex-wrap: wrap; gap: 18px; list-style: none; padding: 0; }
.counts strong { font-size: 1.4em; margin-right: 4px; }
.chart rect { fill: #2563eb; } .chart text { font-size: 13px; fill: #1f2937; }
.scroll { max-height: 420px; overflow: auto; border: 1px solid #e5e7eb; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { padding: 4px 8px; border-bottom: 1px solid #f3f4f6; text-align: left; }
th { position: sticky; top: 0; background: #f9fafb; } .num { text-align: right; }
.graph-box { display: flex; gap: 16px; align-items: flex-start; }
#graph-svg { border: 1px solid #e5e7eb; background: #fff; max-width: 100%; height: auto; flex: 0 1 auto; }
#graph-details { flex: 1 1 240px; min-width: 200px; font-size: 14px; white-space: pre-wrap; }
.edge { stroke: #cbd5e1; stroke-width: 1; } .edge.mentions { stroke-dasharray: 3 3; }
.edge.co_quoted { stroke: #2563eb; stroke-width: 2; opacity: .5; }
.node circle { stroke: #fff; stroke-width: 1; cursor: pointer; } .node text { font-size: 11px; pointer-events: none; }
.node.actor circle, .dot.actor { fill: #2563eb; background: #2563eb; }
.node.quote circle, .dot.quote { fill: #f59e0b; background: #f59e0b; }
.node.claim circle, .dot.claim { fill: #dc2626; background: #dc2626; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; }
#graph-svg.focus .node:not(.hi), #graph-svg.focus .edge:not(.hi) { opacity: .12; }
#graph-svg.focus .edge.hi { stroke: #111827; opacity: 1; }
.doc { border: 1px solid #e5e7eb; border-radius: 6px; margin: 8px 0; padding: 6px 12px; }
.doc summary { cursor: pointer; } .meta { color: #6b7280; font-size: 13px; }
.doc-text { white-space: pre-wrap; overflow-wrap: anywhere; margin-top: 8px; }
.ent { border-bottom: 2px solid #9ca3af; } .ent-person { border-color: #2563eb; }
.ent-organization { border-color: #16a34a; } .ent-place { border-color: #d97706; } .ent-group { border-color: #9333ea; }
.quote { background: #fef3c7; } .claim { text-decoration: underline dotted #dc2626; }
.speaker { background: #dbeafe; font-weight: 600; } .linked { outline: 2px solid #f59e0b; }
.empty { color: #6b7280; }
"""

JS = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var svg = document.getElementById("graph-svg");
  var details = document.getElementById("graph-details");
  var neighbours = {};
  data.graph.edges.forEach(function (edge) {
    (neighbours[edge[0]] = neighbours[edge[0]] || []).push(edge[1]);
    (neighbours[edge[1]] = neighbours[edge[1]] || []).push(edge[0]);
  });
  var pinned = null;

  function line(label, value) {
    if (value === "" || value === undefined || value === null) { return; }
    var row = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = label + ": ";
    row.appendChild(name);
    row.appendChild(document.createTextNode(String(value)));
    details.appendChild(row);
  }

  function showDetails(id) {
    details.textContent = "";
    var node = id ? data.graph.nodes[id] : null;
    if (!node) { details.textContent = "Hover or click a node."; return; }
    line(node.kind, node.label);
    line("kind", node.subkind);
    if (node.kind === "actor") { line("quotes", node.n_quotes); line("claims", node.n_claims); }
    else { line("speaker", node.speaker); line("text", node.text); line("document", node.doc_id); }
    if (node.anchor) {
      var link = document.createElement("a");
      link.href = "#" + node.anchor;
      link.textContent = "open the document";
      link.addEventListener("click", function () { document.getElementById(node.anchor).open = true; });
      details.appendChild(link);
    }
  }

  function highlight(id) {
    var keep = {};
    if (id) { keep[id] = true; (neighbours[id] || []).forEach(function (other) { keep[other] = true; }); }
    svg.classList.toggle("focus", Boolean(id));
    svg.querySelectorAll(".node").forEach(function (el) { el.classList.toggle("hi", Boolean(keep[el.dataset.id])); });
    svg.querySelectorAll(".edge").forEach(function (el) {
      el.classList.toggle("hi", el.dataset.source === id || el.dataset.target === id);
    });
    showDetails(id);
  }

  if (svg) {
    svg.addEventListener("mouseover", function (event) {
      var node = event.target.closest(".node");
      if (node && !pinned) { highlight(node.dataset.id); }
    });
    svg.addEventListener("mouseleave", function () { if (!pinned) { highlight(null); } });
    svg.addEventListener("click", function (event) {
      var node = event.target.closest(".node");
      pinned = node && pinned !== node.dataset.id ? node.dataset.id : null;
      highlight(pinned);
    });
  }

  function linkGroups(box, groups) {
    box.querySelectorAll("[data-groups]").forEach(function (el) {
      var mine = el.dataset.groups.split(" ");
      el.classList.toggle("linked", groups.some(function (group) { return group && mine.indexOf(group) >= 0; }));
    });
  }

  document.querySelectorAll(".doc-text").forEach(function (box) {
    box.addEventListener("mouseover", function (event) {
      var segment = event.target.closest("[data-groups]");
      linkGroups(box, segment ? segment.dataset.groups.split(" ") : []);
    });
    box.addEventListener("mouseleave", function () { linkGroups(box, []); });
  });
  // `report.html#node=<node id>` opens with that node pinned: a link to one actor.
  var linked = /^#node=(.+)$/.exec(window.location.hash);
  if (svg && linked) { pinned = decodeURIComponent(linked[1]); highlight(pinned); }
  document.documentElement.setAttribute("data-report-ready", "true");
})();
"""

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
