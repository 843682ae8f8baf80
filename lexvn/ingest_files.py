"""Files into the store: each parsed, stored and indexed, a failure named and storing nothing;
then the links the new documents touch. The command line, the demo, the benchmarks and the
tests all ingest through here."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from pathlib import Path

from ingest.enrich import refresh_links
from ingest.links.validity import set_effective
from ingest.pipeline import parse_file
from ingest.readers import SUPPORTED_SUFFIXES, ReaderError
from ingest.store import DuplicateDocument, Store
from search_app.engine.backends.sqlite import SqliteIndexer
from search_app.engine.errors import BackendUnavailable

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = REPO_ROOT / "corpus_samples"

# A progress display: given the items and a label, a context manager yielding the items.
Progress = Callable[[list, str], AbstractContextManager[Iterable]]


def quiet(items: list, _label: str) -> AbstractContextManager[Iterable]:
    return nullcontext(items)


def collect_sources(
    paths: Iterable[str | Path], skipped: list[tuple[str, str]] | None = None
) -> list[Path]:
    """Files named directly are taken whatever their suffix; folders give their documents.
    Everything else a folder holds is named in `skipped` with the reason: hidden files, files
    of a format LexVN does not read, what is not a regular file, folders it cannot read."""
    skipped = [] if skipped is None else skipped
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(_walk(path, skipped))
        elif path.is_file():
            out.append(path)
        elif path.exists():
            skipped.append((str(path), "not a regular file (a device, a pipe or a socket)"))
        else:
            skipped.append((str(path), "no such file"))
    return out


def _walk(folder: Path, skipped: list[tuple[str, str]]) -> list[Path]:
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        skipped.append((str(exc.filename or folder), f"cannot read folder: {exc.strerror}"))

    for top, dirs, files in os.walk(folder, onerror=unreadable):
        dirs.sort()
        for name in sorted(files):
            path = Path(top) / name
            if name.startswith("."):
                skipped.append((str(path), "hidden file"))
            elif not path.is_file():
                skipped.append((str(path), "not a regular file"))
            elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
                skipped.append(
                    (str(path), f"not a format LexVN reads ({', '.join(SUPPORTED_SUFFIXES)})")
                )
            else:
                found.append(path)
        hidden = [d for d in dirs if d.startswith(".")]
        for d in hidden:
            skipped.append((str(Path(top) / d), "hidden folder"))
            dirs.remove(d)
    return found


def reindex(store: Store, progress: Progress | None = None) -> int:
    """Rebuild the embedded search index from the stored documents."""
    progress = progress or quiet
    ids = [row["id"] for row in store.list_documents()]
    with progress(ids, "Indexing") as items:
        return SqliteIndexer().rebuild(store.conn, _documents(store, items))


class ReindexError(Exception):
    """The Elasticsearch/OpenSearch index could not be rebuilt: why, in words."""


def reindex_elasticsearch(store: Store, progress: Progress | None = None) -> tuple[int, str, str]:
    """Rebuild the Elasticsearch/OpenSearch index (ELASTICSEARCH_URL/OPENSEARCH_URL) from
    the store, behind its alias: (documents, the new index, the alias)."""
    from search_app.engine.backends.elasticsearch import (
        EsConfig,
        EsIndexer,
        IndexingError,
        make_client,
    )

    progress = progress or quiet
    cfg = EsConfig.from_env()
    if cfg is None:
        raise ReindexError("set ELASTICSEARCH_URL or OPENSEARCH_URL")
    ids = [row["id"] for row in store.list_documents()]
    indexer = EsIndexer(make_client(cfg), cfg)
    try:
        with progress(ids, f"Indexing into {cfg.url}") as items:
            name = indexer.reindex(_documents(store, items))
    except (BackendUnavailable, IndexingError) as exc:
        raise ReindexError(str(exc)) from exc
    except Exception as exc:  # noqa: BLE001 - connection errors of either client
        raise ReindexError(f"cannot index into {cfg.url}: {exc}") from exc
    return len(ids), name, cfg.alias


def _documents(store: Store, ids: Iterable[str]) -> Iterator:
    return (store.get(i) for i in ids)


def ingest_paths(
    store: Store,
    paths: list[Path],
    progress: Progress | None = None,
    warn: Callable[[str], None] = lambda _msg: None,
    replace: bool = False,
) -> dict:
    """Parse and store each file; a file that fails is reported and stores nothing. A copy
    of a document already stored from another source is refused unless `replace`."""
    progress = progress or quiet
    summary = {
        "documents": 0,
        "units": 0,
        "warnings": 0,
        "errors": [],
        "stored": [],
        "notes": [],
    }
    if SqliteIndexer.stale(store.conn):  # a store from an older LexVN: its index first
        warn("search index built by an older LexVN: rebuilding it")
        reindex(store, progress)
    with progress(paths, "Ingesting") as items:
        for path in items:
            try:
                doc = parse_file(path)
                errors = [i for i in doc.issues if i.severity == "error"]
                if errors:
                    first = errors[0]
                    where = f"{path}:{first.line}" if first.line else str(path)
                    raise ReaderError(where, first.message)
                with store.transaction():  # the document and its links, visible together
                    outcome = store.put(doc, indexers=[SqliteIndexer()], replace=replace)
                    refresh_links(store, [doc.id])
            except ReaderError as exc:
                summary["errors"].append(str(exc))
                continue
            except DuplicateDocument as exc:
                summary["errors"].append(f"{path}: {exc}")
                continue
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop the rest
                summary["errors"].append(f"{path}: unexpected error: {type(exc).__name__}: {exc}")
                continue
            summary["documents"] += 1
            summary["stored"].append(doc.id)
            if outcome.startswith("stored beside"):
                summary["notes"].append(f"{path}: {doc.id} {outcome}")
            summary["units"] += sum(1 for _ in doc.walk())
            summary["warnings"] += sum(1 for i in doc.issues if i.severity == "warning")
    return summary


def ingest_samples(store: Store, *extra: Path, progress: Progress | None = None) -> dict:
    """corpus_samples/ (and any extra files) into the store, with citations and relations:
    the store every demo, benchmark and test of the whole system starts from."""
    # corpus_samples/phapdien/ holds pages of the Bộ pháp điển that codification reads as
    # its catalogue: reference data, not documents to store
    paths = [p for p in collect_sources((SAMPLES,)) if "phapdien" not in p.parts]
    paths += collect_sources(extra)
    summary = ingest_paths(store, paths, progress)
    apply_effective_corrections(store, SAMPLES / "effective_corrections.json")
    return summary


def apply_effective_corrections(store: Store, path: Path) -> int:
    """Effective dates other documents set, from a reviewed JSON list (number or id, date,
    source); entries for documents not stored are skipped."""
    count = 0
    for entry in json.loads(path.read_text(encoding="utf-8")):
        doc_id = store.resolve(entry["document"])
        if doc_id is not None:
            set_effective(
                store.conn, doc_id, date.fromisoformat(entry["effective"]), entry["source"]
            )
            count += 1
    return count
