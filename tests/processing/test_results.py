"""DocumentResult's codec: what workers return and the cache keeps decodes to equal rows."""

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.rows import quote_row

from extractor.actors import name_records
from extractor.outputs.cells import csv_cell
from extractor.outputs.tables import csv_line, csv_text
from extractor.processing.results import DocumentResult, decode_result, entity_lines, written_form
from extractor.types import DateRow, EntityRow, ErrorRow, QuoteRow, row_from_values, row_values

text = st.text()  # any code point, lone surrogates included


def quote(body: str, speaker_start: int | None) -> QuoteRow:
    return quote_row(body, 3, quote_id="q1", doc_id="d", speaker_start_char=speaker_start, method="dep_subject")


@given(body=text, speaker_start=st.one_of(st.none(), st.integers(0, 10**12)), reason=text)
def test_results_codec_round_trip(body, speaker_start, reason):
    error = ErrorRow(path="p", line=0, doc_id="d", code="E210", reason=reason)
    result = DocumentResult(doc_id="d", rows={"quotes": [quote(body, speaker_start)], "errors": [error]})
    decoded = decode_result(written_form(result).payload, cached=True)
    assert decoded.rows["errors"] == result.rows["errors"]
    assert decoded.written["quotes"] == (1, csv_text(result.rows["quotes"]))
    assert decoded.cached and not result.cached


@pytest.mark.parametrize(
    "table,row",
    [
        (
            "dates",
            DateRow(
                date_id="x",
                doc_id="d",
                text="Monday",
                start_char=0,
                end_char=6,
                value="",
                granularity="",
                anchor="",
                method="unresolved",
            ),
        )
    ],
)
def test_results_row_values_in_column_order(table, row):
    assert row_from_values(table, row_values(row)) == row
    assert row_values(row)[:3] == ("x", "d", "Monday")


def test_results_error_result_has_no_document():
    result = DocumentResult(doc_id="", rows={"errors": [ErrorRow(path="a", line=1, doc_id="", code="E1", reason="r")]})
    assert result.document is None and result.words == 0 and result.chars == 0


@pytest.mark.issue(12)
@pytest.mark.parametrize("tables", [(), ("quotes",), ("quotes", "dates")])
def test_results_codec_keeps_written_tables_apart_from_the_rows(tables):
    """The CSV text follows the rows' JSON as UTF-8: any number of tables, and text with newlines and quotes."""
    rows = {"quotes": [quote('He said "no".\nThen "yes" — ☃', 3)], "dates": []}
    result = DocumentResult(doc_id="d", rows={table: rows[table] for table in tables})
    decoded = decode_result(written_form(result).payload)
    assert decoded.written == {table: (len(rows[table]), csv_text(rows[table])) for table in tables}
    assert decoded.rows == {}


def _entity(name: str, **fields) -> EntityRow:
    values = {"entity_id": f"e-{name}", "doc_id": "d", "name": name, "kind": "person", "roles": "", "aliases": ""}
    return EntityRow(**{**values, "n_mentions": 1, "first_char": 0, "actor_id": "", **fields})


@pytest.mark.issue(12)
@pytest.mark.parametrize("excel_safe", [False, True])
@pytest.mark.parametrize("names", [[], ["Ana Ferreira"], ["=SUM(A1)", 'The "Quoted", Inc.\nLtd', "Ana Ferreira"]])
def test_results_entity_lines_are_kept_and_give_the_table_text(names, excel_safe):
    """A cached result keeps its entities as the run's spill lines; with the actor id's cell added
    (as `run._RunState.finish` adds it) each is the entities table's line for the row."""
    rows = [_entity(name, kind="organization" if "Inc" in name else "person") for name in names]
    decoded = decode_result(
        written_form(DocumentResult(doc_id="d", rows={"entities": rows}), excel_safe=excel_safe).payload
    )
    lines = entity_lines(rows, excel_safe=excel_safe)
    assert decoded.written["entities"] == (len(rows), lines)
    assert decoded.rows == {} and decoded.names == json.loads(json.dumps(name_records(rows, [])))
    for row, line in zip(rows, lines.splitlines(), strict=True):
        doc_id, group, key, head = json.loads(line)
        assert (doc_id, group) == ("d", "collective" if row.kind == "organization" else "person")
        actor = "=actor" if excel_safe else "a1"
        cell = csv_line([csv_cell(actor, excel_safe=excel_safe), ""])[:-2]  # as the run appends it
        assert head + cell + "\n" == csv_text([dataclasses.replace(row, actor_id=actor)], excel_safe=excel_safe)
