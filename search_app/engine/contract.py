"""The search contract both backends satisfy: request in, result out, one JSON shape.

JSON of a result (GET /api/search, `lexvn search --json`):
  {"total": int,                     # matching units and documents before grouping
   "hits": [{"doc_number", "doc_id", "doc_title", "doc_type", "unit_id", "unit_label",
             "unit_type", "snippet", "score"}],
   "facets": {"doc_type": [{"value", "count"}], "issuer": [...], "year": [...],
              "status": [...], "linh_vuc": [...]},
   "redirect": {"doc_id", "unit_id"} | null,   # a số ký hiệu or unit reference was typed
   "message": str | null,                      # for the user: query cut, relaxed, invalid
   "notes": [{"doc_id", "doc_number", "doc_title", "unit_id", "unit_label", "kind",
              "snippet"}]}                     # the query in copies' notes (first page)
Hits are units (Điều, khoản, điểm: the best-scoring unit of each Điều) or documents
(unit_id null). Snippets are plain text with the matched words between «» marks; pages escape
them and turn the marks into <mark>."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

FACETS = ("doc_type", "issuer", "year", "status", "linh_vuc")
MAX_LIMIT = 100
MAX_OFFSET = 1000


@dataclass
class SearchRequest:
    q: str
    limit: int = 10
    offset: int = 0
    filters: dict[str, list[str]] = field(default_factory=dict)  # keys from FACETS
    at: date | None = None  # status filters are evaluated at this date (default today)
    within: frozenset[str] | None = None  # only these documents (a chủ đề, a đề mục)

    def __post_init__(self) -> None:
        self.limit = max(1, min(int(self.limit), MAX_LIMIT))
        self.offset = max(0, min(int(self.offset), MAX_OFFSET))
        unknown = set(self.filters) - set(FACETS)
        if unknown:
            raise ValueError(f"unknown filter(s): {', '.join(sorted(unknown))}")


@dataclass
class Hit:
    doc_id: str
    doc_number: str | None
    doc_title: str | None
    doc_type: str | None
    unit_id: str | None
    unit_label: str | None
    unit_type: str | None
    snippet: str
    score: float


@dataclass
class FacetValue:
    value: str
    count: int


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    redirect: dict | None = None
    message: str | None = None
    notes: list[dict] = field(default_factory=list)  # search_app/engine/notes.py

    def to_json(self) -> dict:
        out = asdict(self)
        for hit in out["hits"]:
            hit["score"] = round(hit["score"], 4)
        return out


HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE = "«", "»"
