"""Web pages under load, on loopback.

1. Server time without the page cache (in process, Flask test client): the document page of
   Bộ luật Dân sự 2015 (689 articles) and the search result pages of the 66 questions of
   benchmarks/search_questions.json; p50 / p95. Targets: BLDS < 300 ms, search p95 < 100 ms.
2. Load: `lexvn serve` (waitress, 8 threads, page cache on as deployed) in its own process;
   an open-loop client sends RATE requests per second for DURATION seconds (50% search
   pages, 30% document pages, 20% unit permalinks, drawn at random with a fixed seed) over
   keep-alive connections; prints the rate achieved, errors and latency percentiles.
   Target: 200 req/s for 60 s, no error, p95 < 200 ms.
Usage: python benchmarks/web_load.py [--rate 200] [--duration 60] [--db FILE]"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.store import Store
from search_app.web.app import create_app


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def server_time(db: str, questions: list[str]) -> None:
    app = create_app(db, LEXVN_PAGE_CACHE_MB=0)
    client = app.test_client()
    blds = []
    for _ in range(20):
        t0 = time.perf_counter()
        assert client.get("/van-ban/91/2015/QH13").status_code == 200
        blds.append((time.perf_counter() - t0) * 1000)
    search = []
    for q in questions:
        t0 = time.perf_counter()
        assert client.get("/", query_string={"q": q}).status_code in (200, 302)
        search.append((time.perf_counter() - t0) * 1000)
    print("server time, no page cache (ms):")
    print(
        f"  BLDS document page (689 articles): p50 {statistics.median(blds):.0f}, "
        f"p95 {pct(blds, 0.95):.0f}  (target < 300)"
    )
    print(
        f"  search pages ({len(search)} questions): p50 {statistics.median(search):.0f}, "
        f"p95 {pct(search, 0.95):.0f}  (target p95 < 100)"
    )


def urls(db: str, questions: list[str], n: int, seed: int = 7) -> list[str]:
    with Store(db, read_only=True) as store:
        docs = [r["id"] for r in store.list_documents()]
        units = [
            (r[0], r[1])
            for r in store.conn.execute("SELECT doc_id, id FROM units WHERE type = 'dieu'")
        ]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.5:
            out.append("/?" + urllib.parse.urlencode({"q": rng.choice(questions)}))
        elif roll < 0.8:
            out.append(f"/van-ban/{rng.choice(docs)}")
        else:
            doc, unit = rng.choice(units)
            out.append(f"/van-ban/{doc}/{unit}")
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(db: str, questions: list[str], rate: float, duration: float) -> None:
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "lexvn.cli",
            "serve",
            "--db",
            db,
            "--port",
            str(port),
            "--threads",
            "8",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/")
                break
            except OSError:
                time.sleep(0.2)
        total = int(rate * duration)
        plan = urls(db, questions, total)
        jobs: queue.Queue = queue.Queue()
        start = time.perf_counter() + 0.5
        for i, url in enumerate(plan):
            jobs.put((start + i / rate, url))
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()

        def worker():
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            while True:
                try:
                    when, url = jobs.get_nowait()
                except queue.Empty:
                    return
                delay = when - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                t0 = time.perf_counter()
                try:
                    conn.request("GET", url)
                    response = conn.getresponse()
                    response.read()
                    ok = response.status in (200, 302)
                except OSError as exc:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                    ok, response = False, exc
                elapsed = (time.perf_counter() - t0) * 1000
                with lock:
                    latencies.append(elapsed)
                    if not ok:
                        errors.append(f"{url}: {getattr(response, 'status', response)}")

        threads = [threading.Thread(target=worker) for _ in range(48)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        took = time.perf_counter() - start
        print(
            f"load: {len(latencies)} requests in {took:.1f} s = {len(latencies) / took:.0f} req/s "
            f"(asked {rate:.0f} for {duration:.0f} s), errors {len(errors)}"
        )
        print(
            f"  latency ms: p50 {statistics.median(latencies):.1f}, "
            f"p95 {pct(latencies, 0.95):.1f}, "
            f"p99 {pct(latencies, 0.99):.1f}, max {max(latencies):.1f}  (target p95 < 200)"
        )
        for e in errors[:5]:
            print("  error:", e)
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    db = args.db
    if db is None:  # built by the CLI in its own process, as deployed: the servers measured
        # here must not carry the ingest's heap (its garbage collections skewed p95 2x)
        db = str(Path(tempfile.mkdtemp()) / "web.sqlite")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "lexvn.cli",
                "ingest",
                str(ROOT / "corpus_samples"),
                "--db",
                db,
                "--quiet",
            ],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
    questions = [
        q["q"]
        for q in json.loads((ROOT / "benchmarks/search_questions.json").read_text(encoding="utf-8"))
    ]
    server_time(db, questions)
    load(db, questions, args.rate, args.duration)


if __name__ == "__main__":
    main()
