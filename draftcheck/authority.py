"""Thẩm quyền and hiệu lực: the type of document matches the body that issues it; the
effective date respects the minimum delay after signing; no retroactive effect for rules
that impose obligations or liability."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

from draftcheck.draft import Draft
from draftcheck.report import Finding
from draftcheck.rules import QUOC_HOI
from ingest.links.citations import extract
from ingest.parse.dates import find_date
from ingest.parse.hieu_luc import SUBJECT_THIS
from ingest.parse.text import fold
from schema.model import DIEU

# Luật 2015, Điều 4: who issues which type (folded, lower case, prefixes of the issuer name)
_ISSUERS = {
    "Hiến pháp": ("quoc hoi",),
    "Bộ luật": ("quoc hoi",),
    "Luật": ("quoc hoi",),
    "Pháp lệnh": ("uy ban thuong vu quoc hoi",),
    "Nghị định": ("chinh phu",),
    "Thông tư": (
        "bo ",
        "toa an nhan dan toi cao",
        "vien kiem sat nhan dan toi cao",
        "ngan hang nha nuoc",
        "thanh tra chinh phu",
        "van phong chinh phu",
        "uy ban dan toc",
    ),
    # between ministers and heads of cơ quan ngang bộ, the Chánh án, the Viện trưởng, the
    # Tổng Kiểm toán (Luật 2008 Điều 2; Luật 80/2015/QH13 Điều 4 khoản 8 and 9): "Ủy ban
    # Dân tộc; Bộ Tài chính" (2014) is a cơ quan ngang bộ and a ministry
    "Thông tư liên tịch": (
        "bo ",
        "toa an",
        "vien kiem sat",
        "kiem toan nha nuoc",
        "ngan hang nha nuoc",
        "thanh tra chinh phu",
        "van phong chinh phu",
        "uy ban dan toc",
    ),
    "Quyết định": (
        "thu tuong",
        "uy ban nhan dan",
        "kiem toan nha nuoc",
        "bo ",
        "tong cuc",
        "cuc ",
        "ngan hang nha nuoc",
    ),
    "Nghị quyết": (
        "quoc hoi",
        "uy ban thuong vu quoc hoi",
        "chinh phu",
        "hoi dong nhan dan",
        "hoi dong tham phan",
    ),
}
_MIN_DAYS = {"trung_uong": 45, "tinh": 10, "huyen": 7, "xa": 7}
_LEVEL_VI = {
    "trung_uong": "cơ quan nhà nước ở trung ương",
    "tinh": "cấp tỉnh",
    "huyen": "cấp huyện",
    "xa": "cấp xã",
}
_EXCEPTION = re.compile(r"rút gọn|khẩn cấp|cấp bách|tình trạng khẩn", re.IGNORECASE)
_RETRO = re.compile(
    r"(?:có hiệu lực|được áp dụng|áp dụng)(?:\s+thi hành)?\s+(?:kể\s+)?từ\s+(?=ngày\s+\d)",
    re.IGNORECASE,
)
# Luật 80/2015/QH13 Điều 152 khoản 2 forbids a retroactive rule that sets legal liability,
# new or heavier: sanctions. A retroactive obligation, a right or an exemption may be
# lawful (khoản 1: for the common interest, for the rights of those it governs), which
# the text cannot tell: a warning asks the officer (Nghị định 141/2026/NĐ-CP, an
# exemption in force from 01/01/2026 signed 29/04/2026; Luật 07/2022/QH15 Điều 3 khoản 2)
_LIABILITY = re.compile(
    r"\b(?:xử phạt|bị phạt|phạt tiền|truy cứu|trách nhiệm pháp lý|trách nhiệm hình sự"
    r"|xử lý vi phạm|xử lý kỷ luật)\b",
    re.IGNORECASE,
)
_OBLIGATION = re.compile(r"\b(?:phải|nghĩa vụ|nghiêm cấm)\b", re.IGNORECASE)
# the whole text takes the date: "Nghị định này có hiệu lực thi hành từ ngày …"
_WHOLE_TEXT = re.compile(rf"(?:\d+\.\s+)?(?:{SUBJECT_THIS.pattern}|Văn bản\s+này)", re.IGNORECASE)


def check(draft: Draft) -> Iterator[Finding]:
    md = draft.doc.metadata
    first = next((p.line for p in draft.paragraphs if p.text), 1)
    allowed = _ISSUERS.get(md.doc_type or "")
    if allowed and md.issuer:
        issuer = fold(md.issuer).lower()
        agencies = [a.strip() for a in issuer.split(";")] if "liên tịch" in md.doc_type else []
        if not all(a.startswith(allowed) for a in agencies or [issuer]) and not (
            md.doc_type == "Thông tư" and issuer.startswith("bo")
        ):
            yield Finding(
                "authority.type-issuer",
                f"{md.issuer} không có thẩm quyền ban hành {md.doc_type}",
                first,
            )
    if not draft.normative or md.doc_type == "Hiến pháp":
        return
    articles = draft.doc.articles()
    last = articles[-1] if articles else None
    if md.effective is None and md.effective_text:
        return  # stated, dated by its publication in the Công báo: nothing to compare
    if md.effective is None:
        yield Finding(
            "dates.effective-missing",
            "Không có quy định về thời điểm có hiệu lực (“… có hiệu lực thi hành từ ngày …”)",
            last.line if last else first,
            last.id if last else None,
        )
        return
    if md.issued is None:
        return
    where = _unit_with(draft, md.effective_text) or last
    line, unit_id = (where.line, where.id) if where else (first, None)
    start = _adopted(draft) or md.issued
    days = (md.effective - start).days
    minimum = _MIN_DAYS[draft.level]
    stated = bool(md.effective_text and _EXCEPTION.search(md.effective_text))
    if days == 0 and not stated:
        yield Finding(
            "dates.effective-on-signing",
            "Văn bản có hiệu lực từ ngày ký: chỉ được quy định như vậy khi ban hành theo trình "
            "tự, thủ tục rút gọn hoặc trong tình trạng khẩn cấp; đề nghị xác nhận",
            line,
            unit_id,
        )
    elif 0 < days and days + 1 < minimum and not stated:
        # "không sớm hơn 45 ngày kể từ ngày thông qua hoặc ký ban hành": the day of signing
        # is the first of them, as ministries count (signed 25/01/2022, in force 10/3/2022:
        # Thông tư 01/2022/TT-BLĐTBXH and 08/2023/TT-BLĐTBXH), so a day's difference in
        # counting never rejects a text
        said = "thông qua" if start != md.issued else "ký"
        yield Finding(
            "dates.effective-early-qh" if draft.kind == QUOC_HOI else "dates.effective-too-early",
            f"Có hiệu lực từ ngày {md.effective.strftime('%d/%m/%Y')}, chỉ {days} ngày sau ngày "
            f"{said} {start.strftime('%d/%m/%Y')}; văn bản của {_LEVEL_VI[draft.level]} có "
            f"hiệu lực không sớm hơn {minimum} ngày "
            f"(sớm nhất {(start + timedelta(days=minimum - 1)).strftime('%d/%m/%Y')})",
            line,
            unit_id,
        )
    yield from _retroactive(draft)


# "Nghị quyết này đã được Hội đồng Thẩm phán Tòa án nhân dân tối cao thông qua ngày 21
# tháng 02 năm 2020" (Nghị quyết 01/2020/NQ-HĐTP): the delay runs from the adoption
_ADOPTED = re.compile(r"\bthông qua\s+(?:vào\s+)?ngày\s+\d", re.IGNORECASE)


def _adopted(draft: Draft):
    """The adoption date a collegial body's text states, when before its signing."""
    md = draft.doc.metadata
    texts = [p.text for p in draft.closing] + [u.full_text() for u in draft.doc.articles()[-2:]]
    for text in texts:
        m = _ADOPTED.search(text)
        when = find_date(text[m.start() :]) if m else None
        if when and md.issued and when < md.issued:
            return when
    return None


