"""Content-derived ids and the per-Doc context (doc id, offset) components read.

IDs hash canonical JSON (sqlite-utils' `hash_record`), so they depend only on
what was found and where, never on run order or time.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from spacy.tokens import Doc

# Keys of `doc.user_data` that the run sets before a document goes through the
# pipeline. A user's own `nlp(text)` has neither: doc_id "" and offset 0.
DOC_ID_KEY = "extractor.doc_id"
OFFSET_KEY = "extractor.char_offset"
DATE_KEY = "extractor.reference_date"


# `json.dumps` with these options builds an encoder per call: one, made once.
_CANONICAL_JSON = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
# How that encoder writes the values ids are made of, a text or an int (exactly
# those types: a bool is written true/false), called directly: the encoder's own
# call sets up a C encoder every time, which cost more than the hashing.
_SCALAR_JSON = {str: json.encoder.encode_basestring, int: int.__repr__}


def stable_id(*parts: Any) -> str:
    """SHA-1 of the parts as canonical JSON. RETURNS (str): 40 hex digits."""
    try:
        payload = "[" + ",".join([_SCALAR_JSON[type(part)](part) for part in parts]) + "]"
    except KeyError:  # anything else (None, a bool, a list …): the encoder itself
        payload = _CANONICAL_JSON.encode(list(parts))
    return hashlib.sha1(payload.encode("utf8")).hexdigest()


def doc_id_of(doc: Doc) -> str:
    """The document id the run assigned to `doc` ("" outside a run)."""
    return doc.user_data.get(DOC_ID_KEY, "")


def offset_of(doc: Doc) -> int:
    """Where `doc` starts in its document's original text (non-zero for chunks)."""
    return doc.user_data.get(OFFSET_KEY, 0)


def reference_date_of(doc: Doc) -> str:
    """The ISO date relative dates resolve against ("" when unknown)."""
    return doc.user_data.get(DATE_KEY, "")


def span_id(doc: Doc, start_char: int, end_char: int, *extra: Any) -> str:
    """Id of a span row: hash of doc id, absolute offsets and `extra` (kind/label)."""
    return stable_id(doc_id_of(doc), start_char, end_char, *extra)


def entity_id(doc_id: str, kind: str, key: str) -> str:
    """Id of a document-level entity from its normalized canonical key."""
    return stable_id("entity", doc_id, kind, key)


def actor_id(kind: str, key: str) -> str:
    """Id of a corpus-level actor: the same name and kind give the same id everywhere."""
    return stable_id("actor", kind, key)
