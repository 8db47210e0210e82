"""extractor_entities: cluster a document's name mentions into entities.

Within one document, news style introduces a name in full and then shortens
it: "Akram al-Kaabi" … "Kaabi", "Islamic Resistance in Iraq (IRI)" … "IRI".
This stage links those forms (exact name key, person surname/partial name,
acronyms defined in parentheses or by apposition, or unambiguous initials),
collects titles and appositive roles, and writes one EntityRow per cluster.

A small model often labels a bare surname as a place or organization ("Kaabi"
as LOC). Such a mention still joins the person whose full name ends in it,
when exactly one person in the document has that surname; a defined acronym
likewise joins its long form whatever it was labelled. The joined mention
takes the entity's kind; its label stays the model's.

A group word that only describes a noun ("a Danish carrier", "Omani
officials") keeps its mention but is no entity: nobody in the text is "Danish"
(`mentions.is_group_modifier`).

Later stages (quotes) add pronoun and nominal mentions with `link_mention`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from extractor import ids
from extractor.components.extensions import by_offset, ensure_extensions, rows_of, set_rows
from extractor.components.mentions import is_group_modifier, mention_row
from extractor.components.rules.cues import doc_cache, doc_text
from extractor.components.rules.names import (
    DEFAULT_TITLES,
    acronym_key,
    initials,
    is_acronym,
    is_acronym_of,
    match_key,
    name_key,
    name_tokens,
    role_before,
    surname,
    title_regex,
)
from extractor.types import EntityRow, MentionRow

CLUSTER_KINDS = ("person", "organization", "place", "group")
# NER often hesitates between ORG, GPE and NORP for the same name ("US"), so an
# exact name match may cross these kinds; a person never merges with them.
_COLLECTIVE = frozenset({"organization", "place", "group"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
_PAREN_ACRONYM = re.compile(r"\s*\(\s*([A-Z][A-Za-z.&]{1,9})\s*\)")


@dataclass
class Cluster:
    """Mentions that name one entity, with the keys that can still join it.

    kind (str): kind of the first mention.
    mentions (list[MentionRow]): linked mentions, in text order.
    keys (set[str]): name keys and acronym keys of the cluster.
    roles (set[str]): titles and roles found around the mentions.
    """

    kind: str
    mentions: list[MentionRow] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)

    @property
    def name_mention(self) -> MentionRow:
        """The mention with the longest full name (acronyms only if nothing else)."""

        def rank(m: MentionRow) -> tuple:
            return (not is_acronym(m.text), len(name_tokens(name_key(m.text))), len(m.text), -m.start_char)

        return max(self.mentions, key=rank)

    def add(self, mention: MentionRow) -> None:
        """Link `mention` and remember its key."""
        self.mentions.append(mention)
        self.keys.add(match_key(mention.text))


class EntitiesComponent:
    """Cluster `doc._.extractor_mentions` into `doc._.extractor_entities` and set each mention's entity_id.

    DOCS: README.md#entities
    """

    def __init__(self, *, name: str = "extractor_entities", titles: Iterable[str], max_role_tokens: int = 16) -> None:
        """Initialize the component.

        name (str): component name in the pipeline.
        titles (Iterable[str]): title lexicon (`extractor.titles.v1`).
        max_role_tokens (int): longest apposition accepted as a role.
        """
        ensure_extensions()
        self.name = name
        self.titles = list(titles)
        self.max_role_tokens = max_role_tokens

    def __call__(self, doc: Doc) -> Doc:
        """Cluster the mentions of `doc` and store the results. RETURNS (Doc): the same doc."""
        with doc_cache(doc):
            clusters = cluster_mentions(doc, titles=self.titles, max_role_tokens=self.max_role_tokens)
            self.set_annotations(doc, clusters)
        return doc

    def set_annotations(self, doc: Doc, clusters: list[Cluster]) -> None:
        """Write entity ids into the mentions and the EntityRows into `doc._.extractor_entities`."""
        entities = [entity_row(doc, cluster) for cluster in clusters]
        linked = {m.mention_id: e.entity_id for c, e in zip(clusters, entities) for m in c.mentions}
        # Cluster mentions win over the stored rows: they include the acronyms
        # found here and carry the kinds repaired while clustering.
        mentions = rows_of(doc, "mentions") + [m for c in clusters for m in c.mentions]
        latest = {m.mention_id: m for m in mentions}  # a row's place is its first, its value the last
        unique = {key: _with_entity(m, linked.get(key, m.entity_id)) for key, m in latest.items()}
        set_rows(doc, "mentions", sorted(unique.values(), key=lambda r: (r.start_char, r.end_char, r.label)))
        set_rows(doc, "entities", sorted(entities, key=lambda e: (e.first_char, e.entity_id)))


def _with_entity(mention: MentionRow, entity_id: str) -> MentionRow:
    # `dataclasses.replace` costs a new row; most rows keep their id.
    return mention if mention.entity_id == entity_id else dataclasses.replace(mention, entity_id=entity_id)


def find_entities(doc: Doc, *, titles: Iterable[str] | None = None) -> Iterator[EntityRow]:
    """Yield the EntityRows of `doc` from its mentions (pure: `doc` is not changed).

    doc (Doc): a document after `extractor_mentions`.
    titles (Iterable[str] | None): title lexicon; the default if None.
    YIELDS (EntityRow): one per cluster, in order of first mention.
    """
    for cluster in cluster_mentions(doc, titles=titles):
        yield entity_row(doc, cluster)


def cluster_mentions(doc: Doc, *, titles: Iterable[str] | None = None, max_role_tokens: int = 16) -> list[Cluster]:
    """Group the name mentions of `doc` (plus acronym mentions found here) into clusters.

    doc (Doc): a document after `extractor_mentions`.
    titles (Iterable[str] | None): title lexicon; the default if None.
    max_role_tokens (int): longest apposition accepted as a role.
    RETURNS (list[Cluster]): clusters in order of first mention.
    """
    pattern = title_regex(titles or DEFAULT_TITLES)
    names = [
        m for m in rows_of(doc, "mentions") if m.kind in CLUSTER_KINDS and not m.entity_id and not _describes(doc, m)
    ]
    defined = acronym_definitions(doc, names)
    found = names + [a for a, _ in defined.values()] + acronym_uses(doc, names, defined)
    mentions = sorted({m.mention_id: m for m in found}.values(), key=by_offset)
    clusters: list[Cluster] = []
    owner: dict[str, Cluster] = {}
    acronyms = {acronym_key(a.text): long.mention_id for a, long in defined.values()}
    for mention in mentions:
        long_form = defined.get(mention.mention_id, (None, None))[1]
        cluster = owner[long_form.mention_id] if long_form else _defined_owner(mention, acronyms, owner)
        cluster = cluster or _match(mention, clusters)
        if cluster is None:
            cluster = Cluster(kind=mention.kind)
            clusters.append(cluster)
        cluster.add(_with_kind(mention, cluster.kind))
        owner[mention.mention_id] = cluster
    clusters = join_surnames(clusters)
    for cluster in clusters:
        cluster.roles |= set(find_roles(doc, cluster.mentions, pattern, max_role_tokens))
    return clusters


def _describes(doc: Doc, mention: MentionRow) -> bool:
    """Whether a group mention is an adjective of some other noun (see `is_group_modifier`)."""
    if mention.kind != "group":
        return False
    offset = ids.offset_of(doc)
    span = doc.char_span(mention.start_char - offset, mention.end_char - offset, alignment_mode="expand")
    return span is not None and is_group_modifier(span)


def acronym_definitions(doc: Doc, mentions: list[MentionRow]) -> dict[str, tuple[MentionRow, MentionRow]]:
    """Acronyms defined in parentheses right after a name: "US Central Command (CENTCOM)".

    doc (Doc): the document.
    mentions (list[MentionRow]): name mentions.
    RETURNS (dict[str, tuple[MentionRow, MentionRow]]): acronym mention id → (acronym mention, long form).
    """
    offset, found = ids.offset_of(doc), {}
    taken = {(m.start_char, m.end_char): m for m in mentions}
    for mention in mentions:
        for start, end in _acronym_after(doc, mention):
            if not is_acronym_of(doc_text(doc)[start:end], mention.text):
                continue
            start, end = start + offset, end + offset
            acronym = taken.get((start, end)) or mention_row(doc, start, end, mention.label, mention.kind, "acronym")
            found[acronym.mention_id] = (acronym, mention)
    return found


def _acronym_after(doc: Doc, mention: MentionRow) -> Iterator[tuple[int, int]]:
    """Doc-relative offsets of a candidate acronym in parentheses or in apposition."""
    start, end = mention.start_char - ids.offset_of(doc), mention.end_char - ids.offset_of(doc)
    match = _PAREN_ACRONYM.match(doc_text(doc), end)
    if match is not None:
        yield match.start(1), match.end(1)
    span = doc.char_span(start, end, alignment_mode="expand") if doc.has_annotation("DEP") else None
    if span is None:
        return
    for child in span.root.children:
        if (
            child.dep_ == "appos"
            and child.i >= span.end
            and child.n_lefts + child.n_rights == 0
            and is_acronym(child.text)
        ):
            yield child.idx, child.idx + len(child.text)


def acronym_uses(
    doc: Doc, mentions: list[MentionRow], defined: dict[str, tuple[MentionRow, MentionRow]]
) -> list[MentionRow]:
    """Later uses of a defined acronym the model did not tag ("… the IRI will not …").

    doc (Doc): the document.
    mentions (list[MentionRow]): name mentions (their spans are not re-used).
    defined (dict[str, tuple[MentionRow, MentionRow]]): from `acronym_definitions`.
    RETURNS (list[MentionRow]): new mentions with method "acronym".
    """
    offset, new = ids.offset_of(doc), []
    covered = [(m.start_char, m.end_char) for m in mentions] + [(a.start_char, a.end_char) for a, _ in defined.values()]
    for acronym, long_form in defined.values():
        for match in re.finditer(rf"(?<![\w.]){re.escape(acronym.text)}(?![\w])", doc_text(doc)):
            start, end = match.start() + offset, match.end() + offset
            if any(s < end and start < e for s, e in covered):
                continue
            covered.append((start, end))
            new.append(mention_row(doc, start, end, long_form.label, long_form.kind, "acronym"))
    return new


def _defined_owner(mention: MentionRow, acronyms: dict[str, str], owner: dict[str, Cluster]) -> Cluster | None:
    """The cluster of the long form a later use of a defined acronym belongs to,
    whatever that use was labelled: the definition is better evidence than the NER."""
    if not is_acronym(mention.text):
        return None
    long_form = acronyms.get(acronym_key(mention.text))
    return owner.get(long_form) if long_form is not None else None


def _with_kind(mention: MentionRow, kind: str) -> MentionRow:
    """`mention` with the kind of the entity it joins, when the model's label
    put it in a kind that could never merge there (a person's "Kaabi" as LOC)."""
    return mention if _compatible(kind, mention.kind) else dataclasses.replace(mention, kind=kind)


def join_surnames(clusters: list[Cluster]) -> list[Cluster]:
    """Move non-person mentions that are a person's bare surname into that person's cluster.

    Only a surname that exactly one multi-word person name in the document
    ends in counts; with two candidates ("Joe Biden", "Hunter Biden") nothing moves.

    clusters (list[Cluster]): clusters in order of first mention.
    RETURNS (list[Cluster]): the clusters, without any left empty, in order of first mention.
    """
    people = _people_by_surname(clusters)
    for cluster in clusters:
        if cluster.kind == "person":
            continue
        moving = [m for m in cluster.mentions if _bare_surname(m) in people]
        for mention in moving:
            person = people[_bare_surname(mention)]
            person.add(_with_kind(mention, person.kind))
            person.mentions.sort(key=by_offset)
        cluster.mentions = [m for m in cluster.mentions if m not in moving]
    kept = [c for c in clusters if c.mentions]
    return sorted(kept, key=lambda c: by_offset(c.mentions[0]))


def _bare_surname(mention: MentionRow) -> str:
    """The one content word of a mention ("al-Kaabi" → "kaabi"); "" for longer names and acronyms."""
    words = [] if is_acronym(mention.text) else name_tokens(name_key(mention.text))
    return words[0] if len(words) == 1 else ""


def _people_by_surname(clusters: list[Cluster]) -> dict[str, Cluster]:
    """Surname (last content word of a multi-word person name) → its only person cluster."""
    found: dict[str, list[Cluster]] = {}
    for cluster in clusters:
        key = surname(cluster.name_mention.text)
        if cluster.kind == "person" and key:
            found.setdefault(key, []).append(cluster)
    return {surname: owners[0] for surname, owners in found.items() if len(owners) == 1}


def _match(mention: MentionRow, clusters: list[Cluster]) -> Cluster | None:
    """The cluster an incoming mention joins, or None for a new entity."""
    if is_acronym(mention.text):
        found = _acronym_match(mention, clusters)
        # A person's name in capitals ("PENCE:" in a transcript) is no
        # acronym: failing one, it matches as the name it is.
        if found is not None or mention.kind != "person":
            return found
    key = name_key(mention.text)
    exact = [c for c in clusters if key in c.keys and _compatible(c.kind, mention.kind)]
    if exact:
        return exact[-1]
    if mention.kind != "person":
        return None
    # Surname or partial name: the most recently mentioned person it fits,
    # which is how a reader resolves "Biden" after "Joe Biden" … "Hunter Biden".
    partial = [c for c in clusters if c.kind == "person" and _partial(key, c)]
    return partial[-1] if partial else None


def _acronym_match(mention: MentionRow, clusters: list[Cluster]) -> Cluster | None:
    key = acronym_key(mention.text)
    exact = [c for c in clusters if key in c.keys and _compatible(c.kind, mention.kind)]
    if exact:
        return exact[-1]
    # Initials ("US" for "United States") only when exactly one name fits.
    by_initials = [c for c in clusters if _compatible(c.kind, mention.kind) and key in initials(c.name_mention.text)]
    return by_initials[0] if len(by_initials) == 1 else None


def _partial(key: str, cluster: Cluster) -> bool:
    """Whether one name's words are a subset of the other's ("kaabi" ⊂ "akram al-kaabi")."""
    words = set(name_tokens(key))
    full = set(name_tokens(name_key(cluster.name_mention.text)))
    return bool(words) and bool(full) and (words <= full or full <= words)


def _compatible(a: str, b: str) -> bool:
    return a == b or (a in _COLLECTIVE and b in _COLLECTIVE)


def find_roles(doc: Doc, mentions: list[MentionRow], titles: re.Pattern[str], max_tokens: int = 16) -> Iterator[str]:
    """Titles before the mentions, appositive roles, and a lede description of the first one.

    doc (Doc): the document (a dependency parse enables the apposition rules).
    mentions (list[MentionRow]): the mentions of one cluster, in text order.
    titles (re.Pattern[str]): a regex from `normalize.title_regex`.
    max_tokens (int): longest apposition accepted as a role.
    YIELDS (str): roles as written.
    """
    offset = ids.offset_of(doc)
    kind = mentions[0].kind
    # Titles belong to people ("Sultan Qaboos University" is no sultan), and
    # appositions of places are descriptions ("Europe's largest port"), not roles.
    for mention in mentions if kind == "person" else ():
        start = mention.start_char - offset
        title = role_before(doc_text(doc)[max(0, start - 60) : start], titles)
        if title:
            yield title
    if not doc.has_annotation("DEP") or kind not in ("person", "organization"):
        return
    for mention in mentions:
        span = doc.char_span(mention.start_char - offset, mention.end_char - offset, alignment_mode="expand")
        if span is not None:
            yield from appositive_roles(span, max_tokens)
    first = doc.char_span(mentions[0].start_char - offset, mentions[0].end_char - offset, alignment_mode="expand")
    if first is not None and mentions[0].kind == "person":
        yield from lede_role(first, titles, max_tokens)


def appositive_roles(span: Span, max_tokens: int = 16) -> Iterator[str]:
    """Roles in apposition: "Yahya Rasool, military spokesperson for …," or "the commander, X,".

    span (Span): a name mention in a parsed doc.
    max_tokens (int): longer appositions are more likely parse errors than roles.
    YIELDS (str): the role text, without a leading determiner.
    """
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end and _is_nominal(child) and not is_acronym(child.text):
            yield from _role_text(span.doc, list(child.subtree), max_tokens)
    # An acronym in apposition ("the Federation of … Workers (FPTW)") is the
    # same name again; what it hangs off is the long form, not a role.
    if root.dep_ == "appos" and root.head.i < span.start and _is_nominal(root.head) and not is_acronym(span.text):
        head = root.head
        tokens = [t for t in head.subtree if t.i < span.start and t.i >= head.left_edge.i]
        yield from _role_text(span.doc, tokens, max_tokens)


def lede_role(span: Span, titles: re.Pattern[str], max_tokens: int = 16) -> Iterator[str]:
    """A role described in the previous sentence's subject before the name is given.

    News ledes often describe before they name: "The secretary general of X has
    denounced … . Akram al-Kaabi stated …". Only accepted when the name is the
    subject of its sentence, the previous subject is a definite common noun whose
    head is a title, and no other name is in that sentence.

    span (Span): the first mention of a person, in a parsed doc.
    titles (re.Pattern[str]): a regex from `normalize.title_regex`.
    max_tokens (int): longest description accepted as a role.
    YIELDS (str): the description without its determiner.
    """
    sent = span.sent
    if span.root.dep_ not in _SUBJECTS or sent.start == 0:
        return
    previous = span.doc[sent.start - 1].sent
    if any(ent.label_ in ("PERSON", "PER") for ent in previous.ents):
        return
    for token in previous:
        if token.dep_ in _SUBJECTS and _is_title_noun(token, titles) and _is_definite(token):
            yield from _role_text(span.doc, list(token.subtree), max_tokens)


def _is_nominal(token: Token) -> bool:
    """A common noun (by POS, or by lower case when there are no tags)."""
    if token.pos_:
        return token.pos_ == "NOUN"
    return token.text[:1].islower()


def _is_title_noun(token: Token, titles: re.Pattern[str]) -> bool:
    """Whether a noun (with its compounds) is a title: "secretary general", "spokesman"."""
    words = [t.text for t in token.lefts if t.dep_ in ("compound", "amod", "flat")] + [token.text]
    phrase = " ".join(w.capitalize() for w in words[-3:])
    return _is_nominal(token) and titles.match(f"{phrase} X") is not None


def _is_definite(token: Token) -> bool:
    return any(t.dep_ == "det" and t.lower_ == "the" for t in token.lefts)


def _role_text(doc: Doc, tokens: list[Token], max_tokens: int) -> Iterator[str]:
    """The original text of a role phrase, without determiner, edge punctuation or relative clause.

    "a rice farmer who spent two nights at a church" gives "rice farmer"; a
    phrase with no noun ("behind the project") is no role.
    """
    relative = next((i for i, t in enumerate(tokens) if t.tag_ in ("WP", "WDT") or "relcl" in t.dep_), None)
    tokens = tokens[:relative] if relative is not None else tokens
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "det"):
        tokens = tokens[1:]
    # The name's own article is left at the end of a role before an apposed
    # name ("the national energy regulator, the Superintendency …").
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "det"):
        tokens = tokens[:-1]
    has_noun = any(t.pos_ in ("NOUN", "PROPN") for t in tokens)
    if tokens and has_noun and tokens[0].pos_ != "ADP" and len(tokens) <= max_tokens:
        yield doc_text(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]


def entity_row(doc: Doc, cluster: Cluster) -> EntityRow:
    """The EntityRow of a cluster: longest name, roles and aliases sorted.

    doc (Doc): the document (for its id).
    cluster (Cluster): a cluster from `cluster_mentions`.
    RETURNS (EntityRow): with n_mentions counting the cluster's mentions.
    """
    name = cluster.name_mention
    key = match_key(name.text)
    aliases = {m.text for m in cluster.mentions if match_key(m.text) != key}
    doc_id = ids.doc_id_of(doc)
    return EntityRow(
        entity_id=ids.entity_id(doc_id, name.kind, key),
        doc_id=doc_id,
        name=name.text,
        kind=name.kind,
        roles="; ".join(sorted(cluster.roles)),
        aliases="; ".join(sorted(aliases)),
        n_mentions=len(cluster.mentions),
        first_char=min(m.start_char for m in cluster.mentions),
        actor_id=ids.actor_id(name.kind, key),
    )
