"""Tests of `extractor_claims` on hand-built Docs, in both label schemes."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc
from tests.components.parses import NLP, SCHEMES, parsed, pos_of, tree
from tests.rows import quote_row

from extractor.components.claims import find_claims, has_figure
from extractor.components.extensions import rows_of, set_rows
from extractor.components.quotes import find_quotes
from extractor.registrations import (
    reporting_verbs_v1,
    reporting_verbs_v2,
    stance_patterns_v1,
    stance_verbs_v1,
    stance_verbs_v2,
    stance_verbs_v3,
    stance_verbs_v4,
    stance_verbs_v5,
)

TO_CLEAR = {"obj": "dobj", "nsubj:pass": "nsubjpass", "obl": "prep", "nummod": "nummod"}
LEMMAS = {
    "condemned": "condemn",
    "saying": "say",
    "denied": "deny",
    "vowed": "vow",
    "were": "be",
    "killed": "kill",
    "said": "say",
    "accused": "accuse",
    "has": "have",
}


def make_doc(words: str, heads: list[int], deps: str, pos: str, ents=(), scheme: str = "ud") -> Doc:
    """A parsed Doc (`parses.parsed`), its UD labels turned into ClearNLP's for scheme "clear"."""
    return parsed(words, heads, deps, pos, lemmas=LEMMAS, ents=ents, relabel=TO_CLEAR if scheme == "clear" else None)


def claims_of(doc: Doc) -> list[tuple]:
    set_rows(doc, "quotes", list(find_quotes(doc, reporting_verbs_v1())))
    return [
        (c.kind, c.text, c.source_text, c.cue, c.polarity, c.has_figure) for c in find_claims(doc, stance_verbs_v1())
    ]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(
    "words,heads,deps,pos,expected",
    [
        (
            "The ministry condemned the killing , saying that strikes were destabilizing .",
            [1, 2, 2, 4, 2, 6, 2, 10, 10, 10, 6, 2],
            "det nsubj ROOT det obj punct advcl mark nsubj aux ccomp punct",
            "DET NOUN VERB DET NOUN PUNCT VERB SCONJ NOUN AUX VERB PUNCT",
            [
                ("stance", "the killing", "The ministry", "condemn", "negative", False),
                ("statement", "strikes were destabilizing", "The ministry", "say", "", False),
            ],
        ),
        (
            "Police denied the report .",
            [1, 1, 3, 1, 1],
            "nsubj ROOT det obj punct",
            "NOUN VERB DET NOUN PUNCT",
            [("stance", "the report", "Police", "deny", "negative", False)],
        ),
        (
            "At least 16 people were killed .",
            [1, 2, 3, 5, 5, 5, 5],
            "case advmod nummod nsubj:pass aux:pass ROOT punct",
            "ADP ADV NUM NOUN AUX VERB PUNCT",
            [("assertion", "At least 16 people were killed.", "", "", "", True)],
        ),
        # The dash a dateline leaves at the start of its sentence is no part of the claim.
        (
            "— At least 16 people were killed .",
            [6, 2, 3, 4, 6, 6, 6, 6],
            "punct case advmod nummod nsubj:pass aux:pass ROOT punct",
            "PUNCT ADP ADV NUM NOUN AUX VERB PUNCT",
            [("assertion", "At least 16 people were killed.", "", "", "", True)],
        ),
        (
            "Talks resumed on February 7 .",
            [1, 1, 3, 1, 3, 1],
            "nsubj ROOT case obl nummod punct",
            "NOUN VERB ADP PROPN NUM PUNCT",
            [],
        ),
    ],
)
def test_claims_kinds(scheme, words, heads, deps, pos, expected):
    assert claims_of(make_doc(words, heads, deps, pos, scheme=scheme)) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The US has 2,500 troops in Iraq.", True),
        ("It began on October 7 last year.", False),
        ("Prices rose 12 percent.", True),
        ("In 2024 the war went on.", False),
        ("one of them left", False),
    ],
)
def test_claims_has_figure(text, expected):
    doc = NLP(text)
    assert has_figure(doc[:]) is expected


