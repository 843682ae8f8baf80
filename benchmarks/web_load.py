"""Web pages under load, on loopback.

1. Server time without the page cache (in process, Flask test client): the document page of
   Bộ luật Dân sự 2015 (689 articles) and the search result pages of the 66 questions of
   benchmarks/search_questions.json; p50 / p95. Targets: BLDS < 300 ms, search p95 < 100 ms.
2. Load: `lexvn serve` (waitress, 8 threads, page cache on, as deployed) in its own process;
   closed-loop clients (1, 8, 32 by default), each sending its next request as soon as the
   last is answered, over keep-alive, on a planned mix where no URL comes twice (search,
   document, unit and diff pages, each document at its own date): so the page cache serves
   only what one rendered page truly shares with another, and its hit ratio is printed from
   the server's `X-Cache` header. Target: p95 <= 200 ms at 32 clients, no error.
Usage: python benchmarks/web_load.py [--clients 1,8,32] [--duration 30] [--db FILE]"""

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
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.store import Store
from search_app.engine.analysis import folded
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


def plan(db: str, questions: list[str], n: int, seed: int = 7) -> list[tuple[str, str]]:
    """n (kind, URL) pairs, no URL twice: 40% search pages (a question, a page of results,
    with or without its diacritics), 25% document pages and 20% unit permalinks (each at
    its own date, so each is a consolidation and a render of its own), 15% diff pages of
    amended documents between two dates."""
    with Store(db, read_only=True) as store:
        docs = [r["id"] for r in store.list_documents()]
        units = store.conn.execute("SELECT doc_id, id FROM units WHERE type = 'dieu'").fetchall()
        amended = [r[0] for r in store.conn.execute("SELECT DISTINCT base_doc_id FROM amendments")]
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[tuple[str, str]] = []

    def day() -> str:
        return (date(2016, 1, 1) + timedelta(days=rng.randrange(11 * 365))).isoformat()

    while len(out) < n:
        roll = rng.random()
        if roll < 0.4:
            q = rng.choice(questions)
            q = folded(q) if rng.random() < 0.3 else q
            query = {"q": q, "trang": rng.randint(1, 3)}
            kind, url = "search", "/?" + urllib.parse.urlencode(query)
        elif roll < 0.65:
            kind, url = "document", f"/van-ban/{rng.choice(docs)}?ngay={day()}"
        elif roll < 0.85:
            doc, unit = rng.choice(units)
            kind, url = "unit", f"/van-ban/{doc}/{unit}?ngay={day()}"
        elif amended:
            first, second = sorted((day(), day()))
            kind, url = "diff", f"/van-ban/{rng.choice(amended)}/so-sanh?tu={first}&den={second}"
        else:
            continue
        if url not in seen:
            seen.add(url)
            out.append((kind, url))
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, threads: int) -> tuple[subprocess.Popen, int]:
    """`lexvn serve` as deployed: waitress, the page cache on."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "lexvn.cli", "serve", "--db", db, "--port", str(port)]
        + ["--threads", str(threads)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/")
            break
        except OSError:
            time.sleep(0.2)
    return server, port


def closed_loop(port: int, urls: list[tuple[str, str]], clients: int, duration: float) -> dict:
    """`clients` clients, each sending its next request as soon as the last is answered
    (keep-alive, no pause), for `duration` seconds; URLs taken in order, none twice."""
    jobs: queue.Queue = queue.Queue()
    for item in urls:
        jobs.put(item)
    results: list[tuple[str, float, bool, str | None]] = []
    lock = threading.Lock()
    stop = time.perf_counter() + duration

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < stop:
            try:
                kind, url = jobs.get_nowait()
            except queue.Empty:
                return
            t0 = time.perf_counter()
            try:
                conn.request("GET", url)
                response = conn.getresponse()
                response.read()
                ok, cache = response.status in (200, 302), response.getheader("X-Cache")
            except OSError:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ok, cache = False, None
            with lock:
                results.append((kind, (time.perf_counter() - t0) * 1000, ok, cache))

    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - began
    if jobs.empty():
        print(f"  (the plan ran out after {took:.1f} s: give more --requests)")
    latencies = [ms for _, ms, _, _ in results]
    told = [c for _, _, _, c in results if c]
    return {
        "clients": clients,
        "requests": len(results),
        "rate": len(results) / took,
        "errors": sum(1 for r in results if not r[2]),
        "p50": statistics.median(latencies),
        "p95": pct(latencies, 0.95),
        "p99": pct(latencies, 0.99),
        "hit_ratio": sum(1 for c in told if c == "hit") / len(told) if told else 0.0,
        "by_kind": {
            kind: pct([ms for k, ms, _, _ in results if k == kind], 0.95)
            for kind in sorted({k for k, _, _, _ in results})
        },
    }


def load(
    db: str, questions: list[str], levels: list[int], duration: float, n: int, threads: int
) -> None:
    urls = plan(db, questions, n)
    server, port = start_server(db, threads)
    try:
        print(
            f"closed loop on lexvn serve (waitress, {threads} threads, page cache on), "
            f"{duration:.0f} s a level, no URL twice "
            "(40% search, 25% document, 20% unit, 15% diff pages):"
        )
        at = 0
        for clients in levels:
            r = closed_loop(port, urls[at:], clients, duration)
            at += r["requests"]
            kinds = ", ".join(f"{k} {v:.0f}" for k, v in r["by_kind"].items())
            print(
                f"  {clients:>2} clients: {r['requests']} requests, {r['rate']:.0f} req/s, "
                f"errors {r['errors']}, page cache hit ratio {r['hit_ratio']:.2f}; latency ms "
                f"p50 {r['p50']:.0f}, p95 {r['p95']:.0f}, p99 {r['p99']:.0f}"
                f"  (p95 by kind: {kinds})"
            )
        print("  target: p95 <= 200 ms at 32 clients")
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", default="1,8,32", help="levels of concurrency")
    parser.add_argument("--duration", type=float, default=30, help="seconds a level")
    parser.add_argument("--threads", type=int, default=8, help="of lexvn serve")
    parser.add_argument("--requests", type=int, default=20000, help="URLs planned, all unique")
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    db = args.db
    if db is None:  # built by the CLI in its own process, as deployed: the servers measured
        # here must not carry the ingest's heap (its garbage collections skewed p95 2x)
        db = str(Path(tempfile.mkdtemp()) / "web.sqlite")
        subprocess.run(  # the README's demo ingest: the samples, their links
            [sys.executable, "-m", "lexvn.cli", "demo", "--no-serve", "--db", db],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
    questions = [
        q["q"]
        for q in json.loads((ROOT / "benchmarks/search_questions.json").read_text(encoding="utf-8"))
    ]
    server_time(db, questions)
    levels = [int(c) for c in args.clients.split(",")]
    load(db, questions, levels, args.duration, args.requests, args.threads)


if __name__ == "__main__":
    main()
