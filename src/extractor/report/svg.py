"""The report's drawings: the who-is-quoted-most bar chart and the actor–statement graph.

Both are inline SVG built from the graph of `build_graph`. The drawn graph is
a view of the busiest actors and their statements; its layout is a seeded
spring layout rounded to 0.1 px, so the same tables give the same drawing.
`view_data` is what the report's inline JS reads for hover and click details.
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

from extractor.graph.records import shorten
from extractor.report.markup import css_name, escape

MAX_VIEW_NODES = 300  # also keeps spring_layout on its dense numpy path (< 500 nodes needs no scipy)
LABELLED_ACTORS = 25
LAYOUT_SEED = 7
VIEW_WIDTH, VIEW_HEIGHT, VIEW_MARGIN = 960, 640, 40
VIEW_EDGE_KINDS = ("said", "mentions", "co_quoted")


def actor_rows(graph: nx.MultiDiGraph) -> list[tuple[str, dict]]:
    """Actor nodes, most quoted first (then claims, mentions, name).

    graph (nx.MultiDiGraph): From `build_graph`.
    RETURNS (list[tuple[str, dict]]): (node id, attributes).
    """
    actors = [(node, data) for node, data in graph.nodes(data=True) if data["kind"] == "actor"]
    return sorted(
        actors,
        key=lambda item: (
            -item[1]["n_quotes"],
            -item[1]["n_claims"],
            -item[1]["n_mentions"],
            item[1]["label"],
            item[0],
        ),
    )


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
    return (
        f'<svg class="chart" role="img" aria-label="Quotes per speaker" viewBox="0 0 {label_width + bar_width + 60} '
        f'{height}" width="{label_width + bar_width + 60}" height="{height}">{"".join(rows)}</svg>'
    )


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
    # Sorted, as the streamed report adds them: the graph lists edges by source node, in insertion order.
    edges = (
        (source, target, kind, data)
        for source, target, kind, data in graph.edges(keys=True, data=True)
        if kind in VIEW_EDGE_KINDS and source in chosen and target in chosen
    )
    view.add_edges_from(sorted(edges, key=lambda edge: edge[:3]))
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
    legend = (
        '<p class="legend"><span class="dot actor"></span> actor <span class="dot quote"></span> quote '
        '<span class="dot claim"></span> claim · solid: said, dashed: mentions, blue: co-quoted. '
        "Hover a node to highlight its neighbours; click to pin (or open <code>report.html#node=&lt;node id&gt;</code>).</p>"
    )
    svg = (
        f'<svg id="graph-svg" viewBox="0 0 {VIEW_WIDTH} {VIEW_HEIGHT}" width="{VIEW_WIDTH}" height="{VIEW_HEIGHT}">'
        f'<g class="edges">{svg_edges(view, positions)}</g><g class="nodes">{svg_nodes(view, positions)}</g></svg>'
    )
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
        lines.append(
            f'<line class="edge {kind}" data-source="{escape(source)}" data-target="{escape(target)}" '
            f'x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"></line>'
        )
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
        label = (
            f'<text x="{x + radius + 2}" y="{y + 4}">{escape(shorten(data["label"], 30))}</text>'
            if node in labelled
            else ""
        )
        elements.append(
            f'<g class="node {css_name(data["kind"])}" data-id="{escape(node)}">'
            f'<circle cx="{x}" cy="{y}" r="{radius}"><title>{escape(data["label"])}</title></circle>{label}</g>'
        )
    return "".join(elements)


def view_data(view: nx.MultiDiGraph, anchors: dict[str, str]) -> dict[str, Any]:
    """The drawn graph as data for the JS: node details and adjacency.

    view (nx.MultiDiGraph): From `graph_view`.
    anchors (dict[str, str]): doc_id → element id of the document in the report.
    RETURNS (dict[str, Any]): {"nodes": {id: details}, "edges": [[source, target, kind]]}.
    """
    nodes = {
        node: {
            "kind": data["kind"],
            "label": data["label"],
            "subkind": data.get("subkind", ""),
            "text": data.get("text", ""),
            "speaker": data.get("speaker", ""),
            "doc_id": data.get("doc_id", ""),
            "anchor": anchors.get(data.get("doc_id", ""), ""),
            "n_quotes": data.get("n_quotes", 0),
            "n_claims": data.get("n_claims", 0),
        }
        for node, data in view.nodes(data=True)
    }
    return {"nodes": nodes, "edges": [[source, target, kind] for source, target, kind in view.edges(keys=True)]}
