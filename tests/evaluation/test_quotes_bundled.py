"""The quote stage with the bundled pipeline must keep the issue's targets on the annotated set."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.evaluation.quotes import evaluate_quotes

GOLD = Path(__file__).resolve().parents[1] / "data" / "quotes"


@pytest.mark.slow
@pytest.mark.issue(4)
def test_quotes_eval_meets_targets_with_bundled_pipeline(bundled_nlp, tmp_path, cli):
    out = tmp_path / "out"
    result = cli(["run", GOLD / "texts", "--model", "bundled", "--out", out, "--no-graph"])
    assert result.exit_code == 0, result.output
    scores = evaluate_quotes(GOLD, out)
    assert scores.kinds["direct"].f1 >= 0.90
    assert scores.kinds["indirect"].f1 >= 0.80
    assert scores.speaker_accuracy >= 0.85
