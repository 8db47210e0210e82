"""Tests for extractor.io.readers: discovery, decoding, formats and bad input.

Bad-input fixtures are built in tmp_path, so no binary files are committed.
"""

import json
import os
from pathlib import Path

import pytest

from extractor.errors import Errors, ExtractorError, InputError
from extractor.io.decoding import decode_bytes
from extractor.io.readers import ReaderSettings, SourceDocument, iso_date, masked_text, read_inputs
from extractor.types import ErrorRow

GOOD_TEXT = "Storm closes airports\n\nHeavy snow closed airports in Norway on Sunday, officials said.\n"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def read_all(path: Path, **settings) -> tuple[list[SourceDocument], list[ErrorRow]]:
    items = list(read_inputs(path, ReaderSettings(**settings)))
    documents = [item for item in items if isinstance(item, SourceDocument)]
    errors = [item for item in items if isinstance(item, ErrorRow)]
    assert len(documents) + len(errors) == len(items)
    return documents, errors


def jsonl(*records) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


@pytest.mark.parametrize(
    "names,expected",
    [
        (
            [
                "b.txt",
                "a/z.md",
                "a/b/c.jsonl",
                "A.TXT",
                "page.html",
                ".hidden.txt",
                ".git/x.txt",
                "a/.cache/y.txt",
                "notes.pdf",
                "README",
            ],
            ["A.TXT", "a/b/c.jsonl", "a/z.md", "b.txt", "page.html"],
        ),
    ],
)
def test_readers_discovery_is_sorted_recursive_and_skips_hidden(tmp_path, names, expected):
    html = (
        "<html><body><article><p>"
        + "Heavy snow closed airports in Norway on Sunday. " * 5
        + "</p></article></body></html>"
    )
    for name in names:
        content = html if name.endswith(".html") else GOOD_TEXT
        content = jsonl({"id": "a/b/c.jsonl", "text": GOOD_TEXT}) if name.endswith(".jsonl") else content
        write(tmp_path, name, content)
    documents, errors = read_all(tmp_path)
    assert errors == []
    assert [d.source_path for d in documents] == expected
    assert [d.doc_id for d in documents] == expected


@pytest.mark.parametrize("name", ["story.txt", "notes.TXT"])
def test_readers_single_file_doc_id_is_its_name(tmp_path, name):
    path = write(tmp_path / "deep" / "folder", name, GOOD_TEXT)
    documents, errors = read_all(path)
    assert errors == []
    assert [(d.doc_id, d.source_path, d.source_line) for d in documents] == [(name, name, 0)]


@pytest.mark.parametrize("name", ["report.pdf", "story"])
def test_readers_single_file_with_unsupported_suffix_is_an_error(tmp_path, name):
    documents, errors = read_all(write(tmp_path, name, GOOD_TEXT))
    assert documents == []
    assert [e.code for e in errors] == ["E114"]
    assert name in errors[0].reason and ".txt" in errors[0].reason


@pytest.mark.parametrize("missing", ["nope", "nope/inner.txt"])
def test_readers_missing_input_path_raises(tmp_path, missing):
    with pytest.raises(InputError) as excinfo:
        read_inputs(tmp_path / missing)  # raised at the call, not at the first next()
    assert excinfo.value.code == "E101"
    assert str(excinfo.value).startswith("[E101] ")
    assert missing in str(excinfo.value)


