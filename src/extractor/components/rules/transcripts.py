"""Speaker turns of an interview transcript that news reprints: paragraphs
that open with the speaker's label in capitals and a colon ("HOST: …",
"“HOST: …"). The label is the speaker and what follows, to the end of the
paragraph, is what they said, whether or not quotation marks wrap it.

A label must name someone: a name the document's entities call a person
(by its last word, so "LEE:" after "Ann Lee"), or, in a transcript of two
voices or more, a label that speaks twice or more. That keeps the
capitalized furniture of news pages out ("UPDATE: …", "EXCLUSIVE: …", a
dateline). A label in Title Case is left alone: "Ann Lee: Time to Act" is
a headline, "Lee: 547" a line of a list, and the colon rule of
`quote_speakers` attributes "Ann Lee: “…”".

Where a publisher prints a transcript as one quotation over many paragraphs
(each paragraph reopens the quote), a turn runs on over the paragraphs after
its own until the next label, a bracketed stage note ("(CROSSTALK)") or a
paragraph that does not reopen the quote; the last turn keeps to its own
paragraph, since the article's own text may follow it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from extractor.components.rules.cues import doc_text
from extractor.components.rules.names import kind_of, last_word

# An optional opening mark, then one to four capitalized words and a colon.
LABEL = re.compile(
    r"[ \t]*(?P<mark>``|[\"“'‘]{1,2})?[ \t]*"
    r"(?P<label>[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,3}):[ \t]+(?=\S)"
)
# Closing marks a quoted turn may end with (not a lone ’, which may be a possessive's).
CLOSING = ("”", '"', "''")
STAGE_NOTE = re.compile(r"[ \t]*(?:``|[\"“'‘]{1,2})?[ \t]*[(\[][^)\]]*[)\]][.\"”]*\s*\Z")
MIN_VOICES = 2


@dataclass(frozen=True)
class Turn:
    """One speaker's turn (character offsets into the Doc's text).

    label_start, label_end (int): The speaker label; its colon follows at `label_end`.
    start, end (int): What the speaker said, without the label and marks.
    """

    label_start: int
    label_end: int
    start: int
    end: int


def transcript_turns(doc: Doc, paragraph_starts: list[int]) -> list[Turn]:
    """The speaker turns of `doc`, in text order.

    doc (Doc): A Doc; its entities tell which labels name a person.
    paragraph_starts (list[int]): Offsets where its paragraphs start (`cues.paragraph_starts`).
    RETURNS (list[Turn]): The turns; empty for a text with no transcript.
    """
    text = doc_text(doc)
    ends = [*paragraph_starts[1:], len(text)]
    labelled = {}
    for index, (start, end) in enumerate(zip(paragraph_starts, ends)):
        match = LABEL.match(text, start, end)
        if match is not None:
            labelled[index] = match
    if not labelled:
        return []
    people = _person_words(doc)
    voices = _voices(labelled.values())
    speakers = {
        index: match
        for index, match in labelled.items()
        if _upper_case(match["label"]) and last_word(match["label"]) in people | voices
    }
    turns = []
    for index, match in speakers.items():
        last = _last_paragraph(text, paragraph_starts, ends, index, match, labelled)
        start, end = match.end(), _trimmed_end(text, ends[last], bool(match["mark"]))
        if end > start:
            turns.append(Turn(match.start("label"), match.end("label"), start, end))
    return turns


def _person_words(doc: Doc) -> set[str]:
    return {last_word(ent.text) for ent in doc.ents if kind_of(ent.label_) == "person"}


def _voices(matches) -> set[str]:
    # Upper-case labels (by last word: "ANN LEE" and "LEE" are one voice)
    # that speak twice or more, when there are at least `MIN_VOICES` of them.
    counts = Counter(last_word(m["label"]) for m in matches if _upper_case(m["label"]))
    voices = {word for word, n in counts.items() if n >= 2}
    return voices if len(voices) >= MIN_VOICES else set()


def _upper_case(label: str) -> bool:
    letters = [c for c in label if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _last_paragraph(text, starts, ends, index, match, labelled) -> int:
    # A quoted turn runs on over paragraphs that reopen the quote, up to the
    # next label; without a later label it keeps to its own paragraph.
    if not match["mark"] or not any(later > index for later in labelled):
        return index
    last = index
    for following in range(index + 1, len(starts)):
        if following in labelled:
            return last
        paragraph = text[starts[following] : ends[following]]
        if not paragraph.lstrip(" \t").startswith(("``", *"\"“'‘")) or STAGE_NOTE.match(paragraph):
            return last
        last = following
    return last


def _trimmed_end(text: str, end: int, quoted: bool) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    while quoted and text.endswith(CLOSING, 0, end):
        end -= next(len(mark) for mark in CLOSING if text.endswith(mark, 0, end))
    return end
