"""Consolidation of Luật Đấu thầu 22/2023/QH15 by Luật 57/2024/QH15, and of BLTTDS 2015
by BLLĐ 2019 Điều 219: instructions parsed, applied at dates, golden consolidated units
(corpus_samples/procurement/base_luat_22-2023-QH15.docx.consolidated-2025-01-15, reviewed by
hand), history, diffs, order of ingest, reports."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.consolidation.apply import REPEALED, consolidate
from ingest.consolidation.instructions import parse_instructions, waiting_instructions
from ingest.consolidation.render import render_text
from ingest.consolidation.versions import consolidated_at, diff, history, waiting
from ingest.enrich import refresh_links
from ingest.pipeline import parse_file
from ingest.store import Store
from tests.conftest import SAMPLES

BASE = SAMPLES / "procurement/base_luat_22-2023-QH15.docx"
AMEND = SAMPLES / "procurement/amend1_luat_57-2024-QH15.docx"
GOLDEN = SAMPLES / "procurement/base_luat_22-2023-QH15.docx.consolidated-2025-01-15"


@pytest.fixture(scope="module")
def pair():
    base, amending = parse_file(BASE), parse_file(AMEND)
    return base, amending, parse_instructions(amending, base, "2025-01-15")


def test_every_instruction_of_dieu_4_parsed_and_applied(pair):
    base, amending, ops = pair
    leaf = [
        u.id
        for u in amending.find("dieu_4").walk()
        if u.text
        and not any(
            c.text and c.text[0].startswith(("Sửa", "Bổ", "Bãi", "Thay")) for c in u.children
        )
        and u.id != "dieu_4"
    ]
    assert len(ops) == 29 == len(leaf)
    assert {op.source_unit for op in ops} == set(leaf)
    assert all(op.source_unit.startswith("dieu_4__") for op in ops)
    result = consolidate(base, ops, date(2025, 1, 15))
    assert [o.status for o in result.report].count("applied") == 29
    assert not [o for o in result.report if o.status == "failed"]


def test_insertions_name_the_units_they_add(pair):
    """Plain numbers too: "Bổ sung khoản 3 vào sau khoản 2 Điều 34" adds khoản 3 only, even if
    its quoted text restated khoản 2."""
    _, _, ops = pair
    inserted = {op.source_unit: op.new_numbers for op in ops if op.kind == "insert_after"}
    assert inserted == {
        "dieu_4__khoan_3__diem_c": ["4a"],
        "dieu_4__khoan_5": ["e"],
        "dieu_4__khoan_11": ["3"],
        "dieu_4__khoan_12": ["34a"],
    }


def test_instructions_for_other_laws_wait_for_their_base(pair):
    _, amending, _ = pair
    stored = {"Luật Đấu thầu"}
    waits = waiting_instructions(amending, lambda number, name: "x" if name in stored else None)
    laws = {law for _, _, law in waits}
    assert laws == {"Luật Quy hoạch", "Luật Đầu tư", "Luật Đầu tư theo phương thức đối tác công tư"}
    assert {article for article, _, _ in waits} == {"dieu_1", "dieu_2", "dieu_3"}


def test_golden_consolidated_units(pair):
    base, _, ops = pair
    result = consolidate(base, ops, date(2025, 1, 15))
    written = "\n".join(f"## {uid}\n{result.doc.find(uid).render()}\n" for uid in result.notes)
    assert written == GOLDEN.read_text(encoding="utf-8")


def test_named_changes(pair):
    base, _, ops = pair
    doc = consolidate(base, ops, date(2025, 1, 15)).doc
    k4a = doc.find("chuong_1__dieu_6__khoan_4a")
    dieu_6 = doc.find("chuong_1__dieu_6")
    assert [k.number for k in dieu_6.children] == ["1", "2", "3", "4", "4a", "5", "6"]
    assert k4a.text[0].startswith("Công ty mẹ, công ty con, công ty thành viên")
    points = doc.find("chuong_1__dieu_17__khoan_1").children
    assert [p.number for p in points][-2:] == ["đ", "e"]
    assert points[-1].text == ["Hủy thầu theo quy định tại khoản 5 Điều 42 của Luật này."]
    dieu_34a = doc.find("chuong_2__muc_3__dieu_34a")
    assert dieu_34a.heading == "Lựa chọn nhà đầu tư trong trường hợp đặc biệt"
    siblings = [u.number for u in doc.find("chuong_2__muc_3").children]
    assert siblings[siblings.index("34") + 1] == "34a"
    assert [k.number for k in dieu_34a.children] == ["1", "2"]
    assert doc.find("chuong_8__dieu_79__khoan_1__diem_b").text == [REPEALED]
    dieu_3 = doc.find("chuong_1__dieu_3")
    assert dieu_3.heading.endswith("vốn vay ưu đãi nước ngoài")
    assert "nhà tài trợ nước ngoài" not in doc.find("chuong_1__dieu_3__khoan_7__diem_a").text[0]
    assert "vốn vay ưu đãi nước ngoài" in doc.find("chuong_3__dieu_39__khoan_3").full_text()
    # units outside the instructions' scopes keep the old phrase
    assert (
        "vốn vay ưu đãi của nhà tài trợ nước ngoài"
        in base.find("chuong_1__dieu_3__khoan_5").full_text()
    )


def test_before_and_after_the_effective_date(pair):
    base, _, ops = pair
    before = consolidate(base, ops, date(2025, 1, 14)).doc.find("chuong_1__dieu_3__khoan_5")
    after = consolidate(base, ops, date(2025, 1, 15)).doc.find("chuong_1__dieu_3__khoan_5")
    assert before.text == base.find("chuong_1__dieu_3__khoan_5").text
    assert after.text[0].startswith(
        "Việc lựa chọn nhà thầu thuộc dự án có sử dụng vốn hỗ trợ "
        "phát triển chính thức (ODA), vốn vay ưu đãi nước ngoài"
    )
    early = consolidate(base, ops, date(2024, 6, 1))
    assert {o.status for o in early.report} == {"not_yet"}


def test_vbhn_footnotes(pair):
    base, _, ops = pair
    text = render_text(
        consolidate(base, ops, date(2025, 1, 15)),
        vbhn=True,
        sources={"57-2024-QH15": "Luật số 57/2024/QH15"},
    )
    assert "b) (được bãi bỏ)[" in text
    assert (
        "Điểm này được bãi bỏ theo quy định tại khoản 20 Điều 4 của Luật số 57/2024/QH15, "
        "có hiệu lực kể từ ngày 15 tháng 01 năm 2025."
    ) in text
    assert "Khoản này được bổ sung theo quy định tại điểm c khoản 3 Điều 4" in text


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    out = []
    for order in ([AMEND, BASE], [BASE, AMEND]):
        db = tmp_path_factory.mktemp("c") / "c.sqlite"
        store = Store(db)
        for path in order:
            store.put(parse_file(path))
        refresh_links(store)
        out.append(store)
    yield out
    for store in out:
        store.close()


def test_order_of_ingest_does_not_matter(stores):
    texts = [render_text(consolidated_at(s, "22-2023-QH15", date(2025, 2, 1))) for s in stores]
    assert texts[0] == texts[1]
    assert "Điều 34a. Lựa chọn nhà đầu tư trong trường hợp đặc biệt" in texts[0]


def test_history_and_diff(stores):
    store = stores[0]
    versions = history(store, "22-2023-QH15", "chuong_1__dieu_3__khoan_5")
    assert [(v["since"], v["kind"], v["source_unit"]) for v in versions] == [
        ("2024-01-01", "ban_dau", None),
        ("2025-01-15", "replace", "dieu_4__khoan_1__diem_a"),
    ]
    assert versions[0]["until"] == "2025-01-15" and versions[1]["until"] is None
    changes = diff(store, "22-2023-QH15", date(2024, 6, 1), date(2025, 2, 1), "chuong_1__dieu_3")
    assert ("-", "của nhà tài trợ") in changes[0]["heading"]
    whole = diff(store, "22-2023-QH15", date(2024, 6, 1), date(2025, 2, 1))
    assert {c["unit_id"] for c in whole} >= {
        "chuong_1__dieu_6__khoan_4a",
        "chuong_8__dieu_79__khoan_1__diem_b",
    }
    assert {w["base"] for w in waiting(store, "22-2023-QH15")} >= {"Luật Quy hoạch"}


def test_bltds_dieu_32_amended_by_the_labour_code(tmp_path):
    store = Store(tmp_path / "l.sqlite")
    for name in ("codes/bo-luat-to-tung-dan-su-2015.txt", "codes/bo-luat-lao-dong-2019.txt"):
        store.put(parse_file(SAMPLES / name))
    refresh_links(store)
    result = consolidated_at(store, "92-2015-QH13", date(2021, 1, 1))
    dieu_32 = result.doc.find("phan_1__chuong_3__muc_1__dieu_32")
    assert dieu_32.heading.startswith("Những tranh chấp về lao động và tranh chấp liên quan")
    assert [k.number for k in dieu_32.children][:5] == ["1", "1a", "1b", "1c", "2"]
    assert dieu_32.children[4].text == [REPEALED]
    assert all(o.status == "applied" for o in result.report)
    store.close()


def test_api_consolidated_history_diff(stores):
    from search_app.engine.backends.sqlite import SqliteIndexer
    from search_app.web.app import create_app

    store = stores[1]
    store.put(store.get("22-2023-QH15"), indexers=[SqliteIndexer()])
    refresh_links(store)
    client = create_app(store.path, testing=True).test_client()
    doc = client.get("/api/documents/22/2023/QH15?at=2025-02-01").get_json()
    assert doc["at"] == "2025-02-01" and "chuong_1__dieu_6__khoan_4a" in doc["amended_units"]
    versions = client.get(
        "/api/documents/22/2023/QH15/history", query_string={"unit": "chuong_1__dieu_3__khoan_5"}
    ).get_json()
    assert len(versions["versions"]) == 2
    changes = client.get(
        "/api/documents/22/2023/QH15/diff?from=2024-06-01&to=2025-02-01"
    ).get_json()["changes"]
    assert changes and client.get("/api/documents/22/2023/QH15/diff?from=x&to=y").status_code == 400


SMALL_BASE = """QUỐC HỘI
Luật số: 95/2024/QH15
Hà Nội, ngày 20 tháng 6 năm 2024
LUẬT
MẪU
Điều 1. Phạm vi
1. Luật này quy định về mẫu thử và cơ quan thử nghiệm.
2. Cơ quan thử nghiệm có trách nhiệm sau đây:
a) Lập kế hoạch;
b) Báo cáo cơ quan thử nghiệm cấp trên;
c) Lưu hồ sơ.
3. Chính phủ quy định chi tiết Điều này.
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2025.
CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn
"""
SMALL_AMEND = """QUỐC HỘI
Luật số: 94/2025/QH15
Hà Nội, ngày 20 tháng 6 năm 2025
LUẬT
SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT MẪU
Điều 1. Sửa đổi, bổ sung một số điều của Luật Mẫu số 95/2024/QH15
1. Sửa đổi, bổ sung đoạn mở đầu khoản 2 Điều 1 như sau:
“2. Cơ quan thử nghiệm các cấp có trách nhiệm sau đây:”.
2. Bổ sung các khoản 2a, 2b và 2c vào sau khoản 2 Điều 1 như sau:
“2a. Cơ quan thử nghiệm công bố kết quả.
2b. Cơ quan thử nghiệm lưu mẫu.
2c. Cơ quan thử nghiệm hủy mẫu.”.
3. Bãi bỏ các điểm b và c khoản 2 Điều 1.
4. Bỏ cụm từ “thử nghiệm cấp trên”.
5. Sửa đổi, bổ sung khoản 9 Điều 1 như sau:
“9. Khoản không có.”.
6. Thay thế cụm từ “không có ở đâu” bằng cụm từ “mới” tại khoản 1 Điều 1.
Điều 2. Hiệu lực thi hành
1. Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.
2. Khoản 4 Điều 1 của Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.
CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn
"""


def test_more_patterns_and_failures(tmp_path):
    from ingest.pipeline import parse_bytes

    store = Store(tmp_path / "s.sqlite")
    store.put(parse_bytes("amend.txt", SMALL_AMEND.encode()))  # the amending law first
    store.put(parse_bytes("base.txt", SMALL_BASE.encode()))
    refresh_links(store)
    result = consolidated_at(store, "95-2024-QH15", date(2025, 7, 1))
    status = {o.op.source_unit: (o.status, o.reason) for o in result.report}
    assert status["dieu_1__khoan_1"][0] == "applied"
    assert status["dieu_1__khoan_2"][0] == "applied"
    assert status["dieu_1__khoan_3"][0] == "applied"
    assert status["dieu_1__khoan_4"] == ("not_yet", "có hiệu lực từ 2026-01-01")
    assert status["dieu_1__khoan_5"][0] == "failed" and "khoản 9" in status["dieu_1__khoan_5"][1]
    assert (
        status["dieu_1__khoan_6"][0] == "failed"
        and "không có ở đâu" in status["dieu_1__khoan_6"][1]
    )
    doc = result.doc
    khoan_2 = doc.find("dieu_1__khoan_2")
    assert khoan_2.text == ["Cơ quan thử nghiệm các cấp có trách nhiệm sau đây:"]
    assert [p.text for p in khoan_2.children] == [["Lập kế hoạch;"], [REPEALED], [REPEALED]]
    assert [k.number for k in doc.find("dieu_1").children] == ["1", "2", "2a", "2b", "2c", "3"]
    later = consolidated_at(store, "95-2024-QH15", date(2026, 1, 1)).doc
    assert "thử nghiệm cấp trên" not in later.find("dieu_1").full_text()  # the whole law
    store.close()


def _consolidate(tmp_path, base: str, amend: str, base_id: str, at=date(2025, 7, 1)):
    """A base law and one amending law, stored and linked; the base consolidated at `at`."""
    from ingest.pipeline import parse_bytes

    with Store(tmp_path / "s.sqlite") as store:
        store.put(parse_bytes("base.txt", base.encode()))
        store.put(parse_bytes("amend.txt", amend.encode()))
        refresh_links(store)
        return consolidated_at(store, base_id, at)


def _amending(number: str, base_number: str, instructions: str) -> str:
    """A small amending law numbered `number` with these instructions on Luật Mẫu
    `base_number`, in force from 01/7/2025."""
    head = SMALL_AMEND.split("1. Sửa đổi, bổ sung đoạn mở đầu")[0]
    head = head.replace("94/2025/QH15", number).replace("95/2024/QH15", base_number)
    return (
        head
        + instructions
        + (
            "Điều 2. Hiệu lực thi hành\n"
            "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.\n"
            "CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn\n"
        )
    )


# Shapes of Luật 21/2012/QH13 amending Luật Quản lý thuế 78/2006/QH11 (the phrases as written).
APPEND_BASE = SMALL_BASE.replace("95/2024/QH15", "96/2024/QH15").replace("MẪU", "THỬ")
APPEND_AMEND = """QUỐC HỘI
Luật số: 93/2025/QH15
Hà Nội, ngày 20 tháng 6 năm 2025
LUẬT
SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT THỬ
Điều 1.
Sửa đổi, bổ sung một số điều của Luật Thử số 96/2024/QH15:
1. Bổ sung các khoản 4, 5 và 6 vào Điều 1 như sau: “4. Cơ quan thử nghiệm công bố kết quả.
5. Cơ quan thử nghiệm lưu mẫu:
a) Mẫu rắn;
b) Mẫu lỏng.
6. Chính phủ quy định chi tiết khoản 4, khoản 5 Điều này.”
2. Bổ sung điểm d vào khoản 2 Điều 1 như sau:
“d) Công bố kết quả.”
3. Bổ sung khoản 1 vào Điều 2 như sau:
“1. Không có chỗ.”
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.
CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn
"""


def test_units_added_at_the_end_of_a_container_with_the_quote_on_the_same_line(tmp_path):
    result = _consolidate(tmp_path, APPEND_BASE, APPEND_AMEND, "96-2024-QH15")
    status = {o.op.source_unit: (o.status, o.reason) for o in result.report}
    assert status["dieu_1__khoan_1"][0] == "applied" and status["dieu_1__khoan_2"][0] == "applied"
    assert status["dieu_1__khoan_3"][0] == "failed"  # Điều 2 has no khoản to add after
    dieu_1 = result.doc.find("dieu_1")
    assert [k.number for k in dieu_1.children] == ["1", "2", "3", "4", "5", "6"]
    assert dieu_1.children[3].text == ["Cơ quan thử nghiệm công bố kết quả."]
    assert [p.number for p in dieu_1.children[4].children] == ["a", "b"]
    assert [p.number for p in dieu_1.children[1].children] == ["a", "b", "c", "d"]


PASSIVE_AMEND = APPEND_AMEND.replace("93/2025/QH15", "92/2025/QH15").split("1. Bổ sung các khoản")[
    0
] + (
    """1. Khoản 1 và khoản 3 Điều 1 được sửa đổi, bổ sung như sau: “1. Luật này quy định về mẫu.
