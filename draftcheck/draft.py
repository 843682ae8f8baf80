"""A draft as the checks see it: the document model plus what the model drops (the
paragraphs of header and closing with their lines, the parser's own findings)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ingest.pipeline import parse_source
from ingest.readers import Source
from schema.model import Document, Issue, Paragraph

# A số ký hiệu with a year is a văn bản quy phạm pháp luật (Luật 2015, Điều 10); without
# one it is an individual or administrative decision, to which the normative rules do not
# all apply.
_NORMATIVE_NUMBER = re.compile(r"^\d+/\d{4}/")
_ALWAYS_NORMATIVE = {
    "Hiến pháp",
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Nghị định",
    "Thông tư",
    "Thông tư liên tịch",
    "Nghị quyết liên tịch",
}


@dataclass
class Draft:
    name: str
    doc: Document
    paragraphs: list[Paragraph]
    preamble: list[Paragraph]
    closing: list[Paragraph]
    parse_issues: list[Issue]
    at: date  # the date the checks are made for
    _by_text: dict[str, list[int]] = field(default_factory=dict, init=False, repr=False)

    @property
    def normative(self) -> bool:
        md = self.doc.metadata
        if md.doc_type in _ALWAYS_NORMATIVE:
            return True
        return bool(md.number and _NORMATIVE_NUMBER.match(md.number))

    @property
    def level(self) -> str:
        """trung_uong | tinh | huyen | xa: the minimum delay before effect depends on it."""
        issuer = (self.doc.metadata.issuer or "").lower()
        if re.search(r"\b(xã|phường|thị trấn)\b", issuer):
            return "xa"
        if re.search(r"\b(huyện|quận|thị xã)\b", issuer) or "thành phố thuộc" in issuer:
            return "huyen"
        if re.search(r"(ủy ban nhân dân|uỷ ban nhân dân|hội đồng nhân dân)", issuer):
            return "tinh"
        return "trung_uong"

    def paragraph_line(self, text: str, after: int) -> int:
        """The source line of a unit's paragraph (units keep only their first line)."""
        if not self._by_text:
            for p in self.paragraphs:
                self._by_text.setdefault(p.text, []).append(p.line)
        return next((n for n in self._by_text.get(text, []) if n >= after), after)


def build_draft(source: Source, at: date | None) -> Draft:
    doc, parsed = parse_source(source)
    when = at or doc.metadata.issued or date.today()
    return Draft(
        Path(source.path).name,
        doc,
        source.paragraphs,
        parsed.preamble,
        parsed.closing,
        parsed.issues,
        when,
    )
