"""extractor_dates: date and time expressions, normalized to ISO 8601.

Rules (regular expressions over `doc.text`) find the expressions, so dates
work with any model, including one without DATE entities; DATE/TIME entities
the rules missed are added with method "ner". This table is those entities'
only home (`extractor_mentions` leaves them out), so a model's date is found
once, by a rule or by itself, and never lost. Only what a rule (or the model)
matched is normalized, and relative expressions resolve against the document's
reference date, never against today: without a reference date their value
stays empty. The rules and the resolvers that normalize their matches are in
`date_rules.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

from spacy.tokens import Doc, Span

from extractor import ids
from extractor.components.extensions import ensure_extensions, set_rows
from extractor.components.rules.cues import doc_cache, doc_text
from extractor.components.rules.date_patterns import (
    DEFAULT_DATE_PATTERNS,
    RESOLVERS,
    Resolution,
    compile_patterns,
    has_known_starts,
    match_date,
    matches_at,
    resolve,
    rule_starts,
)
from extractor.types import DateRow


class DatesComponent:
    """Store date expressions as `DateRow`s on `doc._.extractor_dates` and spans on `doc.spans["extractor_dates"]`.

    DOCS: README.md#dates
    """

    def __init__(
        self, *, name: str = "extractor_dates", reference_date: str = "", patterns: dict[str, str] | None = None
    ) -> None:
        """Initialize the component.

        name (str): component name in the pipeline.
        reference_date (str): ISO date that overrides every document's own ("" = use the doc's).
        patterns (dict[str, str] | None): rule name → regex (`extractor.date_patterns.v1`).
        """
        ensure_extensions()
        self.name = name
        self.reference_date = reference_date
        self.patterns = compile_patterns(patterns or DEFAULT_DATE_PATTERNS)

    def __call__(self, doc: Doc) -> Doc:
        """Find the dates of `doc` and store them. RETURNS (Doc): the same doc."""
        with doc_cache(doc):
            rows = list(find_dates(doc, reference_date=self.reference_date, patterns=self.patterns))
        self.set_annotations(doc, rows)
        return doc

    def set_annotations(self, doc: Doc, rows: list[DateRow]) -> None:
        """Store `rows` on `doc._.extractor_dates` and as spans (value in `kb_id_`) on `doc.spans["extractor_dates"]`."""
        set_rows(doc, "dates", rows)
        offset, spans = ids.offset_of(doc), []
        for row in rows:
            span = doc.char_span(
                row.start_char - offset, row.end_char - offset, label="DATE", kb_id=row.value, alignment_mode="expand"
            )
            if span is not None:
                spans.append(span)
        doc.spans["extractor_dates"] = spans


def find_dates(
    doc: Doc, *, reference_date: str = "", patterns: dict[str, re.Pattern[str]] | None = None
) -> Iterator[DateRow]:
    """Yield the date expressions of `doc`, normalized, in text order.

    doc (Doc): a document; its DATE/TIME entities are used when the rules miss them.
    reference_date (str): ISO date overriding `ids.reference_date_of(doc)` and the dateline.
    patterns (dict[str, re.Pattern[str]] | None): compiled rules; the defaults if None.
    YIELDS (DateRow): one per expression, absolute offsets.
    """
    compiled = patterns or compile_patterns(DEFAULT_DATE_PATTERNS)
    ref = reference_of(doc, reference_date, compiled)
    matches = select_matches(rule_matches(doc_text(doc), compiled))
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
        text=doc_text(doc)[start:end],
        start_char=start + offset,
        end_char=end + offset,
        value=res.value,
        granularity=res.granularity if res.value else "",
        anchor=anchor,
        method=res.method,
    )


def rule_matches(text: str, patterns: dict[str, re.Pattern[str]]) -> Iterator[tuple[int, int, str, re.Match[str]]]:
    """Every match of every rule, as (start, end, rule, match); "expr" groups narrow the span.

    A rule with its default regex is tried only where its matches can begin
    (`date_patterns.rule_starts`): the same matches, at a third of the cost.
    """
    starts: dict[str, list[int]] | None = None
    for rule, pattern in patterns.items():
        if has_known_starts(rule, pattern):
            starts = rule_starts(text) if starts is None else starts
            found = matches_at(pattern, text, starts.get(rule, ()))
        else:
            found = pattern.finditer(text)
        for match in found:
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
    return dateline_date(doc_text(doc)[:300], patterns)


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
                return match_date(match, None)
    return None


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
    first, second = (_parse(text, base) for base in _PROBE_BASES)
    if first is None or second is None or _echoes_base(text, [first, second]):
        return Resolution("", "", "ner", False)
    if first == second:
        return Resolution(*_iso(*first), "ner", False)
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
