"""Keep Python's cyclic garbage collector off the loaded pipeline while a run works.

A loaded pipeline is a hundred thousand or so Python objects (vocab and
lookup tables, configs, component state) that live as long as the run. Every
full collection walks all of them, and the stages allocate enough to start
several full collections per thousand documents: measured here, 0.35 s of a
50 s run, half again of that in the younger generations. `gc.freeze()` moves
every object that exists into a permanent generation that collections skip;
`gc.unfreeze()` hands them back when the run ends, so a notebook that loads
and drops pipelines frees them as before. Garbage made during the run is
collected as ever; only what existed before it is left alone.

The youngest generation is also collected after `YOUNG_OBJECTS` new objects
instead of Python's 700: the rows and spans of a document mostly die with it,
so fewer of them live long enough to be walked again in the older
generations (0.15 s of collections per 300 documents fell to 0.10 s here).
"""

from __future__ import annotations

import ctypes
import gc
import platform
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Allocations between two collections of the youngest generation during a run.
YOUNG_OBJECTS = 10_000


@contextmanager
def frozen_heap() -> Iterator[Callable[[], None]]:
    """Leave the objects that exist now out of garbage collections until the block ends.

    A process that froze objects itself (`gc.get_freeze_count()` is not 0) is
    left as it is: unfreezing at the end would undo its own freeze. The
    collection thresholds are restored when the block ends.

    YIELDS (callable): Leaves out the objects that exist by the time it is
        called too (a model loaded inside the block); does nothing where the block froze nothing.
    """
    if gc.get_freeze_count():
        yield lambda: None
        return
    thresholds = gc.get_threshold()
    freeze_for_good()
    try:
        yield gc.freeze
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def freeze_for_good() -> None:
    """Leave the objects that exist now out of garbage collections, and collect the
    youngest generation less often, for the rest of the process (or a `frozen_heap` block).

    A worker process calls this once its pipeline is loaded: the pipeline lives as long as it.
    Collection left off (a first threshold of 0, `gc.set_threshold(0)`) stays off.
    """
    gc.freeze()
    young, *older = gc.get_threshold()
    if young:
        gc.set_threshold(max(young, YOUNG_OBJECTS), *older)


# glibc's mallopt parameters (malloc.h), the value its dynamic mmap threshold ends
# at in a long-running process (32 MB), and a trim threshold above what one batch
# frees; Dask's workers get them as environment variables (`cluster.WORKER_MALLOC`).
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
MMAP_THRESHOLD, TRIM_THRESHOLD = 1 << 25, 1 << 28


def settle_malloc() -> bool:
    """Set glibc's mmap threshold to where its dynamic rule ends, and its trim threshold above a batch's churn, now.

    glibc starts a process mapping every block above 128 kB on its own and
    unmapping it when freed; it raises that threshold only once a mapped block
    is freed, which may come early in a run or never (importing pandas used to
    do it by the way). Until then every array the model allocates is mapped and
    faulted in anew: measured here, 1,000 documents took 1.0 s of system time
    with the thresholds set and 2.2 to 4.5 s without. The mmap threshold is
    where the rule ends. The trim threshold is 256 MB, not the rule's 64 MB
    (twice the mmap threshold): a batch frees tens of MB at the top of the heap,
    which the next batch takes again, and trimming it at 64 MB gave it back to be
    faulted in anew (1,000 documents, `--workers 2`: 750,000–784,000 minor faults
    and 4.5–4.7 s of system time at 64 MB, 189,000 and 1.3–1.4 s at 256 MB;
    `--workers 1`: 257,000 against 108,000, and a peak 36 MB higher). Elsewhere
    than glibc nothing happens.

    RETURNS (bool): Whether the thresholds were set.
    """
    if not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc":
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        done = libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD) and libc.mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    except (OSError, AttributeError):
        return False
    return bool(done)
