"""The Dask engine: the same stages on a dask.distributed cluster, results collected as Parquet shards.

The run reads the inputs and sends documents in partitions to the cluster's
workers. Each worker builds the pipeline once (from the run's `Recipe`),
processes its partition, formats the rows as the tables write them
(`results.written_form`, as the local engine's workers do) and writes the
partition as one Parquet file, `<out>/.extractor-shards/<run>/part-NNNNNN.parquet`,
with a row per document: its `doc_id` and its `result` (the codec the cache
stores, `results.encode_result`: the CSV text of its rows per table, plus the
rows the run still reads). The run reads the shards back partition by
partition, in input order, and writes the tables exactly as the local engine
does, then deletes the shards. The output folder must therefore be reachable
by the workers under the same path (a shared file system); on one machine it
always is.

With no scheduler address a LocalCluster starts on loopback with one
single-threaded worker process per requested worker.
"""

from __future__ import annotations

import contextlib
import dataclasses
import shutil
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from extractor.errors import ExtractorError
from extractor.io.readers import SourceDocument
from extractor.processing.documents import DocumentProcessor
from extractor.processing.engines import Recipe, Work, in_order
from extractor.processing.heap import MMAP_THRESHOLD, TRIM_THRESHOLD
from extractor.processing.results import DocumentResult, decode_result, written_form

SHARD_DIR = ".extractor-shards"
PARTITION_SIZE = 32
# How long to wait for a scheduler given with --scheduler.
CONNECT_TIMEOUT = "30s"
# glibc settings for the LocalCluster's worker processes. Dask's nanny sets
# MALLOC_TRIM_THRESHOLD_, and setting any of these turns off glibc's dynamic
# mmap threshold: every array the model allocates above 128 kB is then mapped
# and unmapped again, page faults and all (10 s of system time per 1,000
# documents, measured). These are the values the run's own process sets
# (`heap.settle_malloc`): the mmap threshold the dynamic rule ends at (32 MB),
# and a trim threshold above what one batch frees (256 MB).
WORKER_MALLOC = {"MALLOC_MMAP_THRESHOLD_": MMAP_THRESHOLD, "MALLOC_TRIM_THRESHOLD_": TRIM_THRESHOLD}


class DaskEngine:
    """Run partitions of documents on a Dask cluster and collect their Parquet shards in order.

    recipe (Recipe): How each worker builds the pipeline.
    workers (int): Workers of the LocalCluster started when `scheduler` is None.
    scheduler (str | None): Address of a running scheduler ("tcp://host:8786").
    shard_dir (Path): The output folder; shards go in a hidden folder inside it.
    excel_safe (bool): Format the rows as a writer with `excel_safe` does.
    encode (bool): Keep each result's cache entry (`DocumentResult.payload`).
    """

    def __init__(
        self,
        recipe: Recipe,
        *,
        workers: int,
        scheduler: str | None,
        shard_dir: Path,
        excel_safe: bool = False,
        encode: bool = True,
    ) -> None:
        self.recipe = recipe
        self.excel_safe = excel_safe
        self.encode = encode
        self.workers = workers
        self.shards = Path(shard_dir).resolve() / SHARD_DIR / uuid.uuid4().hex
        self.cluster: Any = None
        self.client = self._connect(scheduler)
        self.partitions = 0

    def _connect(self, scheduler: str | None) -> Any:
        try:
            import dask
            from distributed import Client, LocalCluster

            if scheduler:
                return Client(scheduler, timeout=CONNECT_TIMEOUT)
            environ = {f"distributed.nanny.pre-spawn-environ.{name}": value for name, value in WORKER_MALLOC.items()}
            with dask.config.set(environ):
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

    def ready(self) -> None:
        """Build the pipeline on every worker now, all at once, and wait until they have.

        An error in the model or the stages is raised here, before the run
        touches its files, and no worker starts its first partition still loading.

        RAISES ExtractorError: The one a worker raised.
        """
        addresses = list(self.client.scheduler_info()["workers"])
        probes = [
            self.client.submit(prepare_worker, self.recipe, workers=[address], allow_other_workers=True, pure=False)
            for address in addresses
        ]
        errors = self.client.gather(probes or [self.client.submit(prepare_worker, self.recipe, pure=False)])
        for error in errors:
            if error is not None:
                raise error

    def results(self, work: Iterable[Work]) -> Iterator[DocumentResult]:
        """Every result in input order. YIELDS (DocumentResult)."""
        yield from in_order(work, self._submit, batch_size=PARTITION_SIZE, window=2 * self.workers + 1)

    def _submit(self, batch: list[SourceDocument]) -> Any:
        shard = self.shards / f"part-{self.partitions:06d}.parquet"
        self.partitions += 1
        future = self.client.submit(process_partition, self.recipe, batch, str(shard), self.excel_safe, pure=False)
        return _ShardFuture(future, shard, keep_payload=self.encode)

    def close(self) -> None:
        """Shut the client (and the LocalCluster this engine started); remove leftover shards."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        shutil.rmtree(self.shards, ignore_errors=True)
        with contextlib.suppress(OSError):  # another run's shards are still there, or it is gone
            self.shards.parent.rmdir()


class _ShardFuture:
    """A partition on the cluster; its result is the partition's documents read back from its shard."""

    def __init__(self, future: Any, shard: Path, *, keep_payload: bool) -> None:
        self.future = future
        self.shard = shard
        self.keep_payload = keep_payload

    def result(self) -> list[DocumentResult]:
        self.future.result()
        results = read_partition(self.shard, keep_payload=self.keep_payload)
        self.shard.unlink(missing_ok=True)
        return results


