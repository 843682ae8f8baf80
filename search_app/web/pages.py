"""Reading pages: a document (`/van-ban/<số ký hiệu or id>`), a unit's permalink
(`/van-ban/<doc>/<unit id>`), a unit's versions (`…/<unit id>/lich-su`), the changes between
two dates (`…/so-sanh?tu=&den=`) and the lược đồ (`…/luoc-do`). Read-only."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, render_template, request
from markupsafe import escape

from lexvn import views
from search_app.web.pagecache import rendered
from search_app.web.reading import display_titles, document_view, unit_url

pages = Blueprint("pages", __name__)
_VIEWS = ("lich-su", "so-sanh", "luoc-do")


def _store():
    return current_app.extensions["lexvn_store"]


def _split(rest: str) -> tuple[str, list[str]]:
    """A document reference may itself contain slashes ("22/2023/QH15"): the longest
    prefix that names a stored document wins; what follows is a unit and/or a view."""
    parts = [p for p in rest.split("/") if p]
    for k in range(len(parts), 0, -1):
        doc_id = _store().resolve("/".join(parts[:k]))
        if doc_id:
            return doc_id, parts[k:]
    abort(404, f"Không có văn bản {rest} trong cơ sở dữ liệu.")


def _date_arg(name: str, default: date | None) -> date | None:
    raw = request.args.get(name, "")
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        abort(400, f"Ngày “{raw}” không hợp lệ; dùng dạng YYYY-MM-DD.")


@pages.get("/van-ban/<path:rest>")
def document(rest: str):
    doc_id, tail = _split(rest)
    unit_id = tail[0] if tail and tail[0] not in _VIEWS else None
    view = tail[-1] if tail and tail[-1] in _VIEWS else None
    if len(tail) > (unit_id is not None) + (view is not None):
        abort(404, "Không có trang này.")
    store = _store()
    if view == "lich-su":
        if unit_id is None:
            abort(404, "Hãy chọn một điều, khoản, điểm để xem lịch sử.")
        return _history(doc_id, unit_id)
    if view == "so-sanh":
        return _compare(doc_id, unit_id)
    if view == "luoc-do":
        return render_template(
            "links.html",
            doc=store.get(doc_id),
            links=views.links(store, doc_id),
            titles=display_titles(store),
            unit_url=unit_url,
        )
    at = _date_arg("ngay", date.today())
    html = rendered(
        ("document", doc_id, at),
        lambda: render_template("document.html", v=document_view(store, doc_id, at)),
    )
    if unit_id:  # the same page, brought to the unit (static/lexvn.js reads data-focus)
        if f'<section id="{unit_id}" ' not in html:
            abort(404, f"Văn bản không có đơn vị {unit_id} vào ngày {at.strftime('%d/%m/%Y')}.")
        focus = f'<div class="doc-layout" data-focus="{escape(unit_id)}">'
        html = html.replace('<div class="doc-layout">', focus, 1)
    return html


def _history(doc_id: str, unit_id: str):
    store = _store()
    try:
        versions = views.history(store, doc_id, unit_id)
    except KeyError:
        abort(404, f"Văn bản không có đơn vị {unit_id}.")
    return render_template(
        "unit_history.html",
        doc=store.get(doc_id),
        unit_id=unit_id,
        versions=versions,
        titles=display_titles(store),
        unit_url=unit_url,
    )


def _compare(doc_id: str, unit_id: str | None):
    store = _store()
    doc = store.get(doc_id)
    first = _date_arg("tu", doc.metadata.effective or doc.metadata.issued or date.today())
    second = _date_arg("den", date.today())
    changes = views.diff(store, doc_id, first, second, unit_id)
    return render_template(
        "diff.html", doc=doc, first=first, second=second, changes=changes, unit_url=unit_url
    )
