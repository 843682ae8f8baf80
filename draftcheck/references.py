"""Dẫn chiếu: references to units of the draft or of other documents that do not exist,
and to documents that are not in force on the draft's date — in the text and in căn cứ."""

from __future__ import annotations

import re
from collections.abc import Iterator

from draftcheck.database import Database
from draftcheck.draft import Draft
from draftcheck.report import Finding
from ingest.links.resolve import (
    DOC_NOT_IN_DB,
    IN_PAYLOAD,
    INSTRUCTION,
    UNIT_NOT_FOUND,
    CitationRow,
)
from ingest.links.validity import EXPIRED, NOT_YET
from ingest.parse.numbering import roman_to_int
from schema.model import CHUONG, MUC, Unit, label_from_id


def instruction_units(draft: Draft) -> set[str]:
    """Ids of the units that amend another document, with everything under them."""
    out: set[str] = set()
    for unit in draft.doc.walk():
        heading = unit.heading if unit.type == "dieu" else ""
        first = unit.text[0] if unit.text else ""
        if INSTRUCTION.match(heading) or INSTRUCTION.match(first) or _amends(heading):
            out.update(u.id for u in unit.walk())
    return out


def _amends(heading: str) -> bool:
    return heading.lower().startswith(("sửa đổi", "bổ sung", "bãi bỏ"))


# References the resolver cannot place with certainty are not reported: those relative to
# an enclosing unit ("Mục này", "điểm a đến điểm g khoản này") and points written as numbers
# (an old style: "các điểm 3, 4 Điều 157"). Precision matters more than recall for a check
# that rejects.
_RELATIVE = re.compile(r"\b(?:Phần|Chương|Mục|Điều|khoản|điểm)\s+này\b", re.IGNORECASE)
_NUMERIC_POINT = re.compile(r"\bđiểm\s+\d", re.IGNORECASE)
_THIS = re.compile(r"\bnày\b")
_CONTAINER = re.compile(r"\b(?:Phần|Chương|Mục|PHẦN|CHƯƠNG|MỤC)\s")
# Articles whose references to ended documents are expected: they end them, or say what
# happens to what was done under them.
_TRANSITIONAL = re.compile(r"hiệu lực|chuyển tiếp|thi hành|tổ chức thực hiện", re.IGNORECASE)


def confident(row: CitationRow, own_parts: bool = False) -> bool:
    """`own_parts`: the reference is to the draft, which has chapters; its Phần, Chương and
    Mục are then resolved as surely as its articles. Without them, a "Chương III" is of a
    template or annex (TT 80/2025: "Mục 5.3 Chương III … thuộc Mẫu số 02")."""
    text = row.text
    if _RELATIVE.search(text) or _NUMERIC_POINT.search(text):
        return False
    if _CONTAINER.search(text):
        return own_parts
    return bool(re.search(r"\bĐiều\s+\d", text)) or row.reason.startswith("khoản")


