"""Engines: where documents are processed, results always coming back in input order.

Work arrives as a stream of `SourceDocument`s to process, mixed with results
that are already known (cache hits, inputs that failed to read). An engine
groups consecutive documents into batches, processes them (here, in worker
processes, or on a Dask cluster: `processing.cluster`) and yields every
result in the order the work came, so the tables never depend on which worker
was fastest. At most `window` batches are in flight, so memory does not grow
with the corpus.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from extractor.children import exit_with_parent
from extractor.errors import ExtractorError
from extractor.io.readers import SourceDocument
from extractor.pipeline.config import PipelineConfig, add_stages
from extractor.processing.documents import DocumentProcessor
from extractor.processing.heap import freeze_for_good, settle_malloc
from extractor.processing.results import DocumentResult, written_form

if TYPE_CHECKING:
    from spacy.language import Language

Work = SourceDocument | DocumentResult


class Pending(Protocol):
    """A submitted batch: a concurrent.futures.Future, or anything with a blocking `result()`."""

    def result(self) -> list[DocumentResult]: ...


BatchResults = Callable[[list[SourceDocument]], list[DocumentResult]]
# Native math libraries start a thread per core in every process; with one
# worker process per core they would fight over the same cores.
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass(frozen=True)
class Recipe:
    """What a worker needs to build the same pipeline as the run: picklable and small.

    model (str | None): As for `pipeline.model.load_model`.
    config (PipelineConfig): The parsed pipeline config, overrides applied.
    reference_date (str): ISO date for relative dates when a document has none.
    batch_size (int): Docs per `nlp.pipe` batch.
    """

    model: str | None
    config: PipelineConfig
    reference_date: str = ""
    batch_size: int = 16

    def processor(self) -> DocumentProcessor:
        """Load the model, add the stages and wrap them in a processor. RETURNS (DocumentProcessor)."""
        from extractor.pipeline.model import load_model

        nlp, _ = load_model(self.model)
        add_stages(nlp, self.config)
        return DocumentProcessor(nlp, reference_date=self.reference_date, batch_size=self.batch_size)


def batches(work: Iterable[Work], size: int) -> Iterator[list[SourceDocument] | DocumentResult]:
    """Consecutive documents in lists of at most `size`; known results pass through between them.

    work (Iterable[Work]): Documents and known results, in input order.
    size (int): Documents per batch.
    YIELDS: A batch of documents, or a known result, in input order.
    """
    batch: list[SourceDocument] = []
    for item in work:
        if isinstance(item, DocumentResult):
            if batch:
                yield batch
                batch = []
            yield item
        else:
            batch.append(item)
            if len(batch) == size:
                yield batch
                batch = []
    if batch:
        yield batch


def in_order(
    work: Iterable[Work], submit: Callable[[list[SourceDocument]], Pending], *, batch_size: int, window: int
) -> Iterator[DocumentResult]:
    """Submit batches, keep at most `window` in flight, yield results in input order.

    work (Iterable[Work]): Documents and known results.
    submit (callable): Starts a batch; its `result()` returns the batch's results.
    batch_size (int): Documents per batch.
    window (int): Batches in flight at most.
    YIELDS (DocumentResult): Every result, in input order.
    """
    queue: deque[Pending | DocumentResult] = deque()
    in_flight = 0
    for item in batches(work, batch_size):
        if isinstance(item, DocumentResult):
            queue.append(item)
        else:
            queue.append(submit(item))
            in_flight += 1
        # Known results at the head go out at once; a full window waits for its oldest batch.
        while queue and (isinstance(queue[0], DocumentResult) or in_flight >= window):
            in_flight -= not isinstance(queue[0], DocumentResult)
            yield from _pop(queue)
    while queue:
        yield from _pop(queue)


def _pop(queue: deque) -> Iterator[DocumentResult]:
    head = queue.popleft()
    if isinstance(head, DocumentResult):
        yield head
    else:
        yield from head.result()


class SerialEngine:
    """Process documents in this process, with the run's own pipeline.

    processor (DocumentProcessor): The pipeline, wrapped.
    """

    workers = 1

    def __init__(self, processor: DocumentProcessor, *, excel_safe: bool = False, encode: bool = True) -> None:
        self.processor = processor
        self.form = {"excel_safe": excel_safe, "encode": encode}

    def results(self, work: Iterable[Work]) -> Iterator[DocumentResult]:
        """Every result in input order, in `written_form`. YIELDS (DocumentResult)."""
        for item in batches(work, 64):
            if isinstance(item, DocumentResult):
                yield item
            else:
                for result in self.processor.process(item):
                    yield written_form(result, **self.form)

    def ready(self) -> None:
        """Nothing to wait for: the pipeline is this process's, built already."""

    def close(self) -> None:
        """Nothing to release."""


