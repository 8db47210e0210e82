"""The Doc extensions the stages write their rows on.

Every stage stores its rows on a Doc extension named after the stage, so later
stages, the run and users' own code read results without re-parsing:

    doc._.extractor_mentions   mentions rows   extractor_mentions, then extractor_entities/quotes/claims
    doc._.extractor_entities   entities rows   extractor_entities, then extractor_quotes/claims
    doc._.extractor_dates      dates rows      extractor_dates
    doc._.extractor_quotes     quotes rows     extractor_quotes
    doc._.extractor_claims     claims rows     extractor_claims

The names carry the package's prefix, so they never take over (or get taken
over by) a `doc._.entities` of a user's own. The values are plain lists of
dicts, column → str, int, bool or None (the columns of `extractor.types`), so a
Doc with them serializes: `doc.to_bytes()`, `DocBin(store_user_data=True)` and
`nlp.pipe(…, n_process=2)` carry them. Stages write through `set_rows` and read
through `rows_of`, which gives the typed rows (`MentionRow`, …) back.

Offsets in the rows are absolute (`ids.offset_of(doc)` added) and doc ids come
from `ids.doc_id_of(doc)`, so the rows can be written as they are.
"""

from __future__ import annotations

import dataclasses
import operator
import weakref
from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc

from extractor.types import ClaimRow, DateRow, EntityRow, MentionRow, QuoteRow

PREFIX = "extractor_"
# Row table → the type of its rows; the extension is PREFIX + the table.
ROW_TYPES: dict[str, type] = {
    "mentions": MentionRow,
    "entities": EntityRow,
    "dates": DateRow,
    "quotes": QuoteRow,
    "claims": ClaimRow,
}
EXTENSIONS = tuple(ROW_TYPES)
_COLUMNS = {name: tuple(f.name for f in dataclasses.fields(row_type)) for name, row_type in ROW_TYPES.items()}
# Table name -> a function giving a row's values in column order (every table has several columns).
_GETTERS = {name: operator.attrgetter(*columns) for name, columns in _COLUMNS.items()}
# Doc → table → (the stored list, its typed rows): rows a stage stored need
# no rebuilding from their dicts until the stored list is replaced (a Doc
# read back from bytes has none here).
_TYPED: weakref.WeakKeyDictionary[Doc, dict[str, tuple[list[dict[str, Any]], list[Any]]]] = weakref.WeakKeyDictionary()


def extension_name(name: str) -> str:
    """The Doc extension that holds the rows of table `name` ("extractor_quotes").

    name (str): One of `EXTENSIONS`.
    RETURNS (str): The extension's name.
    """
    if name not in ROW_TYPES:
        raise KeyError(f"`{name}` is no table stages store rows of; it must be one of {list(EXTENSIONS)}.")
    return PREFIX + name


def ensure_extensions() -> None:
    """Register the Doc extensions once (components call this on creation)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(PREFIX + name):
            Doc.set_extension(PREFIX + name, default=None)


def has_rows(doc: Doc, name: str) -> bool:
    """Whether a stage stored rows of table `name` on `doc` (possibly none).

    doc (Doc): The document.
    name (str): One of `EXTENSIONS`.
    RETURNS (bool): False when the stage did not run on `doc`.
    """
    ensure_extensions()
    return getattr(doc._, extension_name(name)) is not None


def rows_of(doc: Doc, name: str) -> list[Any]:
    """The rows a stage stored on `doc`, typed, or [] when it did not run.

    doc (Doc): The document.
    name (str): One of `EXTENSIONS` ("mentions", "entities", "dates", "quotes", "claims").
    RETURNS (list): Rows of `ROW_TYPES[name]`, in the order stored.
    """
    ensure_extensions()
    stored = getattr(doc._, extension_name(name))
    if not stored:
        return []
    cached = _TYPED.get(doc, {}).get(name)
    if cached is not None and cached[0] is stored and len(cached[1]) == len(stored):
        return list(cached[1])
    row_type = ROW_TYPES[name]
    rows = [row_type(**values) for values in stored]
    _TYPED.setdefault(doc, {})[name] = (stored, rows)
    return list(rows)


def set_rows(doc: Doc, name: str, rows: Iterable[Any]) -> None:
    """Store `rows` on `doc` as the rows of table `name`, replacing any there.

    doc (Doc): The document.
    name (str): One of `EXTENSIONS`.
    rows (Iterable): Rows of `ROW_TYPES[name]`; stored as plain dicts.
    """
    ensure_extensions()
    rows = list(rows)
    stored = [_as_dict(name, row) for row in rows]
    setattr(doc._, extension_name(name), stored)
    _TYPED.setdefault(doc, {})[name] = (stored, rows)


def _as_dict(name: str, row: Any) -> dict[str, Any]:
    # A row of exactly its table's type holds its fields, in column order,
    # in its __dict__ (its __init__ sets each once, in order): copying that
    # costs a fraction of reading every column by name.
    values = getattr(row, "__dict__", None)
    if type(row) is ROW_TYPES[name] and values is not None and len(values) == len(_COLUMNS[name]):
        return dict(values)
    return dict(zip(_COLUMNS[name], _GETTERS[name](row)))


def by_offset(m: MentionRow) -> tuple[int, int, str]:
    """Sort key: mentions in text order, the same span ordered by label."""
    return (m.start_char, m.end_char, m.label)


def link_mention(doc: Doc, mention: MentionRow) -> None:
    """Add a mention resolved by a later stage (pronoun, nominal) to its entity.

    Adds `mention` to the mentions of `doc` (kept sorted) and one to the
    n_mentions of the EntityRow whose entity_id it carries. A mention already
    there (same id: same span and label) is not counted twice, so stages can
    resolve the same speaker independently.

    doc (Doc): a document after `extractor_entities`.
    mention (MentionRow): a row with `entity_id` set to an entity of `doc`.
    """
    link_mentions(doc, [mention])


def link_mentions(doc: Doc, new: Iterable[MentionRow], *, new_spans_only: bool = False) -> None:
    """`link_mention` for each row of `new` in turn, storing the tables once.

    doc (Doc): a document after `extractor_entities`.
    new (Iterable[MentionRow]): rows with `entity_id` set to an entity of `doc`.
    new_spans_only (bool): also skip a row whose span (start_char, end_char)
        is already among the mentions, including rows added before it.
    """
    mentions = rows_of(doc, "mentions")
    known_ids, known_spans = {m.mention_id for m in mentions}, {(m.start_char, m.end_char) for m in mentions}
    added: list[MentionRow] = []
    for mention in new:
        span = (mention.start_char, mention.end_char)
        if mention.mention_id in known_ids or (new_spans_only and span in known_spans):
            continue
        known_ids.add(mention.mention_id)
        known_spans.add(span)
        added.append(mention)
    if not added:
        return
    # One stable sort of all rows orders them as a sort after each addition would.
    set_rows(doc, "mentions", sorted(mentions + added, key=by_offset))
    counts: dict[str, int] = {}
    for mention in added:
        if mention.entity_id:
            counts[mention.entity_id] = counts.get(mention.entity_id, 0) + 1
    entities = rows_of(doc, "entities")
    set_rows(
        doc,
        "entities",
        [
            dataclasses.replace(e, n_mentions=e.n_mentions + counts[e.entity_id]) if e.entity_id in counts else e
            for e in entities
        ],
    )
