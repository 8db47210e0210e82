"""Tests for extractor.io.furniture: furniture ranges, breadcrumbs and titles."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.errors import ExtractorError
from extractor.io.furniture import FurnitureRules, analyse_layout, mask_ranges, merge_ranges, split_lines

RULES = FurnitureRules.compile()

SCRAPED = """Middle EastWorld News
Oil slick spreads along Oman coast

Share this:
Facebook Twitter WhatsApp

MUSCAT — An oil slick has washed ashore, officials said on Tuesday.

Advertisement

"The fish market is empty," said Khalid al-Rawahi.

Related Articles
Oman expands marine protected areas
Back to top button
"""


def furniture_texts(text, **kwargs):
    layout = analyse_layout(text, RULES, **kwargs)
    return [text[start:end] for start, end in layout.furniture]


@pytest.mark.parametrize("text", [SCRAPED, SCRAPED.replace("\n", "\r\n")])
def test_furniture_scraped_article_ranges_are_exact(text):
    nl = "\r\n" if "\r\n" in text else "\n"
    tail = nl.join(["Related Articles", "Oman expands marine protected areas", "Back to top button", ""])
    assert furniture_texts(text) == [
        "Middle EastWorld News",
        "Share this:",
        "Facebook Twitter WhatsApp",
        "Advertisement",
        tail,
    ]


@pytest.mark.parametrize("text", [SCRAPED])
def test_furniture_scraped_article_title_and_body(text):
    layout = analyse_layout(text, RULES)
    assert layout.title == "Oil slick spreads along Oman coast"
    assert text[layout.title_start_char :].startswith(layout.title)
    assert text[layout.body_start_char :].startswith("MUSCAT")


@pytest.mark.parametrize(
    "line,expected",
    [
        ("Advertisement", True),
        ("  ADVERTISEMENT  ", True),
        ("Advertisement revenue fell 5 percent.", False),
        ("Share this:", True),
        ("Facebook Twitter WhatsApp", True),
        ("Facebook, Twitter, Email", True),
        ("Twitter", False),
        ("Facebook said on Monday it would appeal.", False),
        ("Click to share on Twitter (Opens in new window)", True),
        ("Read more: Floods in Kenya kill 16", True),
        ("Read more", True),
        ("Back to top button", True),
        ("We use cookies to improve your experience.", True),
        ("The EU said websites must ask users to accept cookies.", False),
        ("Photo: Reuters", True),
        ("“We will read more books,” she said.", False),
    ],
)
def test_furniture_line_patterns(line, expected):
    text = f"Title of the story\n\nA first sentence of the body.\n{line}\nA last sentence."
    assert (line.strip() in [part.strip() for part in furniture_texts(text)]) is expected


@pytest.mark.parametrize(
    "first,second,expected",
    [
        ("Middle EastWorld News", "Oil slick spreads along Oman coast", True),
        ("Home > World > Europe", "Storm closes airports in Norway", True),
        ("News | Politics", "Storm closes airports in Norway", True),
        ("Politics", "Storm closes airports in Norway", True),
        ("World News", "Storm closes airports in Norway", True),
        # Real titles: function words, a byline or a sentence after them.
        ("McDonald's to close 200 stores", "By Jane Doe", False),
        ("MacDonald Wins Leadership Race", "By Jane Doe", False),
        ("Middle East peace talks resume", "Negotiators meet in Cairo", False),
        ("World Cup Final", "Argentina beat France on penalties", False),
        ("Middle EastWorld News", "At least 16 people were killed on Sunday.", False),
        ("Politics: the week ahead", "Storm closes airports in Norway", False),
    ],
)
def test_furniture_breadcrumb_on_first_line(first, second, expected):
    text = f"{first}\n{second}\n\nThe body of the story starts here. It goes on."
    assert (first in furniture_texts(text)) is expected


@pytest.mark.parametrize(
    "text,title,body_start",
    [
        ("Storm closes airports\n\nThe body.", "Storm closes airports", "The body."),
        ("  Indented title\n\nThe body.", "Indented title", "The body."),
        ("Will the ceasefire hold?\n\nThe body.", "Will the ceasefire hold?", "The body."),
        ("Title\r\n\r\nThe body.", "Title", "The body."),
        ("\n\nTitle after blank lines\n\nThe body.", "Title after blank lines", "The body."),
        # Negative cases: a sentence, no blank line after, no body, a byline.
        ("A sentence ends here.\n\nThe body.", "", "A sentence ends here."),
        ('He said "no."\n\nThe body.', "", 'He said "no."'),
        ("No blank line after\nThe body.", "", "No blank line after"),
        ("Only a line", "", "Only a line"),
        ("By Jane Doe\n\nThe body.", "", "By Jane Doe"),
        ("x" * 250 + "\n\nThe body.", "", "x" * 250),
    ],
)
def test_furniture_title_detection(text, title, body_start):
    layout = analyse_layout(text, RULES)
    assert layout.title == title
    if title:
        assert text[layout.title_start_char : layout.title_start_char + len(title)] == title
    else:
        assert layout.title_start_char is None
    assert text[layout.body_start_char :].startswith(body_start)


@pytest.mark.parametrize("text", ["Storm closes airports\n\nThe body."])
def test_furniture_title_detection_can_be_disabled(text):
    layout = analyse_layout(text, RULES, detect_title=False)
    assert (layout.title, layout.title_start_char, layout.body_start_char) == ("", None, 0)


@pytest.mark.parametrize(
    "text,given,start,body_start",
    [
        ("Storm closes airports\nThe body.", "Storm closes airports", 0, "The body."),
        ("The body starts at once.", "Storm closes airports", None, "The body starts"),
    ],
)
def test_furniture_given_title_is_located_not_detected(text, given, start, body_start):
    layout = analyse_layout(text, RULES, given_title=given)
    assert (layout.title, layout.title_start_char) == (given, start)
    assert text[layout.body_start_char :].startswith(body_start)


@pytest.mark.parametrize(
    "text,given,title,start",
    [
        ("# Storm closes airports\nThe body.", "", "Storm closes airports", 2),
        ("# Storm closes airports\nThe body.", "Storm closes airports", "Storm closes airports", 2),
        # Front matter names another title: kept, but not located in the text.
        ("# Storm closes airports\nThe body.", "Another title", "Another title", None),
        ("## Storm closes airports ##\nThe body.", "", "Storm closes airports", 3),
        # Not a heading (no space after "#"): the plain title rule applies.
        ("#hashtag\n\nThe body.", "", "#hashtag", 0),
    ],
)
def test_furniture_markdown_heading_is_title(text, given, title, start):
    layout = analyse_layout(text, RULES, given_title=given, markdown=True)
    assert (layout.title, layout.title_start_char) == (title, start)
    assert text[layout.body_start_char :] == "The body."
    marker = re.match(r"#+ ", text)
    if marker:
        assert (0, marker.end()) in layout.furniture  # the "# " marker is hidden


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Title\n\nBody.\n\nRelated Articles\nLink one\nLink two", ["Related Articles\nLink one\nLink two"]),
        ("Title\n\nBody.\n\nYou may also like:\nLink one\n", ["You may also like:\nLink one\n"]),
        # A tail marker as the first content line would hide everything.
        ("Related Articles\n\nBody of the story.", []),
    ],
)
def test_furniture_tail_block_runs_to_the_end(text, expected):
    assert furniture_texts(text) == expected


@pytest.mark.parametrize("pattern", ["(unclosed", "*oops"])
def test_furniture_bad_pattern_names_it(pattern):
    with pytest.raises(ExtractorError) as excinfo:
        FurnitureRules.compile((pattern,))
    assert excinfo.value.code == "E117"
    assert repr(pattern) in str(excinfo.value)


@pytest.mark.parametrize(
    "text,offsets",
    [("a\nb\r\nc\rd", [(0, 1), (2, 3), (5, 6), (7, 8)]), ("a\n", [(0, 1)]), ("", [])],
)
def test_furniture_split_lines_keeps_offsets(text, offsets):
    assert [(line.start, line.end) for line in split_lines(text)] == offsets


@pytest.mark.parametrize(
    "ranges,expected",
    [
        ([(5, 8), (0, 2), (2, 4)], ((0, 4), (5, 8))),
        ([(0, 5), (1, 3), (3, 3)], ((0, 5),)),
        ([], ()),
    ],
)
def test_furniture_merge_ranges(ranges, expected):
    assert merge_ranges(ranges) == expected


@st.composite
def text_and_ranges(draw):
    text = draw(st.text(alphabet=st.sampled_from(list("ab \n\r“”é")), max_size=120))
    bounds = draw(st.lists(st.integers(min_value=0, max_value=len(text)), max_size=8))
    ranges = [(min(a, b), max(a, b)) for a, b in zip(bounds[::2], bounds[1::2])]
    return text, merge_ranges(ranges)


@settings(max_examples=300, deadline=None)
@given(case=text_and_ranges())
def test_furniture_mask_ranges_keeps_length_and_body(case):
    text, ranges = case
    masked = mask_ranges(text, ranges)
    assert len(masked) == len(text)
    hidden = {i for start, end in ranges for i in range(start, end)}
    for i, (original, kept) in enumerate(zip(text, masked)):
        if i not in hidden or original in "\r\n":
            assert kept == original
        else:
            assert kept == " "
