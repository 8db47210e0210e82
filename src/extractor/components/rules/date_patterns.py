"""Date rules: the regular expressions that find date expressions, and their resolvers.

Each rule name in `DEFAULT_DATE_PATTERNS` selects a resolver in `RESOLVERS`,
which normalizes a match to ISO 8601 (a day, week, month, year, range,
duration or time). Relative expressions resolve against a reference date,
never against today: without one their value stays empty.

Conventions (news style): a date without a year, a bare month and a bare
weekday mean their most recent occurrence on or before the reference date;
"last week" is the ISO week before the reference date's week.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

# Full names first; only abbreviations take a dot, so "10 March." leaves the full stop.
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "a": 1,
    "an": 1,
}
NUM = r"(?:\d{1,3}|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty))"
_WD = "(?:" + WEEKDAY + r",?\s+)?"
_DASH = r"\s*[-\u2010-\u2015]\s*"

DEFAULT_DATE_PATTERNS: dict[str, str] = {
    "iso": r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b",
    "month_day_year": rf"\b{_WD}(?P<month>{MONTH})\s+(?P<day>{DAY}),?\s+(?P<year>{YEAR})\b",
    "day_month_year": rf"\b{_WD}(?P<day>{DAY})\s+(?P<month>{MONTH}),?\s+(?P<year>{YEAR})\b",
    "month_day_range": rf"\b(?P<month>{MONTH})\s+(?P<day>{DAY}){_DASH}(?P<day2>{DAY})(?:,?\s+(?P<year>{YEAR}))?\b",
    "day_range_month": rf"\b(?P<day>{DAY}){_DASH}(?P<day2>{DAY})\s+(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR}))?\b",
    "year_range": rf"\b(?i:from|between)\s+(?P<year>{YEAR})\s+(?i:to|until|till|through|and)\s+(?P<year2>{YEAR})\b"
    rf"|\b(?P<year3>{YEAR}){_DASH}(?P<year4>{YEAR})\b",
    "month_day_rel_year": rf"\b(?P<month>{MONTH})\s+(?P<day>{DAY}),?\s+(?P<rel>(?i:last|this|next))\s+(?i:year)\b",
    "month_day": rf"\b{_WD}(?P<month>{MONTH})\s+(?P<day>{DAY})\b(?!,?\s*\d)",
    "day_month": rf"\b{_WD}(?P<day>{DAY})\s+(?P<month>{MONTH})(?![\w])",
    "month_year": rf"\b(?P<month>{MONTH}),?\s+(?P<year>{YEAR})\b",
    "month_alone": r"\b(?i:in|since|until|by|during|early|late|mid-|of)\s+(?P<expr>(?P<month>(?:January|February|March|April|June|July|August|September|October|November|December)))\b(?!\s*\d)",
    "year": rf"\b(?i:in|since|by|until|till|through|during|before|after|from|early|late|mid-|of)\s*(?P<expr>(?P<year>{YEAR}))\b(?![-\u2010-\u2015,.]?\d)",
    "weekday_rel": rf"\b(?P<rel>(?i:last|next|this))\s+(?P<weekday>{WEEKDAY})\b",
    "weekday": rf"\b(?i:on|since|until|by|from|late|early)\s+(?P<expr>(?P<weekday>{WEEKDAY}))\b"
    rf"|\b(?P<expr2>(?P<weekday2>{WEEKDAY}))(?=\s+(?:morning|afternoon|evening|night)\b)",
    "relative_day": r"\b(?P<word>(?i:the day before yesterday|today|yesterday|tomorrow|tonight|last night|this (?:morning|afternoon|evening)))\b",
    "ago": rf"\b(?P<num>{NUM}|(?i:an?))\s+(?P<unit>(?i:day|week|month|year))s?\s+(?P<dir>(?i:ago|from now))\b",
    "relative_period": r"\b(?:(?i:earlier|later|early|late|mid-|the end of|the beginning of|the start of)\s*)?"
    r"(?P<rel>(?i:last|this|next|previous))\s+(?P<unit>(?i:week|month|year))\b",
    "duration": rf"\b(?P<num>{NUM})[\s-](?P<unit>(?i:second|minute|hour|day|week|month|year|decade))s?\b(?!\s+(?i:ago|from now))",
    "time": r"\b(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>(?i:a\.m\.|p\.m\.|am|pm))(?!\w)",
    "vague": r"\b(?i:at the time|at that time)\b",
}


# Where a match of each default rule can begin: at a digit (DIGIT), at a
# month or weekday name (CALENDAR), or at one of its words, case aside. A
# rule's regex scans every position of the text, and the rules together cost
# more than all other stages' rules; tried only where it can begin
# (`rule_starts`, `matches_at`), a rule finds the same matches three times
# faster. Kept in step with DEFAULT_DATE_PATTERNS (tests check that both find
# the same matches); a rule whose regex a config changes scans the whole text.
DIGIT, CALENDAR = "<digit>", "<calendar>"
_NUMBER_WORDS = tuple(word for word in NUMBER_WORDS if word not in ("a", "an"))
RULE_STARTS: dict[str, tuple[str, ...]] = {
    "iso": (DIGIT,),
    "month_day_year": (CALENDAR,),
    "day_month_year": (CALENDAR, DIGIT),
    "month_day_range": (CALENDAR,),
    "day_range_month": (DIGIT,),
    "year_range": ("from", "between", DIGIT),
    "month_day_rel_year": (CALENDAR,),
    "month_day": (CALENDAR,),
    "day_month": (CALENDAR, DIGIT),
    "month_year": (CALENDAR,),
    "month_alone": ("in", "since", "until", "by", "during", "early", "late", "mid-", "of"),
    "year": (
        *("in", "since", "by", "until", "till", "through", "during"),
        *("before", "after", "from", "early", "late", "mid-", "of"),
    ),
    "weekday_rel": ("last", "next", "this"),
    "weekday": ("on", "since", "until", "by", "from", "late", "early", CALENDAR),
    "relative_day": ("the", "today", "yesterday", "tomorrow", "tonight", "last", "this"),
    "ago": (DIGIT, *_NUMBER_WORDS, "a", "an"),
    "relative_period": ("earlier", "later", "early", "late", "mid-", "the", "last", "this", "next", "previous"),
    "duration": (DIGIT, *_NUMBER_WORDS),
    "time": (DIGIT,),
    "vague": ("at",),
}
# A digit that starts a word; the first letter of a month or weekday name.
_DIGIT_START = re.compile(r"\d(?<!\w\d)")
_CALENDAR_START = re.compile(
    r"J(?=an|u[nl])|F(?=eb|ri)|M(?=ar|ay|on)|A(?=pr|ug)|S(?=ep|at|un)|O(?=ct)|N(?=ov)|D(?=ec)|T(?=ue|hu)|W(?=ed)"
)
_DIGIT_RULES = tuple(rule for rule, starts in RULE_STARTS.items() if DIGIT in starts)
_CALENDAR_RULES = tuple(rule for rule, starts in RULE_STARTS.items() if CALENDAR in starts)
_WORD_RULES: dict[str, tuple[str, ...]] = {
    word: tuple(rule for rule, starts in RULE_STARTS.items() if word in starts)
    for word in sorted({word for starts in RULE_STARTS.values() for word in starts} - {DIGIT, CALENDAR})
}
_ANY_WORD_RULES = tuple(rule for rule, starts in RULE_STARTS.items() if set(starts) - {DIGIT, CALENDAR})
# Longest first, so the word found is the longest that the text begins with.
_WORD_START = re.compile(
    r"\b(?i:" + "|".join(re.escape(w) for w in sorted(_WORD_RULES, key=lambda w: (-len(w), w))) + ")"
)
_WORD_RUN = re.compile(r"\w+")
_LONGEST_WORD = max(len(word) for word in _WORD_RULES)
# The first `_LONGEST_WORD` characters of a run of word characters -> what
# `_WORD_START` matches at its start (None for nothing), for `word_starts`.
_WORD_AT: dict[str, str | None] = {}
# The text begins with every word that begins the longest one it begins with
# ("later" holds "late"): the rules of a word and of its shorter words.
_PREFIX_RULES = {
    word: tuple(rule for rule in RULE_STARTS if any(word.startswith(w) and rule in _WORD_RULES[w] for w in _WORD_RULES))
    for word in _WORD_RULES
}


def has_known_starts(rule: str, pattern: re.Pattern[str]) -> bool:
    """Whether `RULE_STARTS` says where `pattern`'s matches begin: it is the rule's default regex."""
    return rule in RULE_STARTS and pattern.pattern == DEFAULT_DATE_PATTERNS.get(rule)


def rule_starts(text: str) -> dict[str, list[int]]:
    """Every position where a match of a `RULE_STARTS` rule can begin.

    text (str): The text the rules scan.
    RETURNS (dict[str, list[int]]): Rule name → positions, ascending (rules
        that cannot match anywhere are left out).
    """
    found: dict[str, set[int]] = {}
    for kind_rules, pattern in ((_DIGIT_RULES, _DIGIT_START), (_CALENDAR_RULES, _CALENDAR_START)):
        positions = [match.start() for match in pattern.finditer(text)]
        for rule in kind_rules:
            found.setdefault(rule, set()).update(positions)
    for position, word in word_starts(text):
        # A word matched by a case folding that `lower()` does not undo ("ſince", "İn"): any word rule may.
        rules = _PREFIX_RULES.get(word.lower(), _ANY_WORD_RULES)
        for rule in rules:
            found.setdefault(rule, set()).add(position)
    return {rule: sorted(positions) for rule, positions in found.items()}


def word_starts(text: str) -> Iterator[tuple[int, str]]:
    """What `_WORD_START.finditer(text)` finds, as (position, matched text), at a fraction of its cost.

    Every rule word starts with a letter, so a match begins where a run of word
    characters does (that is what its `\\b` says), and what it matches there
    depends on the next `_LONGEST_WORD` characters alone: those are looked up
    once per spelling instead of trying forty words at every position.

    text (str): The text the rules scan.
    YIELDS (tuple[int, str]): Where each match starts and its text, left to right, none overlapping.
    """
    end = 0
    for run in _WORD_RUN.finditer(text):
        position = run.start()
        if position < end:  # as `finditer`: no match overlaps the one before
            continue
        head = text[position : position + _LONGEST_WORD]
        if head not in _WORD_AT:
            if len(_WORD_AT) >= 65536:
                _WORD_AT.clear()
            match = _WORD_START.match(head)
            _WORD_AT[head] = match.group() if match else None
        word = _WORD_AT[head]
        if word is not None:
            end = position + len(word)
            yield position, word


def matches_at(pattern: re.Pattern[str], text: str, positions: Iterable[int]) -> Iterator[re.Match[str]]:
    """The matches `pattern.finditer(text)` finds, trying `pattern` only at `positions`.

    pattern (re.Pattern[str]): A rule that cannot match an empty string.
    text (str): The text.
    positions (Iterable[int]): Ascending; every position where a match can begin.
    YIELDS (re.Match[str]): The matches, left to right, none overlapping another.
    """
    end = 0
    for position in positions:
        if position >= end:
            match = pattern.match(text, position)
            if match is not None:
                end = match.end()
                yield match


class Resolution(NamedTuple):
    """A normalized value: ISO text, granularity, method, and whether it used the reference date."""

    value: str
    granularity: str
    method: str
    relative: bool


def compile_patterns(patterns: dict[str, str]) -> dict[str, re.Pattern[str]]:
    """Compile date rules, rejecting names no resolver knows.

    patterns (dict[str, str]): rule name → regex.
    RETURNS (dict[str, re.Pattern[str]]): compiled rules.
    """
    unknown = sorted(set(patterns) - set(RESOLVERS))
    if unknown:
        raise ValueError(f"Date rule names {unknown} are invalid; names must be one of {sorted(RESOLVERS)}.")
    return {name: re.compile(regex) for name, regex in patterns.items()}


# -- resolvers ---------------------------------------------------------------

MONTHS = {
    name: i
    for i, name in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NONE = Resolution("", "", "unresolved", False)


def _month(match: re.Match[str]) -> int:
    month = match.group("month")
    return int(month) if month.isdigit() else MONTHS[month[:3].lower()]


def _int(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def match_date(match: re.Match[str], ref: date | None, day_group: str = "day") -> date | None:
    """The date of a match with month/day groups; a missing year means the nearest past one.

    match (re.Match[str]): A rule match with "month" and day groups (and maybe "year").
    ref (date | None): The reference date, for a match without a year.
    day_group (str): The group holding the day ("day2" for a range's end).
    RETURNS (date | None): None when the year is unknown or the date does not exist.
    """
    month, day = _month(match), _int(match.group(day_group))
    year = match.groupdict().get("year")
    try:
        if year:
            return date(int(year), month, day)
        if ref is None:
            return None
        candidate = date(ref.year, month, day)
        return candidate if candidate <= ref else date(ref.year - 1, month, day)
    except ValueError:  # "February 30": the rule matched, the calendar says no
        return None


def resolve(rule: str, match: re.Match[str], ref: date | None) -> Resolution:
    """Normalize one rule match. RETURNS (Resolution): value empty when it can't be known."""
    return RESOLVERS[rule](match, ref)


def _full_day(match: re.Match[str], ref: date | None) -> Resolution:
    day = match_date(match, None)
    return Resolution(day.isoformat(), "day", "absolute", False) if day else NONE


def _partial_day(match: re.Match[str], ref: date | None) -> Resolution:
    day = match_date(match, ref)
    return Resolution(day.isoformat() if day else "", "day", "relative", True)


def _day_rel_year(match: re.Match[str], ref: date | None) -> Resolution:
    if ref is None:
        return Resolution("", "day", "relative", True)
    shift = {"last": -1, "this": 0, "next": 1}[match.group("rel").lower()]
    try:
        value = date(ref.year + shift, _month(match), _int(match.group("day"))).isoformat()
    except ValueError:
        value = ""
    return Resolution(value, "day", "relative", True)


def _day_range(match: re.Match[str], ref: date | None) -> Resolution:
    first, last = match_date(match, ref), match_date(match, ref, "day2")
    if first is not None and last is not None and last < first:
        last = None  # "February 1-7" resolved across a year boundary: not a range we trust
    value = f"{first.isoformat()}/{last.isoformat()}" if first and last else ""
    explicit = bool(match.groupdict().get("year"))
    return Resolution(value, "range", "absolute" if explicit else "relative", not explicit)


def _year_range(match: re.Match[str], ref: date | None) -> Resolution:
    years = [g for g in match.group("year", "year2", "year3", "year4") if g]
    return Resolution(f"{years[0]}/{years[1]}", "range", "absolute", False)


def _month_year(match: re.Match[str], ref: date | None) -> Resolution:
    return Resolution(f"{int(match.group('year')):04d}-{_month(match):02d}", "month", "absolute", False)


def _month_alone(match: re.Match[str], ref: date | None) -> Resolution:
    if ref is None:
        return Resolution("", "month", "relative", True)
    month = _month(match)
    year = ref.year if month <= ref.month else ref.year - 1
    return Resolution(f"{year:04d}-{month:02d}", "month", "relative", True)


def _year(match: re.Match[str], ref: date | None) -> Resolution:
    return Resolution(match.group("year"), "year", "absolute", False)


def _weekday(match: re.Match[str], ref: date | None) -> Resolution:
    name = (match.groupdict().get("weekday") or match.group("weekday2")).lower()
    rel = (match.groupdict().get("rel") or "").lower()
    if ref is None:
        return Resolution("", "day", "weekday", True)
    back = (ref.weekday() - WEEKDAYS.index(name)) % 7
    if rel == "last" and back == 0:
        back = 7
    elif rel == "next":
        back = -((WEEKDAYS.index(name) - ref.weekday()) % 7 or 7)
    elif rel == "this":
        back = ref.weekday() - WEEKDAYS.index(name)  # same ISO week
    return Resolution((ref - timedelta(days=back)).isoformat(), "day", "weekday", True)


_DAY_WORDS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
}


