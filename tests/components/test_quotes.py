"""Tests of `extractor_quotes` on hand-built Docs, in both label schemes."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, Span
from tests.components.parses import NLP, SCHEMES, parsed, pos_of, tree, with_entities

from extractor.components.extensions import rows_of, set_rows
from extractor.components.quotes import find_quotes
from extractor.ids import OFFSET_KEY
from extractor.registrations import reporting_verbs_v1, reporting_verbs_v3, reporting_verbs_v4, reporting_verbs_v5
from extractor.types import MentionRow

VERBS = reporting_verbs_v1()
# UD label -> ClearNLP label, for cases whose trees agree in shape.
TO_CLEAR = {
    "obj": "dobj",
    "nsubj:pass": "nsubjpass",
    "compound:prt": "prt",
    "nmod:poss": "poss",
    "acl:relcl": "relcl",
    "obl": "npadvmod",
    "flat": "compound",
}
VERB_LEMMAS = {
    "said": "say",
    "called": "call",
    "added": "add",
    "stated": "state",
    "pointed": "point",
    "spoke": "speak",
    "is": "be",
    "was": "be",
    "has": "have",
    "read": "read",
    "failed": "fail",
    "asking": "ask",
    "wrote": "write",
    "lamenting": "lament",
}


def make_doc(words: str, heads: list[int], deps: str, pos: str, ents=(), scheme: str = "ud") -> Doc:
    """A parsed Doc (`parses.parsed`), its UD labels turned into ClearNLP's for scheme "clear"."""
    return parsed(
        words, heads, deps, pos, lemmas=VERB_LEMMAS, ents=ents, relabel=TO_CLEAR if scheme == "clear" else None
    )


# (words, UD heads, UD deps, ClearNLP heads, ClearNLP deps, pos, ents, expected (kind, text, speaker, cue))
CASES = [
    (
        "“ We will win , ” Kaabi said .",
        [3, 3, 3, 3, 3, 3, 7, 3, 3],
        "punct nsubj aux ROOT punct punct nsubj parataxis punct",
        [7, 3, 3, 7, 7, 7, 7, 7, 7],
        "punct nsubj aux ccomp punct punct nsubj ROOT punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN VERB PUNCT",
        [(6, 7, "PERSON")],
        [("direct", "We will win,", "Kaabi", "say")],
    ),
    (
        "“ We will win , ” said Kaabi .",
        [3, 3, 3, 3, 3, 3, 3, 6, 3],
        "punct nsubj aux ROOT punct punct parataxis nsubj punct",
        [6, 3, 3, 6, 6, 6, 6, 6, 6],
        "punct nsubj aux ccomp punct punct ROOT nsubj punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT VERB PROPN PUNCT",
        [(7, 8, "PERSON")],
        [("direct", "We will win,", "Kaabi", "say")],
    ),
    (
        "Kaabi said : “ We will win . ”",
        [1, 1, 1, 6, 6, 6, 1, 6, 6],
        "nsubj ROOT punct punct nsubj aux ccomp punct punct",
        [1, 1, 1, 6, 6, 6, 1, 6, 6],
        "nsubj ROOT punct punct nsubj aux ccomp punct punct",
        "PROPN VERB PUNCT PUNCT PRON AUX VERB PUNCT PUNCT",
        [(0, 1, "PERSON")],
        [("direct", "We will win.", "Kaabi", "say")],
    ),
    (
        "Kaabi stated on Sunday that the calm is temporary .",
        [1, 1, 3, 1, 8, 6, 8, 8, 1, 1],
        "nsubj ROOT case obl mark det nsubj cop ccomp punct",
        [1, 1, 1, 2, 7, 6, 7, 1, 7, 1],
        "nsubj ROOT prep pobj mark det nsubj ccomp acomp punct",
        "PROPN VERB ADP PROPN SCONJ DET NOUN AUX ADJ PUNCT",
        [(0, 1, "PERSON")],
        [("indirect", "the calm is temporary", "Kaabi", "state")],
    ),
    (
        "They will never renege , he pointed out .",
        [3, 3, 3, 3, 6, 6, 3, 6, 3],
        "nsubj aux advmod ROOT punct nsubj parataxis compound:prt punct",
        [3, 3, 3, 6, 6, 6, 6, 6, 6],
        "nsubj aux neg ccomp punct nsubj ROOT prt punct",
        "PRON AUX ADV VERB PUNCT PRON VERB ADP PUNCT",
        [],
        [("indirect", "They will never renege", "he", "point out")],
    ),
    (
        "Rasool said the coalition “ has become a factor . ”",
        [1, 1, 3, 6, 6, 6, 1, 8, 6, 6, 6],
        "nsubj ROOT det nsubj punct aux ccomp det xcomp punct punct",
        [1, 1, 3, 6, 6, 6, 1, 8, 6, 6, 6],
        "nsubj ROOT det nsubj punct aux ccomp det attr punct punct",
        "PROPN VERB DET NOUN PUNCT AUX VERB DET NOUN PUNCT PUNCT",
        [(0, 1, "PERSON")],
        [("mixed", "the coalition “has become a factor.”", "Rasool", "say")],
    ),
    (
        "The so-called “ reforms ” failed .",
        [2, 2, 5, 2, 2, 5, 5],
        "det amod punct nsubj punct ROOT punct",
        [2, 2, 5, 2, 2, 5, 5],
        "det amod punct nsubj punct ROOT punct",
        "DET ADJ PUNCT NOUN PUNCT VERB PUNCT",
        [],
        [],
    ),
    (
        "Lee wrote : ¶ “ We will win this time . ”",
        [1, 1, 1, 2, 7, 7, 7, 7, 9, 7, 7, 7],
        "nsubj ROOT punct dep punct nsubj aux ROOT det obj punct punct",
        [1, 1, 1, 2, 7, 7, 7, 7, 9, 7, 7, 7],
        "nsubj ROOT punct dep punct nsubj aux ROOT det dobj punct punct",
        "PROPN VERB PUNCT SPACE PUNCT PRON AUX VERB DET NOUN PUNCT PUNCT",
        [(0, 1, "PERSON")],
        # A colon that ends the paragraph before leads into a quoted block.
        [("direct", "We will win this time.", "Lee", "write")],
    ),
    # A reported clause that runs into a quote of the same cue holds all of it.
    (
        "Lee added that the vote failed because , “ we lost . We did . ”",
        [1, 1, 5, 4, 5, 1, 10, 10, 10, 10, 5, 1, 13, 1, 13, 13],
        "nsubj ROOT mark det nsubj ccomp mark punct punct nsubj advcl punct nsubj parataxis punct punct",
        [1, 1, 5, 4, 5, 1, 10, 10, 10, 10, 5, 1, 13, 1, 13, 13],
        "nsubj ROOT mark det nsubj ccomp mark punct punct nsubj advcl punct nsubj parataxis punct punct",
        "PROPN VERB SCONJ DET NOUN VERB SCONJ PUNCT PUNCT PRON VERB PUNCT PRON VERB PUNCT PUNCT",
        [(0, 1, "PERSON")],
        [("mixed", "the vote failed because, “we lost. We did.”", "Lee", "add")],
    ),
    (
        "She read “ The Long Road Home ” yesterday .",
        [1, 1, 6, 6, 6, 6, 1, 6, 1, 1],
        "nsubj ROOT punct det amod compound obj punct obl:tmod punct",
        [1, 1, 6, 6, 6, 6, 1, 6, 1, 1],
        "nsubj ROOT punct det amod compound obj punct npadvmod punct",
        "PRON VERB PUNCT DET ADJ PROPN PROPN PUNCT NOUN PUNCT",
        [],
        [],
    ),
]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,ud_heads,ud_deps,clear_heads,clear_deps,pos,ents,expected", CASES)
def test_quotes_layouts(scheme, words, ud_heads, ud_deps, clear_heads, clear_deps, pos, ents, expected):
    heads, deps = tree(scheme, ud_heads, ud_deps, clear_heads, clear_deps)
    doc = make_doc(words, heads, deps, pos, ents, scheme)
    rows = list(find_quotes(doc, VERBS))
    assert [(r.kind, r.text, r.speaker_text, r.cue) for r in rows] == expected
    for row in rows:
        assert doc.text[row.start_char : row.end_char] == row.text


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_quotes_fragment_inside_a_mixed_quote_is_no_statement_of_its_own(scheme):
    # The writer's phrase after "went on about" holds both quoted fragments;
    # the second's trailing "Ann said" is no attribution of it.
    heads, deps = tree(
        scheme,
        [2, 2, 21, 2, 7, 7, 7, 2, 7, 10, 8, 7, 17, 17, 17, 17, 17, 7, 17, 17, 21, 21, 21, 21],
        "mark nsubj advcl compound:prt case punct det obl acl case obl punct cc punct nmod:poss amod amod conj"
        " punct punct nsubj ROOT obj punct",
        [2, 2, 21, 2, 2, 7, 7, 4, 7, 8, 9, 7, 17, 17, 17, 17, 17, 7, 17, 17, 21, 21, 21, 21],
        "mark nsubj advcl prt prep punct det pobj acl prep pobj punct cc punct poss amod amod conj"
        " punct punct nsubj ROOT dobj punct",
    )
    doc = make_doc(
        "As Lee went on about “ a system rigged against us ” and “ our own struggling citizens , ” Ann said yes .",
        heads,
        deps,
        "SCONJ PROPN VERB ADP ADP PUNCT DET NOUN VERB ADP PRON PUNCT CCONJ PUNCT PRON ADJ VERB NOUN PUNCT PUNCT"
        " PROPN VERB INTJ PUNCT",
        [(1, 2, "PERSON"), (20, 21, "PERSON")],
        scheme,
    )
    rows = [(r.kind, r.text, r.speaker_text) for r in find_quotes(doc, VERBS) if r.kind != "indirect"]
    assert rows == [("mixed", "on about “a system rigged against us” and “our own struggling citizens,”", "Lee")]


def _kaabi_doc(scheme):
    """A named speaker, then a quote attributed with "he added"."""
    words = "Kaabi spoke . “ We will win , ” he added ."
    heads = [1, 1, 1, 6, 6, 6, 6, 6, 6, 10, 6, 6]
    deps = "nsubj ROOT punct punct nsubj aux ROOT punct punct nsubj parataxis punct"
    pos = "PROPN VERB PUNCT PUNCT PRON AUX VERB PUNCT PUNCT PRON VERB PUNCT"
    doc = make_doc(words, heads, deps, pos, [(0, 1, "PERSON")], scheme)
    set_rows(
        doc,
        "mentions",
        [
            MentionRow(
                mention_id="m1",
                doc_id="",
                text="Kaabi",
                start_char=0,
                end_char=5,
                label="PERSON",
                kind="person",
                entity_id="e-kaabi",
                sentence_index=0,
                method="ner",
            )
        ],
    )
    return doc


@pytest.mark.parametrize("scheme", SCHEMES)
def test_quotes_pronoun_resolves_to_mention(scheme):
    doc = _kaabi_doc(scheme)
    nlp = spacy.blank("en")
    import extractor.components.quotes  # noqa: F401  (registers the factory)

    nlp.add_pipe("extractor_quotes")(doc)
    (row,) = rows_of(doc, "quotes")
    assert (row.speaker_text, row.speaker_entity_id) == ("he", "e-kaabi")
    assert [m.method for m in rows_of(doc, "mentions")] == ["ner", "pronoun"]
    assert [s.label_ for s in doc.spans["extractor_quotes"]] == ["direct"]


@pytest.mark.parametrize("offset", [0, 1000])
def test_quotes_absolute_offsets(offset):
    doc = NLP("“We will not settle for a narrow win at all,” he added.")
    doc.user_data[OFFSET_KEY] = offset
    (row,) = find_quotes(doc, VERBS)
    assert row.start_char - offset == 1 and row.method.startswith("trailing_cue")


def test_quotes_trailing_cue_behind_an_apposition():
    doc = NLP("“The offer on the table is fair,” Marloes Dijkstra, the association’s chair, told reporters.")
    (row,) = find_quotes(doc, VERBS)
    assert row.cue == "tell"  # the cue is found; without a parse no speaker is


MARKS = st.sampled_from(['"', "“", "”", "‘", "’", "«", "»", "``", "''", " ", "\n\n", ",", " said ", "."])
WORDS = st.sampled_from(["he", "we", "Kaabi", "the", "win", "will", "storm", "x"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(MARKS, WORDS), max_size=40))
def test_quotes_rows_match_text_property(parts):
    doc = NLP(" ".join(parts))
    for row in find_quotes(doc, VERBS, min_quote_words=1):
        assert doc.text[row.start_char : row.end_char] == row.text
        assert row.text.strip() == row.text and row.text


# Regressions of issue 4: (words, UD heads, UD deps, ClearNLP heads, ClearNLP deps, pos, ents, expected).
ISSUE_4 = [
    # A cue inside quote marks is the quoted speaker's own words, not an indirect quote.
    (
        "“ The court has said that our health matters , ” he added .",
        [4, 2, 4, 4, 4, 8, 7, 8, 4, 4, 4, 12, 4, 4],
        "punct det nsubj aux ROOT mark nmod:poss nsubj ccomp punct punct nsubj parataxis punct",
        [12, 2, 4, 4, 12, 8, 7, 8, 4, 12, 12, 12, 12, 12],
        "punct det nsubj aux ccomp mark nmod:poss nsubj ccomp punct punct nsubj ROOT punct",
        "PUNCT DET NOUN AUX VERB SCONJ PRON NOUN VERB PUNCT PUNCT PRON VERB PUNCT",
        [],
        [("direct", "The court has said that our health matters,", "he", "add")],
    ),
    # A continuation quote carries the cue of the quote it continues.
    (
        "“ We will win , ” Kaabi said . “ They will lose badly . ”",
        [3, 3, 3, 3, 3, 3, 7, 3, 3, 12, 12, 12, 12, 12, 12, 12],
        "punct nsubj aux ROOT punct punct nsubj parataxis punct punct nsubj aux ROOT advmod punct punct",
        [7, 3, 3, 7, 7, 7, 7, 7, 7, 12, 12, 12, 12, 12, 12, 12],
        "punct nsubj aux ccomp punct punct nsubj ROOT punct punct nsubj aux ROOT advmod punct punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN VERB PUNCT PUNCT PRON AUX VERB ADV PUNCT PUNCT",
        [(6, 7, "PERSON")],
        [("direct", "We will win,", "Kaabi", "say"), ("direct", "They will lose badly.", "Kaabi", "say")],
    ),
    # The hearer of "told" is not the speaker; the subject grows to its apposition.
    (
        "The harbour master , Colin Teague , told reporters that the tides were high .",
        [2, 2, 7, 5, 5, 2, 5, 7, 7, 13, 11, 13, 13, 7, 7],
        "det compound nsubj punct compound appos punct ROOT obj mark det nsubj cop ccomp punct",
        [2, 2, 7, 5, 5, 2, 5, 7, 7, 13, 11, 13, 13, 7, 7],
        "det compound nsubj punct compound appos punct ROOT obj mark det nsubj cop ccomp punct",
        "DET NOUN NOUN PUNCT PROPN PROPN PUNCT VERB NOUN SCONJ DET NOUN AUX ADJ PUNCT",
        [(4, 6, "PERSON")],
        [("indirect", "the tides were high", "The harbour master, Colin Teague", "tell")],
    ),
    # Same, misparsed as a small model does: "told" a conj of the noun, the clause an obl.
    (
        "The harbour master , Colin Teague , told reporters that the tides were high .",
        [2, 2, 2, 5, 5, 2, 5, 2, 7, 13, 11, 13, 13, 7, 2],
        "det compound ROOT punct compound appos punct conj obj mark det nsubj cop obl punct",
        [2, 2, 2, 5, 5, 2, 5, 2, 7, 13, 11, 13, 13, 7, 2],
        "det compound ROOT punct compound appos punct conj obj mark det nsubj cop obl punct",
        "DET NOUN NOUN PUNCT PROPN PROPN PUNCT VERB NOUN SCONJ DET NOUN AUX ADJ PUNCT",
        [(4, 6, "PERSON")],
        [("indirect", "the tides were high", "The harbour master, Colin Teague", "tell")],
    ),
    # Brackets stay balanced in the speaker phrase.
    (
        "The US Central Command ( CENTCOM ) said it had killed a commander .",
        [3, 3, 3, 7, 5, 3, 5, 7, 10, 10, 7, 12, 10, 7],
        "det compound compound nsubj punct appos punct ROOT nsubj aux ccomp det obj punct",
        [3, 3, 3, 7, 5, 3, 5, 7, 10, 10, 7, 12, 10, 7],
        "det compound compound nsubj punct appos punct ROOT nsubj aux ccomp det obj punct",
        "DET PROPN PROPN PROPN PUNCT PROPN PUNCT VERB PRON AUX VERB DET NOUN PUNCT",
        [(1, 4, "ORG"), (5, 6, "ORG")],
        [("indirect", "it had killed a commander", "The US Central Command ( CENTCOM )", "say")],
    ),
    # A time misparsed as the subject cannot speak.
    (
        "Last year , residents said the river rose .",
        [1, 4, 1, 1, 4, 6, 7, 4, 4],
        "amod nsubj punct appos ROOT det nsubj ccomp punct",
        [1, 4, 1, 1, 4, 6, 7, 4, 4],
        "amod nsubj punct appos ROOT det nsubj ccomp punct",
        "ADJ NOUN PUNCT NOUN VERB DET NOUN VERB PUNCT",
        [],
        [("indirect", "the river rose", "residents", "say")],
    ),
    # A comma inside the quoted fragment does not split the mixed quote.
    (
        "The payments , she said , would reach farmers “ within weeks , not months ” .",
        [1, 4, 4, 4, 4, 7, 7, 4, 7, 11, 11, 7, 14, 14, 4, 14, 4],
        "det obl punct nsubj ROOT punct aux ccomp obj punct case obl punct advmod conj punct punct",
        [1, 4, 4, 4, 4, 7, 7, 4, 7, 11, 11, 7, 14, 14, 4, 14, 4],
        "det obl punct nsubj ROOT punct aux ccomp obj punct case obl punct advmod conj punct punct",
        "DET NOUN PUNCT PRON VERB PUNCT AUX VERB NOUN PUNCT ADP NOUN PUNCT PART NOUN PUNCT PUNCT",
        [],
        # The cue between commas reports the whole sentence, as with the other parses (MIXED_CASES_4).
        [("mixed", "The payments, she said, would reach farmers “within weeks, not months”", "she", "say")],
    ),
]


