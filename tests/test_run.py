"""Whole runs without a statistical model (a blank pipeline): reading, errors, tables, determinism."""

from __future__ import annotations

import csv
import json

import pandas.testing as pd_testing
import pytest
from spacy.language import Language

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
    from extractor.processing.documents import _in_furniture
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
        if name != "manifest.json" and (tmp_path / "lib" / name).is_file():  # the manifest carries the time
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


# Issue 14: no document is lost in silence, no text sinks an output, a folder holds one run.


@Language.component("test_run_fail_on_boom")
def _fail_on_boom(doc):
    if "BOOM" in doc.text:
        raise ValueError("boom in this document")
    return doc


class _LoseMarked:
    """A stage whose own `pipe` loses documents without raising (no error handler is called)."""

    def __call__(self, doc):
        return doc

    def pipe(self, docs, batch_size=None):
        return (doc for doc in docs if "LOST" not in doc.text)


@Language.factory("test_run_lose_marked")
def _make_lose_marked(nlp, name):
    return _LoseMarked()


class _RaiseInPipe:
    """A stage whose own `pipe` raises and calls no error handler, as spaCy's compiled components do."""

    def __call__(self, doc):
        if "CRASH" in doc.text:
            raise RuntimeError("crash in this document")
        return doc

    def pipe(self, docs, batch_size=None):
        return (self(doc) for doc in docs)


@Language.factory("test_run_raise_in_pipe")
def _make_raise_in_pipe(nlp, name):
    return _RaiseInPipe()


def _pipeline_with(tmp_path, stage):
    """The packaged pipeline with one more stage at the end."""
    from thinc.api import Config

    from extractor.pipeline.config import DEFAULT_PIPELINE

    config = Config().from_disk(DEFAULT_PIPELINE, interpolate=False)
    config["pipeline"]["stages"] = [*config["pipeline"]["stages"], stage]
    config["components"][stage] = {"factory": stage}
    path = tmp_path / f"{stage}.cfg"
    config.to_disk(path)
    return path


def _paragraphs(name, marked=None, marker="BOOM"):
    paragraphs = [f"Paragraph {i} of {name}: the council met in Lisbon on March 3, 2024." for i in range(8)]
    if marked is not None:
        paragraphs[marked] += f" {marker}"
    return "\n\n".join(paragraphs) + "\n"


def _corpus(folder, bad, marker="BOOM"):
    """a.txt, c.txt and (with `bad`) b.txt, whose fifth paragraph holds the marker."""
    folder.mkdir()
    for name in ("a", "c"):
        (folder / f"{name}.txt").write_text(_paragraphs(name), encoding="utf8")
    if bad:
        (folder / "b.txt").write_text(_paragraphs("b", marked=4, marker=marker), encoding="utf8")
    return folder


def _same_tables_but_errors(one, two):
    for table in TABLES:
        if table != "errors":
            assert (one / f"{table}.csv").read_bytes() == (two / f"{table}.csv").read_bytes(), table


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    "stage,code,reason",
    [
        ("test_run_fail_on_boom", "E210", "Stage 'test_run_fail_on_boom' failed on this document (ValueError: boom"),
        ("test_run_lose_marked", "E212", "The pipeline returned no Doc for this document"),
        (
            "test_run_raise_in_pipe",
            "E210",
            "Stage 'test_run_raise_in_pipe' failed on this document (RuntimeError: crash",
        ),
    ],
)
@pytest.mark.parametrize("max_length", [1_000_000, 150])
def test_run_document_a_stage_fails_on_is_an_error_row(tmp_path, blank_model, stage, code, reason, max_length):
    """Before: spaCy dropped the Doc and no row was written; a chunked document never completed."""
    from extractor.run import run

    marker = {"test_run_fail_on_boom": "BOOM", "test_run_lose_marked": "LOST"}.get(stage, "CRASH")
    overrides = {"pipeline.max_length": max_length}
    pipeline = _pipeline_with(tmp_path, stage)
    summary = run(
        _corpus(tmp_path / "in", bad=True, marker=marker),
        tmp_path / "out",
        model=str(blank_model),
        pipeline=pipeline,
        overrides=overrides,
        graph=False,
    )
    run(
        _corpus(tmp_path / "good", bad=False),
        tmp_path / "clean",
        model=str(blank_model),
        pipeline=pipeline,
        overrides=overrides,
        graph=False,
    )
    assert summary.documents_ok == 2
    errors = _rows(tmp_path / "out" / "errors.csv")
    assert [(row["path"], row["doc_id"], row["code"]) for row in errors] == [("b.txt", "b.txt", code)]
    assert errors[0]["reason"].startswith(reason)
    _same_tables_but_errors(tmp_path / "out", tmp_path / "clean")


