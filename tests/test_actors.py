import json

import pytest

from extractor import ids
from extractor.actors import CorpusActors, load_aliases, merge_entity_rows, name_records
from extractor.components.rules.names import match_key
from extractor.errors import ExtractorError
from extractor.types import EntityRow, MentionRow


def entity(doc_id, name, kind="organization", aliases="", roles="", n=1, first=0):
    key = match_key(name)
    return EntityRow(
        entity_id=ids.entity_id(doc_id, kind, key),
        doc_id=doc_id,
        name=name,
        kind=kind,
        roles=roles,
        aliases=aliases,
        n_mentions=n,
        first_char=first,
        actor_id=ids.actor_id(kind, key),
    )


def mention(e, text, method="ner"):
    return MentionRow(
        mention_id="m" + text,
        doc_id=e.doc_id,
        text=text,
        start_char=0,
        end_char=len(text),
        label="ORG",
        kind=e.kind,
        entity_id=e.entity_id,
        sentence_index=0,
        method=method,
    )


def finish(index, entities=()):
    resolution = index.resolve()
    rows = list(resolution.entity_rows(entities))
    return rows, resolution.actor_rows()


def actors_of(docs, aliases=None):
    index = CorpusActors(aliases)
    merged = []
    for entities in docs:
        one_per_entity = {}
        for e in entities:  # as the run does for a document's chunks
            known = one_per_entity.get(e.entity_id)
            one_per_entity[e.entity_id] = e if known is None else merge_entity_rows(known, e)
        index.add(list(one_per_entity.values()), [])
        merged += one_per_entity.values()
    rows, actors = finish(index, merged)
    rows.sort(key=lambda e: (e.doc_id, e.first_char, e.entity_id))
    return rows, {(a.name, a.kind): (a.aliases, a.n_documents, a.n_mentions) for a in actors}


@pytest.mark.parametrize(
    "docs,expected",
    [
        # doc 1 defines the acronym, doc 2 only says "IRI"
        (
            [[entity("a", "Islamic Resistance in Iraq", aliases="IRI", n=3)], [entity("b", "IRI", n=2)]],
            {("Islamic Resistance in Iraq", "organization"): ("IRI", 2, 5)},
        ),
        # order of documents does not matter
        (
            [[entity("b", "IRI", n=2)], [entity("a", "Islamic Resistance in Iraq", aliases="IRI", n=3)]],
            {("Islamic Resistance in Iraq", "organization"): ("IRI", 2, 5)},
        ),
        # surname linked in one document explains the other
        (
            [[entity("a", "Akram al-Kaabi", "person", aliases="Kaabi", n=2)], [entity("b", "Kaabi", "person")]],
            {("Akram al-Kaabi", "person"): ("Kaabi", 2, 3)},
        ),
        # the same surname linked to two people stays unlinked
        (
            [
                [entity("a", "Joe Biden", "person", aliases="Biden")],
                [entity("b", "Hunter Biden", "person", aliases="Biden")],
                [entity("c", "Biden", "person")],
            ],
            {
                ("Joe Biden", "person"): ("Biden", 1, 1),
                ("Hunter Biden", "person"): ("Biden", 1, 1),
                ("Biden", "person"): ("", 1, 1),
            },
        ),
        # ORG and GPE for one name are one actor; a person is not
        (
            [
                [entity("a", "United States", "place", aliases="US")],
                [entity("b", "US", "organization")],
                [entity("c", "US", "person")],
            ],
            {("United States", "place"): ("US", 2, 2), ("US", "person"): ("", 1, 1)},
        ),
        # apostrophe variants are one name (and not an alias of it)
        (
            [[entity("a", "Kata’ib Hezbollah")], [entity("b", "Kata'ib Hezbollah")]],
            {("Kata’ib Hezbollah", "organization"): ("", 2, 2)},
        ),
    ],
)
def test_corpus_actor_index_links(docs, expected):
    assert actors_of(docs)[1] == expected


def test_corpus_actor_ids_are_stable():
    rows, _ = actors_of([[entity("a", "Islamic Resistance in Iraq", aliases="IRI")], [entity("b", "IRI")]])
    assert {r.actor_id for r in rows} == {ids.actor_id("organization", "islamic resistance in iraq")}
    assert [r.doc_id for r in rows] == ["a", "b"]


def test_corpus_chunks_merge_entity_rows():
    first = entity("a", "Akram al-Kaabi", "person", roles="cleric", n=2, first=5)
    second = entity("a", "Akram al-Kaabi", "person", aliases="Kaabi", roles="secretary general", n=3, first=900)
    merged = merge_entity_rows(first, second)
    assert (merged.roles, merged.aliases, merged.n_mentions, merged.first_char) == (
        "cleric; secretary general",
        "Kaabi",
        5,
        5,
    )
    rows, actors = actors_of([[first, second]])
    assert len(rows) == 1 and actors == {("Akram al-Kaabi", "person"): ("Kaabi", 1, 5)}


