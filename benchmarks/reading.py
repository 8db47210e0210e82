"""Cost of reading and tokenizing odd input, as ratios: is it linear in the length?

    python benchmarks/reading.py [--chars 2000000]

For each kind of pathological text, the time for 4× the characters over the time
for 1× (about 4.0 when the cost is linear, 16 when it is quadratic), per step:
- read: `read_inputs` on one file (decoding, layout, furniture, long-run finding);
- chunk: `split_for_length` of the masked text with the packaged `max_length`;
- tokenize: spaCy's blank English tokenizer over the masked text, chunk by chunk,
  which is what the stages get. Without the long-run blanking a single run of
  `(` is quadratic here (20,000 characters: tens of seconds).
The figures are wall-clock on whatever else the machine is doing: compare ratios.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from extractor.io.chunks import split_for_length
from extractor.io.readers import SourceDocument, masked_text, read_inputs
from extractor.pipeline.config import read_pipeline_config

KINDS: dict[str, Callable[[int], str]] = {
    "prose, one line": lambda n: ("The minister said talks went well. " * (n // 35 + 1))[:n],
    "one bracket run": lambda n: "Before. " + "(" * n + " after.",
    "runs of 150 brackets": lambda n: ("(" * 150 + " ") * (n // 151 + 1),
    "one URL-like run": lambda n: "See " + ("a/b?c=d&" * (n // 8 + 1))[:n] + " now.",
}


def timed(step: Callable[[], object], repeat: int = 3) -> float:
    """The best of `repeat` wall-clock timings of `step()`, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        best = min(best, time.perf_counter() - started)
    return best


def measure(text: str, folder: Path, nlp, max_length: int) -> dict[str, float]:
    path = folder / "doc.txt"
    path.write_text(text, encoding="utf8")
    seconds = {"read": timed(lambda: list(read_inputs(path)))}
    (document,) = list(read_inputs(path))
    assert isinstance(document, SourceDocument)
    masked = masked_text(document)
    seconds["chunk"] = timed(lambda: split_for_length(masked, max_length))
    chunks = split_for_length(masked, max_length)
    seconds["tokenize"] = timed(lambda: [nlp.make_doc(chunk) for _, chunk in chunks])
    return seconds


def main() -> None:
    import spacy

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=2_000_000, help="characters of the 1x text")
    args = parser.parse_args()
    nlp = spacy.blank("en")
    nlp.make_doc("Warm the tokenizer's caches up (first calls are slower).")
    max_length = read_pipeline_config().max_length or nlp.max_length
    print(f"{'text':<22} {'step':<9} {'1x s':>8} {'4x s':>8} {'4x/1x':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for kind, make in KINDS.items():
            small = measure(make(args.chars), Path(tmp), nlp, max_length)
            large = measure(make(4 * args.chars), Path(tmp), nlp, max_length)
            for step in small:
                ratio = large[step] / max(small[step], 1e-9)
                print(f"{kind:<22} {step:<9} {small[step]:8.3f} {large[step]:8.3f} {ratio:7.1f}")


if __name__ == "__main__":
    main()
