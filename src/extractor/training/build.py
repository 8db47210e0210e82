"""Assemble the `.spacy` training, development and test sets from `../shared/data/`.

Which corpus goes where is decided here, in one table (`SOURCES`), so the
recipe in `pipelines/` and the evaluation command agree on the splits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from spacy.tokens import Doc
from spacy.vocab import Vocab

from extractor.training.corpora import (
    Sentence,
    group_documents,
    join_ner,
    make_doc,
    read_conllu,
    read_iob2,
    write_docbin,
)

Reader = Callable[[Path, str], Iterator[Sentence]]


def ewt(data: Path, split: str) -> Iterator[Sentence]:
    """UD English EWT trees joined with UNER entity tags."""
    trees = read_conllu(data / "ud_en_ewt" / f"en_ewt-ud-{split}.conllu")
    return join_ner(trees, read_iob2(data / "uner_en_ewt" / f"en_ewt-ud-{split}.iob2"))


def gum(data: Path, split: str) -> Iterator[Sentence]:
    """GUM trees joined with its derived PER/ORG/LOC tags."""
    trees = read_conllu(data / "gum" / f"gum-{split}.conllu")
    return join_ner(trees, read_iob2(data / "gum" / f"gum-{split}.iob2"))


def gum_news(data: Path, split: str) -> Iterator[Sentence]:
    """Only GUM's news documents: the genre the tool reads."""
    return (s for s in gum(data, split) if (s.doc_id or "").startswith("GUM_news"))


def wikigold(data: Path, split: str) -> Iterator[Sentence]:
    return read_iob2(data / "wikigold" / f"wikigold-{split}.iob2")


def redocred(data: Path, split: str) -> Iterator[Sentence]:
    return read_iob2(data / "redocred" / f"redocred-{split}.iob2")


def crossner(data: Path, split: str) -> Iterator[Sentence]:
    for domain in ("politics", "science", "music", "literature", "ai"):
        yield from read_iob2(data / "crossner" / f"crossner_{domain}-{split}.iob2")


SOURCES: dict[str, Reader] = {
    "ewt": ewt,
    "gum": gum,
    "gum_news": gum_news,
    "wikigold": wikigold,
    "redocred": redocred,
    "crossner": crossner,
}
# CrossNER is a test set only: trained on, it cost 0.02 F1 on EWT and GUM (its
# labels are mapped from fine types, and names inside O spans stay O).
TRAIN_SOURCES = ("ewt", "gum", "wikigold", "redocred")
# The tagger and parser learn from the treebanks only: the NER-only corpora
# carry no trees, and would only dilute their batches.
TREEBANK_SOURCES = ("ewt", "gum")
DEV_SOURCES = ("ewt", "gum", "wikigold")
TEST_SOURCES = ("ewt", "gum", "gum_news", "wikigold", "redocred", "crossner")


def docs_from(vocab: Vocab, data: Path, source: str, split: str) -> Iterator[Doc]:
    """Yield one Doc per document of `source`'s `split`."""
    for sentences in group_documents(SOURCES[source](data, split)):
        yield make_doc(vocab, sentences)


def build_corpora(data: Path, out: Path, train_sources=TRAIN_SOURCES, repeats: dict | None = None) -> dict[str, int]:
    """Write train.spacy (NER), train-trees.spacy, dev.spacy and test/<source>.spacy under `out`.

    data (Path): the shared data folder (`../shared/data`).
    out (Path): where the `.spacy` files go.
    train_sources (tuple): which corpora to train on (for ablations).
    repeats (dict): source → how many copies of it train.spacy holds (for ablations; default 1).
    RETURNS (dict): docs written per file name.
    """
    vocab = Vocab()
    counts = {}

    def merged(sources, split, copies=None):
        for source in sources:
            for _ in range((copies or {}).get(source, 1)):
                yield from docs_from(vocab, data, source, split)

    counts["train.spacy"] = write_docbin(merged(train_sources, "train", repeats), out / "train.spacy")
    trees = [source for source in train_sources if source in TREEBANK_SOURCES]
    counts["train-trees.spacy"] = write_docbin(merged(trees, "train"), out / "train-trees.spacy")
    counts["dev.spacy"] = write_docbin(merged(DEV_SOURCES, "dev"), out / "dev.spacy")
    for source in TEST_SOURCES:
        name = f"test/{source}.spacy"
        counts[name] = write_docbin(docs_from(vocab, data, source, "test"), out / name)
    return counts
