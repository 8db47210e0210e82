"""Documents through the spaCy pipeline into `DocumentResult`s, in input order.

`DocumentProcessor` is the one place a document meets the pipeline, whichever
engine runs it (this process, a worker process, a Dask worker). A long
document goes in as chunks (`io.chunks`) and comes out as one result, its
rows numbered as one document. A document that one of our stages fails on, or
that the pipeline drops without a word, becomes an E210 or E212 `errors` row.
spaCy's compiled components raise instead of calling an error handler: then
the batch's documents not done yet run again one at a time, and the one that
fails becomes an E210 row naming the component, so one bad document never
stops a run.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.attrs import IS_SPACE

from extractor.actors import merge_entity_rows
from extractor.components.extensions import rows_of
from extractor.components.rules.cues import doc_text, remember_text
from extractor.errors import Errors
from extractor.ids import DATE_KEY, DOC_ID_KEY, OFFSET_KEY
from extractor.io.chunks import split_for_length
from extractor.io.readers import SourceDocument, masked_text
from extractor.outputs.tables import sort_rows
from extractor.pipeline.model import quiet_lemmatizer
from extractor.processing.results import DocumentResult, error_result
from extractor.types import DocumentRow, EntityRow, ErrorRow

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


class DocumentProcessor:
    """Run documents through a pipeline with our stages and turn each into a result.

    nlp (Language): The model with the extraction stages added.
    reference_date (str): ISO date for relative dates when a document has none.
    batch_size (int): Docs per `nlp.pipe` batch.
    """

    def __init__(self, nlp: Language, *, reference_date: str = "", batch_size: int = 16) -> None:
        self.nlp = nlp
        self.reference_date = reference_date
        self.batch_size = batch_size
        self.pending: dict[str, _Pending] = {}
        # (sequence, doc_id) of every chunk sent into nlp.pipe and not yet out of it.
        self.in_flight: deque[tuple[int, str]] = deque()
        self.sequence = 0
        # doc_id → (code, reason) of a document that a chunk of failed.
        self.failures: dict[str, tuple[str, str]] = {}
        self.finished: deque[DocumentResult] = deque()
        # Only our stages use the default handler (the statistical components
        # keep theirs): `Language.set_error_handler` fails on compiled parsers.
        nlp.default_error_handler = self._stage_failed

    def process(self, documents: Iterable[SourceDocument]) -> Iterator[DocumentResult]:
        """Yield one result per document, in the order given, as each completes.

        documents (Iterable[SourceDocument]): Documents as read (a bounded batch: it is kept
            until done, to run again one by one when a compiled component raises).
        YIELDS (DocumentResult): Rows of a finished document, or its errors row.
        """
        batch = list(documents)
        done = 0
        try:
            for result in self._pipe(batch):
                done += 1
                yield result
        except Exception:  # a compiled component raised: find the document it fails on
            self._reset()
            for document in batch[done:]:
                yield from self._alone(document)

    def _pipe(self, documents: list[SourceDocument]) -> Iterator[DocumentResult]:
        with quiet_lemmatizer():
            for doc in self.nlp.pipe(self._docs(documents), batch_size=self.batch_size):
                self._dropped_before(doc.user_data[SEQUENCE_KEY])
                self._chunk_done(doc.user_data[DOC_ID_KEY], doc)
                yield from self._drain()
            self._dropped_before(None)
            yield from self._drain()

    def _alone(self, document: SourceDocument) -> Iterator[DocumentResult]:
        try:
            results = list(self._pipe([document]))
        except Exception as err:
            self._reset()
            row = ErrorRow(
                path=document.source_path,
                line=document.source_line,
                doc_id=document.doc_id,
                code="E210",
                reason=Errors.template("E210").format(
                    stage=self._failing_stage(document), reason=f"{type(err).__name__}: {err}"
                ),
            )
            results = [error_result(row)]
        yield from results

    def _failing_stage(self, document: SourceDocument) -> str:
        # Run the components one by one on the document's chunks to name the one that raises.
        with quiet_lemmatizer():
            for offset, chunk in split_for_length(masked_text(document), self.nlp.max_length):
                try:
                    doc = self._make_doc(document, offset, chunk, 1)
                except Exception:
                    return "tokenizer"
                for name, component in self.nlp.pipeline:
                    try:
                        doc = component(doc)
                    except Exception:
                        return name
        return "pipeline"

    def _reset(self) -> None:
        self.pending.clear()
        self.in_flight.clear()
        self.failures.clear()
        self.finished.clear()

    def _drain(self) -> Iterator[DocumentResult]:
        while self.finished:
            yield self.finished.popleft()

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
            self.finished.append(self._result(entry))

    def _docs(self, documents: Iterable[SourceDocument]) -> Iterator[Doc]:
        for document in documents:
            yield from self._chunk_docs(document)

    def _chunk_docs(self, item: SourceDocument) -> Iterator[Doc]:
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
        remember_text(doc, chunk)
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

    def _result(self, entry: _Pending) -> DocumentResult:
        source = entry.source
        if source.doc_id in self.failures:
            code, reason = self.failures.pop(source.doc_id)
            row = ErrorRow(
                path=source.source_path, line=source.source_line, doc_id=source.doc_id, code=code, reason=reason
            )
            return error_result(row)
        # Sentences are counted once per chunk, for every table's numbering and the documents row.
        sentences = [_sentence_count(doc) for doc in entry.docs]
        rows = {table: sort_rows(table, document_rows(entry.docs, source, table, sentences)) for table in ROW_TABLES}
        rows["documents"] = [document_row(source, entry.docs, sentences)]
        rows["entities"] = sort_rows("entities", document_entities(entry.docs))
        return DocumentResult(doc_id=source.doc_id, rows=rows)


def document_rows(docs: list[Doc], source: SourceDocument, table: str, sentences: list[int]) -> list:
    """A document's rows of `table` from all its chunks, numbered as one document.

    Each chunk counts its sentences from 0; rows of later chunks are shifted
    by the sentences of the chunks before them.
    """
    rows, sentences_before = [], 0
    for doc, n_sentences in zip(docs, sentences, strict=True):
        for row in rows_of(doc, table):
            if source.furniture and _in_furniture(row, source):  # most documents have none
                continue
            if sentences_before and hasattr(row, "sentence_index"):
                row = dataclasses.replace(row, sentence_index=row.sentence_index + sentences_before)
            rows.append(row)
        sentences_before += n_sentences
    return rows


def document_entities(docs: list[Doc]) -> list[EntityRow]:
    """A document's entities, one row per entity even when chunks each found it."""
    merged: dict[str, EntityRow] = {}
    for doc in docs:
        for entity in rows_of(doc, "entities"):
            known = merged.get(entity.entity_id)
            merged[entity.entity_id] = entity if known is None else merge_entity_rows(known, entity)
    return list(merged.values())


