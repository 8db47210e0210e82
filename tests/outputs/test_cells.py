from __future__ import annotations

import pytest

from extractor.outputs.cells import csv_cell


@pytest.mark.parametrize(
    "value,expected",
    [(None, ""), (True, "true"), (False, "false"), (0, "0"), (12, "12"), ("a,b", "a,b"), ("", "")],
)
def test_cells_csv_cell_renders_values(value, expected):
    assert csv_cell(value) == expected


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    "text,written",
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),  # an apostrophe already there gets one more, so the loader can undo it
        ("''-x", "'''-x"),
        ("'Twas", "'Twas"),
        ("a=b", "a=b"),
        ("", ""),
        ("plain", "plain"),
    ],
)
def test_cells_excel_safe_guards_formulas_and_is_undone_exactly(text, written):
    from extractor.outputs.cells import undo_excel_safe

    assert csv_cell(text, excel_safe=True) == written
    assert undo_excel_safe(written) == text
    assert csv_cell(text) == text


@pytest.mark.issue(14)
@pytest.mark.parametrize("value,expected", [(-3, "-3"), (True, "true"), (None, "")])
def test_cells_excel_safe_leaves_numbers_and_flags(value, expected):
    assert csv_cell(value, excel_safe=True) == expected


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    "text,expected", [("a\ud800b", "a\ufffdb"), ("\udcff", "\ufffd"), ("ok \U0001f600", "ok \U0001f600")]
)
def test_cells_lone_surrogates_become_replacement_characters(text, expected):
    written = csv_cell(text)
    assert written == expected and len(written) == len(text)
    written.encode("utf-8")
