"""`TokenizedEntityRuler`: the same patterns and matches as spaCy's `entity_ruler`, without running the pipeline."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import extractor.registrations  # noqa: F401  (the factory)
from extractor.pipeline.model import bundled_path, locate_model
from extractor.pipeline.ruler import TOKENIZED_RULER_FACTORY, TokenizedEntityRuler, tokenized_rulers

PATTERNS = [
    {"label": "GPE", "pattern": "New York", "id": "gazetteer"},
    {"label": "GPE", "pattern": "Lisbon", "id": ""},
    {"label": "ORG", "pattern": "Port of Rotterdam"},
    {"label": "ORG", "pattern": [{"LOWER": "green"}, {"LOWER": "progress"}], "id": "party"},
]
TEXT = "The Port of Rotterdam and green progress met in New York, then in Lisbon."
SEEN: list[str] = []


@Language.component("test_ruler_counts_docs")
def _count_docs(doc: Doc) -> Doc:
    SEEN.append(doc.text)
    return doc


def _pipeline(factory: str, attr: str | None) -> tuple[Language, object]:
    nlp = spacy.blank("en")
    nlp.add_pipe("test_ruler_counts_docs")
    ruler = nlp.add_pipe(factory, name="ruler", config={"phrase_matcher_attr": attr})
    return nlp, ruler


def _entities(nlp: Language) -> list[tuple]:
    return [(e.text, e.label_, e.ent_id_) for e in nlp(TEXT).ents]


@pytest.mark.parametrize("attr", [None, "ORTH", "TEXT"])
def test_ruler_tokenized_patterns_match_as_entity_ruler_without_running_earlier_components(attr):
    plain, plain_ruler = _pipeline("entity_ruler", attr)
    SEEN.clear()
    plain_ruler.add_patterns(PATTERNS)
    assert len(SEEN) == 3  # spaCy's ruler ran the earlier component over each phrase pattern
    ours, our_ruler = _pipeline(TOKENIZED_RULER_FACTORY, attr)
    SEEN.clear()
    our_ruler.add_patterns(PATTERNS)
    assert SEEN == []
    assert isinstance(our_ruler, TokenizedEntityRuler)
    assert our_ruler.patterns == plain_ruler.patterns
    assert our_ruler.ent_ids == plain_ruler.ent_ids
    assert _entities(ours) == _entities(plain)
    assert ("Lisbon", "GPE", "") in _entities(ours)  # an empty id is no id
    assert ("New York", "GPE", "gazetteer") in _entities(ours)


def test_ruler_other_attribute_runs_the_pipeline_as_spacy_does():
    _, ruler = _pipeline(TOKENIZED_RULER_FACTORY, "LOWER")
    SEEN.clear()
    ruler.add_patterns(PATTERNS)
    assert len(SEEN) == 3


def test_ruler_round_trips_through_disk(tmp_path):
    ours, ruler = _pipeline(TOKENIZED_RULER_FACTORY, "ORTH")
    ruler.add_patterns(PATTERNS)
    ours.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert loaded.config["components"]["ruler"]["factory"] == TOKENIZED_RULER_FACTORY
    assert _entities(loaded) == _entities(ours)


def test_ruler_overrides_name_only_rulers_the_tokenizer_serves():
    config = {
        "components": {
            "a": {"factory": "entity_ruler", "phrase_matcher_attr": "ORTH"},
            "b": {"factory": "entity_ruler", "phrase_matcher_attr": None},
            "c": {"factory": "entity_ruler", "phrase_matcher_attr": "LEMMA"},
            "d": {"factory": "span_ruler", "phrase_matcher_attr": "ORTH"},
            "e": {"factory": "ner"},
        }
    }
    assert tokenized_rulers(config) == {
        "components.a.factory": TOKENIZED_RULER_FACTORY,
        "components.b.factory": TOKENIZED_RULER_FACTORY,
    }


def test_ruler_bundled_pipeline_loads_its_place_ruler_tokenized():
    if not (bundled_path() / "meta.json").exists():
        pytest.skip("the bundled pipeline is not in this checkout")
    found = locate_model("bundled")
    nlp = found.load()
    ruler = nlp.get_pipe("place_ruler")
    assert isinstance(ruler, TokenizedEntityRuler)
    plain_nlp = spacy.load(found.folder)
    plain = plain_nlp.get_pipe("place_ruler")
    assert type(plain).__name__ == "EntityRuler"
    assert ruler.patterns == plain.patterns
    # The NER leaves "Utah" in "(R-Utah)" to the place ruler.
    text = "Chairman Rep. Jason Chaffetz (R-Utah) said the hearing would go on."

    ours = [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in nlp(text).ents]
    assert ours == [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in plain_nlp(text).ents]
    assert (text.index("Utah"), text.index("Utah") + 4, "LOC", "gazetteer") in ours
