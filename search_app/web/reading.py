"""What a document page shows: the text as in force on a date (consolidated), each
paragraph with its citations turned into links, the units amended and by what, and the
documents that cite or guide it. Built from the store; rendering is the template's job."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup, escape

from ingest.consolidation.apply import consolidate
from ingest.consolidation.versions import operations
from ingest.links.luoc_do import document_links
from ingest.links.validity import document_status
from ingest.store import Store
from schema.model import Document, label_from_id


def unit_url(doc_id: str, unit_id: str | None = None) -> str:
    """The permalink of a document or of one of its units (with the anchor to scroll to)."""
    return f"/van-ban/{doc_id}/{unit_id}#{unit_id}" if unit_id else f"/van-ban/{doc_id}"


@dataclass
class DocumentView:
    doc: Document
    at: date
    status: str
    effective: str | None
    paragraphs: dict[str, list[Markup]]  # unit id -> its text paragraphs, linked
    tails: dict[str, list[Markup]]
    amended: dict[str, list[dict]]  # unit id -> the amending units
    links: dict = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # doc id -> title, for the lists
    notes: dict[str, list] = field(default_factory=dict)  # unit id -> the copy's annotations


def document_view(store: Store, doc_id: str, at: date) -> DocumentView:
    base = store.get(doc_id)
    ops = [op for op in operations(store.conn, doc_id) if (op.effective or "") <= at.isoformat()]
    if ops:
        result = consolidate(base, ops, at)
        doc = result.doc
        amended = {
            uid: [
                {
                    "doc_id": op.source_doc,
                    "unit_id": op.source_unit,
                    "label": label_from_id(op.source_unit),
                    "since": op.effective,
                    "url": unit_url(op.source_doc, op.source_unit),
                }
                for op in applied
            ]
            for uid, applied in result.notes.items()
        }
    else:
        doc, amended = base, {}
    links = _citation_links(store.conn, doc_id)
    paragraphs, tails = {}, {}
    for unit in doc.walk():
        own = unit.text + unit.tail
        linked = [_linked(text, links.get((unit.id, i), [])) for i, text in enumerate(own)]
        paragraphs[unit.id] = linked[: len(unit.text)]
        tails[unit.id] = linked[len(unit.text) :]
    status = document_status(store.conn, doc_id, at)
    related = document_links(store.conn, doc_id)
    return DocumentView(
        doc,
        at,
        status.status,
        status.effective,
        paragraphs,
        tails,
        amended,
        related,
        display_titles(store),
        _notes(base),
    )


def _notes(doc: Document) -> dict[str, list]:
    """Annotations by unit: a web site's notes and a VBHN's footnotes, shown beside the
    unit, never as its text."""
    out: dict[str, list] = {}
    for note in doc.annotations:
        out.setdefault(note.unit_id or "", []).append(note)
    return out


def display_titles(store: Store) -> dict[str, str]:
    """Document id -> "title số ký hiệu", for lists of related documents."""
    return {i: f"{r['title'] or ''} {r['number'] or ''}".strip() for i, r in store.names().items()}


def _citation_links(conn: sqlite3.Connection, doc_id: str) -> dict[tuple[str, int], list]:
    out: dict[tuple[str, int], list] = {}
    for unit_id, paragraph, start, text, target_doc, target_unit in conn.execute(
        "SELECT unit_id, paragraph, start, text, target_doc_id, target_unit_id FROM citations"
        " WHERE doc_id = ? AND status = 'resolved' AND target_doc_id IS NOT NULL",
        (doc_id,),
    ):
        out.setdefault((unit_id, paragraph), []).append(
            (start, text, unit_url(target_doc, target_unit))
        )
    return out


def _linked(text: str, links: list[tuple[int, str, str]]) -> Markup:
    """The paragraph escaped, with each citation that still reads the same made a link."""
    pieces: list[str] = []
    at = 0
    for start, cited, href in sorted(links):
        if start < at or text[start : start + len(cited)] != cited:
            continue  # overlapping, or the consolidated text moved it
        pieces.append(str(escape(text[at:start])))
        pieces.append(f'<a class="cite" href="{escape(href)}">{escape(cited)}</a>')
        at = start + len(cited)
    pieces.append(str(escape(text[at:])))
    return Markup("".join(pieces))
