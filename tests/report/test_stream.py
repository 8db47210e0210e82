"""Streaming the report: the same page as `render_report` over whole tables."""

from __future__ import annotations

import networkx as nx
import pytest
from tests.graph.test_build import _corpus

from extractor.graph.build import build_graph
from extractor.graph.columns import GRAPH_FILES
from extractor.graph.files import write_graph_files
from extractor.graph.spill import RecordFile
from extractor.graph.stream import GraphStream
from extractor.outputs.loading import load
from extractor.report import stream as report_stream
from extractor.report.html import write_graph_and_report, write_report
from extractor.report.stream import ViewPicker, stream_graph_and_report
from extractor.report.svg import graph_view
from extractor.report.worker import Worker, WorkerError


def _expected_report(out_dir, tmp_path) -> bytes:
    tables = load(out_dir)
    return write_report(out_dir, tmp_path / "expected.html", tables=tables, graph=build_graph(tables)).read_bytes()


@pytest.mark.parametrize("chunk_rows,buffer_size", [(20_000, 20_000), (1, 2)])
def test_stream_report_equals_in_memory_report(tmp_path, output_folder, chunk_rows, buffer_size):
    out_dir = output_folder(tmp_path / "out", _corpus())
    work_dir = tmp_path / "work"
    work_dir.mkdir()
    _, path = stream_graph_and_report(out_dir, work_dir, chunk_rows=chunk_rows, buffer_size=buffer_size)
    assert path.read_bytes() == _expected_report(out_dir, tmp_path)


def test_stream_write_graph_and_report_writes_every_file(tmp_path, output_folder):
    out_dir = output_folder(tmp_path / "out", _corpus())
    expected = tmp_path / "expected"
    expected.mkdir()
    write_graph_files(build_graph(load(out_dir)), expected)
    summary, path = write_graph_and_report(out_dir)
    assert path.read_bytes() == _expected_report(out_dir, tmp_path)
    assert [file.name for file in summary.files] == list(GRAPH_FILES.values())
    for filename in GRAPH_FILES.values():
        assert (out_dir / filename).read_bytes() == (expected / filename).read_bytes(), filename
    assert not [file for file in out_dir.iterdir() if file.name.startswith(".")]


def test_stream_write_report_alone_streams(tmp_path, output_folder):
    out_dir = output_folder(tmp_path / "out", _corpus())
    assert write_report(out_dir).read_bytes() == _expected_report(out_dir, tmp_path)
    assert not (out_dir / "nodes.csv").exists()


def test_stream_report_tables_out_of_order_fall_back(tmp_path, output_folder):
    tables = _corpus()
    tables["quotes"] = sorted(tables["quotes"], key=lambda row: row.doc_id, reverse=True)
    out_dir = output_folder(tmp_path / "out", tables)
    _, path = write_graph_and_report(out_dir)
    assert path.read_bytes() == _expected_report(out_dir, tmp_path)


@pytest.mark.parametrize("max_nodes", [1, 2, 3, 5, 8, 300])
@pytest.mark.parametrize("budget", [1, 20_000])
@pytest.mark.parametrize("reverse", [False, True])
def test_stream_view_picker_equals_graph_view(tmp_path, output_folder, monkeypatch, max_nodes, budget, reverse):
    """A budget of 1 statement reads the records again for every further actor; the view
    does not depend on the order of the records."""
    monkeypatch.setattr(report_stream, "VIEW_BUDGET", budget)
    out_dir = output_folder(tmp_path / "out", _corpus())
    work_dir = tmp_path / "work"
    work_dir.mkdir()
    stream = GraphStream(out_dir, work_dir, work_dir)
    records = RecordFile(work_dir, "statements", buffer_size=2)
    scan = stream.scan(on_document=lambda rows, graph, contribution: [records.add(r) for r in contribution.records])
    picker = ViewPicker(scan, max_nodes=max_nodes)
    picker.pick(lambda: reversed(list(records)) if reverse else iter(records))
    stream.write_actors()
    stream.write_co_quoted(visit=picker.visit_actor_edge)
    stream.close()
    expected = graph_view(build_graph(load(out_dir)), max_nodes=max_nodes)
    view = picker.view()
    assert list(view.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(view.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert isinstance(view, nx.MultiDiGraph)


@pytest.mark.parametrize("parallel", [True, False])
def test_stream_worker_process_writes_the_same_files(tmp_path, output_folder, parallel):
    """The worker (blocks, GraphML, GEXF, JSON in a child process) changes no byte."""
    out_dir = output_folder(tmp_path / "out", _corpus())
    expected = tmp_path / "expected"
    expected.mkdir()
    write_graph_files(build_graph(load(out_dir)), expected)
    work_dir = tmp_path / "work"
    work_dir.mkdir()
    _, path = stream_graph_and_report(out_dir, work_dir, parallel=parallel, chunk_rows=1, buffer_size=2)
    assert path.read_bytes() == _expected_report(out_dir, tmp_path)
    for filename in GRAPH_FILES.values():
        assert (out_dir / filename).read_bytes() == (expected / filename).read_bytes(), filename


@pytest.mark.parametrize("message", [("batch", "actor_nodes", [("actor:a", {"kind": "actor"})])])
def test_stream_worker_failure_raises_with_its_traceback(tmp_path, message):
    worker = Worker(tmp_path / "blocks.part")
    try:
        worker._put(message)  # a batch before the folder
        with pytest.raises(WorkerError, match="the folder comes before the batches"):
            worker.finish()
    finally:
        worker.close()
