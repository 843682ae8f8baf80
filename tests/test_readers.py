from __future__ import annotations

import io
import zipfile

import pytest

from ingest.readers import ReaderError, read_bytes, read_path
from tests.builders import SMALL_LAW, docx_bytes, p, table
from tests.conftest import SAMPLES


def texts(source) -> list[str]:
    return [p.text for p in source.paragraphs if p.text]


def test_txt_with_bom_nfd_nbsp_and_tabs_is_normalised():
    raw = "\ufeffĐie\u0302\u0300u 1.\xa0Pha\u0323m\tvi\n".encode()
    source = read_bytes("a.txt", raw)
    assert texts(source) == ["Điều 1. Phạm vi"]


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "empty file"),
        (b"\x00\x01\x02binary\x00", "binary file"),
        (
            "Điều 1. Phạm vi điều chỉnh".encode("cp1258", errors="replace")[:5] + b"\xe0\xe1 x\n",
            "not UTF-8",
        ),
    ],
)
def test_txt_errors_name_the_file(data, message):
    with pytest.raises(ReaderError) as err:
        read_bytes("bad/file.txt", data)
    assert message in str(err.value) and "bad/file.txt" in str(err.value)


def test_latin1_error_gives_line():
    data = b"line one\nline two\ncaf\xe9\n"
    with pytest.raises(ReaderError) as err:
        read_bytes("latin1.txt", data)
    assert err.value.line == 3 and "latin1.txt:3" in str(err.value)


