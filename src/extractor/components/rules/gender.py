"""The grammatical gender of the people a document names, from what the
document itself says, so a pronoun speaker agrees with its antecedent ("he"
is never the "Mrs. Clinton" of the sentence before).

The evidence, counted per entity: a courtesy title ("Mr. Rogan", "Ms.
Tanzer"), a gendered role noun among the entity's roles or right before the
name ("spokeswoman Jen Psaki", "actress America Ferrera"), and the pronouns
of sentences that name no other person ("Davis said she did not …"), when
two or more such sentences agree. No list of first names: a name is not a gender, and the text is what
the speaker resolution has to agree with.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from extractor.components.rules.cues import has_sentences, is_any, sentence_bounds, sentences, token_array

FEMININE = "feminine"
MASCULINE = "masculine"
TITLES = {
    "mrs": FEMININE,
    "ms": FEMININE,
    "miss": FEMININE,
    "madam": FEMININE,
    "madame": FEMININE,
    "mme": FEMININE,
    "dame": FEMININE,
    "lady": FEMININE,
    "mr": MASCULINE,
    "sir": MASCULINE,
    "lord": MASCULINE,
}
ROLES = {
    **dict.fromkeys(
        (
            "congresswoman",
            "assemblywoman",
            "councilwoman",
            "chairwoman",
            "spokeswoman",
            "businesswoman",
            "stateswoman",
            "anchorwoman",
            "actress",
            "wife",
            "widow",
            "mother",
            "grandmother",
            "daughter",
            "sister",
            "niece",
            "aunt",
            "queen",
            "princess",
            "duchess",
            "empress",
            "heiress",
        ),
        FEMININE,
    ),
    **dict.fromkeys(
        (
            "congressman",
            "assemblyman",
            "councilman",
            "spokesman",
            "businessman",
            "statesman",
            "anchorman",
            "husband",
            "widower",
            "father",
            "grandfather",
            "son",
            "brother",
            "nephew",
            "uncle",
            "king",
            "prince",
            "duke",
            "emperor",
        ),
        MASCULINE,
    ),
}
PRONOUNS = {
    "she": FEMININE,
    "her": FEMININE,
    "hers": FEMININE,
    "herself": FEMININE,
    "he": MASCULINE,
    "him": MASCULINE,
    "his": MASCULINE,
    "himself": MASCULINE,
}
# A title or role is stated; pronouns in sentences naming only the person
# are likely, and weigh less.
STATED, LIKELY = 3, 2
_WORD = re.compile(r"[a-z]+")


def pronoun_gender(word: str) -> str:
    """The gender a pronoun asks of its antecedent ("he": masculine).

    word (str): A pronoun.
    RETURNS (str): FEMININE, MASCULINE, or "" for any other word.
    """
    return PRONOUNS.get(word.lower(), "")


def entity_genders(
    doc: Doc,
    people: Iterable[tuple[Span, str]],
    roles: dict[str, str],
    quoted: Sequence[tuple[int, int]] = (),
) -> dict[str, str]:
    """The gender the text gives each person entity, where it gives one.

    doc (Doc): The document.
    people (Iterable[tuple[Span, str]]): Person mentions as (span, entity id).
    roles (dict[str, str]): Entity id → its `; `-separated roles.
    quoted (Sequence[tuple[int, int]]): Quotations (character offsets): their
        pronouns are the quoted speaker's, not the narrator's.
    RETURNS (dict[str, str]): Entity id → FEMININE or MASCULINE; entities
        with no evidence, or as much for one as for the other, are left out.
    """
    votes: dict[str, Counter] = {}
    people = [(span, entity_id) for span, entity_id in people if entity_id]
    for span, entity_id in people:
        for gender in _stated(span):
            votes.setdefault(entity_id, Counter())[gender] += STATED
    for entity_id, text in roles.items():
        for word in _WORD.findall(text.lower()):
            if word in ROLES:
                votes.setdefault(entity_id, Counter())[ROLES[word]] += STATED
    likely: dict[str, Counter] = {}
    for entity_id, gender in _sentence_pronouns(doc, people, quoted):
        likely.setdefault(entity_id, Counter())[gender] += 1
    for entity_id, count in likely.items():
        # Pronouns may refer to someone the sentence does not name: only
        # two or more sentences that all agree count.
        if len(count) == 1 and sum(count.values()) >= 2:
            votes.setdefault(entity_id, Counter())[next(iter(count))] += LIKELY
    return {entity_id: _winner(count) for entity_id, count in votes.items() if _winner(count)}


def _stated(span: Span) -> Iterable[str]:
    # The title inside the mention or the word right before it ("Mr. Rogan",
    # "spokeswoman Jen Psaki").
    doc = span.doc
    words = [t.lower_.rstrip(".") for t in span[:2]]
    if span.start > 0:
        words.append(doc[span.start - 1].lower_.rstrip("."))
    for word in words:
        gender = TITLES.get(word) or ROLES.get(word)
        if gender:
            yield gender


def _sentence_pronouns(
    doc: Doc, people: list[tuple[Span, str]], quoted: Sequence[tuple[int, int]]
) -> Iterable[tuple[str, str]]:
    # A sentence naming one person, with pronouns of one gender outside its
    # quotations: the pronouns most likely refer to that person.
    by_sentence: dict[int, set[str]] = {}
    split = has_sentences(doc)
    for span, entity_id in people:
        by_sentence.setdefault(sentence_bounds(doc, span.start)[0] if split else 0, set()).add(entity_id)
    sents = {s.start: s for s in sentences(doc)} if split else {0: doc[:]}
    pronouns = _pronouns(doc)
    positions = [i for i, _, _ in pronouns]
    for start, ids in by_sentence.items():
        if len(ids) != 1:
            continue
        first = bisect.bisect_left(positions, start)
        last = bisect.bisect_left(positions, sents[start].end)
        found = {PRONOUNS[lower] for _, idx, lower in pronouns[first:last] if not any(s <= idx < e for s, e in quoted)}
        if len(found) == 1:
            yield next(iter(ids)), found.pop()


def _pronouns(doc: Doc) -> list[tuple[int, int, str]]:
    # (index, character offset, lower case) of the Doc's gendered pronouns,
    # found from its LOWER column rather than by visiting every token.
    wanted = [get_string_id(word) for word in PRONOUNS]
    found = numpy.flatnonzero(is_any(token_array(doc)[:, 2], wanted)).tolist()
    return [(i, doc[i].idx, doc[i].lower_) for i in found]


def _winner(count: Counter) -> str:
    # The gender with at least twice the other's weight.
    feminine, masculine = count[FEMININE], count[MASCULINE]
    if feminine >= 2 * masculine and feminine:
        return FEMININE
    if masculine >= 2 * feminine and masculine:
        return MASCULINE
    return ""
