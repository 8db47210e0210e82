"""The report's document blocks: every document with its mentions, quotes, claims and speakers marked.

`sections.documents_section` renders them from whole tables, `stream.py` one
document at a time, in this process or in the worker process
(`worker.py`), which is why this module imports only `markup`.
"""

from __future__ import annotations

from extractor.report.markup import Highlight, css_name, escape, render_highlighted

LEGEND = (
    '<p class="legend"><span class="ent ent-person">person</span> <span class="ent ent-organization">organization</span> '
    '<span class="ent ent-place">place</span> <span class="ent ent-group">group</span> '
    '<span class="quote">quote</span> <span class="claim">claim</span> <span class="speaker">speaker</span> · '
    "hover a quote to see its speaker.</p>"
)
DOCUMENTS_HEAD = f'<section id="documents"><h2>Documents</h2>{LEGEND}'
DOCUMENTS_TAIL = "</section>"


def rows_block(
    index: int, document: dict, entities: list[dict], mentions: list[dict], quotes: list[dict], claims: list[dict]
) -> str:
    """A document's block from its rows of the tables (`document_block` with its highlights).

    index (int): Place of the document in the documents table.
    document (dict): Its row of the documents table.
    entities, mentions, quotes, claims (list[dict]): Its rows of those tables.
    RETURNS (str): A `<details>` element.
    """
    names = {entity["entity_id"]: entity["name"] for entity in entities}
    marks = [mention_highlight(mention, names) for mention in mentions]
    for kind, prefix, statements in (("quote", "speaker", quotes), ("claim", "source", claims)):
        for row in statements:
            marks.extend(statement_highlights(kind, prefix, row, names))
    return document_block(index, document, marks, f"doc-{index}")


def document_block(index: int, document: dict, marks: list[Highlight], anchor: str) -> str:
    """One document, collapsible, its text highlighted (the first one open).

    index (int): Place of the document in the documents table.
    document (dict): Its row of the documents table.
    marks (list[Highlight]): Its highlights.
    anchor (str): The element id.
    RETURNS (str): A `<details>` element.
    """
    # The pieces of an interrupted quote share their group: one statement.
    n_quotes = len({mark.group for mark in marks if mark.css_class == "quote"})
    count = f"{n_quotes} quote" if n_quotes == 1 else f"{n_quotes} quotes"
    meta = " · ".join(escape(part) for part in (document["doc_id"], document["date"], count) if part)
    text = render_highlighted(document["text"] or "", marks)
    return (
        f'<details class="doc" id="{anchor}"{" open" if index == 0 else ""}>'
        f"<summary><strong>{escape(document['title'] or document['doc_id'])}</strong> "
        f'<span class="meta">{meta}</span></summary><div class="doc-text">{text}</div></details>'
    )


def mention_highlight(mention: dict, names: dict[str, str]) -> Highlight:
    """An entity mention, noted with its label and canonical name.

    mention (dict): A row of the mentions table.
    names (dict[str, str]): entity_id → canonical name.
    RETURNS (Highlight): The highlight.
    """
    note = f"{mention['label']} · {names.get(mention['entity_id'], mention['text'])}"
    return Highlight(mention["start_char"], mention["end_char"], f"ent ent-{css_name(mention['kind'])}", note)


def statement_highlights(kind: str, prefix: str, row: dict, names: dict[str, str]) -> list[Highlight]:
    """A quote or claim and its speaker/source span, linked by the statement id
    (the pieces of an interrupted quote share it).

    kind (str): "quote" or "claim".
    prefix (str): "speaker" or "source", the row's attribution columns.
    row (dict): The quote or claim row.
    names (dict[str, str]): entity_id → canonical name.
    RETURNS (list[Highlight]): One or two highlights.
    """
    group = css_name(row.get("statement_id") or row[f"{kind}_id"])
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
