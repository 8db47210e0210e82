"""Reported (indirect) speech: the clauses that cues and speech nouns govern.

The clause a cue governs: `X said (that) …` (ccomp) and `…, he pointed out`
(UD parataxis), with the slips a small parser makes repaired; the
that-clause of a speech noun with a source (`his claim that …`, `the
ministry's statement that …`); and layouts that need no parse: the headline
or transcript `Name: what they said`, `according to X, …`, a finding "in
the poll". A clause opening with a subordinator (`when`, `after`, …) is no
reported speech of its own. Speakers come from `rules.attribution`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice, takewhile

import numpy
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from extractor.components.rules.attribution import (
    LAYOUT_WINDOW,
    RECIPIENT_CUES,
    RUN_CASES,
    Attribution,
    according_to,
    is_mark,
    mark_count,
    np_word,
    paragraph_ceiling,
    paragraph_floor,
    speaker_for,
    time_word,
)
from extractor.components.rules.cues import (
    FINITE_TAGS,
    SENT_END,
    Lexicon,
    base_forms,
    cue_candidates,
    dep_family,
    has_parse,
    is_any,
    is_verb,
    noun_indices,
    noun_phrase,
    paragraph_window,
    token_array,
    token_memo,
)
from extractor.components.rules.speakers import (
    MAX_SPEAKER_TOKENS,
    NP_WORDS,
    RELATIVE,
    clean_speaker,
    is_temporal,
    present_participle,
    speaker_phrase,
    subject_of,
)

# Words that join a second speaker's statement to a reported clause
# ("…, but half said …", "…, while a third found …").
JOINING_CONJUNCTIONS = {"and", "but", "while", "whereas", "although", "though", "yet"}
# Cues whose speaker may follow them past the clause ("…, said Wilcox", "…, wrote Lee").
INVERTING_CUES = {"say", "add", "write"}
# Labels a small parser gives a reported clause instead of ccomp.
CLAUSE_DEPS = {"xcomp", "advcl", "parataxis", "obj", "obl", "conj"}
# Punctuation that ends the stretch between a cue and its reported clause
# (hyphens do not: "the so-called coalition").
CLAUSE_BREAK = {",", ";", ":", ".", "!", "?", "(", ")", "—", "–"}
# The longest source name of "Name: what they said" (a headline, a transcript).
COLON_NAME_TOKENS = 6
# Words of page labels that look like such a name ("Editor's note:").
COLON_LABELS = {
    "note",
    "update",
    "updated",
    "correction",
    "clarification",
    "related",
    "photo",
    "video",
    "source",
    "excerpt",
    # Headline kickers ("BREAKING:", "WATCH:", "A reminder:").
    "breaking",
    "exclusive",
    "watch",
    "listen",
    "look",
    "boom",
    "bombshell",
    "reminder",
}
# Nouns of polls: a finding "in the survey" is the survey's (`_survey_clause`).
# Singular only: "slid in the polls" is standing, not a finding.
SURVEY_NOUNS = {"poll", "survey"}
# Common nouns that, as a headline's label, name its source as a name would
# ("Poll: …", "Newspaper: …", "Insiders: …"; on PolNeAR train, 6 more
# attributions matched for 6 more rows).
LABEL_SOURCES = {
    "aides",
    "analysts",
    "critics",
    "experts",
    "insiders",
    "newspaper",
    "officials",
    "poll",
    "report",
    "sources",
    "study",
    "survey",
}
# Labels of a phrase hung on the cue that may run on from its clause.
RUN_ON_DEPS = {"advcl", "obl", "xcomp", "nmod", "prep", "npadvmod", "dep", "acl"}
# Modals of reported speech, shifted back to the past ("said the plan was
# sound and would pass"): a verb the parser conjoined to the cue that opens
# with one continues the reported clause (`_backshifted_conjunct`).
BACKSHIFTED = {"would", "could", "might", "should"}
# Labels of a speech noun's that-clause ("his claim that …").
NOUN_CLAUSE_DEPS = {"acl", "ccomp", "appos"}
# Methods whose content is a word standing for what was said ("said so",
# "said the same"): no clause, so no predicate to ask for.
WORD_CONTENT_METHODS = {"pro_clause"}
# Words that open an adverbial clause: "said when she walked in" reports no
# speech, and "says X can't move forward until Y" is one clause, not two.
SUBORDINATORS = {
    "after",
    "although",
    "as",
    "because",
    "before",
    "once",
    "since",
    "so",
    "though",
    "unless",
    "until",
    "when",
    "whenever",
    "where",
    "while",
}


def reported_clauses(doc: Doc, cues: Lexicon) -> Iterator[tuple[Attribution, int, int]]:
    """Clauses of reported speech as (attribution, first token, end token):
    from the parse (ccomp, parataxis), else from the token layouts
    `X said … that …` and `…, he pointed out.`"""
    parsed = has_parse(doc)
    for i in _clause_candidates(doc, parsed):
        tok = doc[i]
        if tok.lower_ == "according":
            yield from _according_clause(tok)
        noun = cues.match_noun(tok) if parsed else None
        if noun:
            yield from _noun_clauses(tok, noun)
        if tok.text == ":":
            yield from _colon_clause(tok)
        if parsed and tok.lower_ in SURVEY_NOUNS:
            yield from _survey_clause(tok)
        label = cues.match(tok)
        if not label or dep_family(tok) == "amod":
            continue  # "told the Ledger in a written statement": an adjective, no cue
        window = paragraph_window(doc[tok.i : tok.i + 1])
        found = (join_continuations(doc, list(_dep_clauses(tok, cues))) if parsed else []) or list(_layout_clauses(tok))
        for start, end, method in found:
            if method == "run_on_that_clause":
                window = doc[window.start : end]
            # A trailing cue's speaker is the phrase between its clause's comma and it.
            trailing = doc[end + 1 : tok.i] if method == "trailing_clause" else None
            start = max(start, window.start)
            if _participle_adjunct(doc[start], tok):
                # "Asked about the plan, …": what the clause holds past the adjunct
                # and its comma, before the cue ("…, the aides were “furious,” Lee
                # said") or after it ("…, Lee said, “…”"); nothing if neither.
                after = doc[start].right_edge.i + 1
                if after < len(doc) and doc[after].text == ",":
                    after += 1
                if after < min(end, parenthesis_start(tok)):
                    start = after
                elif end > tok.i + 1:
                    start = tok.i + 1
                else:
                    continue
            end = before_participle_cue(doc, start, min(end, window.end), cues.match)
            end = _before_second_speaker(doc, start, end, cues.match)
            end = close_fragment(doc, start, end, window.end)
            start, end = trim_clause(doc, start, end)
            if method not in WORD_CONTENT_METHODS and (end - start < 2 or not _has_predicate(doc[start:end])):
                continue
            clause = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
            speaker = speaker_for(tok, clause if method != "parenthetical" else (tok.idx, tok.idx))
            if trailing is not None:
                speaker = clean_speaker(trailing) or speaker
            if speaker is not None and (method == "parenthetical" or not start <= speaker.start < end):
                yield Attribution(tok, label, speaker, method), start, end


# Relative adverbs: the clause they open describes a place or a time, and
# its cue reports nothing of the sentence it hangs on.
PLACE_AND_TIME_RELATIVES = {"where", "when", "whereupon"}
# Words that link a sentence to the one before; a cue set off by commas
# after one of them still reports the sentence around it (`is_parenthetical`).
CONNECTIVES = {"and", "but", "yet", "still", "so", "now", "however", "indeed", "of course", "after all"}
# What a parser makes of a participle phrase before its cue.
ADJUNCT_CLAUSES = {"ccomp", "advcl", "parataxis", "xcomp", "root"}


def _participle_adjunct(first: Token, cue: Token) -> bool:
    """Whether a clause opens with a past participle phrase that sets the
    scene for its cue ("Asked about the plan, Lee said …", "Reached by
    phone, …"): a participle (a small tagger may call "Asked" a past tense)
    with no subject, heading a clause of its own, that ends before the cue's
    phrase. A parser may make it the cue's clause. A present participle
    sets the scene only for a cue that leads into a quote ("Speaking to
    supporters, Lee said: “…”"); before a cue that ends the sentence, it is
    what was said ("Remarking upon her “empathy,” Starr said."), and "Riding
    alone, they said, can be hazardous" reports its gerund.
    """
    past = first.tag_ in ("VBN", "VBD")
    present = present_participle(first) and first.head.i == cue.i and _leads_into_quote(cue)
    if not (past or present) or first.i >= cue.i or dep_family(first) not in ADJUNCT_CLAUSES:
        return False
    has_subject = any(dep_family(c) in ("nsubj", "nsubjpass", "expl") for c in first.children)
    return not has_subject and first.right_edge.i < parenthesis_start(cue)


def _leads_into_quote(cue: Token) -> bool:
    # "said: …", "said, “…": a colon, or a comma and an opening mark, right after the cue.
    doc, after = cue.doc, cue.i + 1
    if after < len(doc) and doc[after].text == ":":
        return True
    return after + 1 < len(doc) and doc[after].text == "," and is_mark(doc[after + 1])


def before_participle_cue(doc: Doc, start: int, end: int, is_cue: Callable[[Token], object]) -> int:
    """Where a clause or stance ends before a participle cue set off by a
    comma or dash ("a curfew on teenagers entering the park, citing fears of
    vandalism"; "…, arguing, “…”"; "“too costly,” arguing …") or joined
    by "and" ("stating the plan would fail and arguing for cuts"): the
    participle reports a statement of its own, however the parse hangs it.

    doc (Doc): The document.
    start (int): The content's first token.
    end (int): Its end token (exclusive).
    is_cue (Callable[[Token], object]): Whether a participle is a cue (`Lexicon.match`).
    RETURNS (int): The new end token.
    """
    for i in range(start + 1, end):
        tok = doc[i]
        if not present_participle(tok) or not is_cue(tok):
            continue
        before = i - 1
        while before > start and doc[before].pos_ == "ADV":
            before -= 1
        if doc[before].text in (",", "—", "–", "--"):
            return before
        # "… “too costly,” arguing …": the comma inside the closing mark.
        if is_mark(doc[before]) and before - 1 > start and doc[before - 1].text == ",":
            return before + 1
        # "… would fail and arguing for cuts": a second participle cue.
        if doc[before].pos_ == "CCONJ" and before > start:
            return _with_comma(doc, start, before)
    return end


def _before_second_speaker(doc: Doc, start: int, end: int, is_cue: Callable[[Token], object]) -> int:
    """Where a clause ends before a second speaker's cue joined to it by a
    conjunction ("…, but half said they want …", "…, while a third found
    it a deterrent"): that cue, with a subject of its own right after the
    conjunction, reports a statement of its own. A cue whose subject opens
    the clause or follows anything else ("said the museum had concluded
    that …", "the plan, which aides said …", a parenthetical "…, experts
    say, …") is reported speech inside the first.

    doc (Doc): The document.
    start (int): The clause's first token.
    end (int): Its end token (exclusive).
    is_cue (Callable[[Token], object]): Whether a token is a cue (`Lexicon.match`).
    RETURNS (int): The new end token.
    """
    for i in range(start + 1, end):
        tok = doc[i]
        if not is_cue(tok):
            continue
        subject = next((c for c in tok.children if dep_family(c) in ("nsubj", "nsubjpass")), None)
        if subject is None or not start < subject.left_edge.i < tok.i:
            continue
        joint = subject.left_edge.i - 1
        if doc[joint].lower_ in JOINING_CONJUNCTIONS:
            return _with_comma(doc, start, joint)
    return end


def _with_comma(doc: Doc, start: int, conjunction: int) -> int:
    # Where a clause ends before a conjunction: at the comma before it, if any.
    return conjunction - 1 if conjunction > start and doc[conjunction - 1].text == "," else conjunction


def _clause_candidates(doc: Doc, parsed: bool) -> list[int]:
    # The tokens the loop of `reported_clauses` can act on, ascending:
    # "according", nouns (with a parse), "poll" (a tagger's proper noun in
    # "the new Gazette-WKLN poll"), colons and possible cues.
    according, colon = get_string_id("according"), get_string_id(":")
    surveys = [get_string_id(noun) for noun in sorted(SURVEY_NOUNS)]
    array = token_array(doc)
    found = set(cue_candidates(doc))
    words = (array[:, 2] == according) | (array[:, 4] == colon) | is_any(array[:, 2], surveys)
    found.update(numpy.flatnonzero(words).tolist())
    if parsed:
        found.update(noun_indices(doc))
    return sorted(found)


def _colon_clause(colon: Token) -> Iterator[tuple[Attribution, int, int]]:
    # Headlines and transcripts: "Keller: The levy is hurting the
    # harbor." A name (a few noun-phrase words, one of them a proper noun)
    # opening a paragraph, then a colon, then what that source says.
    # The label speaks to the end of its paragraph, however many sentences
    # (and however a parser splits "Calder: My budget can still change").
    doc, floor = colon.doc, paragraph_floor(colon)
    name = [t for t in doc[floor : colon.i] if not t.is_space]
    if not 1 <= len(name) <= COLON_NAME_TOKENS or not any(_label_name(t) for t in name):
        return
    if not all(np_word(t) or t.lower_ in ("'s", "’s", ".", "&") for t in name):
        return
    if any(t.lower_ in COLON_LABELS for t in name):
        return  # "Editor's note:", "UPDATE:", "Photo:" label the text, nobody says it
    start, end = trim_clause(doc, colon.i + 1, paragraph_ceiling(colon))
    speaker = clean_speaker(doc[name[0].i : name[-1].i + 1])
    if speaker is not None and end - start >= 3 and _has_predicate(doc[start:end]):
        yield Attribution(colon, ":", speaker, "colon_layout"), start, end


def _label_name(token: Token) -> bool:
    # A proper noun, a transcript's capitals ("BOULDUAN:"), which a tagger
    # reads as anything, or a source noun ("Poll:"); not an interview's "Q:"
    # and "A:", which name no one.
    capitals = len(token.text) > 1 and token.text.isalpha() and token.text.isupper()
    return capitals or token.pos_ == "PROPN" and len(token.text) > 1 or token.lower_ in LABEL_SOURCES


def _noun_clauses(noun: Token, label: str) -> Iterator[tuple[Attribution, int, int]]:
    # "his claim that the vote was rigged", "the ministry's statement that
    # …": the that-clause of a speech noun, said by the noun's source.
    source = noun_source(noun)
    if source is None:
        return
    found = [
        (c.left_edge.i, c.right_edge.i + 1)
        for c in noun.rights
        if dep_family(c) in NOUN_CLAUSE_DEPS and _that_clause(c)
    ]
    for start, end in found or _noun_layout(noun):
        start, end = trim_clause(noun.doc, start, end)
        if end - start >= 2 and _has_predicate(noun.doc[start:end]) and not start <= source.start < end:
            yield Attribution(noun, label, source, "noun_clause"), start, end


def _noun_layout(noun: Token) -> Iterator[tuple[int, int]]:
    # The parse lost the clause: "Calder's statement earlier this month that
    # tenants …" still reads as one by word order, up to the sentence end;
    # "the claim that was made" is a relative clause (a verb follows "that").
    doc, i = noun.doc, noun.i + 1
    window = paragraph_window(doc[noun.i : noun.i + 1])
    while i < window.end and i <= noun.i + 4 and (is_temporal(doc[i]) or doc[i].pos_ in ("ADV", "DET")):
        i += 1
    if i + 1 < window.end and doc[i].lower_ == "that" and doc[i + 1].pos_ not in ("VERB", "AUX", "ADV"):
        yield i + 1, window.end


def _that_clause(head: Token) -> bool:
    # A complement clause: "that" and a subject of its own (a relative
    # clause, "the claim that was made", has "that" as its subject).
    children = list(head.children)
    marked = any(c.lower_ == "that" and dep_family(c) == "mark" for c in children)
    return marked and any(dep_family(c) in ("nsubj", "nsubjpass") for c in children)


def noun_source(noun: Token) -> Span | None:
    """The source of a speech or stance noun: its possessor ("Calder's
    claim", "his call for"), a "by" phrase ("a statement by the ministry"),
    or the subject of the verb it is the object of ("the ministry issued a
    statement that …").

    noun (Token): The cue noun.
    RETURNS (Span | None): The source phrase, or None.
    """
    for child in noun.children:
        if dep_family(child) == "poss":
            return speaker_phrase(child)
    for child in noun.rights:
        if dep_family(child) == "prep" and child.lower_ == "by":
            objects = [c for c in child.children if dep_family(c) == "pobj"]
            return speaker_phrase(objects[0]) if objects else None
        if dep_family(child) in ("nmod", "obl") and any(c.lower_ == "by" for c in child.children if c.i < child.i):
            return speaker_phrase(child)
    subject = subject_of(noun.head) if dep_family(noun) in ("obj", "obl") else None
    return speaker_phrase(subject) if subject is not None and subject.i < noun.i else None


def _has_predicate(clause: Span) -> bool:
    # A verb, or a token the parser made a clause head although the tagger
    # called it a noun ("the rule unfairly targets small farms").
    return any(t.pos_ in ("VERB", "AUX") or dep_family(t) == "ccomp" for t in clause)


def _dep_clauses(cue: Token, cues: Lexicon) -> Iterator[tuple[int, int, str]]:
    for child in cue.children:
        if _relative(cue, child):
            continue  # "said Prime Minister X, who chaired the meeting"
        if dep_family(child) == "ccomp" and not _time_phrase(child):
            start, end = child.left_edge.i, clause_end(child, cues)
            end = _run_on(cue, end, cues) if child.i > cue.i else end
            end = _past_a_gerund_subject(child, end)
            yield (
                (*_parenthetical(cue, start, end), "parenthetical")
                if is_parenthetical(cue)
                else (_split_subject_start(cue, child) or _after_cue(cue, child), end, "dep_ccomp")
            )
        elif dep_family(child) == "parataxis" and child.i > cue.i and is_mark(child.left_edge):
            # "argued the Harbor Line tunnel, which …, “wouldn't last a winter”
            # without …": the object is the subject of a quoted clause.
            subject_start = _split_subject_start(cue, child)
            if subject_start is not None:
                yield subject_start, clause_end(child, cues), "dep_ccomp"
        elif _misplaced_clause(cue, child, cues):
            # A finite clause with its own subject, mislabelled by a small parser.
            yield _after_cue(cue, child), child.right_edge.i + 1, "dep_clause"
        elif (past := _past_tense_on_object(cue, child)) is not None:
            yield child.left_edge.i, past.right_edge.i + 1, "dep_clause"
        elif (told := _clause_on_hearer(cue, child)) is not None:
            yield told.left_edge.i, clause_end(told, cues), "dep_clause"
    yield from _paratactic_clauses(cue)
    yield from _pro_clause(cue)
    yield from _as_clause(cue)


def _time_phrase(clause: Token) -> bool:
    # "Lee said last month on the radio, “that …”": a parser that makes the
    # time the cue's clause leaves the quote that follows as its content.
    # A clause whose predicate is a time ("It's the first time …") has a subject.
    if clause.pos_ not in ("NOUN", "PROPN") or not is_temporal(clause):
        return False
    return not any(dep_family(c) in ("nsubj", "nsubjpass", "cop", "aux", "expl") for c in clause.children)


def _pro_clause(cue: Token) -> Iterator[tuple[int, int, str]]:
    # "31 percent said the same", "half say the same of the mayor",
    # "neither camp would say so", "everyone but Lee said yes": a word
    # standing for what was said, right after the cue.
    for child in cue.rights:
        if child.left_edge.i != cue.i + 1:
            continue
        words = [t.lower_ for t in islice(child.subtree, 2)]  # the first two words tell
        if words in (["so"], ["yes"], ["no"]) or words == ["the", "same"]:
            yield child.left_edge.i, child.right_edge.i + 1, "pro_clause"


def _clause_on_hearer(cue: Token, hearer: Token) -> Token | None:
    # "told the paper her group never met him": the reported clause,
    # with a subject of its own and no relative pronoun, read as a
    # relative clause on the hearer.
    if dep_family(hearer) not in ("obj", "iobj", "dative") or not base_forms(cue) & RECIPIENT_CUES:
        return None
    for clause in hearer.rights:
        if dep_family(clause) != "relcl":
            continue
        subject = next((c for c in clause.children if dep_family(c) in ("nsubj", "nsubjpass")), None)
        # The clause opens with its subject: no "who", "that" or "which" before it.
        if subject is not None and subject.lower_ not in RELATIVE and clause.left_edge.i == subject.left_edge.i:
            return clause
    return None


def _past_tense_on_object(cue: Token, obj: Token) -> Token | None:
    # "said foreign contractors hacked into county servers": a
    # past tense read as a participle modifying the cue's object is the
    # clause's verb, and the object its subject (not for the hearer of "told").
    if dep_family(obj) != "obj" or obj.i < cue.i or base_forms(cue) & RECIPIENT_CUES or is_temporal(obj):
        return None
    if any(dep_family(c) in ("ccomp", "parataxis") for c in cue.children):
        return None
    # A true participle leaves the clause's verb after it ("said samples
    # taken from the water matched crude oil"): then the parse is no help.
    doc = cue.doc
    verb = next((c for c in obj.rights if dep_family(c) == "acl" and c.tag_ in ("VBD", "VBN")), None)
    if verb is None or any(dep_family(c) in ("aux", "auxpass", "mark") for c in verb.children):
        return None
    after = verb.right_edge.i + 1
    if after < len(doc) and doc[after].pos_ in ("VERB", "AUX"):
        return None
    return verb if verb.left_edge.i == verb.i and obj.left_edge.i == cue.i + 1 else None


def _as_clause(cue: Token) -> Iterator[tuple[int, int, str]]:
    # "As the Ledger revealed, the council agreed …", "As reported by Eastbrook
    # Weekly, last year Dunmore …": a fronted as-clause whose cue has no
    # content of its own makes the main clause after it the source's report.
    # ("as he campaigns", "as she showed at the hearings" follow or take an object.)
    main, marker = cue.head, cue.left_edge
    if dep_family(cue) != "advcl" or marker.lower_ != "as" or main.i < cue.i or marker.i != _clause_floor(main):
        return
    if any(dep_family(c) in ("ccomp", "obj", "dobj", "xcomp") for c in cue.children):
        return
    doc, edge = cue.doc, cue.right_edge.i
    comma = edge if doc[edge].text == "," else edge + 1
    if comma < main.right_edge.i and doc[comma].text == ",":
        yield comma + 1, main.right_edge.i + 1, "as_clause"


def _clause_floor(verb: Token) -> int:
    # The first token of the verb's clause, past a sentence-opening
    # conjunction or adverb and its comma ("However, as the Ledger has reported, …").
    doc, i = verb.doc, verb.left_edge.i
    while i < verb.i and (doc[i].pos_ in ("CCONJ", "ADV") or doc[i].is_punct or doc[i].is_space):
        i += 1
    return i


def _past_a_gerund_subject(clause: Token, end: int) -> int:
    # "says losing the primary has taught her to …": a parser that
    # makes the gerund subject the whole clause leaves its predicate out; a
    # finite verb right after it, with no subject of its own, carries on.
    doc = clause.doc
    if clause.tag_ != "VBG" or end >= len(doc) or any(dep_family(c) == "nsubj" for c in clause.children):
        return end
    verb = doc[end] if doc[end].pos_ == "VERB" else doc[end].head
    if doc[end].tag_ not in ("VBZ", "VBD", "VBP", "MD") or verb.i < end:
        return end
    if any(dep_family(c) in ("nsubj", "nsubjpass") for c in verb.children):
        return end
    return verb.right_edge.i + 1


def _run_on(cue: Token, end: int, cues: Lexicon) -> int:
    # "says the councilwoman is on a steady course to winning the votes she
    # needs": a phrase the parser hung on the cue, right after the clause
    # with no comma between, continues the clause.
    for child in cue.rights:
        if _backshifted_conjunct(child, end, cues):
            end = child.right_edge.i + 1
            continue
        if child.left_edge.i != end or dep_family(child) not in RUN_ON_DEPS:
            continue
        if cues.match(child) or is_temporal(child):
            break
        end = child.right_edge.i + 1
    return end


def _backshifted_conjunct(child: Token, end: int, cues: Lexicon) -> bool:
    # "said the plan was sound and would surely pass": a verb
    # the parser conjoined to the cue, right after the clause (only "and",
    # "but" and commas between), with no subject of its own and a modal of
    # reported speech, is the clause's second predicate, not the speaker's
    # next act ("said X and left", "said X and will campaign in Ohio").
    doc = child.doc
    if dep_family(child) != "conj" or child.i < end or cues.match(child):
        return False
    between = doc[end : child.left_edge.i]
    if not all(t.is_punct or t.pos_ == "CCONJ" for t in between):
        return False
    own = {dep_family(c) for c in child.children}
    modal = any(c.lower_ in BACKSHIFTED and dep_family(c) == "aux" for c in child.children)
    return modal and not own & {"nsubj", "nsubjpass"}


def clause_end(head: Token, cues: Lexicon) -> int:
    """End token of the clause headed by `head`, before a second cue with a
    clause of its own that the parser conjoined into it: in "says she
    respects him but argues that …" and "said X, adding that …", the second
    cue is the speaker's and reports a second statement.

    head (Token): The head of a reported clause.
    cues (Lexicon): The speech cues.
    RETURNS (int): The end token (exclusive).
    """
    end = head.right_edge.i + 1
    for child in head.rights:
        if dep_family(child) not in ("conj", "advcl", "parataxis"):
            continue
        own_subject = any(dep_family(c) in ("nsubj", "nsubjpass") for c in child.children)
        own_clause = any(dep_family(c) == "ccomp" for c in child.children)
        if not own_subject and own_clause and cues.match(child):
            end = min(end, _before_coordination(child))
    return end


def _before_coordination(verb: Token) -> int:
    # Back over "but", "and" and commas to where the second verb's part starts.
    doc, i = verb.doc, verb.left_edge.i
    while i > 0 and (doc[i - 1].is_punct or doc[i - 1].pos_ == "CCONJ") and not is_mark(doc[i - 1]):
        i -= 1
    return i


def _paratactic_clauses(cue: Token) -> Iterator[tuple[int, int, str]]:
    # UD hangs the cue on the clause it reports: "…, he pointed out".
    head, doc = cue.head, cue.doc
    # The comma may sit just before the cue's phrase or, hung on its subject
    # by the parser, be the first token of it.
    comma = cue.left_edge.i if doc[cue.left_edge.i].text == "," else cue.left_edge.i - 1
    if is_parenthetical(cue) and all(_parenthetical_child(cue, c) for c in cue.children):
        # "The payments, she said, would reach …": a cue set off by commas with
        # only its subject reports the sentence around it, whatever the parser
        # hung it on (parataxis of the verb, a relative clause of the noun),
        # and whatever it hung on the cue after the second comma.
        window = paragraph_window(doc[cue.i : cue.i + 1])
        yield window.start, window.end, "parenthetical"
    elif dep_family(cue) == "parataxis" and head.i < cue.i and comma >= 0 and doc[comma].text == ",":
        # "The city may outspend …, but its progress represents good news, he
        # says": a cue hung on the last of conjoined clauses reports them all.
        while dep_family(head) == "conj" and head.head.i < head.i:
            head = head.head
        yield head.left_edge.i, comma, "dep_parataxis"


def _parenthetical_child(cue: Token, child: Token) -> bool:
    # The subject and commas, where it was said, the rest of the sentence
    # after the second comma, or a sentence adverb before the first one.
    return (
        dep_family(child) in ("nsubj", "punct")
        or child.i > cue.i + 1
        or cue.i < child.i < _past_setting(cue)
        or child.right_edge.i < parenthesis_start(cue)
    )


def _after_cue(cue: Token, clause: Token) -> int:
    # "terminals, which it says would cost …": a relative pronoun moved out of
    # a clause that follows its cue stands before the cue and its subject; the
    # clause starts after the cue, so it never holds the speaker. A clause
    # before its cue ("…, the museum said") keeps its start.
    start = clause.left_edge.i
    return cue.i + 1 if start < cue.i < clause.i else start


def _split_subject_start(cue: Token, clause: Token) -> int | None:
    # "Marsh says Calder's new rules to limit parking permits aren't worth …": a
    # small parser makes the clause's subject the cue's object, and the clause
    # (with no subject of its own) starts at its verb. Everything between the
    # cue and the clause hangs on that object or on phrases after it: the
    # clause starts at the object. Not for cues whose object is the listener
    # ("told reporters …").
    doc = cue.doc
    if clause.i < cue.i or clause.left_edge.i <= cue.i + 1 or base_forms(cue) & RECIPIENT_CUES:
        return None
    if any(dep_family(c) in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return None
    between = [c for c in cue.rights if cue.i < c.i < clause.i]
    first = doc[cue.i + 1]
    if not between or dep_family(between[0]) != "obj" or between[0].left_edge.i != cue.i + 1:
        return None
    if not np_word(between[0]) or is_temporal(between[0]) or first.is_punct:
        return None
    # The comma that closes a relative clause of the object may hang on the cue.
    covered = {t.i for c in between for t in c.subtree}
    last = clause.left_edge.i - 1
    for i in range(cue.i + 1, clause.left_edge.i):
        if i not in covered or doc[i].is_punct and doc[i].head == cue and not (i == last and doc[i].text == ","):
            return None
    return cue.i + 1


def _relative(cue: Token, clause: Token) -> bool:
    # A relative clause mislabelled as the cue's complement: its pronoun
    # follows the cue. One before the cue was moved out of the reported
    # clause ("which it says would cost …") and the clause is reported speech.
    return any(
        dep_family(c) in ("nsubj", "nsubjpass") and c.lower_ in RELATIVE and c.i > cue.i for c in clause.children
    )


def join_continuations(doc: Doc, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join a clause with no subject of its own that follows another clause of
    the same cue ("said the return was "…" and should be reviewed"): a parser
    may give the second verb of one clause its own ccomp arc.

    RETURNS (list[tuple[int, int, str]]): (start, end, method) clauses.
    """
    joined: list[tuple[int, int, str]] = []
    for start, end, method in sorted(found):
        gap = doc[joined[-1][1] : start] if joined else None
        continues = not _has_subject(doc, start, end) or _subordinated(doc, start)
        adjacent = gap is not None and all(t.is_punct or t.is_space for t in gap)
        if gap is not None and (_second_that_clause(doc, joined[-1][1], end) or adjacent and continues):
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]), joined[-1][2])
        else:
            joined.append((start, end, method))
    return joined


def _second_that_clause(doc: Doc, after: int, end: int) -> bool:
    # "said A but that B": after the first clause, only commas and a
    # conjunction, then "that" opening the second clause.
    i = after
    while i < end and (doc[i].is_punct or doc[i].is_space or doc[i].pos_ == "CCONJ"):
        i += 1
    conjunction = any(t.pos_ == "CCONJ" for t in doc[after:i])
    return conjunction and i < end and doc[i].lower_ == "that"


def _subordinated(doc: Doc, start: int) -> bool:
    # A clause opening with "until", "because", "when" … is adverbial.
    while start < len(doc) - 1 and doc[start].is_punct:
        start += 1
    return doc[start].lower_ in SUBORDINATORS


def _has_subject(doc: Doc, start: int, end: int) -> bool:
    return any(dep_family(t) in ("nsubj", "nsubjpass") and start <= t.head.i < end for t in doc[start:end])


def _misplaced_clause(cue: Token, child: Token, cues: Lexicon) -> bool:
    # A small parser labels the reported clause xcomp, advcl, parataxis, obj,
    # obl or conj. It is a clause when it has its own subject (a conj also
    # needs "that": "said X and that Y", not "said X, and Z said Y").
    family = dep_family(child)
    if child.i < cue.i or family not in CLAUSE_DEPS or cues.match(child):
        return False
    subject = any(dep_family(c) in ("nsubj", "nsubjpass") for c in child.children)
    marked = any(c.lower_ == "that" and c.i < child.i for c in child.children)
    if _subordinated(cue.doc, child.left_edge.i):
        return False  # "said when the results came in", "spoke after voters …"
    return marked and subject if family == "conj" else subject


@token_memo
def is_parenthetical(cue: Token) -> bool:
    """Whether the cue and its subject sit between commas inside the clause
    they report ("The payments, she said, would reach …", "But, she added,
    “I knew him.”"). Not when a quoted sentence follows the second comma
    after anything but a connective (`CONNECTIVES`): the cue leads into the
    quote, and what stands before it sets the scene ("As boos erupt, the
    executive says, “Please sit down.”", "In a statement, Lee said, “…”").

    cue (Token): The cue.
    RETURNS (bool): Whether the cue is parenthetical.
    """
    doc, first = cue.doc, parenthesis_start(cue)
    after = _past_setting(cue)
    return (
        first > 1
        and doc[first - 1].text == ","
        and after < len(doc)
        and doc[after].text == ","
        and not doc[first - 2].is_punct
        and not (_opens_quoted_sentence(doc, after + 1) and not _connective_before(cue, first - 1))
    )


@token_memo
def _past_setting(cue: Token) -> int:
    # Where the cue's phrase ends: past where it was said ("…, the agency
    # said in a June report, and …"), when a comma follows that. Asked per
    # child of a parenthetical cue (`_parenthetical_child`), so remembered.
    doc = cue.doc
    comma = next((t.i for t in doc[cue.i + 1 : cue.i + 1 + MAX_SPEAKER_TOKENS] if t.text == ","), None)
    return comma if comma is not None and _setting(list(doc[cue.i + 1 : comma])) else cue.i + 1


def _opens_quoted_sentence(doc: Doc, i: int) -> bool:
    # An opening mark, then a capital: “Please …”, ''I hope not.''
    return i + 1 < len(doc) and is_mark(doc[i]) and doc[i + 1].text[:1].isupper()


def _connective_before(cue: Token, comma: int) -> bool:
    # Only a connective before the first comma: "But, she added, “…”".
    start = paragraph_window(cue.doc[cue.i : cue.i + 1]).start
    words = " ".join(t.lower_ for t in cue.doc[start:comma] if not t.is_punct)
    return words in CONNECTIVES


def parenthesis_start(cue: Token) -> int:
    """Where the cue's phrase starts: its subject's first token (or its own
    first word), whatever a parser hung on it from further left ("Otherwise,
    she said, …" with "Otherwise" on the cue).

    cue (Token): The cue.
    RETURNS (int): A token index.
    """
    subject = subject_of(cue)
    return subject.left_edge.i if subject is not None and subject.i < cue.i else cue.i


def _parenthetical(cue: Token, start: int, end: int) -> tuple[int, int]:
    # The reported clause starts before the parenthesis, at the sentence start.
    window = paragraph_window(cue.doc[cue.i : cue.i + 1])
    return window.start, end


def close_fragment(doc: Doc, start: int, end: int, limit: int) -> int:
    """Extend a clause that opens a quoted fragment to its closing mark: a
    parse may end the clause at a comma inside it ("within weeks, not months").

    RETURNS (int): The new end token.
    """
    if mark_count(doc, start, end) % 2 == 0:
        return end
    for i in range(end, limit):
        if doc[i].text in SENT_END and not (i + 1 < limit and is_mark(doc[i + 1])):
            return end
        if is_mark(doc[i]):
            return i + 1
    return end


def _layout_clauses(cue: Token) -> Iterator[tuple[int, int, str]]:
    # The parse missed the clause: "X said on Sunday that …" and
    # "…, he pointed out." still mark reported speech by word order alone.
    sent = paragraph_window(cue.doc[cue.i : cue.i + 1])
    end = _before_conjoined_verb(cue, sent.end)
    for tok in cue.doc[cue.i + 1 : min(cue.i + LAYOUT_WINDOW + 3, end)]:
        if tok.lower_ == "that":
            yield tok.i + 1, end, "that_clause"
            return
        if is_mark(tok) and tok.i > cue.i + 1:
            # X said the coalition "has become …": a quoted fragment ends the clause.
            yield cue.i + 1, end, "fragment_clause"
            return
        if tok.text in CLAUSE_BREAK:
            break
    else:
        that = _that_past_a_false_break(cue, sent)
        if that is not None:
            # The clause runs to the end of the parser's sentence that holds "that".
            yield that + 1, paragraph_window(cue.doc[that : that + 1]).end, "run_on_that_clause"
            return
    yield from _bare_clause(cue, sent)
    yield from _trailing_clause(cue, sent)
    yield from _inverted_clause(cue, sent)


def _before_conjoined_verb(cue: Token, end: int) -> int:
    # A verb conjoined to the cue ("said the plan “…” on the coalition and
    # accused …") is the speaker's next act: what the cue reports ends
    # before it and its conjunction.
    for child in cue.rights:
        if dep_family(child) == "conj" and child.pos_ in ("VERB", "AUX") and child.i < end:
            i = child.left_edge.i
            while i > cue.i + 1 and (cue.doc[i - 1].pos_ == "CCONJ" or cue.doc[i - 1].text == ","):
                i -= 1
            return min(end, i)
    return end


def _hearer_word(cue: Token, token: Token) -> bool:
    # A word of the noun phrase a recipient cue ("told POLITICO") takes.
    return bool(base_forms(cue) & RECIPIENT_CUES) and (np_word(token) or token.lower_ in RUN_CASES)


def _that_past_a_false_break(cue: Token, sent: Span) -> int | None:
    # "told The Harbor Ledger Tuesday | morning that …": a small parser may
    # end a sentence where no punctuation is. Only noun phrase and time
    # words may stand between the cue and "that".
    doc = cue.doc
    if sent.end >= len(doc) or doc[sent.end - 1].is_punct or paragraph_floor(doc[sent.end]) != paragraph_floor(cue):
        return None
    for tok in doc[cue.i + 1 : min(cue.i + LAYOUT_WINDOW + 3, len(doc))]:
        if tok.lower_ == "that":
            return tok.i if tok.i >= sent.end else None
        if not (np_word(tok) or time_word(tok) or tok.lower_ in RUN_CASES):
            return None
    return None


def _trailing_clause(cue: Token, sent: Span) -> Iterator[tuple[int, int, str]]:
    # "…, the ministry's spokesman Ali Haddad said on Thursday.": the cue
    # ends the sentence, its speaker (a noun phrase) follows a comma, and
    # only a time may come after it, the hearer of "told" ("…, Transport
    # Secretary Owen Pritchard told a House panel Wednesday."), or where it
    # was said ("…, Mr. Obama said in his interview.", `_setting`).
    doc = cue.doc
    after = [t for t in doc[cue.i + 1 : sent.end] if not (t.is_punct or t.is_space) and t.lower_ not in ("out", "up")]
    commas = [t.i for t in doc[sent.start : cue.i] if t.text == ","]
    if not commas or commas[-1] <= sent.start:
        return
    if not (all(time_word(t) or _hearer_word(cue, t) for t in after) or _setting(after)):
        return
    # The comma may close a quote: "“…,” Ann Lee said" has the mark before the speaker.
    between = [t for t in doc[commas[-1] + 1 : cue.i] if t.pos_ not in ("AUX", "ADV") and not t.is_punct]
    if any(t.lower_ in PLACE_AND_TIME_RELATIVES for t in doc[commas[-1] + 1 : cue.i]):
        return  # "…, Lee said at the dinner in Salem, where Ruiz also spoke.": no speaker of the sentence
    if 1 <= len(between) <= MAX_SPEAKER_TOKENS and all(np_word(t) or t.lower_ in RUN_CASES for t in between):
        yield sent.start, commas[-1], "trailing_clause"


def _inverted_clause(cue: Token, sent: Span) -> Iterator[tuple[int, int, str]]:
    # "Federal mandates are a burden …, said Wilcox, an Orlando Republican.":
    # a finite "said", "added" or "wrote" right after the clause's comma, and
    # a name's noun phrase after it. A small parser makes the speaker the
    # cue's object and the clause its subject.
    doc, comma = cue.doc, cue.i - 1
    if comma <= sent.start + 2 or doc[comma].text != "," or is_mark(doc[comma - 1]):
        return
    if cue.tag_ in FINITE_TAGS and cue.lemma_ in INVERTING_CUES and _name_phrase(doc[cue.i + 1 : sent.end]):
        yield sent.start, comma, "inverted_clause"


def _name_phrase(words: Span) -> bool:
    # Whether `words` open with a noun phrase holding a name, up to a comma,
    # a stop or a relative pronoun ("a handful of Democrats who …").
    phrase = list(takewhile(lambda t: not t.is_punct and t.lower_ not in RELATIVE, words))
    if not phrase or len(phrase) > MAX_SPEAKER_TOKENS or phrase[0].pos_ == "PRON":
        return False
    words_fit = all(np_word(t) or t.tag_ == "POS" or t.lower_ in RUN_CASES or time_word(t) for t in phrase)
    return words_fit and any(t.pos_ == "PROPN" for t in phrase)


def _setting(words: list[Token]) -> bool:
    # Preposition phrases only: "in his interview", "at a news conference
    # on Monday", "during the debate in Ohio"; no verb, so no clause.
    return bool(words) and words[0].pos_ == "ADP" and all(t.pos_ == "ADP" or np_word(t) or time_word(t) for t in words)


def _bare_clause(cue: Token, sent: Span) -> Iterator[tuple[int, int, str]]:
    # "X said members had been left …": a clause right after the cue, when the
    # parse gave the cue no object (so not "told reporters", "urged them").
    rest = cue.doc[cue.i + 1 : sent.end]
    # An "object" followed by a verb is the clause's subject ("said the barrier would …").
    has_object = has_parse(cue.doc) and any(
        dep_family(c) in ("obj", "iobj") and not _verb_after(c) for c in cue.children
    )
    if (
        len(rest) >= 3
        and not has_object
        and not _reduced_relative(cue)
        and rest[0].pos_ in ("DET", "PRON", "PROPN", "NOUN", "NUM", "ADV", "ADJ")
        and rest[0].lower_ not in SUBORDINATORS
        and any(t.pos_ in ("VERB", "AUX") for t in rest[1:])
    ):
        yield cue.i + 1, sent.end, "bare_clause"


def _reduced_relative(cue: Token) -> bool:
    # "In a message posted Friday, Ruiz said …": a past participle hung on
    # a noun describes the noun; what follows it is no clause of its own.
    passive = cue.tag_ == "VBN" or not cue.lower_.endswith("ing")
    return has_parse(cue.doc) and dep_family(cue) == "acl" and passive


def _verb_after(token: Token) -> bool:
    # "said the barrier would …", and "said the Clintons and the foundation
    # had …" (the first of two subjects the parse made the cue's object).
    # A conjunction right before a verb joins the cue's next act ("cited a
    # poll and said …"), not a second subject.
    doc, nxt = token.doc, token.right_edge.i + 1
    if nxt + 1 < len(doc) and doc[nxt].lower_ in ("and", "or") and doc[nxt + 1].pos_ in NP_WORDS:
        nxt += 1
        while nxt < len(doc) and doc[nxt].pos_ in NP_WORDS:
            nxt += 1
    return nxt < len(doc) and doc[nxt].pos_ in ("AUX", "VERB")


def _according_clause(tok: Token) -> Iterator[tuple[Attribution, int, int]]:
    # "According to X, …" or "…, according to X": the rest of the sentence.
    phrase = according_to(tok)
    if phrase is None:
        return
    doc, sent = tok.doc, paragraph_window(tok.doc[tok.i : tok.i + 1])
    before, after = (sent.start, tok.i), (phrase.end, sent.end)
    comma = _source_comma(tok, phrase, sent)
    if comma is not None:
        # "According to a newly released poll from … University, Calder leads":
        # the source runs to its comma, whatever stopped the phrase.
        after = (comma + 1, sent.end)
        phrase = clean_speaker(doc[phrase.start : min(comma, phrase.start + MAX_SPEAKER_TOKENS)]) or phrase
    start, end = max(before, after, key=lambda r: r[1] - r[0])
    start, end = trim_clause(tok.doc, start, end)
    if end - start >= 3:
        yield Attribution(tok, "according to", phrase, "according_to"), start, end


def _survey_clause(noun: Token) -> Iterator[tuple[Attribution, int, int]]:
    # "Calder leads Brenner by 6 points, 48% to 42%, in the survey", "In the
    # new Harwell College poll, 38 percent back Marsh": a main clause's
    # finding "in" a poll is the poll's, as "according to" it would be. The
    # clause is the verb's, less the phrase of the poll, on its longer side.
    marker, verb = _in_phrase(noun)
    if marker is None or verb is None or dep_family(verb) not in ("root", "conj") or not is_verb(verb):
        return
    doc, phrase_end = noun.doc, max(noun.right_edge.i, marker.right_edge.i) + 1
    before, after = (verb.left_edge.i, marker.i), (phrase_end, verb.right_edge.i + 1)
    start, end = trim_clause(doc, *max(before, after, key=lambda r: r[1] - r[0]))
    if end - start >= 3 and _has_predicate(doc[start:end]) and start <= verb.i < end:
        yield Attribution(marker, "in", noun_phrase(noun), "in_survey"), start, end


def _in_phrase(noun: Token) -> tuple[Token | None, Token | None]:
    # The "in" of "in the poll" and the verb its phrase modifies: "in" is the
    # noun's case marker in UD, the noun's head (a prep) in ClearNLP.
    if dep_family(noun) in ("obl", "nmod"):
        marker = next((c for c in noun.children if dep_family(c) == "case" and c.lower_ == "in"), None)
        return marker, noun.head if marker is not None else None
    if dep_family(noun) == "pobj" and noun.head.lower_ == "in" and dep_family(noun.head) == "prep":
        return noun.head, noun.head.head
    return None, None


def _source_comma(tok: Token, phrase: Span, sent: Span) -> int | None:
    # The comma that ends the source of a sentence-opening "According to X, …".
    doc = tok.doc
    if any(t.is_alpha and t.pos_ not in ("CCONJ", "ADV") for t in doc[sent.start : tok.i]):
        return None
    for t in doc[phrase.end : min(phrase.start + MAX_SPEAKER_TOKENS + 4, sent.end)]:
        if t.text == ",":
            return t.i
        if is_mark(t) or t.text in SENT_END:
            return None
    return None


def trim_clause(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading complementizer ("that") and edge punctuation, but keep a
    closing quote mark whose opening mark is inside the clause."""
    while start < end and (
        doc[start].is_punct and not _opens(doc, start, end) or doc[start].is_space or _is_complementizer(doc[start])
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text != "%" or doc[end - 1].is_space):
        # Inside an open quoted fragment, its punctuation belongs to the
        # clause; a percent sign belongs to its number ("48% to 42%"). A
        # line break never does, even after a closing mark.
        if not doc[end - 1].is_space and mark_count(doc, start, end - 1) % 2 == 1:
            break
        end -= 1
    return start, end


def _opens(doc: Doc, i: int, end: int) -> bool:
    # A mark at the clause start belongs to it only when it opens a fragment
    # closed inside the clause (an odd count of marks from there on).
    return is_mark(doc[i]) and mark_count(doc, i, end) % 2 == 0


def _is_complementizer(token: Token) -> bool:
    # A clause opening with "that" is reported speech's complementizer even
    # when a small model tags it as a determiner.
    return token.lower_ == "that"
