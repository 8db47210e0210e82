"""Corpus-level actors: the same actor across documents.

Each document's `extractor_entities` stage links names within the document.
`CorpusActors` collects those entities from every document and merges them into
actors when their canonical names match, when one document's alias or
acronym link ("Islamic Resistance in Iraq (IRI)") explains another
document's name ("IRI"), or when the user's alias file says so.

An actor's id hashes its kind and normalized canonical name (`ids.actor_id`),
so reruns and larger corpora keep the same ids for the same names.
"""

from __future__ import annotations

import csv
import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extractor import ids
from extractor.components.rules.names import match_key
from extractor.errors import ExtractorError
from extractor.types import ActorRow, EntityRow, MentionRow, split_list

# NER hesitates between ORG, GPE and NORP for one name, so these kinds are
# matched together; persons and "other" only match their own kind.
_KIND_GROUPS = {"organization": "collective", "place": "collective", "group": "collective"}
# When kinds disagree, the actor takes the most frequent; ties go in this order.
_KIND_ORDER = ("person", "organization", "place", "group", "other")
# Mentions found by coreference are not names, so they are not aliases.
_NAME_METHODS = frozenset({"ner", "ruler", "acronym"})
# One entity as the corpus sees its name (`name_records`): its kind group and name key
# (`name_of`), its name, kind, roles, mentions, and every surface form, sorted.
NameRecord = tuple[str, str, str, str, list[str], int, list[str]]


def kind_group(kind: str) -> str:
    """The group of kinds a name may be matched across. RETURNS (str): e.g. "collective"."""
    return _KIND_GROUPS.get(kind, kind)


@dataclass
class _NameSummary:
    """What the corpus says about one name (a kind group and a match key).

    All a run keeps per name, whatever the number of documents: the actor
    table is built from these, and entity rows wait on disk for their ids.
    """

    best_name: str = ""
    kinds: Counter = field(default_factory=Counter)
    forms: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    n_mentions: int = 0

    def add(self, record: NameRecord) -> None:
        _, _, name, kind, roles, n_mentions, forms = record
        self.best_name = max((self.best_name, name), key=lambda n: (len(n), n))
        self.kinds[kind] += 1
        self.forms.update(forms)
        self.roles.update(roles)
        self.n_mentions += n_mentions


class CorpusActors:
    """Collect per-document entities and merge them into corpus-level actors.

    Memory is per name, not per document: `add` folds each document's
    entities into one summary per name, `resolve` merges the names into
    actors, and the entity rows get their actor ids as they stream past.

    DOCS: README.md#actors
    """

    def __init__(self, aliases: dict[str, str] | None = None) -> None:
        """Initialize the index.

        aliases (dict[str, str] | None): user aliases, alias → canonical name (`load_aliases`).
        """
        self.user_aliases = {match_key(a): match_key(c) for a, c in (aliases or {}).items()}
        self.user_names = {match_key(c): c for c in (aliases or {}).values()}
        self.names: dict[tuple[str, str], _NameSummary] = defaultdict(_NameSummary)

    def add(self, entities: list[EntityRow], mentions: list[MentionRow]) -> None:
        """Add one document's entities (and its mentions, for their surface forms).

        entities (list[EntityRow]): the document's entities.
        mentions (list[MentionRow]): the document's mentions.
        """
        self.add_names(name_records(entities, mentions))

    def add_names(self, records: Iterable[NameRecord]) -> None:
        """Add one document's entities as `name_records` gives them (a cached document keeps them so).

        records (Iterable[NameRecord]): One per entity.
        """
        for record in records:
            self.names[record[0], record[1]].add(record)

    def resolve(self) -> ActorResolution:
        """Merge every name added into actors.

        RETURNS (ActorResolution): which actor each name belongs to, and the actor rows.
        """
        links = self._alias_links()
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for group, key in self.names:
            groups[(group, self._canonical_key(group, key, links))].append(key)
        actor_of_name: dict[tuple[str, str], str] = {}
        actors: dict[str, ActorRow] = {}
        for (group, canonical), keys in sorted(groups.items()):
            keys.sort()
            actor = self._actor_row(canonical, [self.names[(group, key)] for key in keys], keys)
            actors[actor.actor_id] = actor
            actor_of_name.update({(group, key): actor.actor_id for key in keys})
        return ActorResolution(actor_of_name, actors)

    def _alias_links(self) -> dict[tuple[str, str], str]:
        """(kind group, alias key) → canonical key, for aliases that name one actor only.

        A surname or acronym linked in one document explains the same form
        elsewhere, unless two documents link it to different names ("Kaabi"
        for two people): then it stays unlinked rather than merging strangers.
        """
        seen: dict[tuple[str, str], set[str]] = defaultdict(set)
        for (group, canonical), summary in self.names.items():
            for form in summary.forms:
                key = match_key(form)
                if key != canonical:
                    seen[(group, key)].add(canonical)
        return {alias: next(iter(names)) for alias, names in seen.items() if len(names) == 1}

    def _canonical_key(self, group: str, key: str, links: dict[tuple[str, str], str]) -> str:
        """The canonical key a name's key resolves to (user aliases first, then links)."""
        visited: set[str] = set()
        while key not in visited:
            visited.add(key)
            # A name the user maps wins over links the documents made.
            nxt = self.user_aliases.get(key) or links.get((group, key))
            if not nxt or nxt == key:
                break
            key = nxt
        return key

    def _actor_row(self, key: str, members: list[_NameSummary], keys: list[str]) -> ActorRow:
        """One ActorRow for the names that resolved to the same canonical key (n_documents counted later)."""
        # The canonical name's own kind first ("United States" is a place even
        # if "US" was tagged ORG as often), then the majority over all members.
        own = [summary for summary, name_key in zip(members, keys, strict=True) if name_key == key]
        kind = _majority_kind(sum((s.kinds for s in own or members), Counter()))
        name = _display_name(key, own, members, self.user_names)
        forms = {form for summary in members for form in summary.forms}
        aliases = sorted({f for f in forms if match_key(f) != key and f != name})
        roles = sorted({role for summary in members for role in summary.roles})
        return ActorRow(
            actor_id=ids.actor_id(kind, key),
            name=name,
            kind=kind,
            aliases="; ".join(aliases),
            roles="; ".join(roles),
            n_documents=0,
            n_mentions=sum(summary.n_mentions for summary in members),
        )


