"""Stances read from the parse: the cue, its source and its content.

A stance is what a cue that reports no clause of its own says of its source:
"She wants to leave" (an intention), "accused him of lying" (an accusation),
"called for a recount" (a request), "the poll showed a tie" (evidence). Its
content is the cue's complement without the cue, as PolNeAR annotates it
(`stance_content`, `noun_content`); its source is the cue's grammatical
subject (`stance_source`) or, for a noun, its possessor (`noun_source` in
`attribution`). `StancePatterns` holds the word lists that steer the rules
(`extractor.stance_patterns.v1`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spacy.tokens import Span, Token

from extractor.components.rules.attribution import adjacent_subject
from extractor.components.rules.cues import FINITE_TAGS, SENT_END, Lexicon, after_comma, base_forms, dep_family
from extractor.components.rules.speakers import speaker_phrase, subject_of

# Clauses hung on an object: their quotes are not a name the cue gives it.
CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "parataxis", "csubj"})

# Complements that are a stance's content; phrases with a preposition
# (obl, nmod, advcl, ClearNLP prep) count when `content_cases` has it.
CONTENT_DEPS = {"obj", "iobj", "dative", "xcomp", "ccomp", "oprd"}
CASE_DEPS = {"obl", "nmod", "advcl", "prep"}
# Labels a parser gives the predicate of "called X Y" when it hangs it on X.
PREDICATE_DEPS = {"appos", "xcomp", "amod", "nmod", "oprd", "acl"}
# Second complements that make "called X Y" predicative.
SECOND_COMPLEMENTS = {"xcomp", "oprd", "obj", "ccomp"}
# Dependents that may stand between a cue and its content ("denied outright").
LEADING_SKIP = {"prt", "advmod"}
# Dependents that end a stance's content ("condemned the killing, saying …").
STANCE_STOP = {"advcl", "parataxis", "conj", "cc", "punct", "nsubj", "nsubjpass", "aux", "auxpass", "mark", "dep"}


@dataclass(frozen=True)
class StancePatterns:
    """How the claims stage reads a stance from the parse
    (`extractor.stance_patterns.v1`).

    content_cases (frozenset[str]): Prepositions whose phrase is content ("accused X of Y").
    recipient_cues (frozenset[str]): Cues whose first object is the hearer ("told aides to wait").
    predicative_cues (frozenset[str]): Cues that need two complements ("called the plan a mistake").
    noun_cues (frozenset[str]): Cues that also count as nouns ("his call for", "her decision to").
    document_cues (frozenset[str]): Cues whose source must be a document or poll ("the poll showed").
    document_sources (frozenset[str]): Lemmas of such sources (poll, report, …).
    """

    content_cases: frozenset[str] = frozenset()
    recipient_cues: frozenset[str] = frozenset()
    predicative_cues: frozenset[str] = frozenset()
    noun_cues: frozenset[str] = frozenset()
    document_cues: frozenset[str] = frozenset()
    document_sources: frozenset[str] = frozenset()

    @classmethod
    def from_config(cls, config: Mapping[str, Iterable[str]]) -> StancePatterns:
        """Build from a config mapping of field name -> list of words.

        config (Mapping[str, Iterable[str]]): E.g. `extractor.stance_patterns.v1`;
            a name that is no field raises TypeError, which names it.
        RETURNS (StancePatterns): The patterns; a missing field is empty.
        """
        return cls(**{name: frozenset(w.lower() for w in words) for name, words in config.items()})


def noun_content(noun: Token, label: str, patterns: StancePatterns) -> tuple[int, int] | None:
    """Token range of a stance noun's content: its prepositional complements
    ("support for X", "criticism of X") and infinitive ("decision to X"),
    without the preposition of a phrasal entry ("call for").

    noun (Token): The stance noun.
    label (str): Its lexicon entry.
    patterns (StancePatterns): The content rules.
    RETURNS (tuple[int, int] | None): (start, end) tokens, or None.
    """
    _, _, particle = label.partition(" ")
    parts = [c for c in noun.rights if _noun_complement(c, particle, patterns)]
    if not parts:
        return None
    # A noun's content comes after its preposition ("criticism of [X]").
    case = _case_word(parts[0]) if dep_family(parts[0]) != "acl" else None
    start, end = _after_particle(parts[0], case or ""), parts[-1].right_edge.i + 1
    return (start, end) if end > start else None


def _noun_complement(child: Token, particle: str, patterns: StancePatterns) -> bool:
    family, case = dep_family(child), _case_word(child)
    if family == "acl":
        return case == "to" or any(c.lower_ == "to" and dep_family(c) == "mark" for c in child.children)
    return family in ("nmod", "prep") and case is not None and (case == particle or case in patterns.content_cases)


def stance_label(tok: Token, lexicon: Lexicon) -> str | None:
    """The stance entry `tok` matches. "called for reform" is "call for",
    but "calling it a disgrace for weeks" is "call": a phrasal reading needs
    its preposition right after the cue (or its adverb).

    tok (Token): A token.
    lexicon (Lexicon): The stance cues.
    RETURNS (str | None): The entry, or None when `tok` is no stance cue.
    """
    label = lexicon.match(tok)
    verb, _, particle = (label or "").partition(" ")
    if not particle or verb not in lexicon.single:
        return label
    nxt = tok.i + 1
    while nxt < len(tok.doc) and tok.doc[nxt].pos_ == "ADV":
        nxt += 1
    return label if nxt < len(tok.doc) and tok.doc[nxt].lower_ == particle else verb


def stance_source(cue: Token) -> Span | None:
    """The source of a stance: the cue's grammatical subject (inherited
    through conj/xcomp/advcl and relative pronouns), before the cue. Unlike
    a quote's speaker, no layout guess: "the council's appointed members"
    has no subject, so no stance.

    cue (Token): The stance cue.
    RETURNS (Span | None): The subject's phrase, or None.
    """
    subject = subject_of(cue) or named_agent(cue)
    if subject is None:
        # A finite verb right after a noun phrase has it as subject even when
        # the parse hung the phrase elsewhere ("On Twitter, Dorothy Poynter called …").
        return adjacent_subject(cue) if cue.tag_ in FINITE_TAGS else None
    if subject.i > cue.i or subject.sent != cue.sent:
        return None
    return speaker_phrase(subject)


def named_agent(cue: Token) -> Token | None:
    """The name a cue the parser hung on it as a modifier has as its agent:
    "Hillary Clinton called on Congress to act" (a past tense right after
    the name), "Garrick, a Calder ally, called the rules “fair”" (a past tense
    tagged as participle, set off from the name by its apposition, with an
    object), or the absolute "with Sen. Ada Marsh calling it a “paper
    shield”". A common noun is no agent ("ads attacking Marsh", "a video posted
    online"), nor is a name a present participle merely describes
    ("Democrats seeking the governorship", "Calder, echoing Brenner": PolNeAR
    train annotates few of those).

    cue (Token): A stance cue.
    RETURNS (Token | None): The name's head token, or None.
    """
    name = cue.head
    if dep_family(cue) != "acl" or name.pos_ != "PROPN" or name.i > cue.i:
        return None
    if cue.tag_ == "VBD" and not any(t.pos_ in ("VERB", "AUX") for t in cue.doc[name.i + 1 : cue.i]):
        return name  # a past tense is no reduced relative: the parse slipped
    if cue.tag_ == "VBG":
        return name if any(c.lower_ == "with" and c.i < name.i for c in name.children) else None
    has_object = any(dep_family(c) == "obj" for c in cue.children)
    return name if cue.tag_ in ("VBN", "VBD") and after_comma(cue) and has_object else None


def source_fits(phrase: Span, label: str, patterns: StancePatterns) -> bool:
    """Whether `phrase` may be the source of cue `label`: "The poll showed a
    tie" but not "She showed the letter", as evidence cues need a document
    or poll as their source.

    phrase (Span): The source phrase.
    label (str): The stance entry.
    patterns (StancePatterns): The document cues and sources.
    RETURNS (bool): True when the source fits.
    """
    if label.partition(" ")[0] not in patterns.document_cues:
        return True
    return any(base_forms(tok) & patterns.document_sources for tok in phrase)


def stance_content(cue: Token, label: str, patterns: StancePatterns) -> tuple[int, int] | None:
    """Token range of a stance's content: the cue's complements to its right
    (objects, infinitives, clauses and the phrases of `content_cases`:
    "accused X of Y"), without the cue, its particle ("called for X") or the
    hearer of "told X to …"; PolNeAR's contents leave the cue out too.

    cue (Token): The stance cue.
    label (str): Its lexicon entry ("call for").
    patterns (StancePatterns): The content rules.
    RETURNS (tuple[int, int] | None): (start, end) tokens; None when the cue
        has no complement, or a predicative cue ("called X Y") only one.
    """
    verb, _, particle = label.partition(" ")
    parts = _complements(cue, particle, patterns)
    if verb in patterns.recipient_cues:
        # "told aides to wait": the content is what they were told, and a
        # hearer alone ("told reporters") is no content.
        while parts and dep_family(parts[0]) not in ("xcomp", "ccomp"):
            parts = parts[1:]
    predicative = verb in patterns.predicative_cues and not particle
    quoted_end = _quoted_predicate_end(parts[0]) if parts and predicative else None
    if not parts or (predicative and not _predicative(parts) and quoted_end is None):
        return None
    doc = cue.doc
    limit = cue.sent.end if doc.has_annotation("SENT_START") else len(doc)
    start, end = _after_particle(parts[0], particle), min(max(parts[-1].right_edge.i + 1, quoted_end or 0), limit)
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and not doc[end - 1].is_quote:
        end -= 1
    return (start, end) if end > start else None


def _predicative(parts: list[Token]) -> bool:
    # "called the plan reckless" (object and xcomp), or a parse that hung the
    # predicate on the object ("called the remark “hurtful”").
    # "called a strike for Monday": a time or purpose phrase is no predicate.
    if any(_case_word(p) == "as" or dep_family(p) in SECOND_COMPLEMENTS for p in parts[1:]):
        return True
    return any(_predicate_of_object(c) for c in parts[0].rights)


def _quoted_predicate_end(obj: Token) -> int | None:
    """Where a quoted name the cue gives its object ends, however the parse
    hangs it: inside the object ("called the governor “the cartel’s best
    friend”") or right after it ("called his conduct ''deeply
    reckless''"). Quotation marks make the name a predicate where the parse
    shows a single object.

    obj (Token): The cue's first complement.
    RETURNS (int | None): The end token (after the closing mark), or None.
    """
    doc, after = obj.doc, obj.right_edge.i + 1
    if any(_opens_name(t, obj) for t in doc[obj.left_edge.i + 1 : after]):
        return after
    if after >= len(doc) or not doc[after].is_quote or doc[after - 1].text[-1:] in SENT_END:
        return None
    close = next((t.i for t in doc[after + 1 : obj.sent.end] if t.is_quote), None)
    return close + 1 if close is not None and close > after + 1 else None


def _opens_name(mark: Token, obj: Token) -> bool:
    # A quote mark of the object's own words, not of a clause hung on it ("a
    # sign which read “…”") nor one closing the sentence ("… Obama. ''").
    if not mark.is_quote or mark.doc[mark.i - 1].text[-1:] in SENT_END:
        return False
    token = mark
    while token.i != obj.i and token.head.i != token.i:
        if dep_family(token) in CLAUSE_DEPS:
            return False
        token = token.head
    return token.i == obj.i


def _predicate_of_object(child: Token) -> bool:
    # A bare predicate ("“offensive”") or an "as" phrase ("the field as
    # “all very good”"), hung on the object.
    case = _case_word(child)
    return case == "as" or (dep_family(child) in PREDICATE_DEPS and case is None)


def _complements(cue: Token, particle: str, patterns: StancePatterns) -> list[Token]:
    # The cue's right dependents from its first complement on: an adverb or
    # particle may come first ("denied outright that …"); once the content
    # has begun, its modifiers belong to it ("showed a lead for Calder with
    # 46 percent"), and a clause break ends it ("condemned the killing, saying …").
    found: list[Token] = []
    rights = list(cue.rights)
    for i, child in enumerate(rights):
        if _is_complement(child, particle, patterns) or (found and not _ends_content(child)):
            found.append(child)
        elif found and _coordinates_object(rights[i:]):
            found.append(child)  # "supported Cruz, and Fiorina": a second object
        elif found and child.text == "," and i + 1 < len(rights) and _is_complement(rights[i + 1], particle, patterns):
            continue  # "accused one of the reporters, Ana Ruiz, of ignoring …"
        elif found or dep_family(child) not in LEADING_SKIP:
            break
    return found


def _coordinates_object(rights: list[Token]) -> bool:
    # A comma or "and"/"or" before a noun the parser made the cue's conjunct
    # joins a second object to the first; a verb there is the source's next act.
    for child in rights:
        if child.is_punct and child.text == "," or dep_family(child) == "cc":
            continue
        return dep_family(child) == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON", "NUM")
    return False


def _ends_content(child: Token) -> bool:
    # A clause break ends the content ("condemned the killing, saying …"),
    # but an adverbial clause run on without a comma continues it ("declined
    # a question about whether she would run", "recalled the mood when the
    # city won the bid": 25 more attributions matched on PolNeAR train, 23
    # fewer rows), as does an infinitive, even when a parser labels it advcl
    # ("called for X to release the minutes": "to" is a mark in UD, an aux
    # in ClearNLP).
    family = dep_family(child)
    if family == "advcl" and (_infinitive(child) or not _set_off(child)):
        return False
    return family in STANCE_STOP


def _infinitive(clause: Token) -> bool:
    return any(c.lower_ == "to" and dep_family(c) in ("mark", "aux") for c in clause.children)


def _set_off(clause: Token) -> bool:
    # Whether a comma, dash or other break opens the phrase `clause` heads
    # (a parser may hang it inside or outside the phrase).
    doc, left = clause.doc, clause.left_edge.i
    return left == 0 or any(t.is_space or t.is_punct and not t.is_quote for t in doc[left - 1 : left + 1])


def _is_complement(child: Token, particle: str, patterns: StancePatterns) -> bool:
    family = dep_family(child)
    if family in CONTENT_DEPS:
        return True
    if family not in CASE_DEPS:
        return False
    case = _case_word(child)
    if family == "advcl":
        # "accused him of lying", "described it as good", never "as voters waited".
        gerund = case in ("of", "for") and child.lower_.endswith("ing")
        subject = any(dep_family(c) in ("nsubj", "nsubjpass") for c in child.children)
        return case is not None and (case == particle or gerund or case == "as" and not subject)
    return case is not None and (case == particle or case in patterns.content_cases)


def _case_word(child: Token) -> str | None:
    # ClearNLP: the preposition heads its phrase; UD: it hangs from the noun.
    if dep_family(child) == "prep":
        return child.lower_
    marks = [c for c in child.children if dep_family(c) in ("case", "mark") and c.i < child.i]
    return marks[0].lower_ if marks else None


def _after_particle(first: Token, particle: str) -> int:
    # "called for more troops": the content starts after "for".
    doc, start = first.doc, first.left_edge.i
    if dep_family(first) == "prep" and first.lower_ == particle:
        start = first.i + 1
    elif particle and doc[start].lower_ == particle:
        start += 1
    while start < first.right_edge.i and doc[start].is_punct and not doc[start].is_quote:
        start += 1
    return start
