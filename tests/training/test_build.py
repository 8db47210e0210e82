from __future__ import annotations

import spacy
from spacy.tokens import DocBin

from extractor.training.build import build_corpora


def test_build_tagger_parser_learn_from_treebanks_and_repeats_multiply(shared_data, tmp_path):
    counts = build_corpora(shared_data, tmp_path, train_sources=("gum", "wikigold"), repeats={"gum": 2})
    wikigold_docs = counts["train.spacy"] - 2 * counts["train-trees.spacy"]
    assert counts["train-trees.spacy"] > 0 and wikigold_docs > 0
    trees = DocBin().from_disk(tmp_path / "train-trees.spacy").get_docs(spacy.blank("en").vocab)
    assert all(doc.has_annotation("DEP") for doc in trees)
