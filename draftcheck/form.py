"""Thể thức: the header (quốc hiệu, tiêu ngữ, cơ quan, số ký hiệu, địa danh and date), tên
loại and trích yếu, căn cứ and the enacting line, signature and nơi nhận."""

from __future__ import annotations

import re
from collections.abc import Iterator

from draftcheck.draft import Draft
from draftcheck.report import Finding
from draftcheck.rules import VBHN
from ingest.parse.metadata import (
    NUMBER_TO_COME,
    doc_type_from_number,
    find_type_line,
    split_type_and_title,
)
from ingest.parse.text import fold

_QUOC_HIEU = "cong hoa xa hoi chu nghia viet nam"
_TIEU_NGU = re.compile(r"doc lap\s*[-–—]\s*tu do\s*[-–—]\s*hanh phuc")
_NUMBER_FORMS = {
    "Luật": re.compile(r"^\d+/\d{4}/QH\d+$"),
    "Bộ luật": re.compile(r"^\d+/\d{4}/QH\d+$"),
    "Pháp lệnh": re.compile(r"^\d+/\d{4}/(?:PL-)?UBTVQH\d+$"),
    "Nghị định": re.compile(r"^\d+/\d{4}/NĐ-CP$"),
}
# the codes are capitals, except the Thủ tướng's "TTg" (Nghị định 30/2020/NĐ-CP, Phụ lục
# III): "12/2024/QĐ-TTg"
_GENERAL_FORM = re.compile(r"^\d+/\d{4}/[A-ZĐ]+(?:-(?:TTg|[A-ZĐ][A-ZĐ0-9]*))+$|^\d+/\d{4}/QH\d+$")
_BLANK_DATE = re.compile(r",?\s*ngày\s*[.…_\s]*tháng\s*[.…_\s]*năm\s*(?:\d{4}|[.…_\s]+)")
_SAME_CODE = {"Bộ luật": "Luật"}
_AUTHENTICATION = re.compile(r"X[ÁA]C TH[ỰU]C\s+V[ĂA]N B[ẢA]N H[ỢO]P NH[ẤA]T", re.IGNORECASE)
_PARLIAMENT = {"Hiến pháp", "Luật", "Bộ luật", "Pháp lệnh"}
_COLLECTIVE = re.compile(r"^(?:ỦY BAN|UỶ BAN|HỘI ĐỒNG|CHÍNH PHỦ|QUỐC HỘI)")


def check(draft: Draft) -> Iterator[Finding]:
    md = draft.doc.metadata
    draft_preamble = split_type_and_title(draft.preamble)  # "LUẬT CĂN CƯỚC" on one line
    type_at = find_type_line(draft_preamble)
    header = draft_preamble[:type_at] if type_at is not None else draft_preamble[:15]
    first = next((p.line for p in draft.paragraphs if p.text), 1)
    header_text = [fold(p.text).lower() for p in header]

    if not any(_QUOC_HIEU in t for t in header_text):
        yield Finding("form.quoc-hieu", "Không có dòng “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”", first)
    if not any(_TIEU_NGU.search(t) for t in header_text):
        yield Finding("form.tieu-ngu", "Không có dòng “Độc lập - Tự do - Hạnh phúc”", first)
    if not md.issuer or md.issuer_inferred:
        yield Finding("form.issuer", "Không có tên cơ quan ban hành ở đầu văn bản", first)

    number_line = next((p.line for p in header if re.search(r"\bs[ốo]\s*:", p.text, re.I)), first)
    yield from _number(draft, number_line)

    if md.issued is None and not any(_BLANK_DATE.search(p.text) for p in header):
        yield Finding(
            "form.place-date",
            "Không có dòng địa danh và ngày, tháng, năm ban hành (“Hà Nội, ngày … tháng … năm …”)",
            first,
        )
    if md.doc_type == "Công văn":
        # an administrative letter has no tên loại line: its trích yếu is the "V/v …" under
        # its number (Nghị định 30/2020/NĐ-CP, Phụ lục I: "Số: 2739/VPCP-ĐMDN V/v quy định
        # về quản trị doanh nghiệp …", Công văn of the Văn phòng Chính phủ, 2019)
        if not any("v/v" in t for t in header_text):
            yield Finding("form.title", "Công văn không có trích yếu nội dung (“V/v …”)", first)
    elif type_at is None:
        yield Finding(
            "form.doc-type",
            "Không có dòng tên loại văn bản (LUẬT, NGHỊ ĐỊNH, THÔNG TƯ, QUYẾT ĐỊNH, …)",
            first,
        )
    elif not md.title or md.title == md.doc_type:
        yield Finding(
            "form.title",
            f"Dòng {draft_preamble[type_at].text} không có trích yếu nội dung theo sau",
            draft_preamble[type_at].line,
        )
    if draft.normative and md.doc_type != "Hiến pháp":
        yield from _can_cu(draft, draft_preamble, type_at)
    yield from _signature(draft)
    if draft.kind == VBHN and not any(_AUTHENTICATION.search(p.text) for p in draft.paragraphs):
        last = next((p.line for p in reversed(draft.paragraphs) if p.text), first)
        yield Finding(
            "form.vbhn-authentication",
            "Không có phần “XÁC THỰC VĂN BẢN HỢP NHẤT” (số, ký hiệu, ngày và chữ ký của "
            "người xác thực)",
            last,
        )


