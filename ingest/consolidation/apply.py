"""Consolidation (hợp nhất): a base document with the operations in force at a date applied.
Pure: (base tree, operations, date) -> consolidated tree, the history of every unit, and a
report of every operation (applied, not yet in force, failed with its reason)."""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from ingest.consolidation.compare import normal
from ingest.consolidation.instructions import (
    NO_ANCHOR,
    NO_PAYLOAD,
    NO_PHRASE,
    NO_TARGET,
    NUMBER_TAKEN,
    Operation,
)
from ingest.parse.numbering import id_token
from ingest.parse.structure import parse_body
from schema.model import DIEM, DIEU, KHOAN, Document, Paragraph, Unit, label_from_id

REPEALED = "(được bãi bỏ)"
_KHOAN = re.compile(r"^(\d+[a-zđ]?)\.\s*(.*)$")
_DIEM = re.compile(r"^([a-zđ]\d*)\)\s*(.*)$")
_KHOAN_LINE = re.compile(r"^\d{1,3}[a-zđ]?\.\s")  # "4. Chính phủ …", not "2.500.000 đồng"
_DIEU = re.compile(r"^Điều\s+(\d+[a-zđ]?)\.?\s*(.*)$")


@dataclass
class Version:
    """One state of a unit: from a date, by a source (the base, or an amending unit)."""

    since: str | None
    source_doc: str
    source_unit: str | None
    kind: str  # ban_dau | replace | replace_intro | replace_heading | insert | repeal | phrase
    text: str


@dataclass
class Outcome:
    op: Operation
    status: str  # applied | not_yet | failed
    reason: str = ""
    failure: str = ""  # for a failed one: NO_TARGET, NO_ANCHOR, … (see instructions.py)


@dataclass
class Consolidated:
    doc: Document
    at: str
    history: dict[str, list[Version]] = field(default_factory=dict)
    report: list[Outcome] = field(default_factory=list)
    notes: dict[str, list[Operation]] = field(default_factory=dict)  # unit id -> applied ops
    # units a publisher wrote into the copy of the base from an amending document, taken out
    written_in: list[tuple[str, Operation]] = field(default_factory=list)


def _parse_units(payload: list[str], unit_type: str) -> list[Unit]:
    """Payload paragraphs as units of the given type (a khoản "5. …", a điểm "d) …", an
    article "Điều 29. …"), with their points and trailing paragraphs."""
    if unit_type == DIEU:
        return parse_body([Paragraph(t, i) for i, t in enumerate(payload)])
    out: list[Unit] = []
    own = _KHOAN if unit_type == KHOAN else _DIEM
    for line in payload:
        m = own.match(line)
        point = _DIEM.match(line) if unit_type == KHOAN else None
        if out and not m and (_DIEU if unit_type == KHOAN else _KHOAN_LINE).match(line):
            break  # a unit above ends the points: "“a) … tiền phạt;” “4. Chính phủ quy định …"
        if m:
            out.append(
                Unit(
                    type=unit_type,
                    number=m.group(1),
                    id="",
                    text=[m.group(2)],
                    label=f"{'khoản' if unit_type == KHOAN else 'điểm'} {m.group(1)}",
                )
            )
        elif point and out:
            out[-1].children.append(
                Unit(
                    type=DIEM,
                    number=point.group(1),
                    id="",
                    text=[point.group(2)],
                    label=f"điểm {point.group(1)}",
                )
            )
        elif out:
            target = out[-1].children[-1] if out[-1].children else out[-1]
            target.text.append(line)
        else:
            out.append(Unit(type=unit_type, number="", id="", text=[line]))
    return out


def _reid(unit: Unit, unit_id: str) -> None:
    unit.id = unit_id
    for child in unit.children:
        _reid(child, f"{unit_id}__{child.type}_{id_token(child.number)}")


def _locate(doc: Document, unit_id: str) -> tuple[list[Unit], int] | None:
    """The list holding a unit and its index there."""

    def search(units: list[Unit]):
        for i, u in enumerate(units):
            if u.id == unit_id:
                return units, i
            found = search(u.children)
            if found:
                return found
        return None

    return search(doc.units)


