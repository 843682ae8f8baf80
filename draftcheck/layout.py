"""Bố cục and numbering: Phần, Chương, Mục, Điều, khoản and điểm numbered in sequence and
titled; no empty unit; points under an introductory paragraph.

The structure parser is lenient on purpose (a real document must still be read): it reports
gaps and Latin letters, and leaves a numbered line that breaks its sequence as text of the
unit before. Those reports, and such stray numbered lines, are what these checks read."""

from __future__ import annotations

import re
from collections.abc import Iterator

from draftcheck.draft import Draft
from draftcheck.report import Finding
from ingest.links.resolve import INSTRUCTION
from ingest.parse.layout import REPEALED, is_upper_text
from ingest.parse.numbering import ORDINALS, POINT_LETTERS, int_to_roman, point_index, roman_to_int
from ingest.parse.quotes import quote_balance
from schema.model import (
    CHUONG,
    DIEM,
    DIEU,
    KHOAN,
    MUC,
    PHAN,
    PHU_LUC,
    TIEU_MUC,
    Issue,
    Unit,
    label_from_id,
)

_FROM_PARSER = {
    "dieu-gap": "structure.dieu-sequence",
    "dieu-order": "structure.dieu-sequence",
    "khoan-gap": "structure.khoan-sequence",
    "diem-gap": "structure.diem-sequence",
    "diem-letter": "structure.diem-letter",
    "duplicate-id": "structure.duplicate-unit",
}
# a khoản subdivided by decimal numbers, each with its own points: "1.1. Thu hoạt động
# nghiệp vụ …:" / "a) …" / "b) …" / "1.3. Thu từ hoạt động khác:" / "a) …" (TT 33/2026/TT-BTC)
_SUBDIVISION = re.compile(r"^\d+\.\d+\.?\s+\S")
_STRAY_KHOAN = re.compile(r"^(\d+)\.\s+\S")
_SECTION = re.compile(r"^[IVXLC]+\.\s+\S")
_STRAY_DIEM = re.compile(r"^([a-zđ])\)\s+\S")


def check(draft: Draft) -> Iterator[Finding]:
    appendix = min((u.line for u in draft.doc.units if u.type == PHU_LUC and u.line), default=0)
    for issue in draft.parse_issues:
        rule = _FROM_PARSER.get(issue.code)
        if rule and appendix and (issue.line or 0) >= appendix:
            continue  # a form in an appendix numbers its own articles: "Mẫu số 05 … Điều 1."
        if rule:
            yield Finding(rule, _vi(issue), issue.line, issue.unit_id)
    body = [u for u in draft.doc.units if u.type != PHU_LUC]
    articles = [u for root in body for u in root.walk() if u.type == DIEU]
    if not articles:
        if draft.normative:  # a Chỉ thị or a Công văn is not written in articles
            yield Finding("structure.no-dieu", "Văn bản không có điều nào", _first_line(draft))
        return
    yield from _headings(draft, body)
    lines = draft
    # Hiến pháp is not made under Luật 2015 and its articles are untitled by tradition
    titles_required = draft.normative and draft.doc.metadata.doc_type != "Hiến pháp"
    formula = _promulgates(articles)
    read_on = _read_on(draft)
    for article in articles:
        first = article.text[0] if article.text else ""
        if not article.heading and titles_required and not _long_title(article, lines):
            if INSTRUCTION.match(first) or (formula and not article.children):
                # "Điều 7. Bãi bỏ Điều 9.": an amending article says what it does; the
                # articles of a text that issues another ("Điều 1. Ban hành kèm theo Thông
                # tư này Danh mục …", "Điều 2. Thông tư này có hiệu lực …") are sentences
                continue
            yield Finding(
                "structure.dieu-title",
                f"{article.label} không có tiêu đề",
                article.line,
                article.id,
            )
        in_plan = False  # past "III. MỤC TIÊU, YÊU CẦU": the plan's own numbering
        for unit in article.walk():
            yield from _unit(unit, lines, read_on, numbered=not in_plan)
            in_plan = in_plan or any(_plan_section(t) for t in unit.text + unit.tail)


def _promulgates(articles: list[Unit]) -> bool:
    """A short text whose first article issues the text attached to it."""
    first = articles[0].text[0] if articles and articles[0].text else ""
    return len(articles) <= 6 and bool(re.match(r"^Ban hành kèm theo\b", first))


def _first_line(draft: Draft) -> int:
    return next((p.line for p in draft.paragraphs if p.text), 1)


