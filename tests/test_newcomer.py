"""The newcomer's path: a fresh clone, a fresh virtual environment, the README's first
command exactly as written (`python3 -m pip install -e . && lexvn demo`), then a search
through the API of the server it starts. Nothing of this machine's Python is used."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.parse

import pytest

from tests.conftest import ROOT
from tests.servers import first_answer, free_port


def _readme_command() -> str:
    line = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[2]
    return line.split("#", 1)[0].strip()


@pytest.mark.skipif(shutil.which("git") is None, reason="a fresh clone needs git")
def test_the_readme_command_in_a_fresh_clone_and_venv_serves_the_samples(tmp_path):
    command = _readme_command()
    assert command == "python3 -m pip install -e . && lexvn demo"
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, timeout=300)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "LEXVN_"))
    }
    env |= {
        "PATH": f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        "VIRTUAL_ENV": str(venv),
        "LEXVN_PORT": str(port),
    }
    log = (tmp_path / "newcomer.log").open("wb")
    proc = subprocess.Popen(
        ["bash", "-c", command], cwd=clone, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        query = urllib.parse.quote("bảo hiểm xã hội")
        url = f"http://127.0.0.1:{port}/api/search?q={query}&limit=3"
        log_text = (tmp_path / "newcomer.log").read_text
        found = json.loads(first_answer(proc, url, 900, log_text)[2])
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    assert found["total"] > 0
    assert any("Lao động" in (hit["doc_title"] or "") for hit in found["hits"]), found
    # the package came from the clone, into the fresh environment
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import lexvn; print(lexvn.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env=env,
    ).stdout
    assert where.startswith(str(clone))