3. Bộ trưởng quy định chi tiết Điều này.”
2. Điểm c khoản 2 Điều 1 được bãi bỏ.
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.
CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn
"""
)


def test_instructions_in_the_passive_voice_of_older_laws(tmp_path):
    """Luật 21/2012/QH13: "Khoản 1 và khoản 2 Điều 6 được sửa đổi, bổ sung như sau:",
    "Điểm đ khoản 3 Điều 77 được bãi bỏ."."""
    result = _consolidate(tmp_path, APPEND_BASE, PASSIVE_AMEND, "96-2024-QH15")
    assert {o.op.kind: o.status for o in result.report} == {
        "replace": "applied",
        "repeal": "applied",
    }
    dieu_1 = result.doc.find("dieu_1")
    assert dieu_1.children[0].text == ["Luật này quy định về mẫu."]
    assert dieu_1.children[2].text == ["Bộ trưởng quy định chi tiết Điều này."]
    assert dieu_1.children[1].children[2].text == [REPEALED]


PHRASE_BASE = SMALL_BASE.replace("95/2024/QH15", "97/2024/QH15").replace("MẪU", "CHỮ")
PHRASE_AMEND = APPEND_AMEND.replace("93/2025/QH15", "91/2025/QH15").replace(
    "LUẬT THỬ", "LUẬT CHỮ"
).replace("Luật Thử số 96/2024/QH15", "Luật Chữ số 97/2024/QH15").split("1. Bổ sung các khoản")[
    0
] + (
    """1. Thay từ “mẫu thử” bằng từ “mẫu vật” tại khoản 1 Điều 1;
