from __future__ import annotations

import pytest

from extractor.outputs.cells import csv_cell


@pytest.mark.parametrize(
    "value,expected",
    [(None, ""), (True, "true"), (False, "false"), (0, "0"), (12, "12"), ("a,b", "a,b"), ("", "")],
)
def test_cells_csv_cell_renders_values(value, expected):
    assert csv_cell(value) == expected
