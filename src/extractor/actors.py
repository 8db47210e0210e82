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


def kind_group(kind: str) -> str:
    """The group of kinds a name may be matched across. RETURNS (str): e.g. "collective"."""
    return _KIND_GROUPS.get(kind, kind)


class CorpusActors:
    """Collect per-document entities and merge them into corpus-level actors.

    DOCS: README.md#actors
    """

    def __init__(self, aliases: dict[str, str] | None = None) -> None:
        """Initialize the index.

        aliases (dict[str, str] | None): user aliases, alias → canonical name (`load_aliases`).
        """
        self.user_aliases = {match_key(a): match_key(c) for a, c in (aliases or {}).items()}
        self.user_names = {match_key(c): c for c in (aliases or {}).values()}
        self.entities: dict[str, EntityRow] = {}
        self.surface: dict[str, set[str]] = defaultdict(set)

    def add(self, entities: list[EntityRow], mentions: list[MentionRow]) -> None:
        """Add one document's entities (and its mentions, for their surface forms).

        entities (list[EntityRow]): the document's entities (chunks may repeat an entity_id).
        mentions (list[MentionRow]): the document's mentions.
        """
        for entity in entities:
            known = self.entities.get(entity.entity_id)
            self.entities[entity.entity_id] = entity if known is None else merge_entity_rows(known, entity)
        for mention in mentions:
            if mention.entity_id and mention.method in _NAME_METHODS:
                self.surface[mention.entity_id].add(mention.text)

    def finish(self) -> tuple[list[EntityRow], list[ActorRow]]:
        """Merge everything added into actors.

        RETURNS (tuple[list[EntityRow], list[ActorRow]]): entity rows with their final
            actor_id (sorted by doc_id, first_char, entity_id) and actor rows (sorted by actor_id).
        """
        links = self._alias_links()
        groups: dict[tuple[str, str], list[EntityRow]] = defaultdict(list)
        for entity in self.entities.values():
            groups[(kind_group(entity.kind), self._canonical_key(entity, links))].append(entity)
        actors, rows = [], []
        for (_, key), members in sorted(groups.items()):
            actor = self._actor_row(key, members)
            actors.append(actor)
            rows += [dataclasses.replace(e, actor_id=actor.actor_id) for e in members]
        rows.sort(key=lambda e: (e.doc_id, e.first_char, e.entity_id))
        return rows, sorted(actors, key=lambda a: a.actor_id)

    def _forms(self, entity: EntityRow) -> set[str]:
        """Every surface form of an entity: name, aliases and linked mention texts."""
        return {entity.name, *split_list(entity.aliases), *self.surface.get(entity.entity_id, ())}

    def _alias_links(self) -> dict[tuple[str, str], str]:
        """(kind group, alias key) → canonical key, for aliases that name one actor only.

        A surname or acronym linked in one document explains the same form
        elsewhere, unless two documents link it to different names ("Kaabi"
        for two people): then it stays unlinked rather than merging strangers.
        """
        seen: dict[tuple[str, str], set[str]] = defaultdict(set)
        for entity in self.entities.values():
            canonical = match_key(entity.name)
            for form in self._forms(entity):
                key = match_key(form)
                if key != canonical:
                    seen[(kind_group(entity.kind), key)].add(canonical)
        return {alias: next(iter(names)) for alias, names in seen.items() if len(names) == 1}

    def _canonical_key(self, entity: EntityRow, links: dict[tuple[str, str], str]) -> str:
        """The canonical key an entity's name resolves to (user aliases first, then links)."""
        key, group, visited = match_key(entity.name), kind_group(entity.kind), set()
        while key not in visited:
            visited.add(key)
            # A name the user maps wins over links the documents made.
            nxt = self.user_aliases.get(key) or links.get((group, key))
            if not nxt or nxt == key:
                break
            key = nxt
        return key

    def _actor_row(self, key: str, members: list[EntityRow]) -> ActorRow:
        """One ActorRow for entities that resolved to the same canonical key."""
        # The canonical name's own kind first ("United States" is a place even
        # if "US" was tagged ORG as often), then the majority over all members.
        kind = _majority_kind([e for e in members if match_key(e.name) == key] or members)
        name = _display_name(key, members, self.user_names)
        forms = {form for e in members for form in self._forms(e)}
        aliases = sorted({f for f in forms if match_key(f) != key and f != name})
        roles = sorted({role for e in members for role in split_list(e.roles)})
        return ActorRow(
            actor_id=ids.actor_id(kind, key),
            name=name,
            kind=kind,
            aliases="; ".join(aliases),
            roles="; ".join(roles),
            n_documents=len({e.doc_id for e in members}),
            n_mentions=sum(e.n_mentions for e in members),
        )


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


def _majority_kind(members: list[EntityRow]) -> str:
    counts = Counter(e.kind for e in members)
    return min(counts, key=lambda k: (-counts[k], _KIND_ORDER.index(k) if k in _KIND_ORDER else len(_KIND_ORDER), k))


def _display_name(key: str, members: list[EntityRow], user_names: dict[str, str]) -> str:
    """The longest name whose key is the canonical key; else the user's spelling; else the longest."""
    exact = [e.name for e in members if match_key(e.name) == key]
    if exact:
        return max(exact, key=lambda n: (len(n), n))
    return user_names.get(key) or max((e.name for e in members), key=lambda n: (len(n), n))


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