class ProcessEngine:
    """Spread batches of documents over worker processes, each with its own pipeline.

    recipe (Recipe): How each worker builds the pipeline.
    workers (int): Worker processes.
    batch_size (int): Documents per task; small enough to balance, large enough to amortize.
    """

    def __init__(
        self, recipe: Recipe, workers: int, *, batch_size: int = 16, excel_safe: bool = False, encode: bool = True
    ) -> None:
        import multiprocessing

        self.workers = workers
        self.batch_size = batch_size
        self.form = {"excel_safe": excel_safe, "encode": encode}
        # spawn everywhere: a forked child would inherit the parent's threads
        # (and their locks) from native libraries; workers build their own pipeline.
        self.pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(recipe,),
        )

    def ready(self) -> None:
        """Start every worker and wait until one has built its pipeline.

        The pool starts a process per task submitted, so a task per worker
        starts them all at once. The first to answer raises the error that kept
        its pipeline from being built (a bad model or stage), before the run
        touches its files; the others go on loading meanwhile.

        RAISES ExtractorError: The worker's own, or E213 when a worker died.
        """
        probes = [self.pool.submit(_check_worker) for _ in range(self.workers)]
        with _worker_deaths():
            next(as_completed(probes)).result()

    def results(self, work: Iterable[Work]) -> Iterator[DocumentResult]:
        """Every result in input order. YIELDS (DocumentResult)."""
        with _worker_deaths():
            yield from in_order(
                work,
                lambda batch: self.pool.submit(_process_batch, batch, self.form),
                batch_size=self.batch_size,
                window=2 * self.workers + 1,
            )

    def close(self) -> None:
        """Stop the worker processes."""
        self.pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _worker_deaths() -> Iterator[None]:
    # A worker that died (killed, out of memory) breaks the whole pool: say so with a code.
    try:
        yield
    except BrokenProcessPool as err:
        raise ExtractorError("E213", reason=str(err) or "a worker process died (out of memory?)") from err


_WORKER: dict[str, DocumentProcessor] = {}
# The error that kept the worker's pipeline from being built, if one did.
_WORKER_ERROR: list[ExtractorError] = []


def _start_worker(recipe: Recipe) -> None:
    exit_with_parent()
    for name in _THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    settle_malloc()  # as the run's own process does, before the pipeline's arrays
    try:
        _WORKER["processor"] = recipe.processor()
    except ExtractorError as err:
        # Kept for the worker's tasks to raise: raised here, it would only
        # break the pool, and the run would see E213 without the reason.
        _WORKER_ERROR.append(err)
        return
    freeze_for_good()  # the pipeline lives as long as the worker: collections need not walk it


def _processor() -> DocumentProcessor:
    if _WORKER_ERROR:
        raise _WORKER_ERROR[0]
    return _WORKER["processor"]


def _check_worker() -> None:
    _processor()


def _process_batch(batch: list[SourceDocument], form: dict[str, bool]) -> list[DocumentResult]:
    # Rows are formatted here, in parallel, rather than in the run's process.
    return [written_form(result, **form) for result in _processor().process(batch)]


def serial_engine(nlp: Language, recipe: Recipe, *, excel_safe: bool = False, encode: bool = True) -> SerialEngine:
    """An engine over the run's own pipeline. RETURNS (SerialEngine)."""
    processor = DocumentProcessor(nlp, reference_date=recipe.reference_date, batch_size=recipe.batch_size)
    return SerialEngine(processor, excel_safe=excel_safe, encode=encode)
