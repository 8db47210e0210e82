"""Who speaks: find a cue's speaker phrase and resolve it to a document entity.

The speaker phrase is the cue's subject: the one nearest the cue when a
parser gives it two, never words inside a quotation the cue is outside of,
inherited through conj/advcl/xcomp, and, for a document that speaks ("Trump
issued a statement saying …"), whoever issued it. A phrase never crosses a
verb, quote mark, colon or dash, and is never a time.

Named speakers resolve to the mention that holds the phrase's head word (not
the organization in "spokesperson for Kataib Hezbollah"). Pronouns resolve
by the centering heuristic: the subject of the latest sentence that has one,
the main clause's first, agreeing in kind and in the gender the text gives
(`gender`), never a name inside a quotation ("“…,” Smith said. ¶ “…,” he
added" is Smith). Nominal speakers ("the spokesman", "the senator", "the
newspaper") resolve only on evidence in the text (a role of the entity, an
apposition, a title, a name holding the noun, a news organization's name),
to the candidate named last; otherwise they stay unresolved, never guessed.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from extractor.components.extensions import has_rows, link_mentions, rows_of
from extractor.components.rules.cues import (
    after_comma,
    base_forms,
    dep_family,
    doc_text,
    has_parse,
    is_verb,
    lemma_positions,
    noun_phrase,
    sentences,
    token_memo,
)
from extractor.components.rules.gender import entity_genders, pronoun_gender
from extractor.components.rules.names import kind_of, last_word, match_key, surname
from extractor.components.rules.quotemarks import quote_marks
from extractor.components.rules.sources import DOCUMENTS, ISSUING, MEDIA_NAMES, MEDIA_NOUNS, WRITTEN_SOURCES, role_heads
from extractor.ids import doc_id_of, offset_of, span_id
from extractor.types import MentionRow, split_list

PRONOUN_KINDS = {
    "he": ("person",),
    "him": ("person",),
    "she": ("person",),
    "her": ("person",),
    "it": ("organization", "group"),
    "they": ("organization", "group", "person"),
    "them": ("organization", "group", "person"),
    "we": ("organization", "group", "person"),
    "i": ("person",),
}
RELATIVE = {"who", "which", "that", "whom"}
# Heads of temporal noun phrases: a parser may take "Last year" for a subject,
# but a time cannot speak.
TEMPORAL = {
    "year",
    "week",
    "month",
    "day",
    "decade",
    "century",
    "weekend",
    "morning",
    "afternoon",
    "evening",
    "night",
    "tonight",
    "today",
    "yesterday",
    "tomorrow",
    "time",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "spring",
    "summer",
    "autumn",
    "winter",
}
# Time words that are also surnames ("Day", "Winter"): tagged a proper noun, a name.
NAME_LIKE_TIMES = {"day", "week", "summer", "winter", "spring", "morning", "night"}
# Right-hand dependents that extend a speaker phrase: "the Minister of
# Interior Kofi Mensah", "The harbour master, Colin Teague".
SPEAKER_RIGHT = {"appos", "flat", "compound", "nmod", "nn"}
# Prepositions of a speaker's own noun phrase ("Shop owners in the city's
# historic centre", "The utility behind the project").
SPEAKER_CASES = {"of", "for", "at", "in", "from", "behind"}
# Modifier labels: a token with one is part of the noun phrase even when a
# tagger calls it a verb ("Shop owners", "forced redundancies").
MODIFIER_DEPS = {"compound", "amod", "flat", "nn"}
# Tokens a speaker phrase never crosses.
STOPS = {"“", "”", '"', "«", "»", ".", ";", ":"}
DASHES = {"—", "–", "―"}
# Prepositions a speaker phrase may wrongly start with (`clean_speaker`).
LEADING_PREPOSITIONS = {"by", "from", "in", "of", "on", "at", "to", "with", "for"}
MAX_SPEAKER_TOKENS = 14
NP_WORDS = {"PROPN", "NOUN", "ADJ", "DET", "NUM"}
# A subject this many sentences back still wins over a more recent non-subject.
SUBJECT_WINDOW = 3
# Past it, a subject (a quotation's sentences count too) still wins over
# a nearer mention that is no subject.
FAR_SUBJECT_WINDOW = 8


@dataclass(frozen=True)
class Speaker:
    """A speaker phrase and what it resolved to (local character offsets)."""

    text: str
    start: int
    end: int
    entity_id: str = ""
    kind: str = ""
    method: str = "named"  # named, pronoun, nominal


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    entity_id: str
    kind: str
    subject: bool
    sentence: int
    main: bool = False  # subject of its sentence's main clause (or a speaker)
    quoted: bool = False  # inside a quotation: the quoted speaker's words


@token_memo
def subject_of(cue: Token, depth: int = 2) -> Token | None:
    """The subject of a cue verb, inherited through conj/advcl/xcomp
    ("condemned the killing, saying that …") and relative pronouns.

    A parser may give a cue two subjects ("Moments earlier, Calder said";
    "“The risk,” said Tobias Wren"): the one nearest the cue wins, and
    never one inside quotation marks the cue is outside of nor a space token
    (a no-break space before the verb); a time ("Orrell last week said")
    only when there is no other. A participle on
    a document speaks for whoever issued it ("Calder issued a statement
    saying …" is Calder's).

    cue (Token): The cue verb.
    depth (int): How many clause links to climb for an inherited subject.
    RETURNS (Token | None): The subject token, or None.
    """
    if not has_parse(cue.doc):
        return None
    labels = _subject_labels(cue)
    subjects = [
        c for c in cue.children if dep_family(c) in labels and not c.is_space and not quoted_apart(c, cue)
    ] or _mistagged_document(cue)
    if subjects:
        child = min(subjects, key=lambda c: (is_temporal(c), abs(c.i - cue.i), c.i > cue.i))
        if child.lower_ in RELATIVE:
            # "Brandt, who heads the union, said": the antecedent speaks.
            found = cue.head if dep_family(cue) == "relcl" else antecedent(child)
            return (issuer(found) or found) if found is not None else None
        return child
    if dep_family(cue) == "acl" and cue.head.i != cue.i:
        return (issuer(cue.head) or _adjunct_subject(cue)) if present_participle(cue) else _controller(cue)
    if dep_family(cue) == "xcomp" and cue.head.i != cue.i and not present_participle(cue):
        # Object control: "prompted the Atlas to state", "urged Congress to
        # reject": the object does what the clause says. A participle is no
        # controlled infinitive: in "urged both sides to return, saying …" the
        # parser may hang "saying" on "urged", but the urger says it.
        controller = next((c for c in cue.head.children if dep_family(c) == "obj" and c.i < cue.i), None)
        if controller is not None and controller.pos_ in ("PROPN", "NOUN", "PRON"):
            return controller
    if (
        depth
        and (dep_family(cue) in ("conj", "advcl", "xcomp") or _participle_after_comma(cue))
        and cue.head.i != cue.i
    ):
        # A cue outside a quotation never inherits from a verb inside it.
        governor = _governor(cue)
        if dep_family(cue) == "advcl" and present_participle(cue) and dep_family(governor) == "xcomp":
            # "X urged Y to return, saying …": a participle the parser hung on
            # the infinitive still speaks for the main clause's subject.
            governor = governor.head
        if quoted_apart(governor, cue):
            return None
        if _subject_as_root(governor, cue):
            # "Lee called them “reckless” and said …", parsed with the name
            # as the sentence's root and each verb hung on it.
            return governor
        found = subject_of(governor, depth - 1)
        if found is None and dep_family(cue) == "advcl" and present_participle(cue):
            # "Ostrow was dismissed after warning that …": whoever the passive is about.
            found = next((c for c in governor.children if dep_family(c) == "nsubjpass"), None)
        return found
    return None


def _mistagged_document(cue: Token) -> list[Token]:
    # "A county college poll released today shows …": a poll or
    # a study the tagger read as a verb, so the parser made it a clausal subject.
    return [c for c in cue.children if dep_family(c) == "csubj" and c.lower_ in WRITTEN_SOURCES]


def _subject_as_root(governor: Token, cue: Token) -> bool:
    # A name or pronoun the parser made the sentence's root, before the cue conjoined to it.
    return dep_family(cue) == "conj" and dep_family(governor) == "root" and governor.pos_ in ("PROPN", "PRON")


def _subject_labels(verb: Token) -> tuple[str, ...]:
    # A passive subject with no passive auxiliary is an active subject a
    # tagger's participle misled the parser about ("Trump had welcomed …").
    passive = any(dep_family(c) == "auxpass" for c in verb.children)
    return ("nsubj",) if passive else ("nsubj", "nsubjpass")


def _participle_after_comma(cue: Token) -> bool:
    # "…,” she said, adding that …": a participle after a comma that the
    # parser made the first cue's complement is the speaker's next act.
    return dep_family(cue) == "ccomp" and present_participle(cue) and after_comma(cue) and cue.head.i < cue.i


def _controller(cue: Token) -> Token | None:
    # "Mrs. Ostrow has launched a campaign to condemn …": whoever undertakes the
    # campaign (the subject of the verb whose object it is) condemns.
    noun = cue.head
    infinitive = any(c.lower_ == "to" and c.i < cue.i for c in cue.children)
    if not infinitive or dep_family(noun) != "obj" or noun.head.i == noun.i:
        return None
    found = subject_of(noun.head, 1)
    return found if found is not None and found.i < noun.i else None


def present_participle(token: Token) -> bool:
    """Whether `token` is a present participle ("a statement saying"), never
    a past one ("a photo posted to his account"), however a tagger tags it."""
    return token.tag_ == "VBG" or token.lower_.endswith("ing")


def _adjunct_subject(cue: Token) -> Token | None:
    # "he struck an unusually humble tone, saying, “…”": a participle
    # set off by a comma that the parser hung on the object is an adjunct of
    # the clause, and its subject speaks.
    noun = cue.head
    if not after_comma(cue) or dep_family(noun) != "obj" or noun.head.i == noun.i:
        return None
    found = subject_of(noun.head, 1)
    return found if found is not None and found.i < noun.i else None


def issuer(noun: Token) -> Token | None:
    """Who speaks through a document: the subject of the verb that issued it
    ("Calder issued a statement saying …", "the tabloid ran a cover saying
    …"). A document someone else cites ("mocked a report suggesting …") or
    any other noun has no issuer.

    noun (Token): The noun a participle or relative clause hangs on.
    RETURNS (Token | None): The issuer's subject token, or None.
    """
    verb = noun.head
    lemma = (noun.lemma_ or noun.lower_).lower()
    if lemma not in DOCUMENTS or dep_family(noun) != "obj" or verb.i == noun.i or not base_forms(verb) & ISSUING:
        return None
    found = subject_of(verb, 1)
    return found if found is not None and found.i < noun.i else None


def quoted_apart(token: Token, cue: Token) -> bool:
    """True when `token` lies inside a quotation the cue is outside of: the
    quoted words are the speaker's, never the speaker ("…, nothing we can
    change, friends,” Calder told a rally").

    token (Token): A candidate subject.
    cue (Token): The cue verb.
    RETURNS (bool): Whether a quotation holds `token` but not `cue`.
    """
    for start, end in quoted_regions(doc_text(token.doc)):
        if start <= token.idx < end:
            return not start <= cue.idx < end
    return False


@functools.lru_cache(maxsize=16)
def quoted_regions(text: str) -> list[tuple[int, int]]:
    """The quotations of `text` that are statements, not titles or scare
    quotes: at least four words, or ending in punctuation (“The risk,”).

    text (str): A document's text.
    RETURNS (list[tuple[int, int]]): Content offsets, in text order.
    """
    found = []
    for marks in quote_marks(text):
        words = text[marks.start : marks.end].split()
        if len(words) >= 4 or (words and words[-1][-1] in ",.!?:;—"):
            found.append((marks.start, marks.end))
    return found


def _governor(cue: Token) -> Token:
    # "X denied that the expansion would worsen … and said it would …": a
    # parser may hang the second cue on the first cue's reported clause. The
    # conjoined cue shares the first cue's subject, never the clause's.
    head = cue.head
    if dep_family(cue) == "conj" and dep_family(head) == "ccomp" and head.head.i != head.i:
        return head.head
    return _around_dashes(head, cue)


def _around_dashes(head: Token, cue: Token) -> Token:
    # "… looping the streets – where the Panthers played – while chanting":
    # a parser may hang the participle on the clause set off by dashes that
    # it follows; the participle goes with the clause around them.
    doc, start = cue.doc, head.left_edge.i
    opens = _is_dash(doc[start]) or (start > 0 and _is_dash(doc[start - 1]))
    closes = [t.i for t in doc[head.i + 1 : cue.i] if _is_dash(t)]
    if not opens or not closes:
        return head
    while head.head.i != head.i and (start <= head.i < closes[-1] or not is_verb(head)):
        head = head.head
    return head


def _is_dash(token: Token) -> bool:
    # A dash, or a hyphen standing for one (spaced: "stadium - where").
    return token.text in DASHES or (token.text in ("-", "--") and bool(token.whitespace_))


def is_main(verb: Token) -> bool:
    """True for the verb of a sentence's main clause (its root, or a verb
    conjoined to the root): its subject is what the sentence is about.

    verb (Token): The head of a subject.
    RETURNS (bool): Whether it heads the main clause.
    """
    return verb.head.i == verb.i or dep_family(verb) == "conj" and verb.head.head.i == verb.head.i


def relative_subject(cue: Token, depth: int = 2) -> Token | None:
    """The relative pronoun that is the subject of `cue` ("Marsh, who
    criticized …"), also of a cue conjoined to its verb ("who took to the
    streets and called for …").

    cue (Token): A cue verb.
    depth (int): How many conj links to climb.
    RETURNS (Token | None): The pronoun, or None.
    """
    subjects = [c for c in cue.children if dep_family(c) == "nsubj"]
    if subjects:
        nearest = min(subjects, key=lambda c: (abs(c.i - cue.i), c.i > cue.i))
        return nearest if nearest.lower_ in RELATIVE and nearest.i < cue.i else None
    if depth and dep_family(cue) == "conj" and cue.head.i != cue.i:
        return relative_subject(cue.head, depth - 1)
    return None


def antecedent(relative: Token) -> Token | None:
    """The noun a relative pronoun refers to: the nominal just before it
    ("Tomas Brandt, who …"), or None when there is none."""
    i = relative.i - 1
    while i >= 0 and relative.doc[i].is_punct:
        i -= 1
    if i >= 0 and relative.doc[i].pos_ in ("PROPN", "NOUN"):
        return relative.doc[i]
    return None


def is_temporal(token: Token) -> bool:
    """True for the head of a time expression ("Last year", "on Sunday"), not
    for a name that is a time word ("Day said", tagged a proper noun)."""
    if token.ent_type_ == "PERSON" or token.pos_ == "PROPN" and token.lower_ in NAME_LIKE_TIMES:
        return False
    return (
        token.ent_type_ in ("DATE", "TIME")
        or (token.lemma_ or token.lower_).lower() in TEMPORAL
        or token.lower_ in TEMPORAL
    )


@token_memo
def speaker_phrase(token: Token) -> Span | None:
    """The full noun phrase of a speaker token: compounds, flat names,
    appositions and "of"/"for" chains ("A spokesman for the Ministry of
    Interior", "The harbour master, Colin Teague"). A fragment of a larger
    phrase ("of Interior") grows to the phrase that holds it.

    token (Token): The subject (or other speaker) token.
    RETURNS (Span | None): The phrase, or None for a time, a relative pronoun
        or punctuation, which cannot speak.
    """
    if token.lower_ in RELATIVE or not _word_like(token) and token.pos_ != "PROPN":
        return None
    head = _phrase_head(token) if has_parse(token.doc) else token
    if is_temporal(head):
        return None
    phrase = noun_phrase(head)
    start, end = phrase.start, _phrase_end(head, phrase.end)
    return clean_speaker(_clip(token.doc, start, min(end, start + MAX_SPEAKER_TOKENS), head.i))


def _word_like(token: Token) -> bool:
    # A word, or a name with an apostrophe or hyphen a tagger took for a
    # noun ("D’Souza", "O'Malley").
    text = token.text
    return (
        token.is_alpha
        or text[:1].isupper()
        and any(c in "’'-" for c in text)
        and all(c.isalpha() or c in "’'-" for c in text)
    )


def _clip(doc: Doc, start: int, end: int, head: int) -> Span:
    # A misparse can hang a whole clause on the name ("He insisted … ,” Hale
    # told"); a speaker phrase never holds a verb, quote mark, line break,
    # colon or dash ("LISBON (Reuters) – Top donor Miles Garrick said").
    def stop(t: Token) -> bool:
        verb = t.pos_ in ("VERB", "AUX") and not (has_parse(doc) and dep_family(t) in MODIFIER_DEPS)
        return verb or t.text in STOPS or "\n" in t.text or is_dash(t)

    for i in range(head - 1, start - 1, -1):
        if stop(doc[i]):
            start = i + 1
            break
    for i in range(head + 1, end):
        if stop(doc[i]):
            end = i
            break
    return doc[start:end]


def is_dash(token: Token) -> bool:
    """True for a dash between words ("WASHINGTON — Hillary Clinton", "a –
    b"), not a hyphen inside one ("al-Kaabi")."""
    if token.text in DASHES:
        return True
    spaced = bool(token.whitespace_) or token.i > 0 and bool(token.doc[token.i - 1].whitespace_)
    return token.text in ("-", "--") and spaced


def _phrase_head(token: Token) -> Token:
    # Climb from a name in apposition or an "of" object to the nominal it
    # belongs to, so the phrase starts where the speaker's description does.
    while (
        token.head.i != token.i and token.head.i < token.i and token.head.pos_ in ("NOUN", "PROPN") and _extends(token)
    ):
        token = token.head
    return token


def _extends(child: Token) -> bool:
    family = dep_family(child)
    if family == "nmod":
        return any(c.lower_ in SPEAKER_CASES for c in child.lefts) and not is_temporal(child)
    if family == "prep":  # ClearNLP: the preposition heads its object
        return child.lower_ in SPEAKER_CASES and not any(is_temporal(c) for c in child.children)
    if family == "pobj":
        return True
    if family == "conj":
        return _name_conjunct(child)
    return family in SPEAKER_RIGHT and child.pos_ in ("NOUN", "PROPN")


def _name_conjunct(child: Token) -> bool:
    # "The Federation of Port and Transport Workers": a capitalized conjunct
    # inside the "of" phrase of a name is part of the name; conjoined
    # speakers ("Smith and Jones") are not joined here.
    head = child.head
    inside = (
        dep_family(head) == "pobj" or dep_family(head) == "nmod" and any(c.lower_ in SPEAKER_CASES for c in head.lefts)
    )
    return inside and child.pos_ in ("NOUN", "PROPN") and child.text[:1].isupper()


def _phrase_end(head: Token, end: int) -> int:
    for child in head.rights if has_parse(head.doc) else ():
        if _extends(child) and _joins(head.doc[end : child.left_edge.i], child):
            end = _phrase_end(child, noun_phrase(child).end)
    return end


def _joins(gap: Span, child: Token) -> bool:
    # Only punctuation, prepositions and determiners (and "and" before a
    # conjunct) may lie between a phrase and what extends it.
    conj = dep_family(child) == "conj"
    return all(t.is_punct or t.lower_ in SPEAKER_CASES or t.pos_ == "DET" or conj and t.pos_ == "CCONJ" for t in gap)


def clean_speaker(span: Span) -> Span | None:
    """`span` without edge punctuation and unbalanced brackets ("The US
    Central Command (CENTCOM" gets its ")" back); None without a word."""
    doc, start, end = span.doc, span.start, span.end
    opened = [t.i for t in span if t.text == "("]
    closed = [t.i for t in span if t.text == ")"]
    if len(opened) > len(closed):
        if end < len(doc) and doc[end].text == ")":
            end += 1
        else:
            end = opened[-1]
    elif len(closed) > len(opened):
        start = closed[0] + 1
    while start < end and (doc[start].is_punct and doc[start].text != "(" or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in (")", "%") or doc[end - 1].is_space):
        end -= 1
    found = _past_a_preposition(doc[start:end])
    if found is None:
        return None
    share = any(t.like_num for t in found) and any(t.text == "%" for t in found)  # "42% say"
    return found if share or any(_word_like(t) for t in found) else None


def _past_a_preposition(span: Span) -> Span | None:
    """A speaker is never a preposition phrase: "by Ann Lee" (a byline) is
    Ann Lee, "In a statement, Ann Lee, a spokeswoman" is Ann Lee and her
    role, and "in fact" is no speaker. A word alone is a name ("From said")."""
    if len(span) < 2 or span[0].pos_ != "ADP" or span[0].lower_ not in LEADING_PREPOSITIONS:
        return span
    if span[0].lower_ == "by":
        return span[1:]
    comma = next((t.i for t in span if t.text == ","), None)
    return span.doc[comma + 1 : span.end] if comma is not None and comma + 1 < span.end else None


class MentionIndex:
    """Mentions of a Doc (or its doc.ents when no mentions were stored),
    queried by overlap, recency and role; remembers resolved speakers."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sents = sentences(doc)
        self.sent_chars = [s.start_char for s in self.sents]  # for `sentence_at`, asked per speaker
        self.entities = {e.entity_id: e for e in rows_of(doc, "entities")}
        self.quoted = quoted_regions(doc_text(doc))
        self.mentions = sorted(self._load(), key=lambda m: (m.start, m.end))
        # The mentions as loaded: `genders` reads these, not those `remember` adds.
        self._loaded = list(self.mentions)

    def _load(self) -> Iterator[_Mention]:
        offset, rows = offset_of(self.doc), rows_of(self.doc, "mentions")
        spans = [(m.start_char - offset, m.end_char - offset, m.entity_id, m.kind) for m in rows]
        if not rows:
            # A document the mentions component did not see: the kinds of the model's labels.
            spans = [(e.start_char, e.end_char, "", kind_of(e.label_)) for e in self.doc.ents]
        parsed, starts = has_parse(self.doc), [s.start for s in self.sents]
        for start, end, entity_id, kind in spans:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            subject = parsed and dep_family(span.root) in ("nsubj", "nsubjpass")
            sent = max(bisect.bisect_right(starts, span.start) - 1, 0)  # as `sentence_index`
            quoted = any(s <= start < e for s, e in self.quoted)
            yield _Mention(start, end, entity_id, kind, subject, sent, subject and is_main(span.root.head), quoted)

    @functools.cached_property
    def genders(self) -> dict[str, str]:
        """Entity id → the gender the text gives that person (`gender.entity_genders`).

        Worked out on first use: only a gendered pronoun asks, and many Docs
        (or a stage's whole pass over one) have none to resolve.

        RETURNS (dict[str, str]): FEMININE or MASCULINE per entity the text genders.
        """
        people = [
            (span, m.entity_id)
            for m in self._loaded
            if m.kind == "person" and (span := self.doc.char_span(m.start, m.end, alignment_mode="expand"))
        ]
        roles = {e.entity_id: e.roles for e in self.entities.values() if e.kind == "person"}
        return entity_genders(self.doc, people, roles, self.quoted)

    def sentence_at(self, char: int) -> int:
        """Index of the sentence holding character `char`."""
        return max(bisect.bisect_right(self.sent_chars, char) - 1, 0)

    def overlapping(self, start: int, end: int) -> _Mention | None:
        """The longest mention overlapping [start, end)."""
        hits = [m for m in self.mentions if m.start < end and start < m.end]
        return max(hits, key=lambda m: (m.end - m.start, -m.start)) if hits else None

    def recent(self, before: int, kinds: tuple[str, ...], gender: str = "") -> _Mention | None:
        """The antecedent of a pronoun at `before`: a compatible mention (kind,
        and gender where the text gives one). The centering heuristic: the
        subject of the latest sentence, in the last few, that has one, and
        within a sentence the subject of its main clause, else the last
        ("…,” Smith said. ¶ “…,” he added": Smith, not the Jones Smith's quote
        named). A mention inside a quotation is the quoted speaker's word
        and never an antecedent while another candidate is left.

        before (int): Offset of the pronoun.
        kinds (tuple[str, ...]): Entity kinds the pronoun may refer to.
        gender (str): The pronoun's gender (see `gender.pronoun_gender`), or "".
        RETURNS (_Mention | None): The antecedent, or None.
        """
        found = [m for m in self.mentions if m.end <= before and m.kind in kinds and self._agrees(m, gender)]
        sent = self.sentence_at(before)
        subjects = [m for m in found if m.subject and not m.quoted]
        for window in (SUBJECT_WINDOW, FAR_SUBJECT_WINDOW):
            near = [m for m in subjects if sent - m.sentence <= window]
            if near:
                latest = [m for m in near if m.sentence == near[-1].sentence]
                return max(latest, key=lambda m: (m.main, m.start))
        unquoted = [m for m in found if not m.quoted]
        return (unquoted or found)[-1] if found else None

    def _agrees(self, mention: _Mention, gender: str) -> bool:
        if not gender:
            return True
        known = self.genders.get(mention.entity_id, "")
        return not known or known == gender

    def remember(self, speaker: Speaker) -> None:
        """Make a resolved speaker the first candidate for later pronouns."""
        if speaker.entity_id or speaker.kind:
            sent = self.sentence_at(speaker.start)
            mention = _Mention(speaker.start, speaker.end, speaker.entity_id, speaker.kind, True, sent, True)
            self.mentions.append(mention)
            self.mentions.sort(key=lambda m: (m.start, m.end))

    def _by_surname_or_alias(self, speaker: Speaker) -> Speaker:
        """A name no mention covers ("Carrasco said", the NER missed it) resolves to
        the one entity whose name, alias or surname it is; to none when ambiguous."""
        key, last = match_key(speaker.text), last_word(speaker.text)
        found = {
            entity.entity_id
            for entity in self.entities.values()
            if key in {match_key(entity.name), *(match_key(a) for a in split_list(entity.aliases))}
            or (entity.kind == "person" and last and last == surname(entity.name))
        }
        if len(found) != 1:
            return speaker
        entity = self.entities[found.pop()]
        return replace(speaker, entity_id=entity.entity_id, kind=entity.kind)

    def resolve(self, phrase: Span) -> Speaker:
        """Resolve a speaker phrase: named, pronoun or nominal.

        phrase (Span): The speaker phrase.
        RETURNS (Speaker): The phrase with the entity and kind it resolves to.
        """
        phrase = _past_a_preposition(phrase) or phrase
        start, end, head = phrase.start_char, phrase.end_char, phrase.root
        base = Speaker(phrase.text, start, end)
        hit = self.named(phrase)
        if hit is not None:
            speaker = replace(base, entity_id=hit.entity_id, kind=hit.kind)
            self.remember(speaker)
            return speaker
        if head.lower_ in PRONOUN_KINDS:
            found = self.recent(start, PRONOUN_KINDS[head.lower_], pronoun_gender(head.lower_))
            kind = found.kind if found else ("person" if head.lower_ in ("he", "she", "i") else "")
            speaker = replace(base, method="pronoun", kind=kind, entity_id=found.entity_id if found else "")
        elif head.pos_ == "PROPN":
            return self._by_surname_or_alias(base)
        else:
            speaker = self._nominal(base, head)
        self.remember(speaker)
        return speaker

    def resolve_name(self, phrase: Span) -> Speaker:
        """Resolve a phrase that is a name whatever its tags say (a
        transcript's label, "PENCE:"): the person mention it is the surname
        of, else the mention that covers it, else the one entity whose name,
        alias or surname it is (`resolve` goes by the tags).

        phrase (Span): The name.
        RETURNS (Speaker): The phrase with the entity and kind it resolves to.
        """
        base = Speaker(phrase.text, phrase.start_char, phrase.end_char)
        hit = self._person_named(phrase) or self.named(phrase)
        if hit is None:
            return self._by_surname_or_alias(base)
        speaker = replace(base, entity_id=hit.entity_id, kind=hit.kind)
        self.remember(speaker)
        return speaker

    def _person_named(self, phrase: Span) -> _Mention | None:
        # A person mention that ends in the phrase's last word, case aside
        # ("Chris Wallace" for "WALLACE"): the nearest one before it, else the first.
        last, text = last_word(phrase.text), doc_text(self.doc)
        people = [m for m in self.mentions if m.kind == "person" and last_word(text[m.start : m.end]) == last]
        before = [m for m in people if m.end <= phrase.start_char]
        return before[-1] if before else (people[0] if people else None)

    def resolve_for(self, phrase: Span, cue: Token) -> Speaker:
        """Resolve the speaker phrase of `cue`, written as the relative
        pronoun when that is the cue's subject ("Marsh, who criticized …"):
        the source as written is "who", and it resolves to what its
        antecedent `phrase` resolves to (as PolNeAR annotates it).

        phrase (Span): The speaker phrase (for a relative subject, its antecedent).
        cue (Token): The cue the phrase is the speaker of.
        RETURNS (Speaker): The resolved speaker.
        """
        speaker = self.resolve(phrase)
        pronoun = relative_subject(cue)
        if pronoun is None or phrase.start <= pronoun.i < phrase.end:
            return speaker
        start = pronoun.idx
        return replace(speaker, text=pronoun.text, start=start, end=start + len(pronoun.text), method="pronoun")

    def named(self, phrase: Span) -> _Mention | None:
        """The mention a speaker phrase names: the one holding its head word,
        else one outside its prepositional and possessive phrases ("Yahya
        Rasool, military spokesperson for Kataib Hezbollah" is Rasool, not
        the militia), else the longest.

        phrase (Span): A speaker phrase.
        RETURNS (_Mention | None): The mention, or None when none overlaps.
        """
        hits = [m for m in self.mentions if m.start < phrase.end_char and phrase.start_char < m.end]
        if not hits:
            return None
        longest = lambda m: (m.end - m.start, -m.start)  # noqa: E731
        own = [m for m in hits if m.start <= phrase.root.idx < m.end]
        free = [m for m in hits if not _dependent_of(phrase, m.start)]
        return max(own or free or hits, key=longest)

    def _nominal(self, base: Speaker, head: Token) -> Speaker:
        lemma = (head.lemma_ or head.lower_).lower()
        found = (
            self._by_role(lemma, base.start)
            or self._by_apposition(lemma, base.start)
            or self._by_name(lemma, base.start)
            or self._by_class(lemma, base.start)
        )
        if not found:
            return replace(base, method="nominal")
        kind = self.entities[found].kind if found in self.entities else ""
        return replace(base, method="nominal", entity_id=found, kind=kind)

    def latest(self, ids: set[str], before: int) -> str:
        """Of candidate entities, the one mentioned last before `before`; the
        only candidate when none is mentioned before; else "" (no guess).

        ids (set[str]): Candidate entity ids.
        before (int): Offset of the nominal.
        RETURNS (str): An entity id, or "".
        """
        earlier = [m for m in self.mentions if m.entity_id in ids and m.start < before]
        if earlier:
            return earlier[-1].entity_id
        return next(iter(ids)) if len(ids) == 1 else ""

    def _by_role(self, lemma: str, before: int) -> str:
        # "the senator" -> the entity whose role is "Sen." or "senator from …".
        return self.latest({e.entity_id for e in self.entities.values() if lemma in role_heads(e.roles)}, before)

    def _by_name(self, lemma: str, before: int) -> str:
        # "the ministry" -> the organization named "… Ministry …".
        ids = {
            e.entity_id
            for e in self.entities.values()
            if e.kind in ("organization", "group") and lemma in e.name.lower().split()
        }
        return self.latest(ids, before)

    def _by_class(self, lemma: str, before: int) -> str:
        # "the newspaper" -> the news organization mentioned last.
        if lemma not in MEDIA_NOUNS:
            return ""
        ids = {
            e.entity_id
            for e in self.entities.values()
            if e.kind == "organization" and set(re.findall(r"[a-z]+", e.name.lower())) & MEDIA_NAMES
        }
        earlier = [m for m in self.mentions if m.entity_id in ids and m.start < before]
        return earlier[-1].entity_id if earlier else ""

    def _by_apposition(self, lemma: str, before: int) -> str:
        # "Yahya Rasool, military spokesperson for …", "spokesman John Smith",
        # "The secretary general of Nujaba, Akram al-Kaabi, …".
        ids = set()
        for i in lemma_positions(self.doc, lemma):
            token = self.doc[i]
            if token.idx >= before:
                break  # and so are the tokens after it
            if not has_parse(self.doc):
                break
            links = [c for c in token.children if dep_family(c) == "appos"]
            if dep_family(token) in ("appos", "compound", "flat"):
                links.append(token.head)
            for other in links:
                hit = self.overlapping(other.idx, other.idx + len(other.text))
                if hit is not None and hit.entity_id:
                    ids.add(hit.entity_id)
        return self.latest(ids, before)


def _dependent_of(phrase: Span, char: int) -> bool:
    # Whether the token at `char` hangs inside `phrase` on a preposition or a
    # possessive: "for the militia", "the ministry's spokesman".
    token = next((t for t in phrase if t.idx <= char < t.idx + len(t.text)), None)
    while token is not None and token.i != phrase.root.i and phrase.start <= token.i < phrase.end:
        family = dep_family(token)
        if family in ("pobj", "poss") or family == "nmod" and any(dep_family(c) == "case" for c in token.children):
            return True
        token = token.head if token.head.i != token.i else None
    return False


def speaker_mentions(doc: Doc, speakers: list[tuple[Speaker, int]]) -> list[MentionRow]:
    """Mention rows for resolved pronoun/nominal speakers, so actor tables count
    them. speakers: (speaker, sentence index) pairs; RETURNS (list[MentionRow])."""
    offset, doc_id, rows = offset_of(doc), doc_id_of(doc), {}
    for speaker, sent in speakers:
        if speaker.method == "named" or not speaker.entity_id:
            continue
        start, end = speaker.start + offset, speaker.end + offset
        label = "PRON" if speaker.method == "pronoun" else "NOUN"
        row = MentionRow(
            mention_id=span_id(doc, start, end, label),
            doc_id=doc_id,
            text=speaker.text,
            start_char=start,
            end_char=end,
            label=label,
            kind=speaker.kind,
            entity_id=speaker.entity_id,
            sentence_index=sent,
            method=speaker.method,
        )
        rows[row.mention_id] = row
    return list(rows.values())


def link_speakers(doc: Doc, new: list[MentionRow]) -> None:
    """Link `new` rows through `extensions.link_mentions`, which keeps the
    mentions sorted and counts each row in its entity's n_mentions.
    A span already stored (named, or linked by an earlier stage) is skipped
    (`new_spans_only`): a row of another label there would count it twice.

    doc (Doc): A document after `extractor_entities` (no-op without mentions).
    new (list[MentionRow]): Rows from `speaker_mentions`.
    """
    if has_rows(doc, "mentions"):
        link_mentions(doc, new, new_spans_only=True)
