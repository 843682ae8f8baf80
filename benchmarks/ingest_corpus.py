"""End-to-end ingest of the whole shared corpus, as `lexvn ingest` does it: readers, structure,
metadata, citations, links, validity, amendments and the search index, into a fresh store.

Runs once with one process and once with `-j 2` (each in its own Python process, so each
peak memory is its own), and prints MB/s of text (UTF-8 bytes of the paragraphs the readers
extract, every file read, the refused second copies of a document included), the share of
each stage, and the `-j 2` run as a ratio to the one-process run measured here. With
`--phapdien`, the official Bộ pháp điển is then imported into the same store and the two
are timed together, with the peak memory of the whole.

Usage: python benchmarks/ingest_corpus.py [--corpus ../shared/corpus] [--jobs 1 2]
       [--phapdien ../shared/corpus/phapdien_official/phapdien_2024_saladnga.tar.gz]"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def one_run(corpus: Path, jobs: int, db: Path, phapdien: Path | None) -> dict:
    from ingest.store import Store
    from lexvn.ingest_files import collect_sources, import_phapdien, ingest_paths

    paths = collect_sources([corpus])
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    with Store(db) as store:
        summary = ingest_paths(store, paths, jobs=jobs, timings=timings)
        ingest_s = time.perf_counter() - t0
        phapdien_s = None
        if phapdien is not None:
            t1 = time.perf_counter()
            import_phapdien(store, phapdien)  # the pages and the documents only it knows
            phapdien_s = time.perf_counter() - t1
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "files": len(paths),
        "documents": summary["documents"],
        "errors": len(summary["errors"]),
        "text_mb": timings.pop("text bytes", 0) / 1e6,
        "seconds": ingest_s,
        "phapdien_seconds": phapdien_s,
        "stages": timings,
        "peak_mb_writer": own,
    }


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (Linux /proc), in MB."""
    parents: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        child = int(stat.parent.name)
        parents.setdefault(int(fields[1]), []).append(child)
        rss[child] = int(fields[21]) * resource.getpagesize()
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += parents.get(p, [])
    return total / 2**20


def _run_sampled(cmd: list[str]) -> tuple[subprocess.CompletedProcess, float]:
    """Run `cmd`, sampling the memory of its process tree (writer, forkserver, workers)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        peak = 0.0
        while proc.poll() is None:
            peak = max(peak, _tree_rss_mb(proc.pid))
            time.sleep(0.25)
        out.seek(0), err.seek(0)
        return subprocess.CompletedProcess(cmd, proc.returncode, out.read(), err.read()), peak


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--phapdien", type=Path, default=None)
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one_run(args.corpus, args.jobs[0], args.db, args.phapdien)))
        return
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for jobs in args.jobs:
            cmd = [sys.executable, __file__, "--one", "--corpus", str(args.corpus)]
            cmd += ["--jobs", str(jobs), "--db", f"{tmp}/j{jobs}.sqlite"]
            if args.phapdien is not None:
                cmd += ["--phapdien", str(args.phapdien)]
            done, peak = _run_sampled(cmd)
            if done.returncode != 0:
                sys.exit(f"the -j {jobs} run failed:\n{done.stderr}")
            results[jobs] = json.loads(done.stdout.strip().splitlines()[-1])
            results[jobs]["peak_mb_all"] = peak
    base = results[args.jobs[0]]
    print(
        f"corpus: {base['files']} files, {base['text_mb']:.1f} MB of text, "
        f"{base['documents']} documents stored, {base['errors']} not stored (named)"
    )
    for jobs, r in results.items():
        rate = r["text_mb"] / r["seconds"]
        print(
            f"-j {jobs}: {r['seconds']:6.1f} s  {rate:5.2f} MB/s of text  "
            f"{base['seconds'] / r['seconds']:4.2f}x the -j {args.jobs[0]} run  "
            f"peak memory {r['peak_mb_all']:.0f} MB (all processes, sampled), "
            f"{r['peak_mb_writer']:.0f} MB (writer)"
        )
        total = sum(r["stages"].values())
        shares = "  ".join(
            f"{stage} {100 * t / total:.0f}%"
            for stage, t in sorted(r["stages"].items(), key=lambda kv: -kv[1])
        )
        where = "in the workers and the writer" if jobs > 1 else "in one process"
        print(f"      stage shares ({where}): {shares}")
        if r["phapdien_seconds"] is not None:
            both = r["seconds"] + r["phapdien_seconds"]
            print(
                f"      + Bộ pháp điển import {r['phapdien_seconds']:.1f} s: "
                f"together {both / 60:.1f} min"
            )


if __name__ == "__main__":
    main()
