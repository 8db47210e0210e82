"""How one value is written as CSV text, the same in every table and graph file.

Two kinds of text are made safe here, so that every CSV the tool writes gets
the same treatment:

- A lone surrogate (U+D800–U+DFFF, which no UTF-8 file can hold: it comes from
  a JSON `\\ud800` escape) is written as U+FFFD, one character for one, so
  offsets still hold. Without it one such cell would end the whole run with a
  `UnicodeEncodeError`.
- With `excel_safe`, text that a spreadsheet would run as a formula (CSV
  injection, OWASP: a cell starting with `=`, `+`, `-`, `@`, tab or carriage
  return) gets a leading `'`. Text that starts with apostrophes followed by one
  of those characters gets one more, so `undo_excel_safe` restores every cell
  exactly and `extractor.load()` hands back the original text.
"""

from __future__ import annotations

import re
from typing import Any

# OWASP's list: https://owasp.org/www-community/attacks/CSV_Injection
FORMULA_STARTS = "=+-@\t\r"
EXCEL_SAFE_PREFIX = "'"
_NEEDS_PREFIX = re.compile(f"'*[{re.escape(FORMULA_STARTS)}]")
_PREFIXED = re.compile(f"'+[{re.escape(FORMULA_STARTS)}]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def csv_cell(value: Any, *, excel_safe: bool = False) -> str:
    """Render one value as CSV text.

    value (Any): A row field, node or edge attribute, or Parquet value.
    excel_safe (bool): Prefix text that a spreadsheet would run as a formula with `'`.
    RETURNS (str): "" for None, true/false for bools, str() otherwise; lone
        surrogates become U+FFFD.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if not isinstance(value, str):
        return str(value)
    text = without_surrogates(value)
    return excel_safe_text(text) if excel_safe else text


def without_surrogates(text: str) -> str:
    """Text with each lone surrogate written as U+FFFD, one character for one.

    text (str): Any text (a cell, or whole CSV lines).
    RETURNS (str): Text that UTF-8 can hold.
    """
    # An ASCII string (CPython knows without reading it) holds no surrogate.
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


def excel_safe_text(text: str) -> str:
    """Prefix text with `'` when a spreadsheet would read it as a formula.

    text (str): A cell's text.
    RETURNS (str): `'` + text when text starts with `=`, `+`, `-`, `@`, tab or
        carriage return (after any apostrophes); text otherwise.
    """
    return EXCEL_SAFE_PREFIX + text if _NEEDS_PREFIX.match(text) else text


def undo_excel_safe(text: str) -> str:
    """The original text of a cell written by `excel_safe_text`.

    text (str): A cell as written with `excel_safe`.
    RETURNS (str): The text without the `'` that `excel_safe_text` added.
    """
    return text[1:] if _PREFIXED.match(text) else text
