"""Amendment instructions as data: an amending document's units turned into operations on
the units of the document they amend. Pure.

Patterns (each a test in tests/test_consolidation.py, on Luật 57/2024/QH15 Điều 4):
- "Sửa đổi, bổ sung khoản 5 Điều 3 như sau: “…”"                     -> replace
- "Sửa đổi, bổ sung một số điểm, khoản của Điều 6 như sau: a) Sửa đổi, bổ sung điểm d
  khoản 1 như sau: “…”"                                                -> nested targets
- "Sửa đổi, bổ sung đoạn mở đầu khoản 6 như sau: “…”"; "Bổ sung đoạn mở đầu vào trước
  khoản 1 Điều 44 như sau:" (Luật 67/2020/QH14: the article's own opening words) -> replace_intro
- "Sửa đổi, bổ sung tên điều, khoản 1 …"                               -> replace_heading
- "Bổ sung khoản 4a vào sau khoản 4 như sau: “…”", "Bổ sung các khoản 2a, 2b và 2c vào
  sau khoản 2", "Bổ sung điểm e vào sau điểm đ khoản 1 Điều 17", "Bổ sung Điều 34a vào sau
  Điều 34"; "Bổ sung các khoản 4, 5 và 6 vào Điều 4 như sau: “4. …" (at the container's
  end; the quote may open on the instruction's line)                  -> insert_after
- "Bãi bỏ khoản 3 Điều 7", "Bãi bỏ các điểm …"                         -> repeal
- the passive voice of older laws: "Khoản 1 và khoản 2 Điều 6 được sửa đổi, bổ sung như
  sau:", "Điều 42 được sửa đổi, bổ sung như sau: “Điều 42. …", "Điểm đ khoản 3 Điều 77 được
  bãi bỏ." (Luật 21/2012/QH13)                                      -> as the active ones
- "Thay thế cụm từ “X” bằng cụm từ “Y” tại …", "Thay từ “tháo dỡ” bằng từ “phá dỡ” tại …",
  "Bỏ cụm từ “X” tại …", "Bổ sung cụm từ “, biện pháp giáo dục dựa vào cộng đồng” vào sau
  cụm từ “biện pháp nhắc nhở” tại khoản 4 Điều 2" (scopes: units, the
  title of an article "tên Điều 3", or the whole law when no "tại")   -> replace_phrase
- Luật 21/2012/QH13 and Luật 54/2014/QH13 on Luật Quản lý thuế: "Sửa cụm từ “kể từ ngày
  đăng ký tờ khai” tại điểm a khoản 2 Điều 107 thành cụm từ “kể từ ngày thông quan”" (the
  scope before the new words), "bỏ từ “phạt” trong cụm từ “tiền phạt chậm nộp” tại khoản 3
  Điều 56 của Luật này" (a word out of a phrase; "Luật này" is the law amended) -> replace_phrase;
  "Sửa đổi, bổ sung khoản 1 Điều 93; bổ sung khoản 3 vào Điều 93 như sau:" (one payload,
  each operation takes its units); quoted units glued on one line ("… tiền phạt;” “4. Chính
  phủ quy định …"); "… được sửa đổi, bổ sung nhu sau:" (a diacritic lost in the copy);
  "khoản 5 Điều 4" when Điều 4 as enacted has 3 (a khoản an earlier law inserted: known
  when the instruction is applied).
- "Điều 4. Sửa đổi, bổ sung một số điều của Luật Đấu thầu": only that article's
  instructions concern that law.
Targets are resolved by the citation machinery (ingest/links/resolve.py), which keeps
the scope an enclosing instruction sets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.links.resolve import (
    IN_PAYLOAD,
    INSTRUCTION,
    UNIT_NOT_FOUND,
    CitationRow,
    UnitIndex,
    active_voice,
    citations,
)
from schema.model import Document, Unit

_WORDS = r"(?:các\s+)?(?:(?:cụm\s+)?từ|cụm từ)\s+"
_PHRASE_OP = re.compile(
    rf"^(?:(?:Thay thế|Thay|Sửa đổi|Sửa)\s+{_WORDS}“(?P<old>[^”]+)”"
    r"(?:\s+tại\s+(?P<mid_scope>[^“”]+?))?\s+(?:bằng|thành)\s+"
    rf"(?:{_WORDS})?“(?P<new>[^”]+)”"
    rf"|Bỏ\s+{_WORDS}“(?P<part>[^”]+)”\s+trong\s+{_WORDS}“(?P<whole>[^”]+)”"
    rf"|Bỏ\s+{_WORDS}“(?P<gone>[^”]+)”"
    rf"|Bổ sung\s+{_WORDS}“(?P<add>[^”]+)”\s+vào\s+(?P<pos>trước|sau)\s+(?:{_WORDS})?"
    r"“(?P<anchor>[^”]+)”)"
    r"(?:\s+(?:(?:được\s+)?quy định\s+)?tại\s+(?P<scope>.*?))?\s*[.;:]?\s*$",
    re.IGNORECASE,
)
# "Bổ sung khoản 2a vào sau khoản 2 như sau:"; older laws leave out "vào": "Bổ sung Điều 5a
# sau Điều 5 như sau:", "Bổ sung khoản 1a sau khoản 1 Điều 15 như sau:" (Luật Hải quan sửa
# đổi 2005), the anchor then a unit
_ANCHOR_UNIT = r"(?:khoản|điểm|điều|chương|mục|tiểu mục|tiết|phần|đoạn)\s"
_INSERT = re.compile(
    r"^Bổ sung\s+(?:các\s+)?(?P<what>.+?)\s+(?:vào\s+|(?=(?:sau|trước)\s+"
    rf"{_ANCHOR_UNIT}))(?P<where>sau|trước)\s+"
    r"(?P<anchor>.+?)(?:\s+nh[ưu] sau)?\s*[:.;]?\s*$",
    re.IGNORECASE,
)
_ANCHOR_START = re.compile(rf"\s(?:vào\s+(?:sau|trước)|(?:sau|trước)(?=\s+{_ANCHOR_UNIT}))\s", re.I)
# "Bổ sung các khoản 4, 5 và 6 vào Điều 4 như sau:", "Bổ sung điểm đ vào khoản 2 Điều 7":
# new units at the end of a container (no "sau"/"trước")
_APPEND = re.compile(
    r"^Bổ sung\s+(?:các\s+)?(?P<what>(?:khoản|điểm|Điều|điều)\s.+?)\s+vào\s+"
    r"(?!sau\b|trước\b)(?P<container>(?:khoản|Khoản|Điều|điều|Chương|Mục)\s.+?)"
    r"(?:\s+nh[ưu] sau)?\s*[:.;]?\s*$",
)
# the quoted text opening on the instruction's own line: "… vào Điều 4 như sau: “4. Áp dụng …"
_INLINE_PAYLOAD = re.compile(r"(?:nh[ưu] sau|sau đây)\s*:\s*(?=“)")
# quoted units glued on one line by a copy: "… tiền phạt;” “4. Chính phủ quy định …",
# "… đã được thông quan “9. Sử dụng hàng hóa …" (Luật 21/2012/QH13)
_GLUED_QUOTES = re.compile(r"\s*”?\s+“(?=(?:\d+[a-zđ]?\.|[a-zđ]\d*\)|Điều\s+\d+[a-zđ]?\.)\s)")
_NEW_NUMBERS = re.compile(r"(?:khoản|điểm|Điều|điều)\s+([\w.]+)|,\s*([\w.]+)|và\s+([\w.]+)")


# Why an instruction cannot be applied (Operation.failure, consolidation's Outcome.failure):
# the checks on amending drafts name them; the messages stay for readers.
NO_TARGET = "no_target"  # the unit to amend or repeal does not exist
NO_ANCHOR = "no_anchor"  # "vào sau khoản 14": no khoản 14
NUMBER_TAKEN = "number_taken"  # the unit to insert exists already
NO_PHRASE = "no_phrase"  # the phrase to replace is not in its scope
NO_PAYLOAD = "no_payload"  # "như sau:" with no quoted text
NOT_READ = "not_read"  # a khoản of an amending article that is no instruction LexVN reads


@dataclass
class Operation:
    source_doc: str
    source_unit: str
    kind: str  # replace | replace_intro | replace_heading | insert_after | repeal | replace_phrase
    # | unread (a khoản that is no instruction LexVN reads: reported, never applied)
    target_doc: str | None  # id of the amended document; None when it is not stored
    target_written: str  # the target as the instruction writes it
    targets: list[str] = field(default_factory=list)  # unit ids; the anchor for insert_after
    heading_only: list[str] = field(default_factory=list)  # phrase scope: titles only
    payload: list[str] = field(default_factory=list)  # the quoted text, quotes removed
    old: str | None = None
    new: str | None = None
    new_numbers: list[str] = field(default_factory=list)  # insert: the numbers to insert
    effective: str | None = None  # ISO date
    problem: str = ""  # why the instruction cannot be applied as written
    failure: str = ""  # the kind of problem: NO_TARGET, NO_ANCHOR, …

    def fail(self, failure: str, problem: str) -> None:
        self.failure, self.problem = failure, problem


def payload_of(unit: Unit) -> list[str]:
    """The quoted text an instruction carries: its paragraphs after the first, quotes off,
    curly or straight ('"Điều 82a. Quy hoạch chi tiết nhóm cảng biển …', Luật 35/2018/QH14
    on thuvienphapluat)."""
    lines = [piece for line in unit.text[1:] for piece in _GLUED_QUOTES.split(line)]
    if not lines:
        return []
    lines[0] = lines[0].lstrip().removeprefix("“").removeprefix('"')
    last = re.sub(r"[”\"]\s*[.;,]*\s*$", "", lines[-1].rstrip())
    lines[-1] = last
    return [line for line in lines if line.strip()]


def _leaf_instructions(article: Unit):
    """Instruction units that carry an operation (not those that only group others)."""
    for unit in article.walk():
        if unit is article or not unit.text or not INSTRUCTION.match(unit.text[0]):
            continue
        container = any(c.text and INSTRUCTION.match(c.text[0]) for c in unit.children)
        if container and len(unit.text) == 1:
            continue
        yield unit


def _amending_articles(doc: Document, target_doc_id: str, rows_by_unit) -> list[Unit]:
    """Articles of the amending document whose instructions concern the target document."""
    out = []
    for article in doc.articles():
        rows = [
            r
            for u in article.walk()
            for r in rows_by_unit.get(u.id, [])
            if r.paragraph == 0 and r.status != IN_PAYLOAD
        ]
        if any(r.target_doc_id == target_doc_id for r in rows):
            out.append(article)
    return out


def parse_instructions(
    amending: Document,
    base: Document,
    effective: str | None,
    unit_dates: dict[str, str] | None = None,
    lookup=None,
) -> list[Operation]:
    """Operations of `amending` on `base`, in the order the text gives them."""
    unit_dates = unit_dates or {}
    index = UnitIndex(base)

    def find(number: str | None, name: str | None) -> str | None:
        if lookup is not None:
            return lookup(number, name)
        wanted = (number or "").replace(" ", "")
        if base.metadata.number and wanted == base.metadata.number.replace(" ", ""):
            return base.id
        if name and base.metadata.title and name.lower() == base.metadata.title.lower():
            return base.id
        return None

    own_index = UnitIndex(amending)

    def indexes(doc_id: str):
        return index if doc_id == base.id else own_index if doc_id == amending.id else None

    rows_by_unit: dict[str, list[CitationRow]] = {}
    for row in citations(amending, find, indexes):
        rows_by_unit.setdefault(row.unit_id, []).append(row)
    ops: list[Operation] = []
    for article in _amending_articles(amending, base.id, rows_by_unit):
        ops.extend(_unread(amending, base, article, effective, rows_by_unit))
        for unit in _leaf_instructions(article):
            rows = [
                r
                for r in rows_by_unit.get(unit.id, [])
                if r.paragraph == 0 and r.status != IN_PAYLOAD
            ]
            whole_law = bool(_PHRASE_OP.match(unit.text[0])) and " tại " not in unit.text[0]
            if not whole_law and (not rows or all(r.target_doc_id != base.id for r in rows)):
                continue
            when = _date_for(unit.id, unit_dates) or effective
            ops.extend(_operations(amending, base, index.by_id, unit, rows, when))
        for unit in article.walk():
            if unit is not article and unit.text and INSTRUCTION.match(unit.text[0]):
                when = _date_for(unit.id, unit_dates) or effective
                ops.extend(_later_phrases(amending, base, index.by_id, unit, rows_by_unit, when))
    return ops


def _later_phrases(amending, base, units, unit: Unit, rows_by_unit, when) -> list[Operation]:
    """A words instruction on a line of its own after the points of an instruction: "k) Thay
    cụm từ “… mức tiền phạt …” bằng cụm từ “…” tại điểm c khoản 3 … Điều 39 …" / "Thay cụm
    từ “… mức xử phạt tiền …” bằng cụm từ “…” tại điểm c khoản 1 Điều 38." (Luật
    67/2020/QH14, khoản 73 Điều 1)."""
    paragraphs = list(enumerate(unit.text + unit.tail))[1:]
    if re.search(r"nh[ưu] sau\s*:?\s*$", unit.text[0]):
        paragraphs = paragraphs[len(unit.text) - 1 :]  # its own lines are its payload
    out = []
    for k, paragraph in paragraphs:
        if not _PHRASE_OP.match(paragraph):
            continue
        rows = [
            r for r in rows_by_unit.get(unit.id, []) if r.paragraph == k and r.status != IN_PAYLOAD
        ]
        if rows and all(r.target_doc_id != base.id for r in rows):
            continue
        rows = [CitationRow(**{**r.__dict__, "paragraph": 0}) for r in rows]
        line = Unit(unit.type, unit.number, unit.id, text=[paragraph])
        out.extend(_operations(amending, base, units, line, rows, when))
    return out


_AMENDING_TITLE = re.compile(
    r"sửa đổi|bổ sung|bãi bỏ|thay thế|đình chỉ|điều chỉnh|liên quan|một số điều", re.IGNORECASE
)


_AMENDING_VERB = re.compile(r"^(?:Sửa đổi|Bổ sung|Bãi bỏ|Thay thế)\b", re.IGNORECASE)


def _unread(amending: Document, base: Document, article: Unit, when: str | None, rows_by_unit):
    """A khoản of an amending article that is no instruction LexVN reads and holds none:
    reported as failed, never dropped in silence ("Bổ sung cụm từ … tại các điều 20, 72 …"
    before the grammar read it); and, in any article, a khoản that says it amends a unit of
    the base in words no instruction has (Luật Thủy sản 18/2017/QH14, Điều 105 "Quy định
    chuyển tiếp": "1. Sửa đổi mức xử phạt vi phạm hành chính tối đa … quy định tại điểm đ
    khoản 1 Điều 24 của Luật Xử lý vi phạm hành chính số 15/2012/QH13 như sau: mức phạt
    tiền tối đa … là 1.000.000.000 đồng")."""
    amending_article = any(
        INSTRUCTION.match(u.text[0]) for u in article.walk() if u.text and u is not article
    ) and not (article.heading and not _AMENDING_TITLE.search(article.heading))
    # not "Điều 217. Hiệu lực thi hành" (Luật 59/2020/QH14): its other khoản are its own
    for unit in article.children:
        if unit.type != "khoan" or not unit.text:
            continue
        if any(u.text and INSTRUCTION.match(u.text[0]) for u in unit.walk()):
            continue
        cites_base = any(
            r.target_doc_id == base.id and r.paragraph == 0 and r.target_unit_id
            for r in rows_by_unit.get(unit.id, [])
        )
        if not amending_article and not (cites_base and _AMENDING_VERB.match(unit.text[0])):
            continue
        op = Operation(amending.id, unit.id, "unread", base.id, "", effective=when)
        op.fail(NOT_READ, f"không đọc được chỉ dẫn sửa đổi: “{unit.text[0][:120]}”")
        yield op


def _operations(
    amending: Document,
    base: Document,
    units: dict[str, Unit],
    unit: Unit,
    rows: list[CitationRow],
    when: str | None,
) -> list[Operation]:
    """One operation a clause: "Sửa đổi, bổ sung tên điều, khoản 1; bổ sung các khoản 1a,
    1b và 1c vào sau khoản 1 như sau:" is three (title, khoản 1, insertion) on one payload."""
    inline = _INLINE_PAYLOAD.search(unit.text[0])
    if inline and unit.text[0][inline.end() :].strip():
        head, quoted = unit.text[0][: inline.end()].rstrip(), unit.text[0][inline.end() :].strip()
        unit = Unit(unit.type, unit.number, unit.id, text=[head, quoted, *unit.text[1:]])
        rows = [r for r in rows if r.start < len(head)]
    text = unit.text[0]
    found = list(_CLAUSE_BREAK.finditer(text))
    cuts = [0] + [m.end() for m in found]
    ends = [m.start() for m in found] + [len(text)]
    if len(cuts) == 1 and not re.search(r"\btên điều\b,", text, re.IGNORECASE):
        return [_operation(amending, base, units, unit, rows, when)]
    out = []
    for start, end in zip(cuts, ends, strict=True):
        clause = text[start:end].rstrip("; ")
        clause = clause[:1].upper() + clause[1:]
        if not re.search(r"nh[ưu] sau\s*:?\s*$", clause) and re.search(r"nh[ưu] sau", text):
            clause += " như sau:"
        part = [r for r in rows if start <= r.start < end]
        shifted = [CitationRow(**{**r.__dict__, "start": r.start - start}) for r in part]
        if re.match(r"Sửa đổi, bổ sung tên điều, ", clause, re.IGNORECASE):
            title = Unit(
                unit.type, unit.number, unit.id, text=["Sửa đổi, bổ sung tên điều"] + unit.text[1:]
            )
            article = next(
                (
                    units[r.target_unit_id].id
                    for r in shifted
                    if r.target_unit_id and "__" in r.target_unit_id
                ),
                None,
            )
            op = _operation(amending, base, units, title, shifted, when)
            op.kind = "replace_heading"
            if article:
                op.failure = op.problem = ""
            op.targets = [article.rsplit("__", 1)[0]] if article else []
            out.append(op)
            clause = "Sửa đổi, bổ sung " + clause[len("Sửa đổi, bổ sung tên điều, ") :]
            shifted = [
                CitationRow(**{**r.__dict__, "start": max(0, r.start - len("tên điều, "))})
                for r in shifted
            ]
        piece = Unit(unit.type, unit.number, unit.id, text=[clause] + unit.text[1:])
        out.append(_operation(amending, base, units, piece, shifted, when))
    return out


def _later(row: CitationRow, base: Document) -> bool:
    """A unit of the base that its text as enacted lacks, below an article it has ("khoản 5
    Điều 4" of a law whose Điều 4 has 3): an earlier amending law may have inserted it, so
    whether it exists is known when the instruction is applied, not when it is read."""
    return row.status == UNIT_NOT_FOUND and bool(row.missing_id) and row.target_doc_id == base.id


def _targets(rows: list[CitationRow], base: Document) -> list[str]:
    """The base's units an instruction names; not those of another law the same sentence
    names ("Bãi bỏ khoản 3 Điều 35 của Bộ luật Lao động … và khoản 2 Điều 688 của Bộ luật
    Dân sự …": consolidating the first, the second's khoản 2 Điều 688 is none of its own)."""
    return [
        r.target_unit_id or r.missing_id
        for r in rows
        if r.target_doc_id == base.id and (r.target_unit_id or _later(r, base))
    ]


# where one operation of an instruction ends and the next begins: "Sửa đổi, bổ sung khoản 1
# Điều 93; bổ sung khoản 3 vào Điều 93", "Sửa đổi, bổ sung các khoản 3, 4 và 5, bổ sung các
# khoản 5a, 5b và 5c vào sau khoản 5 Điều 125", "Sửa đổi, bổ sung các khoản 8, 9, 10 và bổ
# sung khoản 11 vào sau khoản 10" (Luật 67/2020/QH14); never the comma of "Sửa đổi, bổ sung"
_CLAUSE_BREAK = re.compile(
    r"; (?=(?:sửa đổi|bổ sung|bãi bỏ|thay thế|bỏ)\b)"
    r"|(?<!sửa đổi)(?:,| và) (?=(?:bổ sung|bãi bỏ) (?:các )?(?:khoản|điểm|điều)\b)",
    re.IGNORECASE,
)


def _date_for(unit_id: str, unit_dates: dict[str, str]) -> str | None:
    while unit_id:
        if unit_id in unit_dates:
            return unit_dates[unit_id]
        unit_id = unit_id.rsplit("__", 1)[0] if "__" in unit_id else ""
    return None


def _operation(
    amending: Document,
    base: Document,
    units: dict[str, Unit],
    unit: Unit,
    rows: list[CitationRow],
    when: str | None,
) -> Operation:
    text = unit.text[0]
    op = Operation(
        amending.id,
        unit.id,
        "replace",
        base.id,
        rows[0].text if rows else "",
        effective=when,
        payload=payload_of(unit),
    )
    active = active_voice(text)  # "Khoản 2 Điều 66 được sửa đổi như sau:" read as "Sửa đổi …"
    phrase = _PHRASE_OP.match(active)
    insert = _INSERT.match(active)
    lowered = active.lower()
    if phrase:
        op.kind = "replace_phrase"
        op.old = phrase.group("old") or phrase.group("gone") or phrase.group("anchor")
        op.new = phrase.group("new") or ""
        if phrase.group("whole"):  # "bỏ từ “phạt” trong cụm từ “tiền phạt chậm nộp”"
            op.old = phrase.group("whole")
            op.new = " ".join(op.old.replace(phrase.group("part"), " ", 1).split())
        if phrase.group("add"):  # "Bổ sung cụm từ “, X” vào sau cụm từ “Y”": Y becomes "Y, X"
            add, anchor = phrase.group("add"), phrase.group("anchor")
            gap = "" if add[:1] in ",.;:)" else " "
            before = phrase.group("pos").lower() == "trước"
            op.new = f"{add} {anchor}" if before else f"{anchor}{gap}{add}"
            if before and not gap:  # “, X” before “Y”: "a Y" becomes "a, X Y", not "a , X Y"
                op.old, op.new = f" {anchor}", f"{add} {anchor}"
        scope_text = phrase.group("scope") or phrase.group("mid_scope") or ""
        scope_start = text.find(scope_text) if scope_text else len(text)
        titles = set(re.findall(r"tên\s+(?:của\s+)?Điều\s+(\d+[a-zđ]?)", scope_text))
        for r in rows:
            if r.start >= scope_start and _later(r, base):
                op.targets.append(r.missing_id)
            if r.start < scope_start or not r.target_unit_id:
                continue
            unit = units.get(r.target_unit_id)
            if unit is not None and unit.type == "dieu" and unit.number in titles:
                op.heading_only.append(r.target_unit_id)  # "tên Điều 3": the title only
                titles.discard(unit.number)
            else:
                op.targets.append(r.target_unit_id)
        if not scope_text:
            op.targets = [u.id for u in base.units]  # the whole law
        op.targets = list(dict.fromkeys(op.targets))
        op.heading_only = list(dict.fromkeys(op.heading_only))
    elif insert and re.match(r"bổ sung đoạn mở đầu\b", lowered):
        # "Bổ sung đoạn mở đầu vào trước khoản 1 Điều 44 như sau:" (Luật 67/2020/QH14): the
        # words before the article's first khoản, not a unit of its own
        op.kind = "replace_intro"
        anchors = [r.target_unit_id for r in rows if r.target_unit_id and "__" in r.target_unit_id]
        op.targets = [anchors[0].rsplit("__", 1)[0]] if anchors else []
    elif insert:
        op.kind = "insert_after" if insert.group("where").lower() == "sau" else "insert_before"
        found = _ANCHOR_START.search(text)
        anchor_start = found.start() if found else -1
        anchors = [r for r in rows if r.start > anchor_start and r.target_unit_id]
        op.new_numbers = [
            m.group(1)
            for m in re.finditer(
                r"(?:khoản|điểm|Điều|,|và)\s+(\d+[a-zđ]?\d*|[a-zđ]\d*)\b", text[:anchor_start]
            )
        ]
        if anchors:
            op.targets = [anchors[0].target_unit_id]
        else:
            op.fail(
                NO_ANCHOR,
                f"vị trí “{insert.group('anchor')}” không có trong văn bản được sửa đổi",
            )
    elif append := _APPEND.match(active):
        op.kind = "insert_after"
        kind = append.group("what").split()[0].lower()
        kind = {"khoản": "khoan", "điểm": "diem", "điều": "dieu"}[kind]
        start = text.lower().rfind(" vào ") if active != text else append.start("container")
        container_rows = [r for r in rows if r.start >= start and r.target_unit_id]
        container = units.get(container_rows[0].target_unit_id) if container_rows else None
        op.new_numbers = [
            m.group(1)
            for m in re.finditer(
                r"(?:khoản|điểm|Điều|điều|,|và)\s+(\d+[a-zđ]?\d*|[a-zđ]\d*)\b", text[:start]
            )
        ]
        last = None
        if container is not None:
            last = next(
                (
                    u
                    for u in reversed(list(container.walk()))
                    if u.type == kind and u is not container
                ),
                None,
            )
        if last is not None:
            op.targets = [last.id]
        else:
            op.fail(
                NO_ANCHOR,
                f"“{append.group('container')}” không có {append.group('what').split()[0]} "
                "nào để bổ sung vào sau",
            )
    elif lowered.startswith("bãi bỏ"):
        op.kind = "repeal"
        op.targets = _targets(rows, base)
        missing = [
            r.text
            for r in rows
            if r.target_doc_id in (base.id, None) and not r.target_unit_id and not _later(r, base)
        ]
        if missing:
            op.fail(NO_TARGET, "không có: " + ", ".join(missing))
    else:
        if "đoạn mở đầu" in lowered:
            op.kind = "replace_intro"
        elif re.search(r"\btên (?:của )?(?:điều|chương|mục|tiểu mục|phần)\b", lowered):
            op.kind = "replace_heading"  # "Sửa đổi, bổ sung tên Mục 8 Chương III như sau:"
        op.targets = _targets(rows, base)
        missing = [
            r
            for r in rows
            if not r.target_unit_id and r.target_doc_id == base.id and not _later(r, base)
        ]
        if missing:
            op.fail(NO_TARGET, "; ".join(r.reason or r.text for r in missing))
        if not op.payload and not op.problem:
            op.fail(NO_PAYLOAD, "“như sau:” không có nội dung trong ngoặc kép theo sau")
    if not op.targets and not op.heading_only and not op.problem:
        op.fail(NO_TARGET, "không xác định được đơn vị được sửa đổi")
    return op


def waiting_instructions(amending: Document, lookup) -> list[tuple[str, str, str]]:
    """(article id, instruction unit id, the law it amends as written) for instructions aimed
    at documents not in the store: they wait, and apply when their base arrives."""
    from ingest.links.citations import extract

    out = []
    for article in amending.articles():
        if not INSTRUCTION.match(article.heading):
            continue
        refs = [r for r in extract(article.heading) if r.doc and not r.doc.this]
        if not refs or lookup(refs[0].doc.number, refs[0].doc.name):
            continue
        written = refs[0].doc.number or refs[0].doc.name or ""
        out.extend((article.id, unit.id, written) for unit in _leaf_instructions(article))
    return out
