"""Does adding documents cost what they touch, or what the store holds? The time to ingest
the same 10 files (read, parse, store, index, links, validity, amendments) into stores of
about 300, 3,000 and 30,000 documents, as ratios to the smallest, measured in one run.

The 300 are the shared corpus; the 10 are its most recently issued documents that have one
copy only, held out of it. The larger stores add copies of the corpus's documents of at
most 40 KB of text (a national database is mostly such decisions and circulars), each under
a new số ký hiệu (the number's first figure gets a suffix: 22/2023/QH15 -> 22r17/…
would not read as a number, so 22 becomes 2200017 for replica 17) with the same text, same
date and the same links as its original (copied row for row, the citing document's own
id replaced): what a refresh would compute for it, without the hours that would take.

Usage: python benchmarks/ingest_growth.py [--sizes 300 3000 30000] [--keep DIR] [--repeat 3]"""

from __future__ import annotations

import argparse
import copy
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.parse.metadata import doc_id_for  # noqa: E402
from ingest.store import Store  # noqa: E402
from lexvn.ingest_files import collect_sources, default_jobs, ingest_paths  # noqa: E402
from search_app.engine.backends.sqlite import SqliteIndexer  # noqa: E402

LINK_TABLES = {  # table: (column of the citing document, column that may name itself)
    "citations": ("doc_id", "target_doc_id"),
    "relations": ("src_doc_id", "dst_doc_id"),
    "unit_effective": ("doc_id", None),
    "amendments": ("src_doc_id", None),
}


def _held_out(corpus: Path, tmp: Path) -> list[Path]:
    """The 10 most recently issued documents with one copy in the corpus: their files."""
    paths = collect_sources([corpus])
    with Store(tmp / "all.sqlite") as store:
        summary = ingest_paths(store, paths, jobs=default_jobs())
        copies = {m.group(1) for e in summary["errors"] if (m := re.search(r"stored as (\S+)", e))}
        rows = store.conn.execute(
            "SELECT id, source_path FROM documents WHERE issued IS NOT NULL "
            "ORDER BY issued DESC, id"
        ).fetchall()
    return [Path(path) for doc_id, path in rows if doc_id not in copies][:10]


def _replicate(store: Store, target: int, small: list[str]) -> None:
    """Replicas of the small documents until the store holds `target` documents."""
    have = store.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    k = store.conn.execute(
        "SELECT coalesce(max(CAST(value AS INTEGER)), 0) FROM search_meta WHERE key = 'replica'"
    ).fetchone()
    round_ = (k[0] if k else 0) + 1
    originals = {i: store.get(i) for i in small}
    started, last = time.perf_counter(), 0.0
    while have < target:
        with store.transaction():
            for doc_id, doc in originals.items():
                if have >= target:
                    break
                clone = copy.deepcopy(doc)
                md = clone.metadata
                md.number = re.sub(r"^(\d+)", rf"\g<1>{round_:05d}", md.number)
                clone.id = doc_id_for(md, doc_id)
                clone.source_path = f"replica {round_} of {doc.source_path}"
                clone.source_hash = ""
                store.put(clone, indexers=[SqliteIndexer()])
                for table, (src, own) in LINK_TABLES.items():
                    cols = [r[1] for r in store.conn.execute(f"PRAGMA table_info({table})")]
                    values = ", ".join(
                        "?"
                        if c == src
                        else f"CASE WHEN {c} = ? THEN ? ELSE {c} END"
                        if c == own
                        else c
                        for c in cols
                    )
                    args = [clone.id] + ([doc_id, clone.id] if own else []) + [doc_id]
                    store.conn.execute(
                        f"INSERT INTO {table} SELECT {values} FROM {table} WHERE {src} = ?", args
                    )
                have += 1
            store.conn.execute(
                "INSERT OR REPLACE INTO search_meta VALUES ('replica', ?)", (str(round_),)
            )
        round_ += 1
        if time.perf_counter() - last > 10:
            last = time.perf_counter()
            rate = (have - len(small)) / (last - started)
            print(f"  {have} documents ({rate:.0f} replicas/s)", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--sizes", type=int, nargs="+", default=[300, 3000, 30000])
    ap.add_argument("--keep", type=Path, help="keep the stores in this folder (and reuse them)")
    ap.add_argument("--repeat", type=int, default=3, help="trials at each size; the best")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="lexvn-growth-"))
    work = args.keep or tmp
    work.mkdir(parents=True, exist_ok=True)
    try:
        chosen = work / "new_documents.json"  # kept with the stores they were held out of
        if chosen.exists():
            new = [Path(p) for p in json.loads(chosen.read_text(encoding="utf-8"))]
        else:
            new = _held_out(args.corpus, tmp)
            chosen.write_text(json.dumps([str(p) for p in new]), encoding="utf-8")
        print(f"the 10 new documents: {', '.join(p.name for p in new)}")
        held = {str(p) for p in new}
        base = work / "store_base.sqlite"
        if not base.exists():
            with Store(base) as store:
                rest = [p for p in collect_sources([args.corpus]) if str(p) not in held]
                ingest_paths(store, rest, jobs=default_jobs())
        with Store(base) as store:
            small = [
                r[0]
                for r in store.conn.execute(
                    "SELECT id FROM documents WHERE text_chars <= 40000 AND number IS NOT NULL "
                    "ORDER BY id"
                )
            ]
            stored = store.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        results = []
        previous = base
        for size in sorted(args.sizes):
            grown = work / f"store_{size}.sqlite"
            if not grown.exists():
                shutil.copy(previous, grown)
                with Store(grown) as store:
                    _replicate(store, size, small)
            previous = grown
            best = None
            for _ in range(args.repeat):  # the best of a few: a copy's pages still settling
                trial = tmp / f"trial_{size}.sqlite"
                shutil.copy(grown, trial)
                with Store(trial) as store:
                    docs = store.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
                    units = store.conn.execute("SELECT count(*) FROM units").fetchone()[0]
                    timings: dict[str, float] = {}
                    t0 = time.perf_counter()
                    summary = ingest_paths(store, new, jobs=1, timings=timings)
                    seconds = time.perf_counter() - t0
                trial.unlink()
                if best is None or seconds < best[2]:
                    best = (docs, units, seconds, summary["documents"], timings)
            results.append(best)
            seconds = best[2]
            print(json.dumps({"documents": docs, "seconds": seconds}), file=sys.stderr)
        print(
            f"base: {stored} documents stored from the corpus; {len(small)} small ones replicated"
        )
        first = results[0][2]
        for docs, units, seconds, added, timings in results:
            timings.pop("text bytes", None)
            stages = "  ".join(f"{k} {v:.2f}" for k, v in timings.items())
            print(
                f"store of {docs:6} documents ({units:9} units): {added} added in {seconds:6.2f} s"
                f"  {seconds / first:4.2f}x the smallest   [{stages}]"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