@pytest.mark.parametrize("scheme", SCHEMES)
def test_claims_component_sets_spans(scheme):
    import extractor.components.claims
    import extractor.components.quotes  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_quotes")
    nlp.add_pipe("extractor_claims")
    doc = make_doc(
        "Police denied the report .",
        [1, 1, 3, 1, 1],
        "nsubj ROOT det obj punct",
        "NOUN VERB DET NOUN PUNCT",
        scheme=scheme,
    )
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [s.label_ for s in doc.spans["extractor_claims"]] == ["stance"]
    assert rows_of(doc, "claims")[0].source_kind == ""


@pytest.mark.issue(4)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(
    "words,heads,deps,pos,expected",
    [
        # "support" inside what Reyes said is not Reyes's stance.
        (
            "Reyes said they would not support the plan .",
            [1, 1, 5, 5, 5, 1, 7, 5, 1],
            "nsubj ROOT nsubj aux advmod ccomp det obj punct",
            "PROPN VERB PRON AUX PART VERB DET NOUN PUNCT",
            [("statement", "they would not support the plan", "Reyes", "say", "", False)],
        ),
    ],
)
def test_claims_no_stance_inside_reported_speech(scheme, words, heads, deps, pos, expected):
    assert claims_of(make_doc(words, heads, deps, pos, scheme=scheme)) == expected


def make_tagged_doc(words: str, heads: list[int], deps: str, tags: str) -> Doc:
    """A parsed Doc with fine-grained tags (POS follows them), for cues whose
    form matters ("pledged" as a participle)."""
    return parsed(words, heads, deps, pos_of(tags), tags=tags, lemmas=LEMMAS_V2)


LEMMAS_V2 = {
    "wants": "want",
    "accused": "accuse",
    "called": "call",
    "supported": "support",
    "was": "be",
    "has": "have",
    "pledged": "pledge",
    "vowed": "vow",
    "told": "tell",
    "showed": "show",
    "hopes": "hope",
    "praised": "praise",
    "surprised": "surprise",
    "described": "describe",
    "denied": "deny",
    "stressed": "stress",
    "disclosed": "disclose",
    "said": "say",
}


def claims_v2_of(doc: Doc) -> list[tuple]:
    set_rows(doc, "quotes", list(find_quotes(doc, reporting_verbs_v2())))
    claims = find_claims(doc, stance_verbs_v2(), stance_patterns_v1())
    return [(c.kind, c.text, c.source_text, c.cue, c.polarity) for c in claims]


