"""Read documents from the CSV tables by where their run wrote their rows.

`extractor run` writes each document's rows together in every table, and its
`outputs.tables.TableWriter` counts the bytes and rows as it goes. With the
cache, the run records where every document's rows lie (`record_slices`):
`.extractor-cache/tables.pickle` holds, per document, the end of its rows (byte
offset and row count) in each table the graph reads, with the size,
modification and change times and inode of every table, actors included.

A re-run that splices (`graph.splice`) then needs no parsing to know which
documents are unchanged: `table_documents` digests each document's bytes
(`TableDocument.key`) and parses the rows of only the documents the splice
index does not know, from their own slices (with the parser and settings of
`outputs.loading`); when many are unknown, it reads the tables whole, as
`scan.iter_documents` does, and gives each document its key. A table that
changed since (edited by hand, written by another run), a format other than
CSV, or repeated doc_ids leave no usable record, and the scan reads every
row as before. Its own `digest` is then of the rows (`splice.document_digest`), so
no key of one kind is ever taken for one of the other.

A document's key covers its rows of the documents, entities, mentions, quotes
and claims tables, its place in the documents table and `excel_safe`. Its
rows' actors need no part in it: in tables a run wrote, every entity's actor is
in the actors table (`actors.ActorResolution`), and the record names that table's state too.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from extractor.graph.scan import PER_DOCUMENT, DocumentRows, TableDocument, TableOrderError, read_documents
from extractor.outputs.atomic import write_atomically
from extractor.outputs.loading import csv_rows
from extractor.outputs.manifest import folder_is_excel_safe

SLICES_FILE = "tables.pickle"
SLICES_VERSION = 1
# The tables a document's rows are read from, in `DocumentRows` order; the actors table's state counts too.
SLICE_TABLES = ("documents", *PER_DOCUMENT)
STATE_TABLES = (*SLICE_TABLES, "actors")
# Parsing one document's slices costs about as much as reading this many documents in the whole tables.
WHOLE_READ_RATIO = 16


@dataclass(frozen=True)
class TableSlices:
    """Where each document's rows lie in the CSV tables of an output folder.

    doc_ids (list[str]): The documents, in documents table order.
    starts (dict[str, int]): Table → bytes of its header line.
    ends (dict[str, array]): Table → the byte offset where each document's rows end.
    rows (dict[str, array]): Table → the rows written up to the end of each document.
    """

    doc_ids: list[str]
    starts: dict[str, int]
    ends: dict[str, array]
    rows: dict[str, array]


def forget_slices(folder: Path) -> None:
    """Remove a recorded `TableSlices`, before a run writes the tables again.

    folder (Path): The cache folder (`.extractor-cache`).
    """
    (Path(folder) / SLICES_FILE).unlink(missing_ok=True)


def record_slices(folder: Path, out_dir: Path, slices: TableSlices) -> bool:
    """Record where each document's rows lie, once the tables are in place.

    folder (Path): The cache folder (`.extractor-cache`).
    out_dir (Path): The output folder holding the CSV tables.
    slices (TableSlices): From the run's writer (`slices_of`).
    RETURNS (bool): Whether it was recorded (not when the ends don't match the files).
    """
    states = {name: _state(Path(out_dir) / f"{name}.csv") for name in STATE_TABLES}
    for name in SLICE_TABLES:
        ends, state = slices.ends[name], states[name]
        if state is None or state[0] != (ends[-1] if ends else slices.starts[name]):
            return False  # rows the marks don't account for
    record = {"version": SLICES_VERSION, "states": states, "slices": slices}
    Path(folder).mkdir(parents=True, exist_ok=True)
    write_atomically(Path(folder) / SLICES_FILE, partial(_dump, record))
    return True


def _dump(record: dict[str, Any], path: Path) -> None:
    with path.open("wb") as file:
        pickle.dump(record, file, protocol=pickle.HIGHEST_PROTOCOL)


def slices_of(
    doc_ids: Sequence[str],
    starts: dict[str, int],
    marks: dict[str, tuple[array, array]],
    entity_docs: Sequence[str],
) -> TableSlices | None:
    """The slices of a run's tables from its writer's marks.

    doc_ids (Sequence[str]): The documents, in the order written.
    starts (dict[str, int]): Table → bytes of its header (`TableWriter.starts`).
    marks (dict): Table → (byte ends, row ends) (`TableWriter.marks`), one per document,
        but for entities one per document that has entities.
    entity_docs (Sequence[str]): The documents the entities marks belong to, in order.
    RETURNS (TableSlices | None): None when doc_ids repeat or the marks don't line up.
    """
    ends = {name: marks[name][0] for name in SLICE_TABLES if name != "entities"}
    rows = {name: marks[name][1] for name in SLICE_TABLES if name != "entities"}
    aligned = _aligned(doc_ids, entity_docs, marks["entities"], starts["entities"])
    if len(set(doc_ids)) != len(doc_ids) or aligned is None or any(len(ends[t]) != len(doc_ids) for t in ends):
        return None
    ends["entities"], rows["entities"] = aligned
    return TableSlices(list(doc_ids), {name: starts[name] for name in SLICE_TABLES}, ends, rows)


def _aligned(
    doc_ids: Sequence[str], marked: Sequence[str], marks: tuple[array, array], start: int
) -> tuple[array, array] | None:
    # One mark per document, those without entities ending where the one before ended.
    ends, rows = array("q"), array("q")
    end, count, at = start, 0, 0
    for doc_id in doc_ids:
        if at < len(marked) and marked[at] == doc_id:
            end, count, at = marks[0][at], marks[1][at], at + 1
        ends.append(end)
        rows.append(count)
    return (ends, rows) if at == len(marked) else None


def load_slices(out_dir: Path, folder: Path) -> TableSlices | None:
    """The recorded slices of an output folder's tables, if every table is as recorded.

    out_dir (Path): The output folder.
    folder (Path): Its cache folder.
    RETURNS (TableSlices | None): None without a record, or when a table changed since.
    """
    try:
        with (Path(folder) / SLICES_FILE).open("rb") as file:
            record = pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return None
    if not isinstance(record, dict) or record.get("version") != SLICES_VERSION:
        return None
    states = record.get("states", {})
    if any(states.get(name) is None or _state(Path(out_dir) / f"{name}.csv") != states[name] for name in STATE_TABLES):
        return None
    slices = record.get("slices")
    return slices if isinstance(slices, TableSlices) else None


def _state(path: Path) -> tuple[int, int, int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    # Any write changes the change time, which no tool sets back; a new file is a new inode.
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


def table_documents(
    out_dir: Path, slices: TableSlices, known: Callable[[bytes], bool], *, excel_safe: bool
) -> Iterator[TableDocument]:
    """Every document of the tables with its key, its rows parsed only if it is unknown.

    out_dir (Path): The output folder.
    slices (TableSlices): Its tables' recorded slices (`load_slices`).
    known (Callable[[bytes], bool]): Whether a key is known (then the rows are most likely not needed).
    excel_safe (bool): Whether the CSV cells are guarded (part of the key).
    YIELDS (TableDocument): In documents table order.
    RAISES TableOrderError: When a slice's rows are not the document's.
    """
    # The rows are read as `iter_table_rows` reads them: with the `'` of an excel-safe folder's CSV taken off.
    read_safe = folder_is_excel_safe(Path(out_dir))
    keys = list(_keys(out_dir, slices, f"{excel_safe} {read_safe}"))
    unknown = sum(not known(key) for key in keys)
    if unknown * WHOLE_READ_RATIO > len(keys):
        yield from _read_whole(out_dir, slices, keys)
        return
    reader = _SliceReader(out_dir, slices, read_safe)
    for index, key in enumerate(keys):
        yield TableDocument(index, partial(reader.rows, index), key)


def _keys(out_dir: Path, slices: TableSlices, settings: str) -> Iterator[bytes]:
    files = {name: (Path(out_dir) / f"{name}.csv").open("rb") for name in SLICE_TABLES}
    try:
        for name, file in files.items():
            file.seek(slices.starts[name])
        for index in range(len(slices.doc_ids)):
            digest = hashlib.blake2b(f"slices {SLICES_VERSION} {settings} {index}".encode(), digest_size=16)
            for name in SLICE_TABLES:
                start = slices.starts[name] if index == 0 else slices.ends[name][index - 1]
                data = files[name].read(slices.ends[name][index] - start)
                digest.update(len(data).to_bytes(8, "little"))
                digest.update(data)
            yield digest.digest()
    finally:
        for file in files.values():
            file.close()


def _read_whole(out_dir: Path, slices: TableSlices, keys: list[bytes]) -> Iterator[TableDocument]:
    seen = 0
    for document in read_documents(out_dir):
        rows, seen = document.read(), seen + 1
        if rows.index >= len(keys) or rows.document["doc_id"] != slices.doc_ids[rows.index]:
            raise TableOrderError(f"document {rows.index} is not the one recorded")
        yield dataclasses.replace(document, key=keys[rows.index])
    if seen != len(keys):
        raise TableOrderError("the documents table holds fewer documents than recorded")


class _SliceReader:
    """Parses one document's rows from its slices of the tables (few documents: each opens the files)."""

    def __init__(self, out_dir: Path, slices: TableSlices, excel_safe: bool) -> None:
        self.out_dir = Path(out_dir)
        self.slices = slices
        self.excel_safe = excel_safe

    def rows(self, index: int) -> DocumentRows:
        """The document's rows, as `scan.iter_documents` reads them.

        index (int): Its place in the documents table.
        RETURNS (DocumentRows): Its rows.
        RAISES TableOrderError: When a slice holds another document's rows, or not as many as recorded.
        """
        found = [self._table_rows(name, index) for name in SLICE_TABLES]
        document = next(iter(found[0]), None)
        if len(found[0]) != 1 or document is None or document["doc_id"] != self.slices.doc_ids[index]:
            raise TableOrderError(f"document {index} is not the one recorded")
        return DocumentRows(index, document, *found[1:])

    def _table_rows(self, name: str, index: int) -> list[dict]:
        slices = self.slices
        start = slices.starts[name] if index == 0 else slices.ends[name][index - 1]
        count = slices.rows[name][index] - (0 if index == 0 else slices.rows[name][index - 1])
        with (self.out_dir / f"{name}.csv").open("rb") as file:
            header = file.read(slices.starts[name])
            file.seek(start)
            data = file.read(slices.ends[name][index] - start)
        rows = csv_rows(name, header + data, self.excel_safe)
        if len(rows) != count or any(row["doc_id"] != slices.doc_ids[index] for row in rows):
            raise TableOrderError(f"rows of {name} are not where the run recorded them")
        return rows
