"""Flask app factory. The public app opens the store read-only; ingest and index are CLI-only."""

from __future__ import annotations

from flask import Flask

from ingest.store import Store, default_db_path


def create_app(db: str | None = None, testing: bool = False) -> Flask:
    from search_app.api import api
    from search_app.drafts import drafts
    from search_app.factory import open_search
    from search_app.web import web

    app = Flask(__name__)
    app.config.update(
        TESTING=testing,
        JSON_AS_ASCII=False,
        MAX_CONTENT_LENGTH=10 * 1024 * 1024,
        LEXVN_DB=db or default_db_path(),
    )
    app.json.ensure_ascii = False
    store = Store(app.config["LEXVN_DB"], read_only=True)
    app.extensions["lexvn_store"] = store
    app.extensions["lexvn_search"] = open_search(app.config["LEXVN_DB"], store)
    app.register_blueprint(api)
    app.register_blueprint(web)
    app.register_blueprint(drafts)

    @app.after_request
    def _security_headers(response):
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    return app
