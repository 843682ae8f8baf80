"""The reading pages in a test client: document page with anchors, permalinks, citation
links, date selector, versions, diff, lược đồ; Vietnamese errors; API description and rate
limit. (Timings are in benchmarks/web_load.py; journeys in a real browser in
tests/test_browser.py.)"""

from __future__ import annotations

import re

import pytest

from ingest.store import Store
from lexvn.ingest_files import ingest_paths, ingest_samples
from search_app.web.app import create_app
from tests.conftest import SAMPLES

INJECTED = """QUỐC HỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc
Luật số: 99/2030/QH20
Hà Nội, ngày 01 tháng 01 năm 2030
LUẬT
THỬ NGHIỆM
Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật Thử nghiệm.
Điều 1. Phạm vi <script>alert("x")</script>
1. Ký hiệu a < b và c > d không phải là thẻ <b>HTML</b>.
2. Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2030.
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    (folder / "injected.txt").write_text(INJECTED, encoding="utf-8")
    db = folder / "p.sqlite"
    with Store(db) as store:
        ingest_samples(store, folder / "injected.txt")
    app = create_app(str(db), testing=True)
    return app.test_client()


def test_document_page_has_an_anchor_and_permalink_for_every_unit(client):
    r = client.get("/van-ban/45/2019/QH14")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and '<html lang="vi">' in html
    ids = set(re.findall(r'<section id="([^"]+)" class="unit', html))
    store = Store(client.application.config["LEXVN_DB"], read_only=True)
    units = {u.id for u in store.get("45-2019-QH14").walk()}
    assert ids == units
    assert 'href="/van-ban/45-2019-QH14/chuong_3__muc_1__dieu_13#chuong_3__muc_1__dieu_13"' in html
    assert "Mục lục" in html and "Còn hiệu lực" in html


def test_permalink_focuses_the_unit_and_unknown_unit_is_404(client):
    r = client.get("/van-ban/45-2019-QH14/chuong_3__muc_1__dieu_13__khoan_1")
    assert r.status_code == 200
    assert 'data-focus="chuong_3__muc_1__dieu_13__khoan_1"' in r.get_data(as_text=True)
    missing = client.get("/van-ban/45-2019-QH14/chuong_2__dieu_999")
    assert missing.status_code == 404 and "không có đơn vị" in missing.get_data(as_text=True)


def test_citations_are_links_to_pages_that_exist(client):
    html = client.get("/van-ban/214-2025-ND-CP").get_data(as_text=True)
    hrefs = re.findall(r'<a class="cite" href="([^"]+)">', html)
    assert len(hrefs) > 100
    to_law = [h for h in hrefs if h.startswith("/van-ban/22-2023-QH15/")]
    assert to_law
    for href in to_law[:5]:
        assert client.get(href.split("#")[0]).status_code == 200


def test_date_selector_shows_the_text_in_force_then(client):
    url = "/van-ban/22-2023-QH15/chuong_1__dieu_3__khoan_5"
    before = client.get(url + "?ngay=2024-06-01").get_data(as_text=True)
    after = client.get(url + "?ngay=2025-06-01").get_data(as_text=True)
    assert "vốn vay ưu đãi của nhà tài trợ nước ngoài" in before
    assert "vốn vay ưu đãi nước ngoài" in after and "Được sửa đổi, bổ sung bởi" in after
    assert "Được sửa đổi, bổ sung bởi" not in before


def test_versions_diff_and_links_pages(client):
    versions = client.get("/van-ban/22-2023-QH15/chuong_1__dieu_3__khoan_5/lich-su")
    assert versions.status_code == 200 and versions.get_data(as_text=True).count("<li>") >= 2
    changes = client.get("/van-ban/22-2023-QH15/so-sanh?tu=2024-06-01&den=2025-06-01")
    text = changes.get_data(as_text=True)
    assert "<ins>" in text and "<del>" in text
    links = client.get("/van-ban/22-2023-QH15/luoc-do").get_data(as_text=True)
    assert "214-2025-ND-CP" in links and "43/2013/QH13" in links


def test_cited_by_and_guided_by(client):
    html = client.get("/van-ban/22-2023-QH15").get_data(as_text=True)
    assert "Được hướng dẫn bởi" in html and "Được dẫn chiếu bởi" in html
    side = html[html.index("Được hướng dẫn bởi") : html.index("Mục lục")]
    assert 'href="/van-ban/214-2025-ND-CP"' in side


def test_injected_markup_is_text(client):
    html = client.get("/van-ban/99/2030/QH20").get_data(as_text=True)
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(" in html and "a &lt; b và c &gt; d" in html
    assert "&lt;b&gt;HTML&lt;/b&gt;" in html


def test_unknown_document_gets_a_vietnamese_404_page(client):
    r = client.get("/van-ban/123/2099/QH99")
    html = r.get_data(as_text=True)
    assert r.status_code == 404 and '<html lang="vi">' in html
    assert "Không tìm thấy trang" in html and "Traceback" not in html
    assert client.get("/khong-co-trang-nay").status_code == 404
    assert client.get("/van-ban/22-2023-QH15?ngay=hom-qua").status_code == 400


def test_search_hit_links_to_the_unit_and_number_query_redirects(client):
    html = client.get("/?q=thoi+gio+lam+viec+binh+thuong").get_data(as_text=True)
    first = re.search(r'class="hit-title" href="([^"]+)"', html).group(1)
    assert first.startswith("/van-ban/") and "#" in first
    r = client.get("/?q=22/2023/QH15")
    assert r.status_code == 302 and r.headers["Location"] == "/van-ban/22-2023-QH15"


def test_pages_have_csp_and_no_inline_script(client):
    r = client.get("/van-ban/22-2023-QH15")
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in r.headers["Content-Security-Policy"]
    scripts = re.findall(r"<script([^>]*)>", r.get_data(as_text=True))
    assert scripts and all("src=" in s for s in scripts)


def test_openapi_describes_every_api_route(client):
    spec = client.get("/api/openapi.json").get_json()
    documented = {re.sub(r"\{(\w+)\}", r"<\1>", p) for p in spec["paths"]}
    routes = {
        re.sub(r"<(?:path:)?(\w+)>", r"<\1>", rule.rule)
        for rule in client.application.url_map.iter_rules()
        if rule.rule.startswith("/api/")
    }
    assert routes <= documented, routes - documented


def test_api_rate_limit_answers_429_with_retry_after(tmp_path):
    db = tmp_path / "r.sqlite"
    with Store(db) as store:
        ingest_paths(store, [SAMPLES / "codes/bo-luat-lao-dong-2019.txt"])
    app = create_app(str(db), testing=True, LEXVN_API_RATE=0.5, LEXVN_API_BURST=2)
    c = app.test_client()
    codes = [c.get("/api/search?q=lao+dong").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    r = c.get("/api/search?q=lao+dong")
    assert r.headers["Retry-After"] and "Quá nhiều yêu cầu" in r.get_json()["error"]["message"]
    assert c.get("/?q=lao+dong").status_code == 200  # pages are not limited


def test_page_cache_evicts_least_recently_used_by_bytes():
    from search_app.web.pagecache import PageCache

    cache = PageCache(max_bytes=100)
    cache.put(("a",), b"x" * 20, 200, "text/html")
    cache.put(("b",), b"y" * 20, 200, "text/html")
    cache.put(("too big",), b"z" * 30, 200, "text/html")  # over a quarter: not kept
    assert cache.get(("too big",)) is None
    assert cache.get(("a",))[0] == b"x" * 20  # a is now the most recent
    for n in range(4):
        cache.put((n,), b"w" * 20, 200, "text/html")
    assert cache.get(("b",)) is None and cache.get(("a",)) is not None  # b was older
    cache.put((4,), b"w" * 20, 200, "text/html")
    cache.put((5,), b"w" * 20, 200, "text/html")
    assert cache.get((0,)) is None and cache.size <= 100 and cache.get((5,)) is not None


def test_cached_page_is_the_same_page(client):
    first = client.get("/van-ban/22-2023-QH15/chuong_1__dieu_6").get_data(as_text=True)
    again = client.get("/van-ban/22-2023-QH15/chuong_1__dieu_6").get_data(as_text=True)
    other = client.get("/van-ban/22-2023-QH15/chuong_1__dieu_7").get_data(as_text=True)
    assert first == again and 'data-focus="chuong_1__dieu_6"' in first
    assert 'data-focus="chuong_1__dieu_7"' in other and 'data-focus="chuong_1__dieu_6"' not in other


def test_a_page_says_whether_the_cache_answered_it(client):
    """`X-Cache` lets a load benchmark report its hit ratio; a unit permalink shares its
    document's page at that date."""
    url = "/van-ban/22-2023-QH15?ngay=2025-02-03"
    assert client.get(url).headers["X-Cache"] == "miss"
    assert client.get(url).headers["X-Cache"] == "hit"
    unit = client.get("/van-ban/22-2023-QH15/chuong_1__dieu_6?ngay=2025-02-03")
    assert unit.headers["X-Cache"] == "hit"
    assert "X-Cache" not in client.get("/api/search?q=dau+thau").headers


