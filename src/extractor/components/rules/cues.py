"""Shared helpers of the quote and claim components: dependency label
families, cue lexicons, noun phrases, sentences and paragraphs.

Both label schemes must work: the bundled pipeline is trained on Universal
Dependencies (nsubj:pass, obj, compound:prt, acl:relcl, nmod:poss) and
en_core_web_sm on ClearNLP (nsubjpass, dobj, prt, relcl, poss). Rules only
ever compare `dep_family(token)`, never a raw label.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

import numpy
from spacy.attrs import IDX, IS_LOWER, LEMMA, LENGTH, LIKE_NUM, LOWER, ORTH, POS, TAG
from spacy.strings import StringStore
from spacy.symbols import NOUN, PRON, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from extractor.components.rules.sources import WRITTEN_SOURCES

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
# Finite verb tags: only a finite cue takes the noun phrase before it as subject,
# or has its speaker after it ("…, said Wilcox").
FINITE_TAGS = {"VBD", "VBZ", "VBP"}
_T = TypeVar("_T")
_F = TypeVar("_F", bound=Callable[..., Any])
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
LINE_BREAK = re.compile(r"\n\s*")
# Text hard-wrapped at a fixed width (mail, wire and archive dumps) breaks
# lines inside paragraphs, at most this wide; a text with more than a few
# longer lines was not wrapped, and each of its line breaks ends a paragraph.
WRAP_WIDTH = 100
UNWRAPPED_SHARE = 0.1


def dep_family(token: Token) -> str:
    """Scheme-independent family of `token.dep_` (UD and ClearNLP labels).

    token (Token): The token.
    RETURNS (str): E.g. "nsubj", "nsubjpass", "obj", "prt", "poss", "relcl", "root".
    """
    # Keyed by the label's hash: rules ask for the family of many tokens, and
    # `token.dep_` looks the label up in the StringStore on every access.
    family = _FAMILY_OF_LABEL.get(token.dep)
    if family is None:
        dep = token.dep_.lower()
        family = _FAMILY_OF_LABEL[token.dep] = _DEP_FAMILIES.get(dep, dep.split(":")[0])
    return family


# Label hash (`token.dep`) -> its family (`dep_family`); hashes are the same in every vocab.
_FAMILY_OF_LABEL: dict[int, str] = {}


def base_forms(token: Token) -> set[str]:
    """Candidate lemmas of `token`: its lemma, plus forms guessed from its
    inflection, because a small model's lemmatizer misses some verbs."""
    return set(_forms(token.lower_, token.lemma_))


@functools.lru_cache(maxsize=65536)
def _forms(lower: str, lemma: str) -> frozenset[str]:
    # The forms depend on the two strings alone; cues ask for them per token.
    forms = {(lemma or lower).lower(), lower, _IRREGULAR.get(lower, lower)}
    for suffix in ("ing", "ed", "es", "s", "d"):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stem = lower[: -len(suffix)]
            forms.update({stem, stem + "e"})
            if stem.endswith("i"):
                forms.add(stem[:-1] + "y")
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])
    return frozenset(forms)


def is_verb(token: Token) -> bool:
    """True for verbs (POS or fine-grained tag), the only possible cues; an
    untagged token may be one (a tokenizer-only pipeline still finds cues)."""
    pos = token.pos_
    return pos == "VERB" or (not pos and (token.tag_.startswith("VB") or not token.tag_))


_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy joins every token's text on each
    access, so rules that read it per token would cost the square of the length.

    doc (Doc): The document (its text never changes).
    RETURNS (str): The document's text.
    """
    # Inside a `doc_cache` block its scope answers (cheaper than the weak dict).
    return _cached(doc, "text", _stored_text)


def _stored_text(doc: Doc) -> str:
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Tell `doc_text` the text `doc` was made from, so that it never joins the
    tokens' texts: spaCy's tokenizer keeps every character (`doc.text == text`).

    doc (Doc): A Doc just made from `text` by a tokenizer.
    text (str): The text it was made from; ignored unless its length is the Doc's.
    """
    last = doc[-1] if len(doc) else None
    if (last.idx + len(last.text_with_ws) if last is not None else 0) == len(text):
        _TEXTS[doc] = text


