"""The postings that rank at scale must rank exactly as FTS5's bm25() on the same rows, match
the same rows, and stay right through re-ingest, deletion and segment merges."""

from __future__ import annotations

import sqlite3

import pytest

from ingest.pipeline import parse_bytes
from ingest.store import Store
from search_app.engine.backends import postings
from search_app.engine.backends.sqlite import SqliteIndexer, SqliteSearcher, fts5_expression
from search_app.engine.matching import Match, relaxed_match, strict_match
from search_app.engine.query import parse_query

QUERIES = [
    "hợp đồng lao động",
    "hop dong lao dong",
    "người lao động được nghỉ phép năm bao nhiêu ngày",
    "cơ quan nhà nước có thẩm quyền",
    "sa thải OR khiển trách",
    "kỷ luật lao động -sa thải",
    "chỉ định thầu",
    "22/2023/QH15",
    "dat dai",
]


def fts5_ranking(conn: sqlite3.Connection, match: Match) -> tuple[int, dict[int, float]]:
    expr = fts5_expression(match)
    total = conn.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", (expr,))
    top = conn.execute(
        "SELECT rowid, -rank FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT 50",
        (expr,),
    )
    return total.fetchone()[0], dict(top.fetchall())


def matches(searcher: SqliteSearcher, q: str) -> list[Match]:
    pq = parse_query(q)
    found = [strict_match(pq), relaxed_match(pq, searcher.is_common)]
    return [m for m in found if m is not None]


@pytest.mark.parametrize("q", QUERIES)
def test_bm25_over_postings_is_fts5_bm25(samples_db, q):
    conn = sqlite3.connect(samples_db)
    searcher = SqliteSearcher(conn)
    for match in matches(searcher, q):
        found = postings.evaluate(searcher.postings, match)
        assert found is not None
        total, fts = fts5_ranking(conn, match)
        assert len(found.rowids) == total > 0
        mine = dict(found.top(50))
        for rowid, score in fts.items():
            if rowid in mine:
                assert mine[rowid] == pytest.approx(score, rel=1e-5)
        # the same fifty, but for ties at the boundary
        assert len(set(mine) & set(fts)) >= len(fts) - 2


def test_phrases_longer_than_two_syllables_go_to_fts5(samples_db):
    conn = sqlite3.connect(samples_db)
    searcher = SqliteSearcher(conn)
    match = strict_match(parse_query('"thời giờ làm việc"'))
    assert postings.evaluate(searcher.postings, match) is None
    hits = searcher.candidates(match, None, 10)
    assert hits and hits == list(fts5_ranking(conn, match)[1].items())[:10]


def law(number: str, body: str) -> bytes:
    return (
        "QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        f"Luật số: {number}\nLUẬT\nTHỬ NGHIỆM\n"
        f"Điều 1. Phạm vi\n{body}\nĐiều 2. Hiệu lực thi hành\n"
        "Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2025.\n"
    ).encode()


def store_with(tmp_path, count: int) -> Store:
    store = Store(tmp_path / "p.sqlite")
    for i in range(count):
        doc = parse_bytes(f"law{i}.txt", law(f"{i + 1}/2024/QH15", f"Quy định về cây số {i}."))
        store.put(doc, indexers=[SqliteIndexer()])
    return store


def agree(conn: sqlite3.Connection, q: str) -> int:
    """Rows matched by the postings, checked against FTS5."""
    searcher = SqliteSearcher(conn)
    match = strict_match(parse_query(q))
    found = postings.evaluate(searcher.postings, match)
    total, fts = fts5_ranking(conn, match)
    assert len(found.rowids) == total
    assert set(dict(found.top(50))) == set(fts)
    return total


