import re

import pytest
import spacy
from spacy.tokens import Doc, Span

from extractor import ids
from extractor.components.entities import EntitiesComponent, find_entities
from extractor.components.extensions import has_rows, link_mention, rows_of, set_rows
from extractor.components.mentions import MentionsComponent, mention_row
from extractor.registrations import label_kinds_v1, titles_v1

NLP = spacy.blank("en")


def tag_all(doc, ents):
    """Tag every non-overlapping occurrence of each (substring, label), earlier pairs first."""
    spans = []
    for substring, label in ents:
        for match in re.finditer(rf"(?<!\w){re.escape(substring)}(?!\w)", doc.text):
            span = doc.char_span(match.start(), match.end(), label=label)
            if span is not None and all(span.end <= s.start or s.end <= span.start for s in spans):
                spans.append(span)
    doc.ents = sorted(spans, key=lambda s: s.start)
    doc.user_data[ids.DOC_ID_KEY] = "doc1"
    return doc


def run(doc):
    MentionsComponent(label_kinds=label_kinds_v1(), titles=titles_v1())(doc)
    return EntitiesComponent(titles=titles_v1())(doc)


def entities_of(text, ents):
    doc = run(tag_all(NLP(text), ents))
    return {(e.name, e.kind): (e.aliases, e.n_mentions) for e in rows_of(doc, "entities")}


@pytest.mark.parametrize(
    "text,ents,expected",
    [
        (
            "Akram al-Kaabi spoke. Kaabi said more.",
            [("Akram al-Kaabi", "PERSON"), ("Kaabi", "PERSON")],
            {("Akram al-Kaabi", "person"): ("Kaabi", 2)},
        ),
        (
            "Biden left. President Joe Biden came back. Biden said so.",
            [("Joe Biden", "PERSON"), ("Biden", "PERSON")],
            {("Joe Biden", "person"): ("Biden", 3)},
        ),
        (
            "Joe Biden met Hunter Biden.",
            [("Joe Biden", "PERSON"), ("Hunter Biden", "PERSON")],
            {("Joe Biden", "person"): ("", 1), ("Hunter Biden", "person"): ("", 1)},
        ),
        (
            "Kata’ib Hezbollah struck. Hezbollah denied it.",
            [("Kata’ib Hezbollah", "ORG"), ("Hezbollah", "ORG")],
            {("Kata’ib Hezbollah", "organization"): ("", 1), ("Hezbollah", "organization"): ("", 1)},
        ),
        (
            "Kata’ib Hezbollah struck. Kata'ib Hezbollah's men left.",
            [("Kata’ib Hezbollah", "ORG"), ("Kata'ib Hezbollah's", "ORG")],
            {("Kata’ib Hezbollah", "organization"): ("", 2)},
        ),
        (
            "Mohammed Shia’ al‑Sudani spoke. Mohammed Shia' al-Sudani left.",
            [("Mohammed Shia’ al‑Sudani", "PERSON"), ("Mohammed Shia' al-Sudani", "PERSON")],
            {("Mohammed Shia’ al‑Sudani", "person"): ("", 2)},
        ),
        ("Kaabi spoke.", [("Kaabi", "ORG")], {("Kaabi", "organization"): ("", 1)}),
        # A person's surname in capitals (a transcript's label) is the person, not an acronym.
        (
            "Host Ann Lee asked. LEE: Why now?",
            [("Ann Lee", "PERSON"), ("LEE", "PERSON")],
            {("Ann Lee", "person"): ("LEE", 2)},
        ),
        (
            "Host Ann Lee asked. LEE: Why now?",
            [("Ann Lee", "PER"), ("LEE", "PER")],
            {("Ann Lee", "person"): ("LEE", 2)},
        ),
        # Labelled an organization, capitals stay an acronym of their own.
        (
            "Host Ann Lee asked. LEE: Why now?",
            [("Ann Lee", "PERSON"), ("LEE", "ORG")],
            {("Ann Lee", "person"): ("", 1), ("LEE", "organization"): ("", 1)},
        ),
    ],
)
def test_actors_partial_names_and_variants(text, ents, expected):
    assert entities_of(text, ents) == expected


