"""The official Bộ pháp điển dump into the store: every đề mục page read
(ingest/codification/official_pages.py) and written as its đề mục, headings and codified
articles (tables phapdien_* of schema/store.sql). One transaction a page, replacing what an
earlier import wrote for that đề mục: importing again gives the same store, and a page that
does not read costs only itself."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ingest.codification.catalogue_build import page_rank
from ingest.codification.official_dump import DumpReport, read_dump
from ingest.store import Store, number_key
from schema.phapdien import OfficialDeMuc


@dataclass
class ImportReport:
    pages: int = 0
    de_muc: int = 0
    articles: int = 0
    headings: int = 0
    unread: list[str] = field(default_factory=list)  # "page: why"
    superseded: list[str] = field(default_factory=list)  # a second page of a đề mục number
    notes_unread: list[str] = field(default_factory=list)  # "page, Điều code: the note"
    kept: list[OfficialDeMuc] = field(default_factory=list, repr=False)  # the pages stored

    @property
    def notes_read(self) -> int:
        return self.articles - len(self.notes_unread)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def store_de_muc(store: Store, page: OfficialDeMuc) -> None:
    """One đề mục page, replacing what the store held for it."""
    with store.transaction():
        store.conn.execute("DELETE FROM phapdien_articles WHERE de_muc = ?", (page.so,))
        store.conn.execute("DELETE FROM phapdien_headings WHERE de_muc = ?", (page.so,))
        store.conn.execute(
            "INSERT OR REPLACE INTO phapdien_de_muc (so, ten, page, articles) VALUES (?,?,?,?)",
            (page.so, page.ten, page.file, len(page.articles)),
        )
        store.conn.executemany(
            "INSERT INTO phapdien_headings (mapc, de_muc, seq, label, title) VALUES (?,?,?,?,?)",
            [(h.mapc, page.so, i, h.label, h.title) for i, h in enumerate(page.headings)],
        )
        rows = []
        for i, a in enumerate(page.articles):
            n = a.note
            rows.append(
                (
                    a.mapc, page.so, i, a.code, a.title, a.chuong, "\n".join(a.text), n.text,
                    n.unit, n.doc_type, n.number, number_key(n.number) if n.number else None,
                    n.title, _iso(n.issued), n.issuer, _iso(n.effective),
                    json.dumps([asdict(m) for m in n.amended_by], ensure_ascii=False, default=str),
                    int(n.whole_article), n.vbpl_item,
                    json.dumps([asdict(r) for r in a.related], ensure_ascii=False),
                )
            )  # fmt: skip
        store.conn.executemany(
            "INSERT INTO phapdien_articles (mapc, de_muc, seq, code, title, heading_mapc, text,"
            " note, source_unit, source_type, source_number, source_key, source_title,"
            " source_issued, source_issuer, source_effective, amended_json, whole_article,"
            " vbpl_item, related_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )


def import_dump(
    store: Store, path: Path, progress: Callable[[str], None] | None = None
) -> ImportReport:
    """Every readable page of the dump into the store; what did not read, by page."""
    dump = DumpReport()
    report = ImportReport()
    kept: dict[str, OfficialDeMuc] = {}
    for page in read_dump(path, dump, progress):
        other = kept.get(page.so)
        if other is not None and page_rank(other) >= page_rank(page):
            report.superseded.append(f"{page.file}: {_named(page)}, kept {_named(other)}")
            continue
        if other is not None:
            report.superseded.append(f"{other.file}: {_named(other)}, kept {_named(page)}")
        kept[page.so] = page
        store_de_muc(store, page)
    for page in kept.values():
        report.de_muc += 1
        report.articles += len(page.articles)
        report.headings += len(page.headings)
        for a in page.articles:
            if not (a.note.number and a.note.unit):
                report.notes_unread.append(f"{page.file}, Điều {a.code}: {a.note.text[:160]}")
    report.pages = dump.pages
    report.unread = dump.unread
    report.kept = list(kept.values())
    return report


def _named(page: OfficialDeMuc) -> str:
    return f"đề mục {page.so} “{page.ten}” ({len(page.articles)} articles, {page.file})"
