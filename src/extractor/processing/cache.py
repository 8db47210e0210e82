"""The output folder's cache of document results: a re-run parses only what changed.

Each entry is a document's encoded `DocumentResult` under a key that hashes
everything the result depends on: the document as read (id, text, metadata,
furniture) and the run's fingerprint (model name, version and a checksum of
its weights; the pipeline config with overrides; the reference date;
extractor's version and a checksum of its own code). A changed model, config
or code gives new keys, so stale results are never read, and entries no run
used are pruned when a run completes.

It also knows input files by their state on disk (`file_signature`: size,
modification and change times, inode, of the path and of what it links to):
a file whose state is what it was when a run read it, under the same
fingerprint, gives its documents' results without being read again
(`ResultCache.known`). Any write to a file changes its change time, which no
tool can set back, so an edited file is always read.

The cache is one SQLite file, `.extractor-cache/results.sqlite`, in the
output folder. Entries are committed batch by batch, so a run that is killed
keeps what it finished and the next run picks up from there.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from extractor.io.readers import SourceDocument
from extractor.processing.results import DocumentResult, decode_result, written_form

CACHE_DIR = ".extractor-cache"
CACHE_FILE = "results.sqlite"
_PACKAGE = Path(__file__).resolve().parents[1]
_COMMIT_EVERY = 256


def run_fingerprint(weights: Path, model: dict[str, str], config_text: str, settings: dict[str, Any]) -> str:
    """Hash of everything besides the document that a result depends on.

    weights (Path): The folder the model loads from (a loaded pipeline's `nlp.path`,
        `ModelFiles.folder`); its files are checksummed, so the model need not be loaded.
    model (dict): The model's name, version and distribution, as in the manifest.
    config_text (str): The pipeline config's text.
    settings (dict): Overrides, reference date and anything else that changes results.
    RETURNS (str): A hex digest.
    """
    parts = {
        "model": model,
        "weights": _folder_checksum(weights),
        "config": config_text,
        "settings": settings,
        "code": code_checksum(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode("utf8")).hexdigest()


@functools.cache
def code_checksum() -> str:
    """A checksum of extractor's own code (every `.py` file of the package), read
    once per process: the result cache and the splice index both key on it.

    RETURNS (str): A hex digest.
    """
    return _folder_checksum(_PACKAGE, pattern="*.py")


def _folder_checksum(folder: Path, pattern: str = "*") -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode("utf8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def file_signature(file: Path) -> str | None:
    """The state of `file` on disk, of the path itself and of what it links to; None if it can't be read.

    RETURNS (str | None): Size, modification and change times (ns), device and inode, twice.
    """
    try:
        states = (os.lstat(file), os.stat(file))
    except OSError:
        return None
    return ";".join(f"{s.st_size}:{s.st_mtime_ns}:{s.st_ctime_ns}:{s.st_dev}:{s.st_ino}" for s in states)


def document_key(document: SourceDocument, fingerprint: str) -> str:
    """The cache key of `document` in a run with `fingerprint`. RETURNS (str): A hex digest."""
    fields = json.dumps(dataclasses.asdict(document), sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(f"{fingerprint}\0{fields}".encode("ascii")).hexdigest()


class ResultCache:
    """Document results in an output folder, keyed by `document_key`.

    out_dir (Path): The output folder (the cache lives in `.extractor-cache/` inside it).
    fingerprint (str): The run's `run_fingerprint`.
    excel_safe (bool): Store CSV text formatted as the run's writer formats it
        (the run's fingerprint must say so too: `run_fingerprint`'s settings).
    """

    def __init__(self, out_dir: Path, fingerprint: str, *, excel_safe: bool = False) -> None:
        self.fingerprint = fingerprint
        self.excel_safe = excel_safe
        folder = Path(out_dir) / CACHE_DIR
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / CACHE_FILE
        self.db = sqlite3.connect(self.path)
        self.db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, doc_id TEXT, result BLOB)")
        # Input files by fingerprint, path and path relative to the input
        # root, with their state when read and their documents' keys.
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS files (file TEXT PRIMARY KEY, signature TEXT, keys TEXT) WITHOUT ROWID"
        )
        # The keys and files this run read or wrote: everything else is pruned at the end.
        self.db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
        self.db.execute("CREATE TEMP TABLE used_files (file TEXT PRIMARY KEY)")
        self.hits = 0
        self._uncommitted = 0
        # file → its signature taken before this run read it.
        self._signatures: dict[str, str] = {}

    def key(self, document: SourceDocument) -> str:
        """The key of `document` in this run (`document_key`). RETURNS (str)."""
        return document_key(document, self.fingerprint)

    def get(self, key: str) -> DocumentResult | None:
        """The cached result under `key`, or None. RETURNS (DocumentResult | None)."""
        found = self._stored(key)
        if found is None:
            return None
        self._use(key)
        self.hits += 1
        return decode_result(found, cached=True)

    def _stored(self, key: str) -> bytes | None:
        found = self.db.execute("SELECT result FROM results WHERE key = ?", (key,)).fetchone()
        return None if found is None else found[0]

    def known(self, file: Path, relative: str) -> list[DocumentResult] | None:
        """The cached results of `file`'s documents, if it is unchanged since a run read it.

        file (Path): The input file.
        relative (str): Its path relative to the input root (documents' ids depend on it).
        RETURNS (list[DocumentResult] | None): In the file's order; None when the
            file must be read (new, changed, or a result missing).
        """
        name = self._file_name(file, relative)
        signature = file_signature(file)
        if signature is None:
            return None
        self._signatures[name] = signature
        found = self.db.execute("SELECT signature, keys FROM files WHERE file = ?", (name,)).fetchone()
        if found is None or found[0] != signature:
            return None
        keys = json.loads(found[1])
        stored = [self._stored(key) for key in keys]
        if any(data is None for data in stored):
            return None
        results = [decode_result(data, cached=True) for data in stored if data is not None]
        if any(result.document is None for result in results):
            return None  # a document that failed: read the file, so its errors row is made again
        for key in keys:
            self._use(key)
        self.hits += len(keys)
        self.db.execute("INSERT OR IGNORE INTO used_files (file) VALUES (?)", (name,))
        return results

    def unchanged(self, file: Path, relative: str) -> bool:
        """Whether `file` is in the state a run with this fingerprint read it in
        (so `known` will most likely give its results without reading it).

        file (Path): The input file.
        relative (str): Its path relative to the input root.
        RETURNS (bool): False for a new, changed or unreadable file.
        """
        signature = file_signature(file)
        found = self.db.execute(
            "SELECT signature FROM files WHERE file = ?", (self._file_name(file, relative),)
        ).fetchone()
        return signature is not None and found is not None and found[0] == signature

    def read(self, file: Path, relative: str, documents: list[SourceDocument]) -> None:
        """Remember that `file`, in the state `known` saw, gave `documents` (and no error).

        file (Path): The input file.
        relative (str): Its path relative to the input root.
        documents (list[SourceDocument]): What reading it gave, in order.
        """
        name = self._file_name(file, relative)
        signature = self._signatures.pop(name, None)
        if signature is None:
            return
        keys = json.dumps([self.key(document) for document in documents])
        self.db.execute(
            "INSERT OR REPLACE INTO files (file, signature, keys) VALUES (?, ?, ?)", (name, signature, keys)
        )
        self.db.execute("INSERT OR IGNORE INTO used_files (file) VALUES (?)", (name,))

    def _file_name(self, file: Path, relative: str) -> str:
        # The fingerprint is part of the name: another config's entry is never seen.
        return json.dumps([self.fingerprint, os.path.abspath(file), relative])

    def put(self, key: str, result: DocumentResult) -> None:
        """Store a freshly computed result under `key`.

        result (DocumentResult): A result in `written_form` (its `payload` is stored),
            or with all its rows (put in written form here).
        """
        payload = result.payload or written_form(result, excel_safe=self.excel_safe).payload
        self.db.execute(
            "INSERT OR REPLACE INTO results (key, doc_id, result) VALUES (?, ?, ?)", (key, result.doc_id, payload)
        )
        self._use(key)

    def _use(self, key: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO used (key) VALUES (?)", (key,))
        self._uncommitted += 1
        if self._uncommitted >= _COMMIT_EVERY:
            self.db.commit()
            self._uncommitted = 0

    def finish(self) -> int:
        """Drop entries this run did not use (documents gone, old models or configs).

        RETURNS (int): Entries removed.
        """
        removed = self.db.execute("DELETE FROM results WHERE key NOT IN (SELECT key FROM used)").rowcount
        self.db.execute("DELETE FROM files WHERE file NOT IN (SELECT file FROM used_files)")
        self.db.commit()
        return removed

    def close(self) -> None:
        """Commit what was stored and close the file."""
        self.db.commit()
        self.db.close()

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
