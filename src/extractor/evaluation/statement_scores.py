"""Per-kind scores of a run's attributed statements against PolNeAR.

The predictions are the run's statements (see `statements.read_predictions`);
they are matched to gold contents kind-blind (`statements.match_statements`),
and each row of `ROWS` then counts its kinds: recall over gold contents of
those kinds, precision over predictions of those kinds. Gold attributions
without a source are not scored: a prediction matched to one counts neither
way. Speaker accuracy is over matched pairs (see `names_source`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from extractor.evaluation.statement_kinds import KINDS
from extractor.evaluation.statements import GoldAttribution, PredictedStatement, match_exact, match_statements

# Score rows: name → (gold kinds, predicted kinds, predictions from claims too).
ROWS = {
    "direct": (("direct",), ("direct",), True),
    "mixed": (("mixed",), ("mixed",), True),
    "indirect": (("indirect",), ("indirect",), True),
    "direct+mixed": (("direct", "mixed"), ("direct", "mixed"), True),
    "all": (KINDS, KINDS, True),
    "all (quotes only)": (KINDS, KINDS, False),
}
# Titles shared by unrelated people ("Mr. Garin", "Mr. Trump") are not names.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "jr", "sr"})
_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class KindScore:
    """Counts of one row of the table (a kind or a group of kinds).

    n_gold (int): Gold contents of the row's kinds (with a source).
    n_predicted (int): Predictions of the row's kinds (not matched to a
        gold attribution without a source).
    matched_gold (int): Gold contents matched at half coverage.
    matched_predicted (int): Predictions matched at half coverage.
    exact_gold (int): Gold contents matched with exact boundaries.
    exact_predicted (int): Predictions matched with exact boundaries.
    speaker_correct (int): Matched pairs whose speaker names the source.
    speaker_total (int): Matched pairs (of the row's gold kinds).
    """

    n_gold: int = 0
    n_predicted: int = 0
    matched_gold: int = 0
    matched_predicted: int = 0
    exact_gold: int = 0
    exact_predicted: int = 0
    speaker_correct: int = 0
    speaker_total: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.matched_predicted, self.n_predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.matched_gold, self.n_gold)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def exact_precision(self) -> float:
        return _ratio(self.exact_predicted, self.n_predicted)

    @property
    def exact_recall(self) -> float:
        return _ratio(self.exact_gold, self.n_gold)

    @property
    def exact_f1(self) -> float:
        return _f1(self.exact_precision, self.exact_recall)

    @property
    def speaker_accuracy(self) -> float:
        return _ratio(self.speaker_correct, self.speaker_total)


@dataclass
class PolnearScores:
    """The scores of one run against one split.

    rows (dict[str, KindScore]): One entry per name of `ROWS`.
    n_documents (int): Articles scored.
    n_without_source (int): Gold attributions without a source (not scored).
    n_neutral (int): Predictions matched to those, counted neither way.
    """

    rows: dict[str, KindScore] = field(default_factory=dict)
    n_documents: int = 0
    n_without_source: int = 0
    n_neutral: int = 0


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# Speakers ----------------------------------------------------------------------


def content_words(name: str) -> set[str]:
    """The words of a name that can identify someone.

    name (str): A speaker or source as written, or a resolved name.
    RETURNS (set[str]): Lowercased alphabetic words of two or more letters
        that are not spaCy English stop words (which include pronouns,
        determiners and "say") or honorifics ("mr", "dr", …); a possessive
        "'s" is dropped.
    """
    words = _WORD.findall(name.lower().replace("’", "'").replace("'s", ""))
    return {w for w in words if len(w) > 1 and w not in STOP_WORDS and w not in HONORIFICS}


def _word_sequence(name: str) -> list[str]:
    return _WORD.findall(name.lower().replace("’", "'"))


def names_source(candidates: Iterable[str], source: str) -> bool:
    """Whether a predicted speaker names a gold source.

    One of the candidates (the speaker as written, the entity and the actor
    it resolves to) shares a content word with the source (see
    `content_words`), or the two contain one another word for word. The
    second rule is what lets a pronoun source match: a gold "she" is named
    by a predicted "she" (the same mention, as the tool writes speakers as
    written), never by "Sheila" nor, unresolved in the gold, by a name.

    candidates (Iterable[str]): Predicted speaker text and resolved names.
    source (str): The gold source as written.
    RETURNS (bool): True when a candidate names the source.
    """
    gold_words, gold_sequence = content_words(source), _word_sequence(source)
    for candidate in candidates:
        if gold_words & content_words(candidate):
            return True
        sequence = _word_sequence(candidate)
        if sequence and gold_sequence and (_contains(sequence, gold_sequence) or _contains(gold_sequence, sequence)):
            return True
    return False


def _contains(outer: list[str], inner: list[str]) -> bool:
    return any(outer[i : i + len(inner)] == inner for i in range(len(outer) - len(inner) + 1))


def speaker_named(gold: GoldAttribution, predicted: PredictedStatement) -> bool:
    """Whether the prediction's speaker (or what it resolves to) names the gold source.

    gold (GoldAttribution): A gold attribution with a source.
    predicted (PredictedStatement): The prediction matched to it.
    RETURNS (bool): See `names_source`.
    """
    candidates = (predicted.speaker_text, *predicted.speaker_names)
    return names_source([c for c in candidates if c.strip()], gold.source_text)


# Scores ------------------------------------------------------------------------


def score(
    gold: Sequence[GoldAttribution], predicted: Sequence[PredictedStatement], texts: dict[str, str]
) -> PolnearScores:
    """Score predictions against gold attributions, per row of `ROWS`.

    gold (Sequence[GoldAttribution]): Gold attributions, with and without a source.
    predicted (Sequence[PredictedStatement]): Predictions of the same documents.
    texts (dict[str, str]): Texts by doc_id.
    RETURNS (PolnearScores): The scores.
    """
    scores = PolnearScores(n_documents=len(texts), n_without_source=sum(not g.has_source for g in gold))
    for name, (gold_kinds, predicted_kinds, with_claims) in ROWS.items():
        chosen = [p for p in predicted if with_claims or p.table == "quotes"]
        scores.rows[name], neutral = _score_row(gold, chosen, texts, gold_kinds, predicted_kinds)
        if name == "all":
            scores.n_neutral = neutral
    return scores


def _score_row(gold, predicted, texts, gold_kinds, predicted_kinds) -> tuple[KindScore, int]:
    # Matching is global (kind-blind); a row then counts its kinds' gold for
    # recall and its kinds' predictions for precision.
    matches = match_statements(gold, predicted)
    exact = match_exact(gold, predicted, texts)
    neutral = {m.predicted for m in matches if not gold[m.gold].has_source}
    row = KindScore()
    row.n_gold = sum(g.has_source and g.kind in gold_kinds for g in gold)
    row.n_predicted = sum(p.kind in predicted_kinds for i, p in enumerate(predicted) if i not in neutral)
    for pairs, attribute in ((matches, "matched"), (exact, "exact")):
        scored = [m for m in pairs if gold[m.gold].has_source]
        setattr(row, f"{attribute}_gold", sum(gold[m.gold].kind in gold_kinds for m in scored))
        setattr(row, f"{attribute}_predicted", sum(predicted[m.predicted].kind in predicted_kinds for m in scored))
    for m in matches:
        if gold[m.gold].has_source and gold[m.gold].kind in gold_kinds:
            row.speaker_total += 1
            row.speaker_correct += speaker_named(gold[m.gold], predicted[m.predicted])
    return row, len(neutral)


def format_scores(scores: PolnearScores) -> str:
    """A plain-text table of the scores, one line per row of `ROWS`.

    scores (PolnearScores): The scores.
    RETURNS (str): Columns gold/pred counts, P/R/F1 at half coverage, the
        same with exact boundaries, and speaker accuracy over matched pairs.
    """
    head = f"{'kind':<18}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}{'exP':>7}{'exR':>7}{'exF1':>7}{'spk':>7}{'(n)':>7}"
    lines = [head]
    for name, row in scores.rows.items():
        lines.append(
            f"{name:<18}{row.n_gold:>6}{row.n_predicted:>6}{row.precision:>7.3f}{row.recall:>7.3f}{row.f1:>7.3f}"
            f"{row.exact_precision:>7.3f}{row.exact_recall:>7.3f}{row.exact_f1:>7.3f}"
            f"{row.speaker_accuracy:>7.3f}{row.speaker_total:>7}"
        )
    lines.append(
        f"{scores.n_documents} documents; {scores.n_without_source} gold attributions without a source not scored, "
        f"{scores.n_neutral} predictions matched to them counted neither way."
    )
    return "\n".join(lines)
