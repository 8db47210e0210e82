"""Write the graph files a batch of nodes and edges at a time.

`GraphParts` writes nodes.csv, edges.csv, GraphML, GEXF and node-link JSON
without holding the graph: each format's nodes and edges go to part files in a
work folder, and `finish` joins header, parts and footer into the final file
through `write_atomically`. The XML and JSON text is written by hand after
networkx 3's own writers (`formats.py`). The GraphML, GEXF and JSON parts may
be rendered in another process (`report.worker`): `GraphParts` hands their
batches on.

Every file lists actor nodes, then each document's nodes; `co_quoted` edges,
then each document's `said`, `mentions` and `in` edges (`formats.SECTIONS`).
Each of these four sections has its own part file, appended to in the order
nodes and edges come, so the streamed writer adds a document's nodes and edges
as it reads the document, and they lie contiguous in every file.

`end_document` marks where each document's elements end, so the part files
know each document's byte length (`lengths`), and `starts` says where each
part begins in its final file: together, the byte range of every document in
every file (`splice.SpliceIndex`). `copy` appends documents' bytes taken from
an earlier run's final files instead of rendered ones: the parts only note
where those lie (`parts.PartFile.copy`), and `finish` copies them from there.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any, Protocol

import networkx as nx

from extractor.graph.columns import EDGE_COLUMNS, GRAPH_FILES, NODE_COLUMNS
from extractor.graph.formats import (
    DOCUMENT_SECTIONS,
    EDGE_SAMPLE,
    EDGE_SECTIONS,
    ELEMENT_FORMATS,
    JSON_SEPARATOR,
    LAYOUT,
    NODE_SECTIONS,
    SECTIONS,
    gexf_declarations,
    graphml_declarations,
    lower_bools,
)
from extractor.graph.parts import ElementParts, PartFile, copy_segments, part_path, part_segments, part_size
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
    """Where `GraphParts` hands the batches for the GraphML, GEXF and JSON parts (`parts.ElementParts`)."""

    def write(self, section: str, batch: list[tuple], ends: Iterable[int] = ()) -> None:
        """Render and append a batch of nodes or edges to a section of `formats.SECTIONS`."""

    def copy(self, section: str, runs: dict[str, tuple[str, int, list[int]]]) -> None:
        """Append whole documents' bytes, per format, from earlier final files."""

    def close(self) -> None:
        """Return once every part file is complete and closed."""

    def lengths(self) -> dict[tuple[str, str], list[int]]:
        """Bytes of each document per (section, format), once closed."""


