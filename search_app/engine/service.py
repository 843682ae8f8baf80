"""The search service: the query language, redirects, filters, ranking and facets over any
backend that gives candidates and rescoring (see backends/). One place, so both backends
return the same contract."""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from datetime import date
from typing import Protocol

from search_app.engine.analysis import fold, folded_tokens, has_diacritics, tokens
from search_app.engine.contract import FACETS, FacetValue, Hit, SearchRequest, SearchResult
from search_app.engine.matching import Match, content_clauses, relaxed_match, strict_match
from search_app.engine.notes import search_notes
from search_app.engine.query import Clause, ParsedQuery, UnitRef, parse_query
from search_app.engine.ranking import RERANK_WINDOW, Signals, combine, status_at, title_signal
from search_app.engine.refine import best_unit, build_tree
from search_app.engine.snippets import snippet

# Folded titles of the documents cited by name: laws, codes, ordinances, the constitution.
_NAMED_BY_TITLE = re.compile(r"(?:bo luat|luat|phap lenh|hien phap) \w")
# Words that name a document type around a số ký hiệu: "Nghị định số 34/2016/NĐ-CP".
_DOC_WORDS = {
    "luat",
    "bo",
    "nghi",
    "dinh",
    "quyet",
    "thong",
    "tu",
    "so",
    "van",
    "ban",
    "hien",
    "phap",
    "lenh",
    "chi",
    "thi",
}


class Searcher(Protocol):
    """A backend's read side. Rows are keyed by an opaque key (an FTS5 rowid, a document
    _id); the service does the rest (ranking, grouping, facets, hits)."""

    name: str

    def candidates(
        self, match: Match, doc_ids: list[str] | None, window: int
    ) -> list[tuple[object, float]]: ...

    def coverage(self, field: str, phrases: list[str], keys: list) -> dict[object, float]: ...

    def per_document_counts(self, match: Match) -> dict[str, int]: ...

    def defining(self, term: str, doc_ids: list[str] | None) -> list: ...

    def is_common(self, word: str) -> bool: ...

    def rows(self, keys: list) -> dict[object, dict]: ...

    def documents(self) -> dict[str, dict]: ...


_DEFINITION_HEADS = (
    ["dinh", "nghia", "cua"],
    ["dinh", "nghia", "ve"],
    ["dinh", "nghia"],
    ["khai", "niem", "cua"],
    ["khai", "niem", "ve"],
    ["khai", "niem"],
)
_DEFINITION_TAILS = (["duoc", "hieu", "nhu", "the", "nao"], ["duoc", "hieu", "la", "gi"],
                     ["duoc", "hieu", "la"], ["la", "gi"])  # fmt: skip


def definition_term(pq: ParsedQuery) -> str | None:
    """The term a question asks the definition of, folded: "chào giá trực tuyến là gì",
    "Định nghĩa của “Người lao động”?", "Theo Bộ luật Dân sự 2015, lợi tức được hiểu như
    thế nào?" (ALQAC 2022) -> "chao gia truc tuyen", "nguoi lao dong", "loi tuc"."""
    words = [fold(t) for t in pq.positive_tokens]
    for head in _DEFINITION_HEADS:
        if words[: len(head)] == head and len(words) > len(head):
            words = words[len(head) :]
            return " ".join(words[:-2] if words[-2:] == ["la", "gi"] else words)
    for tail in _DEFINITION_TAILS:
        if words[-len(tail) :] == tail and len(words) > len(tail):
            return " ".join(words[: -len(tail)])
    return None


def exact_words(pq: ParsedQuery) -> list[str]:
    """The query's syllables typed with diacritics: rows that contain them as typed (not
    only folded) rank first."""
    return [t for t in dict.fromkeys(pq.positive_tokens) if has_diacritics(t)]


def phrase_pairs(pq: ParsedQuery) -> list[str]:
    """Adjacent syllable pairs of the query, folded: "hop dong", "dong lao", "lao dong".
    Vietnamese words are mostly two syllables, so a row holding the pairs as typed holds
    the query's words, not only their syllables scattered."""
    toks = [fold(t) for t in pq.positive_tokens]
    return list(dict.fromkeys(f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)))


