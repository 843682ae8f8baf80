"""Flask app factory. The public app opens the store read-only; ingest and index are CLI-only."""

from __future__ import annotations

import os

from flask import Flask, g

from ingest.store import Store, default_db_path
from search_app.web import ratelimit


def create_app(db: str | None = None, testing: bool = False, **config) -> Flask:
    from search_app.engine.factory import open_search
    from search_app.web.api import api
    from search_app.web.codification_pages import codification
    from search_app.web.drafts import drafts
    from search_app.web.pages import pages
    from search_app.web.search_pages import web

    app = Flask(__name__)
    app.config.update(
        TESTING=testing,
        JSON_AS_ASCII=False,
        MAX_CONTENT_LENGTH=10 * 1024 * 1024,
        LEXVN_DRAFT_SECONDS=float(os.environ.get("LEXVN_DRAFT_SECONDS", "60")),
        # address space of a worker: a 9 MB law checks in 384
        LEXVN_DRAFT_MEMORY_MB=int(os.environ.get("LEXVN_DRAFT_MEMORY_MB", "512")),
        # 0: half the cores
        LEXVN_DRAFT_WORKERS=int(os.environ.get("LEXVN_DRAFT_WORKERS", "0")) or None,
        LEXVN_DB=db or default_db_path(),
        LEXVN_API_RATE=20.0,  # requests per second per client, sustained
        LEXVN_API_BURST=100,
        LEXVN_PAGE_CACHE_MB=float(os.environ.get("LEXVN_PAGE_CACHE_MB", "128")),
    )
    app.config.update(config)
    if app.config["LEXVN_PAGE_CACHE_MB"] > 0:
        from search_app.web.pagecache import PageCache

        app.extensions["lexvn_page_cache"] = PageCache(
            int(app.config["LEXVN_PAGE_CACHE_MB"] * 1024 * 1024)
        )
    app.json.ensure_ascii = False
    from search_app.web.reading import unit_url

    app.jinja_env.globals["unit_url"] = unit_url
    from schema.model import label_from_id

    app.jinja_env.filters["cite"] = lambda unit_id: label_from_id(unit_id or "") or unit_id
    store = Store(app.config["LEXVN_DB"], read_only=True)
    app.extensions["lexvn_store"] = store
    app.extensions["lexvn_search"] = open_search(app.config["LEXVN_DB"], store)
    app.register_blueprint(api)
    app.register_blueprint(web)
    app.register_blueprint(drafts)
    app.register_blueprint(pages)
    app.register_blueprint(codification)
    _error_pages(app)
    ratelimit.install(app)

    @app.after_request
    def _security_headers(response):
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if "lexvn_cache" in g:
            response.headers["X-Cache"] = g.lexvn_cache
        return response

    return app


def _error_pages(app: Flask) -> None:
    """Vietnamese error pages; the API keeps its JSON errors; no stack trace to users."""
    from flask import render_template, request
    from werkzeug.exceptions import HTTPException

    titles = {
        400: "Yêu cầu không hợp lệ",
        404: "Không tìm thấy trang",
        413: "Tệp quá lớn",
        429: "Quá nhiều yêu cầu",
    }

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        if request.path.startswith("/api/"):
            from search_app.web.api import _error

            return _error(exc.code or 500, exc.description or "Lỗi.")
        code = exc.code or 500
        message = exc.description if code in (400, 404) else titles.get(code, "Lỗi.")
        if code == 404 and (not exc.description or exc.description.startswith("The requested")):
            message = "Trang này không có trên LexVN."
        return render_template(
            "error.html", code=code, title=titles.get(code, "Lỗi"), message=message
        ), code

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        import logging

        logging.getLogger(__name__).exception("unhandled error")
        return render_template(
            "error.html", code=500, title="Lỗi máy chủ", message="Yêu cầu chưa được xử lý."
        ), 500
