"""Write table rows to CSV (streaming) or Parquet, atomically.

Rows arrive document by document and go straight to disk, so memory does not
grow with the corpus. Each table is written under a `.partial` name and renamed
only when the run completes: an interrupted run never leaves a half-written
table that looks whole, and what it did write stays readable in the
`.partial` file.

With `excel_safe`, CSV tables get formula-like text prefixed with `'`
(`outputs.cells`); Parquet tables hold the text as it is, since no spreadsheet
runs a Parquet cell as a formula.
"""

from __future__ import annotations

import csv
import io
import os
from array import array
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from extractor.errors import OutputError
from extractor.outputs.atomic import write_atomically
from extractor.outputs.cells import csv_cell, without_surrogates
from extractor.types import SORT_KEYS, TABLES, column_types, columns, row_values

FORMATS = ("csv", "parquet")
PARTIAL_SUFFIX = ".partial"


def sort_rows(table: str, rows: Iterable[Any]) -> list[Any]:
    """Sort rows by the table's key columns, then by every column, as text-safe tuples."""
    keys = SORT_KEYS[table]

    def key(row: Any) -> tuple:
        # Each value as `(1, value)`, and None as `(0, "")`: None sorts first
        # and never compares with ints or strings.
        values = (*[getattr(row, name) for name in keys], *row_values(row))
        return tuple([_NONE_KEY if value is None else (1, value) for value in values])

    return sorted(rows, key=key)


_NONE_KEY = (0, "")


def csv_excel_safe(fmt: str, excel_safe: bool) -> bool:
    """Whether the CSV text of a run in `fmt` is written `excel_safe`.

    The `.partial` CSV is the Parquet file's source, so with Parquet it keeps the text as it is.
    """
    return excel_safe and fmt == "csv"


def csv_cells(row: Any, *, excel_safe: bool = False) -> list[str]:
    """A row's cells as the CSV tables write them. RETURNS (list[str]): One per column."""
    return [csv_cell(value, excel_safe=excel_safe) for value in row_values(row)]


