"""The `extractor_quotes` component: direct, indirect and mixed quotes with
their cue and speaker, stored as `QuoteRow`s on `doc._.extractor_quotes`.

`find_quotes(doc, …)` is pure and yields rows; `QuotesComponent` stores them,
sets `doc.spans["extractor_quotes"]` and adds resolved pronoun/nominal speakers to
the mentions (`extensions.link_mention`). The fragments of a quote interrupted by its attribution
(“…,” she said. “…”) are rows of their own that share a `statement_id`
(see `rules.statements`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extractor.components.extensions import ensure_extensions, set_rows
from extractor.components.rules.attribution import Attribution, attribute_direct, is_mark, mark_count
from extractor.components.rules.cues import (
    SENT_END,
    Lexicon,
    dep_family,
    doc_cache,
    doc_text,
    paragraph_of,
    paragraph_starts,
    sentence_index,
    sentences,
)
from extractor.components.rules.quote_speakers import quote_speaker
from extractor.components.rules.quotemarks import MARK, QuoteMarks, quote_marks
from extractor.components.rules.reported import is_parenthetical, reported_clauses, trim_clause
from extractor.components.rules.speakers import (
    NP_WORDS,
    MentionIndex,
    Speaker,
    link_speakers,
    speaker_mentions,
    speaker_phrase,
    subject_of,
)
from extractor.components.rules.statements import continues, statement_starts
from extractor.components.rules.transcripts import Turn, transcript_turns
from extractor.ids import doc_id_of, offset_of, span_id
from extractor.types import QuoteRow

# What ends the phrase a verb leads into a quoted fragment (`_phrase_of_verb`).
PHRASE_BREAKS = {";", ":", "—", "–", "(", ")"}
# The arcs (`dep_family`) on the way down from a cue to a quote that take
# the quote out of what the cue reports: a modifier clause on the way ("told
# a crowd after she walked out to “…”", "take comfort in a column
# headlined “…”"), and, right below the cue, its subject or an adverbial ("said
# on “Morning Desk”").
MODIFIER_CLAUSES = {"advcl", "acl", "relcl", "appos", "parataxis"}
NOT_REPORTED = {"nsubj", "nsubjpass", "csubj", "csubjpass", "prep", "obl"}
# Words a title leaves in lower case ("Planet of the Apes"), not counted when
# telling a title from a sentence (`_stands_alone`).
TITLE_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
# Nouns that name a work whose title a quote gives right after them ("his
# book, “Doomed to Succeed,”", "the reality show “Cake Boss.”"): a title in
# Title Case there is no statement, even when a cue nearby seems to attribute
# it (`_work_title`).
WORK_NOUNS = {
    "album",
    "autobiography",
    "book",
    "documentary",
    "film",
    "memoir",
    "movie",
    "musical",
    "novel",
    "play",
    "podcast",
    "program",
    "programme",
    "series",
    "show",
    "slogan",
    "song",
}
# A lower-case word right after a closing mark: the writer's sentence goes on.
RUNS_ON = re.compile(r"[ \t]+[a-z]")
# A credit line after a quoted headline: "“…,” by Times' Ben Sisario".
BYLINE_AFTER = re.compile(r"\s+by\s+(?:the\s+)?[A-Z]")
# Lead-ins that link a sentence to the one before it ("As for taxes, “…,”
# she said"): PolNeAR leaves them out of the statement they lead into.
LINKING_LEAD_INS = tuple(
    tuple(lead.split())
    for lead in ("as for", "as to", "yet", "for example", "for instance", "whatever", "however", "meanwhile", "still")
)


@dataclass(frozen=True)
class _Found:
    """A quote before its speaker is resolved (local character offsets)."""

    kind: str
    start: int
    end: int
    attribution: Attribution | None
    method: str
    # The writer's sentence runs into the opening mark (see `_mid_sentence`).
    embedded: bool = False
    # ... or on past the closing mark (see `_runs_on`).
    runs_on: bool = False


def find_quotes(doc: Doc, reporting_verbs: Iterable[str] | Lexicon, min_quote_words: int = 4) -> Iterator[QuoteRow]:
    """Find the quotes of `doc`, in text order.

    doc (Doc): A parsed Doc; its stored mentions and entities are used when present.
    reporting_verbs (Iterable[str] | Lexicon): Cue lemmas ("say", "point out"),
        or a `Lexicon` of them (which learns the spellings it has seen).
    min_quote_words (int): Unattributed quoted text shorter than this is a
        scare quote or title, not a quote.
    YIELDS (QuoteRow): Rows with absolute offsets.
    """
    for row, _ in iter_quotes(doc, reporting_verbs, min_quote_words):
        yield row


def iter_quotes(
    doc: Doc, reporting_verbs: Iterable[str] | Lexicon, min_quote_words: int = 4
) -> Iterator[tuple[QuoteRow, Speaker | None]]:
    """Like `find_quotes`, with each row's resolved `Speaker` (local offsets)."""
    ensure_extensions()
    cues = reporting_verbs if isinstance(reporting_verbs, Lexicon) else Lexicon(reporting_verbs)
    direct = _with_turns(doc, _direct_quotes(doc, cues, min_quote_words))
    found = _with_reported_speech(doc, cues, direct, min_quote_words)
    ctx = _Context(doc, cues, MentionIndex(doc), paragraph_starts(doc_text(doc)))
    ordered, sents = sorted(found, key=lambda f: (f.start, f.end)), sentences(doc)
    firsts = statement_starts(doc, cues, ordered)
    speakers: list[Speaker | None] = []
    ids: list[str] = []
    rows = []
    joined = {first for i, first in enumerate(firsts) if first != i}
    for i, item in enumerate(ordered):
        speaker, method, cue = _speaker(ctx, item, ordered[:i], speakers)
        speakers.append(speaker)
        if item.runs_on and speaker is None and cue is None and i not in joined:
            ids.append("")
            continue  # a phrase of the writer's sentence that nobody is said to say (`_runs_on`)
        with_cue = item if cue is item.attribution else replace(item, attribution=cue)
        row = _row(doc, sents, _phrase_of_verb(doc, with_cue), speaker, method, ids[firsts[i]] if firsts[i] < i else "")
        ids.append(row.quote_id)
        rows.append((row, speaker))
    yield from _without_fragments_of_mixed(rows)


