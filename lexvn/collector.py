"""The cyclic garbage collector's pace during bulk work (an ingest, its workers, an import).

CPython collects its youngest generation every 700 container allocations, and the whole
heap every hundred of those at most. Parsing and storing a corpus allocates units, lists
and tuples by the million, and every full collection walks everything alive, the writer's
catalogue and caches too. A sampling profile (py-spy, native frames) of the one-process
ingest of the whole shared corpus had `gc_collect_main` under 8.3 % of its samples (5,225
collections, 38 of the whole heap). Most of what it found was a document's tree held by
a recursive helper nested in the function that walked it, a cycle through its own closure;
those walks are now stacks or module-level functions, and an ingest leaves none of its
units, rows or documents to the collector (tests/test_ingest_parallel.py). What is left for
it (pypdfium2's ctypes types, a reader's helpers once a file) is small, so it runs less
often: at the thresholds mypy's build uses for the same reason (200,000 allocations, 30,
30). Measured on the same ingest: 43.8 and 44.0 s against 46.5 and 47.5 s; peak memory
338 MB, as at the default pace."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

BULK_THRESHOLDS = (200_000, 30, 30)


def pace_for_bulk_work() -> None:
    """For a process that does nothing but bulk work (an ingest's worker)."""
    gc.set_threshold(*BULK_THRESHOLDS)


@contextmanager
def bulk_work() -> Iterator[None]:
    """Collections at the bulk pace while the block runs, the caller's pace after it."""
    before = gc.get_threshold()
    pace_for_bulk_work()
    try:
        yield
    finally:
        gc.set_threshold(*before)
