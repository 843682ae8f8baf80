"""Source bytes to a Document: reader, structure parser, metadata. No storage here."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ingest.parse.annotations import annotations
from ingest.parse.document import ParsedStructure, parse_structure
from ingest.parse.metadata import doc_id_for, extract_metadata
from ingest.parse.numbering import PHAPDIEN_CODE
from ingest.readers import Source, read_bytes, read_path
from schema.model import Document, Issue


def storable_path(path: str) -> str:
    """A file name as text the store can hold: bytes that are not UTF-8 (os.fsdecode's
    surrogates) written as escapes ("t\\xff.txt")."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def build_document(source: Source) -> Document:
    return parse_source(source)[0]


def parse_source(source: Source) -> tuple[Document, ParsedStructure]:
    """The document, and the parse it came from (header and closing paragraphs keep their
    lines there, which the draft checker reports)."""
    parsed = parse_structure(source.paragraphs)
    metadata, preamble, md_issues = extract_metadata(parsed.preamble, parsed.closing, parsed.units)
    if not metadata.doc_type:  # no Điều and no type: nothing says it is a legal document
        parsed.issues = [_not_a_document(i) if i.code == "no-dieu" else i for i in parsed.issues]
    coded = [p for p in source.paragraphs if _CODED_ARTICLE.match(p.text)]
    if len(coded) >= 2:
        parsed.issues.append(
            Issue(
                "error",
                "phapdien-page",
                f"its articles carry the Bộ pháp điển's codes (“{coded[0].text[:40]}…”): a page "
                "of the Bộ pháp điển, not a legal document (lexvn import-phapdien reads the "
                "official dump)",
                coded[0].line,
            )
        )
    doc = Document(
        id=doc_id_for(metadata, Path(storable_path(source.path)).stem),
        metadata=metadata,
        units=parsed.units,
        preamble=preamble,
        closing=[p.text for p in parsed.closing if p.text],
        issues=source.issues + parsed.issues + md_issues,
        source_path=storable_path(source.path),
        source_hash=source.sha256,
        source_format=source.format,
        text_chars=source.chars,
        annotations=annotations(source.paragraphs, parsed.units),
    )
    return doc, parsed


# the Bộ pháp điển's pages as web sites copy them ("Điều 16.1.LQ.1. Nhiệm vụ của Bộ luật Hình
# sự" / "(Điều 1 Bộ luật số 100/2015/QH13 …)"): their source notes would read as the page's
# own provisions ("… hết hiệu lực"), and repeal the laws they codify
_CODED_ARTICLE = re.compile(rf"^Điều\s+{PHAPDIEN_CODE}\.\s")


def _not_a_document(issue: Issue) -> Issue:
    message = "no article (Điều) and no document type: not a legal document"
    return replace(issue, severity="error", message=message)


def parse_file(path: str | Path) -> Document:
    return build_document(read_path(path))


def parse_bytes(name: str, data: bytes) -> Document:
    return build_document(read_bytes(name, data))
