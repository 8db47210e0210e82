"""The `extractor` command line: a thin Typer layer over the library.

Each command parses its arguments, calls one library function and shows what
it returns (the Rich tables come from `console.py`). Every command is
registered through `ExtractorTyper`, which maps a library error
(`ExtractorError`) to a one-line `Error: …` on stderr and exit code 1, so no
command repeats a try/except. Nothing heavy (spaCy, pandas) is imported at
module level, so `extractor --help` is fast.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar, cast

import typer
from rich.console import Console

from extractor.errors import ExtractorError

Command = TypeVar("Command", bound=Callable[..., Any])

out_console = Console()
err_console = Console(stderr=True)


def fail(message: str) -> typer.Exit:
    """Print `Error: message` on stderr and return the exit to raise.

    message (str): One line saying what is wrong.
    RETURNS (typer.Exit): Exit code 1.
    """
    err_console.print(f"Error: {message}", markup=False, style="red", soft_wrap=True)
    return typer.Exit(1)


def say(line: str) -> None:
    """Print one plain line on stdout (no markup, no wrapping).

    line (str): The text.
    """
    out_console.print(line, markup=False, soft_wrap=True)


def reporting_errors(command: Command) -> Command:
    """Wrap a command so that an `ExtractorError` becomes `Error: …` and exit code 1.

    command (Callable): A Typer command function.
    RETURNS (Callable): The wrapped command, with the same signature for Typer.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ExtractorError as err:
            raise fail(str(err)) from err

    return cast(Command, wrapper)


class ExtractorTyper(typer.Typer):
    """A Typer app whose every command goes through `reporting_errors`."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Command], Command]:
        """Like `typer.Typer.command`, but registers the function wrapped in `reporting_errors`.

        *args, **kwargs: What `typer.Typer.command` takes (the name, help, …).
        RETURNS (Callable): A decorator that returns the function unchanged.
        """
        register = super().command(*args, **kwargs)

        def decorator(function: Command) -> Command:
            register(reporting_errors(function))
            return function

        return decorator


app = ExtractorTyper(
    help="Turn a folder of news articles into tables: entities, attributed quotes and claims, dates, actors.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
model_app = ExtractorTyper(help="Train, evaluate and inspect the bundled English pipeline.", no_args_is_help=True)
eval_app = ExtractorTyper(help="Score outputs against annotated data.", no_args_is_help=True)
app.add_typer(model_app, name="model")
app.add_typer(eval_app, name="eval")

DEFAULT_OUT = Path("outputs")


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold `out`'s run lock while a command rewrites files in it, so it never
    writes beside a running `extractor run` (E304). A missing folder is left to
    the command's own coded error, not created.

    out (Path): An output folder.
    """
    if not out.is_dir():
        yield
        return
    from extractor.outputs.folder import lock_output_folder

    with lock_output_folder(out):
        yield


class TableFormat(str, Enum):
    """The table formats `extractor run` writes (`outputs.tables.FORMATS`)."""

    csv = "csv"
    parquet = "parquet"


class Engine(str, Enum):
    """Where `extractor run` processes documents (`run.ENGINES`)."""

    local = "local"
    dask = "dask"


