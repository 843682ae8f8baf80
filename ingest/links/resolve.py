"""Resolving citations: which document and unit a Reference names. Pure.

Parsing (ingest/links/citations.py) says what the text writes; resolving says what it points at:
the nearest enclosing unit fills what the text leaves out ("khoản 2" in Điều 5 is khoản 2 of
Điều 5; "Điều này" is the citing article), "Luật này" is the citing document (in an
amending instruction, the document it amends), other
documents are looked up by số ký hiệu, then by name. A citation that cannot be resolved keeps
its reason: the document is not in the database, or the unit does not exist in it (unless
the citing instruction is the one that inserts it)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ingest.links.citations import Reference, extract
from ingest.parse.instruction import INSTRUCTION, PASSIVE_INSTRUCTION
from ingest.parse.numbering import id_token, roman_to_int
from ingest.parse.quotes import quote_marks
from schema.model import CHUONG, DIEM, DIEU, KHOAN, MUC, PHAN, Document, Unit

RESOLVED = "resolved"
DOC_NOT_IN_DB = "document not in the database"
UNIT_NOT_FOUND = "unit does not exist"
IN_PAYLOAD = "inside an amendment's quoted text"
INSERTED = "unit inserted by this instruction"  # "Bổ sung khoản 4a vào sau khoản 4": not yet


@dataclass
class CitationRow:
    """One citation of a document, as stored."""

    doc_id: str
    unit_id: str | None  # the citing unit
    text: str
    start: int  # offset in the paragraph
    paragraph: int  # index of the paragraph in the citing unit's text
    target_doc: str | None  # number or name as written; None for the citing document
    target_doc_id: str | None
    target_unit_id: str | None
    status: str
    reason: str = ""
    # not stored: the id a unit not found would have under its deepest ancestor that exists
    # ("khoản 5 Điều 4" when Điều 4 has 3): an earlier amendment may have inserted it
    missing_id: str = ""


class UnitIndex:
    """Finds units of one document by the numbers a citation writes."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.dieu: dict[str, Unit] = {}
        self.chuong: dict[int, Unit] = {}
        self.muc: dict[tuple[int, str], Unit] = {}
        self.phan: dict[int, Unit] = {}
        self.chuong_in: dict[tuple[int, int], Unit] = {}  # by (Phần, Chương)
        self.by_id: dict[str, Unit] = {}
        for unit in doc.walk():
            self.by_id.setdefault(unit.id, unit)
            if unit.id.startswith("phu_luc"):
                continue
            if unit.type == PHAN:
                self.phan.setdefault(ordinal(unit.number), unit)
                for child in unit.children:  # chapters that start again in each Phần
                    if child.type == CHUONG:
                        key = (ordinal(unit.number), ordinal(child.number))
                        self.chuong_in.setdefault(key, child)
            elif unit.type == DIEU:
                self.dieu.setdefault(unit.number, unit)
            elif unit.type == CHUONG:
                number = ordinal(unit.number)
                self.chuong.setdefault(number, unit)
        for chuong_number, chuong in self.chuong.items():
            for child in chuong.children:
                if child.type == MUC:
                    self.muc[(chuong_number, child.number)] = child

    def find(self, path: dict[str, str]) -> tuple[Unit | None, str]:
        """The unit at a fully specified path, or None with what is missing."""
        if "phan" in path and "chuong" not in path:
            phan = self.phan.get(ordinal(path["phan"]))
            return (phan, "") if phan else (None, f"Phần {path['phan']} không có")
        if "chuong" in path:
            number = ordinal(path["chuong"])
            chuong = self.chuong.get(number)
            if "phan" in path and self.chuong_in:
                # "Chương I Phần thứ tư" (Luật Xử lý vi phạm hành chính): that Phần's
                chuong = self.chuong_in.get((ordinal(path["phan"]), number))
                if chuong is None:
                    return None, f"Chương {path['chuong']} Phần {path['phan']} không có"
                if "muc" in path:
                    muc = next(
                        (c for c in chuong.children if c.type == MUC and c.number == path["muc"]),
                        None,
                    )
                    return (muc, "") if muc else (None, f"Mục {path['muc']} không có")
                return chuong, ""
            if chuong is None:
                return None, f"Chương {path['chuong']} không có"
            if "muc" in path:
                muc = self.muc.get((number, path["muc"]))
                return (
                    (muc, "")
                    if muc
                    else (None, f"Mục {path['muc']} Chương {path['chuong']} không có")
                )
            return chuong, ""
        if "muc" in path:
            return None, f"Mục {path['muc']}: không rõ thuộc chương nào"
        dieu = self.dieu.get(path.get("dieu", ""))
        if dieu is None:
            return None, f"Điều {path.get('dieu')} không có"
        unit = dieu
        for level, word in ((KHOAN, "khoản"), (DIEM, "điểm")):
            number = path.get(level)
            if number is None:
                continue
            child = next((c for c in unit.children if c.type == level and c.number == number), None)
            if child is None:
                count = sum(1 for c in unit.children if c.type == level)
                return None, f"{word} {number} không có trong {unit.label} ({count} {word})"
            unit = child
        return unit, ""

    def missing_id(self, path: dict[str, str]) -> str:
        """The id the unit at `path` would have, below the deepest of its ancestors that
        exists ("" above the article, or when the article itself is missing)."""
        unit = self.dieu.get(path.get("dieu", "")) if "chuong" not in path else None
        if unit is None:
            return ""
        out = unit.id
        for level in (KHOAN, DIEM):
            number = path.get(level)
            if number is None:
                continue
            children = unit.children if unit is not None else []
            child = next((c for c in children if c.type == level and c.number == number), None)
            if child is not None:
                unit, out = child, child.id
            else:
                unit, out = None, f"{out}__{level}_{id_token(number)}"
        return out