2. Bổ sung cụm từ “, lưu trữ” vào sau cụm từ “Lập kế hoạch” tại điểm a khoản 2 Điều 1;
3. Bổ sung cụm từ “, lưu mẫu” vào trước cụm từ “và cơ quan thử nghiệm” tại khoản 1 Điều 1.
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.
CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn
"""
)


def test_words_replaced_with_thay_and_words_added_before_or_after_others(tmp_path):
    """Luật 67/2020/QH14: "Thay từ “tháo dỡ” bằng từ “phá dỡ” tại …", "Bổ sung cụm từ “,
    biện pháp giáo dục dựa vào cộng đồng” vào trước cụm từ “và biện pháp quản lý tại gia
    đình” tại khoản 4 Điều 2", "Bổ sung cụm từ “, tổ chức” vào sau từ “cá nhân” tại …"."""
    result = _consolidate(tmp_path, PHRASE_BASE, PHRASE_AMEND, "97-2024-QH15")
    assert [o.status for o in result.report] == ["applied"] * 3
    dieu_1 = result.doc.find("dieu_1")
    assert dieu_1.children[0].text == [
        "Luật này quy định về mẫu vật, lưu mẫu và cơ quan thử nghiệm."
    ]
    assert dieu_1.children[1].children[0].text == ["Lập kế hoạch, lưu trữ;"]


