"""`extractor.run`: read documents, run the spaCy stages, stream rows into tables.

The flow is a pipe of generators: files → SourceDocuments (bad ones become
`errors` rows) → the cache (a document seen before with the same model and
config gives its stored rows) → an engine that runs the others through the
pipeline (in this process, in worker processes, or on a Dask cluster) →
results in input order → rows written per document. Entity rows wait in a
temporary file, and the only corpus-level state in memory is per name
(`actors.CorpusActors`); when every document is in, the entities get their
actor ids and the actor table is written. The manifest, the graph files and
the HTML report are written last, from the finished tables; with the cache,
the sections of documents whose rows did not change are copied from the
earlier run's files (`graph.splice`).

A run holds the output folder's lock from before the model loads to the
last file (a second run into the folder fails with E304), and removes what
an earlier run left there before writing anything (`outputs.folder`); its
cache (`processing.cache`) stays, and with it, moved there, its graph files
and report.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from extractor.about import __version__
from extractor.errors import ConfigError, ExtractorError, OutputError
from extractor.io.readers import ReaderSettings, SourceDocument, iso_date, read_inputs
from extractor.outputs.cells import csv_cell
from extractor.outputs.folder import lock_output_folder, remove_outputs
from extractor.outputs.manifest import MANIFEST, RunSummary, write_manifest
from extractor.outputs.tables import FORMATS, TableWriter, csv_excel_safe, csv_line
from extractor.pipeline.config import PipelineConfig, add_stages, read_pipeline_config
from extractor.pipeline.model import ModelFiles, locate_model
from extractor.processing.cache import CACHE_DIR, ResultCache, run_fingerprint
from extractor.processing.engines import ProcessEngine, Recipe, Work, serial_engine
from extractor.processing.heap import frozen_heap, settle_malloc
from extractor.processing.results import DocumentResult, entity_lines, error_result
from extractor.types import TABLES, EntityRow, ErrorRow

if TYPE_CHECKING:
    from spacy.language import Language

    from extractor.actors import CorpusActors

ENGINES = ("local", "dask")
# Below this much input per extra worker process, starting the process (and
# loading the model in it) costs more than it saves: the default stays serial.
BYTES_PER_WORKER = 256_000

Progress = Callable[[str, dict[str, Any]], None]


def run(
    inputs: Path,
    out_dir: Path,
    *,
    model: str | None = None,
    pipeline: Path | None = None,
    overrides: dict[str, Any] | None = None,
    fmt: str = "csv",
    reference_date: str = "",
    aliases: Path | None = None,
    batch_size: int = 16,
    graph: bool = True,
    excel_safe: bool = False,
    workers: int | None = 1,
    engine: str = "local",
    scheduler: str | None = None,
    cache: bool = True,
    progress: Progress | None = None,
) -> RunSummary:
    """Run every document under `inputs` through the pipeline and write everything a run writes.

    That is the tables and `manifest.json`, then (with `graph`) the graph files
    and `report.html`, all in `out_dir`. Arguments are checked before the model
    loads, so a bad one fails fast. The run holds `out_dir`'s lock throughout,
    and first removes the tables, graph files, report and manifest of an
    earlier run there (and the `.partial` and temporary files of one that was
    interrupted), so the folder never mixes two runs; with `cache`, the graph
    files and report are moved into the cache folder instead, and unchanged
    documents' bytes are copied from them (`graph.splice`). Whatever the engine and
    the number of workers, and with or without the cache, the same inputs and
    model give byte-identical tables.

    inputs (Path): a file or a folder (searched recursively, sorted).
    out_dir (Path): where the tables, `manifest.json`, graph files and report go.
    model (str | None): package name, path, "bundled", or None for the default.
    pipeline (Path | None): a pipeline config; None for `pipelines/default.cfg`.
    overrides (dict): dotted config overrides.
    fmt (str): "csv" or "parquet".
    reference_date (str): ISO date for relative dates when a document has none.
    aliases (Path | None): CSV (alias,canonical) of names to merge into one actor.
    batch_size (int): documents per `nlp.pipe` batch.
    graph (bool): also write the actor–statement graph files and the HTML report.
    excel_safe (bool): prefix CSV cells a spreadsheet would run as a formula
        (starting with =, +, -, @, tab or CR) with `'`; recorded in the
        manifest, and `extractor.load()` takes the prefix off again.
    workers (int | None): processes that run the pipeline (local engine); 1
        runs it in this process; None picks the machine's cores, fewer for
        small inputs (`default_workers`).
    engine (str): "local", or "dask" to run on a dask.distributed cluster.
    scheduler (str | None): the Dask scheduler's address; None starts a
        LocalCluster with `workers` workers.
    cache (bool): reuse the rows of documents an earlier run into `out_dir`
        processed with the same model and config, and store the new ones; and
        the graph files' and report's bytes of documents whose rows did not change.
    progress (callable): called as progress(event, info) for "model", "document", "error".
    RETURNS (RunSummary): counts and timings.
    RAISES ExtractorError: for a missing input, a bad argument or config, a model
        that cannot load, an output folder that cannot be written (E302, E305)
        or that another run is writing into (E304).
    """
    _check_arguments(Path(inputs), fmt, reference_date, engine, workers)
    from extractor.actors import CorpusActors, load_aliases

    actors = CorpusActors(load_aliases(aliases) if aliases else None)
    config = read_pipeline_config(pipeline, overrides)
    settings = _reader_settings(config)
    out_dir = Path(out_dir)
    with lock_output_folder(out_dir), _run_heap() as freeze:
        found = locate_model(model)
        info = found.info
        csv_safe = csv_excel_safe(fmt, excel_safe)
        opened = _open_cache(out_dir, found, config, csv_safe, overrides, reference_date) if cache else None
        with opened or contextlib.nullcontext() as results:
            # What there is to parse, read once: it sizes the workers and says whether to wait for them.
            to_parse = input_bytes(Path(inputs), results) if workers is None or results is not None else None
            n_workers = workers or workers_for(to_parse or 0)
            # Worker processes load the model each: this process loads it only to parse itself.
            nlp = _own_pipeline(found, config, freeze) if engine == "local" and n_workers == 1 else None
            report = progress or (lambda event, data: None)
            report("model", {"model": info, "pipeline": config.source, "engine": engine, "workers": n_workers})
            recipe = Recipe(model=model, config=config, reference_date=reference_date, batch_size=batch_size)
            # The engine starts before the run's files are touched: a cluster that can't
            # be reached, or a model or stage its workers can't build, leaves the
            # earlier run's files as they were.
            form = {"excel_safe": csv_safe, "encode": cache}
            # Not when the cache knows every input file unchanged: then no worker need start.
            wait = nlp is None and (results is None or bool(to_parse))
            with _open_engine(nlp, recipe, engine, n_workers, scheduler, out_dir, form, wait=wait) as processing:
                summary = RunSummary(
                    out_dir=out_dir, model=info, excel_safe=excel_safe, engine=engine, workers=n_workers
                )
                if cache and graph:
                    _keep_previous_files(out_dir)
                remove_outputs(out_dir, output_names())
                started = time.perf_counter()
                writer = TableWriter(out_dir, fmt, excel_safe=excel_safe)
                state = _RunState(writer, summary, report, actors, results)
                state.run(read_inputs(Path(inputs), settings, memo=results), processing)
        if cache and graph and fmt == "csv":
            _record_slices(out_dir, state)
        summary.counts = dict(writer.counts)
        summary.seconds = time.perf_counter() - started
        write_manifest(out_dir, summary, config, Path(inputs), __version__)
        if graph:
            _write_graph_and_report(out_dir, splice=cache)
    return summary


@contextmanager
def _run_heap() -> Iterator[Callable[[], None]]:
    # What lives as long as the run is left out of garbage collections
    # (`frozen_heap`), and a model's arrays come from glibc's heap rather than
    # fresh mappings (`settle_malloc`, before any is allocated).
    settle_malloc()
    with frozen_heap() as freeze:
        yield freeze


def _own_pipeline(found: ModelFiles, config: PipelineConfig, freeze: Callable[[], None]) -> Language:
    # The model with our stages, for a run that parses in this process; loaded
    # once for the whole run, and left out of collections as it lives as long.
    nlp = add_stages(found.load(), config)
    freeze()
    return nlp


def _open_cache(
    out_dir: Path,
    found: ModelFiles,
    config: PipelineConfig,
    excel_safe: bool,
    overrides: dict[str, Any] | None,
    reference_date: str,
) -> ResultCache:
    # Everything besides the document that the cached rows depend on; the
    # rows are kept as this run's writer formats them (`excel_safe`).
    depends_on = {"overrides": overrides or {}, "reference_date": reference_date, "excel_safe": excel_safe}
    fingerprint = run_fingerprint(found.folder, dataclasses.asdict(found.info), config.text, depends_on)
    return ResultCache(out_dir, fingerprint, excel_safe=excel_safe)


def default_workers(inputs: Path, cache: ResultCache | None = None) -> int:
    """Worker processes for a run that names none: the machine's cores, fewer
    for little to parse. Input files the cache knows unchanged are not parsed,
    so a re-run with a few changed documents parses them in this process,
    which then loads the model, rather than starting workers that each load one.

    inputs (Path): the run's input file or folder.
    cache (ResultCache | None): the run's cache, if it has one.
    RETURNS (int): at least 1.
    """
    return workers_for(input_bytes(inputs, cache))


def workers_for(to_parse: int) -> int:
    """Worker processes for `to_parse` bytes of input text (`default_workers`). RETURNS (int): at least 1."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, to_parse // BYTES_PER_WORKER))


