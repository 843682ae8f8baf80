"""Ingest throughput over corpus_samples/: parse alone, and parse + store.

Prints MB/s of document text (UTF-8 bytes of the paragraphs the readers extract) and units/s.
"parse" runs reader + structure + metadata from the source bytes already in memory, so file
I/O is not measured; "parse + store" adds writing each document to a fresh SQLite file.
Single process, single core. Then, per input format of ../shared/corpus/ (Công báo PDF,
Word .doc, thuvienphapluat and gazette text), read + parse throughput, beside the same
documents' extracted text read as plain text in the same run (the reader's own cost is the
difference). Usage: python benchmarks/ingest.py [--repeat N]"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.parse.document import parse_structure
from ingest.pipeline import build_document
from ingest.readers import SUPPORTED_SUFFIXES, read_bytes
from ingest.store import Store


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    files = sorted(
        p
        for p in (ROOT / "corpus_samples").rglob("*")
        if p.suffix in SUPPORTED_SUFFIXES
        and not p.name.startswith("LICENSE")
        and "phapdien" not in p.parts
    )
    blobs = [(str(p), p.read_bytes()) for p in files]
    sources = [read_bytes(name, data) for name, data in blobs]
    text_bytes = sum(len("\n".join(par.text for par in s.paragraphs).encode()) for s in sources)
    source_bytes = sum(len(data) for _, data in blobs)
    units = sum(sum(1 for _ in build_document(s).walk()) for s in sources)
    print(
        f"corpus: {len(files)} files, {source_bytes / 1e6:.1f} MB on disk, "
        f"{text_bytes / 1e6:.2f} MB of text, {units} units"
    )

    def best(fn) -> float:
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return min(times)

    t_struct = best(lambda: [parse_structure(s.paragraphs) for s in sources])
    t_parse = best(lambda: [build_document(read_bytes(n, d)) for n, d in blobs])

    def parse_and_store() -> None:
        with tempfile.TemporaryDirectory() as tmp, Store(os.path.join(tmp, "b.sqlite")) as st:
            for n, d in blobs:
                st.put(build_document(read_bytes(n, d)))

    t_store = best(parse_and_store)
    for label, t in (
        ("structure parser alone (text in memory)", t_struct),
        ("parse: read + structure + metadata", t_parse),
        ("parse + store (SQLite)", t_store),
    ):
        print(
            f"{label:<42} {t:7.3f} s  {text_bytes / 1e6 / t:7.2f} MB/s of text  "
            f"{units / t:9.0f} units/s"
        )
    by_format(min(args.repeat, 2))


def by_format(repeat: int) -> None:
    corpus = ROOT.parent / "shared" / "corpus" / "fulltext"
    if not corpus.exists():
        print("../shared/corpus not here: per-format figures skipped")
        return
    groups = {
        "pdf (Công báo, pypdfium2)": sorted((corpus / "congbao").glob("*.pdf"))[:30],
        "txt (the same, extracted)": sorted((corpus / "congbao").glob("*.txt"))[:30],
        "doc (Word 97, antiword)": sorted((corpus / "luatvietnam_doc").glob("*.doc"))[:40],
        "txt (thuvienphapluat)": sorted((corpus / "thuvienphapluat").glob("*.txt"))[:30],
    }
    for label, files in groups.items():
        blobs = [(str(p), p.read_bytes()) for p in files]
        docs = [build_document(read_bytes(n, d)) for n, d in blobs]
        text_bytes = sum(d.text_chars for d in docs)  # characters of the paragraphs
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            for n, d in blobs:
                build_document(read_bytes(n, d))
            times.append(time.perf_counter() - t0)
        t = min(times)
        rate = text_bytes / 1e6 / t
        print(f"{label:<30} {len(files):3} files  {t:6.2f} s  {rate:6.2f} M chars/s")


if __name__ == "__main__":
    main()
