"""Roles only a person holds, and the names they describe.

"Yahya Rasool, military spokesperson for Kataib Hezbollah": a small NER
model may type the name an organization, but only a person is a
spokesperson. `person_apposition` finds such a role in apposition, so the
mentions stage can call the name a person and a later "he" or "the
spokesperson" can resolve to it.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extractor.components.rules.cues import dep_family, has_parse

# Head nouns of roles no organization, place or group holds. Left out on
# purpose: words a country or a company can be ("leader", "member", "head",
# "owner", "partner", "sponsor", "host", "producer").
PERSON_ROLES = frozenset(
    {
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "minister",
        "secretary",
        "president",
        "vice-president",
        "chairman",
        "chairwoman",
        "chairperson",
        "director",
        "commander",
        "general",
        "colonel",
        "officer",
        "official",
        "adviser",
        "advisor",
        "aide",
        "analyst",
        "economist",
        "professor",
        "lawyer",
        "attorney",
        "prosecutor",
        "judge",
        "senator",
        "governor",
        "mayor",
        "congressman",
        "congresswoman",
        "lawmaker",
        "legislator",
        "ambassador",
        "envoy",
        "diplomat",
        "candidate",
        "founder",
        "executive",
        "ceo",
        "editor",
        "reporter",
        "correspondent",
        "columnist",
        "journalist",
        "author",
        "writer",
        "cleric",
        "imam",
        "pastor",
        "priest",
        "bishop",
        "rabbi",
        "strategist",
        "pollster",
        "researcher",
        "scientist",
        "activist",
        "expert",
        "historian",
        "anchor",
        "commentator",
        "actor",
        "actress",
        "singer",
        "student",
        "teacher",
        "resident",
        "veteran",
        "agent",
        "deputy",
        "manager",
        "consultant",
        "organizer",
        "campaigner",
        "father",
        "mother",
        "son",
        "daughter",
        "wife",
        "husband",
        "brother",
        "sister",
        "widow",
    }
)


def person_apposition(span: Span) -> bool:
    """Whether a name is described, in apposition, by a role only a person
    holds: "Yahya Rasool, military spokesperson for …", "the cleric,
    Akram al-Kaabi,".

    span (Span): A name in a parsed Doc.
    RETURNS (bool): True when the name's apposition (or the noun it is in
        apposition to) is headed by one of `PERSON_ROLES`; False without a parse.
    """
    if not has_parse(span.doc) or not len(span):
        return False
    root = span.root
    described = [c for c in root.children if dep_family(c) == "appos" and not span.start <= c.i < span.end]
    if dep_family(root) == "appos" and not span.start <= root.head.i < span.end:
        described.append(root.head)
    return any(_is_person_role(token) for token in described)


def _is_person_role(token: Token) -> bool:
    # A common noun (never a name: "Kataib Hezbollah, Iraq's militia") from the lexicon.
    lemma = (token.lemma_ or token.lower_).lower()
    return token.pos_ == "NOUN" and (lemma in PERSON_ROLES or token.lower_ in PERSON_ROLES)
