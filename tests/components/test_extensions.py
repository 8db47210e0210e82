"""What the stages write on a Doc serializes, under names no user's extension clashes with.

Built on the bundled pipeline with the default stages (as a run builds it):
`DocBin(store_user_data=True)`, `Doc.to_bytes()` and `nlp.pipe(n_process=2)`
must carry every table's rows, and `rows_of` must give the same typed rows back.
"""

from __future__ import annotations

import functools

import pytest
import srsly
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from extractor.components.extensions import EXTENSIONS, ROW_TYPES, extension_name, rows_of, set_rows
from extractor.types import MentionRow

TEXTS = [
    "“We will rebuild the harbour wall before the winter storms,” Mayor Ana Ruiz said on Sunday. "
    "She added that 4,000 homes were flooded in March 2024. The Port Authority condemned the delay.",
    "ROTTERDAM — Dockworkers walked out on Monday. “The terminals cannot run without us,” said "
    "Marloes Dijkstra, the union's chair. The operator said talks would resume next week.",
]


@functools.lru_cache(maxsize=1)
def pipeline() -> Language:
    # Not a fixture: the session's `bundled_nlp` must stay without our stages.
    from extractor.pipeline.config import add_stages, read_pipeline_config
    from extractor.pipeline.model import bundled_path, load_model

    if not (bundled_path() / "meta.json").exists():
        pytest.skip("the bundled pipeline is not in this checkout")
    nlp, _ = load_model("bundled")
    add_stages(nlp, read_pipeline_config(None, None))
    return nlp


def all_rows(doc: Doc) -> dict[str, list]:
    return {name: rows_of(doc, name) for name in EXTENSIONS}


@pytest.mark.parametrize("name", EXTENSIONS)
def test_extensions_every_table_has_rows_of_its_type(name):
    rows = [row for doc in pipeline().pipe(TEXTS) for row in rows_of(doc, name)]
    assert rows and all(isinstance(row, ROW_TYPES[name]) for row in rows)


@pytest.mark.parametrize("name", EXTENSIONS)
def test_extensions_store_plain_msgpack_values(name):
    doc = pipeline()(TEXTS[0])
    stored = getattr(doc._, extension_name(name))
    assert stored and all(isinstance(value, (str, int, bool, type(None))) for row in stored for value in row.values())
    assert srsly.msgpack_loads(srsly.msgpack_dumps(stored)) == stored


@pytest.mark.parametrize("name", EXTENSIONS)
def test_extensions_docbin_round_trip(name):
    nlp = pipeline()
    docs = list(nlp.pipe(TEXTS))
    docbin = DocBin(store_user_data=True, docs=docs)
    restored = list(DocBin(store_user_data=True).from_bytes(docbin.to_bytes()).get_docs(nlp.vocab))
    assert [rows_of(doc, name) for doc in restored] == [rows_of(doc, name) for doc in docs]


@pytest.mark.parametrize("text", TEXTS)
def test_extensions_doc_to_bytes_round_trip(text):
    nlp = pipeline()
    doc = nlp(text)
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert all_rows(restored) == all_rows(doc)
    assert [(s.start_char, s.end_char, s.label_) for s in restored.spans["extractor_quotes"]] == [
        (s.start_char, s.end_char, s.label_) for s in doc.spans["extractor_quotes"]
    ]


@pytest.mark.parametrize("n_process", [2])
def test_extensions_multiprocess_pipe_gives_the_same_rows(n_process):
    nlp = pipeline()
    expected = [all_rows(doc) for doc in nlp.pipe(TEXTS, n_process=1)]
    assert [all_rows(doc) for doc in nlp.pipe(TEXTS, n_process=n_process, batch_size=1)] == expected


@pytest.mark.parametrize("user_name", ["entities", "mentions", "quotes"])
def test_extensions_leave_a_users_own_extension_alone(user_name):
    Doc.set_extension(user_name, default="the user's")
    try:
        doc = pipeline()(TEXTS[0])
        assert getattr(doc._, user_name) == "the user's"
        assert Doc.get_extension(user_name) == ("the user's", None, None, None)
        assert rows_of(doc, user_name)
    finally:
        Doc.remove_extension(user_name)


@pytest.mark.parametrize("user_value", [[{"mine": True}], "mine"])
def test_extensions_a_user_value_under_a_generic_name_is_not_adopted(user_value):
    Doc.set_extension("entities", default=None)
    try:
        doc = pipeline().make_doc(TEXTS[0])
        doc._.entities = user_value
        assert rows_of(doc, "entities") == []
        assert doc._.entities == user_value
    finally:
        Doc.remove_extension("entities")


@pytest.mark.parametrize("name", ["mentions"])
def test_extensions_set_rows_then_rows_of(name):
    doc = pipeline().make_doc("Ana Ruiz spoke.")
    row = MentionRow(
        mention_id="m1",
        doc_id="",
        text="Ana Ruiz",
        start_char=0,
        end_char=8,
        label="PERSON",
        kind="person",
        entity_id="",
        sentence_index=0,
        method="ner",
    )
    set_rows(doc, name, [row])
    assert getattr(doc._, extension_name(name)) == [{**vars(row)}]
    assert rows_of(doc, name) == [row]
    # A value replaced from outside (as bytes read back are) is read afresh.
    setattr(doc._, extension_name(name), [dict(vars(row), text="Ana")])
    assert [r.text for r in rows_of(doc, name)] == ["Ana"]


@pytest.mark.parametrize("name", ["actors", "entities_v2"])
def test_extensions_unknown_table_names_the_allowed_ones(name):
    with pytest.raises(KeyError, match="mentions"):
        extension_name(name)
