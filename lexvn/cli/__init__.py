"""The `lexvn` command line: a thin layer over ingest/ and search_app/."""

from __future__ import annotations

import json
import sys
import time

import click

from ingest.enrich import link_counts
from ingest.links.resolve import DOC_NOT_IN_DB, INSERTED, UNIT_NOT_FOUND
from ingest.parse.outline import outline
from ingest.pipeline import parse_file
from ingest.readers import ReaderError
from ingest.store import DB_ENV, Store, StoreError, default_db_path
from lexvn import views
from lexvn.ingest_files import (
    ReindexError,
    collect_sources,
    default_jobs,
    ingest_paths,
    ingest_samples,
    reindex,
    reindex_elasticsearch,
)
from search_app.engine.errors import BackendUnavailable


def db_option(f):
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False),
        default=default_db_path,
        show_default=f"${DB_ENV} or lexvn.sqlite",
        help="SQLite file of the store.",
    )(f)


@click.group()
def main() -> None:
    """LexVN: Vietnamese legal normative documents, parsed, stored and searchable."""


def progressbar(items: list, label: str):
    """The progress bar of long work, on stderr so that output stays clean: position, ETA,
    items a second and the item at hand."""
    started = time.perf_counter()
    done = 0

    def show(item) -> str:
        nonlocal done
        if item is None:
            return ""
        done += 1
        rate = done / max(time.perf_counter() - started, 1e-9)
        return f"{rate:.1f}/s {getattr(item, 'name', '')}"

    return click.progressbar(
        items, label=label, show_pos=True, show_eta=True, file=sys.stderr, item_show_func=show
    )


def _warn(message: str) -> None:
    click.echo(message, err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option(
    "--replace", is_flag=True, help="Replace a stored document by a copy from another source."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes that parse (default: the cores there are); one process writes.",
)
def ingest(paths: tuple[str, ...], db: str, quiet: bool, replace: bool, jobs: int | None) -> None:
    """Parse documents (TXT, HTML, DOCX, PDF, DOC, RTF, Markdown; files or folders) and store
    them. Every path gets a named outcome; exit status 1 when anything was not stored."""
    skipped: list[tuple[str, str]] = []
    sources = collect_sources(paths, skipped)
    with _open_write(db) as store:
        summary = ingest_paths(
            store,
            sources,
            None if quiet else progressbar,
            _warn,
            replace,
            jobs=jobs or default_jobs(),
        )
        links = link_counts(store, summary["stored"])  # of what this run stored: by index
    for error in summary["errors"]:
        _echo(f"error: {error}", err=True)
    for where, reason in skipped:
        _echo(f"skipped: {where}: {reason}", err=True)
    for note in summary["notes"]:
        _echo(f"note: {note}", err=True)
    click.echo(
        f"{summary['documents']} documents, {summary['units']} units, "
        f"{summary['warnings']} warnings, {len(summary['errors'])} errors, "
        f"{len(skipped)} skipped -> {db}"
    )
    click.echo(
        f"citations in them: {links['resolved']} resolved, {links[DOC_NOT_IN_DB]} to documents not "
        f"stored, {links[UNIT_NOT_FOUND]} to units that do not exist, {links[INSERTED]} to "
        f"units their instruction inserts; "
        f"{links['relations']} relations"
    )
    if summary["errors"] or skipped:
        sys.exit(1)


_CONTROLS = {c: f"\\x{c:02x}" for c in range(32)} | {10: "\\n", 13: "\\r", 9: "\\t"}


def _echo(message: str, err: bool = False) -> None:
    """A message naming a file as the user typed it, undecodable bytes and all; one line
    even when the name holds a line break (messages have none of their own)."""
    click.echo(message.translate(_CONTROLS).encode("utf-8", "surrogateescape"), err=err)


def _open_write(db: str) -> Store:
    try:
        return Store(db)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def _open_read(db: str) -> Store:
    try:
        return Store(db, read_only=True)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def _resolve(store: Store, number: str, db: str) -> str:
    doc_id = store.resolve(number)
    if doc_id is None:
        raise click.ClickException(f"no document {number!r} in {db}")
    return doc_id


def _date_option(value: str | None):
    from datetime import date

    try:
        return date.fromisoformat(value) if value else date.today()
    except ValueError as exc:
        raise click.BadParameter(f"{value!r}: use YYYY-MM-DD") from exc


@main.command("set-effective")
@click.argument("number")
@click.argument("when")
@click.option("--source", required=True, help='The document that sets it: "Nghị quyết …".')
@db_option
def set_effective_cmd(number: str, when: str, source: str, db: str) -> None:
    """Record an effective date that another document sets (postponed, or not in the text)."""
    from ingest.links.validity import set_effective

    day = _date_option(when)
    with _open_write(db) as store:
        doc_id = _resolve(store, number, db)
        try:
            set_effective(store.conn, doc_id, day, source)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"{doc_id}: có hiệu lực từ {day.isoformat()} theo {source}")