@pytest.mark.parametrize(
    "data,code,words",
    [
        (b"", "E102", "empty"),
        (b"  \n\t\r\n  ", "E102", "whitespace"),
        (b"\xef\xbb\xbf \n", "E102", "whitespace"),
        (b"GIF89a\x00\x01\x02binary", "E103", "NUL"),
        (b"text" + bytes(range(1, 9)) * 4, "E103", "control characters"),
        # A byte-order mark, then data that breaks it: an odd byte count, a lone surrogate.
        (b"\xff\xfeH\x00i", "E115", "not valid UTF-16"),
        (b"\xff\xfe\x00\x00H\x00\x00\x00\x00\xd8\x00\x00", "E115", "not valid UTF-32"),
        # Valid UTF-8 with 2% control characters: it decodes, so say what is wrong.
        (b"Plain text, mostly. " * 5 + b"\x1b\x07", "E123", "decodes as utf-8, but 2 of 102 characters"),
        ("\ufeffUTF-16 text with bells".encode("utf-16-le") + b"\x07\x00" * 3, "E123", "utf-16"),
        # Bytes cp1252 leaves undefined; latin-1 turns them into control characters.
        (b"\x81\x8d\x8f\x90\x9d" * 10 + b" text", "E104", "utf-8, utf-8-sig, cp1252, latin-1"),
    ],
)
def test_readers_bad_file_is_an_error_row_and_reading_goes_on(tmp_path, data, code, words):
    write(tmp_path, "a_bad.txt", data)
    write(tmp_path, "b_good.txt", GOOD_TEXT)
    documents, errors = read_all(tmp_path)
    assert [d.doc_id for d in documents] == ["b_good.txt"]
    assert [(e.path, e.line, e.doc_id, e.code) for e in errors] == [("a_bad.txt", 0, "a_bad.txt", code)]
    assert "'a_bad.txt'" in errors[0].reason and words in errors[0].reason
    assert "\n" not in errors[0].reason


@pytest.mark.parametrize(
    "data,encoding,text",
    [
        ("“Quotes,” she said. Café.".encode(), "utf-8", "“Quotes,” she said. Café."),
        (b"\xef\xbb\xbf" + "Café au lait.".encode(), "utf-8-sig", "Café au lait."),
        (b"\x93Smart quotes,\x94 she said \x96 in cp1252.", "cp1252", "“Smart quotes,” she said – in cp1252."),
        # 0x81 is undefined in cp1252, so only latin-1 decodes this; one control
        # character in 150 still looks like text.
        (b"Caf\xe9 " * 30 + b"\x81", "latin-1", "Café " * 30 + "\x81"),
    ],
)
def test_readers_encoding_fallback_is_recorded_not_an_error(tmp_path, data, encoding, text):
    documents, errors = read_all(write(tmp_path, "story.txt", data))
    assert errors == []
    assert [(d.encoding, d.text) for d in documents] == [(encoding, text)]


@pytest.mark.parametrize("encodings", [("utf-8", "cp1252")])
def test_readers_encodings_setting_sets_the_order(tmp_path, encodings):
    data = b"Caf\xe9 " * 30 + b"\x81"
    documents, errors = read_all(write(tmp_path, "story.txt", data), encodings=encodings)
    assert documents == []
    assert [e.code for e in errors] == ["E104"]
    assert "utf-8, cp1252" in errors[0].reason


@pytest.mark.parametrize("data", [b"\xef\xbb\xbfA BOM story.", b"A plain story."])
def test_readers_decode_bytes_utf8_bom(data):
    text, encoding = decode_bytes(data, "x.txt")
    assert text in ("A BOM story.", "A plain story.")
    assert encoding == ("utf-8-sig" if data.startswith(b"\xef") else "utf-8")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files despite chmod 000")
@pytest.mark.parametrize("name", ["locked.txt"])
def test_readers_unreadable_file_chmod(tmp_path, name):
    path = write(tmp_path, name, GOOD_TEXT)
    path.chmod(0)
    try:
        documents, errors = read_all(tmp_path)
    finally:
        path.chmod(0o644)
    assert documents == []
    assert [(e.path, e.code) for e in errors] == [(name, "E105")]


@pytest.mark.parametrize("name", ["dangling.txt"])
def test_readers_unreadable_file_broken_symlink(tmp_path, name):
    # Works as root too, unlike chmod 000.
    (tmp_path / name).symlink_to(tmp_path / "missing-target.txt")
    write(tmp_path, "ok.txt", GOOD_TEXT)
    documents, errors = read_all(tmp_path)
    assert [d.doc_id for d in documents] == ["ok.txt"]
    assert [(e.path, e.code) for e in errors] == [(name, "E105")]
    assert "No such file" in errors[0].reason


