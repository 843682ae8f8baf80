"""The README's first command, as a newcomer runs it: `lexvn demo` ingests corpus_samples/
and serves it; a search page answers from the samples."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT
from tests.servers import first_answer, free_port


def test_demo_ingests_the_samples_and_serves_them(tmp_path):
    port = free_port()
    env = {**os.environ, "LEXVN_DB": str(tmp_path / "demo.sqlite")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "lexvn.cli", "demo", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}/?q=b%E1%BA%A3o+hi%E1%BB%83m+x%C3%A3+h%E1%BB%99i"
        status, _, body = first_answer(proc, url, 240)
        assert status == 200
        assert "Lao động" in body.decode("utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert (
        (ROOT / "README.md")
        .read_text(encoding="utf-8")
        .splitlines()[2]
        .strip()
        .startswith("python3 -m pip install -e . && lexvn demo")
    )