def _number(draft: Draft, line: int) -> Iterator[Finding]:
    md = draft.doc.metadata
    if not md.number:
        if md.doc_type != "Hiến pháp" and not _number_to_come(draft):
            yield Finding("form.number-missing", "Không có số, ký hiệu (“Số: …”)", line)
        return
    number = md.number
    has_year = bool(re.match(r"^\d+/\d{4}/", number))
    if not has_year and not draft.normative:
        yield Finding(
            "form.not-normative",
            f"Số, ký hiệu {number} không có năm ban hành: văn bản cá biệt; các quy định riêng "
            "cho văn bản quy phạm pháp luật (thời điểm có hiệu lực, …) không được kiểm tra",
            line,
        )
        return
    form = _NUMBER_FORMS.get(md.doc_type or "", _GENERAL_FORM)
    if not form.match(number):
        yield Finding(
            "form.number-format",
            f"Số, ký hiệu {number} không đúng dạng của {md.doc_type or 'văn bản'} "
            f"(ví dụ {_example(md.doc_type)})",
            line,
        )
        return
    by_code = doc_type_from_number(number)
    declared = md.doc_type
    if declared == "Nghị quyết" and by_code == "Luật":
        by_code = None  # a Quốc hội's number serves its laws and its resolutions: /QH15
    if by_code and declared and _SAME_CODE.get(declared, declared) != by_code:
        if not (by_code == "Quyết định" and declared == "Quyết định"):
            yield Finding(
                "form.number-type",
                f"Số, ký hiệu {number} là ký hiệu của {by_code}, nhưng tên loại là {declared}",
                line,
            )
    year = int(number.split("/")[1])
    if md.issued and md.issued.year != year:
        yield Finding(
            "form.number-year",
            f"Số, ký hiệu {number} mang năm {year}, văn bản ký ngày "
            f"{md.issued.strftime('%d/%m/%Y')}",
            line,
        )


def _number_to_come(draft: Draft) -> bool:
    """Also over two lines: "Số:" / "/2015/TT-BLĐTBXH"."""
    texts = [p.text for p in draft.paragraphs[:30] if p.text]
    return any(
        NUMBER_TO_COME.match(f"{t} {texts[i + 1]}" if t.endswith(":") and i + 1 < len(texts) else t)
        for i, t in enumerate(texts)
    )


def _example(doc_type: str | None) -> str:
    return {
        "Luật": "22/2023/QH15",
        "Bộ luật": "45/2019/QH14",
        "Nghị định": "214/2025/NĐ-CP",
        "Thông tư": "79/2025/TT-BTC",
        "Pháp lệnh": "02/2022/UBTVQH15",
    }.get(doc_type or "", "12/2025/QĐ-UBND")


