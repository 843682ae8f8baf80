"""The stored documents as a catalogue: found by số ký hiệu or by name, their texts loaded
only when a caller needs a unit of them. Citation resolution, consolidation reports and the
draft checker all ask "which stored document does this reference name?" the same way."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date

from ingest.links.resolve import UnitIndex
from ingest.store import Store, metadata_from_json, name_key, number_key
from schema.model import Document, Metadata


class StoredMetadata(Mapping[str, Metadata]):
    """Every stored document's id; its metadata parsed when asked for, not before."""

    def __init__(self, store: Store, ids: list[str]):
        self._store, self._ids, self._parsed = store, ids, {}
        self._set = set(ids)

    def __getitem__(self, doc_id: str) -> Metadata:
        if doc_id not in self._set:
            raise KeyError(doc_id)
        if doc_id not in self._parsed:
            row = self._store.conn.execute(
                "SELECT metadata_json FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
            self._parsed[doc_id] = metadata_from_json(json.loads(row[0]))
        return self._parsed[doc_id]

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._set

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class Catalogue:
    """In memory: every document's keys in dicts (tests, the draft checker's own drafts)."""

    def __init__(self, metadata: Mapping[str, Metadata], load: Callable[[str], Document | None]):
        self.metadata = metadata
        self._load = load
        self._docs: dict[str, Document | None] = {}
        self._indexes: dict[str, UnitIndex | None] = {}
        self.by_number: dict[str, str] = {}
        self.by_name: dict[str, list[str]] = {}
        self._dates: dict[str, date | None] = {}
        for i, m in metadata.items():
            self._dates[i] = m.issued
            if m.number:
                self.by_number[number_key(m.number)] = i
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
    def from_store(cls, store: Store, memory: DocumentMemory | None = None) -> Catalogue:
        return StoredCatalogue(store, memory)

    def _with_number(self, key: str) -> str | None:
        return self.by_number.get(key)

    def _with_name(self, key: str) -> list[str]:
        return self.by_name.get(key, [])

    def issued(self, doc_id: str) -> date | None:
        return self._dates[doc_id]

    def lookup(
        self, number: str | None, name: str | None, before: date | None = None
    ) -> str | None:
        """The stored document a reference names. By name, the newest of that name
        ("Bộ luật Lao động" is the one in force), and when the citing text's date is given,
        the newest issued by then: "Luật quản lý thuế" in Luật 21/2012/QH13 is 78/2006/QH11,
        not the Luật Quản lý thuế of 2019."""
        if number:
            return self._with_number(number_key(number))
        if name:
            found = self._with_name(name_key(name))
            if before is not None:
                found = [i for i in found if (self.issued(i) or date.min) <= before]
            return max(found, key=self._issued) if found else None
        return None

    def lookup_for(self, doc: Document):
        """lookup() as the text of `doc` reads: only what existed at its date."""
        when = doc.metadata.issued
        return lambda number, name: self.lookup(number, name, when)

    def _issued(self, doc_id: str) -> tuple[bool, date]:
        """Dated documents before undated ones, then by date."""
        issued = self.issued(doc_id)
        return (issued is not None, issued or date.min)

    def known(self, docs: Iterable[Document]) -> None:
        """Documents the caller holds as stored: document() gives them without a read."""
        for doc in docs:
            if doc.id in self.metadata:
                self._docs[doc.id] = doc

    def document(self, doc_id: str) -> Document | None:
        if doc_id not in self._docs:
            self._docs[doc_id] = self._load(doc_id)
        return self._docs[doc_id]

    def index(self, doc_id: str) -> UnitIndex | None:
        if doc_id not in self._indexes:
            doc = self.document(doc_id)
            self._indexes[doc_id] = UnitIndex(doc) if doc else None
        return self._indexes[doc_id]


class DocumentMemory:
    """Stored documents and their unit indexes kept in memory from one catalogue to the
    next, the least recently used let go past `chars` characters of text. A bulk ingest
    makes a catalogue a batch, and the codes that many documents cite were read back from
    the store up to ten times an ingest. Only its writer may write the store while the
    memory lives: what it holds must be what is stored (it is told of every document it
    stores, once committed)."""

    def __init__(self, chars: int = 8_000_000):
        self.limit = chars
        self._held: OrderedDict[str, tuple[Document, UnitIndex | None]] = OrderedDict()
        self._chars = 0

    def get(self, doc_id: str) -> tuple[Document, UnitIndex | None] | None:
        held = self._held.get(doc_id)
        if held is not None:
            self._held.move_to_end(doc_id)
        return held

    def keep(self, doc: Document, index: UnitIndex | None = None) -> None:
        """Hold `doc` as the stored document of its id (replacing what was held)."""
        self.forget(doc.id)
        self._held[doc.id] = (doc, index)
        self._chars += doc.text_chars
        while self._chars > self.limit and len(self._held) > 1:
            _, (old, _) = self._held.popitem(last=False)
            self._chars -= old.text_chars

    def forget(self, doc_id: str) -> None:
        held = self._held.pop(doc_id, None)
        if held is not None:
            self._chars -= held[0].text_chars


class StoredCatalogue(Catalogue):
    """The store's documents, looked up by its indexed columns (number_key, title_key) one
    reference at a time: a store of 30,000 documents costs what is asked of it, not a pass
    over every title. The same answers as the in-memory Catalogue over the same documents
    (tested): the last stored of a number, the stored order among those of a name."""

    def __init__(self, store: Store, memory: DocumentMemory | None = None):
        ids = [r[0] for r in store.conn.execute("SELECT id FROM documents ORDER BY rowid")]
        self.metadata = StoredMetadata(store, ids)
        self._conn = store.conn
        self._load = store.get
        self._memory = memory
        self._docs = {}
        self._indexes = {}
        self._dates = {}
        self._numbers: dict[str, str | None] = {}
        self._names: dict[str, list[str]] = {}

    def document(self, doc_id: str) -> Document | None:
        if doc_id not in self._docs and self._memory is not None and doc_id in self.metadata:
            held = self._memory.get(doc_id)
            if held is None:
                doc = self._load(doc_id)
                if doc is not None:
                    self._memory.keep(doc)
            else:
                doc = held[0]
            self._docs[doc_id] = doc
        return super().document(doc_id)

    def index(self, doc_id: str) -> UnitIndex | None:
        if doc_id not in self._indexes and self._memory is not None:
            doc = self.document(doc_id)
            held = self._memory.get(doc_id)
            if held is not None and held[0] is doc:  # not a document known() in its place
                index = held[1] or UnitIndex(doc)
                if held[1] is None:
                    self._memory.keep(doc, index)
                self._indexes[doc_id] = index
        return super().index(doc_id)

    def _with_number(self, key: str) -> str | None:
        if key not in self._numbers:
            row = self._conn.execute(
                "SELECT id FROM documents WHERE number_key = ? ORDER BY rowid DESC LIMIT 1",
                (key,),
            ).fetchone()
            self._numbers[key] = row[0] if row else None
        return self._numbers[key]

    def _with_name(self, key: str) -> list[str]:
        if key not in self._names:
            rows = self._conn.execute(  # by the title index; a VBHN never by name
                "SELECT rowid, id, issued FROM documents WHERE title_key = ? AND "
                "coalesce(doc_type, '') != 'Văn bản hợp nhất'",
                (key,),
            ).fetchall()
            if key == "hien phap":  # "Hiến pháp" names the Constitution, whatever its title
                rows += self._conn.execute(
                    "SELECT rowid, id, issued FROM documents WHERE doc_type = 'Hiến pháp'"
                ).fetchall()
            rows = sorted(set(map(tuple, rows)))  # in stored order
            rows = [(doc_id, issued) for _, doc_id, issued in rows]
            for doc_id, issued in rows:
                self._dates[doc_id] = date.fromisoformat(issued) if issued else None
            self._names[key] = [r[0] for r in rows]
        return self._names[key]

    def issued(self, doc_id: str) -> date | None:
        if doc_id not in self._dates:
            row = self._conn.execute(
                "SELECT issued FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
            self._dates[doc_id] = date.fromisoformat(row[0]) if row and row[0] else None
        return self._dates[doc_id]
