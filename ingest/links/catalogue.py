"""The stored documents as a catalogue: found by số ký hiệu or by name, their texts loaded
only when a caller needs a unit of them. Citation resolution, consolidation reports and the
draft checker all ask "which stored document does this reference name?" the same way."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from ingest.links.resolve import UnitIndex, name_key
from ingest.store import Store, metadata_from_json, number_key
from schema.model import Document, Metadata


class Catalogue:
    def __init__(self, metadata: dict[str, Metadata], load: Callable[[str], Document | None]):
        self.metadata = metadata
        self._load = load
        self._docs: dict[str, Document | None] = {}
        self._indexes: dict[str, UnitIndex | None] = {}
        self.by_number = {number_key(m.number): i for i, m in metadata.items() if m.number}
        self.by_name: dict[str, list[str]] = {}
        for i, m in metadata.items():
            # a VBHN bears the title of the law it consolidates ("Luật Doanh nghiệp"), but a
            # text that names that law means the law, never a VBHN of it
            if m.title and m.doc_type != "Văn bản hợp nhất":
                self.by_name.setdefault(name_key(m.title), []).append(i)
            if m.doc_type == "Hiến pháp":  # cited as "Hiến pháp", the one in force
                self.by_name.setdefault("hien phap", []).append(i)

    @classmethod
    def from_documents(cls, docs: dict[str, Document]) -> Catalogue:
        return cls({i: d.metadata for i, d in docs.items()}, docs.get)

    @classmethod
    def from_store(cls, store: Store) -> Catalogue:
        rows = store.conn.execute("SELECT id, metadata_json FROM documents").fetchall()
        return cls({r[0]: metadata_from_json(json.loads(r[1])) for r in rows}, store.get)

    def lookup(
        self, number: str | None, name: str | None, before: date | None = None
    ) -> str | None:
        """The stored document a reference names. By name, the newest of that name
        ("Bộ luật Lao động" is the one in force), and when the citing text's date is given,
        the newest issued by then: "Luật quản lý thuế" in Luật 21/2012/QH13 is 78/2006/QH11,
        not the Luật Quản lý thuế of 2019."""
        if number:
            return self.by_number.get(number_key(number))
        if name:
            found = self.by_name.get(name_key(name), [])
            if before is not None:
                found = [i for i in found if (self.metadata[i].issued or date.min) <= before]
            return max(found, key=self._issued) if found else None
        return None

    def lookup_for(self, doc: Document):
        """lookup() as the text of `doc` reads: only what existed at its date."""
        when = doc.metadata.issued
        return lambda number, name: self.lookup(number, name, when)

    def _issued(self, doc_id: str) -> tuple[bool, date]:
        """Dated documents before undated ones, then by date."""
        issued = self.metadata[doc_id].issued
        return (issued is not None, issued or date.min)

    def document(self, doc_id: str) -> Document | None:
        if doc_id not in self._docs:
            self._docs[doc_id] = self._load(doc_id)
        return self._docs[doc_id]

    def index(self, doc_id: str) -> UnitIndex | None:
        if doc_id not in self._indexes:
            doc = self.document(doc_id)
            self._indexes[doc_id] = UnitIndex(doc) if doc else None
        return self._indexes[doc_id]