def check(
    draft: Draft,
    rows: list[CitationRow],
    db: Database | None,
    incomplete: dict[str, list[str]] | None = None,
) -> Iterator[Finding]:
    """`incomplete`: stored documents whose amendments the database lacks (the draft's
    căn cứ names them), with those amending documents: a unit missing from them may have
    been inserted by one, so it is not reported as missing."""
    units = {u.id: u for u in draft.doc.walk()}
    amending = instruction_units(draft)
    ended_here = {
        c.target.number
        for c in draft.doc.metadata.relations
        if c.target.number and c.kind in ("het_hieu_luc", "bai_bo", "thay_the")
    }
    incomplete = incomplete or {}
    reported: set[str] = set()
    missing: dict[tuple, tuple[str, str, int | None, list[str]]] = {}
    has_chapters = any(u.type == CHUONG for u in units.values())
    numerals = _numerals(units.values())
    named_later = _documents_named_later(rows, draft.doc.id, units)
    named_before = _documents_named_before(rows, draft.doc.id, units)
    citing_appendices = {  # appendices that name other documents
        _appendix(r.unit_id) for r in rows if r.target_doc and r.target_doc_id != draft.doc.id
    } - {None}
    for row in rows:
        if row.status == IN_PAYLOAD:
            continue
        unit = units.get(row.unit_id or "")
        line = _line(draft, unit, row)
        own = row.target_doc_id == draft.doc.id
        if row.unit_id in amending and not (own and _THIS.search(row.text)):
            # the amendment checks read these against the amended text: "Thay thế cụm từ …
            # tại điểm a khoản 1 Điều 4; khoản 3 Điều 10" names the amended decree's units,
            # "Khoản 9 Điều 1 của Nghị định này" the text's own
            continue
        if row.status == UNIT_NOT_FOUND:
            if not confident(row, own and has_chapters) or (
                not own and row.target_doc_id in incomplete
            ):
                continue
            if own and _amended_here(row, unit):
                continue  # "… tại Điều 89a được bổ sung theo khoản 27 Điều 1 của Luật này"
            if own and _numbered_otherwise(row.text, numerals):
                continue  # "a) Mục I. Người sử dụng đất …": the certificate's, not the Mục 1
            if own and id(row) in named_later:
                continue  # "… tại điểm a khoản 3 Điều 236; … tại khoản 4 Điều 236 Luật Đất đai"
            if (
                own
                and not _THIS.search(row.text)
                and (id(row) in named_before or _not_of_the_body(row, unit))
            ):
                continue
            if own and (row.unit_id or "").startswith("phu_luc") and "Điều" not in row.text:
                continue  # an appendix's "Mục 1 Phần VII" is its own outline, not the body's
            if own and _appendix(row.unit_id) in citing_appendices:
                continue  # a table of legal bases: "Nghị định số 49/2018/NĐ-CP …" | "Điều 7;"
            rule = "ref.internal-unit" if own else "ref.external-unit"
            where = "dự thảo" if own else _doc_label(db, row.target_doc_id)
            # one finding a reference, however many of the units it lists are missing:
            # "khoản 1 đến khoản 20 Điều 12 của Luật này" when Điều 12 has 7
            key = (rule, row.unit_id, row.paragraph, row.start, row.text)
            if key not in missing:
                missing[key] = (f"{_cited_in(unit)} dẫn chiếu “{row.text}”", where, line, [])
            missing[key][3].append(row.reason or "không có")
            continue
        if db is None or own or row.target_doc in ended_here:
            continue
        if _in_transitional(draft, row.unit_id):
            continue
        if row.status == DOC_NOT_IN_DB and row.target_doc and "/" in row.target_doc:
            yield from _document(draft, db, None, row.target_doc, unit, line, reported)
        elif row.target_doc_id:
            yield from _document(draft, db, row.target_doc_id, row.target_doc, unit, line, reported)
    for (rule, unit_id, *_), (cited, where, line, reasons) in missing.items():
        said = "; ".join(dict.fromkeys(reasons))
        yield Finding(rule, f"{cited}: {said} trong {where}", line, unit_id)
    if db is not None and draft.normative:
        yield from _can_cu(draft, db)


# a unit the text amends, named as it stands after the amendment: "… được thực hiện theo
# quy định tại Điều 89a được bổ sung theo khoản 27 Điều 1 của Luật này" (Luật 07/2022/QH15
# Điều 4, its transitional rules, of the Luật Sở hữu trí tuệ's new Điều 89a)
_AMENDED_BY = re.compile(
    r"\s*được (?:sửa đổi, bổ sung|sửa đổi|bổ sung|thay thế) (?:theo|bởi|tại)\b"
)


def _amended_here(row: CitationRow, unit: Unit | None) -> bool:
    if unit is None:
        return False
    paragraphs = unit.text + unit.tail
    if row.paragraph >= len(paragraphs):
        return False
    return bool(_AMENDED_BY.match(paragraphs[row.paragraph], row.start + len(row.text)))


_PART_REFERENCE = re.compile(r"\b(Chương|Mục)\s+([IVXLC]+|\d+)\b")


