"""Vietnamese dates as legal texts write them: "ngày 01 tháng 7 năm 2025", "01/7/2025",
and in words, "ngày mười lăm tháng bảy năm hai nghìn không trăm hai mươi lăm"."""

from __future__ import annotations

import re
from datetime import date

_DIGITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}

DATE_LONG = re.compile(
    r"ngày\s*(?:mồng\s+|mùng\s+)?(\d{1,2}|[a-zà-ỹđ]+(?:\s+[a-zà-ỹđ]+){0,2}?)\s+tháng\s+"
    r"(\d{1,2}|[a-zà-ỹđ]+(?:\s+[a-zà-ỹđ]+)?)\s+năm\s+(\d{4}|[a-zà-ỹđ]+(?:\s+[a-zà-ỹđ]+){1,8})",
    re.IGNORECASE,
)
DATE_SHORT = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")


def words_to_int(text: str) -> int | None:
    """Vietnamese number words up to the thousands: "hai mươi lăm" -> 25,
    "hai nghìn không trăm hai mươi lăm" -> 2025. None if a word is not a number word."""
    text = text.lower().strip()
    if text.isdigit():
        return int(text)
    total, current = 0, None
    for word in text.split():
        if word in ("nghìn", "ngàn"):
            total += (1 if current is None else current) * 1000
            current = None
        elif word == "trăm":
            current = (1 if current is None else current) * 100
        elif word in ("mươi", "chục"):
            current = current or 0
            current = current - current % 10 + (current % 10) * 10
        elif word == "mười":
            current = (current or 0) + 10
        elif word in ("linh", "lẻ"):
            continue
        elif word in _DIGITS:
            current = (current or 0) + _DIGITS[word]
        else:
            return None
    return total + (current or 0)


def parse_date_match(day: str, month: str, year: str) -> date | None:
    m = 1 if month.lower().strip() == "giêng" else words_to_int(month)
    d, y = words_to_int(day), words_to_int(year)
    if d is None or m is None or y is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_date(text: str) -> date | None:
    """The first date written in the text, long or short form."""
    m = DATE_LONG.search(text)
    if m:
        found = parse_date_match(*m.groups())
        if found:
            return found
    m = DATE_SHORT.search(text)
    if m:
        return parse_date_match(*m.groups())
    return None
