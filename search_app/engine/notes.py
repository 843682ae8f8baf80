"""Search in what copies add to the law: a web site's editorial notes ("[Khoản này được sửa
đổi bởi Khoản 62 Điều 1 Luật Xử lý vi phạm hành chính sửa đổi 2020 …]") and a VBHN's
footnotes ("[2] Khoản này được sửa đổi, bổ sung theo quy định tại …").

They are kept apart from the text (ingest/readers/tvpl.py, readers/gazette.py) and found
apart from it: a hit here is a note on a unit, shown as such, never a match in the unit's
own words. The notes live in the store (table `annotations`, FTS5 `annotations_fts` over
their folded text), so both search backends serve the same notes."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass

from search_app.engine.analysis import folded_tokens
from search_app.engine.snippets import snippet

MAX_NOTE_HITS = 50


@dataclass
class NoteHit:
    doc_id: str
    doc_number: str | None
    doc_title: str | None
    unit_id: str | None
    unit_label: str | None  # "khoản 2 Điều 5"
    kind: str  # "site_note" | "footnote" | "phapdien"
    snippet: str

    def to_json(self) -> dict:
        return asdict(self)


def search_notes(
    conn: sqlite3.Connection,
    q: str,
    limit: int = 5,
    doc_ids: list[str] | None = None,
) -> list[NoteHit]:
    """Notes holding every word of `q` (diacritics and đ folded), best first."""
    words = list(dict.fromkeys(folded_tokens(q)))
    if not words:
        return []
    match = " ".join(f'"{w}"' for w in words)
    where, args = "annotations_fts MATCH ?", [match]
    if doc_ids is not None:
        if not doc_ids:
            return []
        where += f" AND a.doc_id IN ({','.join('?' * len(doc_ids))})"
        args.extend(doc_ids)
    rows = conn.execute(
        "SELECT a.doc_id, a.unit_id, a.kind, a.text, d.number, d.title, u.citation "
        "FROM annotations_fts JOIN annotations a ON a.rowid = annotations_fts.rowid "
        "JOIN documents d ON d.id = a.doc_id "
        "LEFT JOIN units u ON u.doc_id = a.doc_id AND u.id = a.unit_id "
        f"WHERE {where} ORDER BY bm25(annotations_fts) LIMIT ?",
        (*args, max(1, min(limit, MAX_NOTE_HITS))),
    ).fetchall()
    wanted = set(words)
    return [
        NoteHit(r[0], r[4], r[5], r[1], r[6], r[2], snippet(r[3], wanted, width=40)) for r in rows
    ]
