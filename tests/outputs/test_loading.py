from __future__ import annotations

import csv
import subprocess
import sys
from dataclasses import asdict, astuple, fields
from pathlib import Path

import pandas as pd
import pytest
from tests.rows import quote_row

from extractor.outputs.loading import MissingColumnError, MissingTableError, Tables, csv_rows, iter_table_rows, load
from extractor.types import TABLES, ActorRow, ClaimRow, DateRow, EntityRow, column_types, columns

QUOTE = quote_row('He said, "yes, 100%"', 4, quote_id="q1", doc_id="a.txt", cue="", method="rule")
CLAIM = ClaimRow(
    claim_id="c1",
    doc_id="a.txt",
    kind="assertion",
    text="Prices rose 3%.",
    start_char=30,
    end_char=45,
    source_text="",
    source_start_char=None,
    source_end_char=None,
    source_entity_id="",
    source_kind="",
    cue="",
    cue_start_char=None,
    polarity="",
    has_figure=True,
    quote_id="",
    sentence_index=1,
    method="figure",
)
ROWS = {
    "actors": [
        ActorRow(
            actor_id="act1", name="Ann Lee", kind="person", aliases="Lee", roles="minister", n_documents=1, n_mentions=2
        )
    ],
    "entities": [
        EntityRow(
            entity_id="e1",
            doc_id="a.txt",
            name="Ann Lee",
            kind="person",
            roles="minister",
            aliases="Lee",
            n_mentions=2,
            first_char=0,
            actor_id="act1",
        )
    ],
    "quotes": [
        QUOTE,
        quote_row(
            "no",
            50,
            quote_id="q2",
            doc_id="a.txt",
            kind="indirect",
            speaker_text="Lee",
            speaker_start_char=40,
            speaker_end_char=43,
            speaker_entity_id="e1",
            cue_start_char=44,
            sentence_index=2,
            method="rule",
        ),
    ],
    "claims": [
        CLAIM,
        ClaimRow(
            claim_id="c2",
            doc_id="a.txt",
            kind="stance",
            text="Lee denied it",
            start_char=60,
            end_char=73,
            source_text="Lee",
            source_start_char=60,
            source_end_char=63,
            source_entity_id="e1",
            source_kind="person",
            cue="deny",
            cue_start_char=64,
            polarity="negative",
            has_figure=False,
            quote_id="",
            sentence_index=3,
            method="stance",
        ),
    ],
    "dates": [
        DateRow(
            date_id="d1",
            doc_id="a.txt",
            text="Monday",
            start_char=80,
            end_char=86,
            value="",
            granularity="",
            anchor="",
            method="unresolved",
        )
    ],
}


def _cell(value) -> str:
    return "" if value is None else ("true" if value else "false") if isinstance(value, bool) else str(value)


def _write_csv_folder(out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        with (out_dir / f"{name}.csv").open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file, lineterminator="\n")
            writer.writerow(columns(name))
            writer.writerows([_cell(value) for value in astuple(row)] for row in ROWS.get(name, []))
    return out_dir


