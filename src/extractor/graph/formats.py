"""GraphML, GEXF and node-link JSON text of nodes and edges, a batch at a time, as networkx writes them.

networkx writes GraphML with lxml, GEXF 1.2 with ElementTree and node-link
JSON through `json.dumps(sort_keys=True, indent=1)`; this module writes the
same bytes by hand from one batch of nodes or edges at a time (`render_nodes`,
`render_edges`, `json_items`: one string per element), so `writers.GraphParts`
never holds the graph. XML nodes and edges with nothing to escape (most) fill a `str.format`
template per node kind; others are escaped as lxml and ElementTree escape.

The GraphML and GEXF headers declare the attributes of every node kind and of
edges (`LAYOUT`, from `NODE_SAMPLES`), whatever kinds a graph holds, so a
document's nodes and edges can be rendered before the rest of the graph is
known. For a graph of one document holding every kind, the files are
byte-identical to networkx's (the tests compare them).

XML 1.0 can't hold most C0 control characters (ESC, BEL, vertical tab, NUL…),
lone surrogates, U+FFFE or U+FFFF, and a document may contain them. In GraphML
and GEXF a control character is written as its Unicode control picture
(ESC → U+241B "␛", NUL → U+2400 "␀") and the others as U+FFFD, one character
for one (`xml_safe`); the CSV and JSON files keep the text as it is.

Only the standard library is imported: the report's worker process
(`report.worker`) renders these formats too, and starts fast.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# The parts of every file, in file order: actor nodes, then each document's
# nodes; `co_quoted` edges, then each document's `said`, `mentions` and `in` edges.
SECTIONS = ("actor_nodes", "document_nodes", "co_quoted_edges", "document_edges")
NODE_SECTIONS = SECTIONS[:2]
EDGE_SECTIONS = SECTIONS[2:]
# The sections that hold each document's nodes or edges, one document after another.
DOCUMENT_SECTIONS = ("document_nodes", "document_edges")
ELEMENT_FORMATS = ("graphml", "gexf", "json")
# The attributes of an edge, as `build.assemble_graph` adds them.
EDGE_SAMPLE = {"id": "", "kind": "", "weight": 0, "doc_ids": ""}
_STATEMENT_SAMPLE = {
    "label": "",
    "subkind": "",
    "doc_id": "",
    "text": "",
    "start_char": 0,
    "end_char": 0,
    "speaker": "",
    "cue": "",
}
# A node of each kind as `records.*_attributes` make it: attribute names in
# order, values of their types. The kinds come in the order networkx meets them
# in a one-document graph (actors, the document, then its statements: claim ids
# sort before quote ids), so that it numbers the keys as `LAYOUT` does.
NODE_SAMPLES = (
    {
        "kind": "actor",
        "label": "",
        "subkind": "",
        "aliases": "",
        "roles": "",
        "n_documents": 0,
        "n_mentions": 0,
        "n_quotes": 0,
        "n_claims": 0,
    },
    {"kind": "document", "label": "", "subkind": "", "doc_id": "", "title": "", "date": "", "url": "", "source": ""},
    {"kind": "claim", **_STATEMENT_SAMPLE, "polarity": "", "has_figure": False},
    {"kind": "quote", **_STATEMENT_SAMPLE},
)
XML_TYPES = {str: "string", int: "long", bool: "boolean", float: "double"}
# Text with none of these needs no escaping and no `xml_safe` in GraphML or GEXF.
_NEEDS_ESCAPING = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff&<>"\r\n\t]')
_BOOL_TEXT = {True: "true", False: "false"}
JSON_SEPARATOR = ",\n"
_JSON_ITEMS = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",\n   ", ": "))


@dataclass(frozen=True)
class XmlLayout:
    """What the GraphML and GEXF files declare, and the templates of their elements.

    The headers declare every attribute before the first node, numbered as
    networkx numbers them: in the order met. Every node of a kind has the same
    attributes of the same types (`records.*_attributes`), so the declarations
    come from one node of each kind, given up front.

    graphml_keys (dict): From `graphml_keys`.
    gexf_keys (dict): From `gexf_keys`.
    templates (dict): From `xml_templates`.
    """

    graphml_keys: dict
    gexf_keys: dict
    templates: dict

    @classmethod
    def of(cls, node_samples: Iterable[dict]) -> XmlLayout:
        """The layout of graphs whose nodes look like `node_samples`, with edges.

        node_samples (Iterable[dict]): The attributes of one node of each kind, in declaration order.
        RETURNS (XmlLayout): Its keys and templates.
        """
        samples = list(node_samples)
        graphml = graphml_keys(samples)
        gexf = gexf_keys(graphml)
        return cls(graphml, gexf, xml_templates(samples, graphml, gexf))


def render_nodes(layout: XmlLayout, batch: list[tuple[str, dict[str, Any]]]) -> tuple[list[str], list[str]]:
    """GraphML and GEXF text of a batch of nodes, one string per node.

    layout (XmlLayout): The graph's layout.
    batch (list[tuple[str, dict]]): (node id, attributes), in node order.
    RETURNS (tuple[list[str], list[str]]): The GraphML and the GEXF elements.
    """
    graphml, gexf, templates = [], [], layout.templates
    for node_id, attributes in batch:
        kind, values = attributes["kind"], list(attributes.values())
        if _NEEDS_ESCAPING.search(node_id + "".join(map(str, values))) is None:
            # Nothing to escape or replace (most nodes): fill the kind's templates.
            graphml.append(templates["graphml", kind].format(node_id, *values))
            gexf.append(templates["gexf", kind].format(node_id, *lower_bools(values)))
        else:
            safe_id, safe = xml_safe(node_id), [(name, _xml_value(value)) for name, value in attributes.items()]
            graphml.append(_graphml_node(safe_id, safe, layout.graphml_keys["node", kind]))
            gexf.append(_gexf_node(safe_id, safe, layout.gexf_keys["node", kind]))
    return graphml, gexf


def render_edges(layout: XmlLayout, batch: list[tuple[str, str, dict[str, Any]]]) -> tuple[list[str], list[str]]:
    """GraphML and GEXF text of a batch of edges, one string per edge.

    layout (XmlLayout): The graph's layout.
    batch (list[tuple[str, str, dict]]): (source, target, attributes: id, kind, weight, doc_ids).
    RETURNS (tuple[list[str], list[str]]): The GraphML and the GEXF elements.
    """
    graphml, gexf = [], []
    templates = layout.templates
    for source, target, attributes in batch:
        edge_id, kind, weight, doc_ids = (attributes[name] for name in EDGE_SAMPLE)
        if (
            _NEEDS_ESCAPING.search(f"{source}{target}{kind}{doc_ids}") is None
            and edge_id == f"{kind}:{source}->{target}"
        ):
            # The id's "->" is all there is to escape.
            values = (source, target, edge_id.replace(">", "&gt;"), kind, weight, doc_ids)
            graphml.append(templates["graphml", "edge"].format(*values))
            gexf.append(templates["gexf", "edge"].format(*values))
        else:
            ends, safe = (xml_safe(source), xml_safe(target)), [(n, _xml_value(v)) for n, v in attributes.items()]
            graphml.append(_graphml_edge(ends, safe, layout.graphml_keys["edge", ""]))
            gexf.append(_gexf_edge(ends, safe, layout.gexf_keys["edge", ""]))
    return graphml, gexf


def lower_bools(values: list[Any]) -> list[Any]:
    """Values with booleans as GEXF and CSV write them (most lists hold none).

    values (list[Any]): Attribute or cell values.
    RETURNS (list[Any]): `values`, or a copy with True/False as "true"/"false".
    """
    if bool not in map(type, values):
        return values
    return [_BOOL_TEXT[value] if value.__class__ is bool else value for value in values]


# What XML 1.0 can't hold (https://www.w3.org/TR/xml/#charsets).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
CONTROL_PICTURES = 0x2400  # U+2400 "␀" … U+241F "␟" picture the C0 controls


def xml_safe(text: str) -> str:
    """Text that XML 1.0 can hold, one character for one.

    text (str): Any text.
    RETURNS (str): C0 controls XML forbids as their control pictures (ESC →
        "␛"), lone surrogates, U+FFFE and U+FFFF as U+FFFD; the rest unchanged.
    """
    return _NOT_XML.sub(_xml_replacement, text)


def _xml_replacement(match: re.Match) -> str:
    char = match.group()
    return chr(CONTROL_PICTURES + ord(char)) if char < " " else "\ufffd"


def _xml_value(value: Any) -> Any:
    return xml_safe(value) if isinstance(value, str) else value


def graphml_keys(node_samples: Iterable[dict]) -> dict[Any, Any]:
    """Key ids as networkx's GraphML writer numbers them: in the order first met.

    RETURNS (dict): ("node", kind) / ("edge", "") → key ids in attribute order,
        and "declared" → [(id, scope, name, type)] in numbering order.
    """
    numbered: dict[tuple[str, str, str], str] = {}
    keys: dict[Any, Any] = {}
    samples = [("node", sample["kind"], sample) for sample in node_samples]
    samples.append(("edge", "", EDGE_SAMPLE))
    for scope, kind, sample in samples:
        ids = []
        for name, value in sample.items():
            key = (xml_safe(name), XML_TYPES[type(value)], scope)
            ids.append(numbered.setdefault(key, f"d{len(numbered)}"))
        keys[scope, kind] = ids
    keys["declared"] = [(key_id, scope, name, xml_type) for (name, xml_type, scope), key_id in numbered.items()]
    return keys


def gexf_keys(graphml_keys: dict) -> dict[Any, Any]:
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


def graphml_declarations(keys: dict) -> str:
    # networkx inserts each new key at the front: the last one met comes first.
    return "".join(
        f'<key id="{key_id}" for="{scope}" attr.name="{_lxml_attribute(name)}" attr.type="{xml_type}"/>\n'
        for key_id, scope, name, xml_type in reversed(keys["declared"])
    )


def gexf_declarations(keys: dict) -> str:
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


# What each serializer escapes, in this order ("&" first): lxml (libxml2) in
# element text and in attribute values, and ElementTree (`_escape_attrib`) in
# attribute values.
_LXML_TEXT = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
_LXML_ATTRIBUTE = (*_LXML_TEXT, ('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#9;"))
_ET_ATTRIBUTE = (*_LXML_TEXT[:3], ('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))


def _escape(text: str, entities: tuple[tuple[str, str], ...]) -> str:
    """`text` with each character of `entities` replaced by its entity, in order."""
    for char, entity in entities:
        if char in text:
            text = text.replace(char, entity)
    return text


def _lxml_text(text: str) -> str:
    return _escape(text, _LXML_TEXT)


def _lxml_attribute(text: str) -> str:
    return _escape(text, _LXML_ATTRIBUTE)


def _et_attribute(text: str) -> str:
    return _escape(text, _ET_ATTRIBUTE)


def xml_templates(node_samples: list[dict], graphml_keys: dict, gexf_keys: dict) -> dict[tuple[str, str], str]:
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
    return {**templates, **_edge_templates(graphml_keys, gexf_keys)}


def _edge_templates(graphml_keys: dict, gexf_keys: dict) -> dict[tuple[str, str], str]:
    data = "".join(
        f'  <data key="{key_id}">{{{index}}}</data>\n'
        for index, key_id in zip((2, 3, 4, 5), graphml_keys["edge", ""], strict=True)
    )
    ids = gexf_keys["edge", ""]
    values = (
        _gexf_value(ids["kind"], "{3}") + _gexf_value(ids["doc_ids"], "{5}") + _gexf_value(ids["networkx_key"], "{3}")
    )
    return {
        ("graphml", "edge"): f'<edge source="{{0}}" target="{{1}}" id="{{2}}">\n{data}</edge>\n',
        ("gexf", "edge"): (
            '      <edge source="{0}" target="{1}" id="{2}" weight="{4}">\n'
            f"        <attvalues>\n{values}        </attvalues>\n      </edge>\n"
        ),
    }


def json_items(objects: list[dict[str, Any]]) -> list[str]:
    """Objects of node-link JSON as `json.dumps(indent=1, sort_keys=True)` lists them,
    each after `JSON_SEPARATOR`.

    One call of json's C encoder (used without `indent`) encodes the batch as a
    list: its separators put each item on its own line, and the text between two
    objects, `},\n   {`, splits the list. No string holds a raw newline (JSON
    escapes it), so that text only ever stands between objects (values are scalars).

    objects (list[dict[str, Any]]): Objects, none empty.
    RETURNS (list[str]): One string per object, indented as at depth 2.
    """
    if not objects:
        return []
    items = _JSON_ITEMS.encode(objects)[2:-2].split("},\n   {")
    return [f"{JSON_SEPARATOR}  {{\n   {item}\n  }}" for item in items]


LAYOUT = XmlLayout.of(NODE_SAMPLES)