def test_docx_header_table_and_body_in_order():
    data = docx_bytes(
        table(
            [
                ["CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                ["Số: 1/2025/NĐ-CP", "Hà Nội, ngày 1 tháng 1 năm 2025"],
            ]
        )
        + p("NGHỊ ĐỊNH")
        + p("Điều 1. Phạm vi")
    )
    source = read_bytes("x.docx", data)
    assert texts(source) == [
        "CHÍNH PHỦ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 1/2025/NĐ-CP",
        "Hà Nội, ngày 1 tháng 1 năm 2025",
        "NGHỊ ĐỊNH",
        "Điều 1. Phạm vi",
    ]
    assert [x.in_table for x in source.paragraphs][:5] == [True, True, True, True, False]


def test_docx_word_numbering_is_rendered_as_on_paper():
    numbering = (
        '<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>'
    )
    data = docx_bytes(
        p("Sản phẩm một;", "3") + p("Sản phẩm hai;", "3") + p("đ) Sản phẩm năm."), numbering
    )
    assert texts(read_bytes("n.docx", data)) == [
        "a) Sản phẩm một;",
        "b) Sản phẩm hai;",
        "đ) Sản phẩm năm.",
    ]


def test_nd_214_auto_numbered_points_are_recovered():
    """NĐ 214's DOCX draws points a) to d) of Điều 5 khoản 4 with Word numbering; the
    extracted .txt beside the DOCX in shared/ lost those letters."""
    found = texts(read_path(SAMPLES / "procurement/nd_214-2025-ND-CP.docx"))
    assert "d) Sản phẩm chip bán dẫn;" in found
    assert any(t.startswith("a) Sản phẩm thuộc danh mục công nghệ cao") for t in found)


def test_broken_docx():
    with pytest.raises(ReaderError, match="broken zip"):
        read_bytes("broken.docx", b"PK\x03\x04 this is not a zip")


def test_docx_zip_bomb_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<a>" + b" " * (30 * 1024 * 1024) + b"</a>")
    with pytest.raises(ReaderError, match="zip bomb"):
        read_bytes("bomb.docx", buf.getvalue())


def test_docx_entity_expansion_refused():
    prolog = '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    with pytest.raises(ReaderError, match="DTD"):
        read_bytes("lol.docx", docx_bytes(p("&b;"), prolog=prolog))


def test_html_joins_wrapped_lines_and_split_sentences_and_keeps_br():
    html = """<html><body><div id="nav">Trang chủ | Đăng nhập</div>
    <div id="divContentDoc"><div class="content1">
    <p><b>Điều 2. </b></p>
    <p>1. Nhà nước Cộng hòa xã hội
    chủ nghĩa Việt Nam là nhà nước pháp quyền xã hội chủ nghĩa của</p>
    <p><span>Nhân dân, do Nhân dân, vì Nhân dân.</span></p>
    <p>2. Quyền lực nhà nước là thống nhất, có sự phân công,</p><p>phối hợp, kiểm soát.</p>
    <p><i>Căn cứ Pháp lệnh số 38/2001/PL-UBTVQH10;<br>
    Căn cứ Nghị định số 176/1999/NĐ-CP;</i></p>
    </div></div><div class="cldivContentDocEn"><p>Article 2</p></div></body></html>"""
    found = texts(read_bytes("page.html", html.encode()))
    assert found == [
        "Điều 2.",
        "1. Nhà nước Cộng hòa xã hội chủ nghĩa Việt Nam là nhà nước pháp quyền xã hội chủ nghĩa"
        " của",
        "Nhân dân, do Nhân dân, vì Nhân dân.",
        "2. Quyền lực nhà nước là thống nhất, có sự phân công, phối hợp, kiểm soát.",
        "Căn cứ Pháp lệnh số 38/2001/PL-UBTVQH10;",
        "Căn cứ Nghị định số 176/1999/NĐ-CP;",
    ]


def test_html_sample_keeps_vietnamese_text_only():
    found = texts(read_path(SAMPLES / "html/hien-phap-2013.html"))
    assert "Điều 120." in found and not any(t.startswith("Article ") for t in found)


def test_small_law_round_trip_through_all_three_formats():
    """The same text as TXT, HTML and DOCX parses to the same tree and metadata."""
    from ingest.parse.outline import outline
    from ingest.pipeline import build_document

    lines = SMALL_LAW.strip().split("\n")
    html = "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>"
    docx = docx_bytes("".join(p(line) for line in lines))
    docs = [
        build_document(read_bytes(name, data))
        for name, data in (
            ("l.txt", SMALL_LAW.encode()),
            ("l.html", html.encode()),
            ("l.docx", docx),
        )
    ]
    assert len({outline(d.units) for d in docs}) == 1
    assert {
        (d.metadata.number, d.metadata.effective.isoformat(), d.metadata.signer) for d in docs
    } == {("99/2024/QH15", "2025-07-01", "Trần Thanh Mẫn")}


def test_a_line_ending_in_chuong_trinh_is_no_reference_before_an_article():
    """VBHN 3503/VBHN-BLĐTBXH: "… theo phạm vi của Chương trình" (no full stop), then the
    heading of Điều 9: "Chương trình" is not "Chương II", so the heading is not joined on."""
    from ingest.readers.unwrap import joins

    assert not joins(
        "phương theo phạm vi của Chương trình",
        "Điều 9. Xây dựng tiêu chuẩn cơ sở vật chất trong thực hành, thực nghiệm,",
        80,
    )
    assert joins("các trường hợp quy định tại Chương II", "Điều 107.", 80)  # a reference


def test_a_footnote_marker_pdfium_gives_after_a_space_at_a_headings_end():
    """VBHN 2007/VBHN-BLĐTBXH, its PDF: "Điều 4. Nội dung chi tiết của hợp đồng cung ứng lao
    động 4" (the superscript 4 after a space)."""
    from ingest.readers.lines import _place_footnotes
    from schema.model import Paragraph

    paragraphs = [
        Paragraph("Điều 4. Nội dung chi tiết của hợp đồng cung ứng lao động 4", 10),
        Paragraph("Điều 5. Tài liệu chứng minh … của nước tiếp nhận lao động 5 6", 20),
        Paragraph("1. Trong thời hạn 15 ngày", 21),
    ]
    notes = [
        (30, "[4] Điều này được sửa đổi.", ("4",)),
        (31, "[5] Tên Điều này được sửa đổi.", ("5",)),
    ]
    out = _place_footnotes(paragraphs, notes)
    assert out[0].text == "Điều 4. Nội dung chi tiết của hợp đồng cung ứng lao động"
    assert out[0].notes == ["[4] Điều này được sửa đổi."]
    assert out[1].text == "Điều 5. Tài liệu chứng minh … của nước tiếp nhận lao động 6"
    assert out[2].text == "1. Trong thời hạn 15 ngày" and not out[2].notes  # a number, no marker


def test_a_footnote_marker_pdfium_gives_a_line_of_its_own_goes_to_the_heading_above():
    """3503/VBHN-BLĐTBXH, its PDF: "Điều 23. Xây dựng các mô hình đào tạo nghề; hỗ trợ đào
    tạo nghề" / "6" / "1. Nội dung hỗ trợ" (footnote 6: "Tên điều này được sửa đổi …")."""
    from ingest.readers.lines import _place_footnotes
    from schema.model import Paragraph

    paragraphs = [
        Paragraph("Điều 23. Xây dựng các mô hình đào tạo nghề; hỗ trợ đào tạo nghề", 10),
        Paragraph("6", 11),
        Paragraph("1. Nội dung hỗ trợ", 12),
    ]
    out = _place_footnotes(paragraphs, [(30, "[6] Tên điều này được sửa đổi.", ("6",))])
    assert [p.text for p in out if p.text] == [paragraphs[0].text, "1. Nội dung hỗ trợ"]
    assert out[0].notes == ["[6] Tên điều này được sửa đổi."]


def test_an_article_title_ends_on_its_short_line():
    """Thông tư 17/2022/TT-BLĐTBXH in the Công báo: "Điều 10. Xây dựng giá tối đa dịch vụ
    giáo dục nghề nghiệp sử dụng ngân" / "sách nhà nước" / "Thực hiện theo quy định của
    pháp luật về giá, …": the title is two lines, the body a paragraph of its own; a
    short line in running text is no end ("… liên tịch do Bộ trưởng Bộ" / "Lao động …")."""
    from ingest.readers.unwrap import unwrap

    width = "X" * 79 + "."  # a full line sets the margin
    lines = [
        (width, 1),
        ("Điều 10. Xây dựng giá tối đa dịch vụ giáo dục nghề nghiệp sử dụng ngân", 2),
        ("sách nhà nước", 3),
        ("Thực hiện theo quy định của pháp luật về giá, Nghị định số 60/2021/NĐ-CP", 4),
        ("ngày 21 tháng 6 năm 2021 của Chính phủ.", 5),
        ("Bộ trưởng ban hành Thông tư sửa đổi các Thông tư do Bộ trưởng Bộ", 6),
        ("Lao động - Thương binh và Xã hội ban hành.", 7),
    ]
    texts = [t for t, _ in unwrap(lines * 3, blank_breaks=False)][:4]
    assert texts[1] == (
        "Điều 10. Xây dựng giá tối đa dịch vụ giáo dục nghề nghiệp sử dụng ngân sách nhà nước"
    )
    assert texts[2].startswith("Thực hiện theo") and texts[2].endswith("của Chính phủ.")
    assert texts[3].endswith("do Bộ trưởng Bộ Lao động - Thương binh và Xã hội ban hành.")


def test_a_number_that_ends_a_reference_is_not_taken_for_a_footnote_marker():
    from ingest.readers.lines import _place_footnotes
    from schema.model import Paragraph

    out = _place_footnotes(
        [Paragraph("Thực hiện theo quy định tại Điều 5", 10)], [(30, "[5] X.", ("5",))]
    )
    assert out[0].text == "Thực hiện theo quy định tại Điều 5" and not out[0].notes


@pytest.mark.parametrize(
    "name,data,fmt",
    [
        ("renamed.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "doc"),
        ("download.doc", b"%PDF-1.4\n", "pdf"),
        ("saved-as.doc", b"{\\rtf1\\ansi}", "rtf"),
        ("x.pdf", b"PK\x03\x04", "docx"),
        ("law.htm", b"<p>x</p>", "html"),
        ("law.txt", b"<!DOCTYPE html><html>", "html"),
        ("law.txt", "Điều 1.".encode(), "txt"),
    ],
)
def test_the_bytes_decide_the_reader_before_the_name(name, data, fmt):
    from ingest.readers import guess_format

    assert guess_format(name, data) == fmt


def test_site_headings_under_the_page_title_and_nested_on_one_line():
    """thuvienphapluat writes a Mục under the page's title, "Nghị định 21/2021/NĐ-CP. Mục 2.
    CẦM GIỮ TÀI SẢN" (twice in that text, so the three-times rule for a title prefix missed
    it), and a Mục with its first Tiểu mục on one line: "Mục 1. BIỆN PHÁP BẢO ĐẢM XÁC LẬP
    THEO THỎA THUẬN Tiểu mục 1. HIỆU LỰC CỦA HỢP ĐỒNG BẢO ĐẢM, BIỆN PHÁP BẢO ĐẢM"."""
    from ingest.pipeline import parse_file
    from tests.corpus_golden import CORPUS

    path = CORPUS / "fulltext/thuvienphapluat/Nghị_định_21_2021_NĐ-CP.txt"
    if not path.exists():
        pytest.skip("../shared/corpus is not here")
    doc = parse_file(path)
    chuong_3 = doc.units[2]
    muc = [(u.label, u.heading) for u in chuong_3.children if u.type == "muc"]
    assert muc == [
        ("Mục 1", "BIỆN PHÁP BẢO ĐẢM XÁC LẬP THEO THỎA THUẬN"),
        ("Mục 2", "CẦM GIỮ TÀI SẢN"),
    ]
    tieu_muc = [u.heading for u in chuong_3.children[0].children if u.type != "dieu"]
    assert tieu_muc[0] == "HIỆU LỰC CỦA HỢP ĐỒNG BẢO ĐẢM, BIỆN PHÁP BẢO ĐẢM" and len(tieu_muc) == 8
    last = doc.find("chuong_3__muc_1__tieu_muc_8__dieu_46").full_text()  # before Mục 2
    assert last.endswith("luật khác liên quan quy định.")


def test_the_first_khoan_number_glued_at_the_end_of_a_wrapped_title():
    """Thông tư 11/2024/TT-BTNMT on thuvienphapluat: "Điều 4. Đối tượng điều tra, đánh giá
    đất đai;" / "bảo vệ, cải tạo, phục hồi đất 1." / "Đối tượng điều tra, …" (42 times):
    the title is whole and khoản 1 is a khoản."""
    from ingest.pipeline import parse_file
    from tests.corpus_golden import CORPUS

    path = CORPUS / "fulltext/thuvienphapluat/Thông_tư_11_2024_TT-BTNMT.txt"
    if not path.exists():
        pytest.skip("../shared/corpus is not here")
    articles = {a.number: a for a in parse_file(path).articles()}
    dieu_4 = articles["4"]
    assert dieu_4.heading == "Đối tượng điều tra, đánh giá đất đai; bảo vệ, cải tạo, phục hồi đất"
    assert [c.number for c in dieu_4.children][:2] == ["1", "2"]
    assert dieu_4.children[0].text[0].startswith("Đối tượng điều tra, đánh giá chất lượng đất")
    assert articles["10"].heading.endswith("bản đồ đã thu thập")


def test_a_breadcrumb_heading_keeps_its_title_without_the_sites_full_stop():
    """thuvienphapluat writes every heading of Nghị định 47/2021/NĐ-CP as a breadcrumb:
    "Nghị định 47/2021/NĐ-CP. Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng.": the
    title is "Phạm vi điều chỉnh và đối tượng áp dụng", not an untitled article's words."""
    from ingest.pipeline import parse_file
    from tests.corpus_golden import CORPUS

    path = CORPUS / "fulltext/thuvienphapluat/Nghị_định_47-2021-NĐ-CP.txt"
    if not path.exists():
        pytest.skip("../shared/corpus is not here")
    articles = parse_file(path).articles()
    assert articles[0].heading == "Phạm vi điều chỉnh và đối tượng áp dụng"
    assert articles[0].children[0].text[0].startswith("Nghị định này quy định chi tiết")
    assert sum(1 for a in articles if not a.heading) <= 5  # 33 before; 5 glue their text on


def test_an_rtf_picture_s_data_is_no_text_and_the_text_around_it_is_kept():
    """2010_10209656.doc (luatvietnam) is RTF whose 1.5 MB are nearly all a picture's hex
    data: dropped before the converter reads the file a character at a time. A run of hex
    digits in the text itself ("mã 0a1b2c") stays."""
    picture = "89504e470d0a1a0a" * 64  # 1,024 hex digits
    rtf = (
        "{\\rtf1\\ansi\\ansicpg1252{\\pict\\pngblip\\picw10\\pich10\n"
        + picture
        + "}\\par Dieu 1. Pham vi dieu chinh, ma 0a1b2c3d4e5f\\par"
        + "{\\*\\shppict{\\pict\\jpegblip "
        + picture
        + "}}\\par Dieu 2. Doi tuong ap dung\\par}"
    )
    source = read_bytes("saved-as.doc", rtf.encode("latin-1"))
    assert source.format == "rtf"
    texts = [p.text for p in source.paragraphs if p.text]
    assert texts == ["Dieu 1. Pham vi dieu chinh, ma 0a1b2c3d4e5f", "Dieu 2. Doi tuong ap dung"]


def test_every_reader_module_is_listed_for_the_workers_to_preload():
    """A parallel ingest's fork server imports READER_MODULES once; a reader missing from
    the list would be imported again by every fresh worker."""
    import importlib
    import pkgutil

    import ingest.readers
    from ingest.readers import READER_MODULES

    with_read = {
        m.name
        for m in pkgutil.iter_modules(ingest.readers.__path__)
        if hasattr(importlib.import_module(f"ingest.readers.{m.name}"), "read")
    }
    assert with_read == set(READER_MODULES)
