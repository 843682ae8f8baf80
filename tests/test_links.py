"""Links recomputed after each ingest only for the documents it can affect must equal a
recomputation of every document, whatever the order documents arrive in."""

from __future__ import annotations

import shutil

import pytest

from ingest.enrich import _TABLES, affected, refresh_links
from ingest.links.catalogue import Catalogue, DocumentMemory
from ingest.pipeline import parse_file
from ingest.store import Store
from tests.conftest import SAMPLES

# amending and guiding documents before the laws they amend and guide, so citations resolve
# late; BLLĐ 2019 Điều 219 amends BLTTDS 2015 Điều 32
ORDER = [
    "procurement/amend1_luat_57-2024-QH15.docx",
    "procurement/nd_214-2025-ND-CP.docx",
    "codes/bo-luat-lao-dong-2019.txt",
    "procurement/base_luat_22-2023-QH15.docx",
    "procurement/tt_79-2025-TT-BTC.docx",
    "codes/bo-luat-to-tung-dan-su-2015.txt",
]


def tables(store: Store) -> dict[str, list[tuple]]:
    return {
        table: sorted((tuple(r) for r in store.conn.execute(f"SELECT * FROM {table}")), key=repr)
        for table, _ in _TABLES
    }


@pytest.fixture(scope="module")
def docs():
    missing = [name for name in ORDER if not (SAMPLES / name).exists()]
    assert not missing, missing
    return [parse_file(SAMPLES / name) for name in ORDER]


def test_incremental_refresh_equals_full_refresh(docs, tmp_path):
    store = Store(tmp_path / "inc.sqlite")
    recomputed = []
    for doc in docs:
        store.put(doc)
        recomputed.append(refresh_links(store, [doc.id])["recomputed"])
    # the first documents are recomputed again when what they cite arrives; never all of
    # them for a document that nothing cites
    assert recomputed[0] == 1 and recomputed[3] >= 3  # Luật Đấu thầu: 57/2024, NĐ 214 too
    incremental = tables(store)
    store.close()
    shutil.copy(tmp_path / "inc.sqlite", tmp_path / "full.sqlite")
    with Store(tmp_path / "full.sqlite") as full:
        refresh_links(full)
        assert tables(full) == incremental
    assert sum(len(rows) for rows in incremental.values()) > 1000


def test_a_memory_of_documents_spares_reads_and_changes_no_link(docs, tmp_path):
    """A bulk ingest's writer keeps the documents the links read from one batch to the
    next: the codes the later documents cite are read back once, and the tables are those
    of a recomputation over the whole store."""
    counts = {}
    for name, memory in (("plain", None), ("memory", DocumentMemory())):
        store = Store(tmp_path / f"{name}.sqlite")
        reads = []
        load = store.get
        store.get = lambda doc_id, load=load, reads=reads: reads.append(doc_id) or load(doc_id)
        for doc in docs:  # a batch each
            store.put(doc)
            refresh_links(store, [doc.id], documents=[doc], memory=memory)
            if memory is not None:
                memory.keep(doc)
        counts[name] = len(reads)
        incremental = tables(store)
        refresh_links(store)
        assert tables(store) == incremental
        store.close()
    assert counts["memory"] == 0 < counts["plain"]


def test_a_memory_of_documents_lets_go_of_the_least_recently_used(docs):
    memory = DocumentMemory(chars=docs[0].text_chars + docs[1].text_chars)
    memory.keep(docs[0])
    memory.keep(docs[1])
    assert memory.get(docs[0].id)[0] is docs[0]  # used: docs[1] is now the oldest
    memory.keep(docs[4])
    assert memory.get(docs[1].id) is None
    assert memory.get(docs[0].id)[0] is docs[0] and memory.get(docs[4].id)[0] is docs[4]
    memory.forget(docs[0].id)
    assert memory.get(docs[0].id) is None


def test_reingest_of_a_cited_law_recomputes_who_cites_it(docs, tmp_path):
    store = Store(tmp_path / "s.sqlite")
    for doc in docs:
        store.put(doc)
    refresh_links(store)
    dau_thau = docs[3]
    changed = parse_file(SAMPLES / ORDER[3])
    article = changed.find("chuong_2__muc_3__dieu_34")
    article.children = article.children[:1]  # khoản 2 gone: 57/2024's anchor breaks
    store.put(changed)
    cat = Catalogue.from_store(store)
    todo = affected(store, cat, {dau_thau.id})
    assert {"22-2023-QH15", "57-2024-QH15", "214-2025-ND-CP", "79-2025-TT-BTC"} <= todo
    assert "92-2015-QH13" not in todo  # BLTTDS cites nothing of it
    refresh_links(store, [dau_thau.id])
    incremental = tables(store)
    refresh_links(store)
    assert tables(store) == incremental
    broken = store.conn.execute(
        "SELECT status FROM citations WHERE doc_id = '57-2024-QH15' "
        "AND unit_id = 'dieu_4__khoan_11' AND text = 'khoản 2 Điều 34'"
    ).fetchone()
    assert broken[0] == "unit does not exist"


