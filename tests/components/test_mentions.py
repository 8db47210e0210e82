import re

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, Span

from extractor import ids
from extractor.components.extensions import rows_of
from extractor.components.mentions import find_mentions, find_speaker_mentions, speaker_phrases, trim_span
from extractor.components.rules.cues import Lexicon
from extractor.components.rules.names import title_regex, words_of_titles
from extractor.registrations import reporting_verbs_v1, titles_v1

NLP = spacy.blank("en")


def make_doc(text, ents, offset=0):
    """A blank-tokenized Doc whose entities are the first occurrence of each (substring, label)."""
    doc = NLP(text)
    spans = []
    for substring, label in ents:
        match = re.search(re.escape(substring), text)
        spans.append(doc.char_span(match.start(), match.end(), label=label))
    doc.ents = spans
    doc.user_data[ids.DOC_ID_KEY] = "doc1"
    doc.user_data[ids.OFFSET_KEY] = offset
    return doc


@pytest.mark.parametrize(
    "text,ent,expected",
    [
        ("ordered by President Joe Biden after", "President Joe Biden", "Joe Biden"),
        (
            "for Iraqi Prime Minister Mohammed Shia’ al-Sudani has",
            "Iraqi Prime Minister Mohammed Shia’ al-Sudani",
            "Mohammed Shia’ al-Sudani",
        ),
        ("a border with the United States today", "the United States", "United States"),
        ("on Jordan’s border", "Jordan’s", "Jordan"),
        ("on Jordan's border", "Jordan's", "Jordan"),
        ("Kata’ib Hezbollah’s operations", "Kata’ib Hezbollah’s", "Kata’ib Hezbollah"),
        ("the Palestinians’ cause", "Palestinians’", "Palestinians"),
        ("with Mohammed Shia’ today", "Mohammed Shia’", "Mohammed Shia’"),
        (
            "by the Islamic Resistance in Iraq (IRI) on",
            "the Islamic Resistance in Iraq (IRI)",
            "Islamic Resistance in Iraq",
        ),
        ("The President said", "President", "President"),
        ("Joe Biden said", "Joe Biden", "Joe Biden"),
        ("in Iraq \u00a0today", "Iraq \u00a0", "Iraq"),
    ],
)
def test_entities_trim(text, ent, expected):
    doc = make_doc(text, [(ent, "PERSON")])
    start, end = trim_span(doc.ents[0], title_regex(titles_v1()))
    assert doc.text[start:end] == expected


@pytest.mark.parametrize(
    "label,kind",
    [("PERSON", "person"), ("ORG", "organization"), ("GPE", "place"), ("NORP", "group"), ("MONEY", "other")],
)
def test_entities_find_mentions_kind(label, kind):
    doc = make_doc("Akram al-Kaabi spoke.", [("Akram al-Kaabi", label)])
    (row,) = find_mentions(doc)
    assert (row.text, row.label, row.kind, row.method, row.entity_id) == ("Akram al-Kaabi", label, kind, "ner", "")


@pytest.mark.parametrize(
    "text,ent,label,kind",
    [
        ("roads to the city of Kericho remain cut", "Kericho", "PERSON", "place"),
        ("a power station in Mpumalanga province, ruling", "Mpumalanga", "PERSON", "place"),
        ("said the Bank of Portugal on Monday", "Bank of Portugal", "GPE", "organization"),
        ("the Lake Basin Disaster Response Agency said", "Lake Basin Disaster Response Agency", "LOC", "organization"),
        ("a gift from the Melinda Gates Foundation today", "Melinda Gates Foundation", "PERSON", "organization"),
        # Nothing settles these: the model's kind stands.
        ("Joe Biden said the city would", "Joe Biden", "PERSON", "person"),
        ("Kericho, the town, said", "Kericho", "PERSON", "person"),
        ("talks in the West Bank today", "West Bank", "LOC", "place"),
        ("a trip to the Kennedy Space Center in May", "Kennedy Space Center", "LOC", "place"),
        ("the city of Kericho Holdings", "Kericho Holdings", "ORG", "organization"),
        ("the city of Lyon beat", "Lyon", "ORG", "organization"),
    ],
)
def test_entities_context_kind(text, ent, label, kind):
    doc = make_doc(text, [(ent, label)])
    (row,) = find_mentions(doc)
    assert (row.text, row.label, row.kind) == (ent, label, kind)


