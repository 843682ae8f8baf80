"""Search at scale: a store of about 1,000,000 units made by replicating corpus_samples/ with
varied numbers, indexed through the real ingest path (Store.put with the SQLite indexer).

Prints index time, file size and peak memory (RSS) while indexing, then p50/p95 latency of
LexVN's full search (candidates, rescoring, grouping, facets, total, snippets) over a fixed
mixed query set, beside its first stage alone (BM25 over the postings, top 10) and a raw
FTS5 MATCH (`ORDER BY rank LIMIT 10`) of the same folded expression on the same rows, in
the same run.

Usage: python benchmarks/search_scale.py [--units 1000000] [--db FILE] [--reuse] [--rounds 5]
"""

from __future__ import annotations

import argparse
import copy
import os
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.pipeline import parse_file
from ingest.readers import SUPPORTED_SUFFIXES
from ingest.store import Store
from schema.model import Document
from search_app.engine.backends import postings
from search_app.engine.backends.sqlite import (
    SqliteIndexer,
    fts5_expression,
)
from search_app.engine.contract import SearchRequest
from search_app.engine.factory import open_search
from search_app.engine.matching import strict_match
from search_app.engine.query import parse_query

QUERIES = [
    "hợp đồng lao động",
    "hop dong lao dong",
    "người lao động nghỉ hằng năm",
    "thoi gian thu viec",
    "trợ cấp thôi việc",
    "don phuong cham dut hop dong",
    "tội trộm cắp tài sản",
    "toi lua dao chiem doat tai san",
    "bồi thường thiệt hại",
    "thoi hieu khoi kien",
    "di chúc hợp pháp",
    "lai suat",
    "chỉ định thầu",
    "bao dam du thau",
    "hồ sơ mời thầu",
    "nha thau nuoc ngoai",
    "tạm giam",
    "ban an so tham",
    '"thời giờ làm việc"',
    '"hop dong vay tai san"',
    "sa thải OR khiển trách",
    "kỷ luật lao động -sa thải",
    "đất đai",
    "quyen so huu",
    "thuyền trưởng",
    "an ninh mạng",
    "tên miền",
    "khiếu nại",
    "cơ quan nhà nước có thẩm quyền",
    "Điều 113 Bộ luật Lao động",
    "khoan 2 dieu 5 bo luat lao dong",
    "22/2023/QH15",
    "người lao động được nghỉ phép năm bao nhiêu ngày",
    "chào giá trực tuyến là gì",
    "trach nhiem hinh su",
    "quyền và nghĩa vụ của người sử dụng lao động",
    "giải quyết tranh chấp",
    "hoa giai",
    "phạt tù từ 02 năm đến 07 năm",
    "mua sắm tập trung",
]
FILTERED = [("hợp đồng", {"doc_type": ["Nghị định"]}), ("thời hạn", {"year": ["2015"]})]


def sample_documents() -> list[Document]:
    files = sorted(
        p
        for p in (ROOT / "corpus_samples").rglob("*")
        if p.suffix in SUPPORTED_SUFFIXES and not p.name.startswith("LICENSE")
    )
    return [parse_file(p) for p in files]


def replica(doc: Document, k: int) -> Document:
    """A copy with its own id and number, and the numbers in its text shifted by k."""
    new = copy.deepcopy(doc)
    new.id = f"R{k}-{doc.id}"
    if new.metadata.number:
        new.metadata.number = f"{k}{new.metadata.number}"
    shift = re.compile(r"\b\d{1,3}\b")

    def vary(text: str) -> str:
        return shift.sub(lambda m: str(int(m.group()) + k % 97), text)

    for unit in new.walk():
        unit.text = [vary(t) for t in unit.text]
        unit.tail = [vary(t) for t in unit.tail]
    return new


