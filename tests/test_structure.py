"""Structure parser cases the samples show once or not at all, on lines taken from real texts."""

from __future__ import annotations

from ingest.parse.document import parse_structure
from ingest.parse.outline import outline
from ingest.readers import read_bytes


def parse(text: str):
    """Through the TXT reader, so normalisation applies as in real ingestion."""
    return parse_structure(read_bytes("case.txt", text.strip("\n").encode("utf-8")).paragraphs)


def ids(result) -> list[str]:
    return [u.id for root in result.units for u in root.walk()]


def test_inserted_units_and_vietnamese_point_letters():
    result = parse("""
Chương II:QUY ĐỊNH CỤ THỂ
Điều 10. Nguyên tắc
1. Khoản một.
2. Khoản hai có các điểm sau đây:
a) Điểm a;
b) Điểm b;
c) Điểm c;
d) Điểm d;
đ) Điểm đ;
đ1) Điểm đ1 được bổ sung;
e) Điểm e.
2a. Khoản 2a được bổ sung.
3. Khoản ba.
Điều 10a. Điều được bổ sung
Nội dung.
""")
    assert ids(result) == [
        "chuong_2",
        "chuong_2__dieu_10",
        "chuong_2__dieu_10__khoan_1",
        "chuong_2__dieu_10__khoan_2",
        "chuong_2__dieu_10__khoan_2__diem_a",
        "chuong_2__dieu_10__khoan_2__diem_b",
        "chuong_2__dieu_10__khoan_2__diem_c",
        "chuong_2__dieu_10__khoan_2__diem_d",
        "chuong_2__dieu_10__khoan_2__diem_dd",
        "chuong_2__dieu_10__khoan_2__diem_dd1",
        "chuong_2__dieu_10__khoan_2__diem_e",
        "chuong_2__dieu_10__khoan_2a",
        "chuong_2__dieu_10__khoan_3",
        "chuong_2__dieu_10a",
    ]
    assert result.units[0].heading == "QUY ĐỊNH CỤ THỂ"
    assert not result.issues


def test_numbers_inside_sentences_and_out_of_sequence_are_text():
    result = parse("""
Điều 3. Giải thích từ ngữ
Trong Bộ luật này, các từ ngữ dưới đây được hiểu như sau:
1. Người lao động là người làm việc cho người sử dụng lao động theo thỏa thuận.
Độ tuổi lao động tối thiểu của người lao động là đủ 15 tuổi, trừ trường hợp quy định tại Mục 1 Chương XI của Bộ luật này.
2. Người sử dụng lao động là doanh nghiệp.
1.1. Đất trồng lúa
7. Bảy không phải khoản tiếp theo.
a) điểm a của khoản 2;
g) không theo thứ tự, là văn bản.
""")
    dieu = result.units[0]
    assert [k.number for k in dieu.children] == ["1", "2"]
    assert dieu.children[0].text[1].startswith("Độ tuổi lao động")  # not a Mục heading
    khoan_2 = dieu.children[1]
    assert khoan_2.text == [
        "Người sử dụng lao động là doanh nghiệp.",
        "1.1. Đất trồng lúa",
        "7. Bảy không phải khoản tiếp theo.",
    ]
    assert [d.number for d in khoan_2.children] == ["a"]
    assert khoan_2.children[0].text[-1] == "g) không theo thứ tự, là văn bản."


def test_skipped_point_letter_is_reported():
    result = parse("""
Điều 1. Thử
1. Các trường hợp:
a) một;
b) hai;
c) ba;
d) bốn;
e) năm.
""")
    assert [d.number for d in result.units[0].children[0].children] == list("abcde")
    assert [i.code for i in result.issues] == ["diem-gap"]
    assert "điểm đ" in result.issues[0].message


