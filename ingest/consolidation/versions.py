"""Consolidated texts from the store: the stored operations applied to a stored base, at a
date, per unit history, and diffs between dates. Built at read time from what is stored, so
the order documents were ingested in does not matter."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from ingest.consolidation.apply import Consolidated, consolidate
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
    ids = (
        [unit_id]
        if unit_id
        else list(dict.fromkeys([u.id for u in a.walk()] + [u.id for u in b.walk()]))
    )
    out = []
    for uid in ids:
        ua, ub = a.find(uid), b.find(uid)
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
