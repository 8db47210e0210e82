from __future__ import annotations

import json
import shutil

import pytest

from extractor.errors import OutputError
from extractor.outputs.diff import diff_outputs, update_golden
from extractor.outputs.tables import TableWriter
from extractor.types import DateRow, ErrorRow


def _write(folder, dates, *, excel_safe=False):
    writer = TableWriter(folder, excel_safe=excel_safe)
    writer.write("dates", dates)
    writer.write("errors", [ErrorRow(path="bad.txt", line=0, doc_id="", code="E102", reason="empty")])
    writer.close()
    if excel_safe:  # as `extractor run --excel-safe` records it
        (folder / "manifest.json").write_text(json.dumps({"excel_safe": True}), encoding="utf8")
    return folder


def _date(start, value, text="Sunday"):
    return DateRow(
        date_id=f"id{start}",
        doc_id="doc",
        text=text,
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


def test_diff_reads_excel_safe_cells_as_load_does(tmp_path):
    dates = [_date(0, "2024-02-11", text="-3 days"), _date(10, "2024-02-04", text="=SUM(A1)")]
    golden = _write(tmp_path / "golden", dates)
    out = _write(tmp_path / "out", dates, excel_safe=True)
    assert (out / "dates.csv").read_bytes() != (golden / "dates.csv").read_bytes()
    assert not any(d.differs for d in diff_outputs(out, golden))
    changed = _write(tmp_path / "changed", [dates[0], _date(10, "2024-02-04", text="=SUM(A2)")], excel_safe=True)
    assert _by_table(diff_outputs(changed, golden))["dates"].changed == [("id10", ["text"])]


def test_diff_update_golden_from_an_excel_safe_run_writes_plain_cells(tmp_path):
    dates = [_date(0, "2024-02-11", text="+1 week"), _date(10, "2024-02-04", text='@noon, "then"')]
    plain = _write(tmp_path / "plain", dates)
    out = _write(tmp_path / "out", dates, excel_safe=True)
    golden = tmp_path / "golden"
    update_golden(out, golden)
    assert (golden / "dates.csv").read_bytes() == (plain / "dates.csv").read_bytes()
    assert not any(d.differs for d in diff_outputs(out, golden))
