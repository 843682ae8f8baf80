"""The JSON API over a real store: the search contract's shape, errors as JSON, no 500s."""

from __future__ import annotations

import pytest

from ingest.pipeline import parse_file
from ingest.store import Store
from search_app.engine.backends.sqlite import SqliteIndexer
from search_app.web.app import create_app
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("api") / "api.sqlite"
    with Store(db) as store:
        for name in ("codes/bo-luat-lao-dong-2019.txt", "procurement/base_luat_22-2023-QH15.docx"):
            store.put(parse_file(SAMPLES / name), indexers=[SqliteIndexer()])
    app = create_app(str(db), testing=True)
    return app.test_client()


def test_search_json_contract(client):
    response = client.get("/api/search", query_string={"q": "hop dong lao dong", "limit": 3})
    assert response.status_code == 200
    data = response.get_json()
    assert set(data) >= {"total", "hits", "facets"}
    assert data["total"] > 3 and len(data["hits"]) == 3
    hit = data["hits"][0]
    assert set(hit) >= {
        "doc_number",
        "doc_title",
        "doc_type",
        "unit_id",
        "unit_label",
        "snippet",
        "score",
    }
    assert hit["doc_number"] == "45/2019/QH14" and hit["unit_label"].startswith(("Điều", "khoản"))
    assert {f["value"] for f in data["facets"]["doc_type"]} == {"Bộ luật", "Luật"}


def test_search_filters_by_query_string(client):
    data = client.get("/api/search?q=hợp+đồng&doc_type=Luật").get_json()
    assert data["hits"] and {h["doc_type"] for h in data["hits"]} == {"Luật"}


def test_cli_and_api_give_the_same_json(client, tmp_path):
    import json

    from click.testing import CliRunner

    from lexvn.cli import main

    db = client.application.config["LEXVN_DB"]
    cli = CliRunner().invoke(
        main, ["search", "thời gian thử việc", "--json", "--limit", "5", "--db", db]
    )
    api = client.get("/api/search", query_string={"q": "thời gian thử việc", "limit": 5})
    assert json.loads(cli.output) == api.get_json()


@pytest.mark.parametrize(
    "params",
    [
        {"q": '"hợp đồng'},
        {"q": "NEAR(x y)"},
        {"q": "*"},
        {"q": "x" * 10_000},
        {"q": ""},
        {"q": "a", "limit": "-5"},
        {"q": "a", "offset": "999999"},
    ],
)
def test_bad_queries_are_not_server_errors(client, params):
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 200
    assert "error" not in response.get_json()
    assert "sqlite" not in response.get_data(as_text=True).lower()


@pytest.mark.parametrize(
    "params",
    [{"q": "a", "limit": "abc"}, {"q": "a", "at": "hôm qua"}, {"q": "a", "at": "2025-13-45"}],
)
def test_invalid_parameters_give_400_json(client, params):
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 400
    assert response.get_json()["error"]["message"].startswith("Yêu cầu không hợp lệ")


def test_document_json_and_404(client):
    data = client.get("/api/documents/22/2023/QH15").get_json()
    assert data["metadata"]["number"] == "22/2023/QH15" and data["units"][0]["type"] == "chuong"
    missing = client.get("/api/documents/1/2000/QH10")
    assert (
        missing.status_code == 404 and "Không có văn bản" in missing.get_json()["error"]["message"]
    )
    assert client.get("/api/khong-co").status_code == 404


def test_search_page_in_vietnamese_and_escaped(client):
    page = client.get("/", query_string={"q": "hop dong lao dong"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and '<html lang="vi">' in html
    assert "kết quả" in html and "<mark>" in html
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    assert "<script" not in html
    hostile = client.get("/", query_string={"q": "<script>alert(1)</script>"})
    assert "<script>alert" not in hostile.get_data(as_text=True)
    assert "&lt;script&gt;" in hostile.get_data(as_text=True)


def test_serve_runs_a_production_server(tmp_path):
    """`lexvn serve` answers over HTTP from waitress on the port it is given."""
    import subprocess
    import sys

    from tests.servers import first_answer, free_port

    db = tmp_path / "serve.sqlite"
    with Store(db) as store:
        store.put(
            parse_file(SAMPLES / "procurement/base_luat_22-2023-QH15.docx"),
            indexers=[SqliteIndexer()],
        )
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "lexvn.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}/api/search?q=dau+thau&limit=1"
        status, headers, body = first_answer(proc, url, 30)
        assert status == 200 and headers["Server"] == "LexVN"
        assert b'"total"' in body
    finally:
        proc.terminate()
        proc.wait(timeout=10)