def build(db: str, target_units: int) -> None:
    docs = sample_documents()
    per_copy = sum(1 for d in docs for _ in d.walk())
    copies = max(1, -(-target_units // per_copy))
    indexer = SqliteIndexer()
    t0 = time.perf_counter()
    units = 0
    with Store(db) as store:
        store.conn.execute("PRAGMA synchronous=OFF")
        for k in range(copies):
            for doc in docs:
                d = doc if k == 0 else replica(doc, k)
                store.put(d, indexers=[indexer])
                units += sum(1 for _ in d.walk())
            if k % 5 == 4:
                print(
                    f"  {k + 1}/{copies} copies, {units} units, {time.perf_counter() - t0:.0f} s",
                    flush=True,
                )
        SqliteIndexer.optimize(store.conn)
        store.conn.commit()
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = os.path.getsize(db) / 1e9
    with Store(db) as store:
        page = store.conn.execute("PRAGMA page_size").fetchone()[0]
        free = store.conn.execute("PRAGMA freelist_count").fetchone()[0] * page / 1e9
    print(
        f"indexed {units} units ({copies} copies of {len(docs)} documents) in {elapsed:.0f} s"
        f" ({units / elapsed:.0f} units/s); file {size:.2f} GB ({free:.2f} GB of it free pages"
        f" left by merges, reused by later writes); peak RSS {peak:.0f} MiB"
    )


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def measure(db: str, rounds: int) -> None:
    service = open_search(db)
    conn = service.conn
    service.search(SearchRequest(q="khởi động"))  # warm the document cache
    service.search(SearchRequest(q="sa thải OR khiển trách"))  # and underthesea's model
    lexvn, raw, ranked, slowest = [], [], [], {}
    for _ in range(rounds):
        for q, filters in [(q, {}) for q in QUERIES] + FILTERED:
            t0 = time.perf_counter()
            service.search(SearchRequest(q=q, limit=10, filters=filters))
            lexvn.append((time.perf_counter() - t0) * 1000)
            slowest[q] = max(slowest.get(q, 0.0), lexvn[-1])
            pq = parse_query(q)
            if pq.clauses:
                match = strict_match(pq)
                t0 = time.perf_counter()
                found = postings.evaluate(service.searcher.postings, match)
                if found is not None:  # uncached: the first stage alone
                    found.top(10)
                    ranked.append((time.perf_counter() - t0) * 1000)
                expr = fts5_expression(match)
                t0 = time.perf_counter()
                conn.execute(
                    "SELECT rowid, rank FROM search_fts WHERE search_fts MATCH ? "
                    "ORDER BY rank LIMIT 10",
                    (expr,),
                ).fetchall()
                raw.append((time.perf_counter() - t0) * 1000)
    rows = conn.execute("SELECT count(*) FROM search_rows").fetchone()[0]
    print(f"{rows} indexed rows; {len(QUERIES) + len(FILTERED)} queries x {rounds} rounds")
    for name, values in (
        ("LexVN search (full)", lexvn),
        ("postings BM25, top 10", ranked),
        ("raw FTS5 MATCH, top 10", raw),
    ):
        print(
            f"{name:<26} p50 {percentile(values, 50):7.1f} ms   p95 "
            f"{percentile(values, 95):7.1f} ms   max {max(values):7.1f} ms"
        )
    print(f"p95 ratio LexVN / raw: {percentile(lexvn, 95) / percentile(raw, 95):.2f}")
    worst = sorted(slowest.items(), key=lambda kv: -kv[1])[:3]
    print("slowest (LexVN, worst round): " + "; ".join(f"{q} {ms:.1f} ms" for q, ms in worst))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=1_000_000)
    ap.add_argument("--db", default="/tmp/lexvn-scale.sqlite")
    ap.add_argument("--reuse", action="store_true", help="measure an existing --db")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(args.db + suffix).unlink(missing_ok=True)
        build(args.db, args.units)
    measure(args.db, args.rounds)


if __name__ == "__main__":
    main()
