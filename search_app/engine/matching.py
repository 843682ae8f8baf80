"""What a row must contain to match a query, as data: backends translate it into their own
syntax (FTS5 expressions, Elasticsearch bool queries), so both match the same rows."""

from __future__ import annotations

from dataclasses import dataclass

from search_app.engine.analysis import fold
from search_app.engine.query import Clause, ParsedQuery

Phrase = tuple[str, ...]  # folded syllables, adjacent when more than one


@dataclass(frozen=True)
class Match:
    """`groups`: each group is a set of alternative phrases. mode "all": every group must
    match (AND of ORs); mode "any": at least one group. `excluded` phrases must not occur."""

    groups: tuple[tuple[Phrase, ...], ...]
    excluded: tuple[Phrase, ...] = ()
    mode: str = "all"


def content_clauses(pq: ParsedQuery) -> list[Clause]:
    """Clauses that must match: all but lone question and function words ("các", "bao
    nhiêu", "là gì"), unless nothing else is left. Dropped words still count in ranking
    through the phrase signal."""
    return [c for c in pq.clauses if not c.filler] or pq.clauses


def _group(clause: Clause) -> tuple[Phrase, ...]:
    return tuple(tuple(fold(t) for t in alt) for alt in clause.alternatives)


def _excluded(pq: ParsedQuery) -> tuple[Phrase, ...]:
    return tuple(tuple(fold(t) for t in ex) for ex in pq.excluded)


def strict_match(pq: ParsedQuery) -> Match:
    return Match(tuple(_group(c) for c in content_clauses(pq)), _excluded(pq), "all")


def relaxed_match(pq: ParsedQuery, is_common=lambda word: False) -> Match | None:
    """ "Most words" fallback when all words together find too little: any content item or
    adjacent pair; BM25 then ranks rows with more and rarer matches, pairs above words.
    Words found in a large share of rows are left out on their own (kept in pairs): they
    would only make the search slow and add nothing to the ranking."""
    clauses = content_clauses(pq)
    single = [len(c.alternatives) == 1 and len(c.alternatives[0]) == 1 for c in clauses]
    words = [fold(c.alternatives[0][0]) for c, s in zip(clauses, single, strict=True) if s]
    groups = [
        _group(c)
        for c, s in zip(clauses, single, strict=True)
        if not s or not is_common(fold(c.alternatives[0][0]))
    ]
    groups += [((a, b),) for a, b in zip(words, words[1:], strict=False)]
    groups = list(dict.fromkeys(groups))
    if len(groups) < 2:
        return None
    return Match(tuple(groups), _excluded(pq), "any")
