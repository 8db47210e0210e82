"""The statements a PolNeAR score compares, and how gold and predictions pair.

A gold statement is one PolNeAR attribution's content (`GoldAttribution`,
read by `evaluation.polnear`); a predicted one is a run's `quotes` statement
or a `claims` row (`read_predictions`). Both may be discontinuous: an
attribution's content skips the words of its attribution (`“…,” he said.
“…”`), and so does a statement the tool writes as several `quotes` rows
sharing a `statement_id`.

A prediction covers a gold content when its fragments hold at least
`MIN_COVERAGE` of the content's characters; pairs are matched one-to-one,
greedily by coverage (`match_statements`). The exact match needs identical
outer boundaries once quote marks, punctuation, spaces and a leading "that"
are trimmed (`match_exact`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from extractor.evaluation.statement_kinds import kind_of, quoted_mask
from extractor.outputs.loading import load

MIN_COVERAGE = 0.5
TRIM = " \t\r\n\"'“”‘’`«»„.,;:!?…—–-()[]"
_LEADING_THAT = re.compile(r"(?i)that\s")

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    """One PolNeAR attribution, with its content located in the article.

    doc_id (str): The article's file name, `NAME.txt`.
    attribution_id (str): The brat event id (`E3`).
    annotator (str): The annotator whose file it comes from.
    kind (str): direct, mixed or indirect (see `kind_of`).
    fragments (Fragments): Content character spans, in order.
    source_text (str): The source as written; empty when it has none.
    source_span (tuple[int, int] | None): Outer offsets of the source.
    cue (str): The cue as written.
    cue_start (int | None): Offset of the cue.
    """

    doc_id: str
    attribution_id: str
    annotator: str
    kind: str
    fragments: Fragments
    source_text: str = ""
    source_span: tuple[int, int] | None = None
    cue: str = ""
    cue_start: int | None = None

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]

    @property
    def has_source(self) -> bool:
        return bool(self.source_text.strip())

    @property
    def n_chars(self) -> int:
        return _n_chars(self.fragments)


@dataclass(frozen=True)
class PredictedStatement:
    """One attributed statement of a run: the `quotes` rows of one
    `statement_id` (one row, or the fragments of an interrupted quote), or
    one `claims` row.

    doc_id (str): The document id of the run.
    start (int): Start offset of the first fragment.
    end (int): End offset (exclusive) of the last fragment.
    kind (str): direct, mixed or indirect by `kind_of` on the fragments.
    table (str): "quotes" or "claims".
    label (str): The (first) row's own kind column.
    speaker_text (str): The speaker or source as written.
    speaker_names (tuple[str, ...]): Entity and actor names it resolves to.
    fragments (Fragments): The spans of its rows, in order; left empty, it
        is the one span `(start, end)`.
    """

    doc_id: str
    start: int
    end: int
    kind: str
    table: str
    label: str
    speaker_text: str = ""
    speaker_names: tuple[str, ...] = ()
    fragments: Fragments = ()

    def __post_init__(self) -> None:
        if not self.fragments:
            object.__setattr__(self, "fragments", ((self.start, self.end),))

    @property
    def n_chars(self) -> int:
        return _n_chars(self.fragments)


@dataclass(frozen=True)
class Match:
    """One matched pair: indices into the gold and predicted lists.

    gold (int): Index of the gold attribution.
    predicted (int): Index of the prediction.
    coverage (float): Share of the gold content's characters it covers.
    """

    gold: int
    predicted: int
    coverage: float


def _n_chars(fragments: Fragments) -> int:
    return sum(end - start for start, end in fragments)


# Reading a run ---------------------------------------------------------------


def read_predictions(out_dir: str | Path, texts: dict[str, str]) -> list[PredictedStatement]:
    """The attributed statements of a run over a split's texts.

    out_dir (str | Path): Output folder of `extractor run` (quotes; claims,
        entities and actors when present; CSV or Parquet).
    texts (dict[str, str]): Texts by gold doc_id; rows of other documents
        are left out.
    RETURNS (list[PredictedStatement]): One statement per `statement_id` of
        the quotes (its rows as fragments; a row with an empty statement_id
        stands alone), and every claims row with a source and no quote_id
        whose span is not also a quote row's.
    RAISES MissingTableError: When the folder has no quotes table.
    """
    tables = load(out_dir, required=("quotes",))
    names = _resolved_names(tables.entities, tables.actors)
    masks = {doc_id: quoted_mask(text) for doc_id, text in texts.items()}
    found: list[PredictedStatement] = []
    for rows in statement_groups(tables.quotes.to_dict("records")):
        found.extend(_statement(rows, "quotes", "speaker", texts, masks, names))
    quoted = {(p.doc_id, *fragment) for p in found for fragment in p.fragments}
    for row in tables.claims.to_dict("records"):
        if str(row["source_text"]).strip() and not str(row["quote_id"]).strip():
            found.extend(_statement([row], "claims", "source", texts, masks, names, quoted))
    return found


def statement_groups(rows: Sequence[dict]) -> list[list[dict]]:
    """Group quotes rows into statements: rows of one document sharing a
    non-empty `statement_id` are the fragments of one interrupted quote.

    rows (Sequence[dict]): Quotes rows, as read from a run.
    RETURNS (list[list[dict]]): The groups, each sorted by offset, in the
        order their first row comes.
    """
    groups: dict[tuple[str, str], list[dict]] = {}
    for i, row in enumerate(rows):
        key = str(row.get("statement_id", "")).strip() or f"row {i}"
        groups.setdefault((str(row["doc_id"]), key), []).append(row)
    return [sorted(group, key=lambda r: (int(r["start_char"]), int(r["end_char"]))) for group in groups.values()]


def _statement(
    rows: list[dict],
    table: str,
    role: str,
    texts: dict[str, str],
    masks: dict[str, bytearray],
    names: dict[str, tuple[str, ...]],
    skip: frozenset | set = frozenset(),
) -> list[PredictedStatement]:
    # One statement from its rows ([] when its document is not in the split,
    # or a lone row repeats a quote's span); the speaker columns are
    # `{role}_text` etc., taken from the first row that has a speaker.
    doc_id = _gold_doc_id(str(rows[0]["doc_id"]), texts)
    fragments = tuple((int(r["start_char"]), int(r["end_char"])) for r in rows)
    if doc_id is None or (len(rows) == 1 and (doc_id, *fragments[0]) in skip):
        return []
    speaker = next((r for r in rows if str(r[f"{role}_text"]).strip()), rows[0])
    return [
        PredictedStatement(
            doc_id=doc_id,
            start=fragments[0][0],
            end=fragments[-1][1],
            kind=kind_of(texts[doc_id], fragments, masks[doc_id]),
            table=table,
            label=str(rows[0]["kind"]),
            speaker_text=str(speaker[f"{role}_text"]),
            speaker_names=names.get(str(speaker[f"{role}_entity_id"]), ()),
            fragments=fragments,
        )
    ]


def _gold_doc_id(doc_id: str, texts: dict[str, str]) -> str | None:
    # A run over a folder above the texts names them "texts/NAME.txt".
    if doc_id in texts:
        return doc_id
    tail = doc_id.rsplit("/", 1)[-1]
    return tail if tail in texts else None


def _resolved_names(entities, actors) -> dict[str, tuple[str, ...]]:
    # entity_id → (entity name, actor name) where known.
    actor_names = {str(a): str(n) for a, n in zip(actors["actor_id"], actors["name"])}
    return {
        str(e): tuple(x for x in (str(n), actor_names.get(str(a), "")) if x)
        for e, n, a in zip(entities["entity_id"], entities["name"], entities["actor_id"])
    }


# Matching ----------------------------------------------------------------------


def coverage(gold: GoldAttribution, fragments: Fragments) -> float:
    """Share of the gold content's characters inside the predicted fragments.

    gold (GoldAttribution): The gold attribution (all its fragments count).
    fragments (Fragments): The predicted spans (not overlapping each other).
    RETURNS (float): From 0 to 1.
    """
    shared = sum(max(0, min(e, end) - max(s, start)) for s, e in gold.fragments for start, end in fragments)
    return shared / gold.n_chars if gold.n_chars else 0.0


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without the spaces, quote marks and punctuation at its ends,
    nor a leading complementizer "that" (PolNeAR's contents include it, the
    tool's reported clauses start after it).

    text (str): The document's text.
    start (int): Span start.
    end (int): Span end.
    RETURNS (tuple[int, int]): The trimmed span (empty spans keep `start`).
    """
    while start < end and text[start] in TRIM:
        start += 1
    if _LEADING_THAT.match(text, start, end):
        start += 4
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def match_statements(
    gold: Sequence[GoldAttribution], predicted: Sequence[PredictedStatement], min_coverage: float = MIN_COVERAGE
) -> list[Match]:
    """Pair gold and predicted statements one-to-one, greedily.

    Candidate pairs (same document, coverage ≥ `min_coverage`) are taken by
    descending coverage, then by the share of the prediction that is gold
    content, then by position, so the result does not depend on row order.

    gold (Sequence[GoldAttribution]): Gold attributions.
    predicted (Sequence[PredictedStatement]): Predictions.
    min_coverage (float): Least share of the gold content to cover.
    RETURNS (list[Match]): The pairs, sorted by gold index.
    """
    by_doc: dict[str, list[int]] = {}
    for pi, p in enumerate(predicted):
        by_doc.setdefault(p.doc_id, []).append(pi)
    candidates = []
    for gi, g in enumerate(gold):
        for pi in by_doc.get(g.doc_id, ()):
            p = predicted[pi]
            cov = coverage(g, p.fragments)
            if cov >= min_coverage and cov > 0:
                purity = cov * g.n_chars / max(p.n_chars, 1)
                candidates.append((-cov, -purity, g.doc_id, g.start, p.start, p.end, gi, pi))
    return _greedy(sorted(candidates), lambda c: Match(c[6], c[7], -c[0]))


