"""Helpers of benchmarks/bench.py: corpora, word counts, process trees, ratios. No timings."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

BENCH_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"
_spec = importlib.util.spec_from_file_location("bench", BENCH_PATH)
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench"] = bench  # dataclasses look their module up while the class is built
_spec.loader.exec_module(bench)


@pytest.mark.parametrize("copies", [1, 7])
def test_benchmarks_make_corpus_unique(tmp_path, copies):
    folder = bench.make_corpus(tmp_path / "corpus", copies)
    texts = [p.read_text(encoding="utf8") for p in sorted(folder.glob("*.txt"))]
    assert len(texts) == copies
    assert len(set(texts)) == copies


@pytest.mark.parametrize("copies", [4])
def test_benchmarks_change_one_document(tmp_path, copies):
    folder = bench.make_corpus(tmp_path / "corpus", copies)
    before = {p.name: p.read_text(encoding="utf8") for p in folder.glob("*.txt")}
    changed = bench.change_one_document(folder)
    after = {p.name: p.read_text(encoding="utf8") for p in folder.glob("*.txt")}
    assert [name for name in before if before[name] != after[name]] == [changed.name]


@pytest.mark.parametrize("tokens,expected", [(["3", "4"], 7), ([], 0)])
def test_benchmarks_count_words(tmp_path, tokens, expected):
    lines = ["doc_id,n_tokens,text"] + [f'd{i},{n},"a\nlong text"' for i, n in enumerate(tokens)]
    (tmp_path / "documents.csv").write_text("\n".join(lines) + "\n", encoding="utf8")
    assert bench.count_words(tmp_path) == expected


@pytest.mark.parametrize("folder", ["missing"])
def test_benchmarks_count_words_no_table(tmp_path, folder):
    assert bench.count_words(tmp_path / folder) == 0


@pytest.mark.parametrize(
    "options,name,expected",
    [
        (["--workers", "1", "--no-cache"], "--workers", ["--no-cache"]),
        (["--workers", "1", "--no-cache"], "--no-cache", ["--workers", "1"]),
        (["--no-cache", "--batch-size", "16"], "--no-cache", ["--batch-size", "16"]),
    ],
)
def test_benchmarks_drop_option(options, name, expected):
    assert bench.drop_option(options, name) == expected


@pytest.mark.parametrize(
    "stderr,expected",
    [
        (
            "Usage: python -m extractor.cli run [OPTIONS] {inputs}\nTry 'python -m extractor.cli run --help' for help.\n"
            "╭─ Error ─────╮\n│ No such option: --workers                │\n╰─────────────╯\n",
            "No such option: --workers",
        ),
        ("Traceback …\nError: E101 no such input\n", "Error: E101 no such input"),
        ("", "no output"),
    ],
)
def test_benchmarks_failure_reason(stderr, expected):
    assert bench.failure_reason(stderr) == expected


@pytest.mark.parametrize("sleep", [30])
def test_benchmarks_tree_rss_counts_children(sleep):
    child = f"import time; time.sleep({sleep})"
    parent = f"import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', {child!r}]); print('ready', flush=True); time.sleep({sleep})"
    process = subprocess.Popen(
        [sys.executable, "-c", parent], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        assert process.stdout.readline().strip() == "ready"
        assert bench.tree_rss_kb(process.pid) > bench.vm_rss_kb(process.pid) > 0
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.mark.parametrize(
    "key,ours,baseline,ratio,passed",
    [
        ("speed", {"seconds": 10, "words": 900}, {"seconds": 10, "words": 1000}, 0.9, True),
        ("memory", {"peak_mb": 1200}, {"peak_mb": 1000}, 1.2, False),
        ("rerun", {"seconds": 1}, {"seconds": 100}, 0.01, True),
    ],
)
def test_benchmarks_result_ratio(key, ours, baseline, ratio, passed):
    result = bench.Result(key, bench.Sample(**ours), bench.Sample(**baseline))
    assert result.ratio == pytest.approx(ratio)
    assert result.passed is passed


@pytest.mark.parametrize("error", ["No such option: --workers"])
def test_benchmarks_table_rows_not_available(error):
    result = bench.Result("workers", bench.Sample(error=error), bench.Sample(seconds=1, words=10))
    row = bench.table_rows([result])[1]
    assert row[3] == "-"
    assert row[5] == f"n/a ({error})"
