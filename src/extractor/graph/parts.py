"""The part files the graph files are joined from, written a batch of elements at a time.

A `PartFile` is UTF-8 bytes that count how many bytes each document's elements
took, and that can take whole documents' bytes copied from an earlier final
file instead (`graph.splice`). `ElementParts` renders the GraphML, GEXF and
JSON parts of every section (`formats`), in this process or in the report's
worker process (`report.worker`); `writers.GraphParts` writes the CSV parts
itself and joins all of them into the final files.

Only the standard library is imported, for the worker's sake.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
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


class PartFile:
    """A part file written as UTF-8 bytes, which knows how many bytes each document took.

    Text comes a batch of elements at a time, with the places in the batch where
    a document's elements end (`ends`); a document's elements may span batches.
    Whole documents' bytes may also be copied in from an earlier file (`copy`).

    path (Path): The file, created empty.
    """

    def __init__(self, path: Path) -> None:
        self.file = Path(path).open("wb")  # noqa: SIM115 (closed by `close`)
        self.lengths: list[int] = []  # bytes of each finished document, in order
        self.open = 0  # bytes of the document not finished yet

    def write(self, pieces: list[str], ends: Iterable[int] = ()) -> None:
        """Append elements' text.

        pieces (list[str]): One string per element.
        ends (Iterable[int]): Indices into `pieces` where a document ends, ascending.
        """
        start = 0
        for end in ends:
            data = "".join(pieces[start:end]).encode("utf-8")
            self.file.write(data)
            self.lengths.append(self.open + len(data))
            self.open, start = 0, end
        data = "".join(pieces[start:]).encode("utf-8")
        self.file.write(data)
        self.open += len(data)

    def copy(self, source: IO[bytes], start: int, lengths: list[int], lead: str = "") -> None:
        """Append whole documents' bytes from an open file.

        source (IO[bytes]): The earlier file.
        start (int): Where the first document's bytes start in it.
        lengths (list[int]): Bytes of each document, in order; they lie one after another.
        lead (str): Text written instead of the first bytes of the range (a JSON list's separator,
            which the earlier file may not hold before its first object).
        """
        total = sum(lengths)
        if not total:
            self.lengths.extend(lengths)
            return
        self.file.write(lead.encode("utf-8"))
        copy_bytes(source, start + len(lead), total - len(lead), self.file)
        self.lengths.extend(lengths)

    def close(self) -> None:
        """Close the file."""
        self.file.close()


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
            with open(path, "rb") as source:
                self.files[section, fmt].copy(source, start, lengths, LEADS[fmt])

    def lengths(self) -> dict[tuple[str, str], list[int]]:
        """RETURNS (dict): (section, format) → bytes of each document, in order."""
        return {key: part.lengths for key, part in self.files.items()}

    def close(self) -> None:
        """Close the part files."""
        for file in self.files.values():
            file.close()
