"""Splicing unchanged documents' bytes from an earlier run: the same files as a run that renders all."""

from __future__ import annotations

import dataclasses
import json
import pickle
import shutil
from pathlib import Path

import pytest
from tests.graph.test_build import _corpus
from tests.graph.test_slices import write_recorded_folder

from extractor.graph import splice
from extractor.graph.columns import GRAPH_FILES
from extractor.graph.scan import DocumentRows
from extractor.graph.slices import load_slices
from extractor.graph.splice import (
    HEADER_SIZE,
    INDEX_FILE,
    MAGIC,
    PREVIOUS_DIR,
    Splicer,
    document_digest,
    keep_previous,
)
from extractor.processing.cache import CACHE_DIR
from extractor.report.html import write_graph_and_report

FILES = [*GRAPH_FILES.values(), "report.html"]


def _renamed(rows: list, old: str, new: str) -> list:
    """Rows with `old` replaced by `new` in every text cell (ids included, but for actor ids: the
    copy's entities are the same actors, as in tables a run writes)."""
    return [
        dataclasses.replace(
            row,
            **{
                k: v.replace(old, new)
                for k, v in dataclasses.asdict(row).items()
                if isinstance(v, str) and k != "actor_id"
            },
        )
        for row in rows
    ]


def _three_documents() -> dict[str, list]:
    """The corpus of test_build with a third document, c.txt (a copy of b.txt), after b.txt."""
    tables = _corpus()
    for name, rows in tables.items():
        if name != "actors":
            tables[name] = rows + _renamed([row for row in rows if getattr(row, "doc_id", "") == "b.txt"], "b", "c")
    return tables


def _changed(tables: dict[str, list]) -> dict[str, list]:
    tables["quotes"] = [
        dataclasses.replace(row, text="Help is here.")
        if row.text == "Help is coming." and row.doc_id == "b.txt"
        else row
        for row in tables["quotes"]
    ]
    return tables


def _removed(tables: dict[str, list]) -> dict[str, list]:
    return {name: [row for row in rows if getattr(row, "doc_id", "") != "b.txt"] for name, rows in tables.items()}


def _added(tables: dict[str, list]) -> dict[str, list]:
    """A new document, n.txt, between a.txt and b.txt."""
    for name, rows in tables.items():
        if name != "actors":
            new = _renamed([row for row in rows if getattr(row, "doc_id", "") == "a.txt"], "a.txt", "n.txt")
            at = next((i for i, row in enumerate(rows) if row.doc_id == "b.txt"), len(rows))
            tables[name] = rows[:at] + new + rows[at:]
    return tables


def _actor_dropped(tables: dict[str, list]) -> dict[str, list]:
    tables["actors"] = [row for row in tables["actors"] if row.actor_id != "kyiv"]
    return tables


def _write(output_folder, out_dir: Path, tables: dict[str, list], excel_safe: bool = False, recorded=False) -> None:
    """Write the tables; `recorded` as a run does, with where each document's rows lie (`graph.slices`)."""
    if recorded:
        write_recorded_folder(out_dir, tables)
    else:
        output_folder(out_dir, tables)
    manifest = out_dir / "manifest.json"
    manifest.unlink(missing_ok=True)
    if excel_safe:
        manifest.write_text(json.dumps({"excel_safe": True}), encoding="utf8")


def _rerun_equals_clean(out: Path, clean: Path, monkeypatch) -> list[int]:
    """Write both folders' files, `out` with its index; RETURNS the documents [found, missed]."""
    counts = _spliced(monkeypatch)
    write_graph_and_report(out, splice=True)
    write_graph_and_report(clean)
    for name in FILES:
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
    return counts


def _spliced(monkeypatch) -> list[int]:
    """Count the documents the index finds: [found, missed]."""
    counts = [0, 0]
    find = splice.SpliceIndex.find

    def counting(self, rows, actors):
        found = find(self, rows, actors)
        counts[found is None] += 1
        return found

    monkeypatch.setattr(splice.SpliceIndex, "find", counting)
    return counts


