"""Pháp điển: the provisions in force arranged by đề mục, each article numbered the way the
Bộ pháp điển numbers it, with its source note, its text as consolidated on a date, and the
articles of decrees and circulars that detail it placed under it.

Numbering (docs/codification.md): "Điều <chủ đề>.<đề mục>.<code>.<n>." where code is the
type of the source document (LQ for a law or code, NĐ, TT, …) followed, except for the first
law of the đề mục, by the document's rank among those of its type in the đề mục (by date),
and n is the article's own number: Điều 20.2.LQ.12. is Điều 12 of Bộ luật Lao động in đề mục
20.2; Điều 20.2.NĐ.2.1. is Điều 1 of the second decree of that đề mục.

Order inside a đề mục: by legal force, then document (date, number), then article; an
article of a lower document that details an article of a higher one (it cites it, or bears
the same general title: phạm vi điều chỉnh, đối tượng áp dụng, giải thích từ ngữ) sits
under that article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ingest.consolidation.apply import REPEALED, consolidate
from ingest.consolidation.versions import operations
from ingest.links.validity import EXPIRED, NOT_YET, document_status
from ingest.parse.text import fold
from ingest.store import Store
from schema.model import (
    CHUONG,
    DIEU,
    LEGAL_FORCE,
    MUC,
    PHAN,
    Document,
    Metadata,
    Unit,
    label_from_id,
)
from schema.phapdien import PhapDienCatalogue, load_catalogue

_GENERAL_TITLES = ("pham vi dieu chinh", "doi tuong ap dung", "giai thich tu ngu")
_AMENDING_TITLE = re.compile(r"^(?:Luật|Nghị định|Thông tư|Nghị quyết)\s+sửa đổi", re.IGNORECASE)


@dataclass
class Assignment:
    by_de_muc: dict[str, list[str]]  # đề mục -> document ids
    unassigned: list[dict]  # {doc_id, title, reason}
    how: dict[str, str]  # doc id -> "override" | "rule: …"


def assign(
    metadata: dict[str, Metadata],
    overrides: dict[str, str] | None = None,
    catalogue: PhapDienCatalogue | None = None,
) -> Assignment:
    """Which đề mục each document belongs to: an editor's override, else the rules on its
    title. Documents not codified are listed with the reason, never dropped."""
    cat = catalogue or load_catalogue()
    overrides = overrides or {}
    out = Assignment({}, [], {})
    for doc_id, md in sorted(metadata.items()):
        title = md.title or doc_id
        if doc_id in overrides:
            target = overrides[doc_id]
            if target:
                out.by_de_muc.setdefault(target, []).append(doc_id)
                out.how[doc_id] = "override"
            else:
                out.unassigned.append(_left(doc_id, title, "biên tập viên loại khỏi pháp điển"))
            continue
        reason = _not_codified(md, cat)
        if reason:
            out.unassigned.append(_left(doc_id, title, reason))
            continue
        folded = fold(title).lower()
        rule = next(((w, d) for w, d in cat.rules if w in folded), None)
        if rule is None:
            out.unassigned.append(_left(doc_id, title, "chưa xác định được đề mục"))
            continue
        out.by_de_muc.setdefault(rule[1], []).append(doc_id)
        out.how[doc_id] = f"rule: “{rule[0]}” in the title"
    return out


def _left(doc_id: str, title: str, reason: str) -> dict:
    return {"doc_id": doc_id, "title": title, "reason": reason}


def _not_codified(md: Metadata, cat: PhapDienCatalogue) -> str | None:
    if md.doc_type in cat.not_codified:
        return cat.not_codified[md.doc_type]
    if md.title and _AMENDING_TITLE.match(md.title):
        return "văn bản sửa đổi, bổ sung: nội dung được hợp nhất vào văn bản được sửa đổi"
    if not (md.number and re.match(r"^\d+/\d{4}/", md.number)):
        return "văn bản cá biệt (số ký hiệu không có năm): không chứa quy phạm pháp luật"
    return None


# -- the tree of one đề mục ------------------------------------------------------------------


@dataclass
class Node:
    type: str  # chu_de | de_muc | chuong | muc | dieu
    id: str
    title: str
    children: list[Node] = field(default_factory=list)
    # for articles
    code: str = ""
    doc_id: str = ""
    unit_id: str = ""
    text: list[str] = field(default_factory=list)
    note: str = ""
    amended_by: list[str] = field(default_factory=list)
    guidance: list[Node] = field(default_factory=list)

    def to_json(self) -> dict:
        out: dict = {"type": self.type, "id": self.id, "title": self.title}
        if self.type == DIEU:
            out.update(
                code=self.code,
                doc_id=self.doc_id,
                unit_id=self.unit_id,
                text=self.text,
                note=self.note,
                amended_by=self.amended_by,
                guidance=[g.to_json() for g in self.guidance],
            )
        else:
            out["children"] = [c.to_json() for c in self.children]
        return out

    def articles(self):
        if self.type == DIEU:
            yield self
            for g in self.guidance:
                yield from g.articles()
        for c in self.children:
            yield from c.articles()


@dataclass
class _Source:
    doc: Document  # as consolidated on the date
    notes: dict[str, list]  # unit id -> the operations applied to it
    prefix: str  # "Điều 20.2.NĐ.2."
    names: dict[str, tuple[str, str]]  # any stored doc id -> (type, số ký hiệu), for notes
    first_note: bool = True


def build_de_muc(store: Store, de_muc: str, at: date, assignment: Assignment) -> tuple[Node, dict]:
    """The đề mục as a tree, and what was left out (documents not in force, repealed
    articles)."""
    cat = load_catalogue()
    dm = cat.de_muc[de_muc]
    conn = store.conn
    excluded: dict[str, list] = {"documents": [], "articles": []}
    docs: list[str] = []
    for doc_id in assignment.by_de_muc.get(de_muc, []):
        status = document_status(conn, doc_id, at)
        if status.status in (EXPIRED, NOT_YET):
            excluded["documents"].append({"doc_id": doc_id, "status": status.status})
        else:
            docs.append(doc_id)
    meta = {i: store.get(i) for i in docs}
    docs.sort(
        key=lambda i: (
            -LEGAL_FORCE.get(meta[i].metadata.doc_type or "", 1),
            meta[i].metadata.issued or date.min,
            meta[i].metadata.number or i,
        )
    )
    names = {i: (r["doc_type"] or "Văn bản", r["number"] or i) for i, r in store.names().items()}
    sources = _sources(conn, meta, docs, de_muc, at, cat, names)
    root = Node("de_muc", dm.so, dm.ten)
    if not docs:
        return root, excluded
    principal = sources[docs[0]]
    placed: dict[tuple[str, str], Node] = {}  # (doc, article id) -> its node
    for unit in principal.doc.units:
        node = _outline(unit, principal, placed, excluded)
        if node is not None:
            root.children.append(node)
    titles = {fold(n.title).lower(): n for (d, _), n in placed.items() if d == docs[0] and n.title}
    for doc_id in docs[1:]:
        source = sources[doc_id]
        rest: list[Node] = []
        for article in source.doc.articles():
            node = _article(article, source, excluded)
            if node is None:
                continue
            placed[(doc_id, article.id)] = node
            parent = _detailed(conn, doc_id, article, placed, titles, docs)
            (parent.guidance if parent is not None else rest).append(node)
        if rest:
            md = source.doc.metadata
            root.children.append(
                Node("chuong", f"{doc_id}__khac", f"Quy định khác của {md.title} {md.number}", rest)
            )
    return root, excluded


def _sources(conn, meta, docs, de_muc, at, cat, names) -> dict[str, _Source]:
    out: dict[str, _Source] = {}
    seen: dict[str, int] = {}
    for position, doc_id in enumerate(docs):
        base = meta[doc_id]
        code = cat.type_codes.get(base.metadata.doc_type or "", "VB")
        seen[code] = seen.get(code, 0) + 1
        rank = "" if (code == "LQ" and position == 0) else f"{seen[code]}."
        ops = [op for op in operations(conn, doc_id) if (op.effective or "") <= at.isoformat()]
        if ops:
            result = consolidate(base, ops, at)
            doc, notes = result.doc, result.notes
        else:
            doc, notes = base, {}
        out[doc_id] = _Source(doc, notes, f"Điều {de_muc}.{code}.{rank}", names)
    return out


def _outline(unit: Unit, source: _Source, placed, excluded) -> Node | None:
    if unit.type == DIEU:
        node = _article(unit, source, excluded)
        if node is not None:
            placed[(source.doc.id, unit.id)] = node
        return node
    if unit.type not in (PHAN, CHUONG, MUC):
        return None
    kind = "muc" if unit.type == MUC else "chuong"
    title = f"{unit.label}. {unit.heading}".strip(". ") if unit.heading else unit.label
    node = Node(kind, unit.id, title)
    for child in unit.children:
        sub = _outline(child, source, placed, excluded)
        if sub is not None:
            node.children.append(sub)
    return node if node.children else None


def _article(unit: Unit, source: _Source, excluded) -> Node | None:
    body = unit.full_text().strip()
    if body == REPEALED or not body:
        excluded["articles"].append({"doc_id": source.doc.id, "unit_id": unit.id})
        return None
    node = Node(
        DIEU,
        f"{source.doc.id}__{unit.id}",
        unit.heading,
        code=f"{source.prefix}{unit.number}.",
        doc_id=source.doc.id,
        unit_id=unit.id,
        text=body.split("\n"),
    )
    node.note, node.amended_by = _note(unit, source)
    return node


def _note(unit: Unit, source: _Source) -> tuple[str, list[str]]:
    """ "(Điều 3 Luật số 22/2023/QH15, có hiệu lực thi hành kể từ ngày 01/01/2024, có nội dung
    được sửa đổi, bổ sung bởi Điều 4 Luật số 57/2024/QH15 có hiệu lực thi hành kể từ ngày
    15/01/2025)", as the Bộ pháp điển writes it; the first article of a document also names
    its title, date and issuer."""
    md = source.doc.metadata
    kind = md.doc_type or "Văn bản"
    head = f"{unit.label} {kind} số {md.number}"
    if source.first_note:  # "Bộ luật Lao động", "Quy định chi tiết … Luật Đấu thầu …"
        issued = md.issued.strftime("%d/%m/%Y") if md.issued else ""
        title = md.title or ""
        if kind not in ("Luật", "Bộ luật"):
            title = title.removeprefix(kind).strip()
            title = title[:1].upper() + title[1:]
        head += f" {title} ngày {issued} của {md.issuer or ''}".rstrip()
        source.first_note = False
    effective = md.effective.strftime("%d/%m/%Y") if md.effective else ""
    text = f"({head}, có hiệu lực thi hành kể từ ngày {effective}"
    applied = [op for uid, ops in source.notes.items() if _within(uid, unit.id) for op in ops]
    by: dict[tuple[str, str], str | None] = {}
    for op in applied:
        article = op.source_unit.split("__")
        dieu = next((p for p in article if p.startswith("dieu_")), op.source_unit)
        prefix = op.source_unit[: op.source_unit.index(dieu) + len(dieu)]
        by.setdefault((op.source_doc, prefix), op.effective)
    parts = []
    for (doc_id, article_id), when in by.items():
        kind_of, number = source.names.get(doc_id, ("Văn bản", doc_id))
        when_text = date.fromisoformat(when).strftime("%d/%m/%Y") if when else ""
        parts.append(
            f"{label_from_id(article_id)} {kind_of} số {number} có hiệu lực thi hành "
            f"kể từ ngày {when_text}"
        )
    if parts:
        text += ", có nội dung được sửa đổi, bổ sung bởi " + "; ".join(parts)
    return text + ")", sorted({d for d, _ in by})


def _within(uid: str, article_id: str) -> bool:
    return uid == article_id or uid.startswith(article_id + "__")


def _detailed(conn, doc_id: str, article: Unit, placed, titles, docs) -> Node | None:
    """The article of a higher document this one details: the same general title, else the
    article of a higher document it cites most, weighing a shared title (directly, or
    through the decree article it cites, for a circular)."""
    folded = fold(article.heading).lower()
    if folded.startswith(_GENERAL_TITLES) and folded in titles:
        return titles[folded]
    higher = docs[: docs.index(doc_id)]
    rows = conn.execute(
        "SELECT target_doc_id, target_unit_id FROM citations WHERE doc_id = ? AND "
        "(unit_id = ? OR substr(unit_id, 1, ?) = ?) AND status = 'resolved' "
        "AND target_unit_id IS NOT NULL ORDER BY rowid",
        (doc_id, article.id, len(article.id) + 2, article.id + "__"),
    ).fetchall()
    scores: dict[tuple[str, str], float] = {}
    words = set(folded.split())
    for position, (target_doc, target_unit) in enumerate(rows):
        if target_doc not in higher:
            continue
        key = (target_doc, _article_id(target_unit))
        node = placed.get(key)
        if node is None:
            continue
        if key not in scores:  # shared title words weigh most; earlier citations break ties
            theirs = set(fold(node.title).lower().split())
            overlap = len(words & theirs) / max(1, len(words | theirs))
            scores[key] = 3 * overlap - position / 1000
        scores[key] += 1
    if not scores:
        return None
    best = max(scores, key=scores.get)
    return _top(placed[best], placed)


def _article_id(unit_id: str) -> str:
    parts = unit_id.split("__")
    for i, p in enumerate(parts):
        if p.startswith("dieu_"):
            return "__".join(parts[: i + 1])
    return unit_id


def _top(node: Node, placed) -> Node:
    """A decree article placed under a law article: a circular detailing it goes under the
    same law article (the Bộ pháp điển keeps one level of guidance)."""
    for other in placed.values():
        if node in other.guidance:
            return other
    return node


# -- the whole catalogue, with the store's documents ---------------------------------------


def overrides(conn) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT doc_id, de_muc FROM codification_overrides")}


def set_override(store: Store, doc_id: str, de_muc: str, note: str = "") -> None:
    """An editor's assignment of a document to a đề mục ("" leaves it out)."""
    from datetime import UTC, datetime

    if de_muc and de_muc not in load_catalogue().de_muc:
        raise KeyError(f"no đề mục {de_muc} in schema/phapdien.json")
    with store.conn:
        store.conn.execute(
            "INSERT OR REPLACE INTO codification_overrides VALUES (?,?,?,?)",
            (doc_id, de_muc, note, datetime.now(UTC).isoformat(timespec="seconds")),
        )


