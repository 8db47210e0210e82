"""Tests of the cue helpers (`components/rules/cues.py`) on hand-built Docs, in both label schemes."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from extractor.components.rules.cues import Lexicon, dep_family, hard_wrapped, paragraph_starts, paragraph_window

NLP = spacy.blank("en")


def make_doc(words: str, heads: list[int], deps: str, pos: str) -> Doc:
    """Build a parsed Doc from space-separated words/deps/pos (lemmas: lower case)."""
    words_ = words.split()
    lemmas = [w.lower() for w in words_]
    return Doc(NLP.vocab, words=words_, heads=heads, deps=deps.split(), pos=pos.split(), lemmas=lemmas)


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "label,expected",
    [
        ("aux:pass", "auxpass"),
        ("auxpass", "auxpass"),
        ("aux", "aux"),
        ("nsubj:pass", "nsubjpass"),
        ("nmod:poss", "poss"),
        ("obl:tmod", "obl"),
    ],
)
def test_cues_dep_family_of_passive_auxiliaries(label, expected):
    doc = Doc(NLP.vocab, words=["was", "seen"], heads=[1, 1], deps=[label, "ROOT"])
    assert dep_family(doc[0]) == expected


# (words, heads, deps, pos, token index, entries, expected) in both schemes.
NOUN_CASES = {
    "ud": [
        (
            "Cole 's claim that the vote was rigged",
            [2, 0, 2, 7, 4, 7, 7, 2],
            "nmod:poss case ROOT mark det nsubj:pass aux:pass acl",
            "PROPN PART NOUN SCONJ DET NOUN AUX VERB",
            2,
            ["claim"],
            "claim",
        ),
        (
            "Cole 's call for a vote",
            [2, 0, 2, 5, 5, 2],
            "nmod:poss case ROOT case det nmod",
            "PROPN PART NOUN ADP DET NOUN",
            2,
            ["call for"],
            "call for",
        ),
        ("a phone call", [2, 2, 2], "det compound ROOT", "DET NOUN NOUN", 2, ["call for"], None),
        # A verb is no noun cue, even when its lemma is an entry.
        ("Cole claimed victory", [1, 1, 1], "nsubj ROOT obj", "PROPN VERB NOUN", 1, ["claim"], None),
    ],
    "clear": [
        (
            "Cole 's claim that the vote was rigged",
            [2, 0, 2, 7, 5, 7, 7, 2],
            "poss case ROOT mark det nsubjpass auxpass acl",
            "PROPN PART NOUN SCONJ DET NOUN AUX VERB",
            2,
            ["claim"],
            "claim",
        ),
        (
            "Cole 's call for a vote",
            [2, 0, 2, 2, 5, 3],
            "poss case ROOT prep det pobj",
            "PROPN PART NOUN ADP DET NOUN",
            2,
            ["call for"],
            "call for",
        ),
        ("a phone call", [2, 2, 2], "det compound ROOT", "DET NOUN NOUN", 2, ["call for"], None),
        ("Cole claimed victory", [1, 1, 1], "nsubj ROOT dobj", "PROPN VERB NOUN", 1, ["claim"], None),
    ],
}


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "words,heads,deps,pos,i,entries,expected",
    [case for scheme in ("ud", "clear") for case in NOUN_CASES[scheme]],
)
def test_cues_lexicon_matches_nouns(words, heads, deps, pos, i, entries, expected):
    doc = make_doc(words, heads, deps, pos)
    assert Lexicon(entries).match_noun(doc[i]) == expected


@pytest.mark.issue(14)
@pytest.mark.parametrize("words,spaces", [(["Hello", ",", "world", "."], [False, True, False, False]), (["a"], [True])])
def test_cues_doc_text_is_the_text_built_once(words, spaces):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from extractor.components.rules.cues import doc_text

    doc = Doc(Vocab(), words=words, spaces=spaces)
    assert doc_text(doc) == doc.text
    # The same string object each time: spaCy rebuilds `doc.text` on every access.
    assert doc_text(doc) is doc_text(doc)


@pytest.mark.issue(12)
@pytest.mark.parametrize("text", ["Hello, world.", "  two  spaces\n\nand a break ", "", "é ſince İn"])
def test_cues_doc_text_is_the_text_the_doc_was_made_from(text):
    from extractor.components.rules.cues import doc_text, remember_text

    doc = NLP.make_doc(text)
    remember_text(doc, text)
    assert doc_text(doc) is text
    assert doc_text(doc) == doc.text


@pytest.mark.issue(12)
@pytest.mark.parametrize("other", ["Hello, world", "Hello, world.."])
def test_cues_doc_text_ignores_a_text_of_another_length(other):
    from extractor.components.rules.cues import doc_text, remember_text

    doc = NLP.make_doc("Hello, world.")
    remember_text(doc, other)
    assert doc_text(doc) == "Hello, world."


LONG = "A paragraph of scraped news runs well past any width a text is ever wrapped at, so its lines are long ones."
WRAPPED = "A paragraph wrapped at a fixed width\nbreaks its lines mid-sentence."


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "text,expected",
    [
        # Scraped news: a headline, a blank line, then one paragraph per line.
        (f"Headline\n\n{LONG}\n{LONG}", [0, 10, 10 + len(LONG) + 1]),
        # Hard-wrapped text: only blank lines end paragraphs.
        (f"{WRAPPED}\n\n{WRAPPED}", [0, len(WRAPPED) + 2]),
        # No blank line at all: every line is a paragraph.
        (f"{WRAPPED}", [0, WRAPPED.index("\n") + 1]),
    ],
)
def test_paragraph_starts_mixed_line_breaks(text, expected):
    assert paragraph_starts(text) == expected
    assert hard_wrapped(text) == (LONG not in text)


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "words,heads,deps,pos,expected",
    [
        # A parser's sentence break with no full stop is no end: the window runs on.
        (
            "Lee said his aides pressed diplomats .",
            [1, 1, 3, 1, 4, 4, 4],
            "nsubj ROOT poss obj ROOT obj punct",
            "PROPN VERB PRON NOUN VERB NOUN PUNCT",
            "Lee said his aides pressed diplomats .",
        ),
        # A full stop is one.
        (
            "Lee spoke . Aides pressed .",
            [1, 1, 1, 4, 4, 4],
            "nsubj ROOT punct nsubj ROOT punct",
            "PROPN VERB PUNCT NOUN VERB PUNCT",
            "Lee spoke .",
        ),
    ],
)
def test_paragraph_window_runs_to_the_written_sentence_end(words, heads, deps, pos, expected):
    doc = make_doc(words, heads, deps, pos)
    assert paragraph_window(doc[1:2]).text.strip() == expected
