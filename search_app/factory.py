"""Open the configured search backend over a store file."""

from __future__ import annotations

from ingest.store import Store, StoreError
from search_app.backends.sqlite import SqliteSearcher
from search_app.service import SearchService


def open_search(db: str, store: Store | None = None) -> SearchService:
    store = store or Store(db, read_only=True)
    searcher = SqliteSearcher(store.conn)
    if not searcher.available():
        raise StoreError(f"{db} has no search index; run `lexvn index --db {db}`")
    return SearchService(store.conn, searcher)
