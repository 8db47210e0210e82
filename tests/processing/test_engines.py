"""Engines yield every result in input order, whatever finishes first, with bounded look-ahead."""

import pytest

from extractor.processing.engines import batches, in_order
from extractor.processing.results import DocumentResult


class Doc:
    """Stands in for a SourceDocument: the engine only passes it to `submit`."""

    def __init__(self, doc_id):
        self.doc_id = doc_id


class Pending:
    def __init__(self, batch, log):
        self.batch = batch
        self.log = log

    def result(self):
        self.log.append(("collected", [d.doc_id for d in self.batch]))
        return [DocumentResult(doc_id=d.doc_id) for d in self.batch]


def work(spec: str):
    """'d' a document to process, 'k' a known result (cache hit)."""
    return [Doc(f"{i}") if kind == "d" else DocumentResult(doc_id=f"{i}", cached=True) for i, kind in enumerate(spec)]


@pytest.mark.parametrize("spec", ["dddddddd", "kkkk", "dkdkkdddk", "", "kdddddddk"])
@pytest.mark.parametrize("batch_size,window", [(1, 1), (3, 2), (2, 5)])
def test_engines_in_order_keeps_input_order(spec, batch_size, window):
    log = []
    results = list(in_order(work(spec), lambda b: Pending(b, log), batch_size=batch_size, window=window))
    assert [r.doc_id for r in results] == [str(i) for i in range(len(spec))]
    assert [r.cached for r in results] == [kind == "k" for kind in spec]


def test_engines_in_order_bounds_what_is_in_flight():
    submitted, log = [], []

    def submit(batch):
        submitted.append(batch)
        return Pending(batch, log)

    stream = in_order(iter(work("d" * 20)), submit, batch_size=2, window=3)
    first = next(stream)
    assert first.doc_id == "0"
    assert len(submitted) == 3  # the window, not the whole corpus


@pytest.mark.parametrize("spec,expected", [("ddd", [3]), ("dkd", [1, "k", 1]), ("dddd", [2, 2]), ("kk", ["k", "k"])])
def test_engines_batches_break_at_known_results(spec, expected):
    found = [len(item) if isinstance(item, list) else "k" for item in batches(work(spec), 2 if spec == "dddd" else 3)]
    assert found == expected
