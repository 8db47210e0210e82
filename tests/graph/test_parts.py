"""The part files of the graph files: bytes copied from earlier files, by the kernel or through buffers."""

from __future__ import annotations

import os

import pytest

from extractor.graph.parts import PartFile, copy_bytes


@pytest.mark.issue(12)
@pytest.mark.parametrize("kernel", [True, False])
@pytest.mark.parametrize("start,length", [(0, 10), (3, 4), (10, 0)])
def test_parts_copy_bytes_appends_the_range(tmp_path, monkeypatch, kernel, start, length):
    if not kernel:
        monkeypatch.delattr(os, "copy_file_range", raising=False)
    (tmp_path / "source").write_bytes(b"0123456789")
    with (tmp_path / "source").open("rb") as source, (tmp_path / "target").open("wb") as target:
        target.write(b"ab")  # buffered, not yet flushed
        copy_bytes(source, start, length, target)
        target.write(b"yz")
    assert (tmp_path / "target").read_bytes() == b"ab" + b"0123456789"[start : start + length] + b"yz"


@pytest.mark.parametrize("kernel", [True, False])
def test_parts_copy_bytes_from_a_file_that_ends_early_fails(tmp_path, monkeypatch, kernel):
    if not kernel:
        monkeypatch.delattr(os, "copy_file_range", raising=False)
    (tmp_path / "source").write_bytes(b"0123")
    source, target = (tmp_path / "source").open("rb"), (tmp_path / "target").open("wb")
    with source, target, pytest.raises(OSError, match="ended 2 bytes early"):
        copy_bytes(source, 2, 4, target)


@pytest.mark.parametrize("lead", ["", ",\n"])
def test_parts_part_file_counts_written_and_copied_documents(tmp_path, lead):
    (tmp_path / "earlier").write_bytes(b"xx,\nAB,\nCDE")
    part = PartFile(tmp_path / "part")
    part.write(["a", "bc"], [1, 2])
    with (tmp_path / "earlier").open("rb") as source:
        part.copy(source, 2, [4, 5], lead)
    part.write(["d"], [1])
    part.close()
    assert part.lengths == [1, 2, 4, 5, 1]
    assert (tmp_path / "part").read_bytes() == b"abc" + lead.encode() + b",\nAB,\nCDE"[len(lead) :] + b"d"
