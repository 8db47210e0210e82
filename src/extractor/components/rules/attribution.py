"""Attribute direct quotes to a cue and a speaker phrase, and find a cue's speaker.

Direct quotes try, in order: the dependency parse (the cue governs a token of
the quote, as ClearNLP's ccomp, or hangs from it, as UD's parataxis); the
news layouts `"…," X said` / `"…," said X` / `X said: "…"`, matched on
tokens so a broken parse still attributes them; and `according to X`.
`speaker_for` finds the speaker phrase of any cue, for these and for the
reported speech of `rules.reported`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

import numpy
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from extractor.components.rules.cues import (
    SENT_END,
    Lexicon,
    after_comma,
    base_forms,
    candidates_between,
    dep_family,
    doc_derived,
    doc_text,
    has_parse,
    is_any,
    noun_phrase,
    paragraph_of,
    paragraph_starts,
    paragraph_window,
    token_array,
    token_offsets,
)
from extractor.components.rules.lexicons import RECIPIENT_CUES_V1
from extractor.components.rules.quotemarks import MARK_TEXTS
from extractor.components.rules.speakers import (
    MAX_SPEAKER_TOKENS,
    PRONOUN_KINDS,
    RELATIVE,
    SPEAKER_CASES,
    clean_speaker,
    is_temporal,
    present_participle,
    speaker_phrase,
    subject_of,
)

NP_POS = {"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM"}
# Quote endings after which a following "he said" belongs to the quote.
CONTINUING_END = (",", "!", "?", "—", "–", "-", "…", ":")
LAYOUT_WINDOW = 7
# After a quote that ends in a comma the cue may wait behind an apposition:
# "…,” Marloes Dijkstra, the association’s chair, told reporters. A name
# opening a long one lets it wait longer ("…,” Nadia Orrell, director of the
# Coastal Risk Program at the Halvorsen Policy Institute, said).
TRAILING_WINDOW = 12
NAMED_TRAILING_WINDOW = 24
# Prepositions inside a speaker phrase ("Economists at the Bank of Portugal").
RUN_CASES = {"of", "for", "at", "in", "from"}
# Words that stand for those polled or named before ("Most believe", "those surveyed said").
SHARES = {"most", "many", "some", "half", "others", "those"}
# Cues whose object is the hearer, never the speaker ("told reporters").
RECIPIENT_CUES = frozenset(RECIPIENT_CUES_V1)


@dataclass(frozen=True)
class Attribution:
    """A cue (token and lemma), the speaker phrase (or None) and the rule."""

    cue: Token
    label: str
    speaker: Span | None
    method: str


def is_mark(token: Token) -> bool:
    return token.text in MARK_TEXTS


def mark_count(doc: Doc, start: int, end: int) -> int:
    """How many of the tokens `start`…`end - 1` are quote marks (`is_mark`),
    from running totals over the Doc, since the clause rules count them
    again for every clause and every step of trimming one.

    doc (Doc): The document.
    start (int): The first token.
    end (int): The end token (exclusive).
    RETURNS (int): The number of marks.
    """
    totals = doc_derived(doc, "mark_totals", _mark_totals)
    start, end = max(start, 0), min(end, len(doc))
    return totals[end] - totals[start] if start < end else 0


def _mark_totals(doc: Doc) -> list[int]:
    # totals[i]: the marks among the first i tokens.
    marks = is_any(token_array(doc)[:, 4], [get_string_id(text) for text in MARK_TEXTS])
    return [0, *numpy.cumsum(marks).tolist()]


def speaker_for(cue: Token, avoid: tuple[int, int]) -> Span | None:
    """The speaker phrase of `cue`: its subject, else an adjacent noun phrase
    ("…," said the minister), never a token inside `avoid` (the quote), a
    time ("Last year") or the hearer of "told reporters"."""
    # A passive cue's agent ("As reported by Eastbrook Weekly, …") speaks,
    # not the subject a participle inherits from its head.
    subject = _agent(cue) or subject_of(cue)
    window = paragraph_window(cue.doc[cue.i : cue.i + 1])
    if subject is not None and not avoid[0] <= subject.idx < avoid[1] and window.start <= subject.i < window.end:
        phrase = speaker_phrase(subject)
        if phrase is not None:
            return phrase
    for find in (_inverted_subject, _np_run, _comma_subject):
        found = find(cue, avoid, window)
        if found is not None:
            return found
    return _sentence_subject(cue, window, avoid)


def _agent(cue: Token) -> Token | None:
    # The agent of a passive cue: UD hangs the noun on the cue, ClearNLP its "by".
    # An active cue's "by" is its means ("said by telephone"), however hung.
    if not _passive(cue):
        return None
    for child in cue.children:
        if child.dep_ == "obl:agent":
            return child
        if child.dep_ == "agent":
            return next((g for g in child.children if dep_family(g) == "pobj"), None)
    return None


def _passive(cue: Token) -> bool:
    # A participle, a participle clause ("As reported by …") or a cue with a passive auxiliary or subject.
    if cue.tag_ == "VBN" or dep_family(cue) in ("advcl", "acl"):
        return True
    return any(dep_family(c) in ("auxpass", "nsubjpass") for c in cue.children)


def _inverted_subject(cue: Token, avoid: tuple[int, int], window: Span) -> Span | None:
    # "…," said the minister: only right after a comma or quote mark, or
    # opening the sentence, and never for "tell", whose next noun phrase is
    # the hearer ("told reporters").
    i = cue.i - 1
    while i > window.start and cue.doc[i].is_space:
        i -= 1  # "…,”\xa0added Gowdy"
    before = cue.doc[i] if i >= window.start else None
    # A cue that opens its sentence is fronted: "Said Ann Lee, who …, “…”";
    # a participle there opens an adjunct ("Lamenting their luck, Mexicans
    # say …"), whose next noun phrase is its object.
    fronted = before is None and cue.i == window.start and cue.is_title and not present_participle(cue)
    after_break = before is not None and (before.is_punct or is_mark(before))
    if not (fronted or after_break) or base_forms(cue) & RECIPIENT_CUES:
        return None
    found = _run(cue, 1, cue.i + 1, avoid)
    if found is not None and _reported_subject(cue, found.root):
        return None
    return found or _capitalized_adjective(cue)


def _reported_subject(cue: Token, token: Token) -> bool:
    # "“…,” said the plan could pass": the noun after the cue is the
    # subject of the clause it reports, not the one who speaks.
    clause = token.head
    return dep_family(token) in ("nsubj", "nsubjpass") and clause.head.i == cue.i and dep_family(clause) == "ccomp"


def _capitalized_adjective(cue: Token) -> Span | None:
    # "“…,” said Irish, who …": a name the tagger read as an adjective (of
    # a nationality), alone between the cue and a comma or full stop.
    doc, i = cue.doc, cue.i + 1
    if i + 1 < len(doc) and doc[i].pos_ == "ADJ" and doc[i].is_title and doc[i + 1].text in (",", "."):
        return doc[i : i + 1]
    return None


def _np_run(cue: Token, avoid: tuple[int, int], window: Span) -> Span | None:
    # The words before the cue, skipping "has"/"also", a time ("A Crestview
    # poll out Friday showed") and a parenthesis ("The US Central Command
    # (CENTCOM) said").
    # A small parser may end a sentence before "said", so the floor is the
    # paragraph, not the sentence.
    doc, i, floor = cue.doc, cue.i - 1, paragraph_floor(cue)
    while (
        i >= floor
        and doc[i].lower_ not in SHARES
        and (doc[i].pos_ in ("AUX", "ADV", "PART") or doc[i].is_space or time_word(doc[i]))
    ):
        i -= 1
    if i > floor and doc[i].tag_ in ("VBN", "VBD") and np_word(doc[i - 1]):
        i -= 1  # "A court filing released Wednesday said": the filing.
    if i > floor and doc[i].text == ")":
        while i > floor and doc[i].text != "(":
            i -= 1
        i -= 1
    return _run(cue, -1, i, avoid) if i >= floor else None


def adjacent_subject(cue: Token) -> Span | None:
    """The noun phrase right before a cue ("Dorothy Poynter called …"), for a parse
    that lost the cue's subject; "has"/"also" may stand between.

    cue (Token): A cue verb.
    RETURNS (Span | None): The phrase, or None when no noun phrase ends there.
    """
    return _np_run(cue, (cue.idx, cue.idx + 1), paragraph_window(cue.doc[cue.i : cue.i + 1]))


def paragraph_floor(token: Token) -> int:
    """Index of the first token of `token`'s paragraph."""
    starts = paragraph_starts(doc_text(token.doc))
    first = starts[paragraph_of(starts, token.idx)]
    i = token.i
    while i > 0 and token.doc[i - 1].idx >= first:
        i -= 1
    return i


