"""Pháp điển from the samples: the catalogue, the assignment of documents, the đề mục of
Bộ luật Lao động against the published pages, the đề mục of Luật Đấu thầu with its decree
and circulars under the articles they detail, amendments and repeals at a date."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from ingest.codification.codify import build_de_muc, de_muc_tree, set_override, store_assignment
from ingest.codification.phapdien_pages import read_pages
from ingest.store import Store
from lexvn.cli import main
from lexvn.ingest_files import ingest_paths
from schema.phapdien import load_catalogue
from tests.conftest import SAMPLES
from tests.corpus_golden import PHAPDIEN_DUMP

DUMP_INDEX = PHAPDIEN_DUMP.parent / "index_2024_saladnga.tsv"


@pytest.fixture(scope="module")
def db(samples_db):
    return samples_db


@pytest.fixture(scope="module")
def store(db):
    with Store(db, read_only=True) as s:
        yield s


def test_catalogue_has_the_45_chu_de_and_confirmed_numbers_match_the_pages():
    cat = load_catalogue()
    assert sorted(cat.chu_de) == list(range(1, 46))
    assert cat.chu_de[20].ten == "Lao động" and cat.chu_de[34].ten.startswith("Thương mại")
    pages = (SAMPLES / "phapdien/lao-dong.md").read_text(encoding="utf-8")
    assert cat.de_muc["20.2"].confirmed and "Điều 20.2.LQ.1." in pages


@pytest.mark.skipif(not DUMP_INDEX.exists(), reason="../shared is not here")
def test_catalogue_de_muc_are_the_official_dumps():
    """Every đề mục number and name of the catalogue is the dump's (its index, rebuilt
    from the pages, lists a number twice where the dump keeps a removed page beside it):
    none typed by hand, none provisional."""
    rows = [line.split("\t") for line in DUMP_INDEX.read_text("utf-8").splitlines()[1:]]
    official: dict[str, list[tuple[str, int]]] = {}
    for row in rows:
        official.setdefault(row[0], []).append((row[1], int(row[2])))
    cat = load_catalogue()
    assert set(cat.de_muc) == set(official)
    for so, dm in cat.de_muc.items():
        assert dm.confirmed and (dm.ten, dm.articles) in official[so], so
    assert cat.de_muc["34.5"].ten == "Đấu thầu" and cat.de_muc["37.5"].ten == "Tố tụng dân sự"
    rules = dict(cat.rules)  # rules name đề mục by name, resolved to the dump's numbers
    assert rules["bo luat to tung dan su"] == "37.5" and rules["an ninh mang"] == "1.11"


def test_assignment_lists_what_is_not_codified_with_reasons(store):
    a = store_assignment(store)
    assert a.by_de_muc["20.2"] == ["45-2019-QH14"]
    assert set(a.by_de_muc["34.5"]) == {
        "22-2023-QH15",
        "214-2025-ND-CP",
        "79-2025-TT-BTC",
        "80-2025-TT-BTC",
    }
    reasons = {u["doc_id"]: u["reason"] for u in a.unassigned}
    assert "sửa đổi, bổ sung" in reasons["57-2024-QH15"]
    assert "Hiến pháp" in reasons["hien-phap-2013"]
    assert "cá biệt" in reasons["1667-QD-BYT-2024"]
    assigned = {d for ids in a.by_de_muc.values() for d in ids}
    total = store.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert len(assigned) + len(reasons) == total  # nothing dropped


def test_editor_override(tmp_path):
    db = tmp_path / "o.sqlite"
    with Store(db) as s:
        ingest_paths(s, [SAMPLES / "codes/bo-luat-lao-dong-2019.txt"])
        set_override(s, "45-2019-QH14", "20.4")
        assert store_assignment(s).by_de_muc == {"20.4": ["45-2019-QH14"]}
        set_override(s, "45-2019-QH14", "")
        a = store_assignment(s)
        assert not a.by_de_muc and a.unassigned[0]["reason"].startswith("biên tập viên")
        with pytest.raises(KeyError):
            set_override(s, "45-2019-QH14", "99.9")


def test_lao_dong_matches_the_published_pages(store):
    tree, _ = build_de_muc(store, "20.2", date(2026, 11, 24), store_assignment(store))
    ours = {n.code.removeprefix("Điều ").rstrip("."): n for n in tree.articles()}
    published = read_pages((SAMPLES / "phapdien/lao-dong.md").read_text(encoding="utf-8"))
    laws = {c: a for c, a in published.items() if c.startswith("20.2.LQ.")}
    assert len(laws) == 220 and set(laws) <= set(ours)
    texted = [c for c, a in laws.items() if a.text]
    assert len(texted) >= 160
    for code in texted:
        mine, theirs = ours[code], laws[code]
        assert mine.title == theirs.title, code
        assert f"{theirs.source_article} Bộ luật số {theirs.source_number}" in mine.note
        assert " ".join(" ".join(mine.text).split()) == " ".join(" ".join(theirs.text).split())
    # the chapters and their order follow the law
    assert [c.title.split(".")[0] for c in tree.children[:3]] == [
        "Chương I",
        "Chương II",
        "Chương III",
    ]


def test_dau_thau_guidance_amendments_and_order(store):
    data = de_muc_tree(store, "34.5", date(2025, 9, 1))
    assert data["type"] == "chu_de" and data["children"][0]["type"] == "de_muc"
    tree, _ = build_de_muc(store, "34.5", date(2025, 9, 1), store_assignment(store))
    articles = {n.code: n for n in tree.articles()}
    types = {n.type for n in _walk(tree)}
    assert {"de_muc", "chuong", "dieu"} <= types
    # decree articles sit under the law articles they detail
    law6 = articles["Điều 34.5.LQ.6."]
    assert "Điều 34.5.NĐ.1.4." in [g.code for g in law6.guidance]
    detailed = [n for n in articles.values() if ".LQ." in n.code and n.guidance]
    assert sum(1 for n in detailed for g in n.guidance if ".NĐ.1." in g.code) >= 40
    assert articles["Điều 34.5.NĐ.1.1."].note.startswith("(Điều 1 Nghị định số 214/2025/NĐ-CP")
    # amended articles: consolidated text, note naming Luật 57/2024/QH15
    law3 = articles["Điều 34.5.LQ.3."]
    assert "57/2024/QH15" in law3.note and "57-2024-QH15" in law3.amended_by
    assert "vốn vay ưu đãi nước ngoài" in " ".join(law3.text)
    assert "vốn vay ưu đãi của nhà tài trợ nước ngoài" not in " ".join(law3.text)
    # the repealed point is not shown as in force
    law79 = " ".join(articles["Điều 34.5.LQ.79."].text)
    assert "b) (được bãi bỏ)" in law79
    # order: the law's chapters first, then what is left of the decree, then the circulars
    tails = [c.title for c in tree.children if c.id.endswith("__khac")]
    assert tails[0].endswith("214/2025/NĐ-CP") and tails[-1].endswith("80/2025/TT-BTC")


def test_documents_not_in_force_are_left_out(store):
    tree, excluded = build_de_muc(store, "34.5", date(2023, 12, 1), store_assignment(store))
    assert not list(tree.articles())
    assert {d["doc_id"] for d in excluded["documents"]} >= {"22-2023-QH15", "214-2025-ND-CP"}
    before_decree, excluded = build_de_muc(store, "34.5", date(2025, 6, 1), store_assignment(store))
    codes = [n.code for n in before_decree.articles()]
    assert codes and not [c for c in codes if ".NĐ." in c or ".TT." in c]


def test_cli_api_and_pages(db):
    runner = CliRunner()
    out = runner.invoke(main, ["codify", "--db", db, "--de-muc", "20.2", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    first = data["children"][0]["children"][0]
    assert first["type"] == "chuong" and first["children"][0]["code"] == "Điều 20.2.LQ.1."
    listing = runner.invoke(main, ["codify", "--db", db])
    assert "Đề mục 20.2. Lao động: 45/2019/QH14" in listing.output
    assert "không pháp điển: 57-2024-QH15" in listing.output
    from search_app.web.app import create_app

    client = create_app(db, testing=True).test_client()
    api = client.get("/api/codification/34.5?at=2025-09-01").get_json()
    assert api["children"][0]["id"] == "34.5"
    assert client.get("/api/codification").get_json()["unassigned"]
    assert client.get("/api/codification/99.9").status_code == 404
    page = client.get("/phap-dien/34.5?ngay=2025-09-01").get_data(as_text=True)
    assert "Điều 34.5.LQ.6." in page and 'class="guidance"' in page
    found = client.get("/phap-dien/20.2?q=thoi+gio+lam+viec+binh+thuong").get_data(as_text=True)
    assert "/van-ban/45-2019-QH14/" in found and "/van-ban/22-2023-QH15/" not in found
    catalogue = client.get("/phap-dien?chu_de=34&q=bao+dam+du+thau").get_data(as_text=True)
    assert "/van-ban/22-2023-QH15/" in catalogue and "/van-ban/45-2019-QH14/" not in catalogue


def _walk(node):
    yield node
    for child in node.children:
        yield from _walk(child)
    for g in node.guidance:
        yield from _walk(g)
