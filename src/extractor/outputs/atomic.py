"""Write a file through a temporary one renamed into place.

A reader never sees a half-written file, and a failed write leaves the old
file as it was. The temporary file sits in the same folder (so the rename is
atomic) under a hidden name, `.<name>.<pid>.tmp`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Write `path` via a temporary file in the same folder, then rename it into place.

    path (Path): The final file.
    write (Callable[[Path], object]): Writes the content to the path it is given; its return value is ignored.
    """
    # A plain open() (not mkstemp) so the file gets the usual umask permissions.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_text_atomically(path: Path, text: str, *, newline: str | None = None) -> None:
    """Write `text` to `path` as UTF-8 via `write_atomically`.

    path (Path): The final file.
    text (str): The content.
    newline (str | None): Line endings as for `open()`; None writes the platform's.
    """
    write_atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8", newline=newline))
