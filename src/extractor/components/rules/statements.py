"""Group quotes into statements: one quote interrupted by its attribution.

News writes one statement as two quoted fragments around the words that
attribute it: `“…,” she said. “…”`, `“…,” said Ms. Ruiz, the mayor, “…”`.
Each fragment stays a row of its own (offsets must keep pointing at quoted
text); `statement_starts` says which rows are one statement, so the quotes
stage can give them one `statement_id`.

Measured on PolNeAR's train split, annotators join two quotes of one
paragraph around their attribution far more often than not. Across a
paragraph break they join a quote that opens the next paragraph, with no
attribution of its own, to the quote whose attribution ends the paragraph
before (30 of 42 such pairs), but keep it apart from a quote that merely
ends its paragraph (8 of 19 joined): grouping crosses one paragraph break,
and only after an attribution.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from extractor.components.rules.attribution import Attribution
from extractor.components.rules.cues import Lexicon, dep_family, doc_text, paragraph_of, paragraph_starts
from extractor.components.rules.quote_speakers import quote_speaker
from extractor.components.rules.quotemarks import MARK, MARK_TEXTS
from extractor.components.rules.speakers import present_participle, subject_of

# What may end the attribution between two fragments of one statement.
BREAKS = set(".,:;!?—–-")
SENTENCE_ENDS = {".", "!", "?", ";"}
# Subordinators of time before a participle cue ("before asking her, “…”").
TIME_SUBORDINATORS = {"after", "before", "while", "when"}
# Marks (and the spaces between them) closing what comes before a quote: a
# title that ends the attribution (“…,” he said on “Good Day.” “…”).
MARK_AT_END = re.compile(f"(?:{MARK.pattern}|\\s)+$")
# Every character `MARK_AT_END` can match, besides spaces.
_MARK_AND_TICK_CHARS = frozenset("".join(MARK_TEXTS))
# A conjunction that joins the quote to the attribution before it (“…,” he
# said. But “…”; “…,” she said, and “…”).
JOINING_WORD = re.compile(r"(?<![\w'’])(?:and|but)$", re.IGNORECASE)


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
    previous direct or mixed quote after that quote's attribution (see
    `continues`) is a further fragment of the same statement.

    doc (Doc): The parsed Doc the quotes come from.
    cues (Lexicon): The cue verbs.
    ordered (Sequence[QuotePiece]): The quotes in text order, with their own cues.
    RETURNS (list[int]): For each quote, the index of its statement's first quote.
    """
    # A reported clause inside the attribution ("…,” she said as she
    # accepted the award. “…”) lies between two fragments: the previous
    # direct quote is the one to continue, and the gap check judges the rest.
    paragraphs, starts = paragraph_starts(doc_text(doc)), [q.start for q in ordered]
    firsts = list(range(len(ordered)))
    previous = None
    for i, item in enumerate(ordered):
        if item.kind == "indirect":
            continue
        k = bisect.bisect_left(starts, item.end)
        following = starts[k] if k < len(starts) else None
        if previous is not None and continues(doc, cues, paragraphs, ordered[previous], item, following):
            firsts[i] = firsts[previous]
        previous = i
    return firsts


def continues(
    doc: Doc, cues: Lexicon, paragraphs: list[int], first: QuotePiece, second: QuotePiece, following: int | None = None
) -> bool:
    """Whether `second` is the rest of the quote `first`, interrupted by its
    attribution: “…,” she said. “…” or “…,” said Ms. Ruiz, the mayor, “…”.

    `second` is a direct quote and `first` a direct one, or a mixed one
    whose own cue is the one between them (“…” for sure, she said. “…”),
    in one paragraph; between them lie a cue and its phrase and nothing
    else (see `only_attribution`), after which `second` opens a clause
    (see `after_a_break`); `second` has no cue of its own (see
    `_own_trailing_cue`), nor `first` one before it other than the cue
    between them (`_led_in`). The cue need not be the one `first` was
    given: a parse that hangs it elsewhere does not change the layout; and
    where no lexicon cue lies between them, the verb that governs `first`
    there will do (“…,” Hollande retaliated. “…”).

    doc (Doc): The parsed Doc.
    cues (Lexicon): The cue verbs.
    paragraphs (list[int]): `paragraph_starts(doc.text)`.
    first (QuotePiece): A quote.
    second (QuotePiece): The direct quote after it.
    following (int | None): Where the next quote after `second` starts, if any.
    RETURNS (bool): True when the two are one statement.
    """
    if first.kind not in ("direct", "mixed") or second.kind != "direct":
        return False
    if not _same_paragraph_or_carried_on(doc, paragraphs, first, second):
        return False
    gap = doc.char_span(first.end, second.start, alignment_mode="contract")
    cue = _gap_cue(cues, gap, first) if gap is not None else None
    if first.kind == "mixed" and (first.attribution is None or cue is None or first.attribution.cue.i != cue.i):
        return False  # a mixed quote carries on only past its own trailing cue
    if gap is None or cue is None or _own_trailing_cue(paragraphs, first, second, cue, following):
        return False
    if _led_in(first, cue):
        return False  # Lee said, “…” She went on to say, “…”: the second cue leads a statement of its own
    speakers = [q.attribution.speaker for q in (first, second) if q.attribution and q.attribution.cue.i == cue.i]
    return after_a_break(doc_text(doc), second.start) and only_attribution(cues, cue, gap, speakers)


