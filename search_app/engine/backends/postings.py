"""Compact postings for BM25 at scale, in the store file beside FTS5.

At a million units, FTS5's `ORDER BY rank` spends most of a query in `bm25()` called once per
matching row (a docsize lookup and a walk over the row's instances, ~3 µs each; 12,000-18,000
rows match "hợp đồng lao động"), and the coverage signals cost one FTS5 lookup a word. These
postings hold, for every term, the rows that contain it and its column-weighted frequency in
each, so a query is scored term at a time with array arithmetic: the same BM25 as FTS5's
`bm25()` (k1 1.2, b 0.75, one length per row over all columns, column weights from
search_app.engine.ranking) over the same tokens, at a small fraction of the cost.

Terms are folded syllables ("dong"), adjacent folded pairs ("hop dong": two-syllable phrases
and the phrase signal, without positions) and accented syllables marked "=" ("=đồng": the
exact-diacritics signal). Longer phrases need positions: the caller asks FTS5 for those.

Tables in schema/search.sql. Writes go to segments, one a document, merged eight at a time
into the next level (as in Lucene), so ingesting a document writes only its own postings and
a term is read from a few blobs. Rows deleted on re-ingest stay in old segments until a
merge drops them; readers skip them by the rows still present in search_rows. Pure numpy on
the read side: no SQL per row."""

from __future__ import annotations

import itertools
import math
import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from ingest.parse.text import modern_tones
from search_app.engine.ranking import FIELD_WEIGHTS

K1, B = 1.2, 0.75  # FTS5 bm25() defaults
FANOUT = 8  # segments of one level merged into one of the next
EXACT = "="  # prefix of accented-syllable terms

# FTS5's unicode61 tokenizer: letters and digits; everything else (underscore too) separates.
_TOKEN = re.compile(r"[^\W_]+")
# the same tokens in a text without "_", at three times the speed: the negated class takes
# the regular expression engine's slow path (the accented text of the whole corpus: 2.26 s
# against 0.81 s)
_WORD = re.compile(r"\w+")


def _tokens(text: str) -> list[str]:
    return (_TOKEN if "_" in text else _WORD).findall(text)


def row_terms(heading: str, body: str, context: str, exact: str) -> tuple[Counter, int]:
    """Terms of one row (folded columns as indexed, accented text for "=" terms) with their
    weighted frequency, and the row's length in tokens over all columns (FTS5's length)."""
    return token_terms(_tokens(heading), _tokens(body), _tokens(context), exact)


def index_tokens(words: list[str], joined: str) -> list[str]:
    """The tokens of a folded column from the words it was joined from (`joined` is
    " ".join(words)): the same words unless one holds "_", which FTS5 splits at."""
    return _TOKEN.findall(joined) if "_" in joined else words


def token_terms(
    heading_toks: list[str], body_toks: list[str], context_toks: list[str], exact: str
) -> tuple[Counter, int]:
    """row_terms() from the columns' tokens, for a caller that has them."""
    terms = Counter(body_toks)  # the body's weight is 1: counted at C speed
    terms.update(map(" ".join, zip(body_toks, body_toks[1:], strict=False)))
    if FIELD_WEIGHTS["body"] != 1.0:
        for term in terms:
            terms[term] *= FIELD_WEIGHTS["body"]
    length = len(body_toks) + len(heading_toks) + len(context_toks)
    for toks, weight in (
        (heading_toks, FIELD_WEIGHTS["heading"]),
        (context_toks, FIELD_WEIGHTS["context"]),
    ):
        for term in itertools.chain(toks, map(" ".join, zip(toks, toks[1:], strict=False))):
            terms[term] += weight
    folded_here = set(body_toks).union(heading_toks)
    for tok in set(_tokens(modern_tones(exact.lower()))) - folded_here:
        terms[EXACT + tok] = 1.0  # has diacritics: an unaccented syllable is its own fold
    return terms, length


def phrase_term(phrase: Sequence[str]) -> str | None:
    """The term that holds a phrase of folded syllables, or None when it needs positions."""
    return " ".join(phrase) if 1 <= len(phrase) <= 2 else None


