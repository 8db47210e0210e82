"""Tests of `extractor.evaluation.quotes` and of the annotated quote set."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from extractor.evaluation.quotes import evaluate_quotes, format_scores, read_gold
from extractor.types import columns

GOLD = Path(__file__).parent.parent / "data" / "quotes"
TEXT = "Okafor said the barrier would hold. “We will build it,” Okafor said. He called it “a wall”."


def write_case(tmp_path: Path, predicted: list[dict]) -> tuple[Path, Path]:
    gold, out = tmp_path / "gold", tmp_path / "out"
    (gold / "texts").mkdir(parents=True)
    out.mkdir()
    (gold / "texts" / "a.txt").write_text(TEXT, encoding="utf8")
    items = [
        {
            "doc_id": "a.txt",
            "kind": "indirect",
            "text": "the barrier would hold",
            "speaker": "Maria Okafor",
            "speaker_text": "Okafor",
        },
        {
            "doc_id": "a.txt",
            "kind": "direct",
            "text": "We will build it,",
            "speaker": "Maria Okafor",
            "speaker_text": "Okafor",
        },
    ]
    (gold / "gold.jsonl").write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf8")
    with (out / "quotes.csv").open("w", encoding="utf8", newline="") as handle:
        writer = csv.DictWriter(handle, columns("quotes"), lineterminator="\n")
        writer.writeheader()
        for row in predicted:
            writer.writerow({"doc_id": "a.txt", **row})
    return gold, out


def pred(kind: str, text: str, speaker: str = "", occurrence: int = 1) -> dict:
    start = TEXT.find(text)
    spk = TEXT.find(speaker, start + len(text) if occurrence > 1 else 0) if speaker else -1
    return {
        "kind": kind,
        "text": text,
        "start_char": start,
        "end_char": start + len(text),
        "speaker_text": speaker,
        "speaker_start_char": spk if speaker else "",
        "speaker_end_char": spk + len(speaker) if speaker else "",
    }


@pytest.mark.parametrize(
    "predicted,f1,speaker_accuracy",
    [
        (
            [pred("indirect", "the barrier would hold", "Okafor"), pred("direct", "We will build it,", "Okafor", 2)],
            1.0,
            1.0,
        ),
        ([pred("direct", "We will build it", "Okafor", 2)], 2 / 3, 1.0),
        ([pred("direct", "We will build it,", "nobody"), pred("direct", "a wall")], 0.5, 0.0),
        ([pred("indirect", "We will build it,", "Okafor")], 0.0, 0.0),
        ([], 0.0, 0.0),
    ],
)
def test_quotes_eval_scores(tmp_path, predicted, f1, speaker_accuracy):
    scores = evaluate_quotes(*write_case(tmp_path, predicted))
    assert scores.overall.f1 == pytest.approx(f1)
    assert scores.speaker_accuracy == pytest.approx(speaker_accuracy)


@pytest.mark.parametrize("kind", ["direct", "indirect", "mixed", "overall"])
def test_quotes_eval_format_lists_kinds(tmp_path, kind):
    scores = evaluate_quotes(*write_case(tmp_path, [pred("direct", "We will build it,", "Okafor", 2)]))
    assert any(line.startswith(kind) for line in format_scores(scores).splitlines())


@pytest.mark.parametrize("minimum", [60])
def test_quotes_eval_gold_set_is_complete(minimum):
    gold = read_gold(GOLD)
    kinds = Counter(q.kind for q in gold)
    assert len(gold) >= minimum and set(kinds) == {"direct", "indirect", "mixed"}
    texts = {p.name for p in (GOLD / "texts").glob("*.txt")}
    assert {q.doc_id for q in gold} == texts


@pytest.mark.parametrize("name", ["gold.jsonl", "missing"])
def test_quotes_eval_names_a_wrong_gold_path(cli, tmp_path, name):
    result = cli(["eval", "quotes", GOLD / name, tmp_path])
    assert result.exit_code == 1
    assert "E403" in result.output and "texts/ and gold.jsonl" in result.output
