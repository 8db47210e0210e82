"""Score the quotes table against an annotated folder.

Gold format (easy to write and review, no offsets): `GOLD/texts/*.txt` and
`GOLD/gold.jsonl`, one quote per line:

    {"doc_id": "01_council.txt", "kind": "direct", "text": "…", "speaker": "Maria Lopez",
     "speaker_text": "she", "occurrence": 1}

`text` is found by string search in the document (`occurrence`, 1-based,
picks among repeats); `speaker` is the canonical name and `speaker_text` (the
form written next to the quote, default `speaker`) is located nearest to the
quote. A predicted quote matches a gold one of the same kind in the same doc
when they overlap by at least `MIN_OVERLAP` of the longer span.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import ExtractorError

MIN_OVERLAP = 0.5
KINDS = ("direct", "indirect", "mixed")


@dataclass(frozen=True)
class GoldQuote:
    doc_id: str
    kind: str
    start: int
    end: int
    speaker: str = ""
    speaker_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class PredictedQuote:
    doc_id: str
    kind: str
    start: int
    end: int
    speaker_text: str = ""
    speaker_span: tuple[int, int] | None = None
    speaker_name: str = ""


@dataclass
class PRF:
    """Counts of one kind. tp/fp/fn (int): matched, spurious, missed quotes."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class QuoteScores:
    """Span scores per kind and overall, and speaker accuracy over matches."""

    kinds: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in KINDS})
    speaker_correct: int = 0
    speaker_total: int = 0

    @property
    def overall(self) -> PRF:
        return PRF(*(sum(getattr(p, a) for p in self.kinds.values()) for a in ("tp", "fp", "fn")))

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.speaker_total if self.speaker_total else 0.0


def evaluate_quotes(gold: Path, out: Path) -> QuoteScores:
    """Score `OUT/quotes.csv` against the annotated folder `gold`.

    gold (Path): Folder with `texts/` and `gold.jsonl`.
    out (Path): Output folder of a run (quotes.csv; entities.csv if present).
    RETURNS (QuoteScores): The scores.
    """
    return score_quotes(read_gold(Path(gold)), read_predictions(Path(out)))


def read_gold(folder: Path) -> list[GoldQuote]:
    """Gold quotes of `folder`, located by string search. RETURNS (list[GoldQuote])."""
    missing = [name for name in ("gold.jsonl", "texts/") if not (folder / name).exists()]
    if missing:
        raise ExtractorError("E403", path=folder, missing=" and ".join(missing))
    texts: dict[str, str] = {}
    found = []
    for line in (folder / "gold.jsonl").read_text(encoding="utf8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        doc_id = item["doc_id"]
        text = texts.setdefault(doc_id, (folder / "texts" / doc_id).read_text(encoding="utf8"))
        found.append(locate(text, item))
    return found


def locate(text: str, item: dict) -> GoldQuote:
    """Character offsets of one gold item in its document's `text`."""
    start = -1
    for _ in range(item.get("occurrence", 1)):
        start = text.find(item["text"], start + 1)
        if start < 0:
            raise ValueError(f"gold text not found in {item['doc_id']}: {item['text'][:60]!r}")
    end = start + len(item["text"])
    speaker = item.get("speaker", "")
    return GoldQuote(
        item["doc_id"], item["kind"], start, end, speaker, _nearest(text, item.get("speaker_text", speaker), start, end)
    )


def _nearest(text: str, needle: str, start: int, end: int) -> tuple[int, int] | None:
    # The written speaker form closest to the quote (before or after it).
    if not needle:
        return None
    hits, at = [], text.find(needle)
    while at >= 0:
        distance = start - (at + len(needle)) if at < start else at - end
        hits.append((distance if distance >= 0 else 10**9, at))
        at = text.find(needle, at + 1)
    return (min(hits)[1], min(hits)[1] + len(needle)) if hits else None


def read_predictions(out: Path) -> list[PredictedQuote]:
    """Quotes of a run's output folder, with entity names when available."""
    names = {}
    if (out / "entities.csv").exists():
        names = {r["entity_id"]: r["name"] for r in _rows(out / "entities.csv")}
    found = []
    for row in _rows(out / "quotes.csv"):
        span = None
        if row.get("speaker_start_char"):
            span = (int(row["speaker_start_char"]), int(row["speaker_end_char"]))
        found.append(
            PredictedQuote(
                row["doc_id"],
                row["kind"],
                int(row["start_char"]),
                int(row["end_char"]),
                row.get("speaker_text", ""),
                span,
                names.get(row.get("speaker_entity_id", ""), ""),
            )
        )
    return found


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf8", newline="") as handle:
        return list(csv.DictReader(handle))


def score_quotes(gold: list[GoldQuote], predicted: list[PredictedQuote]) -> QuoteScores:
    """Match predictions to gold (greedy, best overlap first) and count.

    RETURNS (QuoteScores): Per-kind counts and speaker accuracy.
    """
    scores = QuoteScores()
    pairs = sorted(
        (
            (_overlap(g, p), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(predicted)
            if _same_doc(g.doc_id, p.doc_id) and g.kind == p.kind
        ),
        reverse=True,
    )
    used_g, used_p = set(), set()
    for ratio, gi, pi in pairs:
        if ratio < MIN_OVERLAP or gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        scores.kinds.setdefault(gold[gi].kind, PRF()).tp += 1
        if gold[gi].speaker:
            scores.speaker_total += 1
            scores.speaker_correct += speaker_matches(gold[gi], predicted[pi])
    for gi in set(range(len(gold))) - used_g:
        scores.kinds.setdefault(gold[gi].kind, PRF()).fn += 1
    for pi in set(range(len(predicted))) - used_p:
        scores.kinds.setdefault(predicted[pi].kind, PRF()).fp += 1
    return scores


def _overlap(g: GoldQuote, p: PredictedQuote) -> float:
    shared = min(g.end, p.end) - max(g.start, p.start)
    return max(shared, 0) / max(g.end - g.start, p.end - p.start, 1)


def _same_doc(gold_id: str, predicted_id: str) -> bool:
    # A run over GOLD/ names docs "texts/x.txt"; over GOLD/texts/, "x.txt".
    return gold_id == predicted_id or predicted_id.endswith("/" + gold_id)


def speaker_matches(gold: GoldQuote, predicted: PredictedQuote) -> bool:
    """The predicted speaker overlaps the gold speaker span, or its resolved
    entity (or, unresolved, its text) is named like the gold speaker."""
    span = predicted.speaker_span
    if span and gold.speaker_span and span[0] < gold.speaker_span[1] and gold.speaker_span[0] < span[1]:
        return True
    name = gold.speaker.casefold()
    return bool(name) and name in (predicted.speaker_name.casefold(), predicted.speaker_text.casefold())


def format_scores(scores: QuoteScores) -> str:
    """A plain-text table of the scores (what `extractor eval quotes` prints)."""
    lines = [f"{'kind':<10}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for kind, prf in [*scores.kinds.items(), ("overall", scores.overall)]:
        lines.append(
            f"{kind:<10}{prf.precision:>7.3f}{prf.recall:>7.3f}{prf.f1:>7.3f}{prf.tp:>6}{prf.fp:>6}{prf.fn:>6}"
        )
    lines.append(f"speaker accuracy {scores.speaker_accuracy:.3f} ({scores.speaker_correct}/{scores.speaker_total})")
    return "\n".join(lines)