# -- writing -----------------------------------------------------------------------------


def add_segment(conn: sqlite3.Connection, rows: Iterable[tuple[int, Counter]]) -> None:
    """Write the postings of these rows (rowid, terms) as a new level-0 segment, then merge
    full levels."""
    terms: list[str] = []
    weights: list[float] = []
    rowids: list[int] = []
    counts: list[int] = []
    for rowid, row in rows:
        terms.extend(row)
        weights.extend(row.values())
        rowids.append(rowid)
        counts.append(len(row))
    if not terms:
        return
    # group by term: each term numbered once (a dict), the postings sorted as integers in
    # numpy — sorting the terms themselves as a numpy string array took twice as long. A
    # term's number is the place it was first seen at: one pass over the terms, not two
    # (the whole corpus: 0.84 s against 0.55 s), and the numbers need not be dense
    vocab: dict[str, int] = {}
    codes = np.fromiter(map(vocab.setdefault, terms, itertools.count()), "<i4", len(terms))
    names = sorted(vocab)
    rank = np.empty(len(terms), "<i4")
    rank[np.fromiter(map(vocab.__getitem__, names), "<i4", len(names))] = np.arange(
        len(names), dtype="<i4"
    )
    key = rank[codes]
    order = np.argsort(key, kind="stable")
    ids = np.repeat(np.asarray(rowids, "<i4"), counts)[order].tobytes()
    wtf = np.asarray(weights, "<f4")[order].tobytes()
    # a term's postings as slices of the bytes: slicing numpy arrays and converting each
    # took a tenth of the write
    edges = (4 * np.searchsorted(key[order], np.arange(len(names) + 1))).tolist()
    seg = conn.execute("INSERT INTO search_segments(level) VALUES (0)").lastrowid
    conn.executemany(
        "INSERT INTO search_postings VALUES (?, ?, ?, ?)",
        (
            (name, seg, ids[a:b], wtf[a:b])
            for name, a, b in zip(names, edges, edges[1:], strict=False)
        ),
    )
    while True:
        full = conn.execute(
            "SELECT level FROM search_segments GROUP BY level HAVING count(*) >= ? "
            "ORDER BY level LIMIT 1",
            (FANOUT,),
        ).fetchone()
        if full is None:
            return
        segs = [
            s
            for (s,) in conn.execute(
                "SELECT seg FROM search_segments WHERE level = ? ORDER BY seg", (full[0],)
            )
        ]
        merge(conn, segs, full[0] + 1)


def _alive(conn: sqlite3.Connection) -> tuple[np.ndarray | None, bool]:
    """Mask of the rowids present in search_rows, and whether any ever assigned is gone.
    The mask is built only when some are gone (after a re-ingest): counting the rows costs
    far less than reading them, and a merge every eight documents must not read them all."""
    seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'search_rows'").fetchone()
    count, top = conn.execute(
        "SELECT count(*), coalesce(max(rowid), 0) FROM search_rows"
    ).fetchone()
    size = max(int(seq[0]) if seq else 0, int(top)) + 1
    if count == size - 1:  # rowid 0 is never assigned: every row ever written is there
        return None, False
    ids = np.fromiter((r for (r,) in conn.execute("SELECT rowid FROM search_rows")), "<i8")
    mask = np.zeros(size, bool)
    mask[ids] = True
    return mask, True


