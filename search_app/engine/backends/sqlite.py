"""Embedded backend: SQLite in the same file as the store. Nothing to start.

The rows of search_app.engine.index_rows are indexed twice: in a contentless FTS5 table
`search_fts` over the folded text (heading, body, context), which matches phrases of any
length, and in compact postings (backends/postings.py) that score BM25 term at a time and
answer the phrase and exact-diacritics signals; queries use the postings and FTS5 only for
phrases of three syllables or more. Contentless keeps the file small; a row is
deleted by replaying its values, which index_rows recomputes from the stored document (the
store round-trips documents exactly, see tests). `search_rows` maps FTS rowids to units and
carries the document attributes for filters and facets; rowids are never reused, so a stale
posting can never point at another unit."""

from __future__ import annotations

import json
import sqlite3
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable
from importlib import resources

import numpy as np

from schema.model import Document
from search_app.engine.analysis import fold, folded, folded_tokens
from search_app.engine.backends import postings
from search_app.engine.index_rows import IndexRow, index_rows
from search_app.engine.matching import Match, Phrase
from search_app.engine.ranking import FIELD_WEIGHTS

ANALYSIS_VERSION = "7"  # 7: one tone placement for oa/oe/uy

_WEIGHTS = "{heading}, {body}, {context}".format(**FIELD_WEIGHTS)  # bm25() column weights


def _statements(script: str) -> list[str]:
    """The statements of an SQL script, to run one by one: executescript() would commit the
    caller's transaction first (a rebuild must not leave a half-built index behind)."""
    out, pending = [], ""
    for line in script.splitlines(keepends=True):
        if not pending and line.lstrip().startswith("--"):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    return out


def ensure_schema(conn: sqlite3.Connection) -> None:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_postings'").fetchone():
        return  # everything is created together
    for statement in _statements(
        resources.files("schema").joinpath("search.sql").read_text("utf-8")
    ):
        conn.execute(statement)
    conn.execute(
        "INSERT INTO search_fts(search_fts, rank) VALUES('rank', ?)", (f"bm25({_WEIGHTS})",)
    )
    conn.execute(
        "INSERT OR IGNORE INTO search_meta VALUES ('analysis_version', ?)", (ANALYSIS_VERSION,)
    )


def _fts_values(row: IndexRow) -> tuple[str, str, str]:
    return folded(row.heading), folded(row.body), folded(row.context)


def _accented(row: IndexRow) -> str:
    text = f"{row.heading}\n{row.body}" if row.heading else row.body
    return unicodedata.normalize("NFC", text)


def _next_generation(conn: sqlite3.Connection) -> None:
    """Readers keep per-row arrays until the index changes; this tells them it did."""
    conn.execute(
        "INSERT INTO search_meta VALUES ('generation', '1') ON CONFLICT(key) "
        "DO UPDATE SET value = CAST(value AS INTEGER) + 1"
    )


class StaleIndex(Exception):
    """The store's search index was built by an older LexVN: rebuild it before writing."""


def index_version(conn: sqlite3.Connection) -> str | None:
    """The analysis version the store's index was built with; None: no index yet."""
    try:
        row = conn.execute(
            "SELECT value FROM search_meta WHERE key = 'analysis_version'"
        ).fetchone()
    except sqlite3.OperationalError:  # no search tables
        return None
    return row[0] if row else None


