"""Citations, relations (lược đồ), unit effective dates and amendment operations of the
stored documents, recomputed after each ingest for the documents it can affect, so the
order documents arrive in does not matter: a citation of a law that arrives later
resolves when it arrives."""

from __future__ import annotations

import itertools
import json
import re
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from ingest.consolidation.instructions import parse_instructions
from ingest.links.catalogue import Catalogue, DocumentMemory
from ingest.links.citations import extract
from ingest.links.resolve import (
    DOC_NOT_IN_DB,
    IN_PAYLOAD,
    INSERTED,
    INSTRUCTION,
    RESOLVED,
    UNIT_NOT_FOUND,
    CitationRow,
    citations,
)
from ingest.parse.dates import find_date
from ingest.store import Store, name_key, written_key
from schema.model import CODIFIED_ONLY, DIEU, Document, Unit

_SUSPENDS = re.compile(r"^(Đình chỉ|Ngưng hiệu lực|Tạm ngưng)", re.IGNORECASE)
_DETAILS = re.compile(r"(quy định chi tiết|hướng dẫn)", re.IGNORECASE)
_EFFECTIVE = re.compile(r"có hiệu lực(?:\s+thi hành)?\s+(?:kể\s+)?từ\s+ngày", re.IGNORECASE)


@dataclass
class RelationRow:
    src_doc_id: str
    src_unit_id: str | None
    kind: str
    dst_doc_id: str | None
    dst_unit_id: str | None
    dst_written: str
    effective: str | None
    text: str = ""
    partial: bool = False


def _hieu_luc_articles(doc: Document) -> list[Unit]:
    return [
        u
        for u in doc.walk()
        if u.type == DIEU
        and not u.id.startswith("phu_luc")
        and re.search(r"hiệu lực|thi hành", u.heading, re.IGNORECASE)
    ]


def unit_effective_dates(doc: Document, rows: list[CitationRow]) -> list[tuple[str, str, str]]:
    """(unit id, ISO date, sentence) for units the document's hiệu lực article dates apart:
    "Quy định tại điểm a khoản 19 và khoản 20 Điều 1 … có hiệu lực thi hành từ ngày 01
    tháng 7 năm 2025"."""
    out = []
    hieu_luc = _hieu_luc_articles(doc)  # a walk of the whole document: once
    articles = {a.id for a in hieu_luc}
    units = {u.id: u for a in hieu_luc for u in a.walk()}
    in_article = units.keys()
    for row in rows:
        if row.unit_id not in in_article or row.target_doc_id != doc.id or not row.target_unit_id:
            continue
        unit = units[row.unit_id]
        text = (unit.text + unit.tail)[row.paragraph]
        m = _EFFECTIVE.search(text, row.start)
        if m is None or row.target_unit_id in articles:
            continue
        when = find_date(text[m.start() :])
        if when and text.rfind(".", row.start, m.start()) == -1:
            out.append((row.target_unit_id, when.isoformat(), text))
    return out


def relations(
    doc: Document, rows: list[CitationRow], cat: Catalogue, unit_dates: dict[str, str]
) -> list[RelationRow]:
    md = doc.metadata
    lookup = cat.lookup_for(doc)
    effective = md.effective.isoformat() if md.effective else None
    out: list[RelationRow] = []
    for c in md.can_cu:
        written = c.number or c.name or c.text
        out.append(
            RelationRow(
                doc.id,
                None,
                "can_cu",
                lookup(c.number, c.name),
                None,
                written,
                effective,
                c.text,
            )
        )
    for r in md.relations:
        written = r.target.number or r.target.name or r.target.text
        out.append(
            RelationRow(
                doc.id,
                None,
                r.kind,
                lookup(r.target.number, r.target.name),
                None,
                written,
                effective,
                r.target.text[:300],
                r.partial,
            )
        )
    if md.title and _DETAILS.search(md.title):
        for ref in extract(
            md.title[md.title.lower().find("luật") :] if "luật" in md.title.lower() else ""
        ):
            if ref.doc and not ref.doc.this:
                written = ref.doc.number or ref.doc.name or ""
                out.append(
                    RelationRow(
                        doc.id,
                        None,
                        "quy_dinh_chi_tiet",
                        lookup(ref.doc.number, ref.doc.name),
                        None,
                        written,
                        effective,
                        md.title,
                    )
                )
                break
    units = {u.id: u for u in doc.walk()}
    detailed = {r.dst_doc_id for r in out if r.kind == "quy_dinh_chi_tiet" and r.dst_doc_id}
    scope_article = next((a for a in doc.articles() if "phạm vi" in a.heading.lower()), None)
    scope_units = {u.id for u in scope_article.walk()} if scope_article else set()
    for article in doc.articles():  # "Điều 4. Sửa đổi, bổ sung một số điều của Luật Đấu thầu"
        if INSTRUCTION.match(article.heading):
            for ref in extract(article.heading):
                if ref.doc and not ref.doc.this:
                    out.append(
                        RelationRow(
                            doc.id,
                            article.id,
                            "sua_doi_bo_sung",
                            lookup(ref.doc.number, ref.doc.name),
                            None,
                            ref.doc.number or ref.doc.name or "",
                            effective,
                            article.heading,
                        )
                    )
    for row in rows:
        if row.status in (IN_PAYLOAD,) or row.target_doc_id == doc.id:
            continue
        unit = units.get(row.unit_id) if row.unit_id else None
        first = (unit.text[:1] or [""])[0] if unit else ""
        when = _unit_date(doc, row.unit_id, unit_dates) or effective
        if (
            unit is not None
            and doc.source_format != CODIFIED_ONLY  # the text as amended, not instructions
            and row.paragraph == 0
            and (INSTRUCTION.match(first) or _AMENDS_IN_WORDS.match(first))
            and (row.target_unit_id or row.missing_id)  # or a unit an earlier law inserted
        ):
            kind = (
                "bai_bo"
                if first.lower().startswith("bãi bỏ")
                else "dinh_chi"
                if _SUSPENDS.match(first)
                else "sua_doi_bo_sung"
            )
            out.append(
                RelationRow(
                    doc.id,
                    row.unit_id,
                    kind,
                    row.target_doc_id,
                    row.target_unit_id or row.missing_id,
                    row.text,
                    when,
                    first[:300],
                )
            )
        elif row.unit_id in scope_units and row.target_doc_id in detailed and row.target_unit_id:
            out.append(
                RelationRow(
                    doc.id,
                    row.unit_id,
                    "quy_dinh_chi_tiet",
                    row.target_doc_id,
                    row.target_unit_id,
                    row.text,
                    effective,
                    "",
                )
            )
    return out