def merge(conn: sqlite3.Connection, segs: list[int], level: int) -> None:
    """Merge segments into one at `level`, dropping rows no longer in search_rows. Streams
    term by term (the sort is SQLite's), so memory stays at one term's postings; blobs are
    joined as bytes unless rows were deleted."""
    if not segs:
        return
    alive, has_dead = _alive(conn)
    new = conn.execute("INSERT INTO search_segments(level) VALUES (?)", (level,)).lastrowid
    marks = ",".join("?" * len(segs))
    cur = conn.execute(
        f"SELECT term, ids, wtf FROM search_postings WHERE seg IN ({marks}) ORDER BY term, seg",
        segs,
    )
    batch = []
    for term, group in itertools.groupby(cur, key=lambda r: r[0]):
        parts = list(group)
        if not has_dead:
            batch.append((term, new, b"".join(p[1] for p in parts), b"".join(p[2] for p in parts)))
        else:
            ids = np.frombuffer(b"".join(p[1] for p in parts), "<i4")
            keep = alive[ids]
            if keep.any():
                wtf = np.frombuffer(b"".join(p[2] for p in parts), "<f4")
                batch.append((term, new, ids[keep].tobytes(), wtf[keep].tobytes()))
        if len(batch) >= 2000:
            conn.executemany("INSERT INTO search_postings VALUES (?, ?, ?, ?)", batch)
            batch.clear()
    conn.executemany("INSERT INTO search_postings VALUES (?, ?, ?, ?)", batch)
    conn.execute(f"DELETE FROM search_postings WHERE seg IN ({marks})", segs)
    conn.execute(f"DELETE FROM search_segments WHERE seg IN ({marks})", segs)


def optimize(conn: sqlite3.Connection) -> None:
    """Merge every segment into one (after a bulk load): a term is then one blob."""
    segs = [s for (s,) in conn.execute("SELECT seg FROM search_segments ORDER BY seg")]
    top = conn.execute("SELECT coalesce(max(level), 0) FROM search_segments").fetchone()[0]
    if len(segs) > 1:
        merge(conn, segs, top + 1)


# -- reading -----------------------------------------------------------------------------


class Rows:
    """Per-row arrays, indexed by rowid: length in tokens, document index (-1: not present).
    Read once per index generation."""

    def __init__(self, conn: sqlite3.Connection, generation: str = ""):
        self.generation = generation
        data = conn.execute("SELECT rowid, doc_id, ntok FROM search_rows").fetchall()
        size = max((r[0] for r in data), default=0) + 1
        self.doc_ids: list[str] = sorted({r[1] for r in data})
        index = {d: i for i, d in enumerate(self.doc_ids)}
        self.length = np.zeros(size, "<f8")
        self.doc = np.full(size, -1, "<i4")
        for rowid, doc_id, ntok in data:
            self.length[rowid] = ntok
            self.doc[rowid] = index[doc_id]
        self.size = size
        self.count = len(data)
        # live segments, as SQL list literal (integers from the store): a term is one seek each
        segs = conn.execute("SELECT seg FROM search_segments ORDER BY seg").fetchall()
        self.segments = ",".join(str(int(s)) for (s,) in segs) or "NULL"
        self.avgdl = (float(self.length.sum()) / self.count) if self.count else 1.0

    def doc_mask(self, doc_ids: Iterable[str]) -> np.ndarray:
        """Rows (a mask over rowids) of these documents."""
        index = {d: i for i, d in enumerate(self.doc_ids)}
        wanted = np.zeros(len(self.doc_ids) + 1, bool)
        for d in doc_ids:
            if d in index:
                wanted[index[d]] = True
        return wanted[self.doc]  # -1 reads the spare last slot: False


