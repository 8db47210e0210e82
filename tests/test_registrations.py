"""The registrations golden: factories, `@misc` entries and entry points must not drift.

A config written today must mean the same tomorrow, so every factory (with its
requires, assigns and default config), every `extractor.*` registry entry and
every entry point is compared against `tests/golden/registrations.json`, as
spaCy's `test_factory_registrations.py` does. Refresh on purpose only:
`pytest tests/test_registrations.py --update-golden`, then review `git diff`.
"""

from __future__ import annotations

import json
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.util import registry

import extractor.registrations

GOLDEN = Path(__file__).resolve().parent / "golden" / "registrations.json"
GROUPS = ("spacy_factories", "spacy_misc")


def live_registrations() -> dict:
    factories = {
        name: {
            "requires": list(meta.requires),
            "assigns": list(meta.assigns),
            "default_config": meta.default_config,
        }
        for name, meta in sorted(Language._factory_meta.items())
        if name.startswith("extractor_")
    }
    misc = sorted(name for name in registry.misc.get_all() if name.startswith("extractor."))
    points = {
        group: {
            point.name: point.value
            for point in sorted(entry_points(group=group), key=lambda p: p.name)
            if point.value.startswith("extractor.")
        }
        for group in GROUPS
    }
    return {"factories": factories, "misc": misc, "entry_points": points}


def test_registrations_match_the_golden(update_golden):
    live = live_registrations()
    if update_golden:
        GOLDEN.write_text(json.dumps(live, indent=2, sort_keys=True) + "\n", encoding="utf8")
    assert live == json.loads(GOLDEN.read_text(encoding="utf8"))


@pytest.mark.parametrize("group", GROUPS)
def test_registrations_every_entry_point_loads_a_registered_function(group):
    module = vars(extractor.registrations)
    for point in entry_points(group=group):
        if point.value.startswith("extractor."):
            assert point.load() is module[point.value.split(":")[1]]


def test_registrations_every_registration_has_an_entry_point():
    live = live_registrations()
    assert sorted(live["factories"]) == sorted(live["entry_points"]["spacy_factories"])
    assert live["misc"] == sorted(live["entry_points"]["spacy_misc"])


def test_registrations_resolve_through_entry_points_alone():
    # A fresh interpreter that never imports extractor: spaCy must find the
    # factory and the lexicon it names through the entry points.
    import subprocess
    import sys

    script = "import spacy, sys\nnlp = spacy.blank('en')\nnlp.add_pipe('extractor_quotes')\nprint(nlp.pipe_names)\n"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "extractor_quotes" in result.stdout


@pytest.mark.parametrize(
    "order,problem",
    [
        (["extractor_claims", "extractor_quotes"], "doc._.extractor_quotes"),
        (["extractor_entities", "extractor_mentions"], "doc._.extractor_mentions"),
    ],
)
def test_registrations_analyze_pipes_catches_a_wrong_order(order, problem):
    import spacy

    nlp = spacy.blank("en")
    for name in order:
        nlp.add_pipe(name)
    problems = nlp.analyze_pipes()["problems"]
    assert problem in problems[order[0]]


def test_registrations_analyze_pipes_accepts_the_default_order():
    import spacy

    from extractor.pipeline.config import add_stages, read_pipeline_config

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    add_stages(nlp, read_pipeline_config())
    problems = nlp.analyze_pipes()["problems"]
    # A blank pipeline has no NER: only the mention stage lacks what it reads.
    assert {name: found for name, found in problems.items() if found} == {"extractor_mentions": ["doc.ents"]}
