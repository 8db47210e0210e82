"""Tests of `extractor.evaluation.polnear` on invented brat snippets.

No PolNeAR text or annotation is in this file: the articles below are made
up. `test_polnear_reads_local_dev` reads a real copy only when the
environment variable EXTRACTOR_POLNEAR points at one (a clone of
github.com/networkdynamics/PolNeAR or its data/ folder).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from extractor.errors import ExtractorError
from extractor.evaluation.polnear import (
    check_split,
    choose_annotator,
    evaluate_polnear,
    parse_brat,
    prepare_texts,
    read_polnear,
    split_dir,
)
from extractor.evaluation.statement_scores import format_scores
from extractor.evaluation.statements import GoldAttribution
from extractor.types import columns

TEXT = (
    "Council Votes On Bridge\n"
    "\n"
    "“We will finish the bridge by May,” Mayor Ana Ruiz said on Monday. “The money is there.”\n"
    "\n"
    "Ruiz said the council had approved the plan. Critics called the plan “a costly mistake that nobody "
    "asked for” at the meeting.\n"
    "\n"
    "It was reported that the bridge is late. The budget office thinks costs will rise.\n"
)
NAME = "ledger_2020-01-01_council-votes-on-bridge"
DOC = NAME + ".txt"


def at(needle: str, text: str = TEXT, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def brat(attributions: list[dict], text: str = TEXT) -> str:
    """An .ann file: each attribution maps roles to needles (a list for fragments)."""
    lines, t = [], 0
    for e, attribution in enumerate(attributions, 1):
        roles = []
        for role, needles in attribution.items():
            needles = needles if isinstance(needles, list) else [needles]
            spans = [at(n, text) for n in needles]
            t += 1
            offsets = ";".join(f"{s} {e_}" for s, e_ in spans)
            lines.append(f"T{t}\t{role} {offsets}\t{' '.join(text[s:e_] for s, e_ in spans)}")
            roles.append(f"{role}:T{t}")
        lines.append(f"E{e}\t{' '.join(roles)}")
    return "\n".join(lines) + "\n"


GOLD = [
    {
        "Attribution": "said on",
        "Content": ["“We will finish the bridge by May,”", "“The money is there.”"],
        "Cue": "said on",
        "Source": "Mayor Ana Ruiz",
    },
    {"Attribution": "said the", "Source": "Ruiz", "Cue": "said the", "Content": "the council had approved the plan"},
    {
        "Attribution": "called",
        "Source": "Critics",
        "Cue": "called",
        "Content": "the plan “a costly mistake that nobody asked for”",
    },
    {"Attribution-no-source": "was reported", "Cue": "was reported", "Content": "the bridge is late"},
    {"Attribution": "thinks", "Source": "The budget office", "Cue": "thinks", "Content": "costs will rise"},
]


@pytest.fixture
def polnear(tmp_path: Path) -> Path:
    """A PolNeAR-shaped clone with one dev article and two annotators."""
    root = tmp_path / "PolNeAR"
    for split in ("dev", "test"):
        (root / "data" / split / "text").mkdir(parents=True)
        (root / "data" / split / "attributions").mkdir(parents=True)
    dev = root / "data" / "dev"
    (dev / "text" / DOC).write_text(TEXT, encoding="utf8")
    (dev / "attributions" / f"{NAME}_aaaa.ann").write_text(brat(GOLD), encoding="utf8")
    # A second annotator who agrees with the first: the medoid rule keeps "aaaa" (smaller id on a tie).
    (dev / "attributions" / f"{NAME}_bbbb.ann").write_text(brat(GOLD), encoding="utf8")
    (root / "data" / "test" / "text" / "secret.txt").write_text("Never read.", encoding="utf8")
    return root


def write_run(out: Path, quotes: list[dict], claims: list[dict] = (), entities: list[dict] = ()) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    tables = {"quotes": quotes, "claims": claims, "entities": entities, "actors": []}
    for table, rows in tables.items():
        with (out / f"{table}.csv").open("w", encoding="utf8", newline="") as handle:
            writer = csv.DictWriter(handle, columns(table), lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({name: row.get(name, "") for name in columns(table)})
    return out


def quote(needle: str, kind: str, speaker: str = "", entity: str = "", occurrence: int = 1) -> dict:
    start, end = at(needle, occurrence=occurrence)
    return {
        "quote_id": f"q{start}",
        "doc_id": DOC,
        "kind": kind,
        "text": needle,
        "start_char": start,
        "end_char": end,
        "speaker_text": speaker,
        "speaker_entity_id": entity,
        "sentence_index": 0,
    }


def claim(needle: str, source: str, quote_id: str = "") -> dict:
    start, end = at(needle)
    return {
        "claim_id": f"c{start}",
        "doc_id": DOC,
        "kind": "stance",
        "text": needle,
        "start_char": start,
        "end_char": end,
        "source_text": source,
        "quote_id": quote_id,
        "has_figure": "false",
        "sentence_index": 0,
    }


# Reading brat ----------------------------------------------------------------


def test_polnear_parse_brat_discontinuous_and_notes():
    ann = (
        "T1\tSource 0 4\tRuiz\n"
        "T2\tContent 10 20;25 40\tsome text\n"
        "#1\tAnnotatorNotes T2\tcheck this\n"
        "a continuation line of a span text\n"
        "T3\tDiscuss 50 60\tunsure\n"
        "E1\tAttribution:T4 Content:T2 Source:T1 Content2:T5\n"
    )
    spans, events = parse_brat(ann)
    assert spans["T2"] == ("Content", ((10, 20), (25, 40)))
    assert spans["T3"][0] == "Discuss"
    assert events == [{"id": "E1", "Attribution": "T4", "Content": "T2", "Source": "T1", "Content2": "T5"}]


def test_polnear_converter_reads_gold(polnear: Path):
    gold, texts = read_polnear(polnear, "dev")
    assert list(texts) == [DOC]
    by_cue = {g.cue: g for g in gold}
    assert [g.kind for g in gold] == ["direct", "indirect", "mixed", "indirect", "indirect"]
    direct = by_cue["said on"]
    assert direct.fragments == (at("“We will finish the bridge by May,”"), at("“The money is there.”"))
    assert (direct.source_text, direct.source_span) == ("Mayor Ana Ruiz", at("Mayor Ana Ruiz"))
    assert by_cue["called"].kind == "mixed"
    assert not by_cue["was reported"].has_source
    assert {g.annotator for g in gold} == {"aaaa"}


def test_polnear_content2_adds_fragments(tmp_path: Path):
    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / DOC).write_text(TEXT, encoding="utf8")
    item = {"Attribution": "said on", "Source": "Mayor Ana Ruiz", "Cue": "said on"}
    item |= {"Content": "“We will finish the bridge by May,”", "Content2": "“The money is there.”"}
    (split / "attributions" / f"{NAME}_x.ann").write_text(brat([item]), encoding="utf8")
    (gold,), _ = read_polnear(tmp_path, "dev")
    assert len(gold.fragments) == 2 and gold.kind == "direct"


def test_polnear_choose_annotator_is_the_medoid():
    def version(name: str, spans: list[tuple[int, int]]) -> list[GoldAttribution]:
        return [GoldAttribution(DOC, f"E{i}", name, "indirect", (s,)) for i, s in enumerate(spans)]

    shared = [(0, 10), (20, 30)]
    versions = {
        "a": version("a", [(40, 90)]),
        "b": version("b", [*shared, (95, 97)]),
        "c": version("c", [*shared, (45, 50)]),
    }
    assert choose_annotator(versions) == "c"
    assert choose_annotator({"z": version("z", shared), "y": version("y", shared)}) == "y"
    assert choose_annotator({"only": []}) == "only"


@pytest.mark.parametrize("split", ["test", "TEST", "validation"])
def test_polnear_refuses_held_out_and_unknown_splits(polnear: Path, tmp_path: Path, split: str):
    with pytest.raises(ExtractorError, match="held out" if split == "test" else "E405"):
        check_split(split)
    with pytest.raises(ExtractorError):
        read_polnear(polnear, split)
    with pytest.raises(ExtractorError):
        prepare_texts(polnear, split, tmp_path / "texts")
    assert not (tmp_path / "texts").exists()


def test_polnear_split_dir_accepts_clone_and_data_folder(polnear: Path, tmp_path: Path):
    assert split_dir(polnear, "dev") == polnear / "data" / "dev"
    assert split_dir(polnear / "data", "dev") == polnear / "data" / "dev"
    with pytest.raises(ExtractorError, match="E404"):
        split_dir(tmp_path / "elsewhere", "dev")


def test_polnear_prepare_texts(polnear: Path, tmp_path: Path):
    written = prepare_texts(polnear, "dev", tmp_path / "texts")
    assert [p.name for p in written] == [DOC]
    assert written[0].read_text(encoding="utf8") == TEXT


# Scoring a run -------------------------------------------------------------------


def test_polnear_scores_a_run(polnear: Path, tmp_path: Path):
    entity = {"entity_id": "e1", "doc_id": DOC, "name": "Ana Ruiz", "kind": "person", "n_mentions": 2, "first_char": 0}
    quotes = [
        quote("We will finish the bridge by May,", "direct", speaker="she", entity="e1"),  # fragment 1: >half
        quote("The money is there.", "direct", speaker="she", entity="e1"),  # fragment 2: one-to-one, spurious
        quote("the council had approved the plan", "indirect", speaker="Ruiz"),  # exact
        quote("the bridge is late", "indirect"),  # gold without a source: neutral
        quote("Council Votes On Bridge", "direct"),  # spurious; no marks, so scored as indirect
    ]
    claims = [
        claim("the plan “a costly mistake that nobody asked for”", "Critics"),  # mixed, exact
        claim("the council had approved", "Ruiz", quote_id="q1"),  # restates a quote: not scored
    ]
    out = write_run(tmp_path / "out", quotes, claims, [entity])
    scores = evaluate_polnear(polnear, "dev", out)
    everything = scores.rows["all"]
    assert (everything.n_gold, everything.n_predicted) == (4, 5)
    assert (everything.matched_gold, everything.matched_predicted) == (3, 3)
    assert (everything.exact_gold, everything.exact_predicted) == (2, 2)
    assert (everything.speaker_correct, everything.speaker_total) == (3, 3)
    assert scores.n_without_source == 1 and scores.n_neutral == 1
    direct = scores.rows["direct"]
    assert (direct.n_gold, direct.matched_gold, direct.n_predicted, direct.matched_predicted) == (1, 1, 2, 1)
    assert scores.rows["mixed"].recall == 1.0 and scores.rows["mixed"].precision == 1.0
    assert scores.rows["indirect"].recall == 0.5  # "costs will rise" (thinks) is missed
    quotes_only = scores.rows["all (quotes only)"]
    assert (quotes_only.n_predicted, quotes_only.matched_gold) == (4, 2)
    table = format_scores(scores)
    for name in ("direct", "mixed", "indirect", "direct+mixed", "all", "all (quotes only)"):
        assert f"\n{name} " in table
    assert round(everything.precision, 3) == 0.6 and round(everything.recall, 3) == 0.75


@pytest.mark.issue(11)
@pytest.mark.parametrize("shared,predicted,matched", [(True, 1, 1), (False, 2, 1)])
def test_polnear_fragments_of_one_statement_score_once(polnear: Path, tmp_path: Path, shared, predicted, matched):
    first = quote("We will finish the bridge by May,", "direct", speaker="Mayor Ana Ruiz")
    second = quote("The money is there.", "direct", speaker="she")
    first["statement_id"] = first["quote_id"]
    second["statement_id"] = first["quote_id"] if shared else second["quote_id"]
    direct = evaluate_polnear(polnear, "dev", write_run(tmp_path / "out", [first, second])).rows["direct"]
    assert (direct.n_predicted, direct.matched_predicted, direct.matched_gold) == (predicted, matched, 1)
    # One statement has the gold's outer boundaries; either fragment alone has not.
    assert direct.exact_gold == int(shared)
    assert (direct.speaker_correct, direct.speaker_total) == (1, 1)


def test_polnear_speaker_miss_counts(polnear: Path, tmp_path: Path):
    quotes = [quote("the council had approved the plan", "indirect", speaker="Critics")]
    scores = evaluate_polnear(polnear, "dev", write_run(tmp_path / "out", quotes))
    assert (scores.rows["all"].speaker_correct, scores.rows["all"].speaker_total) == (0, 1)


def test_polnear_run_without_quotes_table(polnear: Path, tmp_path: Path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(ExtractorError, match="E401"):
        evaluate_polnear(polnear, "dev", tmp_path / "empty")


# A real copy, when there is one -------------------------------------------------


def test_polnear_reads_local_dev():
    root = os.environ.get("EXTRACTOR_POLNEAR", "")
    if not root or not Path(root).is_dir():
        pytest.skip("set EXTRACTOR_POLNEAR to a local PolNeAR clone (or its data/ folder) to check the dev split")
    gold, texts = read_polnear(root, "dev")
    assert len(texts) == 84
    assert len(gold) > 1500
    assert {g.kind for g in gold} == {"direct", "mixed", "indirect"}
    for g in gold:
        text = texts[g.doc_id]
        assert all(0 <= s < e <= len(text) for s, e in g.fragments)
        assert g.source_span is None or g.source_span[1] <= len(text)
    assert sum(g.has_source for g in gold) > 0.9 * len(gold)
