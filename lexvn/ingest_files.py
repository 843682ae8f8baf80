"""Files into the store: each parsed, stored and indexed, a failure named and storing nothing;
then the links the new documents touch. The command line, the demo, the benchmarks and the
tests all ingest through here."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from pathlib import Path

from ingest.enrich import refresh_links
from ingest.links.validity import set_effective
from ingest.pipeline import parse_file
from ingest.readers import SUPPORTED_SUFFIXES, ReaderError
from ingest.store import Store
from search_app.engine.backends.sqlite import SqliteIndexer

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = REPO_ROOT / "corpus_samples"

# A progress display: given the items and a label, a context manager yielding the items.
Progress = Callable[[list, str], AbstractContextManager[Iterable]]


def quiet(items: list, _label: str) -> AbstractContextManager[Iterable]:
    return nullcontext(items)


def collect_sources(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly are taken whatever their suffix; folders give their documents."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                )
            )
        else:
            out.append(path)
    return out


def reindex(store: Store, progress: Progress | None = None) -> int:
    """Rebuild the embedded search index from the stored documents."""
    progress = progress or quiet
    ids = [row["id"] for row in store.list_documents()]
    with progress(ids, "Indexing") as items:
        return SqliteIndexer().rebuild(store.conn, _documents(store, items))


def _documents(store: Store, ids: Iterable[str]) -> Iterator:
    return (store.get(i) for i in ids)


def ingest_paths(
    store: Store,
    paths: list[Path],
    progress: Progress | None = None,
    warn: Callable[[str], None] = lambda _msg: None,
) -> dict:
    """Parse and store each file; a file that fails is reported and stores nothing."""
    progress = progress or quiet
    summary = {"documents": 0, "units": 0, "warnings": 0, "errors": [], "stored": []}
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
                store.put(doc, indexers=[SqliteIndexer()])
            except ReaderError as exc:
                summary["errors"].append(str(exc))
                continue
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop the rest
                summary["errors"].append(f"{path}: unexpected error: {type(exc).__name__}: {exc}")
                continue
            summary["documents"] += 1
            summary["stored"].append(doc.id)
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
    refresh_links(store, summary["stored"])
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
