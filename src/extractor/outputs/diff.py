"""Compare two output folders table by table, for golden-output regression checks.

Rows are matched by their id column (content-derived, so stable across runs):
a row is added, removed, or changed (same id, other values, with the changed
columns named). Byte-identical tables short-circuit the comparison. Cells are
compared as `extractor.load()` reads them: the `'` that `--excel-safe` puts
before formula-like CSV cells (the folder's manifest says so) is taken off,
so a folder written with it matches a golden written without it.
"""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import OutputError
from extractor.outputs.cells import csv_cell, undo_excel_safe
from extractor.outputs.loading import find_table
from extractor.outputs.manifest import folder_is_excel_safe
from extractor.types import TABLES, columns

# Graph tables are compared too when both folders have them.
EXTRA_TABLES: dict[str, tuple[str, ...]] = {"nodes": ("node_id",), "edges": ("edge_id",)}
ERROR_KEY = ("path", "line", "code")


@dataclass
class TableDiff:
    """How one table differs between an output and its golden copy."""

    table: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[str]]] = field(default_factory=list)
    note: str = ""

    @property
    def differs(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.note)


def key_columns(table: str) -> tuple[str, ...]:
    """The columns that identify a row of `table`."""
    if table in EXTRA_TABLES:
        return EXTRA_TABLES[table]
    if table == "errors":
        return ERROR_KEY
    return (columns(table)[0],)


def table_names(*folders: Path) -> list[str]:
    """Tables present in any of the folders, schema tables first."""
    names = [name for name in TABLES if any(find_table(f, name) for f in folders)]
    return names + [name for name in EXTRA_TABLES if any(find_table(f, name) for f in folders)]


def diff_outputs(out: Path, golden: Path) -> list[TableDiff]:
    """Compare every table of `out` with `golden`. RETURNS (list): one TableDiff per table."""
    for folder in (out, golden):
        if not Path(folder).is_dir():
            raise OutputError("E303", path=folder)
    safe = (folder_is_excel_safe(Path(out)), folder_is_excel_safe(Path(golden)))
    return [
        diff_table(name, find_table(out, name), find_table(golden, name), excel_safe=safe)
        for name in table_names(out, golden)
    ]


def diff_table(
    table: str, out: Path | None, golden: Path | None, *, excel_safe: tuple[bool, bool] = (False, False)
) -> TableDiff:
    """Compare one table given its two files (None when a side lacks it).

    excel_safe (tuple[bool, bool]): Whether each side's CSV was written with `--excel-safe`.
    """
    if out is None or golden is None:
        side = "output" if out is None else "golden"
        return TableDiff(table, note=f"missing in the {side} folder")
    same_form = out.suffix == golden.suffix == ".csv" and excel_safe[0] == excel_safe[1]
    if same_form and out.read_bytes() == golden.read_bytes():
        return TableDiff(table)
    new, old = _keyed_rows(table, out, excel_safe[0]), _keyed_rows(table, golden, excel_safe[1])
    result = TableDiff(table)
    result.added = sorted(set(new) - set(old))
    result.removed = sorted(set(old) - set(new))
    for key in sorted(set(new) & set(old)):
        changed = [name for name in new[key] if new[key][name] != old[key].get(name)]
        if changed:
            result.changed.append((key, changed))
    if not result.differs and list(_header(out)) != list(_header(golden)):
        result.note = "column order differs"
    return result


def _read_rows(path: Path, excel_safe: bool = False) -> list[dict[str, str]]:
    if path.suffix == ".parquet":  # never written excel-safe
        import pyarrow.parquet as pq

        table = pq.read_table(path).to_pylist()
        return [{k: csv_cell(v) for k, v in row.items()} for row in table]
    with path.open(encoding="utf8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if excel_safe:
        return [{k: undo_excel_safe(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows]
    return rows


def _header(path: Path) -> list[str]:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return list(pq.read_schema(path).names)
    with path.open(encoding="utf8", newline="") as handle:
        return next(csv.reader(handle), [])


def _keyed_rows(table: str, path: Path, excel_safe: bool = False) -> dict[str, dict[str, str]]:
    # Identical keys (which ids should never produce) get an occurrence
    # number, so a duplicated row still shows up as added.
    keys = key_columns(table)
    seen: Counter = Counter()
    keyed = {}
    for row in _read_rows(path, excel_safe):
        key = "|".join(row.get(name, "") for name in keys)
        seen[key] += 1
        keyed[key if seen[key] == 1 else f"{key}#{seen[key]}"] = row
    return keyed


def update_golden(out: Path, golden: Path) -> list[str]:
    """Copy every table of `out` over `golden`, CSV cells as `extractor.load()`
    reads them (without the prefix of `--excel-safe`), since a golden folder
    has no manifest to say how it was written.

    RETURNS (list): The tables copied.
    """
    golden.mkdir(parents=True, exist_ok=True)
    excel_safe = folder_is_excel_safe(Path(out))
    copied = []
    for name in table_names(out):
        source = find_table(out, name)
        if source is None:  # table_names lists only tables that exist in `out` or `golden`
            continue
        for stale in (golden / f"{name}.csv", golden / f"{name}.parquet"):
            stale.unlink(missing_ok=True)
        if excel_safe and source.suffix == ".csv":
            _copy_undone(source, golden / source.name)
        else:
            shutil.copyfile(source, golden / source.name)
        copied.append(name)
    return copied


def _copy_undone(source: Path, target: Path) -> None:
    # Rewritten as the tables write CSV (csv.writer, "\n"), so the bytes are
    # those of a run without `--excel-safe`.
    with source.open(encoding="utf8", newline="") as reading, target.open("w", encoding="utf8", newline="") as writing:
        writer = csv.writer(writing, lineterminator="\n")
        writer.writerows([undo_excel_safe(cell) for cell in row] for row in csv.reader(reading))
