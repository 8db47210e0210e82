"""The graph's files: nodes.csv, edges.csv, GraphML, GEXF and node-link JSON.

Every file is written through a temporary file renamed into place
(`outputs.atomic.write_atomically`), so a reader never sees half a file. The
writers add no dates and keep the graph's sorted insertion order, so the same
graph gives byte-identical files. Cells are formatted like the tables'
(`outputs.cells.csv_cell`), formula-like text guarded with `'` when the
folder's manifest says the run was `--excel-safe`; the columns are those of
`columns.NODE_COLUMNS` and `columns.EDGE_COLUMNS`.

XML 1.0 can't hold most C0 control characters (ESC, BEL, vertical tab, NUL…),
lone surrogates, U+FFFE or U+FFFF, and a document may contain them. In GraphML
and GEXF a control character is written as its Unicode control picture
(ESC → U+241B "␛", NUL → U+2400 "␀") and the others as U+FFFD, one character
for one (`xml.xml_safe`); the CSV and JSON files keep the text as it is.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from extractor.graph.columns import EDGE_COLUMNS, EDGE_KINDS, GRAPH_FILES, NODE_COLUMNS, NODE_KINDS
from extractor.graph.formats import xml_safe
from extractor.outputs.atomic import write_atomically
from extractor.outputs.cells import csv_cell
from extractor.outputs.manifest import folder_is_excel_safe


@dataclass(frozen=True)
class GraphSummary:
    """What `write_graph` wrote.

    graph_dir (Path): Folder holding the graph files.
    files (tuple[Path, ...]): The files written, in `GRAPH_FILES` order.
    node_counts (dict[str, int]): Nodes per kind.
    edge_counts (dict[str, int]): Edges per kind.
    """

    graph_dir: Path
    files: tuple[Path, ...]
    node_counts: dict[str, int] = field(default_factory=dict)
    edge_counts: dict[str, int] = field(default_factory=dict)

    @property
    def n_nodes(self) -> int:
        """RETURNS (int): All nodes."""
        return sum(self.node_counts.values())

    @property
    def n_edges(self) -> int:
        """RETURNS (int): All edges."""
        return sum(self.edge_counts.values())

    def describe(self) -> str:
        """What was written, for a person: counts per kind, then the files.

        RETURNS (str): Two lines, e.g. "Graph: 5 nodes (actor 2, quote 1, claim 0,
            document 2), 3 edges (said 1, mentions 0, co_quoted 0, in 2)" and
            "Files in out/: nodes.csv, edges.csv, graph.graphml, graph.gexf, graph.json".
        """
        nodes = _per_kind(self.node_counts, NODE_KINDS)
        edges = _per_kind(self.edge_counts, EDGE_KINDS)
        files = ", ".join(path.name for path in self.files)
        return (
            f"Graph: {self.n_nodes} nodes ({nodes}), {self.n_edges} edges ({edges})\n"
            f"Files in {self.graph_dir}/: {files}"
        )


def _per_kind(counts: dict[str, int], kinds: tuple[str, ...]) -> str:
    # Every known kind is listed, even at 0, so the line keeps one shape.
    ordered = [*kinds, *sorted(set(counts) - set(kinds))]
    return ", ".join(f"{kind} {counts.get(kind, 0)}" for kind in ordered)


def write_graph_files(graph: nx.MultiDiGraph, graph_dir: Path, *, excel_safe: bool | None = None) -> tuple[Path, ...]:
    """Write every format of `GRAPH_FILES`, each through a temporary file.

    graph (nx.MultiDiGraph): From `build_graph`.
    graph_dir (Path): Existing folder to write into.
    excel_safe (bool | None): Guard formula-like CSV cells with `'`; None does
        what `graph_dir`'s manifest says (`outputs.manifest.folder_is_excel_safe`).
    RETURNS (tuple[Path, ...]): The written files.
    """
    safe = folder_is_excel_safe(graph_dir) if excel_safe is None else excel_safe
    writers: dict[str, Callable[[Path], None]] = {
        "nodes": partial(write_nodes_csv, graph, excel_safe=safe),
        "edges": partial(write_edges_csv, graph, excel_safe=safe),
        "graphml": partial(write_graphml, graph),
        "gexf": partial(write_gexf, graph),
        "json": partial(write_node_link_json, graph),
    }
    paths = []
    for name, filename in GRAPH_FILES.items():
        path = graph_dir / filename
        write_atomically(path, writers[name])
        paths.append(path)
    return tuple(paths)


def write_nodes_csv(graph: nx.MultiDiGraph, path: Path, *, excel_safe: bool = False) -> None:
    """Write one row per node with the columns of `NODE_COLUMNS`.

    graph (nx.MultiDiGraph): From `build_graph`.
    path (Path): The CSV file.
    excel_safe (bool): Guard formula-like cells with `'`.
    """
    rows = ({"node_id": node_id, **attributes} for node_id, attributes in graph.nodes(data=True))
    write_csv(path, [name for name, _, _ in NODE_COLUMNS], rows, excel_safe=excel_safe)


def write_edges_csv(graph: nx.MultiDiGraph, path: Path, *, excel_safe: bool = False) -> None:
    """Write one row per edge with the columns of `EDGE_COLUMNS`.

    graph (nx.MultiDiGraph): From `build_graph`.
    path (Path): The CSV file.
    excel_safe (bool): Guard formula-like cells with `'`.
    """
    rows = (
        {"edge_id": data["id"], "source": source, "target": target, **data}
        for source, target, data in graph.edges(data=True)
    )
    write_csv(path, [name for name, _, _ in EDGE_COLUMNS], rows, excel_safe=excel_safe)


def write_csv(path: Path, header: list[str], rows: Iterable[dict[str, Any]], *, excel_safe: bool = False) -> None:
    """Write rows as UTF-8 CSV like the tables: `\\n` endings, None → "", bools as true/false.

    path (Path): The CSV file.
    header (list[str]): Column names; other keys of a row are ignored.
    rows (Iterable[dict[str, Any]]): The rows.
    excel_safe (bool): Guard formula-like cells with `'` (`outputs.cells.excel_safe_text`).
    """
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([csv_cell(row.get(name), excel_safe=excel_safe) for name in header])


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> None:
    """Write GraphML; edge ids come from the `id` attribute, so they are unique.

    graph (nx.MultiDiGraph): From `build_graph`.
    path (Path): The GraphML file.
    """
    nx.write_graphml(xml_safe_graph(graph), path, encoding="utf-8", prettyprint=True, edge_id_from_attribute="id")


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> None:
    """Write GEXF 1.2 for Gephi, without networkx's `lastmodifieddate` (today's date).

    The date would make the file differ from day to day for the same tables.

    graph (nx.MultiDiGraph): From `build_graph`.
    path (Path): The GEXF file.
    """
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    writer.xml.find("meta").attrib.pop("lastmodifieddate", None)
    writer.add_graph(xml_safe_graph(graph))
    with path.open("wb") as file:
        writer.write(file)


def xml_safe_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of `graph` whose node ids, keys and string attributes are `xml_safe`.

    Nodes, edges and attributes keep their order, so the XML files stay byte-identical.

    graph (nx.MultiDiGraph): From `build_graph`.
    RETURNS (nx.MultiDiGraph): The copy.
    """
    safe = graph.__class__()
    safe.graph.update(_xml_safe_attributes(graph.graph))
    for node, data in graph.nodes(data=True):
        safe.add_node(_xml_safe_value(node), **_xml_safe_attributes(data))
    for source, target, key, data in graph.edges(keys=True, data=True):
        ends = (_xml_safe_value(source), _xml_safe_value(target))
        safe.add_edge(*ends, key=_xml_safe_value(key), **_xml_safe_attributes(data))
    return safe


def _xml_safe_value(value: Any) -> Any:
    return xml_safe(value) if isinstance(value, str) else value


def _xml_safe_attributes(data: dict[str, Any]) -> dict[str, Any]:
    return {xml_safe(name): _xml_safe_value(value) for name, value in data.items()}


def write_node_link_json(graph: nx.MultiDiGraph, path: Path) -> None:
    """Write node-link JSON (`nx.node_link_graph(data, edges="edges")` reads it back).

    graph (nx.MultiDiGraph): From `build_graph`.
    path (Path): The JSON file.
    """
    data = nx.node_link_data(graph, edges="edges")
    path.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
