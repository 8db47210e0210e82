"""The `extractor model train|evaluate` workflows, printed as they go.

The recipe's steps live in `recipe.py`; this module strings them together and
shows the figures, so the CLI commands stay one call each.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from extractor.about import __version__
from extractor.errors import ModelError
from extractor.pipeline.model import bundled_path, load_model, quiet_lemmatizer
from extractor.training.recipe import (
    CI_SAMPLE_DOCS,
    SCORE_KEYS,
    assemble,
    convert,
    evaluate_gold_sentences,
    evaluate_model,
    measure_speed,
    package,
    train_parts,
    word_classes,
)


def _require_data(data: Path) -> None:
    if not (data / "ud_en_ewt").is_dir():
        raise ModelError("E208", path=data)


def _corpus(data: Path, workdir: Path, console: Console) -> Path:
    """Convert the corpora unless a previous run already did."""
    corpus = workdir / "corpus"
    if not (corpus / "test" / "ewt.spacy").exists():
        _require_data(data)
        counts = convert(data, workdir)
        console.print(f"Converted corpora: {counts}", markup=False)
    return corpus


def full_evaluation(nlp: Any, corpus: Path) -> dict[str, Any]:
    """Every figure the README and meta.json report, plus the CI sample score."""
    with quiet_lemmatizer():
        scores = evaluate_model(nlp, corpus)
        sample = evaluate_model(nlp, corpus, sources=("ewt",), limit=CI_SAMPLE_DOCS)["ewt"]
        gold_sentences = evaluate_gold_sentences(nlp, corpus)
        speed = measure_speed(nlp, corpus)
    return {
        "test": scores,
        "ewt_gold_sentences": gold_sentences,
        "ci_sample": {"source": "ewt", "docs": CI_SAMPLE_DOCS, "ents_f": sample["ents_f"]},
        "words_per_second": speed,
    }


def train_workflow(
    data: Path, configs: Path, workdir: Path, target: Path | None, overrides: dict, console: Console
) -> Path:
    """Convert, train the two parts (in parallel), assemble, evaluate and package.

    configs (Path): the folder with bundled.cfg and bundled-ner.cfg.
    RETURNS (Path): the packaged pipeline.
    """
    _require_data(data)
    console.print(f"Converted corpora: {convert(data, workdir)}", markup=False)
    word_classes(workdir)
    console.print(
        f"Training the tagger/parser and the NER side by side; logs: {workdir}/bundled.log, {workdir}/ner.log",
        markup=False,
    )
    parts = train_parts(configs, workdir, overrides)
    nlp = assemble(parts["bundled"], parts["ner"])
    evaluation = full_evaluation(nlp, workdir / "corpus")
    print_scores(evaluation, console)
    return package(nlp, target or bundled_path(), evaluation, __version__)


def evaluate_workflow(model: str, data: Path, workdir: Path, console: Console) -> dict[str, Any]:
    """Evaluate `model` on the shared test splits and print the figures."""
    nlp, info = load_model(model)
    console.print(f"Evaluating {info.name} {info.version} ({info.location})", markup=False)
    evaluation = full_evaluation(nlp, _corpus(data, workdir, console))
    print_scores(evaluation, console)
    return evaluation


SHORT_NAMES = {
    "ents_f": "NER F",
    "ents_p": "NER P",
    "ents_r": "NER R",
    "tag_acc": "tag",
    "pos_acc": "POS",
    "lemma_acc": "lemma",
    "dep_uas": "UAS",
    "dep_las": "LAS",
    "sents_f": "sent F",
}


def print_scores(evaluation: dict[str, Any], console: Console) -> None:
    """One row per test corpus, one column per score."""
    table = Table(title="Evaluation on the shared test splits")
    table.add_column("corpus")
    for key in SCORE_KEYS:
        table.add_column(SHORT_NAMES[key], justify="right")
    for source, scores in evaluation["test"].items():
        table.add_row(source, *(f"{scores[key]:.3f}" if key in scores else "-" for key in SCORE_KEYS))
    console.print(table)
    gold = gold_sentences_line(evaluation.get("ewt_gold_sentences"))
    if gold:
        console.print(gold, markup=False)
    console.print(f"Speed: {evaluation['words_per_second']:,.0f} words/s (nlp.pipe, one process)", markup=False)


def gold_sentences_line(scores: dict[str, float] | None) -> str:
    """The EWT scores with gold sentence boundaries, as one line."""
    if not scores:
        return ""
    figures = ", ".join(f"{SHORT_NAMES[key]} {value:.3f}" for key, value in scores.items())
    return f"EWT test, one gold sentence at a time: {figures}"
