"""Speed and memory of `extractor run`, as ratios against baselines measured in the same run.

    python benchmarks/bench.py [--docs 200] [--model bundled]

Prints:
- speed: words/s of the whole run (reading, all stages, writing) over words/s of the bare
  statistical model through `nlp.pipe` on the same texts: the cost of our stages;
- memory: peak RSS of a run on 4× the documents over a run on 1×: about 1.0 when rows stream
  to disk instead of piling up in memory; and peak RSS of a 1× run over loading the model
  and parsing one document.
Each measurement runs in a fresh subprocess so peak RSS is its own. Timings are wall-clock on
whatever else the machine is doing: compare ratios, not absolute figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

MODEL_ONLY = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    from extractor.pipeline.model import load_model
    nlp, _ = load_model(sys.argv[1])
    texts = [p.read_text(encoding="utf8") for p in sorted(Path(sys.argv[2]).glob("*.txt"))]
    limit = int(sys.argv[3])
    texts = texts[:limit] if limit else texts
    started = time.perf_counter()
    words = sum(sum(not t.is_space for t in doc) for doc in nlp.pipe(texts, batch_size=16))
    seconds = time.perf_counter() - started
    print(json.dumps({"words": words, "seconds": seconds,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    """
)
FULL_RUN = textwrap.dedent(
    """
    import json, resource, sys
    from pathlib import Path
    from extractor.run import run
    summary = run(Path(sys.argv[2]), Path(sys.argv[3]), model=sys.argv[1])
    print(json.dumps({"words": summary.words, "seconds": summary.seconds,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    """
)


def make_corpus(folder: Path, copies: int) -> Path:
    """`copies` documents cycled from seeds/*.txt, each made unique by a numbered line."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [p.read_text(encoding="utf8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for i in range(copies):
        text = seeds[i % len(seeds)]
        (folder / f"doc{i:05d}.txt").write_text(f"{text}\n\nBulletin number {i}.\n", encoding="utf8")
    return folder


def measure(script: str, *args: str) -> dict:
    output = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="documents in the 1× corpus")
    parser.add_argument("--model", default="bundled", help="model to benchmark")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        small = make_corpus(Path(temp) / "small", args.docs)
        large = make_corpus(Path(temp) / "large", args.docs * 4)
        baseline = measure(MODEL_ONLY, args.model, str(small), "0")
        one_doc = measure(MODEL_ONLY, args.model, str(small), "1")
        ours = measure(FULL_RUN, args.model, str(small), str(Path(temp) / "out1"))
        ours_large = measure(FULL_RUN, args.model, str(large), str(Path(temp) / "out4"))
    report(args.docs, baseline, one_doc, ours, ours_large)


def report(docs: int, baseline: dict, one_doc: dict, ours: dict, ours_large: dict) -> None:
    base_wps = baseline["words"] / baseline["seconds"]
    ours_wps = ours["words"] / ours["seconds"]
    print(f"corpus: {docs} documents, {ours['words']:,} words (and {4 * docs} for the memory check)")
    print(f"baseline  model only (nlp.pipe):      {base_wps:10,.0f} words/s")
    print(f"ours      extractor run (all stages): {ours_wps:10,.0f} words/s")
    print(f"speed ratio ours/baseline:            {ours_wps / base_wps:10.2f}")
    print(
        f"memory    1x run / model+1 doc:       {ours['rss_mb'] / one_doc['rss_mb']:10.2f}  ({ours['rss_mb']:.0f} MB / {one_doc['rss_mb']:.0f} MB)"
    )
    print(
        f"memory    4x run / 1x run:            {ours_large['rss_mb'] / ours['rss_mb']:10.2f}  ({ours_large['rss_mb']:.0f} MB / {ours['rss_mb']:.0f} MB)"
    )


if __name__ == "__main__":
    main()
