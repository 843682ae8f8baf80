"""Rendering a consolidated document: plain text, the VBHN form with a footnote on every
changed unit naming the amending provision, the report of each instruction's outcome, and
word-level differences between two versions."""

from __future__ import annotations

import difflib

from ingest.consolidation.apply import Consolidated
from ingest.consolidation.instructions import Operation
from schema.model import DIEM, DIEU, KHOAN, Unit, label_from_id


def render_text(
    result: Consolidated,
    vbhn: bool = False,
    sources: dict[str, str] | None = None,
    described: dict[str, dict] | None = None,
    amending: list[str] | None = None,
) -> str:
    """Plain text of the consolidated document; with vbhn, as a VBHN prints it: the title,
    the statement naming the document and every amending document applied ("Luật Hải quan
    số 54/2014/QH13 ngày 23 tháng 6 năm 2014 của Quốc hội, có hiệu lực kể từ ngày 01 tháng
    01 năm 2015, được sửa đổi, bổ sung bởi: 1. Luật số 71/2014/QH13 ngày …;"), the căn cứ,
    a footnote marker on every changed unit and the footnotes naming the amending provision.
    `sources` names documents in footnotes ("Luật số 57/2024/QH15"); `described` gives the
    statement's words for a document (its number, date, issuer, title, effective date);
    `amending` the documents it names (default: those whose instructions were applied or
    tried at this date; a VBHN names those its own statement names)."""
    sources = sources or {}
    lines: list[str] = _vbhn_opening(result, described or {}, amending) if vbhn else []
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


def _vbhn_opening(
    result: Consolidated, described: dict[str, dict], amending: list[str] | None
) -> list[str]:
    doc = result.doc
    applied = amending or list(
        dict.fromkeys(o.op.source_doc for o in result.report if o.status != "not_yet")
    )
    lines = [doc.metadata.title.upper()] if doc.metadata.title else []
    own = _statement(described.get(doc.id, {}), named=True) or doc.id
    if applied:
        lines.append(f"{own}, được sửa đổi, bổ sung bởi:")
        for n, doc_id in enumerate(applied, 1):
            said = _statement(described.get(doc_id, {}), named=False) or doc_id
            lines.append(f"{n}. {said}{'.' if n == len(applied) else ';'}")
    else:
        lines.append(f"{own}.")
    enacting = [p for p in doc.preamble if p.lower().startswith("căn cứ") or " ban hành " in p]
    return lines + enacting


def _statement(d: dict, named: bool) -> str:
    """ "Luật Hải quan số 54/2014/QH13 ngày 23 tháng 6 năm 2014 của Quốc hội, có hiệu lực kể
    từ ngày 01 tháng 01 năm 2015" (the document consolidated, by its name), "Luật số
    71/2014/QH13 ngày 26 tháng 11 năm 2014 của Quốc hội sửa đổi, bổ sung một số điều của các
    luật về thuế, có hiệu lực …" (an amending one, by its type, then its subject)."""
    if not d.get("number"):
        return ""
    kind, title = d.get("doc_type") or "Văn bản", d.get("title") or ""
    subject = title[len(kind) :].strip() if title.lower().startswith(kind.lower()) else title
    words = [f"{title if named and title else kind} số {d['number']}"]
    if d.get("issued"):
        words.append(f"ngày {vietnamese_date(d['issued'])}")
    if d.get("issuer"):
        words.append(f"của {d['issuer']}")
    if not named and subject:
        words.append(subject[:1].lower() + subject[1:])
    text = " ".join(words)
    if d.get("effective"):
        text += f", có hiệu lực kể từ ngày {vietnamese_date(d['effective'])}"
    return text


def vietnamese_date(iso: str | None) -> str:
    """ "2025-01-15" -> "15 tháng 01 năm 2025", "2014-06-23" -> "23 tháng 6 năm 2014": a day
    under 10 and a month under 3 take a leading zero (Nghị định 30/2020/NĐ-CP, Phụ lục I)."""
    if not iso or len(iso) != 10:
        return iso or ""
    day, month = int(iso[8:]), int(iso[5:7])
    month_text = f"{month:02d}" if month < 3 else str(month)
    return f"{day:02d} tháng {month_text} năm {iso[:4]}"


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
    when = vietnamese_date(op.effective)
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
    ] + written_in_lines(result)


def written_in_lines(result: Consolidated) -> list[str]:
    """The units taken out of the copy of the base (apply.py, `_written_in`): said, never
    done in silence."""
    return [
        f"{unit_id}: có trong bản của văn bản gốc nhưng do {op.source_doc} {op.source_unit} bổ "
        "sung — bỏ khỏi văn bản gốc, bổ sung khi chỉ dẫn có hiệu lực"
        for unit_id, op in result.written_in
    ]