@pytest.mark.issue(4)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,ud_heads,ud_deps,clear_heads,clear_deps,pos,ents,expected", ISSUE_4)
def test_quotes_issue_4_regressions(scheme, words, ud_heads, ud_deps, clear_heads, clear_deps, pos, ents, expected):
    heads, deps = tree(scheme, ud_heads, ud_deps, clear_heads, clear_deps)
    rows = list(find_quotes(make_doc(words, heads, deps, pos, ents, scheme), VERBS))
    assert [(r.kind, r.text, r.speaker_text, r.cue) for r in rows] == expected
    assert all(any(c.isalpha() for c in r.speaker_text) for r in rows if r.speaker_text)


@pytest.mark.issue(4)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_quotes_links_pronoun_through_actors(scheme):
    from extractor.types import EntityRow

    doc = _kaabi_doc(scheme)
    set_rows(
        doc,
        "entities",
        [
            EntityRow(
                entity_id="e-kaabi",
                doc_id="",
                name="Kaabi",
                kind="person",
                roles="",
                aliases="",
                n_mentions=1,
                first_char=0,
                actor_id="a-kaabi",
            )
        ],
    )
    nlp = spacy.blank("en")
    import extractor.components.quotes  # noqa: F401  (registers the factory)

    quotes = nlp.add_pipe("extractor_quotes")
    quotes(doc)
    quotes(doc)  # a second pass must not count the pronoun twice
    assert [m.method for m in rows_of(doc, "mentions")] == ["ner", "pronoun"]
    assert [e.n_mentions for e in rows_of(doc, "entities")] == [2]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "words,spaces,start,step,expected",
    [
        (["Akram", "al", "-", "Kaabi", "said"], [True, False, False, True, False], 3, -1, 1),
        (["Akram", "al", "-", "Kaabi", "said"], [True, False, False, True, False], 1, 1, 3),
        (["pro", "-", "government", "rally"], [False, False, True, False], 2, -1, 0),
        (["left", "-", "wing"], [True, True, False], 2, -1, 2),  # spaced hyphen: a dash, not a join
    ],
)
def test_quotes_hyphenated_names_join_in_both_directions(words, spaces, start, step, expected):
    import spacy
    from spacy.tokens import Doc

    from extractor.components.rules.cues import _join_hyphens

    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces)
    assert _join_hyphens(doc, start, step) == expected


# Issue 4, speakers of the seed articles: (words, UD heads, UD deps, ClearNLP heads,
# ClearNLP deps, pos, ents, expected (kind, text, speaker, cue)).
SPEAKER_CASES_4 = [
    # The relative clause's subject is not the cue's: the antecedent speaks, "it" is inside the clause.
    (
        "The Association , which speaks for operators , said it had offered a rise .",
        [1, 8, 4, 4, 1, 6, 4, 1, 8, 11, 11, 8, 13, 11, 8],
        "det nsubj punct nsubj acl:relcl case obl punct ROOT nsubj aux ccomp det obj punct",
        [1, 8, 4, 4, 1, 4, 5, 1, 8, 11, 11, 8, 13, 11, 8],
        "det nsubj punct nsubj relcl prep pobj punct ROOT nsubj aux ccomp det dobj punct",
        "DET PROPN PUNCT PRON VERB ADP NOUN PUNCT VERB PRON AUX VERB DET NOUN PUNCT",
        [(1, 2, "ORG")],
        [("indirect", "it had offered a rise", "The Association", "say")],
    ),
    # "which it says would cost": "it" is the cue's subject; the clause starts after the cue.
    (
        "The union opposes the plan , which it says would cost jobs .",
        [1, 2, 2, 4, 2, 8, 10, 8, 4, 10, 8, 10, 2],
        "det nsubj ROOT det obj punct nsubj nsubj acl:relcl aux ccomp obj punct",
        [1, 2, 2, 4, 2, 8, 10, 8, 4, 10, 8, 10, 2],
        "det nsubj ROOT det dobj punct nsubj nsubj relcl aux ccomp dobj punct",
        "DET NOUN VERB DET NOUN PUNCT PRON PRON VERB AUX VERB NOUN PUNCT",
        [],
        [("indirect", "would cost jobs", "it", "say")],
    ),
    # A cue hung on another cue's reported clause takes that cue's subject, not the clause's.
    (
        "The utility behind the project denied that the plant would pollute and said it would appeal .",
        [1, 5, 4, 4, 1, 5, 10, 8, 10, 10, 5, 12, 10, 15, 15, 12, 5],
        "det nsubj case det nmod ROOT mark det nsubj aux ccomp cc conj nsubj aux ccomp punct",
        [1, 5, 1, 4, 2, 5, 10, 8, 10, 10, 5, 12, 10, 15, 15, 12, 5],
        "det nsubj prep det pobj ROOT mark det nsubj aux ccomp cc conj nsubj aux ccomp punct",
        "DET NOUN ADP DET NOUN VERB SCONJ DET NOUN AUX VERB CCONJ VERB PRON AUX VERB PUNCT",
        [],
        [("indirect", "it would appeal", "The utility behind the project", "say")],
    ),
    # A noun tagged as a verb still belongs to the phrase; "in" phrases extend it.
    (
        "Shop owners in the city said the blackout cost them .",
        [1, 5, 4, 4, 1, 5, 7, 8, 5, 8, 5],
        "compound nsubj case det nmod ROOT det nsubj ccomp obj punct",
        [1, 5, 1, 4, 2, 5, 7, 8, 5, 8, 5],
        "compound nsubj prep det pobj ROOT det nsubj ccomp dobj punct",
        "VERB NOUN ADP DET NOUN VERB DET NOUN VERB PRON PUNCT",
        [],
        [("indirect", "the blackout cost them", "Shop owners in the city", "say")],
    ),
    # A title hung on the name (UD nmod:desc, ClearNLP compound) stays in the speaker.
    (
        "Judge Thandiwe Mokoena said the plan was wrong .",
        [1, 3, 1, 3, 5, 7, 7, 3, 3],
        "nmod:desc nsubj flat ROOT det nsubj cop ccomp punct",
        [2, 2, 3, 3, 5, 7, 7, 3, 3],
        "compound compound nsubj ROOT det nsubj cop ccomp punct",
        "PROPN PROPN PROPN VERB DET NOUN AUX ADJ PUNCT",
        [(1, 3, "PERSON")],
        [("indirect", "the plan was wrong", "Judge Thandiwe Mokoena", "say")],
    ),
    # A title heading the name expands over the flat/compound name after it.
    (
        "Judge Thandiwe Mokoena said the plan was wrong .",
        [3, 0, 0, 3, 5, 7, 7, 3, 3],
        "nsubj flat flat ROOT det nsubj cop ccomp punct",
        [3, 0, 0, 3, 5, 7, 7, 3, 3],
        "nsubj compound compound ROOT det nsubj cop ccomp punct",
        "PROPN PROPN PROPN VERB DET NOUN AUX ADJ PUNCT",
        [(1, 3, "PERSON")],
        [("indirect", "the plan was wrong", "Judge Thandiwe Mokoena", "say")],
    ),
    # A passive agent speaks without its "by"; a speaker never starts with a
    # preposition. The relative pronoun subject is the speaker as written
    # (it resolves to what "the coalition, a group" resolves to).
    (
        "The suit was brought by the coalition , a group that says pollution kills .",
        [1, 3, 3, 3, 6, 6, 3, 9, 9, 6, 11, 9, 13, 11, 3],
        "det nsubj:pass aux:pass ROOT case det obl:agent punct det appos nsubj acl:relcl nsubj ccomp punct",
        [1, 3, 3, 3, 3, 6, 4, 9, 9, 6, 11, 9, 13, 11, 3],
        "det nsubjpass auxpass ROOT agent det pobj punct det appos nsubj relcl nsubj ccomp punct",
        "DET NOUN AUX VERB ADP DET NOUN PUNCT DET NOUN PRON VERB NOUN VERB PUNCT",
        [],
        [("indirect", "pollution kills", "that", "say")],
    ),
    # Coordination inside a name's "of" phrase is part of the name.
    (
        "The Federation of Port and Transport Workers ( FPTW ) said its members would stay .",
        [1, 10, 3, 1, 6, 6, 3, 8, 6, 8, 10, 12, 14, 14, 10, 10],
        "det nsubj case nmod cc compound conj punct appos punct ROOT nmod:poss nsubj aux ccomp punct",
        [1, 10, 1, 2, 3, 6, 3, 8, 6, 8, 10, 12, 14, 14, 10, 10],
        "det nsubj prep pobj cc compound conj punct appos punct ROOT poss nsubj aux ccomp punct",
        "DET PROPN ADP PROPN CCONJ PROPN NOUN PUNCT PROPN PUNCT VERB PRON NOUN AUX VERB PUNCT",
        [(1, 7, "ORG")],
        [("indirect", "its members would stay", "The Federation of Port and Transport Workers ( FPTW )", "say")],
    ),
    # A cue between commas reports the sentence around it, even with the sentence's first
    # word hung on the cue by the parser (issue 11).
    (
        "Otherwise , she said , towns may lose money .",
        [3, 0, 3, 7, 3, 7, 7, 7, 7, 7],
        "advmod punct nsubj advcl punct nsubj aux ROOT obj punct",
        [3, 0, 3, 7, 3, 7, 7, 7, 7, 7],
        "advmod punct nsubj advcl punct nsubj aux ROOT dobj punct",
        "ADV PUNCT PRON VERB PUNCT NOUN AUX VERB NOUN PUNCT",
        [],
        [("indirect", "Otherwise, she said, towns may lose money", "she", "say")],
    ),
]


@pytest.mark.issue(4)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,ud_heads,ud_deps,clear_heads,clear_deps,pos,ents,expected", SPEAKER_CASES_4)
def test_quotes_speaker_is_the_cue_subject_phrase(
    scheme, words, ud_heads, ud_deps, clear_heads, clear_deps, pos, ents, expected
):
    heads, deps = tree(scheme, ud_heads, ud_deps, clear_heads, clear_deps)
    rows = list(find_quotes(make_doc(words, heads, deps, pos, ents, scheme), VERBS))
    assert [(r.kind, r.text, r.speaker_text, r.cue) for r in rows] == expected
    for row in rows:
        # The quote never starts inside its speaker phrase, nor the phrase with a preposition.
        assert not row.speaker_start_char <= row.start_char < row.speaker_end_char
        assert row.speaker_text.split()[0].lower() not in ("by", "of", "to", "according")


# Issue 4, mixed and direct quotes: (words, heads, deps, pos, expected); the trees
# are the bundled model's, with ClearNLP labels derived through TO_CLEAR.
MIXED_CASES_4 = [
    # A cue between commas reports the sentence around it, whatever it hangs on.
    (
        "The payments , she said , would reach farmers “ within weeks , not months ” .",
        [1, 7, 1, 4, 1, 1, 7, 7, 7, 8, 11, 7, 14, 14, 7, 14, 7],
        "det nsubj punct nsubj acl:relcl punct aux ROOT obj punct case obl punct advmod parataxis punct punct",
        "DET NOUN PUNCT PRON VERB PUNCT AUX VERB NOUN PUNCT ADP NOUN PUNCT PART NOUN PUNCT PUNCT",
        [("mixed", "The payments, she said, would reach farmers “within weeks, not months”", "she", "say")],
    ),
    (
        "The payments , she said , would reach farmers “ within weeks , not months ” .",
        [1, 7, 1, 4, 7, 4, 7, 7, 7, 8, 11, 7, 14, 14, 7, 14, 7],
        "det nsubj punct nsubj parataxis punct aux ROOT obj punct case obl punct advmod parataxis punct punct",
        "DET NOUN PUNCT PRON VERB PUNCT AUX VERB NOUN PUNCT ADP NOUN PUNCT PART NOUN PUNCT PUNCT",
        [("mixed", "The payments, she said, would reach farmers “within weeks, not months”", "she", "say")],
    ),
    # A clause whose subject comes before the quote its cue follows is mixed, as PolNeAR annotates it.
    (
        "The company “ regrets the distress it caused , ” the statement said .",
        [1, 3, 1, 12, 5, 3, 7, 5, 3, 3, 11, 12, 12, 12],
        "det nsubj punct ccomp det obj nsubj acl:relcl punct punct det nsubj ROOT punct",
        "DET NOUN PUNCT VERB DET NOUN PRON VERB PUNCT PUNCT DET NOUN VERB PUNCT",
        [("mixed", "The company “regrets the distress it caused,”", "the statement", "say")],
    ),
]


