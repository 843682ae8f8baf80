"""kill -9 of an ingest at random moments: the store stays intact and searchable, every
stored document is complete with its links, and a re-ingest gives a clean ingest's counts."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

from ingest.enrich import refresh_links
from ingest.store import Store
from tests.conftest import SAMPLES

FILES = [
    SAMPLES / "procurement/base_luat_22-2023-QH15.docx",
    SAMPLES / "procurement/amend1_luat_57-2024-QH15.docx",
    SAMPLES / "procurement/tt_80-2025-TT-BTC.docx",
    SAMPLES / "html/qd-1397-QD-UBND-2021-nam-dinh.html",
]
LINK_TABLES = ("citations", "relations", "amendments", "unit_effective")


def _ingest(db) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "lexvn.cli", "ingest", *map(str, FILES), "--db", str(db), "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _tables(db) -> dict[str, list[str]]:
    conn = sqlite3.connect(db)
    try:
        return {t: sorted(map(repr, conn.execute(f"SELECT * FROM {t}"))) for t in LINK_TABLES}
    finally:
        conn.close()


def test_kill_at_random_moments_leaves_complete_documents(tmp_path):
    clean = tmp_path / "clean.sqlite"
    assert _ingest(clean).wait(timeout=300) == 0
    with Store(clean, read_only=True) as store:
        clean_counts = store.counts()
    rng = random.Random(20261201)
    for round_ in range(10):
        db = tmp_path / f"killed-{round_}.sqlite"
        proc = _ingest(db)
        time.sleep(rng.uniform(0.3, 6.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if not db.exists():
            continue
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        shutil.copy(db, tmp_path / "recomputed.sqlite")
        for suffix in ("-wal", "-shm"):
            if (db.parent / (db.name + suffix)).exists():
                shutil.copy(db.parent / (db.name + suffix), tmp_path / f"recomputed.sqlite{suffix}")
        with Store(tmp_path / "recomputed.sqlite") as store:
            for row in store.list_documents():
                assert row["unit_count"] > 0, row["id"]  # no document without its units
            refresh_links(store)
        # what each committed document brought with it is what a full recomputation gives
        assert _tables(db) == _tables(tmp_path / "recomputed.sqlite"), f"round {round_}"
        assert _ingest(db).wait(timeout=300) == 0
        with Store(db, read_only=True) as store:
            assert store.counts() == clean_counts
        for suffix in ("", "-wal", "-shm"):
            (tmp_path / f"recomputed.sqlite{suffix}").unlink(missing_ok=True)
