"""Documents read by where their run wrote their rows: the same rows as reading the tables whole."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from tests.graph.test_build import _corpus

from extractor.graph.scan import TableOrderError, iter_documents
from extractor.graph.slices import forget_slices, load_slices, record_slices, slices_of, table_documents
from extractor.outputs.tables import TableWriter
from extractor.processing.cache import CACHE_DIR
from extractor.types import TABLES

DOCUMENT_TABLES = ("mentions", "quotes", "claims", "dates", "documents")


def write_recorded_folder(out_dir: Path, tables: dict[str, list], *, excel_safe: bool = False) -> Path:
    """Write tables document by document as `extractor run` does, and record where each document's rows lie.

    Nothing is recorded when an entity's actor is not in the actors table (a run never writes such tables).
    """
    writer = TableWriter(out_dir, excel_safe=excel_safe)
    doc_ids = [row.doc_id for row in tables.get("documents", [])]
    for doc_id in doc_ids:
        for name in DOCUMENT_TABLES:
            writer.write(name, [row for row in tables.get(name, []) if row.doc_id == doc_id])
            writer.mark(name)
    entity_docs = []
    for doc_id in doc_ids:
        rows = [row for row in tables.get("entities", []) if row.doc_id == doc_id]
        if rows:
            writer.write("entities", rows)
            writer.mark("entities")
            entity_docs.append(doc_id)
    for name in TABLES:
        if name not in (*DOCUMENT_TABLES, "entities"):
            writer.write(name, tables.get(name, []))
    writer.close()
    actors = {row.actor_id for row in tables.get("actors", [])}
    recorded = slices_of(doc_ids, writer.starts, writer.marks, entity_docs)
    if recorded is not None and all(row.actor_id in actors for row in tables.get("entities", [])):
        assert record_slices(out_dir / CACHE_DIR, out_dir, recorded)
    return out_dir


def _documents(out_dir: Path, known: bool) -> list:
    recorded = load_slices(out_dir, out_dir / CACHE_DIR)
    assert recorded is not None
    return list(table_documents(out_dir, recorded, lambda key: known, excel_safe=False))


@pytest.mark.issue(12)
@pytest.mark.parametrize("known", [True, False])
@pytest.mark.parametrize("drop", [(), ("quotes",), ("entities",), ("quotes", "claims", "mentions")])
def test_slices_rows_equal_reading_the_tables_whole(tmp_path, known, drop):
    """Parsed from each document's slices (few unknown) or read whole (many): the same rows, and the same keys."""
    tables = {name: [] if name in drop else rows for name, rows in _corpus().items()}
    out_dir = write_recorded_folder(tmp_path / "out", tables)
    documents = _documents(out_dir, known)
    assert [document.read() for document in documents] == list(iter_documents(out_dir))
    assert [document.key for document in documents] == [document.key for document in _documents(out_dir, not known)]
    assert len({document.key for document in documents}) == len(documents) == 2


@pytest.mark.issue(12)
def test_slices_key_changes_with_the_rows_and_the_place(tmp_path):
    tables = _corpus()
    one = _documents(write_recorded_folder(tmp_path / "one", tables), True)
    tables["quotes"] = [
        dataclasses.replace(row, text=row.text + "!") if row.doc_id == "b.txt" else row for row in tables["quotes"]
    ]
    two = _documents(write_recorded_folder(tmp_path / "two", tables), True)
    assert one[0].key == two[0].key and one[1].key != two[1].key
    tables = {name: [row for row in rows if getattr(row, "doc_id", "") != "a.txt"] for name, rows in _corpus().items()}
    moved = _documents(write_recorded_folder(tmp_path / "moved", tables), True)
    assert moved[0].key not in (one[0].key, one[1].key)


@pytest.mark.issue(12)
@pytest.mark.parametrize("name", ["documents", "entities", "mentions", "quotes", "claims", "actors"])
def test_slices_table_written_since_is_not_read_by_them(tmp_path, name):
    out_dir = write_recorded_folder(tmp_path / "out", _corpus())
    path = out_dir / f"{name}.csv"
    path.write_bytes(path.read_bytes())  # the same bytes, written again
    assert load_slices(out_dir, out_dir / CACHE_DIR) is None


def test_slices_forgotten_or_absent_are_none(tmp_path):
    out_dir = write_recorded_folder(tmp_path / "out", _corpus())
    forget_slices(out_dir / CACHE_DIR)
    assert load_slices(out_dir, out_dir / CACHE_DIR) is None
    forget_slices(out_dir / CACHE_DIR)


@pytest.mark.parametrize(
    "doc_ids,entity_docs,recorded",
    [
        (["a", "b"], ["a", "b"], True),
        (["a", "b"], ["b"], True),
        (["a", "b"], ["b", "a"], False),  # entities not in documents order
        (["a", "a"], ["a"], False),  # a doc_id twice
    ],
)
def test_slices_of_needs_marks_in_document_order(doc_ids, entity_docs, recorded):
    from array import array

    marks = {name: (array("q", range(1, len(doc_ids) + 1)), array("q", range(1, len(doc_ids) + 1))) for name in TABLES}
    marks["entities"] = (array("q", range(1, len(entity_docs) + 1)), array("q", range(1, len(entity_docs) + 1)))
    starts = dict.fromkeys(TABLES, 0)
    assert (slices_of(doc_ids, starts, marks, entity_docs) is not None) is recorded


@pytest.mark.issue(12)
def test_slices_rows_not_where_recorded_raise_table_order_error(tmp_path):
    out_dir = write_recorded_folder(tmp_path / "out", _corpus())
    recorded = load_slices(out_dir, out_dir / CACHE_DIR)
    assert recorded is not None
    recorded.doc_ids.reverse()
    with pytest.raises(TableOrderError):
        [document.read() for document in table_documents(out_dir, recorded, lambda key: True, excel_safe=False)]
    with pytest.raises(TableOrderError):
        list(table_documents(out_dir, recorded, lambda key: False, excel_safe=False))
