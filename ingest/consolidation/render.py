"""Rendering a consolidated document: plain text, the VBHN form with a footnote on every
changed unit naming the amending provision, the report of each instruction's outcome, and
word-level differences between two versions."""

from __future__ import annotations

import difflib

from ingest.consolidation.apply import Consolidated
from ingest.consolidation.instructions import Operation
from schema.model import DIEM, DIEU, KHOAN, Unit, label_from_id


def render_text(
    result: Consolidated, vbhn: bool = False, sources: dict[str, str] | None = None
) -> str:
    """Plain text of the consolidated document; with vbhn, a footnote marker on every changed
    unit and the footnotes naming the amending provision, as a VBHN does. `sources` names
    the amending documents ("Luật số 57/2024/QH15 sửa đổi, bổ sung …")."""
    sources = sources or {}
    lines: list[str] = []
    notes: list[str] = []

    def marker(unit: Unit) -> str:
        if not vbhn or unit.id not in result.notes:
            return ""
        marks = []
        for op in result.notes[unit.id]:
            notes.append(f"[{len(notes) + 1}] {_note(op, unit, sources)}")
            marks.append(f"[{len(notes)}]")
        return "".join(marks)

    def visit(unit: Unit) -> None:
        mark = marker(unit)
        if unit.type == DIEU:
            lines.append(f"{unit.label}. {unit.heading}{mark}".rstrip())
            lines.extend(unit.text)
        elif unit.type in (KHOAN, DIEM):
            head = f"{unit.number}." if unit.type == KHOAN else f"{unit.number})"
            first = unit.text[0] if unit.text else ""
            lines.append(f"{head} {first}{mark}")
            lines.extend(unit.text[1:])
        else:
            lines.append(f"{unit.label}{mark}")
            if unit.heading:
                lines.append(unit.heading)
            lines.extend(unit.text)
        for child in unit.children:
            visit(child)
        lines.extend(unit.tail)

    for unit in result.doc.units:
        visit(unit)
    out = "\n".join(lines)
    if vbhn and notes:
        out += "\n\n" + "\n".join(notes)
    return out + "\n"


_KIND_WORDS = {
    "replace": "được sửa đổi, bổ sung",
    "replace_intro": "được sửa đổi, bổ sung",
    "replace_heading": "được sửa đổi, bổ sung",
    "insert_after": "được bổ sung",
    "insert_before": "được bổ sung",
    "repeal": "được bãi bỏ",
    "replace_phrase": "được sửa đổi",
}


def _note(op: Operation, unit: Unit, sources: dict[str, str]) -> str:
    """ "Khoản này được sửa đổi, bổ sung theo quy định tại điểm a khoản 1 Điều 4 của Luật số
    57/2024/QH15 …, có hiệu lực kể từ ngày 15 tháng 01 năm 2025." """
    what = {DIEU: "Điều", KHOAN: "Khoản", DIEM: "Điểm"}.get(unit.type, "Nội dung")
    when = op.effective or ""
    if len(when) == 10:
        when = f"{when[8:]} tháng {when[5:7]} năm {when[:4]}"
    source = sources.get(op.source_doc, op.source_doc)
    where = f"{label_from_id(op.source_unit)} của {source}, có hiệu lực kể từ ngày {when}."
    if op.kind == "replace_phrase":
        done = f"được thay thế bằng cụm từ “{op.new}”" if op.new else "được bỏ"
        return f"Cụm từ “{op.old}” tại {what.lower()} này {done} theo quy định tại {where}"
    return f"{what} này {_KIND_WORDS.get(op.kind, 'được sửa đổi')} theo quy định tại {where}"


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level diff: ("=", text) kept, ("-", text) removed, ("+", text) added."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", " ".join(a[i1:i2])))
        if tag in ("delete", "replace"):
            out.append(("-", " ".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            out.append(("+", " ".join(b[j1:j2])))
    return out


def report_lines(result: Consolidated) -> list[str]:
    names = {"applied": "đã áp dụng", "not_yet": "chưa có hiệu lực", "failed": "không áp dụng được"}
    return [
        f"{o.op.source_doc} {o.op.source_unit}: {o.op.kind} {', '.join(o.op.targets)} — "
        f"{names[o.status]}{': ' + o.reason if o.reason else ''}"
        for o in result.report
    ]