def _snapshot(unit: Unit) -> str:
    return unit.render()


def consolidate(
    base: Document, ops: list[Operation], at: date, known: list[Operation] | None = None
) -> Consolidated:
    """`known`: every instruction stored against the base, when `ops` are some of them
    (a VBHN's own documents): their insertions tell what the copy of the base should lack."""
    at_iso = at.isoformat()
    doc = copy.deepcopy(base)
    result = Consolidated(doc, at_iso)
    result.written_in = _written_in(doc, ops if known is None else known)
    effective = base.metadata.effective.isoformat() if base.metadata.effective else None
    for unit in doc.walk():
        result.history[unit.id] = [Version(effective, base.id, None, "ban_dau", _snapshot(unit))]
    ordered = sorted(enumerate(ops), key=lambda p: (p[1].effective or "", p[0]))
    for _, op in ordered:
        if op.problem:
            result.report.append(Outcome(op, "failed", op.problem, op.failure))
            continue
        if op.effective and op.effective > at_iso:
            result.report.append(Outcome(op, "not_yet", f"có hiệu lực từ {op.effective}"))
            continue
        failed = _apply(doc, op, result)
        if failed:
            result.report.append(Outcome(op, "failed", failed[1], failed[0]))
        else:
            result.report.append(Outcome(op, "applied"))
    return result


_Failed = tuple[str, str]  # (failure kind, reason for the reader)


def _written_in(doc: Document, ops: list[Operation]) -> list[tuple[str, Operation]]:
    """Take out of the base the units an amending document inserts and the copy already
    has, word for word: a publisher wrote them in (thuvienphapluat's Luật 15/2012/QH13 has
    the khoản 2a of Điều 40 that Luật 67/2020/QH14 inserted, without a note). The law as
    enacted had no such unit: a number an insertion adds was free."""
    taken: list[tuple[str, Operation]] = []
    for op in ops:
        if op.problem or op.kind not in ("insert_after", "insert_before") or not op.targets:
            continue
        anchor_id = op.targets[0]
        anchor = _locate(doc, anchor_id)
        if anchor is None:
            continue
        prefix = anchor_id.rsplit("__", 1)[0] + "__" if "__" in anchor_id else ""
        new = [
            u
            for u in _parse_units(op.payload, anchor[0][anchor[1]].type)
            if not op.new_numbers or u.number in op.new_numbers
        ]
        forms = [normal(_snapshot(u)) for u in new]
        for k, unit in enumerate(new):
            unit_id = f"{prefix}{unit.type}_{id_token(unit.number)}"
            found = _locate(doc, unit_id)
            # the copy may hold the next new units glued on: "4a. … 4b. …" on one line
            if found and normal(_snapshot(found[0][found[1]])) in {
                " ".join(forms[k:j]) for j in range(k + 1, len(forms) + 1)
            }:
                del found[0][found[1]]
                taken.append((unit_id, op))
    return taken


def _record(result: Consolidated, unit: Unit, op: Operation, kind: str) -> None:
    result.history.setdefault(unit.id, []).append(
        Version(op.effective, op.source_doc, op.source_unit, kind, _snapshot(unit))
    )
    result.notes.setdefault(unit.id, []).append(op)


_LABEL = re.compile(
    r"^(?:Điều|Chương|CHƯƠNG|Mục|MỤC|Tiểu mục|TIỂU MỤC|Phần|PHẦN)\s+[\w.]+?[.:]?\s+"
)


