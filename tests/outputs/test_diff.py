from __future__ import annotations

import shutil

import pytest

from extractor.errors import OutputError
from extractor.outputs.diff import diff_outputs, update_golden
from extractor.outputs.tables import TableWriter
from extractor.types import DateRow, ErrorRow


def _write(folder, dates):
    writer = TableWriter(folder)
    writer.write("dates", dates)
    writer.write("errors", [ErrorRow(path="bad.txt", line=0, doc_id="", code="E102", reason="empty")])
    writer.close()
    return folder


def _date(start, value):
    return DateRow(
        date_id=f"id{start}",
        doc_id="doc",
        text="Sunday",
        start_char=start,
        end_char=start + 6,
        value=value,
        granularity="day",
        anchor="2024-02-12",
        method="weekday",
    )


@pytest.fixture()
def golden(tmp_path):
    return _write(tmp_path / "golden", [_date(0, "2024-02-11"), _date(10, "2024-02-04")])


def _by_table(diffs):
    return {d.table: d for d in diffs}


def test_diff_identical_folders_do_not_differ(tmp_path, golden):
    out = shutil.copytree(golden, tmp_path / "out")
    assert not any(d.differs for d in diff_outputs(out, golden))


def test_diff_reports_added_removed_and_changed_rows(tmp_path, golden):
    out = _write(tmp_path / "out", [_date(0, "2024-02-18"), _date(20, "2024-02-01")])
    dates = _by_table(diff_outputs(out, golden))["dates"]
    assert dates.added == ["id20"]
    assert dates.removed == ["id10"]
    assert dates.changed == [("id0", ["value"])]
    assert not _by_table(diff_outputs(out, golden))["errors"].differs


def test_diff_missing_table_is_a_difference(tmp_path, golden):
    out = shutil.copytree(golden, tmp_path / "out")
    (out / "quotes.csv").unlink()
    assert _by_table(diff_outputs(out, golden))["quotes"].note == "missing in the output folder"


def test_diff_missing_folder_is_an_error(tmp_path, golden):
    with pytest.raises(OutputError, match="E303"):
        diff_outputs(tmp_path / "nope", golden)


def test_diff_update_golden_copies_tables(tmp_path, golden):
    out = _write(tmp_path / "out", [_date(5, "2024-01-01")])
    update_golden(out, golden)
    assert not any(d.differs for d in diff_outputs(out, golden))


def test_diff_cli_exit_codes(tmp_path, golden, cli):
    out = shutil.copytree(golden, tmp_path / "out")
    assert cli(["diff", out, golden]).exit_code == 0
    text = (out / "dates.csv").read_text(encoding="utf8").replace("2024-02-04", "2024-02-05")
    (out / "dates.csv").write_text(text, encoding="utf8")
    result = cli(["diff", out, golden])
    assert result.exit_code == 1
    assert "dates ~ id10: value" in result.output


def test_diff_column_order_change_is_a_difference(tmp_path, golden):
    out = shutil.copytree(golden, tmp_path / "out")
    lines = (out / "errors.csv").read_text(encoding="utf8").splitlines()
    swapped = [",".join([cells[1], cells[0], *cells[2:]]) for cells in (line.split(",") for line in lines)]
    (out / "errors.csv").write_text("\n".join(swapped) + "\n", encoding="utf8")
    assert _by_table(diff_outputs(out, golden))["errors"].note == "column order differs"
