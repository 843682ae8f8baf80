"""The store and the command line, on real files: replacement, atomicity, bad inputs."""

from __future__ import annotations

import copy
import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from ingest.pipeline import parse_bytes, parse_file
from ingest.store import Store
from lexvn.cli import main
from tests.builders import SMALL_LAW
from tests.conftest import SAMPLES

LAO_DONG = SAMPLES / "codes/bo-luat-lao-dong-2019.txt"
DAU_THAU = SAMPLES / "procurement/base_luat_22-2023-QH15.docx"


def run(*args):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


def test_reingest_replaces_without_duplicates(tmp_path):
    db = tmp_path / "s.sqlite"
    with Store(db) as store:
        store.put(parse_file(LAO_DONG))
        first = store.counts()
        store.put(parse_file(LAO_DONG))
        assert store.counts() == first
        assert first["documents"] == 1 and first["dieu"] == 220


def test_stored_tree_reads_back_identical(tmp_path):
    from ingest.parse.outline import outline

    doc = parse_file(DAU_THAU)
    with Store(tmp_path / "s.sqlite") as store:
        store.put(doc)
        back = store.get("22/2023/QH15")
    assert outline(back.units) == outline(doc.units)
    assert back.metadata == doc.metadata
    assert back.find("chuong_2__muc_1__dieu_23").heading == "Chỉ định thầu"


def test_failed_write_changes_nothing(tmp_path):
    db = tmp_path / "s.sqlite"
    with Store(db) as store:
        store.put(parse_bytes("law.txt", SMALL_LAW.encode()))
        before = store.get("99/2024/QH15")
        changed = parse_bytes("law.txt", SMALL_LAW.replace("thử nghiệm.", "mới.").encode())
        changed.units.append(copy.deepcopy(changed.units[0]))  # duplicate unit ids: insert fails
        with pytest.raises(sqlite3.IntegrityError):
            store.put(changed)
        after = store.get("99/2024/QH15")
    assert after.units[0].text == before.units[0].text == ["Luật này quy định về thử nghiệm."]


def test_ingest_folder_with_bad_files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(LAO_DONG, folder / "lao-dong.txt")
    shutil.copy(DAU_THAU, folder / "dau-thau.docx")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04garbage")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin1.txt").write_bytes("Điều 1. Phạm vi".encode()[:3] + b"caf\xe9\n")
    db = tmp_path / "s.sqlite"
    result = run("ingest", str(folder), "--db", str(db), "--quiet")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 4
    for name, reason in (
        ("broken.docx", "broken zip"),
        ("binary.txt", "binary file"),
        ("empty.txt", "empty file"),
        ("latin1.txt", "not UTF-8"),
    ):
        assert any(name in e and reason in e for e in errors), (name, errors)
    assert "2 documents" in result.output
    with Store(db) as store:
        assert store.resolve("45/2019/QH14") and store.resolve("22/2023/QH15")


def test_file_without_articles_is_an_error(tmp_path):
    db = tmp_path / "s.sqlite"
    (tmp_path / "note.txt").write_text("Ghi chú nội bộ, không phải văn bản.\n", encoding="utf-8")
    result = run("ingest", str(tmp_path / "note.txt"), "--db", str(db), "--quiet")
    assert result.exit_code == 1 and "no article" in result.output


def test_doc_json_has_types_and_ids(tmp_path):
    db = tmp_path / "s.sqlite"
    assert run("ingest", str(LAO_DONG), "--db", str(db), "--quiet").exit_code == 0
    result = run("doc", "45/2019/QH14", "--json", "--db", str(db))
    data = json.loads(result.output)
    assert data["metadata"]["number"] == "45/2019/QH14"
    chuong = data["units"][0]
    assert (chuong["type"], chuong["id"]) == ("chuong", "chuong_1")
    dieu = chuong["children"][1]
    assert (dieu["type"], dieu["id"], dieu["heading"]) == (
        "dieu",
        "chuong_1__dieu_2",
        "Đối tượng áp dụng",
    )
    assert dieu["children"][0]["type"] == "khoan"
    assert run("doc", "1/2000/QH10", "--db", str(db)).exit_code != 0


def test_db_from_environment(tmp_path, monkeypatch):
    db = tmp_path / "env.sqlite"
    monkeypatch.setenv("LEXVN_DB", str(db))
    result = CliRunner().invoke(main, ["ingest", str(LAO_DONG), "--quiet"])
    assert result.exit_code == 0 and db.exists()


def test_index_from_an_older_lexvn_is_rebuilt_by_ingest(tmp_path):
    """A store whose search index an older LexVN built: a write through the indexer is
    refused with the way out and stores nothing; `lexvn ingest` rebuilds the index first."""
    from search_app.engine.backends.sqlite import SqliteIndexer, StaleIndex

    db = tmp_path / "s.sqlite"
    assert run("ingest", str(LAO_DONG), "--db", str(db), "--quiet").exit_code == 0
    with Store(db) as store:
        store.conn.execute("UPDATE search_meta SET value = '0' WHERE key = 'analysis_version'")
        store.conn.commit()
        with pytest.raises(StaleIndex, match="lexvn index"):
            store.put(parse_bytes("law.txt", SMALL_LAW.encode()), indexers=[SqliteIndexer()])
        assert store.resolve("99/2024/QH15") is None
    result = run("ingest", str(DAU_THAU), "--db", str(db), "--quiet")
    assert result.exit_code == 0 and "rebuilding" in result.output
    found = run("search", "chỉ định thầu", "--db", str(db), "--json")
    assert json.loads(found.output)["hits"][0]["doc_number"] == "22/2023/QH15"
    assert run("search", "thời giờ làm việc", "--db", str(db), "--json").exit_code == 0
