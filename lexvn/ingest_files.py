"""Files into the store: each parsed, stored and indexed, a failure named and storing nothing;
then the links the new documents touch. The command line, the demo, the benchmarks and the
tests all ingest through here."""

from __future__ import annotations

import json
import os
import select
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from pathlib import Path

from ingest.enrich import refresh_links
from ingest.links.catalogue import DocumentMemory
from ingest.links.validity import set_effective
from ingest.pipeline import build_document
from ingest.readers import READER_MODULES, SUPPORTED_SUFFIXES, ReaderError, read_path
from ingest.store import DuplicateDocument, Store
from lexvn.collector import bulk_work, pace_for_bulk_work
from schema.model import Document
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
        if not dirs and not files:
            skipped.append((top, "empty folder"))
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


def default_jobs() -> int:
    """Worker processes an ingest parses with by default: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _parse_one(path: Path) -> tuple[Document | None, str | None, dict[str, float]]:
    """One file read and parsed (in a worker process when there are several): the document,
    or the error that names the file and the place; the seconds each stage took, and the
    UTF-8 bytes of text the reader found ("text bytes")."""
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    try:
        source = read_path(path)
        t1 = time.perf_counter()
        doc = build_document(source)
        times = {
            "read": t1 - t0,
            "parse": time.perf_counter() - t1,
            "text bytes": sum(len(p.text.encode()) + 1 for p in source.paragraphs),
        }
        errors = [i for i in doc.issues if i.severity == "error"]
        if errors:
            first = errors[0]
            where = f"{path}:{first.line}" if first.line else str(path)
            return None, str(ReaderError(where, first.message)), times
        return doc, None, times
    except ReaderError as exc:
        return None, str(exc), times
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the rest
        return None, f"{path}: unexpected error: {type(exc).__name__}: {exc}", times


# Files a pool parses before it is replaced by a fresh one, a worker: what a reader's C
# library leaks stays bounded. Done here, not with max_tasks_per_child, which can leave
# queued tasks with no worker at all on Python 3.11 to 3.14 (CPython gh-115634: seen
# here as an ingest that stopped, with 64 files a worker queued).
FILES_A_WORKER = 50
WORKER_NICENESS = 10  # added to the writer's: see _pool


def _parsed(
    paths: list[Path], jobs: int, parse: Callable = _parse_one, ahead: int = 0
) -> Iterator[tuple]:
    """Each file's parse, in the order given, from `jobs` worker processes, at most `ahead`
    files (and a few) ahead of the writer: parsed documents do not pile up in memory, and
    the workers parse the next batch while the writer stores one. A pool that has had its
    quota is shut down once its files are done, while the next one already takes files:
    one pool need not drain before the next starts. A worker that
    dies (a reader's library crashing on a hostile file) costs that file only: the files
    it may have held are parsed again one at a time, and the one that kills its worker is
    reported by name."""
    if jobs <= 1 or len(paths) <= 1:
        yield from map(parse, paths)
        return
    todo = deque(paths)
    window: deque = deque()  # (path, future), in the order of the files
    pool: ProcessPoolExecutor | None = None
    quota = 0
    try:
        while todo or window:
            while todo and len(window) < ahead + 4 * jobs:
                if quota == 0:
                    if pool is not None:
                        pool.shutdown(wait=False)  # its queued files are still parsed
                    workers = min(jobs, len(todo))
                    pool, quota = _pool(workers), FILES_A_WORKER * workers
                window.append((todo[0], pool.submit(parse, todo[0])))
                todo.popleft()
                quota -= 1
            path, future = window[0]
            try:
                result = future.result()
            except BrokenProcessPool:
                held = [p for p, _ in window]
                window.clear()
                if pool is not None:
                    pool.shutdown(wait=False, cancel_futures=True)
                pool, quota = None, 0
                for one in held:  # alone, each in a fresh worker: the culprit is named
                    with _pool(1) as alone:
                        try:
                            yield alone.submit(parse, one).result()
                        except BrokenProcessPool:
                            yield None, f"{one}: the parser's process died reading it", {}
                continue
            window.popleft()
            yield result
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


# Imported once by the fork server, before it forks the workers: a fresh pool then starts
# without each worker importing the parser and compiling its patterns again (0.3 s a worker)
_WORKER_MODULES = [
    "lexvn.ingest_files",
    *(f"ingest.readers.{name}" for name in READER_MODULES),
    "pypdfium2",
]


def _pool(workers: int) -> ProcessPoolExecutor:
    import multiprocessing

    if os.name != "posix":
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_WORKER_MODULES)
    # the writer is the ingest's critical path: parsing waits on it, never the other way,
    # so the workers give way to it on a busy core (-j 2 on two cores: the writer had a
    # third less of a core, 44.1 s against 40.9 s for the whole corpus)
    return ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(WORKER_NICENESS, os.getpid()),
    )


def _start_worker(niceness: int, writer: int) -> None:
    os.nice(niceness)
    pace_for_bulk_work()  # a worker only parses: lexvn/collector.py
    threading.Thread(target=_exit_with, args=(writer,), daemon=True).start()


def _exit_with(writer: int) -> None:
    """End this worker when the writer ends. A worker holds both ends of its task queue, so
    it never sees the writer die: after a kill -9 of an ingest its workers waited for ever,
    and the fork server with them (each holds the server's keep-alive pipe)."""
    try:
        select.select([os.pidfd_open(writer)], [], [])  # readable once the writer is gone
    except (AttributeError, OSError):  # no pidfd (not Linux 5.3+): ask every second
        while True:
            time.sleep(1)
            try:
                os.kill(writer, 0)
            except ProcessLookupError:
                break
            except PermissionError:  # the number is another's now: the writer is gone
                break
    os._exit(1)


@bulk_work()
def ingest_paths(
    store: Store,
    paths: list[Path],
    progress: Progress | None = None,
    warn: Callable[[str], None] = lambda _msg: None,
    replace: bool = False,
    jobs: int = 1,
    batch: int = 64,
    timings: dict[str, float] | None = None,
) -> dict:
    """Parse and store each file; a file that fails is reported and stores nothing. A copy
    of a document already stored from another source is refused unless `replace`.

    Files are parsed by `jobs` worker processes and written by this one, in the order
    given, so any number of jobs gives the same store. Every `batch` documents are committed
    with their links in one transaction: the links are recomputed once for the batch."""
    progress = progress or quiet
    timings = {} if timings is None else timings
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
    run_started = store.clock()
    clock, store.clock = store.clock, lambda: run_started
    pending: list[tuple[Path, Document]] = []
    memory = DocumentMemory()  # the documents the links read, from one batch to the next
    # the first batches small, doubling up to `batch`: with workers, the writer starts on
    # the first document parsed instead of waiting for a batch of them
    size = 1
    try:
        # a batch ahead: with only a few, the workers stood idle while the writer stored
        # a batch (-j 2 on the whole corpus: 34.3 s against 36.6 s)
        parsed = _parsed(paths, jobs, ahead=batch)
        with progress(paths, "Ingesting") as items:
            for path in items:
                doc, error, times = next(parsed)
                for stage, seconds in times.items():
                    timings[stage] = timings.get(stage, 0.0) + seconds
                if error is not None:
                    summary["errors"].append(error)
                    continue
                pending.append((path, doc))
                if len(pending) >= size:
                    _store_batch(store, pending, replace, summary, timings, memory=memory)
                    pending, size = [], min(2 * size, batch)
        _store_batch(store, pending, replace, summary, timings, memory=memory)
    finally:
        store.clock = clock
    return summary


def _store_batch(
    store: Store,
    batch: list[tuple[Path, Document]],
    replace: bool,
    summary: dict,
    timings: dict[str, float],
    links: bool = True,
    memory: DocumentMemory | None = None,
) -> None:
    """The documents and the links they change, committed together; a document that
    cannot be stored is reported and the others go on. Should the links fail, the batch
    is stored again one document at a time, so that only the document at fault is lost.
    Without `links`, the caller refreshes them once for all its batches."""
    if not batch:
        return
    given = [doc.id for _, doc in batch]  # put() may rename a document: undone with it
    stored: list[tuple[Path, Document, str]] = []
    errors: list[str] = []
    indexer = SqliteIndexer(defer=True)  # the batch's postings: one segment
    try:
        with store.transaction():
            for path, doc in batch:
                t0 = time.perf_counter()
                if indexer.full():
                    indexer.flush(store.conn)
                keep = len(indexer.pending)
                try:
                    with store.transaction():
                        outcome = store.put(doc, indexers=[indexer], replace=replace)
                except DuplicateDocument as exc:
                    indexer.discard(keep)
                    errors.append(f"{path}: {exc}")
                    continue
                except Exception as exc:  # noqa: BLE001 - one bad file must not stop the rest
                    indexer.discard(keep)
                    errors.append(f"{path}: unexpected error: {type(exc).__name__}: {exc}")
                    continue
                finally:
                    timings["store"] = timings.get("store", 0.0) + time.perf_counter() - t0
                stored.append((path, doc, outcome))
            t0 = time.perf_counter()
            indexer.flush(store.conn)
            timings["index"] = timings.get("index", 0.0) + time.perf_counter() - t0
            if stored and links:
                docs = [doc for _, doc, _ in stored]
                ids = [d.id for d in docs]
                refresh_links(
                    store, ids, timings=timings, documents=docs, count=False, memory=memory
                )
    except Exception as exc:  # noqa: BLE001 - the links of one document failed
        for (_, doc), doc_id in zip(batch, given, strict=True):
            doc.id = doc_id
        if len(batch) == 1:
            path = batch[0][0]
            summary["errors"].append(f"{path}: unexpected error: {type(exc).__name__}: {exc}")
            return
        for one in batch:
            _store_batch(store, [one], replace, summary, timings, links, memory)
        return
    if memory is not None:  # committed: these are the stored documents of their ids
        for _, doc, _ in stored:
            memory.keep(doc)
    summary["errors"] += errors
    for path, doc, outcome in stored:
        summary["documents"] += 1
        summary["stored"].append(doc.id)
        if outcome.startswith(("stored beside", "replaced the incomplete")):
            summary["notes"].append(f"{path}: {doc.id} {outcome}")
        summary["units"] += sum(1 for _ in doc.walk())
        summary["warnings"] += sum(1 for i in doc.issues if i.severity == "warning")


def ingest_samples(
    store: Store, *extra: Path, progress: Progress | None = None, jobs: int = 1
) -> dict:
    """corpus_samples/ (and any extra files) into the store, with citations and relations:
    the store every demo, benchmark and test of the whole system starts from."""
    # corpus_samples/phapdien/ holds pages of the Bộ pháp điển that codification reads as
    # its catalogue: reference data, not documents to store
    paths = [p for p in collect_sources((SAMPLES,)) if "phapdien" not in p.parts]
    paths += collect_sources(extra)
    summary = ingest_paths(store, paths, progress, jobs=jobs)
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


@bulk_work()
def import_phapdien(
    store: Store,
    dump: Path,
    progress: Progress | None = None,
    on_page: Callable[[str], None] | None = None,
    timings: dict[str, float] | None = None,
) -> tuple:
    """The official Bộ pháp điển into the store (ingest/codification/official_import.py),
    then every source document it codifies that the store lacks as a full text, stored,
    indexed and linked as one known only through the pháp điển: searchable with the rest,
    never in place of a full text. Importing again gives the same store."""
    from ingest.codification.official_documents import Codified, source_documents
    from ingest.codification.official_import import import_dump
    from ingest.store import number_key

    progress = progress or quiet
    timings = {} if timings is None else timings
    report = import_dump(store, dump, on_page)
    codified = [Codified(page.so, a) for page in report.kept for a in page.articles]
    full = store.full_text_keys()
    docs = [
        d
        for d in source_documents(codified, page_name=str(dump))
        if number_key(d.metadata.number or "") not in full
    ]
    report.kept = []
    summary = {"documents": 0, "units": 0, "warnings": 0, "errors": [], "stored": [], "notes": []}
    with progress(docs, "Văn bản chỉ có trong Bộ pháp điển") as items:
        batch: list[tuple[Path, Document]] = []
        for doc in items:
            batch.append((dump, doc))
            if len(batch) >= 1024:
                _store_batch(store, batch, True, summary, timings, links=False)
                batch = []
        _store_batch(store, batch, True, summary, timings, links=False)
    # their links once, not a batch at a time: they cite each other, and each batch would
    # recompute every document that cites one stored before
    stored = set(summary["stored"])
    refresh_links(
        store, stored, timings=timings, documents=[d for d in docs if d.id in stored], count=False
    )
    return report, summary
