"""Find quoted stretches of text from their quotation marks (character level).

Handles straight and typographic double quotes, single typographic quotes,
guillemets and treebank/wire marks (``…'' and ''…'', as archive text such as
the New York Times' writes them); quotes over several paragraphs (a mark
re-opens each paragraph, one closes the last); nesting, including straight
quotes inside typographic ones (“He called it "fake" today”); the marks
real text gets wrong: a “ in closing position (`“No,“ he said`) closes, a
straight " closes a typographic quote (`“No," he said`), and a ‘ that never
closes in its paragraph is an apostrophe (‘bout, ‘80s); marks inside markup
tags (`<tweet author="…">`) are no quotes; and unbalanced marks, which end
at the paragraph's end (or start at the paragraph's start) instead of
aborting the document, unlike textacy's `direct_quotations`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractor.components.rules.cues import paragraph_of, paragraph_starts

# The quote marks: a token is one when its text is one of these.
MARK_TEXTS = frozenset(["``", "''", *'"“”„«»‹›‘’'])
MARK = re.compile("|".join(re.escape(text) for text in sorted(MARK_TEXTS, key=lambda t: (-len(t), t))))
FAMILY = {
    '"': "double",
    "``": "double",
    "''": "double",
    "“": "double",
    "”": "double",
    "„": "double",
    "‘": "single",
    "’": "single",
    "«": "guillemet",
    "»": "guillemet",
    "‹": "angle",
    "›": "angle",
}
OPENERS = {"``", "“", "„", "‘", "«", "‹"}
CLOSERS = {"”", "’", "»", "›"}
AMBIGUOUS = {'"', "''"}
OPEN_BEFORE = set("([{—–-/ \t\n\r") | OPENERS
# Typographic openers: a straight " inside their quote may open a nested one.
TYPOGRAPHIC = {"“", "„", "«"}
# An HTML/XML tag left in the text: its attribute values are no quotes.
TAG = re.compile(r"<[A-Za-z/][^<>\n]*>")


@dataclass(frozen=True)
class QuoteMarks:
    """A quoted stretch: content offsets (inside the marks) and mark offsets."""

    start: int
    end: int
    open_start: int
    close_end: int
    unbalanced: bool = False


@dataclass
class _Open:
    content: int
    mark: int
    family: str
    paragraph: int
    depth: int = 0
    opener: str = ""
    straight: bool = False  # a straight "…" nested in a typographic quote is open


def _can_open(text: str, pos: int, mark: str) -> bool:
    before = text[pos - 1] if pos else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    return (before in OPEN_BEFORE or before in FAMILY) and not after.isspace()


def _can_close(text: str, pos: int, mark: str) -> bool:
    before = text[pos - 1] if pos else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _is_apostrophe(text: str, pos: int) -> bool:
    # "Kata’ib", "Jordan’s", "don’t": a ’ between letters never closes a quote.
    return 0 < pos < len(text) - 1 and text[pos - 1].isalpha() and text[pos + 1].isalpha()


def _quote(text: str, start: int, end: int, open_mark: int, close_end: int, unbalanced: bool) -> QuoteMarks | None:
    # Content excludes the marks and the whitespace just inside them.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return QuoteMarks(start, end, open_mark, close_end, unbalanced) if end > start else None


@functools.lru_cache(maxsize=16)
def quote_marks(text: str) -> tuple[QuoteMarks, ...]:
    """`scan_quotes(text)` as a tuple, remembered for the last few texts: the
    quotes stage and the speaker rules (`quoted_regions`) both scan a Doc's
    text, and its scan costs more than the rest of either's use of it.

    text (str): The document text.
    RETURNS (tuple[QuoteMarks, ...]): What `scan_quotes` yields, in order.
    """
    return tuple(scan_quotes(text))


def scan_quotes(text: str) -> Iterator[QuoteMarks]:
    """Quoted stretches of `text`, in order; outer quotes only (nested quotes
    stay inside their outer quote).

    text (str): The document text.
    YIELDS (QuoteMarks): Content and mark offsets, flagged when unbalanced.
    """
    paragraphs = paragraph_starts(text)
    skipped = _in_tags(text) | _apostrophes(text, paragraphs)
    state: _Open | None = None
    for match in MARK.finditer(text):
        pos, mark = match.start(), match.group()
        if pos in skipped:
            continue
        if state is not None and paragraph_of(paragraphs, pos) != state.paragraph:
            state, done = _cross_paragraph(text, paragraphs, state, pos, mark)
            if done is not None:
                yield done
            if (
                state is not None
                and state.paragraph == paragraph_of(paragraphs, pos)
                and pos == paragraphs[state.paragraph]
            ):
                continue  # the re-opening mark of a continued quote
        state, done = _step(text, paragraphs, state, pos, mark)
        if done is not None:
            yield done
    if state is not None:
        yield from _close_at_paragraph_end(text, paragraphs, state)


def _in_tags(text: str) -> set[int]:
    # Offsets of the marks inside markup tags (`<tweet author="X">`).
    return {m.start() for tag in TAG.finditer(text) for m in MARK.finditer(text, tag.start(), tag.end())}


def _apostrophes(text: str, paragraphs: list[int]) -> set[int]:
    """Offsets of the ‘ marks that open nothing: no ’ that could close them
    follows in their paragraph (‘bout, ‘80s, an elided ‘em)."""
    found = set()
    for match in re.finditer("‘", text):
        pos = match.start()
        para = paragraph_of(paragraphs, pos)
        end = paragraphs[para + 1] if para + 1 < len(paragraphs) else len(text)
        closers = (m.start() for m in re.finditer("’", text[pos:end]))
        if not any(_can_close(text, pos + c, "’") and not _is_apostrophe(text, pos + c) for c in closers):
            found.add(pos)
    return found


def _cross_paragraph(text, paragraphs, state, pos, mark):
    """A quote open at a paragraph break continues when the next paragraph
    starts with an opening mark of its family; otherwise it was unbalanced.
    A straight " goes on only at a straight ": a typographic “ after it
    opens a quote of its own, as in an excerpt whose every paragraph a
    publisher opens with " around the source's own “…” quotes."""
    nxt = state.paragraph + 1
    if (
        nxt < len(paragraphs)
        and pos == paragraphs[nxt]
        and FAMILY[mark] == state.family
        and (mark in OPENERS or mark in AMBIGUOUS)
        and (state.opener != '"' or mark == '"')
    ):
        state.paragraph = nxt
        return state, None
    done = next(_close_at_paragraph_end(text, paragraphs, state), None)
    return None, done


