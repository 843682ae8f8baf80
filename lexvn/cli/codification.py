"""The `lexvn` commands of the pháp điển: the catalogue and its đề mục as LexVN codifies the
stored documents, and the import of the official Bộ pháp điển."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ingest.codification.official_dump import DumpError, page_count
from lexvn import ingest_files, views
from lexvn.cli import (
    _date_option,
    _open_read,
    _open_write,
    _resolve,
    db_option,
    main,
    progressbar,
)


@main.command()
@db_option
@click.option(
    "--de-muc", "de_muc", default=None, help="Đề mục, e.g. 20.2; without it, the catalogue."
)
@click.option("--at", "at", default=None, help="Date (YYYY-MM-DD); default today.")
@click.option("--json", "as_json", is_flag=True)
@click.option(
    "--assign",
    nargs=2,
    default=None,
    metavar="DOC DE_MUC",
    help="Editor's override: put DOC (số ký hiệu or id) in DE_MUC ('' leaves it out).",
)
def codify(db: str, de_muc: str | None, at: str | None, as_json: bool, assign) -> None:
    """Pháp điển: the catalogue with the documents assigned, or one đề mục as a tree of
    numbered articles with source notes and the guidance under them."""
    from ingest.codification.codify import catalogue_tree, de_muc_tree, set_override

    if assign:
        with _open_write(db) as store:
            doc_id = _resolve(store, assign[0], db)
            try:
                set_override(store, doc_id, assign[1])
            except KeyError as exc:
                raise click.ClickException(str(exc.args[0])) from exc
        click.echo(f"{doc_id} -> {assign[1] or '(không pháp điển)'}")
        return
    with _open_read(db) as store:
        if de_muc is None:
            data = catalogue_tree(store)
        else:
            try:
                data = de_muc_tree(store, de_muc, _date_option(at))
            except KeyError as exc:
                raise click.ClickException(f"no đề mục {de_muc}") from exc
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    for line in views.codification_lines(data, catalogue=de_muc is None):
        click.echo(line)


@main.command("import-phapdien")
@click.argument("dump", type=click.Path(exists=True))
@db_option
@click.option("--quiet", is_flag=True, help="No progress bar.")
def import_phapdien(dump: str, db: str, quiet: bool) -> None:
    """Import the official Bộ pháp điển (its dump as published: a tar.gz or the folder it
    unpacks to): every đề mục, its headings and codified articles with their source notes.
    Importing again replaces what was imported; exit status 1 when a page did not read."""
    path = Path(dump)
    with _open_write(db) as store:
        try:
            if quiet:
                report, stored = ingest_files.import_phapdien(store, path)
            else:
                total = page_count(path)
                with click.progressbar(
                    length=total, label="Bộ pháp điển", file=sys.stderr, show_pos=True
                ) as bar:
                    report, stored = ingest_files.import_phapdien(
                        store, path, progressbar, lambda _page: bar.update(1)
                    )
        except DumpError as exc:
            raise click.ClickException(str(exc)) from exc
    for line in report.unread:
        click.echo(f"not read: {line}", err=True)
    for line in report.superseded:
        click.echo(f"not kept: {line}", err=True)
    for line in report.notes_unread:
        click.echo(f"source note not read: {line}", err=True)
    click.echo(
        f"{report.de_muc} đề mục from {report.pages} pages, {report.articles} articles, "
        f"{report.headings} headings; source notes read {report.notes_read}/{report.articles}"
        f" -> {db}"
    )
    for line in stored["errors"]:
        click.echo(f"not stored: {line}", err=True)
    click.echo(
        f"{stored['documents']} documents known only through the Bộ pháp điển stored "
        f"({stored['units']} units), searchable with the full texts"
    )
    if report.unread:
        sys.exit(1)


@main.command("phapdien-catalogue")
@click.argument("dump", type=click.Path(exists=True))
@click.option(
    "--out",
    type=click.Path(),
    default=None,
    help="The catalogue file to rewrite; default schema/phapdien.json of this checkout.",
)
def phapdien_catalogue(dump: str, out: str | None) -> None:
    """Rewrite the catalogue's đề mục from the official dump: every đề mục's number, name
    and article count as its page prints them (the chủ đề names and the rules are kept)."""
    from ingest.codification.catalogue_build import derive_catalogue
    from ingest.codification.official_dump import DumpReport, read_dump

    target = Path(out) if out else Path(__file__).resolve().parents[2] / "schema" / "phapdien.json"
    current = json.loads(target.read_text("utf-8"))
    report = DumpReport()
    try:
        with click.progressbar(
            length=page_count(Path(dump)), label="Bộ pháp điển", file=sys.stderr
        ) as bar:
            pages = list(read_dump(Path(dump), report, lambda _page: bar.update(1)))
        data = derive_catalogue(pages, current)
    except (DumpError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    for line in report.unread:
        click.echo(f"not read: {line}", err=True)
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    click.echo(f"{len(data['de_muc'])} đề mục from {report.pages} pages -> {target}")


@main.command("check-phapdien")
@db_option
@click.option("--doc", "doc", default=None, help="Only this document (số ký hiệu or id).")
@click.option("--at", "at", default=None, help="Date (YYYY-MM-DD); default the dump's date.")
@click.option("--json", "as_json", is_flag=True)
def check_phapdien(db: str, doc: str | None, at: str | None, as_json: bool) -> None:
    """Each codified article of the imported Bộ pháp điển against LexVN's consolidation of
    its stored source document at the dump's date: equal, or where they part and why."""
    from ingest.codification.official_check import EQUAL, check_documents

    with _open_read(db) as store:
        ids = [_resolve(store, doc, db)] if doc else None
        checks = check_documents(store, _date_option(at) if at else None, ids)
    if as_json:
        out = [{**vars(c), "reason": c.reason} for c in checks]
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    if not checks:
        click.echo("no stored full text is codified by an imported Bộ pháp điển")
        return
    for c in checks:
        if c.kind != EQUAL:
            click.echo(f"{c.doc_number} {c.source_unit} (Điều {c.code}.): {c.kind}; {c.reason}")
            if c.ours or c.theirs:
                click.echo(f"   LexVN     …{c.ours}")
                click.echo(f"   pháp điển …{c.theirs}")
    equal = sum(c.kind == EQUAL for c in checks)
    click.echo(
        f"{len(checks)} codified articles of {len({c.doc_id for c in checks})} stored "
        f"documents: {equal} equal ({equal / len(checks):.1%})"
    )
