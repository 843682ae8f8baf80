"""Damage the copies do to a text's layout, read back: each test is a real phrase of the
shared corpus (the document named), parsed as the body of an article."""

from __future__ import annotations

import pytest

from ingest.links.resolve import IN_PAYLOAD, citations, quoted_spans
from ingest.parse.structure import parse_body
from ingest.pipeline import parse_source
from ingest.readers import read_path
from ingest.readers.tvpl import (
    _join_breaks,
    _join_open_notes,
    _split_after_notes,
    _split_nested_headings,
    _split_trailing_numbers,
    clean,
)
from ingest.readers.unwrap import joins
from schema.model import Document, Metadata, Paragraph
from tests.conftest import ROOT


def _body(*texts: str):
    issues: list = []
    units = parse_body([Paragraph(t, i + 1) for i, t in enumerate(texts)], "", issues)
    return {u.id: u for root in units for u in root.walk()}, issues


def test_headings_printed_on_one_line_are_split():
    """VBHN 20/VBHN-VPQH, Luật Đất đai 2003, VBHN 02/VBHN-VPQH 2024."""
    lines = [
        ("Phần thứ hai XỬ PHẠT VI PHẠM HÀNH CHÍNH Chương I CÁC HÌNH THỨC XỬ PHẠT VÀ BIỆN PHÁP", 1),
        ("CHƯƠNG II QUYỀN CỦA NHÀ NƯỚC ĐỐI VỚI ĐẤT ĐAI MỤC 1 LẬP, QUẢN LÝ HỒ SƠ ĐỊA GIỚI", 2),
        ("[74] (được bãi bỏ) Chương VI KHIẾU NẠI, TỐ CÁO VÀ KHÁNG NGHỊ VỀ THI HÀNH ÁN DÂN SỰ", 3),
        ("Chương II SỬA ĐỔI CHƯƠNG III CỦA LUẬT", 4),
        ("Phần thứ hai XỬ PHẠT VI PHẠM HÀNH CHÍNH Chương I CÁC HÌNH THỨC XỬ PHẠT VÀ BIỆN PHÁP", 5),
    ]
    out = [t for t, _ in _split_nested_headings(lines)]
    assert out == [
        "Phần thứ hai XỬ PHẠT VI PHẠM HÀNH CHÍNH",
        "Chương I CÁC HÌNH THỨC XỬ PHẠT VÀ BIỆN PHÁP",
        "CHƯƠNG II QUYỀN CỦA NHÀ NƯỚC ĐỐI VỚI ĐẤT ĐAI",
        "MỤC 1 LẬP, QUẢN LÝ HỒ SƠ ĐỊA GIỚI",
        "[74] (được bãi bỏ)",
        "Chương VI KHIẾU NẠI, TỐ CÁO VÀ KHÁNG NGHỊ VỀ THI HÀNH ÁN DÂN SỰ",
        "Chương II SỬA ĐỔI CHƯƠNG III CỦA LUẬT",  # a title that names a chapter: one heading
    ]  # the restated "Phần thứ hai … Chương I …" (line 5) is the site's breadcrumb: dropped
    numbered = [  # Luật Đất đai 2013: the chapter's number on a line of its own
        ("Chương 2.", 1),
        ("QUYỀN VÀ TRÁCH NHIỆM CỦA NHÀ NƯỚC ĐỐI VỚI ĐẤT ĐAI MỤC 1. QUYỀN CỦA NHÀ NƯỚC ĐỐI VỚI", 2),
        ("Chương 3.", 3),
        ("ĐỊA GIỚI HÀNH CHÍNH VÀ ĐIỀU TRA CƠ BẢN VỀ ĐẤT ĐAI", 4),
    ]
    assert [t for t, _ in _split_nested_headings(numbered)] == [
        "Chương 2.",
        "QUYỀN VÀ TRÁCH NHIỆM CỦA NHÀ NƯỚC ĐỐI VỚI ĐẤT ĐAI",
        "MỤC 1. QUYỀN CỦA NHÀ NƯỚC ĐỐI VỚI",
        "Chương 3.",
        "ĐỊA GIỚI HÀNH CHÍNH VÀ ĐIỀU TRA CƠ BẢN VỀ ĐẤT ĐAI",
    ]


def test_a_site_note_broken_over_lines_is_joined_and_a_unit_after_a_note_starts_a_line():
    """Luật Doanh nghiệp 2020 and Luật Đất đai 1993 on thuvienphapluat."""
    joined = _join_open_notes(
        [
            ("c) Đăng ký doanh nghiệp qua mạng. [Điểm này được hướng dẫn bởi", 1),
            ("Luật Doanh nghiệp 2020. Chương V Nghị định 01/2021/NĐ-CP có hiệu lực]", 2),
            ("2. Đăng ký doanh nghiệp qua mạng thông tin điện tử là việc …", 3),
        ]
    )
    assert [n for _, n in joined] == [1, 3]
    text = "1- Nhà nước bảo hộ … [Điều này được sửa đổi bởi Khoản 2 Điều 1] 2- Hộ gia đình …"
    assert _split_after_notes(text) == [
        "1- Nhà nước bảo hộ … [Điều này được sửa đổi bởi Khoản 2 Điều 1]",
        "2- Hộ gia đình …",
    ]
    # a khoản's decimal part (Nghị định 103/2024/NĐ-CP Điều 36)
    text = (
        "c) Trường hợp thuê đất trả tiền thuê đất hằng năm … [Điểm này được sửa đổi bởi Điểm b "
        "Khoản 11 Điều 1 Nghị định 291/2025/NĐ-CP có hiệu lực từ ngày 06/11/2025] 1.2. Trường "
        "hợp người sử dụng đất được Nhà nước cho thuê đất thông qua hình thức đấu giá …"
    )
    assert _split_after_notes(text)[1].startswith("1.2. Trường hợp người sử dụng đất")


def test_first_khoan_glued_to_its_heading_is_split_when_khoan_2_follows():
    """VBHN 31/VBHN-VPQH (its footnote mark taken off), Luật Đất đai 1993 and Thông tư
    11/2024/TT-BTNMT (its "2." alone on its line)."""
    units, issues = _body(
        "Điều 63. Chuyển hồ sơ vụ vi phạm để xử phạt hành chính 1. Đối với vụ việc do cơ quan",
        "2. Đối với vụ vi phạm do người có thẩm quyền …",
        "Điều 33 1- Khi được cơ quan Nhà nước có thẩm quyền giao đất",
        "2- Uỷ ban nhân dân xã, phường, thị trấn lập và quản lý sổ địa chính.",
        "Điều 34. Thu thập thông tin, tài liệu, số liệu, bản đồ và khảo sát sơ bộ tại thực địa "
        "phục vụ điều tra, đánh giá chất lượng đất, tiềm năng đất đai 1.Thu thập các thông tin",
        "2.",
        "Thu thập các thông tin, tài liệu, số liệu, bản đồ về điều kiện tự nhiên …",
    )
    assert units["dieu_63"].heading == "Chuyển hồ sơ vụ vi phạm để xử phạt hành chính"
    assert "dieu_63__khoan_1" in units and "dieu_63__khoan_2" in units
    assert units["dieu_33__khoan_1"].text == ["Khi được cơ quan Nhà nước có thẩm quyền giao đất"]
    assert units["dieu_34"].heading.endswith("tiềm năng đất đai")
    assert "dieu_34__khoan_2" in units
    assert sum(i.code == "khoan-recovered" for i in issues) == 3


def test_point_a_glued_after_its_lead_in_is_split_when_b_follows():
    """Thông tư 11/2024/TT-BTNMT on thuvienphapluat."""
    units, _ = _body(
        "Điều 14. Xây dựng bản đồ",
        "1. Xây dựng bản đồ chất lượng đất a) Rà soát, chỉnh lý ranh giới khoanh đất;",
        "b) Nhập kết quả phân tích mẫu đất vào lớp thông tin;",
    )
    assert units["dieu_14__khoan_1"].text == ["Xây dựng bản đồ chất lượng đất"]
    assert "dieu_14__khoan_1__diem_a" in units and "dieu_14__khoan_1__diem_b" in units


def test_a_quotation_left_open_in_the_texts_own_sentence_closes_at_the_next_khoan():
    """Thông tư 10/2024/TT-BTNMT, Điều 13: three quotes opened, two closed."""
    units, issues = _body(
        "Điều 13. Thể hiện thông tin",
        "1. Trường hợp … thì thể hiện: “Thửa đất (…) … của “Bà” hoặc “Ông” …",
        "2. Trường hợp chủ sở hữu tài sản …",
    )
    assert "dieu_13__khoan_2" in units
    assert any(i.code == "quote-unclosed" for i in issues)
    payload, _ = _body(  # a new text an amendment brings stays quoted to its end
        "Điều 1. Sửa đổi",
        "1. Sửa đổi khoản 5 Điều 13 như sau: “5. Việc kéo dài thời gian được quy định như sau:",
        "2. Thời gian kéo dài không quá 15 năm.”.",
        "2. Sửa đổi khoản 7 Điều 13 như sau: “7. …”.",
    )
    assert payload["dieu_1__khoan_2"].text[0].startswith("Sửa đổi khoản 7")


def test_a_number_thousands_is_no_khoan_but_a_footnote_mark_after_one_is():
    units, _ = _body(
        "Điều 5. Mức lương",
        "1. Mức lương cơ sở là",
        "3.486.600 đồng/tháng.",
        "2. Mức tạm giữ …",
        "3.173 Việc tạm giữ tang vật …",  # VBHN 27/VBHN-VPQH: khoản 3 and the site's mark 173
    )
    assert [u.number for u in units.values() if u.type == "khoan"] == ["1", "2", "3"]


def test_an_article_number_alone_takes_its_title_from_the_next_line():
    """Luật Nhà ở 2023 on thuvienphapluat."""
    units, _ = _body(
        "Điều 20.",
        "Quyền của chủ sở hữu nhà ở là tổ chức, cá nhân nước ngoài",
        "1. Tổ chức kinh tế có vốn đầu tư nước ngoài …",
        "Điều 21.",
        "Quyết định này có hiệu lực kể từ ngày ký",  # a sentence, not a title
    )
    assert units["dieu_20"].heading == "Quyền của chủ sở hữu nhà ở là tổ chức, cá nhân nước ngoài"
    assert units["dieu_21"].heading == ""


def test_an_article_title_short_of_the_margin_ends_unless_it_goes_on_mid_phrase():
    """Nghị định 121/2026/NĐ-CP; a title wrapped on "và" / "Xã hội"."""
    title = "Điều 8. Lấy ý kiến tham gia của các cơ quan, tổ chức liên quan"
    assert not joins(title, "Cơ quan, tổ chức đề nghị thành lập tổ chức hành chính", 77, title)
    wrapped = "Điều 15. Trách nhiệm của các đơn vị thuộc Bộ Lao động - Thương binh và"
    assert joins(wrapped, "Xã hội", 80, wrapped)
    assert joins(title, "lấy ý kiến", 77, title)


