"""Streaming the graph files: the same bytes as `build_graph` + `files.py`, in bounded memory."""

from __future__ import annotations

import pickle

import pytest
from tests.graph.test_build import _corpus

from extractor.graph.build import build_graph, write_graph
from extractor.graph.columns import GRAPH_FILES
from extractor.graph.files import write_graph_files
from extractor.graph.scan import TableOrderError
from extractor.graph.spill import RecordFile, SortedSpill
from extractor.graph.stream import GraphStream
from extractor.outputs.loading import iter_table_rows, load


def _expected_files(out_dir, tmp_path):
    expected = tmp_path / "expected"
    expected.mkdir()
    write_graph_files(build_graph(load(out_dir)), expected)
    return expected


def _reversed_documents() -> dict[str, list]:
    """The corpus with b.txt before a.txt in every table: documents out of id order."""
    return {
        name: sorted(rows, key=lambda row: row.doc_id, reverse=True) if name != "actors" else rows
        for name, rows in _corpus().items()
    }


def _without(*names: str) -> dict[str, list]:
    return {name: [] if name in names else rows for name, rows in _corpus().items()}


@pytest.mark.parametrize("chunk_rows,buffer_size", [(20_000, 20_000), (1, 2), (3, 1)])
@pytest.mark.parametrize(
    "tables",
    [
        _corpus(),
        _reversed_documents(),
        # No co_quoted edges, no statements, no nodes at all: the files' empty sections.
        _without("quotes"),
        _without("quotes", "claims"),
        _without("quotes", "claims", "documents", "actors", "entities", "mentions"),
    ],
)
def test_stream_files_equal_build_graph_files(tmp_path, output_folder, chunk_rows, buffer_size, tables):
    """Tiny chunks and spill buffers cross every chunk boundary and merge several sorted runs."""
    out_dir = output_folder(tmp_path / "out", tables)
    expected = _expected_files(out_dir, tmp_path)
    graph_dir, work_dir = tmp_path / "streamed", tmp_path / "work"
    graph_dir.mkdir()
    work_dir.mkdir()
    stream = GraphStream(out_dir, graph_dir, work_dir)
    stream.scan(chunk_rows=chunk_rows, buffer_size=buffer_size)
    stream.write_actors()
    stream.write_co_quoted()
    summary = stream.finish()
    for filename in GRAPH_FILES.values():
        assert (graph_dir / filename).read_bytes() == (expected / filename).read_bytes(), filename
    if tables == _corpus():
        assert summary.node_counts == {"actor": 4, "claim": 1, "document": 2, "quote": 5}
        assert summary.edge_counts == {"co_quoted": 1, "in": 6, "mentions": 5, "said": 5}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_stream_write_graph_streams_both_formats(tmp_path, output_folder, fmt):
    out_dir = output_folder(tmp_path / "out", _corpus(), fmt)
    expected = _expected_files(out_dir, tmp_path)
    write_graph(out_dir)
    for filename in GRAPH_FILES.values():
        assert (out_dir / filename).read_bytes() == (expected / filename).read_bytes(), filename
    assert not [path for path in out_dir.iterdir() if path.name.startswith(".graph-")]


@pytest.mark.parametrize("table", ["quotes", "mentions"])
def test_stream_tables_out_of_document_order_fall_back(tmp_path, output_folder, table):
    """Rows of b.txt before a.txt can't be zipped on the documents table: the graph is built in memory."""
    tables = _corpus()
    tables[table] = sorted(tables[table], key=lambda row: row.doc_id, reverse=True)
    out_dir = output_folder(tmp_path / "out", tables)
    expected = _expected_files(out_dir, tmp_path)
    write_graph(out_dir)
    for filename in GRAPH_FILES.values():
        assert (out_dir / filename).read_bytes() == (expected / filename).read_bytes(), filename


@pytest.mark.parametrize("table", ["claims", "documents"])
def test_stream_node_id_twice_falls_back(tmp_path, output_folder, table):
    """A claim or document row twice makes one node in memory: the stream can't write it so and gives way."""
    tables = _corpus()
    rows = tables[table]
    tables[table] = [*rows, rows[-1]]
    out_dir = output_folder(tmp_path / "out", tables)
    work_dir = tmp_path / "work"
    work_dir.mkdir()
    with pytest.raises(TableOrderError, match="appears twice"):
        GraphStream(out_dir, work_dir, work_dir).scan(buffer_size=1)
    expected = _expected_files(out_dir, tmp_path)
    write_graph(out_dir)
    for filename in GRAPH_FILES.values():
        assert (out_dir / filename).read_bytes() == (expected / filename).read_bytes(), filename


@pytest.mark.parametrize("chunk_rows", [1, 2, 5, 100])
def test_stream_chunked_rows_equal_loaded_rows(tmp_path, output_folder, chunk_rows):
    out_dir = output_folder(tmp_path / "out", _corpus())
    tables = load(out_dir)
    for name in ("documents", "mentions", "quotes", "claims"):
        expected = tables[name].astype(object).where(tables[name].notna(), None).to_dict("records")
        assert list(iter_table_rows(out_dir, name, chunk_rows=chunk_rows)) == expected


@pytest.mark.parametrize("buffer_size", [1, 2, 3, 100])
@pytest.mark.parametrize("spill,sort", [(SortedSpill, True), (RecordFile, False)])
def test_stream_spills_give_records_back(tmp_path, buffer_size, spill, sort):
    """A sorted spill merges its runs stably (equal keys in the order added); a record file keeps that order."""
    records = spill(tmp_path, "test", buffer_size=buffer_size)
    added = [("b", 1), ("a", 2), ("c", 3), ("a", 4), ("b", 5)]
    for record in added:
        records.add(record)
    assert list(records) == (sorted(added, key=lambda record: record[0]) if sort else added)
    assert list(records) == list(records)


@pytest.mark.issue(12)
@pytest.mark.parametrize("buffer_size,pickled_size", [(1, 1), (2, 1 << 20), (100, 1)])
def test_stream_record_file_takes_pickled_records_in_order(tmp_path, monkeypatch, buffer_size, pickled_size):
    """Records a splice index kept pickled go to the file as they are, in the order added."""
    monkeypatch.setattr("extractor.graph.spill.PICKLED_SIZE", pickled_size)
    records = RecordFile(tmp_path, "test", buffer_size=buffer_size)
    records.add(("a", 1))
    records.add_pickled(pickle.dumps([("b", 2), ("c", 3)]), 2)
    records.add_pickled(pickle.dumps([]), 0)
    records.add(("d", 4))
    records.add_pickled(pickle.dumps([("e", 5)]), 1)
    assert list(records) == [("a", 1), ("b", 2), ("c", 3), ("d", 4), ("e", 5)]
    records.add(("f", 6))
    assert [record[0] for record in records] == list("abcdef")
    assert records.count == 6