def _unit_date(doc: Document, unit_id: str | None, unit_dates: dict[str, str]) -> str | None:
    """A unit's own effective date, inherited from the nearest dated ancestor."""
    while unit_id:
        if unit_id in unit_dates:
            return unit_dates[unit_id]
        unit_id = unit_id.rsplit("__", 1)[0] if "__" in unit_id else None
    return None


_TABLES = (  # what refresh_links writes, and the column naming the document it belongs to
    ("citations", "doc_id"),
    ("relations", "src_doc_id"),
    ("unit_effective", "doc_id"),
    ("amendments", "src_doc_id"),
)


def _resolves_to(cat: Catalogue, written: str, src: str) -> str | None:
    """What a target written as a số ký hiệu or a name resolves to now, read as the text
    of `src` reads it (only what existed at its date)."""
    before = cat.issued(src)
    return cat.lookup(written, None) or cat.lookup(None, written, before)


def affected(store: Store, cat: Catalogue, changed: set[str]) -> set[str]:
    """Documents whose links may differ after `changed` were stored (or removed): those,
    the documents whose citations or relations point into them, and any whose written
    targets now resolve elsewhere (a number now stored, a newer law of the same name).
    Only rows that name a changed document, by id or by its number's or name's key, are
    read (all indexed): the cost is what the change touches, not what the store holds."""
    stored = set(cat.metadata)
    todo = set(changed) & stored
    ids = json.dumps(sorted(changed))
    keys: set[str] = set()
    for number, title, doc_type in store.conn.execute(
        "SELECT number_key, title, doc_type FROM documents WHERE id IN (SELECT value FROM "
        "json_each(?))",
        (ids,),
    ):
        keys |= {k for k in (number, title and name_key(title)) if k}
        if doc_type == "Hiến pháp":
            keys.add("hien phap")
    args = (ids, json.dumps(sorted(keys)))
    changed_or_keyed = "IN (SELECT value FROM json_each(?))"
    conn = store.conn
    for src, written, target in itertools.chain(
        conn.execute(  # citations of the amended text are never resolved: never affected
            f"SELECT DISTINCT doc_id, target_doc, target_doc_id FROM citations WHERE status != ? "
            f"AND (target_doc_id {changed_or_keyed} OR target_key {changed_or_keyed})",
            (IN_PAYLOAD, *args),
        ),
        conn.execute(
            f"SELECT DISTINCT src_doc_id, dst_written, dst_doc_id FROM relations "
            f"WHERE dst_doc_id {changed_or_keyed} OR dst_key {changed_or_keyed}",
            args,
        ),
        conn.execute(
            f"SELECT DISTINCT src_doc_id, NULL, base_doc_id FROM amendments "
            f"WHERE base_doc_id {changed_or_keyed}",
            args[:1],
        ),
    ):
        if src in todo or src not in stored:
            continue
        if target is not None and (target in changed or target not in stored):
            todo.add(src)
        elif written and (now := _resolves_to(cat, written, src)) is not None and now != target:
            todo.add(src)
    return todo


class _Stopwatch:
    """Seconds spent in each stage, added into `timings` (the ingest benchmark's shares)."""

    def __init__(self, timings: dict[str, float]):
        self.timings, self.last = timings, time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now


# an amendment in words no instruction has, still of a unit: "Sửa đổi mức xử phạt vi phạm
# hành chính tối đa trong lĩnh vực … quy định tại điểm đ khoản 1 Điều 24 của Luật Xử lý vi
# phạm hành chính số 15/2012/QH13 như sau: …" (Luật Thủy sản 18/2017/QH14, Điều 105)
_AMENDS_IN_WORDS = re.compile(r"^(?:Sửa đổi|Bổ sung|Bãi bỏ|Thay thế)\b.*\bquy định tại\b")


