"""A văn bản hợp nhất (VBHN) read as what it is: its own number and date are in the
authentication block at its end, not in its header, which repeats the consolidated
document's ("THÔNG TƯ …"); it has no effective date of its own.

What it reads (the real blocks, as the Công báo and thuvienphapluat print them):
"Số: 1549/VBHN-BLĐTBXH … XÁC THỰC VĂN BẢN HỢP NHẤT BỘ TRƯỞNG … Hà Nội, ngày 12 tháng 4
năm 2024"; the order reversed ("XÁC THỰC VĂN BẢN HỢP NHẤT … Số: 3503/VBHN-BLĐTBXH"); "XÁC
NHẬN VĂN BẢN HỢP NHẤT"; and a header that already carries the number ("Số: 20/VBHN-VPQH").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ingest.parse.dates import find_date

AUTHENTICATION = re.compile(r"X[ÁA]C (?:THỰC|NHẬN) VĂN BẢN HỢP NHẤT", re.IGNORECASE)
_NUMBER = re.compile(r"(?:Số|SỐ|số)\s*:?\s*(\d+/VBHN-[A-ZĐ]+)")
_PLACE_DATE = re.compile(r"[^,]{2,40},\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")


@dataclass
class Authentication:
    number: str | None
    issued: date | None


def is_vbhn_number(number: str | None) -> bool:
    return bool(number and "/VBHN-" in number.upper())


def authentication(texts: list[str]) -> Authentication | None:
    """The block among `texts` (the closing paragraphs, last first is fine), or None."""
    at = next((i for i, t in enumerate(texts) if AUTHENTICATION.search(t)), None)
    if at is None:
        return None
    window = texts[max(0, at - 6) : at + 12]
    number = next((m.group(1) for t in window if (m := _NUMBER.search(t))), None)
    issued = None
    for t in window:
        m = _PLACE_DATE.search(t)
        if m:
            issued = find_date(m.group(0))
            break
    return Authentication(number, issued)


# The statement that opens a VBHN: the document it consolidates, then what amended it.
#   "Luật Bảo hiểm y tế số 25/2008/QH12 ngày 14 tháng 11 năm 2008 của Quốc hội, có hiệu lực
#    kể từ ngày 01 tháng 7 năm 2009, được sửa đổi, bổ sung bởi:"
#   "1. Luật số 32/2013/QH13 ngày 19 tháng 6 năm 2013 của Quốc hội sửa đổi, bổ sung …;"
#   "Thông tư số 16/2018/TT-BLĐTBXH ngày 12 tháng 10 năm 2018 của Bộ trưởng …, có hiệu lực
#    kể từ ngày …, được sửa đổi, bổ sung bởi:" / "Thông tư số 12/2024/TT-BLĐTBXH ngày …"
#   "… được sửa đổi, bổ sung, bãi bỏ bởi:"; "… có hiệu lực từ ngày 25 tháng 11 năm 2019 được
#    sửa đổi bổ sung bởi:"; "… được sửa đổi, bổ sung bởi: Luật hải quan số 54/2014/QH13 …"
#   (the list on the same line); an item wrapped: "1. Thông tư số 68/2024/TT-BTC ngày 18
#    tháng 9 năm 2024 của Bộ trưởng" / "Bộ Tài chính sửa đổi, bổ sung …"
# The title often runs into it on one line: "HẢI QUAN Luật Hải quan số 54/2014/QH13 ngày …".
_TYPES = (
    r"(?:Hiến pháp|Bộ luật|Luật|Pháp lệnh|Nghị quyết liên tịch|Nghị quyết|Nghị định|"
    r"Thông tư liên tịch|Thông tư|Quyết định|Lệnh|Chỉ thị)"
)
_STATED = re.compile(rf"{_TYPES}(?:\s+[^\s.;:]+){{0,14}}?\s+số\s+\d+[\w/.-]*\s+ngày\s+\d")
_ITEM = re.compile(rf"^(?:\d+\.\s*)?{_TYPES}(?:\s+[^\s.;:]+){{0,14}}?\s+số\s+\d")
_AMENDED_BY = re.compile(
    r"được sửa đổi(?:,?\s*bổ sung)?(?:,?\s*bãi bỏ)?(?: một số điều)? bởi\s*:?", re.IGNORECASE
)
_ENDED = re.compile(r"[.;:]\s*$")


@dataclass
class Statement:
    """A VBHN's opening statement, split out of the paragraphs after its type line."""

    title: list[str]  # what stands before it: the consolidated document's title
    documents: list[str]  # the paragraphs that name the documents, base first
    rest: list[str]  # the căn cứ and enacting lines that follow


def statement(paragraphs: list[str], doc_type: str | None = None) -> Statement | None:
    """The statement among the paragraphs after a VBHN's type line, or None when there is
    none (a copy that left it out). The base is the first document of the VBHN's type
    (`doc_type`, from its type line) named with its number and date: a title may cite
    another ("… hướng dẫn thi hành một số điều của Nghị định số 09/2013/NĐ-CP ngày …");
    each amending document is the first one its item names (an item goes on to name what
    it amends)."""
    if not paragraphs:
        return None
    for i, text in enumerate(paragraphs[:12]):
        starts = (t.start() for t in re.finditer(_TYPES, text))  # overlapping candidates
        # its kind's first words: "Thông tư liên tịch" is also written "Thông tư liên lịch"
        kind = " ".join((doc_type or "").lower().split()[:2]) + " "
        m = next(
            (
                m
                for m in (_STATED.match(text, k) for k in starts)
                if m and (doc_type is None or m.group(0).lower().startswith(kind))
            ),
            None,
        )
        if not m or not any(_AMENDED_BY.search(t) for t in paragraphs[i : i + 2]):
            continue
        title = [*paragraphs[:i], text[: m.start()].strip()]
        base = text[m.start() :]
        by = _AMENDED_BY.search(base)
        named = [base[: by.end()]] if by else [base]
        if by:  # the amending documents on the same line: "… bởi: Luật hải quan số 54/2014/…"
            named.extend(t.strip() for t in base[by.end() :].split(";") if t.strip())
        j = i + 1
        while j < len(paragraphs) and (
            _ITEM.match(paragraphs[j]) or not _ENDED.search(paragraphs[j - 1])
        ):
            if _ITEM.match(paragraphs[j]):
                named.append(paragraphs[j])
            else:  # an item wrapped onto a line of its own
                named[-1] = f"{named[-1]} {paragraphs[j]}"
            j += 1
        return Statement([t for t in title if t], named, paragraphs[j:])
    return None
