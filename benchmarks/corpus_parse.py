"""Parsing the real body of law: every document of ../shared/corpus/ that has hand-checked
expectations (tests/data/corpus_golden/), in every format it comes in, against those
expectations: the articles found (numbers, in order) and, for the documents checked by hand,
six metadata fields.

Prints one line per file (articles found / expected, and the first difference when they
differ), then the second check: every article the official Bộ pháp điển
(../shared/corpus/phapdien_official/) codifies from a document must be found in each of its
files; then the shares: documents whose article list is exact, metadata fields right, files
that failed to read. Usage:
    python benchmarks/corpus_parse.py [--only SUBSTRING] [--verbose] [--fields] [--no-phapdien]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.pipeline import parse_file
from ingest.readers import ReaderError
from ingest.store import number_key
from tests.corpus_golden import (
    CORPUS,
    METADATA_FIELDS,
    PHAPDIEN_NOT_IN_FILE,
    Expected,
    articles,
    codified_articles,
    codified_misses,
    load,
    metadata_misses,
    readable,
)


def first_difference(got: list[str], want: list[str]) -> str:
    for i, (a, b) in enumerate(zip(got, want, strict=False)):
        if a != b:
            return f"at #{i + 1}: found Điều {a}, expected Điều {b}"
    return f"found {len(got)}, expected {len(want)}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--fields", action="store_true", help="List every metadata miss.")
    ap.add_argument("--no-phapdien", action="store_true", help="Skip the pháp điển check.")
    args = ap.parse_args()
    entries: list[Expected] = [e for e in load() if args.only in e.path]
    files = docs_exact = docs = 0
    unread: list[str] = []
    by_format: Counter = Counter()
    exact_by_format: Counter = Counter()
    field_total: Counter = Counter()
    field_right: Counter = Counter()
    misses: list[str] = []
    per_file: list[str] = []
    parsed: dict = {}
    started = time.perf_counter()
    for entry in entries:
        docs += 1
        all_exact = True
        for rel in [entry.path, *entry.same_as]:
            if not readable(rel) and Path(rel).suffix.lower() != ".json":
                unread.append(f"{rel}: format not read")
                all_exact = False
                continue
            if Path(rel).suffix.lower() == ".json":
                continue  # the Công báo metadata file: its full_text is the .txt beside it
            files += 1
            fmt = Path(rel).suffix.lower().lstrip(".")
            by_format[fmt] += 1
            try:
                doc = parse_file(CORPUS / rel)
            except ReaderError as exc:
                unread.append(f"{rel}: {exc.reason}")
                all_exact = False
                continue
            parsed[rel] = doc
            body, attached = articles(doc)
            ok = body == entry.articles
            per_file.append(
                f"{'ok  ' if ok else 'MISS'} {len(body):4} found "
                f"{len(entry.articles):4} expected  {rel}"
            )
            if ok:
                exact_by_format[fmt] += 1
            else:
                all_exact = False
                misses.append(f"{rel}: {first_difference(body, entry.articles)}")
            if args.verbose and attached != entry.attachment_articles:
                misses.append(
                    f"{rel}: attachments {[len(a) for a in attached]} "
                    f"expected {[len(a) for a in entry.attachment_articles]}"
                )
            if entry.metadata and rel == entry.path:
                wrong = metadata_misses(doc, entry.metadata)
                for name in METADATA_FIELDS:
                    if name in entry.metadata:
                        field_total[name] += 1
                        if name not in {w[0] for w in wrong}:
                            field_right[name] += 1
                if args.fields:
                    for name, got, want in wrong:
                        misses.append(f"{rel}: {name}: got {got!r}, expected {want!r}")
        docs_exact += all_exact
    elapsed = time.perf_counter() - started
    for line in per_file:
        print(line)
    print()
    for line in misses:
        print(line)
    for line in unread:
        print(f"not read: {line}")
    print()
    print(f"documents: {docs}, files parsed: {files}, in {elapsed:.1f} s")
    print(f"documents whose every copy has the exact article list: {docs_exact}/{docs}")
    for fmt in sorted(by_format):
        print(f"  {fmt:5} files exact: {exact_by_format[fmt]}/{by_format[fmt]}")
    total = sum(field_total.values())
    right = sum(field_right.values())
    if total:
        print(f"metadata fields right: {right}/{total} ({right / total:.1%})")
        for name in METADATA_FIELDS:
            print(f"  {name:10} {field_right[name]}/{field_total[name]}")
    print(f"files not read: {len(unread)}")
    if not args.no_phapdien:
        numbers = {number_key(d.metadata.number) for d in parsed.values() if d.metadata.number}
        files_checked, checked, lost = codified_misses(parsed, codified_articles(numbers))
        print()
        for line in lost:
            print(line)
        for rel, (numbers_out, reason) in PHAPDIEN_NOT_IN_FILE.items():
            print(f"not in the file ({len(numbers_out)}): {rel}: {reason}")
        print(
            f"pháp điển check: {files_checked} files of codified documents, {checked} codified "
            f"articles, {len(lost)} not found beyond those explained"
        )


if __name__ == "__main__":
    main()
