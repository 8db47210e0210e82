"""spaCy components of `extractor`: each stage is a registered factory.

Every component stores its typed rows (see `extractor.types`) on a Doc
extension, so the run (and users' own code) read results without re-parsing:

    doc._.mentions   list[MentionRow]   extractor_mentions, then extractor_actors/quotes
    doc._.entities   list[EntityRow]    extractor_actors
    doc._.dates      list[DateRow]      extractor_dates
    doc._.quotes     list[QuoteRow]     extractor_quotes
    doc._.claims     list[ClaimRow]     extractor_claims

Offsets in the rows are absolute (`ids.offset_of(doc)` added) and doc ids come
from `ids.doc_id_of(doc)`, so the rows can be written as they are.
"""

from __future__ import annotations

from spacy.tokens import Doc

EXTENSIONS = ("mentions", "entities", "dates", "quotes", "claims")


def ensure_extensions() -> None:
    """Register the Doc extensions once (components call this on creation)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def rows_of(doc: Doc, name: str) -> list:
    """The rows a component stored on `doc`, or [] when it did not run."""
    ensure_extensions()
    return list(getattr(doc._, name) or [])


def register_factories() -> None:
    """Import every component module, registering its `@Language.factory`.

    spaCy also finds the factories through the `spacy_factories` entry points
    in pyproject.toml; this is for code paths that run before those are read.
    """
    from . import actors, claims, dates, entities, quotes  # noqa: F401
