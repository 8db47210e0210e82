"""Whole runs without a statistical model (a blank pipeline): reading, errors, tables, determinism."""

from __future__ import annotations

import csv
import json

import pytest

from extractor.types import TABLES, columns


def _rows(path):
    with path.open(encoding="utf8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture()
def mixed_inputs(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(
        "Storm hits coast\n\nThe storm hit the coast on Sunday, officials said.\n", encoding="utf8"
    )
    (folder / "sub" / "b.md").write_text("# Council vote\n\nThe council voted on March 3, 2024.\n", encoding="utf8")
    (folder / "empty.txt").write_text("", encoding="utf8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    (folder / "cp1252.txt").write_bytes("\u201cQuoted,\u201d she said.\n".encode("cp1252"))
    (folder / "wire.jsonl").write_text(
        json.dumps({"id": "w1", "text": "Rain fell in Lisbon.", "date": "2024-02-12"})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "w1", "text": "A duplicate id."})
        + "\n",
        encoding="utf8",
    )
    return folder


def test_run_writes_every_table_and_error_rows(cli, tmp_path, mixed_inputs, blank_model):
    out = tmp_path / "out"
    result = cli(["run", mixed_inputs, "--model", blank_model, "--out", out, "--no-graph"])
    assert result.exit_code == 0, result.output
    for table in TABLES:
        with (out / f"{table}.csv").open(encoding="utf8", newline="") as handle:
            assert next(csv.reader(handle)) == columns(table)
    docs = {row["doc_id"]: row for row in _rows(out / "documents.csv")}
    assert set(docs) == {"a.txt", "cp1252.txt", "sub/b.md", "w1"}
    assert docs["cp1252.txt"]["encoding"] == "cp1252"
    errors = {(row["path"], row["line"]) for row in _rows(out / "errors.csv")}
    assert {("empty.txt", "0"), ("binary.txt", "0"), ("wire.jsonl", "2"), ("wire.jsonl", "3")} <= errors
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf8"))
    assert manifest["row_counts"]["documents"] == 4
    assert set(manifest["inputs"]["files"]) == {"a.txt", "cp1252.txt", "sub/b.md", "wire.jsonl"}


def test_run_twice_gives_byte_identical_tables(cli, tmp_path, mixed_inputs, blank_model):
    outs = [tmp_path / "one", tmp_path / "two"]
    for out in outs:
        assert cli(["run", mixed_inputs, "--model", blank_model, "--out", out, "--no-graph"]).exit_code == 0
    for table in TABLES:
        assert (outs[0] / f"{table}.csv").read_bytes() == (outs[1] / f"{table}.csv").read_bytes()


def test_run_strict_exits_1_on_input_errors(cli, tmp_path, mixed_inputs, blank_model):
    result = cli(["run", mixed_inputs, "--model", blank_model, "--out", tmp_path / "out", "--no-graph", "--strict"])
    assert result.exit_code == 1
    assert "input error(s) with --strict" in result.output


def test_run_exits_1_when_no_document_succeeds(cli, tmp_path, blank_model):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_text("  \n", encoding="utf8")
    result = cli(["run", folder, "--model", blank_model, "--out", tmp_path / "out", "--no-graph"])
    assert result.exit_code == 1
    assert "no document" in result.output
    assert len(_rows(tmp_path / "out" / "errors.csv")) == 1


def test_run_parquet_format(cli, tmp_path, mixed_inputs, blank_model):
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    assert (
        cli(["run", mixed_inputs, "--model", blank_model, "--out", out, "--format", "parquet", "--no-graph"]).exit_code
        == 0
    )
    assert pq.read_table(out / "documents.parquet").num_rows == 4
    assert not (out / "documents.csv").exists()


def test_run_splits_documents_longer_than_max_length(tmp_path, blank_model):
    from extractor.run import run

    paragraph = "The committee met again in Vienna and said nothing new. " * 20
    (tmp_path / "long.txt").write_text("\n\n".join([paragraph] * 30), encoding="utf8")
    import spacy

    text = (tmp_path / "long.txt").read_text(encoding="utf8")
    summary = run(
        tmp_path / "long.txt", tmp_path / "out", model=str(blank_model), overrides={"pipeline.max_length": 3000}
    )
    assert summary.documents_ok == 1
    row = _rows(tmp_path / "out" / "documents.csv")[0]
    assert row["text"] == text and int(row["n_chars"]) == len(text)
    assert int(row["n_tokens"]) == sum(not t.is_space for t in spacy.blank("en")(text))


@pytest.mark.issue(5)
def test_run_alias_file_is_loaded_and_a_bad_one_is_an_error(tmp_path, blank_model):
    """The merge itself is tested in test_corpus.py; here the run takes the file, or fails clearly."""
    from extractor.errors import ExtractorError
    from extractor.run import run

    (tmp_path / "a.txt").write_text("Nothing to see.", encoding="utf8")
    good = tmp_path / "aliases.csv"
    good.write_text("alias,canonical\nNujaba,Harakat Hezbollah al-Nujaba\n", encoding="utf8")
    assert run(tmp_path / "a.txt", tmp_path / "out", model=str(blank_model), aliases=good).documents_ok == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("name,other\nx,y\n", encoding="utf8")
    with pytest.raises(ExtractorError, match="aliases"):
        run(tmp_path / "a.txt", tmp_path / "out2", model=str(blank_model), aliases=bad)


@pytest.mark.parametrize(
    "start,end,dropped", [(0, 5, True), (8, 12, True), (12, 20, False), (3, 10, True), (10, 12, False)]
)
def test_run_rows_overlapping_furniture_are_dropped(start, end, dropped):
    from extractor.io.readers import SourceDocument
    from extractor.run import _in_furniture
    from extractor.types import DateRow

    source = SourceDocument(
        doc_id="d",
        source_path="d.txt",
        source_line=0,
        text="Share this\n\nBody text here.",
        title="",
        title_start_char=None,
        date="",
        url="",
        source="",
        encoding="utf-8",
        furniture=((0, 10),),
        body_start_char=12,
    )
    row = DateRow(
        date_id="id",
        doc_id="d",
        text="x",
        start_char=start,
        end_char=end,
        value="",
        granularity="",
        anchor="",
        method="absolute",
    )
    assert _in_furniture(row, source) is dropped


def test_run_sentence_index_counts_across_chunks(tmp_path):
    """A document split into chunks numbers its sentences as one document."""
    import spacy

    from extractor.run import run

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    model = tmp_path / "sentencizer"
    nlp.to_disk(model)
    paragraph = "It rained on March 3, 2024. At least 16 people were hurt."
    (tmp_path / "long.txt").write_text("\n\n".join([paragraph] * 40), encoding="utf8")
    run(tmp_path / "long.txt", tmp_path / "out", model=str(model), overrides={"pipeline.max_length": 500})
    claims = _rows(tmp_path / "out" / "claims.csv")
    assert [int(row["sentence_index"]) for row in claims] == list(range(1, 80, 2))
    text = _rows(tmp_path / "out" / "documents.csv")[0]["text"]
    assert all(text[int(r["start_char"]) : int(r["end_char"])] == r["text"] for r in claims)


GRAPH_OUTPUTS = ("nodes.csv", "edges.csv", "graph.graphml", "graph.gexf", "graph.json", "report.html")


@pytest.mark.parametrize("graph,written", [(True, True), (False, False)])
def test_run_writes_graph_and_report_unless_told_not_to(tmp_path, mixed_inputs, blank_model, graph, written):
    """The library's `run()` writes everything a run writes, not only the CLI."""
    from extractor.run import run

    out = tmp_path / "out"
    run(mixed_inputs, out, model=str(blank_model), graph=graph)
    assert (out / "documents.csv").exists() and (out / "manifest.json").exists()
    assert [(out / name).exists() for name in GRAPH_OUTPUTS] == [written] * len(GRAPH_OUTPUTS)


def test_run_library_and_cli_write_the_same_files(cli, tmp_path, mixed_inputs, blank_model):
    from extractor.run import run

    run(mixed_inputs, tmp_path / "lib", model=str(blank_model))
    assert cli(["run", mixed_inputs, "--model", blank_model, "--out", tmp_path / "cli"]).exit_code == 0
    names = sorted(path.name for path in (tmp_path / "lib").iterdir())
    assert names == sorted(path.name for path in (tmp_path / "cli").iterdir())
    for name in names:
        if name not in ("manifest.json", "report.html"):  # these carry the time and the folder name
            assert (tmp_path / "lib" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name


@pytest.mark.parametrize("fmt", ["xlsx", "CSV", ""])
def test_run_bad_format_fails_before_the_model_loads(tmp_path, fmt):
    """A model that does not exist is never looked for: the format is checked first."""
    from extractor.errors import Errors, OutputError
    from extractor.run import run

    (tmp_path / "a.txt").write_text("Hello.", encoding="utf8")
    with pytest.raises(OutputError) as raised:
        run(tmp_path / "a.txt", tmp_path / "out", model="xx_no_such_model", fmt=fmt)
    assert str(raised.value) == Errors.E301.format(value=fmt, allowed="csv, parquet")
    assert not (tmp_path / "out").exists()
