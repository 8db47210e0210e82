"""The part files the graph files are joined from, written a batch of elements at a time.

A `PartFile` is UTF-8 bytes that count how many bytes each document's elements
took, and that can take whole documents' bytes from an earlier final file
instead (`graph.splice`). Those bytes are not copied into the part: it notes
where they go (the part's own bytes written so far) and where they lie in the
earlier file, in a map beside it (`<part>.map`), and the final file is joined
from the part's own bytes and the earlier file's ranges in turn
(`part_segments`). So a re-run copies the unchanged documents' bytes once,
from the earlier files into the new ones; copying them into the parts first
and then out again took most of its time, the second copy reading pages the
first had just dirtied.

`ElementParts` renders the GraphML, GEXF and JSON parts of every section
(`formats`), in this process or in the report's worker process
(`report.worker`); `writers.GraphParts` writes the CSV parts itself and joins
all of them into the final files.

Only the standard library is imported, for the worker's sake.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from extractor.graph.formats import (
    ELEMENT_FORMATS,
    JSON_SEPARATOR,
    LAYOUT,
    NODE_SECTIONS,
    SECTIONS,
    json_items,
    render_edges,
    render_nodes,
)


def part_path(folder: Path, section: str, fmt: str) -> Path:
    """The part file of one section of one format.

    folder (Path): The work folder.
    section (str): One of `SECTIONS`.
    fmt (str): "csv", "graphml", "gexf" or "json".
    RETURNS (Path): `<folder>/<section>.<fmt>.part`.
    """
    return Path(folder) / f"{section}.{fmt}.part"


# A stretch of a part's content: (file, start, length), in the part itself or in an earlier file.
Segment = tuple[str, int, int]
# Where an earlier file's bytes go in a part: (the part's own bytes before them, file, start, length).
Insert = tuple[int, str, int, int]
MAP_SUFFIX = ".map"


class PartFile:
    """A part file written as UTF-8 bytes, which knows how many bytes each document took.

    Text comes a batch of elements at a time, with the places in the batch where
    a document's elements end (`ends`); a document's elements may span batches.
    Whole documents' bytes may also come from an earlier file (`copy`): they stay
    there, and the part's map (`part_segments`) says where they go.

    path (Path): The file, created empty (its map, if any, removed).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.file = self.path.open("wb")
        _map_path(self.path).unlink(missing_ok=True)
        self.lengths: list[int] = []  # bytes of each finished document, in order
        self.open = 0  # bytes of the document not finished yet
        self.size = 0  # bytes written to the file itself
        self.inserts: list[Insert] = []

    def write(self, pieces: list[str], ends: Iterable[int] = ()) -> None:
        """Append elements' text.

        pieces (list[str]): One string per element.
        ends (Iterable[int]): Indices into `pieces` where a document ends, ascending.
        """
        start = 0
        for end in ends:
            data = "".join(pieces[start:end]).encode("utf-8")
            self._write(data)
            self.lengths.append(self.open + len(data))
            self.open, start = 0, end
        data = "".join(pieces[start:]).encode("utf-8")
        self._write(data)
        self.open += len(data)

    def _write(self, data: bytes) -> None:
        self.file.write(data)
        self.size += len(data)

    def copy(self, source: str | Path, start: int, lengths: list[int], lead: str = "") -> None:
        """Append whole documents' bytes from an earlier file, which must stay in place until
        the part is joined (`part_segments`).

        source (str | Path): The earlier file.
        start (int): Where the first document's bytes start in it.
        lengths (list[int]): Bytes of each document, in order; they lie one after another.
        lead (str): Text written instead of the first bytes of the range (a JSON list's separator,
            which the earlier file may not hold before its first object).
        """
        total = sum(lengths)
        self.lengths.extend(lengths)
        if not total:
            return
        head = lead.encode("utf-8")
        self._write(head)
        self.inserts.append((self.size, str(source), start + len(head), total - len(head)))

    def close(self) -> None:
        """Close the file, and write its map if it has bytes of earlier files."""
        self.file.close()
        if self.inserts:
            _map_path(self.path).write_text(json.dumps(self.inserts), encoding="utf-8")


def _map_path(path: Path) -> Path:
    return path.with_name(path.name + MAP_SUFFIX)


