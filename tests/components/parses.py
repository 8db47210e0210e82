"""Hand-built parsed Docs for the stages' unit tests, in either label scheme.

spaCy's English pipelines label dependencies in one of two schemes: UD
(`en_core_web_sm` and others trained on UD) or ClearNLP (the bundled
pipeline). A test case gives its words and POS once and its tree in each
scheme, or in UD with a mapping to ClearNLP labels when both trees have one
shape; `parsed` builds the Doc the test asks for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import spacy
from spacy.tokens import Doc, Span

NLP = spacy.blank("en")
SCHEMES = ("ud", "clear")
# Written for a paragraph break in a case's words.
PARAGRAPH = "¶"
# Typeset spacing: none after an opening mark, none before punctuation, a
# closing mark or a possessive; a paragraph break has none on either side.
NO_SPACE_AFTER = {"“", "‘", "«", "\n\n"}
NO_SPACE_BEFORE = {",", ".", ":", "”", "’", "»", "'s", "\n\n"}


# Fine-grained tag -> POS, for cases that give only tags (anything else is a noun).
TAG_POS = {
    **{"NNP": "PROPN", "NN": "NOUN", "NNS": "NOUN", "DT": "DET", "IN": "ADP", "TO": "PART", "CD": "NUM"},
    **{".": "PUNCT", ",": "PUNCT", "POS": "PART", "JJ": "ADJ", "MD": "AUX", "RB": "ADV"},
    **{tag: "VERB" for tag in ("VB", "VBD", "VBZ", "VBP", "VBG", "VBN")},
}


def pos_of(tags: str) -> str:
    """The coarse tags (UPOS) that follow a case's fine-grained tags (`TAG_POS`)."""
    return " ".join(TAG_POS.get(tag, "NOUN") for tag in tags.split())


def parsed(
    words: str,
    heads: Sequence[int],
    deps: str,
    pos: str | None = None,
    *,
    tags: str | None = None,
    lemmas: Mapping[str, str] | None = None,
    ents: Sequence[tuple[int, int, str]] = (),
    relabel: Mapping[str, str] | None = None,
) -> Doc:
    """A parsed Doc from space-separated words, labels and tags.

    words (str): The tokens, space-separated; "¶" is a paragraph break.
    heads (Sequence[int]): Each token's head, as an absolute index.
    deps (str): The dependency labels.
    pos (str | None): Coarse tags (UPOS).
    tags (str | None): Fine-grained tags, where a rule reads them.
    lemmas (Mapping[str, str] | None): Lower-cased word → lemma; others are their lower case.
    ents (Sequence[tuple[int, int, str]]): Entities as (start token, end token, label).
    relabel (Mapping[str, str] | None): Label → label, to turn a UD tree into ClearNLP.
    RETURNS (Doc): The Doc, with the entities set.
    """
    tokens = ["\n\n" if word == PARAGRAPH else word for word in words.split()]
    labels = [(relabel or {}).get(label, label) for label in deps.split()]
    spaces = [w not in NO_SPACE_AFTER and nxt not in NO_SPACE_BEFORE for w, nxt in zip(tokens, tokens[1:])]
    doc = Doc(
        NLP.vocab,
        words=tokens,
        spaces=[*spaces, False],
        heads=list(heads),
        deps=labels,
        pos=pos.split() if pos else None,
        tags=tags.split() if tags else None,
        lemmas=[(lemmas or {}).get(token.lower(), token.lower()) for token in tokens],
    )
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


def tree(
    scheme: str, ud_heads: Sequence[int], ud_deps: str, clear_heads: Sequence[int] | None, clear_deps: str | None
) -> tuple[Sequence[int], str]:
    """The heads and labels of a case's tree in `scheme` ("ud" or "clear");
    a case without a ClearNLP tree has one shape in both (its UD tree, relabelled by the test)."""
    if scheme == "clear" and clear_heads and clear_deps:
        return clear_heads, clear_deps
    return ud_heads, ud_deps


def with_entities(text: str, names: Sequence[str], label: str) -> Doc:
    """An unparsed Doc of `text` with the first place of each of `names` as an entity labelled `label`."""
    doc = NLP.make_doc(text)
    doc.ents = [doc.char_span(text.index(name), text.index(name) + len(name), label=label) for name in names]
    return doc
