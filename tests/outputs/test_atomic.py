from __future__ import annotations

import pytest

from extractor.outputs.atomic import write_atomically, write_text_atomically


def test_atomic_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "report.html"
    path.write_text("old", encoding="utf-8")
    write_text_atomically(path, "new\n", newline="\n")
    assert path.read_bytes() == b"new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_atomic_failed_write_keeps_the_old_file(tmp_path):
    path = tmp_path / "manifest.json"
    path.write_text("old", encoding="utf-8")

    def fail(temporary):
        temporary.write_text("half", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomically(path, fail)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]