def test_a_khoan_of_an_amending_article_that_is_no_instruction_is_reported(tmp_path):
    amend = PHRASE_AMEND.replace("91/2025/QH15", "90/2025/QH15").replace(
        "3. Bổ sung cụm từ “, lưu mẫu”", "3. Điều chỉnh cụm từ “, lưu mẫu”"
    )
    result = _consolidate(tmp_path, PHRASE_BASE, amend, "97-2024-QH15")
    unread = [o for o in result.report if o.failure == "not_read"]
    assert [o.op.source_unit for o in unread] == ["dieu_1__khoan_3"]
    assert "Điều chỉnh cụm từ" in unread[0].reason and unread[0].status == "failed"


def test_the_title_of_a_muc_is_replaced_and_its_articles_kept(tmp_path):
    """Luật 07/2022/QH15 on Luật Hải quan: "Sửa đổi, bổ sung tên Mục 8 Chương III như sau:
    “Mục 8 KIỂM TRA, GIÁM SÁT, TẠM DỪNG …”": a new title, not a Mục without its articles."""
    base = """QUỐC HỘI
Luật số: 98/2024/QH15
Hà Nội, ngày 20 tháng 6 năm 2024
LUẬT
KIỂM THỬ
Chương I
QUY ĐỊNH CHUNG
Mục 1
PHẠM VI
Điều 1. Phạm vi
Luật này quy định về kiểm thử.
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2025.
CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn
"""
    amend = """QUỐC HỘI
Luật số: 89/2025/QH15
Hà Nội, ngày 20 tháng 6 năm 2025
LUẬT
SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT KIỂM THỬ
Điều 1. Sửa đổi, bổ sung một số điều của Luật Kiểm thử số 98/2024/QH15
1. Sửa đổi, bổ sung tên Mục 1 Chương I như sau:
“Mục 1 PHẠM VI VÀ ĐỐI TƯỢNG”.
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.
CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn
"""
    result = _consolidate(tmp_path, base, amend, "98-2024-QH15")
    assert [(o.op.kind, o.status) for o in result.report] == [("replace_heading", "applied")]
    muc = result.doc.find("chuong_1__muc_1")
    assert muc.heading == "PHẠM VI VÀ ĐỐI TƯỢNG" and [u.number for u in muc.children] == ["1", "2"]


TAX_BASE = (
    SMALL_BASE.replace("95/2024/QH15", "88/2024/QH15")
    .replace("MẪU", "THUẾ MẪU")
    .replace("c) Lưu hồ sơ.", "c) Nộp tiền phạt chậm nộp.")
)
TAX_FIRST = APPEND_AMEND.replace("93/2025/QH15", "87/2025/QH15").replace(
    "LUẬT THỬ", "LUẬT THUẾ MẪU"
).replace("Luật Thử số 96/2024/QH15", "Luật Thuế mẫu số 88/2024/QH15").split(
    "1. Bổ sung các khoản"
)[0] + (
    """1. Khoản 1 và khoản 3 Điều 1 được sửa đổi, bổ sung nhu sau: “1. Luật này quy định về thuế mẫu.” “3. Bộ trưởng quy định chi tiết Điều này.”
2. Sửa đổi, bổ sung khoản 1 Điều 1; bổ sung khoản 4 vào Điều 1 như sau:
“1. Luật này quy định về thuế mẫu và phí mẫu.
4. Cơ quan thuế công bố kết quả.”
3. Bỏ từ “phạt” trong cụm từ “tiền phạt chậm nộp” tại điểm c khoản 2 Điều 1 của Luật này.
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.
CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn
"""
)
TAX_SECOND = TAX_FIRST.split("1. Khoản 1 và khoản 3")[0].replace("87/2025/QH15", "86/2026/QH15") + (
    """1. Sửa cụm từ “công bố kết quả” tại khoản 4 Điều 1 thành cụm từ “công khai kết quả”.
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.
CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn
"""
).replace("ngày 20 tháng 6 năm 2025", "ngày 20 tháng 10 năm 2025")


def test_shapes_of_the_tax_law_chain(tmp_path):
    """Luật 21/2012/QH13 and Luật 54/2014/QH13 on Luật Quản lý thuế, phrases as written:
    "Điều 110 được sửa đổi, bổ sung nhu sau:" (a diacritic lost in the copy); quoted khoản
    glued on one line ("… tiền phạt;” “4. Chính phủ quy định …"); "Sửa đổi, bổ sung khoản 1
    Điều 93; bổ sung khoản 3 vào Điều 93 như sau:" (one payload, two operations); "bỏ từ
    “phạt” trong cụm từ “tiền phạt chậm nộp” tại khoản 3 Điều 56 của Luật này" (the law
    amended, not the amending one); "Sửa cụm từ “kể từ ngày đăng ký tờ khai” tại điểm a
    khoản 2 Điều 107 thành cụm từ “kể từ ngày thông quan”", aimed at a khoản an earlier law
    inserted (khoản 5 Điều 4, inserted by Luật 21/2012/QH13)."""
    from ingest.pipeline import parse_bytes

    with Store(tmp_path / "s.sqlite") as store:
        for name, text in (("b.txt", TAX_BASE), ("a1.txt", TAX_FIRST), ("a2.txt", TAX_SECOND)):
            store.put(parse_bytes(name, text.encode()))
        refresh_links(store)
        result = consolidated_at(store, "88-2024-QH15", date(2026, 1, 1))
    assert [(o.op.kind, o.status) for o in result.report] == [
        ("replace", "applied"),
        ("replace", "applied"),
        ("insert_after", "applied"),
        ("replace_phrase", "applied"),
        ("replace_phrase", "applied"),
    ], [(o.op.kind, o.status, o.reason) for o in result.report]
    dieu_1 = result.doc.find("dieu_1")
    assert [k.number for k in dieu_1.children] == ["1", "2", "3", "4"]
    assert dieu_1.children[0].text == ["Luật này quy định về thuế mẫu và phí mẫu."]
    assert dieu_1.children[2].text == ["Bộ trưởng quy định chi tiết Điều này."]
    assert dieu_1.children[1].children[2].text == ["Nộp tiền chậm nộp."]
    assert dieu_1.children[3].text == ["Cơ quan thuế công khai kết quả."]