def test_links_written_with_each_document_equal_a_full_recomputation(tmp_path):
    """Each document is committed with the links it changes; the tables that result are
    those a recomputation over the whole store gives."""
    import sqlite3

    from lexvn.ingest_files import ingest_samples

    db = tmp_path / "each.sqlite"
    with Store(db) as store:
        ingest_samples(store)
    shutil.copy(db, tmp_path / "full.sqlite")
    with Store(tmp_path / "full.sqlite") as store:
        refresh_links(store)
    each, full = sqlite3.connect(db), sqlite3.connect(tmp_path / "full.sqlite")
    for table in ("citations", "relations", "amendments", "unit_effective"):
        rows = [sorted(map(repr, c.execute(f"SELECT * FROM {table}"))) for c in (each, full)]
        assert rows[0] == rows[1], table
        assert rows[0], table


def test_a_reader_never_sees_a_document_without_its_links(tmp_path):
    from search_app.engine.backends.sqlite import SqliteIndexer

    db = tmp_path / "s.sqlite"
    with Store(db) as store:
        store.put(parse_file(SAMPLES / "procurement/base_luat_22-2023-QH15.docx"))
        refresh_links(store)
        reader = Store(db, read_only=True)
        amending = parse_file(SAMPLES / "procurement/amend1_luat_57-2024-QH15.docx")
        with store.transaction():
            store.put(amending, indexers=[SqliteIndexer()])
            refresh_links(store, [amending.id])
            assert reader.get(amending.id) is None  # not yet committed: nothing of it
        assert reader.get(amending.id) is not None
        seen = reader.conn.execute(
            "SELECT count(*) FROM amendments WHERE src_doc_id = ?", (amending.id,)
        ).fetchone()[0]
        assert seen > 0  # the document and its amendments arrive together
        reader.close()


def test_a_name_resolves_to_the_law_not_to_a_vbhn_of_it_nor_fails_on_an_undated_copy():
    """The whole-corpus ingest failed with "'>' not supported between date and int" when one
    of the documents named "Luật Doanh nghiệp" had no date; and a VBHN bears the title of
    the law it consolidates, but "Luật Doanh nghiệp" in a text means the law."""
    from datetime import date

    from ingest.links.catalogue import Catalogue
    from schema.model import Metadata

    docs = {
        "68-2014-QH13": Metadata(
            doc_type="Luật", title="Luật Doanh nghiệp", issued=date(2014, 11, 26)
        ),
        "59-2020-QH14": Metadata(
            doc_type="Luật", title="Luật Doanh nghiệp", issued=date(2020, 6, 17)
        ),
        "undated": Metadata(doc_type="Luật", title="Luật Doanh nghiệp"),
        "67-VBHN-VPQH": Metadata(
            doc_type="Văn bản hợp nhất", title="Luật Doanh nghiệp", issued=date(2025, 7, 1)
        ),
    }
    assert Catalogue(docs, lambda _id: None).lookup(None, "Luật Doanh nghiệp") == "59-2020-QH14"


def test_a_name_in_an_older_text_resolves_to_the_law_of_its_time():
    """ "Sửa đổi, bổ sung một số điều của Luật quản lý thuế:" in Luật 21/2012/QH13 is Luật
    78/2006/QH11, not the Luật Quản lý thuế 38/2019/QH14 stored beside it (the whole-corpus
    store had applied 5 of its instructions instead of 41)."""
    from datetime import date

    from ingest.links.catalogue import Catalogue
    from schema.model import Metadata

    docs = {
        "78-2006-QH11": Metadata(
            doc_type="Luật", title="Luật Quản lý thuế", issued=date(2006, 11, 29)
        ),
        "38-2019-QH14": Metadata(
            doc_type="Luật", title="Luật Quản lý thuế", issued=date(2019, 6, 13)
        ),
    }
    cat = Catalogue(docs, lambda _id: None)
    assert cat.lookup(None, "Luật quản lý thuế") == "38-2019-QH14"
    assert cat.lookup(None, "Luật quản lý thuế", date(2012, 11, 20)) == "78-2006-QH11"
    assert cat.lookup(None, "Luật quản lý thuế", date(2000, 1, 1)) is None