@pytest.mark.issue(14)
def test_run_stage_failure_with_strict_exits_1(cli, tmp_path, blank_model):
    folder = _corpus(tmp_path / "in", bad=True)
    pipeline = _pipeline_with(tmp_path, "test_run_fail_on_boom")
    result = cli(["run", folder, "--model", blank_model, "--pipeline", pipeline, "--out", tmp_path / "out", "--strict"])
    assert result.exit_code == 1
    assert "Skipped b.txt: [E210]" in result.output and "1 input error(s) with --strict" in result.output
    assert len(_rows(tmp_path / "out" / "documents.csv")) == 2


@pytest.mark.issue(14)
@pytest.mark.parametrize("max_length", [1_000_000, 150])
def test_run_document_the_tokenizer_fails_on_is_an_error_row(tmp_path, blank_model, monkeypatch, max_length):
    import importlib

    run_module = importlib.import_module("extractor.run")
    processor = importlib.import_module("extractor.processing.documents").DocumentProcessor
    make_doc = processor._make_doc

    def failing(self, item, offset, chunk, n_chunks):
        if "BOOM" in chunk:
            raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")
        return make_doc(self, item, offset, chunk, n_chunks)

    monkeypatch.setattr(processor, "_make_doc", failing)
    overrides = {"pipeline.max_length": max_length}
    summary = run_module.run(
        _corpus(tmp_path / "in", bad=True), tmp_path / "out", model=str(blank_model), overrides=overrides, graph=False
    )
    run_module.run(
        _corpus(tmp_path / "good", bad=False),
        tmp_path / "clean",
        model=str(blank_model),
        overrides=overrides,
        graph=False,
    )
    assert summary.documents_ok == 2
    errors = _rows(tmp_path / "out" / "errors.csv")
    assert [(row["path"], row["code"]) for row in errors] == [("b.txt", "E210")]
    assert errors[0]["reason"].startswith("Stage 'tokenizer' failed on this document (UnicodeEncodeError")
    _same_tables_but_errors(tmp_path / "out", tmp_path / "clean")


@pytest.mark.issue(14)
def test_run_control_characters_do_not_sink_the_graph(tmp_path, blank_model):
    """Before: every table was written, then GraphML raised `All strings must be XML compatible`."""
    import xml.etree.ElementTree as ET

    from extractor.run import run

    folder = tmp_path / "in"
    folder.mkdir()
    body = "The storm hit the coast on Sunday, officials said. " * 12
    (folder / "a.txt").write_text(f"Storm\x1b[31m hits\x07 the\x0b coast\n\n{body}\n", encoding="utf8")
    lines = [json.dumps({"id": doc_id, "text": body}) for doc_id in ("esc\x1b[2Jid", "nul\x00id", "plain")]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf8")
    summary = run(folder, tmp_path / "out", model=str(blank_model))
    assert summary.documents_ok >= 2
    for name in GRAPH_OUTPUTS:
        assert (tmp_path / "out" / name).is_file(), name
    for name in ("graph.graphml", "graph.gexf"):
        ET.parse(tmp_path / "out" / name)
    assert "\u241b" in (tmp_path / "out" / "graph.graphml").read_text(encoding="utf8")


