"""The codification browser: `/phap-dien` (chủ đề and đề mục, with a search restricted to
one chủ đề) and `/phap-dien/<đề mục>` (the tree of numbered articles at a date, with the
guidance under each article, and a search restricted to the đề mục)."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, render_template, request

from ingest.codification.codify import catalogue_tree, de_muc_tree, store_assignment
from ingest.codification.official_tree import de_muc_documents, imported
from schema.phapdien import load_catalogue
from search_app.engine.contract import SearchRequest
from search_app.web.pagecache import rendered

codification = Blueprint("codification", __name__)


def _search_within(q: str, doc_ids: set[str]) -> list:
    """A search restricted to the documents of a chủ đề or đề mục."""
    if not q or not doc_ids:
        return []
    request_ = SearchRequest(q=q, limit=20, within=frozenset(doc_ids))
    return current_app.extensions["lexvn_search"].search(request_).hits


@codification.get("/phap-dien")
def catalogue():
    store = current_app.extensions["lexvn_store"]
    data = catalogue_tree(store)
    q = request.args.get("q", "").strip()
    chu_de = request.args.get("chu_de", "")
    hits = []
    if q and chu_de:
        assignment = store_assignment(store)
        docs = {
            d for dm, ids in assignment.by_de_muc.items() if dm.split(".")[0] == chu_de for d in ids
        }
        if imported(store):  # the documents the official chủ đề codifies, and the proposals
            docs = de_muc_documents(store, chu_de=chu_de) | {
                p["doc_id"]
                for c in data["chu_de"]
                if c["id"] == chu_de
                for d in c["children"]
                for p in d["proposed"]
            }
        hits = _search_within(q, docs)
    return render_template("phapdien.html", data=data, q=q, chu_de=chu_de, hits=hits)


@codification.get("/phap-dien/<de_muc>")
def de_muc(de_muc: str):
    store = current_app.extensions["lexvn_store"]
    if de_muc not in load_catalogue().de_muc:
        abort(404, f"Không có đề mục {de_muc} trong Bộ pháp điển.")
    raw = request.args.get("ngay", "")
    try:
        at = date.fromisoformat(raw) if raw else date.today()
    except ValueError:
        abort(400, f"Ngày “{raw}” không hợp lệ; dùng dạng YYYY-MM-DD.")
    q = request.args.get("q", "").strip()
    if q:
        data = de_muc_tree(store, de_muc, at)
        docs = set(store_assignment(store).by_de_muc.get(de_muc, []))
        if data.get("official"):
            docs = de_muc_documents(store, de_muc=de_muc) | {p["doc_id"] for p in data["proposed"]}
        return render_template(
            "phapdien_de_muc.html", data=data, at=at, q=q, hits=_search_within(q, docs)
        )
    return rendered(
        ("phap-dien", de_muc, at),
        lambda: render_template(
            "phapdien_de_muc.html", data=de_muc_tree(store, de_muc, at), at=at, q="", hits=[]
        ),
    )