def _numerals(units) -> dict[str, set[bool]]:
    """For the draft's Chương and Mục: whether their numbers are Roman."""
    out: dict[str, set[bool]] = {CHUONG: set(), MUC: set()}
    for unit in units:
        if unit.type in out:
            out[unit.type].add(roman_to_int(unit.number) is not None)
    return out


def _numbered_otherwise(text: str, numerals: dict[str, set[bool]]) -> bool:
    """A Chương or Mục numbered as none of the draft's are: Roman where the draft's Mục are
    Arabic ("Tại các mục I, II, III, IV trên Giấy chứng nhận …" / "a) Mục I. Người sử dụng
    đất …", Thông tư 10/2024/TT-BTNMT, a form's own sections), or Arabic where its chapters
    are Roman. It is of another text: a form, a template, an annex."""
    for word, number in _PART_REFERENCE.findall(text):
        level = CHUONG if word == "Chương" else MUC
        if numerals[level] and (roman_to_int(number) is not None) not in numerals[level]:
            return True
    return False


def _appendix(unit_id: str | None) -> str | None:
    """The appendix (phụ lục) a unit is in, if any."""
    if not unit_id or not unit_id.startswith("phu_luc"):
        return None
    return unit_id.split("__")[0]


def _documents_named_later(
    rows: list[CitationRow], own_id: str, units: dict[str, Unit]
) -> set[int]:
    """References to the text's own units that a document named later in the same
    sentence may govern: the list of NĐ 151/2025/NĐ-CP "b) Khoản 5 và khoản 11 Điều 9;
    khoản 1 Điều 19; … các Điều 21, 22, 28 … Nghị định số 101/2024/NĐ-CP;" (on one line, or
    over lines that end in ";"), or "… quy định tại điểm a khoản 3 Điều 236; … quy định tại
    khoản 4 Điều 236 Luật Đất đai". Whether the name governs the earlier references the
    grammar cannot tell; a checker that must never reject a sound text does not call them
    missing."""
    by_unit: dict[str | None, list[CitationRow]] = {}
    for row in rows:
        by_unit.setdefault(row.unit_id, []).append(row)
    out: set[int] = set()
    for unit_id, group in by_unit.items():
        unit = units.get(unit_id or "")
        paragraphs = (unit.text + unit.tail) if unit else []
        external = [
            (r.paragraph, r.start) for r in group if r.target_doc and r.target_doc_id != own_id
        ]
        for row in group:
            if row.target_doc_id != own_id:
                continue
            for p, start in external:
                same = p == row.paragraph and start > row.start
                later = p > row.paragraph and all(
                    t.rstrip().endswith((";", ":", ",")) for t in paragraphs[row.paragraph : p]
                )
                if same or later:
                    out.add(id(row))
                    break
    return out


# A sentence ends at a full stop before a capital; a lead-in at its colon.
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZĐÀ-Ỹ])")