@pytest.mark.parametrize(
    "text,name,kind",
    [
        ("KISUMU, Kenya - At least 16 people", "KISUMU", "place"),
        ("Floods.\n\nKISUMU, Kenya - At least 16 people", "KISUMU", "place"),
        ("NASA, the agency, said", "NASA", "organization"),  # no place after the comma: no dateline
        ("They met. KISUMU, Kenya", "KISUMU", "organization"),  # not at the start of a line
    ],
)
def test_entities_dateline(text, name, kind):
    ents = [(name, "ORG")] + ([("Kenya", "GPE")] if "Kenya" in text else [])
    rows = find_mentions(make_doc(text, ents))
    assert next(row.kind for row in rows if row.text == name) == kind


def test_entities_context_place_holds_in_the_whole_document():
    text = "Fishermen in the villages of Yiti said so. Khalid has fished off Yiti for years. Yiti Smith spoke."
    doc = make_doc(text, [("Yiti Smith", "PERSON")])
    others = [doc.char_span(m.start(), m.end(), label="PERSON") for m in re.finditer(r"Yiti(?= [sf])", text)]
    doc.ents = sorted([*doc.ents, *others], key=lambda span: span.start)
    assert [(row.text, row.kind) for row in find_mentions(doc)] == [
        ("Yiti", "place"),
        ("Yiti", "place"),
        ("Yiti Smith", "person"),
    ]


def test_entities_place_noun_inside_a_place_names_the_place():
    doc = make_doc("a plant in Mpumalanga province. Every child in Mpumalanga", [("Mpumalanga province", "LOC")])
    doc.ents = [*doc.ents, doc.char_span(len(doc.text) - len("Mpumalanga"), len(doc.text), label="PERSON")]
    assert [(row.text, row.kind) for row in find_mentions(doc)] == [
        ("Mpumalanga province", "place"),
        ("Mpumalanga", "place"),
    ]


def test_entities_titles_trimmed_from_people_only():
    doc = make_doc(
        "at Sultan Qaboos University and Sultan Haitham",
        [("Sultan Qaboos University", "ORG"), ("Sultan Haitham", "PERSON")],
    )
    assert [row.text for row in find_mentions(doc)] == ["Sultan Qaboos University", "Haitham"]


@pytest.mark.parametrize("offset", [0, 120])
def test_entities_find_mentions_absolute_offsets(offset):
    original = "x" * offset + "They said President Joe Biden ordered it."
    doc = make_doc(original[offset:], [("President Joe Biden", "PERSON")], offset=offset)
    (row,) = find_mentions(doc)
    assert original[row.start_char : row.end_char] == row.text == "Joe Biden"
    assert row.mention_id == ids.span_id(doc, row.start_char, row.end_char, "PERSON")


@pytest.mark.parametrize("text,sentence", [("Biden spoke. Kaabi said so.", 1)])
def test_entities_find_mentions_sentence_index(text, sentence):
    doc = make_doc(text, [("Kaabi", "PERSON")])
    doc[0].is_sent_start = True
    doc[3].is_sent_start = True
    for token in doc[1:3]:
        token.is_sent_start = False
    for token in doc[4:]:
        token.is_sent_start = False
    (row,) = find_mentions(doc)
    assert row.sentence_index == sentence


@pytest.mark.parametrize(
    "overrides,kind", [({"PERSON": "group"}, "group"), ({}, "person"), ({"ORG": "other"}, "person")]
)
def test_entities_factory_config(overrides, kind):
    nlp = spacy.blank("en")
    nlp.add_pipe(
        "extractor_mentions", config={"label_kinds": {"@misc": "extractor.label_kinds.v1", "overrides": overrides}}
    )
    doc = nlp.make_doc("Joe Biden spoke.")
    doc.ents = [Span(doc, 0, 2, label="PERSON")]
    doc = nlp.get_pipe("extractor_mentions")(doc)
    assert [m.kind for m in rows_of(doc, "mentions")] == [kind]


def test_entities_factory_default_config():
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_mentions")
    doc = nlp.make_doc("President Joe Biden spoke.")
    doc.ents = [Span(doc, 0, 3, label="PERSON")]
    doc = nlp.get_pipe("extractor_mentions")(doc)
    assert [(m.text, m.kind) for m in rows_of(doc, "mentions")] == [("Joe Biden", "person")]


