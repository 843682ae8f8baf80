"""The Elasticsearch/OpenSearch backend's definitions, query builders, alias swap and
failure handling. Server tests run on osmem-server (an in-memory OpenSearch-compatible
server), started here."""

from __future__ import annotations

import pytest

from ingest.pipeline import parse_bytes, parse_file
from search_app.engine.backends.elasticsearch import (
    EsConfig,
    EsIndexer,
    EsSearcher,
    IndexingError,
    index_definition,
    make_client,
    match_query,
)
from search_app.engine.errors import BackendUnavailable
from search_app.engine.matching import Match
from tests.builders import SMALL_LAW
from tests.conftest import SAMPLES


def test_index_definition_has_the_vietnamese_analysis():
    body = index_definition(shards=3, replicas=2)
    assert body["settings"]["number_of_shards"] == 3 and body["settings"]["number_of_replicas"] == 2
    analysis = body["settings"]["analysis"]
    assert analysis["filter"]["vi_fold_keep"] == {"type": "asciifolding", "preserve_original": True}
    assert analysis["analyzer"]["vi_text"]["tokenizer"] == "standard"
    assert analysis["analyzer"]["vi_text"]["filter"] == ["lowercase", "vi_fold_keep"]
    assert "asciifolding" not in analysis["analyzer"]["vi_exact"]["filter"]
    props = body["mappings"]["properties"]
    for field in ("heading", "body", "context"):
        assert props[field]["analyzer"] == "vi_text"
        assert props[field]["fields"]["exact"]["analyzer"] == "vi_exact"
    assert "words" not in props  # v1's underthesea field: measured no help, never used
    for keyword in ("doc_id", "unit_id", "doc_type", "issuer", "linh_vuc", "defines", "unit_path"):
        assert props[keyword]["type"] == "keyword", keyword
    assert props["effective"]["type"] == "date" and props["year"]["type"] == "integer"
    assert body["mappings"]["dynamic"] == "strict"
    assert "_comment" not in str(body)


def test_match_query_builder():
    q = match_query(
        Match(
            groups=((("hop", "dong"),), (("sa", "thai"), ("khien", "trach"))),
            excluded=(("thu", "viec"),),
            mode="all",
        )
    )
    must = q["bool"]["must"]
    assert must[0]["multi_match"] == {
        "query": "hop dong",
        "type": "phrase",
        "fields": ["heading^4.0", "body^1.0", "context^0.3"],
    }
    assert [a["multi_match"]["query"] for a in must[1]["bool"]["should"]] == [
        "sa thai",
        "khien trach",
    ]
    assert must[1]["bool"]["minimum_should_match"] == 1
    assert q["bool"]["must_not"][0]["multi_match"]["query"] == "thu viec"
    any_of = match_query(Match(groups=((("a",),), (("b",),)), mode="any"))
    assert any_of["bool"]["minimum_should_match"] == 1 and len(any_of["bool"]["should"]) == 2


def test_config_from_environment():
    assert EsConfig.from_env({}) is None
    cfg = EsConfig.from_env(
        {
            "OPENSEARCH_URL": "http://h:9200",
            "OPENSEARCH_USERNAME": "u",
            "OPENSEARCH_PASSWORD": "p",
            "LEXVN_ES_SHARDS": "4",
        }
    )
    assert (cfg.flavor, cfg.username, cfg.shards) == ("opensearch", "u", 4)
    cfg = EsConfig.from_env(
        {
            "ELASTICSEARCH_URL": "https://h:9200",
            "ELASTICSEARCH_API_KEY": "k",
            "ELASTICSEARCH_CA_CERT": "/ca.pem",
        }
    )
    assert (cfg.flavor, cfg.api_key, cfg.ca_certs) == ("elasticsearch", "k", "/ca.pem")


@pytest.fixture(scope="module")
def osmem():
    from osmem_server import OsmemServer

    with OsmemServer.start() as server:
        yield server


def _cfg(osmem, alias):
    return EsConfig(url=osmem.url, flavor="opensearch", alias=alias)


