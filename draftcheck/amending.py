"""Sửa đổi, bổ sung: every instruction of an amending draft is read with the machinery
that consolidates issued amendments (ingest/consolidation/: instructions.py, apply.py) and
applied to the amended document as it stands on the draft's date. What would fail to apply
is what the drafters must fix: a target that does not exist, an insert position that does
not exist or a number already taken, a phrase not found, "như sau:" with nothing quoted."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from draftcheck.database import Database
from draftcheck.draft import Draft
from draftcheck.report import Finding
from ingest.consolidation.apply import consolidate
from ingest.consolidation.instructions import (
    NO_ANCHOR,
    NO_PAYLOAD,
    NO_PHRASE,
    NO_TARGET,
    NOT_READ,
    NUMBER_TAKEN,
    Operation,
    parse_instructions,
    waiting_instructions,
)
from ingest.links.citations import extract
from ingest.links.resolve import IN_PAYLOAD, INSTRUCTION, CitationRow
from ingest.links.validity import EXPIRED
from ingest.parse.quotes import quote_balance
from schema.model import Unit, label_from_id

_AS_FOLLOWS = re.compile(r"như sau\s*:\s*$")
# What may follow "như sau:": the new text in quotation marks, curly or straight ('"Điều
# 82a. Quy hoạch …"', Luật 35/2018/QH14); the new rows of a table ("| 1.4 | Phí thẩm
# định …", Luật Bảo vệ môi trường 2020); or the operations themselves, when the
# instruction heads them: "Thay thế các cụm từ như sau:" / "- Cụm từ “…” bằng cụm từ
# “…”" (Nghị định 226/2025/NĐ-CP), "Sửa đổi, bổ sung khoản 4 như sau:" / "Bổ sung cụm từ
# “tính thu tiền thuê đất” vào sau …" (Nghị định 291/2025/NĐ-CP), "c1) Sửa đổi, bổ sung
# điểm 2 như sau:". Prose that says the change in other words is no payload: "Điều chỉnh
# ngày công quy đổi là 02 ngày công." (Thông tư 21/2023/TT-BKHĐT)
_PAYLOAD_START = re.compile(
    r"\s*(?:[“\"|]|-\s|[a-zđ]\d+\)\s|(?:Sửa đổi|Bổ sung|Bãi bỏ|Bỏ|Thay thế|Thay|Đổi)\b.*[“\"])"
)
# an operation on named units, which needs no quotation: "a) Sửa đổi, bổ sung khoản 1 như
# sau:" / "Bãi bỏ điểm d và sửa đổi điểm đ thành điểm d." (Nghị định 291/2025/NĐ-CP)
_OPERATION = re.compile(
    r"\s*(?:Bãi bỏ|Bỏ|Sửa đổi|Đổi)\s+(?:các\s+)?(?:điểm|khoản|Điều|tiết|mục)\s+\S+"
    r"(?:(?!như sau)[^“\"])*[.;]$"
)
_RULES = {
    NO_TARGET: "amend.target-missing",
    NO_ANCHOR: "amend.insert-anchor",
    NUMBER_TAKEN: "amend.insert-taken",
    NO_PHRASE: "amend.phrase-absent",
    NO_PAYLOAD: "amend.payload-missing",
}


def check(draft: Draft, rows: list[CitationRow], db: Database | None) -> Iterator[Finding]:
    units = {u.id: u for u in draft.doc.walk()}
    yield from _unquoted(draft)
    if db is None:
        return
    # the document an instruction amends is the first it names: those after it name its
    # amendments or its title ("… khoản 2 Điều 34 của Luật Quy hoạch số 21/2017/QH14 đã
    # được sửa đổi, bổ sung một số điều theo Luật số 15/2023/QH15, …, Luật số 57/2024/QH15",
    # Luật Đường sắt 2025; "… tại khoản 2 Điều 6 của Thông tư số 09/2020/TT-BLĐTBXH … quy
    # định chi tiết … Bộ luật Lao động", Thông tư 08/2023/TT-BLĐTBXH)
    first: dict[str, CitationRow] = {}
    for row in rows:
        unit = units.get(row.unit_id or "")
        if (
            unit is not None
            and row.paragraph == 0
            and row.status != IN_PAYLOAD
            and row.target_doc is not None
            and unit.text
            and INSTRUCTION.match(unit.text[0])
            and (unit.id not in first or row.start < first[unit.id].start)
        ):
            first[unit.id] = row
    bases: dict[str, None] = {
        row.target_doc_id: None
        for row in first.values()
        if row.target_doc_id and row.target_doc_id != draft.doc.id
    }
    for doc_id in _also_amended(rows, units, first, draft.doc.id):
        bases[doc_id] = None
    for article in draft.doc.articles():
        for ref_id in _heading_targets(article, db):
            bases[ref_id] = None
    seen_unknown: set[str] = set()
    for article_id, _unit_id, written in waiting_instructions(draft.doc, db.lookup):
        if written in seen_unknown:
            continue
        seen_unknown.add(written)
        article = units[article_id]
        yield Finding(
            "amend.base-unknown",
            f"{article.label} sửa đổi {written}, văn bản chưa có trong cơ sở dữ liệu: các chỉ "
            "dẫn sửa đổi của điều này không được kiểm tra",
            article.line,
            article.id,
        )
    twin = db.lookup(draft.doc.metadata.number, None) if draft.doc.metadata.number else None
    for base_id in bases:
        yield from _against(draft, db, base_id, twin, units)


# what may stand between two units a sentence amends in two laws: "… của Bộ luật Lao động
# số 45/2019/QH14 và khoản 2 Điều 688 của Bộ luật Dân sự …", never words that make the
# second the first's amendment ("… đã được sửa đổi, bổ sung tại khoản 2 Điều 1 Nghị định
# số 77/2020/NĐ-CP")
_BETWEEN_LAWS = re.compile(r"^\s*(?:,|;|và)\s*$")


def _also_amended(
    rows: list[CitationRow], units: dict[str, Unit], first: dict[str, CitationRow], own: str
) -> list[str]:
    """The other documents an instruction's sentence amends units of, each named after the
    first with units of its own: "Bãi bỏ khoản 2 Điều 35 của Bộ luật Lao động số
    45/2019/QH14 và khoản 2 Điều 688 của Bộ luật Dân sự số 91/2015/QH13."."""
    found: list[str] = []
    by_unit: dict[str, list[CitationRow]] = {}
    for row in rows:
        if row.unit_id in first and row.paragraph == 0 and row.status != IN_PAYLOAD:
            by_unit.setdefault(row.unit_id, []).append(row)
    for unit_id, cited in by_unit.items():
        text = units[unit_id].text[0]
        cited.sort(key=lambda r: r.start)
        for before, row in zip(cited, cited[1:], strict=False):
            between = text[before.start + len(before.text) : row.start]
            if (
                row.target_doc_id
                and row.target_doc_id not in (own, first[unit_id].target_doc_id)
                and (row.target_unit_id or row.missing_id)
                and _BETWEEN_LAWS.match(between)
            ):
                found.append(row.target_doc_id)
    return found