_ORDINALS = {
    "nhất": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
    "tám": 8, "chín": 9, "mười": 10,
}  # fmt: skip


def ordinal(text: str) -> int:
    """The number of a Phần or Chương: "thứ hai", "II", "2" -> 2 (Phần are numbered in
    words, Roman or Arabic numerals; Chương in Roman or Arabic); 0 if none."""
    words = text.lower().split()
    if words and words[0] == "thứ":
        words = words[1:]
    if len(words) == 1 and words[0] in _ORDINALS:
        return _ORDINALS[words[0]]
    if len(words) == 2 and words[0] == "mười" and words[1] in _ORDINALS:  # mười một …
        return 10 + _ORDINALS[words[1]]
    return roman_to_int(text) or (int(text) if text.isdigit() else 0)


def _ancestors(doc: Document) -> dict[str, list[Unit]]:
    """Every unit's path from its root, in document order. A stack, not a recursive helper
    nested here: that is a cycle through its own closure, freed only by the cyclic
    collector (lexvn/collector.py)."""
    out: dict[str, list[Unit]] = {}
    todo = [[root] for root in reversed(doc.units)]
    while todo:
        here = todo.pop()
        out[here[-1].id] = here
        todo.extend(here + [child] for child in reversed(here[-1].children))
    return out


def _fill(path: dict[str, str], context: list[Unit]) -> dict[str, str]:
    """Complete a written path from the citing unit's context: "này" and missing levels.
    A Mục is numbered within its Chương: "Mục 2" and "Mục này" are of the citing chapter."""
    own = {u.type: u.number for u in context if u.type in (PHAN, CHUONG, MUC, DIEU, KHOAN, DIEM)}
    out = dict(path)
    for level in (DIEM, KHOAN, DIEU, MUC, CHUONG, PHAN):
        if out.get(level) == "này":
            out[level] = own.get(level, "")
    if "muc" in out and "chuong" not in out and CHUONG in own:
        out["chuong"] = own[CHUONG]
    if "chuong" in out or "muc" in out or "phan" in out:
        return out
    levels = [lv for lv in (DIEM, KHOAN, DIEU) if lv in out]
    shallowest = levels[-1] if levels else None
    if shallowest == DIEM and KHOAN in own:
        out[KHOAN] = own[KHOAN]
        shallowest = KHOAN
    if shallowest == KHOAN and DIEU in own:
        out[DIEU] = own[DIEU]
    return out