def test_article_heading_glued_to_previous_sentence_is_split_off():
    result = parse("""
Điều 413. Phạm vi áp dụng
Thủ tục tố tụng đối với người dưới 18 tuổi được áp dụng theo quy định của Chương này, đồng thời theo những quy định khác của Bộ luật này không trái với quy định của Chương này.Điều 414. Nguyên tắc tiến hành tố tụng
1. Bảo đảm thủ tục tố tụng thân thiện.
""")
    assert [a.number for a in result.units] == ["413", "414"]
    assert result.units[0].text[0].endswith("quy định của Chương này.")
    assert result.units[1].heading == "Nguyên tắc tiến hành tố tụng"
    assert [i.code for i in result.issues] == ["heading-recovered"]


def test_quoted_payload_stays_with_the_unit_that_carries_it():
    result = parse("""
Điều 4. Sửa đổi, bổ sung một số điều của Luật Đấu thầu
1. Sửa đổi, bổ sung một số điểm, khoản của Điều 3 như sau:
a) Sửa đổi, bổ sung khoản 5 như sau:
“5. Việc lựa chọn nhà thầu thuộc dự án có sử dụng vốn ODA.
Trước khi đàm phán, Chính phủ trình Ủy ban Thường vụ Quốc hội cho ý kiến.”;
12. Bổ sung Điều 34a vào sau Điều 34 như sau:
2. Bổ sung Điều 34a vào sau Điều 34 như sau:
“Điều 34a. Lựa chọn nhà đầu tư trong trường hợp đặc biệt
1. Việc lựa chọn nhà đầu tư trong trường hợp đặc biệt.
2. Chính phủ quy định chi tiết Điều này.’’.
Điều 5. Điều khoản thi hành
""")
    assert ids(result) == [
        "dieu_4",
        "dieu_4__khoan_1",
        "dieu_4__khoan_1__diem_a",
        "dieu_4__khoan_2",
        "dieu_5",
    ]
    point = result.units[0].children[0].children[0]
    assert point.text[1].startswith("“5. Việc lựa chọn")
    assert result.units[0].children[1].text[-1] == "2. Chính phủ quy định chi tiết Điều này.”."


def test_unbalanced_quote_is_reported_and_structure_kept():
    result = parse("""
Điều 1. Một
1. Thay thế cụm từ “X bằng cụm từ Y.
Điều 2. Hai
1. Khoản.
""")
    assert ids(result) == ["dieu_1", "dieu_1__khoan_1", "dieu_2", "dieu_2__khoan_1"]
    assert [i.code for i in result.issues] == ["unbalanced-quote"]


def test_untitled_articles_and_roman_chapters_with_wrapped_titles():
    result = parse("""
Chương II
QUY TRÌNH ĐẤU THẦU RỘNG RÃI, HẠN CHẾ KHÔNG QUA MẠNG
ĐỐI VỚI GÓI THẦU CUNG CẤP DỊCH VỤ PHI TƯ VẤN
Mục 1
PHƯƠNG THỨC MỘT GIAI ĐOẠN MỘT TÚI HỒ SƠ
Điều 24. Quy trình chi tiết
Điều 25.
Nước Cộng hòa xã hội chủ nghĩa Việt Nam là một nước độc lập.
Điều 26. Quyết định này có hiệu lực kể từ ngày ký.
""")
    chuong = result.units[0]
    assert chuong.id == "chuong_2"
    assert chuong.heading == (
        "QUY TRÌNH ĐẤU THẦU RỘNG RÃI, HẠN CHẾ KHÔNG QUA MẠNG ĐỐI VỚI GÓI "
        "THẦU CUNG CẤP DỊCH VỤ PHI TƯ VẤN"
    )
    muc = chuong.children[0]
    assert (muc.id, muc.heading) == ("chuong_2__muc_1", "PHƯƠNG THỨC MỘT GIAI ĐOẠN MỘT TÚI HỒ SƠ")
    d24, d25, d26 = muc.children
    assert (d24.heading, d25.heading, d26.heading) == ("Quy trình chi tiết", "", "")
    assert d25.text == ["Nước Cộng hòa xã hội chủ nghĩa Việt Nam là một nước độc lập."]
    assert d26.text == ["Quyết định này có hiệu lực kể từ ngày ký."]