def test_words_added_across_articles_spare_the_units_the_same_law_rewrote(tmp_path):
    """Luật 21/2012/QH13 rewrites khoản 1 Điều 99 with "tiền chậm nộp, tiền phạt" and adds
    "tiền chậm nộp," before "tiền phạt" in the whole of Điều 99: 03/VBHN-VPQH has it once."""
    base = TAX_BASE.replace("88/2024/QH15", "85/2024/QH15").replace(
        "3. Chính phủ quy định chi tiết Điều này.", "3. Miễn tiền phạt."
    )
    amend = TAX_SECOND.split("1. Sửa cụm từ")[0].replace("86/2026/QH15", "84/2025/QH15").replace(
        "88/2024/QH15", "85/2024/QH15"
    ) + (
        """1. Sửa đổi, bổ sung khoản 2 Điều 1 như sau:
“2. Cơ quan thuế thu tiền chậm nộp, tiền phạt.”
2. Bổ sung cụm từ “tiền chậm nộp,” vào trước cụm từ “tiền phạt” tại Điều 1.
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.
CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn
"""
    )
    result = _consolidate(tmp_path, base, amend, "85-2024-QH15", at=date(2026, 1, 1))
    assert [o.status for o in result.report] == ["applied", "applied"]
    dieu_1 = result.doc.find("dieu_1")
    assert dieu_1.children[1].text == ["Cơ quan thuế thu tiền chậm nộp, tiền phạt."]
    assert dieu_1.children[2].text == ["Miễn tiền chậm nộp, tiền phạt."]


def test_operations_joined_by_a_comma_or_va_are_each_applied(tmp_path):
    """Luật 67/2020/QH14: "Sửa đổi, bổ sung các khoản 3, 4 và 5, bổ sung các khoản 5a, 5b và
    5c vào sau khoản 5 Điều 125 như sau:", "Sửa đổi, bổ sung các khoản 8, 9, 10 và bổ sung
    khoản 11 vào sau khoản 10 như sau:"."""
    base = TAX_BASE.replace("88/2024/QH15", "83/2024/QH15")
    amend = TAX_SECOND.split("1. Sửa cụm từ")[0].replace("86/2026/QH15", "82/2025/QH15").replace(
        "88/2024/QH15", "83/2024/QH15"
    ) + (
        """1. Sửa đổi, bổ sung một số khoản của Điều 1 như sau:
a) Sửa đổi, bổ sung các khoản 1 và 2, bổ sung các khoản 2a và 2b vào sau khoản 2 như sau:
“1. Khoản một mới.
2. Khoản hai mới.
2a. Khoản hai a.
2b. Khoản hai b.”;
b) Sửa đổi, bổ sung khoản 3 và bổ sung khoản 4 vào sau khoản 3 như sau:
“3. Khoản ba mới.
4. Khoản bốn.”.
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.
CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn
"""
    )
    result = _consolidate(tmp_path, base, amend, "83-2024-QH15", at=date(2026, 1, 1))
    assert [(o.op.kind, o.status) for o in result.report] == [
        ("replace", "applied"),
        ("insert_after", "applied"),
        ("replace", "applied"),
        ("insert_after", "applied"),
    ], [(o.op.kind, o.status, o.reason) for o in result.report]
    dieu_1 = result.doc.find("dieu_1")
    assert [(k.number, k.text) for k in dieu_1.children] == [
        ("1", ["Khoản một mới."]),
        ("2", ["Khoản hai mới."]),
        ("2a", ["Khoản hai a."]),
        ("2b", ["Khoản hai b."]),
        ("3", ["Khoản ba mới."]),
        ("4", ["Khoản bốn."]),
    ]


def test_a_repealed_article_is_its_number_and_words_change_in_titles_too(tmp_path):
    """31/VBHN-VPQH prints "Điều 50. (được bãi bỏ)", the title gone; "Bổ sung cụm từ “,
    phương tiện” vào sau từ “tang vật” tại Điều 60" (Luật 67/2020/QH14) changes the title of
    Điều 60 as well as its text."""
    base = TAX_BASE.replace("88/2024/QH15", "81/2024/QH15").replace(
        "Điều 1. Phạm vi", "Điều 1. Phạm vi tang vật"
    )
    amend = TAX_SECOND.split("1. Sửa cụm từ")[0].replace("86/2026/QH15", "80/2025/QH15").replace(
        "88/2024/QH15", "81/2024/QH15"
    ) + (
        """1. Bổ sung cụm từ “, phương tiện” vào sau từ “tang vật” tại Điều 1.
2. Bãi bỏ Điều 2.
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.
CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn
"""
    )
    result = _consolidate(tmp_path, base, amend, "81-2024-QH15", at=date(2026, 1, 1))
    assert [o.status for o in result.report] == ["applied", "applied"]
    assert result.doc.find("dieu_1").heading == "Phạm vi tang vật, phương tiện"
    repealed = result.doc.find("dieu_2")
    assert (repealed.heading, repealed.text) == ("", [REPEALED])


