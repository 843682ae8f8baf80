"""Consolidated texts from the store: the stored operations applied to a stored base, at a
date, per unit history, and diffs between dates. Built at read time from what is stored, so
the order documents were ingested in does not matter."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date

from ingest.consolidation.apply import Consolidated, consolidate
from ingest.consolidation.compare import Comparison, compare
from ingest.consolidation.instructions import Operation, waiting_instructions
from ingest.consolidation.render import word_diff
from ingest.links.catalogue import Catalogue
from ingest.store import Store


def operations(conn: sqlite3.Connection, base_id: str) -> list[Operation]:
    rows = conn.execute(
        "SELECT op_json FROM amendments WHERE base_doc_id = ? ORDER BY src_doc_id, seq", (base_id,)
    ).fetchall()
    return [Operation(**json.loads(r[0])) for r in rows]


def consolidated_at(store: Store, doc_id: str, at: date) -> Consolidated:
    base = store.get(doc_id)
    if base is None:
        raise KeyError(doc_id)
    return consolidate(base, operations(store.conn, doc_id), at)


@dataclass
class VbhnCheck:
    vbhn_id: str
    base_id: str | None
    amending: list[str]  # stored documents the VBHN consolidates
    absent: list[str] = field(default_factory=list)  # named by the VBHN, not stored
    at: date | None = None
    result: Consolidated | None = None
    comparison: Comparison | None = None


def check_vbhn(store: Store, vbhn_id: str) -> VbhnCheck:
    """An official VBHN against LexVN's consolidation of the documents it names ("được
    sửa đổi, bổ sung bởi: …", its hop_nhat relations): the base with those amending
    documents' instructions only, at the VBHN's date, or at the latest effective date of the
    documents it names when that is later (a VBHN shows every amendment it names, even one
    not yet in force on its date)."""
    vbhn = store.get(vbhn_id)
    if vbhn is None:
        raise KeyError(vbhn_id)
    named = [r.target for r in vbhn.metadata.relations if r.kind == "hop_nhat"]
    cat = Catalogue.from_store(store)
    # by number, or by name when the VBHN misprints the number ("Luật xử lý vi phạm hành
    # chính số 15/2012/QH11" in 02/VBHN-VPQH for 15/2012/QH13)
    ids = [cat.lookup(c.number, None) or cat.lookup(None, c.name) for c in named]
    check = VbhnCheck(vbhn_id, ids[0] if ids else None, [i for i in ids[1:] if i])
    check.absent = [c.number or c.text for c, i in zip(named, ids, strict=True) if not i]
    if check.base_id is None:
        return check
    at = vbhn.metadata.issued or date.today()
    for doc_id in check.amending:
        effective = cat.metadata[doc_id].effective
        if effective and effective > at:
            at = effective
    known = operations(store.conn, check.base_id)
    ops = [o for o in known if o.source_doc in check.amending]
    check.at = at
    check.result = consolidate(store.get(check.base_id), ops, at, known)
    check.comparison = compare(check.result.doc, vbhn)
    return check


def waiting(store: Store, doc_id: str) -> list[dict]:
    """Instructions of the documents amending this one that are aimed at other documents
    not (yet) in the store."""
    amending = [
        r[0]
        for r in store.conn.execute(
            "SELECT DISTINCT src_doc_id FROM amendments WHERE base_doc_id = ?", (doc_id,)
        )
    ]
    out = []
    if not amending:
        return out
    cat = Catalogue.from_store(store)
    for src in amending:
        for article, unit, written in waiting_instructions(cat.document(src), cat.lookup):
            out.append({"doc_id": src, "article": article, "unit_id": unit, "base": written})
    return out


def history(store: Store, doc_id: str, unit_id: str) -> list[dict]:
    """Every version of a unit with its dates and source, as of all known amendments."""
    result = consolidated_at(store, doc_id, date.max)
    versions = result.history.get(unit_id)
    if versions is None:
        raise KeyError(unit_id)
    out = []
    for i, v in enumerate(versions):
        until = versions[i + 1].since if i + 1 < len(versions) else None
        out.append(
            {
                "since": v.since,
                "until": until,
                "source_doc": v.source_doc,
                "source_unit": v.source_unit,
                "kind": v.kind,
                "text": v.text,
            }
        )
    return out


def diff(
    store: Store, doc_id: str, first: date, second: date, unit_id: str | None = None
) -> list[dict]:
    """Word-level differences of the whole document, or one unit, between two dates."""
    a = consolidated_at(store, doc_id, first).doc
    b = consolidated_at(store, doc_id, second).doc
    units_a = {u.id: u for u in a.walk()}  # one walk each: find() per unit was quadratic
    units_b = {u.id: u for u in b.walk()}
    ids = [unit_id] if unit_id else list(dict.fromkeys([*units_a, *units_b]))
    out = []
    for uid in ids:
        ua, ub = units_a.get(uid), units_b.get(uid)
        old = " ".join(ua.text + ua.tail) if ua else ""
        new = " ".join(ub.text + ub.tail) if ub else ""
        heading_old, heading_new = (ua.heading if ua else ""), (ub.heading if ub else "")
        if old != new or heading_old != heading_new:
            out.append(
                {
                    "unit_id": uid,
                    "heading": word_diff(heading_old, heading_new)
                    if heading_old != heading_new
                    else [],
                    "text": word_diff(old, new),
                }
            )
    return out
