"""Shared helpers of the quote and claim components: dependency label
families, cue lexicons, noun phrases, sentences and paragraphs.

Both label schemes must work: the bundled pipeline is trained on Universal
Dependencies (nsubj:pass, obj, compound:prt, acl:relcl, nmod:poss) and
en_core_web_sm on ClearNLP (nsubjpass, dobj, prt, relcl, poss). Rules only
ever compare `dep_family(token)`, never a raw label.
"""

from __future__ import annotations

import bisect
import functools
import re
import weakref
from collections.abc import Iterable, Mapping

from spacy.tokens import Doc, Span, Token

# Labels whose family is not simply the part before ":".
_DEP_FAMILIES = {
    "nsubj:pass": "nsubjpass",
    "nsubjpass": "nsubjpass",
    "csubj:pass": "csubjpass",
    "csubjpass": "csubjpass",
    "aux:pass": "auxpass",
    "auxpass": "auxpass",
    "dobj": "obj",
    "compound:prt": "prt",
    "prt": "prt",
    "nmod:poss": "poss",
    "acl:relcl": "relcl",
    "relcl": "relcl",
    "root": "root",
}
# Left modifiers that belong to a speaker's noun phrase ("the military spokesman").
NP_LEFT = {"det", "amod", "compound", "flat", "nummod", "poss", "case", "nn"}
NP_RIGHT = {"flat", "compound", "fixed", "nn"}
# Irregular past forms, so a wrong or missing lemma still finds the cue.
_IRREGULAR = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "found": "find",
    "thought": "think",
    "felt": "feel",
    "hung": "hang",
    "made": "make",
    "sought": "seek",
}
SENT_END = {".", "!", "?"}
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
LINE_BREAK = re.compile(r"\n\s*")


def dep_family(token: Token) -> str:
    """Scheme-independent family of `token.dep_` (UD and ClearNLP labels).

    token (Token): The token.
    RETURNS (str): E.g. "nsubj", "nsubjpass", "obj", "prt", "poss", "relcl", "root".
    """
    dep = token.dep_.lower()
    return _DEP_FAMILIES.get(dep, dep.split(":")[0])


def base_forms(token: Token) -> set[str]:
    """Candidate lemmas of `token`: its lemma, plus forms guessed from its
    inflection, because a small model's lemmatizer misses some verbs."""
    lower = token.lower_
    forms = {(token.lemma_ or lower).lower(), lower, _IRREGULAR.get(lower, lower)}
    for suffix in ("ing", "ed", "es", "s", "d"):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stem = lower[: -len(suffix)]
            forms.update({stem, stem + "e"})
            if stem.endswith("i"):
                forms.add(stem[:-1] + "y")
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])
    return forms


def is_verb(token: Token) -> bool:
    """True for verbs (POS or fine-grained tag), the only possible cues; an
    untagged token may be one (a tokenizer-only pipeline still finds cues)."""
    return token.pos_ == "VERB" or (not token.pos_ and (token.tag_.startswith("VB") or not token.tag_))


