"""From a file's bytes to text: file kind, size limit, binary sniffing, encoding detection.

`read_bytes` opens only regular files (a FIFO or a device would block the run
or never end). `decode_bytes` first recognises UTF-16 and UTF-32, which are
unambiguous with a byte-order mark and nearly so without one (every other byte,
or two bytes in four, are NUL in text that is mostly ASCII); then it tries the
configured encodings in order and keeps the first that yields plausible text.
latin-1 decodes any bytes, so "plausible" means (almost) no control characters,
which a wrong guess produces. Binary files are rejected with a coded error
rather than decoded as garbage.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from extractor.errors import ExtractorError, InputError

DEFAULT_ENCODINGS: tuple[str, ...] = ("utf-8", "utf-8-sig", "cp1252", "latin-1")

_UTF8_BOM = codecs.BOM_UTF8
# Python's "utf-32"/"utf-16" codecs read the byte-order mark and drop it. UTF-32
# comes first: its little-endian BOM starts with UTF-16's.
_WIDE_BOMS = {
    "utf-32": (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE),
    "utf-16": (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE),
}
# Without a BOM: (codec, code unit width, byte positions in a unit that are NUL
# in all text, positions that are NUL in ASCII text, positions that never are).
# Every character has a NUL top byte in UTF-32, and ASCII a NUL high byte in
# UTF-16; the low byte of a text character is almost never NUL.
_BOMLESS_WIDE = (
    ("utf-32-le", 4, (3,), (2,), (0,)),
    ("utf-32-be", 4, (0,), (1,), (3,)),
    ("utf-16-le", 2, (), (1,), (0,)),
    ("utf-16-be", 2, (), (0,), (1,)),
)
_MIN_NUL_SHARE = 0.5  # of the bytes that are NUL in ASCII text
_MAX_NUL_SHARE = 0.01  # of the low bytes
_SNIFF_BYTES = 1 << 16  # a multiple of 4: enough bytes to tell
_FILE_KINDS = {
    stat.S_IFIFO: "named pipe (FIFO)",
    stat.S_IFSOCK: "socket",
    stat.S_IFCHR: "character device",
    stat.S_IFBLK: "block device",
}
# C0 control bytes other than \t \n \v \f \r: text files have (almost) none.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_MAX_CONTROL_BYTE_RATIO = 0.05
# C0 and C1 control characters; C1 ones appear when bytes meant as cp1252 or
# UTF-8 are decoded as latin-1, i.e. when the encoding guess is wrong.
_CONTROL_CHARS = dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)])
_C0_CONTROL_CHARS = dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
# The same characters as a regex class, for counting them: `str.translate`
# looks every character of a non-ASCII text up in the dict (0.3 ms a page).
_CONTROL_CHAR = re.compile("[" + "".join(re.escape(chr(code)) for code in _CONTROL_CHARS) + "]")
_MAX_CONTROL_CHAR_RATIO = 0.01


def decode_bytes(data: bytes, path: str, encodings: tuple[str, ...] = DEFAULT_ENCODINGS) -> tuple[str, str]:
    """Decode a file's bytes with the first encoding that yields plausible text.

    UTF-8 with a byte-order mark is decoded without it and reported as
    "utf-8-sig"; UTF-16/32 with a mark as "utf-16"/"utf-32", and without one,
    when the NUL bytes say so unambiguously, as e.g. "utf-16-le" (whatever
    `encodings` lists: they are the byte-oriented encodings to try). latin-1
    decodes any bytes, so text is only accepted when it has (almost) no
    control characters, which a wrong guess produces.

    data (bytes): The file's bytes.
    path (str): The file's relative path, for messages.
    encodings (tuple[str, ...]): Encodings to try, in order.
    RETURNS (tuple[str, str]): The text and the encoding that decoded it.
    RAISES (InputError): E115 for a byte-order mark the data breaks, E103 for
        binary data, E123 for text of control characters, E104 if nothing decodes.
    """
    wide = _decode_wide_unicode(data, path)
    if wide is not None:
        return wide
    _check_not_binary(data, path)
    rejected: tuple[str, str] | None = None
    for encoding in encodings:
        if encoding.replace("_", "-").lower() in ("utf-8", "utf8", "utf-8-sig") and data.startswith(_UTF8_BOM):
            encoding = "utf-8-sig"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, encoding
        rejected = rejected or (text, encoding)
    if rejected is not None and _has_control_content(rejected[0]):
        raise _control_error(path, *rejected)
    raise InputError("E104", path=path, encodings=", ".join(encodings))


def read_bytes(file: Path, relative: str, limit: int) -> bytes:
    """Read a whole file, refusing one larger than `limit` bytes.

    file (Path): The file to read.
    relative (str): Its path relative to the input root, for messages.
    limit (int): The most bytes allowed.
    RETURNS (bytes): The file's bytes, never empty.
    RAISES (InputError): E120 if it is no regular file (a FIFO, socket or
        device: opening or reading one can block for ever), E105 if it cannot
        be read, E106 if too large, E102 if empty.
    """
    try:
        info = os.stat(file)
        _check_regular(info.st_mode, relative)
        size = info.st_size
        if size > limit:
            raise InputError("E106", path=relative, size=size, limit=limit)
        data = _read_regular(file, relative, limit)
    except OSError as error:
        raise InputError("E105", path=relative, error=error.strerror or type(error).__name__) from None
    if len(data) > limit:
        raise InputError("E106", path=relative, size=f"over {limit}", limit=limit)
    if not data:
        raise InputError("E102", path=relative)
    return data


def check_encodings(encodings: tuple[str, ...]) -> None:
    """Reject an empty list of encodings or a name that is no text codec.

    encodings (tuple[str, ...]): Codec names from the reader settings.
    RAISES (ExtractorError): E118 naming the bad setting.
    """
    allowed = "give one or more codec names Python knows, e.g. ('utf-8', 'cp1252', 'latin-1')"
    if not encodings:
        raise ExtractorError("E118", name="encodings", value=encodings, allowed=allowed)
    for encoding in encodings:
        try:
            # str.encode also rejects codecs that are not text encodings (base64).
            "a".encode(encoding)
        except (LookupError, TypeError, UnicodeError):
            raise ExtractorError("E118", name="encodings", value=encodings, allowed=allowed) from None


def _check_regular(mode: int, relative: str) -> None:
    # stat() before open(): opening a FIFO blocks until a writer comes.
    if not stat.S_ISREG(mode):
        kind = _FILE_KINDS.get(stat.S_IFMT(mode), "special file")
        raise InputError("E120", path=relative, kind=kind)


def _read_regular(file: Path, relative: str, limit: int) -> bytes:
    # O_NONBLOCK: should the file have been swapped for a FIFO since stat(),
    # open() still returns, and fstat() says so before anything is read.
    descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        _check_regular(os.fstat(descriptor).st_mode, relative)
        # Read one byte more than allowed, in case the file grew since stat.
        return handle.read(limit + 1)


def _decode_wide_unicode(data: bytes, path: str) -> tuple[str, str] | None:
    """The text and encoding of UTF-16/32 data, or None if `data` is neither."""
    for encoding, boms in _WIDE_BOMS.items():
        if data.startswith(boms):
            return _decode_with_bom(data, path, encoding)
    guess = _sniff_bomless_wide(data)
    if guess is None:
        return None
    try:
        text = data.decode(guess)
    except UnicodeDecodeError:
        return None
    # A guess, unlike a BOM: when it yields no text, the data is binary.
    return (text, guess) if _looks_like_text(text) else None


def _decode_with_bom(data: bytes, path: str, encoding: str) -> tuple[str, str]:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError("E115", path=path, bom=encoding.upper(), error=error.reason) from None
    if not _looks_like_text(text):
        raise _control_error(path, text, encoding)
    return text, encoding


def _sniff_bomless_wide(data: bytes) -> str | None:
    if b"\x00" not in data:
        return None
    sample = data[:_SNIFF_BYTES]
    for encoding, width, always, ascii_nul, never in _BOMLESS_WIDE:
        if len(data) % width == 0 and _nul_pattern_fits(sample, width, always, ascii_nul, never):
            return encoding
    return None


def _nul_pattern_fits(
    sample: bytes, width: int, always: tuple[int, ...], ascii_nul: tuple[int, ...], never: tuple[int, ...]
) -> bool:
    return (
        all(_nul_share(sample, i, width) == 1.0 for i in always)
        and all(_nul_share(sample, i, width) >= _MIN_NUL_SHARE for i in ascii_nul)
        and all(_nul_share(sample, i, width) <= _MAX_NUL_SHARE for i in never)
    )


def _nul_share(data: bytes, position: int, width: int) -> float:
    # The share of NUL bytes at `position` in each code unit of `width` bytes.
    sample = data[position::width]
    return sample.count(0) / len(sample) if sample else 0.0


def _check_not_binary(data: bytes, path: str) -> None:
    if b"\x00" in data:
        raise InputError("E103", path=path, detail="it contains NUL bytes")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_BYTE_RATIO * len(data):
        detail = f"{controls} of {len(data)} bytes are control characters"
        raise InputError("E103", path=path, detail=detail)


def _looks_like_text(text: str) -> bool:
    return _count_controls(text) <= _MAX_CONTROL_CHAR_RATIO * len(text)


def _has_control_content(text: str) -> bool:
    # C0 control characters are the same bytes in every ASCII-based encoding,
    # so too many of them are the file's content, not a wrong guess (which
    # shows as C1 controls from latin-1).
    c0 = len(text) - len(text.translate(_C0_CONTROL_CHARS))
    return c0 > _MAX_CONTROL_CHAR_RATIO * len(text)


def _count_controls(text: str) -> int:
    return len(_CONTROL_CHAR.findall(text))


def _control_error(path: str, text: str, encoding: str) -> InputError:
    percent = f"{_MAX_CONTROL_CHAR_RATIO:.0%}"
    return InputError(
        "E123", path=path, encoding=encoding, count=_count_controls(text), total=len(text), percent=percent
    )
