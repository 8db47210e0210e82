"""Who speaks: find a cue's speaker phrase and resolve it to a document entity.

Named speakers resolve to the mention they overlap. Pronouns resolve to the
most recent compatible actor, preferring grammatical subjects (the centering
heuristic: "Smith said Jones resigned. 'It hurts,' he said" is Smith).
Nominal speakers ("the spokesman") resolve only on evidence in the text (a
role of the entity, an apposition or title seen earlier, a unique entity
whose name holds the noun); otherwise they stay unresolved, never guessed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from extractor.components.extensions import link_mention, rows_of
from extractor.components.rules.cues import dep_family, has_parse, noun_phrase, sentence_index, sentences
from extractor.components.rules.names import kind_of, match_key, name_key, name_tokens, surname
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
# Right-hand dependents that extend a speaker phrase: "the Minister of
# Interior Kofi Mensah", "The harbour master, Colin Teague".
SPEAKER_RIGHT = {"appos", "flat", "compound", "nmod", "nn"}
# Prepositions of a speaker's own noun phrase ("Shop owners in the city's
# historic centre", "The utility behind the project").
SPEAKER_CASES = {"of", "for", "at", "in", "from", "behind"}
# Modifier labels: a token with one is part of the noun phrase even when a
# tagger calls it a verb ("Shop owners", "forced redundancies").
MODIFIER_DEPS = {"compound", "amod", "flat", "nn"}
MAX_SPEAKER_TOKENS = 14
# A subject this many sentences back still wins over a more recent non-subject.
SUBJECT_WINDOW = 3


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


def subject_of(cue: Token, depth: int = 2) -> Token | None:
    """The subject of a cue verb, inherited through conj/advcl/xcomp
    ("condemned the killing, saying that …") and relative pronouns."""
    if not has_parse(cue.doc):
        return None
    for child in cue.children:
        if dep_family(child) == "nsubj":
            if child.lower_ in RELATIVE:
                # "Brandt, who heads the union, said": the antecedent speaks.
                return cue.head if dep_family(cue) == "relcl" else antecedent(child)
            return child
    if depth and dep_family(cue) in ("conj", "advcl", "xcomp") and cue.head is not cue:
        return subject_of(_governor(cue), depth - 1)
    return None


def _governor(cue: Token) -> Token:
    # "X denied that the expansion would worsen … and said it would …": a
    # parser may hang the second cue on the first cue's reported clause. The
    # conjoined cue shares the first cue's subject, never the clause's.
    head = cue.head
    if dep_family(cue) == "conj" and dep_family(head) == "ccomp" and head.head is not head:
        return head.head
    return head


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
    """True for the head of a time expression ("Last year", "on Sunday")."""
    return (
        token.ent_type_ in ("DATE", "TIME")
        or (token.lemma_ or token.lower_).lower() in TEMPORAL
        or token.lower_ in TEMPORAL
    )


def speaker_phrase(token: Token) -> Span | None:
    """The full noun phrase of a speaker token: compounds, flat names,
    appositions and "of"/"for" chains ("A spokesman for the Ministry of
    Interior", "The harbour master, Colin Teague"). A fragment of a larger
    phrase ("of Interior") grows to the phrase that holds it.

    token (Token): The subject (or other speaker) token.
    RETURNS (Span | None): The phrase, or None for a time, a relative pronoun
        or punctuation, which cannot speak.
    """
    if token.lower_ in RELATIVE or not token.is_alpha and token.pos_ != "PROPN":
        return None
    head = _phrase_head(token) if has_parse(token.doc) else token
    if is_temporal(head):
        return None
    start, end = noun_phrase(head).start, _phrase_end(head, noun_phrase(head).end)
    return clean_speaker(_clip(token.doc, start, min(end, start + MAX_SPEAKER_TOKENS), head.i))


def _clip(doc: Doc, start: int, end: int, head: int) -> Span:
    # A misparse can hang a whole clause on the name ("He insisted … ,” Hale
    # told"); a speaker phrase never holds a verb, quote mark or line break.
    def stop(t: Token) -> bool:
        verb = t.pos_ in ("VERB", "AUX") and not (has_parse(doc) and dep_family(t) in MODIFIER_DEPS)
        return verb or t.text in ("“", "”", '"', "«", "»", ".", ";") or "\n" in t.text

    for i in range(head - 1, start - 1, -1):
        if stop(doc[i]):
            start = i + 1
            break
    for i in range(head + 1, end):
        if stop(doc[i]):
            end = i
            break
    return doc[start:end]


def _phrase_head(token: Token) -> Token:
    # Climb from a name in apposition or an "of" object to the nominal it
    # belongs to, so the phrase starts where the speaker's description does.
    while (
        token.head is not token and token.head.i < token.i and token.head.pos_ in ("NOUN", "PROPN") and _extends(token)
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
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text != ")" or doc[end - 1].is_space):
        end -= 1
    found = doc[start:end]
    return found if any(t.is_alpha for t in found) else None


class MentionIndex:
    """Mentions of a Doc (or its doc.ents when no mentions were stored),
    queried by overlap, recency and role; remembers resolved speakers."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sents = sentences(doc)
        self.entities = {e.entity_id: e for e in rows_of(doc, "entities")}
        self.mentions = sorted(self._load(), key=lambda m: (m.start, m.end))

    def _load(self) -> Iterator[_Mention]:
        offset, rows = offset_of(self.doc), rows_of(self.doc, "mentions")
        spans = [(m.start_char - offset, m.end_char - offset, m.entity_id, m.kind) for m in rows]
        if not rows:
            # A document the mentions component did not see: the kinds of the model's labels.
            spans = [(e.start_char, e.end_char, "", kind_of(e.label_)) for e in self.doc.ents]
        for start, end, entity_id, kind in spans:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            subject = has_parse(self.doc) and dep_family(span.root) == "nsubj"
            yield _Mention(start, end, entity_id, kind, subject, sentence_index(self.sents, span.start))

    def sentence_at(self, char: int) -> int:
        """Index of the sentence holding character `char`."""
        starts = [s.start_char for s in self.sents]
        return max(bisect.bisect_right(starts, char) - 1, 0)

    def overlapping(self, start: int, end: int) -> _Mention | None:
        """The longest mention overlapping [start, end)."""
        hits = [m for m in self.mentions if m.start < end and start < m.end]
        return max(hits, key=lambda m: (m.end - m.start, -m.start)) if hits else None

    def recent(self, before: int, kinds: tuple[str, ...]) -> _Mention | None:
        """Most recent compatible mention before `before`, subjects first."""
        found = [m for m in self.mentions if m.end <= before and m.kind in kinds]
        if not found:
            return None
        sent = self.sentence_at(before)
        subjects = [m for m in found if m.subject and sent - m.sentence <= SUBJECT_WINDOW]
        return (subjects or found)[-1]

    def remember(self, speaker: Speaker) -> None:
        """Make a resolved pronoun/nominal a candidate for later pronouns."""
        if speaker.entity_id or speaker.kind:
            sent = self.sentence_at(speaker.start)
            self.mentions.append(_Mention(speaker.start, speaker.end, speaker.entity_id, speaker.kind, True, sent))
            self.mentions.sort(key=lambda m: (m.start, m.end))

    def _by_surname_or_alias(self, speaker: Speaker) -> Speaker:
        """A name no mention covers ("Carrasco said", the NER missed it) resolves to
        the one entity whose name, alias or surname it is; to none when ambiguous."""
        key, last = match_key(speaker.text), (name_tokens(name_key(speaker.text)) or [""])[-1]
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
        """Resolve a speaker phrase: named, pronoun or nominal."""
        start, end, head = phrase.start_char, phrase.end_char, phrase.root
        base = Speaker(phrase.text, start, end)
        hit = self.overlapping(start, end)
        if hit is not None:
            return replace(base, entity_id=hit.entity_id, kind=hit.kind)
        if head.lower_ in PRONOUN_KINDS:
            found = self.recent(start, PRONOUN_KINDS[head.lower_])
            kind = found.kind if found else ("person" if head.lower_ in ("he", "she", "i") else "")
            speaker = replace(base, method="pronoun", kind=kind, entity_id=found.entity_id if found else "")
        elif head.pos_ == "PROPN":
            return self._by_surname_or_alias(base)
        else:
            speaker = self._nominal(base, head)
        self.remember(speaker)
        return speaker

    def _nominal(self, base: Speaker, head: Token) -> Speaker:
        lemma = (head.lemma_ or head.lower_).lower()
        found = self._by_role(lemma) or self._by_apposition(lemma, base.start) or self._by_name(lemma)
        if not found:
            return replace(base, method="nominal")
        kind = self.entities[found].kind if found in self.entities else ""
        return replace(base, method="nominal", entity_id=found, kind=kind)

    def _by_role(self, lemma: str) -> str:
        ids = {e.entity_id for e in self.entities.values() if lemma in re.split(r"[;\s]+", e.roles.lower())}
        return ids.pop() if len(ids) == 1 else ""

    def _by_name(self, lemma: str) -> str:
        # "the ministry" -> the one organization named "… Ministry …".
        ids = {
            e.entity_id
            for e in self.entities.values()
            if e.kind in ("organization", "group") and lemma in e.name.lower().split()
        }
        return ids.pop() if len(ids) == 1 else ""

    def _by_apposition(self, lemma: str, before: int) -> str:
        # "Yahya Rasool, military spokesperson for …", "spokesman John Smith",
        # "The secretary general of Nujaba, Akram al-Kaabi, …".
        ids = set()
        for token in self.doc:
            if token.idx >= before or (token.lemma_ or token.lower_).lower() != lemma:
                continue
            if not has_parse(self.doc):
                break
            links = [c for c in token.children if dep_family(c) == "appos"]
            if dep_family(token) in ("appos", "compound", "flat"):
                links.append(token.head)
            for other in links:
                hit = self.overlapping(other.idx, other.idx + len(other.text))
                if hit is not None and hit.entity_id:
                    ids.add(hit.entity_id)
        return ids.pop() if len(ids) == 1 else ""


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
    """Link `new` rows through `actors.link_mention`, which keeps
    doc._.mentions sorted and counts each row in its entity's n_mentions.
    A span already stored (named, or linked by an earlier stage) is skipped,
    because link_mention does not check for duplicates and would count it twice.

    doc (Doc): A document after `extractor_entities` (no-op without mentions).
    new (list[MentionRow]): Rows from `speaker_mentions`.
    """
    if doc._.mentions is None:
        return
    for row in new:
        if all((m.start_char, m.end_char) != (row.start_char, row.end_char) for m in doc._.mentions):
            link_mention(doc, row)
