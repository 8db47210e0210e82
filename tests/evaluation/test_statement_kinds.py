"""Tests of `extractor.evaluation.statement_kinds`: quoted regions and the kind of a span (invented sentences)."""

from __future__ import annotations

import pytest

from extractor.evaluation.statement_kinds import kind_of, quoted_mask, quoted_regions


def at(needle: str, text: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


@pytest.mark.parametrize(
    "text,needle,kind",
    [
        ("He said: “We will win the vote.”", "“We will win the vote.”", "direct"),
        ("He said: “We will win the vote.”", "We will win the vote.", "direct"),
        (
            "She said the vote was “rigged from the very start” by them.",
            "the vote was “rigged from the very start” by them",
            "mixed",
        ),
        ("She said the vote was “rigged” by them.", "the vote was “rigged” by them", "indirect"),
        ("He said costs would rise.", "costs would rise", "indirect"),
        ("''We will win the vote,'' he said.", "We will win the vote,", "direct"),
        ('"We will win the vote," he said.', '"We will win the vote,"', "direct"),
        ("He said: ‘We will win the vote.’", "We will win the vote.", "direct"),
        ("He said they don’t know and won’t care.", "they don’t know and won’t care", "indirect"),
    ],
)
def test_statement_kinds_kind_of(text: str, needle: str, kind: str):
    assert kind_of(text, [at(needle, text)], quoted_mask(text)) == kind


def test_statement_kinds_quote_open_at_paragraph_end_runs_to_its_end():
    text = "“We will build it.\n“And we will pay for it,” she said."
    regions = quoted_regions(text)
    assert regions[0] == (1, text.index("\n"))
    assert kind_of(text, [at("We will build it.", text)], quoted_mask(text)) == "direct"


def test_statement_kinds_kind_of_discontinuous_fragments():
    text = "“We will build it,” she said, “and pay for it.” Then she said costs would rise."
    mask = quoted_mask(text)
    assert kind_of(text, [at("“We will build it,”", text), at("“and pay for it.”", text)], mask) == "direct"
    fragments = [at("“We will build it,”", text), at("costs would rise", text)]
    assert kind_of(text, fragments, mask) == "mixed"  # 4 quoted words: MIN_QUOTED_WORDS
    text = "“We build it,” she said. Then she said costs would rise."
    fragments = [at("“We build it,”", text), at("costs would rise", text)]
    assert kind_of(text, fragments, quoted_mask(text)) == "indirect"  # 3 quoted words: a scare quote
