"""The draft checker on published documents: every document of ../shared/corpus/ that has
hand-checked expectations (tests/data/corpus_golden/), checked as if it were a draft,
against a store of corpus_samples/. A published text should pass; every error it gets is a
real defect of that copy or a false error of a rule (to review). Prints errors per
document, by rule, and the documents with the most errors.
Usage: python benchmarks/draft_check_corpus.py [--only SUBSTRING] [--by-document]"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from draftcheck.checker import check_path
from draftcheck.database import Database
from ingest.readers import ReaderError
from ingest.store import Store
from lexvn.ingest_files import ingest_samples
from tests.corpus_golden import CORPUS, load, readable


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="")
    ap.add_argument("--by-document", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.sqlite") as store:
        ingest_samples(store)
        db = Database(store)
        by_rule: Counter = Counter()
        by_doc: dict[str, Counter] = {}
        unread = 0
        checked = 0
        started = time.perf_counter()
        for entry in load():
            if args.only not in entry.path or not readable(entry.path):
                continue
            try:
                report = check_path(CORPUS / entry.path, db)
            except ReaderError:
                unread += 1
                continue
            checked += 1
            rules = Counter(f.rule for f in report.errors)
            by_rule.update(rules)
            by_doc[entry.path] = rules
        elapsed = time.perf_counter() - started
    errors = sum(by_rule.values())
    passed = sum(1 for r in by_doc.values() if not r)
    print(f"{checked} published documents checked in {elapsed:.0f} s ({unread} unreadable)")
    print(
        f"passed: {passed}/{checked}; errors: {errors} ({errors / max(checked, 1):.2f} a document)"
    )
    for rule, n in by_rule.most_common():
        print(f"  {n:5}  {rule}")
    worst = sorted(by_doc.items(), key=lambda kv: -sum(kv[1].values()))
    for path, rules in worst[: 40 if args.by_document else 10]:
        if rules:
            print(f"{sum(rules.values()):4}  {path}: {dict(rules)}")


if __name__ == "__main__":
    main()
