"""HTML pages of legal web sites: the document text without the site around it.

Such pages wrap lines by hand inside a <p> and sometimes split one sentence over several
<p>/<span>; both are joined here so that the structure parser sees one paragraph per
paragraph of the document."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml import etree

from ingest.parse.text import normalize
from ingest.readers import ReaderError, report_lookalikes
from ingest.readers.text_lines import decode
from schema.model import Issue, Paragraph

_BLOCKS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "section",
    "article",
    "center",
    "dd",
    "dt",
}
_DROP = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "form",
    "button",
    "select",
    "iframe",
    "object",
    "svg",
    "template",
}
_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")  # runs, and any whitespace other than a space
_TERMINAL = re.compile(r"[.:;!?”\"»)/]\s*$")
_POINT_START = re.compile(r"^(?:[a-zđ]\d*\)|[a-zđ]\.\d+\)|-|\+)")
_BR = "\ue000"  # stands for <br> while source line breaks are collapsed (not \s)
_CONTENT_IDS = ("divContentDoc",)
_CONTENT_CLASSES = ("content1", "noidung", "fulltext", "document-content")


def _content_root(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The element that holds the document. Known layouts first, else the whole body."""
    for element_id in _CONTENT_IDS:
        found = root.get_element_by_id(element_id, None)
        if found is not None:
            return found
    for cls in _CONTENT_CLASSES:
        found = root.find_class(cls)
        if found:
            return max(found, key=lambda e: len(e.text_content()))
    for tag in ("main", "article", "body"):
        found = root.find(f".//{tag}")
        if found is not None:
            return found
    return root


def _inline_text(el: etree._Element) -> str:
    """Text of an element with <br> as a line break and all other whitespace collapsed."""
    parts: list[str] = []
    _inline_parts(el, el, parts)
    text = _WHITESPACE.sub(" ", "".join(parts))
    return "\n".join(line.strip() for line in text.split(_BR))


def _inline_parts(node: etree._Element, el: etree._Element, parts: list[str]) -> None:
    """At module level: a recursive helper nested in its caller is a cycle through its own
    closure, freed only by the cyclic collector (lexvn/collector.py)."""
    if not isinstance(node.tag, str) or node.tag in _DROP:
        if node.tail:
            parts.append(node.tail)
        return
    if node.tag == "br":
        parts.append(_BR)
    elif node.text:
        parts.append(node.text)
    for child in node:
        _inline_parts(child, el, parts)
    if node is not el and node.tail:
        parts.append(node.tail)


def read(path: str | Path, data: bytes, issues: list[Issue]) -> list[Paragraph]:
    text = decode(path, data)
    # huge_tree lifts libxml2's limits on text size; what it still cannot read (nesting past
    # its depth) is refused, never dropped in silence
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ReaderError(path, f"not a readable HTML page: {exc}") from exc
    for error in parser.error_log:
        if "depth" in error.message.lower() or "huge" in error.message.lower():
            reason = f"HTML the parser cannot read whole: {error.message}"
            raise ReaderError(path, reason, error.line)
    content = _content_root(root)
    raw: list[tuple[str, int, bool]] = []

    def emit(text: str, line: int, in_table: bool) -> None:
        report_lookalikes(text, line, issues)
        for piece in normalize(text).split("\n"):
            if piece:
                raw.append((piece, line, in_table))

    def walk(el: etree._Element, in_table: bool) -> None:
        if not isinstance(el.tag, str) or el.tag in _DROP:
            return
        if el.tag == "table":
            for row in el.iter("tr"):
                if next(row.iterancestors("table")) is not el:
                    continue
                for cell in row:
                    if isinstance(cell.tag, str) and cell.tag in ("td", "th"):
                        walk_cell(cell)
            return
        has_block_child = any(
            isinstance(c.tag, str) and (c.tag in _BLOCKS or c.tag == "table") for c in el
        )
        if el.tag in _BLOCKS and not has_block_child:
            emit(_inline_text(el), el.sourceline or 0, in_table)
            return
        if el.text and el.text.strip():
            emit(_WHITESPACE.sub(" ", el.text), el.sourceline or 0, in_table)
        for child in el:
            walk(child, in_table)
            if child.tail and child.tail.strip() and el.tag != "table":
                emit(_WHITESPACE.sub(" ", child.tail), child.sourceline or 0, in_table)

    def walk_cell(cell: etree._Element) -> None:
        if any(isinstance(c.tag, str) and (c.tag in _BLOCKS or c.tag == "table") for c in cell):
            walk(cell, True)
        else:
            emit(_inline_text(cell), cell.sourceline or 0, True)

    walk(content, False)
    return _join_split_sentences(raw)


def _join_split_sentences(raw: list[tuple[str, int, bool]]) -> list[Paragraph]:
    """Join a paragraph that stops mid-sentence with the next one that goes on in lower case."""
    out: list[Paragraph] = []
    for text, line, in_table in raw:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not in_table
            and not prev.in_table
            and not _TERMINAL.search(prev.text)
            and text[:1].islower()
            and not _POINT_START.match(text)
        ):
            prev.text = f"{prev.text} {text}"
            continue
        out.append(Paragraph(text, line, in_table))
    return out