_OFFSETS: weakref.WeakKeyDictionary[Doc, tuple[list[int], list[int]]] = weakref.WeakKeyDictionary()


def token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end character offsets of every token, built once per Doc, so
    rules find the tokens before or after an offset by bisection instead of
    walking the whole Doc (which builds a Token object per step).

    doc (Doc): The document.
    RETURNS (tuple[list[int], list[int]]): Starts and ends, both ascending.
    """
    return _cached(doc, "offsets", _stored_offsets)


def _stored_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    found = _OFFSETS.get(doc)
    if found is None or len(found[0]) != len(doc):  # retokenized since
        array = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        found = _OFFSETS[doc] = ([start for start, _ in array], [start + length for start, length in array])
    return found


# id(doc) -> what rules derived from it, while a `doc_cache` block is open.
_SCOPES: dict[int, dict[Any, Any]] = {}


@contextlib.contextmanager
def doc_cache(doc: Doc) -> Iterator[None]:
    """Remember what the rules derive from `doc`'s annotations (whether it is
    parsed, its sentences, its entities) while a stage works on it. A stage
    changes none of these, and deriving them again for every token made the
    stages cost nearly as much as the model. Outside the block every helper
    derives afresh, so a Doc that another component changes between two of
    our stages is read as it is then. Blocks may nest.

    doc (Doc): The document a stage is about to read.
    """
    key = id(doc)
    if key in _SCOPES:
        yield
        return
    _SCOPES[key] = {}
    try:
        yield
    finally:
        del _SCOPES[key]


# What a memo holds for a key it has no answer for (None is an answer).
_MISSING: Any = object()


def _cached(doc: Doc, name: str, build: Callable[[Doc], _T]) -> _T:
    # `build(doc)`, once per open `doc_cache` block; every time outside one.
    scope = _SCOPES.get(id(doc))
    if scope is None:
        return build(doc)
    found = scope.get(name, _MISSING)
    if found is _MISSING:
        found = scope[name] = build(doc)
    return found


def doc_derived(doc: Doc, name: str, build: Callable[[Doc], _T]) -> _T:
    """`build(doc)`, built once per open `doc_cache` block on `doc` (every
    time outside one), for a rule module's own per-Doc tables.

    doc (Doc): The document.
    name (str): A name for what `build` derives, unique across the rules.
    build (Callable[[Doc], _T]): Derives it from the Doc's annotations alone.
    RETURNS (_T): What `build` returned.
    """
    return _cached(doc, name, build)


def token_memo(fn: _F) -> _F:
    """Remember `fn(token, *args)` per token while a `doc_cache` block is open
    on its Doc; outside one, call `fn` every time. For rules that several
    others ask about the same token (a cue's subject, a speaker's phrase).

    fn (Callable): A function of a Token and hashable positional arguments,
        reading nothing but the Doc's annotations.
    RETURNS (Callable): The same function, memoized.
    """
    name = fn.__module__ + "." + fn.__qualname__

    @functools.wraps(fn)
    def memoized(token: Token, *args: Any) -> Any:
        scope = _SCOPES.get(id(token.doc))
        if scope is None:
            return fn(token, *args)
        memo = scope.get(name)
        if memo is None:
            memo = scope[name] = {}
        key = (token.i, *args)
        found = memo.get(key, _MISSING)
        if found is _MISSING:
            found = memo[key] = fn(token, *args)
        return found

    return memoized  # type: ignore[return-value]


def has_parse(doc: Doc) -> bool:
    """True when `doc` has dependency heads (walking an unparsed tree is unsafe)."""
    return _cached(doc, "parse", _has_dep)


def has_sentences(doc: Doc) -> bool:
    """True when `doc` has sentence boundaries (from the parser or a sentencizer)."""
    return _cached(doc, "sentences?", _has_sent_start)


def _has_dep(doc: Doc) -> bool:
    return doc.has_annotation("DEP")


def _has_sent_start(doc: Doc) -> bool:
    return doc.has_annotation("SENT_START")


def entity_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Token starts and ends of `doc.ents`, in order (the spans themselves
    are rebuilt by spaCy on every access of `doc.ents`).

    doc (Doc): The document.
    RETURNS (tuple[list[int], list[int]]): Starts and ends, both ascending.
    """
    return _cached(doc, "ents", _entity_bounds)


