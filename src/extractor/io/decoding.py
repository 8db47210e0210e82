"""From a file's bytes to text: size limit, binary sniffing, encoding detection.

`decode_bytes` tries the configured encodings in order and keeps the first
that yields plausible text. latin-1 decodes any bytes, so "plausible" means
(almost) no control characters, which a wrong guess produces. UTF-16/32 and
binary files are rejected with coded errors rather than decoded as garbage.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from extractor.errors import ExtractorError, InputError

DEFAULT_ENCODINGS: tuple[str, ...] = ("utf-8", "utf-8-sig", "cp1252", "latin-1")

_UTF8_BOM = codecs.BOM_UTF8
_WIDE_BOMS = {
    "UTF-32": (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE),
    "UTF-16": (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE),
}
# C0 control bytes other than \t \n \v \f \r: text files have (almost) none.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_MAX_CONTROL_BYTE_RATIO = 0.05
# C0 and C1 control characters; C1 ones appear when bytes meant as cp1252 or
# UTF-8 are decoded as latin-1, i.e. when the encoding guess is wrong.
_CONTROL_CHARS = dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)])
_MAX_CONTROL_CHAR_RATIO = 0.01


def decode_bytes(data: bytes, path: str, encodings: tuple[str, ...] = DEFAULT_ENCODINGS) -> tuple[str, str]:
    """Decode a file's bytes with the first encoding that yields plausible text.

    UTF-8 with a byte-order mark is decoded without it and reported as
    "utf-8-sig". latin-1 decodes any bytes, so text is only accepted when it
    has (almost) no control characters, which a wrong guess produces.

    data (bytes): The file's bytes.
    path (str): The file's relative path, for messages.
    encodings (tuple[str, ...]): Encodings to try, in order.
    RETURNS (tuple[str, str]): The text and the encoding that decoded it.
    RAISES (InputError): E115 for UTF-16/32, E103 for binary data, E104 if nothing fits.
    """
    _check_not_wide_unicode(data, path, encodings)
    _check_not_binary(data, path)
    for encoding in encodings:
        if encoding.replace("_", "-").lower() in ("utf-8", "utf8", "utf-8-sig") and data.startswith(_UTF8_BOM):
            encoding = "utf-8-sig"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, encoding
    raise InputError("E104", path=path, encodings=", ".join(encodings))


def read_bytes(file: Path, relative: str, limit: int) -> bytes:
    """Read a whole file, refusing one larger than `limit` bytes.

    file (Path): The file to read.
    relative (str): Its path relative to the input root, for messages.
    limit (int): The most bytes allowed.
    RETURNS (bytes): The file's bytes, never empty.
    RAISES (InputError): E105 if it cannot be read, E106 if too large, E102 if empty.
    """
    try:
        size = file.stat().st_size
        if size > limit:
            raise InputError("E106", path=relative, size=size, limit=limit)
        with file.open("rb") as handle:
            # Read one byte more than allowed, in case the file grew since stat.
            data = handle.read(limit + 1)
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


def _check_not_wide_unicode(data: bytes, path: str, encodings: tuple[str, ...]) -> None:
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    for name, boms in _WIDE_BOMS.items():
        if data.startswith(boms):
            raise InputError("E115", path=path, bom=name, encodings=", ".join(encodings))


def _check_not_binary(data: bytes, path: str) -> None:
    if b"\x00" in data:
        raise InputError("E103", path=path, detail="it contains NUL bytes")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_BYTE_RATIO * len(data):
        detail = f"{controls} of {len(data)} bytes are control characters"
        raise InputError("E103", path=path, detail=detail)


def _looks_like_text(text: str) -> bool:
    controls = len(text) - len(text.translate(_CONTROL_CHARS))
    return controls <= _MAX_CONTROL_CHAR_RATIO * len(text)