def match_exact(
    gold: Sequence[GoldAttribution], predicted: Sequence[PredictedStatement], texts: dict[str, str]
) -> list[Match]:
    """Pair gold and predicted statements whose trimmed boundaries are equal.

    A discontinuous statement, gold or predicted, is compared by its outer
    boundaries (first fragment's start, last fragment's end).

    gold (Sequence[GoldAttribution]): Gold attributions.
    predicted (Sequence[PredictedStatement]): Predictions.
    texts (dict[str, str]): Texts by doc_id.
    RETURNS (list[Match]): One-to-one pairs, sorted by gold index.
    """
    by_span: dict[tuple[str, int, int], list[int]] = {}
    for pi, p in enumerate(predicted):
        by_span.setdefault((p.doc_id, *trimmed(texts[p.doc_id], p.start, p.end)), []).append(pi)
    candidates: list[tuple[str, int, int, int]] = []
    for gi, g in enumerate(gold):
        key = (g.doc_id, *trimmed(texts[g.doc_id], g.start, g.end))
        candidates.extend((g.doc_id, g.start, pi, gi) for pi in by_span.get(key, ()))
    return _greedy(sorted(candidates), lambda c: Match(c[3], c[2], 1.0))


def _greedy(candidates: list, make) -> list[Match]:
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for candidate in candidates:
        pair = make(candidate)
        if pair.gold not in used_gold and pair.predicted not in used_predicted:
            used_gold.add(pair.gold)
            used_predicted.add(pair.predicted)
            pairs.append(pair)
    return sorted(pairs, key=lambda m: m.gold)
