"""The `extractor_paragraphs` component: every paragraph starts a sentence.

A news article's paragraph is a unit of attribution, but a small parser
trained on single sentences runs a sentence over a paragraph break and
hangs the words of one paragraph on a verb of the next ("called Friday's
decision a “huge win.” ¶ In a statement, …" made "decision" a dependent of
the next paragraph's verb). spaCy's parser keeps the sentence starts set
before it, so this component goes before the parser and marks the first
word of each paragraph, as `rules.cues.paragraph_starts` finds them (blank
lines, or single line breaks in text that is not hard-wrapped); every other
boundary is the parser's.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc

from extractor.components.rules.cues import doc_text, paragraph_starts, token_offsets


class ParagraphsComponent:
    """Set `token.is_sent_start` on the first word of every paragraph.

    DOCS: README.md#pipelines-and-configuration
    """

    def __init__(self, *, name: str = "extractor_paragraphs") -> None:
        """Initialize the component.

        name (str): component name in the pipeline.
        """
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Mark the paragraphs of `doc`. RETURNS (Doc): the same doc."""
        for i in paragraph_first_words(doc):
            doc[i].is_sent_start = True
        return doc


def paragraph_first_words(doc: Doc) -> list[int]:
    """The token index of each paragraph's first word, after the first paragraph's.

    doc (Doc): A tokenized Doc.
    RETURNS (list[int]): Indices of tokens that are no whitespace, ascending.
    """
    # The text and offsets the later stages read too (`cues` keeps them per Doc).
    offsets = token_offsets(doc)[0]
    found: list[int] = []
    for start in paragraph_starts(doc_text(doc))[1:]:
        i = bisect.bisect_left(offsets, start)
        while i < len(doc) and doc[i].is_space:
            i += 1
        if 0 < i < len(doc) and (not found or found[-1] != i):
            found.append(i)
    return found