def _can_cu(draft: Draft, preamble: list, type_at: int | None) -> Iterator[Finding]:
    md = draft.doc.metadata
    after = preamble[type_at + 1 :] if type_at is not None else preamble
    where = after[0].line if after else (preamble[-1].line if preamble else 1)
    if not any(p.text.startswith("Căn cứ") for p in after):
        yield Finding(
            "form.can-cu",
            f"{md.doc_type or 'Văn bản'} phải nêu căn cứ ban hành (“Căn cứ …;”)",
            where,
        )
    enacting = re.compile(
        r"ban hành\s+(?:Bộ luật|Luật|Pháp lệnh|Nghị quyết|Nghị định|Thông tư|Quyết định)|"
        r"^(?:QUYẾT ĐỊNH|QUYẾT NGHỊ)\s*:?\s*$",
        re.IGNORECASE,
    )
    if not any(enacting.search(t) for t in draft.doc.preamble):
        last = next((p.line for p in reversed(after) if p.text), where)
        yield Finding(
            "form.enacting-formula",
            "Không có câu ban hành sau phần căn cứ (ví dụ “Chính phủ ban hành Nghị định …”)",
            last,
        )


def _signature(draft: Draft) -> Iterator[Finding]:
    md = draft.doc.metadata
    closing = [p for p in draft.closing if p.text]
    end = closing[-1].line if closing else (draft.paragraphs[-1].line if draft.paragraphs else 1)
    if not any(p.text.startswith("Nơi nhận") for p in closing) and md.doc_type not in _PARLIAMENT:
        if not (md.number or "").endswith(tuple(f"QH{n}" for n in range(10, 20))):
            yield Finding("form.noi-nhan", "Không có phần “Nơi nhận:”", end)
    missing = [
        label
        for value, label in (
            (md.signing_authority or md.signer_title, "quyền hạn, chức vụ"),
            (md.signer, "họ tên người ký"),
        )
        if not value
    ]
    if missing:
        yield Finding("form.signature", "Phần chữ ký thiếu " + " và ".join(missing), end)
    if not (md.signing_authority or md.signer_title):
        return
    block = f"{md.signing_authority or ''} {md.signer_title or ''}".upper()
    authority = (md.signing_authority or "").upper()
    wrong = None
    if md.doc_type == "Nghị định" and "TM. CHÍNH PHỦ" not in authority:
        wrong = "Nghị định do Thủ tướng ký thay mặt Chính phủ (“TM. CHÍNH PHỦ”)"
    elif md.doc_type in ("Luật", "Bộ luật") and "CHỦ TỊCH QUỐC HỘI" not in block:
        wrong = f"{md.doc_type} do Chủ tịch Quốc hội ký chứng thực"
    elif md.doc_type == "Thông tư" and authority.startswith("TM."):
        wrong = "Thông tư do Bộ trưởng ký theo thẩm quyền riêng, không ký “TM.”"
    elif md.doc_type == "Quyết định":
        enacting = _enacting_authority(draft)
        if enacting and _COLLECTIVE.match(enacting) and "TM." not in authority:
            wrong = f"Quyết định của tập thể ({enacting}) phải ký “TM.”"
        elif enacting and not _COLLECTIVE.match(enacting) and authority.startswith("TM."):
            wrong = f"Quyết định của cá nhân ({enacting}) không ký “TM.”"
    if wrong:
        yield Finding("form.signing-authority", f"Phần chữ ký “{block.strip()}”: {wrong}", end)


def _enacting_authority(draft: Draft) -> str | None:
    """The upper-case line naming who issues, just before the căn cứ ("ỦY BAN NHÂN DÂN TỈNH
    NAM ĐỊNH", "BỘ TRƯỞNG BỘ Y TẾ")."""
    for text in draft.doc.preamble:
        if text.startswith("Căn cứ"):
            return None
        if text.isupper():
            return text
    return None
