"""Tests for extractor.io.decoding: file kinds, UTF-16/32, control characters.

Special files (FIFOs, sockets) are made in tmp_path; nothing binary is committed.
"""

import os
import socket

import pytest

from extractor.errors import InputError
from extractor.io.decoding import decode_bytes, read_bytes

TEXT = "“Storm closes airports,” officials said on Sunday. Café."


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    "data,encoding",
    [
        (("\ufeff" + TEXT).encode("utf-16-le"), "utf-16"),
        (("\ufeff" + TEXT).encode("utf-16-be"), "utf-16"),
        (("\ufeff" + TEXT).encode("utf-32-le"), "utf-32"),
        (("\ufeff" + TEXT).encode("utf-32-be"), "utf-32"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-32-le"), "utf-32-le"),
        (TEXT.encode("utf-32-be"), "utf-32-be"),
    ],
)
def test_decoding_utf16_and_utf32_are_decoded_and_recorded(data, encoding):
    assert decode_bytes(data, "x.txt") == (TEXT, encoding)


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    "data,code",
    [
        # NUL bytes in every other place, but no text when decoded: binary.
        (b"\x01\x00\x02\x00\x03\x00\x04\x00" * 20, "E103"),
        # NULs on both sides: no UTF-16 pattern.
        (b"\x00\x00ab\x00cd\x00" * 20, "E103"),
        # UTF-16 without a mark, cut to an odd length: not claimed as UTF-16.
        (TEXT.encode("utf-16-le")[:-1], "E103"),
    ],
)
def test_decoding_nul_patterns_that_are_not_text_stay_binary(data, code):
    with pytest.raises(InputError) as excinfo:
        decode_bytes(data, "x.txt")
    assert excinfo.value.code == code


@pytest.mark.issue(14)
@pytest.mark.parametrize("controls", ["\x1b\x07\x08\x1b\x07", "\x00\x01\x02\x1b\x7f"])
def test_decoding_text_of_control_characters_says_so(controls):
    # 5 control characters in 205: under the 5% binary threshold, over the 1% text one.
    data = ("Plain words here. " * 11 + "abcdefgh" + controls).encode()
    with pytest.raises(InputError) as excinfo:
        decode_bytes(data, "x.txt")
    assert excinfo.value.code == ("E103" if "\x00" in controls else "E123")
    if "\x00" not in controls:
        assert "decodes as utf-8, but 5 of 211 characters are control characters" in excinfo.value.reason


@pytest.mark.issue(14)
@pytest.mark.parametrize("kind", ["fifo", "socket"])
def test_decoding_read_bytes_never_opens_a_special_file(tmp_path, monkeypatch, kind):
    # Opening a FIFO blocks until a writer comes: without the check this test hangs.
    monkeypatch.chdir(tmp_path)  # a socket's path must be short
    server = socket.socket(socket.AF_UNIX)
    if kind == "fifo":
        os.mkfifo("special.txt")
    else:
        server.bind("special.txt")
    with server, pytest.raises(InputError) as excinfo:
        read_bytes(tmp_path / "special.txt", "special.txt", 1000)
    assert excinfo.value.code == "E120"
    assert ("named pipe" if kind == "fifo" else "socket") in excinfo.value.reason


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    "text,expected",
    [("plain words", 0), ("é\x07ü\x85\t\n", 2), ("\x00\x08\x09\x0d\x0e\x1f\x7f\x9f\xa0", 6), ("", 0)],
)
def test_decoding_counts_control_characters(text, expected):
    from extractor.io.decoding import _CONTROL_CHARS, _count_controls

    assert _count_controls(text) == expected
    assert _count_controls(text) == len(text) - len(text.translate(_CONTROL_CHARS))
