"""What the draft checks ask of the store: which document a reference names, whether it is
in force on a date and what replaced it, and a base text as consolidated on a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ingest.consolidation.apply import consolidate
from ingest.consolidation.versions import operations
from ingest.links.catalogue import Catalogue
from ingest.links.resolve import UnitIndex
from ingest.links.validity import EXPIRED, document_status
from ingest.store import Store, number_key
from schema.model import Document

_ENDING = ("het_hieu_luc", "thay_the", "bai_bo", "het_thoi_han")


@dataclass
class Standing:
    """A cited document on the draft's date."""

    doc_id: str | None  # None: not stored, known only from the documents that end it
    status: str  # a validity status, or "" when nothing is known
    ended_by: list[str]  # labels of the documents that ended it ("Luật Đấu thầu 22/2023/QH15")


class Database:
    def __init__(self, store: Store):
        self.store = store
        self.catalogue = Catalogue.from_store(store)
        self._bases: dict[tuple, Document] = {}

    def lookup(self, number: str | None, name: str | None) -> str | None:
        return self.catalogue.lookup(number, name)

    def index(self, doc_id: str) -> UnitIndex | None:
        return self.catalogue.index(doc_id)

    def label(self, doc_id: str) -> str:
        md = self.catalogue.metadata[doc_id]
        return " ".join(x for x in (md.title or md.doc_type, md.number) if x)

    def standing(self, doc_id: str | None, written_number: str | None, at: date) -> Standing:
        if doc_id is not None:
            status = document_status(self.store.conn, doc_id, at)
            enders = [
                e.by_doc_id
                for e in status.events
                if e.kind in _ENDING and e.unit_id is None and e.by_doc_id
            ]
            if status.status == EXPIRED:
                return Standing(doc_id, EXPIRED, [self.label(i) for i in dict.fromkeys(enders)])
            return Standing(doc_id, status.status, [])
        if not written_number:
            return Standing(None, "", [])
        rows = self.store.conn.execute(
            "SELECT src_doc_id, effective, dst_written FROM relations WHERE dst_doc_id IS NULL"
            " AND dst_unit_id IS NULL AND partial = 0 AND kind IN (?,?,?)",
            _ENDING[:3],
        ).fetchall()
        key = number_key(written_number)
        enders = [
            r[0]
            for r in rows
            if number_key(r[2]) == key and (r[1] is None or r[1] <= at.isoformat())
        ]
        if enders:
            return Standing(None, EXPIRED, [self.label(i) for i in dict.fromkeys(enders)])
        return Standing(None, "", [])

    def base_at(self, doc_id: str, at: date, leave_out: str | None) -> Document:
        """The stored text as consolidated on `at`, without the amendments of `leave_out`
        (the stored copy of the draft itself, when an issued document is re-checked)."""
        key = (doc_id, at, leave_out)
        if key not in self._bases:
            base = self.catalogue.document(doc_id)
            ops = [
                op
                for op in operations(self.store.conn, doc_id)
                if op.source_doc != leave_out and (op.effective or "") <= at.isoformat()
            ]
            self._bases[key] = consolidate(base, ops, at).doc if ops else base
        return self._bases[key]
