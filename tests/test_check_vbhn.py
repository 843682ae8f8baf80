"""`lexvn check-vbhn`: an official VBHN against LexVN's consolidation of the documents it
names, on a real chain (Luật Hải quan 54/2014/QH13, 17/VBHN-VPQH of 10/12/2018)."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from ingest.store import Store
from lexvn import views
from lexvn.cli import main
from lexvn.ingest_files import ingest_paths
from tests.corpus_golden import CORPUS

CHAIN = CORPUS / "consolidation" / "luat-hai-quan-54-2014-QH13"
pytestmark = pytest.mark.skipif(not CHAIN.exists(), reason="../shared/corpus is not here")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("vbhn") / "s.sqlite"
    files = ["base_54-2014-QH13", "amend1_71-2014-QH13", "amend2_35-2018-QH14"]
    with Store(path) as store:
        summary = ingest_paths(
            store,
            [CHAIN / f"{f}.tvpl.txt" for f in files] + [CHAIN / "vbhn_17-VBHN-VPQH-2018.tvpl.txt"],
        )
        assert not summary["errors"]
    return str(path)


def test_the_vbhn_is_checked_against_the_documents_it_names(db):
    with Store(db) as store:
        check = views.check_vbhn(store, store.resolve("17/VBHN-VPQH"))
    assert check.base_id == "54-2014-QH13"
    assert check.amending == ["71-2014-QH13", "35-2018-QH14"] and not check.absent
    # Luật 35/2018/QH14 is in force from 01/01/2019, after the VBHN's date: the VBHN holds it
    assert check.at == date(2019, 1, 1)
    applied = [o for o in check.result.report if o.status == "applied"]
    assert {o.op.source_doc for o in applied} == {"35-2018-QH14"}
    c = check.comparison
    assert c.articles == 104 and c.equal >= 95
    # Điều 103's heading is missing in the base and in the VBHN copies (../shared README)
    assert all(d.kind in ("text", "slip") for d in c.differences)


def test_the_command_lists_each_difference_and_fails_when_there_is_one(db):
    result = CliRunner().invoke(main, ["check-vbhn", "17/VBHN-VPQH", "--db", db])
    assert result.exit_code == 1, result.output
    assert "base 54-2014-QH13" in result.output and "articles equal" in result.output
    assert "\n  LexVN: " in result.output and "\n  VBHN:  " in result.output


def test_a_document_that_is_no_vbhn_is_checked_against_nothing(db):
    result = CliRunner().invoke(main, ["check-vbhn", "54/2014/QH13", "--db", db])
    assert result.exit_code == 1 and "not checked" in result.output


def test_a_heading_the_site_glued_after_a_note_is_a_heading():
    """ "… theo quy định của Chính phủ. [Quy định …] Chương III [Thủ tục hải quan …] THỦ TỤC
    HẢI QUAN, CHẾ ĐỘ KIỂM TRA, GIÁM SÁT HẢI QUAN": Chương III was read into Điều 15."""
    from ingest.pipeline import parse_file

    doc = parse_file(CHAIN / "base_54-2014-QH13.tvpl.txt")
    assert [u.id for u in doc.units] == [f"chuong_{n}" for n in range(1, 9)]
    assert doc.find("chuong_3").heading.startswith("THỦ TỤC HẢI QUAN, CHẾ ĐỘ KIỂM TRA")
    assert "Chương III" not in doc.find("chuong_2__dieu_15").full_text()


