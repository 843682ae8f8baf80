"""Open the configured search backend over a store file.

LEXVN_SEARCH_BACKEND picks it: `sqlite` (the default, embedded in the store file) or
`elasticsearch` (ELASTICSEARCH_URL or OPENSEARCH_URL, see backends/elasticsearch.py). The
store itself (documents, units) is always the SQLite file."""

from __future__ import annotations

import os

from ingest.store import Store, StoreError
from search_app.engine.backends.sqlite import SqliteSearcher
from search_app.engine.service import SearchService

BACKENDS = ("sqlite", "elasticsearch")


def configured_backend() -> str:
    backend = os.environ.get("LEXVN_SEARCH_BACKEND", "sqlite")
    if backend not in BACKENDS:
        raise StoreError(f"LEXVN_SEARCH_BACKEND={backend!r}: use one of {', '.join(BACKENDS)}")
    return backend


def open_search(db: str, store: Store | None = None, backend: str | None = None) -> SearchService:
    store = store or Store(db, read_only=True)
    backend = backend or configured_backend()
    if backend == "elasticsearch":
        from search_app.engine.backends.elasticsearch import EsConfig, EsSearcher, make_client

        cfg = EsConfig.from_env()
        if cfg is None:
            raise StoreError("the elasticsearch backend needs ELASTICSEARCH_URL or OPENSEARCH_URL")
        searcher = EsSearcher(make_client(cfg), cfg)
        searcher.check()
        return SearchService(store.conn, searcher)
    searcher = SqliteSearcher(store.conn)
    if not searcher.available():
        raise StoreError(f"{db} has no search index; run `lexvn index --db {db}`")
    if not searcher.current():
        raise StoreError(
            f"the search index in {db} was built by an older LexVN; rebuild it "
            f"with `lexvn index --db {db}`"
        )
    return SearchService(store.conn, searcher)
