"""Starting a LexVN server in a test and waiting until it answers: one helper for every test
that runs `lexvn serve` or `lexvn demo` as a process."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def first_answer(
    proc: subprocess.Popen,
    url: str,
    seconds: float,
    output: Callable[[], str] = lambda: "",
) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of the first answer to `url`; the test fails, with the tail
    of the process's output, if it exits first or never answers within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"exited {proc.returncode}: {output()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, dict(response.headers), response.read()
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"never answered {url} within {seconds:.0f} s: {output()[-3000:]}")
