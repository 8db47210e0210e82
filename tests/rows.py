"""Rows built by hand for tests, every column filled with a neutral default,
so a test names only what it is about and a new column changes one place."""

from __future__ import annotations

from typing import Any

from extractor.types import QuoteRow


def quote_row(text: str, start_char: int, **fields: Any) -> QuoteRow:
    """A direct quote of `text` at `start_char` in document "x.txt", said by no one.

    text (str): The quote's text.
    start_char (int): Its start; `end_char` follows from the text.
    fields: Any other column (quote_id defaults to "q<start_char>").
    RETURNS (QuoteRow): The row.
    """
    values: dict[str, Any] = {
        "quote_id": f"q{start_char}",
        "doc_id": "x.txt",
        "kind": "direct",
        "text": text,
        "start_char": start_char,
        "end_char": start_char + len(text),
        "speaker_text": "",
        "speaker_start_char": None,
        "speaker_end_char": None,
        "speaker_entity_id": "",
        "cue": "say",
        "cue_start_char": None,
        "sentence_index": 0,
        "method": "test",
    }
    return QuoteRow(**{**values, **fields})