def paragraph_ceiling(token: Token) -> int:
    """Index of the token after `token`'s paragraph (its end, exclusive)."""
    starts = paragraph_starts(doc_text(token.doc))
    k = paragraph_of(starts, token.idx) + 1
    if k == len(starts):
        return len(token.doc)
    return bisect.bisect_left(token_offsets(token.doc)[0], starts[k])


def _run(cue: Token, step: int, i: int, avoid: tuple[int, int]) -> Span | None:
    # Noun-phrase words from token i away from the cue; "of"/"in"/"at" may
    # join two of them ("Farmers in the southern plains say").
    doc, run = cue.doc, list[int]()
    while (
        0 <= i < len(doc)
        and not avoid[0] <= doc[i].idx < avoid[1]
        and (
            np_word(doc[i])
            or run
            and (
                doc[i].lower_ in RUN_CASES or _inner_hyphen(doc[i]) or _inner_hyphen(doc[i - step]) and doc[i].is_alpha
            )
        )
    ):
        run.append(i)
        i += step
    while run and doc[run[-1]].lower_ in RUN_CASES:
        run.pop()
    named = any(
        doc[j].pos_ in ("PROPN", "NOUN", "") or doc[j].lower_ in PRONOUN_KINDS or doc[j].lower_ in SHARES for j in run
    )
    if not run or not named and not _ratio(doc, run):
        return None
    span = doc[min(run) : max(run) + 1]
    phrase = speaker_phrase(span.root) if has_parse(doc) else None
    if phrase is not None:
        span = doc[min(span.start, phrase.start) : max(span.end, phrase.end)]
    found = clean_speaker(span)
    return found if found is not None and not is_temporal(found.root) else None


