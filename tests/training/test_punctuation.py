from __future__ import annotations

import pytest
import spacy

from extractor.training.punctuation import add_quote_tag_rules, quote_tag_patterns


@pytest.fixture(scope="module")
def quote_tagger():
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(quote_tag_patterns())
    return nlp


@pytest.mark.parametrize(
    "text,tags",
    [
        ('He said "we will stay" today.', ["``", "''"]),
        ('"Stay," he said.', ["``", "''"]),
        ('Strike.\n"We stay."', ["``", "''"]),
        ("He said “we stay” today.", []),  # typographic marks carry their own tags
    ],
)
def test_punctuation_straight_quotes_tagged_by_spacing(quote_tagger, text, tags):
    doc = quote_tagger(text)
    assert [token.tag_ for token in doc if token.text == '"'] == tags


def test_punctuation_rules_run_right_after_the_tagger():
    nlp = spacy.blank("en")
    for name in ("tok2vec", "tagger", "parser"):
        nlp.add_pipe(name)
    assert add_quote_tag_rules(nlp).pipe_names == ["tok2vec", "tagger", "quote_tags", "parser"]
