"""The scale ratios of issue #12: `extractor run` against baselines measured in the same run.

    python benchmarks/bench.py [--small 1000] [--large 10000] [--model bundled] [--json PATH]
    python benchmarks/bench.py --quick          # 20 and 60 documents: a smoke run, not figures

Builds two corpora from seeds/*.txt (each copy made unique by a numbered line), runs every
measurement as its own subprocess of this interpreter (`python -m extractor.cli run …`), and
prints one table of ratios with their targets:

- speed: `run --workers 1 --no-cache` words/s ÷ bare `nlp.pipe` words/s (small corpus);
- workers: `--workers 2` ÷ `--workers 1` words/s (small corpus, both --no-cache);
- memory: peak RSS of the process tree (parent and workers, read from /proc every 0.1 s),
  large corpus ÷ small corpus, same flags;
- re-run: wall time of a re-run of the large corpus with one document changed ÷ the full run
  into the same output folder (cache on, as by default);
- dask: `--engine dask --workers 2` ÷ `--workers 2` words/s (small corpus, both --no-cache);
- help: median wall time of `extractor --help` ÷ a bare two-command Typer app's `--help`.

Words/s is words ÷ wall time of the whole subprocess (interpreter start, model load, reading,
all stages, writing). The speed ratios divide the same word count (the bare pipe's non-space
tokens of the same documents), so they are ratios of wall time; the memory and re-run runs
count the `n_tokens` column of their documents table. A measurement the CLI refuses (an option it does not
have yet, say) prints as "n/a (reason)" and the rest of the table still prints. Timings are
wall-clock on whatever else the machine is doing: compare ratios, not absolute figures.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = (sys.executable, "-m", "extractor.cli")
# Options that only state what a CLI without them does anyway (one process, no cache):
# dropped, with a note, when the CLI does not know them yet.
IMPLIED_OPTIONS = ("--workers", "--no-cache")

BARE_PIPE = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from extractor.pipeline.model import load_model
    nlp, _ = load_model(sys.argv[1])
    texts = [p.read_text(encoding="utf8") for p in sorted(Path(sys.argv[2]).glob("*.txt"))]
    words = sum(sum(not t.is_space for t in doc) for doc in nlp.pipe(texts, batch_size=int(sys.argv[3])))
    print(json.dumps({"words": words}))
    """
)
TYPER_APP = textwrap.dedent(
    '''
    import typer

    app = typer.Typer(help="A bare two-command app.", add_completion=False)


    @app.command()
    def first(name: str = "x") -> None:
        """The first command."""


    @app.command()
    def second(count: int = 1) -> None:
        """The second command."""


    if __name__ == "__main__":
        app()
    '''
)


@dataclass
class Sample:
    """What one measured subprocess (or a median of several) did.

    seconds (float): wall time.
    words (int): words it processed (0 where it counts none).
    peak_mb (float): peak RSS of its process tree, in MB (0 where not sampled).
    note (str): how the command differed from the one asked for, if it did.
    error (str): why the measurement failed; empty when it worked.
    """

    seconds: float = 0.0
    words: int = 0
    peak_mb: float = 0.0
    note: str = ""
    error: str = ""

    @property
    def words_per_second(self) -> float:
        """RETURNS (float): words ÷ seconds, 0 when nothing was timed."""
        return self.words / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class Measure:
    """One row of the table: a ratio of a figure, ours ÷ baseline, against a target.

    name (str): what is compared, for the table.
    unit (str): "words/s", "s" or "MB": which figure of the two samples is divided.
    target (float): the bound the ratio must meet.
    at_least (bool): True when the ratio must be ≥ target, False for ≤.
    """

    name: str
    unit: str
    target: float
    at_least: bool


MEASURES = {
    "speed": Measure("run ÷ bare nlp.pipe, 1 process", "words/s", 0.85, True),
    "workers": Measure("--workers 2 ÷ --workers 1", "words/s", 1.7, True),
    "memory": Measure("peak RSS, large ÷ small corpus", "MB", 1.1, False),
    "rerun": Measure("re-run, 1 doc changed ÷ full run", "s", 0.05, False),
    "dask": Measure("--engine dask ÷ --workers 2", "words/s", 0.8, True),
    "help": Measure("extractor --help ÷ bare Typer --help", "s", 1.2, False),
}


