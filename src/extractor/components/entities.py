"""extractor_mentions: named-entity spans as MentionRows.

The model's `doc.ents` become rows with a normalized kind. Each span is trimmed
to the name itself: a leading determiner ("the United States"), a trailing
possessive ("Jordan’s") and a leading title ("President Joe Biden") are cut off,
so later stages match names, not phrasings. Trimming only moves the offsets:
the row's text is always `doc.text[start:end]`.
"""

from __future__ import annotations

import bisect
import re
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import ids
from ..normalize import kind_of, label_kinds_v1, title_regex, titles_v1  # noqa: F401 (registers entries)
from ..types import MentionRow
from . import ensure_extensions

_LEADING_DET = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.I)
# A possessive 's, or a bare apostrophe after a plural ("Palestinians’"), but not
# the apostrophe inside "Shia’" — that one belongs to the name.
_TRAILING_POSS = re.compile(r"(?:\s*['\u2019\u02bc]s|(?<=s)['\u2019\u02bc])$")
_EDGE_PUNCT = " \t\n,;:\"“”()[]"
# "Islamic Resistance in Iraq (IRI)" tagged as one span: the actor stage links
# the acronym itself, so the mention keeps only the long form.
_TRAILING_ACRONYM = re.compile(r"\s*\(\s*[A-Z][A-Za-z.&]{1,9}\s*\)$")
# Small models sometimes tag a bare weekday or month as a person or place
# ("Tuesday" as LOC). These words never name an actor; month names that are
# also given names (April, May, June, August) are left alone.
_CALENDAR_WORD = re.compile(
    r"(?i)(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|july|september|october|november|december"
)


@Language.factory(
    "extractor_mentions",
    assigns=["doc._.mentions"],
    default_config={
        "label_kinds": {"@misc": "extractor.label_kinds.v1"},
        "titles": {"@misc": "extractor.titles.v1"},
    },
)
def make_mentions(nlp: Language, name: str, label_kinds: dict[str, str], titles: list[str]) -> "MentionsComponent":
    """Create the mention component (see `MentionsComponent`)."""
    return MentionsComponent(name=name, label_kinds=label_kinds, titles=titles)


class MentionsComponent:
    """Store `doc.ents` as `MentionRow`s on `doc._.mentions`.

    DOCS: README.md#mentions
    """

    def __init__(self, *, name: str = "extractor_mentions", label_kinds: dict[str, str], titles: Iterable[str]) -> None:
        """Initialize the component.

        name (str): component name in the pipeline.
        label_kinds (dict[str, str]): NER label → kind (`extractor.label_kinds.v1`).
        titles (Iterable[str]): titles to trim off names (`extractor.titles.v1`).
        """
        ensure_extensions()
        self.name = name
        self.label_kinds = dict(label_kinds)
        self.titles = title_regex(titles)

    def __call__(self, doc: Doc) -> Doc:
        """Find the mentions of `doc` and store them. RETURNS (Doc): the same doc."""
        self.set_annotations(doc, list(find_mentions(doc, label_kinds=self.label_kinds, titles=self.titles)))
        return doc

    def set_annotations(self, doc: Doc, rows: list[MentionRow]) -> None:
        """Store `rows` (sorted by offset) on `doc._.mentions`."""
        doc._.mentions = sorted(rows, key=lambda r: (r.start_char, r.end_char, r.label))


def find_mentions(
    doc: Doc,
    *,
    label_kinds: dict[str, str] | None = None,
    titles: Iterable[str] | re.Pattern[str] | None = None,
) -> Iterator[MentionRow]:
    """Yield one trimmed MentionRow per entity span of `doc`.

    doc (Doc): a document with `doc.ents`.
    label_kinds (dict[str, str] | None): label → kind; the default mapping if None.
    titles (Iterable[str] | re.Pattern[str] | None): title lexicon; the default if None.
    YIELDS (MentionRow): with method "ner" and an empty entity_id.
    """
    pattern = titles if isinstance(titles, re.Pattern) else title_regex(titles or titles_v1())
    offset = ids.offset_of(doc)
    for ent in doc.ents:
        start, end = trim_span(ent, pattern)
        kind = kind_of(ent.label_, label_kinds)
        if start >= end or (kind != "date" and _CALENDAR_WORD.fullmatch(doc.text[start:end])):
            continue
        yield mention_row(doc, start + offset, end + offset, ent.label_, kind, "ner")


def trim_span(span: Span, titles: re.Pattern[str]) -> tuple[int, int]:
    """Character offsets (relative to the doc) of a span without determiner, possessive or title.

    span (Span): an entity span.
    titles (re.Pattern[str]): a regex from `normalize.title_regex`.
    RETURNS (tuple[int, int]): start and end; start >= end if nothing is left.
    """
    text = span.text
    left, right = 0, len(text)
    acronym = _TRAILING_ACRONYM.search(text)
    if acronym is not None and acronym.start() > 0:
        right = acronym.start()
    while left < right and (text[left] in _EDGE_PUNCT or text[left].isspace()):
        left += 1
    det = _LEADING_DET.match(text, left)
    if det is not None and det.end() < right:
        left = det.end()
    while right > left and (text[right - 1] in _EDGE_PUNCT or text[right - 1].isspace()):
        right -= 1
    poss = _TRAILING_POSS.search(text[left:right])
    if poss is not None and poss.start() > 0:
        right = left + poss.start()
    titled = titles.match(text[left:right])
    if titled is not None:
        left += titled.start("name")
    return span.start_char + left, span.start_char + right


def mention_row(doc: Doc, start: int, end: int, label: str, kind: str, method: str, entity_id: str = "") -> MentionRow:
    """Build a MentionRow from ABSOLUTE offsets into the document's text.

    doc (Doc): the document (for its id, offset and sentences).
    start (int): absolute start offset.
    end (int): absolute end offset.
    label (str): the label (NER label, PRON, NOUN, …).
    kind (str): normalized kind.
    method (str): how it was found (ner, acronym, pronoun, …).
    entity_id (str): the entity it belongs to, if known.
    RETURNS (MentionRow): the row; its text is the doc's text at those offsets.
    """
    local = start - ids.offset_of(doc)
    return MentionRow(
        mention_id=ids.span_id(doc, start, end, label),
        doc_id=ids.doc_id_of(doc),
        text=doc.text[local : end - ids.offset_of(doc)],
        start_char=start,
        end_char=end,
        label=label,
        kind=kind,
        entity_id=entity_id,
        sentence_index=sentence_index(doc, local),
        method=method,
    )


def sentence_index(doc: Doc, char: int) -> int:
    """0-based index of the sentence containing character `char` (relative to the doc).

    doc (Doc): the document; without sentence boundaries everything is sentence 0.
    char (int): a character offset into `doc.text`.
    RETURNS (int): the sentence number.
    """
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return 0
    starts = [sent.start_char for sent in doc.sents]
    return max(0, bisect.bisect_right(starts, char) - 1)
