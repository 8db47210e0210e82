"""What a run shows a person: a Rich progress bar on a terminal, plain lines elsewhere.

Kept apart from `run.py` so the library stays silent; the CLI passes
`RunDisplay` as the run's progress callback.
"""

from __future__ import annotations

import time
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table


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
        self.bar: Progress | None = None
        self.task = None
        if console.is_terminal:
            self.bar = Progress(
                TextColumn("[bold]{task.fields[documents]} documents"),
                BarColumn(),
                TextColumn("{task.fields[rate]:>8} words/s"),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )
            self.task = self.bar.add_task("run", total=total_chars, documents=0, rate="-")

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
            self.console.print(
                f"Model: {info.name} {info.version} ({info.location}); pipeline: {data['pipeline']}", markup=False
            )
        elif event == "document":
            self._document(data)
        elif event == "error":
            row = data["row"]
            where = f"{row.path}:{row.line}" if row.line else row.path
            self.console.print(f"Skipped {where}: [{row.code}] {row.reason}", markup=False, style="yellow")

    def _document(self, data: dict[str, Any]) -> None:
        self.words += data["words"]
        self.documents += 1
        rate = self.words / max(time.perf_counter() - self.started, 1e-9)
        if self.bar:
            self.bar.update(self.task, advance=data["chars"], documents=self.documents, rate=f"{rate:,.0f}")
        else:
            self.console.print(f"done {data['doc_id']} ({data['words']} words, {rate:,.0f} words/s)", markup=False)


def summary_table(counts: dict[str, int], documents_ok: int, seconds: float) -> Table:
    """The end-of-run summary: rows per table and the time it took."""
    table = Table(caption=f"{documents_ok} documents in {seconds:.1f}s")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name in ("documents", "mentions", "entities", "actors", "quotes", "claims", "dates", "errors"):
        table.add_row(name, f"{counts.get(name, 0):,}")
    return table
