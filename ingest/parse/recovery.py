"""Headings a copy damaged, recovered before the unit tree is built: the parser then reads
the article as the document has it. Each recovery is reported with its line."""

from __future__ import annotations

import re

from ingest.parse.layout import heading_match
from ingest.parse.numbering import split_number
from schema.model import DIEU, Issue, Paragraph

_BARE_NUMBER = re.compile(r"^(?:\d{1,3}[a-zđ]?\.|[a-zđ]\d?\))$")
_UNIT_START = re.compile(r"^(?:\d{1,3}[a-zđ]?\.|[a-zđ]\d?\))(?:\s|$)")
_TITLE_ONLY = re.compile(r"^(\d+)\.\s+([A-ZĐ][^.;:!?]{2,100})$")
_FIRST_KHOAN = re.compile(r"^1\.\s+\S")


def restore_dropped_dieu_words(paragraphs: list[Paragraph], issues: list[Issue]) -> list[Paragraph]:
    """An article whose heading lost its "Điều": "2. Đối tượng áp dụng" (a short title, no
    closing punctuation) between Điều 1 and Điều 3, followed by its own "1. …". Taken as
    Điều 2, and reported."""
    out = list(paragraphs)
    last = 0
    for i, p in enumerate(out):
        hit = heading_match(p.text) if p.text and not p.in_table else None
        if hit and hit[0] == DIEU:
            last = split_number(hit[1])[0]
            continue
        m = _TITLE_ONLY.match(p.text) if p.text and not p.in_table else None
        if not m or int(m.group(1)) != last + 1 or last == 0:
            continue
        nxt = next((q.text for q in out[i + 1 : i + 4] if q.text), "")
        later = (heading_match(q.text) for q in out[i + 1 :] if q.text.startswith("Điều"))
        follows = next((h for h in later if h and h[0] == DIEU), None)
        if _FIRST_KHOAN.match(nxt) and follows and split_number(follows[1])[0] == last + 2:
            out[i] = Paragraph(f"Điều {p.text}", p.line, p.in_table, p.notes, p.footnotes)
            issues.append(
                Issue(
                    "warning",
                    "heading-recovered",
                    f"“{p.text}” read as Điều {m.group(1)}: its heading lost the word Điều",
                    p.line,
                )
            )
            last += 1
    return out


def join_bare_numbers(paragraphs: list[Paragraph], issues: list[Issue]) -> list[Paragraph]:
    """A khoản or điểm number alone on its line, its words on the next ("2." / "Trường hợp
    do yêu cầu quản lý, …", Nghị định 103/2024/NĐ-CP on thuvienphapluat): one paragraph, as
    the document has it. Otherwise "2." is read as words of khoản 1 and khoản 2 goes missing."""
    out: list[Paragraph] = []
    skip = False
    for i, p in enumerate(paragraphs):
        if skip:
            skip = False
            continue
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        if (
            nxt is not None
            and not p.in_table
            and not nxt.in_table
            and _BARE_NUMBER.match(p.text)
            and nxt.text
            and not _UNIT_START.match(nxt.text)
            and heading_match(nxt.text) is None
        ):
            out.append(
                Paragraph(
                    f"{p.text} {nxt.text}",
                    p.line,
                    p.in_table,
                    [*p.notes, *nxt.notes],
                    [*p.footnotes, *nxt.footnotes],
                )
            )
            issues.append(
                Issue(
                    "warning",
                    "number-alone",
                    f"“{p.text}” alone on its line: joined with the line after it",
                    p.line,
                )
            )
            skip = True
            continue
        out.append(p)
    return out