def _heading_targets(article: Unit, db: Database) -> list[str]:
    if not article.heading or not INSTRUCTION.match(article.heading):
        return []
    found = []
    for ref in extract(article.heading):
        if ref.doc and not ref.doc.this:
            doc_id = db.lookup(ref.doc.number, ref.doc.name)
            if doc_id:
                found.append(doc_id)
    return found


def _against(
    draft: Draft, db: Database, base_id: str, twin: str | None, units: dict[str, Unit]
) -> Iterator[Finding]:
    label = db.label(base_id)
    standing = db.standing(base_id, None, draft.at)
    if standing.status == EXPIRED:
        yield Finding(
            "amend.base-not-in-force",
            f"Dự thảo sửa đổi {label}, văn bản đã hết hiệu lực vào ngày "
            f"{draft.at.strftime('%d/%m/%Y')}",
        )
        return
    base = db.base_at(base_id, draft.at, leave_out=twin)
    ops = parse_instructions(draft.doc, base, None, lookup=db.lookup)
    result = consolidate(base, ops, date.max)
    for outcome in result.report:
        # an instruction LexVN cannot read is a limit of LexVN, not a defect of the draft
        if outcome.status != "failed" or outcome.failure == NOT_READ:
            continue
        op = outcome.op
        unit = units.get(op.source_unit)
        yield Finding(
            _RULES.get(outcome.failure, "amend.target-missing"),
            f"Chỉ dẫn tại {_cite(unit, op)} (“{_instruction(unit)}”): {outcome.reason} ({label})",
            unit.line if unit else None,
            op.source_unit,
        )


def _cite(unit: Unit | None, op: Operation) -> str:
    return label_from_id(unit.id) if unit else op.source_unit


def _instruction(unit: Unit | None) -> str:
    text = unit.text[0] if unit and unit.text else ""
    return text if len(text) <= 160 else text[:157] + "…"


def _subpoint_of(unit: Unit, point: Unit) -> bool:
    """A tiết of the point, read as the point's sibling: "c1)" after "c)" (Nghị định
    291/2025/NĐ-CP, where each tiết is one of the point's instructions)."""
    rest = unit.number[len(point.number) :]
    return unit.type == point.type and unit.number.startswith(point.number) and rest.isdigit()


def _unquoted(draft: Draft) -> Iterator[Finding]:
    """ "… như sau:" whose new text is not put in quotation marks (or is missing)."""
    walked = list(draft.doc.walk())
    for i, unit in enumerate(walked):
        if not unit.text or not INSTRUCTION.match(unit.text[0]):
            continue
        if not _AS_FOLLOWS.search(unit.text[0]):
            continue
        if unit.children and len(unit.text) == 1:
            continue  # "… một số điều như sau:" followed by its numbered instructions
        if len(unit.text) == 1 and i + 1 < len(walked) and _subpoint_of(walked[i + 1], unit):
            continue  # "c) Sửa đổi … như sau:" / "c1) Sửa đổi, bổ sung điểm 2 như sau: “…"
        if quote_balance(_AS_FOLLOWS.sub("", unit.text[0])) > 0:
            continue  # the new text opens on the line: "… như sau: “5. … được quy định như sau:"
        if len(unit.text) < 2 or not (
            _PAYLOAD_START.match(unit.text[1]) or _OPERATION.match(unit.text[1])
        ):
            yield Finding(
                "amend.payload-missing",
                f"{label_from_id(unit.id)}: sau “như sau:” phải là nội dung mới đặt trong ngoặc "
                "kép “…”",
                unit.line,
                unit.id,
            )
