"""Elasticsearch / OpenSearch backend: the same rows and the same Match semantics as the
embedded backend, for deployments that outgrow one machine.

The client comes from configuration: `elasticsearch` (8/9) for an Elasticsearch cluster
(ELASTICSEARCH_URL), `opensearch-py` for an OpenSearch one (OPENSEARCH_URL): the elasticsearch
9 client sends a compatibility media type that OpenSearch servers refuse (406). Mappings and
query bodies are the same for both (schema/elasticsearch/units.v2.json).

Reindexing writes a new versioned index and moves the alias to it in one atomic
`_aliases` call, so searches never see a half-built index; older indices are removed only
after the swap."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

from schema.model import Document
from search_app.engine.analysis import folded
from search_app.engine.errors import BackendUnavailable
from search_app.engine.index_rows import IndexRow, index_rows
from search_app.engine.matching import Match, Phrase
from search_app.engine.ranking import FIELD_WEIGHTS

SCHEMA_VERSION = 2
DEFAULT_ALIAS = "lexvn-units"


class IndexingError(Exception):
    """Some rows were rejected; the message lists them. The alias was not moved."""


@dataclass
class EsConfig:
    url: str
    flavor: str  # "elasticsearch" | "opensearch"
    alias: str = DEFAULT_ALIAS
    api_key: str | None = None
    username: str | None = None
    password: str | None = None
    ca_certs: str | None = None
    shards: int = 1
    replicas: int = 0

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> EsConfig | None:
        env = dict(os.environ if env is None else env)
        for flavor, prefix in (("opensearch", "OPENSEARCH"), ("elasticsearch", "ELASTICSEARCH")):
            url = env.get(f"{prefix}_URL")
            if url:
                return cls(
                    url=url,
                    flavor=flavor,
                    alias=env.get("LEXVN_ES_ALIAS", DEFAULT_ALIAS),
                    api_key=env.get(f"{prefix}_API_KEY"),
                    username=env.get(f"{prefix}_USERNAME"),
                    password=env.get(f"{prefix}_PASSWORD"),
                    ca_certs=env.get(f"{prefix}_CA_CERT"),
                    shards=int(env.get("LEXVN_ES_SHARDS", "1")),
                    replicas=int(env.get("LEXVN_ES_REPLICAS", "0")),
                )
        return None


def make_client(cfg: EsConfig):
    """The official client for the cluster's flavour, with credentials from the config."""
    auth: dict = {}
    if cfg.api_key:
        auth["api_key"] = cfg.api_key
    elif cfg.username:
        auth["http_auth" if cfg.flavor == "opensearch" else "basic_auth"] = (
            cfg.username,
            cfg.password or "",
        )
    if cfg.ca_certs:
        auth["ca_certs"] = cfg.ca_certs
    if cfg.flavor == "opensearch":
        from opensearchpy import OpenSearch

        return OpenSearch(hosts=[cfg.url], timeout=30, **auth)
    from elasticsearch import Elasticsearch  # optional dependency: pip install elasticsearch

    return Elasticsearch(cfg.url, request_timeout=30, **auth)


def index_definition(shards: int = 1, replicas: int = 0) -> dict:
    body = json.loads(
        resources.files("schema")
        .joinpath("elasticsearch/units.v2.json")
        .read_text(encoding="utf-8")
    )
    body.pop("_comment", None)
    _strip_comments(body)
    body["settings"]["number_of_shards"] = shards
    body["settings"]["number_of_replicas"] = replicas
    return body


def _strip_comments(node) -> None:
    if isinstance(node, dict):
        node.pop("_comment", None)
        for value in node.values():
            _strip_comments(value)


def row_key(row: IndexRow) -> str:
    return f"{row.doc_id}::{row.unit_id or ''}"


def row_source(row: IndexRow) -> dict:
    return {
        "kind": "document" if row.unit_id is None else "unit",
        "doc_id": row.doc_id,
        "unit_id": row.unit_id,
        "unit_type": row.unit_type,
        "unit_label": row.unit_label,
        "unit_path": row.unit_id.split("__") if row.unit_id else [],
        "grp": row.group,
        "seq": row.seq,
        "force": row.force,
        "heading": row.heading,
        "body": row.body,
        "context": row.context,
        "heading_folded": folded(row.heading),
        "lead": folded(row.lead),
        "defines": row.defines,
        "doc_number": row.doc_number,
        "doc_title": row.doc_title,
        "doc_type": row.doc_type,
        "issuer": row.issuer,
        "year": row.year,
        "effective": row.effective,
        "linh_vuc": row.linh_vuc,
    }