def _relative_day(match: re.Match[str], ref: date | None) -> Resolution:
    if ref is None:
        return Resolution("", "day", "relative", True)
    shift = _DAY_WORDS[" ".join(match.group("word").lower().split())]
    return Resolution((ref + timedelta(days=shift)).isoformat(), "day", "relative", True)


def _shifted(ref: date, unit: str, n: int) -> Resolution:
    """`ref` moved by n units, at that unit's granularity (week → ISO week)."""
    if unit == "day":
        return Resolution((ref + timedelta(days=n)).isoformat(), "day", "relative", True)
    if unit == "week":
        year, week, _ = (ref + timedelta(weeks=n)).isocalendar()
        return Resolution(f"{year:04d}-W{week:02d}", "week", "relative", True)
    if unit == "month":
        moved = ref + relativedelta(months=n)
        return Resolution(f"{moved.year:04d}-{moved.month:02d}", "month", "relative", True)
    return Resolution(f"{ref.year + n:04d}", "year", "relative", True)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else NUMBER_WORDS[text.lower()]


def _ago(match: re.Match[str], ref: date | None) -> Resolution:
    unit = match.group("unit").lower()
    if ref is None:
        return Resolution("", unit, "relative", True)
    sign = -1 if match.group("dir").lower() == "ago" else 1
    return _shifted(ref, unit, sign * _number(match.group("num")))


