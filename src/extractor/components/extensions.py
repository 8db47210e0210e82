"""The Doc extensions the stages write their rows on.

Every stage stores its typed rows (see `extractor.types`) on a Doc
extension, so later stages, the run and users' own code read results without
re-parsing:

    doc._.mentions   list[MentionRow]   extractor_mentions, then extractor_entities/quotes/claims
    doc._.entities   list[EntityRow]    extractor_entities
    doc._.dates      list[DateRow]      extractor_dates
    doc._.quotes     list[QuoteRow]     extractor_quotes
    doc._.claims     list[ClaimRow]     extractor_claims

Offsets in the rows are absolute (`ids.offset_of(doc)` added) and doc ids come
from `ids.doc_id_of(doc)`, so the rows can be written as they are.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from spacy.tokens import Doc

from extractor.types import MentionRow

EXTENSIONS = ("mentions", "entities", "dates", "quotes", "claims")


def ensure_extensions() -> None:
    """Register the Doc extensions once (components call this on creation)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def rows_of(doc: Doc, name: str) -> list[Any]:
    """The rows a stage stored on `doc`, or [] when it did not run."""
    ensure_extensions()
    return list(getattr(doc._, name) or [])


def by_offset(m: MentionRow) -> tuple[int, int, str]:
    """Sort key: mentions in text order, the same span ordered by label."""
    return (m.start_char, m.end_char, m.label)


def link_mention(doc: Doc, mention: MentionRow) -> None:
    """Add a mention resolved by a later stage (pronoun, nominal) to its entity.

    Appends `mention` to `doc._.mentions` (kept sorted) and adds one to the
    n_mentions of the EntityRow whose entity_id it carries. A mention already
    there (same id: same span and label) is not counted twice, so stages can
    resolve the same speaker independently.

    doc (Doc): a document after `extractor_entities`.
    mention (MentionRow): a row with `entity_id` set to an entity of `doc`.
    """
    ensure_extensions()
    if any(row.mention_id == mention.mention_id for row in rows_of(doc, "mentions")):
        return
    doc._.mentions = sorted(rows_of(doc, "mentions") + [mention], key=by_offset)
    entities = rows_of(doc, "entities")
    doc._.entities = [
        dataclasses.replace(e, n_mentions=e.n_mentions + 1)
        if e.entity_id == mention.entity_id and mention.entity_id
        else e
        for e in entities
    ]