_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy joins every token's text on each
    access, so rules that read it per token would cost the square of the length.

    doc (Doc): The document (its text never changes).
    RETURNS (str): The document's text.
    """
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def has_parse(doc: Doc) -> bool:
    """True when `doc` has dependency heads (walking an unparsed tree is unsafe)."""
    return doc.has_annotation("DEP")


class Lexicon:
    """Cue lemmas ("say", "point out", "accuse of") with a value each.

    entries (Mapping[str, str] | Iterable[str]): Lemmas or two-word phrases;
        a mapping gives each a value (a polarity), a plain list gives "".
    """

    def __init__(self, entries: Mapping[str, str] | Iterable[str]) -> None:
        values = dict(entries) if isinstance(entries, Mapping) else dict.fromkeys(entries, "")
        self.single = {k.lower(): v for k, v in values.items() if " " not in k.strip()}
        self.phrasal: dict[str, list[tuple[str, str]]] = {}
        for key, value in values.items():
            if " " in key.strip():
                verb, particle = key.lower().split(None, 1)
                self.phrasal.setdefault(verb, []).append((particle, value))

    def match(self, token: Token) -> str | None:
        """The cue `token` heads ("say", "point out"), or None if it is no cue."""
        if not is_verb(token) and not _mistagged_verb(token):
            return None
        forms = base_forms(token)
        for form in sorted(forms & self.phrasal.keys()):
            for particle, _ in self.phrasal[form]:
                if _has_particle(token, particle):
                    return f"{form} {particle}"
        found = sorted(forms & self.single.keys())
        return found[0] if found else None

    def match_noun(self, token: Token) -> str | None:
        """The noun cue `token` is ("claim", "call for"), or None: a noun
        whose lemma is an entry ("his claim that …", "her call for …").

        token (Token): The token.
        RETURNS (str | None): The entry, with its preposition for a phrasal one.
        """
        if token.pos_ != "NOUN":
            return None
        lemma = (token.lemma_ or token.lower_).lower()
        for particle, _ in self.phrasal.get(lemma, []):
            if _has_particle(token, particle):
                return f"{lemma} {particle}"
        return lemma if lemma in self.single else None

    def value(self, cue: str) -> str:
        """The value (polarity) stored for a matched cue."""
        verb, _, particle = cue.partition(" ")
        pairs = dict(self.phrasal.get(verb, []))
        return pairs.get(particle, self.single.get(cue, "")) if particle else self.single.get(cue, "")


def _mistagged_verb(token: Token) -> bool:
    # A small tagger calls "wrote" a noun and "insisted" an adposition; a past
    # form right after a pronoun or name is still the verb ("Palm wrote").
    doc = token.doc
    past = token.lower_ in _IRREGULAR or token.lower_.endswith("ed")
    before = doc[token.i - 1] if token.i else None
    return past and before is not None and before.pos_ in ("PRON", "PROPN") and token.is_lower


def _has_particle(verb: Token, particle: str) -> bool:
    # "pointed out": prt/compound:prt child; "accused X of": of under a child.
    for child in verb.rights:
        if child.lower_ == particle:
            return True
        if any(g.lower_ == particle and g.i > verb.i for g in child.children):
            return True
    nxt = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    return nxt is not None and nxt.lower_ == particle


def noun_phrase(token: Token) -> Span:
    """The compact noun phrase headed by `token`: determiners, adjectives,
    compounds and flat names, but no appositions, clauses or "of" phrases,
    so "The secretary general of Nujaba" stays "The secretary general"."""
    doc = token.doc
    start, end = token.i, token.i + 1
    lefts, rights = (list(token.lefts), list(token.rights)) if has_parse(doc) else ([], [])
    for child in reversed(lefts):
        if (dep_family(child) in NP_LEFT or _title(child)) and child.right_edge.i == start - 1:
            start = child.left_edge.i
    for child in rights:
        # "Council leader Maria Okafor": a name right after its title, no comma.
        named = child.pos_ == "PROPN" and dep_family(child) in ("appos", "nmod", "flat", "compound")
        if (dep_family(child) in NP_RIGHT or named) and child.left_edge.i == end:
            end = child.right_edge.i + 1
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            start, end = min(start, ent.start), max(end, ent.end)
    # A phrase never opens with a preposition ("by the coalition", "according
    # to volunteers"): the case marker belongs to the clause, not the name.
    while start < token.i and (
        doc[start].is_punct or doc[start].is_space or doc[start].pos_ == "ADP" or dep_family(doc[start]) == "case"
    ):
        start += 1
    while end > token.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[_join_hyphens(doc, start, -1) : _join_hyphens(doc, end - 1, 1) + 1]


def _title(child: Token) -> bool:
    # "Judge Thandiwe Mokoena": a UD parser may hang the title on the name as
    # nmod (nmod:desc); without a preposition of its own it is part of the name.
    return (
        dep_family(child) == "nmod"
        and child.pos_ in ("PROPN", "NOUN")
        and not any(dep_family(c) == "case" for c in child.children)
    )


def _join_hyphens(doc: Doc, i: int, step: int) -> int:
    # "al-Kaabi" is three tokens; a name never ends at an unspaced hyphen.
    while 0 <= i + 2 * step < len(doc) and doc[i + step].text in ("-", "‑") and doc[i + 2 * step].is_alpha:
        left = min(i, i + 2 * step)  # the two gaps are after `left` and after the hyphen
        if doc[left].whitespace_ or doc[left + 1].whitespace_:
            break
        i += 2 * step
    return i


def sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, or the whole doc when nothing set boundaries."""
    try:
        return list(doc.sents)
    except ValueError:
        return [doc[:]]


def sentence_index(sents: list[Span], token_i: int) -> int:
    """0-based index of the sentence holding token `token_i`."""
    starts = [s.start for s in sents]
    return max(bisect.bisect_right(starts, token_i) - 1, 0)


@functools.lru_cache(maxsize=16)
def paragraph_starts(text: str) -> list[int]:
    """Offsets where paragraphs start. Blank lines separate paragraphs; a text
    without any blank line is taken to have one paragraph per line."""
    pattern = PARAGRAPH_BREAK if PARAGRAPH_BREAK.search(text) else LINE_BREAK
    return [0] + [m.end() for m in pattern.finditer(text) if m.end() < len(text)]


def paragraph_of(starts: list[int], char: int) -> int:
    """0-based paragraph index of offset `char`."""
    return max(bisect.bisect_right(starts, char) - 1, 0)


def paragraph_window(span: Span) -> Span:
    """The sentence(s) around `span`, clipped to its paragraph: a small model
    may run a sentence over a paragraph break, reported speech never does."""
    doc = span.doc
    if doc.has_annotation("SENT_START"):
        start, end = span[0].sent.start, span[-1].sent.end
    else:
        start, end = 0, len(doc)
    starts = paragraph_starts(doc_text(doc))
    first = starts[paragraph_of(starts, span[0].idx)]
    last = paragraph_of(starts, span[-1].idx) + 1
    limit = starts[last] if last < len(starts) else len(doc_text(doc)) + 1
    while start < span.start and doc[start].idx < first:
        start += 1
    while end > span.end and doc[end - 1].idx >= limit:
        end -= 1
    return doc[start:end]
