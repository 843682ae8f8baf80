"""The imported official Bộ pháp điển as LexVN shows it: the catalogue with its counts, and
each đề mục in the official order, each article tied to the stored document it comes from
(a full text, or the articles LexVN knows only through the pháp điển), so a reader goes
from the code to the source and its text at any date.

The order is the dump's: a page lists its chương, mục and articles in order, and an article
of a decree or circular that details an article sits right after it. The keys (MAPC) say
the nesting: a mục's key starts with its chương's, and a guiding article's key with the key
of the article it details ("…0000120000…00402749701450000300" under "…000012000…"), so the
tree is read from the keys, not guessed from citations."""

from __future__ import annotations

import json
from datetime import date

from ingest.codification.codify import Assignment, Node, build_de_muc, store_assignment
from ingest.codification.official_check import dump_date, tied_unit
from ingest.store import Store
from schema.model import CODIFIED_ONLY, DIEU
from schema.phapdien import load_catalogue


def imported(store: Store) -> bool:
    try:
        return store.conn.execute("SELECT 1 FROM phapdien_de_muc LIMIT 1").fetchone() is not None
    except Exception:  # noqa: BLE001 - a store of an older LexVN without the tables
        return False


def official_catalogue(store: Store) -> dict:
    """Chủ đề -> đề mục with the dump's counts: articles, source documents, and how many of
    those the store holds as full texts; and the stored documents LexVN proposes for a đề
    mục the dump does not codify them in."""
    cat = load_catalogue()
    counts: dict[str, tuple[int, int, int]] = {}
    for so, n, sources, held in store.conn.execute(
        "SELECT de_muc, count(*), count(DISTINCT source_key), "
        "count(DISTINCT CASE WHEN source_key IN (SELECT number_key FROM documents WHERE "
        "source_format != ?) THEN source_key END) FROM phapdien_articles GROUP BY de_muc",
        (CODIFIED_ONLY,),
    ):
        counts[so] = (n, sources, held)
    proposed, _ = _proposed(store)
    chu_de = []
    for c in cat.chu_de.values():
        children = []
        for d in c.de_muc:
            n, sources, held = counts.get(d.so, (0, 0, 0))
            children.append(
                {
                    "type": "de_muc",
                    "id": d.so,
                    "title": d.ten,
                    "confirmed": d.confirmed,
                    "articles": n,
                    "sources": sources,
                    "full_texts": held,
                    "proposed": proposed.get(d.so, []),
                }
            )
        chu_de.append(
            {
                "type": "chu_de",
                "id": str(c.so),
                "title": c.ten,
                "articles": sum(d["articles"] for d in children),
                "children": children,
            }
        )
    at = dump_date(store)
    return {"official": True, "at": at.isoformat() if at else None, "chu_de": chu_de}