@dataclass
class Result:
    """A measure with its two samples.

    key (str): the measure's key in `MEASURES`.
    ours (Sample): the `extractor` side.
    baseline (Sample): what it is divided by.
    """

    key: str
    ours: Sample
    baseline: Sample
    measure: Measure = field(init=False)

    def __post_init__(self) -> None:
        self.measure = MEASURES[self.key]

    @property
    def error(self) -> str:
        """RETURNS (str): why there is no ratio (the first failed sample's reason), or ""."""
        return self.ours.error or self.baseline.error

    @property
    def ratio(self) -> float | None:
        """RETURNS (float | None): ours ÷ baseline in the measure's unit, None when either failed."""
        if self.error:
            return None
        ours, base = figure(self.ours, self.measure.unit), figure(self.baseline, self.measure.unit)
        return ours / base if base else None

    @property
    def passed(self) -> bool | None:
        """RETURNS (bool | None): whether the ratio meets the target, None without a ratio."""
        if self.ratio is None:
            return None
        return self.ratio >= self.measure.target if self.measure.at_least else self.ratio <= self.measure.target


def figure(sample: Sample, unit: str) -> float:
    """The figure of `sample` that a measure in `unit` divides.

    sample (Sample): a measured sample.
    unit (str): "words/s", "s" or "MB".
    RETURNS (float): its words/s, seconds or peak MB.
    """
    return {"words/s": sample.words_per_second, "s": sample.seconds, "MB": sample.peak_mb}[unit]


# -- corpora -----------------------------------------------------------------------------