@pytest.mark.parametrize("limit,expected", [(10, ["E106"]), (10_000, [])])
def test_readers_file_larger_than_max_file_bytes(tmp_path, limit, expected):
    documents, errors = read_all(write(tmp_path, "story.txt", GOOD_TEXT), max_file_bytes=limit)
    assert [e.code for e in errors] == expected
    assert len(documents) == 1 - len(expected)
    if expected:
        assert f"{len(GOOD_TEXT.encode())} bytes" in errors[0].reason and "max_file_bytes = 10" in errors[0].reason


GOOD_RECORD = {"id": "first", "text": GOOD_TEXT}


@pytest.mark.parametrize(
    "bad_line,code,doc_id,words",
    [
        ('{"id": "x", "text": ', "E107", "", "not valid JSON"),
        ("[1, 2]", "E108", "", "JSON array"),
        ('"just a string"', "E108", "", "JSON string"),
        ({"text": "Some text."}, "E109", "", "`id`"),
        ({"id": "  ", "text": "Some text."}, "E109", "", "`id`"),
        ({"id": None, "text": "Some text."}, "E109", "", "`id`"),
        ({"id": "x"}, "E109", "x", "`text`"),
        ({"id": "x", "text": None}, "E109", "x", "`text`"),
        ({"id": "x", "text": "   \n "}, "E102", "x", "no text"),
        ({"id": True, "text": "Some text."}, "E110", "", "boolean"),
        ({"id": 1.5, "text": "Some text."}, "E110", "", "a string or an integer"),
        ({"id": ["x"], "text": "Some text."}, "E110", "", "array"),
        ({"id": "x", "text": 5}, "E110", "x", "`text` is a number"),
        ({"id": "x", "text": "Some text.", "title": 3}, "E110", "x", "`title`"),
        ({"id": "x", "text": "Some text.", "date": {"y": 2024}}, "E110", "x", "`date` is a object"),
        # Valid JSON that Unicode, spaCy and every output refuse: a lone surrogate.
        (
            {"id": "x", "text": "Some \ud800 text."},
            "E119",
            "x",
            "`text` holds a lone surrogate (\\ud800) at character 5",
        ),
        ({"id": "x\udfff", "text": "Some text."}, "E119", "", "`id` holds a lone surrogate (\\udfff)"),
        ({"id": "x", "text": "Some text.", "title": "\ud83d"}, "E119", "x", "`title`"),
        # Lines Python's parser gives up on.
        ("[" * 100_000, "E125", "", "nest too deeply"),
        ('{"id": "x", "text": "Some text.", "n": ' + '{"a": ' * 50_000 + "1" + "}" * 50_001, "E125", "", "nest"),
        ('{"id": ' + "9" * 5000 + ', "text": "Some text."}', "E125", "", "digits"),
    ],
)
def test_readers_malformed_jsonl_line_is_an_error_row(tmp_path, bad_line, code, doc_id, words):
    good_after = {"id": "last", "text": GOOD_TEXT}
    write(tmp_path, "wire.jsonl", jsonl(GOOD_RECORD, bad_line, "", good_after))
    documents, errors = read_all(tmp_path)
    assert [(d.doc_id, d.source_line) for d in documents] == [("first", 1), ("last", 4)]
    assert [(e.path, e.line, e.doc_id, e.code) for e in errors] == [("wire.jsonl", 2, doc_id, code)]
    assert "'wire.jsonl' line 2" in errors[0].reason and words in errors[0].reason