def test_a_quotation_after_as_follows_at_the_margin_opens_a_paragraph():
    """Nghị quyết 21/2026/NQ-CP (Công báo): the amendment's new text opens after a full
    line; a quotation that goes on an open line is still joined."""
    full = "thuật quy định tại Điều 66 Nghị định số 96/2023/NĐ-CP như sau:"
    assert not joins(full, "“1. Nộp 01 bộ hồ sơ theo quy định tại khoản 2 Điều 64", 64)
    assert not joins(full, "“Điều 66. Thủ tục cấp điều chỉnh giấy phép hoạt động", 64)
    wrapped = "tại khoản 2 Điều 64 Nghị định số 96/2023/NĐ-CP và thay các cụm từ"
    assert joins(wrapped, "“Sở Y tế” bằng “Ủy ban nhân dân cấp tỉnh” …", 64)


def test_an_article_title_glued_to_its_first_sentence_is_split():
    """Luật Cạnh tranh 2018 and Nghị định 122/2021/NĐ-CP on thuvienphapluat: "Điều" on its
    own line, then the number with the title and the first sentence."""
    lines = [
        ("Điều", 1),
        ("3. Giải thích từ ngữ Trong Luật này, các từ ngữ dưới đây được hiểu như sau:", 2),
        ("Điều", 3),
        ("4. Quan hệ với Liên hợp quốc", 4),
    ]
    assert [t for t, _ in _join_breaks(lines)] == [
        "Điều 3. Giải thích từ ngữ",
        "Trong Luật này, các từ ngữ dưới đây được hiểu như sau:",
        "Điều 4. Quan hệ với Liên hợp quốc",
    ]
    # Thông tư 11/2024/TT-BTNMT: "cả nước" names no country, its sentence starts after it
    wrapped = [
        ("Điều 33. Điều tra, đánh giá chất lượng đất cả", 1),
        ("nước Kết quả điều tra, đánh giá chất lượng đất cả nước được tổng hợp như sau:", 2),
    ]
    assert [t for t, _ in _join_breaks(wrapped)] == [
        "Điều 33. Điều tra, đánh giá chất lượng đất cả nước",
        "Kết quả điều tra, đánh giá chất lượng đất cả nước được tổng hợp như sau:",
    ]
    # Luật Bảo vệ quyền lợi người tiêu dùng 2010 and VBHN 118/VBHN-VPQH: a section's word
    sections = [("MỤC", 1), ("1. THƯƠNG LƯỢNG", 2), ("Tiểu mục", 3), ("2. KÊ KHAI TÀI SẢN", 4)]
    assert [t for t, _ in _join_breaks(sections)] == [
        "MỤC 1. THƯƠNG LƯỢNG",
        "Tiểu mục 2. KÊ KHAI TÀI SẢN",
    ]


def test_a_khoan_number_left_at_the_end_of_the_line_before_opens_its_khoan():
    """Luật Dầu khí 2022, Thông tư 11/2024/TT-BTNMT, VBHN 27/VBHN-VPQH on thuvienphapluat."""
    lines = [
        ("Điều 28. Điều chỉnh nội dung hợp đồng dầu khí", 1),
        ("1. Việc điều chỉnh … [Nhiệm vụ … (VB hết hiệu lực: 01/03/2027)] 2.", 2),
        ("Bộ Công Thương điều chỉnh giấy chứng nhận đăng ký đầu tư …", 3),
        ("| Tỷ lệ 1: 1.000.000 | 100 | 10.000 | 3.", 4),
        ("Bản đồ kết quả điều tra, đánh giá đất đai …", 5),
        ("c) Bản đồ … theo tỷ lệ 1:25.000 đến 1:100.000. 7.", 6),  # not the next khoản
        ("Bản đồ kết quả …", 7),
        ("Điều 52. Thẩm quyền xử phạt vi phạm hành chính[95] 1.", 8),
        ("Trường hợp chức danh có thẩm quyền xử phạt vi phạm hành chính …", 9),
        ("Căn cứ quy định tại khoản 1 Điều 2.", 10),  # a reference ends the sentence
        ("Các trường hợp …", 11),
    ]
    assert [t for t, _ in _split_trailing_numbers(lines)] == [
        "Điều 28. Điều chỉnh nội dung hợp đồng dầu khí",
        "1. Việc điều chỉnh … [Nhiệm vụ … (VB hết hiệu lực: 01/03/2027)]",
        "2. Bộ Công Thương điều chỉnh giấy chứng nhận đăng ký đầu tư …",
        "| Tỷ lệ 1: 1.000.000 | 100 | 10.000 |",
        "3. Bản đồ kết quả điều tra, đánh giá đất đai …",
        "c) Bản đồ … theo tỷ lệ 1:25.000 đến 1:100.000. 7.",
        "Bản đồ kết quả …",
        "Điều 52. Thẩm quyền xử phạt vi phạm hành chính[95]",
        "1. Trường hợp chức danh có thẩm quyền xử phạt vi phạm hành chính …",
        "Căn cứ quy định tại khoản 1 Điều 2.",
        "Các trường hợp …",
    ]


def test_an_amendments_new_text_with_a_quotation_mark_too_many_ends_at_its_close():
    """Luật 07/2022/QH15 on thuvienphapluat (its khoản 51 and 52, renumbered): "“1." opens a
    second quotation inside the new Điều 131a, which the source never closes."""
    units, issues = _body(
        "Điều 1. Sửa đổi, bổ sung một số điều của Luật Sở hữu trí tuệ",
        "1. Bổ sung Điều 131a vào sau Điều 131 trong Mục 1 Chương IX Phần thứ ba như sau:",
        "“Điều 131a. Đền bù cho chủ sở hữu sáng chế vì sự chậm trễ trong việc cấp phép lưu "
        "hành dược phẩm “1. Khi thực hiện thủ tục đăng ký lưu hành dược phẩm …",
        "6. Chính phủ quy định chi tiết Điều này.”.",
        "2. Bổ sung Điều 133a vào sau Điều 133 như sau:",
        "“Điều 133a. Quyền của Nhà nước đối với sáng chế, kiểu dáng công nghiệp …",
        "5. Chính phủ quy định chi tiết Điều này.”.",
        "Điều 2. Hiệu lực thi hành",
    )
    assert {"dieu_1__khoan_1", "dieu_1__khoan_2", "dieu_2"} <= set(units)
    assert "dieu_1__khoan_6" not in units and "quote-unclosed" in {i.code for i in issues}


def test_an_article_the_instruction_names_after_an_early_close_is_its_new_text():
    """Luật 07/2022/QH15 on thuvienphapluat (its khoản 74, renumbered): the source closes the
    new text after Điều 191a, and Điều 191b follows unquoted."""
    units, issues = _body(
        "Điều 1. Sửa đổi, bổ sung một số điều của Luật Sở hữu trí tuệ",
        "1. Sửa đổi, bổ sung Điều 191 và bổ sung Điều 191a, 191b vào sau Điều 191 trong Mục 2 "
        "Chương XIV Phần thứ tư như sau:",
        "“Điều 191. Nghĩa vụ của chủ Bằng bảo hộ giống cây trồng",
        "1. Trừ trường hợp quy định tại khoản 2 Điều này, …",
        "Điều 191a. Nghĩa vụ của tổ chức chủ trì đối với giống cây trồng …",
        "6. Chính phủ quy định chi tiết Điều này.”.",
        "Điều 191b. Quyền của Nhà nước đối với giống cây trồng được chọn tạo …",
        "1. Đại diện chủ sở hữu nhà nước thông báo công khai …",
        "5. Chính phủ quy định chi tiết Điều này.”.",
        "2. Sửa đổi, bổ sung khoản 4 và bổ sung khoản 5 vào sau khoản 4 Điều 194 như sau:",
        "Điều 2. Hiệu lực thi hành",
    )
    assert "dieu_191b" not in units and {"dieu_1__khoan_2", "dieu_2"} <= set(units)
    assert "“Điều 191b. Quyền của Nhà nước đối với giống cây trồng được chọn tạo …" in (
        units["dieu_1__khoan_1"].text
    )
    assert "quote-unopened" in {i.code for i in issues}


def test_a_header_block_the_text_layer_gives_late_is_read_above_the_type_line():
    """Thông tư 32/2026/TT-BKHCN (Công báo text): the header stands after Điều 2 khoản 1,
    at the foot of the first page."""
    from ingest.readers.lines import paragraphs_from_lines

    page = [
        "CÔNG BÁO/Số 351/Ngày 27-06-2026",
        "102",
        "THÔNG TƯ",
        "Quy định danh mục các lĩnh vực và thời hạn người có chức vụ, quyền hạn",
        "Căn cứ Luật Phòng, chống tham nhũng số 36/2018/QH14;",
        "Điều 1. Phạm vi điều chỉnh",
        "Thông tư này quy định danh mục các lĩnh vực thuộc phạm vi quản lý của Bộ.",
        "BỘ KHOA HỌC VÀ CÔNG NGHỆ",
        "",
        "Số: 32/2026/TT-BKHCN",
        "",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "",
        "Hà Nội, ngày 11 tháng 6 năm 2026",
        "CÔNG BÁO/Số 351/Ngày 27-06-2026",
        "103",
        "Điều 2. Đối tượng áp dụng",
    ]
    issues: list = []
    out = paragraphs_from_lines([(t, n) for n, t in enumerate(page, 1)], issues, "txt")
    texts = [p.text for p in out if p.text]
    assert texts[:6] == [
        "BỘ KHOA HỌC VÀ CÔNG NGHỆ",
        "Số: 32/2026/TT-BKHCN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 11 tháng 6 năm 2026",
        "THÔNG TƯ",
    ]
    assert texts[-1] == "Điều 2. Đối tượng áp dụng" and "header-moved" in {i.code for i in issues}


def test_the_end_mark_and_the_rule_above_an_authentication_block_end_the_text():
    """VBHN 2650/VBHN-BLĐTBXH (Công báo text): its last khoản, the rule, then the block."""
    last = "Hội đồng thành viên hoặc Chủ tịch công ty … chịu trách nhiệm thi hành Nghị định này./."
    rule = "_" * 66
    assert not joins(last, rule, 80) and not joins(rule, "BỘ LAO ĐỘNG - THƯƠNG BINH", 80)
    assert not joins(last, "BỘ LAO ĐỘNG - THƯƠNG BINH", 80)


def test_capitals_end_where_a_line_in_running_case_begins():
    """Thông tư 03/2022/TT-BLĐTBXH (Công báo text): its table of prisons makes the margin 42
    characters, so the quốc hiệu looked like a full line."""
    assert not joins("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", 42)
    assert joins("QUY ĐỊNH DANH MỤC NHÀ TÙ VÀ NHỮNG NƠI ĐƯỢC COI LÀ", "NHÀ TÙ", 42)


def test_a_collapsed_header_in_vietnamese_capitals_is_the_sites():
    """Thông tư 11/2024/TT-BNV on thuvienphapluat: "BỘ NỘI VỤ --------" has no two ASCII
    capitals in a row."""
    from ingest.readers.tvpl import is_tvpl

    assert is_tvpl(["Thông tư 11/2024/TT-BNV", "BỘ NỘI VỤ --------", "Số: 11/2024/TT-BNV"])


def test_an_issuer_the_header_wraps_is_named_whole_from_the_number():
    """Thông tư 01/2022/TT-BLĐTBXH (Công báo text): "BỘ LAO ĐỘNG - THƯƠNG" / "BINH VÀ XÃ
    HỘI" read as "Binh và xã Hội" before."""
    from ingest.parse.metadata import extract_metadata

    header = [
        "BỘ LAO ĐỘNG - THƯƠNG",
        "BINH VÀ XÃ HỘI",
        "Số: 01/2022/TT-BLĐTBXH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 25 tháng 01 năm 2022",
        "THÔNG TƯ",
        "Hướng dẫn xác định chi phí tiền lương",
    ]
    md, _, _ = extract_metadata([Paragraph(t, n) for n, t in enumerate(header, 1)], [], [])
    assert md.issuer == "Bộ Lao động - Thương binh và Xã hội"