def quoted_spans(paragraphs: list[str]) -> list[list[tuple[int, int]]]:
    """Character spans inside “…” for each paragraph, quotes running across paragraphs;
    straight quotes read as the structure parser reads them (ingest.parse.quotes)."""
    depth = 0
    out = []
    for text in paragraphs:
        spans: list[tuple[int, int]] = []
        start = 0 if depth > 0 else None
        for begin, end, opens in quote_marks(text):
            if opens:
                if depth == 0:
                    start = begin
                depth += 1
            elif depth > 0:
                depth -= 1
                if depth == 0 and start is not None:
                    spans.append((start, end))
                    start = None
        if depth > 0 and start is not None:
            spans.append((start, len(text)))
        out.append(spans)
    return out


DocLookup = Callable[[str | None, str | None], str | None]  # (number, name) -> doc id


def active_voice(text: str) -> str:
    """ "Khoản 2 Điều 66 được sửa đổi như sau:" -> "Sửa đổi khoản 2 Điều 66 như sau:"."""
    m = PASSIVE_INSTRUCTION.match(text)
    if not m:
        return text
    what = m.group("what")
    if not what.startswith("Điều"):
        what = what[:1].lower() + what[1:]
    verb = re.sub(r"\s*,\s*", ", ", m.group("verb"))  # "sửa đổi , bổ sung"
    return f"{verb.capitalize()} {what}{m.group('rest')}"


@dataclass
class _Scope:
    """What bare references in a unit point at: the citing document by default; inside an
    amending article, the amended document and the unit its instruction names
    ("Sửa đổi, bổ sung một số điểm, khoản của Điều 6 như sau: a) … điểm d khoản 1 …")."""

    doc_id: str
    index: UnitIndex | None
    path: dict[str, str]


def citations(
    doc: Document, lookup: DocLookup, indexes: Callable[[str], UnitIndex | None]
) -> Iterator[CitationRow]:
    """Every citation in the document's units, resolved as far as the store allows."""
    ancestors = _ancestors(doc)
    index = indexes(doc.id)  # the catalogue's, when it holds this very document
    own = _Scope(doc.id, index if index is not None and index.doc is doc else UnitIndex(doc), {})

    for root in doc.units:
        yield from _unit_citations(root, own, doc, ancestors, lookup, indexes)


def _unit_citations(
    unit: Unit,
    scope: _Scope,
    doc: Document,
    ancestors: dict[str, list[Unit]],
    lookup: DocLookup,
    indexes: Callable[[str], UnitIndex | None],
) -> Iterator[CitationRow]:
    """The citations of one unit and the units below it, in the scope its ancestors set."""
    paragraphs = unit.text + unit.tail
    spans = None  # read once a reference needs them: most units have none
    child_scope = scope
    for p_index, text in enumerate(paragraphs):
        refs = extract(text)
        if not refs:
            continue
        if spans is None:
            spans = quoted_spans(paragraphs)
        instruction = INSTRUCTION.match(text) is not None
        if instruction:
            refs = _shared_article(refs, text)
        listed: _Scope | None = None  # "… của Luật Đấu thầu …, bao gồm: khoản 5 Điều 3; …"
        for n, ref in enumerate(refs):
            in_payload = any(a <= ref.start < b for a, b in spans[p_index])
            here = listed if (listed and ref.doc is None) else scope
            rows = list(
                _resolve(
                    doc,
                    unit,
                    ref,
                    p_index,
                    ancestors[unit.id],
                    here,
                    lookup,
                    indexes,
                    in_payload,
                    instruction,
                )
            )
            if ref.doc is not None and not ref.doc.this and not ref.units:
                after = refs[n + 1].start if n + 1 < len(refs) else len(text)
                target = lookup(ref.doc.number, ref.doc.name)
                if target and ":" in text[ref.end : after]:
                    listed = _Scope(target, indexes(target), {})
            elif ref.doc is not None and ref.doc.this:
                listed = None
            if instruction:
                rows = [_inserted(row, text) for row in rows]
            yield from rows
            if p_index == 0 and n == 0 and not in_payload and instruction:
                child_scope = _instruction_scope(ref, rows, scope, lookup, indexes)
    heading_refs = (
        [r for r in extract(unit.heading) if r.doc and not r.doc.this]
        if unit.heading and INSTRUCTION.match(unit.heading)
        else []
    )
    if heading_refs:
        target = lookup(heading_refs[0].doc.number, heading_refs[0].doc.name)
        child_scope = (
            _Scope(target, indexes(target) if target else None, {})
            if target
            else _Scope("", None, {})
        )
    for child in unit.children:
        yield from _unit_citations(child, child_scope, doc, ancestors, lookup, indexes)