def test_corpus_mentions_add_surface_forms():
    e = entity("a", "Islamic Resistance in Iraq")
    index = CorpusActors()
    index.add([e], [mention(e, "IRI", "acronym"), mention(e, "he", "pronoun")])
    index.add([entity("b", "IRI")], [])
    _, actors = finish(index, [e, entity("b", "IRI")])
    assert [(a.name, a.aliases, a.n_documents) for a in actors] == [("Islamic Resistance in Iraq", "IRI", 2)]


@pytest.mark.issue(12)
@pytest.mark.parametrize("via_json", [False, True])
def test_corpus_name_records_give_the_actors_of_the_rows(via_json):
    """A cached document adds its `name_records` (kept as JSON) instead of its rows: the same actors."""
    a = [entity("a", "Islamic Resistance in Iraq", roles="group; militia", n=3), entity("a", "Joe Biden", "person")]
    b = [entity("b", "IRI", aliases="Resistance", n=2), entity("b", "Biden", "person", roles="president")]
    documents = [(a, [mention(a[0], "IRI", "acronym"), mention(a[1], "he", "pronoun")]), (b, [])]
    by_rows, by_records = CorpusActors(), CorpusActors()
    for entities, mentions in documents:
        by_rows.add(entities, mentions)
        records = name_records(entities, mentions)
        by_records.add_names(json.loads(json.dumps(records)) if via_json else records)
    assert finish(by_records, a + b) == finish(by_rows, a + b)
    assert finish(by_rows, a + b)[1][0].aliases == "IRI; Resistance"


@pytest.mark.parametrize(
    "aliases,expected",
    [
        (
            {"Nujaba": "Harakat Hezbollah al-Nujaba"},
            {("Harakat Hezbollah al-Nujaba", "organization"): ("Nujaba", 2, 2)},
        ),
        ({}, {("Harakat Hezbollah al-Nujaba", "organization"): ("", 1, 1), ("Nujaba", "organization"): ("", 1, 1)}),
    ],
)
def test_corpus_user_aliases_merge(aliases, expected):
    docs = [[entity("a", "Harakat Hezbollah al-Nujaba")], [entity("b", "Nujaba")]]
    assert actors_of(docs, aliases)[1] == expected


def test_corpus_user_alias_to_unseen_canonical():
    _, actors = actors_of([[entity("a", "Nujaba")]], {"Nujaba": "Harakat Hezbollah al-Nujaba"})
    assert actors == {("Harakat Hezbollah al-Nujaba", "organization"): ("Nujaba", 1, 1)}


def test_corpus_output_is_deterministic():
    docs = [
        [entity("a", "Joe Biden", "person", aliases="Biden"), entity("a", "Iraq", "place", first=9)],
        [entity("b", "IRI")],
    ]
    assert actors_of(docs) == actors_of(list(reversed(docs)))
    _, actors = finish(CorpusActors())
    assert actors == []


@pytest.mark.parametrize(
    "content,expected",
    [
        (
            "alias,canonical\nNujaba,Harakat Hezbollah al-Nujaba\nIRI , Islamic Resistance in Iraq\n",
            {"Nujaba": "Harakat Hezbollah al-Nujaba", "IRI": "Islamic Resistance in Iraq"},
        ),
        ("\ufeffalias,canonical\n,empty\n", {}),
    ],
)
def test_corpus_load_aliases_csv(tmp_path, content, expected):
    path = tmp_path / "aliases.csv"
    path.write_text(content, encoding="utf-8")
    assert load_aliases(path) == expected


@pytest.mark.parametrize("name,content", [("bad.csv", "name,other\nx,y\n"), ("missing.csv", None)])
def test_corpus_load_aliases_errors(tmp_path, name, content):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ExtractorError, match="E118"):
        load_aliases(path)


def test_corpus_load_aliases_yaml(tmp_path):
    path = tmp_path / "aliases.yml"
    path.write_text(
        "Nujaba: Harakat Hezbollah al-Nujaba\nIslamic Resistance in Iraq: [IRI, the Islamic Resistance]\n",
        encoding="utf-8",
    )
    try:
        import yaml  # noqa: F401
    except ImportError:
        with pytest.raises(ExtractorError, match="PyYAML"):
            load_aliases(path)
        return
    assert load_aliases(path) == {
        "Nujaba": "Harakat Hezbollah al-Nujaba",
        "IRI": "Islamic Resistance in Iraq",
        "the Islamic Resistance": "Islamic Resistance in Iraq",
    }