def test_a_wrapped_article_title_ends_on_its_last_line_short_of_the_margin():
    """Thông tư 20/2026/TT-BTC and Nghị định 112/2021/NĐ-CP (Công báo text)."""
    title = "Điều 3. Hồ sơ của khoản chi được tính vào chi phí được trừ quy định"
    last = "tại điểm b và điểm c khoản 1 Điều 9 của Luật Thuế thu nhập doanh nghiệp"
    joined = f"{title} {last}"
    assert not joins(joined, "Các khoản chi được tính vào chi phí được trừ quy định", 80, last)
    named = "Điều 15. Điều kiện hoạt động dịch vụ đưa người lao động Việt Nam đi làm"
    at = "việc tại Nhật Bản"
    assert not joins(f"{named} {at}", "Doanh nghiệp dịch vụ phải duy trì các điều kiện", 80, at)
    assert joins(f"{title} của Bộ", "Tài chính", 80, f"{title} của Bộ")  # one line: a name
    # a title in one line ending in a name, then its article's sentence restating it
    # (Nghị định 167/2026/NĐ-CP Điều 18, Thông tư 13/2023/TT-BKHĐT Điều 7)
    named = "Điều 18. Hồ sơ đề nghị quá cảnh lãnh thổ Việt Nam"
    assert not joins(named, "Hồ sơ đề nghị quá cảnh lãnh thổ Việt Nam bao gồm:", 76, named)
    named = "Điều 7. Bộ công cụ đánh giá mô hình kinh doanh áp dụng ESG"
    assert not joins(named, "Bộ công cụ đánh giá mô hình kinh doanh áp dụng ESG bao gồm", 80, named)
    # a title whose second line fills the margin, then a sentence taking up its words
    # (Thông tư 14/2024/TT-BLĐTBXH Điều 15); a name the line broke still goes on (2010_10209633)
    title = "Điều 15. Trách nhiệm của cơ quan quản lý trực tiếp cơ sở giáo dục nghề"
    last = "nghiệp, doanh nghiệp và cơ sở khác có đăng ký hoạt động giáo dục nghề nghiệp"
    sentence = "Tạo điều kiện thuận lợi để cơ sở giáo dục nghề nghiệp, doanh nghiệp và cơ sở"
    assert not joins(f"{title} {last}", sentence, 80, last)
    body = (
        "Điều 2. Giao Cục Quản lý Chất lượng Nông lâm sản và Thủy sản làm đầu mối … của Cục Quản lý"
    )
    assert joins(
        body, "Chất lượng Nông lâm sản và Thủy sản (http://www.nafiqad.gov.vn), của", 76, body
    )


def test_an_article_title_its_note_and_first_sentence_on_one_line_are_split():
    """Nghị định 47/2021/NĐ-CP on thuvienphapluat; a footnote mark is no note."""
    from ingest.readers.tvpl import _title_noted

    text = (
        "Điều 13. Điều kiện xác định doanh nghiệp quốc phòng, an ninh. [Quy định về doanh "
        "nghiệp quốc phòng an ninh được hướng dẫn bởi Nghị định 16/2023/NĐ-CP] Doanh nghiệp "
        "được xác định là doanh nghiệp quốc phòng, an ninh trong các trường hợp sau:"
    )
    assert _title_noted(text) == [
        "Điều 13. Điều kiện xác định doanh nghiệp quốc phòng, an ninh [Quy định về doanh "
        "nghiệp quốc phòng an ninh được hướng dẫn bởi Nghị định 16/2023/NĐ-CP]",
        "Doanh nghiệp được xác định là doanh nghiệp quốc phòng, an ninh trong các trường hợp sau:",
    ]
    marked = "Điều 63. Chuyển hồ sơ vụ vi phạm. [117] Đối với vụ việc do cơ quan …"
    assert _title_noted(marked) == [marked]


def test_a_point_glued_after_a_number_in_mid_line_opens_its_point():
    """Nghị định 103/2024/NĐ-CP on thuvienphapluat (its site note taken off); a letter in
    parentheses that does not continue the points stays in the text."""
    units, _ = _body(
        "Điều 9. Tiền sử dụng đất khi công nhận quyền sử dụng đất",
        "1. Hộ gia đình, cá nhân được cấp Giấy chứng nhận thì tiền sử dụng đất được tính như sau:",
        "a) Trường hợp không có giấy tờ chứng minh đã nộp tiền … là đất ở: Tiền sử dụng đất = "
        "Diện tích đất x Giá đất ở quy định tại Bảng giá đất x 70% b)Trường hợp có giấy tờ "
        "chứng minh đã nộp đủ tiền … thì không phải nộp tiền sử dụng đất.",
        "c) Trường hợp có giấy tờ chứng minh đã nộp tiền … x 50% e) Hạn mức …",
    )
    assert units["dieu_9__khoan_1__diem_a"].text[0].endswith("x 70%")
    assert units["dieu_9__khoan_1__diem_b"].text[0].startswith("Trường hợp có giấy tờ")
    assert units["dieu_9__khoan_1__diem_c"].text[0].endswith("x 50% e) Hạn mức …")


def test_a_point_the_site_ran_onto_a_word_opens_its_point_but_a_named_point_does_not():
    """Thông tư 10/2024/TT-BTNMT on thuvienphapluat: "c) Đối với tổ chức … thì thể hiện tên
    gọi đầy đủ của tổ chức d) Đối với cộng đồng dân cư …", its đ) on the next line; "… quy
    định tại điểm d) Khoản 3 …" names a point and stays in the text."""
    units, _ = _body(
        "Điều 12. Thể hiện thông tin về người sử dụng đất",
        "1. Thông tin về tên người sử dụng đất được thể hiện như sau:",
        "a) Đối với cá nhân trong nước thì thể hiện họ và tên;",
        "b) Đối với vợ và chồng thì thể hiện họ và tên của vợ và chồng;",
        "c) Đối với tổ chức trong nước (sau đây gọi chung là tổ chức) thì thể hiện tên gọi đầy "
        "đủ của tổ chức d) Đối với cộng đồng dân cư thì thể hiện tên gọi của cộng đồng dân cư;",
        "đ) Đối với trường hợp thửa đất có nhiều người chung quyền sử dụng đất theo quy định tại "
        "điểm e) Khoản 3 Điều này;",
    )
    assert units["dieu_12__khoan_1__diem_c"].text[0].endswith("tên gọi đầy đủ của tổ chức")
    assert units["dieu_12__khoan_1__diem_d"].text[0].startswith("Đối với cộng đồng dân cư")
    assert units["dieu_12__khoan_1__diem_dd"].text[0].endswith("điểm e) Khoản 3 Điều này;")
    assert "dieu_12__khoan_1__diem_e" not in units


def test_the_first_khoan_number_glued_to_a_short_title_rest_in_capitals():
    """Thông tư 10/2024/TT-BTNMT on thuvienphapluat: "Điều 40. Thể hiện nội dung tại mục
    Ghi chú trên" / "Giấy chứng nhận 1." / "Thông tin về miễn, giảm …"; a paragraph that
    ends naming a number ("Hồ sơ lập theo Mẫu số 1.") stays a paragraph."""
    from ingest.readers.tvpl import _join_breaks

    lines = [
        ("Điều 40. Thể hiện nội dung tại mục Ghi chú trên", 1),
        ("Giấy chứng nhận 1.", 2),
        ("Thông tin về miễn, giảm nghĩa vụ tài chính được thể hiện theo quy định.", 3),
    ]
    assert [t for t, _ in _join_breaks(lines)] == [
        "Điều 40. Thể hiện nội dung tại mục Ghi chú trên Giấy chứng nhận",
        "1.",
        lines[2][0],
    ]
    named = [
        ("Điều 41. Hồ sơ đăng ký đất đai, tài sản gắn liền với", 1),
        ("Hồ sơ lập theo Mẫu số 1.", 2),
    ]
    assert [t for t, _ in _join_breaks(named)] == [t for t, _ in named]


def test_a_straight_quote_after_a_bracket_opens_and_the_new_article_stays_quoted():
    """Thông tư 62/2019/TT-BTC on thuvienphapluat, the new Điều 7a of Thông tư 38/2018: 'ghi
    “Various” ("Nhiều người sản xuất”)' opens with a straight quote and closes with a curly
    one. Read as curly marks only, the ” closed the new article there: its khoản 4 and 5
    became the amending article's, and its "Điều 23 Thông tư này" (of Thông tư 38/2018) a
    reference to the amending text."""
    paragraphs = [
        "Bổ sung Điều 7a như sau:",
        "“Điều 7a. Xác định xuất xứ hàng hóa xuất khẩu, nhập khẩu",
        'a.4) Tên, địa chỉ … thì ghi “Various” ("Nhiều người sản xuất”) hoặc cung cấp …;',
        "4. Trường hợp … thực hiện theo quy định tại Điều 23 Thông tư này.",
        "5. Thủ tục hải quan … nhập khẩu nhiều lần.”",
    ]
    spans = quoted_spans(paragraphs)
    assert spans[3] == [(0, len(paragraphs[3]))]  # still inside the new article
    assert spans[4] == [(0, len(paragraphs[4]))]
    units, _ = _body(
        "Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 38/2018/TT-BTC",
        *[f"4. {paragraphs[0]}", *paragraphs[1:]],
        "Điều 2. Hiệu lực thi hành",
    )
    assert "dieu_1__khoan_5" not in units and "dieu_2" in units
    doc = Document(
        id="62-2019-TT-BTC", metadata=Metadata(), units=[units["dieu_1"], units["dieu_2"]]
    )
    rows = [r for r in citations(doc, lambda *_: None, lambda _: None) if "Điều 23" in r.text]
    assert rows and all(r.status == IN_PAYLOAD for r in rows)


def test_a_new_article_whose_closing_mark_is_missing_ends_before_the_next_instruction():
    """Thông tư 06/2026/TT-BTC in the Công báo: the new Điều 6 and Điều 7 of Thông tư
    13/2015/TT-BTC end without their ”. Read as text the parse had to ignore, their khoản 4
    and 5 became the amending article's, beside its own "4. Bổ sung Điều 10a …"."""
    units, issues = _body(
        "Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 13/2015/TT-BTC",
        "1. Sửa đổi, bổ sung Điều 3 như sau:",
        "“Điều 3. Giải thích từ ngữ",
        "10. Hàng hóa giả mạo về sở hữu trí tuệ là hàng hóa được quy định tại Điều 213 …”",
        "2. Sửa đổi, bổ sung Điều 6 đã được sửa đổi, bổ sung theo quy định tại khoản 4 Điều 1 "
        "Thông tư số 13/2020/TT-BTC như sau:",
        "“Điều 6. Nộp hồ sơ đề nghị kiểm tra, giám sát hàng hóa xuất khẩu, nhập khẩu",
        "1. Hồ sơ đề nghị kiểm tra, giám sát hàng hóa xuất khẩu, nhập khẩu gồm:",
        "2. Người nộp Đơn đề nghị chịu trách nhiệm trước pháp luật về tính chính xác, hợp pháp "
        "và hợp lệ của các nội dung khai và nộp trong hồ sơ đề nghị.",
        "3. Sửa đổi, bổ sung Điều 7 đã được sửa đổi, bổ sung theo quy định tại khoản 5 Điều 1 "
        "Thông tư số 13/2020/TT-BTC như sau:",
        "“Điều 7. Kiểm tra và xử lý hồ sơ đề nghị",
        "4. Các trường hợp từ chối tiếp nhận đơn:",
        "5. Cập nhật, bổ sung thông tin về hàng hóa xuất khẩu, nhập khẩu liên quan đến quyền "
        "sở hữu trí tuệ.",
        "4. Bổ sung Điều 10a sau Điều 10 như sau:",
        "“Điều 10a. Trình tự, thủ tục chủ động tạm dừng làm thủ tục hải quan”.",
        "Điều 2. Hiệu lực thi hành",
    )
    khoan = [u.number for u in units["dieu_1"].children]
    assert khoan == ["1", "2", "3", "4"]
    assert units["dieu_1__khoan_3"].text[-1].startswith("5. Cập nhật")  # the new Điều 7's
    assert "dieu_2" in units
    assert sum(i.code == "quote-unclosed" for i in issues) == 2


