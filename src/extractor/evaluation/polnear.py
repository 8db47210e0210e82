"""Read a local copy of PolNeAR, and score a run against one of its splits.

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

Each content gets a kind by its quotation marks (`statement_kinds.kind_of`);
`evaluate_polnear` pairs the run's statements with the contents
(`statements`) and scores them per kind (`statement_scores`).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

from extractor.errors import ExtractorError
from extractor.evaluation.statement_kinds import kind_of, quoted_mask
from extractor.evaluation.statement_scores import PolnearScores, score
from extractor.evaluation.statements import GoldAttribution, read_predictions

HELD_OUT = "test"
SPLITS = ("train", "dev")
_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


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


def evaluate_polnear(polnear_dir: str | Path, split: str, out_dir: str | Path) -> PolnearScores:
    """Score a run over a PolNeAR split's texts (see `prepare_texts`).

    polnear_dir (str | Path): A PolNeAR clone or its `data/` folder.
    split (str): "train" or "dev"; "test" is refused.
    out_dir (str | Path): Output folder of `extractor run` on the split's texts.
    RETURNS (PolnearScores): The scores.
    """
    gold, texts = read_polnear(polnear_dir, split)
    return score(gold, read_predictions(out_dir, texts), texts)