def input_bytes(inputs: Path, cache: ResultCache | None = None) -> int:
    """About how much text `inputs` holds: the size of the input files it names
    (0 if unknown), leaving out those `cache` knows unchanged."""
    from extractor.io.readers import discover_inputs

    try:
        files = discover_inputs(inputs)
        return sum(
            path.stat().st_size for path, relative in files if cache is None or not cache.unchanged(path, relative)
        )
    except (ExtractorError, OSError):  # the run itself reports a bad path, with its code
        return 0


def _check_arguments(inputs: Path, fmt: str, reference_date: str, engine: str, workers: int | None) -> None:
    if not inputs.exists():
        raise ExtractorError("E101", path=inputs)
    if fmt not in FORMATS:
        raise OutputError("E301", value=fmt, allowed=", ".join(FORMATS))
    if engine not in ENGINES:
        raise ExtractorError("E118", name="engine", value=engine, allowed=f"use one of: {', '.join(ENGINES)}")
    if workers is not None and workers < 1:
        raise ExtractorError("E118", name="workers", value=workers, allowed="give 1 or more worker processes")
    if reference_date and iso_date(reference_date) != reference_date:
        raise ExtractorError(
            "E118", name="reference_date", value=reference_date, allowed="give an ISO date such as 2024-02-12"
        )


