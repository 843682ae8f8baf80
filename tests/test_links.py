"""Links recomputed after each ingest only for the documents it can affect must equal a
recomputation of every document, whatever the order documents arrive in."""

from __future__ import annotations

import shutil

import pytest

from ingest.enrich import _TABLES, affected, refresh_links
from ingest.links.catalogue import Catalogue
from ingest.pipeline import parse_file
from ingest.store import Store
from tests.conftest import SAMPLES

# amending and guiding documents before the laws they amend and guide, so citations resolve
# late; BLLĐ 2019 Điều 219 amends BLTTDS 2015 Điều 32
ORDER = [
    "procurement/amend1_luat_57-2024-QH15.docx",
    "procurement/nd_214-2025-ND-CP.docx",
    "codes/bo-luat-lao-dong-2019.txt",
    "procurement/base_luat_22-2023-QH15.docx",
    "procurement/tt_79-2025-TT-BTC.docx",
    "codes/bo-luat-to-tung-dan-su-2015.txt",
]


def tables(store: Store) -> dict[str, list[tuple]]:
    return {
        table: sorted((tuple(r) for r in store.conn.execute(f"SELECT * FROM {table}")), key=repr)
        for table, _ in _TABLES
    }


@pytest.fixture(scope="module")
def docs():
    missing = [name for name in ORDER if not (SAMPLES / name).exists()]
    assert not missing, missing
    return [parse_file(SAMPLES / name) for name in ORDER]


def test_incremental_refresh_equals_full_refresh(docs, tmp_path):
    store = Store(tmp_path / "inc.sqlite")
    recomputed = []
    for doc in docs:
        store.put(doc)
        recomputed.append(refresh_links(store, [doc.id])["recomputed"])
    # the first documents are recomputed again when what they cite arrives; never all of
    # them for a document that nothing cites
    assert recomputed[0] == 1 and recomputed[3] >= 3  # Luật Đấu thầu: 57/2024, NĐ 214 too
    incremental = tables(store)
    store.close()
    shutil.copy(tmp_path / "inc.sqlite", tmp_path / "full.sqlite")
    with Store(tmp_path / "full.sqlite") as full:
        refresh_links(full)
        assert tables(full) == incremental
    assert sum(len(rows) for rows in incremental.values()) > 1000


def test_reingest_of_a_cited_law_recomputes_who_cites_it(docs, tmp_path):
    store = Store(tmp_path / "s.sqlite")
    for doc in docs:
        store.put(doc)
    refresh_links(store)
    dau_thau = docs[3]
    changed = parse_file(SAMPLES / ORDER[3])
    article = changed.find("chuong_2__muc_3__dieu_34")
    article.children = article.children[:1]  # khoản 2 gone: 57/2024's anchor breaks
    store.put(changed)
    cat = Catalogue.from_store(store)
    todo = affected(store, cat, {dau_thau.id})
    assert {"22-2023-QH15", "57-2024-QH15", "214-2025-ND-CP", "79-2025-TT-BTC"} <= todo
    assert "92-2015-QH13" not in todo  # BLTTDS cites nothing of it
    refresh_links(store, [dau_thau.id])
    incremental = tables(store)
    refresh_links(store)
    assert tables(store) == incremental
    broken = store.conn.execute(
        "SELECT status FROM citations WHERE doc_id = '57-2024-QH15' "
        "AND unit_id = 'dieu_4__khoan_11' AND text = 'khoản 2 Điều 34'"
    ).fetchone()
    assert broken[0] == "unit does not exist"
