import re

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Span

from extractor import ids
from extractor.components.dates import find_dates
from extractor.components.extensions import rows_of
from extractor.components.rules.date_patterns import compile_patterns
from extractor.registrations import date_patterns_v1

NLP = spacy.blank("en")
REF = "2024-02-12"  # a Monday


def dates_of(text, ref=REF, **kwargs):
    doc = NLP(text)
    if ref:
        doc.user_data[ids.DATE_KEY] = ref
    return [(r.text, r.value, r.granularity, r.anchor, r.method) for r in find_dates(doc, **kwargs)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("It ended on February 7, 2024 at dawn.", ("February 7, 2024", "2024-02-07", "day", "", "absolute")),
        ("It ended on 7 Feb 2024 at dawn.", ("7 Feb 2024", "2024-02-07", "day", "", "absolute")),
        ("It ended on 2024-02-07 at dawn.", ("2024-02-07", "2024-02-07", "day", "", "absolute")),
        ("It ended on Sunday, Feb. 4, 2024.", ("Sunday, Feb. 4, 2024", "2024-02-04", "day", "", "absolute")),
        ("It ended in February 2024.", ("February 2024", "2024-02", "month", "", "absolute")),
        ("It ended in 2024.", ("2024", "2024", "year", "", "absolute")),
        ("It began in mid-2023.", ("2023", "2023", "year", "", "absolute")),
        ("He served from 1992 to 2002.", ("from 1992 to 2002", "1992/2002", "range", "", "absolute")),
        ("He served 1992–2002.", ("1992–2002", "1992/2002", "range", "", "absolute")),
        ("Talks ran February 1-7, 2024.", ("February 1-7, 2024", "2024-02-01/2024-02-07", "range", "", "absolute")),
        ("The truce lasted three days.", ("three days", "P3D", "duration", "", "absolute")),
        ("A 24-hour truce.", ("24-hour", "PT24H", "duration", "", "absolute")),
        ("They met at 3 p.m. there.", ("3 p.m.", "T15:00", "time", "", "absolute")),
    ],
)
@pytest.mark.parametrize("ref", [REF, ""])
def test_dates_absolute(text, expected, ref):
    assert dates_of(text, ref) == [expected]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("It was killed on February 7 after a strike.", ("February 7", "2024-02-07", "day", REF, "relative")),
        ("It happened on 10 March.", ("10 March", "2023-03-10", "day", REF, "relative")),
        ("The war began on October 7 last year.", ("October 7 last year", "2023-10-07", "day", REF, "relative")),
        ("Earlier this month, 16 were killed.", ("Earlier this month", "2024-02", "month", REF, "relative")),
        ("It happened last week.", ("last week", "2024-W06", "week", REF, "relative")),
        ("It happened last year.", ("last year", "2023", "year", REF, "relative")),
        ("It happens next month.", ("next month", "2024-03", "month", REF, "relative")),
        ("It happened yesterday.", ("yesterday", "2024-02-11", "day", REF, "relative")),
        ("It happened two days ago.", ("two days ago", "2024-02-10", "day", REF, "relative")),
        ("It happened in March.", ("March", "2023-03", "month", REF, "relative")),
        ("Talks ran February 1-7.", ("February 1-7", "2024-02-01/2024-02-07", "range", REF, "relative")),
        ("Kaabi stated on Sunday that", ("Sunday", "2024-02-11", "day", REF, "weekday")),
        ("Kaabi stated on Monday that", ("Monday", "2024-02-12", "day", REF, "weekday")),
        ("Kaabi stated last Monday that", ("last Monday", "2024-02-05", "day", REF, "weekday")),
        ("Kaabi will speak next Monday.", ("next Monday", "2024-02-19", "day", REF, "weekday")),
        ("CENTCOM said at the time that", ("at the time", "", "", "", "unresolved")),
    ],
)
def test_dates_relative_with_reference(text, expected):
    assert dates_of(text) == [expected]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The war began on October 7 last year.", ("October 7 last year", "", "", "", "relative")),
        ("Earlier this month, 16 were killed.", ("Earlier this month", "", "", "", "relative")),
        ("It was killed on February 7 after a strike.", ("February 7", "", "", "", "relative")),
        ("It happened two days ago.", ("two days ago", "", "", "", "relative")),
        ("Kaabi stated on Sunday that", ("Sunday", "", "", "", "weekday")),
        ("CENTCOM said at the time that", ("at the time", "", "", "", "unresolved")),
    ],
)
def test_dates_relative_without_reference(text, expected):
    assert dates_of(text, ref="") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The United States has 2,500 troops in Iraq.",
        "At least 16 Iraqis were killed.",
        "May I ask?",
        "He will march on.",
        "Sunday Times",
    ],
)
def test_dates_negative(text):
    assert dates_of(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("WASHINGTON, March 3, 2024 — Yesterday the Senate voted.", "2024-03-02"),
        ("Senate votes\nMarch 3, 2024\n\nYesterday the Senate voted.", "2024-03-02"),
        ("The Senate voted yesterday, and on March 3, 2024 it will vote again on the budget bill.", ""),
    ],
)
def test_dates_dateline_reference(text, expected):
    rows = dates_of(text, ref="")
    assert [value for t, value, *_ in rows if t.lower() == "yesterday"] == [expected]


