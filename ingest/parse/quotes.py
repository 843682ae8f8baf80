"""Quotation marks, which decide what is an amendment payload: text between “ and ” (or
the straight quotes copies use instead) is another document's new wording, never this
document's structure. Straight quotes open before a word and close after one:
'…như sau: "Điều 5. …' opens, '…tài Khoản."Điều 2.' closes; one after a bracket opens
too: 'ghi “Various” ("Nhiều người sản xuất”)' (Thông tư 62/2019/TT-BTC on thuvienphapluat,
a straight quote closed by a curly one)."""

from __future__ import annotations

import re
from collections.abc import Iterator

# straight quotes stand in for curly ones in copies: opening before a word, closing after one
_STRAIGHT_OPEN = re.compile(r'(?:^|(?<=[\s(\[]))"(?=\S)')
_STRAIGHT_CLOSE = re.compile(r'(?<=\S)"(?=\s|$|[.,;:)]|Điều)')


def quote_balance(text: str, opens: bool = True) -> int:
    """Quotes opened minus closed in a paragraph, curly or straight; `opens` False counts
    only the closing ones (a line whose opening quote never closes)."""
    if '"' not in text:  # most paragraphs: no regular expression to run
        return (text.count("“") if opens else 0) - text.count("”")
    opened = text.count("“") + len(_STRAIGHT_OPEN.findall(text)) if opens else 0
    return opened - text.count("”") - len(_STRAIGHT_CLOSE.findall(text))


_MARK = re.compile(rf"(?P<open>“|{_STRAIGHT_OPEN.pattern})|(?P<close>”|{_STRAIGHT_CLOSE.pattern})")


def quote_marks(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, opens) of each quotation mark, curly or straight, in text order, read
    as quote_balance() counts them."""
    if '"' not in text and "“" not in text and "”" not in text:
        return
    for m in _MARK.finditer(text):
        yield m.start(), m.end(), m.group("open") is not None