def _apply(doc: Document, op: Operation, result: Consolidated) -> _Failed | None:
    if op.kind == "replace_phrase":
        return _apply_phrase(doc, op, result)
    if op.kind in ("insert_after", "insert_before"):
        return _apply_insert(doc, op, result)
    for target_id in op.targets:
        target = doc.find(target_id)
        if target is None:
            label = label_from_id(target_id) or target_id
            return NO_TARGET, f"{label} không có trong văn bản được sửa đổi"
        if op.kind == "repeal":  # an article repealed keeps its number only, as a VBHN
            target.text, target.tail, target.children = [REPEALED], [], []  # prints it:
            if target.type == DIEU:  # "Điều 50. (được bãi bỏ)" (31/VBHN-VPQH)
                target.heading = ""
            _record(result, target, op, "repeal")
        elif op.kind == "replace_intro":  # the payload may restate the number: "2. …"
            first = (
                re.sub(r"^(?:\d+[a-zđ]?\.|[a-zđ]\d*\))\s+", "", op.payload[0]) if op.payload else ""
            )
            target.text = [first] + list(op.payload[1:]) if op.payload else []
            _record(result, target, op, "replace_intro")
        elif op.kind == "replace_heading":  # "Điều 5. X", "Mục 8 X", "Chương II. X": X
            first = op.payload[0] if op.payload else ""
            target.heading = _LABEL.sub("", first, count=1)
            _record(result, target, op, "replace_heading")
        else:
            new = _parse_units(op.payload, target.type)
            if target.type == DIEU and op.payload and not any(u.type == DIEU for u in new):
                # the new content without the article's own line: "Sửa đổi, bổ sung Điều 10
                # như sau: “a) Thực hiện theo quy định của pháp luật về giá; …" (Thông tư
                # 03/2023/TT-BLĐTBXH): the article keeps its number and title
                new = _parse_units([f"Điều {target.number}. {target.heading}", *op.payload], DIEU)
            if len(op.targets) == 1 and len(new) == 1:
                _replace(target, new[0])
                _record(result, target, op, "replace")
            else:
                match = next((u for u in new if u.number == target.number), None)
                if match is None:
                    return NO_TARGET, f"nội dung mới không có {target.label}"
                _replace(target, match)
                _record(result, target, op, "replace")
    return None


def _replace(target: Unit, new: Unit) -> None:
    text = new.text
    if not new.heading and target.heading and text and _starts_with(text[0], target.heading):
        # the title glued to the first words, as a web copy prints it ("Gửi quyết định … để
        # thi hành Trong thời hạn 03 ngày …", Luật 67/2020/QH14 on Điều 107): the same title
        text = [text[0][len(target.heading) :].lstrip(" .:"), *text[1:]]
        text = [t for t in text if t] if not text[0] else text
    if new.heading or target.type == DIEU:
        target.heading = new.heading or target.heading
    target.text, target.tail = text, new.tail
    target.children = new.children
    _reid(target, target.id)


def _starts_with(text: str, heading: str) -> bool:
    """`text` opens with `heading` and goes on with a new sentence."""
    rest = text[len(heading) :].lstrip(" .:")
    return text.lower().startswith(heading.lower()) and rest[:1].isupper()


def _apply_insert(doc: Document, op: Operation, result: Consolidated) -> _Failed | None:
    anchor_id = op.targets[0]
    found = _locate(doc, anchor_id)
    if found is None:
        return NO_ANCHOR, f"vị trí {anchor_id} không có trong văn bản được sửa đổi"
    siblings, index = found
    anchor = siblings[index]
    new_units = _parse_units(op.payload, anchor.type)
    if op.new_numbers:  # the payload may restate units around the new ones
        new_units = [u for u in new_units if u.number in op.new_numbers] or new_units
    if not new_units:
        return NO_PAYLOAD, "không có nội dung để bổ sung"
    prefix = anchor_id.rsplit("__", 1)[0] + "__" if "__" in anchor_id else ""
    taken = {u.id for u in doc.walk()}
    position = index + 1 if op.kind == "insert_after" else index
    while (
        op.kind == "insert_after"
        and position < len(siblings)
        and siblings[position].number.startswith(anchor.number)
        and siblings[position].number != anchor.number
        and siblings[position].type == anchor.type
    ):
        position += 1  # after units inserted there before ("4a" then "4b")
    for unit in new_units:
        unit_id = f"{prefix}{unit.type}_{id_token(unit.number)}"
        if unit_id in taken:
            return NUMBER_TAKEN, f"{unit.label} đã có trong văn bản được sửa đổi"
        _reid(unit, unit_id)
        if not unit.label:
            unit.label = f"{'Điều' if unit.type == DIEU else unit.type} {unit.number}"
        siblings.insert(position, unit)
        position += 1
        for u in unit.walk():
            result.history.setdefault(u.id, [])
        _record(result, unit, op, "insert")
    return None


