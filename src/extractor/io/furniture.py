"""Page furniture and titles: where a document's body starts and what to hide.

Scraped articles carry lines that are not part of the story: breadcrumbs
("Middle EastWorld News"), share widgets, "Advertisement", cookie notices and
a trailing "Related Articles" block. The NLP stages must not see them (their
names and link titles would become entities and claims), but offsets must keep
pointing into the original text. So we only record exact character ranges
here; `masked_text` blanks them out without changing the text's length.

A furniture pattern matches a WHOLE line (`re.fullmatch` on the line without
its leading and trailing whitespace), so "Advertisement" hides the line
"Advertisement" but not a sentence about advertisement revenue. Use `(?i)` in
a pattern to ignore case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from extractor.errors import ExtractorError

DEFAULT_FURNITURE_PATTERNS: tuple[str, ...] = (
    r"(?i)back to top(?: button)?",
    r"(?i)skip to (?:main )?content",
    r"(?i)share (?:this(?: article| story| post)?|on \w+)\s*:?",
    r"(?i)click to (?:share|print|email)\b.*",
    # A row of share buttons: two or more network names and nothing else.
    r"(?i)(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|email|e-mail|print|messenger|copy link)"
    r"(?:[\s,|•·/]+(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|email|e-mail|print|"
    r"messenger|copy link))+",
    r"(?i)advertisement|sponsored(?: content)?",
    r"(?i)(?:read|see) (?:more|also)\s*:.*",
    r"(?i)read more",
    r"(?i)(?:this (?:web)?site|we) uses? cookies\b.*",
    r"(?i)(?:accept|reject|manage) (?:all )?cookies|cookie (?:settings|policy|preferences|notice)",
    r"(?i)(?:sign up|subscribe) (?:for|to) (?:our|the) newsletter\b.*",
    r"(?i)follow us on .{1,60}",
    r"(?i)leave a (?:comment|reply)",
    r"(?i)like this:|loading(?:\.\.\.|…)",
    r"(?i)(?:tags?|filed under)\s*:.*",
    r"(?i)(?:file )?(?:photo|image|picture)(?: credit)?\s*:.{0,80}",
    r"(?i)listen to this article|print this article|email this article",
)

# A line matching one of these starts a block of furniture that runs to the
# end of the text: what follows "Related Articles" are links to other stories.
DEFAULT_TAIL_PATTERNS: tuple[str, ...] = (
    r"(?i)related (?:articles|posts|stories|news|content|coverage)\s*:?",
    r"(?i)you (?:may|might) also like\s*:?",
    r"(?i)recommended(?: for you| stories| articles)?\s*:?",
    r"(?i)(?:read|see) next\s*:?",
    r"(?i)most (?:read|popular)\s*:?",
    r"(?i)trending(?: now| stories)?\s*:?",
    r"(?i)more (?:stories|news) from .{1,40}",
)

# Words a breadcrumb made of section names may consist of (lower-cased).
DEFAULT_SECTION_WORDS: tuple[str, ...] = (
    "africa", "americas", "and", "arts", "asia", "asia-pacific", "australia", "business",
    "canada", "climate", "culture", "east", "economy", "education", "entertainment",
    "environment", "europe", "features", "health", "home", "international", "latest",
    "latin", "lifestyle", "local", "markets", "middle", "national", "news", "opinion",
    "pacific", "politics", "region", "science", "society", "sport", "sports", "tech",
    "technology", "top", "travel", "uk", "us", "world",
)  # fmt: skip

MAX_TITLE_CHARS = 200
MAX_BREADCRUMB_CHARS = 80

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NOT_LINE_BREAK = re.compile(r"[^\r\n]")
_SENTENCE_PUNCT = re.compile(r"[.!?,;:\"“”]")
_CRUMB_SEPARATOR = re.compile(r"\s*[>›»|/•·]\s*")
# Section names glued together when a scraper drops the link markup ("EastWorld").
_GLUED_WORDS = re.compile(r"[A-Z][a-z]{2,}[A-Z][a-z]{2,}")
_GLUE_POINT = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_BYLINE = re.compile(r"(?i)by\s")
# An ATX heading of any level; a closing run of "#" is not part of the title.
_MARKDOWN_TITLE = re.compile(r"#{1,6}[ \t]+(?P<title>.*?)(?:[ \t]+#+)?[ \t]*")


@dataclass(frozen=True)
class Line:
    """One line of a text, without its line break.

    start (int): Offset of the line's first character.
    end (int): Offset after its last character (before the line break).
    text (str): The line itself, `text[start:end]` of the document.
    """

    start: int
    end: int
    text: str

    @property
    def is_blank(self) -> bool:
        """Whether the line is empty or only whitespace."""
        return not self.text.strip()

    @property
    def content_start(self) -> int:
        """Offset of the first non-whitespace character."""
        return self.start + len(self.text) - len(self.text.lstrip())


@dataclass(frozen=True)
class FurnitureRules:
    """Compiled furniture settings.

    line_patterns (tuple): Patterns of single furniture lines.
    tail_patterns (tuple): Patterns of lines that start trailing furniture.
    section_words (frozenset): Lower-cased words a breadcrumb may consist of.
    """

    line_patterns: tuple[re.Pattern[str], ...]
    tail_patterns: tuple[re.Pattern[str], ...]
    section_words: frozenset[str]

    @classmethod
    def compile(
        cls,
        line_patterns: tuple[str, ...] = DEFAULT_FURNITURE_PATTERNS,
        tail_patterns: tuple[str, ...] = DEFAULT_TAIL_PATTERNS,
        section_words: tuple[str, ...] = DEFAULT_SECTION_WORDS,
    ) -> FurnitureRules:
        """Compile patterns, reporting a bad one by name (E117).

        RETURNS (FurnitureRules): The compiled rules.
        """
        return cls(
            line_patterns=tuple(_compile(pattern) for pattern in line_patterns),
            tail_patterns=tuple(_compile(pattern) for pattern in tail_patterns),
            section_words=frozenset(word.lower() for word in section_words),
        )

    def is_furniture_line(self, line: Line) -> bool:
        return _any_fullmatch(self.line_patterns, line.text)

    def starts_tail(self, line: Line) -> bool:
        return _any_fullmatch(self.tail_patterns, line.text)


@dataclass(frozen=True)
class Layout:
    """Where furniture, title and body are in a text.

    furniture (tuple): Sorted, non-overlapping (start, end) character ranges.
    title (str): The title, or "" if there is none.
    title_start_char (int | None): Where `title` starts in the text, if it is there.
    body_start_char (int): Where the body starts (len(text) if there is none).
    """

    furniture: tuple[tuple[int, int], ...]
    title: str
    title_start_char: int | None
    body_start_char: int


def split_lines(text: str) -> list[Line]:
    """Split `text` into lines at \\n, \\r\\n and \\r, keeping offsets.

    text (str): The text.
    RETURNS (list[Line]): Its lines, in order.
    """
    lines = []
    start = 0
    for match in _LINE_BREAK.finditer(text):
        lines.append(Line(start, match.start(), text[start : match.start()]))
        start = match.end()
    if start < len(text):
        lines.append(Line(start, len(text), text[start:]))
    return lines


def analyse_layout(
    text: str,
    rules: FurnitureRules,
    *,
    start: int = 0,
    given_title: str = "",
    detect_title: bool = True,
    markdown: bool = False,
    furniture: tuple[tuple[int, int], ...] = (),
) -> Layout:
    """Find the furniture, the title and the body start of a text.

    text (str): The original text.
    rules (FurnitureRules): The compiled furniture rules.
    start (int): Offset where content starts (after Markdown front matter).
    given_title (str): A title from metadata; it is located, not detected.
    detect_title (bool): Whether to detect a title when none is given.
    markdown (bool): Whether a leading `# Heading` is the title.
    furniture (tuple): Ranges already known to be furniture (front matter).
    RETURNS (Layout): The layout.
    """
    lines = [line for line in split_lines(text) if line.start >= start]
    hidden = _furniture_lines(lines, rules)
    ranges = list(furniture) + [(lines[i].start, lines[i].end) for i in sorted(hidden)]
    tail = _tail_start(lines, hidden, rules)
    if tail is not None:
        hidden.update(range(tail, len(lines)))
        ranges.append((lines[tail].start, len(text)))
    content = [i for i, line in enumerate(lines) if not line.is_blank and i not in hidden]
    spot = _find_title(lines, content, given_title, detect_title, markdown)
    if spot.marker:
        ranges.append(spot.marker)
    body = [i for i in content if spot.line_index is None or i > spot.line_index]
    body_start = lines[body[0]].content_start if body else len(text)
    return Layout(merge_ranges(ranges), spot.title, spot.start, body_start)


def merge_ranges(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sort ranges and merge the ones that overlap or touch; drop empty ones.

    ranges (list): (start, end) pairs.
    RETURNS (tuple): Sorted, disjoint (start, end) pairs.
    """
    merged: list[list[int]] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end) for start, end in merged)


