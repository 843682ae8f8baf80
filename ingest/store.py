"""The SQLite store: documents, their units in order, and the issues found when parsing.

One file, safe to copy. Writing a document replaces any earlier version of it in a single
transaction, so a reader never sees a half-written document and a failure leaves the old one.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

from ingest.parse.text import fold
from schema.model import (
    CODIFIED_ONLY,
    Annotation,
    Citation,
    Document,
    Issue,
    Metadata,
    Relation,
    Unit,
    citation_label,
    to_jsonable,
)

SCHEMA_VERSION = 6
DEFAULT_DB = "lexvn.sqlite"
DB_ENV = "LEXVN_DB"


def default_db_path() -> str:
    return os.environ.get(DB_ENV) or DEFAULT_DB


def number_key(number: str) -> str:
    """Lookup form of a số ký hiệu: upper case, Đ folded, spaces dropped."""
    return fold(re.sub(r"\s+", "", number)).upper()


def name_key(name: str) -> str:
    """Lookup form of a document name: "Bộ luật Lao động" -> "bo luat lao dong"."""
    return " ".join(fold(name).split())


def written_key(written: str | None) -> str | None:
    """The key a target written in a text is looked up by: a số ký hiệu's, or a name's. The
    links tables keep it indexed, so a new document finds who names it without a scan."""
    if not written:
        return None
    return number_key(written) if re.match(r"\d+/", written.strip()) else name_key(written)


class StoreError(Exception):
    pass


class DuplicateDocument(StoreError):
    """Another copy of a stored document (same số ký hiệu, issuer and date) from another
    source: refused, unless the caller asks to replace it."""


# codes that many bodies share: the number names no single issuer
_SHARED_CODES = re.compile(r"(?:^|[/-])(?:UBND|UB|HĐND|HDND|CT|UBMTTQ|SYT|STC|SGDĐT|SGTVT)(?:-|$)")


def document_identity(md: Metadata) -> str:
    """What makes two texts the same document: số ký hiệu and date, and the issuer when the
    number's code is one that many bodies share (a province's 1397/QĐ-UBND is not another
    province's; two copies of 36/QĐ-BNN-PC whose headers read differently are one
    document); without a number, type, issuer and title."""
    issuer = re.sub(r"[^a-z0-9]", "", fold(md.issuer or "").lower())
    issued = md.issued.isoformat() if md.issued else ""
    if md.number:
        shared = bool(_SHARED_CODES.search(md.number.upper())) or not md.issued
        return f"{number_key(md.number)}|{issuer if shared else ''}|{issued}"
    title = re.sub(r"[^a-z0-9]", "", fold(md.title or "").lower())
    return f"|{fold(md.doc_type or '').lower()}|{issuer}|{issued}|{title}"


_PARTIAL = "gazette-continued"  # the issue readers/gazette.py reports on a partial copy


def data_version(conn: sqlite3.Connection) -> int:
    """Changes when another connection has committed to the file since the last call on
    this one: how long-lived readers (the web app) know their caches are stale."""
    return conn.execute("PRAGMA data_version").fetchone()[0]


class Indexer(Protocol):
    def replace(self, conn: sqlite3.Connection, old: Document | None, new: Document) -> None: ...


class Store:
    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = str(path)
        self._depth = 0
        # when a document was stored; an ingest run sets one time for all it stores, so
        # the same files give the same store however many processes parse them
        self.clock = lambda: datetime.now(UTC).isoformat(timespec="seconds")
        try:
            if read_only:
                if not Path(self.path).exists():
                    raise StoreError(
                        f"database {self.path} does not exist; run `lexvn ingest` first"
                    )
                # on a read-only volume SQLite cannot make the WAL's shared-memory file:
                # nobody can write there either, so the file is opened as immutable
                folder = Path(self.path).resolve().parent
                immutable = "&immutable=1" if not os.access(folder, os.W_OK) else ""
                uri = f"file:{quote(str(Path(self.path).resolve()))}?mode=ro{immutable}"
                self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(self.path)
                self.conn.execute("PRAGMA journal_mode=WAL")
                # In WAL mode NORMAL never corrupts the file; a power cut may lose the last
                # commits, which an ingest of its sources writes again. FULL synced each
                # commit, and the index's B-trees overflowed SQLite's 2 MB page cache: the
                # writer of the whole corpus took 27.1-27.6 s with neither, 25.0-25.2 with both
                self.conn.execute("PRAGMA synchronous=NORMAL")
                self.conn.execute("PRAGMA cache_size=-65536")  # KiB: 64 MB
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if not read_only:
                self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a LexVN store: {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}, newer than this "
                f"LexVN ({SCHEMA_VERSION})"
            )
        if version == 1:
            self._migrate_identity()
        if 0 < version < 3:
            self._add_folded_notes()
        if 0 < version < 5:  # before the DDL, which indexes the new columns
            self._add_written_keys()
        if 0 < version < 6:
            self._add_title_keys()
        ddl = resources.files("schema").joinpath("store.sql").read_text(encoding="utf-8")
        self.conn.executescript(ddl)
        if 0 < version < 3:
            self.conn.execute("INSERT INTO annotations_fts(annotations_fts) VALUES ('rebuild')")
        self.conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        self.conn.commit()

    def _add_written_keys(self) -> None:
        """Version 5 keeps the key of every written target, indexed (ingest/enrich.py)."""
        with self.conn:
            for table, written, key in (
                ("citations", "target_doc", "target_key"),
                ("relations", "dst_written", "dst_key"),
            ):
                cols = [r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")]
                if not cols or key in cols:
                    continue
                self.conn.execute(f"ALTER TABLE {table} ADD COLUMN {key} TEXT")
                values = [
                    r[0] for r in self.conn.execute(f"SELECT DISTINCT {written} FROM {table}")
                ]
                self.conn.executemany(
                    f"UPDATE {table} SET {key} = ? WHERE {written} = ?",
                    [(written_key(v), v) for v in values if v],
                )

    def _add_title_keys(self) -> None:
        """Version 6 looks a name up by an indexed column: a catalogue of 30,000 documents
        no longer folds every title to find one."""
        cols = [r[1] for r in self.conn.execute("PRAGMA table_info(documents)")]
        if not cols:
            return
        with self.conn:
            if "title_key" not in cols:  # (a version-1 store was rebuilt with the column)
                self.conn.execute("ALTER TABLE documents ADD COLUMN title_key TEXT")
            rows = self.conn.execute(
                "SELECT id, title FROM documents WHERE title_key IS NULL AND title IS NOT NULL"
            ).fetchall()
            self.conn.executemany(
                "UPDATE documents SET title_key = ? WHERE id = ?",
                [(name_key(title) if title else None, doc_id) for doc_id, title in rows],
            )

    def _add_folded_notes(self) -> None:
        """Version 3 searches the notes: each gets its folded text."""
        cols = [r[1] for r in self.conn.execute("PRAGMA table_info(annotations)")]
        if not cols or "folded" in cols:
            return
        with self.conn:
            self.conn.execute("ALTER TABLE annotations ADD COLUMN folded TEXT NOT NULL DEFAULT ''")
            rows = self.conn.execute("SELECT rowid, text FROM annotations").fetchall()
            self.conn.executemany(
                "UPDATE annotations SET folded = ? WHERE rowid = ?",
                [(fold(text), rowid) for rowid, text in rows],
            )

    def _migrate_identity(self) -> None:
        """Version 1 made the số ký hiệu unique, so a second province's decision replaced
        the first: the documents table is rebuilt without that constraint, each row given
        its identity."""
        cols = [r[1] for r in self.conn.execute("PRAGMA table_info(documents)")]
        if not cols or "identity" in cols:
            return
        self.conn.execute("PRAGMA foreign_keys=OFF")
        try:
            with self.conn:
                self.conn.execute("ALTER TABLE documents RENAME TO documents_v1")
                ddl = resources.files("schema").joinpath("store.sql").read_text(encoding="utf-8")
                create = ddl[ddl.index("CREATE TABLE IF NOT EXISTS documents") :]
                self.conn.execute(create[: create.index(");") + 2])
                names = ", ".join(cols)
                self.conn.execute(
                    f"INSERT INTO documents ({names}) SELECT {names} FROM documents_v1"
                )
                self.conn.execute("DROP TABLE documents_v1")
                for doc_id, md_json in self.conn.execute(
                    "SELECT id, metadata_json FROM documents"
                ).fetchall():
                    identity = document_identity(metadata_from_json(json.loads(md_json)))
                    self.conn.execute(
                        "UPDATE OR IGNORE documents SET identity = ? WHERE id = ?",
                        (identity, doc_id),
                    )
        finally:
            self.conn.execute("PRAGMA foreign_keys=ON")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction however deep the calls nest: a document and the links it
        changes are committed together, so a reader never sees one without the other."""
        outer = self._depth == 0
        savepoint = f"lexvn_{self._depth}"
        if outer and not self.conn.in_transaction:
            self.conn.execute("BEGIN")
        elif not outer:  # an inner failure undoes its own writes, the rest stands
            self.conn.execute(f"SAVEPOINT {savepoint}")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if outer:
                self.conn.rollback()
            else:
                self.conn.execute(f"ROLLBACK TO {savepoint}")
                self.conn.execute(f"RELEASE {savepoint}")
            raise
        self._depth -= 1
        if outer:
            self.conn.commit()
        else:
            self.conn.execute(f"RELEASE {savepoint}")

    def data_version(self) -> int:
        return data_version(self.conn)

    def _partial_copy(self, doc_id: str, doc: Document) -> bool:
        """The stored copy is one gazette issue's part of the document ("(Xem tiếp Công báo
        số 715 + 716)") and `doc` is a whole copy: the whole one takes its place."""
        if any(i.code == _PARTIAL for i in doc.issues):
            return False
        row = self.conn.execute(
            "SELECT 1 FROM issues WHERE doc_id = ? AND code = ? LIMIT 1", (doc_id, _PARTIAL)
        ).fetchone()
        return row is not None

    def full_text_keys(self) -> set[str]:
        """The số ký hiệu keys of the documents stored as full texts, not only through the
        Bộ pháp điển's articles: those whose amendments LexVN can apply."""
        return {
            r[0]
            for r in self.conn.execute(
                "SELECT number_key FROM documents WHERE source_format != ? "
                "AND number_key IS NOT NULL",
                (CODIFIED_ONLY,),
            )
        }

    def _codified_only(self, key: str, doc: Document) -> sqlite3.Row | None:
        """The document with this number as LexVN knows it only through the Bộ pháp điển
        (ingest/codification/official_documents.py), when `doc` is a full text of it."""
        if doc.source_format == CODIFIED_ONLY:
            return None
        return self.conn.execute(
            "SELECT id, source_path, source_hash FROM documents WHERE number_key = ? "
            "AND source_format = ?",
            (key, CODIFIED_ONLY),
        ).fetchone()

    # -- writing ---------------------------------------------------------------------------
    def put(self, doc: Document, indexers: Iterable[Indexer] = (), replace: bool = False) -> str:
        """Store a document; what it did, in words: "stored", "replaced" (the same document
        again, from the same source, or `replace`), "stored beside X" (another document with
        the same URL key). Another copy of a stored document from another source raises
        DuplicateDocument: a document never silently deletes another. Indexers update their
        index in the same transaction: store and index never differ."""
        md = doc.metadata
        key = number_key(md.number) if md.number else None
        identity = document_identity(md)
        same = self.conn.execute(
            "SELECT id, source_path, source_hash FROM documents WHERE identity = ?", (identity,)
        ).fetchone()
        if same is None and key:
            # a copy that lost its date (one gazette issue of a law without its adoption
            # line, a Word text whose header did not read) is the document with that number
            # (and issuer, for a code many bodies share), when just one has it
            issuer = re.sub(r"[^a-z0-9]", "", fold(md.issuer or "").lower())
            stems = {f"{key}|{issuer}|"}
            if not _SHARED_CODES.search(md.number.upper()):
                stems.add(f"{key}||")  # a dated copy of a code one body uses has no issuer
            undated = [
                row
                for stem in stems
                for row in self.conn.execute(
                    # a range over the identity index, not a scan of every document
                    "SELECT id, source_path, source_hash FROM documents WHERE "
                    "identity >= ? AND identity < ? AND (issued IS NULL) != (? IS NULL)",
                    (stem, stem + "\U0010ffff", _iso(md.issued)),
                )
            ]
            same = undated[0] if len(undated) == 1 else None
        codified = self._codified_only(key, doc) if key else None
        if codified is not None and (same is None or same["id"] == codified["id"]):
            same = codified  # the full text takes the place of the pháp điển's articles
        if same is not None:
            from_same_source = doc.source_path in (same["source_path"], "") or (
                doc.source_hash and doc.source_hash == same["source_hash"]
            )
            partial = not (from_same_source or replace) and (
                same is codified or self._partial_copy(same["id"], doc)
            )
            if not (from_same_source or replace or partial):
                raise DuplicateDocument(
                    f"{md.doc_type or 'văn bản'} {md.number or md.title or ''} "
                    f"({md.issuer or '?'}, {_iso(md.issued) or '?'}) is already stored as "
                    f"{same['id']} from {same['source_path']}; ingest with --replace to replace it"
                )
            doc.id, outcome = same["id"], "replaced"
            if partial:
                outcome = f"replaced the incomplete copy from {same['source_path']}"
        else:
            outcome = "stored"
            taken = self.conn.execute("SELECT id FROM documents WHERE id = ?", (doc.id,)).fetchone()
            if taken is not None:
                doc.id = self._free_id(doc.id, md)
                outcome = f"stored beside {taken['id']} (same số ký hiệu, another document)"
        rows = list(_unit_rows(doc))
        indexers = list(indexers)
        old = self.get(doc.id) if indexers and same is not None else None
        with self.transaction():  # all or nothing
            for indexer in indexers:
                indexer.replace(self.conn, old, doc)
            self.conn.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
            self.conn.execute(
                "INSERT INTO documents (id, number, number_key, identity, doc_type, issuer, place,"
                " issued, effective, title, signer, signer_title, metadata_json, preamble_json,"
                " closing_json, source_path, source_hash, source_format, text_chars,"
                " ingested_at, title_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc.id,
                    md.number,
                    key,
                    identity,
                    md.doc_type,
                    md.issuer,
                    md.place,
                    _iso(md.issued),
                    _iso(md.effective),
                    md.title,
                    md.signer,
                    md.signer_title,
                    json.dumps(to_jsonable(md), ensure_ascii=False),
                    json.dumps(doc.preamble, ensure_ascii=False),
                    json.dumps(doc.closing, ensure_ascii=False),
                    doc.source_path,
                    doc.source_hash,
                    doc.source_format,
                    doc.text_chars,
                    self.clock(),
                    name_key(md.title) if md.title else None,
                ),
            )
            self.conn.executemany(
                "INSERT INTO units (doc_id, id, seq, parent_id, depth, type, number, label,"
                " citation, heading, text, tail, line) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                rows,
            )
            self.conn.executemany(
                "INSERT INTO issues (doc_id, severity, code, message, line, unit_id)"
                " VALUES (?,?,?,?,?,?)",
                [(doc.id, i.severity, i.code, i.message, i.line, i.unit_id) for i in doc.issues],
            )
            self.conn.executemany(
                "INSERT INTO annotations (doc_id, unit_id, kind, text, line, folded)"
                " VALUES (?,?,?,?,?,?)",
                [
                    (doc.id, a.unit_id, a.kind, a.text, a.line, fold(a.text))
                    for a in doc.annotations
                ],
            )
        return outcome

    def _free_id(self, base: str, md: Metadata) -> str:
        """The URL key of a document whose number another stored document has: the issuer
        is added ("1397-QD-UBND-2021-uy-ban-nhan-dan-tinh-binh-dinh"), then a counter."""
        slug = re.sub(r"[^a-z0-9]+", "-", fold(md.issuer or "").lower()).strip("-")
        candidates = [f"{base}-{slug}"] if slug else []
        candidates += [f"{base}-{n}" for n in range(2, 1000)]
        for candidate in candidates:
            if not self.conn.execute(
                "SELECT 1 FROM documents WHERE id = ?", (candidate,)
            ).fetchone():
                return candidate
        raise StoreError(f"no free id for {base}")

    # -- reading ---------------------------------------------------------------------------
    def resolve(self, ref: str) -> str | None:
        """A document id from a số ký hiệu ("45/2019/QH14", "214/2025/ND-CP") or an id."""
        exact = self.conn.execute("SELECT id FROM documents WHERE id = ?", (ref,)).fetchone()
        if exact is not None:  # by the primary key: the other forms scan every document
            return exact["id"]
        row = self.conn.execute(
            "SELECT id FROM documents WHERE id = ? OR upper(id) = upper(?) OR number_key = ?"
            " ORDER BY id = ? DESC, upper(id) = upper(?) DESC, issued DESC, id",
            (ref, ref, number_key(ref), ref, ref),
        ).fetchone()
        return row["id"] if row else None

    def list_documents(self) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT d.*, (SELECT count(*) FROM units u WHERE u.doc_id = d.id) AS unit_count "
            "FROM documents d ORDER BY issued, id"
        ).fetchall()

    def names(self) -> dict[str, sqlite3.Row]:
        """Every stored document's type, số ký hiệu and title, by id: what pages and notes
        need to name the documents they mention."""
        return {
            r["id"]: r
            for r in self.conn.execute("SELECT id, doc_type, number, title FROM documents")
        }

    def get(self, ref: str) -> Document | None:
        doc_id = self.resolve(ref)
        if doc_id is None:
            return None
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        units: dict[str, Unit] = {}
        roots: list[Unit] = []
        rows = self.conn.execute(  # by position: a large code has tens of thousands
            "SELECT type, number, id, heading, text, tail, line, label, parent_id FROM units "
            "WHERE doc_id = ? ORDER BY seq",
            (doc_id,),
        )
        for kind, number, unit_id, heading, text, tail, line, label, parent_id in rows:
            unit = Unit(
                type=kind,
                number=number,
                id=unit_id,
                heading=heading,
                text=_lines(text),
                tail=_lines(tail),
                line=line or 0,
                label=label,
            )
            units[unit_id] = unit
            parent = units.get(parent_id) if parent_id else None
            (parent.children if parent else roots).append(unit)
        issues = [
            Issue(r["severity"], r["code"], r["message"], r["line"], r["unit_id"])
            for r in self.conn.execute("SELECT * FROM issues WHERE doc_id = ?", (doc_id,))
        ]
        notes = [
            Annotation(r["kind"], r["text"], r["unit_id"], r["line"])
            for r in self.conn.execute(
                "SELECT * FROM annotations WHERE doc_id = ? ORDER BY rowid", (doc_id,)
            )
        ]
        return Document(
            id=doc_id,
            annotations=notes,
            metadata=metadata_from_json(json.loads(row["metadata_json"])),
            units=roots,
            preamble=json.loads(row["preamble_json"]),
            closing=json.loads(row["closing_json"]),
            issues=issues,
            source_path=row["source_path"],
            source_hash=row["source_hash"],
            source_format=row["source_format"],
            text_chars=row["text_chars"],
        )

    def counts(self) -> dict[str, int]:
        one = self.conn.execute
        return {
            "documents": one("SELECT count(*) FROM documents").fetchone()[0],
            "units": one("SELECT count(*) FROM units").fetchone()[0],
            "dieu": one("SELECT count(*) FROM units WHERE type = 'dieu'").fetchone()[0],
            "warnings": one("SELECT count(*) FROM issues WHERE severity = 'warning'").fetchone()[0],
        }