# between two operations of one instruction: "Bãi bỏ khoản 1 và sửa đổi, bổ sung khoản 3
# Điều 88 như sau:" (Luật 35/2018/QH14 Điều 2, amending Bộ luật Hàng hải)
_NEXT_OPERATION = re.compile(
    r"^\s*(?:,|;|và)\s*(?:sửa đổi, bổ sung|sửa đổi|bổ sung|bãi bỏ|thay thế|bỏ)\s+$", re.IGNORECASE
)


def _shared_article(refs: list[Reference], text: str) -> list[Reference]:
    """Units of one article named by two operations, the article said once at the end: the
    first operation's khoản or điểm are of the article the next names."""
    out = list(refs)
    for n in range(len(out) - 2, -1, -1):
        ref, nxt = out[n], out[n + 1]
        if ref.doc is not None or nxt.doc is not None or not ref.units or not nxt.units:
            continue
        articles = {u.get(DIEU) for u in nxt.units}
        if (
            len(articles) == 1
            and None not in articles
            and all(DIEU not in u and "này" not in u.values() for u in ref.units)
            and all(set(u) <= {KHOAN, DIEM} for u in ref.units)
            and _NEXT_OPERATION.match(text[ref.end : nxt.start])
        ):
            article = next(iter(articles))
            units = [{**u, DIEU: article} for u in ref.units]
            out[n] = Reference(ref.text, ref.start, ref.end, units, ref.doc)
    return out


def _inserted(row: CitationRow, text: str) -> CitationRow:
    """A unit an instruction inserts ("Bổ sung khoản 4a vào sau khoản 4 …", "Sửa đổi khoản 1,
    bổ sung khoản 1a, 1b vào sau khoản 1 …") does not exist before it: not a broken citation.
    The inserted units are named after "bổ sung" and before "vào"."""
    if row.status != UNIT_NOT_FOUND:
        return row
    lowered = text.lower()
    into = lowered.find(" vào ", row.start)
    if into < 0 or "bổ sung" not in lowered[: row.start]:
        return row
    row.status = INSERTED
    row.reason = "đơn vị do chính quy định này bổ sung"
    return row


def _instruction_scope(ref, rows, scope, lookup, indexes) -> _Scope:
    """The scope an instruction sets for the instructions nested in it."""
    if ref.doc is not None and not ref.doc.this:
        target = lookup(ref.doc.number, ref.doc.name)
        if not ref.units:
            return _Scope(target or "", indexes(target) if target else None, {})
        scope = _Scope(target or "", indexes(target) if target else None, {})
    paths = [{k: v for k, v in u.items() if v != "này"} for u in ref.units]
    if len(paths) == 1:
        return _Scope(scope.doc_id, scope.index, {**scope.path, **paths[0]})
    if paths:  # "điểm b và điểm đ khoản 1 Điều 45": the levels they share
        shared = {k: v for k, v in paths[0].items() if all(p.get(k) == v for p in paths[1:])}
        if shared:
            return _Scope(scope.doc_id, scope.index, {**scope.path, **shared})
    return scope


