"""Bad input never sinks a run: a corpus of odd files beside good ones, and fuzzed text.

`build_corpus` writes one file (or one JSONL line) per kind of bad input into
tmp_path, beside three good documents, and the test runs it all through the
real `run()` with a blank model. Every bad input must give exactly one `errors`
row with the expected code, naming its file and line; odd input that can be
read (UTF-16, a run of 100,000 brackets, a line cut into chunks) must
give a document; no good document may be lost; and nothing may raise.

The hypothesis test feeds generated text (quote marks, surrogates, combining
marks, control characters, whitespace runs, long tokens, bracket runs) through
the reader and a blank-model run: no exception, and every span row's offsets
point at its text in the `documents` table.
"""

from __future__ import annotations

import csv
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.run import run

GOOD = {
    "good/airports.txt": "Storm closes airports\n\nHeavy snow closed airports in Norway on Sunday, officials said.\n",
    "good/kenya.md": "---\ntitle: Floods in Kenya\ndate: 2024-05-06\n---\n\n"
    '# Floods in Kenya\n\n"We lost everything," said Mary Achieng, a farmer in Kisumu.\n',
    "good/strike.txt": "Port strike ends\n\nDock workers in Rotterdam ended their strike on Tuesday.\n",
}
TEXT = "Talks resumed in Geneva on Monday, the ministry said.\n"
# Small enough for the corpus to run in seconds, large enough for every good file;
# a small chunk size makes the long documents come in several chunks.
MAX_FILE_BYTES = 400_000
MAX_LENGTH = 2_000


@dataclass(frozen=True)
class Expected:
    """What one kind of input must give: an error row (path, line, code), a document, or both."""

    kind: str
    path: str
    line: int = 0
    code: str = ""
    doc_id: str = ""