def make_corpus(folder: Path, copies: int) -> Path:
    """Write `copies` documents cycled from seeds/*.txt, each made unique by a numbered line.

    folder (Path): where to write doc00000.txt, doc00001.txt, …
    copies (int): how many documents.
    RETURNS (Path): `folder`.
    """
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [p.read_text(encoding="utf8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for i in range(copies):
        (folder / f"doc{i:05d}.txt").write_text(f"{seeds[i % len(seeds)]}\n\nBulletin number {i}.\n", encoding="utf8")
    return folder


def change_one_document(folder: Path) -> Path:
    """Change the text of the middle document of a corpus, as an editor would.

    folder (Path): a corpus from `make_corpus`.
    RETURNS (Path): the changed file.
    """
    files = sorted(folder.glob("*.txt"))
    path = files[len(files) // 2]
    path.write_text(path.read_text(encoding="utf8") + "\nCorrection: an earlier version misstated a figure.\n", "utf8")
    return path


def count_words(out: Path) -> int:
    """Words a run processed: the sum of the `n_tokens` column of OUT/documents.csv.

    out (Path): the run's output folder.
    RETURNS (int): the words, 0 when there is no documents table.
    """
    table = out / "documents.csv"
    if not table.exists():
        return 0
    csv.field_size_limit(sys.maxsize)  # the text column holds whole documents
    with table.open(encoding="utf8", newline="") as file:
        return sum(int(row["n_tokens"] or 0) for row in csv.DictReader(file))


# -- processes ---------------------------------------------------------------------------


def tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc.

    root (int): the top process's pid.
    RETURNS (int): the sum of their VmRSS in kB (processes that vanish mid-read count 0).
    """
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = read_proc(f"/proc/{entry}/stat")
            # Field 4 is the parent pid; the name in field 2 may hold spaces, so split after ")".
            if stat:
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, grew = {root}, True
    while grew:
        children = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= children
        grew = bool(children)
    return sum(vm_rss_kb(pid) for pid in tree)


def vm_rss_kb(pid: int) -> int:
    """RETURNS (int): VmRSS of `pid` in kB, 0 when it is gone or has none (a zombie)."""
    match = re.search(r"^VmRSS:\s+(\d+)", read_proc(f"/proc/{pid}/status"), re.MULTILINE)
    return int(match.group(1)) if match else 0


def read_proc(path: str) -> str:
    """RETURNS (str): the text of a /proc file, "" when its process has gone."""
    try:
        with open(path, encoding="utf8", errors="replace") as file:
            return file.read()
    except OSError:
        return ""


@dataclass
class Finished:
    """A subprocess that ran to its end.

    returncode (int): its exit status.
    seconds (float): its wall time.
    peak_mb (float): peak RSS of its process tree.
    stdout (str): what it printed.
    stderr (str): what it printed on stderr.
    """

    returncode: int
    seconds: float
    peak_mb: float
    stdout: str
    stderr: str


def watch(command: Sequence[str], interval: float = 0.1) -> Finished:
    """Run a command, sampling its process tree's RSS every `interval` seconds.

    command (Sequence[str]): the argv.
    interval (float): seconds between samples.
    RETURNS (Finished): exit status, wall time, peak RSS and output.
    """
    # Output goes to files: a run's progress lines would fill a pipe and stall it.
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT)
        peak = 0
        while True:
            peak = max(peak, tree_rss_kb(process.pid))
            try:
                process.wait(timeout=interval)
                break
            except subprocess.TimeoutExpired:
                continue
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        return Finished(process.returncode, seconds, peak / 1024, out.read(), err.read())


def failure_reason(stderr: str) -> str:
    """The line of a failed command's stderr that says why, without Rich's box drawing.

    stderr (str): what it printed on stderr.
    RETURNS (str): e.g. "No such option: --workers".
    """
    lines = [line.strip(" │╭╮╰╯─\t") for line in stderr.splitlines()]
    lines = [line for line in lines if line and not line.startswith(("Usage:", "Try ", "Error ")) and line != "Error"]
    wanted = [line for line in lines if "Error" in line or "No such option" in line]
    return (wanted or lines or ["no output"])[-1][:160]


# -- measurements ------------------------------------------------------------------------


def run_extractor(corpus: Path, out: Path, model: str, options: Sequence[str], implied: Sequence[str] = ()) -> Sample:
    """Run `extractor run` on a corpus in a subprocess and measure it.

    corpus (Path): the input folder.
    out (Path): the output folder.
    model (str): the `--model` value.
    options (Sequence[str]): further options, e.g. ("--workers", "2", "--no-cache").
    implied (Sequence[str]): options among `options` that may be dropped, with a note, when
        the CLI does not know them (they only state its behaviour without them).
    RETURNS (Sample): wall time, words, peak RSS; `error` set when the run failed.
    """
    options, notes = list(options), []
    while True:
        done = watch([*CLI, "run", str(corpus), "--out", str(out), "--model", model, *options])
        unknown = re.search(r"No such option: (--[\w-]+)", done.stderr)
        if done.returncode == 0 or not unknown or unknown.group(1) not in implied:
            break
        options = drop_option(options, unknown.group(1))
        notes.append(f"CLI has no {unknown.group(1)}; ran without it")
    if done.returncode != 0:
        return Sample(done.seconds, error=failure_reason(done.stderr))
    return Sample(done.seconds, count_words(out), done.peak_mb, note="; ".join(notes))


def drop_option(options: list[str], name: str) -> list[str]:
    """Remove an option, and its value when it takes one, from an argv list.

    options (list[str]): e.g. ["--workers", "1", "--no-cache"].
    name (str): e.g. "--workers".
    RETURNS (list[str]): e.g. ["--no-cache"].
    """
    i = options.index(name)
    takes_value = i + 1 < len(options) and not options[i + 1].startswith("--")
    return options[:i] + options[i + 1 + takes_value :]


def run_bare(corpus: Path, model: str, batch_size: int) -> Sample:
    """Run the bare model through `nlp.pipe` over the corpus's texts in a subprocess.

    corpus (Path): the input folder.
    model (str): the model name, as `load_model` takes it.
    batch_size (int): the `nlp.pipe` batch size.
    RETURNS (Sample): wall time, non-space tokens, peak RSS.
    """
    done = watch([sys.executable, "-c", BARE_PIPE, model, str(corpus), str(batch_size)])
    if done.returncode != 0:
        return Sample(done.seconds, error=failure_reason(done.stderr))
    return Sample(done.seconds, json.loads(done.stdout.strip().splitlines()[-1])["words"], done.peak_mb)


def time_help(command: Sequence[str], repeats: int) -> Sample:
    """Median wall time of a command's `--help`, over `repeats` runs.

    command (Sequence[str]): the argv without `--help`.
    repeats (int): how many runs.
    RETURNS (Sample): the median seconds.
    """
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        done = subprocess.run([*command, "--help"], capture_output=True, text=True, cwd=ROOT)
        seconds.append(time.perf_counter() - started)
        if done.returncode != 0:
            return Sample(error=failure_reason(done.stderr))
    return Sample(statistics.median(seconds))


def measure_help(work: Path, repeats: int) -> Result:
    """`extractor --help` against a bare two-command Typer app's.

    work (Path): a scratch folder for the Typer app.
    repeats (int): runs of each, of which the median counts.
    RETURNS (Result): the "help" measure.
    """
    app = work / "bare_typer_app.py"
    app.write_text(TYPER_APP, encoding="utf8")
    baseline = time_help([sys.executable, str(app)], repeats)
    return Result("help", time_help(CLI, repeats), baseline)


def measure_speeds(corpus: Path, work: Path, model: str, batch_size: int) -> list[Result]:
    """The three words/s ratios on one corpus: run ÷ bare, 2 workers ÷ 1, dask ÷ 2 workers.

    corpus (Path): the (small) corpus.
    work (Path): a scratch folder for the output folders.
    model (str): the model.
    batch_size (int): documents per batch, for the run and the bare pipe alike.
    RETURNS (list[Result]): the "speed", "workers" and "dask" measures.
    """
    batch = ["--batch-size", str(batch_size), "--no-cache"]
    bare = run_bare(corpus, model, batch_size)
    one = run_extractor(corpus, work / "w1", model, ["--workers", "1", *batch], implied=IMPLIED_OPTIONS)
    two = run_extractor(corpus, work / "w2", model, ["--workers", "2", *batch])
    dask = run_extractor(corpus, work / "dask", model, ["--engine", "dask", "--workers", "2", *batch])
    # Same documents, same words: the run's documents table counts body tokens only
    # (no title or furniture), which would understate its speed by a few percent.
    one, two, dask = (same_words(sample, bare) for sample in (one, two, dask))
    return [Result("speed", one, bare), Result("workers", two, one), Result("dask", dask, two)]


def same_words(sample: Sample, bare: Sample) -> Sample:
    """`sample` counted with the bare pipe's words for the same documents (a failed run stays as it is)."""
    return dataclasses.replace(sample, words=bare.words) if sample.words and bare.words else sample


def measure_scale(small: Path, large: Path, work: Path, model: str, options: Sequence[str]) -> list[Result]:
    """Peak RSS large ÷ small, then the re-run of the large corpus with one document changed.

    small (Path): the small corpus.
    large (Path): the large corpus; one of its documents is changed.
    work (Path): a scratch folder for the output folders.
    model (str): the model.
    options (Sequence[str]): options for all three runs (e.g. --workers); the cache stays on.
    RETURNS (list[Result]): the "memory" and "rerun" measures.
    """
    first = run_extractor(small, work / "small", model, options)
    full = run_extractor(large, work / "large", model, options)
    change_one_document(large)
    rerun = run_extractor(large, work / "large", model, options)
    return [Result("memory", full, first), Result("rerun", rerun, full)]


# -- report ------------------------------------------------------------------------------


def machine() -> dict[str, object]:
    """The machine and versions the figures come from.

    RETURNS (dict[str, object]): CPU count and model, RAM, Python and spaCy versions.
    """
    model = re.search(r"^model name\s*:\s*(.+)$", read_proc("/proc/cpuinfo"), re.MULTILINE)
    memory = re.search(r"^MemTotal:\s+(\d+)", read_proc("/proc/meminfo"), re.MULTILINE)
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model.group(1).strip() if model else platform.processor(),
        "ram_gb": round(int(memory.group(1)) / 1024**2, 1) if memory else None,
        "python": platform.python_version(),
        "spacy": metadata.version("spacy"),
    }


def describe(sample: Sample, unit: str) -> str:
    """One sample's absolute figures for the table, e.g. "5,120 words/s, 61.2 s".

    sample (Sample): a sample.
    unit (str): the measure's unit, which decides the figures shown.
    RETURNS (str): the figures, or "failed" when it failed.
    """
    if sample.error:
        return "failed"
    if unit == "MB":
        return f"{sample.peak_mb:,.0f} MB, {sample.seconds:,.1f} s"
    if unit == "words/s":
        return f"{sample.words_per_second:,.0f} words/s, {sample.seconds:,.1f} s"
    return f"{sample.seconds:,.3f} s" if sample.seconds < 10 else f"{sample.seconds:,.1f} s"


def table_rows(results: Sequence[Result]) -> list[list[str]]:
    """The table's cells: measure, ours, baseline, ratio, target, result.

    results (Sequence[Result]): the measured results.
    RETURNS (list[list[str]]): a header row, then one row per result.
    """
    rows = [["measure", "ours", "baseline", "ratio", "target", "result"]]
    for result in results:
        measure = result.measure
        target = f"{'≥' if measure.at_least else '≤'} {measure.target:g}"
        if result.ratio is None:
            verdict, ratio = f"n/a ({result.error or 'nothing to divide by'})", "-"
        else:
            verdict, ratio = ("PASS" if result.passed else "MISS"), f"{result.ratio:.3f}"
        ours, base = describe(result.ours, measure.unit), describe(result.baseline, measure.unit)
        rows.append([measure.name, ours, base, ratio, target, verdict])
    return rows


def print_report(info: dict[str, object], corpora: dict[str, int], results: Sequence[Result]) -> None:
    """Print the machine, the corpora, the table of ratios and any notes.

    info (dict[str, object]): from `machine()`.
    corpora (dict[str, int]): documents in the small and the large corpus.
    results (Sequence[Result]): the measured results.
    """
    print(", ".join(f"{key}: {value}" for key, value in info.items()))
    print(f"corpora: {corpora['small']:,} documents (speed, memory) and {corpora['large']:,} (memory, re-run)")
    rows = table_rows(results)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:  # the last column (n/a reasons can be long) is not padded
        print(" | ".join([*(cell.ljust(width) for cell, width in zip(row, widths)), row[-1]]))
    for line in notes(results):
        print(line)


def notes(results: Sequence[Result]) -> list[str]:
    """Notes under the table: word counts of the speed pair, and changed commands.

    results (Sequence[Result]): the measured results.
    RETURNS (list[str]): the lines.
    """
    lines = []
    for result in results:
        if result.key == "speed":
            ours, base = result.ours.words, result.baseline.words
            lines.append(f"note: words counted — run (documents.csv n_tokens) {ours:,}, bare nlp.pipe {base:,}")
        for sample in (result.ours, result.baseline):
            if sample.note and f"note: {sample.note}" not in lines:
                lines.append(f"note: {sample.note}")
    return lines


def to_json(info: dict[str, object], corpora: dict[str, int], results: Sequence[Result]) -> dict[str, object]:
    """The report as plain data for `--json`.

    info (dict[str, object]): from `machine()`.
    corpora (dict[str, int]): documents in the small and the large corpus.
    results (Sequence[Result]): the measured results.
    RETURNS (dict[str, object]): machine, corpora, and per measure its ratio, target, result and samples.
    """
    measures = {
        r.key: {
            **asdict(r.measure),
            "ratio": r.ratio,
            "passed": r.passed,
            "error": r.error,
            "ours": {**asdict(r.ours), "words_per_second": r.ours.words_per_second},
            "baseline": {**asdict(r.baseline), "words_per_second": r.baseline.words_per_second},
        }
        for r in results
    }
    return {"machine": info, "corpora": corpora, "measures": measures}


# -- command line ------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The benchmark's options.

    argv (Sequence[str] | None): the arguments; None for sys.argv.
    RETURNS (argparse.Namespace): small, large, model, batch_size, workers, help_repeats, json.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000, help="documents in the small corpus (speed ratios)")
    parser.add_argument("--large", type=int, default=10000, help="documents in the large corpus (memory, re-run)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 20 and 60 documents, 3 --help runs")
    parser.add_argument("--model", default="bundled", help="model for every run and the bare pipe")
    parser.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size, ours and bare")
    parser.add_argument("--workers", type=int, help="--workers for the memory and re-run runs (CLI default if unset)")
    parser.add_argument("--help-repeats", type=int, default=9, help="--help runs of each app; the median counts")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    if args.quick:
        args.small, args.large, args.help_repeats = 20, 60, 3
    return args


def benchmark(args: argparse.Namespace, work: Path, log: Callable[[str], None]) -> list[Result]:
    """Build the corpora in `work` and take every measure.

    args (argparse.Namespace): from `parse_args`.
    work (Path): a scratch folder.
    log (Callable[[str], None]): called with each step's name, as progress.
    RETURNS (list[Result]): the six results, in the table's order.
    """
    small = make_corpus(work / "corpus-small", args.small)
    large = make_corpus(work / "corpus-large", args.large)
    scale_options = ["--batch-size", str(args.batch_size)]
    if args.workers:
        scale_options += ["--workers", str(args.workers)]
    log("speed: bare nlp.pipe, --workers 1, --workers 2, --engine dask")
    speeds = measure_speeds(small, work, args.model, args.batch_size)
    log("memory and re-run: small run, large run, large re-run")
    scale = measure_scale(small, large, work, args.model, scale_options)
    log("--help")
    return [*speeds[:2], *scale, speeds[2], measure_help(work, args.help_repeats)]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark, print the table and write the JSON.

    argv (Sequence[str] | None): the arguments; None for sys.argv.
    """
    args = parse_args(argv)
    corpora = {"small": args.small, "large": args.large}
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as work:
        results = benchmark(args, Path(work), lambda step: print(f"… {step}", file=sys.stderr, flush=True))
    info = machine()
    print_report(info, corpora, results)
    if args.json:
        args.json.write_text(json.dumps(to_json(info, corpora, results), indent=2, ensure_ascii=False) + "\n", "utf8")


if __name__ == "__main__":
    main()
