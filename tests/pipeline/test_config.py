from __future__ import annotations

import pytest

from extractor.errors import ConfigError
from extractor.pipeline.config import DEFAULT_PIPELINE, add_stages, read_pipeline_config

STAGES = ("extractor_mentions", "extractor_dates", "extractor_entities", "extractor_quotes", "extractor_claims")


def test_pipeline_default_file_lists_the_default_stages():
    config = read_pipeline_config(DEFAULT_PIPELINE)
    assert config.stages == STAGES
    assert all(config.components[name]["factory"] == name for name in STAGES)


def test_pipeline_stages_are_added_in_order():
    import spacy

    nlp = add_stages(spacy.blank("en"), read_pipeline_config(DEFAULT_PIPELINE))
    assert tuple(nlp.pipe_names) == STAGES


def test_pipeline_paragraphs_go_right_before_the_parser():
    import spacy

    config = read_pipeline_config(DEFAULT_PIPELINE)
    assert config.before_parser == ("extractor_paragraphs",)
    blank = spacy.blank("en")
    blank.add_pipe("tagger")
    blank.add_pipe("parser")
    blank.add_pipe("ner")
    nlp = add_stages(blank, config)
    assert tuple(nlp.pipe_names) == ("tagger", "extractor_paragraphs", "parser", "ner", *STAGES)


def test_pipeline_overrides_apply():
    config = read_pipeline_config(DEFAULT_PIPELINE, {"reader.detect_title": False})
    assert config.reader["detect_title"] is False


def test_pipeline_none_reads_the_packaged_default():
    assert read_pipeline_config(None).source == str(DEFAULT_PIPELINE)


def test_pipeline_reader_lists_come_from_the_registry():
    from extractor.registrations import furniture_patterns_v1, section_words_v1, tail_patterns_v1

    reader = read_pipeline_config(DEFAULT_PIPELINE).reader
    assert list(reader["furniture_patterns"]) == furniture_patterns_v1()
    assert list(reader["tail_patterns"]) == tail_patterns_v1()
    assert list(reader["section_words"]) == section_words_v1()


def test_pipeline_stages_default_to_the_component_blocks(tmp_path):
    path = tmp_path / "two.cfg"
    path.write_text(
        '[components]\n[components.extractor_dates]\nfactory = "extractor_dates"\n'
        '[components.extractor_mentions]\nfactory = "extractor_mentions"\n',
        encoding="utf8",
    )
    config = read_pipeline_config(path)
    assert config.stages == ("extractor_dates", "extractor_mentions")
    assert config.max_length is None


@pytest.mark.parametrize(
    "text,code",
    [
        ('[pipeline]\nstages = ["nope"]\n', "E206"),
        ('[pipeline]\nstages = []\nbefore_parser = ["nope"]\n', "E206"),
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
