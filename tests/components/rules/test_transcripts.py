"""Speaker turns of transcripts: labels that name someone, turns over reopened paragraphs."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from tests.components.parses import NLP, with_entities

from extractor.components.rules.cues import paragraph_starts
from extractor.components.rules.transcripts import transcript_turns

# Both label schemes name people: OntoNotes' PERSON and the CoNLL/WikiNER PER.
PERSON_LABELS = ("PERSON", "PER")


def said(doc: Doc) -> list[tuple[str, str]]:
    return [
        (doc.text[t.label_start : t.label_end], doc.text[t.start : t.end])
        for t in transcript_turns(doc, paragraph_starts(doc.text))
    ]


INTERVIEW = (
    "Host Ann Lee spoke with Senator Bo Reyes on Sunday.\n\n"
    "“LEE: Why now?\n\n"
    "“REYES: Because it is time.\n\n"
    "“And because we waited long enough.\n\n"
    "“(CROSSTALK.)\n\n"
    "“LEE: Thank you, Senator.\n\n"
    "“Follow the show on Twitter.”"
)


@pytest.mark.parametrize("label", PERSON_LABELS)
def test_turns_of_a_quoted_transcript_run_over_reopened_paragraphs_to_the_next_label(label):
    doc = with_entities(INTERVIEW, ("Ann Lee", "Bo Reyes"), label)
    assert said(doc) == [
        ("LEE", "Why now?"),
        ("REYES", "Because it is time.\n\n“And because we waited long enough."),
        ("LEE", "Thank you, Senator."),
    ]


def test_an_unquoted_transcript_of_two_voices_needs_no_entities():
    doc = NLP.make_doc("HOST: Are you running?\n\nSENATOR: I am.\n\nHOST: Why?\n\nSENATOR: Because it is time.")
    assert said(doc) == [
        ("HOST", "Are you running?"),
        ("SENATOR", "I am."),
        ("HOST", "Why?"),
        ("SENATOR", "Because it is time."),
    ]


@pytest.mark.parametrize("label", PERSON_LABELS)
def test_a_label_in_title_case_is_a_headline_or_a_list_not_a_turn(label):
    text = "Ann Lee: Time to Act on Rents.\n\nThe race is close.\n\nAnn Lee: 547.\n\nBo Reyes: 321."
    assert said(with_entities(text, ("Ann Lee", "Bo Reyes"), label)) == []


@pytest.mark.parametrize("label", PERSON_LABELS)
def test_a_label_in_capitals_speaks_once_when_it_names_a_person(label):
    doc = with_entities("Ann Lee took questions.\n\nLEE: We will win this race.\n\nShe left.", ("Ann Lee",), label)
    assert said(doc) == [("LEE", "We will win this race.")]


def test_page_furniture_in_capitals_is_no_speaker():
    # Each label once, no person: an update note and a dateline, not a transcript.
    doc = NLP.make_doc("UPDATE: The vote was delayed.\n\nWASHINGTON: Lawmakers met on Friday.\n\nEditor's Note: Fixed.")
    assert said(doc) == []


def test_a_label_that_names_no_person_is_no_speaker_even_when_repeated_alone():
    # One voice is a newsletter's section header, however often it repeats.
    doc = NLP.make_doc("POLLSTER: Numbers are in.\n\nPOLLSTER: More numbers.\n\nThe race is close.")
    assert said(doc) == []


@pytest.mark.parametrize(
    "closing,said_text",
    [
        ("”", "We met them."),
        ("''", "We met them."),
        # A lone ’ may be a possessive's: it stays.
        ("", "We met the Joneses’"),
    ],
)
def test_a_quoted_turn_ends_before_its_closing_marks(closing, said_text):
    text = f"HOST: Who did you meet?\n\nGUEST: Nobody.\n\nHOST: Really?\n\n“GUEST: {said_text}{closing}"
    assert said(NLP.make_doc(text))[-1] == ("GUEST", said_text)