def output_names() -> list[str]:
    """The names of every file a run writes into its output folder (the lock file aside).

    RETURNS (list[str]): Tables in both formats, graph files, report and manifest.
    """
    from extractor.graph.columns import GRAPH_FILES
    from extractor.report.html import REPORT_FILE

    tables = [f"{name}.{fmt}" for name in TABLES for fmt in FORMATS]
    return tables + list(GRAPH_FILES.values()) + [REPORT_FILE, MANIFEST]


def _keep_previous_files(out_dir: Path) -> None:
    # The earlier graph files and report go aside, not away: their unchanged
    # documents' bytes are copied into the new ones (`graph.splice`). Where the
    # earlier tables' documents lie no longer holds once the tables are written again.
    from extractor.graph.columns import GRAPH_FILES
    from extractor.graph.slices import forget_slices
    from extractor.graph.splice import keep_previous
    from extractor.report.html import REPORT_FILE

    forget_slices(out_dir / CACHE_DIR)
    keep_previous(out_dir, [*GRAPH_FILES.values(), REPORT_FILE])


def _record_slices(out_dir: Path, state: _RunState) -> None:
    # Where each document's rows lie in the tables, so the graph pass can digest unchanged
    # documents without parsing them (`graph.slices`).
    from extractor.graph.slices import record_slices, slices_of

    writer = state.writer
    slices = slices_of(state.doc_ids, writer.starts, writer.marks, state.entity_docs)
    if slices is not None and state.linked:
        record_slices(out_dir / CACHE_DIR, out_dir, slices)


