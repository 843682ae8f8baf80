"""A draft check in a worker process, within a time and a memory budget: an upload made to
exhaust the checker (a DOCX built to inflate, a text built to be slow) costs the server at
most its budget, and the server keeps answering searches meanwhile. The worker is killed
when the budget is spent and a fresh one takes its place."""

from __future__ import annotations

import multiprocessing
import os
import resource
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from datetime import date

from draftcheck.checker import check_source
from draftcheck.database import Database
from ingest.readers import read_bytes
from ingest.store import Store


class BudgetExceeded(Exception):
    """The check needed more time or memory than an upload may have."""


_DB: Database | None = None
_pools: dict[tuple[str | None, int], ProcessPoolExecutor] = {}
_lock = threading.Lock()


def _start(db_path: str | None, memory_bytes: int) -> None:
    global _DB
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    _DB = Database(Store(db_path, read_only=True)) if db_path else None


def _run(name: str, data: bytes, at: str | None) -> tuple[dict, list[tuple[int, str, bool]]]:
    source = read_bytes(name, data)
    report = check_source(source, _DB, date.fromisoformat(at) if at else None)
    return report.to_json(), [(p.line, p.text, p.in_table) for p in source.paragraphs]


def _pool(db_path: str | None, memory_bytes: int) -> ProcessPoolExecutor:
    key = (db_path, memory_bytes)
    with _lock:
        if key not in _pools:
            os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # no threads' stacks to reserve
            _pools[key] = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start,
                initargs=(db_path, memory_bytes),
            )
        return _pools[key]


def _discard(db_path: str | None, memory_bytes: int) -> None:
    with _lock:
        pool = _pools.pop((db_path, memory_bytes), None)
    if pool is not None:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()  # the worker may be busy for good: it is ended, not waited for
        pool.shutdown(wait=False, cancel_futures=True)


def check_within_budget(
    db_path: str | None,
    name: str,
    data: bytes,
    at: date | None,
    seconds: float,
    memory_bytes: int,
) -> tuple[dict, list[tuple[int, str, bool]]]:
    """The report as JSON and the draft's paragraphs (line, text, in table). ReaderError
    for an unreadable file; BudgetExceeded past the budget."""
    pool = _pool(db_path, memory_bytes)
    future = pool.submit(_run, name, data, at.isoformat() if at else None)
    try:
        return future.result(timeout=seconds)
    except FutureTimeout as exc:
        _discard(db_path, memory_bytes)
        raise BudgetExceeded(f"quá {seconds:g} giây xử lý") from exc
    except (MemoryError, BrokenProcessPool) as exc:
        _discard(db_path, memory_bytes)
        raise BudgetExceeded(f"quá {memory_bytes >> 20} MiB bộ nhớ") from exc
