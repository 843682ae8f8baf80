"""The ranking formula, shared by both backends (see docs/search.md for the reasoning).
BM25 is divided by its best value among the candidates and the other signals are shares
(0..1), so the weights mean the same for a two-word query as for a ten-word one:

    score = relevance                       BM25 over folded syllables, heading × 4,
                                            body × 1, context × 0.3 (backend's own BM25)
          + W_PHRASE × phrase               share of the query's adjacent syllable pairs the
                                            row holds as phrases: "hợp đồng" together beats
                                            "hợp … đồng"
          + W_EXACT  × exact                share of the query's accented syllables the row
                                            has exactly as typed: diacritics that match
                                            rank first (0 for a query typed without)
          + W_HEADING × title               share of the query's content words in the
                                            article's (or document's) title, on that row;
                                            2 when the title is exactly them
          + W_DEFINITION                    "X là gì": the unit whose text starts "X là"
                                            (a khoản of a Giải thích từ ngữ article)
          + W_IN_FORCE  if the document is in force at the date searched
          - W_NOT_YET   if not yet in force, expired or suspended
          + W_FORCE × legal force (Hiến pháp 9 … Quyết định 3): breaks ties
          + W_ARTICLE   for an Điều hit, so an article beats its own clause on equal text
"""

from __future__ import annotations

from dataclasses import dataclass

FIELD_WEIGHTS = {"heading": 4.0, "body": 1.0, "context": 0.3}
W_PHRASE = 1.0
W_EXACT = 0.3
W_HEADING = 0.3
W_DEFINITION = 3.0  # above all other signals together: "X là gì" asks for the definition
W_IN_FORCE = 0.05
W_NOT_YET = 0.1
W_FORCE = 0.002
W_ARTICLE = 0.01
RERANK_WINDOW = 100  # candidates rescored per query


@dataclass
class Signals:
    relevance: float  # 0..1: BM25 divided by the best candidate's
    exact: float = 0.0  # 0..1: share of accented query syllables found as typed
    phrase: float = 0.0  # 0..1: share of the query's adjacent pairs found as phrases
    status: str = ""
    force: int = 0
    is_article: bool = False
    title: float = 0.0  # share of content words in the title; 2.0 when it is exactly them
    definition: bool = False


def combine(s: Signals) -> float:
    score = s.relevance + W_EXACT * s.exact + W_PHRASE * s.phrase + W_FORCE * s.force
    score += W_HEADING * s.title + (W_DEFINITION if s.definition else 0.0)
    if s.status == "Còn hiệu lực":
        score += W_IN_FORCE
    elif s.status in ("Chưa có hiệu lực", "Hết hiệu lực toàn bộ", "Ngưng hiệu lực"):
        score -= W_NOT_YET
    if s.is_article:
        score += W_ARTICLE
    return score


def status_at(effective: str | None, at_iso: str) -> str:
    """Status from the effective date alone: for a store without validity events."""
    if not effective:
        return "Chưa xác định"
    return "Còn hiệu lực" if effective <= at_iso else "Chưa có hiệu lực"


def title_signal(title_folded: str, content_folded: list[str]) -> float:
    """Share of the query's content words found in a title, 2.0 for an exact title."""
    if not title_folded or not content_folded:
        return 0.0
    words = title_folded.split()
    if words == content_folded:
        return 2.0
    present = set(words)
    return sum(1 for w in content_folded if w in present) / len(content_folded)
