"""Quotation marks, which decide what is an amendment payload: text between “ and ” (or
the straight quotes copies use instead) is another document's new wording, never this
document's structure. Straight quotes open before a word and close after one:
'…như sau: "Điều 5. …' opens, '…tài Khoản."Điều 2.' closes."""

from __future__ import annotations

import re

# straight quotes stand in for curly ones in copies: opening before a word, closing after one
_STRAIGHT_OPEN = re.compile(r'(?:^|(?<=\s))"(?=\S)')
_STRAIGHT_CLOSE = re.compile(r'(?<=\S)"(?=\s|$|[.,;:)]|Điều)')


def quote_balance(text: str, opens: bool = True) -> int:
    """Quotes opened minus closed in a paragraph, curly or straight; `opens` False counts
    only the closing ones (a line whose opening quote never closes)."""
    if '"' not in text:  # most paragraphs: no regular expression to run
        return (text.count("“") if opens else 0) - text.count("”")
    opened = text.count("“") + len(_STRAIGHT_OPEN.findall(text)) if opens else 0
    return opened - text.count("”") - len(_STRAIGHT_CLOSE.findall(text))