@pytest.mark.parametrize(
    "record,expected",
    [
        (
            {
                "id": 7,
                "text": "Body first.",
                "title": "Given",
                "date": "2024-03-03",
                "url": "https://x.org/a",
                "source": "Wire",
            },
            ("7", "Given", None, "2024-03-03", "https://x.org/a", "Wire"),
        ),
        ({"id": "a", "text": "Given\nBody.", "title": "Given", "date": None}, ("a", "Given", 0, "", "", "")),
        ({"id": "b", "text": "Detected title\n\nBody."}, ("b", "Detected title", 0, "", "", "")),
    ],
)
def test_readers_jsonl_fields(tmp_path, record, expected):
    documents, errors = read_all(write(tmp_path, "wire.jsonl", jsonl(record)))
    assert errors == []
    (d,) = documents
    assert (d.doc_id, d.title, d.title_start_char, d.date, d.url, d.source) == expected
    assert d.text == record["text"]


@pytest.mark.parametrize("crlf", [False, True])
def test_readers_jsonl_line_numbers_count_blank_lines(tmp_path, crlf):
    content = jsonl({"id": "a", "text": "One."}, "", {"id": "b", "text": "Two."})
    content = content.replace("\n", "\r\n") if crlf else content
    documents, errors = read_all(write(tmp_path, "wire.jsonl", content))
    assert errors == []
    assert [(d.doc_id, d.source_line) for d in documents] == [("a", 1), ("b", 3)]


def test_readers_duplicate_ids_keep_the_first(tmp_path):
    write(tmp_path, "a.jsonl", jsonl({"id": "dup", "text": "One."}, {"id": "dup", "text": "Two."}))
    documents, errors = read_all(tmp_path)
    assert [(d.doc_id, d.text) for d in documents] == [("dup", "One.")]
    assert [(e.path, e.line, e.doc_id, e.code) for e in errors] == [("a.jsonl", 2, "dup", "E111")]
    assert "'a.jsonl' line 1" in errors[0].reason


@pytest.mark.issue(14)
@pytest.mark.parametrize("jsonl_name", ["a.jsonl", "z.jsonl"])
def test_readers_jsonl_id_equal_to_a_file_path_never_replaces_the_file(tmp_path, jsonl_name):
    # Whichever is read first, the file keeps its own path as id and its text.
    write(tmp_path, jsonl_name, jsonl({"id": "news/b.txt", "text": "Impostor."}, {"id": "c", "text": "Fine."}))
    write(tmp_path, "news/b.txt", GOOD_TEXT)
    documents, errors = read_all(tmp_path)
    assert sorted((d.doc_id, d.text) for d in documents) == [("c", "Fine."), ("news/b.txt", GOOD_TEXT)]
    assert [(e.path, e.line, e.doc_id, e.code) for e in errors] == [(jsonl_name, 1, "news/b.txt", "E122")]
    assert "input file 'news/b.txt'" in errors[0].reason


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2024-03-03", "2024-03-03"),
        (" 2024-03-03T10:15:00Z ", "2024-03-03"),
        ("2024-03-03T10:15:00+01:00", "2024-03-03"),
        ("March 3, 2024", "2024-03-03"),
        ("Mar 3, 2024", "2024-03-03"),
        ("3 March 2024", "2024-03-03"),
        ("2024/03/03", "2024-03-03"),
        ("2024-03", "2024-03"),
        ("2024", "2024"),
        ("", ""),
        ("yesterday", None),
        ("2024-13-45", None),
        ("03/04/2024", None),  # ambiguous: day or month first?
    ],
)
def test_readers_iso_date(value, expected):
    assert iso_date(value) == expected


@pytest.mark.parametrize("value", ["next Tuesday"])
def test_readers_unrecognised_date_keeps_the_document(tmp_path, value):
    documents, errors = read_all(write(tmp_path, "w.jsonl", jsonl({"id": "a", "text": "One.", "date": value})))
    assert [(d.doc_id, d.date) for d in documents] == [("a", "")]
    assert [(e.line, e.doc_id, e.code) for e in errors] == [(1, "a", "E116")]
    assert value in errors[0].reason


MARKDOWN = """---
title: "Floods kill 16 in Kenya"
date: 2024-05-06
url: https://news.example.org/kenya
source: 'Lakeside Herald'
author: ignored
---

# Floods kill 16 in Kenya

KISUMU, Kenya - At least 16 people were killed.
"""