# Issue 11, mixed quotes as PolNeAR annotates them: (words, UD heads, UD deps,
# ClearNLP heads, ClearNLP deps, pos, expected (kind, text, speaker, cue)).
MIXED_CASES_11 = [
    # The writer's own verb before a quote that its cue follows: the clause is mixed.
    (
        "Lena was “ a much respected colleague , ” the statement said .",
        [6, 6, 6, 6, 5, 6, 11, 6, 6, 10, 11, 11, 11],
        "nsubj cop punct det advmod amod ccomp punct punct det nsubj ROOT punct",
        [6, 6, 6, 6, 5, 6, 11, 6, 6, 10, 11, 11, 11],
        "nsubj cop punct det advmod amod ccomp punct punct det nsubj ROOT punct",
        "PROPN AUX PUNCT DET ADV ADJ NOUN PUNCT PUNCT DET NOUN VERB PUNCT",
        [("mixed", "Lena was “a much respected colleague,”", "the statement", "say")],
    ),
    # So is one that opens with an adverbial of its own …
    (
        "With thousands of systems , “ there is no single point of failure , ” he said .",
        [1, 7, 3, 1, 1, 7, 7, 16, 10, 10, 7, 12, 10, 7, 7, 16, 16, 16],
        "case obl case nmod punct punct expl ccomp det amod nsubj case nmod punct punct nsubj ROOT punct",
        [7, 0, 1, 2, 7, 7, 7, 16, 10, 10, 7, 10, 11, 16, 16, 16, 16, 16],
        "prep pobj prep pobj punct punct expl ccomp det amod attr prep pobj punct punct nsubj ROOT punct",
        "ADP NOUN ADP NOUN PUNCT PUNCT PRON VERB DET ADJ NOUN ADP NOUN PUNCT PUNCT PRON VERB PUNCT",
        [("mixed", "With thousands of systems, “there is no single point of failure,”", "he", "say")],
    ),
    # … but a lead-in that links the sentence to the one before leaves the quote direct.
    (
        "As for taxes , “ the plan raises them for everyone , ” she said .",
        [2, 2, 7, 2, 7, 6, 7, 14, 7, 10, 7, 7, 7, 14, 14, 14],
        "case case obl punct punct det nsubj ccomp obj case obl punct punct nsubj ROOT punct",
        [7, 0, 1, 7, 7, 6, 7, 14, 7, 7, 9, 14, 14, 14, 14, 14],
        "prep prep pobj punct punct det nsubj ccomp dobj prep pobj punct punct nsubj ROOT punct",
        "ADP ADP NOUN PUNCT PUNCT DET NOUN VERB PRON ADP PRON PUNCT PUNCT PRON VERB PUNCT",
        [("direct", "the plan raises them for everyone,", "she", "say")],
    ),
    # A cue between commas after a connective reports the sentence around it …
    (
        "But , she added , “ I knew him very well . ”",
        [3, 0, 3, 3, 7, 7, 7, 3, 7, 10, 7, 7, 7],
        "cc punct nsubj ROOT punct punct nsubj ccomp obj advmod advmod punct punct",
        [7, 3, 3, 7, 3, 3, 7, 7, 7, 10, 7, 7, 7],
        "cc punct nsubj parataxis punct punct nsubj ROOT dobj advmod advmod punct punct",
        "CCONJ PUNCT PRON VERB PUNCT PUNCT PRON VERB PRON ADV ADV PUNCT PUNCT",
        [("mixed", "But, she added, “I knew him very well.”", "she", "add")],
    ),
    # … but after a clause that sets the scene, it leads into the quoted sentence.
    (
        "As boos erupt , the executive says , “ Please sit down now . ”",
        [2, 2, 6, 2, 5, 6, 6, 6, 10, 10, 6, 10, 10, 10, 10],
        "mark nsubj advcl punct det nsubj ROOT punct punct discourse ccomp advmod advmod punct punct",
        [2, 2, 6, 6, 5, 6, 6, 6, 6, 10, 6, 10, 10, 6, 6],
        "mark nsubj advcl punct det nsubj ROOT punct punct intj xcomp prt advmod punct punct",
        "SCONJ NOUN VERB PUNCT DET NOUN VERB PUNCT PUNCT INTJ VERB ADP ADV PUNCT PUNCT",
        [("direct", "Please sit down now.", "the executive", "say")],
    ),
    # A verb that is no cue leads into a quoted phrase: the verb's phrase is mixed.
    (
        "Ruiz called the plan “ a betrayal of workers ” on Monday .",
        [1, 1, 3, 1, 6, 6, 1, 8, 6, 6, 11, 1, 1],
        "nsubj ROOT det obj punct det xcomp case nmod punct case obl punct",
        [1, 1, 3, 1, 6, 6, 1, 6, 7, 6, 1, 10, 1],
        "nsubj ROOT det dobj punct det oprd prep pobj punct prep pobj punct",
        "PROPN VERB DET NOUN PUNCT DET NOUN ADP NOUN PUNCT ADP PROPN PUNCT",
        [("mixed", "the plan “a betrayal of workers” on Monday", "Ruiz", "call")],
    ),
    # The phrase stops before a conjoined verb with a quote of its own …
    (
        "Ruiz called the plan “ a betrayal of workers ” and promised “ a new deal soon ” .",
        [1, 1, 3, 1, 6, 6, 1, 8, 6, 6, 11, 1, 15, 15, 15, 11, 15, 15, 1],
        "nsubj ROOT det obj punct det xcomp case nmod punct cc conj punct det amod obj advmod punct punct",
        [1, 1, 3, 1, 6, 6, 1, 6, 7, 6, 1, 1, 15, 15, 15, 11, 15, 15, 1],
        "nsubj ROOT det dobj punct det oprd prep pobj punct cc conj punct det amod dobj advmod punct punct",
        "PROPN VERB DET NOUN PUNCT DET NOUN ADP NOUN PUNCT CCONJ VERB PUNCT DET ADJ NOUN ADV PUNCT PUNCT",
        [
            ("mixed", "the plan “a betrayal of workers”", "Ruiz", "call"),
            ("direct", "a new deal soon", "Ruiz", "promised"),
        ],
    ),
    # … and keeps the closing mark of a quote that ends the sentence.
    (
        "Ruiz wants the money “ before the next big storm . ”",
        [1, 1, 3, 1, 9, 9, 9, 9, 9, 1, 1, 1],
        "nsubj ROOT det obj punct case det amod amod obl punct punct",
        [1, 1, 3, 1, 9, 1, 9, 9, 9, 5, 1, 1],
        "nsubj ROOT det dobj punct prep det amod amod pobj punct punct",
        "PROPN VERB DET NOUN PUNCT ADP DET ADJ ADJ NOUN PUNCT PUNCT",
        [("mixed", "the money “before the next big storm.”", "Ruiz", "wants")],
    ),
    # … but a quoted label after "as" stays the quoted words.
    (
        "Ruiz denounced the plan as “ a bandage on a leg ” .",
        [1, 1, 3, 1, 7, 7, 7, 1, 10, 10, 7, 7, 1],
        "nsubj ROOT det obj case punct det obl case det nmod punct punct",
        [1, 1, 3, 1, 1, 7, 7, 4, 7, 10, 8, 7, 1],
        "nsubj ROOT det dobj prep punct det pobj prep det pobj punct punct",
        "PROPN VERB DET NOUN ADP PUNCT DET NOUN ADP DET NOUN PUNCT PUNCT",
        [("direct", "a bandage on a leg", "Ruiz", "denounced")],
    ),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,ud_heads,ud_deps,clear_heads,clear_deps,pos,expected", MIXED_CASES_11)
def test_quotes_mixed_as_polnear_annotates(scheme, words, ud_heads, ud_deps, clear_heads, clear_deps, pos, expected):
    heads, deps = tree(scheme, ud_heads, ud_deps, clear_heads, clear_deps)
    rows = list(find_quotes(make_doc(words, heads, deps, pos, (), scheme), VERBS))
    assert [(r.kind, r.text, r.speaker_text, r.cue) for r in rows] == expected


# Issue 11, a quote inside what its cue reports, with the writer's words
# around it: (words, UD heads, UD deps, ClearNLP heads, ClearNLP deps, pos, expected).
COMPLEMENT_CASES_11 = [
    # The cue's object holds the quote: the object and its phrase are mixed.
    (
        "Ruiz reported the “ 1,384 late rent notices ” in May .",
        [1, 1, 7, 7, 7, 7, 7, 1, 7, 10, 1, 1],
        "nsubj ROOT det punct nummod amod compound obj punct case obl punct",
        [1, 1, 7, 7, 7, 7, 7, 1, 7, 1, 9, 1],
        "nsubj ROOT det punct nummod amod compound dobj punct prep pobj punct",
        "PROPN VERB DET PUNCT NUM ADJ NOUN NOUN PUNCT ADP PROPN PUNCT",
        [("mixed", "the “1,384 late rent notices” in May", "Ruiz", "report")],
    ),
    # A second quote conjoined after the cue ("…,” she said, and “…”) is
    # not what the cue reports in the writer's words: it stays direct.
    (
        "“ We will enforce it , ” Ruiz said , and “ swift penalties will follow . ”",
        [3, 3, 3, 8, 3, 3, 3, 8, 8, 15, 15, 15, 13, 15, 15, 8, 8, 8],
        "punct nsubj aux ccomp obj punct punct nsubj ROOT punct cc punct amod nsubj aux conj punct punct",
        [3, 3, 3, 8, 3, 3, 3, 8, 8, 15, 15, 15, 13, 15, 15, 8, 8, 8],
        "punct nsubj aux ccomp dobj punct punct nsubj ROOT punct cc punct amod nsubj aux conj punct punct",
        "PUNCT PRON AUX VERB PRON PUNCT PUNCT PROPN VERB PUNCT CCONJ PUNCT ADJ NOUN AUX VERB PUNCT PUNCT",
        [
            ("direct", "We will enforce it,", "Ruiz", "say"),
            ("direct", "swift penalties will follow.", "Ruiz", "say"),
        ],
    ),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,ud_heads,ud_deps,clear_heads,clear_deps,pos,expected", COMPLEMENT_CASES_11)
def test_quotes_mixed_in_complement_of_cue(scheme, words, ud_heads, ud_deps, clear_heads, clear_deps, pos, expected):
    heads, deps = tree(scheme, ud_heads, ud_deps, clear_heads, clear_deps)
    rows = list(find_quotes(make_doc(words, heads, deps, pos, (), scheme), VERBS))
    assert [(r.kind, r.text, r.speaker_text, r.cue) for r in rows] == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,heads,deps,pos,expected", MIXED_CASES_4)
def test_quotes_mixed_or_direct_by_cue_position(scheme, words, heads, deps, pos, expected):
    rows = list(find_quotes(make_doc(words, heads, deps, pos, (), scheme), VERBS))
    assert [(r.kind, r.text, r.speaker_text, r.cue) for r in rows] == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "entities,expected",
    [
        ([("e-ines", "Ines Carrasco", "person", "")], "e-ines"),
        ([("e-ines", "Ines Carrasco", "person", ""), ("e-luis", "Luis Carrasco", "person", "")], ""),
        ([("e-org", "Carrasco Holdings", "organization", "")], ""),
        ([("e-org", "Southern Energy Commission", "organization", "Carrasco")], "e-org"),
    ],
)
def test_quotes_unmentioned_name_resolves_by_surname_or_alias(entities, expected):
    """ "Carrasco said" where the NER tagged no mention: the one matching entity, never a guess."""
    from extractor.components.rules.speakers import MentionIndex, Speaker
    from extractor.types import EntityRow

    doc = make_doc(
        "Carrasco said it was late .",
        [1, 1, 3, 1, 3, 1],
        "nsubj ROOT nsubj ccomp acomp punct",
        "PROPN VERB PRON AUX ADJ PUNCT",
        [],
        "ud",
    )
    set_rows(doc, "mentions", [])
    set_rows(
        doc,
        "entities",
        [
            EntityRow(
                entity_id=eid,
                doc_id="",
                name=name,
                kind=kind,
                roles="",
                aliases=aliases,
                n_mentions=1,
                first_char=0,
                actor_id="a",
            )
            for eid, name, kind, aliases in entities
        ],
    )
    speaker = MentionIndex(doc).resolve(doc[0:1])
    assert isinstance(speaker, Speaker) and speaker.entity_id == expected


@pytest.mark.issue(4)
def test_quotes_unmentioned_surname_skips_name_particles():
    """ "Kaabi said" matches "Akram al-Kaabi": the surname key drops the "al-" particle."""
    from extractor.components.rules.speakers import MentionIndex
    from extractor.types import EntityRow

    doc = make_doc(
        "Kaabi said it was late .",
        [1, 1, 3, 1, 3, 1],
        "nsubj ROOT nsubj ccomp acomp punct",
        "PROPN VERB PRON AUX ADJ PUNCT",
        [],
        "ud",
    )
    set_rows(doc, "mentions", [])
    set_rows(
        doc,
        "entities",
        [
            EntityRow(
                entity_id="e-kaabi",
                doc_id="",
                name="Akram al-Kaabi",
                kind="person",
                roles="",
                aliases="",
                n_mentions=1,
                first_char=0,
                actor_id="a",
            )
        ],
    )
    assert MentionIndex(doc).resolve(doc[0:1]).entity_id == "e-kaabi"


def test_quotes_speakers_without_mention_rows_take_the_kinds_of_the_labels():
    """A document the mentions component did not see: its entities' kinds come from `names.kind_of`."""
    from extractor.components.rules.names import kind_of
    from extractor.components.rules.speakers import MentionIndex

    words = ["Ann", "met", "Acme", "in", "Oslo", "on", "Monday", "."]
    doc = Doc(spacy.blank("en").vocab, words=words)
    labels = [(0, 1, "PERSON"), (2, 3, "ORG"), (4, 5, "GPE"), (6, 7, "DATE")]
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in labels]
    set_rows(doc, "mentions", [])
    kinds = [mention.kind for mention in MentionIndex(doc).mentions]
    assert kinds == [kind_of(label) for _, _, label in labels] == ["person", "organization", "place", "date"]


