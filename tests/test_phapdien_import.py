"""`lexvn import-phapdien`: the official Bộ pháp điển dump into the store, idempotent, what
it could not read named by page."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from ingest.codification.official_dump import iter_page_bytes
from lexvn.cli import main
from tests.corpus_golden import PHAPDIEN_DUMP, dump_of

pytestmark = pytest.mark.skipif(not PHAPDIEN_DUMP.exists(), reason="../shared is not here")

PAGES = {
    "68079655-45cb-43a1-8c03-6603a7c52ec6.html",  # 1.3, 62 articles
    "044627ad-52ff-4294-90d6-8b129b705963.html",  # 24.11 "Quản lý thức ăn chăn nuôi (loại bỏ)"
    "fbe36156-5fe3-4ddd-a36a-4052eb2f6be0.html",  # 24.11 "Quản lý thức ăn chăn nuôi"
}


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    folder = dump_of(tmp_path_factory.mktemp("dump"), PAGES)
    (folder / "demuc" / "broken.html").write_bytes(b"<html>not a page</html>")
    return folder


def counts(db: str) -> tuple:
    conn = sqlite3.connect(db)
    return tuple(
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("phapdien_de_muc", "phapdien_headings", "phapdien_articles")
    )


def test_import_reads_every_page_and_names_what_it_did_not(dump, tmp_path):
    db = str(tmp_path / "s.sqlite")
    result = CliRunner().invoke(main, ["import-phapdien", str(dump), "--db", db, "--quiet"])
    assert result.exit_code == 1  # one page did not read
    assert "not read: broken.html: no 'Đề mục N.N' title" in result.output
    assert "not kept: 044627ad-52ff-4294-90d6-8b129b705963.html" in result.output  # (loại bỏ)
    assert "2 đề mục from 4 pages, 62 articles" in result.output
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT ten FROM phapdien_de_muc WHERE so = '24.11'").fetchone() == (
        "Quản lý thức ăn chăn nuôi",
    )
    row = conn.execute(
        "SELECT code, title, source_unit, source_number, source_issued, source_issuer,"
        " source_effective, vbpl_item FROM phapdien_articles WHERE de_muc = '1.3' AND seq = 0"
    ).fetchone()
    assert row == (
        "1.3.PL.1",
        "Phạm vi điều chỉnh",
        "Điều 1",
        "32/2007/PL-UBTVQH11",
        "2007-04-20",
        "Uỷ ban Thường vụ Quốc hội",
        "2007-10-01",
        14106,
    )


def test_importing_again_gives_the_same_store(dump, tmp_path):
    db = str(tmp_path / "s.sqlite")
    CliRunner().invoke(main, ["import-phapdien", str(dump), "--db", db, "--quiet"])
    first = counts(db)
    CliRunner().invoke(main, ["import-phapdien", str(dump), "--db", db, "--quiet"])
    assert counts(db) == first and first[2] == 62


def test_not_a_dump(tmp_path):
    (tmp_path / "x.txt").write_text("x")
    result = CliRunner().invoke(
        main, ["import-phapdien", str(tmp_path / "x.txt"), "--db", str(tmp_path / "s.sqlite")]
    )
    assert result.exit_code == 1 and "not a tar archive of the Bộ pháp điển" in result.output


def test_every_source_note_of_the_dump_is_read():
    """Over all 69,705 notes of the dump: ≥ 99.5 % read into unit and số ký hiệu; those that
    are not are the dump's own (a note with no number: "Điều 2 Pháp lệnh số Bảo vệ công
    trình quốc phòng …")."""
    from ingest.codification.official_pages import read_de_muc_page

    total = unread = 0
    for name, data in iter_page_bytes(PHAPDIEN_DUMP):
        for article in read_de_muc_page(data, name).articles:
            total += 1
            unread += not (article.note.number and article.note.unit)
    assert total == 69705 and unread / total <= 0.005, (unread, total)