def csv_text(rows: Iterable[Any], *, excel_safe: bool = False) -> str:
    """Rows as the exact text `TableWriter.write` appends for them (for `write_text`).

    rows (Iterable): Row dataclasses of one table.
    excel_safe (bool): As the writer's.
    RETURNS (str): CSV lines, each ending in "\\n".
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if excel_safe:
        writer.writerows(csv_cells(row, excel_safe=True) for row in rows)
        return buffer.getvalue()
    # Without `excel_safe`, csv.writer writes what `csv_cell` would, at a fraction of
    # the cost: None as "" and numbers with str(), as it does. Only booleans need their
    # text, and lone surrogates are replaced in the finished text at once (one
    # character for one, and none is a character the writer quotes for).
    writer.writerows(_bools_as_text(row_values(row)) for row in rows)
    return without_surrogates(buffer.getvalue())


def _bools_as_text(values: tuple[Any, ...]) -> tuple[Any, ...]:
    # `csv_cell`'s true/false for booleans (most rows hold one or two); the rest as they are.
    if bool not in map(type, values):
        return values
    return tuple(_BOOL_TEXT[value] if value.__class__ is bool else value for value in values)


_BOOL_TEXT = {True: "true", False: "false"}


def csv_line(cells: list[str]) -> str:
    """One CSV line of cells already formatted by `csv_cell`, as `TableWriter.write` writes it.

    cells (list[str]): The cells.
    RETURNS (str): The line, ending in "\\n".
    """
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


class TableWriter:
    """Stream the rows of every table into `out_dir`.

    The writer counts the bytes and rows it wrote to each table, and `mark`
    notes where a document's rows end, so a run can record where every
    document's rows lie in the CSV tables (`graph.slices`).

    out_dir (Path): the output folder (created if missing).
    fmt (str): "csv" or "parquet".
    excel_safe (bool): prefix formula-like text with `'` in CSV tables.
    """

    def __init__(self, out_dir: Path, fmt: str = "csv", *, excel_safe: bool = False) -> None:
        if fmt not in FORMATS:
            raise OutputError("E301", value=fmt, allowed=", ".join(FORMATS))
        self.out_dir = Path(out_dir)
        self.fmt = fmt
        self.excel_safe = csv_excel_safe(fmt, excel_safe)
        self.counts = {name: 0 for name in TABLES}
        # Per table: bytes of its header line, then after each `mark` bytes and rows written.
        self.starts: dict[str, int] = {}
        self.marks: dict[str, tuple[array, array]] = {name: (array("q"), array("q")) for name in TABLES}
        self._files: dict[str, _TableFile] = {}
        self._writers: dict[str, Any] = {}
        self._open_all()

    def _open_all(self) -> None:
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            for name in TABLES:
                handle = _TableFile(self._partial(name))
                self._files[name] = handle
                self._writers[name] = csv.writer(handle, lineterminator="\n")
                self._writers[name].writerow(columns(name))
                self.starts[name] = handle.size
        except OSError as err:
            self.abort()
            raise OutputError("E302", path=self.out_dir, reason=err.strerror or err) from err

    def _partial(self, name: str) -> Path:
        return self.out_dir / f"{name}.csv{PARTIAL_SUFFIX}"

    def write(self, table: str, rows: Iterable[Any]) -> None:
        """Append rows (dataclasses of the table's row type) in the order given."""
        writer = self._writers[table]
        for row in rows:
            writer.writerow(csv_cells(row, excel_safe=self.excel_safe))
            self.counts[table] += 1

    def write_text(self, table: str, text: str, n_rows: int) -> None:
        """Append rows already formatted by `csv_text` (with this writer's `excel_safe`)."""
        self._files[table].write(text)
        self.counts[table] += n_rows

    def mark(self, table: str) -> None:
        """Note that the rows written to `table` so far end a document's rows.

        table (str): A table name.
        """
        ends, rows = self.marks[table]
        ends.append(self._files[table].size)
        rows.append(self.counts[table])

    def close(self) -> dict[str, Path]:
        """Finish every table: flush, convert if needed, rename into place.

        RETURNS (dict): table name → final path.
        """
        for handle in self._files.values():
            handle.close()
        finished = {}
        for name in TABLES:
            partial = self._partial(name)
            final = self.out_dir / f"{name}.{self.fmt}"
            if self.fmt == "parquet":
                _csv_to_parquet(name, partial, final)
                partial.unlink()
            else:
                os.replace(partial, final)
            _remove_other_format(self.out_dir, name, self.fmt)
            finished[name] = final
        return finished

    def abort(self) -> None:
        """Close files but keep the `.partial` tables, so nothing written is lost."""
        for handle in self._files.values():
            handle.close()


class _TableFile:
    """A table's `.partial` file, written as UTF-8 and counting its bytes (what `csv.writer` writes to).

    path (Path): The file, created empty.
    """

    def __init__(self, path: Path) -> None:
        self.file = path.open("wb")
        self.size = 0

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        self.file.write(data)
        self.size += len(data)

    def close(self) -> None:
        self.file.close()


def _remove_other_format(out_dir: Path, name: str, fmt: str) -> None:
    # A folder holds one format: a stale table of the other kind would be read
    # by `extractor.load` as if it belonged to this run.
    for other in FORMATS:
        stale = out_dir / f"{name}.{other}"
        if other != fmt and stale.exists():
            stale.unlink()


def _csv_to_parquet(table: str, source: Path, target: Path) -> None:
    """Stream a finished CSV table into Parquet, written atomically."""
    write_atomically(target, lambda temporary: _write_parquet(table, source, temporary))


def _write_parquet(table: str, source: Path, target: Path) -> None:
    """Stream a finished CSV table into a Parquet file with the schema's column types."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    schema = arrow_schema(table)
    convert = pacsv.ConvertOptions(
        column_types=schema,
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
        true_values=["true"],
        false_values=["false"],
    )
    reader = pacsv.open_csv(source, convert_options=convert)
    with pq.ParquetWriter(target, schema) as writer:
        for batch in reader:
            writer.write_table(pa.Table.from_batches([batch], schema=schema))


def arrow_schema(table: str):
    """The pyarrow schema of `table`, from `types.COLUMN_TYPES`.

    table (str): A table name from `types.TABLES`.
    RETURNS (pa.Schema): One field per column, in column order.
    """
    import pyarrow as pa

    return pa.schema(
        [pa.field(name, pa.type_for_alias(column_type.arrow)) for name, column_type in column_types(table).items()]
    )