@main.command()
@click.argument("number")
@db_option
@click.option("--unit", "unit_id", default=None, help="Unit id, e.g. chuong_1__dieu_3__khoan_5")
@click.option("--at", "at", default=None, help="Date (YYYY-MM-DD); default today.")
@click.option("--json", "as_json", is_flag=True)
def status(number: str, db: str, unit_id: str | None, at: str | None, as_json: bool) -> None:
    """Tình trạng hiệu lực of a document, or of one of its units, at a date."""
    when = _date_option(at)
    with _open_read(db) as store:
        doc_id = _resolve(store, number, db)
        try:
            result = views.status(store, doc_id, unit_id, when)
        except KeyError as exc:
            raise click.ClickException(f"no unit {unit_id!r} in {number}") from exc
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    where = f"{unit_id} of " if unit_id else ""
    click.echo(f"{where}{number} at {result.at}: {result.status} (hiệu lực từ {result.effective})")
    for item in result.amended_by:
        click.echo(f"  {item['kind']} {item['date']} by {item['doc_id']} {item['unit_id']}")
    for item in result.upcoming:
        click.echo(
            f"  upcoming: {item['kind']} {item['date']} by {item['doc_id']} {item['unit_id']}"
        )


@main.command()
@click.argument("number")
@db_option
def links(number: str, db: str) -> None:
    """The lược đồ of a document as JSON: what it cites and relies on, and what cites,
    amends, details or repeals it."""
    with _open_read(db) as store:
        doc_id = _resolve(store, number, db)
        click.echo(json.dumps(views.links(store, doc_id), ensure_ascii=False, indent=2))


@main.command()
@click.argument("number")
@db_option
@click.option("--at", "at", default=None, help="Date (YYYY-MM-DD); default today.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "vbhn"]),
    default="text",
    show_default=True,
)
@click.option(
    "--report",
    is_flag=True,
    help="List every instruction: applied, not yet in force, failed, or waiting for its base.",
)
@click.option("--unit", "unit_id", default=None, help="With --history: the unit.")
@click.option("--history", is_flag=True, help="All versions of --unit with dates and sources.")
def consolidate(number, db, at, fmt, report, unit_id, history) -> None:
    """Hợp nhất: the document with its amendments in force at a date applied."""
    when = _date_option(at)
    with _open_read(db) as store:
        doc_id = _resolve(store, number, db)
        if history:
            if not unit_id:
                raise click.UsageError("--history needs --unit")
            try:
                versions = views.history(store, doc_id, unit_id)
            except KeyError as exc:
                raise click.ClickException(f"no unit {unit_id!r} in {number}") from exc
            click.echo(json.dumps(versions, ensure_ascii=False, indent=2))
            return
        result = views.consolidated(store, doc_id, when)
        if report:
            for line in views.consolidation_report(store, result):
                click.echo(line)
            return
        if fmt == "json":
            out = json.dumps(views.consolidated_json(result), ensure_ascii=False, indent=2) + "\n"
        else:
            out = views.consolidated_text(store, result, vbhn=fmt == "vbhn")
    click.echo(out, nl=False)


