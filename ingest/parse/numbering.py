"""Numbering systems of Vietnamese legal texts: point letters, Roman numerals, ordinals."""

from __future__ import annotations

import re

# Điểm are lettered in the Vietnamese alphabet order, which has đ and lacks f, j, w, z.
POINT_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
_POINT_INDEX = {letter: i for i, letter in enumerate(POINT_LETTERS)}

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")

# "Phần thứ nhất" ... ordinals used for Phần headings.
ORDINALS = {
    "nhất": 1,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mười một": 11,
    "mười hai": 12,
}


_DIGIT_WORDS = {
    "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}  # fmt: skip


def ordinal_value(words: str) -> int | None:
    """ "thứ nhất" -> 1, "thứ tư" -> 4, "thứ mười hai" -> 12, "thứ hai mươi mốt" -> 21,
    "thứ 59" -> 59: the article numbers of the 1945–1960 decrees."""
    tokens = words.lower().split()
    if tokens and tokens[0] == "thứ":
        tokens = tokens[1:]
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0].isdigit():
        return int(tokens[0])
    if tokens == ["nhất"]:
        return 1
    if tokens[0] == "mười":
        rest = tokens[1:]
        return 10 + (_DIGIT_WORDS.get(rest[0], -100) if rest else 0) if len(rest) <= 1 else None
    if len(tokens) >= 2 and tokens[1] == "mươi" and tokens[0] in _DIGIT_WORDS:
        tens = _DIGIT_WORDS[tokens[0]] * 10
        rest = tokens[2:]
        return tens + (_DIGIT_WORDS.get(rest[0], -100) if rest else 0) if len(rest) <= 1 else None
    if len(tokens) == 1:
        return _DIGIT_WORDS.get(tokens[0])
    return None


def roman_to_int(text: str) -> int | None:
    text = text.upper()
    if not text or not _ROMAN_RE.match(text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN[ch]
        if i + 1 < len(text) and _ROMAN[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def int_to_roman(n: int) -> str:
    out = []
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def point_index(letter: str) -> int | None:
    """Position of a point letter in the Vietnamese order; None for f, j, w, z and others."""
    return _POINT_INDEX.get(letter.lower())


def split_number(number: str) -> tuple[int, str]:
    """ "10a" -> (10, "a"); inserted units carry a letter or digit suffix after the base."""
    m = re.match(r"(\d+)(.*)", number)
    return (int(m.group(1)), m.group(2)) if m else (0, number)


def id_token(number: str) -> str:
    """The id-safe form of a unit number: ASCII, with đ written dd so it stays distinct from d."""
    return number.lower().replace("đ", "dd").replace(".", "")


# an article's code in the Bộ pháp điển: "Điều 16.1.LQ.1.", "Điều 36.3.NĐ.2.5." (đề mục
# 16.1, from a Luật, its article 1): a page of the Bộ pháp điển numbers its articles so
PHAPDIEN_CODE = r"\d+\.\d+\.[A-ZĐ]+(?:\.\d+)*[a-zđ]?"
