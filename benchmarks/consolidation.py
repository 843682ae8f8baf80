"""Consolidation speed: Luật 57/2024/QH15 applied to the whole Luật Đấu thầu 22/2023/QH15.

Prints the time to parse the amending instructions (done once, at ingest) and to apply them
to the base at a date (done at every read), best of N runs. Usage:
python benchmarks/consolidation.py [--repeat N]"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.consolidation.apply import consolidate
from ingest.consolidation.instructions import parse_instructions
from ingest.consolidation.render import render_text
from ingest.pipeline import parse_file


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    base = parse_file(ROOT / "corpus_samples/procurement/base_luat_22-2023-QH15.docx")
    amending = parse_file(ROOT / "corpus_samples/procurement/amend1_luat_57-2024-QH15.docx")
    ops = parse_instructions(amending, base, "2025-01-15")
    units = sum(1 for _ in base.walk())
    t_parse = best(lambda: parse_instructions(amending, base, "2025-01-15"), args.repeat)
    t_apply = best(lambda: consolidate(base, ops, date(2025, 1, 15)), args.repeat)
    t_vbhn = best(
        lambda: render_text(consolidate(base, ops, date(2025, 1, 15)), vbhn=True), args.repeat
    )
    print(f"{len(ops)} operations on {units} units of Luật Đấu thầu")
    print(f"parse instructions (at ingest):      {t_parse * 1000:7.1f} ms")
    print(f"apply at a date (every read):        {t_apply * 1000:7.1f} ms")
    print(f"apply and render VBHN with notes:    {t_vbhn * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