WORDS = st.sampled_from(
    [
        "the",
        "The",
        "President",
        "Joe",
        "Biden’s",
        "al‑Kaabi",
        "(IRI)",
        "Shia’",
        "’s",
        ",",
        "Iraq",
        "—",
        "a",
        "Prime",
        "Minister",
        "s’",
    ]
)


@settings(max_examples=60, deadline=None)
@given(words=st.lists(WORDS, min_size=1, max_size=14), data=st.data())
def test_entities_property_offsets_exact(words, data):
    doc = NLP(" ".join(words))
    start = data.draw(st.integers(0, len(doc) - 1))
    end = data.draw(st.integers(start + 1, len(doc)))
    doc.ents = [Span(doc, start, end, label=data.draw(st.sampled_from(["PERSON", "ORG", "GPE"])))]
    for row in find_mentions(doc):
        assert doc.text[row.start_char : row.end_char] == row.text
        assert row.text and row.text == row.text.strip()


@pytest.mark.parametrize(
    "words,label,expected",
    [
        (["On", "Tuesday", "it", "rained"], "LOC", []),
        (["By", "March", "it", "rained"], "PERSON", []),
        (["Ask", "April", "Ryan"], "PERSON", ["April"]),
    ],
)
def test_entities_calendar_words_are_not_actors(words, label, expected):
    import spacy
    from spacy.tokens import Doc, Span

    from extractor.components.mentions import find_mentions

    doc = Doc(spacy.blank("en").vocab, words=words)
    doc.ents = [Span(doc, 1, 2, label=label)]
    assert [row.text for row in find_mentions(doc)] == expected


