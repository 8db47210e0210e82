"""The output folder: one run's lock at a time, and what an earlier run left removed."""

from __future__ import annotations

import pytest

from extractor.errors import Errors, OutputError
from extractor.outputs.folder import LOCK_FILE, lock_output_folder, remove_outputs

NAMES = ["documents.csv", "documents.parquet", "nodes.csv", "graph.gexf", "report.html", "manifest.json"]


@pytest.mark.issue(14)
def test_folder_lock_is_exclusive_and_names_the_folder(tmp_path):
    out = tmp_path / "out"
    with lock_output_folder(out) as lock:
        assert lock == out / LOCK_FILE and lock.is_file()
        with pytest.raises(OutputError) as raised, lock_output_folder(out):
            pass
        assert str(raised.value) == Errors.E304.format(path=out, lock=lock)


@pytest.mark.issue(14)
def test_folder_lock_is_released_when_the_block_ends(tmp_path):
    with pytest.raises(RuntimeError), lock_output_folder(tmp_path):
        raise RuntimeError("the run failed")
    with lock_output_folder(tmp_path):  # taken again: nothing stale is left behind
        pass


@pytest.mark.issue(14)
def test_folder_lock_on_an_unwritable_path_is_e302(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf8")
    with pytest.raises(OutputError, match=r"\[E302\]"), lock_output_folder(tmp_path / "file" / "out"):
        pass


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    "name,removed",
    [
        ("documents.csv", True),
        ("documents.parquet", True),
        ("documents.csv.partial", True),
        (".documents.parquet.4242.tmp", True),
        (".nodes.csv.17.tmp", True),
        (".report.html.99.tmp", True),
        ("manifest.json", True),
        (LOCK_FILE, False),
        ("notes.txt", False),
        ("my.documents.csv", False),
        (".nodes.csv.tmp", False),
        (".nodes.csv.x1.tmp", False),
        ("documents.csv.bak", False),
    ],
)
def test_folder_remove_outputs_removes_only_what_a_run_writes(tmp_path, name, removed):
    (tmp_path / name).write_text("old", encoding="utf8")
    assert remove_outputs(tmp_path, NAMES) == ([tmp_path / name] if removed else [])
    assert (tmp_path / name).exists() is not removed


@pytest.mark.issue(14)
def test_folder_remove_outputs_that_cannot_be_removed_is_e305(tmp_path):
    (tmp_path / "report.html").mkdir()
    with pytest.raises(OutputError, match=r"\[E305\].*report.html"):
        remove_outputs(tmp_path, NAMES)


def test_folder_remove_outputs_of_a_missing_folder_is_nothing(tmp_path):
    assert remove_outputs(tmp_path / "absent", NAMES) == []