FORMULA_TITLE = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture()
def formula_inputs(tmp_path):
    folder = tmp_path / "formulas"
    folder.mkdir()
    body = "@SUM(1+1) was typed into the form, the clerk said on Monday."
    (folder / "a.txt").write_text(f"{FORMULA_TITLE}\n\n{body}\n", encoding="utf8")
    (folder / "b.txt").write_text("Council vote\n\n-5 degrees, +3 in the south: the council met.\n", encoding="utf8")
    return folder


@pytest.mark.issue(14)
@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_run_excel_safe_guards_every_csv_and_load_undoes_it(tmp_path, formula_inputs, blank_model, fmt):
    from extractor import load
    from extractor.run import run

    plain, safe = tmp_path / "plain", tmp_path / "safe"
    run(formula_inputs, plain, model=str(blank_model), fmt=fmt)
    run(formula_inputs, safe, model=str(blank_model), fmt=fmt, excel_safe=True)
    for folder, flag in ((plain, False), (safe, True)):
        assert json.loads((folder / "manifest.json").read_text(encoding="utf8"))["excel_safe"] is flag
    labels = {row["node_id"]: row["label"] for row in _rows(safe / "nodes.csv")}
    assert labels["doc:a.txt"] == "'" + FORMULA_TITLE  # nodes.csv is CSV even with --format parquet
    if fmt == "csv":
        documents = {row["doc_id"]: row for row in _rows(safe / "documents.csv")}
        assert documents["a.txt"]["title"] == "'" + FORMULA_TITLE
        assert documents["b.txt"]["text"] == _rows(plain / "documents.csv")[1]["text"]  # starts with a letter
    loaded_plain, loaded_safe = load(plain), load(safe)
    assert loaded_safe.documents["title"].iloc[0] == FORMULA_TITLE
    for table in TABLES:
        pd_testing.assert_frame_equal(loaded_safe[table], loaded_plain[table])
    for name in ("graph.graphml", "graph.gexf", "graph.json", "report.html"):
        assert (safe / name).read_bytes() == (plain / name).read_bytes(), name


@pytest.mark.issue(14)
def test_run_excel_safe_option_of_the_cli(cli, tmp_path, formula_inputs, blank_model):
    out = tmp_path / "out"
    assert cli(["run", formula_inputs, "--model", blank_model, "--out", out, "--excel-safe"]).exit_code == 0
    assert json.loads((out / "manifest.json").read_text(encoding="utf8"))["excel_safe"] is True
    assert _rows(out / "documents.csv")[0]["title"] == "'" + FORMULA_TITLE


