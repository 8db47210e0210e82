"""Tests of `extractor.evaluation.statement_scores`: the speaker rule (scores end to end: test_polnear.py)."""

from __future__ import annotations

import pytest

from extractor.evaluation.statement_scores import names_source


@pytest.mark.parametrize(
    "candidates,source,named",
    [
        (["Ruiz"], "Mayor Ana Ruiz", True),
        (["the mayor"], "Mayor Ana Ruiz", True),
        (["she", "Ana Ruiz"], "Mayor Ana Ruiz", True),
        (["Mr. Trump"], "Mr. Garin", False),
        (["he"], "he", True),
        (["Sheila"], "she", False),
        (["Donald Trump"], "he", False),
        (["the city council"], "the council’s spokesman", True),
        (["Trump’s campaign"], "Trump", True),
        (["they"], "the budget office", False),
        ([], "Ruiz", False),
    ],
)
def test_statement_scores_names_source(candidates: list[str], source: str, named: bool):
    assert names_source(candidates, source) is named