def _without_fragments_of_mixed(
    rows: list[tuple[QuoteRow, Speaker | None]],
) -> Iterator[tuple[QuoteRow, Speaker | None]]:
    """The rows less the direct quotes that lie inside a mixed quote: the
    writer's phrase around them made one statement of several quoted
    fragments (went on about “how the system is rigged” and “our own
    struggling citizens,” Melanie said …), which already reports them. A
    fragment that opens a statement of its own stays."""
    mixed = [(row.start_char, row.end_char) for row, _ in rows if row.kind == "mixed"]
    opening = {row.statement_id for row, _ in rows if row.statement_id != row.quote_id}
    for row, speaker in rows:
        inside = any(s <= row.start_char and row.end_char <= e for s, e in mixed)
        if not (row.kind == "direct" and inside and row.quote_id not in opening):
            yield row, speaker


def _direct_quotes(doc: Doc, cues: Lexicon, min_words: int) -> list[tuple[_Found, bool]]:
    """Direct quote candidates, each with whether it is long enough to stand alone."""
    found, text = [], doc_text(doc)
    for marks in quote_marks(text):
        span = doc.char_span(marks.start, marks.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        embedded = _mid_sentence(doc, marks, cues)
        titled = _work_title(marks, text)
        long_enough = not titled and _stands_alone(marks, text, min_words, embedded=embedded)
        attribution = None
        if not titled and (long_enough or not embedded):
            attribution = attribute_direct(doc, span, (marks.open_start, marks.close_end), cues)
        method = (attribution.method if attribution else "unattributed") + ("+unbalanced" if marks.unbalanced else "")
        runs_on = _runs_on(marks, text)
        found.append((_Found("direct", marks.start, marks.end, attribution, method, embedded, runs_on), long_enough))
    return found


def _with_turns(doc: Doc, direct: list[tuple[_Found, bool]]) -> list[tuple[_Found, bool]]:
    """The speaker turns of a transcript (`transcripts.transcript_turns`) as
    direct quotes attributed to their labels. A turn replaces the quotes its
    marks made ("“HOST: …" opens a quote at the label) and those inside it,
    which are the speaker's words too."""
    turns = [found for turn in transcript_turns(doc, paragraph_starts(doc_text(doc))) if (found := _turn(doc, turn))]
    if not turns:
        return direct
    outside = [(d, alone) for d, alone in direct if not any(d.start < t.end and t.start - 2 <= d.end for t in turns)]
    return outside + [(turn, True) for turn in turns]


def _turn(doc: Doc, turn: Turn) -> _Found | None:
    colon = doc.char_span(turn.label_end, turn.label_end + 1, alignment_mode="expand")
    label = doc.char_span(turn.label_start, turn.label_end, alignment_mode="expand")
    if colon is None or label is None or not len(colon) or not len(label):
        return None
    attribution = Attribution(colon[-1], ":", label, "transcript")
    return _Found("direct", turn.start, turn.end, attribution, "transcript")


def _phrase_of_verb(doc: Doc, item: _Found) -> _Found:
    """A quoted phrase the writer's own verb leads into ("called the deal “a
    betrayal of workers”", "which reported “1,384 complaints” in May") is
    what the verb's subject said in the writer's words around the quote: a
    mixed quote from after the verb to the end of its phrase, as PolNeAR
    annotates it. Only for a quote inside the writer's sentence whose
    speaker came from the verb that governs it (`quote_speaker`), or that
    sits in what its cue reports ("reported the “1,384 noise complaints”
    in May", `_in_complement`).

    RETURNS (_Found): The mixed quote, or `item` unchanged.
    """
    cue = item.attribution
    if not item.embedded or cue is None or cue.cue.idx >= item.start:
        return item
    verb, quote = cue.cue, doc.char_span(item.start, item.end, alignment_mode="expand")
    if quote is None or verb.i + 1 >= quote.start or not verb.left_edge.i <= quote.start < verb.right_edge.i + 1:
        return item
    if cue.method != "quote_verb" and not _in_complement(cue, quote):
        return item
    if _label_after_as(doc, quote.start):
        return item
    closing = quote.end + 1 if quote.end < len(doc) and is_mark(doc[quote.end]) else quote.end
    start, end = trim_clause(doc, verb.i + 1, max(_phrase_end(verb, quote), closing))
    words = [t for t in doc[start:end] if not (t.is_punct or quote.start <= t.i < quote.end)]
    if not words:
        return item  # nothing but the quote: "promised “a new deal”" stays direct
    if cue.method != "quote_verb" and doc[start].pos_ == "CCONJ":
        return item  # "…,” she said, and “…”": a second quote conjoined to the first
    return replace(item, kind="mixed", start=doc[start].idx, end=max(item.end, doc[end - 1].idx + len(doc[end - 1])))


def _in_complement(cue: Attribution, quote: Span) -> bool:
    """Whether `quote` lies in what its cue reports, after the cue: no
    modifier clause lies between them and the quote hangs on no subject or
    adverbial of the cue (`MODIFIER_CLAUSES`, `NOT_REPORTED`), the
    speaker comes before the cue ("said Ann Lee, author of “…”" names a
    book in the speaker), and the cue does not interrupt the clause it
    reports ("Republicans, she added, “have …”", whose clause starts
    before the cue).

    cue (Attribution): The quote's attribution.
    quote (Span): The quoted words.
    RETURNS (bool): Whether the quote is part of what the cue reports.
    """
    verb = cue.cue
    if is_parenthetical(verb) or (cue.speaker is not None and cue.speaker.start > verb.i):
        return False
    # From the quote's first word: a quote running on into a sentence of
    # its own has its root outside the cue's tree.
    tok = quote[0]
    while tok.head.i != verb.i:
        if tok.head.i == tok.i or dep_family(tok) in MODIFIER_CLAUSES:
            return False
        tok = tok.head
    return tok.i > verb.i and dep_family(tok) not in NOT_REPORTED


def _phrase_end(verb: Token, quote: Span) -> int:
    # The verb's phrase ends at a break after the quote (a sentence end, a
    # dash, a new line) or before a verb conjoined to it that leads into a
    # quote of its own ("called the plan “…” and accused him of “…”" ends
    # before "and accused", whose quote is a statement of its own).
    doc, end = verb.doc, verb.right_edge.i + 1
    for child in verb.rights:
        own_quote = mark_count(doc, child.i, child.right_edge.i + 1) > 0
        if dep_family(child) == "conj" and child.left_edge.i >= quote.end and own_quote:
            i = child.left_edge.i
            while i > quote.end and (doc[i - 1].is_punct or doc[i - 1].pos_ == "CCONJ") and not is_mark(doc[i - 1]):
                i -= 1
            end = min(end, i)
    for tok in doc[quote.end : end]:
        if tok.text in SENT_END or tok.text in PHRASE_BREAKS or "\n" in tok.text:
            return tok.i
    return end


def _label_after_as(doc: Doc, start: int) -> bool:
    # "denounced the fund as “a bandage on a broken leg”": the quoted words
    # are the label the speaker gave, a direct quote of their own (PolNeAR's
    # annotators split on these).
    i = start - 1
    while i > 0 and (doc[i].is_quote or doc[i].is_space):
        i -= 1
    return doc[i].lower_ == "as"


def _stands_alone(marks: QuoteMarks, text: str, min_words: int, *, embedded: bool) -> bool:
    """Whether a quote is long enough to be a statement on its own: not a
    scare quote (short) or a title. A title is in Title Case (its small
    words aside, `TITLE_SMALL_WORDS`) without a full stop, or with one where
    the writer's sentence runs into it (`embedded`: "his book “The Art of
    the Deal.”", whose full stop is the writer's); a comma does not make a
    sentence, as American style sets the writer's comma inside the marks
    (“Dark Harbor Nights,” a show …). A sentence that a colon introduces
    stands alone however short (`_sentence_after_colon`)."""
    quoted = text[marks.start : marks.end]
    long_enough = len(quoted.split()) >= min_words or _sentence_after_colon(marks, text)
    return long_enough and not _title_case(quoted, embedded=embedded)


def _title_case(quoted: str, *, embedded: bool) -> bool:
    """Whether quoted words read as a title (see `_stands_alone`)."""
    words = quoted.split()
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    capitals = sum(1 for w in content if w[:1].isupper())
    ends = (".", "!", "?") if not embedded else ("!", "?")
    return capitals >= max(2, 0.6 * len(content)) and not words[-1].endswith(ends)


def _work_title(marks: QuoteMarks, text: str) -> bool:
    """Whether a quote is the title of a work, not anyone's words: a Title
    Case quote right after a noun naming a work (`WORK_NOUNS`: "In his 2002
    book, ''Make Your Kid a Millionaire,'' Mr. McKinley suggested …"), or
    a quoted headline with its byline after it (`BYLINE_AFTER`). The
    writer's sentence runs into a title after a work noun, so a full stop
    inside its marks is the writer's."""
    if BYLINE_AFTER.match(text, marks.close_end):
        return True
    before = text[max(0, marks.open_start - 40) : marks.open_start].rstrip().rstrip(",").split()
    return (
        bool(before) and before[-1].lower() in WORK_NOUNS and _title_case(text[marks.start : marks.end], embedded=True)
    )


def _sentence_after_colon(marks: QuoteMarks, text: str) -> bool:
    """Whether a quote, however short, is a sentence that a colon introduces
    ("a new campaign message: “It's about me.”"): a capital first letter and
    a full stop, "!" or "?" inside its marks."""
    quoted, before = text[marks.start : marks.end].strip(), marks.open_start
    while before > 0 and text[before - 1].isspace():
        before -= 1
    return before > 0 and text[before - 1] == ":" and quoted[:1].isupper() and quoted.endswith((".", "!", "?"))


def _runs_on(marks: QuoteMarks, text: str) -> bool:
    """Whether the writer's sentence runs on past the quote: its words end
    without a stop or comma inside the marks, and a lower-case word follows
    the closing mark ("stripping out a call for “providing lethal defensive
    weapons” to Ukraine"). Such a quote is a phrase of the writer's
    sentence; with no cue, governing verb or quote around it to give it a
    speaker, it is no statement at all (dropping the 12 such quotes of
    PolNeAR train lost 3 matched attributions)."""
    end = marks.end
    while end > marks.start and text[end - 1].isspace():
        end -= 1
    return end > marks.start and text[end - 1].isalnum() and RUNS_ON.match(text, marks.close_end) is not None


def _mid_sentence(doc: Doc, marks: QuoteMarks, cues: Lexicon) -> bool:
    """Whether the writer's sentence runs into the quote: a word that is no
    cue comes right before its opening mark ("called the plan “a farce”",
    "for “R,” or “D,”"). A short quote there is a phrase of that sentence,
    not a statement of its own (unlike `yelled “Stop!”` or `: “No.”`); only
    a reported clause around it makes it part of one (mixed).
    """
    before = doc_text(doc)[: marks.open_start].rstrip()
    if not before or not before[-1].isalnum():
        return False
    previous = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    return previous is None or cues.match(previous[0]) is None


def _with_reported_speech(doc, cues, direct, min_words) -> list[_Found]:
    """Merge reported clauses with the direct quotes: a clause that is just a
    direct quote lends it its cue; a clause holding a quoted fragment is a
    mixed quote and replaces the fragment; any other clause is indirect."""
    quotes = [d for d, _ in direct]
    keep = {i for i, (d, alone) in enumerate(direct) if alone or d.attribution is not None}
    keep |= _continuations(doc, cues, quotes, keep)
    clauses = []
    for attribution, s, e, span in _clauses(doc, cues, quotes):
        same = _same_quote(span, quotes)
        if same is None:
            same = _quoted_before_cue(quotes, s, e, attribution)
            if same is not None and _words_before(span, quotes[same].start):
                same = None
        if same is None:
            same = _quote_and_title(span, quotes, attribution)
        if same is not None:
            if quotes[same].attribution is None:
                quotes[same] = replace(
                    quotes[same], attribution=attribution, method=_method(attribution.method, quotes[same])
                )
                keep.add(same)
            continue
        inside = [i for i, q in enumerate(quotes) if s <= q.start and q.end <= e + 2]
        keep.difference_update(inside)
        kind = "mixed" if any(direct[i][1] for i in inside) else "indirect"
        clauses.append(_Found(kind, s, e, attribution, attribution.method))
    return [q for i, q in enumerate(quotes) if i in keep] + _outermost(clauses)


def _continuations(doc: Doc, cues: Lexicon, quotes: list[_Found], kept: set[int]) -> set[int]:
    """Short quotes, too short to stand alone, that carry on the kept quote
    before them past its attribution (“I would,” Lee told the crowd. “I
    would, Bo.”): the rest of one statement (`statements.continues`).

    RETURNS (set[int]): Their indices in `quotes`.
    """
    paragraphs, found, previous = paragraph_starts(doc_text(doc)), set(), None
    for i in sorted(range(len(quotes)), key=lambda i: quotes[i].start):
        if i in kept:
            previous = i
        elif previous is not None and continues(doc, cues, paragraphs, quotes[previous], quotes[i]):
            found.add(i)
            previous = i
    return found


def _clauses(doc: Doc, cues: Lexicon, quotes: list[_Found]) -> Iterator[tuple[Attribution, int, int, Span]]:
    # Reported clauses with character offsets, once each. A cue inside quote
    # marks is the quoted speaker's own reported speech ("The court has said
    # clearly that …," he added), part of the direct quote, not a new quote;
    # so is a clause that crosses a quote's boundary.
    seen = set()
    for attribution, start, end in reported_clauses(doc, cues):
        s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        e = _through_quote(doc, quotes, attribution, s, e)
        cue = attribution.cue.idx
        crossing = any(q.start <= cue < q.end or _crosses(q, s, e) for q in quotes)
        if (s, e) not in seen and not crossing:
            seen.add((s, e))
            yield attribution, s, e, doc[start:end]


def _through_quote(doc: Doc, quotes: list[_Found], attribution: Attribution, start: int, end: int) -> int:
    """The end of a reported clause that runs into a quote attributed to the
    same cue ("She added that the vote …, which is a problem because, “In
    the end, we don't vote against somebody. We vote for somebody.”"): the
    quote's closing mark, so that the clause holds the quote (one mixed quote,
    as PolNeAR annotates it) instead of crossing it.

    RETURNS (int): The clause's end offset, moved or not.
    """
    for quote in quotes:
        cue = quote.attribution.cue if quote.attribution is not None else None
        if cue is not None and cue.i == attribution.cue.i and start < quote.start < end < quote.end:
            closing = MARK.match(doc_text(doc), quote.end)
            return closing.end() if closing else quote.end
    return end


def _crosses(quote: _Found, start: int, end: int) -> bool:
    # Overlapping without either holding the other.
    overlap = quote.start < end and start < quote.end
    holds = start <= quote.start and quote.end <= end + 2
    held = quote.start - 2 <= start and end <= quote.end + 2
    return overlap and not holds and not held


def _outermost(clauses: list[_Found]) -> list[_Found]:
    # "Brooks said the museum had concluded that the statues were …": the
    # clause of "concluded" is part of what Brooks said, not a second quote.
    return [
        c
        for c in clauses
        if not any(
            o is not c and o.start <= c.start and c.end <= o.end and (o.start, o.end) != (c.start, c.end)
            for o in clauses
        )
    ]


def _same_quote(clause: Span, quotes: list[_Found]) -> int | None:
    """The direct quote a clause consists of: nothing but marks and punctuation
    lies outside it, or (a clause cut short by the parse) it covers most of it."""
    words = [t.idx for t in clause if not t.is_punct]
    for i, quote in enumerate(quotes):
        outside = any(not quote.start - 2 <= idx < quote.end + 2 for idx in words)
        inside = quote.start - 2 <= clause.start_char and clause.end_char <= quote.end + 2
        if not outside or inside:
            return i
    return None


def _quoted_before_cue(quotes: list[_Found], start: int, end: int, attribution: Attribution) -> int | None:
    """The direct quote that ends a clause whose cue follows it ('"We regret
    …," the statement said'): the news layout of a direct quote with a
    trailing cue; the clause is a mixed quote only where the writer's words
    come before the quote (`_words_before`).

    RETURNS (int | None): The index of the quote in `quotes`, or None.
    """
    for i, quote in enumerate(quotes):
        if start < quote.start and quote.end - 2 <= end <= quote.end + 2 and quote.end <= attribution.cue.idx:
            return i
    return None


def _quote_and_title(clause: Span, quotes: list[_Found], attribution: Attribution) -> int | None:
    """The direct quote a clause opens with, when all the clause holds past
    its closing mark, before the cue, is a capitalized noun phrase: the
    title of the speaker a parser hung on the quoted clause ("“…,” City
    Advocate Ann Lee said"), not the writer's words that complete a mixed
    quote ("“This will be hard” for the mayor").

    RETURNS (int | None): The index of the quote in `quotes`, or None.
    """
    cue = attribution.cue.idx
    for i, quote in enumerate(quotes):
        if not quote.start - 2 <= clause.start_char <= quote.start or not quote.end < clause.end_char <= cue:
            continue
        after = [t for t in clause if t.idx >= quote.end + 2 and not t.is_punct]
        if after and after[0].is_title and all(t.pos_ in NP_WORDS for t in after):
            return i
    return None


def _words_before(clause: Span, quote_start: int) -> bool:
    """Whether the writer's words before the quote belong to the clause
    ("He was “a respected colleague,” the statement said", "With thousands of
    systems, “there is no single point of failure,” he said"): the quote
    then completes the writer's sentence and the clause is a mixed quote, as
    PolNeAR annotates it. A lead-in that only links the sentence to the one
    before ("As for taxes, “…,” she said", `LINKING_LEAD_INS`) is not part
    of it, and the quote carries the statement."""
    before = [t for t in clause if t.idx < quote_start and not is_mark(t)]
    words = tuple(t.lower_ for t in before if not (t.is_punct or t.is_space))
    if not words:
        return False
    detached = before[-1].text in (",", ":")
    return not (detached and any(words[: len(lead)] == lead for lead in LINKING_LEAD_INS))


def _overlap(quote: _Found, start: int, end: int) -> int:
    return max(0, min(quote.end, end) - max(quote.start, start))


def _method(rule: str, quote: _Found) -> str:
    return rule + ("+unbalanced" if quote.method.endswith("+unbalanced") else "")


@dataclass
class _Context:
    """What speaker resolution needs about one Doc."""

    doc: Doc
    cues: Lexicon
    index: MentionIndex
    paragraphs: list[int]


def _speaker(ctx: _Context, item: _Found, earlier: list[_Found], speakers: list) -> tuple:
    """Resolve the speaker of `item`; unattributed direct quotes inherit the
    speaker of an earlier quote in their paragraph or the paragraph before,
    and with it that quote's cue, since the row promises the cue of the
    attribution. RETURNS (tuple): (Speaker | None, method, Attribution | None)."""
    attribution = item.attribution
    if attribution is not None and attribution.speaker is not None:
        if attribution.method == "transcript":
            return ctx.index.resolve_name(attribution.speaker), item.method, attribution
        return ctx.index.resolve_for(attribution.speaker, attribution.cue), item.method, attribution
    if item.kind != "direct":
        return None, item.method, attribution
    found = quote_speaker(ctx.doc, item.start, item.end)
    if found is not None:
        # A colon label, or the verb that governs the quote ("he continued").
        verb, phrase = found
        label = ctx.cues.match(verb) or (verb.lemma_ or verb.lower_).lower()
        return ctx.index.resolve(phrase), _method("quote_verb", item), Attribution(verb, label, phrase, "quote_verb")
    para = paragraph_of(ctx.paragraphs, item.start)
    for prev, speaker in zip(reversed(earlier), reversed(speakers)):
        prev_para = paragraph_of(ctx.paragraphs, prev.start)
        if prev_para < para - 1:
            break
        if speaker is not None:
            rule = "same_paragraph" if prev_para == para else "previous_paragraph"
            return speaker, _method(rule, item), prev.attribution
    return _previous_paragraph(ctx, para, item)


def _previous_paragraph(ctx: _Context, para: int, item: _Found) -> tuple:
    # A quote paragraph right after a paragraph naming its speaker: the
    # subject of a cue there ("The minister said:"), else its last person.
    if para == 0 or item.start - ctx.paragraphs[para] > 1:
        return None, item.method, item.attribution
    span = ctx.doc.char_span(ctx.paragraphs[para - 1], ctx.paragraphs[para], alignment_mode="expand")
    if span is None:
        return None, item.method, item.attribution
    people = [m for m in ctx.index.mentions if span.start_char <= m.start < span.end_char and m.kind == "person"]
    cue = _last_cue(span, ctx.cues)
    phrase = cue.speaker if cue is not None else None
    if phrase is None and people:
        phrase = ctx.doc.char_span(people[-1].start, people[-1].end, alignment_mode="expand")
    if phrase is None:
        return None, item.method, item.attribution
    return ctx.index.resolve(phrase), _method("previous_paragraph", item), cue


def _last_cue(span: Span, cues: Lexicon) -> Attribution | None:
    # The last cue of `span` with a subject, as the attribution to carry over.
    for tok in reversed(span):
        label = cues.match(tok)
        subject = subject_of(tok) if label else None
        phrase = speaker_phrase(subject) if subject is not None else None
        if label is not None and phrase is not None:
            return Attribution(tok, label, phrase, "previous_paragraph")
    return None


def _row(
    doc: Doc, sents: list[Span], item: _Found, speaker: Speaker | None, method: str, statement_id: str
) -> QuoteRow:
    # `statement_id`: the quote_id of the statement's first quote ("" when it is this one).
    offset, cue = offset_of(doc), item.attribution
    start, end = item.start + offset, item.end + offset
    token = doc.char_span(item.start, item.end, alignment_mode="expand")
    return QuoteRow(
        quote_id=span_id(doc, start, end, item.kind),
        statement_id=statement_id,
        doc_id=doc_id_of(doc),
        kind=item.kind,
        text=doc_text(doc)[item.start : item.end],
        start_char=start,
        end_char=end,
        speaker_text=speaker.text if speaker else "",
        speaker_start_char=speaker.start + offset if speaker else None,
        speaker_end_char=speaker.end + offset if speaker else None,
        speaker_entity_id=speaker.entity_id if speaker else "",
        cue=cue.label if cue else "",
        cue_start_char=cue.cue.idx + offset if cue else None,
        sentence_index=sentence_index(sents, token.start if token is not None else 0),
        method=method if speaker else method.replace(method.split("+")[0], "unattributed", 1),
    )


class QuotesComponent:
    """Store direct, indirect and mixed quotes on `doc._.extractor_quotes` (QuoteRow)
    and `doc.spans["extractor_quotes"]`, and resolved speakers on `doc._.extractor_mentions`.

    DOCS: README.md#quotes
    """

    def __init__(
        self, nlp: Language, name: str = "extractor_quotes", *, reporting_verbs: Iterable[str], min_quote_words: int = 4
    ) -> None:
        """nlp (Language): The pipeline. name (str): Component name.
        reporting_verbs (Iterable[str]): Speech cue lemmas.
        min_quote_words (int): Shortest unattributed quote kept (scare quotes are shorter).
        """
        ensure_extensions()
        self.name = name
        self.reporting_verbs = list(reporting_verbs)
        self.cues = Lexicon(self.reporting_verbs)
        self.min_quote_words = min_quote_words

    def __call__(self, doc: Doc) -> Doc:
        """Find the quotes of `doc` and store them. RETURNS (Doc): The same doc."""
        with doc_cache(doc):
            found = list(iter_quotes(doc, self.cues, self.min_quote_words))
            self.set_annotations(doc, [row for row, _ in found], [speaker for _, speaker in found])
        return doc

    def set_annotations(self, doc: Doc, rows: list[QuoteRow], speakers: list[Speaker | None]) -> None:
        """Write `rows` to doc._.extractor_quotes and doc.spans["extractor_quotes"], and
        resolved pronoun/nominal `speakers` to the mentions."""
        set_rows(doc, "quotes", rows)
        doc.spans["extractor_quotes"] = [s for s in (_span(doc, r.start_char, r.end_char, r.kind) for r in rows) if s]
        link_speakers(doc, speaker_mentions(doc, speaker_sentences(doc, speakers)))


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    offset = offset_of(doc)
    return doc.char_span(start - offset, end - offset, label=label, alignment_mode="expand")


def speaker_sentences(doc: Doc, speakers: Iterable[Speaker | None]) -> list[tuple[Speaker, int]]:
    """Pair each resolved speaker with the index of its sentence."""
    sents, pairs = sentences(doc), []
    for speaker in speakers:
        span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand") if speaker else None
        if speaker is not None and span is not None and len(span):
            pairs.append((speaker, sentence_index(sents, span.start)))
    return pairs