def mask_ranges(text: str, ranges: tuple[tuple[int, int], ...]) -> str:
    """Replace the characters in `ranges` by spaces, keeping line breaks.

    text (str): The original text.
    ranges (tuple): (start, end) character ranges to hide.
    RETURNS (str): A text of the same length, with the same offsets.
    """
    pieces = []
    previous = 0
    for start, end in ranges:
        pieces.append(text[previous:start])
        pieces.append(_NOT_LINE_BREAK.sub(" ", text[start:end]))
        previous = end
    pieces.append(text[previous:])
    return "".join(pieces)


def _furniture_lines(lines: list[Line], rules: FurnitureRules) -> set[int]:
    hidden = {i for i, line in enumerate(lines) if rules.is_furniture_line(line)}
    content = [i for i, line in enumerate(lines) if not line.is_blank and i not in hidden]
    if len(content) >= 2 and _is_breadcrumb(lines[content[0]], lines[content[1]], rules):
        hidden.add(content[0])
    return hidden


def _tail_start(lines: list[Line], hidden: set[int], rules: FurnitureRules) -> int | None:
    # A tail marker on the first content line would hide the whole story, so
    # it only counts after some content.
    content = [i for i, line in enumerate(lines) if not line.is_blank and i not in hidden]
    for i in content[1:]:
        if rules.starts_tail(lines[i]):
            return i
    return None


