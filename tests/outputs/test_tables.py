from __future__ import annotations

import csv
from dataclasses import fields

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.errors import OutputError
from extractor.outputs.tables import TableWriter, arrow_schema, sort_rows
from extractor.types import TABLES, DateRow, ErrorRow, columns


def _date(doc_id="d", start=0, end=4, text="2024", value="2024"):
    return DateRow(
        date_id=f"id{start}",
        doc_id=doc_id,
        text=text,
        start_char=start,
        end_char=end,
        value=value,
        granularity="year",
        anchor="",
        method="absolute",
    )


def test_tables_writer_writes_every_table_with_header(tmp_path):
    writer = TableWriter(tmp_path)
    writer.write("dates", [_date()])
    finished = writer.close()
    assert set(finished) == set(TABLES)
    for name, path in finished.items():
        with path.open(encoding="utf8", newline="") as handle:
            assert next(csv.reader(handle)) == columns(name)
    assert (tmp_path / "dates.csv").read_text(encoding="utf8").splitlines()[1] == "id0,d,2024,0,4,2024,year,,absolute"
    assert not list(tmp_path.glob("*.partial"))


def test_tables_abort_keeps_partial_files_and_no_final_ones(tmp_path):
    writer = TableWriter(tmp_path)
    writer.write("errors", [ErrorRow(path="a.txt", line=0, doc_id="", code="E101", reason="empty")])
    writer.abort()
    assert not (tmp_path / "errors.csv").exists()
    assert "a.txt" in (tmp_path / "errors.csv.partial").read_text(encoding="utf8")


def test_tables_unknown_format_is_an_error(tmp_path):
    with pytest.raises(OutputError, match="xlsx"):
        TableWriter(tmp_path, "xlsx")


def test_tables_parquet_round_trips_types(tmp_path):
    import pyarrow.parquet as pq

    writer = TableWriter(tmp_path, "parquet")
    writer.write("dates", [_date(), _date(start=5, end=9, value="")])
    writer.close()
    rows = pq.read_table(tmp_path / "dates.parquet").to_pylist()
    assert rows[0]["start_char"] == 0 and rows[1]["value"] == ""
    assert not (tmp_path / "dates.csv").exists()
    assert not list(tmp_path.glob("*.partial")) and not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("name", list(TABLES))
def test_tables_arrow_schema_follows_the_column_types(name):
    import pyarrow as pa

    expected = {"str": pa.string(), "int": pa.int64(), "int | None": pa.int64(), "bool": pa.bool_()}
    schema = arrow_schema(name)
    assert schema.names == columns(name)
    assert [schema.field(f.name).type for f in fields(TABLES[name])] == [
        expected[str(f.type)] for f in fields(TABLES[name])
    ]


def test_tables_csv_cells_with_newlines_and_quotes_survive(tmp_path):
    text = 'He said "no,\nnever"'
    writer = TableWriter(tmp_path)
    writer.write("dates", [_date(text=text)])
    writer.close()
    with (tmp_path / "dates.csv").open(encoding="utf8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["text"] == text


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50), st.sampled_from(["", "x", "2024"])), max_size=20))
def test_tables_sort_rows_is_order_independent(items):
    rows = [_date(start=s, end=s + e, value=v) for s, e, v in items]
    assert sort_rows("dates", rows) == sort_rows("dates", list(reversed(rows)))
    starts = [row.start_char for row in sort_rows("dates", rows)]
    assert starts == sorted(starts)


HOSTILE = ["=cmd|' /C calc'!A0", "@SUM(1+1)", "+1", "-x", "\tTab", "'=quoted", "plain"]


def _errors(reasons):
    return [ErrorRow(path=f"f{i}.txt", line=0, doc_id=f"d{i}", code="E102", reason=r) for i, r in enumerate(reasons)]


@pytest.mark.issue(14)
@pytest.mark.parametrize("excel_safe", [False, True])
def test_tables_excel_safe_prefixes_formula_cells_in_csv(tmp_path, excel_safe):
    from extractor.outputs.cells import excel_safe_text

    writer = TableWriter(tmp_path, excel_safe=excel_safe)
    writer.write("errors", _errors(HOSTILE))
    writer.close()
    with (tmp_path / "errors.csv").open(encoding="utf8", newline="") as handle:
        reasons = [row["reason"] for row in csv.DictReader(handle)]
    assert reasons == ([excel_safe_text(text) for text in HOSTILE] if excel_safe else HOSTILE)
    assert reasons[-1] == "plain" and (reasons[0] == "'=cmd|' /C calc'!A0") is excel_safe


@pytest.mark.issue(14)
def test_tables_excel_safe_leaves_parquet_text_as_it_is(tmp_path):
    """No spreadsheet runs a Parquet cell, and the Parquet file is made from the `.partial` CSV."""
    import pyarrow.parquet as pq

    writer = TableWriter(tmp_path, "parquet", excel_safe=True)
    writer.write("errors", _errors(HOSTILE))
    writer.close()
    assert pq.read_table(tmp_path / "errors.parquet").column("reason").to_pylist() == HOSTILE


@pytest.mark.issue(14)
def test_tables_lone_surrogate_is_written_not_raised(tmp_path):
    """A JSON `\\ud800` escape in an id or text can't end the run with a UnicodeEncodeError."""
    writer = TableWriter(tmp_path)
    writer.write("errors", [ErrorRow(path="w.jsonl", line=2, doc_id="bad\ud800id", code="E110", reason="x")])
    writer.close()
    assert "bad\ufffdid" in (tmp_path / "errors.csv").read_text(encoding="utf8")
