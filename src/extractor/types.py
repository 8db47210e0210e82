"""Typed rows: the one schema definition behind the writers, the README and the tests.

Each output table is a frozen dataclass. Field order is column order; each
field's `metadata["doc"]` is the column's documentation; `column()` keeps the
declarations short. Rows are built by keyword only, so reordering columns can
never shuffle data. `COLUMN_TYPES` says how each annotation is named in the
README, typed in Parquet and typed in pandas. `tables.py` and `graph.py`
receive these rows, never spaCy objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any

SCHEMA_VERSION = "1"


@dataclass(frozen=True)
class ColumnType:
    """How a column annotation is named and stored.

    readme (str): The type as the README's column tables name it.
    arrow (str): The pyarrow type alias (`pa.type_for_alias`) of the Parquet column.
    pandas (str): The pandas dtype of the loaded column.
    """

    readme: str
    arrow: str
    pandas: str


# Row annotation (as written in the dataclasses below) → its column type.
COLUMN_TYPES: dict[str, ColumnType] = {
    "str": ColumnType(readme="string", arrow="string", pandas="string"),
    "int": ColumnType(readme="integer", arrow="int64", pandas="int64"),
    "int | None": ColumnType(readme="integer (nullable)", arrow="int64", pandas="Int64"),
    "bool": ColumnType(readme="boolean", arrow="bool", pandas="boolean"),
}


def column(doc: str, default: Any = None) -> Any:
    """Declare a column with its documentation (and a default for optional ones)."""
    if default is None:
        return field(metadata={"doc": doc})
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True, kw_only=True)
class DocumentRow:
    doc_id: str = column("Stable id: the path relative to the input root, or the JSONL `id`.")
    source_path: str = column("Input file, relative to the input root.")
    source_line: int = column("1-based line in a JSONL file; 0 for whole-file documents.")
    title: str = column("Detected or given title; empty if none.")
    date: str = column("Document date (ISO 8601) from JSONL, front matter or dateline; empty if unknown.")
    url: str = column("Source URL (JSONL or front matter); empty if unknown.")
    source: str = column("Publisher or feed (JSONL or front matter); empty if unknown.")
    encoding: str = column("Encoding the file was decoded with (utf-8, utf-8-sig, cp1252, latin-1).")
    n_chars: int = column("Length of the original text in characters.")
    n_tokens: int = column("spaCy tokens in the body (furniture excluded).")
    n_sentences: int = column("Sentences in the body.")
    body_start_char: int = column("Offset where the body (after title and furniture) starts.")
    content_sha1: str = column("SHA-1 of the original text, UTF-8 encoded.")
    text: str = column("The original text every offset points into (for HTML: the extracted main text).")


@dataclass(frozen=True, kw_only=True)
class MentionRow:
    mention_id: str = column("SHA-1 of (doc_id, start_char, end_char, label).")
    doc_id: str = column("Document id (joins `documents`).")
    text: str = column("Mention text, exactly `original_text[start_char:end_char]`.")
    start_char: int = column("Start offset into the document's original text.")
    end_char: int = column("End offset (exclusive).")
    label: str = column("The model's label (PERSON, ORG, GPE, LOC, NORP, …) or PRON/NOUN for resolved speakers.")
    kind: str = column(
        "Normalized kind: person, organization, place, group, other (dates are in `dates`). The label's, unless the name's "
        'own words or neighbours settle it ("Bank of Portugal": organization; "the city of Kericho": place).'
    )
    entity_id: str = column("Document-level entity this mention belongs to (joins `entities`); empty if none.")
    sentence_index: int = column("0-based sentence number in the document.")
    method: str = column(
        "How it was found: ner (the model), speaker (a proper-noun subject of a speech verb), acronym, pronoun, nominal."
    )


@dataclass(frozen=True, kw_only=True)
class EntityRow:
    entity_id: str = column("SHA-1 of (doc_id, kind, normalized canonical name).")
    doc_id: str = column("Document id.")
    name: str = column("Canonical name: the longest full name seen in the document.")
    kind: str = column("Normalized kind (person, organization, place, group, other).")
    roles: str = column("Titles and roles split from the name, `; `-separated, sorted.")
    aliases: str = column("Other surface forms (surnames, acronyms), `; `-separated, sorted.")
    n_mentions: int = column("Mentions linked to this entity, including resolved pronouns.")
    first_char: int = column("Offset of the first mention.")
    actor_id: str = column("Corpus-level actor (joins `actors`).")


@dataclass(frozen=True, kw_only=True)
class ActorRow:
    actor_id: str = column("SHA-1 of (kind, normalized canonical name): stable across runs and corpora.")
    name: str = column("Canonical name.")
    kind: str = column("Normalized kind.")
    aliases: str = column("Surface forms and acronyms seen anywhere in the corpus, `; `-separated, sorted.")
    roles: str = column("Roles and titles seen anywhere in the corpus, `; `-separated, sorted.")
    n_documents: int = column("Documents that mention the actor.")
    n_mentions: int = column("Mentions across the corpus.")


@dataclass(frozen=True, kw_only=True)
class QuoteRow:
    quote_id: str = column("SHA-1 of (doc_id, start_char, end_char, kind).")
    statement_id: str = column(
        "The statement this row is a fragment of: the quote_id of its first row. The rows of one quote "
        "interrupted by its attribution (“…,” she said. “…”, also when the rest opens the next paragraph with no "
        "attribution of its own, or when the first piece is mixed: “…” for sure, she said. “…”) share it; a "
        "one-piece quote's is its own quote_id.",
        default="",
    )
    doc_id: str = column("Document id.")
    kind: str = column(
        "direct (in quotation marks, or a speaker's turn in a transcript), indirect (reported clause) or mixed."
    )
    text: str = column("Quoted or reported text, exactly `original_text[start_char:end_char]`.")
    start_char: int = column("Start offset of the quote content (inside the marks, after a turn's label).")
    end_char: int = column("End offset (exclusive).")
    speaker_text: str = column("Speaker as written (name, pronoun or nominal); empty if unattributed.")
    speaker_start_char: int | None = column("Offset of the speaker text; empty if none.")
    speaker_end_char: int | None = column("End offset of the speaker text; empty if none.")
    speaker_entity_id: str = column("Resolved entity (joins `entities`); empty when unresolved.")
    cue: str = column(
        "Lemma of the cue (say, add, according to, …); `:` for a transcript or headline label"
        ' ("BOULDUAN: …"), `in` for a poll\'s finding ("in the new poll, …"); empty if none.'
    )
    cue_start_char: int | None = column("Offset of the cue word; empty if none.")
    sentence_index: int = column("Sentence of the quote's start.")
    method: str = column(
        "Which rule attributed it (e.g. dep_subject, trailing_cue, previous_paragraph, transcript for a"
        ' speaker\'s turn: "PENCE: …").'
    )

    def __post_init__(self) -> None:
        # A row built without a statement_id is a statement of its own.
        if not self.statement_id:
            object.__setattr__(self, "statement_id", self.quote_id)


@dataclass(frozen=True, kw_only=True)
class ClaimRow:
    claim_id: str = column("SHA-1 of (doc_id, start_char, end_char, kind).")
    doc_id: str = column("Document id.")
    kind: str = column(
        "statement (attributed speech), stance (condemn, deny, vow, stress …) or assertion (unattributed, with a figure)."
    )
    text: str = column("Claim text, exactly `original_text[start_char:end_char]`.")
    start_char: int = column("Start offset.")
    end_char: int = column("End offset (exclusive).")
    source_text: str = column("Who makes the claim, as written; empty for unattributed assertions.")
    source_start_char: int | None = column("Offset of the source text; empty if none.")
    source_end_char: int | None = column("End offset of the source text; empty if none.")
    source_entity_id: str = column("Resolved entity of the source; empty when unresolved.")
    source_kind: str = column("Kind of the source: person, organization, place, group, other, or empty.")
    cue: str = column("Lemma of the cue (say, condemn, deny, …; `:` and `in` as in quotes); empty if none.")
    cue_start_char: int | None = column("Offset of the cue word; empty if none.")
    polarity: str = column("positive, negative (deny, reject, condemn…) or empty when the cue carries none.")
    has_figure: bool = column("True when the text contains a checkable number or quantity.")
    quote_id: str = column("The quote this claim restates (joins `quotes`); empty if none.")
    sentence_index: int = column("Sentence of the claim's start.")
    method: str = column("Which rule found it.")


@dataclass(frozen=True, kw_only=True)
class DateRow:
    date_id: str = column("SHA-1 of (doc_id, start_char, end_char).")
    doc_id: str = column("Document id.")
    text: str = column("Date expression, exactly `original_text[start_char:end_char]`.")
    start_char: int = column("Start offset.")
    end_char: int = column("End offset (exclusive).")
    value: str = column(
        "ISO 8601 value (2024-02-07, 2024-02, 2024-W06, P3D, 2024-02-01/2024-02-07); empty when it can't be known."
    )
    granularity: str = column("day, week, month, year, time, range, duration, or empty.")
    anchor: str = column("Reference date a relative expression was resolved against; empty for absolute dates.")
    method: str = column("absolute, relative, weekday, ner, unresolved.")


@dataclass(frozen=True, kw_only=True)
class ErrorRow:
    path: str = column("Input file, relative to the input root.")
    line: int = column("1-based line (JSONL) or 0.")
    doc_id: str = column("Document id if one was assigned, else empty.")
    code: str = column("Error code (E101 …), listed in the README.")
    reason: str = column("What went wrong, in words.")


TABLES: dict[str, type] = {
    "documents": DocumentRow,
    "mentions": MentionRow,
    "entities": EntityRow,
    "actors": ActorRow,
    "quotes": QuoteRow,
    "claims": ClaimRow,
    "dates": DateRow,
    "errors": ErrorRow,
}

# Within a document, rows sort by these columns (then by every column), and
# documents come in input order (sorted paths, then JSONL line), so output
# order never depends on batching, timing or hash seeds.
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id",),
    "mentions": ("doc_id", "start_char", "end_char", "label"),
    "entities": ("doc_id", "first_char", "entity_id"),
    "actors": ("actor_id",),
    "quotes": ("doc_id", "start_char", "end_char", "kind"),
    "claims": ("doc_id", "start_char", "end_char", "kind"),
    "dates": ("doc_id", "start_char", "end_char"),
    "errors": ("path", "line", "code"),
}


def split_list(value: str) -> list[str]:
    """Items of a `; `-joined column (roles, aliases). RETURNS (list[str]): without empty items."""
    return [item for item in value.split("; ") if item]


def columns(table: str) -> list[str]:
    """Column names of `table`, in output order."""
    return [f.name for f in fields(TABLES[table])]


def column_types(table: str) -> dict[str, ColumnType]:
    """The type of every column of `table`.

    table (str): A table name from `TABLES`.
    RETURNS (dict[str, ColumnType]): Column name → its type, in column order.
    """
    return {f.name: COLUMN_TYPES[str(f.type)] for f in fields(TABLES[table])}


def column_docs(table: str) -> list[tuple[str, str, str]]:
    """(name, type, description) for every column of `table`."""
    return [(f.name, COLUMN_TYPES[str(f.type)].readme, f.metadata["doc"]) for f in fields(TABLES[table])]


_COLUMN_NAMES: dict[type, tuple[str, ...]] = {
    row_type: tuple(f.name for f in fields(row_type)) for row_type in TABLES.values()
}


# Row type -> a function giving a row's values in column order, as a tuple
# (`attrgetter` of several names gives one; every table has several columns).
_VALUES_OF: dict[type, Any] = {row_type: attrgetter(*names) for row_type, names in _COLUMN_NAMES.items()}


def row_values(row: Any) -> tuple[Any, ...]:
    """A row's values in column order (no deep copies, unlike `dataclasses.astuple`).

    row (Any): A row dataclass of `TABLES`.
    RETURNS (tuple): One value per column.
    """
    return _VALUES_OF[type(row)](row)


def row_from_values(table: str, values: Any) -> Any:
    """Build a row of `table` from its values in column order.

    table (str): A table name from `TABLES`.
    values (Iterable): One value per column.
    RETURNS (Any): The table's row dataclass.
    """
    row_type = TABLES[table]
    return row_type(**dict(zip(_COLUMN_NAMES[row_type], values, strict=True)))