def _walk_skipping(scope: Unit, skipped: set[str]):
    """The units of `scope` outside the subtrees whose root is in `skipped`."""
    stack = [scope]
    while stack:
        unit = stack.pop()
        if unit.id in skipped:
            continue
        yield unit
        stack.extend(reversed(unit.children))


def _apply_phrase(doc: Document, op: Operation, result: Consolidated) -> _Failed | None:
    """Words replaced in the scope, except in units the same amending document rewrote:
    Luật 21/2012/QH13 adds "tiền chậm nộp," before "tiền phạt" in Điều 99 and rewrites its
    khoản 1 with the words already there (03/VBHN-VPQH has them once)."""
    count = 0
    for unit_id in op.heading_only:
        unit = doc.find(unit_id)
        if unit and op.old in unit.heading:
            unit.heading = unit.heading.replace(op.old, op.new or "")
            count += 1
            _record(result, unit, op, "phrase")
    rewritten = {  # units this document already rewrote: their new text is as it wants it
        unit_id
        for unit_id, applied in result.notes.items()
        if any(o.source_doc == op.source_doc and o.kind != "replace_phrase" for o in applied)
    }
    for unit_id in op.targets:
        scope = doc.find(unit_id)
        if scope is None:
            continue
        for unit in _walk_skipping(scope, rewritten):
            changed = False
            if op.old in unit.heading:  # "tại Điều 60" holds its title (31/VBHN-VPQH)
                unit.heading = unit.heading.replace(op.old, op.new or "")
                changed = True
            for attr in ("text", "tail"):
                values = getattr(unit, attr)
                replaced = [_replace_words(v, op.old, op.new or "") for v in values]
                if replaced != values:
                    setattr(unit, attr, replaced)
                    changed = True
            if changed:
                count += 1
                _record(result, unit, op, "phrase")
    if count == 0:
        count = _apply_phrase_toneless(doc, op, result, rewritten)
    if count == 0:
        return NO_PHRASE, f"cụm từ “{op.old}” không có trong phạm vi được chỉ ra"
    return None


def _replace_words(text: str, old: str, new: str) -> str:
    """`old` replaced by `new`, also where a sentence opens with it: "Thay cụm từ “cơ quan
    tiến hành tố tụng” … tại các khoản 1, 2 và 3 Điều 62" reaches "3. Cơ quan tiến hành tố
    tụng hình sự có trách nhiệm …" (31/VBHN-VPQH: "3. Cơ quan có thẩm quyền tiến hành …")."""
    text = text.replace(old, new)
    if old[:1].islower():
        capital = old[:1].upper() + old[1:]
        text = re.sub(
            rf"(^|[.;:!?]\s+){re.escape(capital)}",
            lambda m: m.group(1) + new[:1].upper() + new[1:],
            text,
        )
    return text


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _toneless(text: str) -> str:
    """Lower case without tone marks, one character for one: indices stay the text's."""
    return "".join(
        unicodedata.normalize(
            "NFC", "".join(c for c in unicodedata.normalize("NFD", ch) if c not in _TONES)
        ).lower()
        or ch
        for ch in text
    )


def _apply_phrase_toneless(
    doc: Document, op: Operation, result: Consolidated, rewritten: set[str]
) -> int:
    """The words as the amending text misprints their tone or case, when the exact words are
    nowhere in the scope: "vào sau cụm từ “Trường công an cấp huyện”" for "Trưởng Công an cấp
    huyện" (Luật 67/2020/QH14 on Điều 100 and 102; 31/VBHN-VPQH applies it). The words
    printed in the base stay as printed."""
    wanted = _toneless(op.old)
    count = 0
    for unit_id in op.targets:
        scope = doc.find(unit_id)
        if scope is None:
            continue
        for unit in _walk_skipping(scope, rewritten):
            values = unit.text
            changed = False
            for k, value in enumerate(values):
                at = _toneless(value).find(wanted)
                if at < 0:
                    continue
                printed = value[at : at + len(op.old)]
                new = (op.new or "").replace(op.old, printed)
                values[k] = value[:at] + new + value[at + len(op.old) :]
                changed = True
            if changed:
                count += 1
                _record(result, unit, op, "phrase")
    return count
