"""Golden outputs: a run on seeds/ with the bundled pipeline must match tests/golden/.

Refresh only on purpose: `pytest tests/test_golden.py --update-golden`, then review `git diff`.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from extractor.outputs.diff import diff_outputs
from extractor.outputs.diff import update_golden as copy_to_golden
from extractor.types import TABLES, columns

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLDEN = ROOT / "tests" / "golden"

SPAN_TABLES = {
    "mentions": [("text", "start_char", "end_char")],
    "quotes": [("text", "start_char", "end_char"), ("speaker_text", "speaker_start_char", "speaker_end_char")],
    "claims": [("text", "start_char", "end_char"), ("source_text", "source_start_char", "source_end_char")],
    "dates": [("text", "start_char", "end_char")],
}


def _rows(path):
    with path.open(encoding="utf8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def seeds_run(tmp_path_factory, bundled_nlp, update_golden):
    from typer.testing import CliRunner

    from extractor.cli import app

    out = tmp_path_factory.mktemp("seeds_run") / "out"
    result = CliRunner().invoke(app, ["run", str(SEEDS), "--model", "bundled", "--out", str(out)])
    assert result.exit_code == 0, result.output
    if update_golden:
        copy_to_golden(out, GOLDEN)
    return out


@pytest.mark.slow
def test_golden_seeds_run_matches_goldens(seeds_run):
    differing = [d for d in diff_outputs(seeds_run, GOLDEN) if d.differs]
    assert not differing, f"outputs differ from tests/golden/ (run with --update-golden after review): {differing}"


@pytest.mark.slow
def test_golden_diff_fails_when_a_golden_row_is_edited(seeds_run, tmp_path, cli):
    golden = shutil.copytree(GOLDEN, tmp_path / "golden")
    rows = _rows(golden / "quotes.csv")
    assert rows, "the seeds must yield quotes"
    rows[0]["speaker_text"] = "Somebody Else"
    with (golden / "quotes.csv").open("w", encoding="utf8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns("quotes"), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    result = cli(["diff", seeds_run, golden])
    assert result.exit_code == 1
    assert f"quotes ~ {rows[0]['quote_id']}: speaker_text" in result.output


@pytest.mark.slow
@pytest.mark.parametrize("table", list(TABLES))
def test_golden_every_declared_table_exists_with_header(seeds_run, table):
    with (seeds_run / f"{table}.csv").open(encoding="utf8", newline="") as handle:
        assert next(csv.reader(handle)) == columns(table)


@pytest.mark.slow
@pytest.mark.parametrize("table", list(SPAN_TABLES))
def test_golden_offsets_point_into_original_text(seeds_run, table):
    texts = {row["doc_id"]: row["text"] for row in _rows(seeds_run / "documents.csv")}
    rows = _rows(seeds_run / f"{table}.csv")
    for row in rows:
        for text_col, start_col, end_col in SPAN_TABLES[table]:
            if row[start_col]:
                assert texts[row["doc_id"]][int(row[start_col]) : int(row[end_col])] == row[text_col]


@pytest.mark.slow
def test_golden_seeds_cover_the_forms_later_stages_need(seeds_run):
    quotes = _rows(seeds_run / "quotes.csv")
    assert {"direct", "indirect", "mixed"} <= {row["kind"] for row in quotes}
    kinds = {row["kind"] for row in _rows(seeds_run / "actors.csv")}
    assert {"person", "organization", "place"} <= kinds
    assert any(row["value"] for row in _rows(seeds_run / "dates.csv"))
    for graph_file in ("nodes.csv", "edges.csv", "graph.graphml", "report.html"):
        assert (seeds_run / graph_file).exists()
