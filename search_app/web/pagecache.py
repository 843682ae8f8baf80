"""Rendered pages kept in memory. A page depends on its URL, today's date (the default view)
and the store: the cache empties itself when another process (`lexvn ingest`, `lexvn
index`) has committed to the store since (SQLite's `PRAGMA data_version`, a counter read
without I/O), so a running `lexvn serve` never shows the text as it was before an ingest.
Bounded by bytes, least recently used out first; LEXVN_PAGE_CACHE_MB=0 turns it off.
A page answered through the cache says so in `X-Cache: hit|miss` (load benchmarks count it)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date
from functools import wraps

from flask import current_app, g, request


class PageCache:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self.pages: OrderedDict[tuple, tuple[bytes, int, str]] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = self.misses = 0
        self.version: int | None = None

    def sync(self, version: int) -> None:
        """Forget every page if the store changed since they were made."""
        with self.lock:
            if version != self.version:
                self.pages.clear()
                self.size = 0
                self.version = version

    def get(self, key: tuple):
        with self.lock:
            page = self.pages.get(key)
            if page is None:
                self.misses += 1
                return None
            self.pages.move_to_end(key)
            self.hits += 1
            return page

    def put(self, key: tuple, body: bytes, status: int, mimetype: str) -> None:
        if len(body) > self.max_bytes // 4:
            return
        with self.lock:
            if key in self.pages:
                return
            self.pages[key] = (body, status, mimetype)
            self.size += len(body)
            while self.size > self.max_bytes:
                _, (old, _, _) = self.pages.popitem(last=False)
                self.size -= len(old)


def _cache() -> PageCache | None:
    cache: PageCache | None = current_app.extensions.get("lexvn_page_cache")
    if cache is not None:
        cache.sync(current_app.extensions["lexvn_store"].data_version())
    return cache


def rendered(key: tuple, make) -> str:
    """A page body from the cache, or made now (and kept)."""
    cache = _cache()
    if cache is None:
        return make()
    page = cache.get(key)
    g.lexvn_cache = "miss" if page is None else "hit"
    if page is not None:
        return page[0].decode("utf-8")
    body = make()
    cache.put(key, body.encode("utf-8"), 200, "text/html")
    return body


def cached(view):
    """Serve a GET page from the cache; store 200 answers that are not redirects."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        cache = _cache() if request.method == "GET" else None
        if cache is None:
            return view(*args, **kwargs)
        key = (request.full_path, date.today())
        page = cache.get(key)
        g.lexvn_cache = "miss" if page is None else "hit"
        if page is not None:
            body, status, mimetype = page
            return current_app.response_class(body, status=status, mimetype=mimetype)
        response = current_app.make_response(view(*args, **kwargs))
        if response.status_code == 200 and not response.direct_passthrough:
            cache.put(key, response.get_data(), 200, response.mimetype)
        return response

    return wrapper
