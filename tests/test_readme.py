"""The README's first command, as a newcomer runs it: `lexvn demo` ingests corpus_samples/
and serves it; a search page answers from the samples."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT


def test_demo_ingests_the_samples_and_serves_them(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "LEXVN_DB": str(tmp_path / "demo.sqlite")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "lexvn.cli", "demo", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"demo exited {proc.returncode}: {proc.stdout.read().decode()[-2000:]}")
            try:
                url = f"http://127.0.0.1:{port}/?q=b%E1%BA%A3o+hi%E1%BB%83m+x%C3%A3+h%E1%BB%99i"
                with urllib.request.urlopen(url, timeout=5) as r:
                    page = r.read().decode("utf-8")
                assert r.status == 200
                assert "Bộ luật Lao động" in page or "Lao động" in page
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the demo never served")
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
