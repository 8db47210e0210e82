"""Is the cost of a document linear in its length? One long document against many short ones.

    python benchmarks/long_documents.py [--chars 200000] [--parts 8] [--model bundled]

Builds, from the articles in seeds/, one document of `--chars` characters and `--parts`
documents of `--chars / --parts` characters of the same text, runs the whole tool on each
folder (reading, chunking, model, all stages, writing) and prints the wall-time ratio
long ÷ short. Linear cost gives about 1.0; the target is ≤ 1.5.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def seed_text(chars: int) -> str:
    """Body paragraphs (titles left out) of the seed articles, repeated to at least `chars` characters, cut at a paragraph."""
    # The scraped seed is left out: its "Related Articles" tail would blank the rest as furniture.
    files = [f for f in sorted((ROOT / "seeds").glob("*.txt")) if not f.name.startswith("scraped")]
    paragraphs = [p for f in files for p in f.read_text("utf8").split("\n\n")[1:]]
    text, i = "", 0
    while len(text) < chars:
        text += paragraphs[i % len(paragraphs)].strip() + "\n\n"
        i += 1
    return text[:chars]


def timed_run(folder: Path, model: str) -> float:
    """Seconds the whole tool takes on `folder`; every document must come through."""
    from extractor.run import run

    started = time.perf_counter()
    summary = run(folder, folder.parent / (folder.name + "-out"), model=model, graph=False)
    seconds = time.perf_counter() - started
    if summary.counts.get("errors", 0):
        raise SystemExit(f"{folder.name}: {summary.counts['errors']} document(s) failed; see its errors table")
    print(
        f"{folder.name}: {summary.documents_ok} document(s), {summary.words:,} words, {summary.words / seconds:,.0f} words/s"
    )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=200_000)
    parser.add_argument("--parts", type=int, default=8)
    parser.add_argument("--model", default="bundled")
    args = parser.parse_args()
    text = seed_text(args.chars)
    size = len(text) // args.parts
    with tempfile.TemporaryDirectory() as work:
        long_dir, short_dir = Path(work) / "long", Path(work) / "short"
        long_dir.mkdir()
        short_dir.mkdir()
        (long_dir / "long.txt").write_text(text, encoding="utf8")
        for part in range(args.parts):
            (short_dir / f"part{part:02d}.txt").write_text(text[part * size : (part + 1) * size], encoding="utf8")
        timed_run(short_dir, args.model)  # warm-up: model load and first-call costs
        short = timed_run(short_dir, args.model)
        long = timed_run(long_dir, args.model)
    print(f"{args.parts} documents of {size:,} characters: {short:.1f} s")
    print(f"1 document of {len(text):,} characters: {long:.1f} s")
    print(f"ratio long / short: {long / short:.2f} (target ≤ 1.5)")


if __name__ == "__main__":
    main()
