"""Write the graph files a node and an edge at a time, byte-identical to `files.py`.

`files.py` hands a whole `nx.MultiDiGraph` to networkx's writers, which hold
every node and edge in memory (GraphML and GEXF as XML trees). `GraphParts`
writes the same bytes from one node or edge at a time: each format's nodes and
edges go to part files in a work folder, and `finish` joins header, parts and
footer into the final file through `write_atomically`. The formats are written
by hand after networkx 3's own writers (lxml GraphML, ElementTree GEXF 1.2,
`node_link_data` + `json.dumps(sort_keys=True, indent=1)`); the tests compare
both writers byte for byte, so a networkx change that moves a byte shows up.

The XML headers declare every attribute before the first node, in the order
networkx meets them. Every node of a kind has the same attributes of the same
types (`build.*_attributes`), so the declarations come from the first node of
each kind, given up front in node order.

Edges come in two sections: `head` (edges from actors, written after the
statement nodes are out) and `tail` (edges from statements, written with them).
In the files the head comes first, as actor ids sort before statement ids.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import IO, Any

import networkx as nx

from extractor.graph.files import EDGE_COLUMNS, GRAPH_FILES, NODE_COLUMNS, xml_safe
from extractor.outputs.atomic import write_atomically
from extractor.outputs.cells import csv_cell

FORMATS = ("nodes", "edges", "graphml", "gexf", "json")
SECTIONS = ("nodes", "head", "tail")
# The attributes of an edge, as `build.assemble_graph` adds them.
EDGE_SAMPLE = {"id": "", "kind": "", "weight": 0, "doc_ids": ""}
XML_TYPES = {str: "string", int: "long", bool: "boolean", float: "double"}

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
JSON_SEPARATOR = ",\n"
_JSON_ITEMS = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",\n   ", ": "))
# Text with none of these needs no escaping and no `xml_safe` in GraphML or GEXF.
_NEEDS_ESCAPING = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff&<>"\r\n\t]')
_CSV_BOOL = {True: "true", False: "false"}
_GEXF_BOOL = _CSV_BOOL


class GraphParts:
    """The five graph files, written a node and an edge at a time.

    folder (Path): An existing work folder for the part files.
    node_samples (list[dict]): The attributes of the first node of each
        kind, in node order: they declare the XML attributes.
    has_edges (bool): Whether any edge will be written (declares edge attributes).
    excel_safe (bool): Guard formula-like CSV cells with `'`.
    """

    def __init__(self, folder: Path, node_samples: list[dict], *, has_edges: bool, excel_safe: bool) -> None:
        self.folder = Path(folder)
        self.excel_safe = excel_safe
        self.graphml_keys = _graphml_keys(node_samples, has_edges)
        self.gexf_keys = _gexf_keys(self.graphml_keys)
        self.templates = _templates(node_samples, self.graphml_keys, self.gexf_keys)
        self.files: dict[tuple[str, str], IO[str]] = {}
        self.csv: dict[str, Any] = {}
        for section in SECTIONS:
            for fmt in ("csv", "graphml", "gexf", "json"):
                self.files[section, fmt] = (self.folder / f"{section}.{fmt}.part").open(
                    "w", encoding="utf-8", newline=""
                )
            self.csv[section] = csv.writer(self.files[section, "csv"], lineterminator="\n")

    def node(self, node_id: str, attributes: dict[str, Any]) -> None:
        """Write one node to every format; call in node id order.

        node_id (str): The node id.
        attributes (dict[str, Any]): Its attributes (`build.*_attributes`).
        """
        files, kind = self.files, attributes["kind"]
        self._csv_row("nodes", [node_id, *[attributes.get(name) for name in NODE_HEADER[1:]]])
        values = list(attributes.values())
        if _NEEDS_ESCAPING.search(node_id + "".join(map(str, values))) is None:
            # Nothing to escape or replace (most nodes): fill the kind's templates.
            files["nodes", "graphml"].write(self.templates["graphml", kind].format(node_id, *values))
            gexf_values = [_GEXF_BOOL[value] if value.__class__ is bool else value for value in values]
            files["nodes", "gexf"].write(self.templates["gexf", kind].format(node_id, *gexf_values))
        else:
            safe_id = xml_safe(node_id)
            safe = [(name, _xml_value(value)) for name, value in attributes.items()]
            files["nodes", "graphml"].write(_graphml_node(safe_id, safe, self.graphml_keys["node", kind]))
            files["nodes", "gexf"].write(_gexf_node(safe_id, safe, self.gexf_keys["node", kind]))
        files["nodes", "json"].write(JSON_SEPARATOR + _json_object({"id": node_id, **attributes}))

    def edge(self, source: str, target: str, attributes: dict[str, Any], *, head: bool) -> None:
        """Write one edge to every format; call in (source, target, kind) order within a section.

        source (str): Start node id.
        target (str): End node id.
        attributes (dict[str, Any]): id, kind, weight, doc_ids (as `build.assemble_graph`).
        head (bool): An edge from an actor (True) or from a statement (False).
        """
        section = "head" if head else "tail"
        files = self.files
        edge_id, kind, weight, doc_ids = (
            attributes["id"],
            attributes["kind"],
            attributes["weight"],
            attributes["doc_ids"],
        )
        self._csv_row(section, [edge_id, source, target, kind, weight, doc_ids])
        if (
            _NEEDS_ESCAPING.search(f"{source}{target}{kind}{doc_ids}") is None
            and edge_id == f"{kind}:{source}->{target}"
        ):
            # The id's "->" is all there is to escape.
            escaped_id = edge_id.replace(">", "&gt;")
            files[section, "graphml"].write(
                self.templates["graphml", "edge"].format(source, target, escaped_id, kind, weight, doc_ids)
            )
            files[section, "gexf"].write(
                self.templates["gexf", "edge"].format(source, target, escaped_id, kind, weight, doc_ids)
            )
        else:
            ends = (xml_safe(source), xml_safe(target))
            safe = [(name, _xml_value(value)) for name, value in attributes.items()]
            files[section, "graphml"].write(_graphml_edge(ends, safe, self.graphml_keys["edge", ""]))
            files[section, "gexf"].write(_gexf_edge(ends, safe, self.gexf_keys["edge", ""]))
        json_edge = {**attributes, "source": source, "target": target, "key": kind}
        files[section, "json"].write(JSON_SEPARATOR + _json_object(json_edge))

    def _csv_row(self, section: str, values: list[Any]) -> None:
        if self.excel_safe:
            self.csv[section].writerow([csv_cell(value, excel_safe=True) for value in values])
        else:
            # csv.writer writes None as "" and numbers with str(), as `csv_cell` does; text read
            # back from UTF-8 tables holds no lone surrogate, so only booleans need `csv_cell`.
            self.csv[section].writerow([_CSV_BOOL[value] if value.__class__ is bool else value for value in values])

    def close(self) -> None:
        """Close the part files (`finish` does it too)."""
        for file in self.files.values():
            file.close()

    def finish(self, graph_dir: Path) -> tuple[Path, ...]:
        """Join the parts into the five files of `GRAPH_FILES`, each written atomically.

        graph_dir (Path): Existing folder to write into.
        RETURNS (tuple[Path, ...]): The written files, in `GRAPH_FILES` order.
        """
        self.close()
        paths = []
        for name, filename in GRAPH_FILES.items():
            path = Path(graph_dir) / filename
            write_atomically(path, partial(self._join, name))
            paths.append(path)
        return tuple(paths)

    def _part(self, section: str, fmt: str) -> Path:
        return self.folder / f"{section}.{fmt}.part"

    def _join(self, name: str, path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="") as file:
            if name in ("nodes", "edges"):
                csv.writer(file, lineterminator="\n").writerow(NODE_HEADER if name == "nodes" else EDGE_HEADER)
                sections = ("nodes",) if name == "nodes" else ("head", "tail")
                self._copy(file, [self._part(section, "csv") for section in sections])
            elif name == "graphml":
                file.write(GRAPHML_HEAD + _graphml_declarations(self.graphml_keys) + '<graph edgedefault="directed">')
                self._copy(file, [self._part(section, "graphml") for section in SECTIONS])
                file.write("</graph></graphml>")
            elif name == "gexf":
                self._join_gexf(file)
            else:
                self._join_json(file)

    def _join_gexf(self, file: IO[str]) -> None:
        file.write(GEXF_HEAD + _gexf_declarations(self.gexf_keys))
        for element, sections in (("nodes", ("nodes",)), ("edges", ("head", "tail"))):
            parts = [self._part(section, "gexf") for section in sections]
            if all(part.stat().st_size == 0 for part in parts):
                file.write(f"    <{element} />\n")
                continue
            file.write(f"    <{element}>\n")
            self._copy(file, parts)
            file.write(f"    </{element}>\n")
        file.write("  </graph>\n</gexf>\n")

    def _join_json(self, file: IO[str]) -> None:
        file.write('{\n "directed": true,\n "edges": ')
        self._json_list(file, [self._part("head", "json"), self._part("tail", "json")])
        file.write(',\n "graph": {},\n "multigraph": true,\n "nodes": ')
        self._json_list(file, [self._part("nodes", "json")])
        file.write("\n}\n")

    def _json_list(self, file: IO[str], parts: list[Path]) -> None:
        if all(part.stat().st_size == 0 for part in parts):
            file.write("[]")
            return
        file.write("[\n")
        # Every item was written after a separator: the list's first one is dropped.
        self._copy(file, parts, skip=len(JSON_SEPARATOR))
        file.write("\n ]")

    @staticmethod
    def _copy(file: IO[str], parts: list[Path], skip: int = 0) -> None:
        file.flush()
        for part in parts:
            with part.open("r", encoding="utf-8", newline="") as source:
                if skip and part.stat().st_size:
                    source.read(skip)
                    skip = 0
                shutil.copyfileobj(source, file, 1 << 20)


NODE_HEADER = [name for name, _, _ in NODE_COLUMNS]
EDGE_HEADER = [name for name, _, _ in EDGE_COLUMNS]


def _xml_value(value: Any) -> Any:
    return xml_safe(value) if isinstance(value, str) else value


def _graphml_keys(node_samples: Iterable[dict], has_edges: bool) -> dict[Any, Any]:
    """Key ids as networkx's GraphML writer numbers them: in the order first met.

    RETURNS (dict): ("node", kind) / ("edge", "") → key ids in attribute order,
        and "declared" → [(id, scope, name, type)] in numbering order.
    """
    numbered: dict[tuple[str, str, str], str] = {}
    keys: dict[Any, Any] = {}
    samples = [("node", sample["kind"], sample) for sample in node_samples]
    samples += [("edge", "", EDGE_SAMPLE)] if has_edges else []
    for scope, kind, sample in samples:
        ids = []
        for name, value in sample.items():
            key = (xml_safe(name), XML_TYPES[type(value)], scope)
            ids.append(numbered.setdefault(key, f"d{len(numbered)}"))
        keys[scope, kind] = ids
    keys["declared"] = [(key_id, scope, name, xml_type) for (name, xml_type, scope), key_id in numbered.items()]
    return keys


def _gexf_keys(graphml_keys: dict) -> dict[Any, Any]:
    """Attribute ids as networkx's GEXF writer numbers them: label, id and weight are
    XML attributes there, and the edge key becomes `networkx_key`.

    RETURNS (dict): ("node", kind) / ("edge", "") → {name: id}, and "declared" →
        {"node"/"edge": [(id, title, type)]}.
    """
    numbered: dict[tuple[str, str], tuple[str, str]] = {}
    keys: dict[Any, Any] = {}
    declared_names = {key_id: (name, xml_type) for key_id, _, name, xml_type in graphml_keys["declared"]}
    for key, ids in graphml_keys.items():
        if key == "declared":
            continue
        scope, kind = key
        names = [declared_names[key_id] for key_id in ids]
        if scope == "edge":
            names = [item for item in names if item[0] not in ("id", "weight")] + [("networkx_key", "string")]
        else:
            names = [item for item in names if item[0] != "label"]
        keys[scope, kind] = {}
        for name, xml_type in names:
            attr_id, _ = numbered.setdefault((scope, name), (str(len(numbered)), xml_type))
            keys[scope, kind][name] = attr_id
    keys["declared"] = {
        scope: [
            (attr_id, name, xml_type)
            for (key_scope, name), (attr_id, xml_type) in numbered.items()
            if key_scope == scope
        ]
        for scope in ("edge", "node")
    }
    return keys


def _graphml_declarations(keys: dict) -> str:
    # networkx inserts each new key at the front: the last one met comes first.
    return "".join(
        f'<key id="{key_id}" for="{scope}" attr.name="{_lxml_attribute(name)}" attr.type="{xml_type}"/>\n'
        for key_id, scope, name, xml_type in reversed(keys["declared"])
    )


def _gexf_declarations(keys: dict) -> str:
    blocks = []
    for scope in ("edge", "node"):  # inserted at the front in node, edge order: edge comes first
        if keys["declared"][scope]:
            lines = "".join(
                f'      <attribute id="{attr_id}" title="{_et_attribute(name)}" type="{xml_type}" />\n'
                for attr_id, name, xml_type in keys["declared"][scope]
            )
            blocks.append(f'    <attributes mode="static" class="{scope}">\n{lines}    </attributes>\n')
    return "".join(blocks)


def _graphml_node(node_id: str, attributes: list[tuple[str, Any]], key_ids: list[str]) -> str:
    data = "".join(
        f'  <data key="{key_id}">{_lxml_text(str(value))}</data>\n'
        for key_id, (_, value) in zip(key_ids, attributes, strict=True)
    )
    return f'<node id="{_lxml_attribute(node_id)}">\n{data}</node>\n'


def _graphml_edge(ends: tuple[str, str], attributes: list[tuple[str, Any]], key_ids: list[str]) -> str:
    data = "".join(
        f'  <data key="{key_id}">{_lxml_text(str(value))}</data>\n'
        for key_id, (_, value) in zip(key_ids, attributes, strict=True)
    )
    edge_id = _lxml_attribute(dict(attributes)["id"])
    return (
        f'<edge source="{_lxml_attribute(ends[0])}" target="{_lxml_attribute(ends[1])}" id="{edge_id}">\n'
        f"{data}</edge>\n"
    )


def _gexf_node(node_id: str, attributes: list[tuple[str, Any]], attr_ids: dict[str, str]) -> str:
    label = node_id
    values = []
    for name, value in attributes:
        if name == "label":
            label = str(value)
        else:
            values.append(_gexf_value(attr_ids[name], value))
    head = f'      <node id="{_et_attribute(node_id)}" label="{_et_attribute(label)}"'
    if not values:
        return head + " />\n"
    return f"{head}>\n        <attvalues>\n{''.join(values)}        </attvalues>\n      </node>\n"


def _gexf_edge(ends: tuple[str, str], attributes: list[tuple[str, Any]], attr_ids: dict[str, str]) -> str:
    data = dict(attributes)
    values = [_gexf_value(attr_ids[name], value) for name, value in attributes if name not in ("id", "weight")] + [
        _gexf_value(attr_ids["networkx_key"], data["kind"])
    ]
    return (
        f'      <edge source="{_et_attribute(ends[0])}" target="{_et_attribute(ends[1])}" '
        f'id="{_et_attribute(str(data["id"]))}" weight="{_et_attribute(str(data["weight"]))}">\n'
        f"        <attvalues>\n{''.join(values)}        </attvalues>\n      </edge>\n"
    )


def _gexf_value(attr_id: str, value: Any) -> str:
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return f'          <attvalue for="{attr_id}" value="{_et_attribute(text)}" />\n'


def _lxml_text(text: str) -> str:
    # What lxml (libxml2) escapes in element text.
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def _lxml_attribute(text: str) -> str:
    # What lxml (libxml2) escapes in an attribute value.
    text = _lxml_text(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#9;")
    return text


def _et_attribute(text: str) -> str:
    # What xml.etree.ElementTree escapes in an attribute value (`_escape_attrib`).
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
    return text


def _json_object(data: dict[str, Any]) -> str:
    """One object of node-link JSON as `json.dumps(indent=1, sort_keys=True)` nests it in a list.

    Without `indent` json uses its C encoder; the separators put each item on its
    own line, indented as `indent=1` does at this depth (values are scalars).
    """
    return f"  {{\n   {_JSON_ITEMS.encode(data)[1:-1]}\n  }}" if data else "  {}"


def _templates(node_samples: list[dict], graphml_keys: dict, gexf_keys: dict) -> dict[tuple[str, str], str]:
    """`str.format` templates of a node of each kind and of an edge, for text with nothing to escape.

    RETURNS (dict): ("graphml"/"gexf", kind or "edge") → template; a node's takes
        (node id, *attribute values), an edge's (source, target, escaped id, kind, weight, doc_ids).
    """
    templates = {}
    for sample in node_samples:
        kind, names = sample["kind"], list(sample)
        data = "".join(
            f'  <data key="{key_id}">{{{index + 1}}}</data>\n'
            for index, key_id in enumerate(graphml_keys["node", kind])
        )
        templates["graphml", kind] = f'<node id="{{0}}">\n{data}</node>\n'
        label = f"{{{names.index('label') + 1}}}" if "label" in names else "{0}"
        ids = gexf_keys["node", kind]
        values = "".join(
            _gexf_value(ids[name], f"{{{index + 1}}}") for index, name in enumerate(names) if name != "label"
        )
        head = f'      <node id="{{0}}" label="{label}"'
        templates["gexf", kind] = (
            f"{head}>\n        <attvalues>\n{values}        </attvalues>\n      </node>\n" if values else f"{head} />\n"
        )
    if ("edge", "") in graphml_keys:
        data = "".join(
            f'  <data key="{key_id}">{{{index}}}</data>\n'
            for index, key_id in zip((2, 3, 4, 5), graphml_keys["edge", ""], strict=True)
        )
        templates["graphml", "edge"] = f'<edge source="{{0}}" target="{{1}}" id="{{2}}">\n{data}</edge>\n'
        ids = gexf_keys["edge", ""]
        values = (
            _gexf_value(ids["kind"], "{3}")
            + _gexf_value(ids["doc_ids"], "{5}")
            + _gexf_value(ids["networkx_key"], "{3}")
        )
        templates["gexf", "edge"] = (
            '      <edge source="{0}" target="{1}" id="{2}" weight="{4}">\n'
            f"        <attvalues>\n{values}        </attvalues>\n      </edge>\n"
        )
    return templates
