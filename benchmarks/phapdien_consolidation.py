"""A second, independent check of consolidation: the official Bộ pháp điển holds each
codified article's text as in force at its dump date (mid-2024); LexVN's consolidation of
the stored source document at that date should say the same.

Needs a store with the corpus ingested and the dump imported:
    lexvn ingest ../shared/corpus --db corpus.sqlite
    lexvn import-phapdien ../shared/corpus/phapdien_official/phapdien_2024_saladnga.tar.gz \
        --db corpus.sqlite
    python benchmarks/phapdien_consolidation.py --db corpus.sqlite [--show N]

For every stored full text (not a VBHN) that the pháp điển codifies, each codified article
"Điều N" of it is compared with LexVN's article N at the dump date, titles and text, after
the normalisation of ingest/consolidation/compare.py (`lexvn check-phapdien`, which lists
each difference). Prints per document equal / a word or two apart / differing / not found,
then the totals, and what is not equal by reason: an amending document the note names that
the store lacks, or nothing the store can tell."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.codification.official_check import (
    DIFFERS,
    EQUAL,
    NOT_FOUND,
    SLIP,
    check_documents,
    dump_date,
)
from ingest.store import Store


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--show", type=int, default=0, help="print the first N unexplained")
    args = ap.parse_args()
    with Store(args.db, read_only=True) as store:
        at = dump_date(store)
        checks = check_documents(store, at)
    by_doc: dict[str, Counter] = {}
    for c in checks:
        by_doc.setdefault(c.doc_number, Counter())[c.kind] += 1
    for number, counts in by_doc.items():
        n = sum(counts.values())
        print(
            f"{number:28} {n:4} codified: {counts[EQUAL]:4} equal, {counts[SLIP]:3} "
            f"a word or two apart, {counts[DIFFERS]:4} differ, {counts[NOT_FOUND]:3} not found"
        )
    totals = Counter(c.kind for c in checks)
    n = len(checks) or 1
    print()
    print(
        f"all: {len(checks)} codified articles of stored documents at {at}: {totals[EQUAL]} "
        f"equal ({totals[EQUAL] / n:.1%}), {totals[SLIP]} a word or two apart, "
        f"{totals[DIFFERS]} differ, {totals[NOT_FOUND]} not found"
    )
    unequal = [c for c in checks if c.kind != EQUAL]
    missing = [c for c in unequal if c.missing]
    print(
        f"not equal: {len(unequal)}; amended by a document the store lacks: {len(missing)} "
        f"({len(missing) / n:.1%} of all); the rest: {len(unequal) - len(missing)}"
    )
    print(f"ceiling with the documents stored: {(n - len(missing)) / n:.1%}")
    shown = 0
    for c in unequal:
        if c.missing or c.kind != DIFFERS or shown >= args.show:
            continue
        shown += 1
        print(f"   {c.doc_number} {c.source_unit} ({c.code}): LexVN     …{c.ours}")
        print(f"   {c.doc_number} {c.source_unit} ({c.code}): pháp điển …{c.theirs}")


if __name__ == "__main__":
    main()
