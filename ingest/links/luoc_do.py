"""The lược đồ (links) of a document: both directions of its relations and citations."""

from __future__ import annotations

import sqlite3
from collections import Counter

RELATION_NAMES = {
    "can_cu": "Căn cứ",
    "quy_dinh_chi_tiet": "Quy định chi tiết, hướng dẫn",
    "sua_doi_bo_sung": "Sửa đổi, bổ sung",
    "bai_bo": "Bãi bỏ",
    "thay_the": "Thay thế",
    "het_hieu_luc": "Làm hết hiệu lực",
    "dinh_chi": "Đình chỉ, ngưng hiệu lực",
    "hop_nhat": "Hợp nhất",  # a VBHN and the documents it consolidates
}


def _rows(conn: sqlite3.Connection, sql: str, args: tuple) -> list[dict]:
    cur = conn.execute(sql, args)
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def document_links(conn: sqlite3.Connection, doc_id: str) -> dict:
    outgoing = _rows(
        conn,
        "SELECT src_unit_id, kind, dst_doc_id, dst_unit_id, dst_written, "
        "effective, partial FROM relations WHERE src_doc_id = ?",
        (doc_id,),
    )
    incoming = _rows(
        conn,
        "SELECT src_doc_id, src_unit_id, kind, dst_unit_id, effective, "
        "partial FROM relations WHERE dst_doc_id = ?",
        (doc_id,),
    )
    cites = _rows(
        conn,
        "SELECT unit_id, text, target_doc, target_doc_id, target_unit_id, "
        "status, reason FROM citations WHERE doc_id = ? AND "
        "(target_doc_id IS NULL OR target_doc_id != ?)",
        (doc_id, doc_id),
    )
    cited_by = _rows(
        conn,
        "SELECT doc_id, unit_id, text, target_unit_id FROM citations "
        "WHERE target_doc_id = ? AND doc_id != ?",
        (doc_id, doc_id),
    )
    internal = Counter(
        r[0]
        for r in conn.execute(
            "SELECT status FROM citations WHERE doc_id = ? AND target_doc_id IS ?", (doc_id, doc_id)
        )
    )
    return {
        "doc_id": doc_id,
        "relations": [{**r, "name": RELATION_NAMES.get(r["kind"], r["kind"])} for r in outgoing],
        "related_by": [{**r, "name": RELATION_NAMES.get(r["kind"], r["kind"])} for r in incoming],
        "cites": cites,
        "cited_by": cited_by,
        "internal_citations": dict(internal),
    }
