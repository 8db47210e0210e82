"""One document's rows as one value: what a worker returns, the cache keeps and a shard holds.

A `DocumentResult` carries every row a document contributes to the
per-document tables (documents, mentions, entities, quotes, claims, dates), or
its `errors` row, already sorted as the tables write them. Entities still have
an empty `actor_id`: actors are corpus-level and assigned when the run ends.

The cache's codec (`encode_result`) keeps a document's rows the way the
tables write them: the CSV text of its mentions, quotes, claims, dates and
documents rows, so a cached document is appended to the tables without
building a row, and its entities as the lines the run keeps them in until
their actor ids are known (`entity_lines`); plus, as JSON of plain values, what
the run still reads: its documents row (values in column order) or its errors
row, and what its entities tell the actor table (`actors.name_records`), so a
cached document builds no entity or mention row.
"""

from __future__ import annotations

import dataclasses
import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from extractor.actors import NameRecord, name_of, name_records
from extractor.outputs.tables import csv_cells, csv_line, csv_text
from extractor.types import DocumentRow, EntityRow, ErrorRow, row_from_values, row_values

# The tables a document's result fills, in the order the run writes them.
RESULT_TABLES = ("errors", "mentions", "quotes", "claims", "dates", "documents", "entities")
# The tables a cached result keeps as written text (and its entities as `entity_lines`).
WRITTEN_TABLES = ("mentions", "quotes", "claims", "dates", "documents")


@dataclass(frozen=True)
class DocumentResult:
    """Everything one document adds to the tables.

    doc_id (str): The document's id ("" for an input that never became a document).
    rows (dict[str, list]): Table name → that table's rows for this document, sorted.
    written (dict[str, tuple[int, str]]): Table name → (rows, CSV text) for
        tables whose rows come already formatted (`outputs.tables.csv_text`);
        such a table's entry in `rows` may hold only some of its rows. Under
        "entities": (rows, `entity_lines`), the rows themselves staying in `rows`.
    cached (bool): True when the rows came from the cache instead of the pipeline.
    payload (bytes): The result's cache entry (`encode_result`), once in `written_form`.
    names (list[NameRecord] | None): Its entities as the actor table takes them
        (`actors.name_records`), once in `written_form`; `rows` then holds no entities or mentions.
    """

    doc_id: str
    rows: dict[str, list[Any]] = field(default_factory=dict)
    written: dict[str, tuple[int, str]] = field(default_factory=dict)
    cached: bool = False
    payload: bytes = b""
    names: list[NameRecord] | None = None

    @property
    def document(self) -> DocumentRow | None:
        """The document's `documents` row, or None when it failed."""
        return next(iter(self.rows.get("documents", ())), None)

    @property
    def words(self) -> int:
        """Tokens in the document's body (0 for a failed one)."""
        return self.document.n_tokens if self.document else 0

    @property
    def chars(self) -> int:
        """Characters of the document's text (0 for a failed one)."""
        return self.document.n_chars if self.document else 0


def error_result(row: ErrorRow) -> DocumentResult:
    """The result of an input that ended as an `errors` row. RETURNS (DocumentResult)."""
    return DocumentResult(doc_id=row.doc_id, rows={"errors": [row]})


def written_form(result: DocumentResult, *, excel_safe: bool = False, encode: bool = True) -> DocumentResult:
    """The result as the run uses it: CSV text for the written tables, and its cache entry.

    Done where the result is made (in a worker process, when there are workers),
    so formatting rows costs the run's main process nothing.

    result (DocumentResult): A result from the pipeline, with all its rows.
    excel_safe (bool): Format the CSV text as a writer with `excel_safe` does.
    encode (bool): Also make the cache entry (a run without a cache skips it).
    RETURNS (DocumentResult): `written` filled; `rows` keeps the errors and documents
        rows, `names` what the entities tell the actor table; `payload` is the
        `encode_result` of it all (empty without `encode`).
    """
    rows = result.rows
    written = {
        table: (len(rows[table]), csv_text(rows[table], excel_safe=excel_safe))
        for table in WRITTEN_TABLES
        if table in rows
    }
    if "entities" in rows:
        written["entities"] = (len(rows["entities"]), entity_lines(rows["entities"], excel_safe=excel_safe))
    kept: dict[str, list[Any]] = {t: rows[t] for t in ("errors", "documents") if t in rows}
    names = name_records(rows.get("entities", ()), rows.get("mentions", ()))
    compact = DocumentResult(doc_id=result.doc_id, rows=kept, written=written, names=names)
    return dataclasses.replace(compact, payload=encode_result(compact)) if encode else compact


def entity_lines(rows: Iterable[EntityRow], *, excel_safe: bool = False) -> str:
    """Entity rows as the run keeps them until their actor ids are known (`run._EntitySpill`).

    Each row is one line of JSON: its doc_id, the name it is merged by (`actors.name_of`)
    and its CSV line up to the actor id (the last column), so the actor id's cell is all
    the run adds. Made where the rows are (with the rest of `written_form`), a cached
    document's entities cost the run one write.

    rows (Iterable[EntityRow]): A document's entity rows, their actor ids empty.
    excel_safe (bool): Format the cells as the entities table's writer does.
    RETURNS (str): One line per row, each ending in "\n".
    """
    lines = []
    for row in rows:
        # The empty last cell leaves the line ending in the comma before the actor id.
        head = csv_line([*csv_cells(row, excel_safe=excel_safe)[:-1], ""])[:-1]
        lines.append(json.dumps([row.doc_id, *name_of(row), head], ensure_ascii=True) + "\n")
    return "".join(lines)


def encode_result(result: DocumentResult) -> bytes:
    """Serialize a result in its `written_form` for the cache (see the module docstring).

    The rows go as JSON (ASCII escapes keep any character, lone surrogates
    included, exactly); the written tables' CSV text follows as UTF-8, after a
    newline that no such JSON holds, so decoding takes no JSON string apart:
    parsing the escaped CSV text took most of a cached document's decoding.

    result (DocumentResult): From `written_form`.
    RETURNS (bytes): Compressed: the JSON, a newline, then the texts one after another.
    """
    texts = [text.encode("utf-8", "surrogatepass") for _, text in result.written.values()]
    payload = {
        "doc_id": result.doc_id,
        "rows": {table: [row_values(row) for row in rows] for table, rows in result.rows.items()},
        "written": [
            [table, count, len(data)] for (table, (count, _)), data in zip(result.written.items(), texts, strict=True)
        ],
        "names": result.names,
    }
    head = json.dumps(payload, separators=(",", ":")).encode("ascii")
    return zlib.compress(head + b"\n" + b"".join(texts), 1)


def decode_result(data: bytes, *, cached: bool = False) -> DocumentResult:
    """The result `encode_result` serialized.

    data (bytes): From `encode_result`.
    cached (bool): Mark the result as coming from the cache.
    RETURNS (DocumentResult): Its rows and written tables.
    """
    raw = zlib.decompress(data)
    end = raw.index(b"\n")
    payload = json.loads(raw[:end])
    rows = {table: [row_from_values(table, values) for values in rows] for table, rows in payload["rows"].items()}
    written, at = {}, end + 1
    for table, count, size in payload["written"]:
        written[table] = (count, raw[at : at + size].decode("utf-8", "surrogatepass"))
        at += size
    return DocumentResult(doc_id=payload["doc_id"], rows=rows, written=written, cached=cached, names=payload["names"])