@main.command("check-vbhn")
@click.argument("number")
@db_option
@click.option("--full", is_flag=True, help="Both texts of each differing article, whole.")
def check_vbhn(number: str, db: str, full: bool) -> None:
    """A stored VBHN against LexVN's consolidation of the documents it names, article by
    article; exit status 1 when any article differs."""
    with _open_read(db) as store:
        check = views.check_vbhn(store, _resolve(store, number, db))
        for line in views.vbhn_report(check, full):
            click.echo(line)
    if check.comparison is None or check.comparison.differences:
        sys.exit(1)


@main.command()
@click.argument("number")
@db_option
@click.option("--from", "first", required=True, help="YYYY-MM-DD")
@click.option("--to", "second", required=True, help="YYYY-MM-DD")
@click.option("--unit", "unit_id", default=None)
def diff(number, db, first, second, unit_id) -> None:
    """Word-level differences of a document (or one unit) between two dates."""
    with _open_read(db) as store:
        doc_id = _resolve(store, number, db)
        changes = views.diff(store, doc_id, _date_option(first), _date_option(second), unit_id)
    for change in changes:
        click.echo(f"## {change['unit_id']}")
        for part in ("heading", "text"):
            if change[part]:
                click.echo(" ".join(w if op == "=" else f"[{op}{w}]" for op, w in change[part]))


@main.command()
@click.argument("number")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Metadata and unit tree as JSON.")
def doc(number: str, db: str, as_json: bool) -> None:
    """Show one stored document by số ký hiệu (e.g. 45/2019/QH14) or id."""
    try:
        with Store(db, read_only=True) as store:
            found = store.get(number)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    if found is None:
        raise click.ClickException(f"no document {number!r} in {db}")
    if as_json:
        click.echo(json.dumps(views.document_json(found), ensure_ascii=False, indent=2))
        return
    md = found.metadata
    click.echo(
        f"{md.title}\n{md.doc_type} {md.number or ''} — {md.issuer}, "
        f"{md.place}, {md.issued}; hiệu lực {md.effective}; ký: {md.signer}"
    )
    click.echo(outline(found.units), nl=False)


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="The parsed document as JSON.")
def parse(path: str, as_json: bool) -> None:
    """Parse one file without storing it: its outline (the golden-file format) or JSON."""
    try:
        found = parse_file(path)
    except ReaderError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(views.document_json(found), ensure_ascii=False, indent=2))
    else:
        click.echo(outline(found.units), nl=False)
        for issue in found.issues:
            click.echo(
                f"{issue.severity}: line {issue.line}: {issue.code}: {issue.message}", err=True
            )


@main.command()
@db_option
@click.option(
    "--backend", type=click.Choice(["sqlite", "elasticsearch"]), default="sqlite", show_default=True
)
def index(db: str, backend: str) -> None:
    """Rebuild the search index from the store: the embedded one (after an analysis or
    ranking change), or an Elasticsearch/OpenSearch one (ELASTICSEARCH_URL/OPENSEARCH_URL)."""
    with _open_write(db) as store:
        if backend == "sqlite":
            count = reindex(store, progressbar)
            click.echo(f"{count} documents indexed (sqlite) in {db}")
            return
        try:
            count, name, alias = reindex_elasticsearch(store, progressbar)
        except ReindexError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"{count} documents indexed into {name}, alias {alias} -> {name}")