@dataclass
class ActorResolution:
    """Names merged into actors: gives entity rows their actor ids as they stream past.

    actor_of_name (dict): (kind group, name key) → actor_id.
    actors (dict[str, ActorRow]): actor_id → its row (n_documents still 0).
    """

    actor_of_name: dict[tuple[str, str], str]
    actors: dict[str, ActorRow]
    documents: Counter = field(default_factory=Counter)
    # The document `assign` saw last, and the actors it counted for it.
    _doc_id: str | None = field(default=None, init=False, repr=False, compare=False)
    _seen: set[str] = field(default_factory=set, init=False, repr=False, compare=False)

    def entity_rows(self, entities: Iterable[EntityRow]) -> Iterator[EntityRow]:
        """The rows with their actor_id set, counting each actor's documents.

        entities (Iterable[EntityRow]): every entity row added, document by document.
        YIELDS (EntityRow): the same rows, in the same order, with `actor_id`.
        """
        self._doc_id = None
        for entity in entities:
            yield dataclasses.replace(entity, actor_id=self.assign(entity.doc_id, name_of(entity)))

    def assign(self, doc_id: str, name: tuple[str, str]) -> str:
        """The actor of an entity's name, counting the actor's documents.

        doc_id (str): The entity's document (entities come document by document).
        name (tuple[str, str]): The entity's `name_of`.
        RETURNS (str): The actor_id.
        """
        if doc_id != self._doc_id:
            self._doc_id, self._seen = doc_id, set()
        actor_id = self.actor_of_name[name]
        if actor_id not in self._seen:
            self._seen.add(actor_id)
            self.documents[actor_id] += 1
        return actor_id

    def actor_rows(self) -> list[ActorRow]:
        """Every actor with its document count, sorted by actor_id (after `entity_rows` ran)."""
        return [
            dataclasses.replace(actor, n_documents=self.documents[actor_id])
            for actor_id, actor in sorted(self.actors.items())
        ]