def _ratio(doc: Doc, run: list[int]) -> bool:
    # "Six in 10 say", "one in four said", "42% say": a share of those polled speaks.
    words = [doc[j] for j in sorted(run)]
    if any(a.like_num and b.text == "%" for a, b in zip(words, words[1:])):
        return True
    return any(a.like_num and b.lower_ == "in" and c.like_num for a, b, c in zip(words, words[1:], words[2:]))


def _inner_hyphen(token: Token) -> bool:
    # The hyphens of "the 52-year-old": no space on either side.
    doc = token.doc
    return (
        token.text in ("-", "‐")
        and 0 < token.i < len(doc) - 1
        and not (token.whitespace_ or doc[token.i - 1].whitespace_)
    )


def _comma_subject(cue: Token, avoid: tuple[int, int], window: Span) -> Span | None:
    # "The harbour master, Colin Teague, told …", "Tomas Brandt, who heads
    # the union, pointed out …", "Petra Vonk, 44, said" and "Sen. Ada
    # Marsh (D-Vt.), facing a tough primary, noted …": walk back over
    # comma-separated segments, skipping relative clauses, participle
    # phrases and ages, to the noun phrase(s) that open the subject.
    doc, end = cue.doc, cue.i
    while end > window.start and (doc[end - 1].pos_ in ("AUX", "ADV") or doc[end - 1].is_space):
        end -= 1
    if end <= window.start or doc[end - 1].text != ",":
        return None
    found = None
    for start, stop in _segments(doc, window.start, end - 1):
        aside = doc[start].lower_ in RELATIVE or doc[start].tag_ in ("VBG", "VBN")
        if aside and found is None or _age(doc[start:stop]):
            continue
        if not _nominal_segment(doc[start:stop]) or avoid[0] <= doc[start].idx < avoid[1]:
            break
        found = (start, found[1] if found else stop)
    return clean_speaker(doc[found[0] : found[1]]) if found else None