@pytest.mark.parametrize(
    "text,ents,expected",
    [
        (
            "A pause by the Islamic Resistance in Iraq (IRI) does not mean the IRI will stop. IRI fighters left.",
            [("Islamic Resistance in Iraq", "ORG")],
            {("Islamic Resistance in Iraq", "organization"): ("IRI", 4)},
        ),
        (
            "The US Central Command (CENTCOM) said it. CENTCOM added more.",
            [("US Central Command", "ORG"), ("CENTCOM", "ORG")],
            {("US Central Command", "organization"): ("CENTCOM", 3)},
        ),
        (
            "The Islamic Resistance in Iraq (IRI) fought.",
            [("The Islamic Resistance in Iraq (IRI)", "ORG")],
            {("Islamic Resistance in Iraq", "organization"): ("IRI", 2)},
        ),
        (
            "The United States struck. The US said so.",
            [("United States", "GPE"), ("US", "GPE")],
            {("United States", "place"): ("US", 2)},
        ),
        ("Joe Biden (D) spoke.", [("Joe Biden", "PERSON")], {("Joe Biden", "person"): ("", 1)}),
        # an acronym used before any name it could abbreviate stays its own entity
        (
            "The IRI fought. The Iraqi Red Interior spoke.",
            [("IRI", "ORG"), ("Iraqi Red Interior", "ORG")],
            {("IRI", "organization"): ("", 1), ("Iraqi Red Interior", "organization"): ("", 1)},
        ),
    ],
)
def test_actors_acronyms(text, ents, expected):
    assert entities_of(text, ents) == expected


@pytest.mark.parametrize(
    "text,ent,roles",
    [
        ("ordered by President Joe Biden after", "Joe Biden", "President"),
        (
            "for Iraqi Prime Minister Mohammed Shia’ al-Sudani has",
            "Iraqi Prime Minister Mohammed Shia’ al-Sudani",
            "Iraqi Prime Minister",
        ),
        ("Joe Biden said", "Joe Biden", ""),
    ],
)
def test_actors_title_roles(text, ent, roles):
    doc = run(tag_all(NLP(text), [(ent, "PERSON")]))
    assert [e.roles for e in rows_of(doc, "entities")] == [roles]


def parsed(words, heads, deps, pos, ents):
    doc = Doc(NLP.vocab, words=words, heads=heads, deps=deps, pos=pos)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    doc.user_data[ids.DOC_ID_KEY] = "doc1"
    return run(doc)


APPOS = dict(
    words=[
        "Yahya",
        "Rasool",
        ",",
        "military",
        "spokesperson",
        "for",
        "Prime",
        "Minister",
        "Sudani",
        ",",
        "said",
        "it",
        ".",
    ],
    heads=[1, 10, 1, 4, 1, 8, 7, 8, 4, 1, 10, 10, 10],
    deps=[
        "compound",
        "nsubj",
        "punct",
        "amod",
        "appos",
        "case",
        "compound",
        "compound",
        "nmod",
        "punct",
        "ROOT",
        "obj",
        "punct",
    ],
    pos=["PROPN", "PROPN", "PUNCT", "ADJ", "NOUN", "ADP", "PROPN", "PROPN", "PROPN", "PUNCT", "VERB", "PRON", "PUNCT"],
)


@pytest.mark.parametrize(
    "ents,expected",
    [
        (
            [(0, 2, "PERSON"), (8, 9, "PERSON")],
            {"Yahya Rasool": "military spokesperson for Prime Minister Sudani", "Sudani": "Prime Minister"},
        ),
        ([(8, 9, "PERSON")], {"Sudani": "Prime Minister"}),
    ],
)
def test_actors_appositive_roles(ents, expected):
    doc = parsed(ents=ents, **APPOS)
    assert {e.name: e.roles for e in rows_of(doc, "entities")} == expected


LEDE = dict(
    words=[
        "The",
        "secretary",
        "general",
        "has",
        "denounced",
        "the",
        "strikes",
        ".",
        "Akram",
        "al-Kaabi",
        "stated",
        "it",
        ".",
    ],
    heads=[2, 2, 4, 4, 4, 6, 4, 4, 9, 10, 10, 10, 10],
    pos=["DET", "NOUN", "NOUN", "AUX", "VERB", "DET", "NOUN", "PUNCT", "PROPN", "PROPN", "VERB", "PRON", "PUNCT"],
)


