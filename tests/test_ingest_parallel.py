"""Bulk ingest: files parsed by worker processes, written by one, committed with their links
a batch at a time. Whatever the number of workers, the same store; whatever fails, only the
document at fault is lost."""

from __future__ import annotations

import gc
import hashlib
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

import lexvn.ingest_files as ingest_files
from ingest.readers import read_path
from ingest.store import Store
from lexvn.collector import BULK_THRESHOLDS, bulk_work
from lexvn.ingest_files import ingest_paths
from tests.conftest import SAMPLES

FILES = [
    "procurement/amend1_luat_57-2024-QH15.docx",
    "procurement/nd_214-2025-ND-CP.docx",
    "procurement/base_luat_22-2023-QH15.docx",
    "procurement/tt_79-2025-TT-BTC.docx",
    "codes/bo-luat-to-tung-dan-su-2015.txt",
]


@pytest.fixture()
def paths(tmp_path):
    missing = [f for f in FILES if not (SAMPLES / f).exists()]
    assert not missing, missing
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a Word file")
    copy = tmp_path / "base_luat_22-2023-QH15.txt"  # the same law as text: refused
    paragraphs = read_path(SAMPLES / FILES[2]).paragraphs
    copy.write_text("\n".join(p.text for p in paragraphs), encoding="utf-8")
    return [SAMPLES / f for f in FILES[:3]] + [broken, copy] + [SAMPLES / f for f in FILES[3:]]


def _ingest(db, paths, jobs, batch=2):
    with Store(db) as store:
        store.clock = lambda: "2026-12-01T00:00:00+00:00"
        summary = ingest_paths(store, paths, jobs=jobs, batch=batch)
    return summary


def test_two_workers_give_the_same_store_byte_for_byte(tmp_path, paths):
    one = _ingest(tmp_path / "one.sqlite", paths, jobs=1)
    two = _ingest(tmp_path / "two.sqlite", paths, jobs=2)
    assert one == two
    assert one["documents"] == 5
    assert len(one["errors"]) == 2  # the broken file and the second copy, each named
    assert any("broken.docx" in e for e in one["errors"])
    assert any("already stored" in e for e in one["errors"])

    def digest(name):
        return hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()

    assert digest("one.sqlite") == digest("two.sqlite")


def test_batches_give_the_links_of_one_document_at_a_time(tmp_path, paths):
    """A batch's link refresh equals refreshing after every document."""
    _ingest(tmp_path / "each.sqlite", paths, jobs=1, batch=1)
    _ingest(tmp_path / "batched.sqlite", paths, jobs=1, batch=16)
    tables = ("citations", "relations", "amendments", "unit_effective", "documents")
    for table in tables:
        rows = []
        for name in ("each.sqlite", "batched.sqlite"):
            with Store(tmp_path / name) as store:
                rows.append(
                    sorted(repr(tuple(r)) for r in store.conn.execute(f"SELECT * FROM {table}"))
                )
        assert rows[0] == rows[1], table
        assert rows[0], table


def test_a_batch_whose_links_fail_loses_only_the_document_at_fault(tmp_path, paths, monkeypatch):
    real = ingest_files.refresh_links

    def failing(store, changed, **kw):
        if "22-2023-QH15" in changed:
            raise RuntimeError("links exploded")
        return real(store, changed, **kw)

    monkeypatch.setattr(ingest_files, "refresh_links", failing)
    summary = _ingest(tmp_path / "s.sqlite", paths, jobs=1, batch=4)
    failed = [e for e in summary["errors"] if "links exploded" in e]
    # the law, and its text copy (no longer a second copy once the first is not stored)
    assert len(failed) == 2 and all("base_luat_22-2023-QH15" in e for e in failed)
    assert "22-2023-QH15" not in summary["stored"]
    with Store(tmp_path / "s.sqlite") as store:
        stored = {r[0] for r in store.conn.execute("SELECT id FROM documents")}
        assert stored == set(summary["stored"]) and len(stored) == 4
        cited = store.conn.execute(
            "SELECT count(*) FROM citations WHERE doc_id = '57-2024-QH15'"
        ).fetchone()[0]
        assert cited > 0  # the others of its batch kept their links


