"""Tests of `extractor_paragraphs`: each paragraph's first word starts a
sentence, and a real parser run after it links no two paragraphs."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from extractor.components.paragraphs import ParagraphsComponent, paragraph_first_words

NLP = spacy.blank("en")


@pytest.mark.parametrize(
    "text,firsts",
    [
        ("One said so.\n\nTwo agreed.", ["Two"]),
        ("One said so.\n\n  \n\n“Two agreed,” she said.", ["“"]),
        # Long lines: a single line break ends a paragraph …
        (f"{'One said so, ' * 10}and left.\n{'Two agreed, ' * 10}and stayed.", ["Two"]),
        # … but not in a hard-wrapped text of short lines.
        ("Lee said the plan\nwould fail.\n\nOthers\nagreed.", ["Others"]),
        ("No break at all.", []),
        ("", []),
    ],
)
def test_paragraphs_first_words(text, firsts):
    doc = ParagraphsComponent()(NLP(text))
    assert [doc[i].text for i in paragraph_first_words(doc)] == firsts
    assert [t.text for t in doc if t.is_sent_start and t.i > 0] == firsts


def _parsed_with_paragraphs(nlp, text: str) -> Doc:
    # The shared pipeline is not changed: its components run by hand, this
    # one right before the parser, as `add_stages` places it.
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "parser":
            doc = ParagraphsComponent()(doc)
        doc = component(doc)
    return doc


SENTENCES = [
    "Ohio Democratic Party Chairman David Pepper called Friday's decision a “huge win for Ohio voters.”",
    "“The court's decision reaffirms a basic principle,” he said",
    "In a statement, Husted said the ruling would force the state to put voters back on the rolls",
    "The museum opened on Saturday",
    "Protesters marched through the streets and chanted slogans until nearly 2 a.m.",
]


@pytest.mark.issue(11)
@settings(max_examples=15, deadline=None)
@given(paragraphs=st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=4))
def test_paragraphs_no_arc_crosses_a_paragraph_break(bundled_nlp, paragraphs):
    doc = _parsed_with_paragraphs(bundled_nlp, "\n\n".join(paragraphs))
    starts = [0, *paragraph_first_words(doc), len(doc)]
    assert len(starts) == len(paragraphs) + 1
    for first, end in zip(starts, starts[1:]):
        for token in doc[first:end]:
            if not token.is_space:
                assert first <= token.head.i < end, (token.text, token.head.text)