def test_phan_with_ordinal_and_dieu_gap_reported_with_place():
    result = parse("""
Phần thứ ba:NGHĨA VỤ VÀ HỢP ĐỒNG
Chương XV:NHỮNG QUY ĐỊNH CHUNG
Điều 316. Tội phá thai trái phép
Điều 318. Tội gây rối trật tự công cộng
""")
    assert ids(result)[:2] == ["phan_3", "phan_3__chuong_15"]
    (gap,) = result.issues
    assert gap.code == "dieu-gap" and gap.line == 4
    assert "Điều 317 missing" in gap.message and "line 3" in gap.message


def test_paragraph_after_the_points_is_a_trailing_paragraph():
    result = parse("""
Điều 437. Chuẩn bị xét đơn yêu cầu
1. Thời hạn chuẩn bị xét đơn yêu cầu là 04 tháng. Tòa án ra một trong các quyết định sau đây:
a) Tạm đình chỉ việc xét đơn yêu cầu;
b) Đình chỉ việc xét đơn yêu cầu;
c) Mở phiên họp xét đơn yêu cầu.
Trường hợp Tòa án yêu cầu giải thích thì thời hạn được kéo dài.
""")
    khoan = result.units[0].children[0]
    assert khoan.tail == ["Trường hợp Tòa án yêu cầu giải thích thì thời hạn được kéo dài."]
    assert khoan.children[-1].text == ["Mở phiên họp xét đơn yêu cầu."]


def test_closing_and_attachment_are_not_body():
    result = parse("""
Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Minh Chiến
PHỤ LỤC SỐ 06
Ban hành kèm theo Thông tư số 21/2007/TT-BLĐTBXH
1. Tên doanh nghiệp: ....
""")
    assert [u.id for u in result.units] == ["dieu_3", "phu_luc_06"]
    assert [p.text for p in result.closing][-1] == "Lê Minh Chiến"
    assert result.units[1].text[-1] == "1. Tên doanh nghiệp: ...."
    assert "outline" and outline(result.units).startswith("dieu_3  Chánh Văn phòng")


def test_a_khoan_number_alone_on_its_line_takes_the_words_of_the_next():
    """Nghị định 103/2024/NĐ-CP on thuvienphapluat: "2." / "Trường hợp do yêu cầu quản lý, cơ
    quan nhà nước có thẩm quyền quyết định điều chỉnh quy hoạch …" / "a) Nếu điều chỉnh …"."""
    from ingest.pipeline import parse_bytes

    text = (
        "CHÍNH PHỦ\nSố: 103/2024/NĐ-CP\nHà Nội, ngày 30 tháng 7 năm 2024\nNGHỊ ĐỊNH\n"
        "QUY ĐỊNH VỀ TIỀN SỬ DỤNG ĐẤT\nĐiều 14. Điều chỉnh quy hoạch chi tiết\n"
        "1. Trường hợp điều chỉnh cục bộ quy hoạch.\n2.\n"
        "Trường hợp do yêu cầu quản lý, cơ quan nhà nước có thẩm quyền quyết định điều chỉnh "
        "quy hoạch chi tiết của dự án như sau:\na) Nếu điều chỉnh tăng;\nb) Nếu điều chỉnh giảm.\n"
        "3. Trường hợp dự án có nhiều hình thức sử dụng đất.\n"
    )
    dieu = parse_bytes("nd.txt", text.encode()).articles()[0]
    assert [k.number for k in dieu.children] == ["1", "2", "3"]
    assert dieu.children[1].text[0].startswith("Trường hợp do yêu cầu quản lý")
    assert [p.number for p in dieu.children[1].children] == ["a", "b"]
