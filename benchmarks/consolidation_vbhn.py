"""Consolidation against the official VBHN, article by article, on the real chains of
../shared/corpus/consolidation/ (each set.json: a base, its amending documents, the VBHN).

For each VBHN: the base and the amending documents it consolidates are ingested into a fresh
store (LexVN's real ingest: parse, store, links, instructions), LexVN's consolidated text at
the VBHN's date is compared with the VBHN's own text of each article, and so is the base as
it was enacted (the baseline: what doing nothing gives). Texts are compared after
normalising what is not wording: spacing, quote marks, old and new tone placement ("hoà" /
"hòa"), footnote markers. Prints per VBHN the instructions applied and failed and the shares
of equal articles, then the totals. Usage:
    python benchmarks/consolidation_vbhn.py [--only SUBSTRING] [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.pipeline import parse_file
from ingest.store import Store
from lexvn import views
from lexvn.ingest_files import ingest_paths
from schema.model import DIEU, Document, Unit

SETS = ROOT.parent / "shared" / "corpus" / "consolidation"
_OLD_TONES = (
    ("oà", "òa"),
    ("oá", "óa"),
    ("oả", "ỏa"),
    ("oã", "õa"),
    ("oạ", "ọa"),
    ("uỷ", "ủy"),
    ("uý", "úy"),
    ("uỳ", "ùy"),
    ("uỹ", "ũy"),
    ("uỵ", "ụy"),
    ("oè", "òe"),
    ("oé", "óe"),
    ("oẻ", "ỏe"),
    ("oẽ", "õe"),
    ("oẹ", "ọe"),
)
_MARKER = re.compile(r"(?<=[^\W\d])\d{1,3}(?=[\s.,;:]|$)|\[\d{1,3}\]")


def normal(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    for old, new in _OLD_TONES:  # only at a syllable's end: "hoà" / "hòa", never "hoạt"
        text = re.sub(old + r"(?!\w)", new, text)
    text = _MARKER.sub("", text)
    text = re.sub(r"[“”\"'‘’]", "", text)
    text = re.sub(r"[.;,:]+(?=\s|$)", "", text)
    return " ".join(text.split())


def slips(ours: str | None, theirs: str) -> bool:
    """The same words but one or two: a typo of one copy, or a single word an amendment
    changed. Counted apart, never as equal."""
    if ours is None:
        return False
    a, b = ours.split(), theirs.split()
    if len(a) != len(b):
        return False
    return sum(1 for x, y in zip(a, b, strict=True) if x != y) <= 2


def article_texts(doc: Document) -> dict[str, str]:
    out: dict[str, str] = {}

    def visit(unit: Unit) -> None:
        if unit.type == DIEU:
            out.setdefault(unit.number.lower(), normal(f"{unit.heading} {unit.full_text()}"))
            return
        for child in unit.children:
            visit(child)

    for root in doc.units:
        visit(root)
    return out


def file_of(folder: Path, entry: dict) -> Path:
    return (folder / (entry.get("text") or entry["original"])).resolve()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="")
    ap.add_argument("--show", type=int, default=0, help="Print N differing articles a VBHN.")
    args = ap.parse_args()
    totals: Counter = Counter()
    failures: Counter = Counter()
    started = time.perf_counter()
    for set_file in sorted(SETS.glob("*/set.json")):
        if args.only not in set_file.parent.name:
            continue
        spec = json.loads(set_file.read_text(encoding="utf-8"))
        folder = set_file.parent
        by_number = {a["number"]: a for a in spec["amending"]}
        for vbhn in spec["vbhn"]:
            at = date.fromisoformat(vbhn["date"])
            official = article_texts(parse_file(folder / vbhn["files"][0]["file"]))
            with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.sqlite") as store:
                paths = [file_of(folder, spec["base"])]
                paths += [file_of(folder, by_number[n]) for n in vbhn["amending"] if n in by_number]
                ingest_paths(store, paths)
                base_id = store.resolve(spec["base"]["number"])
                if base_id is None:
                    print(f"{vbhn['number']}: base {spec['base']['number']} not stored")
                    continue
                base = article_texts(store.get(base_id))
                # a VBHN shows every amendment it names, even one not yet in force on its date
                # (VBHN 17/VBHN-VPQH of 10/12/2018 holds Luật 35/2018/QH14, in force 01/01/2019)
                for number in vbhn["amending"]:
                    doc = store.get(store.resolve(number) or "")
                    if doc and doc.metadata.effective and doc.metadata.effective > at:
                        at = doc.metadata.effective
                result = views.consolidated(store, base_id, at)
                ours = article_texts(result.doc)
            status = Counter(o.status for o in result.report)
            failures.update(
                o.failure or o.reason[:40] for o in result.report if o.status == "failed"
            )
            same = sum(1 for n, t in official.items() if ours.get(n) == t)
            near = sum(1 for n, t in official.items() if ours.get(n) != t and slips(ours.get(n), t))
            same_base = sum(1 for n, t in official.items() if base.get(n) == t)
            n = len(official)
            totals.update(articles=n, same=same, near=near, same_base=same_base, **status)
            print(
                f"{vbhn['number']:22} at {at}: {status['applied']:3} applied, "
                f"{status['failed']:3} failed, {status['not_yet']:3} not yet; articles equal "
                f"{same}/{n} ({same / max(n, 1):.1%}), base alone {same_base}/{n} "
                f"({same_base / max(n, 1):.1%}); {near} more differ by a word or two"
            )
            shown = 0
            for number, text in official.items():
                if shown >= args.show or ours.get(number) == text:
                    continue
                shown += 1
                mine = ours.get(number, "(none)")
                at_char = next(
                    (k for k, (a, b) in enumerate(zip(mine, text, strict=False)) if a != b),
                    min(len(mine), len(text)),
                )
                start = max(0, at_char - 60)
                print(f"   Điều {number}: ours  …{mine[start : at_char + 100]}")
                print(f"   Điều {number}: VBHN  …{text[start : at_char + 100]}")
    n = totals["articles"] or 1
    print()
    print(
        f"all: {totals['applied']} applied, {totals['failed']} failed; articles equal to the "
        f"VBHN {totals['same']}/{totals['articles']} ({totals['same'] / n:.1%}), base alone "
        f"{totals['same_base']}/{totals['articles']} ({totals['same_base'] / n:.1%}), "
        f"in {time.perf_counter() - started:.0f} s"
    )
    print(
        f"  and {totals['near']} more articles differ by one or two words alone (slips of a "
        "copy such as 'trương' for 'trường', or one word of an amendment missed)"
    )
    for reason, count in failures.most_common(12):
        print(f"  failed: {count:4} {reason}")


if __name__ == "__main__":
    main()
