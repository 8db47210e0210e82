"""The `extractor_claims` component: who claims what, stored as `ClaimRow`s.

Three kinds: every attributed quote restated as a `statement`; reported
stances (`condemned …`, `denied …`, `vowed to …`, `wants to …`, `called
for …`, `the poll showed …`) with their source and polarity; and
unattributed sentences carrying a checkable figure ("at least 16 people
were killed") as `assertion`s. Unknown values stay empty: a claim never gets
a guessed source.

A reported clause ("She thinks the deal is dead") is a quote, restated as
a statement; a stance is the complement of a cue that has no such clause
("She wants to leave", "accused him of lying"), and its text is that
complement without the cue, as for quotes.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extractor.components.extensions import ensure_extensions, rows_of, set_rows
from extractor.components.quotes import speaker_sentences
from extractor.components.rules.cues import (
    Lexicon,
    cue_candidates,
    dep_family,
    doc_cache,
    has_parse,
    noun_indices,
    number_indices,
    sentence_index,
    sentences,
)
from extractor.components.rules.lexicons import STANCE_PATTERNS_V1
from extractor.components.rules.reported import before_participle_cue, noun_source
from extractor.components.rules.speakers import (
    PRONOUN_KINDS,
    MentionIndex,
    Speaker,
    is_dash,
    link_speakers,
    speaker_mentions,
)
from extractor.components.rules.stances import (
    StancePatterns,
    named_agent,
    noun_content,
    source_fits,
    stance_content,
    stance_label,
    stance_source,
)
from extractor.ids import doc_id_of, offset_of, span_id
from extractor.types import ClaimRow, QuoteRow

# A stance that shares this much of its span and a quote's repeats the quote.
REPEAT_SHARE = 0.9
# Characters an opening quote mark and its space may put between a stance's
# start and its quote's.
MARK_SLACK = 2
MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}


def find_claims(
    doc: Doc, stance_verbs: Mapping[str, str], stance_patterns: Mapping[str, Iterable[str]] = STANCE_PATTERNS_V1
) -> Iterator[ClaimRow]:
    """Claims of `doc`: statements (from its stored quotes), stances, assertions.

    doc (Doc): A parsed Doc, after `extractor_quotes` for statements.
    stance_verbs (Mapping[str, str]): Stance lemma -> polarity.
    stance_patterns (Mapping[str, Iterable[str]]): How stance contents are
        read (see `StancePatterns`).
    YIELDS (ClaimRow): Rows with absolute offsets, in text order.
    """
    for row, _ in iter_claims(doc, stance_verbs, stance_patterns):
        yield row


def iter_claims(
    doc: Doc,
    stance_verbs: Mapping[str, str] | Lexicon,
    stance_patterns: Mapping[str, Iterable[str]] = STANCE_PATTERNS_V1,
) -> Iterator[tuple[ClaimRow, Speaker | None]]:
    """Like `find_claims`, with the resolved source of each stance claim
    (`stance_verbs` may also be a `Lexicon` of them)."""
    ensure_extensions()
    lexicon = stance_verbs if isinstance(stance_verbs, Lexicon) else Lexicon(stance_verbs)
    index = MentionIndex(doc)
    quotes = rows_of(doc, "quotes")
    rows: list[tuple[ClaimRow, Speaker | None]] = [
        (statement(doc, q, lexicon, index), None) for q in quotes if q.speaker_text
    ]
    stances = _stances(doc, lexicon, index, StancePatterns.from_config(stance_patterns))
    rows += [(row, source) for row, source in stances if not _repeats_a_quote(row, quotes)]
    taken = [(r.start_char, r.end_char) for r, _ in rows] + [(q.start_char, q.end_char) for q in quotes]
    rows += [(r, None) for r in _assertions(doc, taken)]
    yield from sorted(rows, key=lambda pair: (pair[0].start_char, pair[0].end_char, pair[0].kind))


def _repeats_a_quote(row: ClaimRow, quotes: list[QuoteRow]) -> bool:
    # A stance whose content is a quote's text, give or take its marks ("told
    # the audience … “The mayor has told us what she values …”"), or opens
    # with the quote ("said: “…,” adding that …"): the quote's statement row
    # already says it.
    length = row.end_char - row.start_char
    for quote in quotes:
        if abs(quote.start_char - row.start_char) <= MARK_SLACK:
            return True
        shared = min(row.end_char, quote.end_char) - max(row.start_char, quote.start_char)
        if shared >= REPEAT_SHARE * max(length, quote.end_char - quote.start_char):
            return True
    return False


def statement(doc: Doc, quote: QuoteRow, lexicon: Lexicon, index: MentionIndex) -> ClaimRow:
    """The `statement` claim restating an attributed quote."""
    kind = _source_kind(index, quote.speaker_entity_id, quote.speaker_text)
    return ClaimRow(
        claim_id=span_id(doc, quote.start_char, quote.end_char, "statement"),
        doc_id=quote.doc_id,
        kind="statement",
        text=quote.text,
        start_char=quote.start_char,
        end_char=quote.end_char,
        source_text=quote.speaker_text,
        source_start_char=quote.speaker_start_char,
        source_end_char=quote.speaker_end_char,
        source_entity_id=quote.speaker_entity_id,
        source_kind=kind,
        cue=quote.cue,
        cue_start_char=quote.cue_start_char,
        polarity=lexicon.value(quote.cue) if quote.cue else "",
        has_figure=has_figure(_local_span(doc, quote.start_char, quote.end_char)),
        quote_id=quote.quote_id,
        sentence_index=quote.sentence_index,
        method="quote:" + quote.method,
    )


def _source_kind(index: MentionIndex, entity_id: str, text: str) -> str:
    found = next((m.kind for m in index.mentions if entity_id and m.entity_id == entity_id), "")
    if found or not text:
        return found
    kinds = PRONOUN_KINDS.get(text.lower(), ())
    return kinds[0] if len(kinds) == 1 else ""


def _stances(doc: Doc, lexicon: Lexicon, index: MentionIndex, patterns: StancePatterns) -> Iterator[tuple]:
    found = list(_stance_candidates(doc, lexicon, patterns))
    sents = sentences(doc)
    for cue, label, phrase, (start, end) in found:
        # "vowed to oppose the plan": opposing is what was vowed, part of
        # the outer stance's content, not a stance of its own.
        if any(s <= cue.i < e for other, _, _, (s, e) in found if other is not cue):
            continue
        speaker = index.resolve_for(phrase, cue)
        row = _stance_row(doc, sents, cue, label, lexicon.value(label), speaker, start, end)
        yield (replace(row, method="noun_" + row.method) if cue.pos_ == "NOUN" else row), speaker


def _stance_candidates(doc: Doc, lexicon: Lexicon, patterns: StancePatterns) -> Iterator[tuple]:
    # (cue, label, source phrase, content range) of each stance cue with a
    # complement and a source before it: a stance never gets a guessed source.
    if not has_parse(doc):
        return
    quoted, quote_cues = _quoted_ranges(doc), _quote_cues(doc)
    # Only a possible verb cue or a noun can be a stance cue (`Lexicon.match`, `match_noun`).
    for i in sorted({*cue_candidates(doc), *noun_indices(doc)}):
        tok = doc[i]
        # The word first: most candidates are no stance cue, and asking the
        # lexicons costs less than the parse checks of `_may_be_stance`.
        if not _is_stance_word(tok, lexicon) or not _may_be_stance(tok, quoted, quote_cues):
            continue
        found = _verb_stance(tok, lexicon, patterns) or _noun_stance(tok, lexicon, patterns)
        if found is not None:
            label, phrase, (start, end) = found
            # "urged tenants to back the levy, citing …": the participle's stance is its own.
            end = before_participle_cue(doc, start, end, lambda t: t.idx in quote_cues or lexicon.match(t))
            yield tok, label, phrase, (start, end)


def _is_stance_word(tok: Token, lexicon: Lexicon) -> bool:
    # Whether `_verb_stance` or `_noun_stance` can find anything: each needs its match.
    return lexicon.match(tok) is not None or lexicon.match_noun(tok) is not None


def _verb_stance(tok: Token, lexicon: Lexicon, patterns: StancePatterns) -> tuple | None:
    # "Dorothy Poynter called the plan reckless": (label, source, content) or None.
    label = stance_label(tok, lexicon)
    content = stance_content(tok, label, patterns) if label is not None else None
    if label is None or content is None:
        return None
    phrase = stance_source(tok)
    return (label, phrase, content) if phrase is not None and source_fits(phrase, label, patterns) else None


def _noun_stance(tok: Token, lexicon: Lexicon, patterns: StancePatterns) -> tuple | None:
    # "Calder's call for an outside audit", "her decision to run": a
    # stance noun with a source of its own and a complement.
    label = lexicon.match_noun(tok)
    content = noun_content(tok, label, patterns) if label is not None and label in patterns.noun_cues else None
    if label is None or content is None:
        return None
    phrase = noun_source(tok)
    return (label, phrase, content) if phrase is not None and phrase.end <= content[0] else None


def _may_be_stance(tok: Token, quoted: tuple[list[int], list[int]], quote_cues: set[int]) -> bool:
    # Not inside a quote or reported clause ("said they would not support
    # it" is what the speaker said), not the cue of a quote (its clause is
    # that quote), not a passive ("backed by 42 percent": the one backed is
    # no source) and not a participle modifying a noun ("ads attacking Cruz").
    if tok.idx in quote_cues or _inside(quoted, tok.idx):
        return False
    if dep_family(tok) in ("acl", "amod"):
        return named_agent(tok) is not None
    families = {dep_family(child) for child in tok.children}
    # A past participle without "has" is an adjective ("90 pledged
    # delegates") or a passive, whatever label a small parser gives it;
    # one with an active subject is a past tense the tagger mistook
    # ("Marsh called on the council to …").
    bare_participle = tok.tag_ == "VBN" and not families & {"aux", "nsubj"} and dep_family(tok) != "conj"
    return not bare_participle and not families & {"auxpass", "nsubjpass"}


def _quoted_ranges(doc: Doc) -> tuple[list[int], list[int]]:
    # The quotes' character ranges, overlapping ones merged: starts and ends
    # in order, for `_inside`.
    offset, starts, ends = offset_of(doc), list[int](), list[int]()
    for start, end in sorted((q.start_char - offset, q.end_char - offset) for q in rows_of(doc, "quotes")):
        if start >= end:
            continue
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _inside(ranges: tuple[list[int], list[int]], char: int) -> bool:
    # Whether `char` lies in one of the merged ranges of `_quoted_ranges`.
    starts, ends = ranges
    k = bisect.bisect_right(starts, char) - 1
    return k >= 0 and char < ends[k]


def _quote_cues(doc: Doc) -> set[int]:
    offset = offset_of(doc)
    return {q.cue_start_char - offset for q in rows_of(doc, "quotes") if q.cue_start_char is not None}


def _stance_row(doc, sents, cue, label, polarity, speaker, start, end) -> ClaimRow:
    offset, span = offset_of(doc), doc[start:end]
    s, e = span.start_char + offset, span.end_char + offset
    return ClaimRow(
        claim_id=span_id(doc, s, e, "stance"),
        doc_id=doc_id_of(doc),
        kind="stance",
        text=span.text,
        start_char=s,
        end_char=e,
        source_text=speaker.text,
        source_start_char=speaker.start + offset,
        source_end_char=speaker.end + offset,
        source_entity_id=speaker.entity_id,
        source_kind=speaker.kind,
        cue=label,
        cue_start_char=cue.idx + offset,
        polarity=polarity,
        has_figure=has_figure(span),
        quote_id="",
        sentence_index=sentence_index(sents, start),
        method="stance_" + speaker.method,
    )


def _assertions(doc: Doc, taken: list[tuple[int, int]]) -> Iterator[ClaimRow]:
    # Unattributed sentences with a figure; sentences already inside a quote
    # or claim are attributed, so they are not restated here.
    offset = offset_of(doc)
    for i, sent in enumerate(sentences(doc)):
        span = _trim(sent)
        s, e = span.start_char + offset, span.end_char + offset
        if not len(span) or not has_figure(span) or any(a < e and s < b for a, b in taken):
            continue
        yield ClaimRow(
            claim_id=span_id(doc, s, e, "assertion"),
            doc_id=doc_id_of(doc),
            kind="assertion",
            text=span.text,
            start_char=s,
            end_char=e,
            source_text="",
            source_start_char=None,
            source_end_char=None,
            source_entity_id="",
            source_kind="",
            cue="",
            cue_start_char=None,
            polarity="",
            has_figure=True,
            quote_id="",
            sentence_index=i,
            method="figure",
        )


def _trim(span: Span) -> Span:
    # Whitespace at either end, and a dateline's dash left at the start of
    # the sentence after it ("VALPARAISO, Chile (Andes Wire) ¶ — Electricity …").
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_space or is_dash(span.doc[start])):
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    return span.doc[start:end]


def has_figure(span: Span | None) -> bool:
    """True when `span` holds a checkable number: a count, amount or share,
    not a date ("February 7", "2024") or the word "one"."""
    if span is None:
        return False
    # Only a token like a number can be a figure: test those, not every token.
    doc, numbers = span.doc, number_indices(span.doc)
    first, end = bisect.bisect_left(numbers, span.start), bisect.bisect_left(numbers, span.end)
    return any(_is_figure(doc[i]) for i in numbers[first:end])


def _is_figure(tok: Token) -> bool:
    if not tok.like_num or tok.lower_ in ("one", "once") or tok.ent_type_ in ("DATE", "TIME"):
        return False
    doc = tok.doc
    near = {doc[j].lower_.rstrip(".") for j in (tok.i - 1, tok.i + 1) if 0 <= j < len(doc)}
    if near & MONTHS or (tok.text.isdigit() and len(tok.text) == 4 and 1800 <= int(tok.text) <= 2100):
        return False
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None:
        return dep_family(tok) == "nummod"
    counted = nxt.pos_ in ("NOUN", "PROPN", "SYM") or (not nxt.pos_ and nxt.is_alpha) or nxt.text == "%"
    return dep_family(tok) == "nummod" or counted or nxt.lower_ in ("percent", "million", "billion")


def _local_span(doc: Doc, start: int, end: int) -> Span | None:
    offset = offset_of(doc)
    return doc.char_span(start - offset, end - offset, alignment_mode="expand")


class ClaimsComponent:
    """Store statements, stances and figure assertions on `doc._.extractor_claims`
    (ClaimRow) and `doc.spans["extractor_claims"]`.

    DOCS: README.md#claims
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "extractor_claims",
        *,
        stance_verbs: Mapping[str, str],
        stance_patterns: Mapping[str, Iterable[str]] = STANCE_PATTERNS_V1,
    ) -> None:
        """nlp (Language): The pipeline. name (str): Component name.
        stance_verbs (Mapping[str, str]): Stance lemma -> polarity.
        stance_patterns (Mapping[str, Iterable[str]]): How stance contents
            are read (see `StancePatterns`).
        """
        ensure_extensions()
        self.name = name
        self.stance_verbs = dict(stance_verbs)
        self.lexicon = Lexicon(self.stance_verbs)
        self.stance_patterns = {key: list(words) for key, words in stance_patterns.items()}
        StancePatterns.from_config(self.stance_patterns)  # a bad config fails here, not on the first doc

    def __call__(self, doc: Doc) -> Doc:
        """Find the claims of `doc` and store them. RETURNS (Doc): The same doc."""
        with doc_cache(doc):
            found = list(iter_claims(doc, self.lexicon, self.stance_patterns))
            self.set_annotations(doc, [row for row, _ in found], [s for _, s in found])
        return doc

    def set_annotations(self, doc: Doc, rows: list[ClaimRow], sources: Iterable[Speaker | None]) -> None:
        """Write `rows` to doc._.extractor_claims and doc.spans["extractor_claims"], and
        resolved pronoun/nominal stance sources to the mentions."""
        set_rows(doc, "claims", rows)
        doc.spans["extractor_claims"] = [s for s in (_span_of(doc, r) for r in rows) if s is not None]
        link_speakers(doc, speaker_mentions(doc, speaker_sentences(doc, sources)))


def _span_of(doc: Doc, row: ClaimRow) -> Span | None:
    offset = offset_of(doc)
    return doc.char_span(row.start_char - offset, row.end_char - offset, label=row.kind, alignment_mode="expand")
