"""Read a file or folder of news articles into `SourceDocument`s, without a model.

`read_inputs` yields one `SourceDocument` per article and an `ErrorRow` for
each bad file or JSONL line, then goes on: a bad document never sinks the run.
Every offset the pipeline writes points into `SourceDocument.text`, the
decoded original (for HTML, the main text trafilatura extracts), so nothing
here rewrites text: furniture (and runs of non-space characters too long for
spaCy's tokenizer) is recorded as ranges and hidden by `masked_text`.

Only what the user means is read: regular files (never a FIFO or a device,
which would block), under names that are valid UTF-8, and, in a folder, no
symbolic link that leads out of it unless `follow_symlinks` says so. Each file
skipped for one of these reasons gets its own error row.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from extractor.errors import ExtractorError, InputError, describe_location
from extractor.io.chunks import DEFAULT_MAX_UNBROKEN_CHARS, long_runs
from extractor.io.decoding import DEFAULT_ENCODINGS, check_encodings, decode_bytes, read_bytes
from extractor.io.furniture import (
    DEFAULT_FURNITURE_PATTERNS,
    DEFAULT_SECTION_WORDS,
    DEFAULT_TAIL_PATTERNS,
    FurnitureRules,
    analyse_layout,
    mask_ranges,
    merge_ranges,
)
from extractor.io.jsonl import METADATA_FIELDS, parse_jsonl_record, record_metadata
from extractor.types import ErrorRow

# `DEFAULT_ENCODINGS` and `decode_bytes` moved to `decoding.py`; importing them
# here keeps `from extractor.io.readers import decode_bytes` working.
SUPPORTED_SUFFIXES: tuple[str, ...] = (".htm", ".html", ".jsonl", ".md", ".txt")
DEFAULT_MAX_FILE_BYTES = 50_000_000

_FRONT_MATTER = re.compile(r"---[ \t]*\r?\n(?P<body>.*?)^(?:---|\.\.\.)[ \t]*\r?$\n?", re.S | re.M)
_FRONT_MATTER_ITEM = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*\r?")
_PARTIAL_ISO_DATE = re.compile(r"\d{4}(?:-\d{2})?")
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")


@dataclass(frozen=True)
class ReaderSettings:
    """How to read input files.

    furniture_patterns (tuple[str, ...]): Regexes; a line they match whole is furniture.
    tail_patterns (tuple[str, ...]): Regexes; a line they match whole starts
        furniture that runs to the end of the text ("Related Articles").
    section_words (tuple[str, ...]): Words a first-line breadcrumb may consist of.
    detect_title (bool): Whether to detect a title when no metadata gives one.
    max_file_bytes (int): Larger files are skipped with error E106.
    encodings (tuple[str, ...]): Encodings to try, in order; the winner is recorded.
    follow_symlinks (bool): Read symbolic links in a folder that lead out of
        it; when False they are skipped with error E124.
    max_unbroken_chars (int): Runs of more non-space characters than this are
        hidden from the stages like furniture (spaCy's tokenizer is quadratic
        in a run's length); the text keeps them.
    """

    furniture_patterns: tuple[str, ...] = DEFAULT_FURNITURE_PATTERNS
    tail_patterns: tuple[str, ...] = DEFAULT_TAIL_PATTERNS
    section_words: tuple[str, ...] = DEFAULT_SECTION_WORDS
    detect_title: bool = True
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    encodings: tuple[str, ...] = DEFAULT_ENCODINGS
    follow_symlinks: bool = False
    max_unbroken_chars: int = DEFAULT_MAX_UNBROKEN_CHARS
    rules: FurnitureRules = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Configs give lists; tuples keep the settings hashable and frozen.
        for name in ("furniture_patterns", "tail_patterns", "section_words", "encodings"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        _check_positive("max_file_bytes", self.max_file_bytes)
        _check_positive("max_unbroken_chars", self.max_unbroken_chars)
        if not isinstance(self.follow_symlinks, bool):
            raise ExtractorError(
                "E118", name="follow_symlinks", value=self.follow_symlinks, allowed="give true or false"
            )
        check_encodings(self.encodings)
        rules = FurnitureRules.compile(self.furniture_patterns, self.tail_patterns, self.section_words)
        object.__setattr__(self, "rules", rules)


@dataclass(frozen=True)
class SourceDocument:
    """One article, as read: the original text plus where its parts are.

    doc_id (str): The path relative to the input root, or the JSONL `id`.
    source_path (str): The input file, relative to the input root.
    source_line (int): The 1-based JSONL line, or 0 for whole-file documents.
    text (str): The original decoded text; every offset in every table points into it.
    title (str): The given or detected title, or "".
    title_start_char (int | None): Where `title` starts in `text`, if it is there.
    date (str): ISO date (YYYY-MM-DD) from metadata, or "".
    url (str): Source URL from metadata, or "".
    source (str): Publisher or feed from metadata, or "".
    encoding (str): The encoding the file was decoded with.
    furniture (tuple[tuple[int, int], ...]): Sorted, disjoint character ranges
        hidden from the stages: furniture, and runs of non-space characters
        longer than `ReaderSettings.max_unbroken_chars`.
    body_start_char (int): Where the body starts, after title and leading furniture.
    """

    doc_id: str
    source_path: str
    source_line: int
    text: str
    title: str
    title_start_char: int | None
    date: str
    url: str
    source: str
    encoding: str
    furniture: tuple[tuple[int, int], ...]
    body_start_char: int


@dataclass(frozen=True)
class _FileContext:
    path: str  # relative to the input root, POSIX
    encoding: str
    settings: ReaderSettings


class FileMemo(Protocol):
    """Knows files by their state on disk, so that an unchanged file need not be read again."""

    def known(self, file: Path, relative: str) -> list[Any] | None:
        """Before `file` is read: what it gave last time if it is unchanged, else None.

        Each item has a `document` with the `doc_id`, `source_path` and
        `source_line` it was read with.
        """

    def read(self, file: Path, relative: str, documents: list[SourceDocument]) -> None:
        """After `file` was read and gave only `documents` (no error row)."""


def read_inputs(
    path: Path, settings: ReaderSettings | None = None, *, memo: FileMemo | None = None
) -> Iterator[SourceDocument | ErrorRow | Any]:
    """Read every supported file under `path`, in sorted order.

    path (Path): A file, or a folder searched recursively (hidden entries skipped).
    settings (ReaderSettings | None): Reader settings; the defaults if None.
    memo (FileMemo | None): Asked before each file is read; what it knows of
        an unchanged file is yielded instead of reading it, unless one of
        those ids clashes with a document read before (then the file is read,
        and the clash reported). Told of every file read without a problem.
    RETURNS (Iterator): Documents (or `memo`'s items), and a row per problem.
    RAISES (InputError): E101 if `path` does not exist, when called rather
        than at the first `next()`, because files are found eagerly.
    """
    path = Path(path)
    files = discover_inputs(path)
    # Links are only checked inside a folder: a file named directly is meant.
    root = Path(os.path.realpath(path)) if path.is_dir() else None
    return _read_files(files, settings or ReaderSettings(), root, memo)


def _read_files(
    files: list[tuple[Path, str]], settings: ReaderSettings, root: Path | None, memo: FileMemo | None
) -> Iterator[SourceDocument | ErrorRow | Any]:
    first_seen: dict[str, str] = {}
    # A whole file's id is its path, whichever comes first: a JSONL line
    # claiming it gets the error, never the file.
    file_ids = {relative for _, relative in files if not relative.lower().endswith(".jsonl")}
    for file, relative in files:
        known = memo.known(file, relative) if memo is not None else None
        if known is not None and _claim_ids([item.document for item in known], first_seen, file_ids):
            yield from known
            continue
        documents: list[SourceDocument] = []
        clean = True
        for item in _read_file(file, relative, settings, root):
            if isinstance(item, SourceDocument):
                item = _check_unique(item, first_seen, file_ids)
            if not isinstance(item, SourceDocument):
                clean = False
            elif memo is not None:
                documents.append(item)
            yield item
        if memo is not None and clean:
            memo.read(file, relative, documents)


def _claim_ids(documents: list[Any], first_seen: dict[str, str], file_ids: set[str]) -> bool:
    # All or nothing, so a file is either reused whole or read and checked as usual.
    wheres: dict[str, str] = {}
    for document in documents:
        where = describe_location(document.source_path, document.source_line)
        clash = document.source_line and document.doc_id in file_ids
        if clash or first_seen.get(document.doc_id, where) != where or wheres.get(document.doc_id, where) != where:
            return False
        wheres[document.doc_id] = where
    first_seen.update(wheres)
    return True


def masked_text(document: SourceDocument) -> str:
    """The text with furniture replaced by spaces, for the NLP stages.

    Line breaks are kept and the length is the same, so an offset into the
    masked text is the same offset into `document.text`.

    document (SourceDocument): The document.
    RETURNS (str): The masked text.
    """
    return mask_ranges(document.text, document.furniture)


def discover_inputs(path: Path) -> list[tuple[Path, str]]:
    """The files to read and their POSIX paths relative to the input root.

    A file given directly is read whatever its name; in a folder, only
    supported suffixes are, and hidden files and folders are skipped. Entries
    that will be refused (special files, links, names that are not UTF-8) are
    listed too, so that each gets an error row rather than vanishing.

    path (Path): A file or a folder.
    RETURNS (list[tuple[Path, str]]): (file, relative path), sorted by relative path.
    RAISES (InputError): E101 if `path` does not exist.
    """
    if path.is_dir():
        return _walk(path)
    if not os.path.lexists(path):
        raise InputError("E101", path=str(path))
    return [(path, path.name)]


def _walk(root: Path) -> list[tuple[Path, str]]:
    found = []
    # os.walk does not follow symlinked folders, so a link loop cannot hang us;
    # the linked folders are listed, to be reported.
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        linked = [name for name in subfolders if os.path.islink(os.path.join(folder, name))]
        for name in names + linked:
            if not name.startswith(".") and (name in linked or name.lower().endswith(SUPPORTED_SUFFIXES)):
                file = Path(folder) / name
                found.append((file, file.relative_to(root).as_posix()))
    return sorted(found, key=lambda pair: pair[1])


def printable_path(relative: str) -> str:
    """A path as text that can be written anywhere: bytes that are not UTF-8 as `\\xff`.

    os.walk gives such bytes as lone surrogates ("surrogateescape"), which no
    table, terminal or XML file can take.

    relative (str): A path from `discover_inputs`.
    RETURNS (str): The same path if it is valid UTF-8, else with `\\x` escapes.
    """
    return os.fsencode(relative).decode("utf-8", "backslashreplace")


def _read_file(
    file: Path, relative: str, settings: ReaderSettings, root: Path | None
) -> Iterator[SourceDocument | ErrorRow]:
    # A whole-file document's id is its path, known even when reading fails;
    # JSONL ids come from its lines.
    shown = printable_path(relative)
    doc_id = "" if relative.lower().endswith(".jsonl") else shown
    try:
        _check_entry(file, relative, shown, settings, root)
        reader = _reader_for(relative)
        data = read_bytes(file, relative, settings.max_file_bytes)
        text, encoding = decode_bytes(data, relative, settings.encodings)
        if not text.strip():
            raise InputError("E102", path=relative)
        yield from reader(text, _FileContext(relative, encoding, settings))
    except InputError as error:
        yield _error_row(error, doc_id=error.doc_id or doc_id)


def _check_entry(file: Path, relative: str, shown: str, settings: ReaderSettings, root: Path | None) -> None:
    """Refuse a name that is not UTF-8 and, in a folder, links we don't follow."""
    if shown != relative:
        raise InputError("E121", path=shown)
    if root is None or not file.is_symlink():
        return
    if file.is_dir():
        raise InputError("E126", path=relative)
    if not settings.follow_symlinks and not Path(os.path.realpath(file)).is_relative_to(root):
        raise InputError("E124", path=relative)


def _reader_for(relative: str) -> Callable[[str, _FileContext], Iterator[SourceDocument | ErrorRow]]:
    readers = {
        ".txt": _plain_documents,
        ".md": _markdown_documents,
        ".jsonl": _jsonl_documents,
        ".html": _html_documents,
        ".htm": _html_documents,
    }
    suffix = Path(relative).suffix.lower()
    if suffix not in readers:
        raise InputError("E114", path=relative, suffix=suffix, allowed=", ".join(SUPPORTED_SUFFIXES))
    return readers[suffix]


def _plain_documents(text: str, context: _FileContext) -> Iterator[SourceDocument | ErrorRow]:
    yield from _documents(text, context, doc_id=context.path, metadata={})


def _markdown_documents(text: str, context: _FileContext) -> Iterator[SourceDocument | ErrorRow]:
    # Front matter gives metadata and is hidden from the NLP stages.
    metadata, start = _front_matter(text)
    furniture = ((0, start),) if start else ()
    yield from _documents(
        text, context, doc_id=context.path, metadata=metadata, start=start, furniture=furniture, markdown=True
    )


def _front_matter(text: str) -> tuple[dict[str, str], int]:
    """RETURNS (tuple): the title/date/url/source it gives, and where it ends (0 if none)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    items = [line.rstrip("\r") for line in match.group("body").split("\n") if line.strip()]
    # A leading "---" may be a horizontal rule: only `key: value` lines (and
    # indented or list continuations) make it front matter.
    if not all(_FRONT_MATTER_ITEM.fullmatch(line) or line[0] in " \t-" for line in items):
        return {}, 0
    metadata = {}
    for line in items:
        item = _FRONT_MATTER_ITEM.fullmatch(line)
        if item and item.group("key").lower() in METADATA_FIELDS:
            metadata[item.group("key").lower()] = _unquote(item.group("value"))
    return metadata, match.end()


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _jsonl_documents(text: str, context: _FileContext) -> Iterator[SourceDocument | ErrorRow]:
    # Split on "\n" only: JSON strings may hold U+2028 and friends, which
    # str.splitlines() would treat as line breaks.
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            record, doc_id = parse_jsonl_record(raw, context.path, number)
            metadata = record_metadata(record)
            yield from _documents(record["text"], context, doc_id=doc_id, metadata=metadata, line=number)
        except InputError as error:
            yield _error_row(error)


def _html_documents(text: str, context: _FileContext) -> Iterator[SourceDocument | ErrorRow]:
    extracted = _extract_html(text, context.path)
    metadata = {
        "title": _extracted_field(extracted, "title"),
        "date": _extracted_field(extracted, "date"),
        "url": _extracted_field(extracted, "url"),
        "source": _extracted_field(extracted, "sitename"),
    }
    body = _extracted_field(extracted, "text")
    yield from _documents(body, context, doc_id=context.path, metadata=metadata)


def _extract_html(html: str, path: str) -> Any:
    try:
        import trafilatura  # imported here: it is slow to import and only HTML needs it
    except ImportError as error:
        raise InputError("E113", path=path, error=error) from None
    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as error:
        raise InputError("E112", path=path, detail=f" (trafilatura failed: {type(error).__name__})") from None
    if extracted is None or not _extracted_field(extracted, "text").strip():
        raise InputError("E112", path=path, detail="")
    return extracted


def _extracted_field(extracted: Any, name: str) -> str:
    # trafilatura 2 returns a Document, 1.x a dict.
    value = extracted.get(name) if isinstance(extracted, dict) else getattr(extracted, name, None)
    return value if isinstance(value, str) else ""


def _documents(
    text: str,
    context: _FileContext,
    *,
    doc_id: str,
    metadata: dict[str, str],
    line: int = 0,
    start: int = 0,
    furniture: tuple[tuple[int, int], ...] = (),
    markdown: bool = False,
) -> Iterator[SourceDocument | ErrorRow]:
    """Lay out one document's text and yield it (after an E116 row for a bad date)."""
    date = metadata.get("date", "").strip()
    iso = iso_date(date)
    if iso is None:
        yield _error_row(InputError("E116", path=context.path, line=line, doc_id=doc_id, value=date))
    settings = context.settings
    layout = analyse_layout(
        text,
        settings.rules,
        start=start,
        given_title=metadata.get("title", ""),
        detect_title=settings.detect_title,
        markdown=markdown,
        furniture=furniture,
    )
    hidden = merge_ranges([*layout.furniture, *long_runs(text, settings.max_unbroken_chars)])
    yield SourceDocument(
        doc_id=doc_id,
        source_path=context.path,
        source_line=line,
        text=text,
        title=layout.title,
        title_start_char=layout.title_start_char,
        date=iso or "",
        url=metadata.get("url", "").strip(),
        source=metadata.get("source", "").strip(),
        encoding=context.encoding,
        furniture=hidden,
        body_start_char=layout.body_start_char,
    )


def iso_date(value: str) -> str | None:
    """Normalise a metadata date to ISO 8601.

    value (str): A date such as "2024-03-03", "2024-03-03T10:00:00Z" or "March 3, 2024".
    RETURNS (str | None): "YYYY-MM-DD" (or "YYYY"/"YYYY-MM" as given), "" for
        an empty value, None if the date is not recognised.
    """
    value = value.strip()
    if not value or _PARTIAL_ISO_DATE.fullmatch(value):
        return value
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        pass
    for date_format in _DATE_FORMATS:
        try:
            return datetime.strptime(value, date_format).date().isoformat()
        except ValueError:
            continue
    return None


def _check_unique(
    document: SourceDocument, first_seen: dict[str, str], file_ids: set[str]
) -> SourceDocument | ErrorRow:
    if document.source_line and document.doc_id in file_ids:
        error = InputError(
            "E122",
            path=document.source_path,
            line=document.source_line,
            doc_id=document.doc_id,
            file=describe_location(document.doc_id),
        )
        return _error_row(error)
    where = describe_location(document.source_path, document.source_line)
    first = first_seen.setdefault(document.doc_id, where)
    if first == where:
        return document
    error = InputError(
        "E111", path=document.source_path, line=document.source_line, doc_id=document.doc_id, first=first
    )
    return _error_row(error)


def _error_row(error: InputError, doc_id: str | None = None) -> ErrorRow:
    doc_id = error.doc_id if doc_id is None else doc_id
    return ErrorRow(path=error.path, line=error.line, doc_id=doc_id, code=error.code, reason=error.reason)


def _check_positive(name: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ExtractorError("E118", name=name, value=value, allowed="it must be a positive integer")