def official_de_muc(store: Store, de_muc: str, at: date) -> dict:
    """One đề mục as the dump orders it, as the JSON of codify.de_muc_tree (node types
    chu_de, de_muc, chuong, muc, dieu), each article with its official code, title, text
    and source note, and the stored unit it comes from; then the stored documents LexVN
    proposes for it, codified by LexVN's own rules at `at`, marked as proposals."""
    cat = load_catalogue()
    dm = cat.de_muc[de_muc]
    conn = store.conn
    ids = {r[0]: r[1] for r in conn.execute("SELECT number_key, id FROM documents")}
    root = Node("de_muc", dm.so, dm.ten)
    headings: dict[str, Node] = {}
    for mapc, label, title in conn.execute(
        "SELECT mapc, label, title FROM phapdien_headings WHERE de_muc = ? ORDER BY seq",
        (de_muc,),
    ):
        kind = "muc" if label.lower().startswith("mục") else "chuong"
        node = Node(kind, mapc, f"{label}. {title}")
        _parent(headings, mapc, root).children.append(node)
        headings[mapc] = node
    articles: dict[str, Node] = {}
    for mapc, code, title, text, note, unit, key, heading, amended in conn.execute(
        "SELECT mapc, code, title, text, note, source_unit, source_key, heading_mapc, "
        "amended_json FROM phapdien_articles WHERE de_muc = ? ORDER BY seq",
        (de_muc,),
    ):
        doc_id = ids.get(key or "")
        node = Node(
            DIEU,
            mapc,
            title,
            code=f"Điều {code}.",
            doc_id=doc_id or "",
            unit_id=(tied_unit(store, doc_id, unit) or "") if doc_id and unit else "",
            text=text.split("\n") if text else [],
            note=note,
            amended_by=[a["number"] for a in json.loads(amended) if a.get("number")],
        )
        detailed = _parent(articles, mapc, None)
        if detailed is not None:
            detailed.guidance.append(node)
        else:
            (headings.get(heading or "") or root).children.append(node)
        articles[mapc] = node
    by_de_muc, assignment = _proposed(store)
    proposed = by_de_muc.get(de_muc, [])
    if proposed:
        assignment.by_de_muc = {de_muc: [p["doc_id"] for p in proposed]}
        tree, _ = build_de_muc(store, de_muc, at, assignment)
        root.children.append(
            Node(
                "chuong",
                f"{de_muc}__de_xuat",
                "Đề xuất của LexVN: văn bản chưa có trong Bộ pháp điển đã nhập",
                tree.children,
            )
        )
    official_at = dump_date(store)
    return {
        "type": "chu_de",
        "id": str(dm.chu_de),
        "title": cat.chu_de[dm.chu_de].ten,
        "official": True,
        "at": official_at.isoformat() if official_at else at.isoformat(),
        "children": [{**root.to_json(), "confirmed": dm.confirmed}],
        "proposed": proposed,
        "excluded": {"documents": [], "articles": []},
    }


def de_muc_documents(store: Store, de_muc: str | None = None, chu_de: str | None = None) -> set:
    """The stored documents (full texts or known through the pháp điển) a đề mục, or a chủ
    đề, codifies: what a search restricted to it runs on."""
    where, args = ("de_muc = ?", (de_muc,)) if de_muc else ("de_muc LIKE ?", (f"{chu_de}.%",))
    return {
        r[0]
        for r in store.conn.execute(
            "SELECT DISTINCT d.id FROM phapdien_articles a JOIN documents d "
            f"ON d.number_key = a.source_key WHERE a.{where}",
            args,
        )
    }


def _parent(nodes: dict[str, Node], mapc: str, default):
    """The node whose key is the longest proper prefix of `mapc`."""
    for cut in range(len(mapc) - 1, 0, -1):
        node = nodes.get(mapc[:cut])
        if node is not None:
            return node
    return default


def _proposed(store: Store) -> tuple[dict[str, list[dict]], Assignment]:
    """Stored full texts the dump does not codify that LexVN's rules place in a đề mục
    (most are newer than the dump), with the reason; and the rules' assignment."""
    full = store.full_text_keys()
    codified = {
        r[0] for r in store.conn.execute("SELECT DISTINCT source_key FROM phapdien_articles")
    }
    at = dump_date(store)
    assignment = store_assignment(store)
    keys = {
        r[0]: (r[1], r[2], r[3])
        for r in store.conn.execute("SELECT id, number_key, issued, title FROM documents")
    }
    out: dict[str, list[dict]] = {}
    for de_muc, doc_ids in assignment.by_de_muc.items():
        for doc_id in doc_ids:
            key, issued, title = keys[doc_id]
            if key in codified or key not in full:
                continue
            newer = at is not None and issued is not None and issued > at.isoformat()
            reason = (
                f"ban hành sau ngày của Bộ pháp điển đã nhập ({at.strftime('%d/%m/%Y')})"
                if newer
                else "Bộ pháp điển đã nhập không pháp điển văn bản này"
            )
            out.setdefault(de_muc, []).append(
                {
                    "doc_id": doc_id,
                    "title": title,
                    "reason": reason,
                    "assigned_by": assignment.how.get(doc_id, ""),
                }
            )
    return out, assignment
