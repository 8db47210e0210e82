from __future__ import annotations

from dataclasses import fields

import pytest

from extractor.types import COLUMN_TYPES, TABLES, ErrorRow, column_docs, column_types


@pytest.mark.parametrize("name", list(TABLES))
def test_types_rows_cannot_be_built_positionally(name):
    row_type = TABLES[name]
    values = [None] * len(fields(row_type))
    with pytest.raises(TypeError):
        row_type(*values)


def test_types_rows_are_built_by_keyword():
    row = ErrorRow(path="a.txt", line=0, doc_id="", code="E101", reason="empty")
    assert (row.path, row.code) == ("a.txt", "E101")


@pytest.mark.parametrize("name", list(TABLES))
def test_types_every_column_has_a_column_type(name):
    assert {str(f.type) for f in fields(TABLES[name])} <= set(COLUMN_TYPES)
    assert list(column_types(name)) == [f.name for f in fields(TABLES[name])]


def test_types_column_docs_name_the_readme_type():
    docs = {column: type_name for column, type_name, _ in column_docs("claims")}
    assert docs["text"] == "string"
    assert docs["start_char"] == "integer"
    assert docs["source_start_char"] == "integer (nullable)"
    assert docs["has_figure"] == "boolean"
