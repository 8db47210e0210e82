from __future__ import annotations

import subprocess
import sys

import pytest

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
