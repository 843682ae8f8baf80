"""A per-client token bucket on the JSON API: a scraper cannot starve the pages. In memory,
per process: enough behind one waitress process; a deployment with several processes puts
its limits in the reverse proxy."""

from __future__ import annotations

import threading
import time

from flask import Flask, jsonify, request


class TokenBucket:
    def __init__(self, rate: float, burst: int):
        self.rate, self.burst = rate, burst
        self.buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, last time)
        self.lock = threading.Lock()

    def take(self, client: str, now: float | None = None) -> float:
        """0 when the request may go; else the seconds to wait."""
        now = time.monotonic() if now is None else now
        with self.lock:
            tokens, last = self.buckets.get(client, (float(self.burst), now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= 1:
                self.buckets[client] = (tokens - 1, now)
                return 0.0
            self.buckets[client] = (tokens, now)
            return (1 - tokens) / self.rate


def install(app: Flask) -> None:
    bucket = TokenBucket(app.config["LEXVN_API_RATE"], app.config["LEXVN_API_BURST"])

    @app.before_request
    def _limit():
        if not request.path.startswith("/api/"):
            return None
        wait = bucket.take(request.remote_addr or "?")
        if wait:
            response = jsonify(
                {"error": {"status": 429, "message": "Quá nhiều yêu cầu; hãy thử lại sau."}}
            )
            response.status_code = 429
            response.headers["Retry-After"] = str(max(1, round(wait)))
            return response
        return None
