"""Reuse an earlier run's bytes for the documents whose rows did not change.

Every graph file and the report hold each document's section in one piece
(`files.py`), and that section depends only on the document's own rows, on
which of its actors are in the actors table, on its place in the documents
table (the report's anchors) and on `excel_safe`. A run that writes the files
with a `SpliceIndex` records, per document, a digest of all that
(`document_digest`), the byte range of its section in every final file, and
its `scan.Contribution` (counts, pairs, ids, the report's view records). The
next run reads the tables document by document as always; a document whose
digest is in the index has its ranges copied from the earlier files
(`Splicer`, which joins the ranges of consecutive documents into one copy) and
its contribution counted, instead of being made and rendered again.
Corpus-level parts (actors, `co_quoted` edges, headers, the report's summary
and drawing) are always made fresh, so the files are byte-identical to a run
without the index.

The index is `.extractor-cache/splice.pickle` in the output folder (next to
`processing.cache`'s results): a short header, the pickled contributions, then
the pickled table that points into them. A run appends its contributions to
the index's next version in its work folder as it goes, adds the table once the
final files are in place and renames the file into the cache folder, so the
contributions (most of its bytes) are written once. It holds the sizes,
modification times and inodes of the files it points into; a file changed since
(edited by hand, written by a run without the cache) makes the whole index
unused, as does another format version or another checksum of extractor's code.
`extractor run` moves the earlier files into `.extractor-cache/previous/` before
it clears the folder (`keep_previous`), reads them from there (the new files
are joined from their ranges), and removes them once the new index is written; a run that stops in between leaves an index that still
matches them, or one that no longer matches anything.
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import os
import pickle
import shutil
from collections.abc import Callable, Iterable
from functools import partial
from itertools import accumulate
from pathlib import Path
from typing import IO, Any, NamedTuple

from extractor.graph.columns import GRAPH_FILES
from extractor.graph.formats import DOCUMENT_SECTIONS, ELEMENT_FORMATS
from extractor.graph.scan import Contribution, DocumentRows, TableDocument
from extractor.outputs.atomic import write_atomically
from extractor.processing.cache import CACHE_DIR, code_checksum

FORMAT_VERSION = 3
INDEX_FILE = "splice.pickle"
# The index file starts with this, then where its table starts (8 bytes, little-endian).
MAGIC = b"extractor splice\n"
HEADER_SIZE = len(MAGIC) + 8
PREVIOUS_DIR = "previous"
# A document's section in a part: (section, format), as `parts.part_path` names them.
Key = tuple[str, str]
# (start, length) in a final file; a JSON range starts at the separator before its first object.
Range = tuple[int, int]
# (final file, start, each document's length) of consecutive documents' bytes.
Run = tuple[str, int, list[int]]
# Where a document's contribution lies in an index's contributions: (offset, bytes of the
# contribution without its records, bytes of its pickled records, how many records).
Place = tuple[int, int, int, int]


class Spliced(NamedTuple):
    """A document the index knows: what it adds to the scan, and where its bytes are.

    contribution (Contribution): Its contribution, without its view records.
    ranges (dict[Key, Range]): Its sections in the earlier files.
    records (bytes): Its view records, pickled as one list (`spill.RecordFile.add_pickled`).
    n_records (int): How many records that is.
    """

    contribution: Contribution
    ranges: dict[Key, Range]
    records: bytes
    n_records: int


def graph_part_files(graph_dir: Path) -> dict[Key, Path]:
    """The final file of each document section of the graph.

    graph_dir (Path): The folder of the graph files.
    RETURNS (dict[Key, Path]): (section, format) → file.
    """
    files = {}
    for section in DOCUMENT_SECTIONS:
        files[section, "csv"] = Path(graph_dir) / GRAPH_FILES["nodes" if section == "document_nodes" else "edges"]
        for fmt in ELEMENT_FORMATS:
            files[section, fmt] = Path(graph_dir) / GRAPH_FILES[fmt]
    return files


def document_digest(rows: DocumentRows, actors: dict[str, dict], *, excel_safe: bool) -> bytes:
    """A digest of everything a document's sections in the graph files and report depend on.

    rows (DocumentRows): The document, its place in the documents table and its rows, as read.
    actors (dict[str, dict]): Actor node id → attributes (which of its actors exist).
    excel_safe (bool): Whether CSV cells are guarded.
    RETURNS (bytes): 16 bytes.
    """
    linked = sorted({e["actor_id"] for e in rows.entities if f"actor:{e['actor_id']}" in actors})
    rows_read = (rows.document, rows.entities, rows.mentions, rows.quotes, rows.claims)
    fields = (FORMAT_VERSION, excel_safe, rows.index, *rows_read, linked)
    try:
        # marshal's version 2 (no back-references) writes the str, int, float, bool and None
        # cells of a table with their types, twice as fast as repr. It marks interned strings:
        # equal rows read with other strings interned would only be rendered again.
        data = marshal.dumps(fields, 2)
    except ValueError:  # a cell of another type
        data = repr(fields).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).digest()


class SpliceIndex:
    """The index of an earlier run's files, and the one this run builds.

    The index file holds the pickled contributions, then a pickled table (digest →
    where the document's contribution lies in the file, and its ranges in the final
    files), so only the table is held in memory; this run's contributions go to the
    next index file, in `work_dir` until `save`.

    out_dir (Path): The output folder (the index lives in its `.extractor-cache/`).
    files (dict[Key, Path]): Where this run writes each part's final file.
    work_dir (Path): An existing folder for this run's contributions.
    excel_safe (bool): Whether this run guards CSV cells.
    """

    def __init__(self, out_dir: Path, files: dict[Key, Path], work_dir: Path, *, excel_safe: bool) -> None:
        self.folder = Path(out_dir) / CACHE_DIR
        self.files = dict(files)
        self.keys = sorted(self.files)
        self.excel_safe = excel_safe
        self.code = code_checksum()
        self.sources: dict[Key, str] = {}
        self.earlier: IO[bytes] | None = None
        self.entries: dict[bytes, tuple[Place, tuple[Range, ...]]] = self._load()
        self.blob_path = Path(work_dir) / "contributions.blob"
        self.blob = self.blob_path.open("wb")
        self.blob.write(bytes(HEADER_SIZE))  # the table's place, once known
        # This run's documents, in order: (digest, where its contribution lies in `blob`).
        self.documents: list[tuple[bytes, Place]] = []
        self.spliced = 0

    def _load(self) -> dict[bytes, tuple[Place, tuple[Range, ...]]]:
        try:
            file = (self.folder / INDEX_FILE).open("rb")
        except OSError:
            return {}
        try:
            index = _read_table(file)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            index = {}
        if not isinstance(index, dict) or not self._matches(index):
            file.close()
            return {}
        for key, path in self.files.items():
            self.sources[key] = str(self._source(path.name))
        self.earlier = file
        return index["entries"]

    def _matches(self, index: dict[str, Any]) -> bool:
        if index.get("header") != self._header() or index.get("keys") != self.keys:
            return False
        for name, state in index["files"].items():
            source = self._source(name)
            if source is None or _state(source) != state:
                return False  # a file changed since: its ranges may point at other bytes
        return True

    def _header(self) -> dict[str, Any]:
        return {"version": FORMAT_VERSION, "code": self.code}

    def _source(self, name: str) -> Path | None:
        # `keep_previous` moved the earlier files aside; a run outside `extractor run` finds them in place.
        for path in (self.folder / PREVIOUS_DIR / name, *(p for p in self.files.values() if p.name == name)):
            if path.is_file():
                return path
        return None

    def find(self, document: TableDocument, actors: dict[str, dict]) -> Spliced | None:
        """Look a document up, and remember it for this run's index.

        document (TableDocument): The document: its key, or its rows to digest (`document_digest`).
        actors (dict[str, dict]): Actor node id → attributes.
        RETURNS (Spliced | None): Its contribution, ranges in the earlier files and pickled
            records, or None when it must be made (call `made` with its contribution then).
        """
        digest = document.key
        if digest is None:
            digest = document_digest(document.read(), actors, excel_safe=self.excel_safe)
        found = self.entries.get(digest)
        if found is None or self.earlier is None:
            self.documents.append((digest, (0, 0, 0, 0)))
            return None
        (offset, length, records_length, n_records), ranges = found
        self.earlier.seek(offset)
        data = self.earlier.read(length + records_length)
        self._keep(digest, data, length, n_records)
        self.spliced += 1
        # The records are only copied on (to the report's record file): they are most of the bytes.
        contribution = pickle.loads(data[:length])
        return Spliced(contribution, dict(zip(self.keys, ranges, strict=True)), data[length:], n_records)

    def knows(self, key: bytes) -> bool:
        """Whether a document's key is in the earlier index (`find` would most likely splice it).

        key (bytes): A `scan.TableDocument.key`.
        RETURNS (bool): True when the earlier files hold its sections.
        """
        return self.earlier is not None and key in self.entries

    def made(self, contribution: Contribution) -> None:
        """Remember the contribution of the document `find` just missed.

        contribution (Contribution): Its contribution.
        """
        digest, _ = self.documents.pop()
        data = pickle.dumps(dataclasses.replace(contribution, records=[]), protocol=pickle.HIGHEST_PROTOCOL)
        records = pickle.dumps(contribution.records, protocol=pickle.HIGHEST_PROTOCOL)
        self._keep(digest, data + records, len(data), len(contribution.records))

    def _keep(self, digest: bytes, data: bytes, length: int, n_records: int) -> None:
        # `data` is the contribution's `length` bytes, then its pickled records.
        self.documents.append((digest, (self.blob.tell(), length, len(data) - length, n_records)))
        self.blob.write(data)

    def save(self, lengths: dict[Key, list[int]], starts: dict[Key, int]) -> bool:
        """Write this run's index, once its final files are in place.

        lengths (dict[Key, list[int]]): Bytes of each document in each part, in document order.
        starts (dict[Key, int]): Where each part begins in its final file (0 when it is absent).
        RETURNS (bool): Whether it was written (not when a part's lengths don't add up).
        """
        if any(len(lengths.get(key, ())) != len(self.documents) for key in self.keys):
            return False
        offsets = {key: list(accumulate(lengths[key], initial=starts.get(key, 0))) for key in self.keys}
        entries = {}
        for i, (digest, place) in enumerate(self.documents):
            entries[digest] = (place, tuple((offsets[key][i], lengths[key][i]) for key in self.keys))
        names = sorted({path.name: path for path in self.files.values()}.items())
        index = {
            "header": self._header(),
            "keys": self.keys,
            "files": {name: _state(path) for name, path in names},
            "entries": entries,
        }
        _append_table(self.blob, index)
        self.blob.close()
        self.folder.mkdir(parents=True, exist_ok=True)
        _move(self.blob_path, self.folder / INDEX_FILE)
        shutil.rmtree(self.folder / PREVIOUS_DIR, ignore_errors=True)
        return True

    def close(self) -> None:
        """Close the index files (after `save`, or after a failure)."""
        self.blob.close()
        if self.earlier is not None:
            self.earlier.close()


def _append_table(file: IO[bytes], index: dict[str, Any]) -> None:
    # The table goes after the contributions, and the header says where.
    start = file.tell()
    pickle.dump(index, file, protocol=pickle.HIGHEST_PROTOCOL)
    file.seek(0)
    file.write(MAGIC + start.to_bytes(8, "little"))
    file.flush()


def _move(source: Path, target: Path) -> None:
    # `extractor run`'s work folder is in the output folder: a rename. Another file system's
    # is copied, through a temporary file, so the index is never seen half written.
    try:
        os.replace(source, target)
    except OSError:
        write_atomically(target, partial(shutil.copyfile, source))


def _read_table(file: IO[bytes]) -> dict[str, Any]:
    header = file.read(HEADER_SIZE)
    if len(header) != HEADER_SIZE or not header.startswith(MAGIC):
        return {}  # another format, or a file cut short
    file.seek(int.from_bytes(header[len(MAGIC) :], "little"))
    return pickle.load(file)


def _state(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    # A file written again through `write_atomically` is a new inode, whatever its size and time.
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


class Splicer:
    """Copy spliced documents' ranges, joining those of consecutive documents into one copy.

    sources (dict[Key, str]): The earlier final file of each part.
    copy (Callable[[dict[Key, Run]], None]): Appends runs of documents' bytes to the parts.
    """

    def __init__(self, sources: dict[Key, str], copy: Callable[[dict[Key, Run]], None]) -> None:
        self.sources = sources
        self.copy = copy
        self.run: dict[Key, tuple[int, int, list[int]]] = {}

    def add(self, ranges: dict[Key, Range]) -> None:
        """Add a document's ranges after those added so far.

        ranges (dict[Key, Range]): (start, length) of its section in each final file.
        """
        if self.run and any(self.run[key][1] != start for key, (start, _) in ranges.items()):
            self.flush()
        for key, (start, length) in ranges.items():
            first, _, lengths = self.run.get(key, (start, start, []))
            lengths.append(length)
            self.run[key] = (first, start + length, lengths)

    def flush(self) -> None:
        """Copy the documents added since the last flush (before a document is rendered, and at the end)."""
        if self.run:
            run, self.run = self.run, {}
            self.copy({key: (self.sources[key], first, lengths) for key, (first, _, lengths) in run.items()})


def keep_previous(out_dir: Path, names: Iterable[str]) -> None:
    """Move an earlier run's final files into `.extractor-cache/previous/`, where `SpliceIndex` reads them.

    out_dir (Path): The output folder.
    names (Iterable[str]): The final files' names (graph files, report).
    """
    folder = Path(out_dir) / CACHE_DIR / PREVIOUS_DIR
    for name in names:
        path = Path(out_dir) / name
        if path.is_file() and not path.is_symlink():
            folder.mkdir(parents=True, exist_ok=True)
            os.replace(path, folder / name)
