"""extractor_dates: date and time expressions, normalized to ISO 8601.

Rules (regular expressions over `doc.text`) find the expressions, so dates
work with any model, including one without DATE entities; DATE/TIME entities
the rules missed are added with method "ner". Only what a rule (or the model)
matched is normalized, and relative expressions resolve against the document's
reference date, never against today: without a reference date their value
stays empty.

Conventions (news style): a date without a year, a bare month and a bare
weekday mean their most recent occurrence on or before the reference date;
"last week" is the ISO week before the reference date's week.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Callable, Iterator, NamedTuple

from dateutil.relativedelta import relativedelta
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from .. import ids
from ..types import DateRow
from . import ensure_extensions

# Full names first; only abbreviations take a dot, so "10 March." leaves the full stop.
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "a": 1, "an": 1,
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
    "month_alone": rf"\b(?i:in|since|until|by|during|early|late|mid-|of)\s+(?P<expr>(?P<month>(?:January|February|March|April|June|July|August|September|October|November|December)))\b(?!\s*\d)",
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


class Resolution(NamedTuple):
    """A normalized value: ISO text, granularity, method, and whether it used the reference date."""

    value: str
    granularity: str
    method: str
    relative: bool


@registry.misc("extractor.date_patterns.v1")
def date_patterns_v1() -> dict[str, str]:
    """The default date rules: rule name → regex. The names select the resolver.

    RETURNS (dict[str, str]): patterns over the raw text; a group "expr" (or
        "expr2") narrows the reported span ("on Sunday" → "Sunday").
    """
    return dict(DEFAULT_DATE_PATTERNS)


@Language.factory(
    "extractor_dates",
    assigns=["doc._.dates", "doc.spans"],
    default_config={"reference_date": "", "patterns": {"@misc": "extractor.date_patterns.v1"}},
)
def make_dates(nlp: Language, name: str, reference_date: str, patterns: dict[str, str]) -> "DatesComponent":
    """Create the date component (see `DatesComponent`)."""
    return DatesComponent(name=name, reference_date=reference_date, patterns=patterns)


class DatesComponent:
    """Store date expressions as `DateRow`s on `doc._.dates` and spans on `doc.spans["dates"]`.

    DOCS: README.md#dates
    """

    def __init__(self, *, name: str = "extractor_dates", reference_date: str = "", patterns: dict[str, str] | None = None) -> None:
        """Initialize the component.

        name (str): component name in the pipeline.
        reference_date (str): ISO date that overrides every document's own ("" = use the doc's).
        patterns (dict[str, str] | None): rule name → regex (`extractor.date_patterns.v1`).
        """
        ensure_extensions()
        self.name = name
        self.reference_date = reference_date
        self.patterns = compile_patterns(patterns or date_patterns_v1())

    def __call__(self, doc: Doc) -> Doc:
        """Find the dates of `doc` and store them. RETURNS (Doc): the same doc."""
        rows = list(find_dates(doc, reference_date=self.reference_date, patterns=self.patterns))
        self.set_annotations(doc, rows)
        return doc

    def set_annotations(self, doc: Doc, rows: list[DateRow]) -> None:
        """Store `rows` on `doc._.dates` and as spans (value in `kb_id_`) on `doc.spans["dates"]`."""
        doc._.dates = rows
        offset, spans = ids.offset_of(doc), []
        for row in rows:
            span = doc.char_span(row.start_char - offset, row.end_char - offset, label="DATE", kb_id=row.value, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["dates"] = spans


def compile_patterns(patterns: dict[str, str]) -> dict[str, re.Pattern[str]]:
    """Compile date rules, rejecting names no resolver knows.

    patterns (dict[str, str]): rule name → regex.
    RETURNS (dict[str, re.Pattern[str]]): compiled rules.
    """
    unknown = sorted(set(patterns) - set(RESOLVERS))
    if unknown:
        raise ValueError(f"Date rule names {unknown} are invalid; names must be one of {sorted(RESOLVERS)}.")
    return {name: re.compile(regex) for name, regex in patterns.items()}


def find_dates(
    doc: Doc, *, reference_date: str = "", patterns: dict[str, re.Pattern[str]] | None = None
) -> Iterator[DateRow]:
    """Yield the date expressions of `doc`, normalized, in text order.

    doc (Doc): a document; its DATE/TIME entities are used when the rules miss them.
    reference_date (str): ISO date overriding `ids.reference_date_of(doc)` and the dateline.
    patterns (dict[str, re.Pattern[str]] | None): compiled rules; the defaults if None.
    YIELDS (DateRow): one per expression, absolute offsets.
    """
    compiled = patterns or compile_patterns(date_patterns_v1())
    ref = reference_of(doc, reference_date, compiled)
    matches = select_matches(rule_matches(doc.text, compiled))
    found = [(start, end, resolve(rule, match, ref)) for start, end, rule, match in matches]
    found += [(ent.start_char, ent.end_char, resolve_ner(ent.text, ref)) for ent in ner_only(doc, matches)]
    for start, end, res in sorted(found, key=lambda f: (f[0], f[1])):
        yield date_row(doc, start, end, res, ref)


def date_row(doc: Doc, start: int, end: int, res: Resolution, ref: date | None) -> DateRow:
    """Build a DateRow from doc-relative offsets and a resolution."""
    offset = ids.offset_of(doc)
    anchor = ref.isoformat() if (res.relative and ref is not None and res.value) else ""
    return DateRow(
        date_id=ids.span_id(doc, start + offset, end + offset),
        doc_id=ids.doc_id_of(doc),
        text=doc.text[start:end],
        start_char=start + offset,
        end_char=end + offset,
        value=res.value,
        granularity=res.granularity if res.value else "",
        anchor=anchor,
        method=res.method,
    )


def rule_matches(text: str, patterns: dict[str, re.Pattern[str]]) -> Iterator[tuple[int, int, str, re.Match[str]]]:
    """Every match of every rule, as (start, end, rule, match); "expr" groups narrow the span."""
    for rule, pattern in patterns.items():
        for match in pattern.finditer(text):
            group = next((g for g in ("expr", "expr2") if match.groupdict().get(g)), 0)
            yield match.start(group), match.end(group), rule, match


def select_matches(matches: Iterator[tuple[int, int, str, re.Match[str]]]) -> list[tuple[int, int, str, re.Match[str]]]:
    """Longest non-overlapping matches, leftmost first (rule order breaks ties)."""
    order = {rule: i for i, rule in enumerate(RESOLVERS)}
    ranked = sorted(matches, key=lambda m: (-(m[1] - m[0]), m[0], order[m[2]]))
    chosen: list[tuple[int, int, str, re.Match[str]]] = []
    for candidate in ranked:
        if all(candidate[1] <= c[0] or c[1] <= candidate[0] for c in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda m: m[0])


def ner_only(doc: Doc, matches: list[tuple[int, int, str, re.Match[str]]]) -> list[Span]:
    """DATE/TIME entities that no rule match overlaps."""
    return [
        ent
        for ent in doc.ents
        if ent.label_ in ("DATE", "TIME") and all(ent.end_char <= s or e <= ent.start_char for s, e, _, _ in matches)
    ]


# -- reference date -----------------------------------------------------------

_DATELINE_RULES = ("month_day_year", "day_month_year", "iso")


def reference_of(doc: Doc, override: str, patterns: dict[str, re.Pattern[str]]) -> date | None:
    """The date relative expressions resolve against: override, the doc's, or its dateline.

    doc (Doc): the document.
    override (str): ISO date from the component config ("" for none).
    patterns (dict[str, re.Pattern[str]]): compiled rules (for the dateline).
    RETURNS (date | None): None when no reference date is known.
    """
    for candidate in (override, ids.reference_date_of(doc)):
        if candidate:
            return date.fromisoformat(candidate[:10])
    return dateline_date(doc.text[:300], patterns)


def dateline_date(head: str, patterns: dict[str, re.Pattern[str]]) -> date | None:
    """A full date in a dateline ("WASHINGTON, March 3, 2024 —") or alone on a line near the top.

    head (str): the first characters of the document.
    patterns (dict[str, re.Pattern[str]]): compiled rules.
    RETURNS (date | None): the date, or None.
    """
    for rule in _DATELINE_RULES:
        for match in patterns[rule].finditer(head) if rule in patterns else ():
            line_start = head.rfind("\n", 0, match.start()) + 1
            line_end = head.find("\n", match.end())
            rest = head[line_start : match.start()] + head[match.end() : line_end if line_end >= 0 else len(head)]
            dateline = re.match(r"\s*[-\u2010-\u2015]{1,2}\s", head[match.end() :]) is not None
            if dateline or len(rest.split()) <= 4:
                return _day(match, None)
    return None


# -- resolvers ---------------------------------------------------------------

MONTHS = {name: i for i, name in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NONE = Resolution("", "", "unresolved", False)


def _month(match: re.Match[str]) -> int:
    month = match.group("month")
    return int(month) if month.isdigit() else MONTHS[month[:3].lower()]


def _int(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _day(match: re.Match[str], ref: date | None, day_group: str = "day") -> date | None:
    """The date of a match with month/day groups; a missing year means the nearest past one."""
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
    day = _day(match, None)
    return Resolution(day.isoformat(), "day", "absolute", False) if day else NONE


def _partial_day(match: re.Match[str], ref: date | None) -> Resolution:
    day = _day(match, ref)
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
    first, last = _day(match, ref), _day(match, ref, "day2")
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


_DAY_WORDS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
              "yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2}


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


# -- model-only finds ----------------------------------------------------------

_PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year", "time": "time"}
_PROBE_BASES = (datetime(2001, 6, 15, 12), datetime(2011, 3, 9, 12))


def resolve_ner(text: str, ref: date | None) -> Resolution:
    """Normalize a DATE/TIME entity no rule matched, with dateparser (deterministically).

    The text is parsed against two fixed bases: if both agree it is absolute;
    if not it is relative and needs `ref` (never today's date).

    text (str): the entity text.
    ref (date | None): the reference date.
    RETURNS (Resolution): method "ner"; value empty when not parseable or not anchored.
    """
    probes = [_parse(text, base) for base in _PROBE_BASES]
    if probes[0] is None or probes[1] is None or _echoes_base(text, probes):
        return Resolution("", "", "ner", False)
    if probes[0] == probes[1]:
        return Resolution(*_iso(*probes[0]), "ner", False)
    if ref is None:
        return Resolution("", "", "ner", True)
    anchored = _parse(text, datetime(ref.year, ref.month, ref.day, 12))
    return Resolution(*_iso(*anchored), "ner", True) if anchored else Resolution("", "", "ner", True)


def _echoes_base(text: str, probes: list[tuple[datetime, str]]) -> bool:
    """Whether dateparser just returned its base date: it understood nothing ("the 1990s")."""
    same = all(moment.date() == base.date() for (moment, _), base in zip(probes, _PROBE_BASES))
    return same and re.search(r"(?i)\b(?:today|tonight|now)\b", text) is None


def _parse(text: str, base: datetime) -> tuple[datetime, str] | None:
    import dateparser  # slow to import; only model-only finds need it

    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    data = dateparser.DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj, data.period or "day"


def _iso(moment: datetime, period: str) -> tuple[str, str]:
    if period == "year":
        return f"{moment.year:04d}", "year"
    if period == "month":
        return f"{moment.year:04d}-{moment.month:02d}", "month"
    if period == "week":
        year, week, _ = moment.isocalendar()
        return f"{year:04d}-W{week:02d}", "week"
    if period == "time":
        return moment.isoformat(timespec="minutes"), "time"
    return moment.date().isoformat(), "day"
