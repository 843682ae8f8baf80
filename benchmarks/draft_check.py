"""Draft checking speed: a 150-article draft made from Bộ luật Lao động 2019 (its first
150 articles, header and signature kept), checked against a store of corpus_samples/.

Prints the article count and the check time (each run a fresh Database, as the API does:
every check reads the store anew), median and worst of N runs. Target: under 2 s.
Usage: python benchmarks/draft_check.py [--repeat N] [--db FILE]"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from draftcheck.checker import check_bytes
from draftcheck.database import Database
from ingest.store import Store
from lexvn.ingest_files import ingest_samples

SOURCE = ROOT / "corpus_samples/codes/bo-luat-lao-dong-2019.txt"


def draft_of(articles: int) -> str:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    cut = next(i for i, t in enumerate(lines) if t.startswith(f"Điều {articles + 1}."))
    end = next(i for i, t in enumerate(lines) if t.startswith("Bộ luật này được Quốc hội"))
    return "\n".join(lines[:cut] + lines[end:]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", default=None, help="a store to check against")
    args = parser.parse_args()
    db_path = args.db
    if db_path is None:
        db_path = str(Path(tempfile.mkdtemp()) / "bench.sqlite")
        with Store(db_path) as store:
            ingest_samples(store)
    data = draft_of(150).encode("utf-8")
    times = []
    for _ in range(args.repeat):
        with Store(db_path, read_only=True) as store:
            t0 = time.perf_counter()
            report = check_bytes("du-thao-150-dieu.txt", data, Database(store))
            times.append(time.perf_counter() - t0)
    print(f"draft: {report.articles} articles, {len(data) / 1024:.0f} KiB")
    print(
        f"findings: {len(report.errors)} errors, "
        f"{len(report.findings) - len(report.errors)} warnings"
    )
    print(
        f"check time: median {statistics.median(times):.2f} s, worst {max(times):.2f} s "
        f"over {args.repeat} runs (target < 2 s)"
    )


if __name__ == "__main__":
    main()