def _documents_named_before(
    rows: list[CitationRow], own_id: str, units: dict[str, Unit]
) -> set[int]:
    """Bare references (no "này") after another document is named, in the same sentence or
    in the lead-in of the unit they are in, which the grammar cannot tell from that
    document's: "Nghị định này quy định chi tiết … Luật Người lao động Việt Nam đi làm việc
    ở nước ngoài theo hợp đồng về:" / "1. … theo khoản 2 Điều 10; khoản 4 Điều 12; …"
    (Nghị định 112/2021/NĐ-CP, Điều 1), "Bộ luật tố tụng dân sự số 24/2004/QH11 … hết hiệu
    lực …, trừ các quy định tại Điều 159 và điểm h khoản 1 Điều 192" (Bộ luật Tố tụng dân
    sự 2015, Điều 517), "Đính chính … tại Thông tư số … như sau:" / "a) Tại khoản 2 Điều
    11 …". Whether the name governs them is for a reader; a check that must never reject a
    sound text does not call them missing."""
    by_unit: dict[str | None, list[CitationRow]] = {}
    for row in rows:
        by_unit.setdefault(row.unit_id, []).append(row)

    def external(unit_id: str | None) -> list[CitationRow]:
        return [
            r
            for r in by_unit.get(unit_id, [])
            if r.target_doc and r.target_doc_id != own_id and not _THIS.search(r.text)
        ]

    def lead_in_names(unit_id: str) -> bool:
        """An enclosing unit's opening paragraph, ending with a colon, names a document."""
        parts = unit_id.split("__")
        for depth in range(len(parts) - 1, 0, -1):
            parent = units.get("__".join(parts[:depth]))
            if parent is None or not parent.text:
                continue
            if parent.text[0].rstrip().endswith(":") and any(
                r.paragraph == 0 for r in external(parent.id)
            ):
                return True
        return False

    out: set[int] = set()
    for unit_id, group in by_unit.items():
        unit = units.get(unit_id or "")
        if unit is None:
            continue
        paragraphs = unit.text + unit.tail
        named = external(unit_id)
        inherited = lead_in_names(unit.id)
        for row in group:
            if row.target_doc_id != own_id:
                continue
            if inherited:
                out.add(id(row))
                continue
            for r in named:
                if r.paragraph == row.paragraph and r.start < row.start:
                    text = paragraphs[row.paragraph] if row.paragraph < len(paragraphs) else ""
                    if not _SENTENCE_END.search(text, r.start + len(r.text), row.start):
                        out.add(id(row))
                        break
                elif (
                    r.paragraph < row.paragraph
                    and r.paragraph == 0
                    and paragraphs[0].rstrip().endswith(":")
                ):
                    out.add(id(row))
                    break
    return out


# What a unit's number may belong to instead of the text's body, when it follows it: an
# appendix or a form ("Mục 4 và Mục 5 Phần B của Phụ lục I ban hành kèm theo Thông tư
# này", Thông tư 11/2024/TT-BTNMT; "Mục IV Mẫu số 02"), a document named by what it is
# ("Mục III Chương trình …", "Mục I của Chương trình 167"), a sum ("khoản 10%").
_NOT_THE_BODY_AFTER = re.compile(
    r"\s*(?:,\s*)?(?:Phần\s+[A-ZĐ]\b|(?:(?:của|thuộc|tại|trong|trên)\s+)?(?:các\s+)?"
    r"(?:Phụ lục|phụ lục|Mẫu|mẫu|Biểu|biểu|Giấy|giấy|Chương trình|Đề án|Kế hoạch|Quy chế|"
    r"Quy định|Điều lệ|Phương án|Danh mục|Bảng|bảng|Hướng dẫn)\b)|\s*%"
)
_LETTER_PART = re.compile(r"\bPhần\s+[A-Z]\b")  # "Phần B": an appendix's, never a law's
_CLOSED = (".", ";", ":", ",", "!", "?", ")", "”", '"', "]")


def _not_of_the_body(row: CitationRow, unit: Unit | None) -> bool:
    """A reference to the text's own units that names something else's: what follows it
    (an appendix, a form, a named programme), or a reference that ends a line left open,
    whose document is on the next ("… các khoản 1, 2, 3, 5, 6, 7 và 8" / "Điều 38 của Luật
    này", Luật Nhà ở 2023; "Điều 25 của" / "Luật phòng, chống mua bán người")."""
    if _LETTER_PART.search(row.text):
        return True
    if unit is None:
        return False
    paragraphs = unit.text + unit.tail
    if row.paragraph >= len(paragraphs):
        return False
    text = paragraphs[row.paragraph]
    end = row.start + len(row.text)
    if _NOT_THE_BODY_AFTER.match(text, end):
        return True
    rest = text[end:].strip()
    return (not rest or rest in ("của", "của các", "các")) and not text.rstrip().endswith(_CLOSED)


def _line(draft: Draft, unit: Unit | None, row: CitationRow) -> int | None:
    if unit is None:
        return None
    paragraphs = unit.text + unit.tail
    if row.paragraph < len(paragraphs):
        return draft.paragraph_line(paragraphs[row.paragraph], unit.line)
    return unit.line


