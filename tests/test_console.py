"""What the CLI shows: diff summaries and score tables, rendered without a terminal."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest
from rich.console import Console

from extractor.console import SHORT_NAMES, diff_details, diff_summary, evaluation_lines, scores_table
from extractor.outputs.diff import TableDiff

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "extractor"
PRESENTATION = {"cli.py", "console.py"}


def _render(renderable) -> str:
    console = Console(width=120, file=io.StringIO())
    console.print(renderable)
    return console.file.getvalue()


def _imports_rich(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf8"))):
        if isinstance(node, ast.Import) and any(alias.name.split(".")[0] == "rich" for alias in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "rich":
            return True
    return False


def test_console_only_the_cli_side_imports_rich():
    """The library stays silent: printing belongs to cli.py and console.py."""
    printing = sorted(str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py") if _imports_rich(path))
    assert set(printing) <= PRESENTATION


DIFFS = [
    TableDiff("dates", added=["id20"], removed=["id10"], changed=[("id0", ["value", "anchor"])]),
    TableDiff("errors"),
    TableDiff("quotes", note="missing in the output folder"),
]


def test_console_diff_details_lists_changed_rows():
    assert diff_details(DIFFS) == ["  dates + id20", "  dates - id10", "  dates ~ id0: value, anchor"]


@pytest.mark.parametrize("shown,expected", [(0, []), (2, ["  t + a", "  t + b"])])
def test_console_diff_details_shows_at_most_shown_rows(shown, expected):
    assert diff_details([TableDiff("t", added=["a", "b", "c"])], shown=shown) == expected


@pytest.mark.parametrize(
    "table,cells",
    [("dates", ["1", "1", "1", "differs"]), ("errors", ["0", "0", "0", "same"]), ("quotes", ["missing"])],
)
def test_console_diff_summary_has_a_row_per_table(table, cells):
    row = next(line for line in _render(diff_summary(DIFFS)).splitlines() if f" {table} " in line)
    assert [cell for cell in cells if cell not in row] == []


def test_console_score_columns_are_the_recipe_scores():
    from extractor.training.recipe import SCORE_KEYS

    assert tuple(SHORT_NAMES) == SCORE_KEYS


EVALUATION = {
    "test": {"ewt": {"ents_f": 0.7051, "tag_acc": 0.94}, "gum": {"dep_uas": 0.85}},
    "ewt_gold_sentences": {"tag_acc": 0.9412, "dep_uas": 0.8603},
    "words_per_second": 12345.6,
}


def test_console_scores_table_has_a_row_per_corpus():
    text = _render(scores_table(EVALUATION))
    ewt = next(line for line in text.splitlines() if " ewt " in line)
    assert "0.705" in ewt and "0.940" in ewt and ewt.count("-") == 7
    assert "0.850" in next(line for line in text.splitlines() if " gum " in line)


@pytest.mark.parametrize(
    "gold,expected",
    [
        (
            {"tag_acc": 0.9412, "dep_uas": 0.8603},
            [
                "EWT test, one gold sentence at a time: tag 0.941, UAS 0.860",
                "Speed: 12,346 words/s (nlp.pipe, one process)",
            ],
        ),
        ({}, ["Speed: 12,346 words/s (nlp.pipe, one process)"]),
    ],
)
def test_console_evaluation_lines(gold, expected):
    assert evaluation_lines({**EVALUATION, "ewt_gold_sentences": gold}) == expected


@pytest.mark.issue(13)
def test_console_evaluation_lines_say_why_a_parser_has_no_attachment_scores():
    lines = evaluation_lines({**EVALUATION, "ewt_gold_sentences": {"tag_acc": 0.92}, "parses_like_ud": False})
    assert lines == [
        "EWT test, one gold sentence at a time: tag 0.920",
        "UAS/LAS: not scored; the parser's labels are not Universal Dependencies (en_core_web_* parse with "
        "ClearNLP's), so its trees can't be compared with the treebanks'.",
        "Speed: 12,346 words/s (nlp.pipe, one process)",
    ]


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    "text,shown",
    [
        ("a\x1b[2Jb", "a\\x1b[2Jb"),
        ("title\x1b]0;pwned\x07", "title\\x1b]0;pwned\\x07"),
        ("csi\x9b2J", "csi\\x9b2J"),
        ("line\nbreak\ttab\rcr", "line\\nbreak\\ttab\\rcr"),
        ("rtl\u202eexe.txt", "rtl\\u202eexe.txt"),
        ("lone\udcff", "lone\\udcff"),
        ("café – “quoted” 😀", "café – “quoted” 😀"),
    ],
)
def test_console_terminal_safe_shows_control_characters_as_escapes(text, shown):
    from extractor.console import terminal_safe

    assert terminal_safe(text) == shown
    terminal_safe(text).encode("utf-8")
