"""extractor_mentions: named-entity spans as MentionRows.

The model's `doc.ents` become rows with a normalized kind. Each span is trimmed
to the name itself: a leading determiner ("the United States"), a trailing
possessive ("Jordan’s") and a leading title ("President Joe Biden") are cut off,
so later stages match names, not phrasings. Trimming only moves the offsets:
the row's text is always `doc.text[start:end]`.

The kind is the label's, unless the words in and around the name settle it
(`context_kind`): "Bank of Portugal" is an organization whatever the label,
"the city of Kericho" and a dateline's "KISUMU," are places.

OntoNotes models (`en_core_web_*`) label more than names. DATE and TIME
entities are left to `extractor_dates`, which keeps every one of them, so a
date is one row of `dates` and never also a mention. NORP ("Palestinians",
"Iraqi") is the kind "group"; a group word used as an adjective of a nation's
institution opens that institution's name ("the Iraqi government" is the
organization "Iraqi government", `national_body`), and any other group
adjective ("a Danish carrier") stays a mention that `extractor_entities`
makes no actor of (`is_group_modifier`).

A small model's NER misses unfamiliar names ("Akram al-Kaabi stated …"). A
proper-noun phrase that is the subject of a reporting verb is a speaker, and
so worth a mention of its own (method "speaker") when its shape alone says
person or organization (`normalize.name_label`); otherwise it is left out.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from extractor import ids
from extractor.components.extensions import ensure_extensions, set_rows
from extractor.components.rules.cues import (
    Lexicon,
    dep_family,
    doc_cache,
    doc_text,
    has_parse,
    has_sentences,
    pos_indices,
    sentence_start_chars,
)
from extractor.components.rules.names import (
    DEFAULT_ORGANIZATION_WORDS,
    DEFAULT_TITLES,
    NAME_PARTICLES,
    has_organization_head,
    kind_of,
    name_label,
    role_before,
    title_regex,
    words_of_titles,
)
from extractor.components.rules.roles import person_apposition
from extractor.types import MentionRow

_LEADING_DET = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.I)
# A possessive 's, or a bare apostrophe after a plural ("Palestinians’"), but not
# the apostrophe inside "Shia’" — that one belongs to the name.
_TRAILING_POSS = re.compile(r"(?:\s*['\u2019\u02bc]s|(?<=s)['\u2019\u02bc])$")
_EDGE_PUNCT = ' \t\n,;:"“”()[]'
# "Islamic Resistance in Iraq (IRI)" tagged as one span: the actor stage links
# the acronym itself, so the mention keeps only the long form.
_TRAILING_ACRONYM = re.compile(r"\s*\(\s*[A-Z][A-Za-z.&]{1,9}\s*\)$")
# Small models sometimes tag a bare weekday or month as a person or place
# ("Tuesday" as LOC). These words never name an actor; month names that are
# also given names (April, May, June, August) are left alone.
_CALENDAR_WORD = re.compile(
    r"(?i)(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|july|september|october|november|december"
)

# Common nouns that make the name beside them a place: "the city of Kericho",
# "Mpumalanga province".
PLACE_NOUNS = frozenset(
    {
        "capital",
        "cities",
        "city",
        "county",
        "district",
        "island",
        "municipality",
        "port",
        "province",
        "region",
        "state",
        "suburb",
        "town",
        "towns",
        "village",
        "villages",
    }
)

# Common nouns for a nation's institutions: after a group adjective they name
# one organization ("the Iraqi government", "the Omani authorities").
NATIONAL_BODIES = frozenset(
    {
        "administration",
        "army",
        "authorities",
        "cabinet",
        "coastguard",
        "embassy",
        "forces",
        "government",
        "judiciary",
        "legislature",
        "military",
        "ministry",
        "navy",
        "parliament",
        "police",
        "presidency",
        "regime",
    }
)
# "a Danish company" is some company, not an institution's name.
_INDEFINITE = frozenset({"a", "an", "another", "any", "some"})
# Relations by which a word modifies a noun (ClearNLP and UD): a group word in
# one of them describes the noun ("Omani officials", "Liberian-flagged").
_MODIFIER_RELATIONS = frozenset({"amod", "compound", "nn", "npadvmod", "obl:npmod", "nmod:npmod"})


class MentionsComponent:
    """Store `doc.ents` as `MentionRow`s on `doc._.extractor_mentions`.

    DOCS: README.md#mentions
    """

    def __init__(
        self,
        *,
        name: str = "extractor_mentions",
        label_kinds: dict[str, str],
        titles: Iterable[str],
        speaker_cues: Iterable[str] = (),
        organization_words: Iterable[str] = (),
    ) -> None:
        """Initialize the component.

        name (str): component name in the pipeline.
        label_kinds (dict[str, str]): NER label → kind (`extractor.label_kinds.v1`).
        titles (Iterable[str]): titles to trim off names (`extractor.titles.v1`).
        speaker_cues (Iterable[str]): reporting verbs whose subjects are speakers
            (`extractor.reporting_verbs.v1`); empty turns speaker mentions off.
        organization_words (Iterable[str]): head words of organization names
            (`extractor.organization_words.v1`).
        """
        ensure_extensions()
        self.name = name
        self.label_kinds = dict(label_kinds)
        self.titles = tuple(titles)
        self.title_pattern = title_regex(self.titles)
        self.cues = Lexicon(speaker_cues)
        self.organization_words = frozenset(organization_words)

    def __call__(self, doc: Doc) -> Doc:
        """Find the mentions of `doc` and store them. RETURNS (Doc): the same doc."""
        with doc_cache(doc):
            rows = list(
                find_mentions(
                    doc,
                    label_kinds=self.label_kinds,
                    titles=self.title_pattern,
                    organization_words=self.organization_words,
                )
            )
            rows += find_speaker_mentions(
                doc,
                cues=self.cues,
                organization_words=self.organization_words,
                label_kinds=self.label_kinds,
                titles=self.titles,
            )
        self.set_annotations(doc, rows)
        return doc

    def set_annotations(self, doc: Doc, rows: list[MentionRow]) -> None:
        """Store `rows` (sorted by offset) on `doc._.extractor_mentions`."""
        set_rows(doc, "mentions", sorted(rows, key=lambda r: (r.start_char, r.end_char, r.label)))


def find_mentions(
    doc: Doc,
    *,
    label_kinds: dict[str, str] | None = None,
    titles: Iterable[str] | re.Pattern[str] | None = None,
    organization_words: Iterable[str] | None = None,
) -> Iterator[MentionRow]:
    """Yield one trimmed MentionRow per entity span of `doc`, its kind set by `context_kind`.

    doc (Doc): a document with `doc.ents`.
    label_kinds (dict[str, str] | None): label → kind; the default mapping if None.
    titles (Iterable[str] | re.Pattern[str] | None): title lexicon; the default if None.
        Titles are trimmed off people's names only ("Sultan Qaboos University" keeps its "Sultan").
    organization_words (Iterable[str] | None): head words of organization names; the default if None.
    YIELDS (MentionRow): with method "ner" and an empty entity_id.
    """
    pattern = titles if isinstance(titles, re.Pattern) else title_regex(titles or DEFAULT_TITLES)
    org_words = frozenset(DEFAULT_ORGANIZATION_WORDS if organization_words is None else organization_words)
    offset = ids.offset_of(doc)
    for ent, kind in zip(doc.ents, entity_kinds(doc, label_kinds, org_words)):
        if kind == "date":
            continue  # extractor_dates keeps it: one row in `dates`, not a second one here
        span = national_body(ent) if kind == "group" else None
        if span is not None:
            kind = "organization"
        start, end = trim_span(span or ent, pattern if kind == "person" else None)
        if start >= end or _CALENDAR_WORD.fullmatch(doc_text(doc)[start:end]):
            continue
        yield mention_row(doc, start + offset, end + offset, ent.label_, kind, "ner")


def entity_kinds(doc: Doc, label_kinds: dict[str, str] | None, organization_words: frozenset[str]) -> list[str]:
    """The kind of each of `doc.ents`: the model's, corrected by `context_kind`.

    RETURNS (list[str]): one kind per entity, in order.
    """
    ents = doc.ents  # spaCy builds the spans anew on every access
    model_kinds = [kind_of(ent.label_, label_kinds) for ent in ents]
    kinds = [context_kind(ent, kind, organization_words) for ent, kind in zip(ents, model_kinds)]
    # One sense per document: "Yiti", a place in "the villages of Yiti", and
    # "Mpumalanga" of "Mpumalanga province", are places wherever else the
    # model took them for people.
    places = {ent.text for ent, was, kind in zip(ents, model_kinds, kinds) if (was, kind) == ("person", "place")}
    places.update(ent[:-1].text for ent, kind in zip(ents, kinds) if kind == "place" and _ends_in_place_noun(ent))
    return ["place" if kind == "person" and ent.text in places else kind for ent, kind in zip(ents, kinds)]


def context_kind(span: Span, kind: str, organization_words: frozenset[str]) -> str:
    """The kind of an entity once its own words and its neighbours have had their say.

    A small model's label is a guess from a few tokens around the name; some
    words settle it: an organization word heading the name ("Bank of
    Portugal", "Highveld Clean Air Coalition"), a place noun beside it ("the
    city of Kericho", "Mpumalanga province"), or a dateline ("KISUMU, Kenya -").
    The label itself stays the model's.

    span (Span): the entity span.
    kind (str): the kind of the model's label.
    organization_words (frozenset[str]): head words of organization names.
    RETURNS (str): the corrected kind, or `kind` when nothing settles it.
    """
    words = [t.text for t in span if not (t.is_punct or t.is_space)]
    if kind in ("person", "place") and has_organization_head(words, organization_words):
        return "organization"
    if kind in ("organization", "place", "other") and person_apposition(span):
        return "person"  # "Yahya Rasool, military spokesperson for …": only a person is one
    if kind == "person" and _beside_place_noun(span):
        return "place"
    if kind != "place" and _is_dateline(span):
        return "place"
    return kind


def is_group_modifier(span: Span) -> bool:
    """Whether a group name describes a noun outside it instead of naming people.

    "Palestinians marched" names a group; in "a Danish carrier", "Omani
    officials" or "the Liberian-flagged tanker" the group word is an adjective
    of something else, and no actor of its own.

    span (Span): a group (NORP) entity span in a parsed doc.
    RETURNS (bool): True when the span's root modifies a token outside it; False without a parse.
    """
    root = span.root
    if not has_parse(span.doc) or root.head is root or span.start <= root.head.i < span.end:
        return False
    return root.dep_ in _MODIFIER_RELATIONS or dep_family(root) in ("amod", "compound")


def national_body(span: Span) -> Span | None:
    """The institution a group adjective opens: "Iraqi government", "Omani
    authorities", "Iraqi security forces"; None for anything else.

    The noun must be one of `NATIONAL_BODIES`, follow the group word with only
    its own untagged modifiers between ("security"), and not be indefinite
    ("a Danish company" is some company, not a name).

    span (Span): a group (NORP) entity span in a parsed doc.
    RETURNS (Span | None): from the group word to the noun, or None.
    """
    if not is_group_modifier(span):
        return None
    head = span.root.head
    if head.i < span.end or not ({head.lower_, head.lemma_.lower()} & NATIONAL_BODIES):
        return None
    between = span.doc[span.end : head.i]
    if any(t.head != head or dep_family(t) not in ("amod", "compound") or t.ent_type_ for t in between):
        return None
    if any(t.lower_ in _INDEFINITE for t in head.lefts if dep_family(t) == "det"):
        return None
    return span.doc[span.start : head.i + 1]


def _beside_place_noun(span: Span) -> bool:
    """ "the city of X" or "X province" (the noun in lower case, so not part of a name)."""
    doc = span.doc
    before = doc[span.start - 2 : span.start] if span.start >= 2 else None
    if before is not None and before[1].lower_ == "of" and before[0].text in PLACE_NOUNS:
        return True
    return span.end < len(doc) and doc[span.end].text in PLACE_NOUNS


def _ends_in_place_noun(span: Span) -> bool:
    return len(span) > 1 and span[-1].text in PLACE_NOUNS


def _is_dateline(span: Span) -> bool:
    """An all-capitals name opening a line, then a comma and a place: "KISUMU, Kenya -"."""
    doc = span.doc
    if len(span.text) < 2 or not span.text.isupper() or span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return False
    if kind_of(doc[span.end + 1].ent_type_) != "place":
        return False
    line_start = doc_text(doc).rfind("\n", 0, span.start_char) + 1
    return not doc_text(doc)[line_start : span.start_char].strip()


def find_speaker_mentions(
    doc: Doc,
    *,
    cues: Lexicon | Iterable[str],
    organization_words: Iterable[str] | None = None,
    label_kinds: dict[str, str] | None = None,
    titles: Iterable[str] | None = None,
) -> Iterator[MentionRow]:
    """Yield the speakers the NER missed: proper-noun subjects of reporting verbs.

    doc (Doc): a parsed document with `doc.ents`.
    cues (Lexicon | Iterable[str]): reporting verbs (`extractor.reporting_verbs.v1`).
    organization_words (Iterable[str] | None): the default lexicon if None.
    label_kinds (dict[str, str] | None): label → kind; the default mapping if None.
    titles (Iterable[str] | None): title lexicon; the default if None. Titles are
        trimmed off names, and their words never pass for a first name.
    YIELDS (MentionRow): label PERSON or ORG, method "speaker", no entity_id.
    """
    if not has_parse(doc):
        return
    lexicon = cues if isinstance(cues, Lexicon) else Lexicon(cues)
    org_words = frozenset(DEFAULT_ORGANIZATION_WORDS if organization_words is None else organization_words)
    titles = DEFAULT_TITLES if titles is None else tuple(titles)
    pattern = title_regex(titles)
    for phrase in speaker_phrases(doc, lexicon, words_of_titles(titles)):
        start, end = trim_span(phrase, pattern)
        label = _speaker_label(doc, start, end, org_words, pattern)
        if label:
            offset = ids.offset_of(doc)
            yield mention_row(doc, start + offset, end + offset, label, kind_of(label, label_kinds), "speaker")


def speaker_phrases(doc: Doc, cues: Lexicon, title_words: frozenset[str]) -> Iterator[Span]:
    """Proper-noun phrases that are the active subject of a reporting verb and
    overlap no entity of `doc.ents`.

    doc (Doc): a parsed document.
    cues (Lexicon): reporting verbs.
    title_words (frozenset[str]): words of the title lexicon (`names.words_of_titles`).
    YIELDS (Span): the phrase, untrimmed.
    """
    ents = [(ent.start, ent.end) for ent in doc.ents]
    for i in pos_indices(doc, PROPN):
        token = doc[i]
        # Only the active subject speaks: the passive subject of "was told" is the addressee.
        if dep_family(token) != "nsubj" or token.pos_ != "PROPN" or token.head is token:
            continue
        if cues.match(token.head) is None:
            continue
        pieces = name_pieces(token, title_words)
        # Any piece inside an entity ("US" in "US Central Command") makes the
        # whole name the entity's business, even where the pieces are not contiguous.
        first, last = min(pieces), max(pieces) + 1
        if not any(s < last and first < e for s, e in ents):
            yield name_phrase(token, pieces)


def name_phrase(head: Token, pieces: set[int]) -> Span:
    """The contiguous proper-noun phrase around `head`.

    head (Token): a PROPN token.
    pieces (set[int]): the name's token indices, from `name_pieces`.
    RETURNS (Span): the unbroken run of pieces that holds `head`.
    """
    start, end = head.i, head.i + 1
    # A parse error can attach a far-off token; keep only the unbroken run around the head.
    while start - 1 in pieces:
        start -= 1
    while end in pieces:
        end += 1
    return head.doc[start:end]


def name_pieces(head: Token, title_words: frozenset[str]) -> set[int]:
    """Indices of the tokens of the name around `head`: compound and flat name
    pieces, hyphen-joined parts ("al-Kaabi") and "of" chains ending in a proper
    noun ("Ministry of Defence"); no common-noun titles, appositions or clauses.

    head (Token): a PROPN token.
    title_words (frozenset[str]): words of the title lexicon (`names.words_of_titles`).
    RETURNS (set[int]): token indices, `head.i` included.
    """
    inside, frontier = {head.i}, [head]
    while frontier:
        for piece in _name_pieces(frontier.pop(), title_words):
            if piece.i not in inside:
                inside.add(piece.i)
                frontier.append(piece)
    return inside


def trim_span(span: Span, titles: re.Pattern[str] | None) -> tuple[int, int]:
    """Character offsets (relative to the doc) of a span without determiner, possessive or title.

    span (Span): an entity span.
    titles (re.Pattern[str] | None): a regex from `normalize.title_regex`; None keeps titles.
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
    titled = titles.match(text[left:right]) if titles is not None else None
    if titled is not None:
        left += titled.start("name")
    return span.start_char + left, span.start_char + right


def _name_pieces(token: Token, title_words: frozenset[str]) -> Iterator[Token]:
    """Tokens that continue the name `token` is part of; `title_words` as for `name_pieces`."""
    doc = token.doc
    for child in token.children:
        if _is_piece(child, title_words):
            yield child
        elif _of_chain(child):
            yield from (t for t in child.subtree)
    # A small parser may hang "Akram" off the verb and "al" off "Akram": a name
    # piece is joined to its head whichever of the two the subject is.
    if _is_piece(token, title_words) and token.head.pos_ == "PROPN":
        yield token.head
    for step in (-1, 1):
        yield from _hyphenated(doc, token.i, step)
        yield from _stranded(doc, token.i, step)


def _hyphenated(doc: Doc, i: int, step: int) -> list[Token]:
    """The hyphen and word joined to token `i` without spaces ("al" "-" "Kaabi"), or []."""
    j, k = i + step, i + 2 * step
    if not 0 <= k < len(doc) or doc[j].text not in ("-", "\u2010", "\u2011"):
        return []
    left, right = min(i, k), max(i, k)
    if doc[left].whitespace_ or doc[j].whitespace_ or not doc[k].is_alpha:
        return []
    return list(doc[left + 1 : right + 1]) if step > 0 else list(doc[left:right])


# Relations a confused parser gives a word it could not place.
_STRANDED_RELATIONS = frozenset({"ROOT", "parataxis", "dep", "list"})


def _stranded(doc: Doc, i: int, step: int) -> list[Token]:
    """The proper noun next to token `i` that the parser cut off and left
    childless ("Marloes" as a parataxis of the quote before "Dijkstra told
    reporters"), or []."""
    j = i + step
    if not 0 <= j < len(doc):
        return []
    token = doc[j]
    if token.pos_ != "PROPN" or token.dep_ not in _STRANDED_RELATIONS or token.n_lefts or token.n_rights:
        return []
    return [token] if doc[min(i, j)].whitespace_ == " " and token.text.istitle() else []


def _is_piece(token: Token, title_words: frozenset[str]) -> bool:
    """A compound or flat part of a name ("Joe" in "Joe Biden", "al" in "Akram al Kaabi").

    A capitalized word right before a proper noun counts even when tagged as a
    common noun, as a small model tags a first name it does not know
    ("Marloes" in "Marloes Dijkstra"), unless it is one of `title_words` ("Minister").
    """
    if dep_family(token) not in ("compound", "flat", "nn"):
        return False
    if token.pos_ == "PROPN" or token.lower_ in NAME_PARTICLES:
        return True
    head = token.head
    return token.i == head.i - 1 and head.pos_ == "PROPN" and token.is_title and token.text not in title_words


def _of_chain(token: Token) -> bool:
    """An "of" phrase ending in a proper noun: UD nmod+case, or ClearNLP prep+pobj."""
    if dep_family(token) == "nmod" and token.pos_ == "PROPN":
        return any(c.lower_ == "of" and dep_family(c) == "case" for c in token.children)
    if token.dep_ == "prep" and token.lower_ == "of":
        objects = [c for c in token.children if c.dep_ == "pobj"]
        return len(objects) == 1 and objects[0].pos_ == "PROPN"
    return False


def _speaker_label(doc: Doc, start: int, end: int, organization_words: frozenset[str], titles: re.Pattern[str]) -> str:
    """PERSON, ORG or "" for the trimmed phrase doc.text[start:end]."""
    span = doc.char_span(start, end, alignment_mode="expand")
    # A phrase that ends in a title ("Energy Minister") is a role, not a name.
    if span is None or role_before(span.text + " ", titles):
        return ""
    return name_label([t.text for t in span if not (t.is_punct or t.is_space)], organization_words)


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
        text=doc_text(doc)[local : end - ids.offset_of(doc)],
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
    if not (has_sentences(doc) or has_parse(doc)):
        return 0
    return max(0, bisect.bisect_right(sentence_start_chars(doc), char) - 1)
