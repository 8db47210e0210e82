"""Tests of reported-speech attribution (`components/rules/reported.py`) on
hand-built Docs, in both label schemes (UD and ClearNLP)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from tests.components.parses import SCHEMES, parsed, tree

from extractor.components.rules.cues import Lexicon
from extractor.components.rules.reported import reported_clauses
from extractor.registrations import reporting_verbs_v2

CUES = Lexicon(reporting_verbs_v2())
LEMMAS = {"said": "say", "says": "say", "spoke": "speak", "argues": "argue", "is": "be", "was": "be"}


def make_doc(words: str, heads: list[int], deps: str, pos: str) -> Doc:
    """A parsed Doc (`parses.parsed`)."""
    return parsed(words, heads, deps, pos, lemmas=LEMMAS)


def clauses_of(doc: Doc) -> list[tuple[str, str, str]]:
    return [(a.label, a.speaker.text if a.speaker else "", doc[s:e].text) for a, s, e in reported_clauses(doc, CUES)]


# (words, pos, UD heads, UD deps, ClearNLP heads, ClearNLP deps, expected (cue, speaker, clause))
CLAUSES = [
    # The comma before the cue's phrase hung on its subject by the parser.
    (
        "Talks had failed , the union said on Thursday .",
        "NOUN AUX VERB PUNCT DET NOUN VERB ADP PROPN PUNCT",
        [2, 2, 2, 5, 5, 6, 2, 8, 6, 2],
        "nsubj aux ROOT punct det nsubj parataxis case obl punct",
        [2, 2, 6, 6, 5, 6, 6, 6, 7, 6],
        "nsubj aux ccomp punct det nsubj ROOT prep pobj punct",
        [("say", "the union", "Talks had failed")],
    ),
    # A parse that hangs the next paragraph's opening mark on the clause:
    # the clause still ends before its closing mark and the line break.
    (
        "The president said , “ this museum can help . ” ¶ “ It will , ” Lee said .",
        "DET NOUN VERB PUNCT PUNCT DET NOUN AUX VERB PUNCT PUNCT SPACE PUNCT PRON AUX PUNCT PUNCT PROPN VERB PUNCT",
        [1, 2, 2, 2, 2, 6, 8, 8, 2, 8, 8, 10, 8, 14, 18, 14, 14, 18, 18, 18],
        "det nsubj ROOT punct punct det nsubj aux ccomp punct punct dep punct nsubj ccomp punct punct nsubj ROOT punct",
        None,
        None,
        [("say", "The president", "this museum can help"), ("say", "Lee", "It will")],
    ),
    # No arc to the clause, which the layout reads up to a verb conjoined
    # to the cue: "and accused …" is the speaker's next act.
    (
        "Lopes said the plan “ has become a burden ” on the coalition and accused the minister .",
        "PROPN VERB DET NOUN PUNCT AUX VERB DET NOUN PUNCT ADP DET NOUN CCONJ VERB DET NOUN PUNCT",
        [1, 1, 3, 1, 6, 6, 3, 8, 6, 8, 12, 12, 8, 14, 1, 16, 14, 1],
        "nsubj ROOT det obj punct aux acl:relcl det xcomp punct case det nmod cc conj det obj punct",
        [1, 1, 3, 1, 6, 6, 3, 8, 6, 8, 8, 12, 10, 14, 1, 16, 14, 1],
        "nsubj ROOT det dobj punct aux relcl det xcomp punct prep det pobj cc conj det dobj punct",
        [("say", "Lopes", "the plan “has become a burden” on the coalition")],
    ),
    # A present participle that sets the scene for a cue leading into a quote reports nothing.
    (
        "Speaking to supporters , Lee said : ¶ “ We won . ”",
        "VERB ADP NOUN PUNCT PROPN VERB PUNCT SPACE PUNCT PRON VERB PUNCT PUNCT",
        [5, 2, 0, 0, 5, 5, 5, 6, 10, 10, 10, 10, 10],
        "advcl case obl punct nsubj ROOT punct dep punct nsubj ROOT punct punct",
        [5, 0, 1, 0, 5, 5, 5, 6, 10, 10, 10, 10, 10],
        "advcl prep pobj punct nsubj ROOT punct dep punct nsubj ROOT punct punct",
        [],
    ),
    # No arc to the clause: the layout "…, SPEAKER said TIME." still reads it.
    (
        "Talks had failed , ministry spokesman Ali Haddad said Thursday .",
        "NOUN AUX VERB PUNCT NOUN NOUN PROPN PROPN VERB PROPN PUNCT",
        [2, 2, 8, 8, 5, 7, 7, 8, 8, 8, 8],
        "nsubj aux advcl punct compound compound compound nsubj ROOT obl punct",
        [2, 2, 8, 8, 5, 7, 7, 8, 8, 8, 8],
        "nsubj aux advcl punct compound compound compound nsubj ROOT npadvmod punct",
        [("say", "ministry spokesman Ali Haddad", "Talks had failed")],
    ),
    # A past participle hung on a noun ("a message posted Friday") reports nothing.
    (
        "In a message posted Friday , Ruiz said talks had failed .",
        "ADP DET NOUN VERB PROPN PUNCT PROPN VERB NOUN AUX VERB PUNCT",
        [2, 2, 7, 2, 3, 7, 7, 7, 10, 10, 7, 7],
        "case det obl acl obl punct nsubj ROOT nsubj aux ccomp punct",
        [7, 2, 0, 2, 3, 7, 7, 7, 10, 10, 7, 7],
        "prep det pobj acl npadvmod punct nsubj ROOT nsubj aux ccomp punct",
        [("say", "Ruiz", "talks had failed")],
    ),
    # A time clause is no reported speech.
    (
        "Ruiz spoke after tenants paid higher rents .",
        "PROPN VERB SCONJ NOUN VERB ADJ NOUN PUNCT",
        [1, 1, 4, 4, 1, 6, 4, 1],
        "nsubj ROOT mark nsubj advcl amod obj punct",
        [1, 1, 4, 4, 1, 6, 4, 1],
        "nsubj ROOT mark nsubj advcl amod dobj punct",
        [],
    ),
    # "until …" hung on the cue belongs to the clause before it.
    (
        "Ruiz says talks can not resume until the court rules .",
        "PROPN VERB NOUN AUX PART VERB SCONJ DET NOUN VERB PUNCT",
        [1, 1, 5, 5, 5, 1, 9, 8, 9, 1, 1],
        "nsubj ROOT nsubj aux advmod ccomp mark det nsubj ccomp punct",
        [1, 1, 5, 5, 5, 1, 9, 8, 9, 5, 1],
        "nsubj ROOT nsubj aux neg ccomp mark det nsubj advcl punct",
        [("say", "Ruiz", "talks can not resume until the court rules")],
    ),
    # A second cue with its own clause, conjoined into the first clause.
    (
        "Ruiz says she respects Cole but argues that he is wrong .",
        "PROPN VERB PRON VERB PROPN CCONJ VERB SCONJ PRON AUX ADJ PUNCT",
        [1, 1, 3, 1, 3, 6, 3, 10, 10, 10, 6, 1],
        "nsubj ROOT nsubj ccomp obj cc conj mark nsubj cop ccomp punct",
        [1, 1, 3, 1, 3, 3, 3, 9, 9, 6, 9, 1],
        "nsubj ROOT nsubj ccomp dobj cc conj mark nsubj ccomp acomp punct",
        [("say", "Ruiz", "she respects Cole"), ("argue", "Ruiz", "he is wrong")],
    ),
    # "said A but that B" is one statement.
    (
        "Ruiz said talks failed but that a deal is near .",
        "PROPN VERB NOUN VERB CCONJ SCONJ DET NOUN AUX ADJ PUNCT",
        [1, 1, 3, 1, 9, 9, 7, 9, 9, 1, 1],
        "nsubj ROOT nsubj ccomp cc mark det nsubj cop conj punct",
        [1, 1, 3, 1, 3, 8, 7, 8, 3, 8, 1],
        "nsubj ROOT nsubj ccomp cc mark det nsubj conj acomp punct",
        [("say", "Ruiz", "talks failed but that a deal is near")],
    ),
    # A speech noun with a that-clause and a possessor.
    (
        "Cole 's claim that the vote was rigged is false .",
        "PROPN PART NOUN SCONJ DET NOUN AUX VERB AUX ADJ PUNCT",
        [2, 0, 9, 7, 5, 7, 7, 2, 9, 9, 9],
        "nmod:poss case nsubj mark det nsubj:pass aux:pass acl cop ROOT punct",
        [2, 0, 8, 7, 5, 7, 7, 2, 8, 8, 8],
        "poss case nsubj mark det nsubjpass auxpass acl ROOT acomp punct",
        [("claim", "Cole", "the vote was rigged")],
    ),
    # A relative clause of the noun ("that" is its subject) reports nothing.
    (
        "Cole 's claim that was made is false .",
        "PROPN PART NOUN PRON AUX VERB AUX ADJ PUNCT",
        [2, 0, 7, 5, 5, 2, 7, 7, 7],
        "nmod:poss case nsubj nsubj:pass aux:pass acl:relcl cop ROOT punct",
        [2, 0, 6, 5, 5, 2, 6, 6, 6],
        "poss case nsubj nsubjpass auxpass relcl ROOT acomp punct",
        [],
    ),
    # Headline layout "Name: what they said".
    (
        "Okafor : The barrier will protect homes .",
        "PROPN PUNCT DET NOUN AUX VERB NOUN PUNCT",
        [0, 0, 3, 5, 5, 0, 5, 0],
        "ROOT punct det nsubj aux parataxis obj punct",
        [0, 0, 3, 5, 5, 0, 5, 0],
        "ROOT punct det nsubj aux parataxis dobj punct",
        [(":", "Okafor", "The barrier will protect homes")],
    ),
    # A page label is nobody speaking.
    (
        "Editor 's note : The barrier will protect homes .",
        "PROPN PART NOUN PUNCT DET NOUN AUX VERB NOUN PUNCT",
        [2, 0, 2, 2, 5, 7, 7, 2, 7, 2],
        "nmod:poss case ROOT punct det nsubj aux parataxis obj punct",
        [2, 0, 2, 2, 5, 7, 7, 2, 7, 2],
        "poss case ROOT punct det nsubj aux parataxis dobj punct",
        [],
    ),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,pos,ud_heads,ud_deps,clear_heads,clear_deps,expected", CLAUSES)
def test_reported_clauses(scheme, words, pos, ud_heads, ud_deps, clear_heads, clear_deps, expected):
    heads, deps = tree(scheme, ud_heads, ud_deps, clear_heads, clear_deps)
    assert clauses_of(make_doc(words, heads, deps, pos)) == expected
