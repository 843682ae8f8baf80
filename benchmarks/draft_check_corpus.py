"""The draft checker on published documents: every document of ../shared/corpus/ that has
hand-checked expectations (tests/data/corpus_golden/), checked as if it were a draft,
against a store of corpus_samples/. A published text should pass; every error it gets is a
real defect of that copy or a false error of a rule or of the reading. The reviewed ones are
in tests/data/draft_check_reviewed.json: an error listed there as a defect is real; every
other error counts as false (the reviewed false ones with their cause, the others as not yet
reviewed). Prints errors, real defects and false errors per document, by rule, the
documents published without a real defect that still fail, and the defects no longer found.
Usage: python benchmarks/draft_check_corpus.py [--only SUBSTRING] [--by-document] [--false]"""

from __future__ import annotations

import argparse
import json
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
    ap.add_argument("--false", action="store_true", help="list every false error")
    args = ap.parse_args()
    reviewed = json.loads((ROOT / "tests/data/draft_check_reviewed.json").read_text("utf-8"))
    defects = {(e["path"], e["rule"], e["line"]) for e in reviewed["defects"]}
    causes = {(e["path"], e["rule"], e["line"]): e["cause"] for e in reviewed["false"]}
    found: set[tuple] = set()
    false: list[tuple] = []
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
            for f in report.errors:
                key = (entry.path, f.rule, f.line)
                if key in defects:
                    found.add(key)
                else:
                    false.append((*key, causes.get(key, "not reviewed"), f.message))
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
    n_false = len(false)
    print(
        f"real defects found: {errors - n_false}; false errors: {n_false} "
        f"({n_false / max(checked, 1):.3f} a document, target 0.05); "
        f"not yet reviewed: {sum(1 for f in false if f[3] == 'not reviewed')}"
    )
    sound = [d for d, r in by_doc.items() if not any(e["path"] == d for e in reviewed["defects"])]
    print(
        f"published without a real defect: {len(sound)}, of which still rejected: "
        f"{sum(1 for d in sound if by_doc[d])}"
    )
    lost = sorted(k for k in defects - found if args.only in k[0] and readable(k[0]))
    print(f"reviewed defects no longer reported: {len(lost)}")
    for key in lost:
        print(f"  lost: {key}")
    for rule, n in by_rule.most_common():
        wrong = sum(1 for f in false if f[1] == rule)
        print(f"  {n:5}  {rule}  (false {wrong})")
    by_cause = Counter(f[3] for f in false)
    print("false errors by reviewed cause:")
    for cause, n in by_cause.most_common(15):
        print(f"  {n:5}  {cause}")
    if args.false:
        for f in false:
            print("  ", *f[:3], f[4][:120])
    worst = sorted(by_doc.items(), key=lambda kv: -sum(kv[1].values()))
    for path, rules in worst[: 40 if args.by_document else 10]:
        if rules:
            print(f"{sum(rules.values()):4}  {path}: {dict(rules)}")


if __name__ == "__main__":
    main()