# (words, tags, UD heads, UD deps, ClearNLP heads, ClearNLP deps, expected claims)
STANCES = [
    # A past tense tagged as a participle and hung on the name before its
    # apposition: the name is the source.
    (
        "Ruiz , a council member , praised the new budget .",
        "NNP , DT NN NN , VBN DT JJ NN .",
        [0, 4, 4, 4, 0, 6, 0, 9, 9, 6, 0],
        "ROOT punct det compound appos punct acl det amod obj punct",
        [0, 4, 4, 4, 0, 6, 0, 9, 9, 6, 0],
        "ROOT punct det compound appos punct acl det amod dobj punct",
        [("stance", "the new budget", "Ruiz, a council member", "praise", "positive")],
    ),
    # A past tense the parser hung on the name right before it as a modifier:
    # the name is the source …
    (
        "Ada Ruiz praised the new budget .",
        "NNP NNP VBD DT JJ NN .",
        [0, 0, 0, 5, 5, 2, 0],
        "ROOT flat acl det amod obj punct",
        [1, 1, 1, 5, 5, 2, 1],
        "compound ROOT acl det amod dobj punct",
        [("stance", "the new budget", "Ada Ruiz", "praise", "positive")],
    ),
    # … but not of a participle there, which may be a reduced relative.
    (
        "Ada Ruiz praised the new budget .",
        "NNP NNP VBN DT JJ NN .",
        [0, 0, 0, 5, 5, 2, 0],
        "ROOT flat acl det amod obj punct",
        [1, 1, 1, 5, 5, 2, 1],
        "compound ROOT acl det amod dobj punct",
        [],
    ),
    # A present participle that merely describes a name is no stance of it.
    (
        "Ruiz , seeking another term , spoke .",
        "NNP , VBG DT NN , VBD .",
        [6, 2, 0, 4, 2, 2, 6, 6],
        "nsubj punct acl det obj punct ROOT punct",
        [6, 2, 0, 4, 2, 2, 6, 6],
        "nsubj punct acl det dobj punct ROOT punct",
        [],
    ),
    # An intention: the content is the infinitive, without the cue.
    (
        "Ruiz wants to leave the council .",
        "NNP VBZ TO VB DT NN .",
        [1, 1, 3, 1, 5, 3, 1],
        "nsubj ROOT mark xcomp det obj punct",
        [1, 1, 3, 1, 5, 3, 1],
        "nsubj ROOT aux xcomp det dobj punct",
        [("stance", "to leave the council", "Ruiz", "want", "positive")],
    ),
    # "accused X of Y": the object and the "of" phrase.
    (
        "The mayor accused Cole of lying .",
        "DT NN VBD NNP IN VBG .",
        [1, 2, 2, 2, 5, 2, 2],
        "det nsubj ROOT obj mark advcl punct",
        [1, 2, 2, 2, 2, 4, 2],
        "det nsubj ROOT dobj prep pcomp punct",
        [("stance", "Cole of lying", "The mayor", "accuse", "negative")],
    ),
    # A request: the content starts after the cue's preposition.
    (
        "Cole called for a new vote .",
        "NNP VBD IN DT JJ NN .",
        [1, 1, 5, 5, 5, 1, 1],
        "nsubj ROOT case det amod obl punct",
        [1, 1, 1, 5, 5, 2, 1],
        "nsubj ROOT prep det amod pobj punct",
        [("stance", "a new vote", "Cole", "call for", "")],
    ),
    # "called X Y" needs both; "called a meeting" is no stance.
    (
        "Cole called Ruiz a liar .",
        "NNP VBD NNP DT NN .",
        [1, 1, 1, 4, 1, 1],
        "nsubj ROOT obj det xcomp punct",
        [1, 1, 1, 4, 1, 1],
        "nsubj ROOT dobj det oprd punct",
        [("stance", "Ruiz a liar", "Cole", "call", "")],
    ),
    (
        "Cole called a meeting .",
        "NNP VBD DT NN .",
        [1, 1, 3, 1, 1],
        "nsubj ROOT det obj punct",
        [1, 1, 3, 1, 1],
        "nsubj ROOT det dobj punct",
        [],
    ),
    # A time phrase is no predicate; an "as" phrase is.
    (
        "Unions called a strike for Monday .",
        "NNS VBD DT NN IN NNP .",
        [1, 1, 3, 1, 5, 1, 1],
        "nsubj ROOT det obj case obl punct",
        [1, 1, 3, 1, 1, 4, 1],
        "nsubj ROOT det dobj prep pobj punct",
        [],
    ),
    (
        "Cole described the plan as a mistake .",
        "NNP VBD DT NN IN DT NN .",
        [1, 1, 3, 1, 6, 6, 1, 1],
        "nsubj ROOT det obj case det obl punct",
        [1, 1, 3, 1, 1, 6, 4, 1],
        "nsubj ROOT det dobj prep det pobj punct",
        [("stance", "the plan as a mistake", "Cole", "describe", "")],
    ),
    # A passive takes no source: the 37 percent are not the ones supporting.
    (
        "The plan was supported by 37 percent .",
        "DT NN VBD VBN IN CD NN .",
        [1, 3, 3, 3, 6, 6, 3, 3],
        "det nsubj:pass aux:pass ROOT case nummod obl punct",
        [1, 3, 3, 3, 3, 6, 4, 3],
        "det nsubjpass auxpass ROOT agent nummod pobj punct",
        [("assertion", "The plan was supported by 37 percent.", "", "", "")],
    ),
    # A participle without "has" is an adjective, whatever the parser says.
    (
        "Cole has 90 pledged delegates .",
        "NNP VBZ CD VBN NNS .",
        [1, 1, 3, 1, 3, 1],
        "nsubj ROOT nummod advcl obj punct",
        [1, 1, 3, 1, 3, 1],
        "nsubj ROOT nummod advcl dobj punct",
        [("assertion", "Cole has 90 pledged delegates.", "", "", "")],
    ),
    # With an active subject, a participle is a past tense the tagger mistook.
    (
        "Cole called on the board to block the deal .",
        "NNP VBN IN DT NN TO VB DT NN .",
        [1, 1, 4, 4, 1, 6, 1, 8, 6, 1],
        "nsubj ROOT case det obl mark advcl det obj punct",
        [1, 1, 1, 4, 2, 6, 1, 8, 6, 1],
        "nsubj ROOT prep det pobj aux advcl det dobj punct",
        [("stance", "the board to block the deal", "Cole", "call on", "")],
    ),
    # What was vowed is part of the vow, not a stance of its own.
    (
        "Cole vowed to oppose the plan .",
        "NNP VBD TO VB DT NN .",
        [1, 1, 3, 1, 5, 3, 1],
        "nsubj ROOT mark xcomp det obj punct",
        [1, 1, 3, 1, 5, 3, 1],
        "nsubj ROOT aux xcomp det dobj punct",
        [("stance", "to oppose the plan", "Cole", "vow", "positive")],
    ),
    # The hearer of "told" is no content, what they were told is.
    (
        "Cole told reporters .",
        "NNP VBD NNS .",
        [1, 1, 1, 1],
        "nsubj ROOT obj punct",
        [1, 1, 1, 1],
        "nsubj ROOT dobj punct",
        [],
    ),
    (
        "Cole told aides to wait .",
        "NNP VBD NNS TO VB .",
        [1, 1, 1, 4, 1, 1],
        "nsubj ROOT obj mark xcomp punct",
        [1, 1, 1, 4, 1, 1],
        "nsubj ROOT dobj aux xcomp punct",
        [("stance", "to wait", "Cole", "tell", "")],
    ),
    # Evidence: "show" needs a poll or document as its source.
    (
        "The poll showed a tie .",
        "DT NN VBD DT NN .",
        [1, 2, 2, 4, 2, 2],
        "det nsubj ROOT det obj punct",
        [1, 2, 2, 4, 2, 2],
        "det nsubj ROOT det dobj punct",
        [("stance", "a tie", "The poll", "show", "")],
    ),
    # A verb the tagger read as a noun, made the root with a subject and an object, is a cue.
    (
        "Voters support the ban .",
        "NNS NN DT NN .",
        [1, 1, 3, 1, 1],
        "nsubj ROOT det obj punct",
        [1, 1, 3, 1, 1],
        "nsubj ROOT det dobj punct",
        [("stance", "the ban", "Voters", "support", "positive")],
    ),
    # … also when the tagger read the poll as a verb and the parser made it a clausal subject.
    (
        "A new poll showed a tie .",
        "DT JJ VB VBD DT NN .",
        [2, 2, 3, 3, 5, 3, 3],
        "det amod csubj ROOT det obj punct",
        [2, 2, 3, 3, 5, 3, 3],
        "det amod csubj ROOT det dobj punct",
        [("stance", "a tie", "A new poll", "show", "")],
    ),
    (
        "Cole showed the letter .",
        "NNP VBD DT NN .",
        [1, 1, 3, 1, 1],
        "nsubj ROOT det obj punct",
        [1, 1, 3, 1, 1],
        "nsubj ROOT det dobj punct",
        [],
    ),
    # A belief with a clause of its own is a quote, restated as a statement.
    (
        "Cole hopes the plan will pass .",
        "NNP VBZ DT NN MD VB .",
        [1, 1, 3, 5, 5, 1, 1],
        "nsubj ROOT det nsubj aux ccomp punct",
        [1, 1, 3, 5, 5, 1, 1],
        "nsubj ROOT det nsubj aux ccomp punct",
        [("statement", "the plan will pass", "Cole", "hope", "positive")],
    ),
    # A stance noun with a possessor.
    (
        "Cole 's call for a new vote surprised Ruiz .",
        "NNP POS NN IN DT JJ NN VBD NNP .",
        [2, 0, 7, 6, 6, 6, 2, 7, 7, 7],
        "nmod:poss case nsubj case det amod nmod ROOT obj punct",
        [2, 0, 7, 2, 6, 6, 3, 7, 7, 7],
        "poss case nsubj prep det amod pobj ROOT dobj punct",
        [("stance", "a new vote", "Cole", "call for", "")],
    ),
    # A verb alone is no stance.
    ("Ruiz praised .", "NNP VBD .", [1, 1, 1], "nsubj ROOT punct", [1, 1, 1], "nsubj ROOT punct", []),
    # A lost subject: the noun phrase right before a finite cue.
    (
        "Cole called Ruiz a liar .",
        "NNP VBD NNP DT NN .",
        [1, 1, 1, 4, 1, 1],
        "dep ROOT obj det xcomp punct",
        [1, 1, 1, 4, 1, 1],
        "dep ROOT dobj det oprd punct",
        [("stance", "Ruiz a liar", "Cole", "call", "")],
    ),
    # Quotation marks make a name of what follows the one object the parse shows: hung elsewhere …
    (
        "Cole called his remarks “ deeply reckless ” .",
        "NNP VBD PRP$ NNS `` RB JJ '' .",
        [1, 1, 3, 1, 6, 6, 1, 6, 1],
        "nsubj ROOT nmod:poss obj punct advmod parataxis punct punct",
        [1, 1, 3, 1, 6, 6, 1, 6, 1],
        "nsubj ROOT poss dobj punct advmod parataxis punct punct",
        [("stance", "his remarks “deeply reckless”", "Cole", "call", "")],
    ),
    # … or read as the object's head.
    (
        "Cole called the frontrunner “ a recruiter ” .",
        "NNP VBD DT NN `` DT NN '' .",
        [1, 1, 3, 6, 6, 6, 1, 6, 1],
        "nsubj ROOT det compound punct det obj punct punct",
        [1, 1, 3, 6, 6, 6, 1, 6, 1],
        "nsubj ROOT det compound punct det dobj punct punct",
        [("stance", "the frontrunner “a recruiter”", "Cole", "call", "")],
    ),
    # A noun the parser made the cue's conjunct is a second object of the stance.
    (
        "Cole supported Cruz , and Fiorina .",
        "NNP VBD NNP , CC NNP .",
        [1, 1, 1, 5, 5, 1, 1],
        "nsubj ROOT obj punct cc conj punct",
        [1, 1, 1, 5, 5, 1, 1],
        "nsubj ROOT dobj punct cc conj punct",
        [("stance", "Cruz, and Fiorina", "Cole", "support", "positive")],
    ),
    # A verb there is the source's next act.
    (
        "Cole supported Cruz and left .",
        "NNP VBD NNP CC VBD .",
        [1, 1, 1, 4, 1, 1],
        "nsubj ROOT obj cc conj punct",
        [1, 1, 1, 4, 1, 1],
        "nsubj ROOT dobj cc conj punct",
        [("stance", "Cruz", "Cole", "support", "positive")],
    ),
    # A participle cue after a comma is a stance of its own, wherever the parse hangs it.
    (
        "Cole urged voters to reject the plan , citing costs .",
        "NNP VBD NNS TO VB DT NN , VBG NNS .",
        [1, 1, 1, 4, 1, 6, 4, 8, 4, 8, 1],
        "nsubj ROOT obj mark xcomp det obj punct advcl obj punct",
        [1, 1, 1, 4, 1, 6, 4, 8, 4, 8, 1],
        "nsubj ROOT dobj aux xcomp det dobj punct advcl dobj punct",
        [("stance", "voters to reject the plan", "Cole", "urge", ""), ("stance", "costs", "Cole", "cite", "")],
    ),
    # An adverbial clause run on without a comma is part of the content …
    (
        "Ruiz denied a report about whether she would run .",
        "NNP VBD DT NN IN IN PRP MD VB .",
        [1, 1, 3, 1, 8, 8, 8, 8, 1, 1],
        "nsubj ROOT det obj mark mark nsubj aux advcl punct",
        [1, 1, 3, 1, 8, 8, 8, 8, 1, 1],
        "nsubj ROOT det dobj mark mark nsubj aux advcl punct",
        [("stance", "a report about whether she would run", "Ruiz", "deny", "negative")],
    ),
    # … one set off by a comma is not, wherever the parse hangs the comma.
    (
        "Ruiz denied the report , because she was away .",
        "NNP VBD DT NN , IN PRP VBD RB .",
        [1, 1, 3, 1, 8, 8, 8, 8, 1, 1],
        "nsubj ROOT det obj punct mark nsubj cop advcl punct",
        [1, 1, 3, 1, 1, 7, 7, 1, 7, 1],
        "nsubj ROOT det dobj punct mark nsubj advcl acomp punct",
        [("stance", "the report", "Ruiz", "deny", "negative")],
    ),
    # A quote in a clause hung on the object is no name the cue gives it.
    (
        "Cole saw a sign which read “ Stop ” .",
        "NNP VBD DT NN WDT VBD `` VB '' .",
        [1, 1, 3, 1, 5, 3, 7, 5, 7, 1],
        "nsubj ROOT det obj nsubj acl:relcl punct ccomp punct punct",
        [1, 1, 3, 1, 5, 3, 7, 5, 7, 1],
        "nsubj ROOT det dobj nsubj relcl punct ccomp punct punct",
        [],
    ),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,tags,ud_heads,ud_deps,clear_heads,clear_deps,expected", STANCES)
def test_claims_stance_content_without_the_cue(
    scheme, words, tags, ud_heads, ud_deps, clear_heads, clear_deps, expected
):
    heads, deps = tree(scheme, ud_heads, ud_deps, clear_heads, clear_deps)
    assert claims_v2_of(make_tagged_doc(words, heads, deps, tags)) == expected


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "config,expected",
    [
        ({"document_cues": ["show"], "document_sources": ["poll"]}, 1),
        ({"document_cues": ["show"], "document_sources": ["report"]}, 0),
        ({}, 1),
    ],
)
def test_claims_stance_patterns_config(config, expected):
    doc = make_tagged_doc(
        "The poll showed a tie .", [1, 2, 2, 4, 2, 2], "det nsubj ROOT det obj punct", "DT NN VBD DT NN ."
    )
    set_rows(doc, "quotes", [])
    assert sum(c.kind == "stance" for c in find_claims(doc, stance_verbs_v2(), config)) == expected


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "quoted,words,expected",
    [(True, 4, ["statement"]), (False, 4, ["stance"]), (True, 2, ["statement"])],
)
def test_claims_stance_repeating_a_quote_is_left_out(quoted, words, expected):
    # The quote's statement row already says what the stance's content says,
    # or the start of it ("said: “…,” adding that …").
    doc = make_tagged_doc(
        "Cole wants to leave the council .",
        [1, 1, 3, 1, 5, 3, 1],
        "nsubj ROOT mark xcomp det obj punct",
        "NNP VBZ TO VB DT NN .",
    )
    content = doc[2 : 2 + words]
    quote = quote_row(
        content.text,
        content.start_char,
        quote_id="q1",
        statement_id="q1",
        doc_id="",
        speaker_text="Ruiz",
        method="dep_subject",
    )
    set_rows(doc, "quotes", [quote] if quoted else [])
    claims = [c for c in find_claims(doc, stance_verbs_v2()) if c.start_char == content.start_char]
    assert [c.kind for c in claims] == expected