def _document(
    draft: Draft,
    db: Database,
    doc_id: str | None,
    written: str | None,
    unit,
    line: int | None,
    reported: set,
) -> Iterator[Finding]:
    key = doc_id or written or ""
    if key in reported:
        return
    reported.add(key)
    number = written if written and "/" in written else None
    standing = db.standing(doc_id, number, draft.at)
    unit_id = unit.id if unit else None
    label = db.label(doc_id) if doc_id else written
    if standing.status == EXPIRED:
        yield Finding(
            "ref.document-not-in-force",
            f"{_cited_in(unit)} dẫn chiếu {label}: văn bản này đã hết hiệu lực vào ngày "
            f"{draft.at.strftime('%d/%m/%Y')}{_replaced(standing.ended_by)}",
            line,
            unit_id,
        )
    elif standing.status == NOT_YET and number:  # a name resolves to the newest of that name
        yield Finding(
            "ref.document-not-yet",
            f"{_cited_in(unit)} dẫn chiếu {label}: chưa có hiệu lực vào ngày "
            f"{draft.at.strftime('%d/%m/%Y')}",
            line,
            unit_id,
        )
    elif doc_id is None:
        yield Finding(
            "ref.document-unknown",
            f"{_cited_in(unit)} dẫn chiếu {written}: chưa có trong cơ sở dữ liệu, không kiểm "
            "tra được hiệu lực",
            line,
            unit_id,
        )


def _can_cu(draft: Draft, db: Database) -> Iterator[Finding]:
    seen: set[str] = set()
    for citation in draft.doc.metadata.can_cu:
        written = citation.number or citation.name or ""
        if not written or written in seen:
            continue
        seen.add(written)
        line = next((p.line for p in draft.preamble if p.text == citation.text), None)
        doc_id = db.lookup(citation.number, None if citation.number else citation.name)
        standing = db.standing(doc_id, citation.number, draft.at)
        label = db.label(doc_id) if doc_id else written
        if standing.status == EXPIRED:
            yield Finding(
                "ref.can-cu-not-in-force",
                f"Căn cứ {label}: văn bản này đã hết hiệu lực vào ngày "
                f"{draft.at.strftime('%d/%m/%Y')}{_replaced(standing.ended_by)}",
                line,
            )
        elif doc_id is None and citation.number:
            yield Finding(
                "ref.can-cu-unknown",
                f"Căn cứ {written}: chưa có trong cơ sở dữ liệu, không kiểm tra được hiệu lực",
                line,
            )


def incomplete_targets(draft: Draft, db: Database) -> dict[str, list[str]]:
    """Stored documents the căn cứ says were amended by documents not stored: "Căn cứ Luật
    Đấu thầu số 22/2023/QH15 được sửa đổi, bổ sung bởi Luật số 57/2024/QH15, Luật số
    90/2025/QH15;" with 90/2025/QH15 absent makes the stored Luật Đấu thầu incomplete."""
    out: dict[str, list[str]] = {}
    for text in draft.doc.preamble:
        if not text.startswith("Căn cứ") or "sửa đổi" not in text:
            continue
        numbers = re.findall(r"\d+/\d{4}/[A-ZĐ][A-ZĐ0-9-]*", text)
        if len(numbers) < 2:
            continue
        target = db.lookup(numbers[0], None)
        missing = [n for n in numbers[1:] if db.lookup(n, None) is None]
        if target and missing:
            out[target] = missing
    return out


def _in_transitional(draft: Draft, unit_id: str | None) -> bool:
    article = next(
        (a for a in draft.doc.articles() if unit_id and (unit_id + "__").startswith(a.id + "__")),
        None,
    )
    return bool(article and _TRANSITIONAL.search(article.heading or ""))


def _replaced(enders: list[str]) -> str:
    return f"; đã được thay thế bởi {', '.join(enders)}" if enders else ""


def _doc_label(db: Database | None, doc_id: str | None) -> str:
    return db.label(doc_id) if db is not None and doc_id else "văn bản được dẫn chiếu"


def _cited_in(unit: Unit | None) -> str:
    if unit is None:
        return "Văn bản"
    label = label_from_id(unit.id) or unit.label
    return label[:1].upper() + label[1:]