def parse_overrides(values: list[str]) -> dict[str, object]:
    """Turn `--set section.key=value` options into config overrides (values as JSON when they parse)."""
    import json

    overrides: dict[str, object] = {}
    for item in values:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise fail(f"--set takes section.key=value, got {item!r}")
        try:
            overrides[key.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            overrides[key.strip()] = raw
    return overrides


@app.command("run")
def run_cli(
    inputs: Annotated[Path, typer.Argument(help="A file or folder of .txt, .md, .jsonl and .html documents.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder for the tables.")] = DEFAULT_OUT,
    model: Annotated[
        str | None,
        typer.Option(
            help="spaCy pipeline: package name, path, or 'bundled'. Default: bundled, also when en_core_web_sm is installed."
        ),
    ] = None,
    pipeline: Annotated[
        Path | None,
        typer.Option(
            help="Pipeline config with the extraction stages. Default: the packaged default.cfg (src/extractor/pipeline/)."
        ),
    ] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", help="Table format.")] = TableFormat.csv,
    reference_date: Annotated[
        str, typer.Option(help="ISO date that relative dates resolve against when a document has none.")
    ] = "",
    aliases: Annotated[
        Path | None, typer.Option(help="CSV with columns alias,canonical: names to merge into one actor.")
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per nlp.pipe batch.")] = 16,
    strict: Annotated[bool, typer.Option(help="Exit 1 when any input produced an error row.")] = False,
    graph: Annotated[bool, typer.Option(help="Also write the actor–statement graph and the HTML report.")] = True,
    follow_symlinks: Annotated[
        bool,
        typer.Option(
            "--follow-symlinks",
            help="Read symbolic links in the input folder that point outside it (skipped by default, error E124).",
        ),
    ] = False,
    excel_safe: Annotated[
        bool,
        typer.Option(
            "--excel-safe",
            help="Prefix CSV cells that start with =, +, -, @, tab or CR with ' so spreadsheets never run them as formulas (extractor.load undoes it).",
        ),
    ] = False,
    overrides: Annotated[
        list[str] | None,
        typer.Option("--set", help="Config override, e.g. --set reader.detect_title=false (repeatable)."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Processes that run the pipeline. Default: the machine's cores (one process for under 256 kB per core to parse; cached files don't count).",
        ),
    ] = None,
    engine: Annotated[
        Engine,
        typer.Option(help="local (this machine) or dask (a dask.distributed cluster; pip install 'extractor[dask]')."),
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://host:8786). Default: a LocalCluster with --workers workers."),
    ] = None,
    cache: Annotated[
        bool,
        typer.Option(
            help="Reuse the rows of documents that an earlier run into --out processed with the same model and config."
        ),
    ] = True,
) -> None:
    """Run every document through the pipeline and write the tables.

    Example: extractor run seeds/ --out outputs/
    """
    from extractor.console import RunDisplay, summary_table
    from extractor.run import input_bytes, run

    settings = parse_overrides(overrides or [])
    if follow_symlinks:
        settings["reader.follow_symlinks"] = True
    with RunDisplay(err_console, input_bytes(inputs) or None) as display:
        summary = run(
            inputs,
            out,
            model=model,
            pipeline=pipeline,
            overrides=settings,
            fmt=fmt.value,
            reference_date=reference_date,
            aliases=aliases,
            batch_size=batch_size,
            graph=graph,
            excel_safe=excel_safe,
            workers=workers,
            engine=engine.value,
            scheduler=scheduler,
            cache=cache,
            progress=display,
        )
    out_console.print(summary_table(summary.counts, summary.documents_ok, summary.seconds))
    say(f"Tables written to {out}/")
    if summary.documents_ok == 0:
        raise fail(f"no document in {inputs} could be processed; see {out}/errors.{fmt.value}")
    if strict and summary.counts.get("errors", 0):
        raise fail(f"{summary.counts['errors']} input error(s) with --strict; see {out}/errors.{fmt.value}")


@app.command("diff")
def diff_cli(
    out: Annotated[Path, typer.Argument(help="Output folder of a run.")],
    golden: Annotated[Path, typer.Argument(help="Folder of golden tables to compare against.")],
    update: Annotated[bool, typer.Option(help="Copy OUT's tables over GOLDEN instead of comparing.")] = False,
) -> None:
    """Compare two output folders table by table; exit 1 when they differ.

    Example: extractor diff outputs/ tests/golden/
    """
    from extractor.console import diff_details, diff_summary
    from extractor.outputs.diff import diff_outputs, update_golden

    if update:
        copied = update_golden(out, golden)
        say(f"Updated {len(copied)} golden tables in {golden}/: {', '.join(copied)}")
        return
    diffs = diff_outputs(out, golden)
    out_console.print(diff_summary(diffs))
    for line in diff_details(diffs):
        say(line)
    if any(d.differs for d in diffs):
        raise typer.Exit(1)


@app.command("graph")
def graph_cli(out: Annotated[Path, typer.Argument(help="Output folder of a run.")] = DEFAULT_OUT) -> None:
    """Build the actor–statement graph from a run's tables (nodes.csv, edges.csv, GraphML, GEXF, JSON).

    Example: extractor graph outputs/
    """
    from extractor.graph.build import write_graph

    with locked(out):
        say(write_graph(out).describe())


@app.command("report")
def report_cli(out: Annotated[Path, typer.Argument(help="Output folder of a run.")] = DEFAULT_OUT) -> None:
    """Write a self-contained HTML report of a run (report.html).

    Example: extractor report outputs/
    """
    from extractor.report.html import write_report

    with locked(out):
        say(f"Report written to {write_report(out)}")


SHARED_DATA = Path("../shared/data")
TRAIN_WORKDIR = Path("training")


@model_app.command("train")
def model_train_cli(
    data: Annotated[Path, typer.Option(help="The shared corpora (see ../shared/data/README.md).")] = SHARED_DATA,
    configs: Annotated[
        Path, typer.Option(help="Folder with bundled.cfg (tagger, parser) and bundled-ner.cfg (NER).")
    ] = Path("pipelines"),
    workdir: Annotated[
        Path, typer.Option(help="Scratch folder for corpora and checkpoints (git-ignored).")
    ] = TRAIN_WORKDIR,
    target: Annotated[
        Path | None, typer.Option(help="Where to package the pipeline. Default: the bundled model's folder.")
    ] = None,
    max_steps: Annotated[int | None, typer.Option(help="Override training.max_steps (for a quick trial run).")] = None,
) -> None:
    """Convert the corpora, train the bundled pipeline's parts, assemble, evaluate and package it.

    Example: extractor model train --data ../shared/data
    """
    from extractor.training.workflow import train_workflow

    overrides = {"training.max_steps": max_steps} if max_steps else {}
    trained = train_workflow(data, configs, workdir, target, overrides, log=say)
    show_evaluation(trained.evaluation)
    say(f"Packaged pipeline in {trained.path}")


@model_app.command("evaluate")
def model_evaluate_cli(
    model: Annotated[str, typer.Option(help="Pipeline to evaluate: 'bundled', a package name or a path.")] = "bundled",
    data: Annotated[Path, typer.Option(help="The shared corpora (see ../shared/data/README.md).")] = SHARED_DATA,
    workdir: Annotated[Path, typer.Option(help="Where converted test corpora are cached.")] = TRAIN_WORKDIR,
) -> None:
    """Score a pipeline on the shared test splits (NER, tags, parse, sentences) and its speed.

    Example: extractor model evaluate --model bundled
    """
    from extractor.training.workflow import evaluate_workflow

    show_evaluation(evaluate_workflow(model, data, workdir, log=say))


def show_evaluation(evaluation: dict[str, Any]) -> None:
    """Print a pipeline's figures: the scores table, then gold-sentence scores and speed.

    evaluation (dict[str, Any]): From `training.workflow.full_evaluation`.
    """
    from extractor.console import evaluation_lines, scores_table

    out_console.print(scores_table(evaluation))
    for line in evaluation_lines(evaluation):
        say(line)


@eval_app.command("quotes")
def eval_quotes_cli(
    gold: Annotated[Path, typer.Argument(help="Annotated folder (texts and gold.jsonl), e.g. tests/data/quotes.")],
    out: Annotated[Path, typer.Argument(help="Output folder of `extractor run` on GOLD's texts.")],
) -> None:
    """Print quote-span precision, recall and F1 per kind, and speaker accuracy.

    Example: extractor run tests/data/quotes/texts --out /tmp/q && extractor eval quotes tests/data/quotes /tmp/q
    """
    from extractor.evaluation.quotes import evaluate_quotes, format_scores

    out_console.print(format_scores(evaluate_quotes(gold, out)), markup=False)


@eval_app.command("polnear")
def eval_polnear_cli(
    polnear: Annotated[
        Path, typer.Argument(help="A local PolNeAR clone (or its data/ folder); its texts are copied into --work only.")
    ],
    split: Annotated[str, typer.Option(help="dev or train; test is held out and refused.")] = "dev",
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to run, as for `extractor run`.")] = None,
    work: Annotated[
        Path | None, typer.Option(help="Folder for the split's texts and the run. Default: outputs/polnear-SPLIT.")
    ] = None,
) -> None:
    """Run the tool on a PolNeAR split and score its attributed statements per kind.

    Prints precision, recall and F1 of statement spans (half coverage and exact
    boundaries) and speaker accuracy, for direct, mixed and indirect statements.

    Example: extractor eval polnear ../PolNeAR --split dev --model bundled
    """
    from extractor.evaluation.polnear import evaluate_polnear, prepare_texts
    from extractor.evaluation.statement_scores import format_scores
    from extractor.run import run

    work = work or Path("outputs") / f"polnear-{split}"
    prepare_texts(polnear, split, work / "texts")
    run(work / "texts", work / "run", model=model, graph=False)
    say(format_scores(evaluate_polnear(polnear, split, work / "run")))


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
