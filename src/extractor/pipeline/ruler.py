"""An entity ruler that makes its phrase patterns with the tokenizer alone.

spaCy's `entity_ruler` turns each phrase pattern into a Doc by running every
component before it over the pattern (`EntityRuler.add_patterns`), because a
pattern matched on POS or LEMMA needs them. A ruler that matches on ORTH or
TEXT needs only the tokens. For the bundled pipeline's 920 place names those
components took 0.56 of the 1.03 s its load took, in every run and every
worker process. `ModelFiles.load` puts this factory in the place of such a
ruler when it loads a pipeline: the pipeline on disk stays a plain spaCy one,
and its patterns give the same Docs, so the same matches.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from spacy.pipeline import EntityRuler
from spacy.pipeline.entityruler import PatternType

RULER_FACTORY = "entity_ruler"
TOKENIZED_RULER_FACTORY = "extractor_entity_ruler"
# Phrase matcher attributes the tokenizer alone sets (None means ORTH).
TOKENIZER_ATTRS = (None, "ORTH", "TEXT")


class TokenizedEntityRuler(EntityRuler):
    """An `EntityRuler` whose phrase patterns on ORTH or TEXT are tokenized, not run through the pipeline."""

    def add_patterns(self, patterns: Iterable[PatternType]) -> None:
        """Add token and phrase patterns, as `EntityRuler.add_patterns` does.

        patterns (Iterable): The patterns to add (`from_disk` gives a generator).
        """
        patterns = list(patterns)
        if self.phrase_matcher_attr not in TOKENIZER_ATTRS:
            super().add_patterns(patterns)
            return
        phrases = [entry for entry in patterns if isinstance(entry["pattern"], str)]
        super().add_patterns([entry for entry in patterns if not isinstance(entry["pattern"], str)])
        for entry in phrases:
            doc = self.nlp.make_doc(cast(str, entry["pattern"]))
            label = cast(str, entry["label"])
            ent_id = entry.get("id")
            if ent_id:  # as the base class: a phrase pattern's empty id is no id
                ent_label = label
                label = self._create_label(label, ent_id)
                self._ent_ids[self.matcher._normalize_key(label)] = (ent_label, ent_id)
            self.phrase_patterns[label].append(doc)
            self.phrase_matcher.add(label, [doc])


def tokenized_rulers(config: Any) -> dict[str, str]:
    """Config overrides that load a pipeline's ORTH and TEXT entity rulers as `TokenizedEntityRuler`.

    config (Config): The pipeline's config (its config.cfg).
    RETURNS (dict[str, str]): Dotted config key → factory name, for `spacy.load(config=...)`.
    """
    return {
        f"components.{name}.factory": TOKENIZED_RULER_FACTORY
        for name, block in config.get("components", {}).items()
        if block.get("factory") == RULER_FACTORY and block.get("phrase_matcher_attr") in TOKENIZER_ATTRS
    }
