"""Read an output folder back into typed pandas DataFrames.

`load("outputs/")` is the notebook entry point: every table of `types.TABLES`
becomes a DataFrame whose dtypes follow the row dataclasses (`str` → string,
`int` → int64, `int | None` → Int64, `bool` → boolean, as `types.COLUMN_TYPES`
says), so joins and filters behave the same whether the folder was written as
CSV or Parquet. A folder written with `--excel-safe` (its manifest says so)
gets the `'` that guarded formula-like CSV cells taken off again, so the
frames hold the original text.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.errors import ExtractorError
from extractor.outputs.cells import undo_excel_safe
from extractor.outputs.manifest import folder_is_excel_safe
from extractor.types import TABLES, ColumnType, column_types, columns

if TYPE_CHECKING:
    import pandas as pd

# CSV wins over Parquet when both exist: it is what `extractor run` writes by default.
TABLE_SUFFIXES = (".csv", ".parquet")
TRUE_TEXT = frozenset({"true", "1", "yes"})
FALSE_TEXT = frozenset({"false", "0", "no"})


class TableError(ExtractorError):
    """An output folder cannot be read as extractor tables (E4xx)."""


class MissingTableError(TableError):
    """An output folder lacks tables a command needs.

    out_dir (Path): The folder that was read.
    missing (Iterable[str]): Names of the absent tables.
    """

    def __init__(self, out_dir: str | Path, missing: Iterable[str]) -> None:
        self.out_dir = Path(out_dir)
        self.missing = tuple(missing)
        files = ", ".join(f"{name}.csv" for name in self.missing)
        super().__init__("E401", path=self.out_dir, tables=", ".join(self.missing), files=files)


class MissingColumnError(TableError):
    """A table file lacks columns of the schema in `types.py`.

    path (Path): The table file.
    missing (Iterable[str]): Names of the absent columns.
    """

    def __init__(self, path: str | Path, missing: Iterable[str]) -> None:
        self.path = Path(path)
        self.missing = tuple(missing)
        super().__init__("E402", path=self.path, columns=", ".join(self.missing))


@dataclass(eq=False)
class Tables(Mapping):
    """The tables of one output folder, as attributes and as a mapping.

    `tables.quotes` and `tables["quotes"]` are the same DataFrame; iterating
    yields table names in schema order.
    """

    out_dir: Path
    documents: pd.DataFrame
    mentions: pd.DataFrame
    entities: pd.DataFrame
    actors: pd.DataFrame
    quotes: pd.DataFrame
    claims: pd.DataFrame
    dates: pd.DataFrame
    errors: pd.DataFrame

    # Mapping's == would compare DataFrames, which have no single truth value:
    # two Tables are equal only when they are the same object.
    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in TABLES:
            raise KeyError(f"Unknown table '{name}'; tables are: {', '.join(TABLES)}.")
        return getattr(self, name)

    def __iter__(self) -> Iterator[str]:
        return iter(TABLES)

    def __len__(self) -> int:
        return len(TABLES)

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(self[name])}" for name in self)
        return f"Tables('{self.out_dir}', {counts})"


def load(out_dir: str | Path, *, required: Iterable[str] | None = None) -> Tables:
    """Read every table of an output folder into typed DataFrames.

    out_dir (str | Path): Folder holding `<table>.csv` or `<table>.parquet` files.
    required (Iterable[str] | None): Tables that must exist; absent others load
        as empty frames with the schema's columns. None requires all tables.
    RETURNS (Tables): The tables, as attributes and as a mapping.
    RAISES MissingTableError: When a required table has no file.
    RAISES OutputError: E306 when the folder's `manifest.json` can't be read.
    """
    out_dir = Path(out_dir)
    paths = {name: find_table(out_dir, name) for name in TABLES}
    needed = TABLES if required is None else tuple(required)
    missing = [name for name in needed if paths[name] is None]
    if missing:
        raise MissingTableError(out_dir, missing)
    excel_safe = folder_is_excel_safe(out_dir)
    frames = {
        name: read_table(name, path, excel_safe=excel_safe) if path else empty_table(name)
        for name, path in paths.items()
    }
    return Tables(out_dir=out_dir, **frames)


def find_table(out_dir: str | Path, name: str) -> Path | None:
    """The file holding table `name` in `out_dir`.

    out_dir (str | Path): The output folder.
    name (str): A table name, from `types.TABLES` or another table of the folder (nodes, edges).
    RETURNS (Path | None): The CSV or Parquet file, or None when neither exists.
    """
    for suffix in TABLE_SUFFIXES:
        path = Path(out_dir) / f"{name}{suffix}"
        if path.is_file():
            return path
    return None


def read_table(name: str, path: Path, *, excel_safe: bool = False) -> pd.DataFrame:
    """Read one table file and give its columns the schema's dtypes.

    name (str): A table name from `types.TABLES`.
    path (Path): A `.csv` or `.parquet` file.
    excel_safe (bool): The CSV was written with `excel_safe`: undo its `'` prefixes.
    RETURNS (pd.DataFrame): Schema columns first, in order; extra columns after.
    RAISES MissingColumnError: When the file lacks a schema column.
    """
    import pandas as pd  # only for DataFrames: a run reads its tables without it

    if path.suffix == ".parquet":
        frame = pd.read_parquet(path)
    else:
        # Everything as text first: "" must stay "" for str columns and only
        # become <NA> for nullable ints, which pandas' NA sniffing can't know.
        frame = pd.read_csv(path, **_CSV_OPTIONS)
    missing = [column for column in columns(name) if column not in frame.columns]
    if missing:
        raise MissingColumnError(path, missing)
    extra = [column for column in frame.columns if column not in columns(name)]
    frame = frame[columns(name) + extra]
    for column, column_type in column_types(name).items():
        frame[column] = convert_column(frame[column], column_type)
        if excel_safe and path.suffix == ".csv" and column_type.pandas == "string":
            frame[column] = frame[column].map(undo_excel_safe).astype("string")
    return frame.reset_index(drop=True)


def empty_table(name: str) -> pd.DataFrame:
    """An empty DataFrame with the columns and dtypes of table `name`.

    name (str): A table name from `types.TABLES`.
    RETURNS (pd.DataFrame): Zero rows, schema columns.
    """
    import pandas as pd  # only for DataFrames: a run reads its tables without it

    return pd.DataFrame(
        {column: pd.Series([], dtype=column_type.pandas) for column, column_type in column_types(name).items()}
    )


def convert_column(values: pd.Series, column_type: ColumnType) -> pd.Series:
    """Give a column read from CSV (text) or Parquet its schema dtype.

    values (pd.Series): The column as read.
    column_type (ColumnType): The column's entry in `types.COLUMN_TYPES`.
    RETURNS (pd.Series): The column with dtype `column_type.pandas`.
    """
    import pandas as pd  # only for DataFrames: a run reads its tables without it

    if column_type.pandas == "string":
        return values.astype("string").fillna("")
    if column_type.pandas == "boolean":
        return values.map(parse_bool, na_action="ignore").astype("boolean")
    if values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
        values = values.map(lambda text: None if text == "" else int(text), na_action="ignore")
    return values.astype(column_type.pandas)


def parse_bool(value: object) -> bool | None:
    """Read a CSV boolean (`true`/`false`, as the writers emit) or a native bool.

    value (object): A cell value.
    RETURNS (bool | None): The boolean; None for an empty cell.
    RAISES ValueError: For text that is not a boolean.
    """
    if isinstance(value, bool) or value is None:
        return value
    text = str(value).strip().lower()
    if text == "":
        return None
    if text in TRUE_TEXT:
        return True
    if text in FALSE_TEXT:
        return False
    raise ValueError(f"'{value}' is not a boolean; expected true or false.")


def iter_table_rows(out_dir: str | Path, name: str, *, chunk_rows: int = 20_000) -> Iterator[dict]:
    """Stream one table's rows, a chunk at a time, as dicts with the values `load()` gives.

    Only one chunk is in memory at a time, so memory does not grow with the
    table. Each row holds the schema columns with Python values: text ("" when
    empty), int, None for an empty nullable int, bool (None when empty); the
    `'` of an `--excel-safe` CSV is taken off, as `load()` does.

    out_dir (str | Path): The output folder.
    name (str): A table name from `types.TABLES`.
    chunk_rows (int): Rows read at a time.
    YIELDS (dict): One row, column → value.
    RAISES MissingTableError: When the folder has no file for the table.
    RAISES MissingColumnError: When the file lacks a schema column.
    """
    path = find_table(out_dir, name)
    if path is None:
        raise MissingTableError(out_dir, [name])
    if path.suffix == ".parquet":
        for chunk in _parquet_chunks(path, name, chunk_rows):
            yield from _chunk_rows(path, name, chunk, False)
        return
    with open(path, newline="", encoding="utf-8") as file:
        yield from _csv_table_rows(path, name, csv.reader(file), folder_is_excel_safe(Path(out_dir)), chunk_rows)


def csv_rows(name: str, data: bytes, excel_safe: bool) -> list[dict]:
    """A table's rows from CSV bytes (its header line, then some of its rows), as `iter_table_rows` gives them.

    name (str): A table name from `types.TABLES`.
    data (bytes): UTF-8 CSV, header first.
    excel_safe (bool): The CSV was written with `excel_safe`: undo its `'` prefixes.
    RETURNS (list[dict]): The rows, column → value.
    RAISES MissingColumnError: When the header lacks a schema column.
    """
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    return list(_csv_table_rows(Path(f"{name}.csv"), name, reader, excel_safe, None))


def _chunk_rows(path: Path, name: str, chunk: dict[str, list], excel_safe: bool) -> Iterator[dict]:
    names = columns(name)
    missing = [column for column in names if column not in chunk]
    if missing:
        raise MissingColumnError(path, missing)
    values = [
        _python_values(chunk[column], column_type, excel_safe) for column, column_type in column_types(name).items()
    ]
    for row in zip(*values, strict=True):
        yield dict(zip(names, row, strict=True))


# pandas' settings for every CSV read into a DataFrame here, so every cell reads the
# same: as its text, which is also how `_csv_table_rows` reads them without pandas.
_CSV_OPTIONS: dict = {"dtype": str, "keep_default_na": False, "na_filter": False, "encoding": "utf-8"}


def _csv_table_rows(
    path: Path, name: str, reader: Iterator[list[str]], excel_safe: bool, chunk_rows: int | None
) -> Iterator[dict]:
    # The rows a run reads back (the graph and report pass) go through the csv
    # module, which reads them as pandas does with `_CSV_OPTIONS` (every cell the
    # text between its delimiters, blank lines skipped) and spares a run
    # importing pandas at all. A table as the writers write it (the schema's
    # columns, in order) becomes rows as it is read, with only its int and bool
    # cells converted; any other goes column by column, as Parquet does.
    csv.field_size_limit(_LARGEST_FIELD)  # a document's whole text is one cell
    header, names = next(reader, []), columns(name)
    if header != list(names) or excel_safe:
        for chunk in _column_chunks(header, reader, chunk_rows):
            yield from _chunk_rows(path, name, chunk, excel_safe)
        return
    typed = [
        (column, _CELL_READERS[kind.pandas]) for column, kind in column_types(name).items() if kind.pandas != "string"
    ]
    for cells in reader:
        if cells:
            row: dict[str, Any] = dict(zip(names, cells, strict=True))
            for column, read in typed:
                row[column] = read(row[column])
            yield row


def _column_chunks(header: list[str], reader: Iterator[list[str]], chunk_rows: int | None) -> Iterator[dict[str, list]]:
    # Column → its cells, `chunk_rows` rows at a time (all at once for None); one
    # chunk at least, so that a table of no rows still has its header checked.
    while True:
        read = list(islice(reader, chunk_rows))
        rows = [row for row in read if row]
        yield {column: [row[k] for row in rows] for k, column in enumerate(header)}
        if chunk_rows is None or len(read) < chunk_rows:
            return


def _int_cell(text: str) -> int | None:
    # As `_python_values` reads an int column's cell: None when empty.
    return int(text) if text else None


# The csv module's limit on a cell's length, raised from its default of 128 KiB.
_LARGEST_FIELD = min(sys.maxsize, 2**31 - 1)
# How a cell of each non-text pandas dtype is read (`_python_values`, for one cell).
_CELL_READERS = {"boolean": parse_bool, "int64": _int_cell, "Int64": _int_cell}


def _parquet_chunks(path: Path, name: str, chunk_rows: int) -> Iterator[dict[str, list]]:
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    missing = [column for column in columns(name) if column not in parquet.schema_arrow.names]
    if missing:
        raise MissingColumnError(path, missing)
    for batch in parquet.iter_batches(batch_size=chunk_rows, columns=columns(name)):
        yield batch.to_pydict()


def _python_values(values: list, column_type: ColumnType, excel_safe: bool) -> list:
    """A column of text (CSV) or Python values (Parquet) as `convert_column` types it."""
    if column_type.pandas == "string":
        texts = ["" if value is None else str(value) for value in values]
        return [undo_excel_safe(text) for text in texts] if excel_safe else texts
    if column_type.pandas == "boolean":
        return [parse_bool(value) for value in values]
    return [None if value is None or value == "" else int(value) for value in values]
