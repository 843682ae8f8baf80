"""LexVN's codification of Bộ luật Lao động 2019 (đề mục 20.2) against the published pages
of the Bộ pháp điển (corpus_samples/phapdien/lao-dong.md).

Prints, over the law's articles (LQ) present in both: same number, same title, a source
note naming the same article and document, and text similarity (difflib ratio on the
article text, whitespace folded); then 10 articles side by side.
Usage: python benchmarks/codification_compare.py [--db FILE] [--at YYYY-MM-DD]"""

from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.codification.codify import build_de_muc, store_assignment
from ingest.codification.phapdien_pages import read_pages
from ingest.store import Store
from lexvn.ingest_files import ingest_samples

PAGES = ROOT / "corpus_samples/phapdien/lao-dong.md"
SIDE_BY_SIDE = ["1", "3", "12", "13", "20", "35", "90", "105", "169", "220"]


def comparison(store: Store, at: date) -> tuple[dict, list[dict]]:
    ours_tree, _ = build_de_muc(store, "20.2", at, store_assignment(store))
    ours = {n.code.removeprefix("Điều ").rstrip("."): n for n in ours_tree.articles()}
    theirs = read_pages(PAGES.read_text(encoding="utf-8"))
    laws = [c for c in theirs if c.startswith("20.2.LQ.")]
    rows = []
    for code in laws:
        mine = ours.get(code)
        pub = theirs[code]
        if mine is None or not pub.text:  # the published page lists some articles untexted
            rows.append({"code": code, "ours": mine, "theirs": pub, "untexted": not pub.text})
            continue
        ratio = difflib.SequenceMatcher(
            None, " ".join(" ".join(mine.text).split()), " ".join(" ".join(pub.text).split())
        ).ratio()
        rows.append(
            {
                "code": code,
                "ours": mine,
                "theirs": pub,
                "title": mine.title == pub.title,
                "note": pub.source_article in mine.note and pub.source_number in mine.note,
                "ratio": ratio,
            }
        )
    both = [r for r in rows if r["ours"] is not None and not r.get("untexted")]
    summary = {
        "published": len(laws),
        "published_without_text": sum(1 for r in rows if r.get("untexted")),
        "ours": sum(1 for c in ours if c.startswith("20.2.LQ.")),
        "numbered_alike": sum(1 for c in laws if c in ours),
        "compared": len(both),
        "same_title": sum(r["title"] for r in both),
        "same_source": sum(r["note"] for r in both),
        "text_identical": sum(r["ratio"] > 0.999 for r in both),
        "text_ratio_mean": sum(r["ratio"] for r in both) / max(1, len(both)),
    }
    return summary, rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=None)
    parser.add_argument("--at", default=date.today().isoformat())
    args = parser.parse_args()
    db = args.db
    if db is None:
        db = str(Path(tempfile.mkdtemp()) / "codify.sqlite")
        with Store(db) as store:
            ingest_samples(store)
    with Store(db, read_only=True) as store:
        summary, rows = comparison(store, date.fromisoformat(args.at))
    print("Bộ luật Lao động 2019, đề mục 20.2: LexVN vs the published Bộ pháp điển pages")
    for key, value in summary.items():
        print(f"  {key}: {value:.3f}" if isinstance(value, float) else f"  {key}: {value}")
    by_code = {r["code"]: r for r in rows}
    print("\n| article | LexVN number and title | published number and title |", end="")
    print(" source note (LexVN) | text |")
    print("|---|---|---|---|---|")
    for n in SIDE_BY_SIDE:
        r = by_code.get(f"20.2.LQ.{n}")
        if r is None or r["ours"] is None or r.get("untexted"):
            print(f"| Điều {n} | — | {'—' if r is None else r['theirs'].title} | | |")
            continue
        ours, pub = r["ours"], r["theirs"]
        text = "identical" if r["ratio"] > 0.999 else f"similarity {r['ratio']:.3f}"
        print(
            f"| Điều {n} | {ours.code} {ours.title} | Điều {pub.code}. {pub.title} | "
            f"{ours.note} | {text} |"
        )


if __name__ == "__main__":
    main()
