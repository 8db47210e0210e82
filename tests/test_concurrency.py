"""Two runs into one output folder: the second fails at once with E304, the first is unharmed.

Run A is a real `extractor.run` in another process, held still in the middle
of writing its tables (its progress callback waits for a file), so the test
never depends on timing. Run B is a real `extractor run` command. (That a
killed run leaves no stale lock is checked by test_interrupts.py, whose every
run goes into the folder a killed one held.)
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.types import TABLES

pytestmark = pytest.mark.issue(14)

# Run A: pause at the first finished document until the `go` file exists.
HELD_RUN = """
import sys, time
from pathlib import Path
from extractor.run import run

inputs, out, model, ready, go = sys.argv[1:]

def progress(event, data):
    if event == "document" and not Path(ready).exists():
        Path(ready).touch()
        while not Path(go).exists():
            time.sleep(0.01)

run(Path(inputs), Path(out), model=model, progress=progress)
"""


@pytest.fixture()
def corpus(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(30):
        text = f"Report {i}\n\nThe council met on March {i % 28 + 1}, 2024, and said the plan will cost {i} million.\n"
        (folder / f"doc{i:02d}.txt").write_text(text, encoding="utf8")
    return folder


def _hold_run(tmp_path: Path, corpus: Path, out: Path, model: Path) -> tuple[subprocess.Popen, Path]:
    """Start run A and wait until it is writing its tables. RETURNS: the process and its `go` file."""
    ready, go = tmp_path / "ready", tmp_path / "go"
    args = [str(corpus), str(out), str(model), str(ready), str(go)]
    process = subprocess.Popen([sys.executable, "-c", HELD_RUN, *args], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not ready.exists():
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "run A never reached its first document"
        time.sleep(0.01)
    return process, go


def _cli_run(corpus: Path, out: Path, model: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "extractor.cli", "run", str(corpus), "--model", str(model), "--out", str(out)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_concurrency_second_run_fails_fast_and_the_first_is_unharmed(tmp_path, corpus, blank_model):
    from extractor.run import run

    out = tmp_path / "out"
    run_a, go = _hold_run(tmp_path, corpus, out, blank_model)
    try:
        partial = (out / "documents.csv.partial").read_bytes()
        run_b = _cli_run(corpus, out, blank_model)
        assert run_b.returncode == 1
        assert f"Error: [E304] Output folder '{out}' is in use by another extractor run" in run_b.stderr
        assert "Traceback" not in run_b.stderr
        assert (out / "documents.csv.partial").read_bytes() == partial  # B removed and wrote nothing
    finally:
        go.touch()
    assert run_a.wait(timeout=300) == 0, run_a.stderr.read() if run_a.stderr else ""
    run(corpus, tmp_path / "clean", model=str(blank_model))
    assert sorted(path.name for path in out.iterdir()) == sorted(path.name for path in (tmp_path / "clean").iterdir())
    for table in TABLES:
        assert (out / f"{table}.csv").read_bytes() == (tmp_path / "clean" / f"{table}.csv").read_bytes(), table


@pytest.mark.issue(14)
@pytest.mark.parametrize("command", ["graph", "report"])
def test_concurrency_graph_and_report_wait_for_no_run(tmp_path, cli, command):
    # The lock is per open file: holding it here stands for a run in progress.
    from extractor.outputs.folder import lock_output_folder

    out = tmp_path / "out"
    with lock_output_folder(out):
        result = cli([command, out])
    assert result.exit_code == 1
    assert "E304" in result.output
    assert sorted(p.name for p in out.iterdir()) == [".extractor.lock"]
