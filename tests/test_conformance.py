"""One conformance suite for every available search backend: the same queries must give the
same top hits and the same totals on corpus_samples/.

Always run: the embedded SQLite backend. In CI: also an OpenSearch-compatible in-memory
server (osmem-server, started here) through opensearch-py. Against a real cluster: set
ELASTICSEARCH_URL (or OPENSEARCH_URL, with the usual _API_KEY / _USERNAME / _PASSWORD /
_CA_CERT), and the suite runs there too, in an alias of its own that it removes after."""

from __future__ import annotations

import os
import uuid

import pytest

from ingest.pipeline import parse_file
from ingest.store import Store
from search_app.engine.backends.sqlite import SqliteIndexer
from search_app.engine.contract import SearchRequest
from search_app.engine.factory import open_search
from search_app.engine.service import SearchService
from tests.conftest import SAMPLES

DOCS = [
    "codes/bo-luat-lao-dong-2019.txt",
    "procurement/base_luat_22-2023-QH15.docx",
    "procurement/nd_214-2025-ND-CP.docx",
    "html/luat-an-ninh-mang-24-2018-QH14.html",
]

# query -> (doc_id, unit_id) of the expected first hit
TOP_HITS = {
    "nghỉ hằng năm": ("45-2019-QH14", "chuong_7__muc_2__dieu_113"),
    "thoi gian thu viec": ("45-2019-QH14", "chuong_3__muc_1__dieu_25"),
    "trợ cấp thôi việc": ("45-2019-QH14", "chuong_3__muc_3__dieu_46"),
    "chỉ định thầu": ("22-2023-QH15", "chuong_2__muc_1__dieu_23"),
    "bao dam du thau": ("22-2023-QH15", "chuong_1__dieu_14"),
    "các hành vi bị nghiêm cấm về an ninh mạng": ("24-2018-QH14", "chuong_1__dieu_8"),
    "chào giá trực tuyến là gì": ("214-2025-ND-CP", "chuong_1__dieu_2__khoan_1"),
    '"hợp đồng lao động" -thử': ("45-2019-QH14", None),
    "sa thải OR khiển trách": ("45-2019-QH14", None),
}
TOTAL_QUERIES = [
    "hợp đồng lao động",
    "dat dai",
    '"thời giờ làm việc"',
    "nhà thầu -tư vấn",
    "sa thải OR khiển trách",
    "đấu thầu qua mạng",
]


def _backends() -> list[str]:
    names = ["sqlite", "osmem"]
    if os.environ.get("ELASTICSEARCH_URL") or os.environ.get("OPENSEARCH_URL"):
        names.append("cluster")
    return names


@pytest.fixture(scope="module")
def store_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("conformance") / "c.sqlite"
    with Store(db) as store:
        for name in DOCS:
            store.put(parse_file(SAMPLES / name), indexers=[SqliteIndexer()])
    return str(db)


@pytest.fixture(scope="module")
def reference(store_db) -> SearchService:
    return open_search(store_db, backend="sqlite")


@pytest.fixture(scope="module")
def osmem_url():
    from osmem_server import OsmemServer

    with OsmemServer.start() as server:
        yield server.url


@pytest.fixture(scope="module", params=_backends())
def service(request, store_db, reference):
    if request.param == "sqlite":
        yield reference
        return
    from search_app.engine.backends.elasticsearch import (
        EsConfig,
        EsIndexer,
        EsSearcher,
        make_client,
    )

    if request.param == "osmem":
        cfg = EsConfig(url=request.getfixturevalue("osmem_url"), flavor="opensearch")
    else:
        cfg = EsConfig.from_env()
    cfg.alias = f"lexvn-test-{uuid.uuid4().hex[:8]}"
    client = make_client(cfg)
    indexer = EsIndexer(client, cfg)
    with Store(store_db, read_only=True) as store:
        index = indexer.reindex(store.get(row["id"]) for row in store.list_documents())
    searcher = EsSearcher(client, cfg)
    searcher.check()
    yield SearchService(reference.conn, searcher)
    client.indices.delete(index=index, ignore_unavailable=True)


@pytest.mark.parametrize("query", sorted(TOP_HITS))
def test_same_top_hit(service, query):
    hits = service.search(SearchRequest(q=query, limit=5)).hits
    doc_id, unit_id = TOP_HITS[query]
    assert hits, f"{service.searcher.name}: nothing for {query!r}"
    assert hits[0].doc_id == doc_id
    if unit_id:
        assert hits[0].unit_id == unit_id


@pytest.mark.parametrize("query", TOTAL_QUERIES)
def test_same_totals_and_facets(service, reference, query):
    got = service.search(SearchRequest(q=query, limit=10))
    want = reference.search(SearchRequest(q=query, limit=10))
    assert got.total == want.total
    assert got.facets == want.facets


def test_same_redirects(service):
    r = service.search(SearchRequest(q="khoản 2 Điều 5 Bộ luật Lao động"))
    assert r.redirect == {"doc_id": "45-2019-QH14", "unit_id": "chuong_1__dieu_5__khoan_2"}
    assert service.search(SearchRequest(q="22/2023/QH15")).redirect["doc_id"] == "22-2023-QH15"


def test_filters(service):
    r = service.search(SearchRequest(q="hợp đồng", limit=20, filters={"doc_type": ["Nghị định"]}))
    assert r.hits and {h.doc_type for h in r.hits} == {"Nghị định"}
