"""The Dask engine's shards: a partition written by a worker reads back as the same results, in order."""

import pytest

from extractor.processing.results import DocumentResult, written_form
from extractor.types import ErrorRow

pytest.importorskip("pyarrow")

from extractor.processing.cluster import read_partition, write_partition


def failed(doc_id: str, reason: str) -> DocumentResult:
    return DocumentResult(
        doc_id=doc_id, rows={"errors": [ErrorRow(path="p", line=0, doc_id=doc_id, code="E210", reason=reason)]}
    )


def test_a_shard_keeps_its_documents_order_and_cache_entries(tmp_path):
    results = [written_form(failed(doc_id, f"reason {doc_id}")) for doc_id in ("b", "a", "c")]
    shard = tmp_path / "shards" / "part-000000.parquet"
    write_partition(shard, results)
    assert [path.name for path in shard.parent.iterdir()] == [shard.name]  # no temporary left
    back = read_partition(shard)
    assert [result.doc_id for result in back] == ["b", "a", "c"]
    assert [result.rows for result in back] == [result.rows for result in results]
    assert [result.payload for result in back] == [result.payload for result in results]
    assert not any(result.cached for result in back)


def test_a_run_without_a_cache_drops_the_entries(tmp_path):
    shard = tmp_path / "part-000000.parquet"
    write_partition(shard, [written_form(failed("d", "x"))])
    assert read_partition(shard, keep_payload=False)[0].payload == b""


def test_local_cluster_workers_keep_large_arrays_out_of_mmap(tmp_path):
    """Dask's nanny sets MALLOC_TRIM_THRESHOLD_, which turns glibc's dynamic mmap threshold off."""
    import os

    pytest.importorskip("distributed")
    from extractor.processing.cluster import WORKER_MALLOC, DaskEngine
    from extractor.processing.engines import Recipe

    engine = DaskEngine(Recipe(model="bundled", config=None), workers=1, scheduler=None, shard_dir=tmp_path)
    try:
        seen = engine.client.run(lambda: {name: os.environ.get(name) for name in WORKER_MALLOC})
    finally:
        engine.close()
    assert list(seen.values()) == [{name: str(value) for name, value in WORKER_MALLOC.items()}]