@pytest.mark.issue(12)
# Recorded: documents the index misses are parsed from their own rows ("slices"), or the
# tables are read whole ("whole": more than a sixteenth are missed, as in these small corpora).
@pytest.mark.parametrize("recorded", ["", "slices", "whole"])
@pytest.mark.parametrize("parallel", [False, True])
@pytest.mark.parametrize(
    "change,spliced",
    [
        (lambda tables: tables, [3, 0]),
        (_changed, [2, 1]),
        # The document after the removed one moved up: its report anchor changed.
        (_removed, [1, 1]),
        # The documents after the new one moved: their report anchors changed.
        (_added, [1, 3]),
        # A table a run would not write (an entity's actor missing): its documents are digested by rows.
        (_actor_dropped, [0, 3]),
    ],
)
def test_splice_rerun_files_equal_a_full_run(tmp_path, output_folder, monkeypatch, recorded, parallel, change, spliced):
    out, clean = tmp_path / "out", tmp_path / "clean"
    if recorded == "slices":
        monkeypatch.setattr("extractor.graph.slices.WHOLE_READ_RATIO", 0)
    _write(output_folder, out, _three_documents(), recorded=bool(recorded))
    write_graph_and_report(out, splice=True)
    assert (out / CACHE_DIR / INDEX_FILE).is_file()
    tables = change(_three_documents())
    _write(output_folder, out, tables, recorded=bool(recorded))
    assert (load_slices(out, out / CACHE_DIR) is not None) is (bool(recorded) and change is not _actor_dropped)
    _write(output_folder, clean, tables)
    monkeypatch.setattr("extractor.report.stream.worker_pays", lambda out_dir: parallel)
    assert _rerun_equals_clean(out, clean, monkeypatch) == spliced


@pytest.mark.issue(12)
@pytest.mark.parametrize("name", FILES)
def test_splice_file_edited_by_hand_is_not_spliced_from(tmp_path, output_folder, monkeypatch, name):
    out, clean = tmp_path / "out", tmp_path / "clean"
    _write(output_folder, out, _three_documents())
    _write(output_folder, clean, _three_documents())
    write_graph_and_report(out, splice=True)
    with (out / name).open("r+b") as file:  # same size, other bytes
        file.seek(200)
        file.write(b"#")
    assert _rerun_equals_clean(out, clean, monkeypatch) == [0, 3]


@pytest.mark.issue(12)
@pytest.mark.parametrize("before,after", [(False, True), (True, False)])
def test_splice_excel_safe_toggled(tmp_path, output_folder, monkeypatch, before, after):
    tables = _three_documents()
    tables["documents"][1] = dataclasses.replace(tables["documents"][1], title="=SUM(A1)")
    out, clean = tmp_path / "out", tmp_path / "clean"
    _write(output_folder, out, tables, excel_safe=before)
    write_graph_and_report(out, splice=True)
    _write(output_folder, out, tables, excel_safe=after)
    _write(output_folder, clean, tables, excel_safe=after)
    assert _rerun_equals_clean(out, clean, monkeypatch) == [0, 3]


@pytest.mark.issue(12)
def test_splice_reads_the_files_kept_aside_and_removes_them(tmp_path, output_folder, monkeypatch):
    """`extractor run` moves the earlier files into the cache before it clears the folder."""
    out = tmp_path / "out"
    _write(output_folder, out, _three_documents())
    write_graph_and_report(out, splice=True)
    expected = {name: (out / name).read_bytes() for name in FILES}
    keep_previous(out, FILES)
    assert not any((out / name).exists() for name in FILES)
    counts = _spliced(monkeypatch)
    write_graph_and_report(out, splice=True)
    assert counts == [3, 0]
    assert {name: (out / name).read_bytes() for name in FILES} == expected
    assert not (out / CACHE_DIR / PREVIOUS_DIR).exists()


def _other_version(data: bytes, start: int, index: dict) -> bytes:
    index["header"]["version"] = -1
    return data[:start] + pickle.dumps(index)


def _table_first(data: bytes, start: int, index: dict) -> bytes:
    """The layout of format 2: the table, then the contributions."""
    return pickle.dumps(index) + data[HEADER_SIZE:start]


def _cut_short(data: bytes, start: int, index: dict) -> bytes:
    return data[: start + 10]


@pytest.mark.issue(12)
@pytest.mark.parametrize("change", [_other_version, _table_first, _cut_short, lambda *args: b""])
def test_splice_index_of_another_version_is_not_used(tmp_path, output_folder, monkeypatch, change):
    out, clean = tmp_path / "out", tmp_path / "clean"
    _write(output_folder, out, _three_documents())
    _write(output_folder, clean, _three_documents())
    write_graph_and_report(out, splice=True)
    path = out / CACHE_DIR / INDEX_FILE
    data = path.read_bytes()
    assert data.startswith(MAGIC)
    start = int.from_bytes(data[len(MAGIC) : HEADER_SIZE], "little")
    path.write_bytes(change(data, start, pickle.loads(data[start:])))
    assert _rerun_equals_clean(out, clean, monkeypatch) == [0, 3]