def _is_breadcrumb(line: Line, next_line: Line, rules: FurnitureRules) -> bool:
    """A short line of capitalised section names, followed by a title line.

    Real titles are protected in three ways: they have lower-case function
    words or punctuation, rarely contain glued names or separators, and are
    followed by a body or byline rather than another title-like line.
    """
    text = line.text.strip()
    if len(text) > MAX_BREADCRUMB_CHARS or _SENTENCE_PUNCT.search(text):
        return False
    words = _WORD.findall(text)
    if not words or not all(word[0].isupper() or word in ("and", "of") for word in words):
        return False
    names = [part.lower() for word in words for part in _GLUE_POINT.split(word)]
    has_separator = len([s for s in _CRUMB_SEPARATOR.split(text) if s]) > 1
    is_crumb = has_separator or _GLUED_WORDS.search(text) or set(names) <= rules.section_words
    return bool(is_crumb) and is_title_text(next_line.text)


def is_title_text(text: str) -> bool:
    """Whether a line could be a title: short, not a sentence, not a byline.

    text (str): The line.
    RETURNS (bool): True for a plausible title.
    """
    text = text.strip()
    if not text or len(text) >= MAX_TITLE_CHARS or _BYLINE.match(text):
        return False
    return not text.rstrip("\"'”’»)").endswith((".", ",", ";", ":"))


class _TitleSpot(NamedTuple):
    title: str = ""
    start: int | None = None
    line_index: int | None = None  # the title's line; the body starts after it
    marker: tuple[int, int] | None = None  # a Markdown "# " to hide


def _find_title(lines: list[Line], content: list[int], given: str, detect: bool, markdown: bool) -> _TitleSpot:
    given = given.strip()
    if not content:
        return _TitleSpot(given)
    first = lines[content[0]]
    heading = _MARKDOWN_TITLE.fullmatch(first.text.strip()) if markdown else None
    if heading and heading.group("title"):
        return _heading_title(first, content[0], heading, given)
    if given:
        # A given title is only located, where the text repeats it.
        if first.text.strip() == given:
            return _TitleSpot(given, first.content_start, content[0])
        return _TitleSpot(given)
    if detect and _is_detected_title(lines, content):
        return _TitleSpot(first.text.strip(), first.content_start, content[0])
    return _TitleSpot()


def _heading_title(line: Line, index: int, heading: re.Match[str], given: str) -> _TitleSpot:
    offset = line.content_start + heading.start("title")
    marker = (line.content_start, offset)
    title = given or heading.group("title")
    # Front matter may name the title differently; `title_start_char` must
    # point at `title` itself, so it is only set when the two agree.
    located = offset if title == heading.group("title") else None
    return _TitleSpot(title, located, index, marker)


def _is_detected_title(lines: list[Line], content: list[int]) -> bool:
    # A title stands alone: a blank line after it, and some body after that.
    index = content[0]
    followed_by_blank = index + 1 < len(lines) and lines[index + 1].is_blank
    return is_title_text(lines[index].text) and followed_by_blank and len(content) > 1


def _any_fullmatch(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and any(pattern.fullmatch(stripped) for pattern in patterns)


def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as error:
        raise ExtractorError("E117", pattern=pattern, error=error) from None