def _led_in(first: QuotePiece, cue: Token) -> bool:
    # `first` has a cue of its own before it, other than the one in the gap.
    own = first.attribution.cue if first.attribution is not None else None
    return own is not None and own.i != cue.i and own.idx < first.start


def _same_paragraph_or_carried_on(doc: Doc, paragraphs: list[int], first: QuotePiece, second: QuotePiece) -> bool:
    """Whether `second` lies in `first`'s paragraph, or carries it on: it
    opens the next paragraph, with no attribution of its own (“…,” Garrick
    told WKLN. ¶ “So the only path …”). The gap check then asks for the
    attribution between them, as in one paragraph: a quote that merely ends
    its paragraph (“…” ¶ “…”) stays apart, as PolNeAR's annotators keep it.
    """
    first_paragraph, second_paragraph = (paragraph_of(paragraphs, q.start) for q in (first, second))
    if first_paragraph == second_paragraph:
        return True
    if second_paragraph != first_paragraph + 1 or second.attribution is not None:
        return False
    opening = doc_text(doc)[paragraphs[second_paragraph] : second.start]
    return not MARK_AT_END.sub("", opening)


def _own_trailing_cue(
    paragraphs: list[int], first: QuotePiece, second: QuotePiece, cue: Token, following: int | None
) -> bool:
    """Whether `second` was given a cue of its own that keeps it apart from
    the quote before it: a different cue before it (as in the gap of “…,”
    he said, adding: “…”), or one right after it, in its paragraph and
    before any further quote (“…,” he said. “…,” Lee fired back). A cue
    given from further on (the next paragraph's "Lee said that …", the
    trailing cue of a later quote) or from inside the quote (the quoted
    speaker's own "I think") does not outweigh the layout: PolNeAR's
    annotators join such quotes far more often than not.

    paragraphs (list[int]): `paragraph_starts(doc.text)`.
    first (QuotePiece): The earlier quote; a cue inside it is the quoted speaker's own word.
    second (QuotePiece): The later quote.
    cue (Token): The cue in the gap between the two quotes.
    following (int | None): Where the next quote after `second` starts.
    RETURNS (bool): True when `second` is a statement of its own.
    """
    own = second.attribution
    if own is None or own.cue.i == cue.i:
        return False
    where = own.cue.idx
    if where < second.start:
        return not first.start <= where < first.end  # a word the first quote quotes is no cue
    right_after = second.end <= where and (following is None or where < following)
    return right_after and paragraph_of(paragraphs, where) == paragraph_of(paragraphs, second.start)


def _gap_cue(cues: Lexicon, gap: Span, first: QuotePiece) -> Token | None:
    # A lexicon cue in the gap, else the verb that governs `first` when it
    # lies there (“…,” an angry Brenner retaliated. “…”): the layout makes
    # it the attribution even where the verb is not in the lexicon.
    cue = next((t for t in gap if cues.match(t)), None)
    found = quote_speaker(gap.doc, first.start, first.end) if cue is None else None
    if found is not None and gap.start <= found[0].i < gap.end:
        cue = found[0]
    return cue


def after_a_break(text: str, start: int) -> bool:
    """Whether the quote whose content starts at `start` opens a clause: it
    follows a comma, a colon or a full stop (marks aside, and an "and" or
    "but" after it), or nothing. A quote inside an attribution ("…,” he
    told “Fox News Sunday.”) is a title.

    text (str): The Doc's text.
    start (int): Where the quote's content starts.
    RETURNS (bool): True after a break.
    """
    before = _strip_closing_marks(text[:start].rstrip()).rstrip()
    joining = JOINING_WORD.search(before, max(0, len(before) - 3))  # the tail only: see `_strip_closing_marks`
    before = before[: joining.start()].rstrip() if joining else before
    return not before or before[-1] in BREAKS


