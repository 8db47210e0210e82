"""Bound what one spaCy Doc costs: offset-preserving chunks, and no endless words.

spaCy refuses texts over `nlp.max_length` characters, and the memory of a
batch grows with the characters in it (the bundled pipeline peaks near 3.3 GB
for a million characters in one batch), so a long document is processed in
chunks of at most `[pipeline] max_length` characters (50,000 by default, about
8,000 words), and `nlp.pipe` holds at most `batch_size` chunks at a time: with
the defaults, 800,000 characters and a peak near 2.7 GB, however long the file. Each
chunk is cut where the least is lost: at a paragraph break if there is one,
else a line break, else after a sentence's final punctuation, else at a space,
and only as a last resort mid-word. Each cut keeps the separator at the end of
the earlier chunk, so every chunk but the first starts at the beginning of a
paragraph (or line, or sentence).

spaCy's tokenizer peels prefixes and suffixes off a run of non-space
characters one at a time, rescanning the rest each time, so its cost grows
with the square of the run's length: 100,000 `(` never finish. `long_runs`
finds runs longer than `[reader] max_unbroken_chars` (200 by default; no word
is that long, only URLs, data and junk are), which the reader hides from the
stages like furniture: the text keeps them, the stages see spaces.
"""

from __future__ import annotations

import functools
import re

from extractor.errors import ExtractorError

DEFAULT_MAX_UNBROKEN_CHARS = 200

# Boundaries to cut at, most preferred first. A match's end is the cut point.
_BOUNDARIES: tuple[re.Pattern[str], ...] = (
    re.compile(r"\r?\n(?:[ \t]*\r?\n)+"),  # paragraph: a blank line (or several)
    re.compile(r"\r?\n|\r"),  # line
    re.compile(r"[.!?…][\"'”’)\]]*\s+"),  # end of a sentence, roughly
    re.compile(r"\s+"),  # space
)


def split_for_length(text: str, max_length: int) -> list[tuple[int, str]]:
    """Split `text` into chunks of at most `max_length` characters.

    Chunks concatenate back to `text` exactly, and for every (offset, chunk)
    `text[offset:offset + len(chunk)] == chunk`, so offsets found in a chunk
    become offsets in `text` by adding `offset`.

    text (str): The text to split.
    max_length (int): The most characters a chunk may have (spaCy's `nlp.max_length`).
    RETURNS (list[tuple[int, str]]): (offset, chunk) pairs in order; [(0, "")] for "".
    """
    if isinstance(max_length, bool) or not isinstance(max_length, int) or max_length < 1:
        raise ExtractorError("E118", name="max_length", value=max_length, allowed="it must be a positive integer")
    if len(text) <= max_length:
        return [(0, text)]
    chunks = []
    offset = 0
    while len(text) - offset > max_length:
        cut = find_cut(text, offset, offset + max_length)
        chunks.append((offset, text[offset:cut]))
        offset = cut
    chunks.append((offset, text[offset:]))
    return chunks


def find_cut(text: str, start: int, limit: int) -> int:
    """The best place to end a chunk that starts at `start` and may not pass `limit`.

    text (str): The whole text.
    start (int): Where the chunk starts.
    limit (int): The largest allowed end offset (start < limit).
    RETURNS (int): The cut offset, with start < cut <= limit.
    """
    for boundary in _BOUNDARIES:
        cut = _last_boundary_end(boundary, text, start, limit)
        if cut is not None:
            return cut
    # No whitespace at all within reach: cut mid-word rather than overrun.
    return limit


def _last_boundary_end(boundary: re.Pattern[str], text: str, start: int, limit: int) -> int | None:
    # `endpos` keeps a match from running past `limit`; a boundary cut short
    # by it still marks a good place to cut.
    last = None
    for match in boundary.finditer(text, start, limit):
        if match.end() > start:
            last = match.end()
    return last


def long_runs(text: str, max_chars: int) -> list[tuple[int, int]]:
    """The runs of non-space characters longer than `max_chars`.

    text (str): The text.
    max_chars (int): The longest run left alone.
    RETURNS (list[tuple[int, int]]): (start, end) of each longer run, in order.
    """
    return [match.span() for match in _long_run_pattern(max_chars).finditer(text)]


@functools.lru_cache(maxsize=8)
def _long_run_pattern(max_chars: int) -> re.Pattern[str]:
    # The lookbehind makes a match start only where a run starts; without it,
    # every position inside a run just under the limit would rescan the run.
    return re.compile(rf"(?<!\S)\S{{{max_chars + 1},}}")