def _close_at_paragraph_end(text, paragraphs, state) -> Iterator[QuoteMarks]:
    end = paragraphs[state.paragraph + 1] if state.paragraph + 1 < len(paragraphs) else len(text)
    found = _quote(text, state.content, end, state.mark, end, True)
    if found is not None:
        yield found


def _step(text, paragraphs, state, pos, mark):
    """Advance the state machine over one mark. RETURNS (state, finished quote)."""
    family = FAMILY[mark]
    if state is None:
        if mark in OPENERS and (mark != "‘" or _can_open(text, pos, mark)):
            return _Open(pos + len(mark), pos, family, paragraph_of(paragraphs, pos), opener=mark), None
        if mark in AMBIGUOUS and (_can_open(text, pos, mark) or not _can_close(text, pos, mark)):
            return _Open(pos + len(mark), pos, family, paragraph_of(paragraphs, pos), opener=mark), None
        if mark in ("”", "»", '"', "''") and _can_close(text, pos, mark):
            # A closing mark with no opener: quote from the paragraph start.
            start = paragraphs[paragraph_of(paragraphs, pos)]
            return None, _quote(text, start, pos, start, pos + len(mark), True)
        return None, None
    if family != state.family or (mark == "’" and _is_apostrophe(text, pos)):
        return state, None  # a nested quote of another kind, or an apostrophe
    if mark == '"' and state.opener in TYPOGRAPHIC and _nested_straight(text, pos, state):
        return state, None
    if mark in OPENERS and _as_closer(text, pos, mark):
        mark = "”"  # “No,“ he said: the wrong glyph in closing position
    if mark in OPENERS and state.depth >= 0 and mark not in CLOSERS:
        state.depth += 1
        return state, None
    if state.depth > 0 and mark in CLOSERS:
        state.depth -= 1
        return state, None
    return None, _quote(text, state.content, pos, state.mark, pos + len(mark), False)


def _nested_straight(text: str, pos: int, state: _Open) -> bool:
    """Whether a straight " inside a typographic quote opens or closes a
    quote nested in it (“He called it "fake" today”), updating `state`;
    otherwise it closes the typographic quote (“No," he said)."""
    if state.straight:
        state.straight = False
        return True
    if _can_open(text, pos, '"') and not _can_close(text, pos, '"'):
        state.straight = True
        return True
    return False


def _as_closer(text: str, pos: int, mark: str) -> bool:
    # An opening glyph glued to the word before it and followed by a space
    # or punctuation can only close ("unfair“ in a tweet").
    return mark in ("“", "„") and _can_close(text, pos, mark) and not _can_open(text, pos, mark)