def part_segments(path: Path) -> list[Segment]:
    """What a closed part file holds, in order: stretches of its own bytes and of earlier files.

    path (Path): The part file.
    RETURNS (list[Segment]): (file, start, length), none empty.
    """
    size = os.stat(path).st_size
    try:
        inserts = json.loads(_map_path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        inserts = []
    segments, at = [], 0
    for offset, source, start, length in inserts:
        if offset > at:
            segments.append((str(path), at, offset - at))
        segments.append((source, start, length))
        at = offset
    if size > at:
        segments.append((str(path), at, size - at))
    return segments


def part_size(path: Path) -> int:
    """Bytes a closed part file holds, its earlier files' ranges included.

    path (Path): The part file.
    RETURNS (int): Its size once joined.
    """
    return sum(length for _, _, length in part_segments(path))


def copy_segments(segments: Iterable[Segment], target: IO[bytes], skip: int = 0) -> None:
    """Append segments' bytes to an open file (`copy_bytes`), leaving out the first `skip`.

    segments (Iterable[Segment]): From `part_segments`.
    target (IO[bytes]): An open file, written at its position.
    skip (int): Bytes at the start of the first segments not to copy.
    """
    with ExitStack() as stack:
        sources: dict[str, IO[bytes]] = {}
        for source, start, length in _skipped(segments, skip):
            if source not in sources:
                sources[source] = stack.enter_context(open(source, "rb"))
            copy_bytes(sources[source], start, length, target)


def _skipped(segments: Iterable[Segment], skip: int) -> Iterator[Segment]:
    for source, start, length in segments:
        dropped = min(skip, length)
        skip -= dropped
        if length > dropped:
            yield source, start + dropped, length - dropped


def copy_bytes(source: IO[bytes], start: int, length: int, target: IO[bytes]) -> None:
    """Copy `length` bytes from `start` in `source` to the end of `target`.

    The kernel copies them (`os.copy_file_range`) where it can: a re-run copies
    most of the graph files and the report from the earlier ones, and reading
    and writing them through Python buffers took about twice as long.

    source (IO[bytes]): An open file.
    start (int): Offset in `source`.
    length (int): Bytes to copy.
    target (IO[bytes]): An open file, written at its position.
    RAISES OSError: When `source` ends early.
    """
    target.flush()
    at = target.tell()
    try:
        _copy_range(source.fileno(), start, length, target.fileno(), at)
    except (AttributeError, OSError) as err:  # no copy_file_range, another file system, a file that ended early
        if isinstance(err, _EndedEarly):
            raise
        target.seek(at)
        _copy_through_buffers(source, start, length, target)
    target.seek(at + length)


class _EndedEarly(OSError):
    """A source file held fewer bytes than a copy asked for."""


def _copy_range(source: int, start: int, length: int, target: int, at: int) -> None:
    # Explicit offsets on both sides: neither file's position moves, so the
    # caller's buffered file object stays consistent.
    while length > 0:
        copied = os.copy_file_range(source, target, length, start, at)
        if not copied:
            raise _EndedEarly(f"file {source} ended {length} bytes early")
        start, at, length = start + copied, at + copied, length - copied


def _copy_through_buffers(source: IO[bytes], start: int, length: int, target: IO[bytes]) -> None:
    source.seek(start)
    while length > 0:
        chunk = source.read(min(length, 1 << 20))
        if not chunk:
            raise _EndedEarly(f"{getattr(source, 'name', 'source')} ended {length} bytes early")
        target.write(chunk)
        length -= len(chunk)


# Lead of a document's bytes in each format: JSON objects follow a separator.
LEADS = {"csv": "", "graphml": "", "gexf": "", "json": JSON_SEPARATOR, "html": ""}


class ElementParts:
    """The GraphML, GEXF and node-link JSON part files of a work folder, written a batch at a time.

    Every JSON object starts with `JSON_SEPARATOR`: the file's list drops the first one.

    folder (Path): An existing work folder.
    """

    def __init__(self, folder: Path) -> None:
        self.layout = LAYOUT
        self.files: dict[tuple[str, str], PartFile] = {
            (section, fmt): PartFile(part_path(folder, section, fmt)) for section in SECTIONS for fmt in ELEMENT_FORMATS
        }

    def write(self, section: str, batch: list[tuple], ends: Iterable[int] = ()) -> None:
        """Render a batch of nodes or edges and append it to the section's parts.

        section (str): One of `SECTIONS`: nodes for `NODE_SECTIONS`, edges otherwise.
        batch (list[tuple]): As `render_nodes` or `render_edges` take it.
        ends (Iterable[int]): Indices into `batch` where a document's elements end.
        """
        if section in NODE_SECTIONS:
            texts = (*render_nodes(self.layout, batch), json_items([{"id": node, **data} for node, data in batch]))
        else:
            objects = [
                {**data, "source": source, "target": target, "key": data["kind"]} for source, target, data in batch
            ]
            texts = (*render_edges(self.layout, batch), json_items(objects))
        ends = list(ends)
        for fmt, pieces in zip(ELEMENT_FORMATS, texts, strict=True):
            self.files[section, fmt].write(pieces, ends)

    def copy(self, section: str, runs: dict[str, tuple[str, int, list[int]]]) -> None:
        """Append whole documents' bytes, per format, from earlier final files.

        section (str): A section of `SECTIONS` that holds documents.
        runs (dict[str, tuple[str, int, list[int]]]): Format → (file, start, each document's length).
        """
        for fmt in ELEMENT_FORMATS:
            path, start, lengths = runs[fmt]
            self.files[section, fmt].copy(path, start, lengths, LEADS[fmt])

    def lengths(self) -> dict[tuple[str, str], list[int]]:
        """RETURNS (dict): (section, format) → bytes of each document, in order."""
        return {key: part.lengths for key, part in self.files.items()}

    def close(self) -> None:
        """Close the part files."""
        for file in self.files.values():
            file.close()