# Issue 11, who speaks: (words, heads, deps, pos, expected (kind, text, speaker, cue)); the
# trees are the bundled model's, with ClearNLP labels derived through TO_CLEAR.
SPEAKERS_11 = [
    # The parser gave "said" two subjects: the one next to it speaks, not "The plan".
    (
        "The plan , an aide said , is to win .",
        [1, 5, 1, 4, 5, 5, 9, 9, 9, 5, 5],
        "det nsubj punct det nsubj ROOT punct cop mark ccomp punct",
        "DET NOUN PUNCT DET NOUN VERB PUNCT AUX PART VERB PUNCT",
        # Between commas, the cue reports the sentence around it.
        [("indirect", "The plan, an aide said, is to win", "an aide", "say")],
    ),
    # A statement speaks for whoever issued it, not as "a statement".
    (
        "Brenner issued a statement saying that he won the vote .",
        [1, 1, 3, 1, 3, 7, 7, 4, 9, 7, 1],
        "nsubj ROOT det obj acl mark nsubj ccomp det obj punct",
        "PROPN VERB DET NOUN VERB SCONJ PRON VERB DET NOUN PUNCT",
        [("indirect", "he won the vote", "Brenner", "say")],
    ),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,heads,deps,pos,expected", SPEAKERS_11)
def test_quotes_speaker_is_an_agent_next_to_its_cue(scheme, words, heads, deps, pos, expected):
    rows = list(find_quotes(make_doc(words, heads, deps, pos, (), scheme), VERBS))
    assert [(r.kind, r.text, r.speaker_text, r.cue) for r in rows] == expected


# Statements of issue 11: a quote interrupted by its attribution is one statement.
# (words, UD heads, UD deps, ClearNLP heads, ClearNLP deps, pos, expected [(text, index of its statement's first row)]);
# "¶" is a paragraph break.
STATEMENTS = [
    # “…,” X said, <participle phrase>. “…”: the aside ends the attribution,
    # even where the parse made the participle the sentence's root.
    (
        "“ We will win , ” Kaabi said , adding that it rained . “ The money is there . ”",
        [3, 3, 3, 7, 3, 3, 7, 9, 7, 9, 12, 12, 9, 9, 17, 16, 17, 17, 17, 17, 17],
        "punct nsubj aux ccomp punct punct nsubj parataxis punct ROOT mark nsubj ccomp punct punct det nsubj ROOT advmod "
        "punct punct",
        None,
        None,
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN VERB PUNCT VERB SCONJ PRON VERB PUNCT PUNCT DET NOUN AUX ADV PUNCT PUNCT",
        [("We will win,", 0), ("The money is there.", 0)],
    ),
    # “…,” X said. “…”: the cue between the fragments is theirs.
    (
        "“ We will win , ” Kaabi said . “ The money is there . ”",
        [3, 3, 3, 3, 3, 3, 7, 3, 3, 12, 11, 12, 12, 12, 12, 12],
        "punct nsubj aux ROOT punct punct nsubj parataxis punct punct det nsubj ROOT advmod punct punct",
        [7, 3, 3, 7, 7, 7, 7, 7, 7, 12, 11, 12, 12, 12, 12, 12],
        "punct nsubj aux ccomp punct punct nsubj ROOT punct punct det nsubj ROOT advmod punct punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN VERB PUNCT PUNCT DET NOUN AUX ADV PUNCT PUNCT",
        [("We will win,", 0), ("The money is there.", 0)],
    ),
    # A quote led in by its own cue ends there: a second cue before the next one leads a new statement.
    (
        "Kaabi said , “ We will win this time . ” She went on saying , “ We always do . ”",
        [1, 1, 6, 6, 6, 6, 1, 8, 6, 6, 6, 12, 12, 14, 12, 19, 19, 19, 19, 14, 19, 19],
        "nsubj ROOT punct punct nsubj aux ccomp det obj punct punct nsubj ROOT mark advcl punct punct nsubj advmod "
        "ccomp punct punct",
        [1, 1, 1, 1, 6, 6, 1, 8, 6, 1, 1, 12, 12, 12, 12, 14, 14, 19, 19, 14, 12, 12],
        "nsubj ROOT punct punct nsubj aux ccomp det npadvmod punct punct nsubj ROOT prt advcl punct punct nsubj "
        "advmod ccomp punct punct",
        "PROPN VERB PUNCT PUNCT PRON AUX VERB DET NOUN PUNCT PUNCT PRON VERB ADP VERB PUNCT PUNCT PRON ADV VERB PUNCT PUNCT",
        [("We will win this time.", 0), ("We always do.", 1)],
    ),
    # A verb outside the lexicon that governs the first fragment is its cue.
    (
        "“ We will win , ” Kaabi snapped . “ The money is there . ”",
        [3, 3, 3, 3, 3, 3, 7, 3, 3, 12, 11, 12, 12, 12, 12, 12],
        "punct nsubj aux ROOT punct punct nsubj parataxis punct punct det nsubj ROOT advmod punct punct",
        [7, 3, 3, 7, 7, 7, 7, 7, 7, 12, 11, 12, 12, 12, 12, 12],
        "punct nsubj aux ccomp punct punct nsubj ROOT punct punct det nsubj ROOT advmod punct punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN VERB PUNCT PUNCT DET NOUN AUX ADV PUNCT PUNCT",
        [("We will win,", 0), ("The money is there.", 0)],
    ),
    # “…,” said X, “…”: one sentence, the cue inverted.
    (
        "“ We will win , ” said Kaabi , “ and the money is there . ”",
        [3, 3, 3, 3, 3, 3, 3, 6, 13, 13, 13, 12, 13, 3, 13, 3, 3],
        "punct nsubj aux ROOT punct punct parataxis nsubj punct punct cc det nsubj conj advmod punct punct",
        [6, 3, 3, 6, 6, 6, 6, 6, 6, 13, 13, 12, 13, 3, 13, 6, 6],
        "punct nsubj aux ccomp punct punct ROOT nsubj punct punct cc det nsubj conj advmod punct punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT VERB PROPN PUNCT PUNCT CCONJ DET NOUN AUX ADV PUNCT PUNCT",
        [("We will win,", 0), ("and the money is there.", 0)],
    ),
    # A parse that splits the speaker's phrase off still leaves one clause between the fragments.
    (
        "“ We will win , ” campaign manager Kaabi said . “ The money is there . ”",
        [3, 3, 3, 3, 3, 3, 7, 7, 9, 9, 9, 14, 13, 14, 14, 14, 14, 14],
        "punct nsubj aux ROOT punct punct compound ROOT nsubj ROOT punct punct det nsubj ROOT advmod punct punct",
        [3, 3, 3, 3, 3, 3, 7, 7, 9, 9, 9, 14, 13, 14, 14, 14, 14, 14],
        "punct nsubj aux ROOT punct punct compound ROOT nsubj ROOT punct punct det nsubj ROOT advmod punct punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT NOUN NOUN PROPN VERB PUNCT PUNCT DET NOUN AUX ADV PUNCT PUNCT",
        [("We will win,", 0), ("The money is there.", 0)],
    ),
    # A second cue between them ("said, adding:") opens a second statement.
    (
        "“ We will win , ” Kaabi said , adding : “ The money is there . ”",
        [3, 3, 3, 3, 3, 3, 7, 3, 9, 7, 14, 14, 13, 14, 9, 14, 14, 14],
        "punct nsubj aux ROOT punct punct nsubj parataxis punct advcl punct punct det nsubj parataxis advmod punct "
        "punct",
        [7, 3, 3, 7, 7, 7, 7, 7, 9, 7, 14, 14, 13, 14, 9, 14, 14, 14],
        "punct nsubj aux ccomp punct punct nsubj ROOT punct advcl punct punct det nsubj ccomp advmod punct punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN VERB PUNCT VERB PUNCT PUNCT DET NOUN AUX ADV PUNCT PUNCT",
        [("We will win,", 0), ("The money is there.", 1)],
    ),
    # So does one after a subordinator of time ("said before asking, “…”"),
    # which UD makes a mark of the participle and ClearNLP its head.
    (
        "“ We will win , ” Kaabi said before asking , “ We want to know . ”",
        [3, 3, 3, 3, 3, 3, 7, 3, 9, 7, 13, 13, 13, 7, 15, 13, 13, 13],
        "punct nsubj aux ROOT punct punct nsubj parataxis mark advcl punct punct nsubj parataxis mark xcomp punct "
        "punct",
        [7, 3, 3, 7, 7, 7, 7, 7, 7, 8, 13, 13, 13, 7, 15, 13, 13, 13],
        "punct nsubj aux ccomp punct punct nsubj ROOT prep pcomp punct punct nsubj parataxis aux xcomp punct punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN VERB SCONJ VERB PUNCT PUNCT PRON VERB PART VERB PUNCT PUNCT",
        [("We will win,", 0), ("We want to know.", 1)],
    ),
    # The second fragment has a cue of its own: two statements.
    (
        "“ We will win , ” Kaabi said . “ The money is there , ” he added .",
        [3, 3, 3, 3, 3, 3, 7, 3, 3, 12, 11, 12, 12, 12, 12, 12, 17, 12, 12],
        "punct nsubj aux ROOT punct punct nsubj parataxis punct punct det nsubj ROOT advmod punct punct nsubj "
        "parataxis punct",
        [7, 3, 3, 7, 7, 7, 7, 7, 7, 17, 11, 12, 17, 12, 17, 17, 17, 17, 17],
        "punct nsubj aux ccomp punct punct nsubj ROOT punct punct det nsubj ccomp advmod punct punct nsubj ROOT punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN VERB PUNCT PUNCT DET NOUN AUX ADV PUNCT PUNCT PRON VERB PUNCT",
        [("We will win,", 0), ("The money is there,", 1)],
    ),
    # A sentence of the writer's own between the quotes: two statements.
    (
        "“ We will win , ” Kaabi said . Voters agree . “ The money is there . ”",
        [3, 3, 3, 3, 3, 3, 7, 3, 3, 10, 10, 10, 15, 14, 15, 15, 15, 15, 15],
        "punct nsubj aux ROOT punct punct nsubj parataxis punct nsubj ROOT punct punct det nsubj ROOT advmod punct "
        "punct",
        [7, 3, 3, 7, 7, 7, 7, 7, 7, 10, 10, 10, 15, 14, 15, 15, 15, 15, 15],
        "punct nsubj aux ccomp punct punct nsubj ROOT punct nsubj ROOT punct punct det nsubj ROOT advmod punct punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN VERB PUNCT NOUN VERB PUNCT PUNCT DET NOUN AUX ADV PUNCT PUNCT",
        [("We will win,", 0), ("The money is there.", 1)],
    ),
    # A quote that opens the next paragraph with no attribution of its own carries on the
    # statement whose attribution ends the paragraph before.
    (
        "“ We will win , ” Kaabi said . ¶ “ The money is there . ”",
        [3, 3, 3, 3, 3, 3, 7, 3, 3, 8, 13, 12, 13, 13, 13, 13, 13],
        "punct nsubj aux ROOT punct punct nsubj parataxis punct dep punct det nsubj ROOT advmod punct punct",
        [7, 3, 3, 7, 7, 7, 7, 7, 7, 8, 13, 12, 13, 13, 13, 13, 13],
        "punct nsubj aux ccomp punct punct nsubj ROOT punct dep punct det nsubj ROOT advmod punct punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN VERB PUNCT SPACE PUNCT DET NOUN AUX ADV PUNCT PUNCT",
        [("We will win,", 0), ("The money is there.", 0)],
    ),
    # … but not the statement of a quote that merely ends its paragraph (no attribution between).
    (
        "Kaabi said : “ We will win . ” ¶ “ The money is there . ”",
        [1, 1, 1, 6, 6, 6, 1, 6, 6, 8, 13, 12, 13, 13, 13, 13, 13],
        "nsubj ROOT punct punct nsubj aux ccomp punct punct dep punct det nsubj ROOT advmod punct punct",
        [1, 1, 1, 6, 6, 6, 1, 6, 6, 8, 13, 12, 13, 13, 13, 13, 13],
        "nsubj ROOT punct punct nsubj aux ccomp punct punct dep punct det nsubj ROOT advmod punct punct",
        "PROPN VERB PUNCT PUNCT PRON AUX VERB PUNCT PUNCT SPACE PUNCT DET NOUN AUX ADV PUNCT PUNCT",
        [("We will win.", 0), ("The money is there.", 1)],
    ),
    # A "But" after the attribution joins the next fragment to it.
    (
        "“ We will win , ” Kaabi said outside . But “ the money is there . ”",
        [3, 3, 3, 7, 7, 7, 7, 7, 7, 7, 14, 14, 13, 14, 14, 14, 14, 14],
        "punct nsubj aux ccomp punct punct nsubj ROOT advmod punct cc punct det nsubj ROOT advmod punct punct",
        [3, 3, 3, 7, 7, 7, 7, 7, 7, 7, 14, 14, 13, 14, 14, 14, 14, 14],
        "punct nsubj aux ccomp punct punct nsubj ROOT advmod punct cc punct det nsubj ROOT advmod punct punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN VERB ADV PUNCT CCONJ PUNCT DET NOUN AUX ADV PUNCT PUNCT",
        [("We will win,", 0), ("the money is there.", 0)],
    ),
    # A second cue whose phrase ends in a full stop ("noting that …") does not lead into the next fragment.
    (
        "“ We will win , ” Kaabi said , noting that polls agree . “ The money is there . ”",
        [3, 3, 3, 7, 7, 7, 7, 7, 7, 7, 12, 12, 9, 7, 17, 16, 17, 17, 17, 17, 17],
        "punct nsubj aux ccomp punct punct nsubj ROOT punct advcl mark nsubj ccomp punct punct det nsubj ROOT "
        "advmod punct punct",
        [3, 3, 3, 7, 7, 7, 7, 7, 7, 7, 12, 12, 9, 7, 17, 16, 17, 17, 17, 17, 17],
        "punct nsubj aux ccomp punct punct nsubj ROOT punct advcl mark nsubj ccomp punct punct det nsubj ROOT "
        "advmod punct punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN VERB PUNCT VERB SCONJ NOUN VERB PUNCT PUNCT DET NOUN AUX ADV PUNCT "
        "PUNCT",
        [("We will win,", 0), ("The money is there.", 0)],
    ),
    # A cue inside the first fragment ("What I believe") is the quoted speaker's word, not the second's cue.
    (
        "“ What I believe , ” Kaabi told the Times , “ is that the money is there . ”",
        [3, 3, 3, 7, 3, 7, 7, 7, 9, 7, 7, 12, 3, 16, 15, 16, 12, 16, 12, 12],
        "punct dobj nsubj ccomp punct punct nsubj ROOT det dobj punct punct ccomp mark det nsubj ccomp advmod "
        "punct punct",
        [3, 3, 3, 7, 3, 7, 7, 7, 9, 7, 7, 12, 3, 16, 15, 16, 12, 16, 12, 12],
        "punct dobj nsubj ccomp punct punct nsubj ROOT det dobj punct punct ccomp mark det nsubj ccomp advmod "
        "punct punct",
        "PUNCT PRON PRON VERB PUNCT PUNCT PROPN VERB DET PROPN PUNCT PUNCT AUX SCONJ DET NOUN AUX ADV PUNCT PUNCT",
        [("What I believe,", 0), ("is that the money is there.", 0)],
    ),
    # A cue in the next paragraph ("…?” ¶ Late, they said, …) is no trailing cue of the quote before it.
    (
        "“ We will win , ” Kaabi said . “ Is the money there ? ” ¶ Late , they said , nobody came .",
        [3, 3, 3, 3, 3, 3, 7, 3, 3, 10, 10, 12, 10, 10, 10, 10, 15, 23, 23, 20, 23, 23, 23, 23, 23],
        "punct nsubj aux ROOT punct punct nsubj parataxis punct punct ROOT det nsubj advmod punct punct dep advmod "
        "punct nsubj parataxis punct nsubj ROOT punct",
        [7, 3, 3, 7, 7, 7, 7, 7, 7, 10, 10, 12, 10, 10, 10, 10, 15, 23, 23, 20, 23, 23, 23, 23, 23],
        "punct nsubj aux ccomp punct punct nsubj ROOT punct punct ROOT det nsubj advmod punct punct dep advmod "
        "punct nsubj parataxis punct nsubj ROOT punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN VERB PUNCT PUNCT AUX DET NOUN ADV PUNCT PUNCT SPACE ADV PUNCT PRON "
        "VERB PUNCT PRON VERB PUNCT",
        [("We will win,", 0), ("Is the money there ?", 0)],
    ),
    # A quoted title ending the attribution still lets the quote after it carry on.
    (
        "“ We will win , ” Kaabi said on KTV 's “ Good Day . ” “ The money is there . ”",
        [3, 3, 3, 3, 3, 3, 7, 3, 9, 7, 9, 13, 13, 7, 7, 7, 19, 18, 19, 19, 19, 19, 19],
        "punct nsubj aux ROOT punct punct nsubj parataxis case obl case punct compound obl punct punct punct det "
        "nsubj ROOT advmod punct punct",
        [7, 3, 3, 7, 7, 7, 7, 7, 7, 8, 9, 13, 13, 7, 7, 7, 19, 18, 19, 19, 19, 19, 19],
        "punct nsubj aux ccomp punct punct nsubj ROOT prep pobj possessive punct compound npadvmod punct punct "
        "punct det nsubj ROOT advmod punct punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN VERB ADP PROPN PART PUNCT PROPN PROPN PUNCT PUNCT PUNCT DET NOUN AUX ADV "
        "PUNCT PUNCT",
        [("We will win,", 0), ("The money is there.", 0)],
    ),
    # A cue that belongs to a later quote (the parse hangs both on "added")
    # does not keep the second fragment apart.
    (
        "“ We will win , ” Kaabi said . “ The money is there . ” “ Nobody came , ” Lee added .",
        [3, 3, 3, 3, 3, 3, 7, 3, 3, 12, 11, 12, 22, 12, 12, 12, 18, 18, 22, 18, 18, 22, 22, 22],
        "punct nsubj aux ROOT punct punct nsubj parataxis punct punct det nsubj ccomp advmod punct punct punct "
        "nsubj ccomp punct punct nsubj ROOT punct",
        [7, 3, 3, 7, 7, 7, 7, 7, 7, 12, 11, 12, 22, 12, 12, 12, 18, 18, 22, 18, 18, 22, 22, 22],
        "punct nsubj aux ccomp punct punct nsubj ROOT punct punct det nsubj ccomp advmod punct punct punct "
        "nsubj ccomp punct punct nsubj ROOT punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN VERB PUNCT PUNCT DET NOUN AUX ADV PUNCT PUNCT PUNCT PRON VERB PUNCT "
        "PUNCT PROPN VERB PUNCT",
        [("We will win,", 0), ("The money is there.", 0), ("Nobody came,", 2)],
    ),
    # A second cue with a subject of its own only sets the scene of the first.
    (
        "“ We will win , ” Kaabi said after Lee stated the plan . “ The money is there . ”",
        [3, 3, 3, 3, 3, 3, 7, 3, 10, 10, 7, 12, 10, 3, 17, 16, 17, 17, 17, 17, 17],
        "punct nsubj aux ROOT punct punct nsubj parataxis mark nsubj advcl det obj punct punct det nsubj ROOT advmod "
        "punct punct",
        [7, 3, 3, 7, 7, 7, 7, 7, 10, 10, 7, 12, 10, 7, 17, 16, 17, 17, 17, 17, 17],
        "punct nsubj aux ccomp punct punct nsubj ROOT mark nsubj advcl det dobj punct punct det nsubj ROOT advmod "
        "punct punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN VERB SCONJ PROPN VERB DET NOUN PUNCT PUNCT DET NOUN AUX ADV PUNCT PUNCT",
        [("We will win,", 0), ("The money is there.", 0)],
    ),
    # A quoted title inside the attribution is no second fragment.
    (
        "“ We will win the vote , ” Kaabi told “ The Morning Show . ”",
        [3, 3, 3, 3, 5, 3, 3, 3, 9, 3, 13, 13, 13, 9, 3, 13],
        "punct nsubj aux ROOT det obj punct punct nsubj parataxis punct det compound obj punct punct",
        [9, 3, 3, 9, 5, 3, 9, 9, 9, 9, 13, 13, 13, 9, 9, 13],
        "punct nsubj aux ccomp det dobj punct punct nsubj ROOT punct det compound dobj punct punct",
        "PUNCT PRON AUX VERB DET NOUN PUNCT PUNCT PROPN VERB PUNCT DET PROPN PROPN PUNCT PUNCT",
        [("We will win the vote,", 0), ("The Morning Show.", 1)],
    ),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_quotes_mixed_quote_carries_on_past_its_trailing_cue(scheme):
    # “…” for sure, Kaabi said. “…”: the quote after the cue continues the mixed one.
    words = "“ We will win ” for sure , Kaabi said . “ The money is there . ”"
    heads, deps = tree(
        scheme,
        [3, 3, 3, 9, 3, 6, 3, 3, 9, 9, 9, 14, 13, 14, 14, 14, 14, 14],
        "punct nsubj aux ccomp punct case obl punct nsubj ROOT punct punct det nsubj ROOT advmod punct punct",
        [3, 3, 3, 9, 3, 3, 5, 3, 9, 9, 9, 14, 13, 14, 14, 14, 14, 14],
        "punct nsubj aux ccomp punct prep pobj punct nsubj ROOT punct punct det nsubj ROOT advmod punct punct",
    )
    pos = "PUNCT PRON AUX VERB PUNCT ADP ADV PUNCT PROPN VERB PUNCT PUNCT DET NOUN AUX ADV PUNCT PUNCT"
    rows = list(find_quotes(_statement_doc(words, heads, deps, pos, scheme), VERBS, min_quote_words=3))
    assert [(r.kind, r.text, r.speaker_text) for r in rows] == [
        ("mixed", "“We will win” for sure", "Kaabi"),
        ("direct", "The money is there.", "Kaabi"),
    ]
    assert rows[1].statement_id == rows[0].quote_id


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_quotes_mixed_quote_stops_at_a_cue_of_its_own(scheme):
    # Kaabi said we “will win”. He added, “…”: a new cue, a new statement.
    words = "Kaabi said we “ will win ” . He added , “ The money is there . ”"
    heads = [1, 1, 5, 5, 5, 1, 5, 1, 9, 9, 9, 14, 13, 14, 9, 14, 14, 14]
    deps = "nsubj ROOT nsubj punct aux ccomp punct punct nsubj ROOT punct punct det nsubj ccomp advmod punct punct"
    pos = "PROPN VERB PRON PUNCT AUX VERB PUNCT PUNCT PRON VERB PUNCT PUNCT DET NOUN AUX ADV PUNCT PUNCT"
    rows = list(find_quotes(_statement_doc(words, heads, deps, pos, scheme), VERBS, min_quote_words=2))
    assert [(r.kind, r.text, r.speaker_text) for r in rows] == [
        ("mixed", "we “will win”", "Kaabi"),
        ("direct", "The money is there.", "He"),
    ]
    assert rows[1].statement_id == rows[1].quote_id


def _statement_doc(words: str, heads: list[int], deps: str, pos: str, scheme: str) -> Doc:
    kaabi = words.split().index("Kaabi")
    return make_doc(words, heads, deps, pos, [(kaabi, kaabi + 1, "PERSON")], scheme)


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,ud_heads,ud_deps,clear_heads,clear_deps,pos,expected", STATEMENTS)
def test_quotes_interrupted_quote_is_one_statement(
    scheme, words, ud_heads, ud_deps, clear_heads, clear_deps, pos, expected
):
    heads, deps = tree(scheme, ud_heads, ud_deps, clear_heads, clear_deps)
    doc = _statement_doc(words, heads, deps, pos, scheme)
    rows = [r for r in find_quotes(doc, VERBS, min_quote_words=3) if r.kind == "direct"]
    firsts = {r.quote_id: i for i, r in enumerate(rows)}
    assert [(r.text, firsts[r.statement_id]) for r in rows] == expected
    for row in rows:
        assert doc.text[row.start_char : row.end_char] == row.text


# Short quotes (under min_quote_words) of issue 11: (words, UD heads, UD deps, ClearNLP heads, ClearNLP deps, pos,
# expected direct rows (text, speaker)).
SHORT_QUOTES = [
    # After a cue, or standing before one, a short quote is a statement.
    (
        "He said “ Not today . ”",
        [1, 1, 4, 4, 1, 4, 4],
        "nsubj ROOT punct advmod ccomp punct punct",
        [1, 1, 4, 4, 1, 4, 4],
        "nsubj ROOT punct neg ccomp punct punct",
        "PRON VERB PUNCT PART NOUN PUNCT PUNCT",
        [("Not today.", "He")],
    ),
    (
        "“ Not today , ” he said .",
        [2, 2, 2, 2, 2, 6, 2, 2],
        "punct advmod ROOT punct punct nsubj parataxis punct",
        [6, 2, 6, 6, 6, 6, 6, 6],
        "punct neg ccomp punct punct nsubj ROOT punct",
        "PUNCT PART NOUN PUNCT PUNCT PRON VERB PUNCT",
        [("Not today,", "he")],
    ),
    # A sentence, however short, that a colon introduces.
    (
        "He rolled out a message : “ It is me . ”",
        [1, 1, 1, 4, 1, 1, 9, 9, 9, 1, 9, 9],
        "nsubj ROOT compound:prt det obj punct punct nsubj cop parataxis punct punct",
        [1, 1, 1, 4, 1, 1, 8, 8, 1, 8, 8, 8],
        "nsubj ROOT prt det dobj punct punct nsubj ccomp attr punct punct",
        "PRON VERB ADP DET NOUN PUNCT PUNCT PRON AUX PRON PUNCT PUNCT",
        [("It is me.", "He")],
    ),
    # The writer's sentence runs into it: a phrase of that sentence.
    (
        "Critics dubbed the plan “ a farce ” .",
        [1, 1, 3, 1, 6, 6, 1, 6, 1],
        "nsubj ROOT det obj punct det xcomp punct punct",
        [1, 1, 3, 1, 6, 6, 1, 6, 1],
        "nsubj ROOT det dobj punct det oprd punct punct",
        "NOUN VERB DET NOUN PUNCT DET NOUN PUNCT PUNCT",
        [],
    ),
    (
        "Speaking on “ Metro Week Tonight , ” Orrell said .",
        [9, 5, 5, 5, 5, 0, 9, 5, 9, 9, 9],
        "advcl case punct compound compound obl punct punct nsubj ROOT punct",
        [9, 0, 5, 5, 5, 1, 9, 5, 9, 9, 9],
        "advcl prep punct compound compound pobj punct punct nsubj ROOT punct",
        "VERB ADP PUNCT PROPN PROPN PROPN PUNCT PUNCT PROPN VERB PUNCT",
        [],
    ),
    # A title with the writer's comma inside its marks is still a title.
    (
        "Fans of “ Dark Harbor Nights Live , ” a show , came .",
        [12, 3, 3, 0, 6, 6, 3, 3, 3, 10, 3, 0, 12, 12],
        "nsubj case punct nmod case det nmod punct punct det appos punct ROOT punct",
        [12, 0, 3, 1, 3, 6, 4, 3, 3, 10, 3, 0, 12, 12],
        "nsubj prep punct pobj prep det pobj punct punct det appos punct ROOT punct",
        "NOUN ADP PUNCT PROPN ADP DET PROPN PUNCT PUNCT DET NOUN PUNCT VERB PUNCT",
        [],
    ),
    # So is one whose small words are in lower case …
    (
        "Fans of “ Planet of the Apes , ” came .",
        [9, 3, 3, 0, 6, 6, 3, 3, 3, 9, 9],
        "nsubj case punct nmod case det nmod punct punct ROOT punct",
        [9, 0, 3, 1, 3, 6, 4, 9, 9, 9, 9],
        "nsubj prep punct pobj prep det pobj punct punct ROOT punct",
        "NOUN ADP PUNCT PROPN ADP DET NOUN PUNCT PUNCT VERB PUNCT",
        [],
    ),
    # … or that the writer's sentence runs into, whose full stop is the writer's …
    (
        "Ruiz wrote the book “ The Art of the Deal . ”",
        [1, 1, 3, 1, 6, 6, 3, 9, 9, 6, 6, 6],
        "nsubj ROOT det obj punct det appos case det nmod punct punct",
        [1, 1, 3, 1, 3, 6, 3, 6, 9, 7, 1, 1],
        "nsubj ROOT det dobj punct det appos prep det pobj punct punct",
        "PROPN VERB DET NOUN PUNCT DET PROPN ADP DET NOUN PUNCT PUNCT",
        [],
    ),
    # A work's title after the noun that names the work is no statement, even
    # where a cue right after it seems to attribute it …
    (
        "In his book , “ A Time for Truth , ” Cruz said he won .",
        [2, 2, 12, 12, 6, 6, 2, 8, 6, 6, 6, 12, 12, 14, 12, 12],
        "case nmod:poss obl punct punct det appos case nmod punct punct nsubj ROOT nsubj ccomp punct",
        [12, 2, 0, 12, 6, 6, 2, 6, 7, 6, 6, 12, 12, 14, 12, 12],
        "prep poss pobj punct punct det appos prep pobj punct punct nsubj ROOT nsubj ccomp punct",
        "ADP PRON NOUN PUNCT PUNCT DET PROPN ADP PROPN PUNCT PUNCT PROPN VERB PRON VERB PUNCT",
        [],
    ),
    # … and neither is a headline with its byline after it.
    (
        "“ Art show strives to confront fears , ” by Post 's Ann Lee .",
        [3, 2, 3, 3, 5, 3, 5, 3, 3, 13, 13, 10, 13, 3, 3],
        "punct compound nsubj ROOT mark xcomp obj punct punct case nmod:poss case compound obl punct",
        [3, 2, 3, 3, 5, 3, 5, 3, 3, 3, 13, 10, 13, 9, 3],
        "punct compound nsubj ROOT aux xcomp dobj punct punct prep poss possessive compound pobj punct",
        "PUNCT NOUN NOUN VERB PART VERB NOUN PUNCT PUNCT ADP PROPN PART PROPN PROPN PUNCT",
        [],
    ),
    # A quote the writer's sentence runs on past, with nobody said to say it,
    # is a phrase of that sentence.
    (
        "Stripping out “ a ban on all weapons sales ” to Kiev was a mistake .",
        [14, 0, 4, 4, 0, 8, 8, 8, 4, 4, 11, 0, 14, 14, 14, 14],
        "csubj compound:prt punct det obj case det compound nmod punct case obl cop det ROOT punct",
        [12, 0, 4, 4, 0, 4, 8, 8, 5, 4, 0, 10, 12, 14, 12, 12],
        "csubj prt punct det dobj prep det compound pobj punct prep pobj ROOT det attr punct",
        "VERB ADP PUNCT DET NOUN ADP DET NOUN NOUN PUNCT ADP PROPN AUX DET NOUN PUNCT",
        [],
    ),
    # … but a Title Case headline quote with its full stop is a statement.
    (
        "Trump : ‘ This Will Not Continue . ’",
        [0, 6, 6, 6, 6, 6, 0, 6, 6],
        "ROOT punct punct nsubj aux advmod appos punct punct",
        [0, 0, 0, 6, 6, 6, 0, 0, 0],
        "ROOT punct punct nsubj aux neg acl punct punct",
        "PROPN PUNCT PUNCT PRON AUX PART VERB PUNCT PUNCT",
        [("This Will Not Continue.", "Trump")],
    ),
    (
        "He voted for “ R , ” not “ D . ”",
        [1, 1, 4, 4, 1, 4, 4, 9, 9, 4, 1, 9],
        "nsubj ROOT case punct obl punct punct advmod punct conj punct punct",
        [1, 1, 1, 4, 2, 4, 4, 9, 9, 4, 1, 9],
        "nsubj ROOT prep punct pobj punct punct neg punct conj punct punct",
        "PRON VERB ADP PUNCT PROPN PUNCT PUNCT PART PUNCT PROPN PUNCT PUNCT",
        [],
    ),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,ud_heads,ud_deps,clear_heads,clear_deps,pos,expected", SHORT_QUOTES)
def test_quotes_short_quote_inside_a_sentence_is_no_statement(
    scheme, words, ud_heads, ud_deps, clear_heads, clear_deps, pos, expected
):
    heads, deps = tree(scheme, ud_heads, ud_deps, clear_heads, clear_deps)
    rows = list(find_quotes(make_doc(words, heads, deps, pos, (), scheme), VERBS))
    assert [(r.text, r.speaker_text) for r in rows if r.kind == "direct"] == expected


# Attribution beyond "say" (reporting_verbs.v2): (words, UD heads, UD deps,
# ClearNLP heads, ClearNLP deps, pos, expected (kind, text, speaker, cue)).
BEYOND_SAY = [
    (
        "Cole 's claim that the vote was rigged is false .",
        [2, 0, 9, 7, 5, 7, 7, 2, 9, 9, 9],
        "nmod:poss case nsubj mark det nsubj:pass aux:pass acl cop ROOT punct",
        [2, 0, 8, 7, 5, 7, 7, 2, 8, 8, 8],
        "poss case nsubj mark det nsubjpass auxpass acl ROOT acomp punct",
        "PROPN PART NOUN SCONJ DET NOUN AUX VERB AUX ADJ PUNCT",
        [("indirect", "the vote was rigged", "Cole", "claim")],
    ),
    (
        "Okafor : The barrier will protect homes .",
        [0, 0, 3, 5, 5, 0, 5, 0],
        "ROOT punct det nsubj aux parataxis obj punct",
        [0, 0, 3, 5, 5, 0, 5, 0],
        "ROOT punct det nsubj aux parataxis dobj punct",
        "PROPN PUNCT DET NOUN AUX VERB NOUN PUNCT",
        [("indirect", "The barrier will protect homes", "Okafor", ":")],
    ),
    (
        "Cole thinks the plan will pass .",
        [1, 1, 3, 5, 5, 1, 1],
        "nsubj ROOT det nsubj aux ccomp punct",
        [1, 1, 3, 5, 5, 1, 1],
        "nsubj ROOT det nsubj aux ccomp punct",
        "PROPN VERB DET NOUN AUX VERB PUNCT",
        [("indirect", "the plan will pass", "Cole", "think")],
    ),
    (
        "Ruiz spoke after tenants paid higher rents .",
        [1, 1, 4, 4, 1, 6, 4, 1],
        "nsubj ROOT mark nsubj advcl amod obj punct",
        [1, 1, 4, 4, 1, 6, 4, 1],
        "nsubj ROOT mark nsubj advcl amod dobj punct",
        "PROPN VERB SCONJ NOUN VERB ADJ NOUN PUNCT",
        [],
    ),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,ud_heads,ud_deps,clear_heads,clear_deps,pos,expected", BEYOND_SAY)
def test_quotes_attribution_beyond_say(scheme, words, ud_heads, ud_deps, clear_heads, clear_deps, pos, expected):
    from extractor.registrations import reporting_verbs_v2

    heads, deps = tree(scheme, ud_heads, ud_deps, clear_heads, clear_deps)
    doc = make_doc(words, heads, deps, pos)
    rows = find_quotes(doc, reporting_verbs_v2())
    assert [(r.kind, r.text, r.speaker_text, r.cue) for r in rows] == expected


# Cues of reporting_verbs.v3: replies join, "feel" leaves. (words, UD heads, UD
# deps, ClearNLP heads, ClearNLP deps, pos, expected (kind, text, speaker, cue)).
CUES_V3 = [
    (
        "Cole fired back that the plan will fail .",
        [1, 1, 1, 7, 5, 7, 7, 1, 1],
        "nsubj ROOT compound:prt mark det nsubj aux ccomp punct",
        [1, 1, 1, 7, 5, 7, 7, 1, 1],
        "nsubj ROOT prt mark det nsubj aux ccomp punct",
        "PROPN VERB ADP SCONJ DET NOUN AUX VERB PUNCT",
        [("indirect", "the plan will fail", "Cole", "fire back")],
    ),
    (
        "Cole feels the plan will pass .",
        [1, 1, 3, 5, 5, 1, 1],
        "nsubj ROOT det nsubj aux ccomp punct",
        [1, 1, 3, 5, 5, 1, 1],
        "nsubj ROOT det nsubj aux ccomp punct",
        "PROPN VERB DET NOUN AUX VERB PUNCT",
        [],
    ),
]


# Cues of reporting_verbs.v4: voiced and reasoned speech that takes a clause;
# "decide" stays out. (words, UD heads, UD deps, ClearNLP heads, ClearNLP deps,
# pos, expected (kind, text, speaker, cue)).
CUES_V4 = [
    (
        "Cole speculated that the plan will fail .",
        [1, 1, 6, 4, 6, 6, 1, 1],
        "nsubj ROOT mark det nsubj aux ccomp punct",
        [1, 1, 6, 4, 6, 6, 1, 1],
        "nsubj ROOT mark det nsubj aux ccomp punct",
        "PROPN VERB SCONJ DET NOUN AUX VERB PUNCT",
        [("indirect", "the plan will fail", "Cole", "speculate")],
    ),
    (
        "Cole decided the plan will pass .",
        [1, 1, 3, 5, 5, 1, 1],
        "nsubj ROOT det nsubj aux ccomp punct",
        [1, 1, 3, 5, 5, 1, 1],
        "nsubj ROOT det nsubj aux ccomp punct",
        "PROPN VERB DET NOUN AUX VERB PUNCT",
        [],
    ),
]


# Cues of reporting_verbs.v5: how a quote was voiced. (words, UD heads, UD
# deps, ClearNLP heads, ClearNLP deps, pos, expected (kind, text, speaker, cue)).
CUES_V5 = [
    (
        "“ Go back home , ” Cole barked .",
        [1, 1, 3, 1, 1, 1, 7, 7, 7],
        "punct ROOT advmod advmod punct punct nsubj ROOT punct",
        [1, 7, 3, 1, 7, 7, 7, 7, 7],
        "punct ccomp advmod advmod punct punct nsubj ROOT punct",
        "PUNCT VERB ADV ADV PUNCT PUNCT PROPN VERB PUNCT",
        [("direct", "Go back home,", "Cole", "bark")],
    ),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(
    "verbs,words,ud_heads,ud_deps,clear_heads,clear_deps,pos,expected",
    [(reporting_verbs_v3, *case) for case in CUES_V3]
    + [(reporting_verbs_v4, *case) for case in CUES_V4]
    + [(reporting_verbs_v5, *case) for case in CUES_V5],
)
def test_quotes_reporting_verbs_by_version(
    scheme, verbs, words, ud_heads, ud_deps, clear_heads, clear_deps, pos, expected
):
    heads, deps = tree(scheme, ud_heads, ud_deps, clear_heads, clear_deps)
    rows = find_quotes(make_doc(words, heads, deps, pos, (), scheme), verbs())
    assert [(r.kind, r.text, r.speaker_text, r.cue) for r in rows] == expected


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_quotes_a_participle_hung_inside_dashes_speaks_for_the_clause_around_them(scheme):
    # The parser hangs "chanting" on "played", inside the dashes; the
    # protesters chant, not the Panthers.
    words = "Protesters looped the streets - where the Panthers played - while chanting , “ Hands up , do n't shoot . ”"
    heads = [1, 1, 3, 1, 3, 8, 7, 8, 3, 8, 11, 8, 11, 11, 19, 14, 14, 19, 19, 11, 1, 1]
    deps = {
        "ud": "nsubj ROOT det obj punct advmod det nsubj acl:relcl punct mark advcl punct punct nsubj advmod punct "
        "aux advmod xcomp punct punct",
        "clear": "nsubj ROOT det dobj punct advmod det nsubj relcl punct mark advcl punct punct nsubj advmod punct "
        "aux neg xcomp punct punct",
    }[scheme]
    pos = "NOUN VERB DET NOUN PUNCT SCONJ DET PROPN VERB PUNCT SCONJ VERB PUNCT PUNCT NOUN ADP PUNCT AUX PART VERB PUNCT PUNCT"
    doc = parsed(words, heads, deps, pos, lemmas={"chanting": "chant"})
    rows = [(r.kind, r.text, r.speaker_text, r.cue) for r in find_quotes(doc, reporting_verbs_v5())]
    assert rows == [("direct", "Hands up, do n't shoot.", "Protesters", "chant")]


# A verb the parser conjoined to the cue: (words, UD heads, UD deps, ClearNLP
# heads, ClearNLP deps, pos, expected (kind, text, speaker, cue)).
CONJUNCTS = [
    # A modal of reported speech makes it the clause's second predicate.
    (
        "Lee said she was a voter and would back him .",
        [1, 1, 5, 5, 5, 1, 8, 8, 1, 8, 1],
        "nsubj ROOT nsubj cop det ccomp cc aux conj obj punct",
        [1, 1, 3, 1, 5, 3, 1, 8, 1, 8, 1],
        "nsubj ROOT nsubj ccomp det attr cc aux conj dobj punct",
        "PROPN VERB PRON AUX DET NOUN CCONJ AUX VERB PRON PUNCT",
        [("indirect", "she was a voter and would back him", "Lee", "say")],
    ),
    # Without one it is the speaker's next act.
    (
        "Lee said she was a voter and left .",
        [1, 1, 5, 5, 5, 1, 7, 1, 1],
        "nsubj ROOT nsubj cop det ccomp cc conj punct",
        [1, 1, 3, 1, 5, 3, 1, 1, 1],
        "nsubj ROOT nsubj ccomp det attr cc conj punct",
        "PROPN VERB PRON AUX DET NOUN CCONJ VERB PUNCT",
        [("indirect", "she was a voter", "Lee", "say")],
    ),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,ud_heads,ud_deps,clear_heads,clear_deps,pos,expected", CONJUNCTS)
def test_quotes_backshifted_conjunct_continues_the_clause(
    scheme, words, ud_heads, ud_deps, clear_heads, clear_deps, pos, expected
):
    heads, deps = tree(scheme, ud_heads, ud_deps, clear_heads, clear_deps)
    rows = find_quotes(make_doc(words, heads, deps, pos, (), scheme), VERBS)
    assert [(r.kind, r.text, r.speaker_text, r.cue) for r in rows] == expected


# Parses a small parser gets wrong around a cue: (words, UD heads, UD deps, ClearNLP heads, ClearNLP deps, pos, expected).
PARSE_SLIPS = [
    # A cue set off by commas reports the sentence around it, also with where it was said.
    (
        "The payments , she said in a report , would reach farmers within weeks .",
        [1, 4, 1, 4, 10, 7, 7, 4, 4, 10, 10, 10, 13, 10, 10],
        "det obl:unmarked punct nsubj advcl case det obl punct aux ROOT obj case obl punct",
        [1, 10, 4, 4, 10, 4, 7, 5, 4, 10, 10, 10, 10, 12, 10],
        "det nsubj punct nsubj parataxis prep det pobj punct aux ROOT dobj prep pobj punct",
        "DET NOUN PUNCT PRON VERB ADP DET NOUN PUNCT AUX VERB NOUN ADP NOUN PUNCT",
        [("indirect", "The payments, she said in a report, would reach farmers within weeks", "she", "say")],
    ),
    # A trailing cue the parser did not give the clause: where it was said may follow the cue …
    (
        "The plan will fail , Lee said in an interview .",
        [1, 3, 3, 6, 3, 6, 6, 9, 9, 6, 6],
        "det nsubj aux advcl punct nsubj ROOT case det obl punct",
        [1, 3, 3, 6, 6, 6, 6, 6, 9, 7, 6],
        "det nsubj aux advcl punct nsubj ROOT prep det pobj punct",
        "DET NOUN AUX VERB PUNCT PROPN VERB ADP DET NOUN PUNCT",
        [("indirect", "The plan will fail", "Lee", "say")],
    ),
    # … and brackets may stand in the speaker's phrase.
    (
        "The plan will fail , Sen. Lee ( R - Ohio ) told reporters .",
        [1, 3, 3, 3, 6, 6, 12, 8, 6, 10, 8, 8, 3, 12, 3],
        "det nsubj aux ROOT punct nmod:desc nsubj punct appos punct flat punct conj iobj punct",
        [1, 3, 3, 3, 6, 6, 12, 8, 6, 10, 8, 8, 3, 12, 3],
        "det nsubj aux ROOT punct compound nsubj punct appos punct compound punct conj dobj punct",
        "DET NOUN AUX VERB PUNCT PROPN PROPN PUNCT PROPN PUNCT PROPN PUNCT VERB NOUN PUNCT",
        [("indirect", "The plan will fail", "Sen. Lee ( R - Ohio )", "tell")],
    ),
    # The reported clause read as a relative clause on the hearer of "told".
    (
        "Lee told the BBC her team never worked with Kim .",
        [1, 1, 3, 1, 5, 7, 7, 3, 9, 7, 1],
        "nsubj ROOT det iobj nmod:poss nsubj advmod acl:relcl case obl punct",
        None,
        None,
        "PROPN VERB DET PROPN PRON NOUN ADV VERB ADP PROPN PUNCT",
        [("indirect", "her team never worked with Kim", "Lee", "tell")],
    ),
    # A word that stands for what was said ("said the same", "said so") is the content.
    (
        "Last week , 40 percent said the same .",
        [1, 5, 5, 4, 5, 5, 7, 5, 5],
        "amod obl punct nummod nsubj ROOT det obj punct",
        None,
        None,
        "ADJ NOUN PUNCT NUM NOUN VERB DET ADJ PUNCT",
        [("indirect", "the same", "40 percent", "say")],
    ),
    # A name made the sentence's root, with the cue conjoined to it, is the cue's subject.
    (
        "Lee called the plan “ a farce ” and said it would fail .",
        [0, 0, 3, 1, 6, 6, 1, 6, 9, 0, 12, 12, 9, 0],
        "ROOT acl det obj punct det xcomp punct cc conj nsubj aux ccomp punct",
        None,
        None,
        "PROPN VERB DET NOUN PUNCT DET NOUN PUNCT CCONJ VERB PRON AUX VERB PUNCT",
        [("indirect", "it would fail", "Lee", "say")],
    ),
    # The noun after "said" that its reported clause has for subject is no inverted speaker.
    (
        "Lee , citing “ the spirit of it , ” said the plan could pass .",
        [0, 2, 0, 5, 5, 10, 7, 5, 5, 5, 10, 12, 14, 14, 10, 10],
        "ROOT punct acl punct det ccomp case nmod punct punct ROOT det nsubj aux ccomp punct",
        None,
        None,
        "PROPN PUNCT VERB PUNCT DET NOUN ADP PRON PUNCT PUNCT VERB DET NOUN AUX VERB PUNCT",
        [("direct", "the spirit of it,", "Lee", "say"), ("indirect", "the plan could pass", "Lee", "say")],
    ),
    # A cue that opens its sentence takes the name after it: "Said Kaabi, …, “…”".
    (
        "Said Kaabi , who leads the group , “ We will win . ”",
        [0, 0, 4, 4, 1, 6, 4, 0, 11, 11, 11, 0, 11, 11],
        "ROOT obj punct nsubj acl:relcl det obj punct punct nsubj aux ccomp punct punct",
        None,
        None,
        "VERB PROPN PUNCT PRON VERB DET NOUN PUNCT PUNCT PRON AUX VERB PUNCT PUNCT",
        [("direct", "We will win.", "Kaabi", "say")],
    ),
    # The speaker's title hung on the quoted clause is no writer's words of a mixed quote.
    (
        "“ We will win the vote , ” City Advocate Kaabi said .",
        [3, 3, 3, 11, 5, 3, 3, 3, 9, 3, 11, 11, 11],
        "punct nsubj aux ccomp det obj punct punct compound obj nsubj ROOT punct",
        None,
        None,
        "PUNCT PRON AUX VERB DET NOUN PUNCT PUNCT PROPN PROPN PROPN VERB PUNCT",
        [("direct", "We will win the vote,", "Kaabi", "say")],
    ),
    # "said Irish": a name the tagger read as an adjective is the inverted subject.
    (
        "“ It is early , ” said Irish , who hosts a show .",
        [3, 3, 3, 6, 3, 3, 6, 6, 10, 10, 7, 12, 10, 6],
        "punct nsubj cop ccomp punct punct ROOT xcomp punct nsubj acl:relcl det obj punct",
        [2, 2, 6, 2, 2, 2, 6, 6, 10, 10, 7, 12, 10, 6],
        "punct nsubj ccomp acomp punct punct ROOT oprd punct nsubj relcl det dobj punct",
        "PUNCT PRON AUX ADJ PUNCT PUNCT VERB ADJ PUNCT PRON VERB DET NOUN PUNCT",
        [("direct", "It is early,", "Irish", "say")],
    ),
    # A time the parser made the cue's clause leaves the quote after it as the content.
    (
        "“ Truth is , ” Lee said last month , “ that we will win . ”",
        [2, 2, 6, 2, 2, 6, 6, 8, 6, 6, 14, 14, 14, 14, 6, 14, 14],
        "punct nsubj ccomp punct punct nsubj ROOT amod ccomp punct punct mark nsubj aux ccomp punct punct",
        None,
        None,
        "PUNCT NOUN AUX PUNCT PUNCT PROPN VERB ADJ NOUN PUNCT PUNCT SCONJ PRON AUX VERB PUNCT PUNCT",
        [("direct", "Truth is,", "Lee", "say"), ("direct", "that we will win.", "Lee", "say")],
    ),
    # … but a clause whose predicate is a time has a subject of its own.
    (
        "Lee said it is the first time .",
        [1, 1, 6, 6, 6, 6, 1, 1],
        "nsubj ROOT nsubj cop det amod ccomp punct",
        [1, 1, 3, 1, 6, 6, 3, 1],
        "nsubj ROOT nsubj ccomp det amod attr punct",
        "PROPN VERB PRON AUX DET ADJ NOUN PUNCT",
        [("indirect", "it is the first time", "Lee", "say")],
    ),
    # “….” Kaabi said.: a sentence of a speaker and a cue alone attributes the quote before it.
    (
        "“ We will win the vote . ” Kaabi said .",
        [3, 3, 3, 3, 5, 3, 3, 3, 9, 9, 9],
        "punct nsubj aux ROOT det obj punct punct nsubj ROOT punct",
        None,
        None,
        "PUNCT PRON AUX VERB DET NOUN PUNCT PUNCT PROPN VERB PUNCT",
        [("direct", "We will win the vote.", "Kaabi", "say")],
    ),
    # A trailing cue hung on the last of conjoined clauses reports them all.
    (
        "Lee won , but Cole lost , he says .",
        [1, 1, 5, 5, 5, 1, 8, 8, 5, 1],
        "nsubj ROOT punct cc nsubj conj punct nsubj parataxis punct",
        None,
        None,
        "PROPN VERB PUNCT CCONJ PROPN VERB PUNCT PRON VERB PUNCT",
        [("indirect", "Lee won, but Cole lost", "he", "say")],
    ),
    # A cue between commas reports the sentence around it, whatever the
    # parser hung on it after the second comma.
    (
        "Prices rose , she says , mostly in the city .",
        [1, 1, 4, 4, 1, 9, 9, 9, 9, 4, 1],
        "nsubj ROOT punct nsubj parataxis punct advmod case det obj punct",
        None,
        None,
        "NOUN VERB PUNCT PRON VERB PUNCT ADV ADP DET NOUN PUNCT",
        [("indirect", "Prices rose, she says, mostly in the city", "she", "say")],
    ),
    # ", saying, “…”" hung on the object: the clause's subject speaks.
    (
        "Lee struck a humble tone , saying , “ We will win the vote . ”",
        [1, 1, 4, 4, 1, 6, 4, 11, 11, 11, 11, 6, 13, 11, 11, 11],
        "nsubj ROOT det amod obj punct acl punct punct nsubj aux ccomp det obj punct punct",
        None,
        None,
        "PROPN VERB DET ADJ NOUN PUNCT VERB PUNCT PUNCT PRON AUX VERB DET NOUN PUNCT PUNCT",
        [("direct", "We will win the vote.", "Lee", "say")],
    ),
    # An adjectival participle ("a written statement") is no cue.
    (
        "Lee told the Ledger in a written statement , “ We will win the vote . ”",
        [1, 1, 3, 1, 7, 7, 7, 1, 12, 12, 12, 12, 1, 14, 12, 12, 12],
        "nsubj ROOT det iobj case det amod obl punct punct nsubj aux ccomp det obj punct punct",
        [1, 1, 3, 1, 1, 7, 7, 4, 12, 12, 12, 12, 1, 14, 12, 12, 12],
        "nsubj ROOT det dative prep det amod pobj punct punct nsubj aux ccomp det dobj punct punct",
        "PROPN VERB DET PROPN ADP DET VERB NOUN PUNCT PUNCT PRON AUX VERB DET NOUN PUNCT PUNCT",
        [("direct", "We will win the vote.", "Lee", "tell")],
    ),
    # The object is the subject of a quoted clause the parser hung as parataxis.
    (
        "Lee argued the plan , which aides drafted , “ will fail ” soon .",
        [1, 1, 3, 1, 7, 7, 7, 3, 1, 11, 11, 1, 11, 11, 1],
        "nsubj ROOT det obj punct obj nsubj acl:relcl punct punct aux parataxis punct advmod punct",
        None,
        None,
        "PROPN VERB DET NOUN PUNCT PRON NOUN VERB PUNCT PUNCT AUX VERB PUNCT ADV PUNCT",
        [("indirect", "the plan, which aides drafted, “will fail” soon", "Lee", "argue")],
    ),
    # "…, X told Y.": a trailing cue may take its hearer; the speaker is the
    # phrase after the comma, wherever the parse hung it.
    (
        "The union will sit out , Director Rhea Tolland told Politico .",
        [1, 3, 3, 3, 3, 9, 7, 1, 7, 3, 9, 3],
        "det nsubj aux ROOT compound:prt punct compound appos flat advcl obj punct",
        None,
        None,
        "DET NOUN AUX VERB ADP PUNCT PROPN PROPN PROPN VERB PROPN PUNCT",
        [("indirect", "The union will sit out", "Director Rhea Tolland", "tell")],
    ),
    # A parser that ends a sentence mid-clause does not cut "according to"'s
    # content: it runs to the full stop.
    (
        "According to the cables , Lee and his aides pressed diplomats hard .",
        [3, 0, 3, 5, 5, 5, 8, 8, 5, 9, 9, 9, 9],
        "case fixed det obl punct ROOT cc nmod:poss conj ROOT obj advmod punct",
        [5, 0, 3, 1, 5, 5, 5, 8, 5, 9, 9, 9, 9],
        "prep prep det pobj punct ROOT cc poss conj ROOT dobj advmod punct",
        "VERB ADP DET NOUN PUNCT PROPN CCONJ PRON NOUN VERB NOUN ADV PUNCT",
        [("indirect", "Lee and his aides pressed diplomats hard", "the cables", "according to")],
    ),
    # A fronted as-clause: the main clause after it is the source's report.
    (
        "As Politico reported , the deal collapsed .",
        [2, 2, 6, 6, 5, 6, 6, 6],
        "mark nsubj advcl punct det nsubj ROOT punct",
        None,
        None,
        "SCONJ PROPN VERB PUNCT DET NOUN VERB PUNCT",
        [("indirect", "the deal collapsed", "Politico", "report")],
    ),
    # … and its passive: the agent speaks, not the subject the participle inherits.
    (
        "As reported by Politico , the deal collapsed .",
        [1, 7, 3, 1, 7, 6, 7, 7, 7],
        "mark advcl case obl:agent punct det nsubj ROOT punct",
        [1, 7, 1, 2, 7, 6, 7, 7, 7],
        "mark advcl agent pobj punct det nsubj ROOT punct",
        "SCONJ VERB ADP PROPN PUNCT DET NOUN VERB PUNCT",
        [("indirect", "the deal collapsed", "Politico", "report")],
    ),
    # An active cue's "by" is its means, even hung as an agent: "said by telephone".
    (
        "“ We will win , ” Lee said by telephone .",
        [3, 3, 3, 7, 3, 3, 7, 7, 9, 7, 7],
        "punct nsubj aux ccomp punct punct nsubj ROOT case obl:agent punct",
        [3, 3, 3, 7, 3, 3, 7, 7, 7, 8, 7],
        "punct nsubj aux ccomp punct punct nsubj ROOT agent pobj punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN VERB ADP NOUN PUNCT",
        [("direct", "We will win,", "Lee", "say")],
    ),
    # A finding "in the survey" is the survey's; a percent sign stays with its number.
    (
        "Lee leads with 49 % in the survey .",
        [1, 1, 4, 4, 1, 7, 7, 1, 1],
        "nsubj ROOT case nummod obl case det obl punct",
        [1, 1, 1, 4, 2, 1, 7, 5, 1],
        "nsubj ROOT prep nummod pobj prep det pobj punct",
        "PROPN VERB ADP NUM NOUN ADP DET NOUN PUNCT",
        [("indirect", "Lee leads with 49 %", "the survey", "in")],
    ),
    # … also where the tagger made the poll a proper noun.
    (
        "Lee leads with 49 % in the Field Poll .",
        [1, 1, 4, 4, 1, 8, 8, 8, 1, 1],
        "nsubj ROOT case nummod obl case det compound obl punct",
        [1, 1, 1, 4, 2, 1, 8, 8, 5, 1],
        "nsubj ROOT prep nummod pobj prep det compound pobj punct",
        "PROPN VERB ADP NUM NOUN ADP DET PROPN PROPN PUNCT",
        [("indirect", "Lee leads with 49 %", "the Field Poll", "in")],
    ),
    # Standing "in the polls" is no finding of a poll.
    (
        "Lee slid in the polls .",
        [1, 1, 4, 4, 1, 1],
        "nsubj ROOT case det obl punct",
        [1, 1, 1, 4, 2, 1],
        "nsubj ROOT prep det pobj punct",
        "PROPN VERB ADP DET NOUN PUNCT",
        [],
    ),
    # A transcript's speaker in capitals speaks to the end of the paragraph,
    # however many sentences; an interview's "Q:" names no one.
    (
        "BOULDUAN : Why not wait . We waited . ¶ Q : Are you sure .",
        [0, 0, 4, 4, 4, 4, 7, 7, 7, 8, 10, 10, 14, 14, 14, 14],
        "ROOT punct advmod advmod ROOT punct nsubj ROOT punct dep ROOT punct cop nsubj ROOT punct",
        None,
        None,
        "ADJ PUNCT ADV PART VERB PUNCT PRON VERB PUNCT SPACE NOUN PUNCT AUX PRON ADJ PUNCT",
        [("indirect", "Why not wait. We waited", "BOULDUAN", ":")],
    ),
    # A headline's label may name a document or a group ("Poll:", "Newspaper:") …
    (
        "Newspaper : The minister used private email .",
        [0, 0, 3, 4, 4, 6, 4, 4],
        "ROOT punct det nsubj ROOT amod obj punct",
        None,
        None,
        "NOUN PUNCT DET NOUN VERB ADJ NOUN PUNCT",
        [("indirect", "The minister used private email", "Newspaper", ":")],
    ),
    # … but not any common noun.
    (
        "Tension : The minister used private email .",
        [0, 0, 3, 4, 4, 6, 4, 4],
        "ROOT punct det nsubj ROOT amod obj punct",
        None,
        None,
        "NOUN PUNCT DET NOUN VERB ADJ NOUN PUNCT",
        [],
    ),
    # The clause's subject made the cue's object: the clause starts at it.
    (
        "Marsh says Calder 's new rules are not worth it .",
        [1, 1, 5, 2, 5, 1, 8, 8, 1, 8, 1],
        "nsubj ROOT nmod:poss case amod obj cop advmod ccomp obj punct",
        None,
        None,
        "PROPN VERB PROPN PART ADJ NOUN AUX PART ADJ PRON PUNCT",
        [("indirect", "Calder's new rules are not worth it", "Marsh", "say")],
    ),
    # A clause with a subject of its own leaves the hearer out.
    (
        "Cruz told reporters the plan is dead .",
        [1, 1, 1, 4, 6, 6, 1, 1],
        "nsubj ROOT obj det nsubj cop ccomp punct",
        None,
        None,
        "PROPN VERB NOUN DET NOUN AUX ADJ PUNCT",
        [("indirect", "the plan is dead", "Cruz", "tell")],
    ),
    # A participle cue after a comma ends the clause, wherever the parse hangs it.
    (
        "Lee said the plan would fail , arguing for cuts .",
        [1, 1, 3, 5, 5, 1, 7, 5, 9, 7, 1],
        "nsubj ROOT det nsubj aux ccomp punct advcl case obl punct",
        [1, 1, 3, 5, 5, 1, 7, 5, 7, 8, 1],
        "nsubj ROOT det nsubj aux ccomp punct advcl prep pobj punct",
        "PROPN VERB DET NOUN AUX VERB PUNCT VERB ADP NOUN PUNCT",
        [("indirect", "the plan would fail", "Lee", "say")],
    ),
    # … also after a comma inside the closing mark of a quoted phrase …
    (
        "Lee said the plan is “ too costly , ” arguing for cuts .",
        [1, 1, 3, 7, 7, 7, 7, 1, 7, 7, 7, 12, 10, 1],
        "nsubj ROOT det nsubj cop punct advmod ccomp punct punct advcl case obl punct",
        None,
        None,
        "PROPN VERB DET NOUN AUX PUNCT ADV ADJ PUNCT PUNCT VERB ADP NOUN PUNCT",
        [("indirect", "the plan is “too costly,”", "Lee", "say")],
    ),
    # … or after "and".
    (
        "Cruz spoke for an hour , stating the plan would fail and arguing for cuts .",
        [1, 1, 4, 4, 1, 6, 1, 8, 10, 10, 6, 12, 10, 14, 12, 1],
        "nsubj ROOT case det obl punct advcl det nsubj aux ccomp cc conj case obl punct",
        None,
        None,
        "PROPN VERB ADP DET NOUN PUNCT VERB DET NOUN AUX VERB CCONJ VERB ADP NOUN PUNCT",
        [("indirect", "the plan would fail", "Cruz", "state")],
    ),
    # A second speaker's cue joined by a conjunction ends the first clause.
    (
        "Lee said the plan would fail , but Kim said it would pass .",
        [1, 1, 3, 5, 5, 1, 9, 9, 9, 5, 12, 12, 9, 1],
        "nsubj ROOT det nsubj aux ccomp punct cc nsubj conj nsubj aux ccomp punct",
        None,
        None,
        "PROPN VERB DET NOUN AUX VERB PUNCT CCONJ PROPN VERB PRON AUX VERB PUNCT",
        [("indirect", "the plan would fail", "Lee", "say"), ("indirect", "it would pass", "Kim", "say")],
    ),
    # A time made the cue's only subject: the noun phrase before it speaks.
    (
        "Voters Tuesday say they are satisfied .",
        [1, 2, 2, 5, 5, 2, 2],
        "compound nsubj ROOT nsubj cop ccomp punct",
        None,
        None,
        "NOUN PROPN VERB PRON AUX ADJ PUNCT",
        [("indirect", "they are satisfied", "Voters", "say")],
    ),
    # A cue between commas reports the sentence, even with the rest hung on it as parataxis.
    (
        "The plan , she said , would pass .",
        [1, 1, 1, 4, 1, 7, 7, 4, 1],
        "det ROOT punct nsubj parataxis punct aux parataxis punct",
        None,
        None,
        "DET NOUN PUNCT PRON VERB PUNCT AUX VERB PUNCT",
        [("indirect", "The plan, she said, would pass", "she", "say")],
    ),
    # A percentage of those polled speaks.
    (
        "26 % say they won .",
        [1, 2, 2, 4, 2, 2],
        "nummod nsubj ROOT nsubj ccomp punct",
        None,
        None,
        "NUM NOUN VERB PRON VERB PUNCT",
        [("indirect", "they won", "26 %", "say")],
    ),
    # A passive subject with no passive auxiliary is the active subject a participle tag misled.
    (
        "Lee had welcomed it and said he won .",
        [2, 2, 2, 2, 5, 2, 7, 5, 2],
        "nsubj:pass aux ROOT obj cc conj nsubj ccomp punct",
        None,
        None,
        "PROPN AUX VERB PRON CCONJ VERB PRON VERB PUNCT",
        [("indirect", "he won", "Lee", "say")],
    ),
    # A participle after a comma, made the first cue's complement, is the speaker's next statement.
    (
        "“ We won , ” she said , adding that they lost .",
        [2, 2, 6, 2, 2, 6, 6, 8, 6, 11, 11, 8, 6],
        "punct nsubj ccomp punct punct nsubj ROOT punct ccomp mark nsubj ccomp punct",
        None,
        None,
        "PUNCT PRON VERB PUNCT PUNCT PRON VERB PUNCT VERB SCONJ PRON VERB PUNCT",
        [("direct", "We won,", "she", "say"), ("indirect", "they lost", "she", "add")],
    ),
    # A share of those polled speaks, however the parse hangs it.
    (
        "Six in 10 say he lost .",
        [2, 2, 3, 3, 5, 3, 3],
        "nummod case obl ROOT nsubj ccomp punct",
        None,
        None,
        "NUM ADP NUM VERB PRON VERB PUNCT",
        [("indirect", "he lost", "Six in 10", "say")],
    ),
    # A sentence the parser ended where no punctuation is: "that" past the break opens the clause.
    (
        "Lee told reporters Tuesday morning that he won .",
        [1, 1, 1, 4, 4, 7, 7, 4, 4],
        "nsubj ROOT iobj compound ROOT mark nsubj ccomp punct",
        None,
        None,
        "PROPN VERB NOUN PROPN NOUN SCONJ PRON VERB PUNCT",
        [("indirect", "he won", "Lee", "tell")],
    ),
    # A participle adjunct of a passive: whoever the passive is about says it.
    (
        "Ostrow was dismissed after saying that it failed .",
        [2, 2, 2, 4, 2, 7, 7, 4, 2],
        "nsubj:pass aux:pass ROOT mark advcl mark nsubj ccomp punct",
        None,
        None,
        "PROPN AUX VERB SCONJ VERB SCONJ PRON VERB PUNCT",
        [("indirect", "it failed", "Ostrow", "say")],
    ),
    # A sentence-opening "According to X," names its source up to the comma.
    (
        "According to a newly - released poll by Gallup , Lee won the vote .",
        [6, 0, 6, 5, 5, 6, 11, 8, 6, 6, 11, 11, 13, 11, 11],
        "case fixed det advmod punct amod obl case nmod punct nsubj ROOT det obj punct",
        None,
        None,
        "VERB ADP DET ADV PUNCT VERB NOUN ADP PROPN PUNCT PROPN VERB DET NOUN PUNCT",
        [("indirect", "Lee won the vote", "a newly - released poll by Gallup", "according to")],
    ),
    # An age between commas sits between the name and its cue.
    (
        "As part of his plea , Vonk , 44 , said that he lied .",
        [1, 10, 4, 4, 1, 6, 1, 8, 6, 1, 10, 13, 13, 10, 10],
        "case obl case nmod:poss nmod punct appos punct appos punct ROOT mark nsubj ccomp punct",
        None,
        None,
        "ADP NOUN ADP PRON NOUN PUNCT PROPN PUNCT NUM PUNCT VERB SCONJ PRON VERB PUNCT",
        [("indirect", "he lied", "Vonk", "say")],
    ),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,ud_heads,ud_deps,clear_heads,clear_deps,pos,expected", PARSE_SLIPS)
def test_quotes_survive_parse_slips(scheme, words, ud_heads, ud_deps, clear_heads, clear_deps, pos, expected):
    heads, deps = tree(scheme, ud_heads, ud_deps, clear_heads, clear_deps)
    rows = find_quotes(make_doc(words, heads, deps, pos, (), scheme), VERBS)
    assert [(r.kind, r.text, r.speaker_text, r.cue) for r in rows] == expected


# A noun phrase a participle (and a time) separates from its cue: (words, heads, deps, pos, tags, expected speaker).
PAST_A_PARTICIPLE = [
    # "A report released Wednesday said": the time was made the subject; the report speaks.
    (
        "A report released Wednesday said Lee won .",
        [1, 2, 4, 4, 4, 6, 4, 4],
        "det nsubj advcl nsubj ROOT nsubj ccomp punct",
        "DET NOUN VERB PROPN VERB PROPN VERB PUNCT",
        "DT NN VBN NNP VBD NNP VBD .",
        "A report",
    ),
    # "those surveyed said": those polled speak.
    (
        "Those surveyed said Lee won .",
        [1, 2, 2, 4, 2, 2],
        "nsubj advcl ROOT nsubj ccomp punct",
        "DET VERB VERB PROPN VERB PUNCT",
        "DT VBD VBD NNP VBD .",
        "Those",
    ),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,heads,deps,pos,tags,expected", PAST_A_PARTICIPLE)
def test_quotes_speaker_past_a_participle_and_time(scheme, words, heads, deps, pos, tags, expected):
    relabel = TO_CLEAR if scheme == "clear" else None
    doc = parsed(words, heads, deps, pos, tags=tags, lemmas=VERB_LEMMAS, relabel=relabel)
    rows = find_quotes(doc, VERBS)
    assert [(r.text, r.speaker_text) for r in rows] == [("Lee won", expected)]


# Speakers of a trailing cue written with typeset spacing: (words, spaces, heads, deps, pos, expected speaker).
TYPESET_SPEAKERS = [
    # A no-break space between the closing mark and the cue, made the cue's subject by the parser.
    (
        ["“", "We", "won", ",", "”", "\xa0", "added", "Gowdy", "."],
        [False, True, False, False, False, False, True, False, False],
        [2, 2, 6, 2, 2, 6, 6, 6, 6],
        ["punct", "nsubj", "ccomp", "punct", "punct", "nsubj", "ROOT", "obj", "punct"],
        ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "SPACE", "VERB", "PROPN", "PUNCT"],
        "Gowdy",
    ),
    # A hyphenated phrase before the cue, its words parts of one ("the 52-year-old").
    (
        ["“", "Why", "not", "?", "”", "the", "52", "-", "year", "-", "old", "asked", "."],
        [False, True, False, False, True, True, False, False, False, False, True, False, False],
        [1, 11, 1, 1, 1, 11, 8, 6, 10, 8, 11, 11, 11],
        [
            "punct",
            "ccomp",
            "advmod",
            "punct",
            "punct",
            "det",
            "nummod",
            "punct",
            "compound",
            "punct",
            "amod",
            "ROOT",
            "punct",
        ],
        ["PUNCT", "ADV", "PART", "PUNCT", "PUNCT", "DET", "NUM", "PUNCT", "NOUN", "PUNCT", "ADJ", "VERB", "PUNCT"],
        "the 52-year-old",
    ),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,spaces,heads,deps,pos,expected", TYPESET_SPEAKERS)
def test_quotes_trailing_speaker_in_typeset_text(scheme, words, spaces, heads, deps, pos, expected):
    labels = [TO_CLEAR.get(d, d) for d in deps] if scheme == "clear" else deps
    lemmas = [{"added": "add", "asked": "ask"}.get(w, w.lower()) for w in words]
    doc = Doc(NLP.vocab, words=words, spaces=spaces, heads=heads, deps=labels, pos=pos, lemmas=lemmas)
    rows = [r for r in find_quotes(doc, VERBS) if r.kind == "direct"]
    assert [r.speaker_text for r in rows] == [expected]


# A trailing cue behind a long apposition: (first words after the quote, expected speaker start).
LONG_APPOSITIONS = [
    # A name opens the apposition: the cue may wait behind it.
    ("Ann Lee", "Ann Lee"),
    # No name: so far from the quote, a cue is no longer its attribution.
    ("the head", None),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("opening,expected", LONG_APPOSITIONS)
def test_quotes_trailing_cue_behind_a_long_apposition(scheme, opening, expected):
    words = (
        f"“ We will win the vote , ” {opening} , director of the Coastal Risk Program at the Halvorsen "
        "Policy Institute , said ."
    )
    heads = [3, 3, 3, 3, 5, 3, 3, 3, 9, 23, 9, 9, 16, 16, 16, 16, 11, 21, 21, 21, 21, 16, 9, 23, 23]
    deps = (
        f"punct nsubj aux ROOT det obj punct punct {'compound' if expected else 'det'} nsubj punct appos case det "
        "compound compound nmod case det compound compound nmod punct ROOT punct"
    )
    first = "PROPN PROPN" if expected else "DET NOUN"
    pos = (
        f"PUNCT PRON AUX VERB DET NOUN PUNCT PUNCT {first} PUNCT NOUN ADP DET PROPN PROPN PROPN ADP DET PROPN PROPN "
        "PROPN PUNCT VERB PUNCT"
    )
    rows = [r for r in find_quotes(make_doc(words, heads, deps, pos, (), scheme), VERBS) if r.kind == "direct"]
    assert [r.text for r in rows] == ["We will win the vote,"]
    speaker = rows[0].speaker_text or None
    assert speaker.startswith(expected) if expected else speaker is None, speaker


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(
    "words,tags,heads,deps,expected",
    [
        # "polling shows" read as a compound noun: the plural after a noun of evidence is its verb.
        (
            "Exit polling shows Lee won .",
            "NN NN NNS NNP VBD .",
            [1, 2, 2, 4, 2, 2],
            "compound compound ROOT nsubj acl:relcl punct",
            [("indirect", "Lee won", "Exit polling", "show")],
        ),
        # Not after any noun: "swing states" stay a noun.
        ("Swing states Lee won .", "NN NNS NNP VBD .", [1, 1, 3, 1, 1], "compound ROOT nsubj acl:relcl punct", []),
    ],
)
def test_quotes_evidence_noun_before_a_mistagged_present(scheme, words, tags, heads, deps, expected):
    relabel = TO_CLEAR if scheme == "clear" else None
    doc = parsed(words, heads, deps, pos_of(tags), tags=tags, lemmas={"won": "win"}, relabel=relabel)
    rows = find_quotes(doc, reporting_verbs_v4())
    assert [(r.kind, r.text, r.speaker_text, r.cue) for r in rows] == expected


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_quotes_gerund_subject_keeps_its_predicate(scheme):
    # The parser made the gerund subject the whole clause and hung the
    # predicate on the cue: the clause carries on past it.
    doc = parsed(
        "Lee says raising taxes has hurt workers .",
        [1, 1, 1, 2, 5, 1, 5, 1],
        "nsubj ROOT ccomp obj aux conj obj punct",
        "PROPN VERB VERB NOUN AUX VERB NOUN PUNCT",
        tags="NNP VBZ VBG NNS VBZ VBN NNS .",
        lemmas={"says": "say", "has": "have"},
        relabel=TO_CLEAR if scheme == "clear" else None,
    )
    rows = find_quotes(doc, VERBS)
    assert [(r.text, r.speaker_text) for r in rows] == [("raising taxes has hurt workers", "Lee")]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_quotes_speaker_before_a_parenthesis_and_a_participle_phrase(scheme):
    # "Sen. Ada Marsh (D-Vt.), facing a tough primary, noted that …": the
    # parser made the participle the cue's subject; the name before it speaks.
    doc = parsed(
        "Lee ( R ) , facing a challenge , noted that taxes rose .",
        [5, 2, 0, 2, 5, 9, 7, 5, 5, 9, 12, 12, 9, 9],
        "nsubj punct appos punct punct csubj det obj punct ROOT mark nsubj ccomp punct",
        "PROPN PUNCT PROPN PUNCT PUNCT VERB DET NOUN PUNCT VERB SCONJ NOUN VERB PUNCT",
        tags="NNP -LRB- NNP -RRB- , VBG DT NN , VBD IN NNS VBD .",
        lemmas={"noted": "note", "rose": "rise"},
        relabel=TO_CLEAR if scheme == "clear" else None,
    )
    rows = find_quotes(doc, VERBS)
    assert [(r.text, r.speaker_text, r.cue) for r in rows] == [("taxes rose", "Lee ( R )", "note")]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(
    "words,heads,deps,tags,expected",
    [
        # A past tense read as a participle on the cue's object is the clause's verb.
        (
            "Lee said hackers entered the system .",
            [1, 1, 1, 2, 5, 3, 1],
            "nsubj ROOT obj acl det obj punct",
            "NNP VBD NNS VBN DT NN .",
            [("indirect", "hackers entered the system", "Lee", "say")],
        ),
        # Nor a true participle with the clause's verb after it: the clause runs to that verb's end.
        (
            "Lee said samples taken there matched oil .",
            [1, 1, 1, 2, 3, 1, 5, 1],
            "nsubj ROOT obj acl advmod conj obj punct",
            "NNP VBD NNS VBN RB VBD NN .",
            [("indirect", "samples taken there matched oil", "Lee", "say")],
        ),
        # Never for the hearer of "told".
        (
            "Lee told reporters gathered outside .",
            [1, 1, 1, 2, 3, 1],
            "nsubj ROOT obj acl advmod punct",
            "NNP VBD NNS VBN RB .",
            [],
        ),
    ],
)
def test_quotes_past_tense_on_the_cues_object(scheme, words, heads, deps, tags, expected):
    doc = parsed(
        words,
        heads,
        deps,
        pos_of(tags),
        tags=tags,
        lemmas=VERB_LEMMAS,
        relabel=TO_CLEAR if scheme == "clear" else None,
    )
    rows = find_quotes(doc, VERBS)
    assert [(r.kind, r.text, r.speaker_text, r.cue) for r in rows] == expected


@pytest.mark.parametrize("label", ["PERSON", "PER"])
def test_quotes_a_transcripts_turns_are_direct_quotes_of_their_labels(label):
    # The publisher quotes the whole transcript, reopening the quote at each
    # paragraph: each turn is one direct quote, its label the speaker, and
    # a quote inside a turn ("The Daily Ledger") is part of it, not a row.
    text = (
        "Host Ann Lee spoke with Senator Bo Reyes on Sunday.\n\n"
        "“LEE: Why now?\n\n"
        "“REYES: Because “The Daily Ledger” said it was time.\n\n"
        "“And because we waited long enough.\n\n"
        "“LEE: Thank you, Senator.”"
    )
    rows = list(find_quotes(with_entities(text, ("Ann Lee", "Bo Reyes"), label), VERBS))
    assert [(r.kind, r.text, r.speaker_text, r.cue, r.method) for r in rows] == [
        ("direct", "Why now?", "LEE", ":", "transcript"),
        (
            "direct",
            "Because “The Daily Ledger” said it was time.\n\n“And because we waited long enough.",
            "REYES",
            ":",
            "transcript",
        ),
        ("direct", "Thank you, Senator.", "LEE", ":", "transcript"),
    ]
    assert len({r.statement_id or r.quote_id for r in rows}) == 3


def tagged_rows(words: str, tags: str, pos: str, tree: tuple[list[int], str]) -> list:
    """The quote rows of a hand-parsed sentence given its tags, POS and (heads, deps)."""
    heads, deps = tree
    return list(find_quotes(parsed(words, heads, deps, pos, tags=tags, lemmas=VERB_LEMMAS), VERBS))


LEAD_IN = {
    # The writer's clause runs into the quote; the parser makes "said" a sentence of its own.
    "ud": (
        [1, 5, 5, 5, 5, 5, 7, 5, 5, 5, 11, 11, 11],
        "det nsubj cop punct det ROOT case nmod punct punct nsubj ROOT punct",
    ),
    "clear": (
        [1, 5, 5, 5, 5, 5, 5, 6, 5, 5, 11, 11, 11],
        "det nsubj cop punct det ROOT prep pobj punct punct nsubj ROOT punct",
    ),
}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_quotes_a_quote_that_completes_the_writers_clause_before_a_trailing_cue_is_mixed(scheme):
    # "…,” Lee said" with nothing linking the cue: the layout's clause before
    # the comma is what Lee said, though the comma closes a quote, so the
    # closing mark stands between it and the speaker.
    words = "The plan was “ a betrayal of renters , ” Lee said ."
    tags = "DT NN VBD `` DT NN IN NNS , '' NNP VBD ."
    pos = "DET NOUN AUX PUNCT DET NOUN ADP NOUN PUNCT PUNCT PROPN VERB PUNCT"
    rows = [(r.kind, r.text, r.speaker_text, r.cue, r.method) for r in tagged_rows(words, tags, pos, LEAD_IN[scheme])]
    assert rows == [("mixed", "The plan was “a betrayal of renters,”", "Lee", "say", "trailing_clause")]


ASKED = {
    # The parser makes the participle phrase the cue's clause, the quote a second one.
    "ud": (
        [6, 3, 3, 0, 0, 6, 6, 11, 11, 11, 11, 6, 11, 11],
        "ccomp case det obl punct nsubj ROOT punct punct nsubj cop ccomp punct punct",
    ),
    "clear": (
        [6, 0, 3, 1, 0, 6, 6, 10, 10, 10, 6, 10, 10, 10],
        "ccomp prep det pobj punct nsubj ROOT punct punct nsubj ccomp acomp punct punct",
    ),
}


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("participle_tag", ["VBN", "VBD"])
def test_quotes_a_participle_phrase_before_the_cue_is_no_part_of_what_was_said(scheme, participle_tag):
    # "Asked about the plan" sets the scene (a small tagger may call it a
    # past tense): what Lee said is the quote after the cue.
    words = "Asked about the plan , Lee said , “ It is dead . ”"
    tags = f"{participle_tag} IN DT NN , NNP VBD , `` PRP VBZ JJ . ''"
    pos = "VERB ADP DET NOUN PUNCT PROPN VERB PUNCT PUNCT PRON AUX ADJ PUNCT PUNCT"
    assert [(r.kind, r.text, r.speaker_text, r.cue) for r in tagged_rows(words, tags, pos, ASKED[scheme])] == [
        ("direct", "It is dead.", "Lee", "say")
    ]


CONTINUED = {
    "ud": (
        [2, 2, 6, 2, 2, 6, 6, 6, 10, 10, 10, 10, 10, 10, 10],
        "punct nsubj ccomp punct punct nsubj ROOT punct punct nsubj ROOT punct vocative punct punct",
    ),
    "clear": (
        [2, 2, 6, 2, 2, 6, 6, 6, 10, 10, 10, 10, 10, 10, 10],
        "punct nsubj ccomp punct punct nsubj ROOT punct punct nsubj ROOT punct npadvmod punct punct",
    ),
}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_quotes_a_short_quote_that_carries_on_a_statement_is_its_second_fragment(scheme):
    # Three words alone would be a scare quote; after “…,” Lee said. they are the rest of her statement.
    words = "“ I would , ” Lee said . “ I would , Bo . ”"
    tags = "`` PRP MD , '' NNP VBD . `` PRP MD , NNP . ''"
    pos = "PUNCT PRON AUX PUNCT PUNCT PROPN VERB PUNCT PUNCT PRON AUX PUNCT PROPN PUNCT PUNCT"
    rows = tagged_rows(words, tags, pos, CONTINUED[scheme])
    assert [(r.kind, r.text, r.speaker_text) for r in rows] == [
        ("direct", "I would,", "Lee"),
        ("direct", "I would, Bo.", "Lee"),
    ]
    assert rows[1].statement_id == rows[0].quote_id


WHERE_CLAUSE = {
    "ud": (
        [2, 2, 6, 2, 2, 6, 6, 9, 9, 6, 11, 9, 16, 16, 16, 16, 11, 6],
        "punct nsubj ccomp punct punct nsubj ROOT case det obl case nmod punct advmod nsubj advmod acl:relcl punct",
    ),
    "clear": (
        [2, 2, 6, 2, 2, 6, 6, 6, 9, 7, 9, 10, 16, 16, 16, 16, 11, 6],
        "punct nsubj ccomp punct punct nsubj ROOT prep det pobj prep pobj punct advmod nsubj advmod relcl punct",
    ),
}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_quotes_a_cue_in_a_where_clause_attributes_nothing_before_it(scheme):
    # "…, where Ruiz also spoke" describes the place: Lee said the quote, not Ruiz.
    words = "“ We won , ” Lee said at the dinner in Salem , where Ruiz also spoke ."
    tags = "`` PRP VBD , '' NNP VBD IN DT NN IN NNP , WRB NNP RB VBD ."
    pos = "PUNCT PRON VERB PUNCT PUNCT PROPN VERB ADP DET NOUN ADP PROPN PUNCT ADV PROPN ADV VERB PUNCT"
    rows = tagged_rows(words, tags, pos, WHERE_CLAUSE[scheme])
    assert [(r.kind, r.text, r.speaker_text, r.cue) for r in rows] == [("direct", "We won,", "Lee", "say")]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_quotes_a_participle_that_opens_its_sentence_is_no_fronted_cue(scheme):
    # "Lamenting their luck, Mexicans say, “…”", parsed as the bundled
    # model did (the quote's words hung on the participle): the participle's
    # object is no inverted subject ("Said Ann Lee, …" is).
    words = "Lamenting their luck , Mexicans say , “ Poor Mexico , so far from God . ”"
    heads = [0, 2, 0, 5, 5, 0, 5, 9, 9, 0, 12, 12, 9, 14, 12, 0, 0]
    deps = "ROOT nmod:poss obj punct nsubj parataxis punct punct amod obj punct advmod amod case obl punct punct"
    pos = "VERB PRON NOUN PUNCT PROPN VERB PUNCT PUNCT ADJ PROPN PUNCT ADV ADJ ADP PROPN PUNCT PUNCT"
    doc = make_doc(words, heads, deps, pos, [(4, 5, "NORP")], scheme)
    rows = list(find_quotes(doc, reporting_verbs_v5()))
    assert [(r.kind, r.text, r.speaker_text) for r in rows if r.kind == "direct"] == [
        ("direct", "Poor Mexico, so far from God.", "Mexicans")
    ]


# (UD tree, ClearNLP tree): the parser makes the clause the subject of the cue, the phrase after it its object.
INVERTED_NAME = (
    ([3, 3, 3, 7, 5, 3, 3, 7, 7, 11, 11, 8, 7], "nsubj cop det nsubj case nmod punct ROOT obj punct det appos punct"),
    ([3, 3, 3, 7, 3, 4, 3, 7, 7, 11, 11, 8, 7], "nsubj cop det nsubj prep pobj punct ROOT dobj punct det appos punct"),
)
INVERTED_PHRASE = (
    ([3, 3, 3, 7, 5, 3, 3, 7, 9, 7, 11, 9, 7], "nsubj cop det nsubj case nmod punct ROOT det obj case nmod punct"),
    ([3, 3, 3, 7, 3, 4, 3, 7, 9, 7, 9, 10, 7], "nsubj cop det nsubj prep pobj punct ROOT det dobj prep pobj punct"),
)


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(
    "words,tags,trees,expected",
    [
        # "…, said Wilcox, …": the clause before the comma is what the name after the cue said …
        (
            "Mandates are a burden for schools , said Wilcox , a Republican .",
            "NNS VBP DT NN IN NNS , VBD NNP , DT NNP .",
            INVERTED_NAME,
            [("indirect", "Mandates are a burden for schools", "Wilcox, a Republican", "say", "inverted_clause")],
        ),
        # … but a phrase without a name after the cue is its object ("…, wrote a host of songs") …
        (
            "Mandates are a burden for schools , said a host of people .",
            "NNS VBP DT NN IN NNS , VBD DT NN IN NNS .",
            INVERTED_PHRASE,
            [],
        ),
        # … and a participle has no speaker after it.
        (
            "Mandates are a burden for schools , saying Wilcox , a Republican .",
            "NNS VBP DT NN IN NNS , VBG NNP , DT NNP .",
            INVERTED_NAME,
            [],
        ),
    ],
)
def test_quotes_inverted_cue_after_an_unquoted_clause(scheme, words, tags, trees, expected):
    tree = trees[SCHEMES.index(scheme)]
    rows = [(r.kind, r.text, r.speaker_text, r.cue, r.method) for r in tagged_rows(words, tags, pos_of(tags), tree)]
    assert rows == expected


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_quotes_the_first_of_two_subjects_is_no_object_of_the_cue(scheme):
    # "said the city and the state had …": the parser made "the city" the
    # cue's object and the clause's verb the cue's conjunct.
    words = "Lee said the city and the state had been careful ."
    tags = "NNP VBD DT NN CC DT NN VBD VBN JJ ."
    ud = ([1, 1, 3, 1, 9, 6, 9, 9, 9, 1, 1], "nsubj ROOT det obj cc det nsubj aux cop conj punct")
    clear = ([1, 1, 3, 1, 8, 6, 8, 8, 1, 8, 1], "nsubj ROOT det dobj cc det nsubj aux conj acomp punct")
    tree = ud if scheme == "ud" else clear
    rows = [(r.kind, r.text, r.speaker_text, r.cue, r.method) for r in tagged_rows(words, tags, pos_of(tags), tree)]
    assert rows == [("indirect", "the city and the state had been careful", "Lee", "say", "bare_clause")]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_quotes_an_object_before_the_cues_next_act_is_no_subject(scheme):
    # "said a prayer and left": the conjunction joins a second verb of the speaker, not a second subject.
    words, tags = "Lee said a prayer and left .", "NNP VBD DT NN CC VBD ."
    tree = (
        [1, 1, 3, 1, 5, 1, 1],
        "nsubj ROOT det obj cc conj punct" if scheme == "ud" else "nsubj ROOT det dobj cc conj punct",
    )
    assert tagged_rows(words, tags, pos_of(tags), tree) == []