def _age(span: Span) -> bool:
    # ", 44," after a name.
    words = [t for t in span if not t.is_space]
    return len(words) == 1 and words[0].text.isdigit() and len(words[0].text) <= 3


def _segments(doc: Doc, floor: int, end: int) -> Iterator[tuple[int, int]]:
    # Comma-delimited stretches before `end`, right to left, stopping at a
    # sentence end or quote mark.
    stop = end
    while stop > floor:
        start = stop
        while (
            start > floor
            and doc[start - 1].text != ","
            and doc[start - 1].text not in SENT_END
            and not is_mark(doc[start - 1])
        ):
            start -= 1
        yield start, stop
        if start <= floor or doc[start - 1].text != ",":
            return
        stop = start - 1


def _nominal_segment(span: Span) -> bool:
    # A noun phrase, possibly with a possessive, an "of"/"for" phrase and a
    # parenthesis ("The finance minister of Tavera", "The union's general
    # secretary", "Sen. Ada Marsh (D-Vt.)").
    words = _outside_parentheses([t for t in span if not t.is_space])
    inner = all(
        np_word(t) or t.lower_ in ("'s", "’s", "'", "’") or t.lower_ in SPEAKER_CASES or t.text == "." for t in words
    )
    named = any(t.pos_ in ("PROPN", "NOUN") for t in words)
    return bool(words) and inner and named and len(words) <= MAX_SPEAKER_TOKENS and not is_temporal(words[-1])


def _outside_parentheses(words: list[Token]) -> list[Token]:
    kept, depth = [], 0
    for word in words:
        depth += word.text == "("
        if not depth:
            kept.append(word)
        depth -= word.text == ")" and depth > 0
    return kept


def _sentence_subject(cue: Token, window: Span, avoid: tuple[int, int]) -> Span | None:
    # The parse lost the subject, but the sentence opens with it:
    # "The government condemned the killing, saying that …".
    first = window[0] if len(window) else None
    if first is None or first.i >= cue.i or avoid[0] <= first.idx < avoid[1] or first.pos_ not in ("PROPN", "DET"):
        return None
    end = first.i
    while end < cue.i and np_word(cue.doc[end]):
        end += 1
    if end > first.i and (cue.doc[end].text == "," or present_participle(cue) and after_comma(cue)):
        return clean_speaker(cue.doc[first.i : end])
    return None


def np_word(token: Token) -> bool:
    """Whether `token` can be a word of a speaker's noun phrase: a noun, name,
    pronoun, determiner, adjective, number or share ("most"), never a time or
    a word that opens a clause ("that", "who")."""
    if token.lower_ in ("that", "which", "who", "whether", "if") or is_temporal(token):
        return False
    return token.pos_ in NP_POS or token.lower_ in SHARES or token.text == "%" or (not token.pos_ and token.is_alpha)


def attribute_direct(doc: Doc, span: Span, marks: tuple[int, int], cues: Lexicon) -> Attribution | None:
    """Attribute a direct quote. span (Span): the quote content; marks: the
    character range including the marks. RETURNS (Attribution | None)."""
    for rule in (_dependency, _trailing, _leading, _according_to):
        found = rule(doc, span, marks, cues)
        if found is not None:
            return found
    return None


def _window(doc: Doc, span: Span) -> Span:
    return paragraph_window(span)


def _dependency(doc, span, marks, cues) -> Attribution | None:
    found = []
    if not has_parse(doc):
        return None
    window = _window(doc, span)
    for i in candidates_between(doc, window.start, window.end):
        tok = doc[i]
        if marks[0] <= tok.idx < marks[1]:
            continue
        label = cues.match(tok)
        if label and _linked(tok, span):
            found.append((min(abs(tok.idx - marks[0]), abs(tok.idx - marks[1])), tok.i, tok, label))
    if not found:
        return None
    _, _, cue, label = min(found)
    return Attribution(cue, label, speaker_for(cue, marks), "dep_subject")