def _resolve(
    doc,
    unit,
    ref: Reference,
    p_index,
    context,
    scope: _Scope,
    lookup,
    indexes,
    in_payload,
    instruction=False,
) -> Iterator[CitationRow]:
    base = dict(doc_id=doc.id, unit_id=unit.id, text=ref.text, start=ref.start, paragraph=p_index)
    amended_unknown = False
    written = None if ref.doc is None or ref.doc.this else (ref.doc.number or ref.doc.name)
    if in_payload:
        yield CitationRow(
            **base,
            target_doc=written,
            target_doc_id=None,
            target_unit_id=None,
            status=IN_PAYLOAD,
            reason="refers to the amended text",
        )
        return
    if ref.doc is not None and ref.doc.this and instruction and scope.doc_id not in ("", doc.id):
        # an instruction's "của Luật này" is the law it amends: "bỏ từ “phạt” trong cụm từ
        # “tiền phạt chậm nộp” tại khoản 3 Điều 56 của Luật này" (Luật 21/2012/QH13, Điều 1)
        target_id, index, outer = scope.doc_id, scope.index, {}
    elif ref.doc is not None and ref.doc.this:
        target_id, index, outer = doc.id, indexes(doc.id), {}
        # the law an instruction amends is not in the database: its "Điều 77 của Luật này"
        # is the text's own only where the text has that unit ("Bãi bỏ điểm đ khoản 3
        # Điều 77 của Luật này", Luật 21/2012/QH13 amending Luật Quản lý thuế)
        amended_unknown = instruction and scope.doc_id == ""
    elif ref.doc is None:
        target_id, index, outer = scope.doc_id or None, scope.index, scope.path
        if not target_id:
            yield _amended_not_stored(base)
            return
    else:
        target_id = lookup(ref.doc.number, ref.doc.name)
        index, outer = (indexes(target_id) if target_id else None), {}
    if target_id is None:
        yield CitationRow(
            **base,
            target_doc=written,
            target_doc_id=None,
            target_unit_id=None,
            status=DOC_NOT_IN_DB,
            reason=f"{ref.doc.label()} chưa có trong cơ sở dữ liệu",
        )
        return
    if not ref.units:
        yield CitationRow(
            **base,
            target_doc=written,
            target_doc_id=target_id,
            target_unit_id=None,
            status=RESOLVED,
        )
        return
    own_context = context if target_id == doc.id and not scope.path else []
    for path in ref.units:
        full = _fill(path, own_context)
        for level, value in outer.items():  # the enclosing instruction's unit
            if _deeper_than(level, path):
                full.setdefault(level, value)
        found, why = index.find(full) if index else (None, "")
        if found is None and amended_unknown:
            yield _amended_not_stored(base)
            continue
        yield CitationRow(
            **base,
            target_doc=written,
            target_doc_id=target_id,
            target_unit_id=found.id if found else None,
            status=RESOLVED if found else UNIT_NOT_FOUND,
            reason=why,
            missing_id=index.missing_id(full) if index and not found else "",
        )


def _amended_not_stored(base: dict) -> CitationRow:
    """A reference into the document an instruction amends, which the store lacks."""
    return CitationRow(
        **base,
        target_doc=None,
        target_doc_id=None,
        target_unit_id=None,
        status=DOC_NOT_IN_DB,
        reason="văn bản được sửa đổi chưa có trong cơ sở dữ liệu",
    )


_DEPTH = {"phan": 0, "chuong": 1, "muc": 2, DIEU: 4, KHOAN: 5, DIEM: 6}


def _deeper_than(level: str, path: dict[str, str]) -> bool:
    """Whether `level` lies above every level the path writes (so it can be filled in)."""
    return all(_DEPTH[level] < _DEPTH[written] for written in path)
