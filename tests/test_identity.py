"""Document identity: a số ký hiệu is not unique (every province numbers its decisions,
numbers without a year repeat every year), so a document is its number, issuer and date
together; ingesting a different document never deletes or replaces a stored one."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ingest.pipeline import parse_bytes, parse_file
from ingest.store import DuplicateDocument, Store
from tests.conftest import SAMPLES

NAM_DINH = SAMPLES / "html/qd-1397-QD-UBND-2021-nam-dinh.html"


def _other_province() -> bytes:
    """The same decision's text under another province's header: a real layout, a second
    issuer with the same số ký hiệu and year."""
    html = NAM_DINH.read_text(encoding="utf-8")
    assert "NAM ĐỊNH" in html
    return html.replace("NAM ĐỊNH", "BÌNH ĐỊNH").replace("Nam Định", "Bình Định").encode()


def test_two_provinces_same_number_both_stored_and_found(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        first = parse_file(NAM_DINH)
        assert store.put(first) == "stored"
        second = parse_bytes(str(tmp_path / "qd-1397-binh-dinh.html"), _other_province())
        assert second.metadata.number == first.metadata.number
        outcome = store.put(second)
        assert outcome.startswith("stored beside 1397-QD-UBND-2021")
        ids = {r["id"]: r["issuer"] for r in store.list_documents()}
        assert len(ids) == 2
        assert sorted(ids.values()) == [
            "Ủy ban nhân dân tỉnh Bình Định",
            "Ủy ban nhân dân tỉnh Nam Định",
        ]
        assert store.get(second.id).metadata.issuer == "Ủy ban nhân dân tỉnh Bình Định"
        assert store.get(first.id).metadata.issuer == "Ủy ban nhân dân tỉnh Nam Định"


def test_reingest_of_the_same_source_replaces(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        store.put(parse_file(NAM_DINH))
        assert store.put(parse_file(NAM_DINH)) == "replaced"
        assert store.counts()["documents"] == 1


def test_another_copy_of_a_stored_document_is_refused_then_replaced_on_request(tmp_path):
    copy = tmp_path / "copy-of-1397.html"
    copy.write_bytes(NAM_DINH.read_bytes().replace(b"</body>", b"<p>Ghi ch\xc3\xba.</p></body>"))
    with Store(tmp_path / "s.sqlite") as store:
        store.put(parse_file(NAM_DINH))
        units = store.counts()["units"]
        with pytest.raises(DuplicateDocument, match="already stored as 1397-QD-UBND-2021"):
            store.put(parse_file(copy))
        assert store.get("1397-QD-UBND-2021").source_path == str(NAM_DINH)
        assert store.counts()["units"] == units
        assert store.put(parse_file(copy), replace=True) == "replaced"
        assert store.get("1397-QD-UBND-2021").source_path == str(copy)


def test_cli_names_every_path_and_fails_when_anything_was_not_stored(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "law.md").write_text(
        "# LUẬT\n\n**Điều 1. Phạm vi điều chỉnh**\n\nLuật này quy định về thử nghiệm.\n",
        encoding="utf-8",
    )
    (folder / "notes.xyz").write_text("not a document", encoding="utf-8")
    (folder / ".hidden.txt").write_text("Điều 1. X", encoding="utf-8")
    odd = folder / "t\udcff.txt"  # a name that is not UTF-8
    odd.write_bytes(NAM_DINH.read_bytes()[:0] + "Điều 1. Phạm vi\nNội dung.\n".encode())
    db = tmp_path / "s.sqlite"
    done = subprocess.run(
        [sys.executable, "-m", "lexvn.cli", "ingest", str(folder), "--db", str(db), "--quiet"],
        capture_output=True,
    )
    err = done.stderr
    assert done.returncode == 1
    assert b"skipped: " + str(folder / "notes.xyz").encode() + b": not a format LexVN reads" in err
    assert b".hidden.txt: hidden file" in err
    assert b"Traceback" not in err and b"UnicodeEncodeError" not in err
    with Store(db, read_only=True) as store:
        paths = {r["source_path"] for r in store.list_documents()}
    assert str(folder / "law.md") in paths  # the Markdown law is stored, not skipped
    assert any(p.endswith("t\\xff.txt") for p in paths)  # stored with the byte escaped


def test_two_copies_whose_headers_read_differently_are_one_document(tmp_path):
    """A Word file and its text copy: the issuer lines come out differently, the number and
    date do not; the second copy is refused, not stored beside the first."""
    from tests.corpus_golden import CORPUS

    doc = CORPUS / "fulltext/luatvietnam_doc/2014_14222536.doc"
    with Store(tmp_path / "s.sqlite") as store:
        store.put(parse_file(doc))
        with pytest.raises(DuplicateDocument):
            store.put(parse_file(doc.with_name(doc.name + ".txt")))
        assert store.counts()["documents"] == 1


LAW_59 = """QUỐC HỘI
Luật số: 59/2020/QH14
{date}
LUẬT
DOANH NGHIỆP
Điều 1. Phạm vi điều chỉnh
Luật này quy định về việc thành lập doanh nghiệp.
"""


def test_a_copy_that_lost_its_date_is_the_document_of_that_number(tmp_path):
    """The Công báo text of Luật 59/2020/QH14 is one gazette issue, without the adoption
    line: no date. The whole-corpus ingest stored it beside the dated copy."""
    with Store(tmp_path / "s.sqlite") as store:
        dated = LAW_59.format(date="Hà Nội, ngày 17 tháng 6 năm 2020").encode()
        store.put(parse_bytes("tvpl.txt", dated))
        undated = parse_bytes("congbao.txt", LAW_59.format(date="").encode())
        assert undated.metadata.issued is None
        with pytest.raises(DuplicateDocument, match="already stored as 59-2020-QH14"):
            store.put(undated)
        assert store.put(undated, replace=True) == "replaced"
        assert store.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_an_undated_copy_of_a_provinces_decision_is_that_decision_not_another_provinces(tmp_path):
    """58/2010/QĐ-UBND: its antiword text lost the date; the .doc has it."""
    decision = """ỦY BAN NHÂN DÂN {province}
