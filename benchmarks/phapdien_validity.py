"""Validity checked against the official record: the Bộ pháp điển holds, at its dump date
(mid-2024), the articles in force of the documents it codifies, and its source notes name
which provision amended which article. On a store with the corpus ingested and the dump
imported (see benchmarks/phapdien_consolidation.py for the two commands):
    python benchmarks/phapdien_validity.py --db corpus.sqlite [--show N]

1. `lexvn status` at the dump date of every stored document (not a VBHN) the dump
   codifies: none should be "Hết hiệu lực toàn bộ"; each one that is, is listed with the
   events that ended it.
2. The amendment notes ("Điều này được sửa đổi, bổ sung theo quy định tại Điều 1 Luật số
   12/2017/QH14 …"): for each note whose amending document is stored, whether LexVN's own
   relations have that document amending (or repealing) that article of the base; the
   share is printed, and the misses."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.links.validity import document_status
from ingest.parse.numbering import id_token
from ingest.store import Store, number_key
from schema.model import CODIFIED_ONLY

DUMP_DATE = date(2024, 8, 1)  # the latest "có hiệu lực … kể từ" date in the dump
_ENDED = ("het_hieu_luc", "thay_the", "bai_bo", "het_thoi_han")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--show", type=int, default=20)
    args = ap.parse_args()
    with Store(args.db, read_only=True) as store:
        conn = store.conn
        docs = conn.execute(
            "SELECT id, number_key, number FROM documents WHERE doc_type != 'Văn bản hợp nhất'"
            " AND number_key IN (SELECT source_key FROM phapdien_articles)"
            " AND source_format != ?",
            (CODIFIED_ONLY,),  # full texts: the rest are the pháp điển's own articles
        ).fetchall()
        by_key = {
            k: i
            for i, k in conn.execute(
                "SELECT id, number_key FROM documents WHERE source_format != ?", (CODIFIED_ONLY,)
            )
        }
        states: Counter = Counter()
        ended = []
        for doc_id, _key, number in docs:
            status = document_status(conn, doc_id, DUMP_DATE)
            states[status.status] += 1
            if status.status == "Hết hiệu lực toàn bộ":
                why = [e for e in status.events if e.kind in _ENDED]
                ended.append((doc_id, number, why))
        print(f"stored documents the Bộ pháp điển codifies: {len(docs)}; at {DUMP_DATE}:")
        for state, n in states.most_common():
            print(f"  {n:4} {state}")
        for doc_id, number, why in ended:
            print(f"  Hết hiệu lực toàn bộ: {doc_id} ({number})")
            for e in why[:3]:
                print(f"     {e.kind} by {e.by_doc_id} {e.by_unit_id or ''}: …{e.text[-160:]}")

        # the documents LexVN knows only through the pháp điển, when a stored full text ends
        # them: the dump codifies them, so they were in force by its record
        named = conn.execute(
            "SELECT DISTINCT d.id, d.number FROM relations r JOIN documents d ON d.id = "
            "r.dst_doc_id WHERE d.source_format = ? AND r.kind IN ('thay_the', 'het_hieu_luc', "
            "'bai_bo') ORDER BY d.id",
            (CODIFIED_ONLY,),
        ).fetchall()
        codified: Counter = Counter()
        print(
            f"documents known only through the pháp điển that a stored full text ends or "
            f"repeals from: {len(named)}; at {DUMP_DATE}:"
        )
        for doc_id, number in named:
            status = document_status(conn, doc_id, DUMP_DATE)
            codified[status.status] += 1
            if status.status == "Hết hiệu lực toàn bộ":
                e = next(e for e in status.events if e.kind in _ENDED)
                print(
                    f"  Hết hiệu lực toàn bộ: {number}: {e.kind} by {e.by_doc_id} from "
                    f"{e.date}: …{e.text[-120:]}"
                )
        for state, n in codified.most_common():
            print(f"  {n:4} {state}")

        agree = total = 0
        misses = []
        for doc_id, key, _number in docs:
            rows = conn.execute(
                "SELECT source_unit, amended_json FROM phapdien_articles WHERE source_key = ? "
                "AND amended_json != '[]' AND source_unit LIKE 'Điều %'",
                (key,),
            ).fetchall()
            for unit, amended in rows:
                article = id_token(unit.split()[1].rstrip("."))
                for note in json.loads(amended):
                    by = by_key.get(number_key(note.get("number") or ""))
                    if by is None or by == doc_id:
                        continue
                    total += 1
                    found = conn.execute(
                        "SELECT 1 FROM relations WHERE src_doc_id = ? AND dst_doc_id = ? AND "
                        "kind IN ('sua_doi_bo_sung', 'bai_bo', 'thay_the', 'het_hieu_luc') AND "
                        "(dst_unit_id IS NULL OR dst_unit_id = ? OR dst_unit_id LIKE ? "
                        "OR dst_unit_id LIKE ? OR dst_unit_id LIKE ?) LIMIT 1",
                        (
                            by,
                            doc_id,
                            f"dieu_{article}",
                            f"%__dieu_{article}",
                            f"dieu_{article}__%",
                            f"%__dieu_{article}__%",
                        ),
                    ).fetchone()
                    if found:
                        agree += 1
                    else:
                        misses.append(f"{doc_id} {unit} ← {note.get('provision')} {by}")
        share = agree / total if total else 0.0
        print(
            f"amendment notes whose amending document is stored: {total}; LexVN's relations "
            f"agree on {agree} ({share:.1%})"
        )
        for miss in misses[: args.show]:
            print(f"  not in LexVN's relations: {miss}")


if __name__ == "__main__":
    main()
