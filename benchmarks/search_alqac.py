"""Search quality on real questions: the ALQAC 2022 legal question set (520 questions, each
with the article that answers it, over Bộ luật Dân sự 2015, Luật An ninh mạng 2018, Bộ luật
Lao động 2019 and the consolidated Bộ luật Hình sự 01/VBHN-VPQH), read from
../shared/benchmarks/alqac2022/ (no stated licence: never copied into the repository).

The four laws are written out as plain texts (the header of each, then "Điều N. <title>" and
the article's paragraphs, as law.json gives them) and ingested by LexVN's real ingest into a
fresh store; each question goes to LexVN's search service, and to a plain BM25 baseline
(rank_bm25 over the folded syllables of the same rows, benchmarks/search_quality.py) in the
same run. Hits are grouped one per Điều for both. The set is split once into a tuning half and
a validation half (seed 2022): tune on the first, report both. Printed for each half: R@1,
R@5, R@10, MRR@10, by question type (from the question's wording: a yes/no question, "bao
nhiêu"/"bao lâu", "khi nào", a statement, other) and by law, and for the questions stripped
of their diacritics as a user typing without them would send them.

Targets (issue #18, on the validation half): R@1 >= BM25 + 0.10, MRR@10 >= BM25 + 0.08,
R@10 >= 0.98, and without diacritics R@1 >= BM25 + 0.08.
With --elasticsearch the same questions also go to LexVN on its Elasticsearch backend: the
server of ELASTICSEARCH_URL / OPENSEARCH_URL, else an osmem-server started here (in-memory,
OpenSearch-compatible; say which when quoting the figures).
Usage: python benchmarks/search_alqac.py [--data DIR] [--misses N] [--elasticsearch]"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import unicodedata
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from search_quality import Baseline, first_rank, metrics

from ingest.store import Store
from lexvn.ingest_files import ingest_paths
from search_app.engine.contract import SearchRequest
from search_app.engine.factory import open_search

DATA = ROOT.parent / "shared" / "benchmarks" / "alqac2022"
# facts of the four laws, for their headers: issuer, number line, date, type and name lines
LAWS = {
    "91/2015/QH13": ("QUỐC HỘI", "Luật số: 91/2015/QH13", "24 tháng 11 năm 2015",
                     "BỘ LUẬT", "DÂN SỰ"),
    "24/2018/QH14": ("QUỐC HỘI", "Luật số: 24/2018/QH14", "12 tháng 6 năm 2018",
                     "LUẬT", "AN NINH MẠNG"),
    "45/2019/QH14": ("QUỐC HỘI", "Luật số: 45/2019/QH14", "20 tháng 11 năm 2019",
                     "BỘ LUẬT", "LAO ĐỘNG"),
    "01/VBHN-VPQH": ("VĂN PHÒNG QUỐC HỘI", "Số: 01/VBHN-VPQH", "10 tháng 7 năm 2017",
                     "BỘ LUẬT", "HÌNH SỰ"),
}  # fmt: skip
COLUMNS = ("R@1", "R@5", "R@10", "MRR")


def law_text(law: dict) -> str:
    issuer, number, day, kind, name = LAWS[law["id"]]
    lines = [
        issuer,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        number,
        f"Hà Nội, ngày {day}",
        kind,
        name,
    ]
    for article in law["articles"]:
        title, _, body = article["text"].partition("\n")
        lines.append(f"Điều {article['id']}. {title.strip()}")
        lines += [p.strip() for p in body.split("\n") if p.strip()]
    return "\n".join(lines) + "\n"


def question_type(text: str) -> str:
    lowered = text.lower().strip()
    if not lowered.endswith("?"):
        return "statement"
    if re.search(r"\bbao (?:nhiêu|lâu)\b|\bmấy\b|\btối đa\b|\btối thiểu\b", lowered):
        return "how much / how long"
    if re.search(r"\bkhi nào\b|\blúc nào\b|\bthời điểm nào\b|\bbao giờ\b", lowered):
        return "when"
    if re.search(r"\bkhông\s*\?$|\bđúng không\b|\bphải không\b|\bhay không\b", lowered):
        return "yes / no"
    return "what / how / who"


def strip_diacritics(text: str) -> str:
    """As typed on a keyboard without Vietnamese input: tones and đ gone, case kept."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return bare.replace("đ", "d").replace("Đ", "D")


def build(db: Path, laws: list[dict]) -> None:
    folder = db.parent / "laws"
    folder.mkdir()
    paths = []
    for law in laws:
        path = folder / (law["id"].replace("/", "-") + ".txt")
        path.write_text(law_text(law), encoding="utf-8")
        paths.append(path)
    with Store(db) as store:
        summary = ingest_paths(store, paths)
    if summary["errors"]:
        raise SystemExit(f"ingest failed: {summary['errors']}")


@contextmanager
def elasticsearch(store: Store):
    """(which server, a search service on it) with the store indexed into it."""
    import os

    from lexvn.ingest_files import reindex_elasticsearch

    started = None
    if not (os.environ.get("ELASTICSEARCH_URL") or os.environ.get("OPENSEARCH_URL")):
        from osmem_server import OsmemServer

        started = OsmemServer.start()
        os.environ["OPENSEARCH_URL"] = started.__enter__().url
    os.environ.setdefault("LEXVN_ES_ALIAS", "lexvn-alqac")
    try:
        reindex_elasticsearch(store)
        server = "osmem-server (in-memory)" if started else "the configured cluster"
        yield server, open_search(str(store.path), store, backend="elasticsearch")
    finally:
        if started:
            started.__exit__(None, None, None)
            del os.environ["OPENSEARCH_URL"]


