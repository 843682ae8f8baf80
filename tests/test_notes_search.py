"""Notes that copies add (a web site's editorial notes, a VBHN's footnotes) are searchable as
notes: found apart from the law's words, on the unit they sit on, in both spellings."""

from __future__ import annotations

import sqlite3

import pytest

from ingest.pipeline import parse_file
from ingest.store import SCHEMA_VERSION, Store
from search_app.engine.backends.sqlite import SqliteIndexer
from search_app.engine.contract import SearchRequest
from search_app.engine.factory import open_search
from search_app.engine.notes import search_notes
from tests.corpus_golden import CORPUS

TVPL = CORPUS / "fulltext/thuvienphapluat/Luật_Hải_quan_2001.txt"
VBHN = CORPUS / "fulltext/congbao/van-ban-hop-nhat-so-462-vbhn-bldtbxh-44172.txt"

pytestmark = pytest.mark.skipif(not TVPL.exists(), reason="../shared/corpus is not here")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("notes") / "s.sqlite"
    with Store(path) as store:
        for file in (TVPL, VBHN):
            store.put(parse_file(file), indexers=[SqliteIndexer()])
    return str(path)


def test_a_site_note_is_found_as_a_note_on_its_unit(db):
    result = open_search(db).search(SearchRequest(q="Luật Hải quan sửa đổi 2005 Khoản 1 Điều 1"))
    note = result.notes[0]
    assert note["kind"] == "site_note" and note["doc_number"] == "29/2001/QH10"
    assert note["unit_id"] and "Luật Hải quan sửa đổi 2005»" in note["snippet"]
    # the note's words are not the law's: no body hit quotes the note
    assert not any(
        "sửa đổi 2005" in h.snippet.replace("«", "").replace("»", "") for h in result.hits
    )


def test_folded_and_accented_queries_find_the_same_notes(db):
    conn = sqlite3.connect(db)
    accented = search_notes(conn, "được sửa đổi bởi Khoản 1 Điều 1 Luật Hải quan sửa đổi 2005")
    folded = search_notes(conn, "duoc sua doi boi khoan 1 dieu 1 luat hai quan sua doi 2005")
    assert accented and [(n.doc_id, n.unit_id) for n in accented] == [
        (n.doc_id, n.unit_id) for n in folded
    ]


def test_a_vbhn_footnote_is_found_as_a_footnote(db):
    conn = sqlite3.connect(db)
    notes = search_notes(conn, "Thông tư số 12/2024/TT-BLĐTBXH bổ sung tại khoản 1 Điều 1")
    assert notes and notes[0].kind == "footnote" and notes[0].doc_number == "462/VBHN-BLĐTBXH"


def test_notes_follow_the_filters(db):
    service = open_search(db)
    only_vbhn = service.search(
        SearchRequest(q="sửa đổi", filters={"doc_type": ["Văn bản hợp nhất"]})
    )
    assert only_vbhn.notes and {n["doc_number"] for n in only_vbhn.notes} == {"462/VBHN-BLĐTBXH"}
    assert service.search(SearchRequest(q="sửa đổi", offset=10)).notes == []


def test_a_replaced_document_leaves_no_notes_behind(tmp_path):
    path = tmp_path / "r.sqlite"
    with Store(path) as store:
        store.put(parse_file(TVPL), indexers=[SqliteIndexer()])
        store.put(parse_file(TVPL), indexers=[SqliteIndexer()], replace=True)
        rows = store.conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
        indexed = store.conn.execute(
            "SELECT count(*) FROM annotations_fts WHERE annotations_fts MATCH '\"2005\"'"
        ).fetchone()[0]
        stored = store.conn.execute(
            "SELECT count(*) FROM annotations WHERE text LIKE '%2005%'"
        ).fetchone()[0]
    assert rows == len(parse_file(TVPL).annotations)
    assert indexed == stored > 0


def test_a_version_2_store_gets_its_notes_indexed(tmp_path):
    path = tmp_path / "v2.sqlite"
    with Store(path) as store:
        store.put(parse_file(TVPL), indexers=[SqliteIndexer()])
    conn = sqlite3.connect(path)  # back to version 2: no folded column, no notes index
    conn.executescript(
        "DROP TRIGGER annotations_ai; DROP TRIGGER annotations_ad; DROP TABLE annotations_fts;"
        "ALTER TABLE annotations DROP COLUMN folded; PRAGMA user_version=2;"
    )
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert search_notes(store.conn, "luat hai quan sua doi 2005")


def test_the_results_page_shows_notes_apart_from_the_text(db):
    from search_app.web.app import create_app

    page = create_app(db, testing=True).test_client().get("/?q=Luật+Hải+quan+sửa+đổi+2005")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    notes = html[html.index("Trong ghi chú và chú thích") :]
    assert "Ghi chú của nguồn" in notes and "<mark>" in notes
