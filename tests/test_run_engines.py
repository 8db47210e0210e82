"""Issue 12: every way of running gives the same bytes.

`--workers 1`, `--workers 2`, a cached re-run, a re-run after documents
changed or vanished, and the Dask engine on a 2-worker LocalCluster all write
tables, graph files and report byte-identical to a clean run of the same inputs.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from extractor.processing.cache import CACHE_DIR
from extractor.run import run

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
pytestmark = pytest.mark.issue(12)


def _outputs(out: Path) -> dict[str, bytes]:
    """Every file a run wrote, except the manifest (it records time and how the run went)."""
    return {
        p.name: p.read_bytes()
        for p in sorted(out.iterdir())
        if p.is_file() and p.name not in ("manifest.json", ".extractor.lock")
    }


def _corpus(folder: Path) -> Path:
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _corpus(tmp_path_factory.mktemp("engines") / "seeds")


@pytest.fixture(scope="module")
def reference(tmp_path_factory, corpus) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("engines") / "reference"
    run(corpus, out, model="bundled", workers=1, cache=False)
    assert not (out / CACHE_DIR).exists()
    return _outputs(out)


def test_run_engines_workers_2_is_byte_identical(tmp_path, corpus, reference):
    summary = run(corpus, tmp_path / "out", model="bundled", workers=2, cache=False)
    assert summary.workers == 2
    assert _outputs(tmp_path / "out") == reference


def test_run_engines_cached_rerun_is_byte_identical(tmp_path, corpus, reference):
    first = run(corpus, tmp_path / "out", model="bundled")
    again = run(corpus, tmp_path / "out", model="bundled")
    assert first.cached_documents == 0
    assert again.cached_documents == again.documents_ok == first.documents_ok
    assert _outputs(tmp_path / "out") == reference


def test_run_engines_rerun_parses_only_what_changed(tmp_path, corpus):
    edited = _corpus(tmp_path / "edited")
    out = tmp_path / "out"
    first = run(edited, out, model="bundled", workers=1)
    (edited / "kenya-floods.md").unlink()
    changed = edited / "port-strike-rotterdam.txt"
    changed.write_text(changed.read_text(encoding="utf8").replace("Rotterdam", "Antwerp"), encoding="utf8")
    again = run(edited, out, model="bundled", workers=1)
    assert again.documents_ok == first.documents_ok - 1
    assert again.cached_documents == first.documents_ok - 2
    clean = tmp_path / "clean"
    run(edited, clean, model="bundled", cache=False)
    assert _outputs(out) == _outputs(clean)
    assert b"kenya-floods.md" not in _outputs(out)["documents.csv"]


def test_run_engines_rerun_parses_a_few_changed_documents_in_process(tmp_path, monkeypatch):
    import extractor.run as run_module

    edited = _corpus(tmp_path / "edited")
    out = tmp_path / "out"
    first = run(edited, out, model="bundled", workers=1)
    files = sorted(p for p in edited.iterdir() if p.is_file())
    monkeypatch.setattr(run_module, "BYTES_PER_WORKER", max(p.stat().st_size for p in files) + 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert run_module.default_workers(edited) == 2  # all of it to parse: both cores
    changed = edited / "port-strike-rotterdam.txt"
    changed.write_text(changed.read_text(encoding="utf8").replace("Rotterdam", "Antwerp"), encoding="utf8")
    again = run(edited, out, model="bundled", workers=None)
    assert (again.workers, again.cached_documents) == (1, first.documents_ok - 1)
    clean = tmp_path / "clean"
    run(edited, clean, model="bundled", workers=1, cache=False)
    assert _outputs(out) == _outputs(clean)


def _opened(monkeypatch) -> list[str]:
    """The input files the reader opens from now on, by relative path."""
    import extractor.io.readers as readers

    opened: list[str] = []
    read_bytes = readers.read_bytes

    def counting(file, relative, limit):
        opened.append(relative)
        return read_bytes(file, relative, limit)

    monkeypatch.setattr(readers, "read_bytes", counting)
    return opened


def test_run_engines_rerun_reads_only_files_that_changed(tmp_path, monkeypatch):
    edited = _corpus(tmp_path / "edited")
    out = tmp_path / "out"
    first = run(edited, out, model="bundled", workers=1)
    opened = _opened(monkeypatch)
    assert run(edited, out, model="bundled", workers=1).cached_documents == first.documents_ok
    assert opened == []
    # Same size and modification time, other words: the change time still tells.
    changed = edited / "port-strike-rotterdam.txt"
    state = changed.stat()
    changed.write_text(changed.read_text(encoding="utf8").replace("Rotterdam", "Amsterdam"), encoding="utf8")
    os.utime(changed, ns=(state.st_atime_ns, state.st_mtime_ns))
    assert changed.stat().st_size == state.st_size
    again = run(edited, out, model="bundled", workers=1)
    assert opened == ["port-strike-rotterdam.txt"]
    assert again.cached_documents == first.documents_ok - 1
    clean = tmp_path / "clean"
    run(edited, clean, model="bundled", cache=False)
    assert _outputs(out) == _outputs(clean)


def test_run_engines_files_with_errors_and_other_roots_are_read_again(tmp_path, monkeypatch):
    corpus = tmp_path / "inputs" / "news"
    corpus.mkdir(parents=True)
    (corpus / "a.txt").write_text("The mayor said the bridge would open in May.", encoding="utf8")
    (corpus / "feed.jsonl").write_text('{"id": "x", "text": "Rain fell."}\nnot json\n', encoding="utf8")
    out = tmp_path / "out"
    run(corpus, out, model="bundled", workers=1)
    opened = _opened(monkeypatch)
    run(corpus, out, model="bundled", workers=1)
    assert opened == ["feed.jsonl"]  # its errors row is made again
    assert b"E1" in (out / "errors.csv").read_bytes()
    # From the parent folder every id gains "news/": nothing known under the old ids is taken.
    run(corpus.parent, out, model="bundled", workers=1)
    assert opened == ["feed.jsonl", "news/a.txt", "news/feed.jsonl"]
    clean = tmp_path / "clean"
    run(corpus.parent, clean, model="bundled", cache=False)
    assert _outputs(out) == _outputs(clean)


@pytest.mark.parametrize("change", [{"overrides": {"reader.detect_title": False}}, {"reference_date": "2020-01-01"}])
def test_run_engines_changed_config_invalidates_the_cache(tmp_path, corpus, change):
    out = tmp_path / "out"
    run(corpus, out, model="bundled", graph=False)
    again = run(corpus, out, model="bundled", graph=False, **change)
    assert again.cached_documents == 0
    clean = tmp_path / "clean"
    run(corpus, clean, model="bundled", graph=False, cache=False, **change)
    assert _outputs(out) == _outputs(clean)


def test_run_engines_another_model_invalidates_the_cache(tmp_path, corpus, blank_model):
    out = tmp_path / "out"
    run(corpus, out, model="bundled", graph=False)
    assert run(corpus, out, model=str(blank_model), graph=False).cached_documents == 0


def test_run_engines_dask_local_cluster_is_byte_identical(tmp_path, corpus, reference):
    pytest.importorskip("distributed", reason="the Dask engine needs pip install 'extractor[dask]'")
    summary = run(corpus, tmp_path / "out", model="bundled", engine="dask", workers=2, cache=False)
    assert summary.engine == "dask"
    assert _outputs(tmp_path / "out") == reference
    assert not (tmp_path / "out" / ".extractor-shards").exists()


def test_run_engines_dask_scheduler_address(tmp_path, corpus, reference):
    """A running cluster, reached by its scheduler's address as `--scheduler` gives it."""
    distributed = pytest.importorskip("distributed", reason="the Dask engine needs pip install 'extractor[dask]'")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        run(corpus, tmp_path / "out", model="bundled", engine="dask", scheduler=cluster.scheduler_address, cache=False)
    assert _outputs(tmp_path / "out") == reference


