"""How one value is written as CSV text, the same in every table and graph file."""

from __future__ import annotations

from typing import Any


def csv_cell(value: Any) -> str:
    """Render one value as CSV text.

    value (Any): A row field, node or edge attribute, or Parquet value.
    RETURNS (str): "" for None, true/false for bools, str() otherwise.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
