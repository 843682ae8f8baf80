"""Documents LexVN knows only through the Bộ pháp điển: the source documents of codified
articles that are not stored as full texts, rebuilt from their articles and source notes so
that a user searching the body of law finds their provisions and opens them like any other.

Of the 4,806 source documents of the mid-2024 dump, the shared corpus holds 50 as full
texts; the rest exist here only this way. Such a document is partial by nature: it has the
articles the pháp điển took (as in force at the dump's date), no preamble, no signature, no
appendix; its metadata is what the notes say ("(Điều 1 Nghị định số 05/2021/NĐ-CP Về quản
lý hoạt động … ngày 25/01/2021 của Chính phủ, có hiệu lực thi hành kể từ ngày 25/01/2021)":
the title, date and issuer on the first article the pages take from it, the effective date
on all). Its `source_format` is CODIFIED_ONLY; a full text of the same document, ingested
later, takes its place (ingest/store.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.codification.official_pages import split_attachments
from ingest.parse.metadata import doc_id_for
from ingest.parse.structure import parse_body
from schema.model import (
    CHUONG,
    CODIFIED_ONLY,
    DIEU,
    MUC,
    PHAN,
    Annotation,
    Document,
    Metadata,
    Paragraph,
    Unit,
)
from schema.phapdien import OfficialArticle

_ARTICLE_NUMBER = re.compile(r"^Điều\s+(\d+)([a-zđ]?)\b", re.IGNORECASE)
_REPEALED = re.compile(r"\bbị bãi bỏ\b")
_NAMED = ("Luật", "Bộ luật", "Pháp lệnh")


@dataclass
class Codified:
    """One codified article with where the dump places it."""

    de_muc: str
    article: OfficialArticle


def source_documents(codified: Iterable[Codified], page_name: str = "") -> list[Document]:
    """One document per source số ký hiệu, its articles in their own order (the dump
    spreads them over đề mục and interleaves them with other documents'). An article the
    dump codifies twice is kept once; an article it notes as repealed whole is left out."""
    groups: dict[str, list[Codified]] = {}
    for item in codified:
        note = item.article.note
        if note.number and note.unit and _ARTICLE_NUMBER.match(note.unit):
            groups.setdefault(note.number, []).append(item)
    return [_document(number, items, page_name) for number, items in groups.items()]


def _document(number: str, items: list[Codified], page_name: str) -> Document:
    notes = [i.article.note for i in items]
    first = next((n for n in notes if n.title), notes[0])
    doc_type = next((n.doc_type for n in notes if n.doc_type), None)
    md = Metadata(
        doc_type=doc_type,
        number=number,
        issuer=next((n.issuer for n in notes if n.issuer), None),
        issued=next((n.issued for n in notes if n.issued), None),
        title=_title(doc_type, first.title),
        effective=next((n.effective for n in notes if n.effective), None),
    )
    doc_id = doc_id_for(md, number)
    seen: set[str] = set()
    units: list[Unit] = []
    annotations: list[Annotation] = []
    for item in sorted(items, key=lambda i: _order(i.article.note.unit or "")):
        a = item.article
        key = (a.note.unit or "").lower()
        if key in seen:
            continue
        seen.add(key)
        if not a.text and _REPEALED.search(a.note.text):
            continue
        lines, files = split_attachments(a.text)
        unit = _article_unit(a, lines)
        units.append(unit)
        attached = f" Tệp đính kèm: {'; '.join(files)}." if files else ""
        annotations.append(
            Annotation(
                "phapdien",
                f"Điều {a.code}. (đề mục {item.de_muc} của Bộ pháp điển) {a.note.text}{attached}",
                unit.id,
            )
        )
    return Document(
        id=doc_id,
        metadata=md,
        units=units,
        source_path=page_name,
        source_format=CODIFIED_ONLY,
        text_chars=sum(len(u.full_text()) for u in units),
        annotations=annotations,
    )


def _title(doc_type: str | None, title: str | None) -> str | None:
    """The title with its type, as LexVN stores titles: "Luật Thanh niên", "Nghị định về
    quản lý …" ("Luật" + "Thanh niên"; "Nghị định" + "Về quản lý …")."""
    if not title:
        return doc_type
    title = " ".join(title.split())
    if not doc_type:
        return title
    if doc_type and title.lower().startswith(doc_type.lower()):
        title = title[len(doc_type) :].strip()
    if doc_type in _NAMED:  # "Bộ luật Lao động": the name is capitalised
        return f"{doc_type} {title[:1].upper()}{title[1:]}"
    return f"{doc_type} {title[:1].lower()}{title[1:]}"


def _order(unit: str) -> tuple[int, str]:
    m = _ARTICLE_NUMBER.match(unit)
    return (int(m.group(1)), m.group(2).lower()) if m else (10**9, unit)


def _article_unit(a: OfficialArticle, text: list[str]) -> Unit:
    """The article parsed as any article is (its khoản and điểm found), under its own
    number. An untitled article reaches the dump with its words as the title and no text."""
    number = (a.note.unit or "").split(maxsplit=1)[1]
    heading, lines = a.title, text
    if not a.text:
        heading, lines = "", [a.title]
    paragraphs = [Paragraph(f"Điều {number}. {heading}".rstrip(), 1)]
    paragraphs += [Paragraph(text, i + 2) for i, text in enumerate(lines)]
    units = parse_body(paragraphs)
    if len(units) > 1 and not units[0].full_text() and units[1].number == number:
        units = units[1:]  # the dump repeats the heading as the text's first line
    # the dump glues the next chapter's heading to the last article of a chapter
    while len(units) > 1 and units[-1].type in (PHAN, CHUONG, MUC) and not units[-1].children:
        units.pop()
    if len(units) == 1 and units[0].type == DIEU:
        return units[0]
    # another article's words inside this one: kept as they are, not split off
    return Unit(DIEU, number, f"dieu_{number}", heading, list(lines), label=f"Điều {number}")
