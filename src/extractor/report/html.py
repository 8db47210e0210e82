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

from pathlib import Path

import networkx as nx

from extractor.graph.build import build_graph, write_graph
from extractor.graph.files import GraphSummary
from extractor.graph.records import GRAPH_TABLES
from extractor.graph.scan import TableOrderError
from extractor.outputs.atomic import write_text_atomically
from extractor.outputs.folder import work_dir
from extractor.outputs.loading import Tables, load
from extractor.report.markup import embed_json, escape
from extractor.report.sections import (
    CSS,
    JS,
    PAGE,
    SCRIPT_HASH,
    actors_section,
    documents_section,
    speakers_section,
    summary_section,
)
from extractor.report.stream import REPORT_FILE, stream_graph_and_report
from extractor.report.svg import graph_section, graph_view, layout, view_data


def write_report(
    out_dir: Path, path: Path | None = None, *, tables: Tables | None = None, graph: nx.MultiDiGraph | None = None
) -> Path:
    """Write the HTML report of an output folder.

    out_dir (Path): Output folder holding the tables.
    path (Path | None): The HTML file; defaults to `out_dir / "report.html"`.
    tables (Tables | None): The folder's tables if the caller loaded them already.
    graph (MultiDiGraph | None): Their graph if the caller built it already.
        Without either, the tables are streamed: memory does not grow with the corpus.
    RETURNS (Path): The written file.
    RAISES MissingTableError: When `out_dir` lacks a table of `GRAPH_TABLES`.
    """
    path = Path(out_dir) / REPORT_FILE if path is None else Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if tables is None and graph is None:
        try:
            return stream_report(Path(out_dir), path)
        except TableOrderError:
            pass
    tables = load(out_dir, required=GRAPH_TABLES) if tables is None else tables
    page = render_report(tables, build_graph(tables) if graph is None else graph)
    write_text_atomically(path, page, newline="\n")
    return path


def stream_report(out_dir: Path, path: Path) -> Path:
    """Write only the report, streaming; the graph files it also makes go to a work folder and are dropped.

    out_dir (Path): Output folder holding the tables.
    path (Path): The HTML file.
    RETURNS (Path): `path`.
    RAISES TableOrderError: When the tables are not in document order.
    """
    with work_dir(path.parent) as scratch:
        graph_dir = Path(scratch) / "graph"
        graph_dir.mkdir()
        stream_graph_and_report(Path(out_dir), Path(scratch), graph_dir=graph_dir, path=path)
    return path


def write_graph_and_report(out_dir: Path, *, splice: bool = False) -> tuple[GraphSummary, Path]:
    """Write nodes.csv, edges.csv, GraphML, GEXF, JSON and report.html of an output folder.

    The tables are streamed once (`stream.stream_graph_and_report`); memory
    does not grow with the corpus. Tables that are not in document order (not
    written by `extractor run`) are read whole and the graph built in memory
    instead; the files are the same.

    out_dir (Path): Output folder holding the tables; the files are written there.
    splice (bool): Copy the bytes of documents whose rows did not change from the
        earlier files, as the folder's splice index records them (`graph.splice`), and
        write the index anew; the files are the same.
    RETURNS (tuple[GraphSummary, Path]): What the graph files hold, and the report's path.
    RAISES MissingTableError: When `out_dir` lacks a table of `GRAPH_TABLES`.
    """
    out_dir = Path(out_dir)
    try:
        with work_dir(out_dir) as scratch:
            return stream_graph_and_report(out_dir, Path(scratch), splice=splice)
    except TableOrderError:
        tables = load(out_dir, required=GRAPH_TABLES)
        graph = build_graph(tables)
        return write_graph(out_dir, graph=graph), write_report(out_dir, tables=tables, graph=graph)


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