def test_run_engines_excel_safe_cache_is_its_own(tmp_path, corpus):
    """The cache keeps CSV text as written, so --excel-safe reruns match, and switching it re-parses."""
    out = tmp_path / "out"
    run(corpus, out, model="bundled", graph=False, excel_safe=True)
    again = run(corpus, out, model="bundled", graph=False, excel_safe=True)
    assert again.cached_documents == again.documents_ok
    clean = tmp_path / "clean"
    run(corpus, clean, model="bundled", graph=False, excel_safe=True, cache=False)
    assert _outputs(out) == _outputs(clean)
    assert run(corpus, out, model="bundled", graph=False).cached_documents == 0


def test_run_engines_unreachable_scheduler_leaves_the_folder_alone(tmp_path, corpus, monkeypatch):
    pytest.importorskip("distributed", reason="the Dask engine needs pip install 'extractor[dask]'")
    from extractor.errors import ExtractorError
    from extractor.processing import cluster

    out = tmp_path / "out"
    run(corpus, out, model="bundled", graph=False, cache=False)
    before = _outputs(out)
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(ExtractorError, match="E214"):
        run(corpus, out, model="bundled", engine="dask", scheduler="tcp://127.0.0.1:1")
    assert _outputs(out) == before


@pytest.mark.parametrize("first,then", [(1, 2), (2, 1)])
def test_run_engines_cache_serves_any_number_of_workers(tmp_path, corpus, monkeypatch, first, then):
    """With workers the run's process never loads the model; its cache entries must not tell.
    With every document cached, no worker is started or waited for."""
    from extractor.processing.engines import ProcessEngine

    out = tmp_path / "out"
    written = run(corpus, out, model="bundled", workers=first, graph=False)
    waited: list[int] = []
    monkeypatch.setattr(ProcessEngine, "ready", lambda engine: waited.append(engine.workers))
    again = run(corpus, out, model="bundled", workers=then, graph=False)
    assert again.cached_documents == again.documents_ok == written.documents_ok
    assert waited == []


def _run_fails_and_leaves_the_folder(out: Path, corpus: Path, code: str, **options) -> None:
    from extractor.errors import ExtractorError

    run(corpus, out, model="bundled", graph=False, cache=False)
    before = _outputs(out)
    with pytest.raises(ExtractorError, match=code):
        run(corpus, out, graph=False, **options)
    assert _outputs(out) == before


@pytest.mark.parametrize(
    "files,code",
    [
        ({"meta.json": "{not json"}, "E203"),  # found out in the run's process
        ({"tokenizer": "not msgpack"}, "E203"),  # found out in a worker
    ],
)
def test_run_engines_model_workers_cannot_load_is_its_error(tmp_path, corpus, broken_model, files, code):
    model = str(broken_model(files))
    _run_fails_and_leaves_the_folder(tmp_path / "out", corpus, code, model=model, workers=2)


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_run_engines_stage_workers_cannot_add_is_its_error(tmp_path, corpus, blank_model, engine):
    if engine == "dask":
        pytest.importorskip("distributed", reason="the Dask engine needs pip install 'extractor[dask]'")
    pipeline = tmp_path / "bad.cfg"
    pipeline.write_text('[pipeline]\nstages = ["x"]\n[components]\n[components.x]\nfactory = "no_such_factory"\n')
    options = {"model": str(blank_model), "pipeline": pipeline, "engine": engine, "workers": 2}
    _run_fails_and_leaves_the_folder(tmp_path / "out", corpus, "E207", **options)