@pytest.mark.parametrize(
    "deps,ents,expected",
    [
        (
            [
                "det",
                "compound",
                "nsubj",
                "aux",
                "ROOT",
                "det",
                "obj",
                "punct",
                "compound",
                "nsubj",
                "ROOT",
                "obj",
                "punct",
            ],
            [(8, 10, "PERSON")],
            {"Akram al-Kaabi": "secretary general"},
        ),
        # the name is not its sentence's subject: no role
        (
            [
                "det",
                "compound",
                "nsubj",
                "aux",
                "ROOT",
                "det",
                "obj",
                "punct",
                "compound",
                "obj",
                "ROOT",
                "obj",
                "punct",
            ],
            [(8, 10, "PERSON")],
            {"Akram al-Kaabi": ""},
        ),
        # the description's sentence already names a person: no role
        (
            [
                "det",
                "compound",
                "nsubj",
                "aux",
                "ROOT",
                "det",
                "obj",
                "punct",
                "compound",
                "nsubj",
                "ROOT",
                "obj",
                "punct",
            ],
            [(6, 7, "PERSON"), (8, 10, "PERSON")],
            {"strikes": "", "Akram al-Kaabi": ""},
        ),
    ],
)
def test_actors_lede_role(deps, ents, expected):
    doc = parsed(deps=deps, ents=ents, **LEDE)
    assert {e.name: e.roles for e in rows_of(doc, "entities")} == expected


@pytest.mark.parametrize("acronym,aliases", [("IRI", "IRI"), ("UN", "")])
def test_actors_appositive_acronym(acronym, aliases):
    words = ["Islamic", "Resistance", "in", "Iraq", ",", acronym, ",", "said", "."]
    heads = [1, 7, 3, 1, 1, 1, 1, 7, 7]
    deps = ["amod", "nsubj", "case", "nmod", "punct", "appos", "punct", "ROOT", "punct"]
    pos = ["ADJ", "PROPN", "ADP", "PROPN", "PUNCT", "PROPN", "PUNCT", "VERB", "PUNCT"]
    doc = parsed(words=words, heads=heads, deps=deps, pos=pos, ents=[(0, 4, "ORG")])
    (entity,) = rows_of(doc, "entities")
    assert (entity.aliases, entity.roles) == (aliases, "")


def test_actors_acronym_in_apposition_gives_no_role():
    # A misparse hangs "(FPTW)" off "Workers": the long form is its name, not its role.
    words = ["The", "Federation", "of", "Port", "and", "Transport", "Workers", "(", "FPTW", ")", "said", "."]
    heads = [1, 10, 3, 1, 6, 6, 3, 8, 6, 8, 10, 10]
    deps = ["det", "nsubj", "case", "nmod", "cc", "compound", "conj", "punct", "appos", "punct", "ROOT", "punct"]
    pos = ["DET", "NOUN", "ADP", "PROPN", "CCONJ", "PROPN", "NOUN", "PUNCT", "PROPN", "PUNCT", "VERB", "PUNCT"]
    doc = parsed(words=words, heads=heads, deps=deps, pos=pos, ents=[(8, 9, "ORG")])
    assert [(e.name, e.roles) for e in rows_of(doc, "entities")] == [("FPTW", "")]


def test_actors_entity_ids_and_mentions_linked():
    doc = run(
        tag_all(NLP("Akram al-Kaabi spoke. Kaabi said more."), [("Akram al-Kaabi", "PERSON"), ("Kaabi", "PERSON")])
    )
    (entity,) = rows_of(doc, "entities")
    assert entity.entity_id == ids.entity_id("doc1", "person", "akram al-kaabi")
    assert entity.actor_id == ids.actor_id("person", "akram al-kaabi")
    assert entity.first_char == 0
    assert [m.entity_id for m in rows_of(doc, "mentions")] == [entity.entity_id] * 2


def test_actors_find_entities_is_pure():
    doc = tag_all(NLP("Akram al-Kaabi spoke. Kaabi said more."), [("Akram al-Kaabi", "PERSON"), ("Kaabi", "PERSON")])
    MentionsComponent(label_kinds=label_kinds_v1(), titles=titles_v1())(doc)
    before = list(rows_of(doc, "mentions"))
    assert [e.name for e in find_entities(doc)] == ["Akram al-Kaabi"]
    assert rows_of(doc, "mentions") == before and not has_rows(doc, "entities")


def test_actors_link_mention():
    doc = run(tag_all(NLP("Akram al-Kaabi spoke. He said more."), [("Akram al-Kaabi", "PERSON")]))
    (entity,) = rows_of(doc, "entities")
    pronoun = mention_row(doc, 22, 24, "PRON", "person", "pronoun", entity_id=entity.entity_id)
    link_mention(doc, pronoun)
    assert rows_of(doc, "entities")[0].n_mentions == 2
    assert [m.text for m in rows_of(doc, "mentions")] == ["Akram al-Kaabi", "He"]