@pytest.mark.issue(12)
def test_splice_without_the_flag_neither_reads_nor_writes_an_index(tmp_path, output_folder):
    out = tmp_path / "out"
    _write(output_folder, out, _three_documents())
    write_graph_and_report(out)
    assert not (out / CACHE_DIR).exists()


@pytest.mark.parametrize(
    "ranges,copies",
    [
        # Consecutive documents make one copy; a gap starts another.
        ([{"k": (0, 5)}, {"k": (5, 3)}, {"k": (8, 0)}], [{"k": ("f", 0, [5, 3, 0])}]),
        ([{"k": (0, 5)}, {"k": (9, 3)}], [{"k": ("f", 0, [5])}, {"k": ("f", 9, [3])}]),
        ([], []),
    ],
)
def test_splice_splicer_joins_consecutive_ranges(ranges, copies):
    made = []
    splicer = Splicer({"k": "f"}, made.append)  # type: ignore[dict-item]
    for document in ranges:
        splicer.add(document)
    splicer.flush()
    assert made == copies


@pytest.mark.parametrize(
    "change,same",
    [
        (lambda rows: rows, True),
        (lambda rows: dataclasses.replace(rows, index=1), False),
        (lambda rows: dataclasses.replace(rows, document={**rows.document, "title": "T"}), False),
        (lambda rows: dataclasses.replace(rows, entities=[{"actor_id": "kyiv", "entity_id": "e"}]), False),
    ],
)
def test_splice_document_digest(change, same):
    rows = DocumentRows(0, {"doc_id": "a", "title": ""}, [{"actor_id": "biden", "entity_id": "e"}], [], [], [])
    actors = {"actor:biden": {}}
    digest = document_digest(rows, actors, excel_safe=False)
    assert (document_digest(change(rows), actors, excel_safe=False) == digest) is same
    assert document_digest(rows, {}, excel_safe=False) != digest
    assert document_digest(rows, actors, excel_safe=True) != digest


def test_splice_keep_previous_moves_only_files(tmp_path):
    (tmp_path / "graph.json").write_text("{}", encoding="utf8")
    (tmp_path / "report.html").mkdir()
    keep_previous(tmp_path, ["graph.json", "report.html", "nodes.csv"])
    assert [p.name for p in (tmp_path / CACHE_DIR / PREVIOUS_DIR).iterdir()] == ["graph.json"]
    assert (tmp_path / "report.html").is_dir()
    shutil.rmtree(tmp_path / CACHE_DIR)


@pytest.mark.issue(12)
def test_splice_run_stopped_before_its_index_leaves_none_that_misleads(tmp_path, output_folder, monkeypatch):
    """New files in place but the index still the earlier one's: the next run renders, and is right."""
    out, clean = tmp_path / "out", tmp_path / "clean"
    _write(output_folder, out, _three_documents())
    write_graph_and_report(out, splice=True)
    tables = _changed(_three_documents())
    _write(output_folder, out, tables)
    _write(output_folder, clean, tables)

    def stop(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(splice.SpliceIndex, "save", stop)
        with pytest.raises(KeyboardInterrupt):
            write_graph_and_report(out, splice=True)
    assert _rerun_equals_clean(out, clean, monkeypatch) == [0, 3]


@pytest.mark.issue(12)
def test_splice_index_from_a_work_folder_on_another_file_system(tmp_path, output_folder, monkeypatch):
    """A work folder that can't be renamed from (another file system): the index is copied, and used."""
    out, clean = tmp_path / "out", tmp_path / "clean"
    _write(output_folder, out, _three_documents())
    _write(output_folder, clean, _three_documents())
    replace = splice.os.replace

    def across_devices(source, target):
        if Path(source).name == "contributions.blob":
            raise OSError(18, "Invalid cross-device link")
        replace(source, target)

    with monkeypatch.context() as patch:
        patch.setattr(splice.os, "replace", across_devices)
        write_graph_and_report(out, splice=True)
    assert _rerun_equals_clean(out, clean, monkeypatch) == [3, 0]