def row(name: str, ranks: list[int | None]) -> str:
    m = metrics(ranks) if ranks else dict.fromkeys(COLUMNS, 0.0)
    return f"{name:<44}{len(ranks):>5}" + "".join(f"{m[k]:8.3f}" for k in COLUMNS)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--misses", type=int, default=0, help="print N tuning-half misses at 1")
    ap.add_argument("--elasticsearch", action="store_true", help="also LexVN on that backend")
    args = ap.parse_args()
    laws = json.loads((args.data / "law.json").read_text(encoding="utf-8"))
    questions = json.loads((args.data / "question.json").read_text(encoding="utf-8"))
    order = sorted(q["id"] for q in questions)
    random.Random(2022).shuffle(order)
    tuning = set(order[: len(order) // 2])

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "alqac.sqlite"
        build(db, laws)
        service = open_search(str(db))
        store = Store(db, read_only=True)
        doc_of = {law["id"]: service.resolve_number(law["id"]) for law in laws}
        dieu = {
            (r[0], r[1]): r[2]
            for r in store.conn.execute(
                "SELECT doc_id, number, id FROM units WHERE type = 'dieu' AND id NOT LIKE 'phu%'"
            )
        }
        answers = {
            q["id"]: [
                (doc_of[a["law_id"]], dieu[(doc_of[a["law_id"]], a["article_id"])])
                for a in q["relevant_articles"]
            ]
            for q in questions
        }
        baseline = Baseline(store)

        def lexvn(text: str, ans, on=service) -> int | None:
            hits = on.search(SearchRequest(q=text, limit=10)).hits
            return first_rank([(h.doc_id, h.unit_id) for h in hits], ans)

        ranks: dict[str, dict[str, int | None]] = {name: {} for name in ("bm25", "lexvn")}
        ranks |= {"bm25 plain": {}, "lexvn plain": {}}
        for q in questions:
            ans, plain = answers[q["id"]], strip_diacritics(q["text"])
            ranks["bm25"][q["id"]] = first_rank(baseline.search(q["text"]), ans)
            ranks["lexvn"][q["id"]] = lexvn(q["text"], ans)
            ranks["bm25 plain"][q["id"]] = first_rank(baseline.search(plain), ans)
            ranks["lexvn plain"][q["id"]] = lexvn(plain, ans)
        if args.elasticsearch:
            with elasticsearch(store) as remote:
                server, es = remote
                print(f"Elasticsearch backend: {server}")
                ranks["lexvn es"] = {
                    q["id"]: lexvn(q["text"], answers[q["id"]], es) for q in questions
                }
        store.close()

    names = {
        "bm25": "BM25 baseline",
        "lexvn": "LexVN",
        "bm25 plain": "BM25 baseline, without diacritics",
        "lexvn plain": "LexVN, without diacritics",
    }
    if args.elasticsearch:
        names["lexvn es"] = "LexVN on the Elasticsearch backend"
    law_of = {q["id"]: q["relevant_articles"][0]["law_id"] for q in questions}
    kind_of = {q["id"]: question_type(q["text"]) for q in questions}
    for half, keep in (("tuning", True), ("validation", False)):
        ids = [q["id"] for q in questions if (q["id"] in tuning) == keep]
        print(f"\n== {half} half ({len(ids)} questions)")
        print(f"{'system':<44}{'n':>5}" + "".join(f"{k:>8}" for k in COLUMNS))
        for key, name in names.items():
            print(row(name, [ranks[key][i] for i in ids]))
        lex, base = (
            metrics([ranks["lexvn"][i] for i in ids]),
            metrics([ranks["bm25"][i] for i in ids]),
        )
        plain = metrics([ranks["lexvn plain"][i] for i in ids])
        plain_base = metrics([ranks["bm25 plain"][i] for i in ids])
        firsts = [sum(1 for i in ids if ranks[k][i] == 1) for k in ("lexvn", "bm25")]
        print(f"  first: LexVN {firsts[0]} of {len(ids)}, BM25 {firsts[1]}")
        print(
            f"  LexVN - BM25: R@1 {lex['R@1'] - base['R@1']:+.3f} (target +0.10), MRR "
            f"{lex['MRR'] - base['MRR']:+.3f} (+0.08), R@10 {lex['R@10']:.3f} (0.98); without "
            f"diacritics R@1 {plain['R@1'] - plain_base['R@1']:+.3f} (+0.08)"
        )
        for label, groups in (("by question type", kind_of), ("by law", law_of)):
            print(f"  {label}:")
            for group in sorted(set(groups.values())):
                sub = [i for i in ids if groups[i] == group]
                for key in ("bm25", "lexvn"):
                    print("  " + row(f"{group}: {names[key]}", [ranks[key][i] for i in sub]))
        if keep and args.misses:  # tune on the tuning half only
            text = {q["id"]: q["text"] for q in questions}
            missed = [i for i in ids if (ranks["lexvn"][i] or 99) > 1][: args.misses]
            for i in missed:
                print(f"  miss {i} (rank {ranks['lexvn'][i]}, BM25 {ranks['bm25'][i]}): {text[i]}")


if __name__ == "__main__":
    main()