def test_a_new_text_closed_after_an_example_reads_on_to_its_next_khoan():
    """Thông tư 15/2023/TT-BLĐTBXH in the Công báo, the new Điều 18 of Thông tư 28/2015:
    each "Ví dụ" ends in a ”, and the new article's next khoản follows. Read on as its text
    where the numbering goes on; the amending article's own next khoản is its own."""
    units, issues = _body(
        "Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 28/2015/TT-BLĐTBXH",
        "1. Sửa đổi, bổ sung Điều 18 như sau:",
        "“Điều 18. Thời hạn, mức hỗ trợ học nghề",
        "7. Người lao động … được hỗ trợ học nghề theo quy định.",
        "Ví dụ 17b: Bà Nguyễn Thị S … ban hành Quyết định về việc hỗ trợ học nghề cho bà S.”",
        "8. Trường hợp người lao động có nhu cầu tham gia khóa đào tạo nghề …",
        "Ví dụ 17c: Ngày 07/3/2022, ông Bùi Minh T … đến hết ngày 31/8/2022.”",
        "9. Trường hợp người lao động đang hưởng trợ cấp thất nghiệp … thất nghiệp.”",
        "2. Sửa đổi và ban hành kèm theo các Mẫu số 01, 02 của Thông tư số 28/2015/TT-BLĐTBXH.",
        "Điều 2. Hiệu lực thi hành",
    )
    assert [u.number for u in units["dieu_1"].children] == ["1", "2"]
    assert units["dieu_1__khoan_1"].text[-1].startswith("9. Trường hợp")
    assert sum(i.code == "quote-closed-early" for i in issues) == 2


def test_a_khoan_after_a_closed_quotation_that_never_closes_again_is_the_articles():
    """VBHN 09/VBHN-BTC in the Công báo: its last article quotes the effect article of the
    amending Thông tư ("“Điều 16. …" / "3. … thi hành Thông tư này./.”.") and goes on with
    its own "4. Quá trình thực hiện …". The numbering goes on, but nothing closes after it:
    the quotation did end there."""
    units, issues = _body(
        "Điều 30. Điều khoản thi hành",
        "- Điều 16 Thông tư số 08/2026/TT-BTC … quy định như sau:",
        "“Điều 16. Điều khoản thi hành",
        "3. Ủy ban Chứng khoán Nhà nước … chịu trách nhiệm thi hành Thông tư này./.”.",
        "4. Quá trình thực hiện, nếu có vướng mắc đề nghị các tổ chức, cá nhân có liên quan "
        "phản ánh về Bộ Tài chính để nghiên cứu, hướng dẫn, giải quyết./.",
    )
    assert units["dieu_30"].text[-1].startswith("4. Quá trình thực hiện")  # not quoted
    assert not any(i.code in ("quote-closed-early", "unbalanced-quote") for i in issues)


def test_a_title_wrapped_before_the_article_it_names_goes_on_past_the_sites_note():
    """Nghị định 103/2024/NĐ-CP on thuvienphapluat: the site's note opens the title's second
    line, and the first khoản's number may be glued at its end (Điều 16, 31, 35, 36);
    Nghị quyết 02/2022/NQ-HĐTP: the first sentence glued after "Bộ luật Dân sự"."""
    note = (
        "[Thẩm quyền xác nhận số tiền bồi thường … do Ủy ban nhân dân cấp xã thực hiện bởi "
        "Điều 13 Nghị định 125/2025/NĐ-CP có hiệu lực từ ngày 01/07/2025 (VB hết hiệu lực: "
        "01/03/2027)]"
    )
    lines = [
        ("Điều 16. Xử lý kinh phí bồi thường, hỗ trợ, tái định cư theo quy định tại", 1),
        (
            f"{note} Điều 94 Luật Đất đai, xác định chi phí đầu tư vào đất còn lại theo quy "
            f"định tại {note} Điều 107 Luật Đất đai 1.",
            2,
        ),
        ("Trường hợp Quỹ phát triển đất ứng vốn cho đơn vị, tổ chức …", 3),
        (
            "Điều 31. Xử lý kinh phí bồi thường, hỗ trợ, tái định cư; xác định chi phí đầu tư "
            "vào đất còn lại theo quy định tại",
            4,
        ),
        (f"{note} Điều 107 Luật Đất đai", 5),
        ("1. Trường hợp Quỹ phát triển đất ứng vốn …", 6),
        ("Điều 36. Tính tiền thuê đất khi thay đổi quy hoạch chi tiết … quy định tại", 7),
        (
            "[Điều này được bổ sung bởi Điểm c Khoản 11 Điều 1 Nghị định 291/2025/NĐ-CP có hiệu "
            "lực từ ngày 06/11/2025] điểm d khoản 3 Điều 155, điểm a khoản 2 Điều 160 Luật Đất "
            "đai 1.",
            8,
        ),
        ("Điều 4. Xác định tuổi của người gây thiệt hại theo quy định tại", 9),
        (
            "Điều 586 của Bộ luật Dân sự Tuổi của người gây thiệt hại được tính tại thời điểm "
            "gây thiệt hại.",
            10,
        ),
    ]
    out = [t for t, _ in _join_breaks(lines)]
    assert out[0].startswith("Điều 16. Xử lý") and out[0].endswith("Điều 107 Luật Đất đai")
    assert out[1:3] == ["1.", "Trường hợp Quỹ phát triển đất ứng vốn cho đơn vị, tổ chức …"]
    assert out[3].endswith(f"theo quy định tại {note} Điều 107 Luật Đất đai")
    assert out[4] == "1. Trường hợp Quỹ phát triển đất ứng vốn …"
    assert out[5].endswith("điểm a khoản 2 Điều 160 Luật Đất đai") and out[6] == "1."
    assert out[7] == (
        "Điều 4. Xác định tuổi của người gây thiệt hại theo quy định tại Điều 586 của Bộ luật "
        "Dân sự"
    )
    assert out[8] == "Tuổi của người gây thiệt hại được tính tại thời điểm gây thiệt hại."


def test_point_a_glued_after_its_lead_in_is_split_when_b_follows_its_own_paragraphs():
    """Thông tư 11/2024/TT-BTNMT on thuvienphapluat, Điều 6: point a) holds a list of its
    own before b). A point c) or a khoản first means the "a)" was no point of a list."""
    units, _ = _body(
        "Điều 6. Quy định về kết quả điều tra, đánh giá đất đai",
        "1. Bản đồ kết quả … gồm: bản đồ chất lượng đất, bản đồ tiềm năng đất đai và bản đồ "
        "kết quả bảo vệ, cải tạo, phục hồi đất a) Bản đồ kết quả điều tra, đánh giá đất đai "
        "được lập trên nền bản đồ hiện trạng sử dụng đất cùng kỳ kiểm kê đất đai theo tỷ lệ "
        "như sau:",
        "Bản đồ kết quả điều tra, đánh giá đất đai cả nước theo tỷ lệ 1:1.000.000.",
        "Bản đồ kết quả điều tra, đánh giá đất đai cấp vùng theo tỷ lệ 1:250.000.",
        "b) Bản đồ kết quả bảo vệ, cải tạo, phục hồi đất được lập trên nền bản đồ …;",
        "2. Bản đồ kết quả điều tra, đánh giá đất đai thể hiện các nội dung khác a) Các yếu "
        "tố kế thừa;",
        "3. Hệ thống biểu kết quả;",
        "b) Lớp thông tin kết quả điều tra;",
    )
    assert {"dieu_6__khoan_1__diem_a", "dieu_6__khoan_1__diem_b"} <= set(units)
    assert units["dieu_6__khoan_1__diem_a"].text[-1].endswith("tỷ lệ 1:250.000.")
    assert "dieu_6__khoan_2__diem_a" not in units  # the next unit is khoản 3, not b)


def test_a_reference_to_a_part_wrapped_onto_its_own_line_is_no_heading():
    """Thông tư 11/2024/TT-BTNMT on thuvienphapluat, Điều 5: "Mục 2 Phần B …" opened a
    Mục 2 in Chương I, and every point after it was lost to Điều 5. A heading's title is
    in capitals, and the line before it ends a sentence."""
    lines = [
        ("b) Ranh giới khoanh đất điều tra chất lượng đất, tiềm năng đất đai; thoái hóa đất;", 1),
        ("ô nhiễm đất. Ký hiệu ranh giới khoanh đất điều tra được thể hiện theo quy định tại", 2),
        ("Mục 2 Phần B của Phụ lục I ban hành kèm theo Thông tư này.", 3),
        ("Quy định về nội dung bản đồ theo", 4),
        ("Mục 2 QUY ĐỊNH VỀ ĐIỀU TRA, ĐÁNH GIÁ CHẤT LƯỢNG ĐẤT", 5),
    ]
    out = [t for t, _ in _join_breaks(lines)]
    assert out[1].endswith(
        "theo quy định tại Mục 2 Phần B của Phụ lục I ban hành kèm theo Thông tư này."
    )
    assert out[-1] == "Mục 2 QUY ĐỊNH VỀ ĐIỀU TRA, ĐÁNH GIÁ CHẤT LƯỢNG ĐẤT"


def test_a_vbhn_authentication_block_over_a_blank_table_row_is_text_not_footnote():
    """VBHN 16/VBHN-BTC in the Công báo: a row of spaces in its authentication block's
    table reads as a footnote rule, and the block with its signature was taken for the
    continuation of footnote 18 (whose text goes on at the page's foot, below the real
    rule): the VBHN had no number, issuer or date, and its "Số: 16/VBHN-BTC" stood in its
    last article."""
    from ingest.pipeline import parse_source
    from ingest.readers import read_path

    path = (
        ROOT.parent / "shared" / "corpus/fulltext/congbao/van-ban-hop-nhat-so-16-vbhn-btc-30897.txt"
    )
    doc, _ = parse_source(read_path(path))
    md = doc.metadata
    assert (md.doc_type, md.number, md.issuer) == (
        "Văn bản hợp nhất",
        "16/VBHN-BTC",
        "Bộ Tài chính",
    )
    assert str(md.issued) == "2020-03-06"
    assert "XÁC THỰC VĂN BẢN HỢP NHẤT" in doc.closing
    note = next(a.text for a in doc.annotations if a.text.startswith("[18]"))
    assert "XÁC THỰC" not in note and "“Điều 2. Quyết định này có hiệu lực" in note