@pytest.mark.parametrize("text", [MARKDOWN, MARKDOWN.replace("\n", "\r\n")])
def test_readers_markdown_front_matter_and_heading(tmp_path, text):
    documents, errors = read_all(write(tmp_path, "kenya.md", text))
    assert errors == []
    (d,) = documents
    assert (d.title, d.date, d.url, d.source) == (
        "Floods kill 16 in Kenya",
        "2024-05-06",
        "https://news.example.org/kenya",
        "Lakeside Herald",
    )
    assert d.text == text
    assert d.text[d.title_start_char :].startswith(d.title)
    assert d.text[d.body_start_char :].startswith("KISUMU")
    masked = masked_text(d)
    assert "Lakeside" not in masked and "---" not in masked and "# Floods" not in masked
    assert masked.strip().startswith("Floods kill 16 in Kenya")


@pytest.mark.parametrize(
    "text",
    [
        "---\nnot: closed\n\nStory title\n\nBody.",
        # A horizontal rule, not front matter: the lines between are prose.
        "---\nStory title\n\nBody text here.\n\n---\nMore.",
    ],
)
def test_readers_markdown_without_front_matter(tmp_path, text):
    documents, _ = read_all(write(tmp_path, "a.md", text))
    assert documents[0].furniture == () and documents[0].date == ""


HTML = """<html><head><title>Storm closes airports | Example News</title>
<meta property="og:title" content="Storm closes airports">
<meta property="og:url" content="https://news.example.org/storm">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-02-07T08:00:00Z"></head>
<body><nav>Home World Europe</nav><article><h1>Storm closes airports</h1>
<p>Heavy snow closed airports across Norway on Sunday, stranding thousands of travellers.</p>
<p>"We have not seen snow like this in twenty years," said Ingrid Solberg, a spokeswoman for the airport operator.</p>
</article><footer>Back to top</footer></body></html>"""


@pytest.mark.parametrize("html", [HTML])
def test_readers_html_main_text_and_metadata(tmp_path, html):
    documents, errors = read_all(write(tmp_path, "storm.html", html))
    assert errors == []
    (d,) = documents
    assert "Heavy snow closed airports across Norway" in d.text
    assert "Home World Europe" not in d.text and "<p>" not in d.text
    assert (d.title, d.date, d.url, d.source) == (
        "Storm closes airports",
        "2024-02-07",
        "https://news.example.org/storm",
        "Example News",
    )
    assert d.title_start_char is None or d.text[d.title_start_char :].startswith(d.title)
    assert d.text[d.body_start_char :].startswith("Heavy snow")


@pytest.mark.parametrize("html", ["<html><body></body></html>", "<html><body><script>var x;</script></body></html>"])
def test_readers_html_without_main_text_is_an_error(tmp_path, html):
    documents, errors = read_all(write(tmp_path, "empty.htm", html))
    assert documents == []
    assert [(e.doc_id, e.code) for e in errors] == [("empty.htm", "E112")]


@pytest.mark.parametrize(
    "settings,code,words",
    [
        ({"furniture_patterns": ("(bad",)}, "E117", "'(bad'"),
        ({"tail_patterns": ("*bad",)}, "E117", "'*bad'"),
        ({"max_file_bytes": 0}, "E118", "max_file_bytes"),
        ({"max_file_bytes": "big"}, "E118", "max_file_bytes"),
        ({"encodings": ()}, "E118", "encodings"),
        ({"encodings": ("utf-8", "no-such-codec")}, "E118", "no-such-codec"),
        ({"encodings": ("base64",)}, "E118", "base64"),
    ],
)
def test_readers_settings_are_validated(settings, code, words):
    with pytest.raises(ExtractorError) as excinfo:
        ReaderSettings(**settings)
    assert excinfo.value.code == code and words in str(excinfo.value)