def test_segments_merge_without_changing_results(tmp_path):
    store = store_with(tmp_path, postings.FANOUT - 1)
    conn = store.conn
    levels = lambda: [lv for (lv,) in conn.execute("SELECT level FROM search_segments")]  # noqa: E731
    assert levels() == [0] * (postings.FANOUT - 1)
    assert agree(conn, "cay so") == postings.FANOUT - 1
    doc = parse_bytes("last.txt", law("99/2024/QH15", "Quy định về cây số cuối."))
    store.put(doc, indexers=[SqliteIndexer()])
    assert levels() == [1]  # eight level-0 segments became one
    assert agree(conn, "cay so") == postings.FANOUT
    assert agree(conn, "cuoi") == 1


def test_reingest_leaves_no_stale_rows(tmp_path):
    store = store_with(tmp_path, 3)
    conn = store.conn
    assert agree(conn, "cay so") == 3
    changed = parse_bytes("law1.txt", law("2/2024/QH15", "Quy định về hoa sen."))
    store.put(changed, indexers=[SqliteIndexer()])
    assert agree(conn, "cay so") == 2  # its old row's postings are still in a segment
    assert agree(conn, "hoa sen") == 1
    SqliteIndexer.optimize(conn)
    assert conn.execute("SELECT count(*) FROM search_segments").fetchone()[0] == 1
    stale = conn.execute("SELECT ids FROM search_postings WHERE term = 'cay'").fetchone()[0]
    alive = {r for (r,) in conn.execute("SELECT rowid FROM search_rows")}
    assert set(postings.np.frombuffer(stale, "<i4").tolist()) <= alive
    assert agree(conn, "cay so") == 2


def test_exact_terms_only_for_accented_syllables():
    terms, length = postings.row_terms("thue nha", "nguoi thue nha", "luat", "Thuê nhà\nNgười")
    assert terms["thue"] == 4.0 + 1.0 and terms["thue nha"] == 5.0
    assert terms["luat"] == pytest.approx(0.3)
    assert {t for t in terms if t.startswith(postings.EXACT)} == {"=thuê", "=nhà", "=người"}
    assert length == 6


def test_exact_terms_split_at_underscores_as_fts5_does():
    """The fast tokenizer is used only without "_": with one, FTS5 splits there too."""
    terms, _ = postings.row_terms("", "muc_luc dieu 5 khoan²", "", "Mục_lục điều-5 Khoản²")
    assert {t for t in terms if t.startswith(postings.EXACT)} == {
        "=mục",
        "=lục",
        "=điều",
        "=khoản²",
    }
    assert postings._tokens("Mục_lục") == ["Mục", "lục"]
    text = "Điều 5. Khoản 2, điểm a) — ½ “hợp đồng” ٣ x²"
    assert postings._tokens(text) == postings._TOKEN.findall(text)


def test_failed_rebuild_keeps_the_index_it_replaces(tmp_path):
    """A rebuild runs in one transaction: if it fails half-way, the old index answers."""
    store = store_with(tmp_path, 3)
    conn = store.conn
    docs = [store.get(r["id"]) for r in store.list_documents()]

    def failing():
        yield docs[0]
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        SqliteIndexer().rebuild(conn, failing())
    assert agree(conn, "cay so") == 3
    assert SqliteIndexer().rebuild(conn, iter(docs)) == 3
    assert agree(conn, "cay so") == 3


def test_terms_from_the_columns_words_are_the_terms_of_their_text():
    """The indexer hands over the folded words it joined; FTS5 splits at "_" as well, so a
    word holding one ("ma_so", a code in a table) is split as the text would be."""
    words = ["ma_so", "thue", "nha"]
    assert postings.index_tokens(words, " ".join(words)) == ["ma", "so", "thue", "nha"]
    assert postings.index_tokens(["thue", "nha"], "thue nha") == ["thue", "nha"]
    heading, body, context = "thue nha", "ma_so thue nha o", "luat thue"
    expected = postings.row_terms(heading, body, context, "Thuê nhà\nmã_số")
    given = postings.token_terms(
        *(postings.index_tokens(t.split(), t) for t in (heading, body, context)),
        "Thuê nhà\nmã_số",
    )
    assert given == expected and expected[0]["ma so"] == 1.0