def _sentence_count(doc: Doc) -> int:
    # Blank "sentences" (the paragraph break a chunk ends with) are not counted:
    # inside one document that whitespace belongs to the sentence before it.
    if not doc.has_annotation("SENT_START"):
        return 0
    text = doc_text(doc)  # a sentence's text is its slice of the Doc's, built once
    return sum(1 for sent in doc.sents if text[sent.start_char : sent.end_char].strip())


def _words(doc: Doc) -> int:
    # The tokens that are not whitespace, counted from the Doc's array.
    return len(doc) - int(doc.to_array(IS_SPACE).sum()) if len(doc) else 0


def _in_furniture(row: Any, source: SourceDocument) -> bool:
    # The stages never see furniture (it is blanked), but a rule that spans
    # blank text can still reach across it; such a row would not match the
    # original text, so it is dropped rather than written wrong.
    return any(start < row.end_char and row.start_char < end for start, end in source.furniture)


def document_row(source: SourceDocument, docs: list[Doc], sentences: list[int]) -> DocumentRow:
    """The `documents` row of a processed document. RETURNS (DocumentRow)."""
    tokens = sum(_words(doc) for doc in docs)
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
        n_sentences=sum(sentences),
        body_start_char=source.body_start_char,
        content_sha1=hashlib.sha1(source.text.encode("utf8")).hexdigest(),
        text=source.text,
    )
