"""Draft checking over HTTP: `POST /api/drafts/check` (multipart, field `file`) and the
officer's page `/kiem-tra-du-thao`. The upload is read in memory and never stored; the
size limit is the app's MAX_CONTENT_LENGTH (413 above it); the check runs in a worker
process within LEXVN_DRAFT_SECONDS and LEXVN_DRAFT_MEMORY_MB (413 past them), one of
LEXVN_DRAFT_WORKERS (503 when none came free within the time)."""

from __future__ import annotations

import hmac
import secrets
from datetime import date

from flask import Blueprint, abort, current_app, jsonify, render_template, request
from werkzeug.exceptions import RequestEntityTooLarge

from draftcheck.isolated import BudgetExceeded, ServerBusy, check_within_budget
from ingest.readers import ReaderError

drafts = Blueprint("drafts", __name__)
CSRF_COOKIE = "lexvn_csrf"
_BUSY = "Máy chủ đang bận kiểm tra dự thảo khác ({}); hãy gửi lại sau."


def _check(upload, at_raw: str | None):
    """(report, paragraphs) or raises ValueError with a message for the user."""
    if upload is None or not upload.filename:
        raise ValueError("Chưa chọn tệp dự thảo (trường “file”).")
    at = None
    if at_raw:
        try:
            at = date.fromisoformat(at_raw)
        except ValueError as exc:
            raise ValueError("Ngày kiểm tra phải có dạng YYYY-MM-DD.") from exc
    data = upload.read()
    try:
        report, paragraphs = check_within_budget(
            current_app.config["LEXVN_DB"],
            upload.filename,
            data,
            at,
            current_app.config["LEXVN_DRAFT_SECONDS"],
            int(current_app.config["LEXVN_DRAFT_MEMORY_MB"]) << 20,
            current_app.config["LEXVN_DRAFT_WORKERS"],
        )
    except ReaderError as exc:
        raise ValueError(f"Không đọc được {upload.filename}: {exc.reason}") from exc
    return report, paragraphs


def _json_error(status: int, message: str):
    response = jsonify({"error": {"status": status, "message": message}})
    response.status_code = status
    return response


def _busy(response):
    response.headers["Retry-After"] = "10"
    return response


@drafts.post("/api/drafts/check")
def api_check():
    try:
        upload, at_raw = request.files.get("file"), request.form.get("at")
    except RequestEntityTooLarge:
        limit = current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
        return _json_error(413, f"Tệp quá lớn (tối đa {limit} MB).")
    try:
        report, _ = _check(upload, at_raw)
    except ValueError as exc:
        return _json_error(400, str(exc))
    except BudgetExceeded as exc:
        return _json_error(413, f"Dự thảo vượt quá giới hạn kiểm tra ({exc}).")
    except ServerBusy as exc:
        return _busy(_json_error(503, _BUSY.format(exc)))
    response = jsonify(report)
    response.status_code = 422 if report["rejected"] else 200
    return response


@drafts.route("/kiem-tra-du-thao", methods=["GET", "POST"])
def page():
    token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
    context = {"csrf": token, "report": None, "paragraphs": [], "error": None, "marks": {}}
    status = 200
    if request.method == "POST":
        sent = request.form.get("csrf", "")
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if not sent or not hmac.compare_digest(sent.encode(), cookie.encode()):
            abort(400, "Phiên làm việc không hợp lệ; hãy tải lại trang và gửi lại.")
        try:
            report, paragraphs = _check(request.files.get("file"), request.form.get("at"))
        except ValueError as exc:
            context["error"], status = str(exc), 400
        except BudgetExceeded as exc:
            context["error"], status = f"Dự thảo vượt quá giới hạn kiểm tra ({exc}).", 413
        except ServerBusy as exc:
            context["error"] = _BUSY.format(exc)
            status = 503
        else:
            data = report
            marks: dict[int, list[dict]] = {}
            for f in data["findings"]:
                marks.setdefault(f["line"] or 0, []).append(f)
            context.update(report=data, paragraphs=_lines(paragraphs), marks=marks)
            status = 422 if data["rejected"] else 200
    response = current_app.make_response((render_template("draft_check.html", **context), status))
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="Strict")
    return response


def _lines(paragraphs) -> list[tuple[int, str]]:
    """One row a source line (table cells of a line joined), for marking findings in place."""
    rows: list[tuple[int, str]] = []
    for line, text, _in_table in paragraphs:
        if rows and rows[-1][0] == line:
            rows[-1] = (line, f"{rows[-1][1]} | {text}".strip(" |"))
        elif text:
            rows.append((line, text))
    return rows