# The pipeline a worker process built, with the recipe it was built from.
_WORKER: list[tuple[Recipe, DocumentProcessor]] = []


def process_partition(recipe: Recipe, documents: list[SourceDocument], shard: str, excel_safe: bool = False) -> str:
    """Run on a worker: process the documents and write their results as a Parquet shard.

    recipe (Recipe): The run's pipeline (built once per worker process and kept).
    documents (list[SourceDocument]): The partition, in input order.
    shard (str): The Parquet file to write.
    excel_safe (bool): Format the rows as a writer with `excel_safe` does.
    RETURNS (str): `shard`.
    """
    results = (written_form(result, excel_safe=excel_safe) for result in _worker_pipeline(recipe).process(documents))
    write_partition(Path(shard), results)
    return shard


def _worker_pipeline(recipe: Recipe) -> DocumentProcessor:
    # The pipeline `recipe` makes, built once per worker process and kept.
    if not _WORKER or _WORKER[0][0] != recipe:
        _WORKER[:] = [(recipe, recipe.processor())]
    return _WORKER[0][1]


def prepare_worker(recipe: Recipe) -> ExtractorError | None:
    """Run on a worker: build its pipeline ahead of its first partition.

    RETURNS (ExtractorError | None): The error that kept it from being built,
        returned rather than raised, which Dask's workers would log as a failed task.
    """
    try:
        _worker_pipeline(recipe)
    except ExtractorError as err:
        return err
    return None


def write_partition(shard: Path, results: Iterable[DocumentResult]) -> None:
    """Write results (in `written_form`) as one Parquet file, a row per document (written whole, then renamed)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    doc_ids, payloads = [], []
    for result in results:
        doc_ids.append(result.doc_id)
        payloads.append(result.payload)
    shard.parent.mkdir(parents=True, exist_ok=True)
    temporary = shard.with_name(f".{shard.name}.tmp")
    pq.write_table(pa.table({"doc_id": doc_ids, "result": payloads}, schema=shard_schema()), temporary)
    temporary.rename(shard)


def read_partition(shard: Path, *, keep_payload: bool = True) -> list[DocumentResult]:
    """The partition's results, in input order, from its Parquet shard.

    shard (Path): A file `write_partition` wrote.
    keep_payload (bool): Keep each result's cache entry as its `payload`.
    RETURNS (list[DocumentResult]): One result per document.
    """
    import pyarrow.parquet as pq

    table = pq.read_table(shard, columns=["result"])
    results = []
    for data in table.column("result").to_pylist():
        result = decode_result(data)
        results.append(dataclasses.replace(result, payload=data) if keep_payload else result)
    return results


def shard_schema() -> Any:
    """The shards' Arrow schema: a document's id and its encoded result."""
    import pyarrow as pa

    return pa.schema([("doc_id", pa.string()), ("result", pa.binary())])