def _retrying(call: Callable, attempts: int = 5, backoff: float = 0.5):
    """Retry a cluster call on 429 and 5xx with exponential backoff."""
    for attempt in range(attempts):
        try:
            return call()
        except Exception as exc:  # noqa: BLE001 - both clients' exception trees
            status = getattr(exc, "status_code", None) or getattr(
                getattr(exc, "meta", None), "status", None
            )
            retryable = status in (429, 502, 503, 504) or _is_connection_error(exc)
            if not retryable or attempt == attempts - 1:
                raise
            time.sleep(backoff * 2**attempt)


def _is_connection_error(exc: Exception) -> bool:
    return type(exc).__name__ in (
        "ConnectionError",
        "ConnectionTimeout",
        "TransportError",
    ) and getattr(exc, "status_code", None) in (None, "N/A")


class EsIndexer:
    def __init__(self, client, cfg: EsConfig):
        self.client = client
        self.cfg = cfg

    def reindex(
        self, docs: Iterable[Document], progress: Callable[[int], None] = lambda n: None
    ) -> str:
        """Build a new versioned index from the documents and swap the alias to it. On any
        failure the new index is deleted and the alias stays where it was."""
        from opensearchpy import helpers as os_helpers

        helpers = os_helpers
        if self.cfg.flavor == "elasticsearch":
            from elasticsearch import helpers  # type: ignore[no-redef]

        name = f"{self.cfg.alias}-v{SCHEMA_VERSION}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
        _retrying(
            lambda: self.client.indices.create(
                index=name, body=index_definition(self.cfg.shards, self.cfg.replicas)
            )
        )
        try:
            rejected = []
            count = 0
            for ok, item in helpers.streaming_bulk(
                self.client,
                self._actions(name, docs),
                chunk_size=500,
                max_retries=5,
                initial_backoff=0.5,
                raise_on_error=False,
                raise_on_exception=True,
            ):
                count += 1
                if not ok:
                    info = next(iter(item.values()))
                    rejected.append(f"{info.get('_id')}: {info.get('error')}")
                elif count % 500 == 0:
                    progress(500)
            if rejected:
                raise IndexingError(
                    f"{len(rejected)} rows rejected by {self.cfg.url}:\n  "
                    + "\n  ".join(rejected[:20])
                )
            _retrying(
                lambda: self.client.indices.put_settings(
                    index=name,
                    body={
                        "index": {"refresh_interval": "1s", "number_of_replicas": self.cfg.replicas}
                    },
                )
            )
            _retrying(lambda: self.client.indices.refresh(index=name))
            self._swap(name)
        except BaseException:
            self.client.indices.delete(index=name, ignore_unavailable=True)
            raise
        return name

    def _actions(self, index: str, docs: Iterable[Document]) -> Iterator[dict]:
        for doc in docs:
            for row in index_rows(doc):
                yield {"_index": index, "_id": row_key(row), "_source": row_source(row)}

    def _swap(self, new: str) -> None:
        alias = self.cfg.alias
        old = (
            list(self.client.indices.get_alias(name=alias).keys())
            if self.client.indices.exists_alias(name=alias)
            else []
        )
        actions = [{"remove": {"index": i, "alias": alias}} for i in old]
        actions.append({"add": {"index": new, "alias": alias}})
        _retrying(lambda: self.client.indices.update_aliases(body={"actions": actions}))
        for index in old:  # only now, with searches already on the new index
            self.client.indices.delete(index=index, ignore_unavailable=True)

    def current_index(self) -> str | None:
        alias = self.cfg.alias
        if not self.client.indices.exists_alias(name=alias):
            return None
        return next(iter(self.client.indices.get_alias(name=alias)))


def _phrase_query(phrase: Phrase, exact: bool = False) -> dict:
    suffix = ".exact" if exact else ""
    fields = [f"{name}{suffix}^{weight}" for name, weight in FIELD_WEIGHTS.items()]
    return {"multi_match": {"query": " ".join(phrase), "type": "phrase", "fields": fields}}


def match_query(match: Match) -> dict:
    """The bool query for a Match: a group is a should of its alternative phrases."""
    groups = []
    for alternatives in match.groups:
        alts = [_phrase_query(p) for p in alternatives]
        groups.append(
            alts[0] if len(alts) == 1 else {"bool": {"should": alts, "minimum_should_match": 1}}
        )
    if match.mode == "all":
        query: dict = {"bool": {"must": groups}}
    else:
        query = {"bool": {"should": groups, "minimum_should_match": 1}}
    if match.excluded:
        query["bool"]["must_not"] = [_phrase_query(p) for p in match.excluded]
    return query


