"""The pages of the official Bộ pháp điển điện tử (phapdien.moj.gov.vn): one HTML page a đề
mục, read into its headings and codified articles.

A page is a flat run of paragraphs under `<div class='_content'>`, told apart by class:
`pChuong` (a chương, mục or tiểu mục heading, then its title in a second `pChuong`), `pDieu`
(`<a name='…MAPC…'></a>Điều 1.3.PL.1. Phạm vi điều chỉnh`), `pGhiChu` (the source note, a link
to vbpl.vn), `pNoiDung` (opens the text; the khoản and điểm follow as plain `<p>`, `<div>` and
`<table>`), `pChiDan` ("(Điều này có nội dung liên quan đến Điều 1.5.LQ.2. …)")."""

from __future__ import annotations

import re

import lxml.html

from ingest.codification.source_note import read_source_note, vbpl_target
from ingest.parse.numbering import PHAPDIEN_CODE
from ingest.parse.text import normalize
from schema.phapdien import (
    OfficialArticle,
    OfficialDeMuc,
    OfficialHeading,
    RelatedLink,
    SourceNote,
)

# a file attached to the article, a link the page prints as a line of its text: "Mau so
# 02_Don de nghi cap the.doc", "Mẫu số 01 kèm theo Thông tư.docx" (on 3,656 articles)
_ATTACHMENT = re.compile(r"^\S[^\n]{0,250}\.(?:docx?|xlsx?|pdf|rtf|rar|zip)$", re.IGNORECASE)


def split_attachments(lines: list[str]) -> tuple[list[str], list[str]]:
    """The article's own lines, and the names of the files the page attaches to it."""
    text = [line for line in lines if not _ATTACHMENT.match(line.strip())]
    return text, [line.strip() for line in lines if _ATTACHMENT.match(line.strip())]


class PageError(ValueError):
    """A page that is not a đề mục page of the Bộ pháp điển."""


_TITLE = re.compile(r"Đề mục\s+(\d+\.\d+)\s+(.+)", re.S)
_ARTICLE = re.compile(rf"^Điều\s+({PHAPDIEN_CODE})\.?\s*(.*)$")
_MAPC_CALL = re.compile(r"ViewNoiDungPhapDien\('(\w+)'\)")
_HEADING_LABEL = re.compile(r"^(?:Phần|Chương|Mục|Tiểu mục)\s+\S+$", re.IGNORECASE)


def _text(element) -> str:
    return " ".join(normalize(element.text_content()).split())


def _lines(element) -> list[str]:
    """The text of one content element, a line a paragraph; a table a line a row."""
    if element.tag == "table":
        rows = []
        for row in element.iter("tr"):
            cells = [_text(c) for c in row if c.tag in ("td", "th")]
            if any(cells):
                rows.append(" | ".join(cells))
        return rows
    inner = [e for e in element if e.tag in ("p", "div", "table", "li")]
    if element.tag in ("div", "ol", "ul") and inner:
        return [line for e in inner for line in _lines(e)]
    text = _text(element)
    return [text] if text else []


def _related(element) -> list[RelatedLink]:
    links = []
    for a in element.iter("a"):
        label = _text(a)
        call = _MAPC_CALL.search(a.get("onclick") or "")
        if call:
            links.append(RelatedLink(label, mapc=call.group(1)))
        elif a.get("href"):
            item, anchor = vbpl_target(a.get("href"))
            links.append(RelatedLink(label, vbpl_item=item, vbpl_anchor=anchor))
    return links


_MARK = re.compile(r"<p class='(pChuong|pDieu|pGhiChu|pNoiDung|pChiDan)'>")


def _segments(html: str):
    """(class, element) for each classed paragraph and (None, element) for what follows it.
    The page is cut at its classed paragraphs before it is parsed: an article whose text
    leaves a tag open must not swallow the articles after it."""
    marks = list(_MARK.finditer(html))
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(html)
        fragment = html[mark.start() : end]
        try:
            parts = lxml.html.fragments_fromstring(fragment)
        except (ValueError, lxml.etree.ParserError):
            continue
        elements = [e for e in parts if not isinstance(e, str)]
        if not elements:
            continue
        yield mark.group(1), elements[0]
        for element in elements[1:]:
            yield None, element


def read_de_muc_page(html: bytes | str, file: str) -> OfficialDeMuc:
    """A đề mục page into its headings and articles, in page order."""
    if isinstance(html, bytes):
        html = html.decode("utf-8-sig", errors="replace")
    title = _TITLE.search(" ".join(re.sub(r"<[^>]+>", " ", html[: html.find("</h3>")]).split()))
    if "</h3>" not in html or title is None:
        raise PageError(f"{file}: no 'Đề mục N.N' title")
    de_muc = OfficialDeMuc(so=title.group(1), ten=title.group(2).strip(), file=file)
    article: OfficialArticle | None = None
    heading: OfficialHeading | None = None
    in_text = False
    for cls, element in _segments(html):
        anchor = element.find(".//a[@name]")
        if cls == "pChuong":
            label = _text(element)
            if anchor is not None or heading is None or _HEADING_LABEL.match(label):
                mapc = anchor.get("name") if anchor is not None else ""
                heading = OfficialHeading(mapc, label, "")
                de_muc.headings.append(heading)
            else:
                heading.title = f"{heading.title} {label}".strip()
            article, in_text = None, False
        elif cls == "pDieu":
            m = _ARTICLE.match(_text(element))
            code, name = (m.group(1), m.group(2)) if m else (_text(element), "")
            article = OfficialArticle(
                code=code,
                mapc=anchor.get("name") if anchor is not None else "",
                title=name,
                de_muc=de_muc.so,
                chuong=heading.mapc if heading else None,
                note=SourceNote(text=""),
            )
            de_muc.articles.append(article)
            in_text = False
        elif article is None:
            continue
        elif cls == "pGhiChu":
            article.note = read_source_note(_text(element))
            link = element.find(".//a[@href]")
            if link is not None:
                article.note.vbpl_item, article.note.vbpl_anchor = vbpl_target(link.get("href"))
        elif cls == "pNoiDung":
            in_text = True
            article.text.extend(_lines(element))
        elif cls == "pChiDan":
            article.related.extend(_related(element))
        elif in_text:
            article.text.extend(_lines(element))
    return de_muc
