"""Precision and recall of citation extraction on paragraphs sampled from corpus_samples/
and annotated by hand (tests/data/citations_checked.json): a citation is the written
mention of a unit or of a document, self-references ("Điều này", "Bộ luật này") included,
generic ones ("theo quy định của pháp luật", "do luật định") excluded. A leading "các" is not
part of the span."""

from __future__ import annotations

import json
from pathlib import Path

from ingest.links.citations import extract

CHECKED = json.loads((Path(__file__).parent / "data/citations_checked.json").read_text("utf-8"))


def _normal(span: str) -> str:
    span = span.strip(" ,;.")
    return span[4:] if span.lower().startswith("các ") else span


def test_checked_set_is_large_enough():
    assert sum(len(item["citations"]) for item in CHECKED) >= 100
    assert len({item["file"] for item in CHECKED}) >= 8


def test_precision_and_recall():
    true_pos = false_pos = false_neg = 0
    misses = []
    for item in CHECKED:
        expected = [_normal(c) for c in item["citations"]]
        found = [_normal(r.text) for r in extract(item["text"])]
        remaining = list(expected)
        for span in found:
            if span in remaining:
                remaining.remove(span)
                true_pos += 1
            else:
                false_pos += 1
                misses.append(("extra", span, item["text"]))
        false_neg += len(remaining)
        misses += [("missed", span, item["text"]) for span in remaining]
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    print(
        f"\ncitations: {true_pos} found, {false_pos} extra, {false_neg} missed; "
        f"precision {precision:.3f}, recall {recall:.3f}"
    )
    for miss in misses:
        print("  ", miss)
    # every checked citation found, nothing else: what the Matcher it replaced gave, and
    # what a faster extraction must keep (benchmarks/citation_extraction.py)
    assert precision == 1.0 and recall == 1.0