def test_footnote_markers_the_site_moved_to_the_start_of_a_line_are_footnotes():
    """03/VBHN-VPQH (Luật Quản lý thuế) on thuvienphapluat: "Điều 42. Thời hạn nộp thuế" /
    "31" / "1. Trường hợp …", and "32 Trường hợp người nộp thuế vừa có số tiền thuế nợ …"
    after the heading of Điều 45: markers of footnotes 31 and 32, not text."""
    from ingest.pipeline import parse_file

    vbhn = parse_file(
        CORPUS / "consolidation/luat-quan-ly-thue-78-2006-QH11/vbhn_03-VBHN-VPQH-2014.tvpl.txt"
    )
    dieu = {u.number: u for u in vbhn.articles()}
    assert "31" not in dieu["42"].full_text().split()
    assert dieu["45"].full_text().startswith("Trường hợp người nộp thuế vừa có")
    notes = {a.text.split("]")[0]: a.unit_id for a in vbhn.annotations if a.kind == "footnote"}
    assert notes["[31"].endswith("dieu_42") and notes["[32"].endswith("dieu_45")
    khoan = [k.number for k in dieu["42"].children]
    assert khoan[:2] == ["1", "2"]  # a khoản's number, with its full stop, stays a khoản


def test_the_vbhn_form_opens_as_the_official_vbhn(db):
    """`lexvn consolidate --format vbhn` names the document and every amending document
    applied as 17/VBHN-VPQH does: "Luật Hải quan số 54/2014/QH13 ngày 23 tháng 6 năm 2014 của
    Quốc hội, có hiệu lực kể từ ngày 01 tháng 01 năm 2015, được sửa đổi, bổ sung bởi: 1. Luật
    số 71/2014/QH13 ngày 26 tháng 11 năm 2014 của Quốc hội sửa đổi, bổ sung …"."""
    with Store(db) as store:
        check = views.check_vbhn(store, store.resolve("17/VBHN-VPQH"))
        text = views.consolidated_text(store, check.result, vbhn=True, amending=check.amending)
    official = (CHAIN / "vbhn_17-VBHN-VPQH-2018.tvpl.txt").read_text(encoding="utf-8")
    statement = official[official.index("Luật Hải quan số") : official.index("Căn cứ Hiến pháp")]
    ours = text[text.index("Luật Hải quan số") : text.index("Căn cứ Hiến pháp")]
    assert " ".join(ours.lower().split()) == " ".join(statement.lower().split())
    assert text.splitlines()[0] == "LUẬT HẢI QUAN"


TAX = CORPUS / "consolidation/luat-quan-ly-thue-78-2006-QH11"


def test_headings_the_site_wrapped_are_joined():
    """thuvienphapluat wraps long headings where the page wrapped them: "“Điều 101. Cưỡng
    chế bằng biện pháp dừng làm thủ" / "tục hải quan đối với hàng hóa xuất khẩu, nhập khẩu"
    (Luật 21/2012/QH13), "Điều 107. Gửi quyết định … giáo dục bắt buộc" / "và đưa vào cơ sở
    cai nghiện bắt buộc để thi hành Trong thời hạn 03 ngày, …" (Luật 15/2012/QH13, with the
    article's first words glued on), "“Điều 45. Thứ tự thanh toán tiền thuế, tiền chậm" /
    "nộp, tiền phạt Trường hợp người nộp thuế vừa có …"."""
    from ingest.readers import read_path

    texts = [p.text for p in read_path(TAX / "amend1_21-2012-QH13.tvpl.txt").paragraphs]
    assert (
        "“Điều 101. Cưỡng chế bằng biện pháp dừng làm thủ tục hải quan đối với hàng hóa "
        "xuất khẩu, nhập khẩu" in texts
    )
    at = next(
        i
        for i, t in enumerate(texts)
        if t.endswith("“Điều 45. Thứ tự thanh toán tiền thuế, tiền chậm nộp, tiền phạt")
    )
    assert texts[at + 1].startswith("Trường hợp người nộp thuế vừa có số tiền thuế nợ")
    from ingest.pipeline import parse_file

    base = parse_file(
        CORPUS
        / "consolidation/luat-xu-ly-vi-pham-hanh-chinh-15-2012-QH13"
        / "base_15-2012-QH13.tvpl.txt"
    )
    dieu = {u.number: u for u in base.articles()}
    assert dieu["107"].heading.endswith("và đưa vào cơ sở cai nghiện bắt buộc để thi hành")
    assert dieu["107"].full_text().startswith("Trong thời hạn 03 ngày")
    assert dieu["89"].heading == "Biện pháp giáo dục tại xã, phường, thị trấn"


