"""Score attributed statements against a local copy of PolNeAR.

PolNeAR (Newell, Margolin & Ruths, LREC 2018; github.com/networkdynamics/PolNeAR)
annotates every attribution of 1,008 US political news articles as source /
cue / content spans in brat standoff files. It ships without a license, so it
is used for evaluation only: nothing read from it is ever written into this
repository. This module reads a local copy (a clone, or its `data/` folder):

    data/{train,dev}/text/NAME.txt                  the article
    data/{train,dev}/attributions/NAME_ANNOT.ann    brat standoff, one per annotator

Only the `train` and `dev` splits are read; `test` is held out and every entry
point refuses it.

Brat: `T` lines are spans (`Source`, `Cue`, `Content`, `Attribution` for the
trigger, `Attribution-no-source`, and the annotators' `Discuss`/`Discard`
markers, which are ignored); offsets may be discontinuous (`10 20;25 40`). An
`E` line links one attribution: `Attribution:T4 Content:T3 Cue:T2 Source:T1`,
with a second content as `Content2`. Most articles have one annotator; those
used to measure agreement have five or six, and `choose_annotator` keeps the
one that agrees most with the others (the medoid), so the gold is deterministic.

Gold kind (the same rule classifies predicted spans, see `kind_of`): the
document's quoted regions are found by `quoted_regions`; counting the letters
and digits of the content, `direct` has all of them inside quotation marks,
`indirect` none, and `mixed` both, provided the quoted part holds at least
`MIN_QUOTED_WORDS` words (a shorter one is a scare quote or a title, and the
content stays `indirect`).

Scoring (`score`): the predictions are every row of `quotes` plus each row of
`claims` with a source and no `quote_id` (a claim restating a quote is that
quote). A prediction covers a gold content when it holds at least
`MIN_COVERAGE` of the content's characters; pairs are matched one-to-one,
greedily by coverage. Gold attributions without a source are not scored: a
prediction matched to one counts neither way. Recall of a kind counts gold
contents of that kind; precision counts predictions of that kind; the exact
scores need identical boundaries once quote marks, punctuation, spaces and a
leading "that" are trimmed (a discontinuous content by its outer boundaries). Speaker accuracy is over matched pairs: see
`names_source`.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from extractor.errors import ExtractorError
from extractor.outputs.loading import load

HELD_OUT = "test"
SPLITS = ("train", "dev")
MIN_COVERAGE = 0.5
MIN_QUOTED_WORDS = 4
KINDS = ("direct", "mixed", "indirect")
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
TRIM = " \t\r\n\"'“”‘’`«»„.,;:!?…—–-()[]"
_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")
_DOUBLE_MARK = re.compile(r"''|``|[\"“”„«»]")
_SINGLE_PAIR = re.compile(r"‘[^‘’\n]*?’(?![A-Za-z])")
_WORD = re.compile(r"[^\W\d_]+")
_LEADING_THAT = re.compile(r"(?i)that\s")


@dataclass(frozen=True)
class GoldAttribution:
    """One PolNeAR attribution, with its content located in the article.

    doc_id (str): The article's file name, `NAME.txt`.
    attribution_id (str): The brat event id (`E3`).
    annotator (str): The annotator whose file it comes from.
    kind (str): direct, mixed or indirect (see `kind_of`).
    fragments (tuple[tuple[int, int], ...]): Content character spans, in order.
    source_text (str): The source as written; empty when it has none.
    source_span (tuple[int, int] | None): Outer offsets of the source.
    cue (str): The cue as written.
    cue_start (int | None): Offset of the cue.
    """

    doc_id: str
    attribution_id: str
    annotator: str
    kind: str
    fragments: tuple[tuple[int, int], ...]
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
        return sum(end - start for start, end in self.fragments)


@dataclass(frozen=True)
class PredictedStatement:
    """One attributed statement of a run: a `quotes` row or a `claims` row.

    doc_id (str): The document id of the run.
    start (int): Start offset.
    end (int): End offset (exclusive).
    kind (str): direct, mixed or indirect by `kind_of` on the span.
    table (str): "quotes" or "claims".
    label (str): The row's own kind column.
    speaker_text (str): The speaker or source as written.
    speaker_names (tuple[str, ...]): Entity and actor names it resolves to.
    """

    doc_id: str
    start: int
    end: int
    kind: str
    table: str
    label: str
    speaker_text: str = ""
    speaker_names: tuple[str, ...] = ()


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


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# Reading the corpus ---------------------------------------------------------


def check_split(split: str) -> str:
    """Refuse the held-out split and unknown names.

    split (str): "train" or "dev".
    RETURNS (str): The split.
    RAISES ExtractorError: E405 for "test" (held out: never read, run on or
        scored) and for any name other than "train" and "dev".
    """
    if split == HELD_OUT:
        raise ExtractorError("E405", split=split, reason="it is held out: never read, run on or scored")
    if split not in SPLITS:
        raise ExtractorError("E405", split=split, reason=f"PolNeAR's splits are {', '.join(SPLITS)} and test")
    return split


def split_dir(polnear_dir: str | Path, split: str) -> Path:
    """The folder of one split in a PolNeAR copy.

    polnear_dir (str | Path): A PolNeAR clone, its `data/` folder, or any folder
        holding `SPLIT/text/` and `SPLIT/attributions/`.
    split (str): "train" or "dev".
    RETURNS (Path): The folder holding `text/` and `attributions/`.
    RAISES ExtractorError: E405 for the held-out split, E404 when the folders are absent.
    """
    check_split(split)
    root = Path(polnear_dir)
    for candidate in (root / "data" / split, root / split):
        if (candidate / "text").is_dir() and (candidate / "attributions").is_dir():
            return candidate
    raise ExtractorError("E404", path=root, split=split)


def article_files(folder: Path) -> dict[str, tuple[Path, dict[str, Path]]]:
    """The articles of a split folder with their annotation files.

    folder (Path): A split folder (see `split_dir`).
    RETURNS (dict[str, tuple[Path, dict[str, Path]]]): Article name → (text
        file, annotator id → .ann file), sorted by name; articles without an
        annotation file are left out.
    """
    texts = {path.stem: path for path in sorted((folder / "text").glob("*.txt"))}
    found: dict[str, tuple[Path, dict[str, Path]]] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name, _, annotator = ann.stem.rpartition("_")
        if name in texts:
            found.setdefault(name, (texts[name], {}))[1][annotator] = ann
    return dict(sorted(found.items()))


def parse_brat(ann_text: str) -> tuple[dict[str, tuple[str, tuple[tuple[int, int], ...]]], list[dict[str, str]]]:
    """The spans and events of a brat standoff file.

    ann_text (str): The .ann file's text. Lines other than `T` and `E` lines
        (notes, and continuation lines of span texts holding a line break)
        are ignored.
    RETURNS (tuple): (span id → (label, fragments), events as role → span
        id, with the event id under "id"; numbered roles such as `Content2`
        keep their number).
    """
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[dict[str, str]] = []
    for line in ann_text.splitlines():
        if match := _T_LINE.match(line):
            fragments = tuple(
                (int(a), int(b)) for a, b in (part.split() for part in match.group(3).split(";") if part.strip())
            )
            spans[match.group(1)] = (match.group(2), fragments)
        elif match := _E_LINE.match(line):
            event = {"id": match.group(1)}
            for argument in match.group(2).split():
                role, _, target = argument.partition(":")
                event[role] = target
            events.append(event)
    return spans, events


def read_annotation(text: str, ann_text: str, doc_id: str, annotator: str) -> list[GoldAttribution]:
    """The attributions of one annotator's file for one article.

    text (str): The article's text (brat offsets index it).
    ann_text (str): The .ann file's text.
    doc_id (str): The id given to the article.
    annotator (str): The annotator id.
    RETURNS (list[GoldAttribution]): Attributions with a content, in text order.
    """
    spans, events = parse_brat(ann_text)
    mask = quoted_mask(text)
    found = []
    for event in events:
        fragments = _role_fragments(spans, event, "Content")
        if not fragments:
            continue
        trigger = spans.get(event.get("Attribution", event.get("Attribution-no-source", "")), ("", ()))
        source = () if trigger[0] == "Attribution-no-source" else _role_fragments(spans, event, "Source")
        cue = _role_fragments(spans, event, "Cue")
        found.append(
            GoldAttribution(
                doc_id=doc_id,
                attribution_id=event["id"],
                annotator=annotator,
                kind=kind_of(text, fragments, mask),
                fragments=fragments,
                source_text=_joined(text, source),
                source_span=(source[0][0], source[-1][1]) if source else None,
                cue=_joined(text, cue),
                cue_start=cue[0][0] if cue else None,
            )
        )
    return sorted(found, key=lambda g: (g.start, g.end, g.attribution_id))


def _role_fragments(spans: dict, event: dict[str, str], role: str) -> tuple[tuple[int, int], ...]:
    # All fragments of a role and its numbered repeats (Content, Content2, …),
    # empty ones dropped, in text order.
    fragments = []
    for name, target in event.items():
        if name.rstrip("0123456789") == role and target in spans:
            fragments.extend(spans[target][1])
    return tuple(sorted(f for f in fragments if f[1] > f[0]))


def _joined(text: str, fragments: Sequence[tuple[int, int]]) -> str:
    return " ".join(text[start:end].strip() for start, end in fragments).strip()


def choose_annotator(annotations: dict[str, list[GoldAttribution]]) -> str:
    """The annotator whose contents agree most with the others' (the medoid).

    annotations (dict[str, list[GoldAttribution]]): Annotator id → attributions.
    RETURNS (str): The chosen id; ties go to the smallest id, and a single
        annotator is chosen as is.
    """
    chars = {name: _content_chars(items) for name, items in annotations.items()}

    def agreement(name: str) -> float:
        return sum(_dice(chars[name], chars[other]) for other in chars if other != name)

    return min(sorted(chars), key=lambda name: -agreement(name))


def _content_chars(items: Iterable[GoldAttribution]) -> set[int]:
    return {i for item in items for start, end in item.fragments for i in range(start, end)}


def _dice(a: set[int], b: set[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def read_polnear(polnear_dir: str | Path, split: str) -> tuple[list[GoldAttribution], dict[str, str]]:
    """Convert one split of a PolNeAR copy into gold attributions.

    polnear_dir (str | Path): A PolNeAR clone or its `data/` folder.
    split (str): "train" or "dev"; "test" is refused.
    RETURNS (tuple[list[GoldAttribution], dict[str, str]]): The attributions
        (one annotator per article, see `choose_annotator`), and the texts by
        doc_id (`NAME.txt`, as `extractor run` names the files of `prepare_texts`).
    """
    gold: list[GoldAttribution] = []
    texts: dict[str, str] = {}
    for name, (text_path, anns) in article_files(split_dir(polnear_dir, split)).items():
        doc_id = f"{name}.txt"
        texts[doc_id] = text = text_path.read_text(encoding="utf8")
        versions = {a: read_annotation(text, path.read_text(encoding="utf8"), doc_id, a) for a, path in anns.items()}
        gold.extend(versions[choose_annotator(versions)])
    return gold, texts


def prepare_texts(polnear_dir: str | Path, split: str, out_dir: str | Path) -> list[Path]:
    """Copy the article texts of a split into one folder for `extractor run`.

    polnear_dir (str | Path): A PolNeAR clone or its `data/` folder.
    split (str): "train" or "dev"; "test" is refused.
    out_dir (str | Path): Folder to write `NAME.txt` files into (created).
    RETURNS (list[Path]): The files written, sorted.
    RAISES ExtractorError: E405 for the held-out split, E404 for a folder that is no PolNeAR copy.
    """
    articles = article_files(split_dir(polnear_dir, split))
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (text_path, _) in articles.items():
        written.append(target / f"{name}.txt")
        shutil.copyfile(text_path, written[-1])
    return written


# Quotation marks and kinds ----------------------------------------------------


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """The spans of `text` inside quotation marks (the marks excluded).

    Double marks are paired within each paragraph (line): “ and `` open, ”
    closes, and a straight " or a doubled '' closes an open quote or opens
    one. A quote still open at the end of its paragraph runs to the end of
    it (a quote continued over paragraphs reopens the next one). Outside
    double quotes, ‘…’ is a quote when its ’ is not followed by a letter
    (so "don’t" is no closing mark); straight single quotes are apostrophes.

    text (str): A document's text.
    RETURNS (list[tuple[int, int]]): Sorted, non-overlapping regions.
    """
    regions: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        double = _double_regions(line)
        regions.extend((offset + s, offset + e) for s, e in double)
        for match in _SINGLE_PAIR.finditer(line):
            if not any(s <= match.start() < e for s, e in double):
                regions.append((offset + match.start() + 1, offset + match.end() - 1))
        offset += len(line) + 1
    return sorted(regions)


def _double_regions(line: str) -> list[tuple[int, int]]:
    found, open_at = [], None
    for match in _DOUBLE_MARK.finditer(line):
        mark = match.group()
        if mark in ("“", "``", "„", "«"):
            open_at = match.end() if open_at is None else open_at
        elif open_at is not None:
            found.append((open_at, match.start()))
            open_at = None
        elif mark in ('"', "''"):
            open_at = match.end()
    if open_at is not None:
        found.append((open_at, len(line)))
    return found


def quoted_mask(text: str) -> bytearray:
    """Which characters of `text` lie inside quotation marks.

    text (str): A document's text.
    RETURNS (bytearray): 1 at each offset inside a `quoted_regions` span, else 0.
    """
    mask = bytearray(len(text))
    for start, end in quoted_regions(text):
        mask[start:end] = b"\x01" * (end - start)
    return mask


def kind_of(text: str, fragments: Sequence[tuple[int, int]], mask: bytearray) -> str:
    """Classify a content (or a predicted span) by its quotation marks.

    Only letters and digits count: `direct` when all of them lie inside
    quoted regions, `indirect` when none do, `mixed` when both occur and the
    quoted ones form at least `MIN_QUOTED_WORDS` words (fewer is a scare
    quote or a title inside reported speech, which stays `indirect`).

    text (str): The document's text.
    fragments (Sequence[tuple[int, int]]): The spans to classify.
    mask (bytearray): `quoted_mask(text)`.
    RETURNS (str): "direct", "mixed" or "indirect".
    """
    inside, outside = [], 0
    for start, end in fragments:
        for i in range(start, min(end, len(text))):
            if text[i].isalnum():
                if mask[i]:
                    inside.append(i)
                else:
                    outside += 1
    if not inside:
        return "indirect"
    if not outside:
        return "direct"
    return "mixed" if _quoted_words(text, inside) >= MIN_QUOTED_WORDS else "indirect"


def _quoted_words(text: str, positions: list[int]) -> int:
    # Words = runs of quoted letters/digits separated by anything else.
    return sum(1 for k, i in enumerate(positions) if k == 0 or positions[k - 1] != i - 1 or not text[i - 1].isalnum())


# Reading a run ---------------------------------------------------------------


def read_predictions(out_dir: str | Path, texts: dict[str, str]) -> list[PredictedStatement]:
    """The attributed statements of a run over a split's texts.

    out_dir (str | Path): Output folder of `extractor run` (quotes; claims,
        entities and actors when present; CSV or Parquet).
    texts (dict[str, str]): Texts by gold doc_id; rows of other documents
        are left out.
    RETURNS (list[PredictedStatement]): Every quotes row, and every claims
        row with a source and no quote_id whose span is not also a quote.
    RAISES MissingTableError: When the folder has no quotes table.
    """
    tables = load(out_dir, required=("quotes",))
    names = _resolved_names(tables.entities, tables.actors)
    masks = {doc_id: quoted_mask(text) for doc_id, text in texts.items()}
    found: list[PredictedStatement] = []
    for row in tables.quotes.to_dict("records"):
        found.extend(_statement(row, "quotes", "speaker", texts, masks, names))
    quoted = {(p.doc_id, p.start, p.end) for p in found}
    for row in tables.claims.to_dict("records"):
        if str(row["source_text"]).strip() and not str(row["quote_id"]).strip():
            found.extend(_statement(row, "claims", "source", texts, masks, names, quoted))
    return found


def _statement(
    row: dict,
    table: str,
    role: str,
    texts: dict[str, str],
    masks: dict[str, bytearray],
    names: dict[str, tuple[str, ...]],
    skip: frozenset | set = frozenset(),
) -> list[PredictedStatement]:
    # One row as a prediction ([] when its document is not in the split, or
    # it repeats a quote's span); the speaker columns are `{role}_text` etc.
    doc_id = _gold_doc_id(str(row["doc_id"]), texts)
    start, end = int(row["start_char"]), int(row["end_char"])
    if doc_id is None or (doc_id, start, end) in skip:
        return []
    return [
        PredictedStatement(
            doc_id=doc_id,
            start=start,
            end=end,
            kind=kind_of(texts[doc_id], [(start, end)], masks[doc_id]),
            table=table,
            label=str(row["kind"]),
            speaker_text=str(row[f"{role}_text"]),
            speaker_names=names.get(str(row[f"{role}_entity_id"]), ()),
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


# Matching and speakers -------------------------------------------------------


def coverage(gold: GoldAttribution, start: int, end: int) -> float:
    """Share of the gold content's characters inside [start, end).

    gold (GoldAttribution): The gold attribution (all its fragments count).
    start (int): Start of the predicted span.
    end (int): End of the predicted span.
    RETURNS (float): From 0 to 1.
    """
    shared = sum(max(0, min(e, end) - max(s, start)) for s, e in gold.fragments)
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
            cov = coverage(g, p.start, p.end)
            if cov >= min_coverage and cov > 0:
                purity = cov * g.n_chars / max(p.end - p.start, 1)
                candidates.append((-cov, -purity, g.doc_id, g.start, p.start, p.end, gi, pi))
    return _greedy(sorted(candidates), lambda c: Match(c[6], c[7], -c[0]))


def match_exact(
    gold: Sequence[GoldAttribution], predicted: Sequence[PredictedStatement], texts: dict[str, str]
) -> list[Match]:
    """Pair gold and predicted statements whose trimmed boundaries are equal.

    A discontinuous content is compared by its outer boundaries (first
    fragment's start, last fragment's end).

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


def evaluate_polnear(polnear_dir: str | Path, split: str, out_dir: str | Path) -> PolnearScores:
    """Score a run over a PolNeAR split's texts (see `prepare_texts`).

    polnear_dir (str | Path): A PolNeAR clone or its `data/` folder.
    split (str): "train" or "dev"; "test" is refused.
    out_dir (str | Path): Output folder of `extractor run` on the split's texts.
    RETURNS (PolnearScores): The scores.
    """
    gold, texts = read_polnear(polnear_dir, split)
    return score(gold, read_predictions(out_dir, texts), texts)


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
