"""Citation parsing on the phrases the docstring of ingest/links/citations.py lists, resolution
against real and hand-made documents, relations, and validity at dates."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from ingest.enrich import refresh_links
from ingest.links.citations import extract
from ingest.links.validity import document_status, unit_status
from ingest.pipeline import parse_bytes, parse_file
from ingest.store import Store
from lexvn.cli import main
from tests.conftest import SAMPLES


@pytest.mark.parametrize(
    "text,cited,units,doc",
    [
        (
            "khoản 2 Điều 5 của Luật này",
            "khoản 2 Điều 5 của Luật này",
            [{"khoan": "2", "dieu": "5"}],
            "this",
        ),
        (
            "điểm a và điểm b khoản 1 Điều 3",
            "điểm a và điểm b khoản 1 Điều 3",
            [{"diem": "a", "khoan": "1", "dieu": "3"}, {"diem": "b", "khoan": "1", "dieu": "3"}],
            None,
        ),
        (
            "các khoản 2a, 2b và 2c Điều 11",
            "khoản 2a, 2b và 2c Điều 11",
            [{"khoan": k, "dieu": "11"} for k in ("2a", "2b", "2c")],
            None,
        ),
        (
            "từ Điều 5 đến Điều 10",
            "Điều 5 đến Điều 10",
            [{"dieu": str(n)} for n in range(5, 11)],
            None,
        ),
        ("quy định tại Điều này", "Điều này", [{"dieu": "này"}], None),
        ("thuộc Chương II", "Chương II", [{"chuong": "II"}], None),
        (
            "Nghị định số 34/2016/NĐ-CP ngày 14/5/2016",
            "Nghị định số 34/2016/NĐ-CP",
            [],
            "34/2016/NĐ-CP",
        ),
        ("Luật Đất đai số 31/2024/QH15;", "Luật Đất đai số 31/2024/QH15", [], "31/2024/QH15"),
        ("Luật số 57/2024/QH15", "Luật số 57/2024/QH15", [], "57/2024/QH15"),
        ("theo quy định của Bộ luật Lao động.", "Bộ luật Lao động", [], "Bộ luật Lao động"),
        # names with function words and commas, from schema/law_names.txt; the first three
        # are written so in the samples (QĐ 2083/QĐ-UBND Bạc Liêu; BLDS and BLTTDS 2015)
        (
            "của Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng và",
            "Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng",
            [],
            "Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng",
        ),
        (
            "theo quy định của Luật hôn nhân và gia đình.",
            "Luật hôn nhân và gia đình",
            [],
            "Luật hôn nhân và gia đình",
        ),
        (
            "Luật trách nhiệm bồi thường của Nhà nước;",
            "Luật trách nhiệm bồi thường của Nhà nước",
            [],
            "Luật trách nhiệm bồi thường của Nhà nước",
        ),
        (
            "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13;",
            "Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13",
            [],
            "80/2015/QH13",
        ),
        (
            "Điều 5 Luật Phòng, chống tham nhũng và",
            "Điều 5 Luật Phòng, chống tham nhũng",
            [{"dieu": "5"}],
            "Luật Phòng, chống tham nhũng",
        ),
        (
            "điểm a khoản 19 và khoản 20 Điều 1",
            "điểm a khoản 19 và khoản 20 Điều 1",
            [{"diem": "a", "khoan": "19", "dieu": "1"}, {"khoan": "20", "dieu": "1"}],
            None,
        ),
        (
            "Khoản 5 Điều 13 và khoản 3 Điều 14 Nghị định số 165/2017/NĐ-CP",
            "Khoản 5 Điều 13 và khoản 3 Điều 14 Nghị định số 165/2017/NĐ-CP",
            [{"khoan": "5", "dieu": "13"}, {"khoan": "3", "dieu": "14"}],
            "165/2017/NĐ-CP",
        ),
    ],
)
def test_citation_phrases(text, cited, units, doc):
    (ref,) = extract(text)
    assert ref.text == cited and text[ref.start : ref.end] == cited
    assert ref.units == units
    if doc == "this":
        assert ref.doc.this
    elif doc is None:
        assert ref.doc is None
    else:
        assert doc in (ref.doc.number, ref.doc.name)


@pytest.mark.parametrize(
    "text",
    [
        "theo quy định của pháp luật về lao động",
        "luật sư bào chữa",
        "điều kiện làm việc",
        "theo quy định của luật có liên quan",
        "ngày 01 tháng 7 năm 2025",
        "hiệu chỉnh sai lệch đối với các hạng mục này",  # NĐ 214 Điều 140: an item
        "tại thời điểm này",
        "chủ sở hữu tài khoản này",
        "thì điều khoản này không có hiệu lực",  # BLDS Điều 405: a term of a contract
        "theo thang điểm 100 hoặc 1.000",  # Luật Đấu thầu Điều 39
        "CHƯƠNG I: XE Ô TÔ",  # a heading in a price table
        "tổng giá trị của các phần này",  # lots of a package
    ],
)
def test_words_that_are_not_citations(text):
    assert extract(text) == []


@pytest.mark.parametrize(
    "text",
    ["điều kiện làm việc", "vì mục đích công cộng", "công ty cổ phần", "kiến nghị của cử tri"],
)
def test_unit_words_without_a_designator_are_not_read(text):
    """The gate: a unit word with no designator after it is not split into tokens."""
    from ingest.links.citations import _TRIGGER

    assert _TRIGGER.search(text.lower()) is None


def test_the_gate_lets_every_paragraph_with_an_atom_through():
    """The gate is looser than the atoms: a paragraph it stops holds none, checked over
    every heading and paragraph of four sample documents (laws, a decree, a circular)."""
    from ingest.links import citations

    names = [
        "codes/bo-luat-lao-dong-2019.txt",
        "procurement/base_luat_22-2023-QH15.docx",
        "procurement/nd_214-2025-ND-CP.docx",
        "procurement/tt_79-2025-TT-BTC.docx",
    ]
    stopped = 0
    for name in names:
        doc = parse_file(SAMPLES / name)
        for unit in doc.walk():
            for text in (unit.heading, *unit.text, *unit.tail):
                if text and citations._TRIGGER.search(text.lower()) is None:
                    tokens = [t for _, t in citations._SPACED_TOKEN.findall(text)]
                    assert citations._atoms(" ".join(tokens), tokens) == [], text
                    stopped += 1
    assert stopped > 500


DECREE_A = """CHÍNH PHỦ
Số: 10/2020/NĐ-CP
Hà Nội, ngày 15 tháng 01 năm 2020
NGHỊ ĐỊNH
Về quản lý thử nghiệm
Căn cứ Luật Thử nghiệm số 99/2019/QH14;
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định về quản lý thử nghiệm.
Điều 2. Hiệu lực thi hành
Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 3 năm 2020.
TM. CHÍNH PHỦ
THỦ TƯỚNG
Nguyễn Văn A
"""
DECREE_B = """CHÍNH PHỦ
Số: 20/2024/NĐ-CP
Hà Nội, ngày 15 tháng 5 năm 2024
NGHỊ ĐỊNH
Về quản lý thử nghiệm
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định về quản lý thử nghiệm, thay thế quy định cũ.
Điều 2. Hiệu lực thi hành
1. Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2024.
2. Nghị định này thay thế Nghị định số 10/2020/NĐ-CP ngày 15 tháng 01 năm 2020 của Chính phủ về quản lý thử nghiệm.
TM. CHÍNH PHỦ
THỦ TƯỚNG
Nguyễn Văn B
"""
DELAYED = """QUỐC HỘI
Luật số: 96/2024/QH15
Hà Nội, ngày 20 tháng 11 năm 2024
LUẬT
THỬ NGHIỆM
Điều 1. Phạm vi điều chỉnh
Luật này quy định về thử nghiệm.
Điều 2. Nghĩa vụ
1. Tổ chức thử nghiệm phải đăng ký.
2. Tổ chức thử nghiệm phải báo cáo.
3. Tổ chức thử nghiệm phải công khai kết quả trên cổng thông tin điện tử.
Điều 3. Hiệu lực thi hành
1. Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.
2. Khoản 3 Điều 2 của Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.
CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn
"""
LOCAL = """ỦY BAN NHÂN DÂN
TỈNH THỬ NGHIỆM
Số: 12/2024/QĐ-UBND
Thử Nghiệm, ngày 01 tháng 3 năm 2024
QUYẾT ĐỊNH
Ban hành quy định về thử nghiệm
Điều 1. Phạm vi
Quyết định này quy định về thử nghiệm trên địa bàn tỉnh.
Điều 5. Trách nhiệm
1. Sở Khoa học và Công nghệ hướng dẫn thực hiện.
2. Ủy ban nhân dân cấp huyện thu phí thử nghiệm.
Điều 6. Hiệu lực
Quyết định này có hiệu lực kể từ ngày 15 tháng 3 năm 2024.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Văn C
"""
SUSPENSION = """BỘ TƯ PHÁP
Số: 30/QĐ-BTP
Hà Nội, ngày 10 tháng 6 năm 2024
QUYẾT ĐỊNH
Về việc đình chỉ việc thi hành một phần văn bản
Điều 1. Đình chỉ việc thi hành khoản 2 Điều 5 của Quyết định số 12/2024/QĐ-UBND ngày 01 tháng 3 năm 2024 của Ủy ban nhân dân tỉnh Thử Nghiệm.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Phan Văn D
"""


def _store(tmp_path, texts=(), files=()):
    db = tmp_path / "v.sqlite"
    store = Store(db)
    for i, text in enumerate(texts):
        store.put(parse_bytes(f"doc{i}.txt", text.encode()))
    for path in files:
        store.put(parse_file(path))
    refresh_links(store)
    return store


def test_replaced_decree(tmp_path):
    with _store(tmp_path, [DECREE_A, DECREE_B]) as store:
        a = "10-2020-ND-CP"
        assert document_status(store.conn, a, date(2020, 2, 1)).status == "Chưa có hiệu lực"
        assert document_status(store.conn, a, date(2024, 6, 30)).status == "Còn hiệu lực"
        after = document_status(store.conn, a, date(2024, 7, 1))
        assert after.status == "Hết hiệu lực toàn bộ"
        assert any(e.kind == "thay_the" and e.by_doc_id == "20-2024-ND-CP" for e in after.events)


def test_delayed_clause(tmp_path):
    with _store(tmp_path, [DELAYED]) as store:
        d = "96-2024-QH15"
        assert document_status(store.conn, d, date(2025, 8, 1)).status == "Còn hiệu lực"
        late = unit_status(store.conn, d, "dieu_2__khoan_3", date(2025, 8, 1))
        assert (late.status, late.effective) == ("Chưa có hiệu lực", "2026-01-01")
        assert (
            unit_status(store.conn, d, "dieu_2__khoan_3", date(2026, 1, 1)).status == "Còn hiệu lực"
        )
        assert (
            unit_status(store.conn, d, "dieu_2__khoan_1", date(2025, 8, 1)).status == "Còn hiệu lực"
        )


def test_suspended_unit(tmp_path):
    with _store(tmp_path, [LOCAL, SUSPENSION]) as store:
        d = "12-2024-QD-UBND"
        assert (
            unit_status(store.conn, d, "dieu_5__khoan_2", date(2024, 6, 1)).status == "Còn hiệu lực"
        )
        assert (
            unit_status(store.conn, d, "dieu_5__khoan_2", date(2024, 6, 10)).status
            == "Ngưng hiệu lực"
        )
        assert (
            unit_status(store.conn, d, "dieu_5__khoan_1", date(2024, 6, 10)).status
            == "Còn hiệu lực"
        )
        assert document_status(store.conn, d, date(2024, 6, 10)).status == "Ngưng hiệu lực một phần"


DAU_THAU = SAMPLES / "procurement/base_luat_22-2023-QH15.docx"
SUA_DOI = SAMPLES / "procurement/amend1_luat_57-2024-QH15.docx"
ND_214 = SAMPLES / "procurement/nd_214-2025-ND-CP.docx"
TT_79 = SAMPLES / "procurement/tt_79-2025-TT-BTC.docx"


@pytest.fixture(scope="module")
def procurement(tmp_path_factory):
    store = _store(tmp_path_factory.mktemp("p"), files=[SUA_DOI, ND_214, TT_79, DAU_THAU])
    yield store
    store.close()


def test_dau_thau_validity_and_amended_units(procurement):
    conn = procurement.conn
    assert document_status(conn, "22-2023-QH15", date(2023, 12, 31)).status == "Chưa có hiệu lực"
    assert document_status(conn, "22-2023-QH15", date(2024, 1, 1)).status == "Còn hiệu lực"
    assert document_status(conn, "22-2023-QH15", date(2025, 1, 15)).status == "Còn hiệu lực"
    amended = unit_status(conn, "22-2023-QH15", "chuong_1__dieu_3__khoan_5", date(2025, 1, 15))
    assert amended.status == "Còn hiệu lực"
    assert {
        "doc_id": "57-2024-QH15",
        "unit_id": "dieu_4__khoan_1__diem_a",
        "date": "2025-01-15",
        "kind": "sua_doi_bo_sung",
        "target": "chuong_1__dieu_3__khoan_5",
    } in amended.amended_by
    before = unit_status(conn, "22-2023-QH15", "chuong_1__dieu_3__khoan_5", date(2025, 1, 14))
    assert before.amended_by == [] and before.upcoming
    repealed = unit_status(
        conn, "22-2023-QH15", "chuong_8__dieu_79__khoan_1__diem_b", date(2025, 1, 15)
    )
    assert repealed.status == "Hết hiệu lực"
    assert repealed.amended_by[0]["unit_id"] == "dieu_4__khoan_20"
    nested = unit_status(
        conn, "22-2023-QH15", "chuong_1__dieu_6__khoan_1__diem_d", date(2025, 2, 1)
    )
    assert any(a["unit_id"] == "dieu_4__khoan_3__diem_a" for a in nested.amended_by)


def test_can_cu_resolve_to_stored_laws(procurement):
    for doc in ("214-2025-ND-CP", "79-2025-TT-BTC"):
        rows = procurement.conn.execute(
            "SELECT dst_written, dst_doc_id FROM relations WHERE src_doc_id = ? AND kind = "
            "'can_cu'",
            (doc,),
        ).fetchall()
        resolved = {written: dst for written, dst in rows}
        assert resolved["22/2023/QH15"] == "22-2023-QH15"
        assert resolved["57/2024/QH15"] == "57-2024-QH15"
        assert resolved["90/2025/QH15"] is None  # not in the samples: kept, with its number


def test_guidance_both_directions(procurement):
    """What details Điều 23 of Luật Đấu thầu? NĐ 214 says so in its Phạm vi điều chỉnh."""
    rows = procurement.conn.execute(
        "SELECT src_doc_id, src_unit_id FROM relations WHERE kind = 'quy_dinh_chi_tiet' AND "
        "dst_doc_id = '22-2023-QH15' AND dst_unit_id = 'chuong_2__muc_1__dieu_23'"
    ).fetchall()
    assert ("214-2025-ND-CP", "chuong_1__dieu_1__khoan_1") in [tuple(r) for r in rows]
    doc_level = procurement.conn.execute(
        "SELECT dst_doc_id FROM relations WHERE src_doc_id = '214-2025-ND-CP' AND kind = "
        "'quy_dinh_chi_tiet' AND src_unit_id IS NULL"
    ).fetchone()
    assert doc_level[0] == "22-2023-QH15"


def test_ingest_order_does_not_matter(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = _store(tmp_path / "a", files=[SUA_DOI, DAU_THAU])
    two = _store(tmp_path / "b", files=[DAU_THAU, SUA_DOI])
    query = (
        "SELECT src_doc_id, src_unit_id, kind, dst_doc_id, dst_unit_id, effective "
        "FROM relations ORDER BY 1, 2, 3, 4, 5"
    )
    assert one.conn.execute(query).fetchall() == two.conn.execute(query).fetchall()
    assert len(one.conn.execute(query).fetchall()) > 30
    one.close()
    two.close()


def test_unit_that_does_not_exist_is_kept_with_reason(tmp_path):
    text = DELAYED.replace(
        "Luật này quy định về thử nghiệm.",
        "Luật này quy định về thử nghiệm, trừ khoản 5 Điều 2 của Luật này.",
    )
    with _store(tmp_path, [text]) as store:
        row = store.conn.execute(
            "SELECT status, reason FROM citations WHERE text LIKE 'khoản 5 Điều 2%'"
        ).fetchone()
    assert row[0] == "unit does not exist" and "khoản 5 không có trong Điều 2 (3 khoản)" in row[1]


def test_status_and_links_over_the_api(procurement):
    from search_app.engine.backends.sqlite import SqliteIndexer
    from search_app.web.app import create_app

    for doc_id in ("22-2023-QH15",):
        procurement.put(procurement.get(doc_id), indexers=[SqliteIndexer()])
    refresh_links(procurement)
    client = create_app(procurement.path, testing=True).test_client()
    data = client.get("/api/documents/22/2023/QH15/status?at=2023-12-31").get_json()
    assert data["status"] == "Chưa có hiệu lực"
    data = client.get(
        "/api/documents/22/2023/QH15/status",
        query_string={"at": "2025-02-01", "unit": "chuong_8__dieu_79__khoan_1__diem_b"},
    ).get_json()
    assert data["status"] == "Hết hiệu lực"
    links = client.get("/api/documents/22/2023/QH15/links").get_json()
    kinds = {(r["src_doc_id"], r["kind"]) for r in links["related_by"]}
    assert ("57-2024-QH15", "sua_doi_bo_sung") in kinds and ("214-2025-ND-CP", "can_cu") in kinds
    assert client.get("/api/documents/22/2023/QH15/status?at=hôm-nay").status_code == 400


RESOLUTION = """HỘI ĐỒNG NHÂN DÂN
TỈNH THỬ NGHIỆM
Số: 05/2024/NQ-HĐND
Thử Nghiệm, ngày 10 tháng 12 năm 2024
NGHỊ QUYẾT
Về hỗ trợ thử nghiệm năm 2025
Điều 1. Hỗ trợ
Hỗ trợ kinh phí cho tổ chức thử nghiệm trên địa bàn tỉnh.
Điều 2. Hiệu lực thi hành
Nghị quyết này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2025 và hết hiệu lực kể từ ngày 31 tháng 12 năm 2025.
CHỦ TỊCH
Nguyễn Văn E
"""


def test_expires_on_a_stated_date(tmp_path):
    with _store(tmp_path, [RESOLUTION]) as store:
        d = "05-2024-NQ-HDND"
        assert document_status(store.conn, d, date(2025, 6, 1)).status == "Còn hiệu lực"
        end = document_status(store.conn, d, date(2025, 12, 31))
        assert end.status == "Hết hiệu lực toàn bộ"
        assert any(e.kind == "het_thoi_han" and e.date == "2025-12-31" for e in end.events)


def test_search_filters_by_status_at_a_date(procurement):
    """Before 01/01/2024 Luật Đấu thầu is not yet in force; search says so at that date."""
    from search_app.engine.backends.sqlite import SqliteIndexer
    from search_app.engine.contract import SearchRequest
    from search_app.engine.factory import open_search

    for doc_id in ("22-2023-QH15", "214-2025-ND-CP"):
        procurement.put(procurement.get(doc_id), indexers=[SqliteIndexer()])
    refresh_links(procurement)
    service = open_search(procurement.path, backend="sqlite")
    early = service.search(
        SearchRequest(q="chỉ định thầu", at=date(2023, 12, 1), filters={"status": ["Còn hiệu lực"]})
    )
    assert early.total == 0
    statuses = {
        v.value
        for v in service.search(SearchRequest(q="chỉ định thầu", at=date(2023, 12, 1))).facets[
            "status"
        ]
    }
    assert statuses == {"Chưa có hiệu lực"}
    later = service.search(
        SearchRequest(q="chỉ định thầu", at=date(2025, 9, 1), filters={"status": ["Còn hiệu lực"]})
    )
    assert {h.doc_id for h in later.hits} >= {"22-2023-QH15", "214-2025-ND-CP"}


def test_units_an_instruction_inserts_are_not_broken_citations(procurement):
    """57/2024 Điều 4 khoản 11: "Bổ sung khoản 3 vào sau khoản 2 Điều 34 như sau:" — khoản 3
    of Điều 34 does not exist before it; khoản 2 (the anchor) does."""
    rows = procurement.conn.execute(
        "SELECT text, status, target_unit_id FROM citations WHERE doc_id = '57-2024-QH15' "
        "AND unit_id = 'dieu_4__khoan_11' ORDER BY start"
    ).fetchall()
    assert [tuple(r) for r in rows] == [
        ("khoản 3", "unit inserted by this instruction", None),
        ("khoản 2 Điều 34", "resolved", "chuong_2__muc_3__dieu_34__khoan_2"),
    ]
    inserted = procurement.conn.execute(
        "SELECT unit_id, text FROM citations WHERE doc_id = '57-2024-QH15' AND status = ?",
        ("unit inserted by this instruction",),
    ).fetchall()
    assert {tuple(r) for r in inserted} == {
        ("dieu_4__khoan_3__diem_c", "khoản 4a"),
        ("dieu_4__khoan_5", "điểm e"),
        ("dieu_4__khoan_11", "khoản 3"),
        ("dieu_4__khoan_12", "Điều 34a"),
    }
    missing = procurement.conn.execute(
        "SELECT count(*) FROM citations WHERE doc_id = '57-2024-QH15' AND status = ? "
        "AND target_doc_id = '22-2023-QH15'",
        ("unit does not exist",),
    ).fetchone()[0]
    assert missing == 0


def test_part_chapter_and_section_references_resolve(samples_db):
    """ "Chương này", "Mục này", "Mục 3 Chương này" and a bare "Mục 2" are of the citing
    chapter (a Mục is numbered within its Chương)."""
    import sqlite3

    conn = sqlite3.connect(samples_db)

    def target(doc_id, unit_id, text):
        rows = conn.execute(
            "SELECT status, target_unit_id FROM citations WHERE doc_id = ? AND unit_id = ? "
            "AND text = ?",
            (doc_id, unit_id, text),
        ).fetchall()
        assert rows, (doc_id, unit_id, text)
        return rows[0]

    assert target("95-2015-QH13", "chuong_7__muc_3__dieu_194", "Mục này") == (
        "resolved",
        "chuong_7__muc_3",
    )
    assert target("95-2015-QH13", "chuong_9__muc_1__dieu_217__khoan_2", "Chương này") == (
        "resolved",
        "chuong_9",
    )
    assert target(
        "100-2015-QH13", "phan_1__chuong_12__muc_1__dieu_91__khoan_4", "Mục 3 Chương này"
    ) == (
        "resolved",
        "phan_1__chuong_12__muc_3",
    )
    unresolved = conn.execute(
        "SELECT count(*) FROM citations WHERE status = 'unit does not exist' "
        "AND (text LIKE '%Chương này%' OR text LIKE '%Mục này%' OR text LIKE '%Phần%')"
    ).fetchone()[0]
    assert unresolved == 0
    parts = conn.execute(
        "SELECT DISTINCT target_unit_id FROM citations WHERE doc_id = '101-2015-QH13' "
        "AND text = 'Phần thứ tư và Phần thứ sáu của Bộ luật này'"
    ).fetchall()
    assert sorted(p[0] for p in parts) == ["phan_4", "phan_6"]


def test_effective_date_set_by_another_document(samples_db, tmp_path):
    """Hiến pháp 2013 states no effective date (Nghị quyết 64/2013/QH13 does); BLHS 2015 says
    01/7/2016 but was postponed to 01/01/2018: the reviewed corrections shipped with the
    samples give the status on any date, with their source."""
    import sqlite3

    conn = sqlite3.connect(samples_db)
    before = document_status(conn, "hien-phap-2013", date(2013, 12, 15))
    after = document_status(conn, "hien-phap-2013", date(2014, 1, 1))
    assert before.status == "Chưa có hiệu lực" and after.status == "Còn hiệu lực"
    assert after.effective == "2014-01-01"
    assert any("Nghị quyết 64/2013/QH13" in e.text for e in after.events)
    blhs = document_status(conn, "100-2015-QH13", date(2017, 6, 1))
    assert blhs.status == "Chưa có hiệu lực" and blhs.effective == "2018-01-01"
    assert any("văn bản ghi 2016-07-01" in e.text for e in blhs.events)


def test_set_effective_needs_a_source(tmp_path):
    from ingest.links.validity import set_effective

    db = tmp_path / "e.sqlite"
    result = CliRunner().invoke(main, ["ingest", str(DAU_THAU), "--db", str(db), "--quiet"])
    assert result.exit_code == 0
    with Store(db) as store:
        with pytest.raises(ValueError, match="source"):
            set_effective(store.conn, "22-2023-QH15", date(2024, 2, 1), " ")
    ok = CliRunner().invoke(
        main,
        ["set-effective", "22/2023/QH15", "2024-02-01", "--source", "Văn bản thử", "--db", str(db)],
    )
    assert ok.exit_code == 0, ok.output
    with Store(db) as store:
        assert document_status(store.conn, "22-2023-QH15", date(2024, 1, 15)).status == (
            "Chưa có hiệu lực"
        )


def test_a_chapter_of_a_phan_resolves_in_that_phan():
    """Luật Xử lý vi phạm hành chính numbers its chapters afresh in each Phần: "Chương I
    Phần thứ tư" is not Phần thứ hai's Chương I (VBHN 20/VBHN-VPQH)."""
    from ingest.links.resolve import UnitIndex
    from ingest.pipeline import parse_file
    from tests.corpus_golden import CORPUS

    doc = parse_file(CORPUS / "fulltext/thuvienphapluat/Văn_bản_hợp_nhất_20_VBHN-VPQH.txt")
    index = UnitIndex(doc)
    assert index.find({"phan": "thứ tư", "chuong": "I"})[0].id == "phan_4__chuong_1"
    assert index.find({"phan": "thứ hai", "chuong": "I"})[0].id == "phan_2__chuong_1"
    assert index.find({"phan": "thứ hai", "chuong": "IX"})[0] is None


def test_units_of_one_article_named_by_two_operations_share_it():
    """Luật 35/2018/QH14 Điều 2 khoản 8 (amending Bộ luật Hàng hải): "Bãi bỏ khoản 1 và sửa
    đổi, bổ sung khoản 3 Điều 88 như sau:" repeals khoản 1 of Điều 88. A khoản placed by a
    position ("vào sau khoản 1") or with its own article keeps what it says."""
    from ingest.links.resolve import _shared_article

    def units(text):
        return [r.units for r in _shared_article(extract(text), text)]

    assert units("Bãi bỏ khoản 1 và sửa đổi, bổ sung khoản 3 Điều 88 như sau:") == [
        [{"khoan": "1", "dieu": "88"}],
        [{"khoan": "3", "dieu": "88"}],
    ]
    assert units("Bãi bỏ khoản 1 Điều 5 và sửa đổi khoản 3 Điều 88 như sau:")[0] == [
        {"khoan": "1", "dieu": "5"}
    ]
    assert units("Bổ sung khoản 2a vào sau khoản 2 Điều 7 như sau:")[0] == [{"khoan": "2a"}]