def test_actors_factory():
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_mentions")
    nlp.add_pipe("extractor_entities", config={"max_role_tokens": 4})
    doc = tag_all(
        nlp.make_doc("President Joe Biden spoke. Biden left."), [("President Joe Biden", "PERSON"), ("Biden", "PERSON")]
    )
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [(e.name, e.roles, e.aliases, e.n_mentions) for e in rows_of(doc, "entities")] == [
        ("Joe Biden", "President", "Biden", 2)
    ]


@pytest.mark.issue(5)
def test_actors_link_mention_counts_a_span_once():
    import spacy
    from spacy.tokens import Doc

    from extractor.components.extensions import link_mention
    from extractor.components.mentions import mention_row
    from extractor.types import EntityRow

    doc = Doc(spacy.blank("en").vocab, words=["Ann", "spoke", ".", "She", "left", "."])
    set_rows(doc, "mentions", [])
    set_rows(
        doc,
        "entities",
        [
            EntityRow(
                entity_id="e1",
                doc_id="",
                name="Ann",
                kind="person",
                roles="",
                aliases="",
                n_mentions=1,
                first_char=0,
                actor_id="a1",
            )
        ],
    )
    pronoun = mention_row(doc, 12, 15, "PRON", "person", "pronoun", entity_id="e1")
    link_mention(doc, pronoun)
    link_mention(doc, pronoun)
    assert [row.text for row in rows_of(doc, "mentions")] == ["She"]
    assert rows_of(doc, "entities")[0].n_mentions == 2


@pytest.mark.issue(5)
@pytest.mark.parametrize(
    "text,ents,expected",
    [
        # a bare surname the model called a place joins the only person with that surname
        (
            "Akram al-Kaabi spoke. Kaabi said more.",
            [("Akram al-Kaabi", "PERSON"), ("Kaabi", "LOC")],
            {("Akram al-Kaabi", "person"): ("Kaabi", 2)},
        ),
        (
            "Kaabi spoke. Akram al-Kaabi said more. Kaabi left.",
            [("Akram al-Kaabi", "PERSON"), ("Kaabi", "ORG")],
            {("Akram al-Kaabi", "person"): ("Kaabi", 3)},
        ),
        # two people share the surname: nothing is guessed
        (
            "Joe Biden met Hunter Biden. Biden left.",
            [("Joe Biden", "PERSON"), ("Hunter Biden", "PERSON"), ("Biden", "ORG")],
            {("Joe Biden", "person"): ("", 1), ("Hunter Biden", "person"): ("", 1), ("Biden", "organization"): ("", 1)},
        ),
        # a longer name is not a bare surname
        (
            "Akram al-Kaabi spoke. Ali Kaabi Street flooded.",
            [("Akram al-Kaabi", "PERSON"), ("Ali Kaabi Street", "LOC")],
            {("Akram al-Kaabi", "person"): ("", 1), ("Ali Kaabi Street", "place"): ("", 1)},
        ),
        # a defined acronym joins its long form whatever the model labelled it
        (
            "The Islamic Resistance in Iraq (IRI) fought. IRI said so.",
            [("Islamic Resistance in Iraq", "ORG"), ("IRI", "PERSON")],
            {("Islamic Resistance in Iraq", "organization"): ("IRI", 3)},
        ),
    ],
)
def test_actors_kind_repair(text, ents, expected):
    assert entities_of(text, ents) == expected


@pytest.mark.issue(5)
@pytest.mark.parametrize("label", ["LOC", "ORG", "GPE"])
def test_actors_kind_repair_mention_rows(label):
    doc = run(tag_all(NLP("Akram al-Kaabi spoke. Kaabi said more."), [("Akram al-Kaabi", "PERSON"), ("Kaabi", label)]))
    (entity,) = rows_of(doc, "entities")
    rows = [(m.text, m.label, m.kind, m.entity_id) for m in rows_of(doc, "mentions")]
    assert rows == [
        ("Akram al-Kaabi", "PERSON", "person", entity.entity_id),
        ("Kaabi", label, "person", entity.entity_id),
    ]