def refresh_links(
    store: Store,
    changed: Iterable[str] | None = None,
    timings: dict[str, float] | None = None,
    documents: Iterable[Document] = (),
    count: bool = True,
    memory: DocumentMemory | None = None,
) -> dict[str, int]:
    """Recompute citations, relations, unit dates and amendment operations: of every stored
    document, or (given the ids just stored) of the documents that can be affected. Both
    give the same tables (tested); the second costs what changed, not the whole store.
    The counts returned (`count`) are the whole store's: a scan, which a bulk ingest skips.
    A bulk ingest's `memory` holds documents read or stored for an earlier batch."""
    timings = {} if timings is None else timings
    changed = None if changed is None else set(changed)
    clock = _Stopwatch(timings)
    cat = Catalogue.from_store(store, memory)
    cat.known(documents)  # just stored, still in memory: not read back
    stored = set(cat.metadata)
    todo = stored if changed is None else affected(store, cat, changed)
    docs = {i: cat.document(i) for i in sorted(todo)}
    clock.lap("links: what changed")
    all_rows: list[CitationRow] = []
    all_rel: list[RelationRow] = []
    all_dates: list[tuple[str, str, str, str]] = []
    for doc in docs.values():
        rows = list(citations(doc, cat.lookup_for(doc), cat.index))
        dates = unit_effective_dates(doc, rows)
        all_rows += rows
        all_dates += [(doc.id, u, d, t) for u, d, t in dates]
        all_rel += relations(doc, rows, cat, {u: d for u, d, _ in dates})
    clock.lap("links: citations")
    amendments = []
    for doc in docs.values():
        bases = {
            r.dst_doc_id
            for r in all_rel
            if r.src_doc_id == doc.id
            and r.dst_doc_id
            and r.dst_doc_id != doc.id
            and r.kind in ("sua_doi_bo_sung", "bai_bo")
        }
        dates = {u: d for i, u, d, _ in all_dates if i == doc.id}
        effective = doc.metadata.effective.isoformat() if doc.metadata.effective else None
        for base_id in sorted(bases):
            ops = parse_instructions(
                doc, cat.document(base_id), effective, dates, lookup=cat.lookup_for(doc)
            )
            amendments += [
                (doc.id, op.source_unit, base_id, n, json.dumps(asdict(op), ensure_ascii=False))
                for n, op in enumerate(ops)
            ]
    clock.lap("links: amendments")
    conn = store.conn
    with store.transaction():
        if todo == stored:
            for table, _ in _TABLES:
                conn.execute(f"DELETE FROM {table}")
        else:  # the rows of the documents recomputed, by index (a removed document's
            # rows went with it: ON DELETE CASCADE)
            ids = json.dumps(sorted(todo | (changed - stored)))
            for table, column in _TABLES:
                conn.execute(
                    f"DELETE FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))",
                    (ids,),
                )
        conn.executemany("INSERT INTO amendments VALUES (?,?,?,?,?)", amendments)
        conn.executemany(
            "INSERT INTO citations VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    r.doc_id,
                    r.unit_id,
                    r.paragraph,
                    r.start,
                    r.text,
                    r.target_doc,
                    r.target_doc_id,
                    r.target_unit_id,
                    r.status,
                    r.reason,
                    written_key(r.target_doc),
                )
                for r in all_rows
            ],
        )
        conn.executemany(
            "INSERT INTO relations VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    r.src_doc_id,
                    r.src_unit_id,
                    r.kind,
                    r.dst_doc_id,
                    r.dst_unit_id,
                    r.dst_written,
                    r.effective,
                    int(r.partial),
                    r.text,
                    written_key(r.dst_written),
                )
                for r in all_rel
            ],
        )
        conn.executemany("INSERT INTO unit_effective VALUES (?,?,?,?)", all_dates)
    clock.lap("links: write")
    counts = link_counts(store) if count else {}
    counts["recomputed"] = len(todo)
    return counts


def link_counts(store: Store, doc_ids: Iterable[str] | None = None) -> dict[str, int]:
    """Citations by status, relations and amendments: of the whole store (a scan of the
    links tables), or of the documents named (by index)."""
    conn = store.conn
    where, args = "", ()
    if doc_ids is not None:
        where, args = " WHERE {} IN (SELECT value FROM json_each(?))", (json.dumps(list(doc_ids)),)
    by_status = dict(
        conn.execute(
            f"SELECT status, count(*) FROM citations{where.format('doc_id')} GROUP BY status", args
        )
    )
    statuses = (RESOLVED, DOC_NOT_IN_DB, UNIT_NOT_FOUND, INSERTED, IN_PAYLOAD)
    counts = {s: by_status.get(s, 0) for s in statuses}
    for table in ("relations", "amendments"):
        sql = f"SELECT count(*) FROM {table}{where.format('src_doc_id')}"
        counts[table] = conn.execute(sql, args).fetchone()[0]
    return counts
