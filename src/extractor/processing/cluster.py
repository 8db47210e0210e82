"""The Dask engine: the same stages on a dask.distributed cluster, rows collected as Parquet shards.

The run reads the inputs and sends documents in partitions to the cluster's
workers. Each worker builds the pipeline once (from the run's `Recipe`),
processes its partition and writes the partition's rows as one Parquet file
per table under `<out>/.extractor-shards/<run>/part-NNNNNN/`. The run reads the
shards back partition by partition, in input order, turns them into
`DocumentResult`s and writes the tables exactly as the local engine does, then
deletes the shards. The output folder must therefore be reachable by the
workers under the same path (a shared file system); on one machine it always is.

With no scheduler address a LocalCluster starts on loopback with one
single-threaded worker process per requested worker.
"""

from __future__ import annotations

import contextlib
import shutil
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from extractor.errors import ExtractorError
from extractor.io.readers import SourceDocument
from extractor.outputs.tables import arrow_schema
from extractor.processing.documents import DocumentProcessor
from extractor.processing.engines import Recipe, Work, in_order
from extractor.processing.results import RESULT_TABLES, DocumentResult
from extractor.types import columns, row_from_values, row_values

SHARD_DIR = ".extractor-shards"
PARTITION_SIZE = 32
# How long to wait for a scheduler given with --scheduler.
CONNECT_TIMEOUT = "30s"


class DaskEngine:
    """Run partitions of documents on a Dask cluster and collect their Parquet shards in order.

    recipe (Recipe): How each worker builds the pipeline.
    workers (int): Workers of the LocalCluster started when `scheduler` is None.
    scheduler (str | None): Address of a running scheduler ("tcp://host:8786").
    shard_dir (Path): The output folder; shards go in a hidden folder inside it.
    """

    def __init__(self, recipe: Recipe, *, workers: int, scheduler: str | None, shard_dir: Path) -> None:
        self.recipe = recipe
        self.workers = workers
        self.shards = Path(shard_dir).resolve() / SHARD_DIR / uuid.uuid4().hex
        self.cluster: Any = None
        self.client = self._connect(scheduler)
        self.partitions = 0

    def _connect(self, scheduler: str | None) -> Any:
        try:
            from distributed import Client, LocalCluster

            if scheduler:
                return Client(scheduler, timeout=CONNECT_TIMEOUT)
            self.cluster = LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            )
            return Client(self.cluster)
        except (ImportError, OSError, TimeoutError, ValueError) as err:
            raise ExtractorError("E214", reason=f"{type(err).__name__}: {err}") from err

    def results(self, work: Iterable[Work]) -> Iterator[DocumentResult]:
        """Every result in input order. YIELDS (DocumentResult)."""
        yield from in_order(work, self._submit, batch_size=PARTITION_SIZE, window=2 * self.workers + 1)

    def _submit(self, batch: list[SourceDocument]) -> Any:
        folder = self.shards / f"part-{self.partitions:06d}"
        self.partitions += 1
        future = self.client.submit(process_partition, self.recipe, batch, str(folder), pure=False)
        return _ShardFuture(future, folder, [document.doc_id for document in batch])

    def close(self) -> None:
        """Shut the client (and the LocalCluster this engine started); remove leftover shards."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        shutil.rmtree(self.shards, ignore_errors=True)
        with contextlib.suppress(OSError):  # another run's shards are still there, or it is gone
            self.shards.parent.rmdir()


class _ShardFuture:
    """A partition on the cluster; its result is the partition's documents read back from the shards."""

    def __init__(self, future: Any, folder: Path, doc_ids: list[str]) -> None:
        self.future = future
        self.folder = folder
        self.doc_ids = doc_ids

    def result(self) -> list[DocumentResult]:
        self.future.result()
        results = read_partition(self.folder, self.doc_ids)
        shutil.rmtree(self.folder, ignore_errors=True)
        return results


# The pipeline a worker process built, with the recipe it was built from.
_WORKER: list[tuple[Recipe, DocumentProcessor]] = []


def process_partition(recipe: Recipe, documents: list[SourceDocument], folder: str) -> str:
    """Run on a worker: process the documents and write their rows as Parquet shards.

    recipe (Recipe): The run's pipeline (built once per worker process and kept).
    documents (list[SourceDocument]): The partition, in input order.
    folder (str): Where the partition's shards go (one file per table).
    RETURNS (str): `folder`.
    """
    if not _WORKER or _WORKER[0][0] != recipe:
        _WORKER[:] = [(recipe, recipe.processor())]
    write_partition(Path(folder), _WORKER[0][1].process(documents))
    return folder


def write_partition(folder: Path, results: Iterable[DocumentResult]) -> None:
    """Write results' rows as one Parquet file per table (written whole, then renamed)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows: dict[str, list[tuple]] = defaultdict(list)
    for result in results:
        for table, table_rows in result.rows.items():
            rows[table].extend(row_values(row) for row in table_rows)
    folder.mkdir(parents=True, exist_ok=True)
    for table in RESULT_TABLES:
        names = columns(table)
        data = {name: [values[i] for values in rows[table]] for i, name in enumerate(names)}
        temporary = folder / f".{table}.parquet.tmp"
        pq.write_table(pa.table(data, schema=arrow_schema(table)), temporary)
        temporary.rename(folder / f"{table}.parquet")


def read_partition(folder: Path, doc_ids: list[str]) -> list[DocumentResult]:
    """The partition's results, in the order of `doc_ids`, from its Parquet shards.

    folder (Path): A folder `write_partition` wrote.
    doc_ids (list[str]): The partition's documents, in input order.
    RETURNS (list[DocumentResult]): One result per document.
    """
    import pyarrow.parquet as pq

    rows: dict[str, dict[str, list]] = {doc_id: {} for doc_id in doc_ids}
    for table in RESULT_TABLES:
        records = pq.read_table(folder / f"{table}.parquet").to_pylist()
        for record in records:
            row = row_from_values(table, record.values())
            rows[row.doc_id].setdefault(table, []).append(row)
    return [_result(doc_id, rows[doc_id]) for doc_id in doc_ids]


def _result(doc_id: str, tables: dict[str, list]) -> DocumentResult:
    if "documents" not in tables:
        return DocumentResult(doc_id=doc_id, rows={"errors": tables.get("errors", [])})
    return DocumentResult(
        doc_id=doc_id, rows={table: tables.get(table, []) for table in RESULT_TABLES if table != "errors"}
    )
