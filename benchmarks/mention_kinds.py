"""What the mention stage's kind corrections are worth, on the NER test splits.

    python benchmarks/mention_kinds.py [--model bundled] [--corpus training/corpus]

`extractor_mentions` settles some kinds from the words in and around a name
("Bank of Portugal" is an organization, "the city of Kericho" a place; see
`entity_kinds`). The model's own figures (`extractor model evaluate`) leave that
out. This scores the model's entities twice on each test split, as the model
labelled them and relabelled with the mention stage's kinds, and prints both
entity-level F1 scores. The corpus folder is the one `extractor model train`
converts (`training/corpus`, with `test/*.spacy`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Each kind back to the label the test sets use for it.
KIND_LABELS = {"person": "PERSON", "organization": "ORG", "place": "LOC"}


def relabelled(doc, organization_words):
    """A copy of `doc` whose entities carry the label of the mention stage's kind."""
    from spacy.tokens import Span

    from extractor.components.mentions import entity_kinds

    copy = doc.copy()
    kinds = entity_kinds(copy, None, organization_words)
    copy.ents = [
        Span(copy, ent.start, ent.end, label=KIND_LABELS.get(kind, ent.label_)) for ent, kind in zip(copy.ents, kinds)
    ]
    return copy


def score(nlp, path: Path) -> tuple[float, float]:
    """Entity F1 of `nlp` on the corpus at `path`: as labelled, and relabelled by kind."""
    from spacy.scorer import get_ner_prf
    from spacy.training import Corpus

    from extractor.registrations import organization_words_v1

    organization_words = frozenset(organization_words_v1())
    examples = list(Corpus(path)(nlp))
    for example, doc in zip(examples, nlp.pipe(eg.reference.text for eg in examples)):
        example.predicted = doc
    # spaCy's NER scorer, as `model evaluate` uses: tokens without gold NER annotation are not scored.
    before = get_ner_prf(examples)["ents_f"]
    for example in examples:
        example.predicted = relabelled(example.predicted, organization_words)
    return before, get_ner_prf(examples)["ents_f"]


def main() -> None:
    from extractor.pipeline.model import load_model, quiet_lemmatizer

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="bundled")
    parser.add_argument("--corpus", type=Path, default=ROOT / "training" / "corpus")
    args = parser.parse_args()
    nlp, _ = load_model(args.model)
    print(f"{'test set':<12} {'model':>6} {'kinds':>6} {'change':>7}")
    with quiet_lemmatizer():
        for path in sorted((args.corpus / "test").glob("*.spacy")):
            before, after = score(nlp, path)
            print(f"{path.stem:<12} {before:6.3f} {after:6.3f} {after - before:+7.3f}", flush=True)


if __name__ == "__main__":
    main()
