"""Consolidation against the official VBHN, article by article, on the real chains of
../shared/corpus/consolidation/ (each set.json: a base, its amending documents, the VBHN).

For each VBHN: the base, every amending document of the set (later ones too, as a user's
store holds them) and the VBHN itself are ingested into a fresh store (LexVN's real ingest:
parse, store, links, instructions), and the VBHN is checked as `lexvn check-vbhn` checks
it (ingest/consolidation/versions.py, check_vbhn: the documents it names, at its date):
LexVN's text of each article against the VBHN's, beside the base as enacted (the baseline:
what doing nothing gives). Normalisation and "slips" (a word or two apart):
ingest/consolidation/compare.py. Usage:
    python benchmarks/consolidation_vbhn.py [--only SUBSTRING] [--show N]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.consolidation.compare import compare, first_difference
from ingest.consolidation.versions import check_vbhn, consolidated_at
from ingest.store import Store
from lexvn.ingest_files import ingest_paths

SETS = ROOT.parent / "shared" / "corpus" / "consolidation"
# every difference read by hand, with its cause: a new one shows as not reviewed
REVIEWED = json.loads((ROOT / "benchmarks" / "consolidation_vbhn_reviewed.json").read_text())


def file_of(folder: Path, entry: dict) -> Path:
    return (folder / (entry.get("text") or entry["original"])).resolve()


def copies(folder: Path, entry: dict) -> list[Path]:
    """Every copy of a document the set holds, its text first (a Công báo copy may hold one
    gazette issue's part of a law: the store takes the whole copy in its place)."""
    first = file_of(folder, entry)
    rest = [(folder / f["file"]).resolve() for f in entry.get("files", [])]
    return [first] + [p for p in rest if p != first and p.suffix != ".json"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="")
    ap.add_argument("--show", type=int, default=0, help="Print N differing articles a VBHN.")
    ap.add_argument("--failed", action="store_true", help="Print every failed instruction.")
    args = ap.parse_args()
    totals: Counter = Counter()
    causes: Counter = Counter()
    unreviewed: list[str] = []
    failures: Counter = Counter()
    chain_times: dict[str, tuple[int, int, float]] = {}
    started = time.perf_counter()
    for set_file in sorted(SETS.glob("*/set.json")):
        if args.only not in set_file.parent.name:
            continue
        spec = json.loads(set_file.read_text(encoding="utf-8"))
        folder = set_file.parent
        for vbhn in spec["vbhn"]:
            with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.sqlite") as store:
                # the whole chain, as a user's store holds it: the check takes the VBHN's own
                paths = [
                    p for entry in [spec["base"], *spec["amending"]] for p in copies(folder, entry)
                ]
                paths.append((folder / vbhn["files"][0]["file"]).resolve())
                ingest_paths(store, paths)
                vbhn_id = store.resolve(vbhn["number"])
                check = check_vbhn(store, vbhn_id) if vbhn_id else None
                if check is None or check.comparison is None:
                    print(f"{vbhn['number']}: not checked (VBHN or its base not stored)")
                    continue
                baseline = compare(store.get(check.base_id), store.get(vbhn_id))
                if vbhn is spec["vbhn"][-1]:  # the whole chain stored: every VBHN date
                    started_chain = time.perf_counter()
                    for v in spec["vbhn"]:
                        consolidated_at(store, check.base_id, date.fromisoformat(v["date"]))
                    took = time.perf_counter() - started_chain
                    chain_times[folder.name] = (len(spec["vbhn"]), len(vbhn["amending"]), took)
            report = check.result.report
            status = Counter(o.status for o in report)
            failures.update(o.failure or o.reason[:40] for o in report if o.status == "failed")
            c = check.comparison
            n = c.articles
            totals.update(
                articles=n, same=c.equal, near=c.slips, same_base=baseline.equal, **status
            )
            absent = f"; not stored: {', '.join(check.absent)}" if check.absent else ""
            print(
                f"{vbhn['number']:22} at {check.at}: {status['applied']:3} applied, "
                f"{status['failed']:3} failed; articles equal {c.equal}/{n} "
                f"({c.equal / max(n, 1):.1%}), base alone {baseline.equal}/{n} "
                f"({baseline.equal / max(n, 1):.1%}); {c.slips} more a word or two apart{absent}"
            )
            for o in [o for o in report if o.status == "failed" and args.failed]:
                print(f"   failed {o.op.source_doc} {o.op.source_unit}: {o.failure} {o.reason}")
                print(f"     target as written: {o.op.target_written[:200]}")
            for d in c.differences:
                cause = REVIEWED["causes"].get(f"{vbhn['number']}|{d.article}")
                if cause:
                    causes[cause[0]] += 1
                else:
                    unreviewed.append(f"{vbhn['number']} Điều {d.article} ({d.kind})")
            for d in [d for d in c.differences if d.kind != "slip"][: args.show]:
                ours, theirs = first_difference(d.ours, d.theirs)
                print(f"   Điều {d.article} ({d.kind}): ours  …{ours}")
                print(f"   Điều {d.article} ({d.kind}): VBHN  …{theirs}")
    n = totals["articles"] or 1
    print()
    print(
        f"all: {totals['applied']} applied, {totals['failed']} failed; articles equal to the "
        f"VBHN {totals['same']}/{totals['articles']} ({totals['same'] / n:.1%}), base alone "
        f"{totals['same_base']}/{totals['articles']} ({totals['same_base'] / n:.1%}), "
        f"in {time.perf_counter() - started:.0f} s"
    )
    print(
        f"  and {totals['near']} more articles a word or two apart (slips of a copy such as "
        "'trương' for 'trường', or one word of an amendment missed)"
    )
    print(
        "  differences reviewed by hand (benchmarks/consolidation_vbhn_reviewed.json): "
        + ", ".join(f"{cause} {n}" for cause, n in causes.most_common())
    )
    source = sum(n for cause, n in causes.items() if cause != "lexvn")
    print(
        f"  equal, or different only by the sources' own errors and gaps: "
        f"{totals['same'] + source}/{totals['articles']} "
        f"({(totals['same'] + source) / n:.1%}); LexVN's own: {causes['lexvn']}"
    )
    print(f"  not reviewed: {len(unreviewed)}" + "".join(f"\n    {u}" for u in unreviewed))
    for reason, count in failures.most_common(12):
        print(f"  failed: {count:4} {reason}")
    print("consolidation of each chain at every VBHN date (store read, instructions, apply):")
    for name, (dates, amending, took) in sorted(chain_times.items(), key=lambda kv: -kv[1][2]):
        print(f"  {name:48} {dates} dates, {amending} amending: {took:.2f} s (target < 1 s)")


if __name__ == "__main__":
    main()