@pytest.mark.parametrize("override,expected", [("2024-03-01", "2024-02-29"), ("", "2024-02-11")])
def test_dates_reference_override(override, expected):
    assert dates_of("It happened yesterday.", reference_date=override)[0][1] == expected


@pytest.mark.parametrize("offset", [0, 50])
def test_dates_absolute_offsets_and_ids(offset):
    original = "x" * offset + "It happened yesterday."
    doc = NLP(original[offset:])
    doc.user_data.update({ids.OFFSET_KEY: offset, ids.DOC_ID_KEY: "d", ids.DATE_KEY: REF})
    (row,) = find_dates(doc)
    assert original[row.start_char : row.end_char] == row.text == "yesterday"
    assert row.date_id == ids.span_id(doc, row.start_char, row.end_char) and row.doc_id == "d"


@pytest.mark.parametrize(
    "text,ent,ref,expected",
    [
        ("It happened in the 1990s.", "the 1990s", REF, ("the 1990s", "", "", "", "ner")),
        ("It happened in the 1990s.", "the 1990s", "", ("the 1990s", "", "", "", "ner")),
        ("It happened on 7/2/2024 there.", "7/2/2024", "", ("7/2/2024", "2024-07-02", "day", "", "ner")),
        # a rule match inside the entity wins: only model-only finds get method "ner"
        (
            "It happened on the seventh of February 2024.",
            "the seventh of February 2024",
            "",
            ("February 2024", "2024-02", "month", "", "absolute"),
        ),
    ],
)
def test_dates_ner_only(text, ent, ref, expected):
    doc = NLP(text)
    start = text.index(ent)
    doc.ents = [doc.char_span(start, start + len(ent), label="DATE")]
    if ref:
        doc.user_data[ids.DATE_KEY] = ref
    rows = [(r.text, r.value, r.granularity, r.anchor, r.method) for r in find_dates(doc)]
    assert expected in rows


def test_dates_ner_overlapping_rule_is_not_duplicated():
    doc = NLP("It happened on February 7, 2024.")
    doc.ents = [Span(doc, 2, 6, label="DATE")]
    assert [r.method for r in find_dates(doc)] == ["absolute"]


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text,ents",
    [
        ("Ana Ferreira spoke on Friday and again the next spring.", [("Friday", "DATE"), ("the next spring", "DATE")]),
        ("The strike ran until at least Thursday morning.", [("at least Thursday", "DATE"), ("morning", "TIME")]),
        (
            "It began on Saturday, three days after the storm, at night.",
            [("Saturday, three days", "DATE"), ("night", "TIME")],
        ),
    ],
)
def test_dates_every_date_entity_has_one_home(text, ents):
    """A DATE/TIME entity is a row of `dates` (a rule's or its own) and never a mention too."""
    from extractor.components.mentions import find_mentions

    doc = NLP(text)
    doc.ents = [doc.char_span(text.index(ent), text.index(ent) + len(ent), label=label) for ent, label in ents]
    rows = list(find_dates(doc))
    for ent in doc.ents:
        assert any(r.start_char < ent.end_char and ent.start_char < r.end_char for r in rows), ent.text
    assert list(find_mentions(doc)) == []


@pytest.mark.parametrize("names,ok", [(["iso", "vague"], True), (["nonsense"], False)])
def test_dates_patterns_registry(names, ok):
    patterns = {name: date_patterns_v1().get(name, "x") for name in names}
    if ok:
        assert set(compile_patterns(patterns)) == set(names)
    else:
        with pytest.raises(ValueError, match="nonsense"):
            compile_patterns(patterns)


@pytest.mark.parametrize("reference_date,value", [("", "2024-02-11"), ("2024-01-01", "2023-12-31")])
def test_dates_factory(reference_date, value):
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_dates", config={"reference_date": reference_date})
    doc = nlp.make_doc("It happened yesterday.")
    doc.user_data[ids.DATE_KEY] = REF
    doc = nlp.get_pipe("extractor_dates")(doc)
    assert [r.value for r in rows_of(doc, "dates")] == [value]
    assert [(s.text, s.kb_id_) for s in doc.spans["extractor_dates"]] == [("yesterday", value)]


PHRASES = st.sampled_from(
    [
        "on February 7",
        "October 7 last year",
        "Earlier this month",
        "at the time",
        "from 1992 to 2002",
        "February 1-7",
        "three days",
        "two days ago",
        "last week",
        "on Sunday",
        "7 Feb 2024",
        "2024-02-07",
        "said",
        "Kaabi",
        "2,500 troops",
        "May",
        "—",
        "’s",
        "10 March.",
        "in 2024",
        "at 3 p.m.",
        "\n\n",
    ]
)


@settings(max_examples=80, deadline=None)
@given(parts=st.lists(PHRASES, min_size=1, max_size=12), ref=st.sampled_from([REF, ""]))
def test_dates_property_offsets_exact(parts, ref):
    doc = NLP(" ".join(parts))
    if ref:
        doc.user_data[ids.DATE_KEY] = ref
    rows = list(find_dates(doc))
    for row in rows:
        assert doc.text[row.start_char : row.end_char] == row.text
        # without a reference date, a short first line with a full date is a dateline
        assert row.anchor in ("", ref) if ref else re.fullmatch(r"|\d{4}-\d\d-\d\d", row.anchor)
        assert row.value or row.anchor == ""
    assert all(a.end_char <= b.start_char for a, b in zip(rows, rows[1:]))
