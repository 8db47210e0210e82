import pytest

from extractor.components.rules.names import (
    has_organization_head,
    initials,
    is_acronym,
    is_acronym_of,
    kind_of,
    match_key,
    name_key,
    name_label,
    name_tokens,
    role_before,
    split_title,
)
from extractor.registrations import label_kinds_v1, organization_words_v1, titles_v1


@pytest.mark.parametrize(
    "label,expected",
    [
        ("PERSON", "person"),
        ("PER", "person"),
        ("ORG", "organization"),
        ("GPE", "place"),
        ("LOC", "place"),
        ("FAC", "place"),
        ("NORP", "group"),
        ("DATE", "date"),
        ("TIME", "date"),
        ("MONEY", "other"),
        ("", "other"),
    ],
)
def test_normalize_kind_of(label, expected):
    assert kind_of(label) == expected
    assert kind_of(label, label_kinds_v1()) == expected


@pytest.mark.parametrize(
    "mapping,label,expected", [({"MISC": "group"}, "MISC", "group"), ({"MISC": "group"}, "ORG", "other")]
)
def test_normalize_kind_of_custom_mapping(mapping, label, expected):
    assert kind_of(label, mapping) == expected


@pytest.mark.parametrize(
    "a,b",
    [
        ("Kata’ib Hezbollah", "Kata'ib Hezbollah"),
        ("Kataʼib Hezbollah", "Kata‘ib Hezbollah"),
        ("Kata’ib Hezbollah’s", "kata'ib hezbollah"),
        ("al‑Kaabi", "al-Kaabi"),
        ("al–Kaabi", "al—Kaabi"),
        ("the United States", "United  States"),
        ("The Palestinians’", "Palestinians"),
    ],
)
def test_normalize_name_key_variants_match(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    "a,b",
    [("Mohammed Shia’ al-Sudani", "Mohammed Shia al-Sudani"), ("Theresa", "Thera"), ("Sudanî", "Sudani")],
)
def test_normalize_name_key_keeps_differences(a, b):
    assert name_key(a) != name_key(b)


def test_normalize_name_key_accent_insensitive_option():
    assert name_key("Sudanî", accents=False) == name_key("Sudani", accents=False)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("akram al-kaabi", ["akram", "kaabi"]),
        ("abu baqer al-saadi", ["baqer", "saadi"]),
        ("joe biden", ["joe", "biden"]),
    ],
)
def test_normalize_name_tokens(text, expected):
    assert name_tokens(text) == expected


@pytest.mark.parametrize(
    "text,role,name",
    [
        ("President Joe Biden", "President", "Joe Biden"),
        ("Prime Minister Mohammed Shia’ al-Sudani", "Prime Minister", "Mohammed Shia’ al-Sudani"),
        ("Iraqi Prime Minister Mohammed Shia’ al-Sudani", "Iraqi Prime Minister", "Mohammed Shia’ al-Sudani"),
        ("Secretary of State Antony Blinken", "Secretary of State", "Antony Blinken"),
        ("Dr. Jane Roe", "Dr.", "Jane Roe"),
        ("Joe Biden", "", "Joe Biden"),
        ("President", "", "President"),
        ("President of Iraq", "", "President of Iraq"),
        ("Presidential Palace", "", "Presidential Palace"),
    ],
)
def test_normalize_split_title(text, role, name):
    split = split_title(text, titles_v1())
    assert (split.role, split.name) == (role, name)
    assert text[split.name_start :] == name


@pytest.mark.parametrize(
    "text,expected",
    [
        ("ordered by President ", "President"),
        ("spokesperson for Iraqi Prime Minister ", "Iraqi Prime Minister"),
        ("said ", ""),
        ("President", ""),
        ("", ""),
        ("said Energy Minister ", "Energy Minister"),
        ("Portugal's Prime Minister ", "Prime Minister"),
        ("On Monday, Health Secretary ", "Health Secretary"),
        # a title opening a paragraph: the line break is no part of it
        ("last year.\n\nEnergy Minister ", "Energy Minister"),
        ("each year.\n\nJudge ", "Judge"),
        ("the Ministry\nJudge ", "Judge"),
    ],
)
def test_normalize_role_before(text, expected):
    assert role_before(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("IRI", True),
        ("CENTCOM", True),
        ("U.S.", True),
        ("US", True),
        ("Iraq", False),
        ("I", False),
        ("McDonald", False),
        ("al-Kaabi", False),
    ],
)
def test_normalize_is_acronym(text, expected):
    assert is_acronym(text) is expected


@pytest.mark.parametrize(
    "acronym,long_form,expected",
    [
        ("IRI", "Islamic Resistance in Iraq", True),
        ("CENTCOM", "US Central Command", True),
        ("UN", "United Nations", True),
        ("D", "Joe Biden", False),
        ("NATO", "Joe Biden", False),
        ("IRI", "Iraq", False),
    ],
)
def test_normalize_is_acronym_of(acronym, long_form, expected):
    assert is_acronym_of(acronym, long_form) is expected


@pytest.mark.parametrize(
    "name,acronym,expected",
    [("United States", "us", True), ("Islamic Resistance in Iraq", "iri", True), ("Iraq", "i", False)],
)
def test_normalize_initials(name, acronym, expected):
    assert (acronym in initials(name)) is expected


@pytest.mark.parametrize("a,b", [("U.S.", "US"), ("the US", "US")])
def test_normalize_match_key(a, b):
    assert match_key(a) == match_key(b)


@pytest.mark.issue(5)
@pytest.mark.parametrize(
    "words,expected",
    [
        (["Akram", "al", "Kaabi"], "PERSON"),
        (["Yahya", "Rasool"], "PERSON"),
        (["Conor", "O’Brien"], "PERSON"),
        (["Ministry", "of", "Defence"], "ORG"),
        (["US", "Central", "Command"], "ORG"),
        (["Kaabi"], ""),
        (["Police"], ""),
        (["IRI", "Spokesman"], ""),
        (["Red", "Sea", "Port", "Area", "North"], ""),
        (["Bank", "of", "England"], "ORG"),
        (["Minister", "of", "state"], ""),
    ],
)
def test_normalize_name_label(words, expected):
    assert name_label(words, organization_words_v1()) == expected


@pytest.mark.parametrize(
    "words,expected",
    [
        (["Bank", "of", "Portugal"], True),
        (["Sultan", "Qaboos", "University"], True),
        (["Highveld", "Clean", "Air", "Coalition"], True),
        (["Center", "for", "Law", "and", "Justice"], True),
        (["Gulf", "Meridian", "Shipping"], True),
        (["West", "Bank"], False),
        (["Soviet", "Union"], False),
        (["Kennedy", "Space", "Center"], False),
        (["University"], False),
        (["Minister", "of", "State"], False),
        (["of", "Agency"], False),
    ],
)
def test_normalize_has_organization_head(words, expected):
    assert has_organization_head(words, organization_words_v1()) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Akram al-Kaabi", "kaabi"),
        ("Ines Carrasco", "carrasco"),
        ("Kaabi", ""),
        ("Abu Baqer al-Saadi", "saadi"),
        ("", ""),
    ],
)
def test_normalize_surname(text, expected):
    from extractor.components.rules.names import surname

    assert surname(text) == expected
