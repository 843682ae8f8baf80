"""Citation extraction over every paragraph of the shared corpus: the compiled atom pattern
LexVN uses, beside the spaCy Matcher it replaced (a blank "vi" pipeline, a Doc built for each
paragraph), in the same run. Both feed the same grammar; the benchmark says whether they
find the same references on every paragraph, their speed as a ratio, and precision and
recall of each on the hand-checked citations (tests/data/citations_checked.json).

Usage: python benchmarks/citation_extraction.py [--corpus ../shared/corpus] [--limit N]
(spaCy must be installed for the comparison: pip install spacy)."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.links import citations as cit  # noqa: E402
from ingest.pipeline import parse_file  # noqa: E402
from lexvn.ingest_files import collect_sources  # noqa: E402


def _spacy_atoms():
    """The Matcher LexVN used until this benchmark measured it: same atoms, one Doc each."""
    import spacy
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    matcher = Matcher(nlp.vocab)
    designator = {"TEXT": {"REGEX": rf"^({cit._DESIGNATOR})$"}}
    for word in cit.UNIT_WORDS:
        matcher.add("UNIT", [[{"LOWER": word}, designator]])
        matcher.add("UNIT", [[{"LOWER": word}, {"LOWER": "thứ"}, {"IS_ALPHA": True}]])
    for doc_type in cit.DOC_TYPES:
        matcher.add("DOCTYPE", [[{"LOWER": w} for w in doc_type.split()]])
    matcher.add("NUMBER", [[{"TEXT": {"REGEX": cit.NUMBER_RE.pattern}}]])

    def atoms(_joined: str, tokens: list[str]) -> list:
        doc = Doc(nlp.vocab, words=tokens)
        found = sorted(
            (cit._Atom(nlp.vocab.strings[m], s, e) for m, s, e in matcher(doc)),
            key=lambda a: (a.start, -a.end),
        )
        return found

    return atoms


def _paragraphs(corpus: Path, limit: int | None) -> list[str]:
    out: list[str] = []
    files = collect_sources([corpus])[:limit]
    for n, path in enumerate(files, 1):
        try:
            doc = parse_file(path)
        except Exception as exc:  # noqa: BLE001 - a file that fails is named, not measured
            print(f"  {path}: not read ({exc})", file=sys.stderr)
            continue
        for unit in doc.walk():
            out += [p for p in unit.text + unit.tail if p]
            if unit.heading:
                out.append(unit.heading)
        print(f"\r  read {n}/{len(files)} files", end="", file=sys.stderr)
    print(file=sys.stderr)
    return out


def _run(paragraphs: list[str]) -> tuple[float, list]:
    """Every paragraph read, repeated ones too (extract() reads a text once)."""
    t0 = time.perf_counter()
    found = [cit._extract(p) for p in paragraphs]
    return time.perf_counter() - t0, found


def _quality() -> tuple[float, float]:
    checked = json.loads((ROOT / "tests/data/citations_checked.json").read_text("utf-8"))

    def normal(span: str) -> str:
        span = span.strip(" ,;.")
        return span[4:] if span.lower().startswith("các ") else span

    tp = fp = fn = 0
    for item in checked:
        remaining = [normal(c) for c in item["citations"]]
        for ref in cit.extract(item["text"]):
            if normal(ref.text) in remaining:
                remaining.remove(normal(ref.text))
                tp += 1
            else:
                fp += 1
        fn += len(remaining)
    return tp / (tp + fp), tp / (tp + fn)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--limit", type=int, default=None, help="first N files only")
    args = ap.parse_args()
    paragraphs = _paragraphs(args.corpus, args.limit)
    chars = sum(len(p.encode()) for p in paragraphs)
    print(f"{len(paragraphs)} paragraphs and headings, {chars / 1e6:.1f} MB of text")
    t_new, new = _run(paragraphs)
    p_new, r_new = _quality()
    try:
        spacy_atoms = _spacy_atoms()
    except ImportError:
        print(f"compiled pattern: {t_new:.2f} s, {chars / 1e6 / t_new:.1f} MB/s (no spaCy here)")
        return
    ours = cit._atoms, cit._TRIGGER
    cit._atoms, cit._TRIGGER = spacy_atoms, re.compile("")  # as before: a Doc each paragraph
    try:
        t_old, old = _run(paragraphs)
        p_old, r_old = _quality()
    finally:
        cit._atoms, cit._TRIGGER = ours
    differ = [p for p, a, b in zip(paragraphs, new, old, strict=True) if a != b]
    refs = sum(len(r) for r in new)
    print(f"references found: {refs}; paragraphs where the two differ: {len(differ)}")
    for text in differ[:10]:
        print("  differs:", text[:160])
    for label, t, p, r in (
        ("spaCy Matcher (baseline)", t_old, p_old, r_old),
        ("compiled pattern", t_new, p_new, r_new),
    ):
        print(
            f"{label:<26} {t:7.2f} s  {chars / 1e6 / t:6.1f} MB/s  {t_old / t:5.1f}x baseline  "
            f"precision {p:.3f} recall {r:.3f} on the checked citations"
        )


if __name__ == "__main__":
    main()