def _entity_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    ents = doc.ents
    return [ent.start for ent in ents], [ent.end for ent in ents]


def entity_around(doc: Doc, i: int) -> tuple[int, int] | None:
    """The token range of the entity of `doc.ents` that holds token `i`, or None."""
    starts, ends = entity_bounds(doc)
    k = bisect.bisect_right(starts, i) - 1
    return (starts[k], ends[k]) if k >= 0 and i < ends[k] else None


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
        # (lower, lemma) -> the candidate entries of a word with that spelling.
        self._candidates: dict[tuple[str, str], tuple[tuple[tuple[str, str], ...], str | None]] = {}
        self._candidates_by_hash: dict[tuple[int, int], tuple[tuple[tuple[str, str], ...], str | None]] = {}
        # What `match` keeps its answers under in a `doc_cache` scope, built once.
        self._memo_key = ("match", self)

    def match(self, token: Token) -> str | None:
        """The cue `token` heads ("say", "point out"), or None if it is no cue."""
        scope = _SCOPES.get(id(token.doc))
        if scope is None:
            return self._match(token)
        # Keyed by the Lexicon itself, which the scope so keeps alive.
        memo = scope.get(self._memo_key)
        if memo is None:
            memo = scope[self._memo_key] = {}
        i = token.i
        found = memo.get(i, _MISSING)
        if found is _MISSING:
            found = memo[i] = self._match(token)
        return found

    def _match(self, token: Token) -> str | None:
        # The spelling first: most words could match no entry whatever their
        # tags, and that answer needs no look at the tags or the parse.
        phrasal, single = self._candidates_of_token(token)
        if not phrasal and single is None:
            return None
        if not is_verb(token) and not _mistagged_verb(token):
            return None
        for form, particle in phrasal:
            if _has_particle(token, particle):
                return f"{form} {particle}"
        return single

    def _candidates_of_token(self, token: Token) -> tuple[tuple[tuple[str, str], ...], str | None]:
        # `_candidates_of` keyed by the two StringStore hashes, which name the
        # same strings in every vocab: no string is looked up for a word seen before.
        key = (token.lower, token.lemma)
        found = self._candidates_by_hash.get(key)
        if found is None:
            found = self._candidates_of(token.lower_, token.lemma_)
            if len(self._candidates_by_hash) >= 65536:
                self._candidates_by_hash.clear()
            self._candidates_by_hash[key] = found
        return found

    def _candidates_of(self, lower: str, lemma: str) -> tuple[tuple[tuple[str, str], ...], str | None]:
        # Which entries a word could match depends on its spelling alone
        # (only the particles need the parse), so it is worked out once per
        # spelling: phrasal (form, particle) pairs in the order to try, and
        # the single-word entry.
        key = (lower, lemma)
        found = self._candidates.get(key)
        if found is None:
            forms = _forms(lower, lemma)
            phrasal = tuple(
                (form, particle) for form in sorted(forms & self.phrasal.keys()) for particle, _ in self.phrasal[form]
            )
            single = sorted(forms & self.single.keys())
            found = (phrasal, single[0] if single else None)
            if len(self._candidates) >= 65536:
                self._candidates.clear()
            self._candidates[key] = found
        return found

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


def cue_candidates(doc: Doc) -> list[int]:
    """Indices of the tokens `Lexicon.match` may match, ascending: verbs,
    untagged words and the past forms `_mistagged_verb` takes for verbs. A
    rule looking for cues visits these instead of every token of the Doc.

    doc (Doc): The document.
    RETURNS (list[int]): Token indices.
    """
    return _cached(doc, "cue_candidates", _cue_candidates)