def test_a_marker_that_opens_the_next_line_of_a_wrapped_heading_is_a_footnote():
    """03/VBHN-VPQH on thuvienphapluat: "Điều 65. Trường hợp được xóa nợ tiền thuế, tiền
    chậm nộp," / "43 tiền phạt", and "87 1.88 Cưỡng chế bằng biện pháp dừng làm thủ tục hải
    quan …" under Điều 101 (the marker of the renamed title, then khoản 1 with its own)."""
    from ingest.pipeline import parse_file

    vbhn = parse_file(TAX / "vbhn_03-VBHN-VPQH-2014.tvpl.txt")
    dieu = {u.number: u for u in vbhn.articles()}
    assert dieu["65"].heading == "Trường hợp được xóa nợ tiền thuế, tiền chậm nộp, tiền phạt"
    assert dieu["65"].children[0].number == "1"
    assert [k.number for k in dieu["101"].children] == ["1", "2", "3"]
    assert dieu["101"].children[0].text[0].startswith("Cưỡng chế bằng biện pháp dừng làm")
    notes = {a.text.split("]")[0]: a.unit_id for a in vbhn.annotations if a.kind == "footnote"}
    assert notes["[43"].endswith("dieu_65")
    assert "dieu_101" in notes["[87"] and notes["[88"].endswith("dieu_101__khoan_1")


def test_the_next_marker_is_found_in_the_words_a_wrapped_heading_took():
    """03/VBHN-VPQH: "Điều 66. Hồ sơ xóa nợ tiền thuế, tiền chậm nộp," / "47 tiền phạt Hồ sơ
    xóa nợ tiền thuế, tiền chậm nộp,48 tiền phạt gồm có:": marker 48 is in the words that
    joined the heading."""
    from ingest.pipeline import parse_file

    vbhn = parse_file(TAX / "vbhn_03-VBHN-VPQH-2014.tvpl.txt")
    dieu_66 = next(u for u in vbhn.articles() if u.number == "66")
    assert ",48" not in dieu_66.render()
    notes = {a.text.split("]")[0]: a.unit_id for a in vbhn.annotations if a.kind == "footnote"}
    assert notes["[47"].endswith("dieu_66") and notes["[48"].endswith("dieu_66")


def test_a_hyphen_pdfium_gives_as_u_fffe_is_a_hyphen():
    """3503/VBHN-BLĐTBXH, its PDF: "Thông tư số 08/2017/TT\\ufffeBLĐTBXH" (a hyphen that
    ended a line)."""
    from ingest.readers import read_path

    pdf = CORPUS / "consolidation/tt-17-2022-TT-BLDTBXH-vbhn-3503/vbhn_3503-VBHN-BLDTBXH-2024.pdf"
    text = " ".join(p.text for p in read_path(pdf).paragraphs)
    assert "\ufffe" not in text and "Thông tư số 08/2017/TT-BLĐTBXH" in text


def test_what_is_no_wording_is_normalised_before_comparing():
    """Final "./." ("… trong Luật./." in 07/VBHN-VPQH), dashes, the spellings "kì" / "kỳ"."""
    from ingest.consolidation.compare import normal

    assert normal("các điều, khoản được giao trong Luật./.") == normal(
        "các điều, khoản được giao trong Luật."
    )
    assert normal("Luật số 15/2012/QH13 – 2020") == normal("Luật số 15/2012/QH13 - 2020")
    assert normal("tại kỳ họp thứ 7, tỷ lệ") == normal("tại kì họp thứ 7, tỉ lệ")
    assert normal("khoản 2 Điều 5") != normal("khoản 3 Điều 5")
