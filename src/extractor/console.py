"""What the commands show a person: progress, summaries and score tables.

Kept apart from the library so that it stays silent: the library returns
values (or calls a progress callback) and the CLI renders them with what is
here. A run gets a Rich progress bar on a terminal and plain lines elsewhere.
Text that comes from the inputs (document ids, paths, error reasons) goes
through `terminal_safe` first, so a hostile name can't move the cursor, clear
the screen or retitle the terminal.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

if TYPE_CHECKING:
    from extractor.outputs.diff import TableDiff

SHOWN_ROWS = 10  # changed rows listed per table by `extractor diff`
# C0 and C1 controls (ESC starts a terminal escape sequence, U+009B is a one-character
# CSI), DEL, bidirectional overrides that reorder what is shown, and lone surrogates,
# which no UTF-8 terminal stream can encode.
_NOT_FOR_TERMINALS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def terminal_safe(text: str) -> str:
    """Text that prints as it reads: control characters shown as Python escapes.

    text (str): Text from the inputs (a document id, a path, an error reason).
    RETURNS (str): The text with each control character as `\\xNN` or `\\uNNNN`
        (ESC → "\\x1b"), everything else unchanged.
    """
    return _NOT_FOR_TERMINALS.sub(
        lambda match: match.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text
    )


class RunDisplay:
    """Progress callback for `extractor.run`: bar on a TTY, one line per event otherwise.

    The bar advances by characters, not documents, so the ETA holds when one
    JSONL file carries thousands of documents; the document count is shown beside it.

    console (Console): where to print (stderr for progress keeps stdout clean).
    total_chars (int | None): about how many characters the inputs hold (their
        byte size); None if unknown.
    """

    def __init__(self, console: Console, total_chars: int | None = None) -> None:
        self.console = console
        self.started = time.perf_counter()
        self.words = 0
        self.documents = 0
        self.cached = 0
        self.bar: Progress | None = None
        self.task = None
        if console.is_terminal:
            self.bar = Progress(
                TextColumn("[bold]{task.fields[documents]} documents ({task.fields[cached]} cached)"),
                BarColumn(),
                TextColumn("{task.fields[rate]:>8} words/s"),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )
            self.task = self.bar.add_task("run", total=total_chars, documents=0, cached=0, rate="-")

    def __enter__(self) -> RunDisplay:
        if self.bar:
            self.bar.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.bar:
            self.bar.stop()

    def __call__(self, event: str, data: dict[str, Any]) -> None:
        if event == "model":
            self.started = time.perf_counter()  # words/s counts processing, not model loading
            info = data["model"]
            line = (
                f"Model: {info.name} {info.version} ({info.location}); pipeline: {data['pipeline']}; "
                f"engine: {data.get('engine', 'local')}, {data.get('workers', 1)} worker(s)"
            )
            self.console.print(terminal_safe(line), markup=False)
        elif event == "document":
            self._document(data)
        elif event == "error":
            row = data["row"]
            where = f"{row.path}:{row.line}" if row.line else row.path
            line = f"Skipped {where}: [{row.code}] {row.reason}"
            self.console.print(terminal_safe(line), markup=False, style="yellow")

    def _document(self, data: dict[str, Any]) -> None:
        self.documents += 1
        self.cached += bool(data.get("cached"))
        # words/s counts what the pipeline parsed: cached documents cost almost nothing.
        self.words += 0 if data.get("cached") else data["words"]
        rate = self.words / max(time.perf_counter() - self.started, 1e-9)
        if self.bar is not None and self.task is not None:
            self.bar.update(
                self.task, advance=data["chars"], documents=self.documents, cached=self.cached, rate=f"{rate:,.0f}"
            )
        else:
            source = "cached" if data.get("cached") else f"{rate:,.0f} words/s"
            line = f"done {data['doc_id']} ({data['words']} words, {source})"
            # One plain line per document, written directly: Rich's print (wrapping,
            # styles) would cost more than reading a cached document does.
            self.console.file.write(terminal_safe(line) + "\n")


def summary_table(counts: dict[str, int], documents_ok: int, seconds: float) -> Table:
    """The end-of-run summary: rows per table and the time it took."""
    table = Table(caption=f"{documents_ok} documents in {seconds:.1f}s")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name in ("documents", "mentions", "entities", "actors", "quotes", "claims", "dates", "errors"):
        table.add_row(name, f"{counts.get(name, 0):,}")
    return table


def diff_summary(diffs: list[TableDiff]) -> Table:
    """`extractor diff`'s summary: one row per table, red where it differs.

    diffs (list[TableDiff]): From `diff_outputs`.
    RETURNS (Table): Added, removed and changed row counts per table.
    """
    summary = Table(title="extractor diff", show_lines=False)
    for name in ("table", "added", "removed", "changed", "note"):
        summary.add_column(name, justify="right" if name in ("added", "removed", "changed") else "left")
    for d in diffs:
        summary.add_row(
            d.table,
            str(len(d.added)),
            str(len(d.removed)),
            str(len(d.changed)),
            d.note or ("differs" if d.differs else "same"),
            style="red" if d.differs else "green",
        )
    return summary


def diff_details(diffs: list[TableDiff], shown: int = SHOWN_ROWS) -> list[str]:
    """The first added (+), removed (-) and changed (~) row keys of each table.

    diffs (list[TableDiff]): From `diff_outputs`.
    shown (int): Rows listed per table and kind of change.
    RETURNS (list[str]): Lines such as "  dates ~ id10: value".
    """
    lines: list[str] = []
    for d in diffs:
        for label, keys in (("+", d.added), ("-", d.removed)):
            lines.extend(f"  {d.table} {label} {key}" for key in keys[:shown])
        lines.extend(f"  {d.table} ~ {key}: {', '.join(names)}" for key, names in d.changed[:shown])
    return lines


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


NOT_UD = (
    "UAS/LAS: not scored; the parser's labels are not Universal Dependencies "
    "(en_core_web_* parse with ClearNLP's), so its trees can't be compared with the treebanks'."
)


def scores_table(evaluation: dict[str, Any]) -> Table:
    """`extractor model train|evaluate`'s figures: one row per test corpus, one column per score.

    evaluation (dict[str, Any]): From `training.workflow.full_evaluation`.
    RETURNS (Table): Scores to three decimals, "-" where a corpus lacks one.
    """
    table = Table(title="Evaluation on the shared test splits")
    table.add_column("corpus")
    for key in SHORT_NAMES:
        table.add_column(SHORT_NAMES[key], justify="right")
    for source, scores in evaluation["test"].items():
        table.add_row(source, *(f"{scores[key]:.3f}" if key in scores else "-" for key in SHORT_NAMES))
    return table


def evaluation_lines(evaluation: dict[str, Any]) -> list[str]:
    """The figures printed under the scores table: gold-sentence scores (if any) and speed.

    evaluation (dict[str, Any]): From `training.workflow.full_evaluation`.
    RETURNS (list[str]): One to three lines.
    """
    lines = [gold_sentences_line(evaluation.get("ewt_gold_sentences"))]
    if not evaluation.get("parses_like_ud", True):
        lines.append(NOT_UD)
    lines.append(f"Speed: {evaluation['words_per_second']:,.0f} words/s (nlp.pipe, one process)")
    return [line for line in lines if line]


def gold_sentences_line(scores: dict[str, float] | None) -> str:
    """The EWT scores with gold sentence boundaries, as one line ("" when there are none).

    scores (dict[str, float] | None): Score name → value.
    RETURNS (str): E.g. "EWT test, one gold sentence at a time: tag 0.940, UAS 0.853".
    """
    if not scores:
        return ""
    figures = ", ".join(f"{SHORT_NAMES[key]} {value:.3f}" for key, value in scores.items())
    return f"EWT test, one gold sentence at a time: {figures}"