class GraphParts:
    """The five graph files, written a batch of nodes and edges at a time.

    folder (Path): An existing work folder for the part files.
    excel_safe (bool): Guard formula-like CSV cells with `'`.
    element_parts (Callable[[Path], PartSink]): Makes what writes the GraphML,
        GEXF and JSON parts into the folder; `parts.ElementParts` writes them here.
    """

    def __init__(
        self, folder: Path, *, excel_safe: bool, element_parts: Callable[[Path], PartSink] = ElementParts
    ) -> None:
        self.folder = Path(folder)
        self.excel_safe = excel_safe
        self.pending: dict[str, list[tuple]] = {section: [] for section in SECTIONS}
        # Indices into `pending` where a document's elements end.
        self.ends: dict[str, list[int]] = {section: [] for section in SECTIONS}
        self.files: dict[tuple[str, str], PartFile] = {
            (section, fmt): PartFile(part_path(self.folder, section, fmt))
            for section in SECTIONS
            for fmt in PART_FORMATS
        }
        self.elements = element_parts(self.folder)

    def node(self, node_id: str, attributes: dict[str, Any]) -> None:
        """Add one node: actors in id order, the others a document at a time, in document order.

        node_id (str): The node id.
        attributes (dict[str, Any]): Its attributes (`records.*_attributes`).
        """
        self._add("actor_nodes" if attributes["kind"] == "actor" else "document_nodes", (node_id, attributes))

    def edge(self, source: str, target: str, attributes: dict[str, Any]) -> None:
        """Add one edge: `co_quoted` ones in (source, target) order, the others a document at a time.

        source (str): Start node id.
        target (str): End node id.
        attributes (dict[str, Any]): id, kind, weight, doc_ids (as `build.assemble_graph`).
        """
        section = "co_quoted_edges" if attributes["kind"] == "co_quoted" else "document_edges"
        self._add(section, (source, target, attributes))

    def end_document(self) -> None:
        """Mark the end of a document's nodes and edges (`GraphStream` calls it after each one)."""
        for section in DOCUMENT_SECTIONS:
            self.ends[section].append(len(self.pending[section]))

    def copy(self, runs: dict[tuple[str, str], tuple[str, int, list[int]]]) -> None:
        """Append whole documents' bytes from earlier final files, after what was added so far.

        runs (dict): (section, format) → (file, start, each document's length), for
            `DOCUMENT_SECTIONS` and every format.
        """
        for section in DOCUMENT_SECTIONS:
            self._flush(section)
            path, start, lengths = runs[section, "csv"]
            self.files[section, "csv"].copy(path, start, lengths)
            self.elements.copy(section, {fmt: runs[section, fmt] for fmt in ELEMENT_FORMATS})

    def lengths(self) -> dict[tuple[str, str], list[int]]:
        """Bytes of each document in the parts of `DOCUMENT_SECTIONS`, once `finish`ed.

        RETURNS (dict): (section, format) → lengths in document order.
        """
        found = {key: part.lengths for key, part in self.files.items()}
        found.update(self.elements.lengths())
        return {key: lengths for key, lengths in found.items() if key[0] in DOCUMENT_SECTIONS}

    def starts(self) -> dict[tuple[str, str], int]:
        """Where each document section's part begins in its final file (a part's byte 0; a
        JSON list's first separator, which the file drops, is counted as if it were there).

        RETURNS (dict): (section, format) → offset.
        """
        starts = {}
        for name in GRAPH_FILES:
            offset = 0
            for piece in self._pieces(name):
                if isinstance(piece, str):
                    offset += len(piece.encode("utf-8"))
                    continue
                part, skip = piece
                section, fmt = part.name.split(".")[:2]
                starts[section, fmt] = offset - skip
                offset += part_size(part) - skip
        return {key: offset for key, offset in starts.items() if key[0] in DOCUMENT_SECTIONS}

    def _add(self, section: str, element: tuple) -> None:
        pending = self.pending[section]
        pending.append(element)
        if len(pending) >= BATCH_SIZE:
            self._flush(section)

    def _flush(self, section: str) -> None:
        batch, self.pending[section] = self.pending[section], []
        ends, self.ends[section] = self.ends[section], []
        if not batch:
            # Documents without elements here: a length of 0 each.
            self.files[section, "csv"].write([], ends)
            if ends:
                self.elements.write(section, [], ends)
            return
        self.elements.write(section, batch, ends)
        if section in NODE_SECTIONS:
            rows = [[node_id, *map(attributes.get, NODE_HEADER[1:])] for node_id, attributes in batch]
        else:
            rows = [
                [attributes["id"], source, target, *(attributes[name] for name in EDGE_SAMPLE if name != "id")]
                for source, target, attributes in batch
            ]
        self.files[section, "csv"].write(self._csv_lines(rows), ends)

    def _csv_lines(self, rows: list[list[Any]]) -> list[str]:
        if self.excel_safe:
            rows = [[csv_cell(value, excel_safe=True) for value in row] for row in rows]
        else:
            # csv.writer writes None as "" and numbers with str(), as `csv_cell` does; text read
            # back from UTF-8 tables holds no lone surrogate, so only booleans need `csv_cell`.
            rows = [lower_bools(row) for row in rows]
        lines = _Lines()
        csv.writer(lines, lineterminator="\n").writerows(rows)
        return lines

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
        node_parts = {fmt: self._parts(NODE_SECTIONS, fmt) for fmt in ("csv", "gexf", "json")}
        edge_parts = {fmt: self._parts(EDGE_SECTIONS, fmt) for fmt in ("csv", "gexf", "json")}
        if name in ("nodes", "edges"):
            header = NODE_HEADER if name == "nodes" else EDGE_HEADER
            return [",".join(header) + "\n", *_whole((node_parts if name == "nodes" else edge_parts)["csv"])]
        if name == "graphml":
            head = GRAPHML_HEAD + graphml_declarations(LAYOUT.graphml_keys) + '<graph edgedefault="directed">'
            return [head, *_whole(self._parts(SECTIONS, "graphml")), "</graph></graphml>"]
        if name == "gexf":
            nodes = _wrapped("    <nodes>\n", node_parts["gexf"], "    </nodes>\n", "    <nodes />\n")
            edges = _wrapped("    <edges>\n", edge_parts["gexf"], "    </edges>\n", "    <edges />\n")
            return [GEXF_HEAD + gexf_declarations(LAYOUT.gexf_keys), *nodes, *edges, "  </graph>\n</gexf>\n"]
        head = '{\n "directed": true,\n "edges": '
        middle = ',\n "graph": {},\n "multigraph": true,\n "nodes": '
        return [head, *_json_list(edge_parts["json"]), middle, *_json_list(node_parts["json"]), "\n}\n"]


class _Lines(list):
    """A list that `csv.writer` can write lines to."""

    write = list.append


NODE_HEADER = [name for name, _, _ in NODE_COLUMNS]
EDGE_HEADER = [name for name, _, _ in EDGE_COLUMNS]


def join_pieces(pieces: list[Piece], path: Path) -> None:
    """Write text and part files one after another into a UTF-8 file, copying the parts' bytes
    (and the earlier files' bytes they stand for: `parts.part_segments`).

    pieces (list[Piece]): Text, or (part file, bytes to skip at its start).
    path (Path): The file to write.
    """
    with path.open("wb") as file:
        for piece in pieces:
            if isinstance(piece, str):
                file.write(piece.encode("utf-8"))
                continue
            part, skip = piece
            copy_segments(part_segments(part), file, skip)


def _whole(parts: list[Path]) -> list[Piece]:
    return [(part, 0) for part in parts]


def _is_empty(parts: list[Path]) -> bool:
    return all(part_size(part) == 0 for part in parts)


def _wrapped(open_tag: str, parts: list[Path], close_tag: str, empty: str) -> list[Piece]:
    # A GEXF element around its parts, as ElementTree writes it: self-closing when empty.
    return [empty] if _is_empty(parts) else [open_tag, *_whole(parts), close_tag]


def _json_list(parts: list[Path]) -> list[Piece]:
    # Every batch was written after a separator: the list's first one is dropped.
    files = [part for part in parts if part_size(part)]
    if not files:
        return ["[]"]
    return ["[\n", (files[0], len(JSON_SEPARATOR)), *_whole(files[1:]), "\n ]"]