def _write_graph_and_report(out_dir: Path, *, splice: bool) -> None:
    # Both stream from the finished tables: memory per actor, not per row.
    from extractor.report.html import write_graph_and_report

    write_graph_and_report(out_dir, splice=splice)


def _reader_settings(config: PipelineConfig) -> ReaderSettings:
    try:
        return ReaderSettings(**config.reader)
    except TypeError as err:  # an unknown key in [reader]
        raise ConfigError("E205", path=config.source, reason=f"[reader]: {err}") from err


@contextmanager
def _open_engine(
    nlp: Language | None,
    recipe: Recipe,
    engine: str,
    workers: int,
    scheduler: str | None,
    out_dir: Path,
    form: dict[str, bool],
    *,
    wait: bool,
) -> Iterator[Any]:
    """The engine a run asked for, closed (workers stopped, cluster shut) when the run ends.

    nlp (Language | None): The run's own pipeline, for one local worker; None for worker processes.
    form (dict): How results come back (`processing.results.written_form`'s
        excel_safe and encode), whatever the engine.
    wait (bool): Wait until the workers have built their pipeline (`ready()`), so
        that a model or stage they can't build fails the run here.
    """
    if engine == "dask":
        from extractor.processing.cluster import DaskEngine

        processing: Any = DaskEngine(recipe, workers=workers, scheduler=scheduler, shard_dir=out_dir, **form)
    elif nlp is None:
        processing = ProcessEngine(recipe, workers, **form)
    else:
        processing = serial_engine(nlp, recipe, **form)
    try:
        if wait:
            processing.ready()
        yield processing
    finally:
        processing.close()


class _EntitySpill:
    """Entity rows waiting for their actor ids, in a temporary file that nothing outlives.

    Each row waits as its CSV line up to the actor id (the last column), with its document and
    the name it is merged by (`actors.name_of`): the actor id is all `_RunState.finish` adds.
    A result in `written_form` brings its rows so formatted (`processing.results.entity_lines`).

    folder (Path): Where the file goes (the output folder).
    excel_safe (bool): Format the cells as the entities table's writer does.
    """

    def __init__(self, folder: Path, *, excel_safe: bool) -> None:
        # Closed by `close()` when the run ends; unnamed, so a killed run leaves nothing.
        self.file: IO[str] = tempfile.TemporaryFile("w+", encoding="utf8", dir=folder, prefix=".entities.")  # noqa: SIM115
        self.excel_safe = excel_safe

    def write(self, rows: Iterable[EntityRow]) -> None:
        self.file.write(entity_lines(rows, excel_safe=self.excel_safe))

    def write_lines(self, lines: str) -> None:
        """Append rows already formatted by `entity_lines` (with this spill's `excel_safe`)."""
        self.file.write(lines)

    def read(self) -> Iterator[tuple[str, tuple[str, str], str]]:
        """YIELDS (tuple): (doc_id, name, CSV line up to the actor id), in the order written."""
        self.file.seek(0)
        for line in self.file:
            doc_id, group, key, head = json.loads(line)
            yield doc_id, (group, key), head

    def close(self) -> None:
        self.file.close()