def parsed_doc(words, heads, deps, pos, lemmas=None, spaces=None, ents=()):
    """A hand-parsed Doc (heads are absolute indices) with the given entity spans."""
    doc = Doc(NLP.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    doc.user_data[ids.DOC_ID_KEY] = "doc1"
    return doc


# A small model's parse of a name it does not know: "Akram" hangs off the verb.
KAABI = dict(
    words=["Akram", "al", "-", "Kaabi", "stated", "that", "it", "ended", "."],
    spaces=[True, False, False, True, True, True, True, False, False],
    heads=[4, 0, 0, 4, 4, 7, 7, 4, 4],
    deps=["obl:unmarked", "flat", "punct", "nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"],
    pos=["PROPN", "PROPN", "PUNCT", "PROPN", "VERB", "SCONJ", "PRON", "VERB", "PUNCT"],
    lemmas=["Akram", "al", "-", "Kaabi", "state", "that", "it", "end", "."],
)
NAMED = ["Yahya", "Rasool", "said", "it", "."]
SAID = dict(pos=["PROPN", "PROPN", "VERB", "PRON", "PUNCT"], lemmas=["Yahya", "Rasool", "say", "it", "."])
MINISTRY = ["The", "Ministry", "of", "Defence", "said", "it", "."]
MINISTRY_POS = dict(
    pos=["DET", "PROPN", "ADP", "PROPN", "VERB", "PRON", "PUNCT"],
    lemmas=["the", "Ministry", "of", "Defence", "say", "it", "."],
)


@pytest.mark.issue(5)
@pytest.mark.parametrize(
    "doc_args,expected",
    [
        (KAABI, [("Akram al-Kaabi", "PERSON", "person")]),
        # UD flat name and ClearNLP compound name
        (
            dict(words=NAMED, heads=[2, 0, 2, 2, 2], deps=["nsubj", "flat", "ROOT", "obj", "punct"], **SAID),
            [("Yahya Rasool", "PERSON", "person")],
        ),
        (
            dict(words=NAMED, heads=[1, 2, 2, 2, 2], deps=["compound", "nsubj", "ROOT", "dobj", "punct"], **SAID),
            [("Yahya Rasool", "PERSON", "person")],
        ),
        # no lemmas at all: the lower-case form still finds the cue
        (
            dict(
                words=NAMED, heads=[1, 2, 2, 2, 2], deps=["compound", "nsubj", "ROOT", "dobj", "punct"], pos=SAID["pos"]
            ),
            [("Yahya Rasool", "PERSON", "person")],
        ),
        # "of" chains: UD nmod+case, ClearNLP prep+pobj
        (
            dict(
                words=MINISTRY,
                heads=[1, 4, 3, 1, 4, 4, 4],
                deps=["det", "nsubj", "case", "nmod", "ROOT", "obj", "punct"],
                **MINISTRY_POS,
            ),
            [("Ministry of Defence", "ORG", "organization")],
        ),
        (
            dict(
                words=MINISTRY,
                heads=[1, 4, 1, 2, 4, 4, 4],
                deps=["det", "nsubj", "prep", "pobj", "ROOT", "dobj", "punct"],
                **MINISTRY_POS,
            ),
            [("Ministry of Defence", "ORG", "organization")],
        ),
        # a capitalized first name tagged as a common noun still belongs to the name, a title does not
        (
            dict(
                words=["Marloes", "Dijkstra", "told", "reporters"],
                heads=[1, 2, 2, 2],
                deps=["compound", "nsubj", "ROOT", "iobj"],
                pos=["NOUN", "PROPN", "VERB", "NOUN"],
                lemmas=["marloes", "Dijkstra", "tell", "reporter"],
            ),
            [("Marloes Dijkstra", "PERSON", "person")],
        ),
        (
            dict(
                words=["Minister", "Dijkstra", "told", "reporters"],
                heads=[1, 2, 2, 2],
                deps=["compound", "nsubj", "ROOT", "iobj"],
                pos=["NOUN", "PROPN", "VERB", "NOUN"],
                lemmas=["minister", "Dijkstra", "tell", "reporter"],
            ),
            [],
        ),
        # a first name the parser cut off and left childless still belongs to the name
        (
            dict(
                words=["Marloes", "Dijkstra", "told", "reporters"],
                heads=[0, 2, 2, 2],
                deps=["ROOT", "nsubj", "ROOT", "iobj"],
                pos=["PROPN", "PROPN", "VERB", "NOUN"],
                lemmas=["Marloes", "Dijkstra", "tell", "reporter"],
            ),
            [("Marloes Dijkstra", "PERSON", "person")],
        ),
        # a title is trimmed off the name
        (
            dict(
                words=["President", "Joe", "Biden", "said", "it"],
                heads=[2, 2, 3, 3, 3],
                deps=["compound", "compound", "nsubj", "ROOT", "dobj"],
                pos=["PROPN", "PROPN", "PROPN", "VERB", "PRON"],
            ),
            [("Joe Biden", "PERSON", "person")],
        ),
    ],
)
def test_entities_speaker_mentions(doc_args, expected):
    doc = parsed_doc(**doc_args)
    rows = list(find_speaker_mentions(doc, cues=reporting_verbs_v1()))
    assert [(r.text, r.label, r.kind) for r in rows] == expected
    assert all(r.method == "speaker" and doc.text[r.start_char : r.end_char] == r.text for r in rows)


@pytest.mark.issue(5)
@pytest.mark.parametrize(
    "words,heads,deps,pos,lemmas",
    [
        # pronoun subject
        (["He", "said", "it"], [1, 1, 1], ["nsubj", "ROOT", "obj"], ["PRON", "VERB", "PRON"], ["he", "say", "it"]),
        # common-noun subject
        (
            ["The", "spokesman", "said", "it"],
            [1, 2, 2, 2],
            ["det", "nsubj", "ROOT", "dobj"],
            ["DET", "NOUN", "VERB", "PRON"],
            ["the", "spokesman", "say", "it"],
        ),
        # not a reporting verb
        (
            ["Yahya", "Rasool", "ate", "it"],
            [1, 2, 2, 2],
            ["compound", "nsubj", "ROOT", "obj"],
            ["PROPN", "PROPN", "VERB", "PRON"],
            ["Yahya", "Rasool", "eat", "it"],
        ),
        # passive subject of a reporting verb: the addressee, not the speaker
        (
            ["Yahya", "Rasool", "was", "told"],
            [1, 3, 3, 3],
            ["flat", "nsubj:pass", "aux:pass", "ROOT"],
            ["PROPN", "PROPN", "AUX", "VERB"],
            ["Yahya", "Rasool", "be", "tell"],
        ),
        # a lone capitalized word opening the sentence
        (
            ["Police", "said", "it"],
            [1, 1, 1],
            ["nsubj", "ROOT", "dobj"],
            ["PROPN", "VERB", "PRON"],
            ["Police", "say", "it"],
        ),
        # a role, not a name
        (
            ["Energy", "Minister", "said", "it"],
            [1, 2, 2, 2],
            ["compound", "nsubj", "ROOT", "obj"],
            ["PROPN", "PROPN", "VERB", "PRON"],
            ["Energy", "Minister", "say", "it"],
        ),
        # the name contains an entity ("US"), even though "Central" is not part of the pieces
        (
            ["US", "Central", "Command", "said"],
            [2, 2, 3, 3],
            ["compound", "amod", "nsubj", "ROOT"],
            ["PROPN", "ADJ", "PROPN", "VERB"],
            ["US", "central", "Command", "say"],
        ),
    ],
)
def test_entities_speaker_mentions_negative(words, heads, deps, pos, lemmas):
    ents = [(0, 1, "GPE")] if words[0] == "US" else []
    doc = parsed_doc(words, heads, deps, pos, lemmas, ents=ents)
    assert list(find_speaker_mentions(doc, cues=reporting_verbs_v1())) == []


@pytest.mark.issue(5)
@pytest.mark.parametrize("ents,methods", [([(0, 2, "PERSON")], ["ner"]), ([], ["speaker"])])
def test_entities_speaker_mentions_skip_entities(ents, methods):
    doc = parsed_doc(NAMED, [1, 2, 2, 2, 2], ["compound", "nsubj", "ROOT", "dobj", "punct"], ents=ents, **SAID)
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_mentions")
    doc = nlp.get_pipe("extractor_mentions")(doc)
    assert [(m.text, m.method) for m in rows_of(doc, "mentions")] == [("Yahya Rasool", method) for method in methods]


def _titled_doc(title):
    """ "<title> Dijkstra told reporters", the title tagged as a common noun like an unknown first name."""
    return parsed_doc(
        words=[title, "Dijkstra", "told", "reporters"],
        heads=[1, 2, 2, 2],
        deps=["compound", "nsubj", "ROOT", "iobj"],
        pos=["NOUN", "PROPN", "VERB", "NOUN"],
        lemmas=[title.lower(), "Dijkstra", "tell", "reporter"],
    )


@pytest.mark.parametrize(
    "extra_titles,expected", [((), ["Coach Dijkstra"]), (("Coach",), ["Dijkstra"])], ids=["default", "configured"]
)
def test_mentions_speaker_phrases_honour_configured_titles(extra_titles, expected):
    title_words = words_of_titles([*titles_v1(), *extra_titles])
    phrases = speaker_phrases(_titled_doc("Coach"), Lexicon(reporting_verbs_v1()), title_words)
    assert [phrase.text for phrase in phrases] == expected


@pytest.mark.parametrize(
    "title,titles,expected",
    [
        ("Coach", None, ["Coach Dijkstra"]),
        ("Coach", [*titles_v1(), "Coach"], []),
        ("Minister", None, []),
        # "Minister" is no title in this lexicon, so it is the first name of an unknown person
        ("Minister", ["President"], ["Minister Dijkstra"]),
    ],
)
def test_mentions_component_honours_configured_titles(title, titles, expected):
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_mentions", config={} if titles is None else {"titles": titles})
    doc = nlp.get_pipe("extractor_mentions")(_titled_doc(title))
    assert [m.text for m in rows_of(doc, "mentions")] == expected


@pytest.mark.issue(5)
@pytest.mark.parametrize("speaker_cues,expected", [([], []), (["state"], ["Akram al-Kaabi"]), (["say"], [])])
def test_entities_speaker_cues_config(speaker_cues, expected):
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_mentions", config={"speaker_cues": speaker_cues})
    doc = nlp.get_pipe("extractor_mentions")(parsed_doc(**KAABI))
    assert [m.text for m in rows_of(doc, "mentions")] == expected


# Group words as spaCy's en_core_web_sm parses them (ClearNLP labels); UD's
# labels for the same trees differ only where noted.
GOVERNMENT = dict(  # "The Iraqi government said it ."
    words=["The", "Iraqi", "government", "said", "it", "."],
    heads=[2, 2, 3, 3, 3, 3],
    deps=["det", "amod", "nsubj", "ROOT", "dobj", "punct"],
    pos=["DET", "ADJ", "NOUN", "VERB", "PRON", "PUNCT"],
    ents=[(1, 2, "NORP")],
)
AUTHORITIES = dict(  # "with the Omani security authorities ."
    words=["with", "the", "Omani", "security", "authorities", "."],
    heads=[0, 4, 4, 4, 0, 0],
    deps=["ROOT", "det", "compound", "compound", "pobj", "punct"],
    pos=["ADP", "DET", "PROPN", "NOUN", "NOUN", "PUNCT"],
    ents=[(2, 3, "NORP")],
)
CARRIER = dict(  # "a Danish carrier said it ."
    words=["a", "Danish", "carrier", "said", "it", "."],
    heads=[2, 2, 3, 3, 3, 3],
    deps=["det", "amod", "nsubj", "ROOT", "dobj", "punct"],
    pos=["DET", "ADJ", "NOUN", "VERB", "PRON", "PUNCT"],
    ents=[(1, 2, "NORP")],
)
INDEFINITE = dict(CARRIER, words=["an", "Iraqi", "ministry", "said", "it", "."])
FLAGGED = dict(  # "the Liberian - flagged tanker" (npadvmod of the adjective)
    words=["the", "Liberian", "-", "flagged", "tanker"],
    spaces=[True, False, False, True, False],
    heads=[4, 3, 3, 4, 4],
    deps=["det", "npadvmod", "punct", "amod", "ROOT"],
    pos=["DET", "ADJ", "PUNCT", "VERB", "NOUN"],
    ents=[(1, 2, "NORP")],
)
PALESTINIANS = dict(  # "Palestinians marched ."
    words=["Palestinians", "marched", "."],
    heads=[1, 1, 1],
    deps=["nsubj", "ROOT", "punct"],
    pos=["PROPN", "VERB", "PUNCT"],
    ents=[(0, 1, "NORP")],
)
RIGHTS = dict(  # "rights of Palestinians" in UD: the group is the nmod, not a modifier word
    words=["rights", "of", "Palestinians"],
    heads=[0, 2, 0],
    deps=["ROOT", "case", "nmod"],
    pos=["NOUN", "ADP", "PROPN"],
    ents=[(2, 3, "NORP")],
)


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "doc_args,expected",
    [
        # A group word before a nation's institution opens the institution's name.
        (GOVERNMENT, [("Iraqi government", "NORP", "organization")]),
        (AUTHORITIES, [("Omani security authorities", "NORP", "organization")]),
        (
            dict(GOVERNMENT, deps=["det", "amod", "nsubj", "root", "obj", "punct"]),
            [("Iraqi government", "NORP", "organization")],
        ),
        # Anything else stays a group mention (that extractor_entities makes no actor of).
        (CARRIER, [("Danish", "NORP", "group")]),
        (INDEFINITE, [("Iraqi", "NORP", "group")]),
        (FLAGGED, [("Liberian", "NORP", "group")]),
        (PALESTINIANS, [("Palestinians", "NORP", "group")]),
        (RIGHTS, [("Palestinians", "NORP", "group")]),
    ],
)
def test_mentions_group_words(doc_args, expected):
    doc = parsed_doc(**doc_args)
    assert [(row.text, row.label, row.kind) for row in find_mentions(doc)] == expected


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "doc_args,modifier",
    [(GOVERNMENT, True), (CARRIER, True), (FLAGGED, True), (PALESTINIANS, False), (RIGHTS, False)],
)
def test_mentions_is_group_modifier(doc_args, modifier):
    from extractor.components.mentions import is_group_modifier

    doc = parsed_doc(**doc_args)
    assert is_group_modifier(doc.ents[0]) is modifier


@pytest.mark.issue(13)
def test_mentions_group_word_without_parse_is_no_modifier():
    from extractor.components.mentions import is_group_modifier

    doc = make_doc("The Iraqi government said it.", [("Iraqi", "NORP")])
    assert not is_group_modifier(doc.ents[0])
    assert [(row.text, row.kind) for row in find_mentions(doc)] == [("Iraqi", "group")]


@pytest.mark.issue(13)
@pytest.mark.parametrize("label", ["DATE", "TIME"])
def test_mentions_leave_dates_to_the_dates_stage(label):
    doc = make_doc("Ana Ferreira spoke on Friday morning.", [("Ana Ferreira", "PERSON"), ("Friday morning", label)])
    assert [row.text for row in find_mentions(doc)] == ["Ana Ferreira"]