def test_a_version_4_store_gets_the_keys_of_its_written_targets(docs, tmp_path):
    """Schema 5 indexes the key of every written target; a store written before it gets
    the keys when opened for writing, and what a new document touches is found by them."""
    import sqlite3

    from ingest.store import SCHEMA_VERSION

    path = tmp_path / "v4.sqlite"
    with Store(path) as store:
        for doc in docs[:3]:
            store.put(doc)
        refresh_links(store)
        expected = tables(store)
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP INDEX citations_key; DROP INDEX relations_key;"
        "ALTER TABLE citations DROP COLUMN target_key; ALTER TABLE relations DROP COLUMN dst_key;"
        "PRAGMA user_version=4;"
    )
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert tables(store) == expected  # the keys filled in as a refresh writes them
        store.put(docs[3])  # Luật Đấu thầu: the amending law and the decree that cite it
        todo = affected(store, Catalogue.from_store(store), {docs[3].id})
        assert {"57-2024-QH15", "214-2025-ND-CP"} <= todo


def test_the_stored_catalogue_answers_as_the_one_in_memory(docs, tmp_path):
    """Catalogue.from_store looks numbers and names up by indexed columns, one at a time;
    the in-memory catalogue over the same documents gives the same answer to every target
    the texts write, read at every document's date."""
    from ingest.pipeline import parse_bytes

    with Store(tmp_path / "s.sqlite") as store:
        for doc in docs:
            store.put(doc)
        # a second law of a name already stored, later: the newest of the name wins
        store.put(parse_bytes("later.txt", _SAME_NAME_LATER.encode()))
        refresh_links(store)
        ids = [r[0] for r in store.conn.execute("SELECT id FROM documents ORDER BY rowid")]
        memory = Catalogue({i: store.get(i).metadata for i in ids}, store.get)
        stored = Catalogue.from_store(store)
        written = {r[0] for r in store.conn.execute("SELECT target_doc FROM citations") if r[0]}
        written |= {r[0] for r in store.conn.execute("SELECT dst_written FROM relations")}
        written |= {memory.metadata[i].title for i in ids} | {
            memory.metadata[i].number for i in ids
        }
        dates = [memory.issued(i) for i in ids] + [None]
        asked = 0
        for text in sorted(t for t in written if t):
            for when in dates:
                assert stored.lookup(text, None) == memory.lookup(text, None), text
                assert stored.lookup(None, text, when) == memory.lookup(None, text, when), text
                asked += 1
        assert asked > 200
        assert stored.lookup(None, "Luật Đấu thầu") == "99-2026-QH15"
        assert set(stored.metadata) == set(ids)


_SAME_NAME_LATER = """QUỐC HỘI
Luật số: 99/2026/QH15
Hà Nội, ngày 01 tháng 12 năm 2026
LUẬT
ĐẤU THẦU
Điều 1. Phạm vi điều chỉnh
Luật này quy định về đấu thầu.
"""


def test_a_time_clause_ends_nothing_and_a_list_after_bai_bo_is_all_repealed():
    """Nghị định 212/2025/NĐ-CP: "… khoản 2 Điều 11 Nghị định số 30/2016/NĐ-CP tiếp tục thực
    hiện cho đến khi Luật Việc làm số 38/2013/QH13 ngày 16 tháng 11 năm 2013 hết hiệu lực"
    ends Nghị định 30/2016/NĐ-CP (the sentence before), not Luật Việc làm. Luật Đất đai
    2013: "Bãi bỏ Điều 57 của Luật hàng không dân dụng Việt Nam số 66/2006/QH11; Điều 2 của
    Luật số 34/2009/QH12 …; Điều 4 của Luật số 38/2009/QH12 …" repeals each of them."""
    from tests.corpus_golden import CORPUS

    decree = CORPUS / "fulltext/congbao/nghi-dinh-so-212-2025-nd-cp-45740.txt"
    land = CORPUS / "fulltext/thuvienphapluat/Luật_đất_đai_2013.txt"
    if not decree.exists():
        pytest.skip("../shared/corpus is not here")
    ended = {(r.kind, r.target.number) for r in parse_file(decree).metadata.relations}
    assert ("het_hieu_luc", "30/2016/NĐ-CP") in ended
    assert not any(number == "38/2013/QH13" for _, number in ended)
    repealed = {r.target.number for r in parse_file(land).metadata.relations if r.kind == "bai_bo"}
    assert {"66/2006/QH11", "34/2009/QH12", "38/2009/QH12", "64/2010/QH12"} <= repealed


