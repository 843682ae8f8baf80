"""Flask app factory. The public app opens the store read-only; ingest and index are CLI-only."""

from __future__ import annotations

from flask import Flask

from ingest.store import Store, default_db_path


def create_app(db: str | None = None, testing: bool = False) -> Flask:
    from search_app.api import api
    from search_app.factory import open_search

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
    return app
