"""`extractor.run`: read documents, run the spaCy stages, stream rows into tables.

The flow is a pipe of generators: files → SourceDocuments (bad ones become
`errors` rows) → chunked Docs → `nlp.pipe` → rows written per document. Only
per-document entity summaries stay in memory until the end, where the
corpus-level actor table is built from them. The manifest, the graph files
and the HTML report are written last, from the finished tables.

A run holds the output folder's lock from before the model loads to the
last file (a second run into the folder fails with E304), and removes what
an earlier run left there before writing anything (`outputs.folder`).
A document that one of our stages fails on, or that the pipeline drops
without a word, becomes an E210 or E212 `errors` row and the run goes on.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.about import __version__
from extractor.components.extensions import rows_of
from extractor.errors import ConfigError, Errors, ExtractorError, OutputError
from extractor.ids import DATE_KEY, DOC_ID_KEY, OFFSET_KEY
from extractor.io.chunks import split_for_length
from extractor.io.readers import ReaderSettings, SourceDocument, iso_date, masked_text, read_inputs
from extractor.outputs.folder import lock_output_folder, remove_outputs
from extractor.outputs.manifest import MANIFEST, RunSummary, write_manifest
from extractor.outputs.tables import FORMATS, TableWriter, sort_rows
from extractor.pipeline.config import PipelineConfig, add_stages, read_pipeline_config
from extractor.pipeline.model import load_model, quiet_lemmatizer
from extractor.types import TABLES, DocumentRow, ErrorRow

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

ROW_TABLES = ("mentions", "quotes", "claims", "dates")
CHUNK_KEY = "extractor.chunk"
# The place of a chunk in the stream fed to `nlp.pipe`, which keeps that order:
# a chunk missing from the output when a later one comes out was dropped.
SEQUENCE_KEY = "extractor.sequence"


@dataclass
class _Pending:
    """A document whose chunks are still coming out of `nlp.pipe`."""

    source: SourceDocument
    chunks_left: int
    docs: list = field(default_factory=list)


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
    progress: Progress | None = None,
) -> RunSummary:
    """Run every document under `inputs` through the pipeline and write everything a run writes.

    That is the tables and `manifest.json`, then (with `graph`) the graph files
    and `report.html`, all in `out_dir`. Arguments are checked before the model
    loads, so a bad one fails fast. The run holds `out_dir`'s lock throughout,
    and first removes the tables, graph files, report and manifest of an
    earlier run there (and the `.partial` and temporary files of one that was
    interrupted), so the folder never mixes two runs.

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
    progress (callable): called as progress(event, info) for "model", "document", "error".
    RETURNS (RunSummary): counts and timings.
    RAISES ExtractorError: for a missing input, a bad argument or config, a model
        that cannot load, an output folder that cannot be written (E302, E305)
        or that another run is writing into (E304).
    """
    _check_arguments(Path(inputs), fmt, reference_date)
    from extractor.actors import CorpusActors, load_aliases

    actors = CorpusActors(load_aliases(aliases) if aliases else None)
    config = read_pipeline_config(pipeline, overrides)
    settings = _reader_settings(config)
    out_dir = Path(out_dir)
    with lock_output_folder(out_dir):
        nlp, info = load_model(model)
        add_stages(nlp, config)
        report = progress or (lambda event, data: None)
        report("model", {"model": info, "pipeline": config.source})
        summary = RunSummary(out_dir=out_dir, model=info, excel_safe=excel_safe)
        remove_outputs(out_dir, output_names())
        started = time.perf_counter()
        writer = TableWriter(out_dir, fmt, excel_safe=excel_safe)
        state = _RunState(nlp, writer, summary, reference_date, report, actors)
        state.run(read_inputs(Path(inputs), settings), batch_size)
        summary.counts = dict(writer.counts)
        summary.seconds = time.perf_counter() - started
        write_manifest(out_dir, summary, config, Path(inputs), __version__)
        if graph:
            _write_graph_and_report(out_dir)
    return summary


def _check_arguments(inputs: Path, fmt: str, reference_date: str) -> None:
    if not inputs.exists():
        raise ExtractorError("E101", path=inputs)
    if fmt not in FORMATS:
        raise OutputError("E301", value=fmt, allowed=", ".join(FORMATS))
    if reference_date and iso_date(reference_date) != reference_date:
        raise ExtractorError(
            "E118", name="reference_date", value=reference_date, allowed="give an ISO date such as 2024-02-12"
        )


def output_names() -> list[str]:
    """The names of every file a run writes into its output folder (the lock file aside).

    RETURNS (list[str]): Tables in both formats, graph files, report and manifest.
    """
    from extractor.graph.files import GRAPH_FILES
    from extractor.report.html import REPORT_FILE

    tables = [f"{name}.{fmt}" for name in TABLES for fmt in FORMATS]
    return tables + list(GRAPH_FILES.values()) + [REPORT_FILE, MANIFEST]


def _write_graph_and_report(out_dir: Path) -> None:
    # The tables are read back once and the graph built once for both outputs.
    from extractor.graph.build import GRAPH_TABLES, build_graph, write_graph
    from extractor.outputs.loading import load
    from extractor.report.html import write_report

    tables = load(out_dir, required=GRAPH_TABLES)
    built = build_graph(tables)
    write_graph(out_dir, graph=built)
    write_report(out_dir, tables=tables, graph=built)


def _reader_settings(config: PipelineConfig) -> ReaderSettings:
    try:
        return ReaderSettings(**config.reader)
    except TypeError as err:  # an unknown key in [reader]
        raise ConfigError("E205", path=config.source, reason=f"[reader]: {err}") from err


class _RunState:
    """The moving parts of one run, so each step stays a short method."""

    def __init__(
        self,
        nlp: Language,
        writer: TableWriter,
        summary: RunSummary,
        reference_date: str,
        report: Progress,
        actors: Any,
    ) -> None:
        self.nlp = nlp
        self.writer = writer
        self.summary = summary
        self.reference_date = reference_date
        self.report = report
        self.actors = actors
        self.pending: dict[str, _Pending] = {}
        self.order: dict[str, int] = {}
        # (sequence, doc_id) of every chunk sent into nlp.pipe and not yet out of it.
        self.in_flight: deque[tuple[int, str]] = deque()
        self.sequence = 0
        # doc_id → (code, reason) of a document that a chunk of failed.
        self.failures: dict[str, tuple[str, str]] = {}
        # Only our stages use the default handler (the statistical components
        # keep theirs): `Language.set_error_handler` fails on compiled parsers.
        nlp.default_error_handler = self._stage_failed

    def run(self, items: Iterator[SourceDocument | ErrorRow], batch_size: int) -> None:
        """Process every item and finish the tables; on any error keep what was written as `.partial`."""
        try:
            self.process(items, batch_size)
            self.finish()
            self.writer.close()
        except BaseException:
            self.writer.abort()
            raise

    def process(self, items: Iterator[SourceDocument | ErrorRow], batch_size: int) -> None:
        """Feed documents through `nlp.pipe` and write each one as it completes."""
        with quiet_lemmatizer():
            self._pipe(items, batch_size)

    def _pipe(self, items: Iterator[SourceDocument | ErrorRow], batch_size: int) -> None:
        for doc in self.nlp.pipe(self._docs(items), batch_size=batch_size):
            self._dropped_before(doc.user_data[SEQUENCE_KEY])
            self._chunk_done(doc.user_data[DOC_ID_KEY], doc)
        self._dropped_before(None)

    def _dropped_before(self, sequence: int | None) -> None:
        # spaCy's pipe leaves out a Doc a stage failed on (after calling
        # `_stage_failed`), or one a stage's own `pipe` lost: every chunk fed
        # before the one that came out, and not out yet, is such a chunk.
        while self.in_flight and self.in_flight[0][0] != sequence:
            _, doc_id = self.in_flight.popleft()
            self.failures.setdefault(doc_id, ("E212", Errors.template("E212")))
            self._chunk_done(doc_id, None)
        if self.in_flight:
            self.in_flight.popleft()

    def _chunk_done(self, doc_id: str, doc: Doc | None) -> None:
        entry = self.pending[doc_id]
        if doc is not None:
            entry.docs.append(doc)
        entry.chunks_left -= 1
        if entry.chunks_left == 0:
            del self.pending[doc_id]
            self._write_document(entry)

    def _docs(self, items: Iterator[SourceDocument | ErrorRow]) -> Iterator[Doc]:
        for item in items:
            if isinstance(item, ErrorRow):
                self._error(item)
            else:
                yield from self._chunk_docs(item)

    def _chunk_docs(self, item: SourceDocument) -> Iterator[Doc]:
        self.order[item.doc_id] = len(self.order)
        self.summary.sources.append(item.source_path)
        chunks = list(split_for_length(masked_text(item), self.nlp.max_length))
        self.pending[item.doc_id] = _Pending(item, len(chunks))
        for offset, chunk in chunks:
            sequence = self.sequence
            self.sequence += 1
            self.in_flight.append((sequence, item.doc_id))
            try:
                doc = self._make_doc(item, offset, chunk, len(chunks))
            except Exception as err:  # e.g. text spaCy's tokenizer can't take
                self._failed(item.doc_id, "tokenizer", err)
                continue  # never fed: `_dropped_before` counts it when a later chunk comes out
            doc.user_data[SEQUENCE_KEY] = sequence
            yield doc

    def _make_doc(self, item: SourceDocument, offset: int, chunk: str, n_chunks: int) -> Doc:
        doc = self.nlp.make_doc(chunk)
        doc.user_data[DOC_ID_KEY] = item.doc_id
        doc.user_data[OFFSET_KEY] = offset
        doc.user_data[DATE_KEY] = item.date or self.reference_date
        doc.user_data[CHUNK_KEY] = n_chunks
        return doc

    def _stage_failed(self, name: str, proc: Any, docs: list, err: Exception) -> None:
        # spaCy calls this instead of raising and leaves the Doc out of the
        # pipe's output; `_dropped_before` then writes the document's E210 row.
        for doc in docs:
            self._failed(doc.user_data.get(DOC_ID_KEY, ""), name, err)

    def _failed(self, doc_id: str, stage: str, err: Exception) -> None:
        reason = Errors.template("E210").format(stage=stage, reason=f"{type(err).__name__}: {err}")
        self.failures.setdefault(doc_id, ("E210", reason))

    def _error(self, row: ErrorRow) -> None:
        self.writer.write("errors", [row])
        self.report("error", {"row": row})

    def _write_document(self, entry: _Pending) -> None:
        source = entry.source
        if source.doc_id in self.failures:
            code, reason = self.failures.pop(source.doc_id)
            row = ErrorRow(
                path=source.source_path, line=source.source_line, doc_id=source.doc_id, code=code, reason=reason
            )
            self._error(row)
            return
        for table in ROW_TABLES:
            self.writer.write(table, sort_rows(table, _document_rows(entry, table)))
        entities = [row for doc in entry.docs for row in rows_of(doc, "entities")]
        mentions = [row for doc in entry.docs for row in rows_of(doc, "mentions")]
        self.actors.add(entities, mentions)
        document = _document_row(source, entry.docs)
        self.writer.write("documents", [document])
        self.summary.documents_ok += 1
        self.summary.words += document.n_tokens
        self.report("document", {"doc_id": source.doc_id, "words": document.n_tokens, "chars": document.n_chars})

    def finish(self) -> None:
        """Write the corpus-level tables once every document is in."""
        entities, actors = self.actors.finish()
        ordered = sorted(sort_rows("entities", entities), key=lambda row: self.order.get(row.doc_id, -1))
        self.writer.write("entities", ordered)
        self.writer.write("actors", sort_rows("actors", actors))


def _document_rows(entry: _Pending, table: str) -> list:
    """A document's rows of `table` from all its chunks, numbered as one document.

    Each chunk counts its sentences from 0; rows of later chunks are shifted
    by the sentences of the chunks before them.
    """
    rows, sentences_before = [], 0
    for doc in entry.docs:
        for row in rows_of(doc, table):
            if _in_furniture(row, entry.source):
                continue
            if sentences_before and hasattr(row, "sentence_index"):
                row = dataclasses.replace(row, sentence_index=row.sentence_index + sentences_before)
            rows.append(row)
        sentences_before += _sentence_count(doc)
    return rows


def _sentence_count(doc: Doc) -> int:
    # Blank "sentences" (the paragraph break a chunk ends with) are not counted:
    # inside one document that whitespace belongs to the sentence before it.
    return sum(1 for sent in doc.sents if sent.text.strip()) if doc.has_annotation("SENT_START") else 0


def _in_furniture(row: Any, source: SourceDocument) -> bool:
    # The stages never see furniture (it is blanked), but a rule that spans
    # blank text can still reach across it; such a row would not match the
    # original text, so it is dropped rather than written wrong.
    return any(start < row.end_char and row.start_char < end for start, end in source.furniture)


def _document_row(source: SourceDocument, docs: list[Doc]) -> DocumentRow:
    tokens = sum(1 for doc in docs for token in doc if not token.is_space)
    sentences = sum(_sentence_count(doc) for doc in docs)
    return DocumentRow(
        doc_id=source.doc_id,
        source_path=source.source_path,
        source_line=source.source_line,
        title=source.title,
        date=source.date,
        url=source.url,
        source=source.source,
        encoding=source.encoding,
        n_chars=len(source.text),
        n_tokens=tokens,
        n_sentences=sentences,
        body_start_char=source.body_start_char,
        content_sha1=hashlib.sha1(source.text.encode("utf8")).hexdigest(),
        text=source.text,
    )