class Postings:
    """The read side over one connection. Terms are read per query (no cache), so figures
    measure the index, not a warm cache of it."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._rows: tuple[str, Rows] | None = None
        self._lock = threading.Lock()

    def rows(self) -> Rows:
        gen = self.conn.execute("SELECT value FROM search_meta WHERE key = 'generation'").fetchone()
        gen = gen[0] if gen else ""
        with self._lock:
            if self._rows is None or self._rows[0] != gen:
                self._rows = (gen, Rows(self.conn, gen))
            return self._rows[1]

    def term(self, term: str, rows: Rows) -> tuple[np.ndarray, np.ndarray]:
        """(rowids, weighted frequencies) of the rows present that hold the term."""
        parts = self.conn.execute(
            f"SELECT ids, wtf FROM search_postings WHERE seg IN ({rows.segments}) AND term = ?",
            (term,),
        ).fetchall()
        if not parts:
            return np.empty(0, "<i4"), np.empty(0, "<f4")
        if len(parts) == 1:
            ids, wtf = np.frombuffer(parts[0][0], "<i4"), np.frombuffer(parts[0][1], "<f4")
        else:
            ids = np.concatenate([np.frombuffer(p[0], "<i4") for p in parts])
            wtf = np.concatenate([np.frombuffer(p[1], "<f4") for p in parts])
        keep = rows.doc[np.minimum(ids, rows.size - 1)] >= 0
        keep &= ids < rows.size
        if not keep.all():
            ids, wtf = ids[keep], wtf[keep]
        return ids, wtf

    def bm25(self, ids: np.ndarray, wtf: np.ndarray, rows: Rows) -> np.ndarray:
        """FTS5's bm25() contribution of one phrase to each of its rows."""
        n = len(ids)
        idf = math.log((rows.count - n + 0.5) / (n + 0.5))
        if idf <= 0.0:
            idf = 1e-6
        norm = K1 * (1 - B + B * rows.length[ids] / rows.avgdl)
        return idf * (wtf * (K1 + 1.0)) / (wtf + norm)

    def contains(self, term: str, rowids: Sequence[int], rows: Rows) -> np.ndarray:
        """For each of these rowids, whether its row holds the term."""
        ids, _ = self.term(term, rows)
        mask = np.zeros(rows.size, bool)
        mask[ids] = True
        probe = np.asarray(rowids, "<i8")
        return mask[np.clip(probe, 0, rows.size - 1)] & (probe < rows.size)


class Evaluation:
    """The rows a Match selects (ascending rowids) with their BM25, over one Rows."""

    def __init__(self, rowids: np.ndarray, scores: np.ndarray, rows: Rows):
        self.rowids, self.scores, self.rows = rowids, scores, rows

    def top(self, window: int, doc_ids: Iterable[str] | None = None) -> list[tuple[int, float]]:
        rowids, scores = self.rowids, self.scores
        if doc_ids is not None:
            keep = self.rows.doc_mask(doc_ids)[rowids]
            rowids, scores = rowids[keep], scores[keep]
        if len(rowids) > window:
            part = np.argpartition(-scores, window - 1)[:window]
            rowids, scores = rowids[part], scores[part]
        order = np.lexsort((rowids, -scores))  # best first; ties by rowid
        return [(int(r), float(s)) for r, s in zip(rowids[order], scores[order], strict=True)]

    def per_document(self) -> dict[str, int]:
        counts = np.bincount(self.rows.doc[self.rowids], minlength=len(self.rows.doc_ids))
        return {self.rows.doc_ids[i]: int(counts[i]) for i in np.flatnonzero(counts)}


def evaluate(postings: Postings, match) -> Evaluation | None:
    """Rows matching a search_app.engine.matching.Match, scored as FTS5 scores the same expression
    (every phrase of the expression adds its BM25, a repeated one as often as it occurs).
    None when a phrase is longer than two syllables: that needs positions (FTS5)."""
    phrases = [p for group in match.groups for p in group] + list(match.excluded)
    if not phrases or any(phrase_term(p) is None for p in phrases):
        return None
    rows = postings.rows()
    if not match.groups:  # nothing required: nothing matches (FTS5 cannot run it either)
        return Evaluation(np.empty(0, "<i8"), np.empty(0), rows)
    score = np.zeros(rows.size)
    found = np.zeros(rows.size, "<i2")
    read: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def ids_of(term: str) -> np.ndarray:
        if term not in read:
            ids, wtf = postings.term(term, rows)
            read[term] = (ids, postings.bm25(ids, wtf, rows))
        return read[term][0]

    for group in match.groups:
        present = np.zeros(rows.size, bool)
        for phrase in group:
            term = phrase_term(phrase)
            ids = ids_of(term)
            score[ids] += read[term][1]
            present[ids] = True
        found += present
    selected = found == len(match.groups) if match.mode == "all" else found > 0
    for phrase in match.excluded:
        selected[ids_of(phrase_term(phrase))] = False
    rowids = np.flatnonzero(selected)
    return Evaluation(rowids, score[rowids], rows)
