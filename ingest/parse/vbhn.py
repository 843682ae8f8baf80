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