def _cue_candidates(doc: Doc) -> list[int]:
    # `is_verb` and `_mistagged_verb` over the Doc's arrays, not its Tokens.
    array, strings = token_array(doc), doc.vocab.strings
    pos, tag, lower, lowercase = array[:, 0], array[:, 1], array[:, 2], array[:, 3]
    # Only an untagged token goes by its fine-grained tag, and a tagger leaves
    # none: their tags are read only where there are some.
    untagged = pos == 0
    untagged_tags = set(tag[untagged].tolist()) if untagged.any() else set()
    verb_tags = [t for t in untagged_tags if t and strings[t].startswith("VB")]
    verb = (pos == VERB) | (untagged & ((tag == 0) | is_any(tag, verb_tags)))
    after_name = is_any(numpy.concatenate((numpy.zeros(1, dtype=pos.dtype), pos[:-1])), (PRON, PROPN))
    maybe_past = numpy.flatnonzero(~verb & (lowercase != 0) & after_name).tolist()
    past = [i for i in maybe_past if _past_form(strings[int(lower[i])])]
    return sorted(numpy.flatnonzero(verb).tolist() + past)


def candidates_between(doc: Doc, start: int, end: int) -> list[int]:
    """The `cue_candidates` among the tokens `start`…`end - 1`.

    doc (Doc): The document.
    start (int): The first token.
    end (int): The end token (exclusive).
    RETURNS (list[int]): Token indices, ascending.
    """
    found = cue_candidates(doc)
    return found[bisect.bisect_left(found, start) : bisect.bisect_left(found, end)]


def pos_indices(doc: Doc, pos: int) -> list[int]:
    """Indices of the tokens whose coarse part of speech is `pos`, ascending.

    doc (Doc): The document.
    pos (int): A `spacy.symbols` part of speech (NOUN, PROPN, …).
    RETURNS (list[int]): Token indices.
    """
    return numpy.flatnonzero(token_array(doc)[:, 0] == pos).tolist()


def number_indices(doc: Doc) -> list[int]:
    """Indices of the tokens like a number (`token.like_num`), ascending
    (cached while a `doc_cache` block is open).

    doc (Doc): The document.
    RETURNS (list[int]): Token indices.
    """
    return _cached(doc, "numbers", _number_indices)


def _number_indices(doc: Doc) -> list[int]:
    return numpy.flatnonzero(doc.to_array([LIKE_NUM])).tolist() if len(doc) else []


def noun_indices(doc: Doc) -> list[int]:
    """Indices of the nouns of `doc` (the only tokens `Lexicon.match_noun` matches)."""
    return pos_indices(doc, NOUN)


def token_array(doc: Doc) -> numpy.ndarray:
    """(POS, TAG, LOWER, IS_LOWER, ORTH) of every token, read from the Doc's
    arrays at once, for rules that select tokens by comparing whole columns
    (cached while a `doc_cache` block is open).

    doc (Doc): The document.
    RETURNS (numpy.ndarray): One uint64 row per token; strings as StringStore hashes.
    """
    return _cached(doc, "array", _token_array)


def _token_array(doc: Doc) -> numpy.ndarray:
    if not len(doc):
        return numpy.zeros((0, 5), dtype="uint64")
    return doc.to_array([POS, TAG, LOWER, IS_LOWER, ORTH]).reshape(len(doc), 5)


def lemma_positions(doc: Doc, lemma: str) -> list[int]:
    """Where a lemma occurs: the tokens whose `(token.lemma_ or
    token.lower_).lower()` is `lemma`, ascending, for rules that look for
    one word across the Doc (the lemmas are read once per open `doc_cache`
    block, and only the distinct ones looked up in the StringStore).

    doc (Doc): The document.
    lemma (str): A lower-case lemma.
    RETURNS (list[int]): Token indices.
    """
    keys, hashes, found = _cached(doc, "lemmas", _lemma_keys)
    if lemma not in found:
        wanted = hashes.get(lemma)
        found[lemma] = numpy.flatnonzero(is_any(keys, wanted)).tolist() if wanted else []
    return list(found[lemma])