def test_claims_stance_patterns_reject_unknown_fields():
    with pytest.raises(TypeError, match="noun_cue"):
        find_claims(Doc(NLP.vocab, words=["x"]), stance_verbs_v2(), {"noun_cue": ["plan"]}).__next__()


# Stance cues of stance_verbs.v3: actions PolNeAR attributes to their agent.
STANCES_V3 = [
    (
        "Cole voted for the new budget .",
        "NNP VBD IN DT JJ NN .",
        [1, 1, 5, 5, 5, 1, 1],
        "nsubj ROOT case det amod obl punct",
        [1, 1, 1, 5, 5, 2, 1],
        "nsubj ROOT prep det amod pobj punct",
        [("stance", "the new budget", "Cole", "vote for", "positive")],
    ),
    (
        "Ruiz is seeking a second term .",
        "NNP VBZ VBG DT JJ NN .",
        [2, 2, 2, 5, 5, 2, 2],
        "nsubj aux ROOT det amod obj punct",
        [2, 2, 2, 5, 5, 2, 2],
        "nsubj aux ROOT det amod dobj punct",
        [("stance", "a second term", "Ruiz", "seek", "")],
    ),
]


# Stance cues of stance_verbs.v4: praise, attack, laying out and walking back a position.
STANCES_V4 = [
    (
        "Cole derided the new budget .",
        "NNP VBD DT JJ NN .",
        [1, 1, 4, 4, 1, 1],
        "nsubj ROOT det amod obj punct",
        [1, 1, 4, 4, 1, 1],
        "nsubj ROOT det amod dobj punct",
        [("stance", "the new budget", "Cole", "deride", "negative")],
    ),
    (
        "Ruiz laid out a tax plan .",
        "NNP VBD RP DT NN NN .",
        [1, 1, 1, 5, 5, 1, 1],
        "nsubj ROOT compound:prt det compound obj punct",
        [1, 1, 1, 5, 5, 1, 1],
        "nsubj ROOT prt det compound dobj punct",
        [("stance", "a tax plan", "Ruiz", "lay out", "")],
    ),
    (
        "Ruiz signed the new budget .",
        "NNP VBD DT JJ NN .",
        [1, 1, 4, 4, 1, 1],
        "nsubj ROOT det amod obj punct",
        [1, 1, 4, 4, 1, 1],
        "nsubj ROOT det amod dobj punct",
        [],
    ),
]