@pytest.mark.parametrize("patterns", [["(?i)advertisement"]])
def test_readers_settings_accept_lists_from_configs(patterns):
    settings = ReaderSettings(furniture_patterns=patterns)
    assert settings.furniture_patterns == tuple(patterns)
    assert hash(settings) == hash(ReaderSettings(furniture_patterns=tuple(patterns)))


@pytest.mark.parametrize("code", ["E101", "E117"])
def test_readers_error_templates_carry_their_code(code):
    assert getattr(Errors, code).startswith(f"[{code}] ")
    assert not Errors.template(code).startswith("[")
    with pytest.raises(KeyError):
        Errors.template("E999")


def test_readers_seeds_read_cleanly():
    documents, errors = read_all(SEEDS)
    assert errors == []
    assert len(documents) >= 6
    for d in documents:
        assert d.title and d.text[d.title_start_char :].startswith(d.title)
        assert 200 <= len(d.text.split()) <= 450 + 60  # furniture and front matter add words
        masked = masked_text(d)
        assert len(masked) == len(d.text)
        assert "Related Articles" not in masked and "Share this:" not in masked
    dated = {d.doc_id: d.date for d in documents if d.date}
    assert set(dated) >= {"kenya-floods.md", "wire-0001", "wire-0002"}


@pytest.mark.issue(14)
@pytest.mark.parametrize("text", ["Emoji \U0001f600 and a pair \ud83d\ude00 are fine."])
def test_readers_jsonl_surrogate_pairs_are_one_character(tmp_path, text):
    # json.dumps writes U+1F600 as the pair "\ud83d\ude00", which json.loads joins.
    documents, errors = read_all(write(tmp_path, "w.jsonl", jsonl({"id": "a", "text": text})))
    assert errors == []
    assert documents[0].text == text.encode("utf-16", "surrogatepass").decode("utf-16")


def make_fifo(folder: Path, name: str) -> None:
    os.mkfifo(folder / name)


def make_socket(folder: Path, name: str) -> None:
    import socket

    cwd = os.getcwd()
    os.chdir(folder)  # a socket's path must be short
    try:
        socket.socket(socket.AF_UNIX).bind(name)
    finally:
        os.chdir(cwd)


@pytest.mark.issue(14)
@pytest.mark.parametrize("make,kind", [(make_fifo, "named pipe (FIFO)"), (make_socket, "socket")])
def test_readers_special_file_is_an_error_row_not_a_hang(tmp_path, make, kind):
    make(tmp_path, "a_pipe.txt")
    write(tmp_path, "b_good.txt", GOOD_TEXT)
    documents, errors = read_all(tmp_path)
    assert [d.doc_id for d in documents] == ["b_good.txt"]
    assert [(e.path, e.doc_id, e.code) for e in errors] == [("a_pipe.txt", "a_pipe.txt", "E120")]
    assert f"is a {kind}, not a regular file" in errors[0].reason


@pytest.mark.issue(14)
def test_readers_special_file_given_directly_is_an_error_row(tmp_path):
    make_fifo(tmp_path, "pipe.txt")
    documents, errors = read_all(tmp_path / "pipe.txt")
    assert documents == [] and [e.code for e in errors] == ["E120"]


def make_bytes_name(folder: Path, name: bytes, data: str) -> None:
    try:
        descriptor = os.open(os.path.join(os.fsencode(folder), name), os.O_WRONLY | os.O_CREAT)
    except OSError:
        pytest.skip("this file system refuses file names that are not UTF-8")
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(data)


@pytest.mark.issue(14)
@pytest.mark.parametrize("name,shown", [(b"bad_\xff.txt", "bad_\\xff.txt"), (b"sub\xe9/x.md", "sub\\xe9/x.md")])
def test_readers_file_name_not_utf8_is_an_error_row(tmp_path, name, shown):
    if b"/" in name:
        os.mkdir(os.path.join(os.fsencode(tmp_path), name.split(b"/")[0]))
    make_bytes_name(tmp_path, name, GOOD_TEXT)
    write(tmp_path, "good.txt", GOOD_TEXT)
    documents, errors = read_all(tmp_path)
    assert [d.doc_id for d in documents] == ["good.txt"]
    assert [(e.path, e.doc_id, e.code) for e in errors] == [(shown, shown, "E121")]
    assert f"'{shown}'" in errors[0].reason and "rename" in errors[0].reason
    errors[0].reason.encode("utf-8")  # printable: no lone surrogate left


