"""The source note of an official codified article, read into fields.

Phrases it reads (from the official pages, phapdien.moj.gov.vn, 2024):
- "(Điều 1 Pháp lệnh số 32/2007/PL-UBTVQH11 Bảo vệ công trình quan trọng liên quan đến an ninh
  quốc gia ngày 20/04/2007 của Uỷ ban Thường vụ Quốc hội, có hiệu lực thi hành kể từ ngày
  01/10/2007 )" — the first article taken from a document: title, date and issuer;
- "(Điều 2 Pháp lệnh số 32/2007/PL-UBTVQH11, có hiệu lực thi hành kể từ ngày 01/10/2007)";
- "…, có nội dung được sửa đổi, có nội dung được bổ sung bởi Điều 1 Luật số 63/2020/QH14 có hiệu
  lực thi hành kể từ ngày 01/01/2021)";
- "…, có nội dung được sửa đổi, có nội dung được bổ sung, có nội dung bị bãi bỏ bởi Điều 3 Nghị
  định số 64/2022/NĐ-CP có hiệu lực thi hành kể từ ngày 15/09/2022; Điều 1, Điều 2 Nghị định số
  20/2024/NĐ-CP có hiệu lực thi hành kể từ ngày 10/04/2024)";
- "…bởi Điều 1 Thông tư số 35/2021/TT- BGTVT …" (a space inside the number);
- "((Thông tư số 03/TC-TCT, có hiệu lực thi hành kể từ ngày 01/01/1997))" (no unit, doubled
  parentheses).
"""

from __future__ import annotations

import re

from ingest.parse.dates import parse_date_match
from ingest.parse.metadata import DOC_TYPES
from ingest.parse.text import normalize
from schema.phapdien import AmendingNote, SourceNote

_TYPE = "|".join(re.escape(t) for t in sorted(DOC_TYPES, key=len, reverse=True))
# a unit list before the document type: "Điều 1", "Điều 1, Điều 2", "Khoản 3 Điều 5"
_UNIT = r"(?:(?:Phần|Chương|Mục|Tiểu mục|Điều|Khoản|Điểm)\s+[\w.]+(?:\s*(?:,|và)\s*|\s+))+"
_DOC = re.compile(
    rf"^(?P<unit>{_UNIT})?(?P<type>{_TYPE})\b\s*(?:số\s*)?(?P<lt>liên tịch\s+)?", re.IGNORECASE
)
# what may stand before the number: "số Số: 12/2018/QĐ-TTg", "số Nghị quyết số: 24/2021/QH15"
_NUMBER_LEAD = re.compile(r"^(?:(?:Nghị quyết\s+)?số\s*:?\s*|['\"“]+\s*)+", re.IGNORECASE)
_CODE_TOKEN = re.compile(r"^[A-ZĐ][A-ZĐ0-9&()]*/")
_EFFECTIVE = re.compile(r"có hiệu lực(?: thi hành)?(?: kể)? từ ngày\s*(\d{1,2})/(\d{1,2})/(\d{4})")
# the last "ngày dd/mm/yyyy của …": a title may cite other documents with their own dates
_ISSUED_BY = re.compile(
    r"^(?P<title>.*)\s+ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})\s+của\s+(?P<issuer>.+?)\s*$"
)
# "…, có nội dung được sửa đổi bởi …" (part of the article); "…, bị bãi bỏ bởi …" (all of it)
_AMENDED = re.compile(
    r",\s*(?P<part>có nội dung\s+)?(?P<effects>(?:được|bị)\b.+?)\s+bởi\s+(?P<by>.+)$"
)


def _date(m: re.Match | None):
    return parse_date_match(m.group(1), m.group(2), m.group(3)) if m else None


def _number(rest: str) -> tuple[str | None, str]:
    """The số ký hiệu at the start of `rest` and what follows it. Tokens are joined while the
    number goes on: "02 /2018/TTLT-…", "35/2021/TT- BGTVT", "21 - TC/TCT", "60 TC/TCT"."""
    rest = _NUMBER_LEAD.sub("", rest.strip())
    tokens = rest.split(" ")
    if not tokens or not tokens[0][:1].isdigit():
        return None, rest
    number, used = tokens[0], 1
    for token in tokens[1:]:
        if number.endswith(("/", "-")) or token.startswith(("/", "-")):
            number += token
        elif used == 1 and number.isdigit() and _CODE_TOKEN.match(token):
            number += "-" + token  # the hyphen the note left out
        else:
            break
        used += 1
    return number.strip(".,'\"”"), " ".join(tokens[used:])


def _unit(raw: str | None) -> str | None:
    return " ".join(raw.split()).rstrip(",") if raw else None


def _document(text: str) -> tuple[str | None, str | None, str | None, str]:
    """Unit, type and number at the start of `text`, and the rest."""
    m = _DOC.match(text)
    if not m:
        return None, None, None, text
    doc_type = next((t for t in DOC_TYPES if t.lower() == m.group("type").lower()), None)
    if m.group("lt") and doc_type == "Thông tư":
        doc_type = "Thông tư liên tịch"  # "Thông tư số liên tịch 191/2005/TTLT/…"
    number, rest = _number(text[m.end() :])
    return _unit(m.group("unit")), doc_type, number, rest


def _amending(text: str, effects: list[str]) -> AmendingNote:
    text = re.sub(r"^(Điều [\w, ]+?)\s+của\s+", r"\1 ", text.strip())  # "Điều 2 của Nghị định số …"
    unit, doc_type, number, _ = _document(text)
    return AmendingNote(effects, unit or "", doc_type, number, _date(_EFFECTIVE.search(text)))


def read_source_note(raw: str) -> SourceNote:
    """Fields of the note; what does not read stays None and the text is kept whole."""
    text = " ".join(normalize(raw).split())
    note = SourceNote(text=text)
    body = text.strip()
    while body.startswith("(") and body.endswith(")"):
        body = body[1:-1].strip()
    amended = _AMENDED.search(body)
    if amended:
        effects = [e.strip() for e in re.split(r",\s*có nội dung\s+", amended.group("effects"))]
        note.amended_by = [_amending(part, effects) for part in amended.group("by").split(";")]
        note.whole_article = not amended.group("part")
        body = body[: amended.start()]
    effective = _EFFECTIVE.search(body)
    note.effective = _date(effective)
    if effective:
        body = body[: effective.start()].rstrip(" ,")
    note.unit, note.doc_type, note.number, rest = _document(body)
    issued = _ISSUED_BY.match(rest.strip())
    if issued:
        note.issued = parse_date_match(*issued.group(2, 3, 4))
        note.issuer = issued.group("issuer").strip()
        rest = issued.group("title")
    note.title = rest.strip(" ,") or None
    return note


def vbpl_target(href: str) -> tuple[int | None, str | None]:
    """ItemID and anchor of a vbpl.vn link: "…vbpq-toanvan.aspx?ItemID=14106#Chuong_I_Dieu_1"."""
    m = re.search(r"ItemID=(\d+)(?:#(\S+))?", href)
    return (int(m.group(1)), m.group(2)) if m else (None, None)
