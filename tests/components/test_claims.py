"""Tests of `extractor_claims` on hand-built Docs, in both label schemes."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from extractor.components.claims import find_claims, has_figure
from extractor.components.extensions import ensure_extensions
from extractor.components.quotes import find_quotes
from extractor.registrations import reporting_verbs_v1, stance_verbs_v1

NLP = spacy.blank("en")
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
    """Build a parsed Doc from space-separated words/deps/pos."""
    words_, deps_ = words.split(), deps.split()
    if scheme == "clear":
        deps_ = [TO_CLEAR.get(d, d) for d in deps_]
    lemmas = [LEMMAS.get(w.lower(), w.lower()) for w in words_]
    spaces = [nxt not in (",", ".") for nxt in words_[1:]] + [False]
    doc = Doc(NLP.vocab, words=words_, spaces=spaces, heads=heads, deps=deps_, pos=pos.split(), lemmas=lemmas)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def claims_of(doc: Doc) -> list[tuple]:
    ensure_extensions()
    doc._.quotes = list(find_quotes(doc, reporting_verbs_v1()))
    return [
        (c.kind, c.text, c.source_text, c.cue, c.polarity, c.has_figure) for c in find_claims(doc, stance_verbs_v1())
    ]


@pytest.mark.parametrize("scheme", ["ud", "clear"])
@pytest.mark.parametrize(
    "words,heads,deps,pos,expected",
    [
        (
            "The ministry condemned the killing , saying that strikes were destabilizing .",
            [1, 2, 2, 4, 2, 6, 2, 10, 10, 10, 6, 2],
            "det nsubj ROOT det obj punct advcl mark nsubj aux ccomp punct",
            "DET NOUN VERB DET NOUN PUNCT VERB SCONJ NOUN AUX VERB PUNCT",
            [
                ("stance", "condemned the killing", "The ministry", "condemn", "negative", False),
                ("statement", "strikes were destabilizing", "The ministry", "say", "", False),
            ],
        ),
        (
            "Police denied the report .",
            [1, 1, 3, 1, 1],
            "nsubj ROOT det obj punct",
            "NOUN VERB DET NOUN PUNCT",
            [("stance", "denied the report", "Police", "deny", "negative", False)],
        ),
        (
            "At least 16 people were killed .",
            [1, 2, 3, 5, 5, 5, 5],
            "case advmod nummod nsubj:pass aux:pass ROOT punct",
            "ADP ADV NUM NOUN AUX VERB PUNCT",
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


@pytest.mark.parametrize("scheme", ["ud", "clear"])
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
    assert [s.label_ for s in doc.spans["claims"]] == ["stance"]
    assert doc._.claims[0].source_kind == ""


@pytest.mark.issue(4)
@pytest.mark.parametrize("scheme", ["ud", "clear"])
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
