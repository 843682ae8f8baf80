"""Pages, in Vietnamese. Server-rendered and escaped by Jinja; no inline script."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request
from markupsafe import Markup, escape

from search_app.engine.contract import FACETS, HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN, SearchRequest
from search_app.web.pagecache import cached
from search_app.web.reading import unit_url

web = Blueprint("web", __name__)

FACET_NAMES = {
    "doc_type": "Loại văn bản",
    "issuer": "Cơ quan ban hành",
    "year": "Năm ban hành",
    "status": "Tình trạng hiệu lực",
    "linh_vuc": "Lĩnh vực",
}
PAGE_SIZE = 10


def highlight(snippet: str) -> Markup:
    """Escape the snippet, then turn the «» marks into <mark>."""
    safe = str(escape(snippet))
    return Markup(safe.replace(HIGHLIGHT_OPEN, "<mark>").replace(HIGHLIGHT_CLOSE, "</mark>"))


@web.app_template_filter("highlight")
def _highlight_filter(snippet: str) -> Markup:
    return highlight(snippet)


@web.get("/")
@cached
def home():
    q = request.args.get("q", "").strip()
    if not q:
        return render_template("home.html")
    try:
        page = max(1, int(request.args.get("trang", "1")))
    except ValueError:
        page = 1
    filters = {f: request.args.getlist(f) for f in FACETS if request.args.getlist(f)}
    result = current_app.extensions["lexvn_search"].search(
        SearchRequest(q=q, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, filters=filters)
    )
    if result.redirect and page == 1 and not filters:
        # a số ký hiệu or "khoản 2 Điều 5 Bộ luật Lao động": straight to it
        return redirect(unit_url(result.redirect["doc_id"], result.redirect.get("unit_id")))
    return render_template(
        "results.html",
        q=q,
        result=result,
        filters=filters,
        page=page,
        page_size=PAGE_SIZE,
        facet_names=FACET_NAMES,
    )
