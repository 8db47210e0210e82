"""Tests of `extractor.evaluation.statements`: reading a run's statements, coverage and matching (invented sentences)."""

from __future__ import annotations

import random

import pytest
from tests.rows import quote_row as hand_made_quote

from extractor.evaluation.statements import (
    GoldAttribution,
    PredictedStatement,
    coverage,
    match_exact,
    match_statements,
    read_predictions,
    trimmed,
)
from extractor.types import QuoteRow

DOC = "ledger_2020-01-01_council-votes-on-bridge.txt"


def at(needle: str, text: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def gold_at(fragments: list[tuple[int, int]], source: str = "Ruiz", doc_id: str = DOC) -> GoldAttribution:
    return GoldAttribution(doc_id, "E1", "a", "indirect", tuple(fragments), source, None)


def predicted_at(start: int, end: int, doc_id: str = DOC) -> PredictedStatement:
    return PredictedStatement(doc_id, start, end, "indirect", "quotes", "indirect")


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "fragments,expected",
    [
        (((0, 10), (20, 30)), 1.0),
        (((0, 10),), 0.5),
        (((0, 4), (20, 24)), 0.4),
        (((10, 20),), 0.0),
        (((0, 30),), 1.0),
    ],
)
def test_statements_coverage_is_the_union_of_predicted_fragments(fragments, expected):
    assert coverage(gold_at([(0, 10), (20, 30)]), fragments) == expected


def test_statements_coverage_counts_all_fragments():
    gold = gold_at([(0, 10), (20, 30)])
    assert coverage(gold, ((0, 10),)) == 0.5
    assert coverage(gold, ((5, 25),)) == 0.5
    assert coverage(gold, ((0, 9),)) == 0.45
    assert coverage(gold, ((0, 30),)) == 1.0


def test_statements_half_coverage_is_the_threshold():
    gold = [gold_at([(0, 100)])]
    assert [m.predicted for m in match_statements(gold, [predicted_at(50, 200)])] == [0]
    assert match_statements(gold, [predicted_at(51, 200)]) == []
    assert match_statements(gold, [predicted_at(0, 100, doc_id="other.txt")]) == []


def test_statements_matching_is_one_to_one_and_order_free():
    gold = [gold_at([(0, 40)]), gold_at([(50, 90)])]
    predicted = [predicted_at(0, 90), predicted_at(0, 30), predicted_at(55, 90), predicted_at(60, 90)]
    pairs = {
        (m.gold, (predicted[m.predicted].start, predicted[m.predicted].end)) for m in match_statements(gold, predicted)
    }
    # The long span covers both fully but may match one; the best exclusive fits win the rest.
    assert pairs == {(0, (0, 90)), (1, (55, 90))}
    for seed in range(5):
        shuffled = predicted[:]
        random.Random(seed).shuffle(shuffled)
        again = {
            (m.gold, (shuffled[m.predicted].start, shuffled[m.predicted].end)) for m in match_statements(gold, shuffled)
        }
        assert again == pairs


def test_statements_exact_boundaries_ignore_marks_and_punctuation():
    text = "“We will build it,” she said."
    assert trimmed(text, *at("“We will build it,”", text)) == at("We will build it", text)
    gold = [gold_at([at("“We will build it,”", text)])]
    texts = {DOC: text}
    assert len(match_exact(gold, [predicted_at(*at("We will build it,", text))], texts)) == 1
    assert match_exact(gold, [predicted_at(*at("We will build", text))], texts) == []


def test_statements_exact_boundaries_ignore_a_leading_that():
    text = "She said that the plan works. Thatcher said the plan works."
    assert trimmed(text, *at("that the plan works.", text)) == at("the plan works", text)
    assert trimmed(text, *at("Thatcher said", text)) == at("Thatcher said", text)


TEXT = "“We will win,” Ana Ruiz said. “The money is there.” Critics said the plan would fail."


def quote_row(needle: str, speaker: str = "", statement_of: str = "", doc_id: str = DOC) -> QuoteRow:
    start, end = at(needle, TEXT)
    return hand_made_quote(
        needle,
        start,
        end_char=end,
        statement_id=statement_of and f"q{at(statement_of, TEXT)[0]}",
        doc_id=doc_id,
        speaker_text=speaker,
    )


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "rows,expected",
    [
        # Rows sharing a statement_id are one statement, with the speaker of the row that names one.
        (
            [("We will win,", "", "We will win,"), ("The money is there.", "Ana Ruiz", "We will win,")],
            [(("We will win,", "The money is there."), "Ana Ruiz")],
        ),
        # A row built without a statement_id is its own statement.
        (
            [("We will win,", "Ana Ruiz", ""), ("The money is there.", "Ana Ruiz", "")],
            [(("We will win,",), "Ana Ruiz"), (("The money is there.",), "Ana Ruiz")],
        ),
        (
            [("the plan would fail", "Critics", "")],
            [(("the plan would fail",), "Critics")],
        ),
    ],
)
def test_statements_read_predictions_groups_fragments(tmp_path, output_folder, rows, expected):
    out = output_folder(tmp_path / "out", {"quotes": [quote_row(n, s, first) for n, s, first in rows]})
    found = read_predictions(out, {DOC: TEXT})
    assert [(tuple(TEXT[s:e] for s, e in p.fragments), p.speaker_text) for p in found] == expected
    for p in found:
        assert (p.start, p.end) == (p.fragments[0][0], p.fragments[-1][1])


def test_statements_fragments_of_other_documents_stay_apart(tmp_path, output_folder):
    rows = [quote_row("We will win,", "Ana Ruiz"), quote_row("We will win,", "Ana Ruiz", doc_id="other.txt")]
    texts = {DOC: TEXT, "other.txt": TEXT}
    found = read_predictions(output_folder(tmp_path / "out", {"quotes": rows}), texts)
    assert sorted(p.doc_id for p in found) == [DOC, "other.txt"]