class EsSearcher:
    name = "elasticsearch"

    def __init__(self, client, cfg: EsConfig):
        self.client = client
        self.cfg = cfg
        self._total_rows: int | None = None

    def _call(self, fn: Callable):
        try:
            return fn()
        except Exception as exc:  # noqa: BLE001
            status = getattr(exc, "status_code", None) or getattr(
                getattr(exc, "meta", None), "status", None
            )
            if _is_connection_error(exc) or (isinstance(status, int) and status >= 500):
                raise BackendUnavailable(
                    f"search cluster {self.cfg.url} unavailable: {type(exc).__name__}"
                ) from exc
            raise

    def check(self) -> None:
        """Fail at start-up with a clear message when the cluster or the alias is missing."""
        if not self._call(lambda: self.client.ping()):
            raise BackendUnavailable(f"search cluster {self.cfg.url} does not answer")
        if not self._call(lambda: self.client.indices.exists_alias(name=self.cfg.alias)):
            raise BackendUnavailable(
                f"no index {self.cfg.alias} on {self.cfg.url}; run "
                "`lexvn index --backend elasticsearch`"
            )

    def _search(self, body: dict) -> dict:
        return self._call(lambda: self.client.search(index=self.cfg.alias, body=body))

    def candidates(
        self, match: Match, doc_ids: list[str] | None, window: int
    ) -> list[tuple[str, float]]:
        query = match_query(match)
        if doc_ids is not None:
            if not doc_ids:
                return []
            query = {"bool": {"must": [query], "filter": [{"terms": {"doc_id": doc_ids}}]}}
        result = self._search(
            {"query": query, "size": window, "_source": False, "track_total_hits": False}
        )
        return [(h["_id"], float(h["_score"])) for h in result["hits"]["hits"]]

    def coverage(self, field: str, phrases: list[str], keys: list) -> dict[str, float]:
        if not phrases or not keys:
            return {}
        counts: dict[str, int] = {}
        for phrase in phrases:
            body = {
                "query": {
                    "bool": {
                        "filter": [{"ids": {"values": keys}}],
                        "must": [_phrase_query(tuple(phrase.split()), exact=field == "exact")],
                    }
                },
                "size": len(keys),
                "_source": False,
            }
            for h in self._search(body)["hits"]["hits"]:
                counts[h["_id"]] = counts.get(h["_id"], 0) + 1
        return {k: n / len(phrases) for k, n in counts.items()}

    def defining(self, term: str, doc_ids: list[str] | None) -> list[str]:
        query: dict = {"bool": {"filter": [{"term": {"defines": term}}]}}
        if doc_ids is not None:
            query["bool"]["filter"].append({"terms": {"doc_id": doc_ids}})
        hits = self._search({"query": query, "size": 100, "_source": False})["hits"]["hits"]
        return [h["_id"] for h in hits]

    def per_document_counts(self, match: Match) -> dict[str, int]:
        body = {
            "query": match_query(match),
            "size": 0,
            "aggs": {"docs": {"terms": {"field": "doc_id", "size": 10000}}},
        }
        buckets = self._search(body)["aggregations"]["docs"]["buckets"]
        return {b["key"]: b["doc_count"] for b in buckets}

    def is_common(self, word: str) -> bool:
        if self._total_rows is None:
            self._total_rows = self._call(lambda: self.client.count(index=self.cfg.alias))["count"]
        hits = self._call(
            lambda: self.client.count(index=self.cfg.alias, body={"query": _phrase_query((word,))})
        )["count"]
        return hits > 0.2 * self._total_rows

    def rows(self, keys: list) -> dict[str, dict]:
        if not keys:
            return {}
        fields = [
            "doc_id",
            "unit_id",
            "unit_type",
            "unit_label",
            "grp",
            "seq",
            "force",
            "heading_folded",
            "lead",
            "defines",
        ]
        body = {"query": {"ids": {"values": list(keys)}}, "size": len(keys), "_source": fields}
        out = {}
        for h in self._search(body)["hits"]["hits"]:
            src = h["_source"]
            src["heading"] = src.pop("heading_folded", "")
            src["defines"] = "\n".join(src.get("defines") or [])
            out[h["_id"]] = src
        return out

    def documents(self) -> dict[str, dict]:
        fields = [
            "doc_id",
            "doc_number",
            "doc_title",
            "doc_type",
            "issuer",
            "year",
            "effective",
            "linh_vuc",
        ]
        body = {"query": {"term": {"kind": "document"}}, "size": 10000, "_source": fields}
        out = {}
        for h in self._search(body)["hits"]["hits"]:
            s = h["_source"]
            out[s["doc_id"]] = {
                "doc_id": s["doc_id"],
                "number": s.get("doc_number"),
                "title": s.get("doc_title"),
                "doc_type": s.get("doc_type"),
                "issuer": s.get("issuer"),
                "year": s.get("year"),
                "effective": s.get("effective"),
                "linh_vuc": s.get("linh_vuc") or [],
            }
        return out