def test_opening_words_added_before_the_first_khoan_are_the_articles_own(tmp_path):
    """Luật 67/2020/QH14: "Bổ sung đoạn mở đầu vào trước khoản 1 Điều 44 như sau: “Thẩm quyền
    xử phạt của cơ quan Thuế …”": words of Điều 44 before its khoản, not a khoản without a
    number."""
    base = TAX_BASE.replace("88/2024/QH15", "79/2024/QH15")
    amend = TAX_SECOND.split("1. Sửa cụm từ")[0].replace("86/2026/QH15", "78/2025/QH15").replace(
        "88/2024/QH15", "79/2024/QH15"
    ) + (
        """1. Bổ sung đoạn mở đầu vào trước khoản 1 Điều 1 như sau:
“Phạm vi của Luật này được quy định như sau:”.
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.
CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn
"""
    )
    result = _consolidate(tmp_path, base, amend, "79-2024-QH15", at=date(2026, 1, 1))
    assert [(o.op.kind, o.status) for o in result.report] == [("replace_intro", "applied")]
    dieu_1 = result.doc.find("dieu_1")
    assert dieu_1.text == ["Phạm vi của Luật này được quy định như sau:"]
    assert [k.number for k in dieu_1.children] == ["1", "2", "3"]


_INSERTED_2A = "2a. Đội trưởng Đội đặc nhiệm có quyền phạt cảnh cáo."


def _copy_with_khoan_2a(base_number: str, number: str, khoan_2a: str) -> tuple[str, str]:
    """A copy of the base that holds `khoan_2a`, and a law inserting khoản 2a as
    _INSERTED_2A says."""
    base = SMALL_BASE.replace("95/2024/QH15", base_number)
    base = base.replace("3. Chính phủ", f"{khoan_2a}\n3. Chính phủ")
    instructions = f"1. Bổ sung khoản 2a vào sau khoản 2 Điều 1 như sau:\n“{_INSERTED_2A}”\n"
    return base, _amending(number, base_number, instructions)


def test_a_unit_the_copy_of_the_base_already_has_is_the_later_laws(tmp_path):
    """thuvienphapluat's Luật 15/2012/QH13 already holds khoản 2a of Điều 40 ("2a. Đội
    trưởng Đội đặc nhiệm phòng chống ma túy …"), which Luật 67/2020/QH14 inserts ("Bổ sung
    khoản 2a vào sau khoản 2 …"), with no note: as enacted the law had no khoản 2a, so the
    copy's unit is taken out and the insertion applies on its date, not before."""
    base, amend = _copy_with_khoan_2a("81/2024/QH15", "80/2025/QH15", _INSERTED_2A)
    before = _consolidate(tmp_path, base, amend, "81-2024-QH15", at=date(2025, 1, 1))
    assert [k.number for k in before.doc.find("dieu_1").children] == ["1", "2", "3"]
    assert [uid for uid, _ in before.written_in] == ["dieu_1__khoan_2a"]
    from ingest.consolidation.render import report_lines

    said = [line for line in report_lines(before) if line.startswith("dieu_1__khoan_2a:")]
    assert said and "80-2025-QH15" in said[0]  # taken out, and said so
    (tmp_path / "later").mkdir()
    after = _consolidate(tmp_path / "later", base, amend, "81-2024-QH15", at=date(2025, 7, 1))
    assert [o.status for o in after.report] == ["applied"]
    assert [k.number for k in after.doc.find("dieu_1").children] == ["1", "2", "2a", "3"]
    assert after.history["dieu_1__khoan_2a"][-1].source_doc == "80-2025-QH15"


def test_a_copy_that_differs_from_the_insertion_keeps_its_unit(tmp_path):
    """Only a unit word for word the inserted one is the later law's: a khoản 2a of other
    words stays, and the insertion fails as a number already taken."""
    base, amend = _copy_with_khoan_2a(
        "79/2024/QH15", "78/2025/QH15", "2a. Cơ quan thử nghiệm báo cáo hằng năm."
    )
    result = _consolidate(tmp_path, base, amend, "79-2024-QH15", at=date(2025, 7, 1))
    assert not result.written_in
    assert [o.failure for o in result.report] == ["number_taken"]


def test_a_replacing_article_printed_with_its_title_glued_on_keeps_the_title(tmp_path):
    """Luật 67/2020/QH14 on thuvienphapluat: "“Điều 107. Gửi quyết định áp dụng biện pháp …
    để thi hành Trong thời hạn 03 ngày, …" (title and first words on one line, read as an
    untitled article): the article keeps its title once, and the text after it."""
    base = SMALL_BASE.replace("95/2024/QH15", "77/2024/QH15")
    amend = _amending(
        "76/2025/QH15",
        "77/2024/QH15",
        """1. Sửa đổi, bổ sung Điều 1 như sau:
“Điều 1. Phạm vi Luật này quy định về mẫu thử, cơ quan thử nghiệm và phòng thử nghiệm.”
""",
    )
    result = _consolidate(tmp_path, base, amend, "77-2024-QH15")
    assert [o.status for o in result.report] == ["applied"]
    dieu_1 = result.doc.find("dieu_1")
    assert dieu_1.heading == "Phạm vi"
    assert dieu_1.text == ["Luật này quy định về mẫu thử, cơ quan thử nghiệm và phòng thử nghiệm."]


def test_an_article_replaced_by_its_content_alone_keeps_its_title(tmp_path):
    """Thông tư 03/2023/TT-BLĐTBXH: "4. Sửa đổi, bổ sung Điều 10 như sau: “a) Thực hiện theo
    quy định của pháp luật về giá; …" (the new content without the article's own line): the
    article keeps its number and title, its content is the new one."""
    base = SMALL_BASE.replace("95/2024/QH15", "75/2024/QH15")
    amend = _amending(
        "74/2025/QH15",
        "75/2024/QH15",
        """1. Sửa đổi, bổ sung Điều 1 như sau:
“a) Thực hiện theo quy định của pháp luật về giá;
b) Các ngành, nghề do cơ quan có thẩm quyền quyết định.”
""",
    )
    result = _consolidate(tmp_path, base, amend, "75-2024-QH15")
    assert [o.status for o in result.report] == ["applied"]
    dieu_1 = result.doc.find("dieu_1")
    assert dieu_1.heading == "Phạm vi"
    assert [(u.number, u.text) for u in dieu_1.children] == [
        ("a", ["Thực hiện theo quy định của pháp luật về giá;"]),
        ("b", ["Các ngành, nghề do cơ quan có thẩm quyền quyết định."]),
    ]