def test_the_first_chapter_glued_to_the_enacting_line_and_a_repealed_chapter_are_read():
    """thuvienphapluat: "Quốc hội ban hành Luật đất đai, Chương 1." (Luật Đất đai 2013),
    "… Luật khiếu nại, Chương 1 NHỮNG QUY ĐỊNH CHUNG" (Luật khiếu nại 2011); the Công báo:
    "Chương II (được bãi bỏ)" (VBHN 716/VBHN-BLĐTBXH)."""
    from ingest.parse.layout import heading_match

    lines = [
        ("Quốc hội ban hành Luật đất đai, Chương 1.", 1),
        ("QUY ĐỊNH CHUNG", 2),
        ("Quốc hội ban hành Luật khiếu nại, Chương 1 NHỮNG QUY ĐỊNH CHUNG", 3),
        ("Quốc hội ban hành Luật này, Chương 1 và Chương 2 của Luật cũ hết hiệu lực.", 4),
    ]
    assert [t for t, _ in _join_breaks(lines)] == [
        "Quốc hội ban hành Luật đất đai,",
        "Chương 1.",
        "QUY ĐỊNH CHUNG",
        "Quốc hội ban hành Luật khiếu nại,",
        "Chương 1 NHỮNG QUY ĐỊNH CHUNG",
        "Quốc hội ban hành Luật này, Chương 1 và Chương 2 của Luật cũ hết hiệu lực.",
    ]
    assert heading_match("Chương II (được bãi bỏ)") == ("chuong", "II", "(được bãi bỏ)")
    assert heading_match("Chương II của Luật này được bãi bỏ") is None


def test_an_effect_sentence_read_as_an_articles_title_still_dates_the_document():
    """Thông tư 06/2014/TT-BTC on luatvietnam: "Điều 3. Thông tư này có hiệu lực thi hành
    từ ngày 21 tháng 02 năm 2014" has no full stop, and the parser takes it for the title."""
    from datetime import date

    from ingest.parse.hieu_luc import effective_date

    units, _ = _body(
        "Điều 2. Tổ chức thực hiện",
        "Điều 3. Thông tư này có hiệu lực thi hành từ ngày 21 tháng 02 năm 2014",
        "Trong quá trình thực hiện nếu có vướng mắc đề nghị các đơn vị phản ảnh về Bộ Tài chính.",
    )
    assert units["dieu_3"].heading.startswith("Thông tư này có hiệu lực")
    when, _ = effective_date([units["dieu_2"], units["dieu_3"]], date(2014, 1, 7))
    assert when == date(2014, 2, 21)


def test_articles_the_site_wrote_in_from_a_later_law_are_notes_with_or_without_a_stop():
    """thuvienphapluat writes the articles an amending law added into the base text, its
    note naming them; they are not the document's articles (Luật Hải quan 2001; Luật Đất đai
    1993, three on one line, without the full stop after the number, in quotes)."""
    from ingest.readers.tvpl import clean

    lines = [
        "Điều 5a. Hoạt động hợp tác quốc tế về hải quan … [Điều 5a được bổ sung bởi Khoản 3 "
        "Điều 1 Luật Hải quan sửa đổi 2005 có hiệu lực từ ngày 01/01/2006]",
        'Điều 22a "1. Nhà nước giao đất có thu tiền sử dụng đất trong các trường hợp sau đây: '
        'a) Hộ gia đình, cá nhân có nhu cầu sử dụng đất làm nhà ở ; …" Điều 22b "Nhà nước cho '
        'thuê đất trong các trường hợp sau đây: …" [Điều 22a, Điều 22b, Điều 22c được bổ sung '
        "bởi Khoản 6, 7 và 8 Điều 1 Luật đất đai sửa đổi 1998 có hiệu lực từ ngày 15/10/1993 "
        "(VB hết hiệu lực: 01/07/2004)]",
        "Điều 24a 1. Việc quyết định cho người đang sử dụng đất chuyển mục đích sử dụng đất … "
        "[Điều 24a, Điều 24b được bổ sung bởi Khoản 7, 8 Điều 1 Luật đất đai sửa đổi 2001 có "
        "hiệu lực từ ngày 15/10/1993 (VB hết hiệu lực: 01/07/2004)]",
        "Điều 25 Các cơ quan Nhà nước có thẩm quyền giao đất quy định tại Điều 23 và Điều 24 "
        "của Luật này không được uỷ quyền cho cấp dưới.",
    ]
    issues: list = []
    out = clean([(t, n + 1) for n, t in enumerate(lines)], issues)
    assert [p.text for p in out][:3] == ["", "", ""]
    assert out[1].notes[-1].startswith('Điều 22a "1. Nhà nước giao đất')
    assert out[3].text.startswith("Điều 25 Các cơ quan")
    assert [i.params["unit"] for i in issues if i.code == "site-inserted-unit"] == [
        "Điều 5a",
        "Điều 22a",
        "Điều 24a",
    ]


def _gazette_doc(name: str):
    from ingest.pipeline import parse_source
    from ingest.readers import read_path

    doc, _ = parse_source(read_path(ROOT.parent / "shared" / "corpus/fulltext/congbao" / name))
    units = {u.id: u for root in doc.units for u in root.walk()}
    return doc, units


def test_a_footnote_going_on_at_the_next_pages_foot_without_its_rule_is_the_footnote():
    """The Công báo text copies of VBHN lose the rule above a footnote that goes on at the
    next page's foot; its lines are wider (the gazette's smaller type). VBHN
    465/VBHN-BLĐTBXH: footnote 5 quotes Điều 11 of Thông tư 12/2024 and stops at "khoản 2
    và"; the next page's foot goes on "khoản 3 Điều 7, khoản 1 và khoản 2 Điều 8, …" under
    the body's "1. Thông tư này có hiệu lực thi hành kể từ ngày 01 tháng 12 năm 2018."."""
    doc, units = _gazette_doc("van-ban-hop-nhat-so-465-vbhn-bldtbxh-44175.txt")
    note = next(a.text for a in doc.annotations if a.text.startswith("[5]"))
    assert "khoản 2 và khoản 3 Điều 7, khoản 1 và khoản 2 Điều 8" in note
    assert note.endswith("thì thực hiện theo văn bản mới ban hành.”")
    dieu_8 = next(u for u in units.values() if u.type == "dieu" and u.number == "8")
    assert [c.number for c in dieu_8.children] == ["1", "2"]
    assert dieu_8.children[1].text[0].startswith("Các chế độ quy định tại Thông tư này")


def test_a_footnote_that_fills_a_page_and_one_whose_next_paragraph_starts_a_foot_go_on():
    """VBHN 22/VBHN-VPQH (Luật Bảo hiểm y tế): the footnote at Điều 51 quotes the effect
    articles of six amending laws over five pages, two of them footnote from top to foot;
    footnote 8 ends a page with a full stop and goes on at the next page's foot with its
    next paragraph ("Khoản này được sửa đổi, bổ sung lần thứ hai …"), then "9 Khoản này
    …" follows under it."""
    doc, units = _gazette_doc("van-ban-hop-nhat-so-22-vbhn-vpqh-44464.txt")
    notes = {a.text.split("]", 1)[0] + "]": a.text for a in doc.annotations}
    assert "Khoản này được sửa đổi, bổ sung lần thứ hai" in notes["[8]"]
    assert notes["[9]"].startswith("[9] Khoản này được sửa đổi")
    effect = next(n for n in notes.values() if "b) Khoản 2 Điều 4 của Luật Bảo hiểm y tế" in n)
    assert "2. Pháp lệnh Công an xã số 06/2008/PL-UBTVQH12 hết hiệu lực" in effect
    dieu = [u.number for u in units.values() if u.type == "dieu"]
    assert dieu[-3:] == ["50", "51", "52"] and "3" not in dieu[10:]


def test_forms_after_the_last_footnote_stay_text():
    """A closed footnote does not go on into the next page's forms, however wide their
    dotted lines: VBHN 1607/VBHN-BLĐTBXH's application form "Đề nghị ngân hàng cho vay số
    tiền:……" stays in the document."""
    doc, _ = _gazette_doc("van-ban-hop-nhat-so-1607-vbhn-bldtbxh-39308.txt")
    assert not any("Đề nghị ngân hàng cho vay số tiền" in a.text for a in doc.annotations)


def test_a_footnote_going_on_in_one_full_line_above_the_next_and_a_khoan_with_its_mark():
    """VBHN 09/VBHN-BTC: footnote 16 ends a page "… về hoạt động của công ty chứng" and goes
    on at the next page's foot in one full line and a short one ("khoán được sửa đổi, bổ
    sung bởi Thông tư số 68/2024/TT-BTC, có hiệu lực kể từ ngày 03 tháng" / "02 năm 2026.")
    above footnote 17, and "9a.17 Hợp đồng giữa công ty chứng khoán …" (khoản 9a, footnote
    17) opens a line after a closed one; the khoản and its points a) to c) are read. A
    form's line just as short above "12 Mẫu này được ban hành …" stays text (VBHN
    605/VBHN-BLĐTBXH)."""
    doc, units = _gazette_doc("van-ban-hop-nhat-so-09-vbhn-btc-469539.txt")
    khoan_9a = units["chuong_3__dieu_16__khoan_9a"]
    assert khoan_9a.text[0].startswith("Hợp đồng giữa công ty chứng khoán với công ty")
    assert [c.number for c in khoan_9a.children] == ["a", "b", "c"]
    assert units["chuong_3__dieu_16__khoan_9__diem_dd"].text[-1].endswith("khoản 9a Điều này.")
    assert "Khoản này được" not in khoan_9a.full_text()
    note = next(a.text for a in doc.annotations if a.text.startswith("[16]"))
    assert "công ty chứng khoán được sửa đổi, bổ sung bởi Thông tư số 68/2024/TT-BTC" in note
    dieu_30 = units["chuong_6__dieu_30"]
    assert [c.number for c in dieu_30.children] == ["1", "2", "3", "4"]
    doc, units = _gazette_doc("van-ban-hop-nhat-so-605-vbhn-bldtbxh-41352.pdf")
    assert not any("Tôi xin cam đoan lời khai" in a.text for a in doc.annotations)


