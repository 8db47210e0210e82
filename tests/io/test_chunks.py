"""Tests for extractor.io.chunks: splitting long texts without losing offsets."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.errors import ExtractorError
from extractor.io.chunks import long_runs, split_for_length


@pytest.mark.parametrize(
    "text,max_length,expected",
    [
        ("", 5, [""]),
        ("short", 5, ["short"]),
        # A paragraph break wins over a later line break or space.
        ("aa aa\n\nbb\ncc dd", 12, ["aa aa\n\n", "bb\ncc dd"]),
        # Several blank lines stay with the earlier chunk.
        ("aa\n\n\n\nbb", 7, ["aa\n\n\n\n", "bb"]),
        # No paragraph break in reach: the last line break.
        ("aa\nbb\ncc dd", 7, ["aa\nbb\n", "cc dd"]),
        # No line break: after a sentence's final punctuation.
        ("One two. Three four five", 15, ["One two. ", "Three four five"]),
        ('He said "No." Then left', 15, ['He said "No." ', "Then left"]),
        # No sentence end: the last space.
        ("alpha beta gamma", 12, ["alpha beta ", "gamma"]),
        # No whitespace at all: a hard cut.
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
    ],
)
def test_chunks_split_for_length_prefers_paragraphs(text, max_length, expected):
    chunks = split_for_length(text, max_length)
    assert [chunk for _, chunk in chunks] == expected


@pytest.mark.parametrize("text", ["First paragraph here.\n\nSecond one.\r\n\r\nThird one.\n"])
def test_chunks_split_for_length_offsets_point_into_text(text):
    chunks = split_for_length(text, 16)
    assert len(chunks) > 1
    for offset, chunk in chunks:
        assert text[offset : offset + len(chunk)] == chunk


@pytest.mark.parametrize("max_length", [0, -1, 1.5, True, "10", None])
def test_chunks_split_for_length_rejects_bad_max_length(max_length):
    with pytest.raises(ExtractorError) as excinfo:
        split_for_length("some text", max_length)
    assert excinfo.value.code == "E118"
    assert "max_length" in str(excinfo.value)


@pytest.mark.parametrize("size", [1_000_000])
def test_chunks_split_for_length_cuts_a_spacy_sized_text_once(size):
    paragraph = "word " * 99 + "end.\n\n"
    text = paragraph * (size // len(paragraph) + 2)
    chunks = split_for_length(text, size)
    assert len(chunks) == 2
    assert all(len(chunk) <= size for _, chunk in chunks)
    # The cut falls at a paragraph break, so the second chunk starts a paragraph.
    assert chunks[1][1].startswith("word ")


_TEXT = st.text(alphabet=st.sampled_from(list('ab .!?\n\r\t"”')), max_size=300)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, max_length=st.integers(min_value=1, max_value=40))
def test_chunks_split_for_length_roundtrips(text, max_length):
    chunks = split_for_length(text, max_length)
    assert "".join(chunk for _, chunk in chunks) == text
    assert all(len(chunk) <= max_length for _, chunk in chunks)
    assert all(chunk for _, chunk in chunks) or text == ""
    for offset, chunk in chunks:
        assert text[offset : offset + len(chunk)] == chunk


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    "text,max_chars,expected",
    [
        ("", 3, []),
        ("abc de", 3, []),
        ("abcd e", 3, [(0, 4)]),
        ("a (((((\n)))) b", 3, [(2, 7), (8, 12)]),
        # Any whitespace ends a run, as it ends a token in spaCy's tokenizer.
        ("abc\u00a0def\tghij", 3, [(8, 12)]),
    ],
)
def test_chunks_long_runs(text, max_chars, expected):
    assert long_runs(text, max_chars) == expected


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab( \n\u00a0")), max_size=200), max_chars=st.integers(1, 8))
def test_chunks_long_runs_are_the_whitespace_separated_runs_longer_than_the_limit(text, max_chars):
    runs = long_runs(text, max_chars)
    expected = [(m.start(), m.end()) for m in re.finditer(r"\S+", text) if m.end() - m.start() > max_chars]
    assert runs == expected
