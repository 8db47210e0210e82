"""`errors`: coded errors keep their code and message across processes."""

from __future__ import annotations

import pickle

import pytest

from extractor.errors import ConfigError, ExtractorError, InputError, ModelError


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    "error",
    [
        ConfigError("E207", stage="quotes", path="bad.cfg", reason="no such factory"),
        ModelError("E203", name="model", reason="unpack(b) received extra data."),
        InputError("E102", path="a.txt", line=3),
    ],
)
def test_errors_pickled_as_a_worker_sends_them(error: ExtractorError):
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error)
    assert (str(back), back.code, back.reason, back.__dict__) == (str(error), error.code, error.reason, error.__dict__)
