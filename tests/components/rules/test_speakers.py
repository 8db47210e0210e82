"""Tests of `rules.speakers`, `rules.quote_speakers`, `rules.sources`,
`rules.gender` and `rules.roles` on hand-built Docs in both label schemes
(Universal Dependencies and ClearNLP)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span
from tests.components.parses import NLP, SCHEMES, parsed, tree

from extractor.components.extensions import set_rows
from extractor.components.mentions import context_kind
from extractor.components.rules.gender import FEMININE, MASCULINE, entity_genders, pronoun_gender
from extractor.components.rules.quote_speakers import quote_speaker
from extractor.components.rules.roles import person_apposition
from extractor.components.rules.sources import role_heads
from extractor.components.rules.speakers import MentionIndex, clean_speaker, speaker_phrase, subject_of
from extractor.types import EntityRow, MentionRow

VOCAB = NLP.vocab
# UD label -> ClearNLP label, for trees whose shape both schemes share.
TO_CLEAR = {
    "obj": "dobj",
    "nsubj:pass": "nsubjpass",
    "nmod:poss": "poss",
    "nmod:desc": "compound",
    "flat": "compound",
    "obl:unmarked": "npadvmod",
    "mark": "aux",
}
LEMMAS = {"said": "say", "issued": "issue", "cited": "cite", "mounted": "mount", "wrote": "write", "is": "be"}


def make_doc(words: str, heads: list[int], deps: str, pos: str, ents=(), scheme: str = "ud") -> Doc:
    """A parsed Doc (`parses.parsed`; "¶" is a paragraph break), its UD labels turned into ClearNLP's for "clear"."""
    return parsed(words, heads, deps, pos, lemmas=LEMMAS, ents=ents, relabel=TO_CLEAR if scheme == "clear" else None)


def with_rows(doc: Doc, people: list[tuple[int, int, str, str]], roles: dict[str, str] | None = None) -> Doc:
    """Store mention rows (token start, end, entity id, kind) and their entities on `doc`."""
    rows, names = [], {}
    for start, end, entity_id, kind in people:
        span = doc[start:end]
        names.setdefault(entity_id, (span.text, kind))
        rows.append(
            MentionRow(
                mention_id=f"m{start}",
                doc_id="",
                text=span.text,
                start_char=span.start_char,
                end_char=span.end_char,
                label="PERSON" if kind == "person" else "ORG",
                kind=kind,
                entity_id=entity_id,
                sentence_index=0,
                method="ner",
            )
        )
    set_rows(doc, "mentions", rows)
    set_rows(
        doc,
        "entities",
        [
            EntityRow(
                entity_id=entity_id,
                doc_id="",
                name=name,
                kind=kind,
                roles=(roles or {}).get(entity_id, ""),
                aliases="",
                n_mentions=1,
                first_char=0,
                actor_id="a-" + entity_id,
            )
            for entity_id, (name, kind) in names.items()
        ],
    )
    return doc