def test_a_page_of_the_bo_phap_dien_is_no_document(tmp_path):
    """A web copy of a đề mục page ("Điều 16.1.LQ.1. Nhiệm vụ của Bộ luật Hình sự" / "(Điều 1
    Bộ luật số 100/2015/QH13 …)"), stored as a document, read the source notes of its
    codified articles as its own provisions and ended Bộ luật Hình sự and Bộ luật Tố tụng
    hình sự: it is refused, named, and the dump is imported instead."""
    from tests.corpus_golden import CORPUS

    page = CORPUS / "phapdien/hinh-su/hinh-su.md"
    if not page.exists():
        pytest.skip("../shared/corpus is not here")
    errors = [i for i in parse_file(page).issues if i.severity == "error"]
    assert [i.code for i in errors] == ["phapdien-page"]
    assert "Điều 16.1.LQ.1." in errors[0].message and "import-phapdien" in errors[0].message


def test_what_is_ended_is_read_in_its_sentence():
    """Nghị định 226/2025/NĐ-CP: "Thay thế, bãi bỏ các từ, cụm từ, phụ lục tại Nghị định số
    112/2024/NĐ-CP" repeals some of it, not all; "Nghị định số … của Chính phủ về việc quy
    định chi tiết một số điều của Nghị quyết số 132/2020/QH14 … hết hiệu lực" ends the
    decree, not the Nghị quyết it details. Nghị quyết 132/2020/QH14: "… và hết hiệu lực khi
    Luật Đất đai số 45/2013/QH13 hết hiệu lực" ends nothing."""
    from tests.corpus_golden import CORPUS

    folder = CORPUS / "fulltext/thuvienphapluat"
    if not folder.exists():
        pytest.skip("../shared/corpus is not here")
    decree = {
        (r.kind, r.target.number): r.partial
        for r in parse_file(folder / "Nghị_định_226_2025_NĐ-CP.txt").metadata.relations
    }
    assert decree[("bai_bo", "112/2024/NĐ-CP")] is True
    assert decree[("het_hieu_luc", "26/2021/NĐ-CP")] is False
    assert ("het_hieu_luc", "132/2020/QH14") not in decree
    resolution = parse_file(folder / "Nghị_quyết_132_2020_QH14.txt").metadata.relations
    assert not [r for r in resolution if r.kind == "het_hieu_luc"]


def test_provisions_listed_under_cac_quy_dinh_sau_day_end_some_of_a_decree():
    """Nghị định 151/2025/NĐ-CP: "4. Các quy định sau đây hết hiệu lực …" / "b) Khoản 5 và
    khoản 11 Điều 9; …; các Mẫu số 01/ĐK, 02/ĐK, … 14/ĐK Nghị định số 101/2024/NĐ-CP;":
    some of Nghị định 101/2024/NĐ-CP ends, and the forms are no documents."""
    from tests.corpus_golden import CORPUS

    decree = CORPUS / "fulltext/thuvienphapluat/Nghị_định_151_2025_NĐ-CP.txt"
    if not decree.exists():
        pytest.skip("../shared/corpus is not here")
    ended = {
        r.target.number: r.partial
        for r in parse_file(decree).metadata.relations
        if r.kind == "het_hieu_luc"
    }
    assert ended["101/2024/NĐ-CP"] is True and ended["71/2024/NĐ-CP"] is True
    assert not [n for n in ended if n.endswith("/ĐK")]


def test_what_was_issued_with_a_document_ends_some_of_it():
    """Thông tư 12/2021/TT-BLĐTBXH: "Các quy trình kiểm định số QTKĐ: 21-2016/BLĐTBXH …
    và QTKĐ: 24-2016/BLĐTBXH … ban hành kèm theo Thông tư số 54/2016/TT-BLĐTBXH … hết hiệu
    lực": three of the procedures Thông tư 54/2016 issued end; it stays in force (the Bộ pháp
    điển of mid-2024 still codifies it)."""
    from tests.corpus_golden import CORPUS

    circular = CORPUS / "fulltext/congbao/thong-tu-so-12-2021-tt-bldtbxh-34567.txt"
    if not circular.exists():
        pytest.skip("../shared/corpus is not here")
    ended = {
        r.target.number: r.partial
        for r in parse_file(circular).metadata.relations
        if r.kind == "het_hieu_luc"
    }
    assert ended == {"54/2016/TT-BLĐTBXH": True}