Số: 58/2010/QĐ-UBND
{date}
QUYẾT ĐỊNH
VỀ VIỆC BAN HÀNH QUY CHẾ
Điều 1. Ban hành kèm theo Quyết định này Quy chế.
"""
    with Store(tmp_path / "s.sqlite") as store:
        hcm = decision.format(
            province="THÀNH PHỐ HỒ CHÍ MINH", date="Thành phố Hồ Chí Minh, ngày 31 tháng 8 năm 2010"
        )
        store.put(parse_bytes("a.doc.txt", hcm.encode()))
        undated = parse_bytes(
            "b.txt", decision.format(province="THÀNH PHỐ HỒ CHÍ MINH", date="").encode()
        )
        with pytest.raises(DuplicateDocument):
            store.put(undated)
        other = parse_bytes("c.txt", decision.format(province="TỈNH BÌNH ĐỊNH", date="").encode())
        assert store.put(other).startswith("stored")  # another province's decision


def test_a_whole_copy_takes_the_place_of_one_gazette_issues_part(tmp_path):
    """The Công báo copy of Luật Doanh nghiệp 59/2020/QH14 ends "(Xem tiếp Công báo số 715 +
    716)": Điều 1 to 126 of its 218. The thuvienphapluat copy, whole, takes its place; a part
    never takes the place of a whole copy."""
    from tests.corpus_golden import CORPUS

    folder = CORPUS / "consolidation/bo-luat-to-tung-dan-su-92-2015-QH13"
    if not folder.exists():
        pytest.skip("../shared/corpus is not here")
    part = parse_file(folder / "amend2_59-2020-QH14.congbao.txt")
    whole = parse_file(folder / "amend2_59-2020-QH14.tvpl.txt")
    assert any(i.code == "gazette-continued" for i in part.issues)
    with Store(tmp_path / "s.sqlite") as store:
        store.put(part)
        outcome = store.put(whole)
        assert outcome.startswith("replaced the incomplete copy from")
        stored = store.get(part.id)
        assert stored.source_path == whole.source_path and stored.find("chuong_10__dieu_217")
        with pytest.raises(DuplicateDocument):
            store.put(parse_file(folder / "amend2_59-2020-QH14.congbao.txt"))
