"""Failure paths a user meets: every error one line naming the file, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ingest.pipeline import parse_bytes, parse_file
from ingest.readers import ReaderError
from ingest.store import Store
from tests.conftest import ROOT, SAMPLES

SHARED = ROOT.parent / "shared"


def _lexvn(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lexvn.cli", *args], capture_output=True, text=True
    )


def test_a_db_that_is_not_sqlite_is_one_line_for_every_command(tmp_path):
    bogus = tmp_path / "not-a-store.sqlite"
    bogus.write_text("this is not SQLite", encoding="utf-8")
    for args in (
        ["doc", "45/2019/QH14"],
        ["search", "lao động"],
        ["ingest", str(SAMPLES / "codes/bo-luat-lao-dong-2019.txt")],
        ["status", "45/2019/QH14"],
    ):
        done = _lexvn(*args, "--db", str(bogus))
        assert done.returncode == 1, args
        assert "Traceback" not in done.stderr, args
        assert f"{bogus} is not a LexVN store" in done.stderr, args
    assert bogus.read_text(encoding="utf-8") == "this is not SQLite"  # nothing written


def test_a_store_on_a_read_only_folder_is_opened_as_immutable(tmp_path, monkeypatch):
    """On a read-only volume SQLite cannot create the WAL's shared-memory file; the store
    is then opened immutable. (As root every folder is writable, so the volume's refusal
    is simulated where the store asks for it.)"""
    db = tmp_path / "ro.sqlite"
    with Store(db) as store:
        store.put(parse_file(SAMPLES / "codes/bo-luat-lao-dong-2019.txt"))
    assert not (tmp_path / "ro.sqlite-wal").exists()
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode)
    )
    with Store(db, read_only=True) as store:
        assert store.get("45/2019/QH14").metadata.title == "Bộ luật Lao động"
    assert not (tmp_path / "ro.sqlite-shm").exists()


@pytest.mark.parametrize(
    "name,text",
    [
        ("huge-article-number.txt", "LUẬT\nTHỬ\nĐiều 1. Tên\nĐiều " + "9" * 5000 + ". Tên\nX.\n"),
        ("huge-chapter-number.txt", "LUẬT\nTHỬ\nChương " + "9" * 5000 + "\nTÊN\nĐiều 1. X\n"),
        ("huge-point-number.txt", "LUẬT\nTHỬ\nĐiều 1. X\n1. a\na" + "1" * 5000 + ") b\n"),
    ],
)
def test_numbers_of_thousands_of_digits_are_text_not_a_crash(name, text):
    assert parse_bytes(name, text.encode()).articles()


def test_deep_html_is_read_whole_or_refused_never_truncated():
    def page(depth: int) -> bytes:
        inner = "<p>LUẬT</p><p>Điều 1. Tên</p><p>Nội dung</p>"
        return (
            "<html><body>"
            + "<div>" * depth
            + inner
            + "</div>" * depth
            + "<p>Điều 2. Hai</p><p>x</p></body></html>"
        ).encode()

    assert len(parse_bytes("deep.html", page(400)).articles()) == 2
    with pytest.raises(ReaderError, match="deeper.html:1: HTML the parser cannot read whole"):
        parse_bytes("deeper.html", page(5000))
    big = "<html><body><p>LUẬT</p><p>Điều 1. Tên</p><p>" + "a " * 6_000_000 + "</p>"
    assert (
        len(parse_bytes("big.html", (big + "<p>Điều 2. Hai</p></body></html>").encode()).articles())
        == 2
    )


def test_controls_that_hide_or_reorder_text_are_removed():
    html = "<html><body><p>LUẬT</p><p>Điều 1. Phạm\u202e vi\u2066 điều chỉnh</p></body></html>"
    assert parse_bytes("bidi.html", html.encode()).articles()[0].heading == "Phạm vi điều chỉnh"


def test_a_text_with_neither_an_article_nor_a_document_type_is_refused():
    """A damaged Công báo page that kept only an appendix, or headings with nothing under them,
    would otherwise be stored under a made-up id; a Chỉ thị without Điều keeps its type."""
    headings = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" + "Chương I\n" * 50
    doc = parse_bytes("headings.txt", headings.encode())
    assert [i.severity for i in doc.issues if i.code == "no-dieu"] == ["error"]
    chi_thi = parse_file(SHARED / "corpus/fulltext/congbao/chi-thi-so-21-ct-ttg-469580.pdf")
    assert chi_thi.metadata.doc_type == "Chỉ thị"
    assert [i.severity for i in chi_thi.issues if i.code == "no-dieu"] == ["warning"]
