from __future__ import annotations

import json

import pytest

from extractor.errors import ModelError
from extractor.pipeline.model import BUNDLED, bundled_path, load_model, resolve_model


def test_models_bundled_name_resolves_to_package_folder():
    if not (bundled_path() / "meta.json").exists():
        pytest.skip("the bundled pipeline is not in this checkout")
    assert resolve_model(BUNDLED) == bundled_path()


def test_models_default_is_sm_when_installed_else_bundled():
    import spacy.util

    expected = "en_core_web_sm" if spacy.util.is_package("en_core_web_sm") else bundled_path()
    if expected != "en_core_web_sm" and not (bundled_path() / "meta.json").exists():
        pytest.skip("the bundled pipeline is not in this checkout")
    assert resolve_model(None) == expected


@pytest.mark.parametrize("name", ["xx_not_a_model", "no/such/dir"])
def test_models_unknown_name_is_a_coded_error(name):
    with pytest.raises(ModelError, match="E202"):
        resolve_model(name)


def test_models_load_path_reports_meta(blank_model):
    nlp, info = load_model(str(blank_model))
    assert info.name == "en_pipeline"
    assert nlp.pipe_names == []


def test_models_bundled_meta_carries_license_sources_and_figures():
    meta_path = bundled_path() / "meta.json"
    if not meta_path.exists():
        pytest.skip("the bundled pipeline is not in this checkout")
    meta = json.loads(meta_path.read_text(encoding="utf8"))
    assert meta["license"] == "CC BY-SA 4.0"
    assert {source["name"] for source in meta["sources"]} >= {"Universal Dependencies English EWT"}
    assert 0 < meta["extractor_evaluation"]["ci_sample"]["ents_f"] <= 1
    size = sum(f.stat().st_size for f in bundled_path().rglob("*") if f.is_file())
    assert size < 30 * 1024 * 1024


def test_models_bundled_ner_has_not_regressed(bundled_nlp, shared_data, tmp_path):
    """CI guard: a broken or swapped model can't land silently."""
    from spacy.training import Example

    from extractor.training.build import docs_from
    from extractor.training.recipe import CI_SAMPLE_DOCS

    meta = bundled_nlp.meta["extractor_evaluation"]["ci_sample"]
    docs = list(docs_from(bundled_nlp.vocab, shared_data, meta["source"], "test"))[:CI_SAMPLE_DOCS]
    examples = [Example(bundled_nlp.make_doc(doc.text), doc) for doc in docs]
    score = bundled_nlp.evaluate(examples)["ents_f"]
    assert score >= meta["ents_f"] - 0.02
