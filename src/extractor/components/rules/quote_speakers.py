"""The speaker of a direct quote that no reporting cue attributes, from the
verb of its own sentence, whatever that verb ("“…,” he continued", "Calder
barked"), from the news layouts that need no parse ("“…,” Walsh wrote",
"“…,” said Ann Lee") and from a transcript's label ("Clinton: “…”").

`quote_speaker` is the hook for the quotes stage: call it for a direct quote
without an attribution, before inheriting the speaker of an earlier quote.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from extractor.components.rules.cues import SENT_END, dep_family, doc_text, has_parse, paragraph_window
from extractor.components.rules.speakers import (
    DASHES,
    MAX_SPEAKER_TOKENS,
    MODIFIER_DEPS,
    NP_WORDS,
    STOPS,
    clean_speaker,
    is_dash,
    is_temporal,
    quoted_regions,
    speaker_phrase,
    subject_of,
)

# How a quote with a trailing attribution ends ("…,” he continued), and how
# far after it the verb may come.
TRAILING_ENDS = (",", "?", "!", "—", "–", "…", ":")
TRAILING_WORDS = 16
MARK_CHARS = "\"“”‘’'«»`"


def quote_speaker(doc: Doc, start: int, end: int) -> tuple[Token, Span] | None:
    """The speaker of a direct quote that no reporting cue attributes, from
    the verb of its own sentence: the verb that governs the quote or hangs
    on it, whatever the verb ("“…,” he continued", "the crowd reprised the
    chant “…”", "Calder barked") and that verb's subject. The quoted words
    are never their own speaker.

    doc (Doc): A parsed Doc.
    start (int): Start of the quote's content (character offset).
    end (int): End of the quote's content.
    RETURNS (tuple[Token, Span] | None): (the verb, the speaker phrase), or
        None when the sentence gives no speaker.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or not has_parse(doc):
        return None
    marks = (start - 2, end + 2)
    label = _label(span, marks) or _introduced(span) or _signature(span, marks)
    if label is not None:
        return label
    trailing = _trailing_verb(span, marks)
    for verb in _quote_verbs(span, marks) + ([trailing] if trailing is not None else []):
        subject = subject_of(verb)
        phrase = speaker_phrase(subject) if subject is not None else _inverted(verb, marks)
        if phrase is None or any(s <= phrase.root.idx < e for s, e in [marks, *quoted_regions(doc_text(doc))]):
            continue
        # A verb found by layout alone needs its speaker right after the
        # quote ("…,” Rhea Tolland, director at …, said") or right after itself.
        if verb.i != getattr(trailing, "i", -1) or phrase.start <= span.end + 3 or phrase.start == verb.i + 1:
            return verb, phrase
    return _leading(span, marks) or (_named_after(span, marks, trailing) if trailing is not None else None)


def _introduced(span: Span) -> tuple[Token, Span] | None:
    # A quote after a colon, in the next paragraph ("Wrote Keller: ¶ “…”",
    # "She then named the three reasons: ¶ “…”") or the same one ("As Lee put
    # it: “…”"): the subject of the last sentence before the colon.
    doc = span.doc
    i = span.start - 1
    while i >= 0 and (doc[i].is_quote or doc[i].is_space):
        i -= 1
    if i < 0 or doc[i].text != ":":
        return None
    verb = doc[i].sent.root if doc.has_annotation("SENT_START") else None
    if verb is None or verb.pos_ != "VERB" or is_copula(verb):
        return None
    subject = subject_of(verb)
    phrase = speaker_phrase(subject) if subject is not None else _inverted(verb, (verb.idx, verb.idx))
    return (doc[i], phrase) if phrase is not None else None


def _signature(span: Span, marks: tuple[int, int]) -> tuple[Token, Span] | None:
    # A signed quote, as in a collection of readers' or voters' reactions:
    # "“…” ― Ana Ruiz": a dash right after the closing mark, then a name
    # (proper nouns) that ends its sentence or paragraph.
    doc, i = span.doc, span.end
    while i < len(doc) and (doc[i].is_quote or doc[i].is_space) and doc[i].idx < marks[1] + 2:
        i += 1
    # A tokenizer may glue the closing mark to the dash ("”―").
    if i >= len(doc) or not (is_dash(doc[i]) or doc[i].text.lstrip(MARK_CHARS) in DASHES):
        return None
    dash, end = doc[i], i + 1
    while end < len(doc) and end - i <= MAX_SPEAKER_TOKENS and (doc[end].pos_ == "PROPN" or doc[end].text == "."):
        if doc[end].text == "." and (end + 1 == len(doc) or doc[end + 1].pos_ != "PROPN"):
            break
        end += 1
    closed = end == len(doc) or doc[end].is_space or doc[end].text in SENT_END or doc[end].is_quote
    phrase = clean_speaker(doc[i + 1 : end]) if end > i + 1 and closed else None
    return (dash, phrase) if phrase is not None else None


def _label(span: Span, marks: tuple[int, int]) -> tuple[Token, Span] | None:
    # A transcript's or a headline's "Rep. Lena Ostrow (R-Ida.): “…”": a name
    # alone before a colon that opens the quote, from the paragraph's start
    # (or a dash, or the end of another quote).
    doc = span.doc
    colon = next((t for t in reversed(doc[max(0, span.start - 3) : span.start]) if t.idx < marks[0] + 2), None)
    while colon is not None and colon.is_quote and colon.i > 0:
        colon = doc[colon.i - 1]
    if colon is None or colon.text != ":":
        return None
    i = colon.i
    while i > 0 and not (doc[i - 1].is_quote or is_dash(doc[i - 1]) or "\n" in doc[i - 1].text or doc[i - 1].is_space):
        if doc[i - 1].text in SENT_END or doc[i - 1].pos_ in ("VERB", "AUX") or colon.i - i >= MAX_SPEAKER_TOKENS:
            return None
        i -= 1
    phrase = clean_speaker(doc[i : colon.i])
    if phrase is None or not any(t.pos_ == "PROPN" for t in phrase) or is_temporal(phrase.root):
        return None
    return colon, phrase


def _trailing_verb(span: Span, marks: tuple[int, int]) -> Token | None:
    # "“…,” Walsh wrote." when the parse links nothing: the first verb after
    # the closing mark, within a few words and before the sentence ends, of
    # a quote that ends as a quote with a trailing attribution does.
    doc = span.doc
    if not span.text.rstrip(MARK_CHARS + " ").endswith(TRAILING_ENDS):
        return None
    after = [t for t in doc[span.end : span.end + TRAILING_WORDS] if t.idx >= marks[1] - 1]
    for tok in after:
        if tok.text in SENT_END or tok.text in STOPS and tok.idx >= marks[1] or "\n" in tok.text:
            return None
        if tok.pos_ == "VERB" and not is_copula(tok) and not _quote_conjunct(tok, span):
            return tok
    return None


def _quote_conjunct(verb: Token, span: Span) -> bool:
    # "“…” Mr. Lee, now 67 and retired in Maine, said": a participle the
    # parser conjoins to the quote's verb describes the speaker; it is no
    # verb of saying.
    return dep_family(verb) == "conj" and span.start <= verb.head.i < span.end


def _inverted(verb: Token, marks: tuple[int, int]) -> Span | None:
    # "“…,” said Budget panel ranking Republican Hal Brenner (R-Ky.)": the
    # subject after its verb, when the verb follows the closing mark.
    doc = verb.doc
    if verb.idx < marks[1] - 1 or any(
        not (t.is_punct or t.is_space) for t in doc[_after_marks(doc, marks, verb.i) : verb.i]
    ):
        # Only right after the quote: in "“…,” Ann Lee, 69, told Radio X"
        # the name after the verb is its object, not its subject.
        return None
    i = verb.i + 1
    while i < len(doc) and not is_temporal(doc[i]) and (doc[i].pos_ in NP_WORDS or dep_family(doc[i]) in MODIFIER_DEPS):
        i += 1
    names = [t for t in doc[verb.i + 1 : i] if t.pos_ in ("PROPN", "NOUN")]
    return speaker_phrase(names[-1]) if names else None


def _after_marks(doc: Doc, marks: tuple[int, int], near: int) -> int:
    # The first token after a quote's closing mark, found by walking back
    # from token `near`, which lies after it (no scan of the whole Doc).
    i = near
    while i > 0 and doc[i - 1].idx >= marks[1] - 1:
        i -= 1
    while i < len(doc) and (doc[i].is_quote or doc[i].is_space):
        i += 1
    return i


def _leading(span: Span, marks: tuple[int, int]) -> tuple[Token, Span] | None:
    # "During the debate, Ann Lee cracked, “…”": a verb right before the
    # comma or colon that opens the quote, whatever the verb, when the parse
    # hangs the quote elsewhere. Its subject speaks, or, where a misparse
    # hangs the verb on a name before it ("Sen. Ann Lee, noting …, said, “…”"),
    # that name.
    doc, i = span.doc, span.start - 1
    while i >= 0 and (doc[i].is_quote or doc[i].is_space) and doc[i].idx >= marks[0] - 1:
        i -= 1
    if i < 1 or doc[i].text not in (",", ":") or doc[i - 1].pos_ != "VERB" or is_copula(doc[i - 1]):
        return None
    verb = doc[i - 1]
    subject = subject_of(verb)
    if subject is None and verb.head.i < verb.i and verb.head.pos_ == "PROPN":
        subject = verb.head
    phrase = speaker_phrase(subject) if subject is not None and subject.i < verb.i else None
    return (verb, phrase) if phrase is not None else None


def _named_after(span: Span, marks: tuple[int, int], verb: Token) -> tuple[Token, Span] | None:
    # "“…,” Ann Lee, 69, told Radio X", "“…” Mr. Lee, now retired, said":
    # a name right after the closing mark, set off by a comma before the
    # verb, speaks when the parse gives the verb no subject.
    doc = span.doc
    first = _after_marks(doc, marks, verb.i)
    if first >= verb.i or doc[first].pos_ != "PROPN":
        return None
    last = first
    while last + 1 < verb.i and doc[last + 1].pos_ == "PROPN":
        last += 1
    phrase = speaker_phrase(doc[last])
    if phrase is None or phrase.end >= verb.i or doc[phrase.end].text != ",":
        return None
    return verb, phrase


def _quote_verbs(span: Span, marks: tuple[int, int]) -> list[Token]:
    # Verbs of the quote's paragraph outside its marks that govern a quoted
    # token (climbing over the noun the quote names: "the chant “…”") or hang
    # on one (UD parataxis: "“…,” he continued"), nearest first.
    window = paragraph_window(span)

    def outside(t: Token) -> bool:
        return not marks[0] <= t.idx < marks[1] and window.start <= t.i < window.end

    found = set()
    for tok in span:
        head, steps = tok.head, 0
        while head.pos_ != "VERB" and head.head.i != head.i and steps < 2 and outside(head):
            head, steps = head.head, steps + 1
        if head.i != tok.i and head.pos_ == "VERB" and outside(head) and not is_copula(head):
            found.add(head)
    for tok in window:
        if outside(tok) and tok.pos_ == "VERB" and span.start <= tok.head.i < span.end and not is_copula(tok):
            found.add(tok)
    return sorted(found, key=lambda v: (min(abs(v.idx - marks[0]), abs(v.idx - marks[1])), v.i))


def is_copula(token: Token) -> bool:
    """True for "be" and "have", which say nothing ("The motto is “…”")."""
    return (token.lemma_ or token.lower_).lower() in ("be", "have")
