"""Search quality over corpus_samples/: hand-written questions with the units that answer them.

Prints recall@1/5/10 and MRR for LexVN, for variants of its ranking (each signal switched
off, and compound words from underthesea instead of all adjacent word pairs), and for a plain
BM25 baseline (rank_bm25's BM25Okapi over the same rows' folded syllables) in the same run.
A hit answers a question when it is the answer's Điều or a unit inside it; every system's
hits are grouped one per Điều the same way, so the figures compare ranking only.

Usage: python benchmarks/search_quality.py [--db FILE]   (default: a fresh temporary store)
Questions: benchmarks/search_questions.json (66; 33 typed without diacritics)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import search_app.engine.ranking as ranking
import search_app.engine.service as service_module
from ingest.pipeline import parse_file
from ingest.readers import SUPPORTED_SUFFIXES
from ingest.store import Store
from search_app.engine.analysis import fold, folded_tokens, has_diacritics
from search_app.engine.backends.sqlite import SqliteIndexer
from search_app.engine.contract import SearchRequest
from search_app.engine.factory import open_search
from search_app.engine.index_rows import index_rows
from search_app.engine.query import parse_unit_ref

KS = (1, 5, 10)


def build_store(db: str) -> None:
    files = sorted(
        p
        for p in (ROOT / "corpus_samples").rglob("*")
        if p.suffix in SUPPORTED_SUFFIXES and not p.name.startswith("LICENSE")
    )
    with Store(db) as store:
        for path in files:
            store.put(parse_file(path), indexers=[SqliteIndexer()])


def resolve_answers(service, answers: list[str]) -> list[tuple[str, str]]:
    out = []
    for answer in answers:
        ref_text, _, unit_text = answer.partition(" ")
        doc_id = service.resolve_number(ref_text) or (
            ref_text if ref_text in service.docs else None
        )
        ref = parse_unit_ref(f"{unit_text} x")
        found = service.conn.execute(
            "SELECT id FROM units WHERE doc_id = ? AND type = 'dieu' AND number = ? "
            "AND id NOT LIKE 'phu%'",
            (doc_id, ref.dieu),
        ).fetchone()
        if not found:
            raise SystemExit(f"answer {answer!r} is not in the store")
        out.append((doc_id, found[0]))
    return out


def first_rank(hits: list[tuple[str, str | None]], answers: list[tuple[str, str]]) -> int | None:
    for rank, (doc_id, unit_id) in enumerate(hits, start=1):
        for a_doc, a_unit in answers:
            if (
                doc_id == a_doc
                and unit_id
                and (unit_id == a_unit or unit_id.startswith(a_unit + "__"))
            ):
                return rank
    return None


def metrics(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks)
    out = {f"R@{k}": sum(1 for r in ranks if r and r <= k) / n for k in KS}
    out["MRR"] = sum(1 / r for r in ranks if r and r <= 10) / n
    return out


class Baseline:
    """Plain BM25 (rank_bm25) over folded syllables of the same rows LexVN indexes."""

    def __init__(self, store: Store):
        from rank_bm25 import BM25Okapi

        self.rows = []
        corpus = []
        for row in store.list_documents():
            for r in index_rows(store.get(row["id"])):
                if r.unit_id is None:
                    continue
                self.rows.append(r)
                corpus.append(folded_tokens(f"{r.heading} {r.body}"))
        self.bm25 = BM25Okapi(corpus)

    def search(self, q: str) -> list[tuple[str, str]]:
        scores = self.bm25.get_scores(folded_tokens(q))
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        seen, out = set(), []
        for i in order:
            r = self.rows[i]
            if scores[i] <= 0 or (r.doc_id, r.group) in seen:
                continue
            seen.add((r.doc_id, r.group))
            out.append((r.doc_id, r.unit_id))
            if len(out) == 10:
                break
        return out


@contextmanager
def patched(module, **values):
    old = {k: getattr(module, k) for k in values}
    for k, v in values.items():
        setattr(module, k, v)
    try:
        yield
    finally:
        for k, v in old.items():
            setattr(module, k, v)


def compound_phrases(pq) -> list[str]:
    """Phrase signal from underthesea's compound words (needs diacritics to segment)."""
    from underthesea import word_tokenize

    text = " ".join(pq.positive_tokens)
    words = [w for w in word_tokenize(text) if " " in w] if has_diacritics(text) else []
    return [fold(w) for w in dict.fromkeys(words)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db")
    ap.add_argument("--quick", action="store_true", help="LexVN only, no variants")
    args = ap.parse_args()
    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.TemporaryDirectory()
        db = str(Path(tmp.name) / "quality.sqlite")
        build_store(db)
    questions = json.loads((ROOT / "benchmarks/search_questions.json").read_text("utf-8"))
    service = open_search(db)
    store = Store(db, read_only=True)
    answers = [resolve_answers(service, q["answers"]) for q in questions]

    def lexvn_ranks() -> list[int | None]:
        ranks = []
        for q, ans in zip(questions, answers, strict=True):
            result = service.search(SearchRequest(q=q["q"], limit=10))
            ranks.append(first_rank([(h.doc_id, h.unit_id) for h in result.hits], ans))
        return ranks

    systems: dict[str, list[int | None]] = {}
    if args.quick:
        systems["LexVN"] = lexvn_ranks()
        m = metrics(systems["LexVN"])
        print("LexVN", {k: round(v, 3) for k, v in m.items()})
        missed = [
            (q["q"], r) for q, r in zip(questions, systems["LexVN"], strict=True) if not r or r > 1
        ]
        print("not first:", missed)
        return
    baseline = Baseline(store)
    systems["BM25 baseline (rank_bm25, folded syllables)"] = [
        first_rank(baseline.search(q["q"]), ans) for q, ans in zip(questions, answers, strict=True)
    ]
    systems["LexVN"] = lexvn_ranks()
    with patched(ranking, W_PHRASE=0.0):
        systems["LexVN without phrase (adjacent pairs) signal"] = lexvn_ranks()
    with patched(ranking, W_EXACT=0.0):
        systems["LexVN without exact-diacritics signal"] = lexvn_ranks()
    with patched(service_module, phrase_pairs=compound_phrases):
        systems["LexVN, phrases = underthesea compounds"] = lexvn_ranks()
    with patched(service_module, relaxed_match=lambda pq, is_common=None: None):
        systems["LexVN without 'most words' fallback"] = lexvn_ranks()

    accented = [has_diacritics(q["q"]) for q in questions]
    print(
        f"{len(questions)} questions ({sum(accented)} with diacritics, "
        f"{len(questions) - sum(accented)} without)\n"
    )
    header = f"{'system':<48}" + "".join(f"{k:>8}" for k in ("R@1", "R@5", "R@10", "MRR"))
    print(header)
    for name, ranks in systems.items():
        m = metrics(ranks)
        print(f"{name:<48}" + "".join(f"{m[k]:8.3f}" for k in ("R@1", "R@5", "R@10", "MRR")))
    lex = systems["LexVN"]
    for label, keep in (("  with diacritics", True), ("  without diacritics", False)):
        sub = [r for r, a in zip(lex, accented, strict=True) if a == keep]
        m = metrics(sub)
        print(
            f"{'LexVN' + label:<48}"
            + "".join(f"{m[k]:8.3f}" for k in ("R@1", "R@5", "R@10", "MRR"))
        )
    missed = [q["q"] for q, r in zip(questions, lex, strict=True) if not r or r > 10]
    print("\nLexVN misses at 10:", missed or "none")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
