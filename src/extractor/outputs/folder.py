"""The output folder of a run: one run at a time, and never two runs mixed.

`lock_output_folder` holds an exclusive lock on `OUT/.extractor.lock` for the
whole run, so a second run into the same folder fails at once with E304
instead of writing over the first one's files. The lock is an advisory
`flock` on an open file: the operating system drops it when the process ends,
however it ends, so a killed run never leaves a stale lock. The lock file
itself stays (removing it would let two runs lock two different files).

`remove_outputs` is called under the lock before a run writes anything: it
deletes the files an earlier run left, finished (tables, graph, report,
manifest) or not (`.partial` tables, hidden `.NAME.PID.tmp` temporaries, and
the `.extractor-work-*` folders that writing the graph and report spills
into), so a folder only ever holds what one run wrote.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from extractor.errors import OutputError

LOCK_FILE = ".extractor.lock"
WORK_DIR_PREFIX = ".extractor-work-"


def work_dir(folder: Path) -> tempfile.TemporaryDirectory:
    """A hidden scratch folder in `folder`, removed on exit, or by the next run if this one is killed.

    folder (Path): The output folder.
    RETURNS (TemporaryDirectory): Use as a context manager; it yields the folder's path.
    """
    return tempfile.TemporaryDirectory(prefix=WORK_DIR_PREFIX, dir=folder)


@contextmanager
def lock_output_folder(out_dir: Path) -> Iterator[Path]:
    """Hold the output folder's lock while the block runs (creating the folder if needed).

    out_dir (Path): The output folder.
    YIELDS (Path): The lock file.
    RAISES OutputError: E304 when another run holds the lock; E302 when the
        folder or its lock file can't be created, or the file system can't lock.
    """
    path = Path(out_dir) / LOCK_FILE
    try:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+b")  # noqa: SIM115 (held open for the whole block)
    except OSError as err:
        raise OutputError("E302", path=out_dir, reason=err.strerror or err) from err
    try:
        try:
            locked = _try_lock(handle)
        except OSError as err:  # a file system without locks
            raise OutputError("E302", path=out_dir, reason=f"can't lock {path}: {err.strerror or err}") from err
        if not locked:
            raise OutputError("E304", path=out_dir, lock=path)
        yield path
    finally:
        handle.close()  # closing the file releases the lock


def _try_lock(handle: IO[bytes]) -> bool:
    """Take an exclusive lock on an open file without waiting. RETURNS (bool): whether it was taken."""
    try:
        import fcntl
    except ImportError:  # Windows: lock the file's first byte instead
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def remove_outputs(out_dir: Path, names: Iterable[str]) -> list[Path]:
    """Delete what an earlier run left in `out_dir` under the given file names.

    Besides each name itself, its `.partial` table and its hidden temporaries
    (`.NAME.PID.tmp`, from `outputs.atomic`) go too, and `work_dir` folders.
    Other files are never touched.

    out_dir (Path): The output folder.
    names (Iterable[str]): The file names a run writes (`documents.csv`, `graph.gexf`, …).
    RETURNS (list[Path]): The files removed.
    RAISES OutputError: E305 when one of them can't be removed.
    """
    out_dir = Path(out_dir)
    names = set(names)
    removed = []
    for path in sorted(out_dir.iterdir()) if out_dir.is_dir() else []:
        if path.name.startswith(WORK_DIR_PREFIX) and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
        elif _left_by_a_run(path.name, names):
            try:
                path.unlink()
            except OSError as err:
                raise OutputError("E305", path=path, reason=err.strerror or err) from err
            removed.append(path)
    return removed


_TEMPORARY = re.compile(r"\.(?P<name>.+)\.\d+\.tmp")


def _left_by_a_run(filename: str, names: set[str]) -> bool:
    if filename in names or filename.removesuffix(".partial") in names:
        return True
    temporary = _TEMPORARY.fullmatch(filename)
    return temporary is not None and temporary.group("name") in names