@pytest.mark.parametrize("suffix", ["txt", "pdf"])
def test_a_gazette_reprint_prints_its_own_footnote_number_beside_the_vbhns(suffix):
    """The Công báo reprint of VBHN 2007/VBHN-BLĐTBXH marks each footnote twice, its own
    number one less than the VBHN's: "3. 12 Tài liệu chứng minh …" / "12 Khoản này được sửa
    đổi …", "5. 23 Cam kết …", "Điều 16. Hiệu lực thi hành 7" / "6" over "67 Điều 5 Thông tư
    số 08/2023/TT-BLĐTBXH … quy định như sau: “1. …", "8 9 Mẫu này được thay thế …", and
    "12 13" alone above its text. Footnote 7 quotes the effect articles of both amending
    circulars and goes on at the next page's foot; Điều 16's own khoản are 1 to 3."""
    path = ROOT.parent / "shared/corpus/consolidation/tt-21-2021-TT-BLDTBXH-vbhn-2007"
    doc, _ = parse_source(read_path(path / f"vbhn_2007-VBHN-BLDTBXH-2024.{suffix}"))
    units = {u.id: u for root in doc.units for u in root.walk()}
    notes = {a.text.split("]", 1)[0] + "]": a for a in doc.annotations}
    assert notes["[2]"].unit_id == "dieu_3__khoan_3"
    assert units["dieu_3__khoan_3"].text[0].startswith("Tài liệu chứng minh được cơ quan")
    assert units["dieu_3__khoan_5"].text[0].startswith("Cam kết ưu tiên tuyển chọn")
    assert [c.number for c in units["dieu_3__khoan_4"].children] == ["a", "b", "b1", "b2", "b3"]
    dieu_16 = units["dieu_16"]
    assert dieu_16.heading == "Hiệu lực thi hành" and not dieu_16.text
    assert [c.number for c in dieu_16.children] == ["1", "2", "3"]
    assert dieu_16.children[0].text == [
        "Thông tư này có hiệu lực thi hành kể từ ngày 01 tháng 02 năm 2022."
    ]
    assert notes["[7]"].unit_id == "dieu_16"
    assert "Điều 3 và Điều 4 Thông tư số 02/2024/TT-BLĐTBXH" in notes["[7]"].text
    assert notes["[9]"].text.startswith("[9] Mẫu này được thay thế")
    if suffix == "txt":
        assert sorted(notes, key=lambda k: int(k[1:-1])) == [f"[{n}]" for n in range(1, 21)]
    else:  # under its appendix tables too: the rule is the lowest drawn line with a number under it
        assert {"[11]", "[12]", "[19]", "[21]"} <= set(notes)
        assert notes["[11]"].text.startswith("[11] Phụ lục này được thay thế")
        # left in the text: 13 and 18, whose marks the text layer garbled ("12 1315", "1718")
        left = [t for u in units.values() for t in u.text if "Phụ lục này được thay thế" in t]
        assert len(left) <= 2


@pytest.mark.parametrize("suffix", ["txt", "pdf"])
def test_the_rule_above_footnotes_leaves_no_mark_in_a_text_that_keeps_them(suffix):
    """Thông tư 06/2025/TT-BKHĐT in the Công báo: its forms' footnotes stand under a rule;
    only a VBHN's become notes, and the rule itself ("⸻") is no text."""
    doc, units = _gazette_doc(f"thong-tu-so-06-2025-tt-bkhdt-44234.{suffix}")
    texts = [t for u in units.values() for t in [u.heading, *u.text, *u.tail]]
    assert texts and not any("⸻" in t for t in texts + doc.preamble + doc.closing)


def test_the_gazettes_mark_alone_above_the_vbhns_footnote_of_one_digit():
    """PDFium gives the gazette's mark on a line of its own above the VBHN's footnote ("10" /
    "11 Phụ lục này được thay thế …", VBHN 2007/VBHN-BLĐTBXH); with one digit each ("1" /
    "2 Phụ lục này …") the footnote is read the same (it raised an error before)."""
    from ingest.readers.gazette import _page_footnotes

    header = "CÔNG BÁO/Số 677 + 678/Ngày 30-5-2024"
    lines = [
        (header, 1),
        ("Điều 1. Phạm vi điều chỉnh", 2),
        ("Thông tư này quy định chi tiết.1", 3),
        ("", 4),
        ("1 Khoản này được sửa đổi, bổ sung.", 5),
        (header, 6),
        ("Thỏa thuận khác không trái pháp luật.", 7),
        ("1", 8),
        ("2 Phụ lục này được thay thế theo quy định tại khoản 1 Điều 2.", 9),
        (header, 10),
    ]
    notes = _page_footnotes(lines, [False] * len(lines), 0.0)
    assert notes[8] == (
        "[2] Phụ lục này được thay thế theo quy định tại khoản 1 Điều 2.",
        ("2", "1"),
    )

    from ingest.readers.lines import _place_footnotes

    # both marks after a khoản's label at a line's end, a number opening the next: no error
    paragraphs = [Paragraph("3. 1 2", 10), Paragraph("2 Tài liệu chứng minh", 11)]
    placed = _place_footnotes(paragraphs, [(30, "[2] Khoản này được sửa đổi.", ("2", "1"))])
    assert [n for p in placed for n in p.notes] == ["[2] Khoản này được sửa đổi."]


def test_a_numbered_table_row_after_a_page_break_is_no_footnote_pair():
    """VBHN 06/VBHN-BYT: "45 N03.02.050 Kim lẩy da các loại, các cỡ" opens a page of its
    table while footnote 5 is due; a row number is no pair of footnote marks ("4" and "5")."""
    doc, _ = _gazette_doc("van-ban-hop-nhat-so-06-vbhn-byt-26324.txt")
    assert not any("N03.02.050" in a.text for a in doc.annotations)
    assert sum(a.kind == "footnote" for a in doc.annotations) == 5


@pytest.mark.parametrize("suffix", ["txt", "pdf"])
def test_a_quoc_hieu_at_the_first_pages_foot_is_the_headers(suffix):
    """VBHN 111/VBHN-VPQH in the Công báo: the text layer gives "CỘNG HÒA XÃ HỘI CHỦ NGHĨA
    VIỆT NAM" / "Độc lập - Tự do - Hạnh phúc" at the first page's foot, under footnote 1
    ("… Luật Thuế tiêu thụ đặc biệt số 66/2025/QH15.”."): neither the footnote's words nor
    Điều 2's, but the header's, put back above the type line and reported."""
    from draftcheck.checker import check_path

    path = f"van-ban-hop-nhat-so-111-vbhn-vpqh-469594.{suffix}"
    doc, units = _gazette_doc(path)
    assert "header-moved" in {i.code for i in doc.issues}
    assert not any("CỘNG HÒA XÃ HỘI" in a.text for a in doc.annotations)
    assert not any("CỘNG HÒA XÃ HỘI" in t for u in units.values() for t in u.text)
    rules = {
        f.rule
        for f in check_path(ROOT.parent / "shared/corpus/fulltext/congbao" / path, None).findings
    }
    assert not rules & {"form.quoc-hieu", "form.tieu-ngu"}


def test_a_form_printed_in_an_article_keeps_its_numbered_rows_as_its_content():
    """Thông tư 152/2025/TT-BTC prints its accounting books in Điều 5 and 6: "Mẫu số S2c-HKD"
    / "(Kèm theo Thông tư số 152/2025/TT-BTC …)" / … "1. Doanh thu bán hàng hóa, dịch vụ" /
    "2. Chi phí hợp lý" / "a) Chi phí nguyên liệu, …" / … "(Ký, ghi rõ họ tên và đóng dấu
    (nếu có))": the rows are no khoản of the article. A "Mẫu số …" line without the form's
    "(Kèm theo …)" under it, or a form without its signature, marks nothing."""
    from ingest.parse.forms import mark_forms

    texts = [
        "2. Sổ kế toán",
        "Mẫu số S2c-HKD",
        "(Kèm theo Thông tư số 152/2025/TT-BTC ngày 31 tháng 12 năm 2025 của Bộ trưởng Bộ Tài chính)",
        "SỔ CHI TIẾT DOANH THU, CHI PHÍ",
        "1. Doanh thu bán hàng hóa, dịch vụ",
        "2. Chi phí hợp lý",
        "a) Chi phí nguyên liệu, vật liệu, nhiên liệu, năng lượng, hàng hóa sử dụng vào sản xuất.",
        "3. Chênh lệch {(3) = (1) – (2)}",
        "NGƯỜI ĐẠI DIỆN HỘ KINH DOANH/ CÁ NHÂN KINH DOANH",
        "(Ký, ghi rõ họ tên và đóng dấu (nếu có))",
        "3. Sổ chi tiết tiền",
    ]
    marked = mark_forms([Paragraph(t, n) for n, t in enumerate(texts, start=1)])
    assert [p.in_table for p in marked] == [False] + [True] * 9 + [False]
    assert not any(p.in_table for p in mark_forms([Paragraph(t, 1) for t in texts[:-2]]))
    assert not any(
        p.in_table for p in mark_forms([Paragraph(t, 1) for t in [texts[1], *texts[3:]]])
    )
    doc, units = _gazette_doc("thong-tu-so-152-2025-tt-btc-468714.txt")
    dieu_6 = next(u for u in units.values() if u.type == "dieu" and u.number == "6")
    assert [c.number for c in dieu_6.children if c.type == "khoan"] == ["1", "2"]


def test_appendix_headings_in_running_case_open_their_appendix_in_order():
    """After the signature, "Phụ lục II" / "Nội dung chi tiết hợp đồng …" opens Phụ lục II as
    "PHỤ LỤC II" does (VBHN 2007/VBHN-BLĐTBXH: thirteen appendices had read as one; its XII
    runs into a table the text copy breaks, and XIII follows XI). A listing of appendices
    ("Phụ lục II" / … / "Phụ lục III", VBHN 4804/VBHN-BLĐTBXH) and a form's own "Phụ lục 1."
    under "PHỤ LỤC 1" (VBHN 959/VBHN-BLĐTBXH) open none."""
    from ingest.pipeline import parse_file

    def appendices(path: str) -> list[str]:
        return [
            u.number
            for u in parse_file(ROOT.parent / "shared/corpus" / path).units
            if u.type == "phu_luc"
        ]

    vbhn_2007 = "consolidation/tt-21-2021-TT-BLDTBXH-vbhn-2007/vbhn_2007-VBHN-BLDTBXH-2024.txt"
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XIII"]
    assert appendices(vbhn_2007) == romans
    assert (
        appendices("fulltext/congbao/van-ban-hop-nhat-so-4804-vbhn-bldtbxh-42870.txt") == romans[:6]
    )
    numbers = appendices("fulltext/congbao/van-ban-hop-nhat-so-959-vbhn-bldtbxh-36963.txt")
    assert numbers.count("1") == 1


def test_a_table_cell_antiword_wrapped_is_one_paragraph_when_the_word_would_not_fit():
    """antiword wraps a cell's paragraph at its column's width; the collapsed spaces lose
    the width, so the rows as drawn measure it (luatvietnam .doc headers)."""
    from ingest.readers.lines import _cells

    drawn = [
        "|BỘ NÔNG NGHIỆP VÀ PHÁT  |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM             |",
        "|TRIỂN NÔNG THÔN         |Độc lập - Tự do - Hạnh phúc                    |",
        "|-------                 |-----------------------------                  |",
        "|Số: 36/QĐ-BNN-PC        |Hà Nội, ngày 08 tháng 01 năm 2014              |",
        "|Số: 58/2010/QĐ-UBND         |TP. Hồ Chí Minh, ngày 31 tháng 8 năm |",
        "|                            |2010                                 |",
        "|3.2  |Tuyên truyền, phổ biến pháp luật liên quan đến thủ tục hành chính |",
        "|3.3  |Xây dựng Sổ tay hướng dẫn nghiệp vụ kiểm soát thủ tục hành chính  |",
    ]
    lines = [(" ".join(t.split()), n) for n, t in enumerate(drawn, start=1)]
    cells = [p.text for p in _cells(lines, dict(enumerate(drawn, start=1)))]
    assert cells == [
        "BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "-------",
        "-----------------------------",
        "Số: 36/QĐ-BNN-PC",
        "Hà Nội, ngày 08 tháng 01 năm 2014",
        "Số: 58/2010/QĐ-UBND",
        "TP. Hồ Chí Minh, ngày 31 tháng 8 năm 2010",
        "3.2",  # a narrow column: a row each
        "Tuyên truyền, phổ biến pháp luật liên quan đến thủ tục hành chính",
        "3.3",
        "Xây dựng Sổ tay hướng dẫn nghiệp vụ kiểm soát thủ tục hành chính",
    ]
    assert [p.text for p in _cells(lines, None)][0] == "BỘ NÔNG NGHIỆP VÀ PHÁT"  # unmeasured


