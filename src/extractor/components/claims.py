"""The `extractor_claims` component: who claims what, stored as `ClaimRow`s.

Three kinds: every attributed quote restated as a `statement`; reported
stances that are not speech (`condemned …`, `denied …`, `vowed …`) with
their source and polarity; and unattributed sentences carrying a checkable
figure ("at least 16 people were killed") as `assertion`s. Unknown values
stay empty: a claim never gets a guessed source.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extractor.components.extensions import ensure_extensions, rows_of
from extractor.components.quotes import speaker_sentences
from extractor.components.rules.attribution import speaker_for
from extractor.components.rules.cues import Lexicon, dep_family, has_parse, sentence_index, sentences
from extractor.components.rules.speakers import PRONOUN_KINDS, MentionIndex, Speaker, link_speakers, speaker_mentions
from extractor.ids import doc_id_of, offset_of, span_id
from extractor.types import ClaimRow, QuoteRow

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
# Clause parts that end a stance's text ("condemned the killing, saying …").
STANCE_STOP = {"advcl", "parataxis", "conj", "cc", "punct", "nsubj", "nsubjpass", "aux", "advmod", "mark"}


def find_claims(doc: Doc, stance_verbs: Mapping[str, str]) -> Iterator[ClaimRow]:
    """Claims of `doc`: statements (from doc._.quotes), stances, assertions.

    doc (Doc): A parsed Doc, after `extractor_quotes` for statements.
    stance_verbs (Mapping[str, str]): Stance lemma -> polarity.
    YIELDS (ClaimRow): Rows with absolute offsets, in text order.
    """
    for row, _ in iter_claims(doc, stance_verbs):
        yield row


def iter_claims(doc: Doc, stance_verbs: Mapping[str, str]) -> Iterator[tuple[ClaimRow, Speaker | None]]:
    """Like `find_claims`, with the resolved source of each stance claim."""
    ensure_extensions()
    lexicon, index = Lexicon(stance_verbs), MentionIndex(doc)
    quotes = rows_of(doc, "quotes")
    rows: list[tuple[ClaimRow, Speaker | None]] = [
        (statement(doc, q, lexicon, index), None) for q in quotes if q.speaker_text
    ]
    rows += list(_stances(doc, lexicon, index))
    taken = [(r.start_char, r.end_char) for r, _ in rows] + [(q.start_char, q.end_char) for q in quotes]
    rows += [(r, None) for r in _assertions(doc, taken)]
    yield from sorted(rows, key=lambda pair: (pair[0].start_char, pair[0].end_char, pair[0].kind))


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


def _stances(doc: Doc, lexicon: Lexicon, index: MentionIndex) -> Iterator[tuple[ClaimRow, Speaker]]:
    sents, quoted = sentences(doc), _quoted_ranges(doc)
    for tok in doc:
        # A stance verb inside a quote or reported clause ("said they would
        # not support it") is what the speaker said, not the subject's stance.
        cue = lexicon.match(tok) if not any(s <= tok.idx < e for s, e in quoted) else None
        phrase = speaker_for(tok, (tok.idx, tok.idx + 1)) if cue else None
        if cue is None or phrase is None or phrase.start > tok.i:
            continue  # a stance needs a source before it, never a guessed one
        start, end = stance_extent(tok)
        speaker = index.resolve(phrase)
        yield _stance_row(doc, sents, tok, cue, lexicon.value(cue), speaker, start, end), speaker


def _quoted_ranges(doc: Doc) -> list[tuple[int, int]]:
    offset = offset_of(doc)
    return [(q.start_char - offset, q.end_char - offset) for q in rows_of(doc, "quotes")]


def stance_extent(cue: Token) -> tuple[int, int]:
    """Token range of a stance: the cue and its right-hand complements, up to
    the first clause break ("condemned the killing", "accused X of Y")."""
    end = cue.i + 1
    # A misparse can attach a complement across a paragraph break; a stance
    # never runs past the cue's own sentence.
    limit = cue.sent.end if cue.doc.has_annotation("SENT_START") else len(cue.doc)
    for child in cue.rights if has_parse(cue.doc) else ():
        if dep_family(child) in STANCE_STOP or child.left_edge.i != end or child.right_edge.i >= limit:
            break
        end = child.right_edge.i + 1
    return cue.i, end


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
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    return span.doc[start:end]


def has_figure(span: Span | None) -> bool:
    """True when `span` holds a checkable number: a count, amount or share,
    not a date ("February 7", "2024") or the word "one"."""
    return span is not None and any(_is_figure(t) for t in span)


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
    """Store statements, stances and figure assertions on `doc._.claims`
    (ClaimRow) and `doc.spans["claims"]`.

    DOCS: README.md#claims
    """

    def __init__(self, nlp: Language, name: str = "extractor_claims", *, stance_verbs: Mapping[str, str]) -> None:
        """nlp (Language): The pipeline. name (str): Component name.
        stance_verbs (Mapping[str, str]): Stance lemma -> polarity.
        """
        ensure_extensions()
        self.name = name
        self.stance_verbs = dict(stance_verbs)

    def __call__(self, doc: Doc) -> Doc:
        """Find the claims of `doc` and store them. RETURNS (Doc): The same doc."""
        found = list(iter_claims(doc, self.stance_verbs))
        self.set_annotations(doc, [row for row, _ in found], [s for _, s in found])
        return doc

    def set_annotations(self, doc: Doc, rows: list[ClaimRow], sources: Iterable[Speaker | None]) -> None:
        """Write `rows` to doc._.claims and doc.spans["claims"], and resolved
        pronoun/nominal stance sources to doc._.mentions."""
        doc._.claims = rows
        doc.spans["claims"] = [s for s in (_span_of(doc, r) for r in rows) if s is not None]
        link_speakers(doc, speaker_mentions(doc, speaker_sentences(doc, sources)))


def _span_of(doc: Doc, row: ClaimRow) -> Span | None:
    offset = offset_of(doc)
    return doc.char_span(row.start_char - offset, row.end_char - offset, label=row.kind, alignment_mode="expand")