def test_an_inner_transaction_that_fails_undoes_only_its_own_writes(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        with store.transaction():
            store.conn.execute("INSERT INTO codification_overrides VALUES ('kept', '', '', '')")
            with pytest.raises(RuntimeError), store.transaction():
                store.conn.execute(
                    "INSERT INTO codification_overrides VALUES ('undone', '', '', '')"
                )
                raise RuntimeError
        keys = {r[0] for r in store.conn.execute("SELECT doc_id FROM codification_overrides")}
    assert "kept" in keys and "undone" not in keys


def _parse_or_die(path):
    """The parse, except that one file kills the process reading it, as a reader's C
    library may on a hostile file."""
    if path.name == "kills-its-worker.txt":
        os._exit(1)
    return ingest_files._parse_one(path)


def test_a_worker_that_dies_costs_its_file_only(tmp_path, paths):
    culprit = tmp_path / "kills-its-worker.txt"
    culprit.write_text("LUẬT\nĐiều 1. X\n", encoding="utf-8")
    order = paths[:2] + [culprit] + paths[2:]
    results = list(ingest_files._parsed(order, 2, parse=_parse_or_die))
    assert len(results) == len(order)  # one result a file, in the order given, no hang
    died = [error for doc, error, _ in results if error and "process died" in error]
    assert died == [f"{culprit}: the parser's process died reading it"]
    docs = [doc.id for doc, _, _ in results if doc is not None]
    others = [p for p in order if p != culprit]
    assert docs == [d.id for d, _, _ in map(ingest_files._parse_one, others) if d is not None]


def _worker_pid(path):
    return None, f"{path.name} {os.getpid()}", {}


def test_workers_are_replaced_after_their_quota_and_every_file_comes_back(monkeypatch, tmp_path):
    """Fresh pools every FILES_A_WORKER files a worker, with files queued ahead of the
    writer: the recycling that max_tasks_per_child would do, without its lost workers."""
    monkeypatch.setattr(ingest_files, "FILES_A_WORKER", 3)
    order = [tmp_path / f"{i}.txt" for i in range(20)]
    results = list(ingest_files._parsed(order, 2, parse=_worker_pid))
    names = [error.split()[0] for _, error, _ in results]
    assert names == [p.name for p in order]  # every file, in the order given
    pids = [int(error.split()[1]) for _, error, _ in results]
    per_pool = [set(pids[i : i + 6]) for i in range(0, 20, 6)]  # 3 files x 2 workers a pool
    assert len(set(pids)) > 2  # the first pool's workers did not parse everything
    assert all(not a & b for a, b in zip(per_pool, per_pool[1:], strict=False))


def _niceness(path):
    return None, f"{path.name} {os.nice(0)}", {}


def test_the_workers_give_way_to_the_writer():
    """The writer is the critical path of a parallel ingest: its workers run at a lower
    priority, so that on a machine with as many cores as workers it keeps a whole core."""
    order = [Path(f"{i}.txt") for i in range(3)]
    mine = os.nice(0)
    results = list(ingest_files._parsed(order, 2, parse=_niceness))
    assert [int(error.split()[1]) for _, error, _ in results] == [
        min(mine + ingest_files.WORKER_NICENESS, 19)
    ] * 3


def _thresholds(path):
    return None, f"{path.name} {gc.get_threshold()}", {}


def test_an_ingest_collects_garbage_at_the_bulk_pace_and_gives_the_callers_back(
    tmp_path, paths, monkeypatch
):
    """The cyclic collector walked the writer's whole heap 38 times in an ingest of the
    corpus (lexvn/collector.py): the writer and its workers run at the bulk pace, and the
    caller (a web app, a test) gets its own pace back, the ingest failing or not."""
    seen = []
    real = ingest_files._store_batch

    def recorded(store, batch, *args, **kw):
        seen.append(gc.get_threshold())
        return real(store, batch, *args, **kw)

    monkeypatch.setattr(ingest_files, "_store_batch", recorded)
    before = gc.get_threshold()
    assert before != BULK_THRESHOLDS
    _ingest(tmp_path / "s.sqlite", paths, jobs=1)
    assert seen and set(seen) == {BULK_THRESHOLDS}
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), bulk_work():
        raise RuntimeError("a failed ingest")
    assert gc.get_threshold() == before
    results = list(ingest_files._parsed([Path(f"{i}.txt") for i in range(3)], 2, _thresholds))
    assert [error.split(" ", 1)[1] for _, error, _ in results] == [str(BULK_THRESHOLDS)] * 3


