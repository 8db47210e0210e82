"""Date rules tried only where a match can begin find what scanning the whole text finds."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.components.dates import rule_matches
from extractor.components.rules.date_patterns import (
    _WORD_START,
    DEFAULT_DATE_PATTERNS,
    RULE_STARTS,
    compile_patterns,
    has_known_starts,
    matches_at,
    rule_starts,
    word_starts,
)

PATTERNS = compile_patterns(DEFAULT_DATE_PATTERNS)
ROOT = Path(__file__).resolve().parents[3]
# Pieces of date expressions and of the words around them, in several cases,
# with the characters that case-insensitive matching folds onto ASCII letters.
PIECES = [
    *("January", "Feb.", "Sept", "May", "june", "Jul", "December", "Mar"),
    *("Monday", "Tue", "Thursday", "saturday", "Sun"),
    *("in", "In", "IN", "since", "ſince", "İn", "ın", "by", "until", "till", "through", "during", "of"),
    *("before", "after", "from", "From", "between", "early", "earlier", "late", "Later", "mid-", "mid"),
    *("last", "LAST", "next", "this", "This", "previous", "the", "The", "end", "beginning", "start"),
    *("today", "yesterday", "Tomorrow", "tonight", "night", "morning", "evening", "day", "before"),
    *("a", "an", "one", "Two", "twelve", "thirty", "ago", "from now", "week", "weeks", "month", "years", "decade"),
    *("hour", "minute", "second", "at", "At", "time", "that", "\u212aelvin", "a.m.", "p.m.", "pm"),
    *("1", "7", "07", "12", "31", "2024", "1999", "2024-02-11", "3rd", "21st", "0", "123", "١٢"),
    *(" ", "  ", "\n", ",", ", ", ".", "-", " - ", "\u2013", "\u2014", "/", "(", ")", "’s", "x", "Q"),
]


def whole_scan(text):
    return sorted((match.span(), rule) for rule, pattern in PATTERNS.items() for match in pattern.finditer(text))


def started_scan(text):
    return sorted((match.span(), rule) for _, _, rule, match in rule_matches(text, PATTERNS))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24))
def test_started_scan_finds_what_the_whole_scan_finds(pieces):
    text = "".join(pieces)
    assert started_scan(text) == whole_scan(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ſKİı JanMyTuesd0123456789-–,.aointhsldyw"), max_size=40))
def test_started_scan_on_letter_soup(text):
    assert started_scan(text) == whole_scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "On Sunday, Feb. 4, 2024, and again in mid-2023, from 1992 to 2002, talks ran 1-7 March.",
        "ſince 2019 and İn 2020 the ban held; ın 2021 it lapsed three \u212aelvin-long days ago.",
        "It ended at 7pm last night, two weeks ago, and earlier this month, at the time of the vote.",
        "They met Monday morning, again late Friday, and on Tuesday.",
    ],
)
def test_started_scan_on_sentences(text):
    found = started_scan(text)
    assert found == whole_scan(text)
    assert found  # the sentences hold dates: the comparison is not of two empty lists


def test_started_scan_on_the_repository_texts():
    texts = [p.read_text(encoding="utf8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf8") for p in sorted((ROOT / "tests" / "data" / "quotes" / "texts").glob("*"))]
    assert texts
    for text in texts:
        assert started_scan(text) == whole_scan(text)


def test_started_scan_on_news_of_the_shared_corpora(shared_data):
    # GUM's news documents, their sentences joined as the CoNLL-U `# text` lines give them.
    lines = (shared_data / "gum" / "gum-train.conllu").read_text(encoding="utf8").splitlines()
    text = "\n".join(line[len("# text = ") :] for line in lines if line.startswith("# text = "))
    for chunk in range(0, len(text), 20_000):
        part = text[chunk : chunk + 20_000]
        assert started_scan(part) == whole_scan(part)


def test_every_start_names_a_default_rule():
    assert set(RULE_STARTS) <= set(DEFAULT_DATE_PATTERNS)


def test_a_changed_regex_scans_the_whole_text():
    changed = {**PATTERNS, "year": re.compile(r"\b(?P<expr>(?P<year>20\d\d))\b")}
    assert not has_known_starts("year", changed["year"])
    assert has_known_starts("year", PATTERNS["year"])
    # "2019" alone: the default "year" rule needs a word before it, the changed one does not.
    found = [(rule, match.group()) for _, _, rule, match in rule_matches("Figures for 2019 rose.", changed)]
    assert ("year", "2019") in found


def test_rule_starts_holds_the_word_starts():
    starts = rule_starts("Since May, ago 3 days")
    assert starts["year"] == [0]  # "Since", case aside
    assert 6 in starts["month_day"]  # "May"
    assert 15 in starts["duration"]  # "3"
    assert starts["iso"] == [15]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, "mid-term", "Tuesdays", "themselves", "x1", "_in"]), max_size=24))
def test_word_starts_finds_what_the_word_regex_finds(pieces):
    text = "".join(pieces)
    assert list(word_starts(text)) == [(match.start(), match.group()) for match in _WORD_START.finditer(text)]


def test_matches_at_skips_positions_inside_a_match():
    pattern = re.compile(r"\d+-\d+")
    assert [m.group() for m in matches_at(pattern, "1-2-3 4-5", [0, 2, 6])] == ["1-2", "4-5"]