class SqliteIndexer:
    """Keeps the search index in step with the store, inside the store's write transaction.

    With `defer`, the postings of the documents it indexes wait for flush() and are written
    as one segment: a batch of documents makes one segment, not one each, and so fewer
    merges (the writer of a bulk ingest spent a third of its time merging)."""

    # postings held back at most: a segment's terms are sorted in numpy as fixed-width
    # strings, so a batch of codes at once would take gigabytes
    MAX_PENDING = 400_000

    def __init__(self, defer: bool = False):
        self.defer = defer
        self.pending: list[tuple[int, Counter]] = []
        self._postings = 0

    def flush(self, conn: sqlite3.Connection) -> None:
        if self.pending:
            postings.add_segment(conn, self.pending)
            self.pending, self._postings = [], 0

    def full(self) -> bool:
        """Enough held back to flush (between documents: a flush inside a document's write
        would be undone with it)."""
        return self._postings > self.MAX_PENDING

    def discard(self, keep: int) -> None:
        """Forget the postings after the first `keep` (a document whose write failed)."""
        del self.pending[keep:]
        self._postings = sum(len(terms) for _, terms in self.pending)

    @staticmethod
    def stale(conn: sqlite3.Connection) -> bool:
        return index_version(conn) not in (None, ANALYSIS_VERSION)

    def replace(self, conn: sqlite3.Connection, old: Document | None, new: Document) -> None:
        if self.stale(conn):
            raise StaleIndex(
                f"the search index was built by an older LexVN (analysis "
                f"{index_version(conn)}, now {ANALYSIS_VERSION}): run `lexvn index` first"
            )
        ensure_schema(conn)
        if old is not None:
            self._delete(conn, old)
        self._insert(conn, new, index_rows(new))
        _next_generation(conn)

    def _delete(self, conn: sqlite3.Connection, doc: Document) -> None:
        ids = {
            (r["unit_id"] or ""): r["rowid"]
            for r in conn.execute(
                "SELECT rowid, unit_id FROM search_rows WHERE doc_id = ?", (doc.id,)
            )
        }
        for row in index_rows(doc):
            rowid = ids.get(row.unit_id or "")
            if rowid is None:
                continue
            conn.execute(
                "INSERT INTO search_fts(search_fts, rowid, heading, body, context) "
                "VALUES('delete', ?, ?, ?, ?)",
                (rowid, *_fts_values(row)),
            )
        conn.execute(
            "DELETE FROM search_defines WHERE rid IN (SELECT rowid FROM search_rows "
            "WHERE doc_id = ?)",
            (doc.id,),
        )
        conn.execute("DELETE FROM search_rows WHERE doc_id = ?", (doc.id,))
        conn.execute("DELETE FROM search_docs WHERE doc_id = ?", (doc.id,))

    def _insert(self, conn: sqlite3.Connection, doc: Document, rows: Iterable[IndexRow]) -> None:
        rows = list(rows)
        if not rows:
            return
        first = rows[0]
        conn.execute(
            "INSERT OR REPLACE INTO search_docs VALUES (?,?,?,?,?,?,?,?)",
            (
                doc.id,
                first.doc_number,
                first.doc_title,
                first.doc_type,
                first.issuer,
                first.year,
                first.effective,
                json.dumps(first.linh_vuc, ensure_ascii=False),
            ),
        )
        segment = []
        for row in rows:
            words = [
                folded_tokens(row.heading),
                folded_tokens(row.body),
                folded_tokens(row.context),
            ]
            heading, body, context = (" ".join(w) for w in words)  # as _fts_values() gives
            terms, ntok = postings.token_terms(
                *map(postings.index_tokens, words, (heading, body, context)), _accented(row)
            )
            cur = conn.execute(
                "INSERT INTO search_rows (doc_id, unit_id, unit_type, unit_label, grp, seq, force,"
                " heading, lead, defines, ntok) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    row.doc_id,
                    row.unit_id,
                    row.unit_type,
                    row.unit_label,
                    row.group,
                    row.seq,
                    row.force,
                    heading,
                    folded(row.lead),
                    "\n".join(row.defines),
                    ntok,
                ),
            )
            conn.executemany(
                "INSERT INTO search_defines VALUES (?, ?)",
                [(term, cur.lastrowid) for term in row.defines],
            )
            conn.execute(
                "INSERT INTO search_fts(rowid, heading, body, context) VALUES (?,?,?,?)",
                (cur.lastrowid, heading, body, context),
            )
            segment.append((cur.lastrowid, terms))
        if self.defer:
            self.pending += segment
            self._postings += sum(len(terms) for _, terms in segment)
        else:
            postings.add_segment(conn, segment)

    def rebuild(self, conn: sqlite3.Connection, docs: Iterable[Document]) -> int:
        """Drop and rebuild the whole index (after an analysis change), in one transaction:
        until it commits, readers see the old index, and a failure leaves it as it was."""
        if not conn.in_transaction:
            conn.execute("BEGIN")  # DROP and CREATE would otherwise commit one by one
        with conn:
            for table in (
                "search_defines",
                "search_vocab",
                "search_fts",
                "search_exact",  # analysis 5 and older
                "search_postings",
                "search_segments",
                "search_rows",
                "search_docs",
                "search_meta",
            ):
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            ensure_schema(conn)
            count = 0
            for doc in docs:
                self._insert(conn, doc, index_rows(doc))
                count += 1
            self.optimize(conn)
        return count

    @staticmethod
    def optimize(conn: sqlite3.Connection) -> None:
        """After a bulk load: FTS5 and the postings each merged into one segment."""
        conn.execute("INSERT INTO search_fts(search_fts) VALUES('optimize')")
        postings.optimize(conn)
        _next_generation(conn)


def _quoted(phrase: Phrase) -> str:
    return '"' + " ".join(phrase) + '"'