def name_records(entities: Iterable[EntityRow], mentions: Iterable[MentionRow]) -> list[NameRecord]:
    """What a document's entities tell the corpus about their names: all `CorpusActors` keeps of them.

    entities (Iterable[EntityRow]): The document's entities.
    mentions (Iterable[MentionRow]): Its mentions (those that name an entity give it surface forms).
    RETURNS (list[NameRecord]): One per entity, in order; plain values, so a cache can keep them.
    """
    surface: dict[str, set[str]] = defaultdict(set)
    for mention in naming_mentions(mentions):
        surface[mention.entity_id].add(mention.text)
    records = []
    for entity in entities:
        forms = {entity.name, *split_list(entity.aliases), *surface.get(entity.entity_id, ())}
        roles = split_list(entity.roles)
        records.append((*name_of(entity), entity.name, entity.kind, roles, entity.n_mentions, sorted(forms)))
    return records


def name_of(entity: EntityRow) -> tuple[str, str]:
    """The name an entity is merged by: its kind group and its name's match key. RETURNS (tuple[str, str])."""
    return (kind_group(entity.kind), match_key(entity.name))


def naming_mentions(mentions: Iterable[MentionRow]) -> list[MentionRow]:
    """The mentions that name an entity: the only ones whose text becomes an alias.

    mentions (Iterable[MentionRow]): A document's mentions.
    RETURNS (list[MentionRow]): Those linked to an entity and found as names (not pronouns or nominals).
    """
    return [m for m in mentions if m.entity_id and m.method in _NAME_METHODS]


def merge_entity_rows(a: EntityRow, b: EntityRow) -> EntityRow:
    """Combine two rows of one entity (a long document split into chunks).

    a (EntityRow): the row seen first.
    b (EntityRow): a row with the same entity_id.
    RETURNS (EntityRow): longest name, united roles and aliases, summed mentions.
    """
    name = max((a.name, b.name), key=lambda n: (len(n), n))
    aliases = (set(split_list(a.aliases)) | set(split_list(b.aliases)) | {a.name, b.name}) - {name}
    return dataclasses.replace(
        a,
        name=name,
        roles="; ".join(sorted(set(split_list(a.roles)) | set(split_list(b.roles)))),
        aliases="; ".join(sorted(aliases)),
        n_mentions=a.n_mentions + b.n_mentions,
        first_char=min(a.first_char, b.first_char),
    )


def _majority_kind(counts: Counter) -> str:
    return min(counts, key=lambda k: (-counts[k], _KIND_ORDER.index(k) if k in _KIND_ORDER else len(_KIND_ORDER), k))


def _display_name(key: str, own: list[_NameSummary], members: list[_NameSummary], user_names: dict[str, str]) -> str:
    """The longest name whose key is the canonical key; else the user's spelling; else the longest."""
    if own:
        return max((s.best_name for s in own), key=lambda n: (len(n), n))
    return user_names.get(key) or max((s.best_name for s in members), key=lambda n: (len(n), n))


# -- user alias files ---------------------------------------------------------

_ALLOWED = "an alias file is a CSV with columns alias,canonical or a YAML mapping alias: canonical"


def load_aliases(path: str | Path) -> dict[str, str]:
    """Read a user alias file: what only a person can know ("Nujaba" is "Harakat Hezbollah al-Nujaba").

    path (str | Path): a .csv file with header `alias,canonical`, or a .yml/.yaml
        mapping `alias: canonical` (a canonical name may also map to a list of aliases).
    RETURNS (dict[str, str]): alias → canonical name, as written.
    """
    path = Path(path)
    if not path.is_file():
        raise ExtractorError("E118", name="aliases", value=str(path), allowed=f"the file does not exist; {_ALLOWED}")
    if path.suffix.lower() in (".yml", ".yaml"):
        return _load_yaml_aliases(path)
    return _load_csv_aliases(path)


def _load_csv_aliases(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"alias", "canonical"} <= {f.strip() for f in reader.fieldnames}:
            raise ExtractorError(
                "E118", name="aliases", value=str(path), allowed=f"its header is {reader.fieldnames}; {_ALLOWED}"
            )
        rows = [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in reader]
    return {row["alias"]: row["canonical"] for row in rows if row["alias"] and row["canonical"]}


def _load_yaml_aliases(path: Path) -> dict[str, str]:
    try:
        import yaml
    except ImportError:
        raise ExtractorError(
            "E118",
            name="aliases",
            value=str(path),
            allowed="YAML alias files need PyYAML (pip install pyyaml); or use a CSV with columns alias,canonical",
        ) from None
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ExtractorError("E118", name="aliases", value=str(path), allowed=_ALLOWED)
    aliases: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, list):  # canonical: [alias, alias, …]
            aliases.update({str(alias): str(key) for alias in value})
        else:
            aliases[str(key)] = str(value)
    return aliases
