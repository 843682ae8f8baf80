"""Each codified article of the official Bộ pháp điển tied to the stored unit it comes from,
and a second, independent check of consolidation: the dump holds the article's text as in
force at its date; LexVN's consolidation of the stored full text at that date should say
the same. A difference is explained where the store can tell why: an amending document the
source note names is not stored (LexVN cannot apply what it does not hold)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from ingest.codification.official_pages import split_attachments
from ingest.consolidation.compare import first_difference, is_slip, normal
from ingest.consolidation.versions import consolidated_at
from ingest.store import Store, number_key
from schema.model import CODIFIED_ONLY, DIEU

EQUAL, SLIP, DIFFERS, NOT_FOUND = "equal", "a word or two apart", "differs", "not found"


@dataclass
class ArticleCheck:
    code: str  # "20.2.LQ.1"
    doc_id: str
    doc_number: str
    source_unit: str  # "Điều 1"
    unit_id: str | None  # the stored unit it is tied to
    kind: str  # EQUAL | SLIP | DIFFERS | NOT_FOUND
    missing: list[str] = field(default_factory=list)  # amending documents not stored
    ours: str = ""  # where the texts part, when they differ
    theirs: str = ""

    @property
    def reason(self) -> str:
        """Why the texts are not equal, as far as the store can tell."""
        if self.kind == EQUAL:
            return ""
        if self.missing:
            return "sửa đổi bởi văn bản chưa có toàn văn trong kho: " + ", ".join(self.missing)
        if self.kind == NOT_FOUND:
            return "không có điều này trong bản văn bản đã lưu"
        if self.kind == SLIP:
            return "khác một, hai chữ: lỗi chính tả của một trong hai bản"
        return "chưa rõ: lỗi đọc văn bản hoặc lỗi của bản nguồn"


def dump_date(store: Store) -> date | None:
    """The dump's date: the latest effective date its notes name (01/8/2024 for the
    mid-2024 dump), the date its texts are as in force at."""
    row = store.conn.execute(
        "SELECT max(d) FROM (SELECT max(source_effective) AS d FROM phapdien_articles UNION ALL "
        "SELECT max(json_extract(j.value, '$.effective')) FROM phapdien_articles, "
        "json_each(amended_json) j)"
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def tied_unit(store: Store, doc_id: str, source_unit: str) -> str | None:
    """The stored article a codified article comes from ("Điều 5" of the document)."""
    number = source_unit.split()[-1].lower()
    row = store.conn.execute(
        "SELECT id FROM units WHERE doc_id = ? AND type = ? AND lower(number) = ? "
        "ORDER BY seq LIMIT 1",
        (doc_id, DIEU, number),
    ).fetchone()
    return row[0] if row else None


def check_documents(
    store: Store, at: date | None = None, doc_ids: list[str] | None = None
) -> list[ArticleCheck]:
    """Every codified article of each stored full text (not a VBHN) the dump codifies,
    against LexVN's consolidation of it at the dump's date."""
    at = at or dump_date(store)
    if at is None:
        return []
    # an amendment known only through the pháp điển has no instructions to apply
    stored = store.full_text_keys()
    docs = store.conn.execute(
        "SELECT id, number_key, number FROM documents WHERE doc_type != 'Văn bản hợp nhất' "
        "AND source_format != ? AND number_key IS NOT NULL ORDER BY id",
        (CODIFIED_ONLY,),
    ).fetchall()
    out: list[ArticleCheck] = []
    for doc_id, key, doc_number in docs:
        if doc_ids is not None and doc_id not in doc_ids:
            continue
        rows = store.conn.execute(
            "SELECT code, title, text, source_unit, amended_json FROM phapdien_articles "
            "WHERE source_key = ? AND source_unit LIKE 'Điều %' AND whole_article = 0 "
            "ORDER BY de_muc, seq",
            (key,),
        ).fetchall()
        if not rows:
            continue
        doc = consolidated_at(store, doc_id, at).doc
        ours: dict[str, tuple[str, str]] = {}
        for unit in doc.walk():
            if unit.type == DIEU and unit.number.lower() not in ours:
                ours[unit.number.lower()] = (unit.id, f"{unit.heading}\n{unit.full_text()}")
        for code, title, text, source_unit, amended in rows:
            unit_id, mine = ours.get(source_unit.split()[-1].lower(), (None, None))
            theirs = f"{title}\n" + "\n".join(split_attachments(text.split("\n"))[0])
            missing = sorted(
                {
                    a["number"]
                    for a in json.loads(amended)
                    if a.get("number") and number_key(a["number"]) not in stored
                }
            )
            check = ArticleCheck(code, doc_id, doc_number, source_unit, unit_id, NOT_FOUND, missing)
            if mine is not None:
                a, b = normal(mine), normal(theirs)
                check.kind = EQUAL if a == b else SLIP if is_slip(a, b) else DIFFERS
                if check.kind == DIFFERS:
                    check.ours, check.theirs = first_difference(mine, theirs)
            out.append(check)
    return out