def test_alias_swap_keeps_the_old_index_until_the_new_one_is_complete(osmem, monkeypatch):
    cfg = _cfg(osmem, "swap-test")
    client = make_client(cfg)
    indexer = EsIndexer(client, cfg)
    law = parse_bytes("law.txt", SMALL_LAW.encode())
    first = indexer.reindex([law])
    assert indexer.current_index() == first

    import search_app.engine.backends.elasticsearch as es

    real = es.row_source

    def broken(row):  # a field the strict mapping refuses: the cluster rejects the row
        src = real(row)
        if row.unit_id:
            src["unexpected"] = 1
        return src

    monkeypatch.setattr(es, "row_source", broken)
    with pytest.raises(IndexingError) as err:
        indexer.reindex([law])
    assert "99-2024-QH15::dieu_1" in str(err.value)
    assert indexer.current_index() == first  # searches still see the complete old index
    assert client.indices.exists(index=first)
    assert len([i for i in client.indices.get(index="swap-test-*")]) == 1  # new one removed

    monkeypatch.setattr(es, "row_source", real)
    second = indexer.reindex([law])
    assert indexer.current_index() == second and not client.indices.exists(index=first)


def test_cluster_down_is_a_clear_error_and_a_503(osmem, tmp_path):
    from ingest.store import Store
    from search_app.engine.backends.sqlite import SqliteIndexer
    from search_app.web.app import create_app

    cfg = _cfg(osmem, "down-test")
    client = make_client(cfg)
    EsIndexer(client, cfg).reindex([parse_file(SAMPLES / "codes/bo-luat-lao-dong-2019.txt")])
    dead = EsConfig(url="http://127.0.0.1:9", flavor="opensearch", alias="down-test")
    with pytest.raises(BackendUnavailable, match="127.0.0.1:9"):
        EsSearcher(make_client(dead), dead).check()

    db = tmp_path / "s.sqlite"
    with Store(db) as store:
        store.put(
            parse_file(SAMPLES / "codes/bo-luat-lao-dong-2019.txt"), indexers=[SqliteIndexer()]
        )
    app = create_app(str(db), testing=True)
    from search_app.engine.service import SearchService

    live = EsSearcher(client, cfg)
    app.extensions["lexvn_search"] = SearchService(app.extensions["lexvn_store"].conn, live)
    ok = app.test_client().get("/api/search?q=thu+viec")
    assert ok.status_code == 200 and ok.get_json()["hits"]
    live.client = make_client(dead)  # the cluster goes away while the app runs
    down = app.test_client().get("/api/search?q=thu+viec")
    assert down.status_code == 503
    assert "Máy chủ tìm kiếm" in down.get_json()["error"]["message"]
    assert "Traceback" not in down.get_data(as_text=True)


def test_cli_index_and_search_through_configuration(osmem, tmp_path, monkeypatch):
    """`lexvn index --backend elasticsearch`, then search with LEXVN_SEARCH_BACKEND set: the
    same JSON as the embedded backend."""
    import json

    from click.testing import CliRunner

    from lexvn.cli import main

    db = str(tmp_path / "s.sqlite")
    runner = CliRunner()
    assert (
        runner.invoke(
            main,
            ["ingest", str(SAMPLES / "codes/bo-luat-lao-dong-2019.txt"), "--db", db, "--quiet"],
        ).exit_code
        == 0
    )
    embedded = json.loads(
        runner.invoke(main, ["search", "trợ cấp thôi việc", "--json", "--db", db]).output
    )
    monkeypatch.setenv("OPENSEARCH_URL", osmem.url)
    monkeypatch.setenv("LEXVN_ES_ALIAS", "cli-test")
    result = runner.invoke(main, ["index", "--backend", "elasticsearch", "--db", db])
    assert result.exit_code == 0, result.output
    assert "alias cli-test" in result.output
    monkeypatch.setenv("LEXVN_SEARCH_BACKEND", "elasticsearch")
    remote = json.loads(
        runner.invoke(main, ["search", "trợ cấp thôi việc", "--json", "--db", db]).output
    )
    # same matches, same first hit; lower ranks may differ where Lucene's and FTS5's BM25
    # differ (docs/elasticsearch.md)
    assert remote["hits"][0]["unit_id"] == embedded["hits"][0]["unit_id"]
    mine = {h["unit_id"] for h in embedded["hits"]}
    assert len(mine & {h["unit_id"] for h in remote["hits"]}) >= 0.8 * len(mine)
    assert remote["total"] == embedded["total"] and remote["facets"] == embedded["facets"]
    monkeypatch.setenv("OPENSEARCH_URL", "http://127.0.0.1:9")
    down = runner.invoke(main, ["search", "x", "--db", db])
    assert down.exit_code != 0 and "127.0.0.1:9" in down.output