def test_an_article_read_as_a_title_alone_is_its_sentence_where_articles_have_no_titles():
    """Quyết định 2014 on luatvietnam: the sentence of an untitled article, its full stop
    left out or inside it, read as a title with nothing under it."""
    units, _ = _body(
        "Điều 1. Ban hành kèm theo Quyết định này Quy trình Hỏi đáp về chính sách tài chính "
        "trên Cổng thông tin điện tử Bộ Tài chính.",
        "Điều 2. Cục Quản lý Chất lượng Nông lâm sản và Thủy sản phối hợp với FAO và các đơn "
        "vị liên quan hoàn thiện tài liệu dự án, trình Bộ phê duyệt để triển khai thực hiện",
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
    )
    assert units["dieu_2"].heading == ""
    assert units["dieu_2"].text[0].startswith("Cục Quản lý Chất lượng Nông lâm sản")
    titled, _ = _body(  # where articles have titles, a title alone stays one
        "Điều 1. Phạm vi điều chỉnh",
        "Nghị định này quy định về đăng ký biện pháp bảo đảm.",
        "Điều 2. Đối tượng áp dụng",
    )
    assert titled["dieu_2"].heading == "Đối tượng áp dụng" and not titled["dieu_2"].text


def test_an_authority_prefix_alone_on_its_line_opens_the_signature_block_below_it():
    """Nghị định 230/2025/NĐ-CP and 99/2022/NĐ-CP on thuvienphapluat: "TM." alone, the
    rest of the block glued to the appendix on the next line."""
    from ingest.readers.tvpl import _split_signature

    lines = [
        ("- Lưu: VT, NN (2b).", 1),
        ("TM.", 2),
        ("CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Trần Hồng Hà Phụ lục (Kèm theo Nghị định số "
         "230/2025/NĐ-CP ngày 19 tháng 8 năm 2025 của Chính phủ)", 3),
    ]  # fmt: skip
    assert [t for t, _ in _split_signature(lines)][:2] == [
        "- Lưu: VT, NN (2b).",
        "TM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Trần Hồng Hà",
    ]


def test_an_article_title_wrapped_at_a_semicolon_or_a_colon_is_its_title():
    """Nghị định 101/2024/NĐ-CP on thuvienphapluat and Thông tư 30/2022/TT-BLĐTBXH in the
    Công báo; a one-line lead-in ("… như sau:") stays the article's text."""
    units, _ = _body(
        "Điều 14. Trình tự điều tra, đánh giá đất đai",
        "1. Lập kế hoạch.",
        "Điều 15. Nội dung góp ý kiến, thẩm định kết quả điều tra, đánh giá đất đai;",
        "bảo vệ, cải tạo, phục hồi đất",
        "1. Nội dung góp ý kiến, thẩm định kết quả điều tra, đánh giá đất đai.",
        "Điều 16. Kỹ thuật viên kiểm định kỹ thuật an toàn lao động - Mã số:",
        "V.09.03.03",
        "1. Nhiệm vụ:",
        "Điều 17. Hồ sơ xóa nợ tiền thuế, tiền chậm nộp, tiền phạt gồm có:",
        "1. Văn bản đề nghị xóa nợ.",
        "Điều 18. Hiệu lực thi hành",
        "Nghị định này có hiệu lực thi hành từ ngày 01 tháng 8 năm 2024.",
        "Điều 19. Trách nhiệm thi hành",
        "Các Bộ trưởng chịu trách nhiệm thi hành Nghị định này.",
    )
    assert units["dieu_15"].heading == (
        "Nội dung góp ý kiến, thẩm định kết quả điều tra, đánh giá đất đai; bảo vệ, cải tạo, "
        "phục hồi đất"
    )
    assert units["dieu_16"].heading.endswith("- Mã số: V.09.03.03")
    assert units["dieu_17"].heading == "" and units["dieu_17"].text[0].endswith("gồm có:")


def test_an_effect_dated_by_the_gazette_is_stated_without_a_date():
    """Thông tư of 2010 on luatvietnam: "Thông tư này có hiệu lực sau 45 ngày kể từ ngày
    đăng Công báo": the text states its effect; the date is the gazette's, not given."""
    from datetime import date

    from ingest.parse.hieu_luc import effective_date

    units, _ = _body(
        "Điều 9. Hiệu lực thi hành",
        "1. Thông tư này có hiệu lực sau 45 ngày kể từ ngày đăng Công báo.",
        "2. Khoản 3 Điều 5 có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2010.",
    )
    when, text = effective_date([units["dieu_9"]], date(2010, 3, 1))
    assert when is None and "ngày đăng Công báo" in text
    units["dieu_9"].children[0].text[0] = (
        "Thông tư này có hiệu lực thi hành từ ngày 15 tháng 4 năm 2010."
    )
    assert effective_date([units["dieu_9"]], date(2010, 3, 1))[0] == date(2010, 4, 15)


def test_an_authority_prefix_on_the_last_line_is_kept():
    from ingest.readers.tvpl import _split_signature

    assert _split_signature([("- Lưu: VT.", 1), ("TM.", 2)]) == [("- Lưu: VT.", 1), ("TM.", 2)]


def test_units_a_vbhn_repealed_run_into_one_line_are_each_their_own():
    """thuvienphapluat runs the repealed units of a VBHN into one line: VBHN 133/VBHN-VPQH
    (Luật Đầu tư) Điều 31, VBHN 67/VBHN-VPQH (Luật Doanh nghiệp) Điều 26, VBHN
    02/VBHN-VPQH (Luật Thi hành án dân sự) Điều 163, VBHN 03/VBHN-VPQH 2014 (Luật Quản lý
    thuế) Điều 77, VBHN 10/VBHN-VPQH 2025 Điều 179."""
    assert _split_after_notes("a)[21] (được bãi bỏ) b)[22] (được bãi bỏ) c)[23] (được bãi bỏ)") == [
        "a)[21] (được bãi bỏ)",
        "b)[22] (được bãi bỏ)",
        "c)[23] (được bãi bỏ)",
    ]
    assert _split_after_notes("3.[22] (được bãi bỏ) 4.[23] (được bãi bỏ)") == [
        "3.[22] (được bãi bỏ)",
        "4.[23] (được bãi bỏ)",
    ]
    assert _split_after_notes(
        "b)79[79](được bãi bỏ) c) Thủ trưởng cơ quan thi hành án dân sự cấp huyện;"
    ) == ["b)79[79](được bãi bỏ)", "c) Thủ trưởng cơ quan thi hành án dân sự cấp huyện;"]
    assert _split_after_notes("d)63 (được bãi bỏ) đ)64 (được bãi bỏ)") == [
        "d)63 (được bãi bỏ)",
        "đ)64 (được bãi bỏ)",
    ]
    assert _split_after_notes("3.[[88]] (được bãi bỏ) 4.[[89]] (được bãi bỏ)") == [
        "3.[[88]] (được bãi bỏ)",
        "4.[[89]] (được bãi bỏ)",
    ]
    kept = "[74] (được bãi bỏ) Chương VI KHIẾU NẠI, TỐ CÁO VÀ KHÁNG NGHỊ VỀ THI HÀNH ÁN DÂN SỰ"
    assert _split_after_notes(kept) == [kept]  # a heading, split where headings are

    issues: list = []
    lines = [
        ("Điều 31. Thẩm quyền chấp thuận chủ trương đầu tư của Thủ tướng Chính phủ", 1),
        ("1. Dự án đầu tư không phân biệt nguồn vốn thuộc một trong các trường hợp sau đây:", 2),
        ("a)[21] (được bãi bỏ) b)[22] (được bãi bỏ) c)[23] (được bãi bỏ)", 3),
        ("d) Dự án đầu tư có kinh doanh đặt cược, ca-si-nô (casino);", 4),
    ]
    paragraphs = clean(lines, issues)
    units, parse_issues = _body(*(p.text for p in paragraphs))
    points = [u for u in units if "__diem_" in u]
    assert points == [f"dieu_31__khoan_1__diem_{x}" for x in "abcd"], points
    assert units["dieu_31__khoan_1__diem_b"].text == ["(được bãi bỏ)"]
    assert not [i for i in parse_issues if i.code == "diem-gap"]


def test_a_year_wrapped_after_its_nam_is_no_khoan():
    """Nghị định 212/2025/NĐ-CP Điều 23, Thông tư 88/2025/TT-BCA Điều 4, Sắc lệnh 77/SL
    (1945, TCVN3 .doc); a khoản after a closed sentence that ends in "năm" still opens."""
    assert joins("… được tiếp tục thực hiện đến hết năm", "2025. Trường hợp Hội đồng quản lý", 80)
    assert joins(
        "… đến ngày 10 tháng 11 năm", "2025. Ngày nghỉ hằng tuần của đồng chí B là ngày", 80
    )
    assert joins("… trong Sắc lệnh số 63 ngày 22 tháng 11 năm", "1945. Song các thị xã", 76)
    assert not joins("… được hưởng trợ cấp một lần mỗi năm.", "2. Người lao động …", 80)


def test_a_part_repealed_whole_takes_its_articles_and_a_repeal_keeps_no_footnote_mark():
    """VBHN 716/VBHN-BLĐTBXH: "Chương II2 (được bãi bỏ)" held Điều 3 to 10, so Điều 11 after
    it misses none; elsewhere the gap is still reported. VBHN 1607/VBHN-BLĐTBXH: "Điều 33.
    18 (được bãi bỏ)", footnote 18 at the page's foot: the article is repealed, not "18"."""
    from ingest.readers.lines import _place_footnotes

    texts = [
        "Điều 2. Đối tượng áp dụng",
        "Đối tượng áp dụng là công dân Việt Nam sang Ô-xtơ-rây-li-a lao động kết hợp kỳ nghỉ.",
        "Chương II (được bãi bỏ)",
        "Chương III",
        "CẤP, CẤP LẠI GIẤY PHÉP LÀM VIỆC CHO CÔNG DÂN Ô-XTƠ-RÂY-LI-A",
        "Điều 11. Hồ sơ đề nghị cấp giấy phép làm việc",
        "1. Tờ khai đề nghị cấp giấy phép làm việc của công dân Ô-xtơ-rây-li-a.",
    ]
    _, issues = _body(*texts)
    assert not [i for i in issues if i.code == "dieu-gap"]
    _, issues = _body(*texts[:2], *texts[3:])
    assert [i.code for i in issues if i.code == "dieu-gap"] == ["dieu-gap"]

    paragraphs = [Paragraph("Điều 33. 18 (được bãi bỏ)", 591), Paragraph("Điều 34. …", 605)]
    placed = _place_footnotes(
        paragraphs, [(610, "[18] Điều này được bãi bỏ theo quy định …", ("18",))]
    )
    assert placed[0].text == "Điều 33. (được bãi bỏ)"
    assert placed[0].notes == ["[18] Điều này được bãi bỏ theo quy định …"]