@main.command()
@click.argument("query")
@db_option
@click.option("--json", "as_json", is_flag=True, help="The API's JSON.")
@click.option("--limit", default=10, show_default=True)
@click.option("--offset", default=0)
@click.option("--type", "doc_type", multiple=True, help="Loại văn bản, e.g. 'Luật'.")
@click.option("--agency", multiple=True, help="Cơ quan ban hành, e.g. 'Quốc hội'.")
@click.option("--year", multiple=True)
@click.option("--status", multiple=True, help="e.g. 'Còn hiệu lực'.")
@click.option("--at", "at", default=None, help="Date (YYYY-MM-DD) for status; default today.")
def search(query, db, as_json, limit, offset, doc_type, agency, year, status, at) -> None:
    """Full-text search over units and documents."""
    from datetime import date

    from search_app.engine.contract import SearchRequest
    from search_app.engine.factory import open_search

    filters = {
        k: list(v)
        for k, v in (("doc_type", doc_type), ("issuer", agency), ("year", year), ("status", status))
        if v
    }
    try:
        service = open_search(db)
        result = service.search(
            SearchRequest(
                q=query,
                limit=limit,
                offset=offset,
                filters=filters,
                at=date.fromisoformat(at) if at else None,
            )
        )
    except (StoreError, ValueError, BackendUnavailable) as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    if result.message:
        click.echo(result.message)
    click.echo(f"{result.total} kết quả")
    for hit in result.hits:
        where = f"{hit.unit_label} " if hit.unit_label else ""
        click.echo(
            f"- {where}{hit.doc_title} ({hit.doc_number or hit.doc_id})  "
            f"[{hit.score:.2f}]\n  {hit.snippet}"
        )


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, envvar="LEXVN_PORT")
@click.option("--threads", default=8, show_default=True)
def serve(db: str, host: str, port: int, threads: int) -> None:
    """Serve the store over HTTP with a production WSGI server (waitress), read-only."""
    _serve(db, host, port, threads)


def _serve(db: str, host: str, port: int, threads: int) -> None:
    import waitress

    from search_app.web.app import create_app

    try:
        app = create_app(db)
    except (StoreError, BackendUnavailable) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"LexVN: http://{host}:{port}/  (database {db}, read-only)")
    waitress.serve(app, host=host, port=port, threads=threads, ident="LexVN")


@main.command("check-draft")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option(
    "--at", "at", default=None, help="Date to check for (YYYY-MM-DD); default the draft's date."
)
@click.option("--json", "as_json", is_flag=True)
@click.option("--no-db", is_flag=True, help="Check without the database (no reference checks).")
def check_draft(file: str, db: str, at: str | None, as_json: bool, no_db: bool) -> None:
    """Check a draft (DOCX, TXT, HTML) against the format, numbering, reference, authority
    and amendment rules; exit status 1 when any error. The draft is not stored."""
    from draftcheck.checker import check_path
    from draftcheck.database import Database

    when = _date_option(at) if at else None
    database = None if no_db else Database(_open_read(db))
    try:
        report = check_path(file, database, when)
    except ReaderError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(report.to_text()))
    if report.rejected:
        sys.exit(1)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, envvar="LEXVN_PORT")
@click.option("--no-serve", is_flag=True, help="Ingest and show the store, then stop.")
def demo(db: str, host: str, port: int, no_serve: bool) -> None:
    """Ingest corpus_samples/ into the store, then serve it."""
    with _open_write(db) as store:
        summary = ingest_samples(store, jobs=default_jobs())
        for error in summary["errors"]:
            click.echo(f"error: {error}", err=True)
        for row in store.list_documents():
            click.echo(
                f"{row['number'] or row['id']:>22}  {row['unit_count']:>6} units  "
                f"{(row['title'] or '')[:70]}"
            )
        counts = store.counts()
    click.echo(
        f"{counts['documents']} documents, {counts['units']} units "
        f"({counts['dieu']} articles) in {db}"
    )
    if summary["errors"]:
        sys.exit(1)
    if not no_serve:
        _serve(db, host, port, threads=8)


from lexvn.cli import codification  # noqa: E402,F401 - its commands join the group

if __name__ == "__main__":
    main()