def test_an_ingest_leaves_its_documents_to_reference_counting(tmp_path, paths):
    """At the bulk pace the cyclic collector runs seldom, so what an ingest drops must not
    wait for it: no unit, row or document of the ingest is held in a reference cycle (a
    recursive helper nested in a function held the whole tree of a document through its
    closure; the corpus ingest peaked at 437 MB with them, 348 MB without)."""
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)  # what the collector finds is kept in gc.garbage
    try:
        _ingest(tmp_path / "s.sqlite", paths, jobs=1)
        gc.collect()
        cyclic = Counter(type(o).__name__ for o in gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    model = {"Document", "Unit", "Paragraph", "IndexRow", "CitationRow", "Reference", "_Scope"}
    assert not model & set(cyclic), cyclic


_KILLED_WRITER = """
import time
from pathlib import Path
import lexvn.ingest_files as f
from tests.test_ingest_parallel import _worker_pid
for _, error, _ in f._parsed([Path(f"{i}.txt") for i in range(4)], 2, parse=_worker_pid):
    print(error.split()[1], flush=True)
time.sleep(600)
"""


def test_the_workers_end_when_their_writer_is_killed(tmp_path):
    """kill -9 of an ingest left its two workers and their fork server waiting for ever
    (three processes a kill, seen after every run of tests/test_crash.py): they follow it."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER],
        cwd=Path(__file__).resolve().parent.parent,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        pids = {int(proc.stdout.readline()) for _ in range(4)}
        assert len(pids) >= 1 and proc.pid not in pids
        assert all(_alive(pid) for pid in pids)  # the pool is still there, idle
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 20
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in pids if _alive(pid)]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


def test_the_first_batches_are_small_so_the_writer_starts_on_the_first_document(
    tmp_path, paths, monkeypatch
):
    """With workers, a first batch of 64 left the writer idle until 64 files were parsed
    (4 s of the whole corpus at -j 2): the batches double from one document up to `batch`."""
    sizes = []
    real = ingest_files._store_batch

    def recorded(store, batch, *args, **kw):
        sizes.append(len(batch))
        return real(store, batch, *args, **kw)

    monkeypatch.setattr(ingest_files, "_store_batch", recorded)
    summary = _ingest(tmp_path / "s.sqlite", paths, jobs=1, batch=4)
    assert sizes == [1, 2, 3]  # six documents parsed (not the broken file), the rest last
    assert summary["documents"] == 5  # the text copy of the law is refused


def test_a_writable_store_syncs_at_checkpoints_and_a_read_only_one_is_left_as_it_is(tmp_path):
    """WAL with synchronous NORMAL (1) and a 64 MB page cache for the writer: consistent
    after a crash, the last commits re-ingested; a reader keeps SQLite's defaults."""
    with Store(tmp_path / "s.sqlite") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -65536
    with Store(tmp_path / "s.sqlite", read_only=True) as store:
        assert store.conn.execute("PRAGMA cache_size").fetchone()[0] != -65536
