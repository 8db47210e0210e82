from __future__ import annotations

import csv
from dataclasses import asdict, astuple, fields
from pathlib import Path

import pandas as pd
import pytest

from extractor.outputs.loading import PANDAS_DTYPES, MissingColumnError, MissingTableError, Tables, load
from extractor.types import TABLES, ActorRow, ClaimRow, DateRow, EntityRow, QuoteRow, columns

QUOTE = QuoteRow("q1", "a.txt", "direct", 'He said, "yes, 100%"', 4, 24, "", None, None, "", "", None, 0, "rule")
CLAIM = ClaimRow(
    "c1", "a.txt", "assertion", "Prices rose 3%.", 30, 45, "", None, None, "", "", "", None, "", True, "", 1, "figure"
)
ROWS = {
    "actors": [ActorRow("act1", "Ann Lee", "person", "Lee", "minister", 1, 2)],
    "entities": [EntityRow("e1", "a.txt", "Ann Lee", "person", "minister", "Lee", 2, 0, "act1")],
    "quotes": [QUOTE, QuoteRow("q2", "a.txt", "indirect", "no", 50, 52, "Lee", 40, 43, "e1", "say", 44, 2, "rule")],
    "claims": [
        CLAIM,
        ClaimRow(
            "c2",
            "a.txt",
            "stance",
            "Lee denied it",
            60,
            73,
            "Lee",
            60,
            63,
            "e1",
            "person",
            "deny",
            64,
            "negative",
            False,
            "",
            3,
            "stance",
        ),
    ],
    "dates": [DateRow("d1", "a.txt", "Monday", 80, 86, "", "", "", "unresolved")],
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
        for field in fields(TABLES[name]):  # pyarrow needs a dtype for empty and all-None columns
            frame[field.name] = frame[field.name].astype(PANDAS_DTYPES[str(field.type)])
        frame.to_parquet(out_dir / f"{name}.parquet", index=False)
    return out_dir


@pytest.fixture()
def csv_dir(tmp_path) -> Path:
    return _write_csv_folder(tmp_path / "csv")


@pytest.mark.parametrize("name", list(TABLES))
def test_load_dtypes_follow_the_schema(csv_dir, name):
    frame = load(csv_dir)[name]
    assert list(frame.columns) == columns(name)
    expected = {field.name: PANDAS_DTYPES[str(field.type)] for field in fields(TABLES[name])}
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
