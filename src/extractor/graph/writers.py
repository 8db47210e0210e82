"""Write the graph files a batch of nodes and edges at a time, byte-identical to `files.py`.

`files.py` hands a whole `nx.MultiDiGraph` to networkx's writers, which hold
every node and edge in memory (GraphML and GEXF as XML trees). `GraphParts`
writes the same bytes from a batch of nodes or edges at a time: each format's
nodes and edges go to part files in a work folder, and `finish` joins header,
parts and footer into the final file through `write_atomically`. The formats
are written by hand after networkx 3's own writers (lxml GraphML, ElementTree
GEXF 1.2, `node_link_data` + `json.dumps(sort_keys=True, indent=1)`, all
in `formats.py`); the tests compare both writers byte for byte, so a networkx
change that moves a byte shows up. The GraphML, GEXF and JSON parts may be
rendered in another process (`report.worker`): `GraphParts` hands their batches on.

Edges come in two sections: `head` (edges from actors, written after the
statement nodes are out) and `tail` (edges from statements, written with them).
In the files the head comes first, as actor ids sort before statement ids.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import IO, Any, Protocol

import networkx as nx

from extractor.graph.columns import EDGE_COLUMNS, GRAPH_FILES, NODE_COLUMNS
from extractor.graph.formats import (
    EDGE_SAMPLE,
    JSON_SEPARATOR,
    SECTIONS,
    ElementParts,
    XmlLayout,
    gexf_declarations,
    graphml_declarations,
    lower_bools,
    part_path,
)
from extractor.outputs.atomic import write_atomically
from extractor.outputs.cells import csv_cell

GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)
GEXF_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
    f"  <meta>\n    <creator>NetworkX {nx.__version__}</creator>\n  </meta>\n"
    '  <graph defaultedgetype="directed" mode="static" name="">\n'
)
# Nodes or edges of a section rendered and written at a time: one write per
# file and batch instead of one per element, and one JSON encoder call.
BATCH_SIZE = 2_000
# A final file is made of text and of part files: (part file, bytes to skip at its start).
Piece = str | tuple[Path, int]
PART_FORMATS = ("csv",)


class PartSink(Protocol):
    """Where `GraphParts` hands the batches for the GraphML, GEXF and JSON parts (`formats.ElementParts`)."""

    def write(self, section: str, batch: list[tuple]) -> None:
        """Render and append a batch of nodes ("nodes") or edges ("head", "tail")."""

    def close(self) -> None:
        """Return once every part file is complete and closed."""


class GraphParts:
    """The five graph files, written a batch of nodes and edges at a time.

    folder (Path): An existing work folder for the part files.
    node_samples (list[dict]): The attributes of the first node of each
        kind, in node order: they declare the XML attributes.
    has_edges (bool): Whether any edge will be written (declares edge attributes).
    excel_safe (bool): Guard formula-like CSV cells with `'`.
    element_parts (Callable[[Path, XmlLayout], PartSink]): Makes what writes the
        GraphML, GEXF and JSON parts into the folder; `formats.ElementParts` writes them here.
    """

    def __init__(
        self,
        folder: Path,
        node_samples: list[dict],
        *,
        has_edges: bool,
        excel_safe: bool,
        element_parts: Callable[[Path, XmlLayout], PartSink] = ElementParts,
    ) -> None:
        self.folder = Path(folder)
        self.excel_safe = excel_safe
        self.layout = XmlLayout.of(node_samples, has_edges=has_edges)
        self.pending: dict[str, list[tuple]] = {section: [] for section in SECTIONS}
        self.files: dict[tuple[str, str], IO[str]] = {
            (section, fmt): part_path(self.folder, section, fmt).open("w", encoding="utf-8", newline="")
            for section in SECTIONS
            for fmt in PART_FORMATS
        }
        self.elements = element_parts(self.folder, self.layout)

    def node(self, node_id: str, attributes: dict[str, Any]) -> None:
        """Add one node; call in node id order.

        node_id (str): The node id.
        attributes (dict[str, Any]): Its attributes (`build.*_attributes`).
        """
        self._add("nodes", (node_id, attributes))

    def edge(self, source: str, target: str, attributes: dict[str, Any], *, head: bool) -> None:
        """Add one edge; call in (source, target, kind) order within a section.

        source (str): Start node id.
        target (str): End node id.
        attributes (dict[str, Any]): id, kind, weight, doc_ids (as `build.assemble_graph`).
        head (bool): An edge from an actor (True) or from a statement (False).
        """
        self._add("head" if head else "tail", (source, target, attributes))

    def _add(self, section: str, element: tuple) -> None:
        pending = self.pending[section]
        pending.append(element)
        if len(pending) >= BATCH_SIZE:
            self._flush(section)

    def _flush(self, section: str) -> None:
        batch, self.pending[section] = self.pending[section], []
        if not batch:
            return
        self.elements.write(section, batch)
        if section == "nodes":
            rows = [[node_id, *map(attributes.get, NODE_HEADER[1:])] for node_id, attributes in batch]
        else:
            rows = [
                [attributes["id"], source, target, *(attributes[name] for name in EDGE_SAMPLE if name != "id")]
                for source, target, attributes in batch
            ]
        self.files[section, "csv"].write(self._csv_text(rows))

    def _csv_text(self, rows: list[list[Any]]) -> str:
        if self.excel_safe:
            rows = [[csv_cell(value, excel_safe=True) for value in row] for row in rows]
        else:
            # csv.writer writes None as "" and numbers with str(), as `csv_cell` does; text read
            # back from UTF-8 tables holds no lone surrogate, so only booleans need `csv_cell`.
            rows = [lower_bools(row) for row in rows]
        lines = _Lines()
        csv.writer(lines, lineterminator="\n").writerows(rows)
        return "".join(lines)

    def close(self) -> None:
        """Close the part files (`finish` does it too)."""
        for file in self.files.values():
            file.close()
        self.elements.close()

    def finish(self, graph_dir: Path) -> tuple[Path, ...]:
        """Join the parts into the five files of `GRAPH_FILES`, each written atomically.

        graph_dir (Path): Existing folder to write into.
        RETURNS (tuple[Path, ...]): The written files, in `GRAPH_FILES` order.
        """
        for section in SECTIONS:
            self._flush(section)
        self.close()
        paths = []
        for name, filename in GRAPH_FILES.items():
            path = Path(graph_dir) / filename
            write_atomically(path, partial(join_pieces, self._pieces(name)))
            paths.append(path)
        return tuple(paths)

    def _parts(self, sections: tuple[str, ...], fmt: str) -> list[Path]:
        return [part_path(self.folder, section, fmt) for section in sections]

    def _pieces(self, name: str) -> list[Piece]:
        """What file `name` is made of: its text around the part files, in order."""
        if name in ("nodes", "edges"):
            header = NODE_HEADER if name == "nodes" else EDGE_HEADER
            return [
                ",".join(header) + "\n",
                *_whole(self._parts(("nodes",) if name == "nodes" else ("head", "tail"), "csv")),
            ]
        if name == "graphml":
            head = GRAPHML_HEAD + graphml_declarations(self.layout.graphml_keys) + '<graph edgedefault="directed">'
            return [head, *_whole(self._parts(SECTIONS, "graphml")), "</graph></graphml>"]
        if name == "gexf":
            nodes = _wrapped("    <nodes>\n", self._parts(("nodes",), "gexf"), "    </nodes>\n", "    <nodes />\n")
            edges = _wrapped(
                "    <edges>\n", self._parts(("head", "tail"), "gexf"), "    </edges>\n", "    <edges />\n"
            )
            return [GEXF_HEAD + gexf_declarations(self.layout.gexf_keys), *nodes, *edges, "  </graph>\n</gexf>\n"]
        edges = _json_list(self._parts(("head", "tail"), "json"))
        nodes = _json_list(self._parts(("nodes",), "json"))
        head = '{\n "directed": true,\n "edges": '
        return [head, *edges, ',\n "graph": {},\n "multigraph": true,\n "nodes": ', *nodes, "\n}\n"]


class _Lines(list):
    """A list that `csv.writer` can write lines to."""

    write = list.append


NODE_HEADER = [name for name, _, _ in NODE_COLUMNS]
EDGE_HEADER = [name for name, _, _ in EDGE_COLUMNS]


def join_pieces(pieces: list[Piece], path: Path) -> None:
    """Write text and part files one after another into a UTF-8 file, copying the parts' bytes.

    pieces (list[Piece]): Text, or (part file, bytes to skip at its start).
    path (Path): The file to write.
    """
    with path.open("wb") as file:
        for piece in pieces:
            if isinstance(piece, str):
                file.write(piece.encode("utf-8"))
                continue
            part, skip = piece
            with part.open("rb") as source:
                source.seek(skip)
                shutil.copyfileobj(source, file, 1 << 20)


def _whole(parts: list[Path]) -> list[Piece]:
    return [(part, 0) for part in parts]


def _is_empty(parts: list[Path]) -> bool:
    return all(part.stat().st_size == 0 for part in parts)


def _wrapped(open_tag: str, parts: list[Path], close_tag: str, empty: str) -> list[Piece]:
    # A GEXF element around its parts, as ElementTree writes it: self-closing when empty.
    return [empty] if _is_empty(parts) else [open_tag, *_whole(parts), close_tag]


def _json_list(parts: list[Path]) -> list[Piece]:
    # Every batch was written after a separator: the list's first one is dropped.
    files = [part for part in parts if part.stat().st_size]
    if not files:
        return ["[]"]
    return ["[\n", (files[0], len(JSON_SEPARATOR)), *_whole(files[1:]), "\n ]"]