# (words, UD heads, UD deps, ClearNLP heads (None: as UD), ClearNLP deps, pos, cue index, expected speaker)
SUBJECTS = [
    # Two subjects hung on the cue: the one nearest it speaks ("Moments" is a time).
    (
        "Moments earlier , Calder said he won .",
        [4, 0, 0, 4, 4, 6, 4, 4],
        "nsubj advmod punct nsubj ROOT nsubj ccomp punct",
        None,
        None,
        "NOUN ADV PUNCT PROPN VERB PRON VERB PUNCT",
        4,
        "Calder",
    ),
    # A name with an apostrophe, tagged a common noun, speaks.
    (
        "D’Souza argues that Obama won .",
        [1, 1, 4, 4, 1, 1],
        "nsubj ROOT mark nsubj ccomp punct",
        None,
        None,
        "NOUN VERB SCONJ PROPN VERB PUNCT",
        1,
        "D’Souza",
    ),
    # A surname that is a time word, tagged a proper noun, speaks.
    (
        "Day said Obama won .",
        [1, 1, 3, 1, 1],
        "nsubj ROOT nsubj ccomp punct",
        None,
        None,
        "PROPN VERB PROPN VERB PUNCT",
        1,
        "Day",
    ),
    # A time the parser made a second subject, nearer the cue, loses to the name.
    (
        "Nadia Orrell last week said Calder won .",
        [4, 0, 3, 4, 4, 6, 4, 4],
        "nsubj flat amod nsubj ROOT nsubj ccomp punct",
        None,
        None,
        "PROPN PROPN ADJ NOUN VERB PROPN VERB PUNCT",
        4,
        "Nadia Orrell",
    ),
    # "The risk," is quoted: the quoted words never speak, the subject after the cue does.
    (
        "“ The risk , ” said Tobias Wren , “ it is real . ”",
        [2, 2, 5, 2, 2, 5, 5, 6, 5, 12, 12, 12, 5, 12, 12],
        "punct det nsubj punct punct ROOT nsubj flat punct punct nsubj cop ccomp punct punct",
        [2, 2, 5, 2, 2, 5, 7, 5, 5, 11, 11, 5, 11, 11, 11],
        "punct det nsubj punct punct ROOT compound nsubj punct punct nsubj ccomp acomp punct punct",
        "PUNCT DET NOUN PUNCT PUNCT VERB PROPN PROPN PUNCT PUNCT PRON AUX ADJ PUNCT PUNCT",
        5,
        "Tobias Wren",
    ),
    # A statement speaks for whoever issued it.
    (
        "Brenner issued a statement saying he won .",
        [1, 1, 3, 1, 3, 6, 4, 1],
        "nsubj ROOT det obj acl nsubj ccomp punct",
        None,
        None,
        "PROPN VERB DET NOUN VERB PRON VERB PUNCT",
        4,
        "Brenner",
    ),
    # A report someone cites is not theirs.
    (
        "Trump cited a report saying he won .",
        [1, 1, 3, 1, 3, 6, 4, 1],
        "nsubj ROOT det obj acl nsubj ccomp punct",
        None,
        None,
        "PROPN VERB DET NOUN VERB PRON VERB PUNCT",
        4,
        None,
    ),
    # Object control: whom the record prompted to state states.
    (
        "The record prompted the Atlas to state it .",
        [1, 2, 2, 4, 2, 6, 2, 6, 2],
        "det nsubj ROOT det obj mark xcomp obj punct",
        None,
        None,
        "DET NOUN VERB DET PROPN PART VERB PRON PUNCT",
        6,
        "the Atlas",
    ),
    # A participle hung on the verb as xcomp is no controlled infinitive: the urger says it.
    (
        "Bosman urged both sides to return , saying it costs .",
        [1, 1, 3, 1, 5, 1, 7, 1, 9, 7, 1],
        "nsubj ROOT det obj mark xcomp punct xcomp nsubj ccomp punct",
        None,
        None,
        "PROPN VERB DET NOUN PART VERB PUNCT VERB PRON VERB PUNCT",
        7,
        "Bosman",
    ),
    # The same participle hung on the infinitive: the urger still says it.
    (
        "Bosman urged both sides to return , saying it costs .",
        [1, 1, 3, 1, 5, 1, 7, 5, 9, 7, 1],
        "nsubj ROOT det obj mark xcomp punct advcl nsubj ccomp punct",
        None,
        None,
        "PROPN VERB DET NOUN PART VERB PUNCT VERB PRON VERB PUNCT",
        7,
        "Bosman",
    ),
    # Whoever mounts a campaign to condemn condemns.
    (
        "Ostrow mounted a campaign to condemn Calder .",
        [1, 1, 3, 1, 5, 3, 5, 1],
        "nsubj ROOT det obj mark acl obj punct",
        None,
        None,
        "PROPN VERB DET NOUN PART VERB PROPN PUNCT",
        5,
        "Ostrow",
    ),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,ud_heads,ud_deps,clear_heads,clear_deps,pos,cue,expected", SUBJECTS)
def test_speakers_subject_of(scheme, words, ud_heads, ud_deps, clear_heads, clear_deps, pos, cue, expected):
    heads, deps = tree(scheme, ud_heads, ud_deps, clear_heads, clear_deps)
    doc = make_doc(words, heads, deps, pos, (), scheme)
    subject = subject_of(doc[cue])
    phrase = speaker_phrase(subject) if subject is not None else None
    assert (phrase.text if phrase is not None else None) == expected


@pytest.mark.issue(11)
def test_speakers_subject_is_no_space_token():
    # "Virtually all analysts\xa0say that …": a small parser makes the no-break
    # space a second subject, nearer the verb than the real one.
    words = ["Virtually", "all", "analysts", "\xa0", "say", "that", "it", "is", "over", "."]
    heads = [2, 2, 4, 4, 4, 8, 8, 8, 4, 4]
    deps = ["advmod", "det", "nsubj", "nsubj", "ROOT", "mark", "nsubj", "cop", "ccomp", "punct"]
    doc = Doc(
        NLP.vocab,
        words=words,
        spaces=[True, True, False, False, True, True, True, True, False, False],
        heads=heads,
        deps=deps,
    )
    assert subject_of(doc[4]).text == "analysts"


@pytest.mark.issue(11)
def test_speakers_space_token_alone_is_no_subject():
    # "the Courier, a Welsh newspaper,  revealed": a double space the
    # parser made the only subject leaves the cue without one, for the
    # layout rules to find the name.
    words = ["Most", "analysts", ",", " ", "say", "that", "it", "is", "over", "."]
    heads = [1, 4, 1, 4, 4, 8, 8, 8, 4, 4]
    deps = ["amod", "obl", "punct", "nsubj", "ROOT", "mark", "nsubj", "cop", "ccomp", "punct"]
    doc = Doc(
        NLP.vocab,
        words=words,
        spaces=[True, False, True, False, True, True, True, True, False, False],
        heads=heads,
        deps=deps,
    )
    assert subject_of(doc[4]) is None


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(
    "words,spaces,expected",
    [
        # The NER took the dateline into the name; a speaker never crosses a dash.
        ("WASHINGTON — Hillary Clinton", [True, True, True], "Hillary Clinton"),
        ("WASHINGTON - Hillary Clinton", [True, True, True], "Hillary Clinton"),
        ("MACAU : Hillary Clinton", [False, True, True], "Hillary Clinton"),
        # A hyphen inside a name is no dash.
        ("Akram al - Kaabi", [True, False, False], "Akram al-Kaabi"),
    ],
)
def test_speakers_phrase_stops_at_a_dash(scheme, words, spaces, expected):
    doc = Doc(
        VOCAB,
        words=words.split() + ["argued", "."],
        spaces=spaces + [True, False, False],
        heads=[3, 3, 3, 4, 4, 4],
        deps=["compound", "punct", "compound", "nsubj", "ROOT", "punct"],
        pos=["PROPN", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT"],
    )
    doc.ents = [Span(doc, 0, 4, label="PERSON")]
    phrase = speaker_phrase(doc[3])
    assert phrase is not None and phrase.text == expected


# (words, UD heads, UD deps, ClearNLP heads (None: as UD), ClearNLP deps, pos, quote (start, end) tokens, expected)
QUOTE_SPEAKERS = [
    # The verb hangs on the quote (UD parataxis) or governs it (ClearNLP ccomp), whatever the verb.
    (
        "“ We will win , ” he continued .",
        [3, 3, 3, 3, 3, 3, 7, 3, 3],
        "punct nsubj aux ROOT punct punct nsubj parataxis punct",
        [3, 3, 3, 7, 3, 3, 7, 7, 7],
        "punct nsubj aux ccomp punct punct nsubj ROOT punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT PRON VERB PUNCT",
        (1, 5),
        ("continued", "he"),
    ),
    # Nothing links them: the news layout "…,” Walsh wrote" still does.
    (
        "“ We will win , ” Walsh wrote .",
        [3, 3, 3, 3, 3, 3, 7, 7, 7],
        "punct nsubj aux ROOT punct punct nsubj ROOT punct",
        None,
        None,
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN VERB PUNCT",
        (1, 5),
        ("wrote", "Walsh"),
    ),
    # The subject after its verb: "…,” said Ann Lee".
    (
        "“ We will win , ” said Ann Lee .",
        [3, 3, 3, 3, 3, 3, 6, 6, 7, 6],
        "punct nsubj aux ROOT punct punct ROOT obj flat punct",
        [3, 3, 3, 3, 3, 3, 6, 8, 6, 6],
        "punct nsubj aux ROOT punct punct ROOT compound dobj punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT VERB PROPN PROPN PUNCT",
        (1, 5),
        ("said", "Ann Lee"),
    ),
    # A transcript's label.
    (
        "Clinton : “ We will win the state . ”",
        [0, 5, 5, 5, 5, 0, 7, 5, 5, 5],
        "ROOT punct punct nsubj aux appos det obj punct punct",
        None,
        None,
        "PROPN PUNCT PUNCT PRON AUX VERB DET NOUN PUNCT PUNCT",
        (3, 9),
        (":", "Clinton"),
    ),
    # A label after a dash wins over the verb before it.
    (
        "Pollsters agree - Nina Sorel : “ We won the state . ”",
        [1, 1, 4, 4, 1, 4, 8, 8, 4, 10, 8, 8, 8],
        "nsubj ROOT punct compound appos punct punct nsubj parataxis det obj punct punct",
        [1, 1, 4, 4, 1, 1, 8, 8, 1, 10, 8, 8, 8],
        "nsubj ROOT punct compound npadvmod punct punct nsubj ccomp det dobj punct punct",
        "NOUN VERB PUNCT PROPN PROPN PUNCT PUNCT PRON VERB DET NOUN PUNCT PUNCT",
        (7, 12),
        (":", "Nina Sorel"),
    ),
    # The paragraph before, ending in a colon, introduces the quote.
    (
        "He listed the factors : ¶ “ We will win . ”",
        [1, 1, 3, 1, 1, 1, 9, 9, 9, 9, 9, 9],
        "nsubj ROOT det obj punct dep punct nsubj aux ROOT punct punct",
        None,
        None,
        "PRON VERB DET NOUN PUNCT SPACE PUNCT PRON AUX VERB PUNCT PUNCT",
        (7, 11),
        (":", "He"),
    ),
    # The speaker right after the quote, the verb after its apposition.
    (
        "“ We will win , ” Rhea Tolland , director at the group , said .",
        [3, 3, 3, 3, 3, 3, 7, 14, 7, 7, 12, 12, 9, 7, 14, 14],
        "punct nsubj aux ROOT punct punct compound nsubj punct appos case det nmod punct ROOT punct",
        [3, 3, 3, 3, 3, 3, 7, 14, 7, 7, 9, 12, 10, 7, 14, 14],
        "punct nsubj aux ROOT punct punct compound nsubj punct appos prep det pobj punct ROOT punct",
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN PROPN PUNCT NOUN ADP DET NOUN PUNCT VERB PUNCT",
        (1, 5),
        ("said", "Rhea Tolland, director at the group"),
    ),
    # A quote that ends its sentence has no trailing attribution.
    (
        "“ We will win . ” Voters left .",
        [3, 3, 3, 3, 3, 3, 7, 7, 7],
        "punct nsubj aux ROOT punct punct nsubj ROOT punct",
        None,
        None,
        "PUNCT PRON AUX VERB PUNCT PUNCT NOUN VERB PUNCT",
        (1, 5),
        None,
    ),
    # "be" says nothing.
    (
        "The motto is “ we will win the day . ”",
        [1, 6, 6, 6, 6, 6, 6, 8, 6, 6, 6],
        "det nsubj cop punct nsubj aux ROOT det obj punct punct",
        None,
        None,
        "DET NOUN AUX PUNCT PRON AUX VERB DET NOUN PUNCT PUNCT",
        (4, 10),
        None,
    ),
    # A signed quote: a dash and a name after the closing mark.
    (
        "“ We will win . ” ― Ana Ruiz",
        [3, 3, 3, 3, 3, 3, 3, 8, 3],
        "punct nsubj aux ROOT punct punct punct compound dep",
        None,
        None,
        "PUNCT PRON AUX VERB PUNCT PUNCT PUNCT PROPN PROPN",
        (1, 5),
        ("―", "Ana Ruiz"),
    ),
    # A dash that leads on to a common noun is no signature.
    (
        "“ We will win . ” ― a voter",
        [3, 3, 3, 3, 3, 3, 3, 8, 3],
        "punct nsubj aux ROOT punct punct punct det dep",
        None,
        None,
        "PUNCT PRON AUX VERB PUNCT PUNCT PUNCT DET NOUN",
        (1, 5),
        None,
    ),
    # A colon in the same paragraph introduces the quote too.
    (
        "As Ann Lee put it : “ We will win the day . ”",
        [3, 2, 3, 3, 3, 3, 9, 9, 9, 9, 11, 9, 9, 9],
        "mark compound nsubj ROOT obj punct punct nsubj aux ROOT det obj punct punct",
        None,
        None,
        "SCONJ PROPN PROPN VERB PRON PUNCT PUNCT PRON AUX VERB DET NOUN PUNCT PUNCT",
        (7, 13),
        (":", "Ann Lee"),
    ),
    # The verb right before the comma that opens the quote, though the parse hangs the quote elsewhere.
    (
        "Ann Lee joked , “ We will win the day . ”",
        [1, 2, 2, 2, 7, 7, 7, 7, 9, 7, 7, 7],
        "compound nsubj ROOT punct punct nsubj aux ROOT det obj punct punct",
        None,
        None,
        "PROPN PROPN VERB PUNCT PUNCT PRON AUX VERB DET NOUN PUNCT PUNCT",
        (5, 11),
        ("joked", "Ann Lee"),
    ),
    # A misparse hangs that verb on the name before it: the name speaks.
    (
        "Ann Lee , smiling , said , “ We will win the day . ”",
        [1, 1, 3, 5, 3, 1, 5, 10, 10, 10, 5, 12, 10, 10, 10],
        "compound ROOT punct advcl punct parataxis punct punct nsubj aux ccomp det obj punct punct",
        None,
        None,
        "PROPN PROPN PUNCT VERB PUNCT VERB PUNCT PUNCT PRON AUX VERB DET NOUN PUNCT PUNCT",
        (8, 14),
        ("said", "Ann Lee"),
    ),
    # The name after the verb is its object, not an inverted subject; the name after the quote speaks.
    (
        "“ We will win , ” Ann Lee , 69 , told Radio X .",
        [3, 3, 3, 11, 3, 3, 7, 3, 9, 7, 7, 11, 13, 11, 11],
        "punct nsubj aux ccomp punct punct compound obl punct appos punct ROOT compound obj punct",
        None,
        None,
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN PROPN PUNCT NUM PUNCT VERB PROPN PROPN PUNCT",
        (1, 5),
        ("told", "Ann Lee"),
    ),
    # A participle conjoined to the quote's verb describes the speaker; the verb after it is the cue.
    (
        "“ We will win , ” Mr. Lee , now 67 and retired , said .",
        [3, 3, 3, 14, 3, 3, 7, 3, 10, 10, 7, 12, 3, 7, 14, 14],
        "punct nsubj aux ccomp punct punct compound obl punct advmod appos cc conj punct ROOT punct",
        None,
        None,
        "PUNCT PRON AUX VERB PUNCT PUNCT PROPN PROPN PUNCT ADV NUM CCONJ VERB PUNCT VERB PUNCT",
        (1, 5),
        ("said", "Mr. Lee"),
    ),
    # The next paragraph is no attribution.
    (
        "“ We will win , ” ¶ Voters said it .",
        [3, 3, 3, 3, 3, 3, 3, 8, 8, 8, 8],
        "punct nsubj aux ROOT punct punct dep nsubj ROOT obj punct",
        None,
        None,
        "PUNCT PRON AUX VERB PUNCT PUNCT SPACE NOUN VERB PRON PUNCT",
        (1, 5),
        None,
    ),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,ud_heads,ud_deps,clear_heads,clear_deps,pos,quote,expected", QUOTE_SPEAKERS)
def test_speakers_quote_speaker(scheme, words, ud_heads, ud_deps, clear_heads, clear_deps, pos, quote, expected):
    heads, deps = tree(scheme, ud_heads, ud_deps, clear_heads, clear_deps)
    doc = make_doc(words, heads, deps, pos, (), scheme)
    content = doc[quote[0] : quote[1]]
    found = quote_speaker(doc, content.start_char, content.end_char)
    assert (None if found is None else (found[0].text, found[1].text)) == expected


# Pronoun speakers: (words, heads, deps, pos, people (start, end, entity, kind), pronoun index, expected entity)
PRONOUNS = [
    # A name inside the quote is the quoted speaker's word, not the antecedent.
    (
        "Smith spoke . “ Jones lies , ” he said .",
        [1, 1, 1, 5, 5, 9, 5, 5, 9, 9, 9],
        "nsubj ROOT punct punct nsubj ccomp punct punct nsubj ROOT punct",
        "PROPN VERB PUNCT PUNCT PROPN VERB PUNCT PUNCT PRON VERB PUNCT",
        [(0, 1, "e-smith", "person"), (4, 5, "e-jones", "person")],
        8,
        "e-smith",
    ),
    # Across the paragraph break, to the person the previous paragraph quotes.
    (
        "“ Jones lies , ” Smith said . ¶ “ It is over , ” he added .",
        [2, 2, 6, 2, 2, 6, 6, 6, 6, 12, 12, 12, 12, 12, 12, 16, 12, 12],
        "punct nsubj ccomp punct punct nsubj ROOT punct dep punct nsubj cop ROOT punct punct nsubj parataxis punct",
        "PUNCT PROPN VERB PUNCT PUNCT PROPN VERB PUNCT SPACE PUNCT PRON AUX ADJ PUNCT PUNCT PRON VERB PUNCT",
        [(1, 2, "e-jones", "person"), (5, 6, "e-smith", "person")],
        15,
        "e-smith",
    ),
    # "he" is never the "Mrs. Lee" of the sentence before.
    (
        "Mrs. Lee met Mr. Park . “ We agreed , ” he said .",
        [1, 2, 2, 4, 2, 2, 8, 8, 12, 8, 8, 12, 12, 12],
        "nmod:desc nsubj ROOT nmod:desc obj punct punct nsubj ccomp punct punct nsubj ROOT punct",
        "PROPN PROPN VERB PROPN PROPN PUNCT PUNCT PRON VERB PUNCT PUNCT PRON VERB PUNCT",
        [(1, 2, "e-lee", "person"), (4, 5, "e-park", "person")],
        11,
        "e-park",
    ),
    # The main clause's subject, not the one of the clause it reports.
    (
        "Byrne wrote that Clinton lied . He added a warning .",
        [1, 1, 4, 4, 1, 1, 7, 7, 9, 7, 7],
        "nsubj ROOT mark nsubj ccomp punct nsubj ROOT det obj punct",
        "PROPN VERB SCONJ PROPN VERB PUNCT PRON VERB DET NOUN PUNCT",
        [(0, 1, "e-byrne", "person"), (3, 4, "e-clinton", "person")],
        6,
        "e-byrne",
    ),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,heads,deps,pos,people,pronoun,expected", PRONOUNS)
def test_speakers_pronoun_antecedent(scheme, words, heads, deps, pos, people, pronoun, expected):
    doc = with_rows(make_doc(words, heads, deps, pos, (), scheme), people)
    speaker = MentionIndex(doc).resolve(doc[pronoun : pronoun + 1])
    assert (speaker.method, speaker.entity_id) == ("pronoun", expected)


# Nominal speakers: (words, heads, deps, pos, people, roles, nominal (start, end), expected entity)
NOMINALS = [
    # The role an apposition introduced.
    (
        "Yahya Rasool , military spokesperson for the group , said it would respond . The spokesperson added more .",
        [1, 9, 4, 4, 1, 7, 7, 4, 1, 9, 12, 12, 9, 9, 15, 16, 16, 16, 16],
        "compound nsubj punct amod appos case det nmod punct ROOT nsubj aux ccomp punct det nsubj ROOT obj punct",
        "PROPN PROPN PUNCT ADJ NOUN ADP DET NOUN PUNCT VERB PRON AUX VERB PUNCT DET NOUN VERB ADJ PUNCT",
        [(0, 2, "e-rasool", "person")],
        {"e-rasool": "military spokesperson for the group"},
        (14, 16),
        "e-rasool",
    ),
    # A title's abbreviation; of two senators, the one named last.
    (
        "Cruz met Rubio . The senator said it went well .",
        [1, 1, 1, 1, 5, 6, 6, 8, 6, 8, 6],
        "nsubj ROOT obj punct det nsubj ROOT nsubj ccomp advmod punct",
        "PROPN VERB PROPN PUNCT DET NOUN VERB PRON VERB ADV PUNCT",
        [(0, 1, "e-cruz", "person"), (2, 3, "e-rubio", "person")],
        {"e-cruz": "Sen.", "e-rubio": "Sen."},
        (4, 6),
        "e-rubio",
    ),
    # "the newspaper" is the news organization named last.
    (
        "The Daily News reported the plan . The newspaper said it failed .",
        [2, 2, 3, 3, 5, 3, 3, 8, 9, 9, 11, 9, 9],
        "det amod nsubj ROOT det obj punct det nsubj ROOT nsubj ccomp punct",
        "DET ADJ PROPN VERB DET NOUN PUNCT DET NOUN VERB PRON VERB PUNCT",
        [(1, 3, "e-news", "organization")],
        {},
        (7, 9),
        "e-news",
    ),
    # No evidence, no guess.
    (
        "The Acme Group reported the plan . The newspaper said it failed .",
        [2, 2, 3, 3, 5, 3, 3, 8, 9, 9, 11, 9, 9],
        "det compound nsubj ROOT det obj punct det nsubj ROOT nsubj ccomp punct",
        "DET PROPN PROPN VERB DET NOUN PUNCT DET NOUN VERB PRON VERB PUNCT",
        [(1, 3, "e-acme", "organization")],
        {},
        (7, 9),
        "",
    ),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,heads,deps,pos,people,roles,nominal,expected", NOMINALS)
def test_speakers_nominal_resolves_on_evidence(scheme, words, heads, deps, pos, people, roles, nominal, expected):
    doc = with_rows(make_doc(words, heads, deps, pos, (), scheme), people, roles)
    speaker = MentionIndex(doc).resolve(doc[nominal[0] : nominal[1]])
    assert (speaker.method, speaker.entity_id) == ("nominal", expected)


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "scheme,heads,deps",
    [
        (
            "ud",
            [1, 9, 4, 4, 1, 8, 8, 8, 4, 9, 9],
            "compound nsubj punct amod appos case det compound nmod ROOT punct",
        ),
        (
            "clear",
            [1, 9, 4, 4, 1, 4, 8, 8, 5, 9, 9],
            "compound nsubj punct amod appos prep det compound pobj ROOT punct",
        ),
    ],
)
def test_speakers_named_speaker_is_the_head_not_its_organization(scheme, heads, deps):
    """ "Yahya Rasool, military spokesperson for the Kataib Hezbollah": Rasool, though the militia's name is longer."""
    words = "Yahya Rasool , military spokesperson for the Kataib Hezbollah said ."
    pos = "PROPN PROPN PUNCT ADJ NOUN ADP DET PROPN PROPN VERB PUNCT"
    doc = with_rows(
        make_doc(words, heads, deps, pos, (), scheme),
        [(0, 2, "e-rasool", "person"), (7, 9, "e-kh", "organization")],
    )
    speaker = MentionIndex(doc).resolve(doc[0:9])
    assert (speaker.entity_id, speaker.kind) == ("e-rasool", "person")


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "roles,expected",
    [
        ("Sen.", {"senator"}),
        ("Vermont Gov.; Calder's running mate", {"governor", "mate"}),
        ("military spokesperson for the group", {"spokesperson"}),
        ("", set()),
    ],
)
def test_speakers_role_heads(roles, expected):
    assert role_heads(roles) == expected


# Names described by a role in apposition: (words, UD heads, UD deps, ClearNLP heads, deps, pos, expected)
APPOSITIONS = [
    (
        "Yahya Rasool , military spokesperson for the group , said it .",
        [1, 9, 4, 4, 1, 7, 7, 4, 1, 9, 9, 9],
        "compound nsubj punct amod appos case det nmod punct ROOT obj punct",
        [1, 9, 4, 4, 1, 4, 7, 5, 1, 9, 9, 9],
        "compound nsubj punct amod appos prep det pobj punct ROOT dobj punct",
        "PROPN PROPN PUNCT ADJ NOUN ADP DET NOUN PUNCT VERB PRON PUNCT",
        True,
    ),
    (
        "Kataib Hezbollah , an armed group , said it .",
        [1, 7, 5, 5, 5, 1, 1, 7, 7, 7],
        "compound nsubj punct det amod appos punct ROOT obj punct",
        [1, 7, 5, 5, 5, 1, 1, 7, 7, 7],
        "compound nsubj punct det amod appos punct ROOT dobj punct",
        "PROPN PROPN PUNCT DET ADJ NOUN PUNCT VERB PRON PUNCT",
        False,
    ),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("words,ud_heads,ud_deps,clear_heads,clear_deps,pos,expected", APPOSITIONS)
def test_speakers_role_apposition_makes_a_person(
    scheme, words, ud_heads, ud_deps, clear_heads, clear_deps, pos, expected
):
    heads, deps = tree(scheme, ud_heads, ud_deps, clear_heads, clear_deps)
    doc = make_doc(words, heads, deps, pos, (), scheme)
    name = doc[0:2]
    assert person_apposition(name) is expected
    # The mentions stage then calls a name the NER typed an organization a person.
    assert context_kind(name, "organization", frozenset()) == ("person" if expected else "organization")


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "words,heads,people,roles,expected",
    [
        # A courtesy title before the name.
        ("Ms. Tanzer said it .", [1, 2, 2, 2, 2], [(1, 2, "e-t")], {}, {"e-t": FEMININE}),
        # A gendered role.
        ("Seibert said it .", [1, 1, 1, 1], [(0, 1, "e-s")], {"e-s": "government spokesman"}, {"e-s": MASCULINE}),
        # Two sentences naming only her, with "she".
        (
            "Lee said she won . Lee said she lost .",
            [1, 1, 3, 1, 1, 6, 6, 8, 6, 6],
            [(0, 1, "e-l"), (5, 6, "e-l")],
            {},
            {"e-l": FEMININE},
        ),
        # One such sentence is not enough: "she" may be someone else.
        ("Lee said she won .", [1, 1, 3, 1, 1], [(0, 1, "e-l")], {}, {}),
        # As much evidence for one as for the other settles nothing.
        ("Mr. Lee met Ms. Lee .", [1, 2, 2, 4, 2, 2], [(1, 2, "e-l"), (4, 5, "e-l")], {}, {}),
    ],
)
def test_gender_from_the_text(words, heads, people, roles, expected):
    n = len(words.split())
    doc = Doc(VOCAB, words=words.split(), heads=heads, deps=["dep"] * n)
    spans = [(doc[s:e], entity_id) for s, e, entity_id in people]
    assert entity_genders(doc, spans, roles) == expected


@pytest.mark.parametrize("word,expected", [("he", MASCULINE), ("Her", FEMININE), ("they", ""), ("it", "")])
def test_gender_of_pronouns(word, expected):
    assert pronoun_gender(word) == expected


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "scheme,deps",
    [
        ("ud", "nsubj flat punct nsubj acl:relcl nsubj aux ccomp punct ROOT det obj punct"),
        ("clear", "nsubj compound punct nsubj relcl nsubj aux ccomp punct ROOT det dobj punct"),
    ],
)
def test_speakers_relative_subject_is_written_as_the_pronoun(scheme, deps):
    """ "Ana Ruiz, who says …": the source as written is "who", resolved through its antecedent."""
    doc = make_doc(
        "Ana Ruiz , who says wages must rise , leads the union .",
        [9, 0, 4, 4, 0, 7, 7, 4, 4, 9, 11, 9, 9],
        deps,
        "PROPN PROPN PUNCT PRON VERB NOUN AUX VERB PUNCT VERB DET NOUN PUNCT",
    )
    doc = with_rows(doc, [(0, 2, "e-ruiz", "person")])
    cue = doc[4]
    speaker = MentionIndex(doc).resolve_for(speaker_phrase(subject_of(cue)), cue)
    assert (speaker.text, speaker.entity_id, speaker.method) == ("who", "e-ruiz", "pronoun")
    assert doc.text[speaker.start : speaker.end] == "who"


# A speaker is never a preposition phrase (issue 11): (words, pos, expected speaker or None).
PREPOSITION_PHRASES = [
    ("by Ann Lee", "ADP PROPN PROPN", "Ann Lee"),
    (
        "In a statement , Ann Lee , a spokeswoman",
        "ADP DET NOUN PUNCT PROPN PROPN PUNCT DET NOUN",
        "Ann Lee, a spokeswoman",
    ),
    ("in fact", "ADP NOUN", None),
    ("From", "ADP", "From"),
    ("Ann Lee", "PROPN PROPN", "Ann Lee"),
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("words,pos,expected", PREPOSITION_PHRASES)
def test_speakers_clean_speaker_is_no_preposition_phrase(words, pos, expected):
    doc = parsed(words, list(range(len(words.split()))), " ".join(["dep"] * len(words.split())), pos)
    found = clean_speaker(doc[:])
    assert (found.text if found is not None else None) == expected