def _write_parquet_folder(out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        records = [asdict(row) for row in ROWS.get(name, [])]
        frame = pd.DataFrame.from_records(records, columns=columns(name))
        for column, column_type in column_types(name).items():  # pyarrow needs a dtype for empty and all-None columns
            frame[column] = frame[column].astype(column_type.pandas)
        frame.to_parquet(out_dir / f"{name}.parquet", index=False)
    return out_dir


@pytest.fixture()
def csv_dir(tmp_path) -> Path:
    return _write_csv_folder(tmp_path / "csv")


@pytest.mark.parametrize("name", list(TABLES))
def test_load_dtypes_follow_the_schema(csv_dir, name):
    frame = load(csv_dir)[name]
    assert list(frame.columns) == columns(name)
    expected = {column: column_type.pandas for column, column_type in column_types(name).items()}
    assert {column: str(dtype) for column, dtype in frame.dtypes.items()} == expected


@pytest.mark.parametrize(
    "table,row,column,expected",
    [
        ("quotes", 0, "speaker_start_char", None),
        ("quotes", 1, "speaker_start_char", 40),
        ("quotes", 0, "speaker_text", ""),
        ("quotes", 0, "text", 'He said, "yes, 100%"'),
        ("claims", 0, "has_figure", True),
        ("claims", 1, "has_figure", False),
        ("claims", 0, "start_char", 30),
        ("dates", 0, "value", ""),
    ],
)
def test_load_values_round_trip(csv_dir, table, row, column, expected):
    value = load(csv_dir)[table].at[row, column]
    assert (value is pd.NA) if expected is None else (value == expected)


def test_load_parquet_equals_csv(csv_dir, tmp_path):
    from_csv = load(csv_dir)
    from_parquet = load(_write_parquet_folder(tmp_path / "parquet"))
    for name in TABLES:
        pd.testing.assert_frame_equal(from_parquet[name], from_csv[name])


def test_load_attributes_and_mapping_are_the_same_frames(csv_dir):
    tables = load(str(csv_dir))
    assert isinstance(tables, Tables) and tables.out_dir == csv_dir
    assert list(tables) == list(TABLES) and len(tables) == len(TABLES)
    assert tables["quotes"] is tables.quotes
    assert dict(tables.items())["claims"] is tables.claims
    assert "quotes=2" in repr(tables)


def test_load_unknown_table_is_a_key_error(csv_dir):
    with pytest.raises(KeyError, match="tables are: documents"):
        load(csv_dir)["speakers"]


@pytest.mark.parametrize("removed", ["documents", "errors"])
def test_load_missing_table_names_folder_and_table(csv_dir, removed):
    (csv_dir / f"{removed}.csv").unlink()
    with pytest.raises(MissingTableError, match=rf"\[E401\] Output folder '{csv_dir}' lacks the table\(s\) {removed}"):
        load(csv_dir)


def test_load_missing_optional_table_is_empty_with_schema(csv_dir):
    (csv_dir / "errors.csv").unlink()
    errors = load(csv_dir, required=["quotes"]).errors
    assert errors.empty and list(errors.columns) == columns("errors")


def test_load_missing_column_is_an_error(csv_dir):
    (csv_dir / "actors.csv").write_text("actor_id,name\nact1,Ann Lee\n", encoding="utf-8")
    with pytest.raises(MissingColumnError, match=r"\[E402\].*actors.csv.*kind, aliases"):
        load(csv_dir)


def test_load_extra_columns_are_kept_after_the_schema(csv_dir):
    path = csv_dir / "errors.csv"
    path.write_text(",".join(columns("errors")) + ",note\na.txt,0,,E102,empty,x\n", encoding="utf-8")
    errors = load(csv_dir).errors
    assert list(errors.columns) == columns("errors") + ["note"]
    assert errors.at[0, "line"] == 0


def test_load_missing_folder_is_a_missing_table_error(tmp_path):
    with pytest.raises(MissingTableError, match="nowhere"):
        load(tmp_path / "nowhere")


def test_load_tables_has_one_attribute_per_schema_table():
    assert [field.name for field in fields(Tables)] == ["out_dir", *TABLES]


def test_load_is_reachable_from_the_package(tmp_path, output_folder):
    import extractor

    folder = output_folder(tmp_path / "out", {})
    assert extractor.load(folder).quotes.empty
    import extractor.outputs.loading

    assert callable(extractor.load)


FORMULAS = ["=cmd|' /C calc'!A0", "@SUM(1+1)", "+1", "-x", "\tTab", "'=quoted", "'Twas", "plain"]


def _excel_safe_folder(out_dir: Path, manifest: str | None, fmt: str = "csv") -> Path:
    from extractor.outputs.tables import TableWriter
    from extractor.types import ErrorRow

    writer = TableWriter(out_dir, fmt, excel_safe=True)
    rows = [ErrorRow(path=f"{i}.txt", line=0, doc_id=text, code="E102", reason=text) for i, text in enumerate(FORMULAS)]
    writer.write("errors", rows)
    writer.close()
    if manifest is not None:
        (out_dir / "manifest.json").write_text(manifest, encoding="utf8")
    return out_dir


@pytest.mark.issue(14)
@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_load_undoes_excel_safe_when_the_manifest_says_so(tmp_path, fmt):
    errors = load(_excel_safe_folder(tmp_path, '{"excel_safe": true}', fmt)).errors
    assert list(errors["reason"]) == FORMULAS and list(errors["doc_id"]) == FORMULAS
    assert str(errors["reason"].dtype) == "string"


@pytest.mark.issue(14)
@pytest.mark.parametrize("manifest", [None, '{"excel_safe": false}'])
def test_load_keeps_cells_as_written_without_excel_safe_in_the_manifest(tmp_path, manifest):
    from extractor.outputs.cells import excel_safe_text

    errors = load(_excel_safe_folder(tmp_path, manifest)).errors
    assert list(errors["reason"]) == [excel_safe_text(text) for text in FORMULAS]


@pytest.mark.issue(14)
@pytest.mark.parametrize("manifest", ["{not json", "[1, 2]"])
def test_load_unreadable_manifest_is_an_error(tmp_path, manifest):
    from extractor.errors import OutputError

    _excel_safe_folder(tmp_path, manifest)
    with pytest.raises(OutputError, match=r"\[E306\].*manifest.json"):
        load(tmp_path)


def _rows_as_loaded(folder: Path, name: str) -> list[dict]:
    # What `load()` holds for a table, as the plain values `iter_table_rows` gives.
    frame = load(folder)[name]
    return [
        {column: None if value is pd.NA else value for column, value in row.items()} for row in frame.to_dict("records")
    ]


@pytest.mark.issue(12)
@pytest.mark.parametrize("name", ["quotes", "claims", "dates", "actors", "errors"])
@pytest.mark.parametrize("chunk_rows", [1, 20_000])
def test_loading_iter_table_rows_reads_what_load_reads(csv_dir, name, chunk_rows):
    assert list(iter_table_rows(csv_dir, name, chunk_rows=chunk_rows)) == _rows_as_loaded(csv_dir, name)


@pytest.mark.issue(12)
@pytest.mark.parametrize("name", ["quotes", "claims"])
def test_loading_iter_table_rows_reads_any_column_order(csv_dir, name):
    expected = list(iter_table_rows(csv_dir, name))
    frame = pd.read_csv(csv_dir / f"{name}.csv", dtype=str, keep_default_na=False)
    frame[list(reversed(frame.columns))].assign(note="x").to_csv(csv_dir / f"{name}.csv", index=False)
    assert list(iter_table_rows(csv_dir, name, chunk_rows=1)) == expected


@pytest.mark.issue(12)
@pytest.mark.parametrize("length", [200_000])
def test_loading_iter_table_rows_reads_a_cell_past_the_csv_modules_limit(csv_dir, length):
    text = "word " * (length // 5)
    path = csv_dir / "errors.csv"
    path.write_text(",".join(columns("errors")) + f"\na.txt,0,,E102,{text}\n", encoding="utf-8")
    assert [row["reason"] for row in iter_table_rows(csv_dir, "errors")] == [text]


@pytest.mark.issue(12)
@pytest.mark.parametrize("name", ["quotes", "claims"])
def test_loading_csv_rows_reads_what_iter_table_rows_reads(csv_dir, name):
    data = (csv_dir / f"{name}.csv").read_bytes()
    assert csv_rows(name, data, False) == list(iter_table_rows(csv_dir, name))


@pytest.mark.issue(12)
@pytest.mark.parametrize("modules", ["extractor.run, extractor.report.html, extractor.graph.scan"])
def test_loading_a_run_never_imports_pandas(modules):
    # A run reads its tables back without pandas, which costs a quarter second to import.
    check = f"import sys, {modules}; sys.exit('pandas' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", check], check=False).returncode == 0
