from __future__ import annotations

import subprocess
import sys

import pytest
from tests.rows import quote_row

from extractor.docs import CLI_COMMANDS


def test_cli_help_does_not_import_spacy_or_pandas():
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from extractor.cli import app\n"
        "result = CliRunner().invoke(app, ['--help'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in ('spacy', 'pandas', 'thinc') if m in sys.modules))\n"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"


@pytest.mark.parametrize("args", CLI_COMMANDS)
def test_cli_every_command_has_help(cli, args):
    result = cli(list(args))
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_cli_run_missing_input_is_an_error(cli, tmp_path):
    result = cli(["run", tmp_path / "nope", "--out", tmp_path / "out"])
    assert result.exit_code == 1
    assert f"Error: [E101] Input path '{tmp_path / 'nope'}' does not exist" in result.output


def test_cli_run_unknown_model_is_an_error(cli, tmp_path):
    (tmp_path / "a.txt").write_text("Hello.", encoding="utf8")
    result = cli(["run", tmp_path / "a.txt", "--model", "xx_no_such_model", "--out", tmp_path / "out"])
    assert result.exit_code == 1
    assert "Error: [E202] Can't find model 'xx_no_such_model'" in result.output


def test_cli_run_bad_pipeline_config_is_an_error(cli, tmp_path, blank_model):
    (tmp_path / "a.txt").write_text("Hello.", encoding="utf8")
    result = cli(
        [
            "run",
            tmp_path / "a.txt",
            "--model",
            blank_model,
            "--pipeline",
            tmp_path / "missing.cfg",
            "--out",
            tmp_path / "out",
        ]
    )
    assert result.exit_code == 1
    assert "Error: [E204]" in result.output


def test_cli_run_unwritable_output_is_an_error(cli, tmp_path, blank_model):
    (tmp_path / "a.txt").write_text("Hello.", encoding="utf8")
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be", encoding="utf8")
    result = cli(["run", tmp_path / "a.txt", "--model", blank_model, "--out", blocker, "--no-graph"])
    assert result.exit_code == 1
    assert "Error: [E302]" in result.output


@pytest.mark.parametrize("value", ["novalue", "=3"])
def test_cli_bad_override_is_an_error(cli, tmp_path, value):
    result = cli(["run", tmp_path, "--set", value])
    assert result.exit_code == 1
    assert "Error: --set takes section.key=value" in result.output


@pytest.mark.parametrize(
    "args,message",
    [
        (["--reference-date", "12/02/2024"], "Error: [E118] `reference_date` = '12/02/2024' is invalid"),
        (["--set", "reader.no_such_setting=1"], "Error: [E205]"),
    ],
)
def test_cli_run_bad_settings_are_errors(cli, tmp_path, blank_model, args, message):
    (tmp_path / "a.txt").write_text("Hello.", encoding="utf8")
    result = cli(["run", tmp_path / "a.txt", "--model", blank_model, "--out", tmp_path / "out", "--no-graph", *args])
    assert result.exit_code == 1
    assert message in result.output


@pytest.mark.parametrize("args", [a for a in CLI_COMMANDS if a != ["--help"]])
def test_cli_every_command_has_an_example(args):
    import typer

    from extractor.cli import app

    command = typer.main.get_command(app)
    for name in args[:-1]:
        command = command.commands[name]
    assert "Example: " in command.help
    assert f"extractor {' '.join(args[:-1])} " in command.help.split("Example: ", 1)[1]


def test_cli_model_train_missing_data_is_a_one_line_error(cli):
    from extractor.errors import Errors

    result = cli(["model", "train", "--data", "/nonexistent"])
    assert result.exit_code == 1
    assert result.output == f"Error: {Errors.E208.format(path='/nonexistent')}\n"


# One failing call per command: each must end in one `Error: [code] …` line and exit 1.
ERROR_CASES = {
    ("run",): (["{tmp}/nope"], "E101"),
    ("diff",): (["{tmp}/nope", "{tmp}"], "E303"),
    ("graph",): (["{tmp}"], "E401"),
    ("report",): (["{tmp}"], "E401"),
    ("model", "train"): (["--data", "{tmp}/nope", "--workdir", "{tmp}/work"], "E208"),
    ("model", "evaluate"): (["--model", "xx_no_such_model"], "E202"),
    ("eval", "quotes"): (["{tmp}", "{tmp}"], "E403"),
    ("eval", "polnear"): (["{tmp}", "--split", "test"], "E405"),
}


