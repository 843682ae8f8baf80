"""Eight hostile DOCX uploads at once against `lexvn serve`: each is answered within its
budget (refused: 400 unreadable, 413 past the budget, 503 no worker came free, or checked:
422), searches go on being answered meanwhile, and the server with its workers stays under
1 GiB."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from tests.hostile_inputs import hostile_docx, slow_docx
from tests.servers import free_port

BUDGET_S = 6.0
LIMIT_KIB = 1 << 20  # 1 GiB


def _tree(root: int) -> tuple[int, set[int]]:
    """Resident memory (KiB) of a process and its descendants, and their pids, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        rss[int(entry.name)] = next(
            (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0
        )
    tree, grown = {root}, True
    while grown:
        grown = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grown = True
    return sum(rss.get(pid, 0) for pid in tree), tree


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _upload(port: int, name: str, data: bytes) -> tuple[int, float, bytes]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request(
        "POST",
        "/api/drafts/check",
        body,
        {"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    response = conn.getresponse()
    return response.status, time.monotonic() - started, response.read()


def _search(port: int) -> tuple[int, float]:
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/api/search?q=%C4%91%E1%BA%A5u+th%E1%BA%A7u&limit=5")
    response = conn.getresponse()
    response.read()
    return response.status, time.monotonic() - started


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="memory read from /proc")
def test_eight_hostile_uploads_at_once(samples_db):
    port = free_port()
    env = {**os.environ, "LEXVN_DRAFT_SECONDS": str(BUDGET_S), "LEXVN_PAGE_CACHE_MB": "0"}
    server = subprocess.Popen(
        [sys.executable, "-m", "lexvn.cli", "serve", "--db", samples_db, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                assert _search(port)[0] == 200
                break
            except OSError:
                time.sleep(0.1)
        hostile = [item for item in hostile_docx() if item[0] != "numbering-start-huge.docx"]
        slow, huge = slow_docx(60_000), slow_docx(400_000)  # past the time, past the memory
        uploads = hostile[:5] + [
            ("slow-0.docx", slow),
            ("slow-1.docx", slow),
            ("slow-2.docx", huge),
        ]
        assert len(uploads) == 8 and len(huge) < 10 << 20
        answers: dict[str, tuple[int, float, bytes]] = {}
        searches: list[tuple[int, float]] = []
        peak, pids = [0], set()
        done = threading.Event()

        def watch() -> None:
            while not done.is_set():
                rss, tree = _tree(server.pid)
                peak[0] = max(peak[0], rss)
                pids.update(tree)
                time.sleep(0.05)

        def search() -> None:
            while not done.is_set():
                searches.append(_search(port))
                time.sleep(0.1)

        def upload(name: str, data: bytes) -> None:
            answers[name] = _upload(port, name, data)

        helpers = [threading.Thread(target=watch), threading.Thread(target=search)]
        senders = [threading.Thread(target=upload, args=item) for item in uploads]
        for thread in helpers + senders:
            thread.start()
        for thread in senders:
            thread.join()
        done.set()
        for thread in helpers:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=20)
    deadline = time.monotonic() + 10
    while any(map(_alive, pids)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in pids if _alive(pid)], "workers outlived the server"
    assert len(answers) == 8
    print(
        {
            name: (status, round(seconds, 2), body[:160].decode(errors="replace"))
            for name, (status, seconds, body) in answers.items()
        }
    )
    print(
        f"searches {len(searches)}, slowest {max(s for _, s in searches):.2f} s; peak {peak[0] >> 10} MiB"
    )
    for name, (status, seconds, body) in answers.items():
        assert status in (400, 413, 422, 503), (name, status, body[:200])
        assert seconds < BUDGET_S + 3, (name, seconds)
        assert b"Traceback" not in body
    assert {answers[f"slow-{i}.docx"][0] for i in range(3)} <= {413, 503}  # none checked whole
    assert searches and all(status == 200 for status, _ in searches), searches
    assert max(seconds for _, seconds in searches) < 3.0, sorted(s for _, s in searches)[-5:]
    assert peak[0] < LIMIT_KIB, f"server and workers peaked at {peak[0] >> 10} MiB"


def test_a_draft_past_the_memory_budget_is_refused_and_the_worker_replaced():
    from draftcheck.isolated import BudgetExceeded, check_within_budget

    with pytest.raises(BudgetExceeded, match="MiB bộ nhớ"):
        check_within_budget(None, "huge.docx", slow_docx(400_000), None, 60, 512 << 20, 1)
    report, _ = check_within_budget(None, "ok.docx", slow_docx(3), None, 60, 512 << 20, 1)
    assert report["articles"] == 3
