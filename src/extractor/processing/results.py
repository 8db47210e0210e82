"""One document's rows as one value: what a worker returns, the cache keeps and a shard holds.

A `DocumentResult` carries every row a document contributes to the
per-document tables (documents, mentions, entities, quotes, claims, dates), or
its `errors` row, already sorted as the tables write them. Entities still have
an empty `actor_id`: actors are corpus-level and assigned when the run ends.

The codec is JSON of plain values (str, int, bool, None) in column order, so a
cached or shipped result decodes to rows equal to the ones that were encoded.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from typing import Any

from extractor.types import DocumentRow, ErrorRow, row_from_values, row_values

# The tables a document's result fills, in the order the run writes them.
RESULT_TABLES = ("errors", "mentions", "quotes", "claims", "dates", "documents", "entities")


@dataclass(frozen=True)
class DocumentResult:
    """Everything one document adds to the tables.

    doc_id (str): The document's id ("" for an input that never became a document).
    rows (dict[str, list]): Table name → that table's rows for this document, sorted.
    cached (bool): True when the rows came from the cache instead of the pipeline.
    """

    doc_id: str
    rows: dict[str, list[Any]] = field(default_factory=dict)
    cached: bool = False

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


def encode_result(result: DocumentResult) -> bytes:
    """Serialize a result (compressed JSON of plain values). RETURNS (bytes)."""
    payload = {
        "doc_id": result.doc_id,
        "rows": {table: [row_values(row) for row in rows] for table, rows in result.rows.items()},
    }
    # ASCII escapes keep any character, lone surrogates included, exactly.
    return zlib.compress(json.dumps(payload, separators=(",", ":")).encode("ascii"), 1)


def decode_result(data: bytes, *, cached: bool = False) -> DocumentResult:
    """The result `encode_result` serialized.

    data (bytes): From `encode_result`.
    cached (bool): Mark the result as coming from the cache.
    RETURNS (DocumentResult): Rows equal to the encoded ones.
    """
    payload = json.loads(zlib.decompress(data))
    rows = {table: [row_from_values(table, values) for values in rows] for table, rows in payload["rows"].items()}
    return DocumentResult(doc_id=payload["doc_id"], rows=rows, cached=cached)