# Stance cues of stance_verbs.v5: speech verbs whose object is what was said.
STANCES_V5 = [
    (
        "Cole stressed the need for reform .",
        "NNP VBD DT NN IN NN .",
        [1, 1, 3, 1, 5, 3, 1],
        "nsubj ROOT det obj case nmod punct",
        [1, 1, 3, 1, 3, 4, 1],
        "nsubj ROOT det dobj prep pobj punct",
        [("stance", "the need for reform", "Cole", "stress", "")],
    ),
    (
        "Ruiz disclosed the payments .",
        "NNP VBD DT NNS .",
        [1, 1, 3, 1, 1],
        "nsubj ROOT det obj punct",
        [1, 1, 3, 1, 1],
        "nsubj ROOT det dobj punct",
        [("stance", "the payments", "Ruiz", "disclose", "")],
    ),
    # With a clause, the verb is a speech cue: its clause is a quote, and its statement the only claim.
    (
        "Ruiz said the payments stopped .",
        "NNP VBD DT NNS VBD .",
        [1, 1, 3, 4, 1, 1],
        "nsubj ROOT det nsubj ccomp punct",
        [1, 1, 3, 4, 1, 1],
        "nsubj ROOT det nsubj ccomp punct",
        [("statement", "the payments stopped", "Ruiz", "say", "")],
    ),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(
    "verbs,words,tags,ud_heads,ud_deps,clear_heads,clear_deps,expected",
    [(stance_verbs_v3, *case) for case in STANCES_V3]
    + [(stance_verbs_v4, *case) for case in STANCES_V4]
    + [(stance_verbs_v5, *case) for case in STANCES_V5],
)
def test_claims_stance_verbs_by_version(
    scheme, verbs, words, tags, ud_heads, ud_deps, clear_heads, clear_deps, expected
):
    heads, deps = tree(scheme, ud_heads, ud_deps, clear_heads, clear_deps)
    doc = make_tagged_doc(words, heads, deps, tags)
    set_rows(doc, "quotes", list(find_quotes(doc, reporting_verbs_v2())))
    claims = find_claims(doc, verbs(), stance_patterns_v1())
    assert [(c.kind, c.text, c.source_text, c.cue, c.polarity) for c in claims] == expected
