"""Keep more records than fit in memory on disk: sorted (`SortedSpill`) or as added (`RecordFile`).

The tables arrive document by document, but `co_quoted` edges are aggregated
per actor pair over the corpus and node ids must be checked for repeats, so
those are sorted here. `SortedSpill` keeps at most `buffer_size` records in
memory; each full buffer is sorted and pickled to a run file, and iterating
merges the runs (`heapq.merge`), so memory stays bounded however large the
corpus is. A corpus that fits in one buffer never touches the disk.
`RecordFile` only appends, for records read again in the order they came
(the report's statements, `report.stream.ViewPicker`).
"""

from __future__ import annotations

import heapq
import pickle
from collections.abc import Callable, Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any

BUFFER_SIZE = 10_000
BATCH_SIZE = 1_000  # records per pickle in a run file: few, large reads
PICKLED_SIZE = 1 << 20  # bytes of pickled records held before they are appended


class SortedSpill:
    """Collect tuples, give them back sorted by their first `key_width` fields.

    folder (Path): An existing folder for the run files.
    name (str): Prefix of the run files.
    key_width (int): How many leading fields form the sort key; records with
        equal keys come back in the order they were added.
    buffer_size (int): Most records held in memory before a run is spilled.
    """

    def __init__(self, folder: Path, name: str, *, key_width: int = 1, buffer_size: int = BUFFER_SIZE) -> None:
        self.folder = Path(folder)
        self.name = name
        self.key: Callable[[tuple], Any] = itemgetter(0) if key_width == 1 else itemgetter(*range(key_width))
        self.buffer_size = buffer_size
        self.buffer: list[tuple] = []
        self.runs: list[Path] = []
        self.count = 0

    def add(self, record: tuple) -> None:
        """Add one record, spilling the buffer to a run file when it is full.

        record (tuple): The record; its first `key_width` fields are the sort key.
        """
        self.buffer.append(record)
        self.count += 1
        if len(self.buffer) >= self.buffer_size:
            self._spill()

    def _spill(self) -> None:
        self.buffer.sort(key=self.key)  # stable: equal keys keep the order they were added in
        path = self.folder / f"{self.name}.{len(self.runs)}.run"
        _dump(path, self.buffer)
        self.runs.append(path)
        self.buffer = []

    def __iter__(self) -> Iterator[tuple]:
        """Every record, sorted by key (may be iterated again).

        YIELDS (tuple): The records.
        """
        self.buffer.sort(key=self.key)
        if not self.runs:
            return iter(self.buffer)
        # Runs come first in the merge: for equal keys they hold the earlier records.
        sources = [_read_run(path) for path in self.runs] + [iter(self.buffer)]
        return heapq.merge(*sources, key=self.key)


class RecordFile:
    """Collect tuples in a file, give them back in the order they were added.

    folder (Path): An existing folder for the file.
    name (str): The file's name, `<name>.records`.
    buffer_size (int): Most records held in memory before they are appended to the file.
    """

    def __init__(self, folder: Path, name: str, *, buffer_size: int = BUFFER_SIZE) -> None:
        self.path = Path(folder) / f"{name}.records"
        self.path.write_bytes(b"")
        self.buffer_size = buffer_size
        self.buffer: list[tuple] = []
        # Lists of records added already pickled (`add_pickled`), not yet appended to the file.
        self.pickled: list[bytes] = []
        self.pickled_size = 0
        self.count = 0

    def add(self, record: tuple) -> None:
        """Add one record, appending the buffer to the file when it is full.

        record (tuple): Any picklable tuple.
        """
        if self.pickled:
            self._flush()
        self.buffer.append(record)
        self.count += 1
        if len(self.buffer) >= self.buffer_size:
            self._flush()

    def add_pickled(self, data: bytes, count: int) -> None:
        """Add records pickled as one list (`pickle.dumps(records)`), as they are: no unpickling.

        data (bytes): The pickled list.
        count (int): Records it holds.
        """
        if self.buffer:
            self._flush()
        self.pickled.append(data)
        self.pickled_size += len(data)
        self.count += count
        if self.pickled_size >= PICKLED_SIZE:
            self._flush()

    def _flush(self) -> None:
        if self.buffer:
            _dump(self.path, self.buffer, mode="ab")
            self.buffer = []
        if self.pickled:
            with self.path.open("ab") as file:
                file.writelines(self.pickled)
            self.pickled, self.pickled_size = [], 0

    def __iter__(self) -> Iterator[tuple]:
        """Every record, in the order added (may be iterated again).

        YIELDS (tuple): The records.
        """
        self._flush()
        yield from _read_run(self.path)


def _dump(path: Path, records: list[tuple], mode: str = "wb") -> None:
    with path.open(mode) as file:
        for start in range(0, len(records), BATCH_SIZE):
            pickle.dump(records[start : start + BATCH_SIZE], file, protocol=pickle.HIGHEST_PROTOCOL)


def _read_run(path: Path) -> Iterator[tuple]:
    with path.open("rb") as file:
        while True:
            try:
                batch = pickle.load(file)
            except EOFError:
                return
            yield from batch