@pytest.mark.issue(14)
@pytest.mark.parametrize("follow,expected_docs,expected_errors", [(False, 2, ["E124"]), (True, 3, [])])
def test_readers_symlink_leaving_the_folder_is_only_read_when_asked(tmp_path, follow, expected_docs, expected_errors):
    inputs, outside = tmp_path / "in", tmp_path / "outside"
    secret = write(outside, "secret.txt", "Outside text that must not be published.\n")
    write(inputs, "good.txt", GOOD_TEXT)
    (inputs / "inside-link.txt").symlink_to(inputs / "good.txt")
    (inputs / "leak.txt").symlink_to(secret)
    documents, errors = read_all(inputs, follow_symlinks=follow)
    assert len(documents) == expected_docs
    assert [e.code for e in errors] == expected_errors
    if errors:
        assert errors[0].path == "leak.txt" and "--follow-symlinks" in errors[0].reason
        assert "secret" not in errors[0].reason


@pytest.mark.issue(14)
def test_readers_symlink_chain_out_of_the_folder_is_refused(tmp_path):
    inputs = tmp_path / "in"
    write(tmp_path, "secret.txt", GOOD_TEXT)
    write(inputs, "good.txt", GOOD_TEXT)
    (inputs / "hop.txt").symlink_to(tmp_path / "secret.txt")
    (inputs / "a.txt").symlink_to(inputs / "hop.txt")
    documents, errors = read_all(inputs)
    assert [d.doc_id for d in documents] == ["good.txt"]
    assert [(e.path, e.code) for e in errors] == [("a.txt", "E124"), ("hop.txt", "E124")]


@pytest.mark.issue(14)
@pytest.mark.parametrize("target", ["inside", "self"])
def test_readers_linked_folder_is_an_error_row(tmp_path, target):
    write(tmp_path, "inside/good.txt", GOOD_TEXT)
    (tmp_path / "linked").symlink_to(tmp_path / "inside" if target == "inside" else tmp_path)
    documents, errors = read_all(tmp_path)
    assert [d.doc_id for d in documents] == ["inside/good.txt"]
    assert [(e.path, e.code) for e in errors] == [("linked", "E126")]


@pytest.mark.issue(14)
@pytest.mark.parametrize("run", ["(" * 5000, "x" * 201, "https://example.org/" + "a/b?c=d&" * 40])
def test_readers_long_unbroken_runs_are_hidden_from_the_stages(tmp_path, run):
    text = f"He said it.\n\nStart {run} end.\n"
    documents, errors = read_all(write(tmp_path, "a.txt", text))
    (d,) = documents
    assert errors == [] and d.text == text
    assert masked_text(d) == text.replace(run, " " * len(run))


@pytest.mark.issue(14)
@pytest.mark.parametrize("limit,hidden", [(200, False), (5, True)])
def test_readers_max_unbroken_chars_setting(tmp_path, limit, hidden):
    documents, _ = read_all(write(tmp_path, "a.txt", "Short words and airports.\n"), max_unbroken_chars=limit)
    assert ("airports" not in masked_text(documents[0])) == hidden


@pytest.mark.parametrize(
    "settings",
    [{"max_unbroken_chars": 0}, {"max_unbroken_chars": "200"}, {"follow_symlinks": "yes"}, {"max_file_bytes": True}],
)
def test_readers_settings_are_checked(settings):
    with pytest.raises(ExtractorError) as excinfo:
        ReaderSettings(**settings)
    assert excinfo.value.code == "E118" and next(iter(settings)) in str(excinfo.value)
