"""The result cache: keys change with anything a result depends on; unused entries are pruned."""

import dataclasses

import pytest

from extractor.io.readers import SourceDocument
from extractor.processing.cache import ResultCache, document_key
from extractor.processing.results import DocumentResult
from extractor.types import ErrorRow

DOCUMENT = SourceDocument(
    doc_id="a.txt",
    source_path="a.txt",
    source_line=0,
    text="Officials said the port would reopen.",
    title="",
    title_start_char=None,
    date="",
    url="",
    source="",
    encoding="utf-8",
    furniture=(),
    body_start_char=0,
)


def result(doc_id: str) -> DocumentResult:
    return DocumentResult(
        doc_id=doc_id, rows={"errors": [ErrorRow(path=doc_id, line=0, doc_id=doc_id, code="E210", reason="r")]}
    )


@pytest.mark.parametrize(
    "change",
    [
        {"text": "Officials said the port would close."},
        {"doc_id": "b.txt"},
        {"date": "2024-01-02"},
        {"furniture": ((0, 9),)},
    ],
)
def test_cache_key_changes_with_the_document(change):
    assert document_key(dataclasses.replace(DOCUMENT, **change), "run") != document_key(DOCUMENT, "run")


def test_cache_key_changes_with_the_run(tmp_path):
    assert document_key(DOCUMENT, "model A") != document_key(DOCUMENT, "model B")
    assert ResultCache(tmp_path, "model A").key(DOCUMENT) == document_key(DOCUMENT, "model A")
    assert document_key(DOCUMENT, "model A") == document_key(dataclasses.replace(DOCUMENT), "model A")


def test_cache_keeps_results_and_prunes_the_unused(tmp_path):
    first = ResultCache(tmp_path, "run")
    first.put("k1", result("a"))
    first.put("k2", result("b"))
    assert first.finish() == 0
    first.close()
    second = ResultCache(tmp_path, "run")
    found = second.get("k1")
    assert found is not None and found.cached and found.rows == result("a").rows
    assert second.get("missing") is None
    assert (second.hits, second.finish()) == (1, 1)  # k2 was not used by this run
    second.close()
    third = ResultCache(tmp_path, "run")
    assert third.get("k2") is None and third.get("k1") is not None
    third.close()


def test_cache_knows_a_file_unchanged_until_it_changes(tmp_path):
    file = tmp_path / "a.txt"
    file.write_text(DOCUMENT.text, encoding="utf8")
    cache = ResultCache(tmp_path / "out", "run")
    assert not cache.unchanged(file, "a.txt")  # never read
    assert cache.known(file, "a.txt") is None  # takes the file's state, as a run does before reading it
    cache.read(file, "a.txt", [DOCUMENT])
    assert cache.unchanged(file, "a.txt")
    assert not ResultCache(tmp_path / "out", "another run").unchanged(file, "a.txt")
    file.write_text(DOCUMENT.text + " Later.", encoding="utf8")
    assert not cache.unchanged(file, "a.txt")
    cache.close()