def test_a_chapter_or_section_named_in_running_text_at_a_line_start_is_no_heading():
    """Thông tư 28/2021/TT-BLĐTBXH Điều 14, Thông tư 03/2024/TT-BLĐTBXH Điều 12; a
    heading after a closed sentence, or with its title in capitals, still opens."""
    prev = "chế độ bảo hiểm xã hội về tai nạn lao động, bệnh nghề nghiệp quy định tại Mục 3"
    assert joins(prev, "Chương III Luật An toàn, vệ sinh lao động và Chương III của", 80)
    prev = "a) Bảo đảm đúng đối tượng, nội dung hỗ trợ theo quy định tại điểm b khoản 4"
    assert joins(prev, "Mục III Chương trình và phù hợp với nhu cầu của người lao động.", 80)
    assert not joins("lao động đang công tác trong Bộ Quốc phòng tại Mục 3", "Chương V", 80)
    assert not joins("… theo quy định tại Mục 3", "Chương V ĐIỀU KHOẢN THI HÀNH", 80)
    assert not joins("Thông tư này.", "Chương V Điều khoản thi hành", 80)


def test_an_article_after_an_early_close_that_follows_the_new_parts_articles_is_new_text():
    """Nghị định 155/2026/NĐ-CP Điều 12 inserts a Mục whose Điều 28a the source closes with
    "”." before its Điều 28b; the decree's own next article is Điều 13."""
    units, issues = _body(
        "Điều 12. Bổ sung Mục 2a vào sau Mục 2 Chương IV",
        "“Mục 2a",
        "TẠM ĐÌNH CHỈ, ĐÌNH CHỈ GIẢI QUYẾT KHIẾU NẠI",
        "Điều 28a. Sự kiện bất khả kháng, trở ngại khách quan",
        "4. Việc áp dụng quy định tại Điều này phải có căn cứ, tài liệu chứng minh và được "
        "thể hiện trong hồ sơ giải quyết khiếu nại.”.",
        "Điều 28b. Ban hành, gửi quyết định tạm đình chỉ, quyết định đình chỉ giải quyết "
        "khiếu nại; thông báo tiếp tục giải quyết khiếu nại",
        "1. Khi có đủ căn cứ quy định tại khoản 1, khoản 2 Điều 11a Luật Khiếu nại …”.",
        "Điều 13. Bổ sung Điều 30a vào sau Điều 30",
    )
    assert [u for u in units if u.count("__") == 0] == ["dieu_12", "dieu_13"]
    assert not [i for i in issues if i.code in ("dieu-gap", "dieu-order")]
    assert any(t.startswith("“Điều 28b.") for t in units["dieu_12"].text)


def test_an_article_the_site_wrote_in_mid_sentence_leaves_the_sentence_whole():
    """Luật Kiểm toán nhà nước 2015 on thuvienphapluat: khoản 3 Điều 49 breaks at "… được
    thực hiện theo quy định tại", the site's Điều 49a follows with its note, then the
    sentence's end "khoản 3 Điều 48 của Luật này."; so too Điều 69 điểm d and Điều 69a."""
    issues: list = []
    lines = [
        ("Điều 49. Kiểm tra việc thực hiện kết luận, kiến nghị kiểm toán", 1),
        (
            "3. Kiểm toán nhà nước có trách nhiệm lập và gửi báo cáo kết quả thực hiện kết "
            "luận, kiến nghị kiểm toán. Việc gửi báo cáo … được thực hiện theo quy định tại",
            2,
        ),
        (
            "Điều 49a. Kiểm soát chất lượng kiểm toán 1. Kiểm toán nhà nước tổ chức thực hiện "
            "kiểm soát chất lượng kiểm toán … [Điều 49a được bổ sung bởi Khoản 8 Điều 1 Luật "
            "Kiểm toán nhà nước sửa đổi 2019] khoản 3 Điều 48 của Luật này.",
            3,
        ),
        ("Điều 50. Công khai kết quả kiểm toán", 4),
    ]
    texts = [p.text for p in clean(lines, issues) if p.text]
    assert texts[1].endswith("được thực hiện theo quy định tại khoản 3 Điều 48 của Luật này.")
    assert not any("Kiểm soát chất lượng" in t for t in texts)
    assert [i.params["unit"] for i in issues if i.code == "site-inserted-unit"] == ["Điều 49a"]


def test_a_drafts_mark_before_its_type_and_a_title_in_capitals_that_names_documents():
    """A Dự thảo Thông tư of the Bộ Lao động, Thương binh và Xã hội (2015, thuvienphapluat):
    "DỰ THẢO LẦN 4 THÔNG TƯ HƯỚNG DẪN …" is the draft's mark, its type and its title; its
    title in capitals keeps the number and the names it cites."""
    from ingest.parse.metadata import sentence_case
    from ingest.readers.tvpl import _split_type_line

    assert _split_type_line("DỰ THẢO LẦN 4 THÔNG TƯ HƯỚNG DẪN THỰC HIỆN MỘT SỐ ĐIỀU") == [
        "DỰ THẢO LẦN 4",
        "THÔNG TƯ",
        "HƯỚNG DẪN THỰC HIỆN MỘT SỐ ĐIỀU",
    ]
    title = (
        "HƯỚNG DẪN THỰC HIỆN MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 119/2014/NĐ-CP NGÀY 17 THÁNG 12 NĂM "
        "2014 CỦA CHÍNH PHỦ QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA BỘ LUẬT LAO ĐỘNG"
    )
    assert sentence_case(title) == (
        "Hướng dẫn thực hiện một số điều của Nghị định số 119/2014/NĐ-CP ngày 17 tháng 12 năm "
        "2014 của Chính phủ quy định chi tiết một số điều của Bộ luật Lao động"
    )
    # Thông tư 07/2010/TT-BTC
    assert "Thông tư số 45/2008/TT-BTC ngày 05/6/2008" in sentence_case(
        "HƯỚNG DẪN SỬA ĐỔI, BỔ SUNG THÔNG TƯ SỐ 45/2008/TT-BTC NGÀY 05/6/2008 CỦA BỘ TÀI CHÍNH"
    )


def test_an_issuer_run_into_the_quoc_hieu_on_one_line_is_read_from_the_header():
    """Thông tư 65/2026/TT-BCA (Công báo text): "BỘ CÔNG AN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT
    NAM" names the issuer in the header, not only through the số ký hiệu."""
    from ingest.parse.metadata import _cells

    header = [Paragraph("BỘ CÔNG AN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", 5)]
    assert _cells(header) == ["BỘ CÔNG AN", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    doc, _ = _gazette_doc("thong-tu-so-65-2026-tt-bca-469589.txt")
    assert doc.metadata.issuer == "Bộ Công an" and not doc.metadata.issuer_inferred


def test_an_effect_tied_to_another_laws_is_stated_and_a_units_to_the_signing():
    """Nghị định 71/2024/NĐ-CP Điều 39: in force with Luật Đất đai 31/2024/QH15 (a date the
    decree does not give), its Điều 37 from its signing."""
    from datetime import date

    from ingest.parse.hieu_luc import effective_date

    units, _ = _body(
        "Điều 39. Hiệu lực thi hành",
        "1. Nghị định này có hiệu lực thi hành kể từ ngày Luật Đất đai số 31/2024/QH15 có "
        "hiệu lực thi hành, trừ trường hợp quy định tại khoản 2 Điều này.",
        "2. Điều 37 của Nghị định này có hiệu lực kể từ ngày Nghị định này được ký ban hành.",
    )
    when, text = effective_date([units["dieu_39"]], date(2024, 7, 27))
    assert when is None and "Luật Đất đai số 31/2024/QH15" in text
    units, _ = _body(
        "Điều 39. Hiệu lực thi hành",
        "Điều 37 của Nghị định này có hiệu lực kể từ ngày Nghị định này được ký ban hành.",
    )
    when, text = effective_date([units["dieu_39"]], date(2024, 7, 27))
    assert when == date(2024, 7, 27) and text.startswith("Điều 37")


def test_windows_1258_letters_read_as_windows_1252_are_restored():
    """2010_10209656 (Thông tư 02/2010/TT-BKH, luatvietnam .doc): "THÔNG TÝ", "Bộ Kế hoạch
    và Ðầu tý": the Windows-1258 letters ư ơ ă read as ý õ ã, tone marks lost as "?". A text
    that has its own ư keeps its ý ("ý kiến")."""
    from ingest.readers.legacy_encoding import restore_1258_letters

    text = "THÔNG TÝ quy định chi tiết lập hồ sõ mời thầu " * 10
    fixed, count = restore_1258_letters(text)
    assert fixed.startswith("THÔNG TƯ quy định chi tiết lập hồ sơ mời thầu") and count == 20
    assert restore_1258_letters("ý kiến của người lao động " * 30)[1] == 0
    from ingest.pipeline import parse_file
    from tests.corpus_golden import CORPUS

    doc = parse_file(CORPUS / "fulltext/luatvietnam_doc/2010_10209656.doc.txt")
    assert doc.metadata.doc_type == "Thông tư" and doc.metadata.issuer == "Bộ Kế hoạch và Đầu tư"


def test_a_payload_in_straight_quotes_is_read_as_its_new_units():
    """Luật 35/2018/QH14 Điều 2 khoản 6 on thuvienphapluat: "Bổ sung Điều 82a vào sau Điều
    82 như sau:" / '"Điều 82a. Quy hoạch chi tiết nhóm cảng biển …' / … '…".'"""
    from ingest.consolidation.instructions import payload_of
    from schema.model import Unit

    unit = Unit(
        "khoan",
        "6",
        "dieu_2__khoan_6",
        text=[
            "Bổ sung Điều 82a vào sau Điều 82 như sau:",
            '"Điều 82a. Quy hoạch chi tiết nhóm cảng biển, bến cảng',
            "1. Quy hoạch chi tiết nhóm cảng biển … được lập cho từng nhóm cảng biển.",
            '2. Chính phủ quy định chi tiết Điều này.".',
        ],
    )
    assert payload_of(unit) == [
        "Điều 82a. Quy hoạch chi tiết nhóm cảng biển, bến cảng",
        "1. Quy hoạch chi tiết nhóm cảng biển … được lập cho từng nhóm cảng biển.",
        "2. Chính phủ quy định chi tiết Điều này.",
    ]


def test_words_in_capitals_with_lower_case_tone_marks_are_put_in_capitals():
    """1945_45000003 (Sắc lệnh 77/SL, luatvietnam .doc): an old TCVN3 conversion left
    "SắC LệNH CủA CHủ TịCH CHíNH PHủ". A word with a plain lower-case letter, or with one
    capital, is left as it is; so is a word joined by "_" to one in running case."""
    from ingest.readers.legacy_encoding import restore_capitals

    fixed, count = restore_capitals("SắC LệNH CủA CHủ TịCH CHíNH PHủ LÂM THờI số 77")
    assert fixed == "SẮC LỆNH CỦA CHỦ TỊCH CHÍNH PHỦ LÂM THỜI số 77" and count == 8
    kept = "Bộ Tài chính, ĐIỀU 5, HĐND, Ủy ban, KHcN, ĐIều_KIệN"
    assert restore_capitals(kept) == (kept, 0)
    assert restore_capitals("ĐIỀU_KIệN, ĐIỀU_KIệN") == ("ĐIỀU_KIỆN, ĐIỀU_KIỆN", 2)
    # "KHó" (2014_14222544), "LIệUT" (Quyết định 2135/QĐ-TCHQ): typing slips, one word
    assert restore_capitals("vượt KHó khăn và LIệUT") == ("vượt KHÓ khăn và LIỆUT", 2)
    assert restore_capitals("") == ("", 0)