def _relative_period(match: re.Match[str], ref: date | None) -> Resolution:
    unit = match.group("unit").lower()
    if ref is None:
        return Resolution("", unit, "relative", True)
    shift = {"last": -1, "previous": -1, "this": 0, "next": 1}[match.group("rel").lower()]
    return _shifted(ref, unit, shift)


_DURATION_UNITS = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W", "month": "M", "year": "Y"}


def _duration(match: re.Match[str], ref: date | None) -> Resolution:
    n, unit = _number(match.group("num")), match.group("unit").lower()
    if unit == "decade":
        n, unit = n * 10, "year"
    code = _DURATION_UNITS[unit]
    return Resolution(f"P{code[0] if len(code) > 1 else ''}{n}{code[-1]}", "duration", "absolute", False)


def _time(match: re.Match[str], ref: date | None) -> Resolution:
    hour, minute = int(match.group("hour")) % 12, int(match.group("minute") or 0)
    if match.group("ampm").lower().startswith("p"):
        hour += 12
    return Resolution(f"T{hour:02d}:{minute:02d}", "time", "absolute", False)


def _vague(match: re.Match[str], ref: date | None) -> Resolution:
    return NONE


RESOLVERS: dict[str, Callable[[re.Match[str], date | None], Resolution]] = {
    "iso": _full_day,
    "month_day_year": _full_day,
    "day_month_year": _full_day,
    "month_day_range": _day_range,
    "day_range_month": _day_range,
    "year_range": _year_range,
    "month_day_rel_year": _day_rel_year,
    "month_day": _partial_day,
    "day_month": _partial_day,
    "month_year": _month_year,
    "month_alone": _month_alone,
    "year": _year,
    "weekday_rel": _weekday,
    "weekday": _weekday,
    "relative_day": _relative_day,
    "ago": _ago,
    "relative_period": _relative_period,
    "duration": _duration,
    "time": _time,
    "vague": _vague,
}
