"""Documents LexVN knows only through the Bộ pháp điển: built from the codified articles
and their source notes, searchable with the full texts, replaced by a full text when one
arrives and never put in the place of one."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from ingest.codification.official_documents import Codified, source_documents
from ingest.codification.official_dump import iter_page_bytes
from ingest.codification.official_pages import read_de_muc_page
from lexvn.cli import main
from tests.corpus_golden import CORPUS, PHAPDIEN_DUMP

pytestmark = pytest.mark.skipif(not PHAPDIEN_DUMP.exists(), reason="../shared is not here")

PAGE_1_3 = "68079655-45cb-43a1-8c03-6603a7c52ec6.html"  # PL 32/2007 and its decree, 62 articles
PAGE_9_3 = "9fbd9627-0235-4d28-92c7-e4b4c6e96577.html"  # 62 articles of NĐ 21/2021/NĐ-CP
FULL_TEXT_21_2021 = CORPUS / "fulltext/thuvienphapluat/Nghị_định_21_2021_NĐ-CP.txt"


@pytest.fixture(scope="module")
def pages() -> dict[str, bytes]:
    return {n: d for n, d in iter_page_bytes(PHAPDIEN_DUMP) if n in (PAGE_1_3, PAGE_9_3)}


@pytest.fixture(scope="module")
def dump(tmp_path_factory, pages):
    folder = tmp_path_factory.mktemp("dump")
    (folder / "demuc").mkdir()
    for name, data in pages.items():
        (folder / "demuc" / name).write_bytes(data)
    return folder


def test_a_source_document_from_its_codified_articles(pages):
    page = read_de_muc_page(pages[PAGE_1_3], PAGE_1_3)
    docs = {
        d.metadata.number: d for d in source_documents(Codified("1.3", a) for a in page.articles)
    }
    doc = docs["32/2007/PL-UBTVQH11"]
    md = doc.metadata
    assert (doc.id, doc.source_format) == ("32-2007-PL-UBTVQH11", "phapdien")
    assert md.title == "Pháp lệnh Bảo vệ công trình quan trọng liên quan đến an ninh quốc gia"
    assert (md.doc_type, md.issuer) == ("Pháp lệnh", "Uỷ ban Thường vụ Quốc hội")
    assert (md.issued.isoformat(), md.effective.isoformat()) == ("2007-04-20", "2007-10-01")
    first = doc.units[0]
    assert (first.id, first.heading) == ("dieu_1", "Phạm vi điều chỉnh")
    assert first.text[0].startswith("Pháp lệnh này quy định về nguyên tắc")
    numbers = [int(u.number) for u in doc.units]
    assert numbers == sorted(numbers)  # in the document's order, not the page's
    note = next(a for a in doc.annotations if a.unit_id == "dieu_1")
    assert note.kind == "phapdien" and note.text.startswith("Điều 1.3.PL.1. (đề mục 1.3")
    # khoản and điểm are found as in any article
    assert any(u.children for u in doc.units)


def test_import_stores_them_searchable_and_again_gives_the_same_store(dump, tmp_path):
    db = str(tmp_path / "s.sqlite")
    result = CliRunner().invoke(main, ["import-phapdien", str(dump), "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "documents known only through the Bộ pháp điển stored" in result.output
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT id, source_format FROM documents ORDER BY id").fetchall()
    assert ("32-2007-PL-UBTVQH11", "phapdien") in rows and ("21-2021-ND-CP", "phapdien") in rows
    units = conn.execute("SELECT count(*) FROM units").fetchone()
    found = CliRunner().invoke(
        main,
        [
            "search",
            "bảo vệ công trình quan trọng liên quan đến an ninh quốc gia",
            "--db",
            db,
            "--json",
        ],
    )
    hits = json.loads(found.output)["hits"]
    assert hits and hits[0]["doc_id"] == "32-2007-PL-UBTVQH11"
    CliRunner().invoke(main, ["import-phapdien", str(dump), "--db", db, "--quiet"])
    again = conn.execute("SELECT id, source_format FROM documents ORDER BY id").fetchall()
    assert again == rows and conn.execute("SELECT count(*) FROM units").fetchone() == units


def test_a_full_text_takes_the_place_of_the_codified_articles(dump, tmp_path):
    db = str(tmp_path / "s.sqlite")
    CliRunner().invoke(main, ["import-phapdien", str(dump), "--db", db, "--quiet"])
    result = CliRunner().invoke(main, ["ingest", str(FULL_TEXT_21_2021), "--db", db])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    assert conn.execute(
        "SELECT id, source_format FROM documents WHERE number_key = '21/2021/ND-CP'"
    ).fetchall() == [("21-2021-ND-CP", "txt")]
    # importing again does not put the codified articles back in its place
    CliRunner().invoke(main, ["import-phapdien", str(dump), "--db", db, "--quiet"])
    assert conn.execute(
        "SELECT id, source_format FROM documents WHERE number_key = '21/2021/ND-CP'"
    ).fetchall() == [("21-2021-ND-CP", "txt")]
    found = CliRunner().invoke(main, ["search", "21/2021/NĐ-CP", "--db", db, "--json"])
    assert json.loads(found.output)["redirect"]["doc_id"] == "21-2021-ND-CP"


def test_check_phapdien_ties_each_codified_article_to_its_stored_unit(dump, tmp_path):
    """NĐ 21/2021/NĐ-CP: its 62 codified articles of đề mục 9.3 against the full text."""
    db = str(tmp_path / "s.sqlite")
    CliRunner().invoke(main, ["ingest", str(FULL_TEXT_21_2021), "--db", db])
    CliRunner().invoke(main, ["import-phapdien", str(dump), "--db", db, "--quiet"])
    result = CliRunner().invoke(main, ["check-phapdien", "--db", db, "--json"])
    checks = json.loads(result.output)
    assert len(checks) == 62 and {c["doc_id"] for c in checks} == {"21-2021-ND-CP"}
    first = next(c for c in checks if c["code"] == "9.3.NĐ.1")
    assert (first["source_unit"], first["unit_id"], first["kind"]) == (
        "Điều 1",
        "chuong_1__dieu_1",
        "equal",
    )
    assert all(c["unit_id"].endswith("__dieu_" + c["source_unit"].split()[1]) for c in checks)
    unequal = [c for c in checks if c["kind"] != "equal"]
    assert all(c["reason"] for c in unequal)
    text = CliRunner().invoke(main, ["check-phapdien", "--db", db]).output
    assert text.rstrip().endswith(
        f"62 codified articles of 1 stored documents: {62 - len(unequal)} equal ({(62 - len(unequal)) / 62:.1%})"
    )


def test_files_attached_to_an_article_are_no_text_of_it():
    """The pages print the files an article attaches as lines of its text ("Mau so 02_Don de
    nghi cap the.doc", Thông tư liên tịch 03/2010/TTLT-BYT-BCA Điều 4): not the law's words."""
    from ingest.codification.official_pages import split_attachments

    text, files = split_attachments(
        [
            "d) Công văn đề nghị cấp lại Thẻ cho những nhân viên tiếp cận cộng đồng của người "
            "đứng đầu chương trình, dự án.",
            "Mau so 02_Don de nghi cap the.doc",
            "Mau so 03_Don de nghi cap lai the.doc",
        ]
    )
    assert files == ["Mau so 02_Don de nghi cap the.doc", "Mau so 03_Don de nghi cap lai the.doc"]
    assert len(text) == 1 and text[0].endswith("chương trình, dự án.")
