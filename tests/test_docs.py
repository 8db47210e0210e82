"""The README is the user's door: its generated sections must match the code."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.docs import CLI_COMMANDS, render
from extractor.types import TABLES

README = Path(__file__).resolve().parents[1] / "README.md"


def test_docs_readme_generated_blocks_are_current():
    text = README.read_text(encoding="utf8")
    assert render(text) == text, "README is stale: run `python -m extractor.docs README.md`"


@pytest.mark.parametrize("table", list(TABLES))
def test_docs_readme_documents_every_table(table):
    assert f"#### `{table}`" in README.read_text(encoding="utf8")


@pytest.mark.parametrize("args", [a for a in CLI_COMMANDS if a != ["--help"]])
def test_docs_readme_documents_every_command(args):
    command = " ".join(a for a in args if a != "--help")
    assert f"$ extractor {command} --help" in README.read_text(encoding="utf8")