def _lemma_keys(doc: Doc) -> tuple[numpy.ndarray, dict[str, list[int]], dict[str, list[int]]]:
    # Each token's lemma hash (its lower form's without a lemma), the hashes
    # of each lower-case lemma ("The" and "the" are two), and room for the
    # positions of the lemmas asked for.
    if not len(doc):
        return numpy.zeros(0, dtype="uint64"), {}, {}
    array = doc.to_array([LEMMA, LOWER])
    keys = numpy.where(array[:, 0] != 0, array[:, 0], array[:, 1])
    strings, hashes = doc.vocab.strings, dict[str, list[int]]()
    for key in set(keys.tolist()):
        lowered = _LOWERED.get(key)
        if lowered is None:
            lowered = _lowered(strings, key)
        hashes.setdefault(lowered, []).append(key)
    return keys, hashes, {}


# StringStore hash -> its string lower-cased, for `_lemma_keys`: the same
# lemmas come back in every Doc, and a hash names the same string in every
# vocab, so each is looked up in a StringStore once rather than once per Doc.
_LOWERED: dict[int, str] = {}


def _lowered(strings: StringStore, key: int) -> str:
    if len(_LOWERED) >= 65536:
        _LOWERED.clear()
    lowered = _LOWERED[key] = strings[key].lower()
    return lowered


def is_any(column: numpy.ndarray, values: Iterable[int]) -> numpy.ndarray:
    """`numpy.isin(column, values)` for the few values rules look for, at a
    fraction of its cost on a Doc's short columns.

    column (numpy.ndarray): A column of a Doc's array.
    values (Iterable[int]): The values (StringStore hashes, symbols) to find.
    RETURNS (numpy.ndarray): A boolean mask over `column`.
    """
    found = numpy.zeros(len(column), dtype=bool)
    for value in values:
        found |= column == value
    return found


def _past_form(lower: str) -> bool:
    return lower in _IRREGULAR or lower.endswith("ed")


def _mistagged_verb(token: Token) -> bool:
    # A small tagger calls "wrote" a noun and "insisted" an adposition; a past
    # form right after a pronoun or name is still the verb ("Palm wrote"). It
    # reads "poll shows" as a compound too: a plural right after a singular
    # noun of evidence or a document is its present tense ("Exit polling
    # shows turnout fell", "the suit claims that …"). And a noun the parser made a
    # predicate is one (`_noun_as_predicate`).
    if not token.i or not token.is_lower:
        return False
    before = token.doc[token.i - 1]
    if _past_form(token.lower_):
        return before.pos_ in ("PRON", "PROPN")
    if before.tag_ == "NN" and before.lower_ in WRITTEN_SOURCES and token.tag_ == "NNS" and token.lower_.endswith("s"):
        return True
    return _noun_as_predicate(token)


def _noun_as_predicate(token: Token) -> bool:
    # "Most voters support the ban": a noun the parser made
    # its sentence's root, with a subject before it and an object after it.
    if token.pos_ != "NOUN" or dep_family(token) != "root":
        return False
    children = list(token.children)
    return any(dep_family(c) == "nsubj" and c.i < token.i for c in children) and any(
        dep_family(c) == "obj" and c.i > token.i for c in children
    )


def _has_particle(verb: Token, particle: str) -> bool:
    # "pointed out": prt/compound:prt child; "accused X of": of under a child.
    for child in verb.rights:
        if child.lower_ == particle:
            return True
        if any(g.lower_ == particle and g.i > verb.i for g in child.children):
            return True
    nxt = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    return nxt is not None and nxt.lower_ == particle


@token_memo
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
    ent = entity_around(doc, token.i)
    if ent is not None:
        start, end = min(start, ent[0]), max(end, ent[1])
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
    return list(_cached(doc, "sents", _sentences))


def _sentences(doc: Doc) -> list[Span]:
    try:
        return list(doc.sents)
    except ValueError:
        return [doc[:]]


def sentence_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """Token range of the sentence that holds token `i`, as `doc[i].sent`
    gives it, without building that Span (or, outside a `doc_cache` block,
    the Doc's sentences).

    doc (Doc): A document with sentence boundaries (`has_sentences`).
    i (int): A token index.
    RETURNS (tuple[int, int]): The sentence's first token and end token.
    """
    scope = _SCOPES.get(id(doc))
    if scope is None:
        sent = doc[i].sent
        return sent.start, sent.end
    starts = _cached(doc, "sent_starts", _sentence_starts)
    k = bisect.bisect_right(starts, i) - 1
    return starts[k], starts[k + 1] if k + 1 < len(starts) else len(doc)


