"""Safe markup for the report: escaping, embedded JSON and highlighted text.

Documents are untrusted input, so every piece of table text that reaches the
page goes through `escape`, class names built from data keep only safe
characters (`css_name`), and the embedded JSON escapes `<`, `>` and `&` so no
`</script>` can end its block. `render_highlighted` marks spans of a document
without nesting, so overlapping spans render right.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

UNSAFE_CLASS_CHARS = re.compile(r"[^a-z0-9_-]")


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


def render_highlighted(text: str, highlights: list[Highlight]) -> str:
    """Escaped text with highlights; overlapping spans become segments with every class.

    Cutting the text at every span boundary means spans never need to nest, so
    a quote that contains a mention, or a claim overlapping a quote, renders right.

    text (str): The document text (untrusted).
    highlights (list[Highlight]): Spans to mark; out-of-range offsets are clipped.
    RETURNS (str): HTML with `<span>` per highlighted segment.
    """
    marks = sorted(
        (
            Highlight(max(0, mark.start), min(len(text), mark.end), mark.css_class, mark.note, mark.group)
            for mark in highlights
            if mark.start is not None and mark.end is not None
        ),
        key=lambda mark: (mark.start, -mark.end, mark.css_class, mark.note),
    )
    marks = [mark for mark in marks if mark.start < mark.end]
    bounds = sorted({0, len(text)} | {mark.start for mark in marks} | {mark.end for mark in marks})
    return "".join(render_segment(text[start:end], covering) for start, end, covering in _segments(bounds, marks))


def _segments(bounds: list[int], marks: list[Highlight]) -> Iterator[tuple[int, int, list[Highlight]]]:
    """Each piece between two bounds with the marks covering it, in `marks` order.

    A sweep over the sorted marks instead of testing every mark for every piece:
    every mark's end is a bound, so a mark that has started covers a piece while
    its end lies past the piece's start.

    bounds (list[int]): Sorted offsets, every mark's start and end among them.
    marks (list[Highlight]): Non-empty spans sorted by start.
    YIELDS (tuple[int, int, list[Highlight]]): start, end and the covering marks.
    """
    covering: list[Highlight] = []
    following = iter(marks)
    upcoming = next(following, None)
    for start, end in pairwise(bounds):
        while upcoming is not None and upcoming.start <= start:
            covering.append(upcoming)
            upcoming = next(following, None)
        covering = [mark for mark in covering if mark.end > start]
        yield start, end, covering


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
