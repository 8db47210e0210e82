"""Reading documents: files and folders in, `SourceDocument`s and `ErrorRow`s out.

This layer is pure and model-free. See `readers.py` for the formats,
`decoding.py` for bytes to text (encodings, binary files), `jsonl.py` for
JSONL lines, `furniture.py` for page furniture and titles, `chunks.py` for
splitting texts longer than spaCy's `nlp.max_length`.
"""

from .chunks import SPACY_MAX_LENGTH, split_for_length
from .furniture import DEFAULT_FURNITURE_PATTERNS, DEFAULT_SECTION_WORDS, DEFAULT_TAIL_PATTERNS
from .decoding import DEFAULT_ENCODINGS, decode_bytes
from .readers import (
    DEFAULT_MAX_FILE_BYTES,
    SUPPORTED_SUFFIXES,
    ReaderSettings,
    SourceDocument,
    discover_inputs,
    iso_date,
    masked_text,
    read_inputs,
)

__all__ = [
    "DEFAULT_ENCODINGS",
    "DEFAULT_FURNITURE_PATTERNS",
    "DEFAULT_MAX_FILE_BYTES",
    "DEFAULT_SECTION_WORDS",
    "DEFAULT_TAIL_PATTERNS",
    "SPACY_MAX_LENGTH",
    "SUPPORTED_SUFFIXES",
    "ReaderSettings",
    "SourceDocument",
    "decode_bytes",
    "discover_inputs",
    "iso_date",
    "masked_text",
    "read_inputs",
    "split_for_length",
]
