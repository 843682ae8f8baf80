"""Over the generated corpus of malformed inputs (tests/malformed_inputs.py, ≥ 120): no
traceback; each path named on one line with its reason, refused or skipped; the store holding
the real documents they were damaged from is unchanged (integrity check, the rows of every
table); the ingest's memory bounded."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys

from tests.malformed_inputs import ORIGINALS, write

PEAK_LIMIT_KIB = 1 << 20  # 1 GiB, for the ingest and its workers
_MEASURED = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.call(sys.argv[1:])\n"
    "sys.stderr.write(f'peak-kib {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n')\n"
    "sys.exit(rc)\n"
)


def _lexvn(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _MEASURED, sys.executable, "-m", "lexvn.cli", *args],
        capture_output=True,
        timeout=600,
    )


def _state(db) -> dict[str, object]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        state: dict[str, object] = {}
        for table in tables:
            rows = sorted(map(repr, conn.execute(f'SELECT * FROM "{table}"')))
            state[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        return state
    finally:
        conn.close()


def test_every_malformed_input_is_refused_by_name_and_the_store_is_unchanged(tmp_path):
    paths = write(tmp_path / "malformed")
    assert len(paths) >= 120
    db = tmp_path / "store.sqlite"
    first = _lexvn("ingest", *map(str, ORIGINALS.values()), "--db", str(db), "--quiet")
    assert first.returncode == 0, first.stderr.decode()[-2000:]
    before = _state(db)
    assert before["documents"][0] == len(ORIGINALS)

    run = _lexvn("ingest", str(tmp_path / "malformed"), "--db", str(db), "--quiet")
    err = run.stderr.decode("utf-8", "surrogateescape")
    assert run.returncode == 1  # something was not stored, and the status says so
    assert "Traceback" not in err and "unexpected error" not in err, err[-3000:]
    lines = err.splitlines()
    for path in paths:
        shown = os.fsdecode(os.fsencode(path)).replace("\n", "\\n")
        named = [
            line for line in lines if line.startswith((f"error: {shown}:", f"skipped: {shown}:"))
        ]
        assert len(named) == 1, (shown, named)
        assert len(named[0]) > len(shown) + 12, named  # a reason follows the name
    assert "0 documents, 0 units" in run.stdout.decode()
    assert _state(db) == before
    peak = int(next(line.split()[1] for line in lines if line.startswith("peak-kib ")))
    assert peak < PEAK_LIMIT_KIB, f"the ingest peaked at {peak >> 10} MiB"
