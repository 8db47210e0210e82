"""Group quotes into statements: one quote interrupted by its attribution.

News writes one statement as two quoted fragments around the words that
attribute it: `“…,” she said. “…”`, `“…,” said Ms. Ruiz, the mayor, “…”`.
Each fragment stays a row of its own (offsets must keep pointing at quoted
text); `statement_starts` says which rows are one statement, so the quotes
stage can give them one `statement_id`.

Measured on PolNeAR's train split, annotators join two quotes of one
paragraph around their attribution far more often than not, and keep a
quote in the next paragraph apart far more often than not (even with no new
attribution), so grouping stops at a paragraph break.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from extractor.components.rules.attribution import Attribution
from extractor.components.rules.cues import Lexicon, doc_text, paragraph_of, paragraph_starts
from extractor.components.rules.quote_speakers import quote_speaker
from extractor.components.rules.quotemarks import MARK
from extractor.components.rules.speakers import subject_of

# What may end the attribution between two fragments of one statement.
BREAKS = set(".,:;!?—–-")
SENTENCE_ENDS = {".", "!", "?", ";"}
MARK_AT_END = re.compile(f"(?:{MARK.pattern})+$")


class QuotePiece(Protocol):
    """A quote as the quotes stage holds it: kind, local offsets, own cue."""

    @property
    def kind(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def attribution(self) -> Attribution | None: ...


def statement_starts(doc: Doc, cues: Lexicon, ordered: Sequence[QuotePiece]) -> list[int]:
    """Group quotes into statements: a direct quote that carries on the
    previous direct quote after that quote's attribution (see `continues`)
    is a further fragment of the same statement.

    doc (Doc): The parsed Doc the quotes come from.
    cues (Lexicon): The cue verbs.
    ordered (Sequence[QuotePiece]): The quotes in text order, with their own cues.
    RETURNS (list[int]): For each quote, the index of its statement's first quote.
    """
    # A reported clause inside the attribution ("…,” she said as she
    # accepted the award. “…”) lies between two fragments: the previous
    # direct quote is the one to continue, and the gap check judges the rest.
    paragraphs = paragraph_starts(doc_text(doc))
    firsts = list(range(len(ordered)))
    previous = None
    for i, item in enumerate(ordered):
        if item.kind != "direct":
            continue
        if previous is not None and continues(doc, cues, paragraphs, ordered[previous], item):
            firsts[i] = firsts[previous]
        previous = i
    return firsts


def continues(doc: Doc, cues: Lexicon, paragraphs: list[int], first: QuotePiece, second: QuotePiece) -> bool:
    """Whether `second` is the rest of the quote `first`, interrupted by its
    attribution: “…,” she said. “…” or “…,” said Ms. Ruiz, the mayor, “…”.

    Both are direct quotes of one paragraph; between them lie a cue and its
    phrase and nothing else (see `only_attribution`), after which `second`
    opens a clause (see `after_a_break`); `second` has no other cue. The cue
    need not be the one `first` was given: a parse that hangs it elsewhere
    does not change the layout; and where no lexicon cue lies between them,
    the verb that governs `first` there will do (“…,” Hollande retaliated. “…”).

    doc (Doc): The parsed Doc.
    cues (Lexicon): The cue verbs.
    paragraphs (list[int]): `paragraph_starts(doc.text)`.
    first (QuotePiece): A quote.
    second (QuotePiece): The direct quote after it.
    RETURNS (bool): True when the two are one statement.
    """
    if first.kind != "direct" or second.kind != "direct":
        return False
    if paragraph_of(paragraphs, first.start) != paragraph_of(paragraphs, second.start):
        return False
    gap = doc.char_span(first.end, second.start, alignment_mode="contract")
    cue = _gap_cue(cues, gap, first) if gap is not None else None
    if gap is None or cue is None or (second.attribution is not None and second.attribution.cue.i != cue.i):
        return False
    speakers = [q.attribution.speaker for q in (first, second) if q.attribution and q.attribution.cue.i == cue.i]
    return after_a_break(doc_text(doc), second.start) and only_attribution(cues, cue, gap, speakers)


def _gap_cue(cues: Lexicon, gap: Span, first: QuotePiece) -> Token | None:
    # A lexicon cue in the gap, else the verb that governs `first` when it
    # lies there (“…,” an angry Hollande retaliated. “…”): the layout makes
    # it the attribution even where the verb is not in the lexicon.
    cue = next((t for t in gap if cues.match(t)), None)
    found = quote_speaker(gap.doc, first.start, first.end) if cue is None else None
    if found is not None and gap.start <= found[0].i < gap.end:
        cue = found[0]
    return cue


def after_a_break(text: str, start: int) -> bool:
    """Whether the quote whose content starts at `start` opens a clause: it
    follows a comma, a colon or a full stop (marks aside), or nothing. A
    quote inside an attribution ("…,” he told “Fox News Sunday.”) is a title.

    text (str): The Doc's text.
    start (int): Where the quote's content starts.
    RETURNS (bool): True after a break.
    """
    before = MARK_AT_END.sub("", text[:start].rstrip()).rstrip()
    return not before or before[-1] in BREAKS


def only_attribution(cues: Lexicon, cue: Token, gap: Span, speakers: Sequence[Span | None]) -> bool:
    """Whether nothing but `cue`'s attribution lies in `gap` (the text between
    two quotes): either one clause, which only `cue` drives ("…,” Mr. Ruiz,
    the mayor, said. “…”, however the parse splits it), or, across a full
    stop or a second cue, only the words of the cue's phrase: its speaker,
    "in a statement", "as she accepted the award". A word outside it (“…,”
    said Ms. Cole. Voters …) or a second cue of the same speaker ("he said,
    adding") starts something new.

    cues (Lexicon): The cue verbs.
    cue (Token): The cue in `gap`.
    gap (Span): The tokens between the two quotes' contents.
    speakers (Sequence[Span | None]): Speaker phrases given with `cue`.
    RETURNS (bool): True when the gap is only the attribution.
    """
    if _one_clause(cues, gap):
        return True
    allowed = {t.i for t in cue.subtree}
    subject = subject_of(cue)
    if subject is not None:
        allowed.update(t.i for t in subject.subtree)
    for speaker in speakers:
        if speaker is not None:
            allowed.update(range(speaker.start, speaker.end))
    for tok in gap:
        if tok.is_punct or tok.is_quote or tok.is_space or tok.i == cue.i:
            continue
        if tok.i not in allowed or (tok.head.i == cue.i and cues.match(tok)):
            return False
    return True


def _one_clause(cues: Lexicon, gap: Span) -> bool:
    # One cue and no sentence end, once the marks and the punctuation at the
    # gap's two ends are set aside.
    inner = [t for t in gap if not (t.is_quote or t.is_space)]
    while inner and inner[0].is_punct:
        inner.pop(0)
    while inner and inner[-1].is_punct:
        inner.pop()
    if any(t.text in SENTENCE_ENDS for t in inner):
        return False
    return sum(1 for t in inner if cues.match(t)) == 1
