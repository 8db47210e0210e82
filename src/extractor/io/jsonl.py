"""JSONL input: parse and validate one line into a record and its document id.

Each non-blank line of a `.jsonl` file is one article: an object with an
`id` (string or integer) and a `text` (string), and optionally the metadata
fields `title`, `date`, `url` and `source` (string or null). A bad line raises
a coded `InputError` naming the file, the line and, once known, the id, so the
reader can record it and go on with the next line. That includes lines Python's
JSON parser gives up on (nesting too deep, an integer of thousands of digits)
and strings that JSON allows but Unicode does not: a lone surrogate escape
(`"\ud800"`) can be neither tokenized nor written as UTF-8.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from extractor.errors import InputError

# The metadata a JSONL record (or Markdown front matter) may give.
METADATA_FIELDS = ("title", "date", "url", "source")
_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_jsonl_record(raw: str, path: str, line: int) -> tuple[dict[str, Any], str]:
    """Parse one JSONL line and check its fields.

    raw (str): The line, without its line break.
    path (str): The file's relative path, for messages.
    line (int): The 1-based line number, for messages.
    RETURNS (tuple[dict[str, Any], str]): The record and its document id.
    RAISES (InputError): E107 bad JSON, E125 JSON too deep or large to parse,
        E108 not an object, E109 missing field, E110 wrong field type, E119 a
        lone surrogate, E102 empty text.
    """
    record = _load_json(raw, path, line)
    if not isinstance(record, dict):
        raise InputError("E108", path=path, line=line, kind=json_kind(record))
    doc_id = _jsonl_doc_id(record, path, line)
    if record.get("text") is None:
        raise InputError("E109", path=path, line=line, doc_id=doc_id, field="text")
    _check_string_fields(record, path, line, doc_id)
    _check_no_surrogates(record, path, line, doc_id)
    if not record["text"].strip():
        raise InputError("E102", path=path, line=line, doc_id=doc_id)
    return record, doc_id


def record_metadata(record: dict[str, Any]) -> dict[str, str]:
    """The metadata fields of a checked record, "" where absent or null.

    record (dict[str, Any]): A record from `parse_jsonl_record`.
    RETURNS (dict[str, str]): Field name → value, for every `METADATA_FIELDS` name.
    """
    return {name: record.get(name) or "" for name in METADATA_FIELDS}


def json_kind(value: Any) -> str:
    """The JSON name of a parsed value's type, for messages.

    value (Any): A value from `json.loads`.
    RETURNS (str): "null", "boolean", "number", "string", "array" or "object".
    """
    kinds = {bool: "boolean", int: "number", float: "number", str: "string", list: "array", dict: "object"}
    return "null" if value is None else kinds.get(type(value), type(value).__name__)


def _load_json(raw: str, path: str, line: int) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise InputError("E107", path=path, line=line, error=f"{error.msg} at column {error.colno}") from None
    except RecursionError:
        raise InputError("E125", path=path, line=line, reason="arrays or objects nest too deeply") from None
    except ValueError:
        # int() refuses to convert more digits than this (CVE-2020-10735).
        limit = getattr(sys, "get_int_max_str_digits", lambda: 4300)()  # Python 3.10.7+
        reason = f"a number has more than {limit} digits"
        raise InputError("E125", path=path, line=line, reason=reason) from None


def _jsonl_doc_id(record: dict[str, Any], path: str, line: int) -> str:
    value = record.get("id")
    # bool is an int subclass, but `true` is no id.
    if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int))):
        allowed = "a string or an integer"
        raise InputError("E110", path=path, line=line, field="id", kind=json_kind(value), allowed=allowed)
    if isinstance(value, str):
        # Before anything uses the id: a surrogate can't be written anywhere.
        _check_no_surrogate(value, "id", path, line, "")
    if value is None or not str(value).strip():
        raise InputError("E109", path=path, line=line, field="id")
    return str(value)


def _check_no_surrogates(record: dict[str, Any], path: str, line: int, doc_id: str) -> None:
    for name in ("text", *METADATA_FIELDS):
        value = record.get(name)
        if isinstance(value, str):
            _check_no_surrogate(value, name, path, line, doc_id)


def _check_no_surrogate(value: str, field: str, path: str, line: int, doc_id: str) -> None:
    found = _SURROGATE.search(value)
    if found:
        escape = f"\\u{ord(found.group()):04x}"
        raise InputError("E119", path=path, line=line, doc_id=doc_id, field=field, escape=escape, index=found.start())


def _check_string_fields(record: dict[str, Any], path: str, line: int, doc_id: str) -> None:
    for name in ("text", *METADATA_FIELDS):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            allowed = "a string" if name == "text" else "a string or null"
            kind = json_kind(value)
            raise InputError("E110", path=path, line=line, doc_id=doc_id, field=name, kind=kind, allowed=allowed)