@pytest.mark.issue(5)
@pytest.mark.parametrize(
    "appos_words,expected",
    [
        (["a", "rice", "farmer", "who", "spent", "nights", "there"], ["rice farmer"]),
        (["a", "rice", "farmer"], ["rice farmer"]),
        (["behind", "the", "project"], []),
    ],
)
def test_actors_appositive_roles_stop_at_relative_clauses(appos_words, expected):
    import spacy
    from spacy.tokens import Doc

    from extractor.components.entities import appositive_roles

    words = ["Grace", "Atieno", ","] + appos_words + [",", "said", "."]
    n = len(appos_words)
    said = 3 + n + 1
    lexicon = {
        "a": ("DET", "DT"),
        "the": ("DET", "DT"),
        "rice": ("NOUN", "NN"),
        "farmer": ("NOUN", "NN"),
        "who": ("PRON", "WP"),
        "spent": ("VERB", "VBD"),
        "nights": ("NOUN", "NNS"),
        "there": ("ADV", "RB"),
        "behind": ("ADP", "IN"),
        "project": ("NOUN", "NN"),
    }
    head_word = "farmer" if "farmer" in appos_words else "project"
    head = 3 + appos_words.index(head_word)
    heads, deps = [1, said, head], ["flat", "nsubj", "punct"]
    for word in appos_words:
        if word == head_word:
            heads.append(1), deps.append("appos")
        elif word in ("who", "nights", "there"):
            (
                heads.append(3 + appos_words.index("spent")),
                deps.append({"who": "nsubj", "nights": "obj", "there": "advmod"}[word]),
            )
        elif word == "spent":
            heads.append(head), deps.append("acl:relcl")
        else:
            heads.append(head), deps.append({"a": "det", "the": "det", "rice": "compound", "behind": "case"}[word])
    heads += [head, said, said]
    deps += ["punct", "ROOT", "punct"]
    pos = ["PROPN", "PROPN", "PUNCT"] + [lexicon[w][0] for w in appos_words] + ["PUNCT", "VERB", "PUNCT"]
    tags = ["NNP", "NNP", ","] + [lexicon[w][1] for w in appos_words] + [",", "VBD", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    assert list(appositive_roles(doc[0:2])) == expected


# "Omani officials said . Omanis protested ." as en_core_web_sm parses it: the
# first group word describes the officials, the second names people.
GROUPS = dict(
    words=["Omani", "officials", "said", ".", "Omanis", "protested", "."],
    heads=[1, 2, 2, 2, 5, 5, 5],
    deps=["amod", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct"],
    pos=["ADJ", "NOUN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"],
)


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "ents,expected",
    [
        ([(0, 1, "NORP"), (4, 5, "NORP")], [("Omanis", "group")]),
        ([(0, 1, "NORP")], []),
    ],
)
def test_entities_group_adjective_is_no_entity(ents, expected):
    doc = parsed(ents=ents, **GROUPS)
    assert [(e.name, e.kind) for e in rows_of(doc, "entities")] == expected
    adjective = next(m for m in rows_of(doc, "mentions") if m.text == "Omani")
    assert (adjective.kind, adjective.entity_id) == ("group", "")


@pytest.mark.issue(13)
def test_entities_national_body_is_an_organization():
    doc = parsed(
        words=["The", "Iraqi", "government", "said", "it", "."],
        heads=[2, 2, 3, 3, 3, 3],
        deps=["det", "amod", "nsubj", "ROOT", "dobj", "punct"],
        pos=["DET", "ADJ", "NOUN", "VERB", "PRON", "PUNCT"],
        ents=[(1, 2, "NORP")],
    )
    assert [(e.name, e.kind) for e in rows_of(doc, "entities")] == [("Iraqi government", "organization")]
    assert [(m.text, m.kind, bool(m.entity_id)) for m in rows_of(doc, "mentions")] == [
        ("Iraqi government", "organization", True)
    ]


@pytest.mark.issue(13)
def test_entities_role_before_an_apposed_name_drops_the_names_article():
    # "The national energy regulator , the Superintendency of Electricity , has acted ."
    # as en_core_web_sm parses it: the name hangs off the role as its apposition.
    doc = parsed(
        words=[
            "The",
            "national",
            "energy",
            "regulator",
            ",",
            "the",
            "Superintendency",
            "of",
            "Electricity",
            ",",
            "has",
            "acted",
            ".",
        ],
        heads=[3, 3, 3, 11, 3, 6, 3, 6, 7, 3, 11, 11, 11],
        deps=[
            "det",
            "amod",
            "compound",
            "nsubj",
            "punct",
            "det",
            "appos",
            "prep",
            "pobj",
            "punct",
            "aux",
            "ROOT",
            "punct",
        ],
        pos=["DET", "ADJ", "NOUN", "NOUN", "PUNCT", "DET", "PROPN", "ADP", "PROPN", "PUNCT", "AUX", "VERB", "PUNCT"],
        ents=[(5, 9, "ORG")],
    )
    assert [(e.name, e.roles) for e in rows_of(doc, "entities")] == [
        ("Superintendency of Electricity", "national energy regulator")
    ]
