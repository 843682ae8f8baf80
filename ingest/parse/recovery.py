"""Headings a copy damaged, recovered before the unit tree is built: the parser then reads
the article as the document has it. Each recovery is reported with its line."""

from __future__ import annotations

import re

from ingest.parse.layout import heading_match
from ingest.parse.numbering import split_number
from ingest.parse.quotes import quote_balance
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


# the first khoản's number glued inside its article's heading line, as thuvienphapluat and
# old copies print it: "Điều 63. Chuyển hồ sơ vụ vi phạm để xử phạt hành chính 1.[117] Đối
# với vụ việc …" (VBHN 31/VBHN-VPQH, its footnote mark already taken off), "Điều 9. Thu
# thập thông tin, … tiềm năng đất đai 1.Thu thập các thông tin …" (Thông tư
# 11/2024/TT-BTNMT), "Điều 33 1- Khi được cơ quan …" (Luật Đất đai 1993); never a number a
# unit word or "số" names ("… sửa đổi Điều 1.", "khoản 1.")
_GLUED_FIRST_KHOAN = re.compile(
    r"(?<![Đđ]iều)(?<!khoản)(?<!điểm)(?<!số)(?<!Mục)(?<!Chương)(?<!lục)(?<!Mẫu)\s+1(?P<mark>\.|-(?=\s))\s*"
    r"(?=[A-ZĐÀ-Ỹ“\"]|$)"
)
_UNTITLED_DIEU = re.compile(r"^Điều\s+\d+[a-zđ]?(?=\s+1[.-]\s)")  # "Điều 33 1- Khi …"
# "2. …", "3." when the copy lost its 2, or "2." alone on its line, its words on the next
_NEXT_KHOAN = re.compile(r"^[23](?P<mark>\.|-(?=\s))(?:\s*\S|$)")


def split_glued_first_khoan(paragraphs: list[Paragraph], issues: list[Issue]) -> list[Paragraph]:
    """An article heading that holds its first khoản ("… hành chính 1. Đối với vụ việc …"),
    split when the article's next numbered paragraph is its khoản 2 (or 3) in that style, and
    reported: otherwise the article reads as untitled, or as titled with its first khoản,
    and its "2." as a khoản without a first."""
    out: list[Paragraph] = []
    for i, p in enumerate(paragraphs):
        hit = heading_match(p.text) if p.text and not p.in_table else None
        untitled = _UNTITLED_DIEU.match(p.text) if p.text and not p.in_table else None
        article = (hit and hit[0] == DIEU) or untitled
        m = _GLUED_FIRST_KHOAN.search(p.text, 6) if article else None
        if m is None:
            out.append(p)
            continue
        nxt = next(
            (
                q.text
                for q in paragraphs[i + 1 : i + 60]
                if q.text
                and (
                    _NEXT_KHOAN.match(q.text) or q.text.startswith("Điều") or heading_match(q.text)
                )
            ),
            "",
        )
        second = _NEXT_KHOAN.match(nxt)
        if not second or second.group("mark") != m.group("mark"):
            out.append(p)
            continue
        head, rest = p.text[: m.start()].rstrip(), p.text[m.end() :].strip()
        out.append(Paragraph(head, p.line, p.in_table, p.notes, p.footnotes))
        out.append(Paragraph(f"1{m.group('mark')} {rest}".rstrip(), p.line, p.in_table))
        issues.append(
            Issue(
                "warning",
                "khoan-recovered",
                f"khoản 1 was glued to the heading of its article: “{head[:80]}”",
                p.line,
            )
        )
    return out


_GLUED_POINT_A = re.compile(r"(?<=[^\s(“\"])\s+a\)\s+(?=[A-ZĐÀ-Ỹ])")


_NEXT_UNIT = re.compile(r"^(?:[a-zđ]\)|\d{1,3}[a-zđ]?\.\s|Điều\s+\d|Chương\s|Mục\s)")


def _b_follows(paragraphs: list[Paragraph], i: int) -> bool:
    """Point b) opens the next unit after paragraph i, within a few paragraphs."""
    for q in paragraphs[i + 1 : i + 13]:
        if q.text and _NEXT_UNIT.match(q.text):
            return q.text.startswith("b) ")
    return False


def split_glued_first_point(paragraphs: list[Paragraph], issues: list[Issue]) -> list[Paragraph]:
    """A point a) glued after the words that open its list, the next line being point b):
    "4. Xây dựng bản đồ chất lượng đất a) Rà soát, chỉnh lý ranh giới khoanh đất …" /
    "b) Nhập kết quả phân tích mẫu đất …" (Thông tư 11/2024/TT-BTNMT on thuvienphapluat);
    also when point a) holds paragraphs of its own before b) ("… phục hồi đất a) Bản đồ kết
    quả … như sau:" / "Bản đồ … cả nước theo tỷ lệ 1:1.000.000." / … / "b) …", the same
    Thông tư, Điều 6). Split and reported; otherwise b) reads as a point without its a)."""
    out: list[Paragraph] = []
    for i, p in enumerate(paragraphs):
        m = _GLUED_POINT_A.search(p.text) if "a)" in p.text and not p.in_table else None
        if m is None or not _b_follows(paragraphs, i) or quote_balance(p.text[: m.start()]) > 0:
            out.append(p)
            continue
        out.append(Paragraph(p.text[: m.start()], p.line, p.in_table, p.notes, p.footnotes))
        out.append(Paragraph(f"a) {p.text[m.end() :]}", p.line, p.in_table))
        issues.append(
            Issue("warning", "diem-recovered", "point a) was glued to the line before", p.line)
        )
    return out