# Vietnamese wording of the parser's findings, from the facts it records (Issue.params).
_MESSAGES = {
    "dieu-gap": "Thiếu {missing}: sau Điều {after} là Điều {number}",
    "dieu-order": "Điều {number} đứng sau Điều {after}: số điều lặp lại hoặc sai thứ tự",
    "khoan-gap": "{parent} thiếu khoản {missing}",
    "diem-gap": "{parent}: sau điểm {after} là điểm {letter}, bỏ qua điểm {missing}",
    "diem-letter": "Điểm {letter}) sau điểm {after}): chữ {letter} không có trong bảng chữ cái "
    "tiếng Việt (a b c d đ e g h i k …)",
    "duplicate-id": "{label} xuất hiện hai lần ở cùng một chỗ",
}


def _vi(issue: Issue) -> str:
    """Parser messages are English (they go to ingest logs); the officer reads Vietnamese."""
    params = dict(issue.params)
    if issue.code == "dieu-gap":
        first, last = params["first"], params["last"]
        params["missing"] = f"Điều {first}" if first == last else f"Điều {first} đến Điều {last}"
    return _MESSAGES[issue.code].format(**params)


def _headings(draft: Draft, body: list[Unit]) -> Iterator[Finding]:
    chuong_seen: list[int] = []
    phan_seen: list[int] = []
    new_phan = False  # a Phần opened since the last chapter: its chapters may restart at I
    for root in body:
        for unit in root.walk():
            new_phan = new_phan or unit.type == PHAN
            if unit.type not in (PHAN, CHUONG, MUC, TIEU_MUC):
                continue
            if not unit.heading:
                yield Finding(
                    "structure.heading-title", f"{unit.label} không có tiêu đề", unit.line, unit.id
                )
            if unit.type == CHUONG:
                value = roman_to_int(unit.number)
                if value is None:
                    yield Finding(
                        "structure.chuong-numeral",
                        f"{unit.label}: chương phải đánh số La Mã (I, II, III, …)",
                        unit.line,
                        unit.id,
                    )
                    value = int(unit.number) if unit.number.isdigit() else None
                if value is not None:
                    expected = (chuong_seen[-1] + 1) if chuong_seen else 1
                    if value != expected:
                        restart = value == 1 and new_phan  # as texts before 2016 number them
                        said = f"{unit.label} đứng ở vị trí của Chương {int_to_roman(expected)}"
                        yield Finding(
                            "structure.chuong-restart" if restart else "structure.chuong-sequence",
                            f"{said}: chương được đánh số liên tục trong cả văn bản"
                            if restart
                            else said,
                            unit.line,
                            unit.id,
                        )
                    chuong_seen.append(value)
                    new_phan = False
                yield from _muc_sequence(unit)
            elif unit.type == PHAN:
                words = unit.number.lower().split(None, 1)
                value = ORDINALS.get(words[1]) if len(words) == 2 else roman_to_int(unit.number)
                expected = (phan_seen[-1] + 1) if phan_seen else 1
                if value is not None and value != expected:
                    yield Finding(
                        "structure.chuong-sequence",
                        f"{unit.label} không liền sau phần trước",
                        unit.line,
                        unit.id,
                    )
                if value is not None:
                    phan_seen.append(value)


def _muc_sequence(chuong: Unit) -> Iterator[Finding]:
    mucs = [c for c in chuong.children if c.type == MUC]
    for expected, muc in enumerate(mucs, start=1):
        value = int(muc.number) if muc.number.isdigit() else roman_to_int(muc.number)
        if value != expected:
            yield Finding(
                "structure.muc-sequence",
                f"{muc.label} của {chuong.label} đứng ở vị trí của Mục {expected}",
                muc.line,
                muc.id,
            )
            return


def _long_title(article: Unit, lines: Draft) -> bool:
    """A title too long for the parser to take as one ("Điều 96. Thanh toán chi phí mua
    thuốc … tự bảo đảm chi thường xuyên và chi đầu tư, …"): on the heading line, with no
    closing punctuation."""
    first = article.text[0] if article.text else ""
    return (
        bool(first)
        and first[-1] not in ".:;,"
        and lines.paragraph_line(first, article.line) == (article.line)
    )


def _plan_section(text: str) -> bool:
    """A section of a plan the article approves: "II. VỊ TRÍ, VAI TRÒ …" / "1. Vị trí"
    (Nghị quyết 175/NQ-CP, Quyết định 892/QĐ-TTg). Its khoản start again at 1, so what
    follows in the article is numbered by the plan, not by the article."""
    return bool(_SECTION.match(text)) and is_upper_text(text)