class _RunState:
    """The moving parts of one run, so each step stays a short method."""

    def __init__(
        self,
        writer: TableWriter,
        summary: RunSummary,
        report: Progress,
        actors: CorpusActors,
        cache: ResultCache | None,
    ) -> None:
        self.writer = writer
        self.summary = summary
        self.report = report
        self.actors = actors
        self.cache = cache
        # doc_id → cache key of a document sent to the engine and not back yet.
        self.keys: dict[str, str] = {}
        self.spill = _EntitySpill(writer.out_dir, excel_safe=writer.excel_safe)
        # The documents written, in order, and those with entities (the writer's marks, `graph.slices`).
        self.doc_ids: list[str] = []
        self.entity_docs: list[str] = []
        self.linked = True

    def run(self, items: Iterator[SourceDocument | ErrorRow | DocumentResult], engine: Any) -> None:
        """Process every item and finish the tables; on any error keep what was written as `.partial`."""
        try:
            for result in engine.results(self._work(items)):
                self._store(result)
                self._write(result)
            self.finish()
            self.writer.close()
            if self.cache:
                self.cache.finish()
        except BaseException:
            self.writer.abort()
            raise
        finally:
            self.spill.close()

    def _work(self, items: Iterator[SourceDocument | ErrorRow | DocumentResult]) -> Iterator[Work]:
        for item in items:
            if isinstance(item, ErrorRow):
                yield error_result(item)
                continue
            if isinstance(item, DocumentResult):  # from a file the cache knows unchanged
                if item.document is not None:  # always so: `ResultCache.known` gives finished documents only
                    self._add_source(item.document.source_path)
                yield item
                continue
            self._add_source(item.source_path)
            if self.cache is not None:
                key = self.cache.key(item)
                cached = self.cache.get(key)
                if cached is not None:
                    yield cached
                    continue
                self.keys[item.doc_id] = key
            yield item

    def _add_source(self, source_path: str) -> None:
        if not self.summary.sources or self.summary.sources[-1] != source_path:
            self.summary.sources.append(source_path)

    def _store(self, result: DocumentResult) -> None:
        key = self.keys.pop(result.doc_id, None)
        if self.cache is not None and key is not None:
            self.cache.put(key, result)

    def _write(self, result: DocumentResult) -> None:
        for row in result.rows.get("errors", ()):
            self.writer.write("errors", [row])
            self.report("error", {"row": row})
        document = result.document
        if document is None:
            return
        for table in ("mentions", "quotes", "claims", "dates", "documents"):
            if table in result.written:
                n_rows, text = result.written[table]
                self.writer.write_text(table, text, n_rows)
            else:
                self.writer.write(table, result.rows[table])
            self.writer.mark(table)
        self.doc_ids.append(document.doc_id)
        if result.names is not None:  # in `written_form`: its entities formatted already
            self.actors.add_names(result.names)
            self.spill.write_lines(result.written.get("entities", (0, ""))[1])
        else:
            self.actors.add(result.rows["entities"], result.rows["mentions"])
            self.spill.write(result.rows["entities"])
        self.summary.documents_ok += 1
        self.summary.cached_documents += result.cached
        self.summary.words += document.n_tokens
        self.report(
            "document",
            {"doc_id": document.doc_id, "words": document.n_tokens, "chars": document.n_chars, "cached": result.cached},
        )

    def finish(self) -> None:
        """Write the corpus-level tables once every document is in."""
        resolution = self.actors.resolve()
        cells: dict[str, str] = {}  # actor id → its CSV cell
        for doc_id, group in groupby(self.spill.read(), key=itemgetter(0)):
            lines = []
            for _, name, head in group:
                actor_id = resolution.assign(doc_id, name)
                if actor_id not in cells:
                    # Every entity's actor is in the actors table: `graph.slices` counts on it.
                    self.linked = self.linked and actor_id in resolution.actors
                    cells[actor_id] = csv_line([csv_cell(actor_id, excel_safe=self.writer.excel_safe), ""])[:-2]
                lines.append(f"{head}{cells[actor_id]}\n")
            self.writer.write_text("entities", "".join(lines), len(lines))
            self.writer.mark("entities")
            self.entity_docs.append(doc_id)
        self.writer.write("actors", resolution.actor_rows())