def test_serving_app_sees_an_ingest_without_restart(tmp_path):
    """`lexvn ingest` while `lexvn serve` runs: pages, search and the page cache follow."""
    db = tmp_path / "live.sqlite"
    first = INJECTED.replace('<script>alert("x")</script>', "").replace("99/2030", "98/2030")
    law = tmp_path / "law.txt"
    law.write_text(first, encoding="utf-8")
    with Store(db) as store:
        ingest_paths(store, [law])
    client = create_app(str(db), testing=True).test_client()
    page = client.get("/van-ban/98-2030-QH20/dieu_1").get_data(as_text=True)
    assert "Ký hiệu a &lt; b" in page
    assert client.get("/api/search?q=dieu+hoa+nhiet+do").get_json()["total"] == 0

    law.write_text(first.replace("Ký hiệu a < b", "Điều hòa nhiệt độ"), encoding="utf-8")
    with Store(db) as store:  # another connection, as the CLI would be
        ingest_paths(store, [law])
    page = client.get("/van-ban/98-2030-QH20/dieu_1").get_data(as_text=True)
    assert "Điều hòa nhiệt độ" in page and "Ký hiệu a &lt; b" not in page
    hits = client.get("/api/search?q=dieu+hoa+nhiet+do").get_json()["hits"]
    assert hits and hits[0]["doc_number"] == "98/2030/QH20" and hits[0]["doc_title"]