def store_assignment(store: Store) -> Assignment:
    from ingest.links.catalogue import Catalogue

    return assign(Catalogue.from_store(store).metadata, overrides(store.conn))


def catalogue_tree(store: Store) -> dict:
    """Chủ đề -> đề mục with the documents assigned, and the documents left out; once the
    official Bộ pháp điển is imported, its catalogue with its counts."""
    from ingest.codification import official_tree

    if official_tree.imported(store):
        return official_tree.official_catalogue(store)
    cat = load_catalogue()
    assignment = store_assignment(store)
    names = store.names()
    chu_de = []
    for c in cat.chu_de.values():
        chu_de.append(
            {
                "type": "chu_de",
                "id": str(c.so),
                "title": c.ten,
                "children": [
                    {
                        "type": "de_muc",
                        "id": d.so,
                        "title": d.ten,
                        "confirmed": d.confirmed,
                        "documents": [
                            {
                                "doc_id": i,
                                "title": names[i]["title"],
                                "number": names[i]["number"],
                                "assigned_by": assignment.how.get(i, ""),
                            }
                            for i in assignment.by_de_muc.get(d.so, [])
                        ],
                    }
                    for d in c.de_muc
                ],
            }
        )
    return {"chu_de": chu_de, "unassigned": assignment.unassigned}


def de_muc_tree(store: Store, de_muc: str, at: date) -> dict:
    """One đề mục as JSON, inside its chủ đề (node types chu_de, de_muc, chuong, muc, dieu):
    the official one once the Bộ pháp điển is imported, else as LexVN codifies the store."""
    from ingest.codification import official_tree

    cat = load_catalogue()
    if de_muc not in cat.de_muc:
        raise KeyError(de_muc)
    if official_tree.imported(store):
        return official_tree.official_de_muc(store, de_muc, at)
    node, excluded = build_de_muc(store, de_muc, at, store_assignment(store))
    dm = cat.de_muc[de_muc]
    return {
        "type": "chu_de",
        "id": str(dm.chu_de),
        "title": cat.chu_de[dm.chu_de].ten,
        "at": at.isoformat(),
        "children": [{**node.to_json(), "confirmed": dm.confirmed}],
        "excluded": excluded,
    }
