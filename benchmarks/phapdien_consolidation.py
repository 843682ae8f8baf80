"""A second, independent check of consolidation: the official Bộ pháp điển holds each
codified article's text as in force at its dump date (mid-2024); LexVN's consolidation of
the stored source document at that date should say the same.

Needs a store with the corpus ingested and the dump imported:
    lexvn ingest ../shared/corpus --db corpus.sqlite
    lexvn import-phapdien ../shared/corpus/phapdien_official/phapdien_2024_saladnga.tar.gz \
        --db corpus.sqlite
    python benchmarks/phapdien_consolidation.py --db corpus.sqlite [--show N]

For every stored document (not a VBHN) that the pháp điển codifies, each codified article
"Điều N" of it is compared with LexVN's article N at the dump date, titles and text, after
the normalisation of ingest/consolidation/compare.py. Prints per document equal / a word or
two apart / differing / not found, then the totals."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.consolidation.compare import first_difference, is_slip, normal
from ingest.consolidation.versions import consolidated_at
from ingest.store import Store
from schema.model import DIEU

DUMP_DATE = date(2024, 8, 1)  # the latest "có hiệu lực … kể từ" date in the dump


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    totals: Counter = Counter()
    with Store(args.db, read_only=True) as store:
        docs = store.conn.execute(
            "SELECT id, number_key, number FROM documents WHERE doc_type != 'Văn bản hợp nhất'"
        ).fetchall()
        for doc_id, key, doc_number in docs:
            rows = store.conn.execute(
                "SELECT code, title, text, source_unit FROM phapdien_articles "
                "WHERE source_key = ? AND source_unit LIKE 'Điều %' AND whole_article = 0",
                (key,),
            ).fetchall()
            if not rows:
                continue
            result = consolidated_at(store, doc_id, DUMP_DATE)
            ours = {}
            for unit in result.doc.walk():
                if unit.type == DIEU and unit.number.lower() not in ours:
                    ours[unit.number.lower()] = f"{unit.heading}\n{unit.full_text()}"
            counts: Counter = Counter()
            shown = 0
            for code, title, text, unit in rows:
                number = unit.split()[-1].lower()
                theirs = f"{title}\n{text}"
                mine = ours.get(number)
                if mine is None:
                    kind = "not found"
                elif normal(mine) == normal(theirs):
                    kind = "equal"
                elif is_slip(normal(mine), normal(theirs)):
                    kind = "slip"
                else:
                    kind = "differs"
                counts[kind] += 1
                if kind == "differs" and shown < args.show:
                    shown += 1
                    a, b = first_difference(mine, theirs)
                    print(f"   {doc_number} {unit} ({code}): LexVN     …{a}")
                    print(f"   {doc_number} {unit} ({code}): pháp điển …{b}")
            totals.update(counts)
            n = sum(counts.values())
            print(
                f"{doc_number:28} {n:4} codified: {counts['equal']:4} equal, {counts['slip']:3} "
                f"a word or two apart, {counts['differs']:4} differ, "
                f"{counts['not found']:3} not found"
            )
    n = sum(totals.values()) or 1
    print()
    print(
        f"all: {n} codified articles of stored documents at {DUMP_DATE}: {totals['equal']} equal "
        f"({totals['equal'] / n:.1%}), {totals['slip']} a word or two apart, "
        f"{totals['differs']} differ, {totals['not found']} not found"
    )


if __name__ == "__main__":
    main()