def _unit(unit: Unit, lines: Draft, read_on: set[int], numbered: bool = True) -> Iterator[Finding]:
    own = [t for t in unit.text if t.strip()]
    repealed = bool(REPEALED.match(unit.heading or ""))  # "Điều 52. (được bãi bỏ)" in a VBHN
    if unit.type in (DIEU, KHOAN, DIEM) and not (own or unit.children or unit.tail or repealed):
        yield Finding(
            "structure.empty-unit", f"{_cite(unit)} không có nội dung", unit.line, unit.id
        )
    points = [c for c in unit.children if c.type == DIEM]
    if points and not own:
        yield Finding(
            "structure.diem-intro",
            f"{_cite(unit)} có các điểm nhưng không có đoạn mở đầu",
            points[0].line,
            unit.id,
        )
    if unit.type not in (KHOAN, DIEM, DIEU):
        return
    depth = 0
    for index, text in enumerate(unit.text + unit.tail):
        if depth == 0 and read_on and lines.paragraph_line(text, unit.line) in read_on:
            depth = 1  # the parser read on past a ” the source put too early
        in_quote = depth > 0 or text.lstrip().startswith(("“", '"'))
        depth = max(0, depth + quote_balance(text))  # curly or straight: '"Điều 82a. …'
        if in_quote or index == 0 and unit.type != DIEU:
            continue
        if _SUBDIVISION.match(text):
            return  # "1.3. Thu từ hoạt động khác:": the points after it start again at a)
        if unit.type == DIEM and _STRAY_KHOAN.match(text):
            # a khoản the parser refused, left in the point before it: the points after it
            # are its own and start again at a). Its number is reported where the break is
            # (VBHN 4804/VBHN-BLĐTBXH Điều 13: "7." … "5." … "10." … "11." / "a) Quà tặng …")
            return
        if _plan_section(text) or not numbered:
            return
        found = list(_stray(unit, text, lines))
        yield from found
        if found and unit.type == DIEU and not unit.children:
            return  # one report for an article whose khoản are all unnumbered or broken


def _read_on(draft: Draft) -> set[int]:
    """Lines where the parser took a quotation closed too early by the source as going on
    (ingest.parse.structure: "quote-closed-early")."""
    return {i.line for i in draft.parse_issues if i.code == "quote-closed-early" and i.line}


def _stray(unit: Unit, text: str, lines: Draft) -> Iterator[Finding]:
    """A numbered line the parser refused: it breaks the sequence of its level."""
    khoan = _STRAY_KHOAN.match(text)
    article_khoans = unit.type == KHOAN or (
        unit.type == DIEU and any(c.type == KHOAN for c in unit.children)
    )
    if khoan and unit.type == DIEU and not article_khoans and int(khoan.group(1)) >= 2:
        yield Finding(
            "structure.khoan-sequence",
            f"{unit.label} có khoản “{khoan.group(1)}.” nhưng không có khoản 1 đánh số đúng "
            "(“1. …”)",
            lines.paragraph_line(text, unit.line),
            unit.id,
        )
        return
    if khoan and article_khoans and unit.type != DIEM:
        number = int(khoan.group(1))
        last = int(re.match(r"\d+", unit.number).group()) if unit.type == KHOAN else 0
        if number <= last or number > last + 2:
            where = "lặp lại" if number <= last else "không liền sau"
            yield Finding(
                "structure.khoan-sequence",
                f"Khoản “{number}.” {where} khoản {last or 'trước'} trong {_article_of(unit)}",
                lines.paragraph_line(text, unit.line),
                unit.id,
            )
        return
    point = _STRAY_DIEM.match(text)
    if point and unit.type == DIEM:
        letter = point.group(1)
        index, last = point_index(letter), point_index(unit.number.rstrip("0123456789"))
        if letter not in POINT_LETTERS:
            rule = "structure.diem-letter"
            say = f"chữ {letter} không có trong bảng chữ cái tiếng Việt"
        elif index is not None and last is not None and index <= last:
            rule, say = "structure.diem-sequence", f"lặp lại hoặc đứng sau điểm {unit.number}"
        else:
            rule, say = "structure.diem-sequence", f"không liền sau điểm {unit.number}"
        yield Finding(
            rule, f"Điểm “{letter})” {say}", lines.paragraph_line(text, unit.line), unit.id
        )


def _article_of(unit: Unit) -> str:
    parts = unit.id.split("__")
    dieu = next((p for p in parts if p.startswith("dieu_")), "")
    return f"Điều {dieu.removeprefix('dieu_')}" if dieu else unit.label


def _cite(unit: Unit) -> str:
    return label_from_id(unit.id) or unit.label
