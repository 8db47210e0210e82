"""`processing.heap`: the objects of a run's pipeline are left out of garbage collections while it runs."""

from __future__ import annotations

import gc
import platform
import sys

import pytest

from extractor.processing.heap import YOUNG_OBJECTS, frozen_heap, settle_malloc


@pytest.mark.issue(12)
def test_heap_frozen_while_the_block_runs():
    before = gc.get_freeze_count()
    assert before == 0
    with frozen_heap():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


@pytest.mark.issue(12)
def test_heap_unfrozen_when_the_block_raises():
    with pytest.raises(KeyError), frozen_heap():
        raise KeyError("x")
    assert gc.get_freeze_count() == 0


@pytest.mark.issue(12)
def test_heap_a_freeze_of_the_process_stays():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with frozen_heap():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


@pytest.mark.issue(12)
def test_heap_what_the_block_loads_is_left_out_once_in_place():
    with frozen_heap() as freeze:
        frozen = gc.get_freeze_count()
        loaded = [[] for _ in range(1000)]
        freeze()
        assert gc.get_freeze_count() >= frozen + len(loaded)
    assert gc.get_freeze_count() == 0


@pytest.mark.issue(12)
def test_heap_what_the_block_loads_stays_in_where_the_process_froze_itself():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with frozen_heap() as freeze:
            loaded = [[] for _ in range(1000)]
            freeze()
            assert gc.get_freeze_count() == frozen
        assert loaded
    finally:
        gc.unfreeze()


@pytest.mark.issue(12)
def test_heap_young_collections_less_often_while_the_block_runs():
    thresholds = gc.get_threshold()
    with frozen_heap():
        assert gc.get_threshold()[0] == max(thresholds[0], YOUNG_OBJECTS)
        assert gc.get_threshold()[1:] == thresholds[1:]
    assert gc.get_threshold() == thresholds


@pytest.mark.issue(12)
def test_heap_collection_left_off_stays_off():
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        with frozen_heap():
            assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*thresholds)


@pytest.mark.issue(12)
@pytest.mark.parametrize("libc", [platform.libc_ver()[0]])
def test_heap_settle_malloc_sets_glibcs_thresholds_only_there(libc):
    # Twice is as once: the values are where glibc's own rule ends.
    expected = sys.platform.startswith("linux") and libc == "glibc"
    assert settle_malloc() is expected
    assert settle_malloc() is expected
