"""Tests of `extractor.components.rules.quotemarks`: quoted stretches found from their marks (invented sentences)."""

from __future__ import annotations

import pytest

from extractor.components.rules.quotemarks import scan_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in scan_quotes(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("“One. Two.” he said", ["One. Two."]),
        ('He said "go home now" and left.', ["go home now"]),
        ("Kata’ib men said ‘we will fight on’ today.", ["we will fight on"]),
        ("«Nous restons», dit-il.", ["Nous restons"]),
        ("``We are ready,'' he said.", ["We are ready,"]),
        ("“First part.\n\n“Second part,” he said.", ["First part.\n\n“Second part,"]),
        ("“He told me ‘go’ now,” she said.", ["He told me ‘go’ now,"]),
        ("“Never closed.\n\nPlain paragraph.", ["Never closed."]),
        ("Jordan’s border is closed.", []),
    ],
)
def test_quotemarks_scan(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize("text,unbalanced", [("“Never closed.\n\nPlain.", True), ("“Closed,” he said.", False)])
def test_quotemarks_unbalanced_flag(text, unbalanced):
    assert [q.unbalanced for q in scan_quotes(text)] == [unbalanced]


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "text,expected",
    [
        # Two apostrophes, as archive text writes quotes; contractions and possessives are no marks.
        ("''We don't know,'' Mr. Ruiz said. ''It's the mayor's call.''", ["We don't know,", "It's the mayor's call."]),
        ("The mayor's aides said ''no comment'' twice.", ["no comment"]),
        ("He recalled, ''She told me, 'Wait.' So we waited.''", ["She told me, 'Wait.' So we waited."]),
        ("''I said, 'The vote is Monday,''' he recalled.", ["I said, 'The vote is Monday,"]),
        ("Voters in the '90s didn't care.", []),
        # Treebank marks, and a quote that runs over paragraphs in them.
        ("``We are ready.\n\n``So is the council,'' he said.", ["We are ready.\n\n``So is the council,"]),
        # A paragraph that opens a quote and does not close it, then one that reopens it: one quote.
        (
            "“We will build it.\n\n“And we will pay for it,” she said.",
            ["We will build it.\n\n“And we will pay for it,"],
        ),
        ("“We will build it.\n\nShe left.", ["We will build it."]),
    ],
)
def test_quotemarks_archive_marks_and_paragraphs(text, expected):
    assert quoted(text) == expected


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "text,expected",
    [
        # A straight quote inside a typographic one is nested in it ...
        ('“He called it "fake news" today,” she said.', ['He called it "fake news" today,']),
        # ... or closes it, when it can only close.
        ('“We will win," she said. “Soon.”', ["We will win,", "Soon."]),
        # A typographic opener in closing position closes.
        ("“Hardly ever,“ he said. “Never.”", ["Hardly ever,", "Never."]),
        ("He called them “rapists“ in a speech.", ["rapists"]),
        # A straight quote alone still pairs with its kind.
        ('She said "yes" and he said "no".', ["yes", "no"]),
    ],
)
def test_quotemarks_straight_and_wrong_glyphs_in_typographic_text(text, expected):
    assert quoted(text) == expected


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "text,expected",
    [
        # A ‘ that nothing closes in its paragraph is an apostrophe, and hides no double quote.
        ("So what ‘bout this headline: “Crime falls again.” Nobody read it.", ["Crime falls again."]),
        ("Since the ‘80s, she said, “nothing has changed.”", ["nothing has changed."]),
        ("She said ‘never’ and he said ‘bout time.", ["never"]),
        # Attribute values of markup left in the text are no quotes.
        ('<tweet author="someone" date="May 1">“We won,” he wrote.</tweet>', ["We won,"]),
        ('<p class="lead">Nothing quoted here.</p>', []),
    ],
)
def test_quotemarks_apostrophes_and_markup(text, expected):
    assert quoted(text) == expected


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "text,expected",
    [
        # A straight quote goes on over paragraphs that reopen it with a straight one.
        (
            '"We will build it.\n\n"And we will pay for it," she said.',
            ['We will build it.\n\n"And we will pay for it,'],
        ),
        # An excerpt whose paragraphs the publisher opens with " around the source's own “…”:
        # the typographic quote is its own, not the rest of the straight one.
        (
            '"Lee was asleep.\n\n“Here he is,” she said. “Bo is here.”',
            ["Lee was asleep.", "Here he is,", "Bo is here."],
        ),
    ],
)
def test_quotemarks_a_straight_quote_goes_on_only_at_a_straight_mark(text, expected):
    assert quoted(text) == expected