def _linked(tok: Token, span: Span) -> bool:
    # The cue governs a token of the quote, or hangs from one.
    return span.start <= tok.head.i < span.end or any(span.start <= c.i < span.end for c in tok.children)


def _trailing(doc, span, marks, cues) -> Attribution | None:
    # "…," X said / "…," said X / "…," he added: the cue follows the closing mark,
    # in the quote's paragraph ("…?" ends one, "…, they complain" opens the next).
    first = bisect.bisect_left(token_offsets(doc)[0], marks[1])
    after = list(doc[first : first + NAMED_TRAILING_WINDOW])
    continuing = span.text.rstrip().endswith(CONTINUING_END) or (after and after[0].text == ",")
    if not continuing and not _attribution_sentence(after, cues):
        return None
    named = next((t.pos_ == "PROPN" for t in after if not t.is_punct), False)
    for n, tok in enumerate(after):
        if tok.text in SENT_END or is_mark(tok) or "\n" in doc_text(doc)[marks[1] : tok.idx]:
            return None
        if n == TRAILING_WINDOW and not named:
            return None
        label = cues.match(tok)
        if label:
            return Attribution(tok, label, speaker_for(tok, marks), "trailing_cue")
    return None


def _attribution_sentence(after: list[Token], cues: Lexicon) -> bool:
    # "“… that were never sent.” Calder said.": a sentence of nothing but a
    # speaker and a cue, right after a quote that ends its own sentence,
    # attributes that quote (a comma the writer left out).
    words = []
    for tok in after:
        if tok.text in SENT_END:
            break
        if is_mark(tok) or tok.is_space or tok.is_punct:
            return False
        words.append(tok)
    else:
        return False
    found = [t for t in words if cues.match(t)]
    return 2 <= len(words) <= 6 and len(found) == 1 and all(t in found or np_word(t) or time_word(t) for t in words)


def _leading(doc, span, marks, cues) -> Attribution | None:
    # X said: "…" / X said, "…": the cue precedes the opening mark. A colon
    # may end the paragraph before ("The Times reports: ¶ “…”"): the layout
    # of a quoted block.
    end = bisect.bisect_right(token_offsets(doc)[1], marks[0])
    before = list(doc[max(0, end - LAYOUT_WINDOW) : end])
    breaks = False
    while before and before[-1].is_space:
        breaks = breaks or "\n" in before.pop().text
    if not before or before[-1].text not in ((":",) if breaks else (":", ",")):
        return None
    for tok in reversed(before[:-1]):
        if tok.text in SENT_END or is_mark(tok):
            return None
        label = cues.match(tok)
        if label:
            return Attribution(tok, label, speaker_for(tok, marks), "leading_cue")
    return None


def _according_to(doc, span, marks, cues) -> Attribution | None:
    for tok in _window(doc, span):
        if marks[0] <= tok.idx < marks[1]:
            continue
        phrase = according_to(tok)
        if phrase is not None:
            return Attribution(tok, "according to", phrase, "according_to")
    return None


def according_to(tok: Token) -> Span | None:
    """The source phrase X of "according to X" when `tok` is "according"."""
    doc = tok.doc
    if tok.lower_ != "according" or tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    end = tok.i + 2
    while end < len(doc) and not doc[end].is_punct and doc[end].pos_ not in ("VERB", "AUX", "ADP", "SCONJ"):
        end += 1
    if end == tok.i + 2:
        return None
    phrase = doc[tok.i + 2 : end]
    return noun_phrase(phrase.root if has_parse(doc) else phrase[-1])


def time_word(token: Token) -> bool:
    """Whether `token` belongs to a time next to a cue: "said Thursday", "said
    on Monday", "said earlier", "said last week"."""
    return is_temporal(token) or token.lower_ in ("on", "in", "last", "this", "earlier", "later", "late", "early")
