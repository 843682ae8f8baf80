"""The official Bộ pháp điển pages (../shared/corpus/phapdien_official/): source notes read
into fields, pages into headings and articles."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.codification.official_dump import DumpError, iter_page_bytes, read_dump
from ingest.codification.official_pages import PageError, read_de_muc_page
from ingest.codification.source_note import read_source_note
from tests.corpus_golden import PHAPDIEN_DUMP


def test_first_note_of_a_document_has_title_date_issuer():
    note = read_source_note(
        "(Điều 1 Pháp lệnh số 32/2007/PL-UBTVQH11 Bảo vệ công trình quan trọng liên quan đến an "
        "ninh quốc gia ngày 20/04/2007 của Uỷ ban Thường vụ Quốc hội, có hiệu lực thi hành kể từ "
        "ngày 01/10/2007 )"
    )
    assert (note.unit, note.doc_type, note.number) == ("Điều 1", "Pháp lệnh", "32/2007/PL-UBTVQH11")
    assert note.title == "Bảo vệ công trình quan trọng liên quan đến an ninh quốc gia"
    assert note.issued == date(2007, 4, 20) and note.issuer == "Uỷ ban Thường vụ Quốc hội"
    assert note.effective == date(2007, 10, 1) and not note.amended_by


def test_title_citing_another_dated_document_keeps_the_last_date_as_the_issue_date():
    note = read_source_note(
        "(Điều 1 Thông tư số 72/2009/TT-BCA Quy định cụ thể thi hành Nghị định số 126/2008/NĐ-CP "
        "ngày 11 tháng 12 năm 2008 quy định chi tiết ngày 18/12/2009 của Bộ Công an, có hiệu lực "
        "thi hành kể từ ngày 02/02/2010 )"
    )
    assert note.issued == date(2009, 12, 18) and note.issuer == "Bộ Công an"
    assert note.title.endswith("ngày 11 tháng 12 năm 2008 quy định chi tiết")


def test_issuers_listed_with_commas():
    note = read_source_note(
        "(Điều 1 Thông tư liên tịch số 12/2016/TTLT-BTP-BNG-TANDTC Quy định về trình tự, thủ tục "
        "tương trợ tư pháp trong lĩnh vực dân sự ngày 19/10/2016 của Bộ Tư pháp, Bộ Ngoại giao và "
        "Toà án nhân dân tối cao, có hiệu lực thi hành kể từ ngày 06/12/2016)"
    )
    assert note.doc_type == "Thông tư liên tịch"
    assert note.issuer == "Bộ Tư pháp, Bộ Ngoại giao và Toà án nhân dân tối cao"


def test_amendments_by_several_documents():
    note = read_source_note(
        "(Điều 52 Nghị định số 05/2021/NĐ-CP, có hiệu lực thi hành kể từ ngày 10/03/2021, có nội "
        "dung được sửa đổi, có nội dung được bổ sung, có nội dung bị bãi bỏ bởi Điều 3 Nghị định "
        "số 64/2022/NĐ-CP có hiệu lực thi hành kể từ ngày 15/09/2022; Điều 1, Điều 2 Nghị định "
        "số 20/2024/NĐ-CP có hiệu lực thi hành kể từ ngày 10/04/2024)"
    )
    assert note.title is None and note.effective == date(2021, 3, 10)
    first, second = note.amended_by
    assert first.effects == ["được sửa đổi", "được bổ sung", "bị bãi bỏ"]
    assert (first.provision, first.number, first.effective) == (
        "Điều 3",
        "64/2022/NĐ-CP",
        date(2022, 9, 15),
    )
    assert (second.provision, second.number) == ("Điều 1, Điều 2", "20/2024/NĐ-CP")
    assert not note.whole_article


def test_a_whole_article_repealed_or_inserted():
    repealed = read_source_note(
        "(Điều 7 Luật số 23/2004/QH11, có hiệu lực thi hành kể từ ngày 01/01/2005, bị bãi bỏ bởi "
        "Điều 2 Luật số 48/2014/QH13 có hiệu lực thi hành kể từ ngày 01/01/2015)"
    )
    assert repealed.whole_article and repealed.amended_by[0].effects == ["bị bãi bỏ"]
    assert repealed.amended_by[0].number == "48/2014/QH13"


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        (
            "(Điều 18 Thông tư số 05/2020/TT- BGTVT, có hiệu lực thi hành kể từ ngày 15/04/2020)",
            "05/2020/TT-BGTVT",
        ),
        (
            "(Điều 2 Thông tư số 19/2016 /TT-NHNN, có hiệu lực thi hành kể từ ngày 15/08/2016)",
            "19/2016/TT-NHNN",
        ),
        (
            "(Điều 2 Thông tư số 21 - TC/TCT, có hiệu lực thi hành kể từ ngày 18/03/1994)",
            "21-TC/TCT",
        ),
        ("(Điều 2 Thông tư số 60 TC/TCT, có hiệu lực thi hành kể từ ngày 01/01/1994)", "60-TC/TCT"),
        (
            "(Điều 2 Quyết định số Số: 12/2018/QĐ-TTg, có hiệu lực thi hành kể từ ngày 24/04/2018)",
            "12/2018/QĐ-TTg",
        ),
        (
            "(Điều 2 Thông tư số ''42/2022/TT-BCT, có hiệu lực thi hành kể từ ngày 16/02/2023)",
            "42/2022/TT-BCT",
        ),
        (
            "(Điều 2 Thông tư số 04/TT-BCA(X13), có hiệu lực thi hành kể từ ngày 13/05/2006)",
            "04/TT-BCA(X13)",
        ),
    ],
)
def test_numbers_as_the_notes_write_them(raw, number):
    assert read_source_note(raw).number == number


def test_thong_tu_so_lien_tich():
    note = read_source_note(
        "(Điều 1 Thông tư số liên tịch 191/2005/TTLT/BQP-BLĐTBXH-BTC, có hiệu lực thi hành kể từ "
        "ngày 25/01/2006)"
    )
    assert (note.doc_type, note.number) == ("Thông tư liên tịch", "191/2005/TTLT/BQP-BLĐTBXH-BTC")


def test_a_note_without_a_number_keeps_its_text():
    raw = "((Điều 2 Pháp lệnh số Bảo vệ công trình quốc phòng và khu quân sự, có hiệu lực thi hành kể từ ngày 03/06/1994))"
    note = read_source_note(raw)
    assert note.number is None and note.unit == "Điều 2" and note.text == raw
    assert note.effective == date(1994, 6, 3)


needs_dump = pytest.mark.skipif(not PHAPDIEN_DUMP.exists(), reason="../shared is not here")


@needs_dump
def test_a_real_page_reads_whole():
    pages = dict(iter_page_bytes(PHAPDIEN_DUMP))
    page = read_de_muc_page(pages["68079655-45cb-43a1-8c03-6603a7c52ec6.html"], "1.3")
    assert (page.so, page.ten) == (
        "1.3",
        "Bảo vệ công trình quan trọng liên quan đến an ninh quốc gia",
    )
    assert page.headings[0].label == "Chương I" and page.headings[0].title == "NHỮNG QUY ĐỊNH CHUNG"
    first = page.articles[0]
    assert (first.code, first.title) == ("1.3.PL.1", "Phạm vi điều chỉnh")
    assert first.note.number == "32/2007/PL-UBTVQH11" and first.note.vbpl_item == 14106
    assert first.text[0].startswith("Pháp lệnh này quy định về nguyên tắc")
    assert page.articles[2].code == "1.3.NĐ.1.1"  # the decree's articles interleaved
    assert len(page.articles) == pages["68079655-45cb-43a1-8c03-6603a7c52ec6.html"].count(
        b"class='pDieu'"
    )


@needs_dump
def test_an_article_whose_text_leaves_a_tag_open_does_not_swallow_the_next():
    """On 16 real pages a table or div left open once hid 6,467 articles from a parser that
    read the page as one tree."""
    data = dict(iter_page_bytes(PHAPDIEN_DUMP))["13bbc44f-b9ad-49f2-b66b-65da10d2dd34.html"]
    assert len(read_de_muc_page(data, "x").articles) == data.count(b"class='pDieu'") == 570


def test_a_page_that_is_not_a_de_muc_page(tmp_path):
    with pytest.raises(PageError, match="x.html: no 'Đề mục N.N' title"):
        read_de_muc_page(b"<html><body><p>hello</p></body></html>", "x.html")


def test_a_damaged_page_is_reported_and_costs_only_itself(tmp_path):
    (tmp_path / "demuc").mkdir()
    good = "<h3>Đề mục 9.9<br/>Thử</h3><div class='_content'><p class='pDieu'><a name='1'></a>Điều 9.9.LQ.1. A</p></div>"
    (tmp_path / "demuc" / "a.html").write_text(good, encoding="utf-8")
    (tmp_path / "demuc" / "b.html").write_bytes(b"\x00\xff not a page")
    from ingest.codification.official_dump import DumpReport

    report = DumpReport()
    pages = list(read_dump(tmp_path, report))
    assert [p.so for p in pages] == ["9.9"] and report.pages == 2
    assert report.unread == ["b.html: no 'Đề mục N.N' title"]


def test_not_a_dump(tmp_path):
    (tmp_path / "x.txt").write_text("x")
    with pytest.raises(DumpError, match="not a tar archive"):
        list(iter_page_bytes(tmp_path / "x.txt"))
    with pytest.raises(DumpError, match="no demuc/ folder"):
        list(iter_page_bytes(tmp_path))
