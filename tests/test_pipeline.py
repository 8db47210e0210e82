from __future__ import annotations

import pytest

from extractor.errors import ConfigError
from extractor.pipeline import DEFAULT_PIPELINE, DEFAULT_STAGES, add_stages, read_pipeline_config


def test_pipeline_default_file_lists_the_default_stages():
    config = read_pipeline_config(DEFAULT_PIPELINE)
    assert config.stages == DEFAULT_STAGES
    assert all(config.components[name]["factory"] == name for name in DEFAULT_STAGES)


def test_pipeline_stages_are_added_in_order():
    import spacy

    nlp = add_stages(spacy.blank("en"), read_pipeline_config(DEFAULT_PIPELINE))
    assert tuple(nlp.pipe_names) == DEFAULT_STAGES


def test_pipeline_overrides_apply():
    config = read_pipeline_config(DEFAULT_PIPELINE, {"reader.detect_title": False})
    assert config.reader["detect_title"] is False


@pytest.mark.parametrize(
    "text,code",
    [
        ("[pipeline]\nstages = [\"nope\"]\n", "E206"),
        ("[pipeline\nstages = 1\n", "E205"),
        ('[pipeline]\nstages = ["x"]\n[components]\n[components.x]\nfactory = "no_such_factory"\n', "E207"),
    ],
)
def test_pipeline_bad_config_is_a_coded_error(tmp_path, text, code):
    import spacy

    path = tmp_path / "bad.cfg"
    path.write_text(text, encoding="utf8")
    with pytest.raises(ConfigError, match=code):
        add_stages(spacy.blank("en"), read_pipeline_config(path))


def test_pipeline_missing_file_is_a_coded_error(tmp_path):
    with pytest.raises(ConfigError, match="E204"):
        read_pipeline_config(tmp_path / "missing.cfg")
