"""A draft as the checks see it: the document model plus what the model drops (the
paragraphs of header and closing with their lines, the parser's own findings)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from draftcheck.rules import QUOC_HOI, VBHN
from ingest.parse import vbhn
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
        # of a commune's council: "Ủy ban nhân dân xã …", never the "Xã hội" of a ministry
        if re.search(r"nhân dân (xã|phường|thị trấn)\b", issuer):
            return "xa"
        if re.search(r"\b(huyện|quận|thị xã)\b", issuer) or "thành phố thuộc" in issuer:
            return "huyen"
        if re.search(r"(ủy ban nhân dân|uỷ ban nhân dân|hội đồng nhân dân)", issuer):
            return "tinh"
        return "trung_uong"

    @property
    def kind(self) -> str | None:
        """The kind of document whose form differs from the common one: rules.VBHN,
        rules.QUOC_HOI, or None."""
        md = self.doc.metadata
        if md.doc_type == VBHN or vbhn.is_vbhn_number(md.number) or self._opens_as_vbhn():
            return VBHN
        if md.doc_type in ("Hiến pháp", "Luật", "Bộ luật") or re.search(
            r"/QH\d+$", md.number or ""
        ):
            return QUOC_HOI
        return None

    def _opens_as_vbhn(self) -> bool:
        """A gazette copy of a VBHN's first part has no xác thực block to name it, but opens
        with the VBHN's statement: "Luật An toàn, vệ sinh lao động số 84/2015/QH13 ngày 25
        tháng 6 năm 2015 của Quốc hội, có hiệu lực kể từ ngày 01 tháng 7 năm 2016, được
        sửa đổi, bổ sung bởi:" (VBHN 14/VBHN-VPQH, "(Xem tiếp Công báo số 1171 + 1172)")."""
        if not any(
            i.code == "gazette-continued" and i.params.get("lacks") == "end"
            for i in self.doc.issues
        ):
            return False
        texts = [p.text for p in self.paragraphs[:40] if p.text]
        found = vbhn.statement(texts)
        return found is not None and not found.documents[0].startswith("Căn cứ")

    @property
    def layout_date(self) -> date:
        """The date whose rules the articles' layout is held to: a VBHN's body is its base
        document's, as that was drafted ("Luật Xử lý vi phạm hành chính số 15/2012/QH13 ngày
        20 tháng 6 năm 2012 …, được sửa đổi, bổ sung bởi: …" numbers its chapters afresh
        in each Phần, as the rules of 2012 allowed)."""
        if self.kind != VBHN:
            return self.at
        base = next((r.target for r in self.doc.metadata.relations if r.kind == "hop_nhat"), None)
        if base is None:
            return self.at
        return base.issued or _year_of_number(base.number) or self.at

    def paragraph_line(self, text: str, after: int) -> int:
        """The source line of a unit's paragraph (units keep only their first line)."""
        if not self._by_text:
            for p in self.paragraphs:
                self._by_text.setdefault(p.text, []).append(p.line)
        return next((n for n in self._by_text.get(text, []) if n >= after), after)


def build_draft(source: Source, at: date | None) -> Draft:
    doc, parsed = parse_source(source)
    when = at or doc.metadata.issued or _year_of_number(doc.metadata.number) or date.today()
    return Draft(
        Path(source.path).name,
        doc,
        source.paragraphs,
        parsed.preamble,
        parsed.closing,
        parsed.issues,
        when,
    )


def _year_of_number(number: str | None) -> date | None:
    """A text whose date did not read is of its number's year (02/2010/QĐ-TTg: 2010), taken
    at its first day so that no rule of a later law is applied to it; a draft of this year
    is checked for today."""
    m = re.match(r"^\d+/(\d{4})/", number or "")
    if not m or int(m.group(1)) >= date.today().year or int(m.group(1)) < 1945:
        return None
    return date(int(m.group(1)), 1, 1)