def test_a_space_a_copy_lost_between_words_is_no_difference():
    """17/VBHN-VPQH against the tvpl copy of Luật Hải quan: "đồng tiền ViệtNam" / "đồng
    tiền Việt Nam" is spacing; "cơ dữ liệu" / "cơ sở dữ liệu" is not (a slip, one word lost)."""
    from ingest.consolidation.compare import compare
    from schema.model import DIEU, Document, Metadata, Unit

    def doc(text: str) -> Document:
        unit = Unit(type=DIEU, number="86", id="dieu_86", text=[text])
        return Document(id="x", metadata=Metadata(), units=[unit])

    same = compare(
        doc("Tỷ giá giữa đồng tiền ViệtNam với đồng tiền nước ngoài."),
        doc("Tỷ giá giữa đồng tiền Việt Nam với đồng tiền nước ngoài."),
    )
    assert same.equal == 1
    other = compare(doc("Cơ sở dữ liệu thông tin hải quan."), doc("Cơ dữ liệu thông tin hải quan."))
    assert other.equal == 0 and other.differences[0].kind == "slip"  # a word lost: unequal


def test_a_phrase_replaced_across_laws_applies_to_the_base_alone(tmp_path):
    """Luật Doanh nghiệp 59/2020/QH14, Điều 217 "Hiệu lực thi hành": "3. Thay thế cụm từ
    “doanh nghiệp nhà nước” bằng cụm từ “doanh nghiệp do Nhà nước nắm giữ 100% vốn điều lệ”
    quy định tại điểm m khoản 1 Điều 35 … của Luật Ngân sách nhà nước số 83/2015/QH13; điểm b
    khoản 2 Điều 74 của Bộ luật Tố tụng dân sự số 92/2015/QH13 …": the base's own unit
    changes; the article's other khoản ("Luật này có hiệu lực thi hành từ …") are no
    instructions, and not reported as unread ones."""
    base = SMALL_BASE.replace("95/2024/QH15", "73/2024/QH15").replace(
        "b) Báo cáo cơ quan thử nghiệm cấp trên;", "b) Báo cáo doanh nghiệp nhà nước;"
    )
    amend = SMALL_AMEND.split("Điều 1. Sửa đổi")[0].replace("94/2025/QH15", "72/2025/QH15") + (
        """Điều 1. Phạm vi điều chỉnh
Luật này quy định về doanh nghiệp.
Điều 2. Hiệu lực thi hành
1. Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.
2. Thay thế cụm từ “doanh nghiệp nhà nước” bằng cụm từ “doanh nghiệp do Nhà nước nắm giữ 100% vốn điều lệ” quy định tại điểm m khoản 1 Điều 35 của Luật Ngân sách nhà nước số 83/2015/QH13; điểm b khoản 2 Điều 1 của Luật Mẫu số 73/2024/QH15.
CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn
"""
    )
    result = _consolidate(tmp_path, base, amend, "73-2024-QH15")
    assert [(o.op.kind, o.status) for o in result.report] == [("replace_phrase", "applied")]
    point = result.doc.find("dieu_1__khoan_2__diem_b")
    assert point.text == ["Báo cáo doanh nghiệp do Nhà nước nắm giữ 100% vốn điều lệ;"]


def test_words_instructions_misprinted_or_on_a_line_of_their_own(tmp_path):
    """Luật 67/2020/QH14 on Luật 15/2012/QH13, as printed: "Bổ sung cụm từ “, Giám đốc Công an
    cấp tỉnh” vào sau cụm từ “Trường công an cấp huyện”" (for "Trưởng Công an cấp huyện");
    "Thay cụm từ “cơ quan tiến hành tố tụng” bằng cụm từ “cơ quan có thẩm quyền tiến hành tố
    tụng”" reaching "3. Cơ quan tiến hành tố tụng hình sự …"; and under "73. Thay một số từ,
    cụm từ …:" a second "Thay cụm từ …" on a line of its own after the points."""
    base = (
        SMALL_BASE.replace("95/2024/QH15", "71/2024/QH15")
        .replace("a) Lập kế hoạch;", "a) Trưởng Công an cấp huyện lập kế hoạch;")
        .replace(
            "3. Chính phủ quy định", "3. Cơ quan tiến hành tố tụng báo cáo. Chính phủ quy định"
        )
    )
    amend = _amending(
        "70/2025/QH15",
        "71/2024/QH15",
        """1. Bổ sung cụm từ “, Giám đốc Công an cấp tỉnh” vào sau cụm từ “Trường công an cấp huyện” tại điểm a khoản 2 Điều 1.
2. Thay một số cụm từ sau đây:
a) Thay cụm từ “cơ quan tiến hành tố tụng” bằng cụm từ “cơ quan có thẩm quyền tiến hành tố tụng” tại khoản 3 Điều 1;
b) Thay cụm từ “kế hoạch” bằng cụm từ “chương trình” tại điểm a khoản 2 Điều 1.
Thay cụm từ “cấp trên” bằng cụm từ “cấp tỉnh” tại điểm b khoản 2 Điều 1.
""",
    )
    result = _consolidate(tmp_path, base, amend, "71-2024-QH15")
    assert [o.status for o in result.report] == ["applied"] * 4, [
        (o.op.source_unit, o.status, o.reason) for o in result.report
    ]
    khoan_2 = result.doc.find("dieu_1__khoan_2")
    assert khoan_2.children[0].text == [
        "Trưởng Công an cấp huyện, Giám đốc Công an cấp tỉnh lập chương trình;"
    ]
    assert khoan_2.children[1].text == ["Báo cáo cơ quan thử nghiệm cấp tỉnh;"]
    assert (
        result.doc.find("dieu_1__khoan_3")
        .text[0]
        .startswith("Cơ quan có thẩm quyền tiến hành tố tụng báo cáo.")
    )


def test_a_point_replaced_in_a_payload_that_goes_on_with_a_khoan(tmp_path):
    """Luật 21/2012/QH13 on Điều 100 of Luật Quản lý thuế: "29. Sửa đổi, bổ sung điểm a khoản
    1 Điều 100; bổ sung khoản 4 vào Điều 100 như sau: “a) … tiền phạt;” “4. Chính phủ quy
    định …”": the new điểm a ends where khoản 4 starts; điểm b stays."""
    base = SMALL_BASE.replace("95/2024/QH15", "69/2024/QH15")
    amend = _amending(
        "68/2025/QH15",
        "69/2024/QH15",
        """1. Sửa đổi, bổ sung điểm a khoản 2 Điều 1; bổ sung khoản 4 vào Điều 1 như sau: “a) Lập kế hoạch năm;” “4. Chính phủ quy định trình tự kiểm tra.”
""",
    )
    result = _consolidate(tmp_path, base, amend, "69-2024-QH15")
    assert [o.status for o in result.report] == ["applied", "applied"]
    khoan_2 = result.doc.find("dieu_1__khoan_2")
    assert [(p.number, p.text) for p in khoan_2.children] == [
        ("a", ["Lập kế hoạch năm;"]),
        ("b", ["Báo cáo cơ quan thử nghiệm cấp trên;"]),
        ("c", ["Lưu hồ sơ."]),
    ]
    assert result.doc.find("dieu_1__khoan_4").text == ["Chính phủ quy định trình tự kiểm tra."]