def write(root: Path, name: str, data: bytes | str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def bad_files(root: Path) -> list[Expected]:
    """Whole files that must each give one error row."""
    files = {
        "empty.txt": (b"", "E102"),
        "whitespace.txt": (b"  \n\t\r\n  ", "E102"),
        "bom-only.txt": (b"\xef\xbb\xbf \n", "E102"),
        "binary.txt": (b"GIF89a\x00\x01\x02\x03binary", "E103"),
        "nul-bytes.txt": (TEXT.encode() + b"\x00" + TEXT.encode(), "E103"),
        "control-bytes.txt": (b"text" + bytes(range(1, 9)) * 4, "E103"),
        "undecodable.txt": (b"\x81\x8d\x8f\x90\x9d" * 10 + b" text", "E104"),
        "control-chars.txt": ((TEXT * 2).encode() + b"\x1b\x07\x08", "E123"),
        "utf16-broken.txt": (b"\xff\xfe" + TEXT.encode("utf-16-le")[:-1], "E115"),
        "utf32-broken.txt": (b"\xff\xfe\x00\x00" + TEXT.encode("utf-32-le") + b"\x00\xd8\x00\x00", "E115"),
        "oversized.txt": ((TEXT * (MAX_FILE_BYTES // len(TEXT) + 1)).encode(), "E106"),
        "no-text.html": (b"<html><head><title>Empty</title></head><body></body></html>", "E112"),
        "script-only.html": (b"<html><body><script>var x = 1;</script><img src=a.png></body></html>", "E112"),
    }
    for name, (data, _) in files.items():
        write(root, name, data)
    return [Expected(name, name, 0, code) for name, (_, code) in files.items()]


def bad_links_and_special_files(root: Path, outside: Path) -> list[Expected]:
    """Links and special files: each must give one error row, and none may block."""
    write(outside, "secret.txt", "Outside the input folder.\n")
    (root / "loop.txt").symlink_to(root / "loop.txt")
    (root / "dangling.txt").symlink_to(root / "missing.txt")
    (root / "outside.txt").symlink_to(outside / "secret.txt")
    (root / "linked-folder").symlink_to(root / "good")
    os.mkfifo(root / "fifo.txt")
    cwd = os.getcwd()
    os.chdir(root)  # a socket's path must be short
    try:
        socket.socket(socket.AF_UNIX).bind("socket.txt")
    finally:
        os.chdir(cwd)
    expected = [
        Expected("symlink loop", "loop.txt", 0, "E105"),
        Expected("dangling symlink", "dangling.txt", 0, "E105"),
        Expected("symlink leaving the folder", "outside.txt", 0, "E124"),
        Expected("symlinked folder", "linked-folder", 0, "E126"),
        Expected("FIFO", "fifo.txt", 0, "E120"),
        Expected("socket", "socket.txt", 0, "E120"),
    ]
    try:
        descriptor = os.open(os.path.join(os.fsencode(root), b"bad_\xff.txt"), os.O_WRONLY | os.O_CREAT)
    except OSError:  # a file system that refuses such names can't hold one either
        return expected
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(TEXT)
    return [*expected, Expected("file name not UTF-8", "bad_\\xff.txt", 0, "E121")]


def bad_jsonl_lines(root: Path) -> list[Expected]:
    """One JSONL file, one bad line per kind, between good lines."""
    lines = [
        ("not JSON", "this is not json", "E107"),
        ("truncated object", '{"id": "t", "text": ', "E107"),
        ("byte-order mark inside", '\ufeff{"id": "bom", "text": "Text."}', "E107"),
        ("array", "[1, 2]", "E108"),
        ("string", '"just a string"', "E108"),
        ("number", "42", "E108"),
        ("null", "null", "E108"),
        ("missing id", {"text": TEXT}, "E109"),
        ("null id", {"id": None, "text": TEXT}, "E109"),
        ("blank id", {"id": "  ", "text": TEXT}, "E109"),
        ("missing text", {"id": "no-text"}, "E109"),
        ("null text", {"id": "null-text", "text": None}, "E109"),
        ("numeric text", {"id": "num-text", "text": 5}, "E110"),
        ("NaN text", '{"id": "nan-text", "text": NaN}', "E110"),
        ("boolean id", {"id": True, "text": TEXT}, "E110"),
        ("float id", {"id": 1.5, "text": TEXT}, "E110"),
        ("object title", {"id": "obj-title", "text": TEXT, "title": {"a": 1}}, "E110"),
        ("empty text", {"id": "empty-text", "text": " \n "}, "E102"),
        ("huge integer id", '{"id": ' + "7" * 5000 + ', "text": "Text."}', "E125"),
        ("nested JSON", '{"id": "deep", "text": "Text.", "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "E125"),
        ("surrogate in text", {"id": "sur-text", "text": "Bad \ud800 text."}, "E119"),
        ("surrogate in id", {"id": "sur\udfffid", "text": TEXT}, "E119"),
        ("surrogate in title", {"id": "sur-title", "text": TEXT, "title": "\ud83d"}, "E119"),
        ("duplicate id", {"id": "jsonl-good", "text": "A second document with the same id."}, "E111"),
        ("id equal to a file path", {"id": "good/strike.txt", "text": "An impostor's text."}, "E122"),
    ]
    records = [json.dumps({"id": "jsonl-good", "text": TEXT, "date": "2024-03-03"})]
    records += [line if isinstance(line, str) else json.dumps(line) for _, line, _ in lines]
    write(root, "wire.jsonl", "\n".join(records) + "\n")
    return [Expected(kind, "wire.jsonl", number, code) for number, (kind, _, code) in enumerate(lines, start=2)]


def odd_documents(root: Path) -> list[Expected]:
    """Odd input that can be read: a document each, and (for a bad date) one error row too."""
    documents = {
        "utf16-bom.txt": ("\ufeff" + TEXT).encode("utf-16-le"),
        "utf16be-bom.txt": ("\ufeff" + TEXT).encode("utf-16-be"),
        "utf32-bom.txt": ("\ufeff" + TEXT).encode("utf-32-le"),
        "utf16-no-bom.txt": TEXT.encode("utf-16-le"),
        "utf32-no-bom.txt": TEXT.encode("utf-32-be"),
        "mixed-encodings.txt": TEXT.encode() + "“Café” – cp1252.".encode("cp1252"),
        "few-controls.txt": (TEXT * 4).encode() + b"\x1b\x07",  # under 1%: text
        "brackets.txt": "Before.\n" + "(" * 100_000 + "\nAfter, the minister said.\n",
        "one-line.txt": "The minister said talks went well. " * 200,  # 3.5 chunks, no line break
        "combining.txt": "Cafe\u0301 na\u0308ive \u200b\u200dzero-width; Ω≈ç√ \U0001f600 emoji.\n",
        "cr-only.txt": TEXT.replace("\n", "\r") * 3,
        "unclosed-front-matter.md": "---\ntitle: never closed\n\nBody text here, said Ann Lee.\n",
        "front-matter-only.md": "---\ntitle: Only metadata\n---\n",
        "ruler-not-front-matter.md": "---\n\nNot metadata, just a rule.\n\n---\n",
    }
    for name, data in documents.items():
        write(root, name, data)
    write(root, "bad-date.md", "---\ndate: someday soon\n---\n\nA story with a date nobody can read.\n")
    write(root, "odd.jsonl", json.dumps({"id": "esc\x1b[31mred", "text": TEXT}) + "\n")
    expected = [Expected(name, name, doc_id=name) for name in documents]
    return [
        *expected,
        Expected("id with a terminal escape", "odd.jsonl", doc_id="esc\x1b[31mred"),
        Expected("unrecognised date", "bad-date.md", 0, "E116", doc_id="bad-date.md"),
        Expected("JSONL with a good line", "wire.jsonl", doc_id="jsonl-good"),
    ]


def ignored_files(root: Path) -> None:
    """Files a folder run does not read by design: unsupported suffixes and hidden files."""
    write(root, "notes.pdf", b"%PDF-1.4 binary")
    write(root, "README", TEXT)
    write(root, ".hidden.txt", TEXT)


def build_corpus(tmp_path: Path) -> tuple[Path, list[Expected]]:
    root = tmp_path / "in"
    for name, text in GOOD.items():
        write(root, name, text)
    expected = [Expected(f"good {name}", name, doc_id=name) for name in GOOD]
    expected += bad_files(root)
    expected += bad_links_and_special_files(root, tmp_path / "outside")
    expected += bad_jsonl_lines(root)
    expected += odd_documents(root)
    ignored_files(root)
    return root, expected


def read_table(out: Path, name: str) -> list[dict[str, str]]:
    with (out / f"{name}.csv").open(encoding="utf8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.issue(14)
def test_bad_inputs_corpus_gives_one_error_row_each_and_loses_no_good_document(tmp_path, blank_model):
    inputs, expected = build_corpus(tmp_path)
    errors_expected = [e for e in expected if e.code]
    assert len({e.kind for e in errors_expected}) >= 40
    out = tmp_path / "out"
    overrides = {"reader.max_file_bytes": MAX_FILE_BYTES, "pipeline.max_length": MAX_LENGTH}
    summary = run(inputs, out, model=str(blank_model), overrides=overrides)
    errors = read_table(out, "errors")
    found = sorted((row["path"], int(row["line"]), row["code"]) for row in errors)
    assert found == sorted((e.path, e.line, e.code) for e in errors_expected)
    documents = {row["doc_id"]: row for row in read_table(out, "documents")}
    assert sorted(documents) == sorted(e.doc_id for e in expected if e.doc_id)
    assert summary.documents_ok == len(documents) and summary.counts["errors"] == len(errors)
    for name, text in GOOD.items():
        assert documents[name]["text"] == text
    for row in errors:  # each reason names its file and line, in one line of text
        where = f"'{row['path']}' line {row['line']}" if row["line"] != "0" else f"'{row['path']}'"
        assert row["reason"].startswith(where) and "\n" not in row["reason"], row
    assert (out / "report.html").is_file() and (out / "graph.graphml").is_file()


@pytest.mark.issue(14)
def test_bad_inputs_file_over_the_default_size_limit(tmp_path, blank_model):
    from extractor.io.readers import ReaderSettings

    limit = ReaderSettings().max_file_bytes
    inputs = tmp_path / "in"
    inputs.mkdir()
    write(inputs, "a.txt", TEXT)
    with (inputs / "huge.txt").open("wb") as file:  # sparse: no disk, same size
        file.truncate(limit + 1)
    out = tmp_path / "out"
    run(inputs, out, model=str(blank_model))
    (error,) = read_table(out, "errors")
    assert (error["path"], error["code"]) == ("huge.txt", "E106")
    assert f"{limit + 1}" in error["reason"].replace(",", "")
    assert [row["doc_id"] for row in read_table(out, "documents")] == ["a.txt"]


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    "name,encoding", [("utf16-bom.txt", "utf-16"), ("utf32-no-bom.txt", "utf-32-be"), ("utf16-no-bom.txt", "utf-16-le")]
)
def test_bad_inputs_wide_unicode_is_decoded_and_recorded(tmp_path, name, encoding):
    from extractor.io.readers import read_inputs

    root = tmp_path / "in"
    odd_documents(root)
    (document,) = list(read_inputs(root / name))
    assert (document.text, document.encoding) == (TEXT, encoding)


@pytest.mark.issue(14)
@pytest.mark.parametrize("follow,code", [(False, "E124"), (True, "")])
def test_bad_inputs_follow_symlinks_option(cli, tmp_path, blank_model, follow, code):
    write(tmp_path / "outside", "story.txt", TEXT)
    write(tmp_path / "in", "good.txt", GOOD["good/airports.txt"])
    (tmp_path / "in" / "link.txt").symlink_to(tmp_path / "outside" / "story.txt")
    out = tmp_path / "out"
    args = ["run", tmp_path / "in", "--model", blank_model, "--out", out, "--no-graph"]
    result = cli([*args, "--follow-symlinks"] if follow else args)
    assert result.exit_code == 0, result.output
    assert [row["code"] for row in read_table(out, "errors")] == ([code] if code else [])
    assert sorted(row["doc_id"] for row in read_table(out, "documents")) == (
        ["good.txt", "link.txt"] if follow else ["good.txt"]
    )


# Generated text: the characters that broke or slowed the tool, and plain words.
_PIECES = st.sampled_from(
    [
        "The minister said ",
        '"We will stay," she said. ',
        "“Not now,” he told reporters. ",
        "‘Yes’ ",
        "'",
        '"',
        "«Non» ",
        "Ann Lee of Acme Corp. ",
        "on 3 March 2024 ",
        "\n\n",
        "\n",
        "\r\n",
        "\t",
        " " * 40,
        "\u00a0",
        "\u2028",
        "e\u0301",
        "\u0308\u0308",
        "\u200b",
        "\x1b",
        "\x07",
        "\x00",
        "\x0b",
        "\ud800",
        "\udfff",
        "\U0001f600",
        "(" * 300,
        ")" * 50,
        "[[{{((",
        "x" * 250,
        "https://example.org/" + "a" * 200,
    ]
)
_TEXTS = st.lists(_PIECES, min_size=1, max_size=30).map("".join)


@pytest.mark.issue(14)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_TEXTS, min_size=1, max_size=3))
def test_bad_inputs_fuzzed_text_never_raises_and_rows_point_at_their_text(tmp_path_factory, blank_model, texts):
    # Each text goes in twice: as a JSONL record (where "\ud800" is a JSON
    # escape) and as a .txt file (lone surrogates written as their raw bytes).
    folder = tmp_path_factory.mktemp("fuzz")
    records = [json.dumps({"id": f"doc-{i}", "text": text}) for i, text in enumerate(texts)]
    write(folder / "in", "fuzz.jsonl", "\n".join(records) + "\n")
    for i, text in enumerate(texts):
        write(folder / "in", f"doc-{i}.txt", text.encode("utf-8", "surrogatepass"))
    out = folder / "out"
    summary = run(folder / "in", out, model=str(blank_model))
    documents = {row["doc_id"]: row["text"] for row in read_table(out, "documents")}
    errors = read_table(out, "errors")
    assert summary.documents_ok + len(errors) == 2 * len(texts)
    for row in errors:
        # Blank text, a lone surrogate (JSONL); NUL bytes, bytes no encoding fits, control characters (files).
        assert row["code"] in (("E102", "E119") if row["path"] == "fuzz.jsonl" else ("E102", "E103", "E104", "E123")), (
            row
        )
    for table in ("mentions", "quotes", "claims", "dates"):
        for row in read_table(out, table):
            text = documents[row["doc_id"]]
            assert text[int(row["start_char"]) : int(row["end_char"])] == row["text"], (table, row)