def _unit_rows(doc: Document):
    """The units' rows in document order (`seq`). A stack, not a recursive helper nested
    here, which is a cycle through its own closure (lexvn/collector.py)."""
    todo = [[root] for root in reversed(doc.units)]
    seq = 0
    while todo:
        here = todo.pop()
        unit = here[-1]
        seq += 1
        yield (
            doc.id,
            unit.id,
            seq,
            here[-2].id if len(here) > 1 else None,
            len(here) - 1,
            unit.type,
            unit.number,
            unit.label,
            citation_label(here),
            unit.heading,
            "\n".join(unit.text),
            "\n".join(unit.tail),
            unit.line,
        )
        todo.extend(here + [child] for child in reversed(unit.children))


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else []


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _citation(d: dict) -> Citation:
    return Citation(
        text=d["text"],
        doc_type=d.get("doc_type"),
        number=d.get("number"),
        name=d.get("name"),
        issued=_date(d.get("issued")),
    )


def metadata_from_json(d: dict) -> Metadata:
    known = Metadata.__dataclass_fields__
    md = Metadata(**{k: v for k, v in d.items() if k in known and k not in ("can_cu", "relations")})
    md.issued, md.effective = _date(d.get("issued")), _date(d.get("effective"))
    md.can_cu = [_citation(c) for c in d.get("can_cu", [])]
    md.relations = [
        Relation(r["kind"], _citation(r["target"]), r.get("partial", False), r.get("line"))
        for r in d.get("relations", [])
    ]
    return md