def _strip_closing_marks(text: str) -> str:
    # `MARK_AT_END.sub("", text)`, with the regex run only on the tail of
    # mark and space characters it can match: over the whole text, its
    # search for a `$` costs the text's length for every quote.
    k = len(text)
    while k and (text[k - 1] in _MARK_AND_TICK_CHARS or text[k - 1].isspace()):
        k -= 1
    return text[:k] + MARK_AT_END.sub("", text[k:])


def only_attribution(cues: Lexicon, cue: Token, gap: Span, speakers: Sequence[Span | None]) -> bool:
    """Whether nothing but `cue`'s attribution lies in `gap` (the text between
    two quotes): either one clause, which only `cue` drives ("…,” Mr. Ruiz,
    the mayor, said. “…”, however the parse splits it), or, across a full
    stop or a second cue, only the words of the cue's phrase: its speaker,
    "in a statement", "as she accepted the award", "after Lee stated …". A
    word outside it (“…,” said Ms. Cole. Voters …) or a second cue of the
    same speaker ("he said, adding", `_same_speaker`) starts something new.

    cues (Lexicon): The cue verbs.
    cue (Token): The cue in `gap`.
    gap (Span): The tokens between the two quotes' contents.
    speakers (Sequence[Span | None]): Speaker phrases given with `cue`.
    RETURNS (bool): True when the gap is only the attribution.
    """
    if _one_clause(cues, gap):
        return True
    allowed = {t.i for t in cue.subtree} | _joining_word(gap)
    subject = subject_of(cue)
    if subject is not None:
        allowed.update(t.i for t in subject.subtree)
    for speaker in speakers:
        if speaker is not None:
            allowed.update(range(speaker.start, speaker.end))
    allowed |= _closing_participle(gap, allowed)
    for tok in gap:
        if tok.is_punct or tok.is_quote or tok.is_space or tok.i == cue.i:
            continue
        if tok.i not in allowed or (_hangs_on(tok, cue) and cues.match(tok) and _leads_on(tok, gap)):
            return False
    return True


def _hangs_on(verb: Token, cue: Token) -> bool:
    # Right below the cue, or below a preposition of time that is (ClearNLP's
    # "before" -prep-> "asking" -pcomp->, where UD makes "before" a mark).
    head = verb.head
    return head.i == cue.i or (head.lower_ in TIME_SUBORDINATORS and head.head.i == cue.i and head.i != verb.i)


def _closing_participle(gap: Span, allowed: set[int]) -> set[int]:
    """The participle phrase that ends the attribution's sentence (“…,”
    Ostrow said, suggesting that …. “…”; “…,” Garrick said, asked about it
    in an interview. “…”), however the parse hangs it: the speaker's aside,
    after which the quote carries on. One that runs into the next fragment
    with no sentence end is left to `_leads_on` ("he said, adding: “…”")."""
    words = [t for t in gap if not (t.is_quote or t.is_space)]
    for k in range(2, len(words)):
        if words[k - 1].text != "," or not _participle(words[k]) or words[k - 2].i not in allowed:
            continue
        end = next((j for j in range(k + 1, len(words)) if words[j].text in SENTENCE_ENDS), None)
        if end is None or any(not t.is_punct for t in words[end + 1 :]):
            return set()
        return {t.i for t in words[k:end]}
    return set()


def _participle(token: Token) -> bool:
    # "asked about it", "suggesting that": a verb, lest "…, nothing more." count.
    return token.tag_ == "VBN" or token.pos_ == "VERB" and present_participle(token)


def _joining_word(gap: Span) -> set[int]:
    # The "But" of “…,” he said outside. But “…”: the gap's last word, when it joins.
    words = [t for t in gap if not (t.is_punct or t.is_quote or t.is_space)]
    return {words[-1].i} if words and JOINING_WORD.fullmatch(words[-1].text) else set()


def _leads_on(verb: Token, gap: Span) -> bool:
    # A second cue of the same speaker leads into the next quote ("he said,
    # adding: “…”") unless a sentence ends after its phrase ("said, noting
    # that Calder did not lose a ward. “…”", "said, speaking on the
    # condition of anonymity. “…”").
    after = gap.doc[verb.right_edge.i + 1 : gap.end]
    return _same_speaker(verb) and not any(t.text in SENTENCE_ENDS for t in after)


def _same_speaker(verb: Token) -> bool:
    # "he said, adding …", "said and added …", "sings to her before asking
    # her, “…”": a second cue with no subject of its own, and no
    # subordinator other than one of time before a participle, is the
    # speaker's next statement. One with its own subject or another
    # subordinator ("told reporters after the mayor stated …", "said about
    # leaving office") only sets the scene.
    for child in verb.children:
        family = dep_family(child)
        if family in ("nsubj", "nsubjpass", "case"):
            return False
        if family == "mark" and not (present_participle(verb) and child.lower_ in TIME_SUBORDINATORS):
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
