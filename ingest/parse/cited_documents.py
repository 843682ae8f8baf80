"""The documents one line of text names, each with its type, số ký hiệu, name and date:
"Căn cứ Luật Đấu thầu số 22/2023/QH15 ngày 23 tháng 6 năm 2023;". Shared by the metadata
(căn cứ) and the hiệu lực article (what it repeals). Pure."""

from __future__ import annotations

import re

from ingest.parse.dates import DATE_LONG, DATE_SHORT, find_date, parse_date_match
from schema.model import Citation

# The code after the year in a số ký hiệu names the type for most documents.
_TYPE_BY_CODE = [
    (re.compile(r"^TTLT"), "Thông tư liên tịch"),
    (re.compile(r"^NQLT"), "Nghị quyết liên tịch"),
    (re.compile(r"^NĐ"), "Nghị định"),
    (re.compile(r"^TT"), "Thông tư"),
    (re.compile(r"^QĐ"), "Quyết định"),
    (re.compile(r"^NQ"), "Nghị quyết"),
    (re.compile(r"^CT"), "Chỉ thị"),
    (re.compile(r"^L-"), "Lệnh"),
    (re.compile(r"^PL"), "Pháp lệnh"),
    (re.compile(r"^QH"), "Luật"),
]

# "22/2023/QH15", "214/2025/NĐ-CP", "299/TTg", "66.17/2026/NQ-CP" (a number with a dot)
NUMBER = r"\d+(?:\.\d+)?/(?:\d{4}/)?[A-ZĐ][A-ZĐ0-9]*(?:g\b)?(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*"
_NUMBER_RE = re.compile(rf"(?<![\w/])({NUMBER})")
_CITED_TYPE = re.compile(
    r"(Hiến pháp|Bộ luật|Luật|Pháp lệnh|Nghị quyết liên tịch|Nghị quyết|Nghị định|"
    r"Thông tư liên tịch|Thông tư|Quyết định|Lệnh|Chỉ thị)"
)


def doc_type_from_number(number: str | None) -> str | None:
    if not number:
        return None
    code = number.split("/")[-1]
    for pattern, doc_type in _TYPE_BY_CODE:
        if pattern.match(code):
            return doc_type
    return None


def extract_citations(text: str) -> list[Citation]:
    """Documents cited in one line, each with its type, number, name and date when written:
    "Căn cứ Luật Đấu thầu số 22/2023/QH15 ngày 23 tháng 6 năm 2023;" and lines that cite
    several, "Căn cứ các Nghị định của Chính phủ số: 43/2014/NĐ-CP ngày 15/5/2014 …;
    01/2017/NĐ-CP ngày 06/01/2017 …". The type comes from the số ký hiệu where its code
    names one (NĐ-CP, TT-BTC), else from the word before it (Luật, Bộ luật, Nghị quyết)."""
    out: list[Citation] = []
    for piece in text.split(";"):
        types = list(_CITED_TYPE.finditer(piece))
        attached_types = set()
        for m in _NUMBER_RE.finditer(piece):
            number = m.group(1)
            before = [t for t in types if t.end() <= m.start()]
            word = before[-1] if before and m.start() - before[-1].end() <= 80 else None
            code_type = doc_type_from_number(number)
            doc_type = word.group(1) if word and code_type in (None, "Luật") else code_type
            name = None
            if word:
                attached_types.add(word.start())
                name = re.sub(r"\s*(?:số|Số)\s*:?\s*$", "", piece[word.start() : m.start()])
                name = name.strip(" ,:") or None
            tail = piece[m.end() : m.end() + 40].strip()
            dm = DATE_LONG.match(tail) or DATE_SHORT.match(tail.removeprefix("ngày").strip())
            issued = parse_date_match(*dm.groups()) if dm else None
            out.append(
                Citation(text=text, doc_type=doc_type, number=number, name=name, issued=issued)
            )
        first = types[0] if types else None
        if first is not None and first.start() not in attached_types and first.start() <= 20:
            name = re.split(r"\s+(?:ngày|số|đã|được)\s|[,(]", piece[first.start() :])[0]
            out.append(
                Citation(
                    text=text,
                    doc_type=first.group(1),
                    name=name.strip(" .;"),
                    issued=find_date(piece[first.start() :]),
                )
            )
    return out