class SearchService:
    def __init__(self, store_conn: sqlite3.Connection, searcher: Searcher):
        self.conn = store_conn
        self.searcher = searcher
        self._docs: dict[str, dict] | None = None
        self._titles: tuple[dict, dict[str, list[str]]] | None = None  # (for docs, titles)
        self._status_cache: dict[str, dict[str, str]] = {}
        self._data_version: int | None = None

    def _sync(self) -> None:
        """Drop what was read from the store if another process has written to it since
        (an ingest while `lexvn serve` runs)."""
        from ingest.store import data_version

        version = data_version(self.conn)
        if version != self._data_version:
            self._docs = None
            self._status_cache = {}
            self._data_version = version

    def status_of(self, doc_id: str, at_iso: str) -> str:
        """Tình trạng hiệu lực of a document at a date, from its validity events; cached for
        the date, as a page of results asks for every document it shows and counts."""
        cache = self._status_cache.setdefault(at_iso, {})
        if doc_id not in cache:
            from ingest.links.validity import document_status

            try:
                cache[doc_id] = document_status(
                    self.conn, doc_id, date.fromisoformat(at_iso)
                ).status
            except (KeyError, sqlite3.OperationalError):  # a store without validity tables
                cache[doc_id] = status_at(self.docs.get(doc_id, {}).get("effective"), at_iso)
        if len(self._status_cache) > 64:
            self._status_cache.pop(next(iter(self._status_cache)))
        return cache[doc_id]

    @property
    def docs(self) -> dict[str, dict]:
        if self._docs is None:
            self._docs = self.searcher.documents()
        return self._docs

    # -- redirects -------------------------------------------------------------------------
    def resolve_number(self, number: str) -> str | None:
        from ingest.store import number_key

        row = self.conn.execute(
            "SELECT id FROM documents WHERE number_key = ?", (number_key(number),)
        ).fetchone()
        return row[0] if row else None

    def resolve_unit(self, ref: UnitRef) -> tuple[str, str] | None:
        doc_id = self.resolve_number(ref.doc_number) if ref.doc_number else None
        if doc_id is None and ref.doc_words:
            doc_id = self._document_by_name(ref.doc_words)
        if doc_id is None:
            return None
        unit = self.conn.execute(
            "SELECT id FROM units WHERE doc_id = ? AND type = 'dieu' AND number = ? "
            "AND id NOT LIKE 'phu\\_luc%' ESCAPE '\\' ORDER BY seq LIMIT 1",
            (doc_id, ref.dieu),
        ).fetchone()
        if unit is None:
            return None
        unit_id = unit[0]
        for kind, number in (("khoan", ref.khoan), ("diem", ref.diem)):
            if number is None:
                continue
            child = self.conn.execute(
                "SELECT id FROM units WHERE doc_id = ? AND parent_id = ? AND type = ? "
                "AND number = ?",
                (doc_id, unit_id, kind, number),
            ).fetchone()
            if child is None:
                return None
            unit_id = child[0]
        return doc_id, unit_id

    def _named_document(self, text: str) -> tuple[str, set[str]] | None:
        """The stored law a query names by its name, with or without diacritics ("Theo Bộ
        luật Dân sự 2015, …", "luat an ninh mang 2018 quy dinh ve dieu gi"): the longest
        run of the query's words that is a stored law's title, a year after it preferred;
        with the folded words that name it. Laws, codes, ordinances and the constitution are
        cited by name; other documents by number."""
        words = folded_tokens(text)
        titles = self._law_titles()
        for size in range(min(len(words), 12), 1, -1):
            for start in range(len(words) - size + 1):
                key = " ".join(words[start : start + size])
                if key not in titles:
                    continue
                after = words[start + size : start + size + 2]
                year = next((int(w) for w in after if re.fullmatch(r"(?:19|20)\d\d", w)), None)
                doc_id = min(
                    titles[key],
                    key=lambda d: (year is not None and self.docs[d]["year"] != year,
                                   -(self.docs[d]["year"] or 0)),
                )  # fmt: skip
                noise = set(key.split()) | {"theo", "nam", "cua"}
                return doc_id, noise | ({str(year)} if year else set())
        return None

    def _law_titles(self) -> dict[str, list[str]]:
        if self._titles is None or self._titles[0] is not self.docs:
            titles: dict[str, list[str]] = defaultdict(list)
            for doc_id, d in self.docs.items():
                title = " ".join(folded_tokens(d["title"] or ""))
                if _NAMED_BY_TITLE.match(title):
                    titles[title].append(doc_id)
            self._titles = (self.docs, dict(titles))
        return self._titles[1]

    def _document_by_name(self, words: str) -> str | None:
        """ "bo luat lao dong" -> the document whose folded title is that, else the one whose
        title starts with or contains it; codes and laws first, the newest first."""
        scored = []
        for doc_id, d in self.docs.items():
            title = " ".join(fold(d["title"] or "").split())
            rank = (
                0
                if title == words
                else 1
                if title.startswith(words)
                else 2
                if words in title
                else None
            )
            if rank is not None:
                scored.append((rank, -(d["year"] or 0), doc_id))
        return min(scored)[2] if scored else None

    # -- search -----------------------------------------------------------------------------
    def search(self, req: SearchRequest) -> SearchResult:
        self._sync()
        pq = parse_query(req.q)
        at_iso = (req.at or date.today()).isoformat()
        restrict: list[str] | None = None

        if pq.unit_ref:
            found = self.resolve_unit(pq.unit_ref)
            if found:
                return self._redirect(found[0], found[1], pq)
        if pq.number:
            doc_id = self.resolve_number(pq.number)
            noise = _DOC_WORDS | {fold(t) for t in re.split(r"[/\-]", pq.number)}
            content = [
                c for c in pq.clauses if any(fold(t) not in noise for t in c.alternatives[0])
            ]
            if doc_id and not content:
                return self._redirect(doc_id, None, pq)
            if doc_id:  # words and a number: search those words in that document
                restrict, pq.clauses = [doc_id], content
            else:  # not stored: find the texts that cite it, as one phrase
                number_tokens = tokens(pq.number)
                pq.clauses = [
                    c
                    for c in pq.clauses
                    if not set(c.alternatives[0]) <= set(number_tokens) | _DOC_WORDS
                ]
                pq.clauses.append(Clause([number_tokens]))
                pq.message = pq.message or (
                    f"Văn bản {pq.number} chưa có trong cơ sở dữ liệu; "
                    "dưới đây là các quy định nhắc đến số hiệu này."
                )
        if restrict is None and (named := self._named_document(req.q)):
            # "Theo Bộ luật Dân sự 2015, người chưa thành niên là người như thế nào?": the
            # question's words, in the law it names
            doc_id, noise = named
            content = [
                c for c in pq.clauses if any(fold(t) not in noise for t in c.alternatives[0])
            ]
            if content:
                restrict, pq.clauses = [doc_id], content
        if not pq.is_searchable():
            return SearchResult(0, [], {f: [] for f in FACETS}, message=pq.message)

        allowed = self._allowed_docs(req.filters, at_iso)
        if restrict is not None:
            allowed = [d for d in restrict if allowed is None or d in allowed]
        if req.within is not None:
            allowed = [
                d for d in (allowed if allowed is not None else self.docs) if d in req.within
            ]
            restrict = list(allowed) if restrict is None else restrict
        match = strict_match(pq)
        window = max(RERANK_WINDOW, req.offset + req.limit)
        tiers = {rid: (0, rel) for rid, rel in self.searcher.candidates(match, allowed, window)}
        message = pq.message
        if len(tiers) < req.offset + req.limit and (
            relaxed := relaxed_match(pq, self.searcher.is_common)
        ):
            for rid, rel in self.searcher.candidates(relaxed, allowed, window):
                tiers.setdefault(rid, (1, rel))
            if not any(tier == 0 for tier, _ in tiers.values()) and tiers:
                message = message or (
                    "Không có kết quả chứa tất cả các từ; hiển thị các kết quả chứa một phần."
                )
        term = definition_term(pq)
        if term:  # "X là gì": the articles that define X are candidates whatever their BM25
            for key in self.searcher.defining(term, allowed):  # in the first tier even when
                tiers[key] = (0, tiers.get(key, (0, 0.0))[1])  # the relaxed match found it
        rowids = list(tiers)
        exact = self.searcher.coverage("exact", exact_words(pq), rowids)
        phrase = self.searcher.coverage("folded", phrase_pairs(pq), rowids)
        rows = self.searcher.rows(rowids)
        content = [fold(t) for c in content_clauses(pq) for t in c.alternatives[0]]

        top_rel = max((rel for _, rel in tiers.values()), default=0.0) or 1.0
        best: dict[str, tuple[tuple, int]] = {}
        for rid, (tier, rel) in tiers.items():
            row = rows.get(rid)
            if row is None:
                continue
            score = combine(
                Signals(
                    relevance=rel / top_rel,
                    exact=exact.get(rid, 0.0),
                    phrase=phrase.get(rid, 0.0),
                    status=self.status_of(row["doc_id"], at_iso),
                    force=row["force"],
                    is_article=row["unit_type"] == "dieu",
                    title=title_signal(row["heading"], content)
                    if row["unit_type"] in ("dieu", None)
                    else 0.0,
                    definition=bool(term) and term in row["defines"].split("\n"),
                )
            )
            key = (-tier, score, -row["seq"])
            group = f"{row['doc_id']}\x00{row['grp']}"
            if group not in best or key > best[group][0]:
                best[group] = (key, rid)
        ordered = sorted(best.values(), key=lambda kv: kv[0], reverse=True)
        page = ordered[req.offset : req.offset + req.limit]
        hits = [
            self._hit(rows[rid]["doc_id"], rows[rid]["unit_id"], key[1], pq) for key, rid in page
        ]
        counts = self.searcher.per_document_counts(match)
        total = sum(n for d, n in counts.items() if allowed is None or d in allowed)
        if total == 0 and tiers:  # only the relaxed search found something
            total = len(best)
        facets = self._facets(counts, req.filters, at_iso, restrict)
        notes = (
            [n.to_json() for n in search_notes(self.conn, req.q, doc_ids=allowed)]
            if req.offset == 0
            else []
        )
        return SearchResult(total=total, hits=hits, facets=facets, message=message, notes=notes)

    def _allowed_docs(self, filters: dict[str, list[str]], at_iso: str) -> list[str] | None:
        active = {k: set(v) for k, v in filters.items() if v}
        if not active:
            return None
        return [d for d, attrs in self.docs.items() if self._passes(attrs, active, at_iso)]

    def _values(self, attrs: dict, facet: str, at_iso: str) -> list[str]:
        if facet == "status":
            return [self.status_of(attrs["doc_id"], at_iso)]
        if facet == "linh_vuc":
            return attrs.get("linh_vuc") or []
        value = attrs.get(facet)
        return [str(value)] if value not in (None, "") else []

    def _passes(
        self, attrs: dict, active: dict[str, set[str]], at_iso: str, skip: str | None = None
    ) -> bool:
        return all(
            set(self._values(attrs, f, at_iso)) & wanted
            for f, wanted in active.items()
            if f != skip
        )

    def _facets(
        self,
        counts: dict[str, int],
        filters: dict[str, list[str]],
        at_iso: str,
        restrict: list[str] | None,
    ) -> dict[str, list[FacetValue]]:
        """Counts of matching units by document attribute. Each facet applies every filter
        but its own, so a reader can widen a choice as well as narrow it."""
        active = {k: set(v) for k, v in filters.items() if v}
        out: dict[str, list[FacetValue]] = {}
        for facet in FACETS:
            tally: dict[str, int] = defaultdict(int)
            for doc_id, n in counts.items():
                attrs = self.docs.get(doc_id)
                if attrs is None or (restrict is not None and doc_id not in restrict):
                    continue
                if not self._passes(attrs, active, at_iso, skip=facet):
                    continue
                for value in self._values(attrs, facet, at_iso):
                    tally[value] += n
            out[facet] = [
                FacetValue(v, c) for v, c in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))
            ]
        return out

    # -- hits -------------------------------------------------------------------------------
    def _subtree(self, doc_id: str, unit_id: str) -> list[dict]:
        # two index ranges: the unit, and the ids below it ("X__…"); an OR of the two would
        # scan the whole document
        cols = "seq, id, parent_id, type, citation, heading, text, tail"
        cur = self.conn.execute(
            f"SELECT {cols} FROM units WHERE doc_id = ? AND id = ? UNION ALL "
            f"SELECT {cols} FROM units WHERE doc_id = ? AND id > ? AND id < ? ORDER BY seq",
            (doc_id, unit_id, doc_id, unit_id + "__", unit_id + "__\x7f"),
        )
        names = [c[0] for c in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def _hit(
        self, doc_id: str, unit_id: str | None, score: float, pq: ParsedQuery, refine: bool = True
    ) -> Hit:
        """A hit on a document, an article refined to its most specific matching unit, or
        (refine=False) exactly the unit given."""
        doc = self.docs.get(doc_id, {})
        folded_query = {fold(t) for t in pq.positive_tokens}
        label = unit_type = folded_text = None
        if unit_id is None:
            text = " ".join(x for x in (doc.get("title"), doc.get("number")) if x)
        else:
            article = build_tree(self._subtree(doc_id, unit_id))
            if article is None:
                text = ""
            else:
                content = [fold(t) for c in content_clauses(pq) for t in c.alternatives[0]]
                unit = best_unit(article, content, definition_term(pq)) if refine else article
                unit_id, label, unit_type = unit.id, unit.label, unit.type
                text, folded_text = unit.full_text(), unit.folded_full_text()
        return Hit(
            doc_id=doc_id,
            doc_number=doc.get("number"),
            doc_title=doc.get("title"),
            doc_type=doc.get("doc_type"),
            unit_id=unit_id,
            unit_label=label,
            unit_type=unit_type,
            snippet=snippet(text, folded_query, folded_text=folded_text),
            score=score,
        )

    def _redirect(self, doc_id: str, unit_id: str | None, pq: ParsedQuery) -> SearchResult:
        hit = self._hit(doc_id, unit_id, 0.0, pq, refine=False)
        return SearchResult(
            total=1,
            hits=[hit],
            facets={f: [] for f in FACETS},
            redirect={"doc_id": doc_id, "unit_id": unit_id},
            message=pq.message,
        )