@pytest.mark.issue(14)
def test_run_progress_lines_escape_terminal_control_characters(cli, tmp_path, blank_model):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\x1b[2J.txt").write_text("Storm hits coast\n\nThe storm hit the coast.\n", encoding="utf8")
    (folder / "b\x1b]0;pwned\x07.txt").write_text("", encoding="utf8")  # an error row names it too
    result = cli(["run", folder, "--model", blank_model, "--out", tmp_path / "out", "--no-graph"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "done a\\x1b[2J.txt" in result.output and "Skipped b\\x1b]0;pwned\\x07.txt" in result.output


@pytest.mark.issue(14)
def test_run_removes_what_an_earlier_run_left(tmp_path, mixed_inputs, blank_model):
    """A folder never mixes two runs: old graph files, report, `.partial` and temporaries go."""
    from extractor.outputs.folder import LOCK_FILE
    from extractor.processing.cache import CACHE_DIR
    from extractor.run import run

    out = tmp_path / "out"
    run(mixed_inputs, out, model=str(blank_model), fmt="parquet")
    for name in ("quotes.csv.partial", ".nodes.csv.4242.tmp", ".report.html.77.tmp", ".documents.parquet.9.tmp"):
        (out / name).write_text("left by a killed run", encoding="utf8")
    (out / "notes.txt").write_text("the user's own file", encoding="utf8")
    run(mixed_inputs, out, model=str(blank_model), graph=False)
    expected = {f"{table}.csv" for table in TABLES} | {"manifest.json", LOCK_FILE, CACHE_DIR, "notes.txt"}
    assert {path.name for path in out.iterdir()} == expected


@pytest.mark.issue(14)
def test_run_into_a_locked_folder_fails_before_the_model_loads(tmp_path):
    """The lock is taken first: the missing model is never looked for, the holder's files are untouched."""
    from extractor.errors import OutputError
    from extractor.outputs.folder import lock_output_folder
    from extractor.run import run

    (tmp_path / "a.txt").write_text("Hello.", encoding="utf8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "documents.csv.partial").write_text("being written", encoding="utf8")
    with lock_output_folder(out), pytest.raises(OutputError, match=r"^\[E304\] Output folder '.*out' is in use"):
        run(tmp_path / "a.txt", out, model="xx_no_such_model")
    assert (out / "documents.csv.partial").read_text(encoding="utf8") == "being written"


@pytest.mark.issue(14)
def test_run_cli_into_a_locked_folder_is_an_error_line(cli, tmp_path, mixed_inputs, blank_model):
    from extractor.outputs.folder import lock_output_folder

    out = tmp_path / "out"
    with lock_output_folder(out):
        result = cli(["run", mixed_inputs, "--model", blank_model, "--out", out])
    assert result.exit_code == 1
    assert f"Error: [E304] Output folder '{out}' is in use by another extractor run" in result.output
    assert "Traceback" not in result.output


SPLICE_TEXTS = [
    'Joe Biden said "We stand with Ukraine." Zelensky said "Thank you, Biden." Zelensky condemned the attack on Kyiv.',
    'Zelensky said "Help is coming." Biden added "We will not stop," he said, "not before Kyiv is safe."',
    'An official in Brussels said "No comment." The European Commission said it would respond on Monday.',
    'Angela Merkel told reporters "Europe stands together." Emmanuel Macron said "We agree."',
]


def _same_outputs(one, two) -> list[str]:
    from extractor.graph.columns import GRAPH_FILES

    names = [*GRAPH_FILES.values(), "report.html"]
    return [name for name in names if (one / name).read_bytes() != (two / name).read_bytes()]


@pytest.mark.slow
@pytest.mark.issue(12)
def test_run_cached_rerun_splices_the_same_graph_files_and_report(tmp_path, bundled_nlp):
    """A re-run copies unchanged documents' bytes (graph.splice): changed, removed, added, edited
    or excel-safe, the files equal those of a run without the cache."""
    from extractor.run import run

    folder, out, clean = tmp_path / "in", tmp_path / "out", tmp_path / "clean"
    folder.mkdir()
    for i, text in enumerate(SPLICE_TEXTS):
        (folder / f"d{i}.txt").write_text(f"Title {i}\n\n{text}\n", encoding="utf8")
    steps = [
        lambda: None,
        lambda: (folder / "d1.txt").write_text('Title 1\n\nBiden said "Changed."\n', encoding="utf8"),
        lambda: (folder / "d2.txt").unlink(),
        lambda: (folder / "d1b.txt").write_text(f"New\n\n{SPLICE_TEXTS[3]}\n", encoding="utf8"),
        lambda: (out / "graph.gexf").write_text("edited by hand", encoding="utf8"),
    ]
    run(folder, out, model="bundled")
    for step in steps:
        step()
        run(folder, out, model="bundled")
        run(folder, clean, model="bundled", cache=False)
        assert _same_outputs(out, clean) == []
    run(folder, out, model="bundled", excel_safe=True)
    run(folder, clean, model="bundled", cache=False, excel_safe=True)
    assert _same_outputs(out, clean) == []
