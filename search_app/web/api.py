"""JSON API. Errors are JSON with a Vietnamese message, never a stack trace."""

from __future__ import annotations

import logging
from datetime import date

from flask import Blueprint, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from lexvn import views
from schema.model import to_jsonable
from search_app.engine.contract import FACETS, SearchRequest
from search_app.engine.errors import BackendUnavailable

api = Blueprint("api", __name__, url_prefix="/api")
log = logging.getLogger(__name__)


def _error(status: int, message: str):
    response = jsonify({"error": {"status": status, "message": message}})
    response.status_code = status
    return response


@api.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    messages = {
        404: "Không tìm thấy.",
        405: "Phương thức không được hỗ trợ.",
        413: "Tệp quá lớn.",
        429: "Quá nhiều yêu cầu; hãy thử lại sau.",
    }
    return _error(exc.code or 500, messages.get(exc.code, exc.description or "Lỗi."))


@api.errorhandler(Exception)
def _unexpected(exc: Exception):
    if isinstance(exc, BackendUnavailable):
        log.warning("search backend unavailable: %s", exc)
        return _error(503, "Máy chủ tìm kiếm tạm thời không truy cập được; hãy thử lại sau.")
    log.exception("unhandled error in API")
    return _error(500, "Lỗi máy chủ; yêu cầu chưa được xử lý.")


def _int_arg(name: str, default: int) -> int:
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"tham số {name} phải là số nguyên") from exc


@api.get("/openapi.json")
def openapi():
    from importlib import resources

    spec = resources.files("search_app.web").joinpath("openapi.json").read_text(encoding="utf-8")
    return current_app.response_class(spec, mimetype="application/json")


@api.get("/codification")
def codification():
    from ingest.codification.codify import catalogue_tree

    return jsonify(catalogue_tree(current_app.extensions["lexvn_store"]))


@api.get("/codification/<de_muc>")
def codification_de_muc(de_muc: str):
    from ingest.codification.codify import de_muc_tree

    try:
        at = date.fromisoformat(request.args["at"]) if request.args.get("at") else date.today()
    except ValueError:
        return _error(400, "Yêu cầu không hợp lệ: ngày phải có dạng YYYY-MM-DD")
    try:
        return jsonify(de_muc_tree(current_app.extensions["lexvn_store"], de_muc, at))
    except KeyError:
        return _error(404, f"Không có đề mục {de_muc}.")


@api.get("/search")
def search():
    try:
        at_raw = request.args.get("at")
        req = SearchRequest(
            q=request.args.get("q", ""),
            limit=_int_arg("limit", 10),
            offset=_int_arg("offset", 0),
            filters={f: request.args.getlist(f) for f in FACETS if request.args.getlist(f)},
            at=date.fromisoformat(at_raw) if at_raw else None,
        )
    except ValueError as exc:
        return _error(400, f"Yêu cầu không hợp lệ: {exc}")
    result = current_app.extensions["lexvn_search"].search(req)
    return jsonify(result.to_json())


@api.get("/documents/<path:ref>")
def document(ref: str):
    store = current_app.extensions["lexvn_store"]
    doc_id = store.resolve(ref)
    if doc_id is None:
        return _error(404, f"Không có văn bản {ref} trong cơ sở dữ liệu.")
    if request.args.get("at"):
        try:
            at = date.fromisoformat(request.args["at"])
        except ValueError:
            return _error(400, "Yêu cầu không hợp lệ: ngày phải có dạng YYYY-MM-DD")
        return jsonify(views.consolidated_json(views.consolidated(store, doc_id, at)))
    return jsonify(to_jsonable(views.document_json(store.get(doc_id))))


@api.get("/documents/<path:ref>/history")
def _history(ref: str):
    store = current_app.extensions["lexvn_store"]
    doc_id = store.resolve(ref)
    unit = request.args.get("unit", "")
    if doc_id is None:
        return _error(404, f"Không có văn bản {ref} trong cơ sở dữ liệu.")
    try:
        return jsonify(
            {"doc_id": doc_id, "unit_id": unit, "versions": views.history(store, doc_id, unit)}
        )
    except KeyError:
        return _error(404, f"Văn bản {ref} không có {unit}.")


@api.get("/documents/<path:ref>/diff")
def _diff(ref: str):
    store = current_app.extensions["lexvn_store"]
    doc_id = store.resolve(ref)
    if doc_id is None:
        return _error(404, f"Không có văn bản {ref} trong cơ sở dữ liệu.")
    try:
        first = date.fromisoformat(request.args.get("from", ""))
        second = date.fromisoformat(request.args.get("to", ""))
    except ValueError:
        return _error(400, "Yêu cầu không hợp lệ: from và to phải có dạng YYYY-MM-DD")
    return jsonify(
        {
            "doc_id": doc_id,
            "from": first.isoformat(),
            "to": second.isoformat(),
            "changes": views.diff(store, doc_id, first, second, request.args.get("unit")),
        }
    )


def _doc_id(ref: str):
    return current_app.extensions["lexvn_store"].resolve(ref)


@api.get("/documents/<path:ref>/links")
def document_links(ref: str):
    doc_id = _doc_id(ref)
    if doc_id is None:
        return _error(404, f"Không có văn bản {ref} trong cơ sở dữ liệu.")
    return jsonify(views.links(current_app.extensions["lexvn_store"], doc_id))


@api.get("/documents/<path:ref>/status")
def document_status(ref: str):
    doc_id = _doc_id(ref)
    if doc_id is None:
        return _error(404, f"Không có văn bản {ref} trong cơ sở dữ liệu.")
    try:
        at = date.fromisoformat(request.args["at"]) if request.args.get("at") else date.today()
    except ValueError:
        return _error(400, "Yêu cầu không hợp lệ: ngày phải có dạng YYYY-MM-DD")
    store = current_app.extensions["lexvn_store"]
    unit = request.args.get("unit")
    try:
        result = views.status(store, doc_id, unit, at)
    except KeyError:
        return _error(404, f"Văn bản {ref} không có {unit}.")
    return jsonify(result.to_json())
