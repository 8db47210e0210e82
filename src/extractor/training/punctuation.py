"""Penn tags of straight double quotes, set from the spacing the tagger cannot see.

The Penn tag set tells an opening quote (``) from a closing one (''). Typographic
marks (“ ”) carry their direction; a straight mark (") does not, and the tagger
cannot tell it from the words around it, since spaCy's token features do not
include whitespace. The spacing does: in EWT's and GUM's training trees, 1,901
of the 1,925 straight quotes tagged as quote marks open after a space (or at
the start) and close after a word. An attribute ruler after the tagger applies that, and is saved with the
pipeline, so `spacy.load` needs nothing from this package.
"""

from __future__ import annotations

from typing import Any

QUOTE = '"'


def quote_tag_patterns() -> list[dict[str, Any]]:
    """Attribute-ruler patterns: a straight quote after a space or at the start opens, after a word closes."""
    opening = {"TAG": "``"}
    closing = {"TAG": "''"}
    return [
        {"patterns": [[{"ORTH": QUOTE, "IS_SENT_START": True}]], "attrs": opening},
        {
            "patterns": [[{"SPACY": True}, {"ORTH": QUOTE}], [{"IS_SPACE": True}, {"ORTH": QUOTE}]],
            "attrs": opening,
            "index": 1,
        },
        {"patterns": [[{"SPACY": False, "IS_SPACE": False}, {"ORTH": QUOTE}]], "attrs": closing, "index": 1},
    ]


def add_quote_tag_rules(nlp: Any) -> Any:
    """Add the `quote_tags` attribute ruler right after the tagger.

    RETURNS (Language): the same pipeline.
    """
    ruler = nlp.add_pipe("attribute_ruler", name="quote_tags", after="tagger")
    ruler.add_patterns(quote_tag_patterns())
    return nlp