def _unit_with(draft: Draft, text: str | None):
    if not text:
        return None
    return next((u for u in draft.doc.walk() if text in u.text and u.type != DIEU), None) or next(
        (u for u in draft.doc.walk() if text in u.text), None
    )


def _retroactive(draft: Draft) -> Iterator[Finding]:
    md = draft.doc.metadata
    articles = {u.number: u for u in draft.doc.articles()}
    for unit in draft.doc.walk():
        for text in unit.text:
            for m in _RETRO.finditer(text):
                when = find_date(text[m.end() : m.end() + 60])
                if when is None or when >= md.issued:
                    continue
                scope = _retroactive_scope(draft, articles, text[: m.start()])
                said = (
                    f"Quy định có hiệu lực từ {when.strftime('%d/%m/%Y')}, trước ngày ký "
                    f"{md.issued.strftime('%d/%m/%Y')}"
                )
                if scope is not None and _LIABILITY.search(scope):
                    yield Finding(
                        "dates.retroactive",
                        f"{said}, trong khi quy định đó đặt ra trách nhiệm pháp lý",
                        unit.line,
                        unit.id,
                    )
                elif scope is None or _OBLIGATION.search(scope):
                    yield Finding(
                        "dates.retroactive-review",
                        f"{said}: cần xác nhận quy định này không đặt ra trách nhiệm pháp lý "
                        "mới hoặc nặng hơn",
                        unit.line,
                        unit.id,
                    )


def _retroactive_scope(draft: Draft, articles: dict, subject: str) -> str | None:
    """The text a retroactive date applies to: the whole text ("Nghị định này …"), the
    articles it names ("Các nội dung quy định tại Điều 37 Thông tư này …"), or None when
    it says it in words ("Quy định về bảo hộ nhãn hiệu là dấu hiệu âm thanh …")."""
    if _WHOLE_TEXT.fullmatch(subject.strip()):
        return "\n".join(u.full_text() for u in draft.doc.units)
    named = [
        articles[path["dieu"]]
        for ref in extract(subject)
        if ref.doc is None or ref.doc.this
        for path in ref.units
        if path.get("dieu") in articles
    ]
    return "\n".join(u.full_text() for u in named) if named else None