def test_an_amendment_in_words_no_instruction_has_is_reported_not_dropped(tmp_path):
    """Luật Thủy sản 18/2017/QH14, Điều 105 "Quy định chuyển tiếp": "1. Sửa đổi mức xử phạt
    vi phạm hành chính tối đa trong lĩnh vực … quy định tại điểm đ khoản 1 Điều 24 của Luật
    Xử lý vi phạm hành chính số 15/2012/QH13 như sau: mức phạt tiền tối đa … là
    1.000.000.000 đồng." No text to put in: reported as unread, with its words."""
    base = SMALL_BASE.replace("95/2024/QH15", "67/2024/QH15")
    amend = SMALL_AMEND.split("Điều 1. Sửa đổi")[0].replace("94/2025/QH15", "66/2025/QH15") + (
        """Điều 1. Phạm vi điều chỉnh
Luật này quy định về thủy sản.
Điều 2. Quy định chuyển tiếp
1. Sửa đổi mức xử phạt tối đa trong lĩnh vực thủy sản quy định tại điểm a khoản 2 Điều 1 của Luật Mẫu số 67/2024/QH15 như sau: mức phạt tiền tối đa là 1.000.000.000 đồng.
2. Các giấy phép đã được cấp được sử dụng cho đến khi hết thời hạn.
CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn
"""
    )
    result = _consolidate(tmp_path, base, amend, "67-2024-QH15")
    assert [(o.op.source_unit, o.failure) for o in result.report] == [
        ("dieu_2__khoan_1", "not_read")
    ]
    assert "Sửa đổi mức xử phạt tối đa" in result.report[0].reason


def test_the_customs_law_of_2005_as_its_drafters_wrote_it():
    """Luật 42/2005/QH11 amending Luật Hải quan 29/2001/QH10 (thuvienphapluat): "Bổ sung Điều
    5a sau Điều 5 như sau:" and "Bổ sung khoản 1a sau khoản 1 Điều 15 như sau: “1a. …" (no
    "vào"), "Điều 57 được sửa đổi , bổ sung như sau:" (a space before the comma). Only "Bổ
    sung khon 18 vào Điều 4" (a misprint) is left unread, and reported."""
    from tests.corpus_golden import CORPUS

    folder = CORPUS / "fulltext/thuvienphapluat"
    base = parse_file(folder / "Luật_Hải_quan_2001.txt")
    amending = parse_file(folder / "Luật_Hải_quan_sửa_đổi_2005.txt")

    def lookup(number: str | None, name: str | None) -> str | None:
        cited = (name or "").lower() == "luật hải quan" or (number or "") == "29/2001/QH10"
        return base.id if cited else None

    ops = parse_instructions(amending, base, None, lookup=lookup)
    result = consolidate(base, ops, date.max)
    failed = [(o.op.source_unit, o.failure) for o in result.report if o.status != "applied"]
    assert failed == [("dieu_1__khoan_2", "not_read")]
    assert len(result.report) == 24
    articles = {a.number: a for a in result.doc.articles()}
    # the site glued the new article's title to its words: "Điều 5a. Hoạt động … Theo chức năng …"
    assert articles["5a"].full_text().startswith("Hoạt động hợp tác quốc tế của Hải quan")
    assert [c.number for c in articles["15"].children][:3] == ["1", "1a", "2"]
    by_unit = {o.op.source_unit: o.op for o in result.report}
    replaced = {op.targets[0] for op in by_unit.values() if op.kind == "replace" and op.targets}
    assert "dieu_57" in {t.split("__")[-1] for t in replaced}


def test_instruction_openings_as_decrees_print_them():
    """Nghị định 59/2018/NĐ-CP: "Điều 76 được sửa đổi, bổ sung bổ sung như sau:" (the verb
    set twice); Nghị định 65/2022/NĐ-CP: "Sửa đổi quy định tại khoản 1 Điều 19 như sau:",
    "Sửa đổi quy định tại khoản 3, khoản 4 và khoản 5 Điều 38 như sau:"."""
    from ingest.links.resolve import INSTRUCTION, active_voice

    assert active_voice("Điều 76 được sửa đổi, bổ sung bổ sung như sau:") == (
        "Sửa đổi, bổ sung Điều 76 như sau:"
    )
    assert active_voice("Điều 57 được sửa đổi , bổ sung như sau:") == (
        "Sửa đổi, bổ sung Điều 57 như sau:"
    )
    assert INSTRUCTION.match("Sửa đổi quy định tại khoản 1 Điều 19 như sau:")
    assert INSTRUCTION.match("Sửa đổi quy định tại khoản 3, khoản 4 và khoản 5 Điều 38 như sau:")
    assert not INSTRUCTION.match("Sửa đổi quy định về hợp đồng là việc các bên thỏa thuận")


def test_units_named_after_quy_dinh_tai_are_replaced(tmp_path):
    """Nghị định 65/2022/NĐ-CP's wording, "Sửa đổi quy định tại khoản 3, khoản 4 và khoản 5
    Điều 38 như sau:", on Luật Mẫu."""
    amend = _amending(
        "89/2025/QH15",
        "95/2024/QH15",
        "1. Sửa đổi quy định tại khoản 1 và khoản 3 Điều 1 như sau:\n"
        "“1. Luật này quy định về mẫu vật.\n3. Bộ trưởng quy định chi tiết Điều này.”\n",
    )
    result = _consolidate(tmp_path, SMALL_BASE, amend, "95-2024-QH15")
    assert [(o.op.kind, o.status) for o in result.report] == [("replace", "applied")]
    dieu_1 = result.doc.find("dieu_1")
    assert dieu_1.children[0].text == ["Luật này quy định về mẫu vật."]
    assert dieu_1.children[2].text == ["Bộ trưởng quy định chi tiết Điều này."]