def fts5_expression(match: Match) -> str:
    """FTS5 syntax for a Match. Phrases hold only \\w+ syllables, each quoted, so no user
    text is ever read as FTS5 syntax."""
    groups = []
    for alternatives in match.groups:
        alts = [_quoted(p) for p in alternatives]
        groups.append(alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
    expr = (" AND " if match.mode == "all" else " OR ").join(groups)
    if match.excluded:
        expr = f"({expr})" + "".join(" NOT " + _quoted(p) for p in match.excluded)
    return expr


class SqliteSearcher:
    """Read side: candidate rows from FTS5, scored and returned to the search service."""

    name = "sqlite"

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.postings = postings.Postings(conn)
        self._evaluated: dict[tuple, postings.Evaluation | None] = {}
        self._lock = threading.Lock()

    def available(self) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'").fetchone()
            is not None
        )

    def current(self) -> bool:
        """Whether the index was built with this version's analysis."""
        row = self.conn.execute(
            "SELECT value FROM search_meta WHERE key = 'analysis_version'"
        ).fetchone()
        return bool(row) and row[0] == ANALYSIS_VERSION

    def _evaluate(self, match: Match) -> postings.Evaluation | None:
        """The match over the postings, kept for the facet counts that follow the ranking
        of the same query; None when it needs FTS5 (a phrase of three syllables or more)."""
        rows = self.postings.rows()
        key = (rows.generation, match)
        with self._lock:  # the web app's threads share this searcher
            if key in self._evaluated:
                return self._evaluated[key]
        found = postings.evaluate(self.postings, match)
        with self._lock:
            if len(self._evaluated) >= 8:
                self._evaluated.pop(next(iter(self._evaluated)))
            self._evaluated[key] = found
        return found

    def candidates(
        self, match: Match, doc_ids: list[str] | None, window: int
    ) -> list[tuple[int, float]]:
        """(rowid, relevance >= 0) of the best `window` rows matching."""
        if doc_ids is not None and not doc_ids:
            return []
        found = self._evaluate(match)
        if found is not None:
            return found.top(window, doc_ids)
        expr = fts5_expression(match)
        if doc_ids is None:
            sql = (
                "SELECT rowid, -rank FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT ?"
            )
            return self.conn.execute(sql, (expr, window)).fetchall()
        marks = ",".join("?" * len(doc_ids))
        sql = (
            f"SELECT f.rowid, -f.rank FROM search_fts f JOIN search_rows r "
            f"ON r.rowid = f.rowid WHERE search_fts MATCH ? AND r.doc_id IN ({marks}) "
            f"ORDER BY f.rank LIMIT ?"
        )
        return self.conn.execute(sql, (expr, *doc_ids, window)).fetchall()

    def coverage(self, field: str, words: list[str], rowids: list[int]) -> dict[int, float]:
        """Share of the words (or space-separated phrases) each row contains. `exact` words
        are accented syllables as typed, `folded` ones folded syllables or phrases."""
        if not rowids or not words:
            return {}
        rows = self.postings.rows()
        counts = np.zeros(len(rowids), "<i4")
        for word in words:
            if field == "exact":
                term = postings.EXACT + word if fold(word) != word else word
            else:
                term = postings.phrase_term(word.split())
            if term is not None:
                counts += self.postings.contains(term, rowids, rows)
            else:  # a longer phrase: FTS5, restricted to these rows
                marks = ",".join("?" * len(rowids))
                sql = (
                    f"SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid IN ({marks})"
                )
                hit = {rid for (rid,) in self.conn.execute(sql, ('"' + word + '"', *rowids))}
                counts += np.fromiter((rid in hit for rid in rowids), bool, len(rowids))
        return {rid: int(n) / len(words) for rid, n in zip(rowids, counts, strict=True) if n}

    COMMON_SHARE = 0.2  # a word in more than this share of rows is "common"

    def is_common(self, word: str) -> bool:
        if not hasattr(self, "_rows_total"):
            self._rows_total = self.conn.execute("SELECT count(*) FROM search_rows").fetchone()[0]
        row = self.conn.execute("SELECT doc FROM search_vocab WHERE term = ?", (word,)).fetchone()
        return bool(row) and row[0] > self.COMMON_SHARE * self._rows_total

    def defining(self, term: str, doc_ids: list[str] | None) -> list[int]:
        """Rows of articles with a khoản that defines the term ("X là …")."""
        rows = self.conn.execute(
            "SELECT d.rid, r.doc_id FROM search_defines d JOIN search_rows r "
            "ON r.rowid = d.rid WHERE d.term = ?",
            (term,),
        ).fetchall()
        return [rid for rid, doc_id in rows if doc_ids is None or doc_id in doc_ids]

    def per_document_counts(self, match: Match) -> dict[str, int]:
        found = self._evaluate(match)
        if found is not None:
            return found.per_document()
        expr = fts5_expression(match)
        sql = (
            "SELECT r.doc_id, count(*) FROM search_fts f JOIN search_rows r "
            "ON r.rowid = f.rowid WHERE search_fts MATCH ? GROUP BY r.doc_id"
        )
        return dict(self.conn.execute(sql, (expr,)).fetchall())

    def rows(self, rowids: list[int]) -> dict[int, sqlite3.Row]:
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        cur = self.conn.execute(
            f"SELECT rowid AS rid, * FROM search_rows WHERE rowid IN ({marks})", rowids
        )
        cur.row_factory = sqlite3.Row
        return {r["rid"]: r for r in cur.fetchall()}

    def documents(self) -> dict[str, dict]:
        cur = self.conn.execute("SELECT * FROM search_docs")
        cur.row_factory = sqlite3.Row
        out = {}
        for r in cur.fetchall():
            d = dict(r)
            d["linh_vuc"] = json.loads(d["linh_vuc"])
            out[d["doc_id"]] = d
        return out