def test_cli_error_cases_cover_every_command():
    assert set(ERROR_CASES) == {tuple(args[:-1]) for args in CLI_COMMANDS if args != ["--help"]}


@pytest.mark.parametrize("command", list(ERROR_CASES))
def test_cli_every_command_maps_library_errors(cli, tmp_path, command):
    args, code = ERROR_CASES[command]
    result = cli([*command, *(arg.format(tmp=tmp_path) for arg in args)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: [{code}] ")
    assert result.output.count("\n") == 1
    assert "Traceback" not in result.output


def test_cli_table_formats_are_the_writer_formats():
    from extractor.cli import TableFormat
    from extractor.outputs.tables import FORMATS

    assert tuple(fmt.value for fmt in TableFormat) == FORMATS


def test_cli_run_bad_format_is_rejected_before_the_model_loads(cli, tmp_path):
    (tmp_path / "a.txt").write_text("Hello.", encoding="utf8")
    out = tmp_path / "out"
    result = cli(["run", tmp_path / "a.txt", "--model", "xx_no_such_model", "--format", "xlsx", "--out", out])
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.output
    assert "'xlsx' is not one of" in result.output
    assert "E202" not in result.output
    assert not out.exists()


def _graph_tables(text):
    from extractor.types import ActorRow, DocumentRow, EntityRow, MentionRow

    document = DocumentRow(
        doc_id="a.txt",
        source_path="a.txt",
        source_line=0,
        title="",
        date="",
        url="",
        source="",
        encoding="utf-8",
        n_chars=len(text),
        n_tokens=5,
        n_sentences=1,
        body_start_char=0,
        content_sha1="0" * 40,
        text=text,
    )
    actor = ActorRow(actor_id="ana", name="Ana", kind="person", aliases="", roles="", n_documents=1, n_mentions=1)
    entity = EntityRow(
        entity_id="e1",
        doc_id="a.txt",
        name="Ana",
        kind="person",
        roles="",
        aliases="",
        n_mentions=1,
        first_char=0,
        actor_id="ana",
    )
    mention = MentionRow(
        mention_id="m1",
        doc_id="a.txt",
        text="Ana",
        start_char=0,
        end_char=3,
        label="PERSON",
        kind="person",
        entity_id="e1",
        sentence_index=0,
        method="ner",
    )
    quote = quote_row(
        "Hello.",
        text.index("Hello."),
        quote_id="q1",
        doc_id="a.txt",
        speaker_text="Ana",
        speaker_start_char=0,
        speaker_end_char=3,
        speaker_entity_id="e1",
        cue_start_char=4,
        method="dep_subject",
    )
    return {"documents": [document], "actors": [actor], "entities": [entity], "mentions": [mention], "quotes": [quote]}


def test_cli_graph_prints_a_summary(cli, tmp_path, output_folder):
    out = output_folder(tmp_path / "out", _graph_tables('Ana said "Hello."'))
    result = cli(["graph", out])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Graph: 3 nodes (actor 1, quote 1, claim 0, document 1), 2 edges (said 1, mentions 0, co_quoted 0, in 1)\n"
        f"Files in {out}/: nodes.csv, edges.csv, graph.graphml, graph.gexf, graph.json\n"
    )


FIGURES = {"test": {"ewt": {"ents_f": 0.7051}}, "ewt_gold_sentences": {"dep_uas": 0.86}, "words_per_second": 1234.0}


@pytest.mark.parametrize(
    "args,last",
    [
        (["model", "evaluate"], "Speed: 1,234 words/s (nlp.pipe, one process)"),
        (["model", "train", "--target", "m"], "Packaged pipeline in m"),
    ],
)
def test_cli_model_commands_show_the_logged_steps_and_figures(cli, monkeypatch, args, last):
    from extractor.training import workflow

    def evaluate(model, data, workdir, *, log):
        log("Evaluating stand-in")
        return FIGURES

    def train(data, configs, workdir, target, overrides, *, log):
        log("Evaluating stand-in")
        return workflow.TrainedPipeline(target, FIGURES)

    monkeypatch.setattr(workflow, "evaluate_workflow", evaluate)
    monkeypatch.setattr(workflow, "train_workflow", train)
    result = cli(args)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Evaluating stand-in"
    assert any(" ewt " in line and "0.705" in line for line in lines)
    assert "EWT test, one gold sentence at a time: UAS 0.860" in lines
    assert lines[-1] == last
