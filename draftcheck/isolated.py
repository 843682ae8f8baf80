"""A draft check in a worker process, within a time and a memory budget: an upload made to
exhaust the checker (a DOCX built to inflate, a text built to be slow) costs the server at
most its budget, and the server keeps answering searches meanwhile.

A fixed number of workers (slots) check drafts, one draft each at a time; the budget is a
deadline from the upload's arrival, so an upload that waits behind others for a slot is
answered "busy" when its time is spent rather than queued without end. A worker that spends
its budget is killed and a fresh one takes its slot. A worker whose server has died ends
itself: nothing outlives `lexvn serve`."""

from __future__ import annotations

import multiprocessing
import os
import queue
import resource
import threading
import time
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


class ServerBusy(Exception):
    """Every worker stayed busy with other drafts until this upload's time was spent."""


MIN_RUN_S = 0.5
_DB: Database | None = None
_Key = tuple[str | None, int, int]
_slots: dict[_Key, queue.Queue[ProcessPoolExecutor]] = {}
_lock = threading.Lock()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)


def _start(db_path: str | None, memory_bytes: int, parent: int) -> None:
    global _DB
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    _DB = Database(Store(db_path, read_only=True)) if db_path else None


def _run(name: str, data: bytes, at: str | None) -> tuple[dict, list[tuple[int, str, bool]]]:
    source = read_bytes(name, data)
    report = check_source(source, _DB, date.fromisoformat(at) if at else None)
    return report.to_json(), [(p.line, p.text, p.in_table) for p in source.paragraphs]


def _worker(db_path: str | None, memory_bytes: int) -> ProcessPoolExecutor:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # no threads' stacks to reserve
    return ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start,
        initargs=(db_path, memory_bytes, os.getpid()),
    )


def _free(key: _Key) -> queue.Queue[ProcessPoolExecutor]:
    with _lock:
        if key not in _slots:
            free: queue.Queue[ProcessPoolExecutor] = queue.Queue()
            for _ in range(key[2]):
                free.put(_worker(key[0], key[1]))
            _slots[key] = free
        return _slots[key]


def _kill(pool: ProcessPoolExecutor) -> None:
    for process in list(getattr(pool, "_processes", {}).values()):
        process.kill()  # the worker may be busy for good: it is ended, not waited for
    pool.shutdown(wait=False, cancel_futures=True)


def default_workers() -> int:
    """Half the cores: the other half keeps answering searches while drafts are checked."""
    return max(1, (os.cpu_count() or 2) // 2)


def check_within_budget(
    db_path: str | None,
    name: str,
    data: bytes,
    at: date | None,
    seconds: float,
    memory_bytes: int,
    workers: int | None = None,
) -> tuple[dict, list[tuple[int, str, bool]]]:
    """The report as JSON and the draft's paragraphs (line, text, in table). ReaderError
    for an unreadable file; BudgetExceeded past the budget; ServerBusy when no worker came
    free within it."""
    deadline = time.monotonic() + seconds
    key = (db_path, memory_bytes, workers or default_workers())
    free = _free(key)
    busy = ServerBusy(f"cả {key[2]} tiến trình kiểm tra đều bận quá {seconds:g} giây")
    try:
        pool = free.get(timeout=seconds)
    except queue.Empty as exc:
        raise busy from exc
    left = deadline - time.monotonic()
    if left < min(MIN_RUN_S, seconds / 2):  # a worker came free too late to check anything
        free.put(pool)
        raise busy
    try:
        future = pool.submit(_run, name, data, at.isoformat() if at else None)
        return future.result(timeout=left)
    except FutureTimeout as exc:
        _kill(pool)
        pool = _worker(db_path, memory_bytes)
        raise BudgetExceeded(f"quá {seconds:g} giây xử lý") from exc
    except (MemoryError, BrokenProcessPool) as exc:
        _kill(pool)
        pool = _worker(db_path, memory_bytes)
        raise BudgetExceeded(f"quá {memory_bytes >> 20} MiB bộ nhớ") from exc
    finally:
        free.put(pool)
