"""The bundled pipeline and en_core_web_sm side by side, on the same data, in one run.

    python benchmarks/compare_models.py [--models bundled en_core_web_sm] [--data ../shared/data]
        [--workdir training] [--out benchmarks/model-comparison.json]

For each model it records:
- `extractor model evaluate`'s figures on the shared test splits (entity types mapped onto
  the test sets' PERSON/ORG/LOC; attachment scores only for a parser with UD labels);
- the quote scores of `extractor eval quotes` on `tests/data/quotes` (the project's own
  hand-written set: it pins behaviour, it is no evidence of accuracy);
- its words/s through `nlp.pipe`, all models timed in turns in this one process.

With `--polnear DIR` (a local PolNeAR copy, never committed) it also scores every model on
PolNeAR's dev split exactly as `extractor eval polnear DIR --split dev` does ("all
attributions with a source"); `--only-polnear` updates just those entries of an existing JSON,
and `--only-quotes` the quote entries (`tests/data/quotes`, and PolNeAR with `--polnear`): what
a change to the quote rules moves, in a minute or two instead of ten.
The JSON is committed; `python -m extractor.docs README.md` renders it as the README's
comparison table. Takes about ten minutes on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
QUOTES = ROOT / "tests" / "data" / "quotes"
DEFAULT_OUT = ROOT / "benchmarks" / "model-comparison.json"


def quote_figures(model: str, gold: Path) -> dict[str, Any]:
    """Run the whole tool with `model` on `gold`'s texts and score its quotes.

    model (str): as for `--model`.
    gold (Path): an annotated folder (texts/ and gold.jsonl).
    RETURNS (dict[str, Any]): overall P/R/F1, F1 per kind, speaker accuracy and counts.
    """
    from extractor.evaluation.quotes import evaluate_quotes
    from extractor.run import run

    with tempfile.TemporaryDirectory() as out:
        run(gold / "texts", Path(out), model=model, graph=False)
        scores = evaluate_quotes(gold, Path(out))
    overall = scores.overall
    return {
        "precision": round(overall.precision, 6),
        "recall": round(overall.recall, 6),
        "f1": round(overall.f1, 6),
        "f1_by_kind": {kind: round(prf.f1, 6) for kind, prf in scores.kinds.items()},
        "speaker_accuracy": round(scores.speaker_accuracy, 6),
        "gold_quotes": overall.tp + overall.fn,
        "speakers_scored": scores.speaker_total,
    }


def polnear_figures(model: str, polnear: Path) -> dict[str, Any]:
    """Run the whole tool with `model` on PolNeAR dev and score its statements.

    model (str): as for `--model`.
    polnear (Path): a local PolNeAR copy (only its train and dev splits are read).
    RETURNS (dict[str, Any]): P/R/F1 and speaker accuracy of all attributions with a source.
    """
    from extractor.evaluation.polnear import evaluate_polnear, prepare_texts
    from extractor.run import run

    with tempfile.TemporaryDirectory() as work:
        texts, out = Path(work) / "texts", Path(work) / "run"
        prepare_texts(polnear, "dev", texts)
        run(texts, out, model=model, graph=False)
        row = evaluate_polnear(polnear, "dev", out).rows["all"]
    return {
        "precision": round(row.precision, 6),
        "recall": round(row.recall, 6),
        "f1": round(row.f1, 6),
        "speaker_accuracy": round(row.speaker_accuracy, 6),
        "gold_statements": row.n_gold,
    }


def add_polnear(result: dict[str, Any], polnear: Path) -> None:
    """Score every model of `result` on PolNeAR dev, in place, and say so in its command."""
    # The local path stays out of the committed JSON: the copy is the reader's own.
    if "--polnear" not in result["command"]:
        result["command"] += " --polnear PATH/TO/PolNeAR"
    for figures in result["models"]:
        print(f"Scoring {figures['requested']} on PolNeAR dev …", flush=True)
        figures["quotes"]["polnear_dev"] = polnear_figures(figures["requested"], polnear)


def add_own_quotes(result: dict[str, Any]) -> None:
    """Score every model of `result` on `tests/data/quotes` again, in place."""
    for figures in result["models"]:
        print(f"Scoring {figures['requested']} on {QUOTES.relative_to(ROOT)} …", flush=True)
        figures["quotes"]["tests/data/quotes"] = quote_figures(figures["requested"], QUOTES)


def model_figures(model: str, corpus: Path) -> tuple[Any, dict[str, Any]]:
    """Load `model` and score it on the test splits (without timing it).

    RETURNS (tuple): the pipeline, and its description and figures.
    """
    from extractor.pipeline.model import load_model
    from extractor.training.workflow import full_evaluation

    nlp, info = load_model(model)
    figures = {
        "requested": model,
        "name": info.name,
        "version": info.version,
        "distribution": info.distribution,
        "distribution_version": info.distribution_version,
        "license": info.license,
        **full_evaluation(nlp, corpus, speed=False),
    }
    return nlp, figures


def compare(models: list[str], data: Path, workdir: Path) -> dict[str, Any]:
    """Every figure of the comparison, as the JSON file holds it."""
    import spacy

    from extractor.training.recipe import measure_speeds
    from extractor.training.workflow import corpus_for

    corpus = corpus_for(data, workdir, log=print)
    pipelines, results = {}, []
    for model in models:
        print(f"Scoring {model} on the test splits …", flush=True)
        pipelines[model], figures = model_figures(model, corpus)
        print(f"Scoring {model} on {QUOTES.relative_to(ROOT)} …", flush=True)
        figures["quotes"] = {"tests/data/quotes": quote_figures(model, QUOTES), "polnear_dev": None}
        results.append(figures)
    print("Timing all models in turns …", flush=True)
    speeds = measure_speeds(pipelines, corpus, repeats=3)
    for figures in results:
        figures["words_per_second"] = speeds[figures["requested"]]
    return {
        "command": "python benchmarks/compare_models.py " + " ".join(["--models", *models]),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "spacy": spacy.__version__},
        "models": results,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", nargs="+", default=["bundled", "en_core_web_sm"])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--workdir", type=Path, default=ROOT / "training")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--polnear", type=Path, default=None, help="A local PolNeAR copy; scores its dev split.")
    parser.add_argument("--only-polnear", action="store_true", help="Update only the PolNeAR entries of --out.")
    parser.add_argument("--only-quotes", action="store_true", help="Update only the quote entries of --out.")
    args = parser.parse_args()
    if args.only_polnear or args.only_quotes:
        result = json.loads(args.out.read_text(encoding="utf8"))
    else:
        result = compare(args.models, args.data, args.workdir)
    if args.only_quotes:
        add_own_quotes(result)
    if args.polnear is not None:
        add_polnear(result, args.polnear)
    args.out.write_text(json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf8")
    print(f"Wrote {args.out}; render it with `python -m extractor.docs README.md`.")


if __name__ == "__main__":
    main()
