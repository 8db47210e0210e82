"""Scoring any pipeline on the test splits on the same terms (`recipe.evaluate_model`)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from extractor.training.recipe import TEST_LABELS, evaluate_model, parses_like_ud, with_test_labels

NLP = spacy.blank("en")


def doc_with(words, ents):
    doc = Doc(NLP.vocab, words=words)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "label,expected",
    [
        ("PERSON", "PERSON"),
        ("PER", "PERSON"),
        ("ORG", "ORG"),
        ("GPE", "LOC"),
        ("LOC", "LOC"),
        ("FAC", "LOC"),
        ("NORP", None),  # the test sets leave demonyms O
        ("DATE", None),
        ("CARDINAL", None),
    ],
)
def test_recipe_test_labels_map_ontonotes_types(label, expected):
    doc = with_test_labels(doc_with(["Visit", "Oman", "now"], [(1, 2, label)]))
    assert [ent.label_ for ent in doc.ents] == ([expected] if expected else [])
    assert TEST_LABELS.get(label) == expected


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "words,ents,expected",
    [
        (["in", "the", "North", "Sea"], [(1, 4, "LOC")], ["North Sea"]),
        (["in", "The", "Hague"], [(1, 3, "GPE")], ["Hague"]),
        (["met", "The"], [(1, 2, "ORG")], ["The"]),  # nothing left after it: kept
        (["a", "North", "Sea", "port"], [(1, 3, "LOC")], ["North Sea"]),
    ],
)
def test_recipe_test_labels_drop_a_leading_the(words, ents, expected):
    assert [ent.text for ent in with_test_labels(doc_with(words, ents)).ents] == expected


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "labels,ud",
    [
        (["nsubj", "obj", "obl", "nmod:poss", "punct"], True),
        (["nsubj", "dobj", "pobj", "prep", "poss", "punct"], False),  # ClearNLP, as en_core_web_sm
    ],
)
def test_recipe_parses_like_ud(labels, ud):
    nlp = spacy.blank("en")
    parser = nlp.add_pipe("parser")
    for label in labels:
        parser.add_label(label)
    assert parses_like_ud(nlp) is ud


def test_recipe_no_parser_is_not_ud():
    assert not parses_like_ud(spacy.blank("en"))


@pytest.mark.issue(13)
def test_recipe_sm_is_scored_on_the_test_labels_without_attachments(sm_nlp, shared_data, tmp_path):
    """The real en_core_web_sm on a few EWT test documents: entity scores, tags, no UAS/LAS."""
    from extractor.training.build import docs_from
    from extractor.training.corpora import write_docbin

    write_docbin(list(docs_from(sm_nlp.vocab, shared_data, "ewt", "test"))[:5], tmp_path / "test" / "ewt.spacy")
    scores = evaluate_model(sm_nlp, tmp_path, sources=("ewt",))["ewt"]
    assert {"ents_f", "tag_acc", "pos_acc", "sents_f"} <= set(scores)
    assert not {"dep_uas", "dep_las"} & set(scores)
    assert scores["ents_f"] > 0.3


@pytest.mark.issue(13)
def test_recipe_gold_names_lose_the_article_and_keep_missing_annotation():
    from extractor.training.recipe import without_article

    doc = Doc(NLP.vocab, words=["The", "Hague", "and", "Oman", "."], ents=["B-LOC", "I-LOC", None, "B-LOC", "O"])
    without_article(doc)
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("Hague", "LOC"), ("Oman", "LOC")]
    assert [token.ent_iob_ for token in doc] == ["O", "B", "", "B", "O"]
