"""Quoted regions of a text, and the kind of a statement by its quote marks.

The same rule classifies PolNeAR's gold contents and the tool's predicted
spans (see `kind_of`), so a kind means the same on both sides of a score:
counting the letters and digits of a span, `direct` has all of them inside
quotation marks, `indirect` none, and `mixed` both, provided the quoted part
holds at least `MIN_QUOTED_WORDS` words (a shorter one is a scare quote or a
title, and the span stays `indirect`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MIN_QUOTED_WORDS = 4
KINDS = ("direct", "mixed", "indirect")
_DOUBLE_MARK = re.compile(r"''|``|[\"“”„«»]")
_SINGLE_PAIR = re.compile(r"‘[^‘’\n]*?’(?![A-Za-z])")


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """The spans of `text` inside quotation marks (the marks excluded).

    Double marks are paired within each paragraph (line): “ and `` open, ”
    closes, and a straight " or a doubled '' closes an open quote or opens
    one. A quote still open at the end of its paragraph runs to the end of
    it (a quote continued over paragraphs reopens the next one). Outside
    double quotes, ‘…’ is a quote when its ’ is not followed by a letter
    (so "don’t" is no closing mark); straight single quotes are apostrophes.

    text (str): A document's text.
    RETURNS (list[tuple[int, int]]): Sorted, non-overlapping regions.
    """
    regions: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        double = _double_regions(line)
        regions.extend((offset + s, offset + e) for s, e in double)
        for match in _SINGLE_PAIR.finditer(line):
            if not any(s <= match.start() < e for s, e in double):
                regions.append((offset + match.start() + 1, offset + match.end() - 1))
        offset += len(line) + 1
    return sorted(regions)


def _double_regions(line: str) -> list[tuple[int, int]]:
    found, open_at = [], None
    for match in _DOUBLE_MARK.finditer(line):
        mark = match.group()
        if mark in ("“", "``", "„", "«"):
            open_at = match.end() if open_at is None else open_at
        elif open_at is not None:
            found.append((open_at, match.start()))
            open_at = None
        elif mark in ('"', "''"):
            open_at = match.end()
    if open_at is not None:
        found.append((open_at, len(line)))
    return found


def quoted_mask(text: str) -> bytearray:
    """Which characters of `text` lie inside quotation marks.

    text (str): A document's text.
    RETURNS (bytearray): 1 at each offset inside a `quoted_regions` span, else 0.
    """
    mask = bytearray(len(text))
    for start, end in quoted_regions(text):
        mask[start:end] = b"\x01" * (end - start)
    return mask


def kind_of(text: str, fragments: Sequence[tuple[int, int]], mask: bytearray) -> str:
    """Classify a content (or a predicted span) by its quotation marks.

    Only letters and digits count: `direct` when all of them lie inside
    quoted regions, `indirect` when none do, `mixed` when both occur and the
    quoted ones form at least `MIN_QUOTED_WORDS` words (fewer is a scare
    quote or a title inside reported speech, which stays `indirect`).

    text (str): The document's text.
    fragments (Sequence[tuple[int, int]]): The spans to classify.
    mask (bytearray): `quoted_mask(text)`.
    RETURNS (str): "direct", "mixed" or "indirect".
    """
    inside, outside = [], 0
    for start, end in fragments:
        for i in range(start, min(end, len(text))):
            if text[i].isalnum():
                if mask[i]:
                    inside.append(i)
                else:
                    outside += 1
    if not inside:
        return "indirect"
    if not outside:
        return "direct"
    return "mixed" if _quoted_words(text, inside) >= MIN_QUOTED_WORDS else "indirect"


def _quoted_words(text: str, positions: list[int]) -> int:
    # Words = runs of quoted letters/digits separated by anything else.
    return sum(1 for k, i in enumerate(positions) if k == 0 or positions[k - 1] != i - 1 or not text[i - 1].isalnum())
