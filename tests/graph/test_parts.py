"""The part files of the graph files: bytes copied from earlier files, by the kernel or through buffers."""

from __future__ import annotations

import os

import pytest

from extractor.graph.parts import PartFile, copy_bytes, copy_segments, part_segments, part_size


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


def _joined(part, skip: int = 0) -> bytes:
    """The bytes a part stands for, as `writers.join_pieces` copies them."""
    with (part.parent / "joined").open("wb") as target:
        copy_segments(part_segments(part), target, skip)
    return (part.parent / "joined").read_bytes()


@pytest.mark.issue(12)
@pytest.mark.parametrize("lead", ["", ",\n"])
def test_parts_part_file_counts_written_and_copied_documents(tmp_path, lead):
    (tmp_path / "earlier").write_bytes(b"xx,\nAB,\nCDE")
    part = PartFile(tmp_path / "part")
    part.write(["a", "bc"], [1, 2])
    part.copy(tmp_path / "earlier", 2, [4, 5], lead)
    part.write(["d"], [1])
    part.close()
    assert part.lengths == [1, 2, 4, 5, 1]
    expected = b"abc" + lead.encode() + b",\nAB,\nCDE"[len(lead) :] + b"d"
    assert _joined(tmp_path / "part") == expected
    assert part_size(tmp_path / "part") == len(expected)
    # The earlier bytes are not copied into the part: only its own are there.
    assert (tmp_path / "part").read_bytes() == b"abc" + lead.encode() + b"d"


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    "copies,expected",
    [
        # Copies at the start, in a row, and at the end; empty ones leave nothing.
        ([(0, "e1", 0, [2]), (0, "e2", 1, [1, 0]), (1, "e1", 2, [])], b"01aab"),
        ([(1, "e2", 0, [2])], b"aaab"),
        ([(2, "e1", 1, [3])], b"ab123"),
    ],
)
def test_parts_part_segments_put_earlier_bytes_between_own_ones(tmp_path, copies, expected):
    (tmp_path / "e1").write_bytes(b"0123")
    (tmp_path / "e2").write_bytes(b"aaaa")
    part = PartFile(tmp_path / "part")
    own = iter("ab")
    written = 0
    for at, name, start, lengths in copies:
        while written < at:
            part.write([next(own)], [1])
            written += 1
        part.copy(tmp_path / name, start, lengths)
    part.write(list(own))
    part.close()
    assert _joined(tmp_path / "part") == expected
    assert all(length > 0 for _, _, length in part_segments(tmp_path / "part"))


@pytest.mark.issue(12)
@pytest.mark.parametrize("skip", [0, 1, 2, 3, 5])
def test_parts_copy_segments_skips_across_segments(tmp_path, skip):
    (tmp_path / "earlier").write_bytes(b"XYZ")
    part = PartFile(tmp_path / "part")
    part.write(["a"])
    part.copy(tmp_path / "earlier", 0, [3])
    part.write(["b"])
    part.close()
    assert _joined(tmp_path / "part", skip) == b"aXYZb"[skip:]


def test_parts_part_file_without_copies_has_no_map(tmp_path):
    part = PartFile(tmp_path / "part")
    part.write(["ab"], [1])
    part.close()
    assert [path.name for path in tmp_path.iterdir()] == ["part"]
    assert part_segments(tmp_path / "part") == [(str(tmp_path / "part"), 0, 2)]