def _sentence_starts(doc: Doc) -> list[int]:
    return [sent.start for sent in _cached(doc, "sents", _sentences)]


def sentence_start_chars(doc: Doc) -> list[int]:
    """Character offsets where the sentences of `sentences(doc)` start.

    doc (Doc): The document.
    RETURNS (list[int]): Ascending offsets, the first one 0 for a non-empty Doc.
    """
    return _cached(doc, "sent_start_chars", _sentence_start_chars)


def _sentence_start_chars(doc: Doc) -> list[int]:
    return [sent.start_char for sent in _cached(doc, "sents", _sentences)]


def sentence_index(sents: list[Span], token_i: int) -> int:
    """0-based index of the sentence holding token `token_i`."""
    starts = [s.start for s in sents]
    return max(bisect.bisect_right(starts, token_i) - 1, 0)


@functools.lru_cache(maxsize=16)
def paragraph_starts(text: str) -> list[int]:
    """Offsets where paragraphs start. Blank lines separate paragraphs; so
    does a single line break, unless the text is hard-wrapped (see
    `hard_wrapped`): scraped news often mixes the two ("Headline\\n\\nFirst
    paragraph.\\nSecond paragraph.")."""
    pattern = PARAGRAPH_BREAK if PARAGRAPH_BREAK.search(text) and hard_wrapped(text) else LINE_BREAK
    return [0] + [m.end() for m in pattern.finditer(text) if m.end() < len(text)]


def hard_wrapped(text: str) -> bool:
    """Whether `text` was wrapped at a fixed width: hardly any of its lines is
    longer than `WRAP_WIDTH`, so a single line break may fall mid-paragraph.

    text (str): A document's text.
    RETURNS (bool): True for a hard-wrapped text.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    return sum(len(line) > WRAP_WIDTH for line in lines) <= UNWRAPPED_SHARE * len(lines)


def after_comma(token: Token) -> bool:
    """Whether a comma comes right before `token` (a phrase set off as an aside)."""
    return token.i > 0 and token.doc[token.i - 1].text == ","


def paragraph_of(starts: list[int], char: int) -> int:
    """0-based paragraph index of offset `char`."""
    return max(bisect.bisect_right(starts, char) - 1, 0)


def paragraph_window(span: Span) -> Span:
    """The sentence(s) around `span`, clipped to its paragraph: a small model
    may run a sentence over a paragraph break, reported speech never does."""
    doc = span.doc
    if not len(span):
        raise IndexError(f"paragraph_window needs a span of at least one token, not {span.start}:{span.end}")
    scope = _SCOPES.get(id(doc))
    if scope is None:
        return _paragraph_window(doc, span)
    memo = scope.get("paragraph_window")
    if memo is None:
        memo = scope["paragraph_window"] = {}
    key = (span.start, span.end)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _paragraph_window(doc, span)
    return found


def _ends_sentence(doc: Doc, i: int) -> bool:
    token = doc[i]
    if token.text in SENT_END or token.is_space and "\n" in token.text:
        return True
    return (token.is_quote or token.is_punct) and i > 0 and doc[i - 1].text in SENT_END


def _paragraph_window(doc: Doc, span: Span) -> Span:
    if has_sentences(doc):
        start, end = sentence_bounds(doc, span.start)[0], sentence_bounds(doc, span.end - 1)[1]
        while end < len(doc) and not _ends_sentence(doc, end - 1):
            end += 1
        while start > 0 and not _ends_sentence(doc, start - 1):
            start -= 1
    else:
        start, end = 0, len(doc)
    starts, idx = paragraph_starts(doc_text(doc)), token_offsets(doc)[0]
    first = starts[paragraph_of(starts, idx[span.start])]
    last = paragraph_of(starts, idx[span.end - 1]) + 1
    limit = starts[last] if last < len(starts) else len(doc_text(doc)) + 1
    while start < span.start and idx[start] < first:
        start += 1
    while end > span.end and idx[end - 1] >= limit:
        end -= 1
    return doc[start:end]
