"""Validity (tình trạng hiệu lực) of documents and units at any date, from events derived
from the documents' own hiệu lực articles and from later documents (ingest/enrich.py).

Vocabulary: Chưa có hiệu lực, Còn hiệu lực, Hết hiệu lực một phần, Hết hiệu lực toàn bộ,
Ngưng hiệu lực (một phần). Conventions (docs/validity.md): a document stays "Còn hiệu lực"
when a later law amends it or repeals units of it through amending instructions (those
units are marked, each pointing at the amending unit); it is "Hết hiệu lực một phần" when
another document declares part of it expired or repealed (Luật Ban hành VBQPPL 2015,
Điều 154), and "Hết hiệu lực toàn bộ" when one declares all of it expired or replaced, or
its own stated end date has passed."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date

from ingest.parse.dates import find_date

NOT_YET = "Chưa có hiệu lực"
IN_FORCE = "Còn hiệu lực"
PARTLY_EXPIRED = "Hết hiệu lực một phần"
EXPIRED = "Hết hiệu lực toàn bộ"
SUSPENDED = "Ngưng hiệu lực"
PARTLY_SUSPENDED = "Ngưng hiệu lực một phần"
UNIT_EXPIRED = "Hết hiệu lực"

_OWN_END = re.compile(
    r"hết hiệu lực(?:\s+thi hành)?\s+(?:kể\s+)?(?:từ|vào)\s+ngày\s+\d", re.IGNORECASE
)
_THIS_DOC = re.compile(
    r"(?:Bộ luật|Luật|Nghị quyết|Nghị định|Thông tư|Quyết định|Pháp lệnh)\s+này", re.IGNORECASE
)
_NUMBER = re.compile(r"\d+/(?:\d{4}/)?[A-ZĐ]")


@dataclass
class Event:
    date: str | None  # ISO
    kind: str  # ban_hanh | co_hieu_luc | sua_doi_bo_sung | bai_bo | het_hieu_luc | thay_the |
    #            het_hieu_luc_mot_phan | dinh_chi | het_thoi_han
    by_doc_id: str | None = None
    by_unit_id: str | None = None
    unit_id: str | None = None  # the unit of this document it concerns, if one
    text: str = ""


@dataclass
class Status:
    doc_id: str
    at: str
    status: str
    effective: str | None
    events: list[Event] = field(default_factory=list)
    unit_id: str | None = None
    amended_by: list[dict] = field(default_factory=list)  # for a unit: the amending units
    upcoming: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


def effective_override(conn: sqlite3.Connection, doc_id: str) -> tuple[str, str] | None:
    """(ISO date, source) an editor recorded for a document whose effective date another
    document sets; None if none (or a store from before the table)."""
    try:
        row = conn.execute(
            "SELECT effective, source FROM effective_overrides WHERE doc_id = ?", (doc_id,)
        ).fetchone()
    except sqlite3.OperationalError:
        return None
    return (row[0], row[1]) if row else None


def set_effective(conn: sqlite3.Connection, doc_id: str, effective: date, source: str) -> None:
    from datetime import UTC, datetime

    if not source.strip():
        raise ValueError("the source of the date is required (the document that sets it)")
    with conn:
        conn.execute(
            "INSERT OR REPLACE INTO effective_overrides VALUES (?,?,?,?)",
            (doc_id, effective.isoformat(), source.strip(), datetime.now(UTC).isoformat()),
        )


def events(conn: sqlite3.Connection, doc_id: str) -> list[Event]:
    row = conn.execute("SELECT issued, effective FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise KeyError(doc_id)
    out = (
        [Event(row[0], "ban_hanh"), Event(row[1], "co_hieu_luc")]
        if row[1]
        else [Event(row[0], "ban_hanh")]
    )
    if (override := effective_override(conn, doc_id)) is not None:
        stated = f" (văn bản ghi {row[1]})" if row[1] else ""
        out = [e for e in out if e.kind != "co_hieu_luc"]
        out.append(Event(override[0], "co_hieu_luc", text=f"theo {override[1]}{stated}"))
    for r in conn.execute(
        "SELECT kind, src_doc_id, src_unit_id, dst_unit_id, effective, partial, text "
        "FROM relations WHERE dst_doc_id = ? AND kind != 'can_cu' "
        "AND kind NOT IN ('quy_dinh_chi_tiet', 'hop_nhat') ORDER BY effective",
        (doc_id,),
    ):
        kind = r[0]
        if kind in ("het_hieu_luc", "thay_the", "bai_bo") and r[5] and r[3] is None:
            kind = "het_hieu_luc_mot_phan"
        out.append(Event(r[4], kind, r[1], r[2], r[3], r[6]))
    for (text,) in conn.execute(
        "SELECT text FROM units WHERE doc_id = ? AND instr(text, 'hết hiệu lực') > 0", (doc_id,)
    ):
        for m in _OWN_END.finditer(text):  # "Nghị quyết này … hết hiệu lực kể từ ngày …"
            sentence = text[text.rfind(".", 0, m.start()) + 1 : m.start()]
            when = find_date(text[m.start() :])
            if when and _THIS_DOC.search(sentence) and not _NUMBER.search(sentence):
                out.append(Event(when.isoformat(), "het_thoi_han", text=text[:300]))
    return sorted(out, key=lambda e: (e.date or "9999", e.kind))


def document_status(conn: sqlite3.Connection, doc_id: str, at: date) -> Status:
    at_iso = at.isoformat()
    evs = events(conn, doc_id)
    effective = next((e.date for e in evs if e.kind == "co_hieu_luc"), None)
    past = [e for e in evs if e.date and e.date <= at_iso]
    kinds = {e.kind for e in past if e.unit_id is None}
    if effective is None:  # the text gives no date: in force from issue, until told otherwise
        effective = next((e.date for e in evs if e.kind == "ban_hanh"), None)
    if effective is None or effective > at_iso:
        status = NOT_YET
    elif kinds & {"het_hieu_luc", "thay_the", "het_thoi_han"} or (
        "bai_bo" in kinds and any(e.kind == "bai_bo" and e.unit_id is None for e in past)
    ):
        status = EXPIRED
    elif "dinh_chi" in kinds:
        status = SUSPENDED
    elif any(e.kind == "dinh_chi" for e in past):
        status = PARTLY_SUSPENDED
    elif "het_hieu_luc_mot_phan" in kinds:
        status = PARTLY_EXPIRED
    else:
        status = IN_FORCE
    return Status(doc_id, at_iso, status, effective, evs)


def _lineage(unit_id: str) -> list[str]:
    parts = unit_id.split("__")
    return ["__".join(parts[: i + 1]) for i in range(len(parts))]


def unit_status(conn: sqlite3.Connection, doc_id: str, unit_id: str, at: date) -> Status:
    doc = document_status(conn, doc_id, at)
    at_iso = doc.at
    if (
        conn.execute(
            "SELECT 1 FROM units WHERE doc_id = ? AND id = ?", (doc_id, unit_id)
        ).fetchone()
        is None
    ):
        raise KeyError(f"{doc_id} {unit_id}")
    lineage = _lineage(unit_id)
    own_dates = [
        r[0]
        for r in conn.execute(
            f"SELECT effective FROM unit_effective WHERE doc_id = ? AND unit_id IN "
            f"({','.join('?' * len(lineage))})",
            (doc_id, *lineage),
        )
    ]
    effective = max(own_dates) if own_dates else doc.effective
    concerning = [
        e
        for e in doc.events
        if e.unit_id and (e.unit_id in lineage or e.unit_id.startswith(unit_id + "__"))
    ]
    status = doc.status
    if doc.status in (IN_FORCE, PARTLY_EXPIRED, PARTLY_SUSPENDED):
        if effective and effective > at_iso:
            status = NOT_YET
        elif any(
            e.kind in ("bai_bo", "het_hieu_luc", "thay_the")
            and e.unit_id in lineage
            and e.date
            and e.date <= at_iso
            for e in concerning
        ):
            status = UNIT_EXPIRED
        elif any(
            e.kind == "dinh_chi" and e.unit_id in lineage and e.date and e.date <= at_iso
            for e in concerning
        ):
            status = SUSPENDED
        else:
            status = IN_FORCE

    def item(e: Event) -> dict:
        return {
            "doc_id": e.by_doc_id,
            "unit_id": e.by_unit_id,
            "date": e.date,
            "kind": e.kind,
            "target": e.unit_id,
        }

    amended = [item(e) for e in concerning if e.date and e.date <= at_iso]
    upcoming = [item(e) for e in concerning if not e.date or e.date > at_iso]
    return Status(doc_id, at_iso, status, effective, concerning, unit_id, amended, upcoming)
