"""Structure parser: normalised paragraphs in, a tree of units out. Pure, no I/O.

The layout of a Vietnamese legal document, top to bottom:
  header (cơ quan, quốc hiệu, số ký hiệu, date) -> loại and trích yếu -> preamble (căn cứ)
  -> body (Phần > Chương > Mục > Tiểu mục > Điều > khoản > điểm) -> closing (adoption line,
  nơi nhận, signature) -> attachments (phụ lục, or a regulation "ban hành kèm theo").

Decisions that matter on real texts:
- A numbered line is a khoản or điểm only if its number continues the sequence of its parent
  (one step may be skipped, with a warning): "1." in a running list or a table is not a khoản.
- Text inside “…” that runs over several paragraphs is an amendment payload: it stays in the
  paragraphs of the unit that carries it and is never parsed as this document's structure.
  A source's slip in the quotation marks is read past when the instruction shows where the
  new text ends (the next instruction after "…”.") or goes on (an article it names).
- An article heading glued to the previous sentence ("…của Chương này.Điều 414. Nguyên tắc")
  is split off when its number is the next expected one, and reported.
"""

from __future__ import annotations

import re

from ingest.parse.instruction import INSTRUCTION
from ingest.parse.layout import (
    DIEU_NO_STOP,
    PHU_LUC_HEADING,
    REPEALED,
    heading_match,
    is_upper_text,
)
from ingest.parse.numbering import (
    ORDINALS,
    POINT_LETTERS,
    id_token,
    point_index,
    roman_to_int,
    split_number,
)
from ingest.parse.quotes import quote_balance
from ingest.parse.recovery import (
    join_bare_numbers,
    restore_dropped_dieu_words,
    split_glued_first_khoan,
    split_glued_first_point,
)
from schema.model import (
    CHUONG,
    DIEM,
    DIEU,
    KHOAN,
    MUC,
    PHAN,
    TIEU_DIEM,
    TIEU_MUC,
    Issue,
    Paragraph,
    Unit,
)

_LEVEL = {PHAN: 0, CHUONG: 1, MUC: 2, TIEU_MUC: 3, DIEU: 4, KHOAN: 5, DIEM: 6, TIEU_DIEM: 7}

# "1." and, before 2000, "1- "; never a number's thousands: "3.486.600 đồng" opening a
# wrapped line (Nghị định 73/2024/NĐ-CP's table of salaries); but "4.173 Việc …" is
# khoản 4 with the site's footnote mark 173 (VBHN 27/VBHN-VPQH)
_NEW_ARTICLE = re.compile(r"^[“\"]?Điều\s+(\d+[a-zđ]?)\.\s")
_AS_FOLLOWS = re.compile(r"như sau\s*:")
# a title: a short line in capital-first words that neither opens a unit nor ends a sentence
_TITLE_LINE = re.compile(
    r"^(?![\d“\"(\[]|[a-zđ]\)|Điều\s|Chương\s|Mục\s|.*\bnày\b)[A-ZĐÀ-Ỹ][^.;:!?]{2,200}$"
)
_KHOAN = re.compile(r"^(\d{1,4}[a-zđ]?)(?:\.(?!\d{3}[.,]\d)|-(?=\s))\s*(\S.*)$")
_DIEM = re.compile(r"^([a-zđ])(\d{0,3})\)\s*(.*)$")
_TIEU_DIEM = re.compile(r"^([a-zđ])\.(\d{1,3})\)\s*(.*)$")
_GLUED_DIEU = re.compile(
    r"(?<=[.;:!?”\")])\s*(Điều\s+(\d{1,4}[a-zđ]?)(?:\.(?:\s+\S.*)?|\s+(?=[A-ZĐ])\S.*))$"
)
_LATIN_POINTS = "abcdefghijklmnopqrstuvwxyz"


class _Builder:
    """Walks the body paragraphs once, keeping the chain of open units."""

    def __init__(
        self,
        id_prefix: str,
        issues: list[Issue],
        holder: Unit | None = None,
        unopened: set[int] | None = None,
        unclosed: set[int] | None = None,
        closed: set[int] | None = None,
    ):
        self.holder = holder  # receives text that comes before the first unit
        self.unopened = unopened or set()  # lines whose opening quotes never close
        self.unclosed = unclosed or set()  # new texts whose closing mark the source left out
        self.closed = closed or set()  # lines not to read on at: the quotation never closed
        self.read_on_at = 0  # the line where the open quotation was read on past its ”
        self.roots: list[Unit] = []
        self.stack: list[Unit] = []
        self.id_prefix = id_prefix
        self.issues = issues
        self.last_dieu: tuple[int, str] | None = None
        self.last_dieu_line = 0
        # a part a VBHN repealed whole, its articles with it: "Chương II (được bãi bỏ)" /
        # "Chương III" / "Điều 11." (VBHN 716/VBHN-BLĐTBXH): no articles are missing
        self.repealed_part = False
        self.used_ids: set[str] = set()
        self.next_copy: dict[str, int] = {}
        self.pending_title: Unit | None = None  # a heading whose title may follow on next lines
        self.untitled_dieu: Unit | None = None  # "Điều 20." alone: its title may be next
        self.quote_depth = 0
        self.quote_line = 0
        self.quote_opener = ""  # the paragraph that opened the open quotation
        self.closed_payload = False  # the last paragraph read ended a quotation: "…”."
        self.next_instruction_seen = False  # in the open quotation, the article's next khoản
        self.payload_khoan = 0  # the last khoản number of the new text just read, if any

    # -- tree helpers -------------------------------------------------------------------
    def _parent_for(self, unit_type: str) -> Unit | None:
        level = _LEVEL[unit_type]
        while self.stack and _LEVEL.get(self.stack[-1].type, -1) >= level:
            self.stack.pop()
        return self.stack[-1] if self.stack else None

    def _open(
        self, unit_type: str, number: str, token: str, label: str, heading: str, line: int
    ) -> Unit:
        parent = self._parent_for(unit_type)
        base = f"{parent.id}__" if parent else self.id_prefix
        unit_id = f"{base}{unit_type}_{token}"
        if unit_id in self.used_ids:
            k = self.next_copy.get(unit_id, 2)  # counted, not searched: linear in copies
            while f"{unit_id}_{k}" in self.used_ids:
                k += 1
            self.next_copy[unit_id] = k + 1
            self.issues.append(
                Issue(
                    "warning",
                    "duplicate-id",
                    f"{label} appears twice in the same place; second copy stored as {unit_id}_{k}",
                    line,
                    unit_id,
                    {"label": label},
                )
            )
            unit_id = f"{unit_id}_{k}"
        self.used_ids.add(unit_id)
        unit = Unit(
            type=unit_type, number=number, id=unit_id, heading=heading, line=line, label=label
        )
        (parent.children if parent else self.roots).append(unit)
        self.stack.append(unit)
        return unit

    def _current(self) -> Unit | None:
        return self.stack[-1] if self.stack else None

    def _nearest(self, *types: str) -> Unit | None:
        for unit in reversed(self.stack):
            if unit.type in types:
                return unit
        return None

    def _add_text(self, text: str, line: int) -> None:
        current = self._current()
        if current is None and self.holder is not None:
            self.holder.text.append(text)
            return
        if current is None:
            self.issues.append(
                Issue(
                    "warning",
                    "orphan-text",
                    "text before the first unit of this part is ignored",
                    line,
                )
            )
            return
        current.text.append(text)

    # -- one paragraph ----------------------------------------------------------------------
    def feed(self, p: Paragraph) -> None:
        text = p.text
        if not text:
            return
        glued = None if p.in_table or "Điều" not in text else _GLUED_DIEU.search(text)
        if glued and glued.start(1) > 0 and self._glued_is_next(text, glued.group(2)):
            before = text[: glued.start(1)].rstrip()
            if self.quote_depth + quote_balance(before, p.line not in self.unopened) <= 0:
                self.feed(Paragraph(before, p.line))  # the end of the last unit (the payload)
                self.quote_depth = 0
                self._recovered(glued.group(2), p.line)
                self.feed(Paragraph(glued.group(1), p.line))
                return
        if self.quote_depth > 0 and not p.in_table and self._payload_closed_before(text):
            said = (
                "its closing mark is missing; its text ended before the next instruction"
                if self.quote_line in self.unclosed
                else "it holds a quotation mark that never closes; its text ended at the "
                "“”.” before the next khoản"
            )
            self.issues.append(
                Issue(
                    "warning",
                    "quote-unclosed",
                    f"the quotation opened at line {self.quote_line}: {said}",
                    self.quote_line,
                )
            )
            self.quote_depth = 0
        if self.quote_depth > 0 and not p.in_table and self._inline_quote_left_open(text):
            self.issues.append(
                Issue(
                    "warning",
                    "quote-unclosed",
                    f"a quotation opened inside line {self.quote_line} never closes; closed "
                    "there, as the next khoản follows",
                    self.quote_line,
                )
            )
            self.quote_depth = 0
        if self.quote_depth == 0 and not p.in_table and self._payload_goes_on(text, p.line):
            self.issues.append(
                Issue(
                    "warning",
                    "quote-closed-early",
                    f"the quotation opened at line {self.quote_line} closes before its "
                    f"khoản {text.split('.', 1)[0]}; read on as its text",
                    p.line,
                )
            )
            self.quote_depth = 1
            self.read_on_at = p.line
        if self.quote_depth > 0 or p.in_table:
            self.pending_title = None
            self._add_text(text, p.line)
            if self.quote_depth > 0 and not p.in_table:
                self._count_payload_khoan(text)
            self._track_quotes(text, p.line)
            return
        self.payload_khoan = 0
        untitled, self.untitled_dieu = self.untitled_dieu, None
        if untitled is not None and not untitled.text and _TITLE_LINE.match(text):
            # "Điều 20." / "Quyền của chủ sở hữu nhà ở là tổ chức, cá nhân nước ngoài" / "1. …"
            # (Luật Nhà ở 2023 on thuvienphapluat): the title on the line after the number
            untitled.heading = text
            return
        if self.pending_title is not None:
            if is_upper_text(text) and not heading_match(text) and not PHU_LUC_HEADING.match(text):
                unit = self.pending_title
                unit.heading = f"{unit.heading} {text}".strip()
                return
            self.pending_title = None
        if self._try_heading(text, p.line):
            return
        glued_points = _split_glued_points(text)
        if len(glued_points) > 1:
            self.issues.append(
                Issue(
                    "warning",
                    "points-recovered",
                    f"points {', '.join(g[0] + ')' for g in glued_points)} were written on "
                    "one line; split",
                    p.line,
                )
            )
            for piece in glued_points:
                self.feed(Paragraph(piece, p.line))
            return
        if self._try_numbered(text, p.line):
            self._track_quotes(text, p.line)
            return
        self._add_text(text, p.line)
        self._track_quotes(text, p.line)

    def _glued_is_next(self, text: str, number: str) -> bool:
        """The glued heading is the next article, or the one after the article this same
        paragraph opens ("Điều 1. Ban hành … Việt Nam. Điều 2. Thông tư này …")."""
        if self._is_next_dieu(number):
            return True
        own = heading_match(text)
        if own and own[0] == DIEU and self._is_next_dieu(own[1]):
            return split_number(number)[0] == split_number(own[1])[0] + 1
        return False

    def _recovered(self, number: str, line: int) -> None:
        self.issues.append(
            Issue(
                "warning",
                "heading-recovered",
                f"Điều {number} was glued to the previous sentence; split off",
                line,
            )
        )

    def _track_quotes(self, text: str, line: int) -> None:
        self.closed_payload = text.rstrip().endswith(("”.", '".', "”;", '";'))
        before = self.quote_depth
        self.quote_depth = max(0, before + quote_balance(text, line not in self.unopened))
        if self.quote_depth == 0:
            self.read_on_at = 0
        if before == 0 and self.quote_depth > 0:
            self.next_instruction_seen = False
            self.quote_line = line
            self.quote_opener = text
            self.payload_khoan = 0
            self._count_payload_khoan(text[text.find("“") + 1 :] if "“" in text else "")

    def _count_payload_khoan(self, text: str) -> None:
        m = _KHOAN.match(text.lstrip('“"').lstrip())
        if m:
            self.payload_khoan = split_number(m.group(1))[0]

    def _payload_goes_on(self, text: str, line: int) -> bool:
        """A new text an amendment brings, closed by the source after one of its khoản
        and before the next: "… cho bà S.”" / "8. Trường hợp người lao động có nhu cầu …"
        (Thông tư 15/2023/TT-BLĐTBXH in the Công báo: each example the new Điều 18 of
        Thông tư 28/2015 gives ends in a ”). The paragraph goes on the new text's numbering
        and is not the amending article's next khoản."""
        if not self.payload_khoan or line in self.closed:
            return False
        m = _KHOAN.match(text)
        if m is None or split_number(m.group(1)) != (self.payload_khoan + 1, ""):
            return False
        return self._nearest(DIEU) is not None and self._next_khoan(text) is None

    def _inline_quote_left_open(self, text: str) -> bool:
        """A quotation opened inside a sentence of the text's own, not a new text that
        an amendment brings ("… như sau:" / "“…"), left open by a slip of the source, and
        this paragraph the next khoản of the article: "… thì thể hiện: “Thửa đất (…) … của
        “Bà” hoặc “Ông” …" (three opened, two closed; Thông tư 10/2024/TT-BTNMT, Điều 13)
        then "12. …". Otherwise every later khoản is read as quoted text."""
        opener = self.quote_opener.lstrip()
        if opener.startswith(("“", '"')) or _AS_FOLLOWS.search(opener):
            return False
        return self._next_khoan(text) is not None

    def _next_khoan(self, text: str) -> re.Match | None:
        """The paragraph read as the next khoản of the open article (its number one past the
        article's last khoản), whatever the quotation state says."""
        m = _KHOAN.match(text)
        dieu = self._nearest(DIEU)
        if not m or dieu is None:
            return None
        last = next((c for c in reversed(dieu.children) if c.type == KHOAN), None)
        if last is None or split_number(m.group(1)) != (split_number(last.number)[0] + 1, ""):
            return None
        return m

    def _payload_closed_before(self, text: str) -> bool:
        """A new text an amendment brings, closed as amending laws close it ("… chi tiết
        Điều này.”."), but still open by the count of quotation marks because the source
        typed one too many ("“Điều 131a. Đền bù … dược phẩm “1. Khi thực hiện …", Luật
        07/2022/QH15 on thuvienphapluat), and this paragraph the article's next instruction
        ("52. Bổ sung Điều 133a vào sau Điều 133 như sau:"). Only the first paragraph that
        looks like that instruction decides. When the text before it did not close, it
        does only once the document has ended with this quotation open: the source left
        out its closing mark ("… hợp lệ của các nội dung khai và nộp trong hồ sơ đề nghị." /
        "3. Sửa đổi, bổ sung Điều 7 … như sau:" / "“Điều 7. …", Thông tư 06/2026/TT-BTC in
        the Công báo, twice)."""
        if not self.quote_opener.lstrip().startswith(("“", '"')):
            return False
        m = self._next_khoan(text)
        if m is None or not INSTRUCTION.match(m.group(2)):
            return False
        first, self.next_instruction_seen = not self.next_instruction_seen, True
        return first and (self.closed_payload or self.quote_line in self.unclosed)

    def _named_by_instruction(self, number: str) -> bool:
        """An article of the new text an instruction brings, its quotation closed too early
        by the source: "74. Sửa đổi, bổ sung Điều 191 và bổ sung Điều 191a, 191b vào sau
        Điều 191 …" / "“Điều 191. …" … "6. Chính phủ quy định chi tiết Điều này.”." /
        "Điều 191b. …" (Luật 07/2022/QH15 on thuvienphapluat). Not the document's next
        article, and named by the khoản that holds the instruction."""
        if self._is_next_dieu(number) or self.last_dieu is None:
            return False
        khoan = self._nearest(KHOAN)
        lead = khoan.text[0] if khoan is not None and khoan.text else ""
        if INSTRUCTION.match(lead) and _AS_FOLLOWS.search(lead):
            return re.search(rf"(?<![\w.]){re.escape(number)}(?![\w])", lead) is not None
        return self._continues_new_articles(khoan, number)

    def _continues_new_articles(self, khoan: Unit | None, number: str) -> bool:
        """The next article of a new part an instruction inserts, after the source closed
        its quotation early: "Điều 12. Bổ sung Mục 2a vào sau Mục 2 Chương IV" / "“Mục 2a" …
        "Điều 28a. …" … "… hồ sơ giải quyết khiếu nại.”." / "Điều 28b. Ban hành, gửi quyết
        định tạm đình chỉ …" (Nghị định 155/2026/NĐ-CP): 28b follows the new text's 28a."""
        holder = khoan or self._nearest(DIEU)
        if holder is None:
            return False
        lead = holder.text[0] if holder.type == KHOAN and holder.text else holder.heading
        if not INSTRUCTION.match(lead or ""):
            return False
        inner = [m.group(1) for t in holder.text if (m := _NEW_ARTICLE.match(t))]
        if not inner:
            return False
        last_base, last_suffix = split_number(inner[-1])
        base, suffix = split_number(number)
        return (
            base == last_base
            and last_suffix in POINT_LETTERS
            and suffix in POINT_LETTERS
            and POINT_LETTERS.index(suffix) == POINT_LETTERS.index(last_suffix) + 1
        )

    def _is_next_dieu(self, number: str) -> bool:
        base, _ = split_number(number)
        expected = self.last_dieu[0] + 1 if self.last_dieu else 1
        return base == expected

    def _try_heading(self, text: str, line: int) -> bool:
        hit = heading_match(text)
        if not hit and (m := DIEU_NO_STOP.match(text)) and self._is_next_dieu(m.group(1)):
            self.issues.append(
                Issue(
                    "warning",
                    "dieu-heading-format",
                    f"Điều {m.group(1)} heading has no full stop after its number",
                    line,
                )
            )
            hit = (DIEU, m.group(1), m.group(2))
        if not hit:
            return False
        unit_type, raw_number, rest = hit
        if unit_type == DIEU and self._named_by_instruction(raw_number):
            self.issues.append(
                Issue(
                    "warning",
                    "quote-unopened",
                    f"Điều {raw_number} is named by the instruction before it or follows "
                    "its new text's articles: read as its new text, its opening quotation "
                    "mark restored",
                    line,
                )
            )
            self._add_text(f"“{text}", line)
            self._track_quotes(f"“{text}", line)
            return True
        if unit_type == DIEU:
            self._open_dieu(raw_number, rest, line)
            return True
        if unit_type == PHAN:
            words = raw_number.lower().split(None, 1)
            value = roman_to_int(raw_number) or (int(raw_number) if raw_number.isdigit() else None)
            if value is None and len(words) == 2:
                value = ORDINALS.get(words[1])
            label = (
                f"Phần {raw_number.lower()}"
                if raw_number.lower().startswith("thứ")
                else f"Phần {raw_number}"
            )
        else:
            value = int(raw_number) if raw_number.isdigit() else roman_to_int(raw_number)
            label = {CHUONG: "Chương", MUC: "Mục", TIEU_MUC: "Tiểu mục"}[unit_type]
            label = f"{label} {raw_number}"
        token = str(value) if value is not None else id_token(raw_number.replace(" ", "_"))
        unit = self._open(unit_type, raw_number, token, label, rest, line)
        self.repealed_part = self.repealed_part or bool(REPEALED.match(rest))
        if not rest:
            self.pending_title = unit
        elif is_upper_text(rest):
            self.pending_title = unit  # a long title may wrap onto the next upper-case lines
        return True

    def _open_dieu(self, number: str, rest: str, line: int) -> None:
        base, suffix = split_number(number)
        if self.last_dieu is not None:
            last_base, last_suffix = self.last_dieu
            if base > last_base + 1 and not self.repealed_part:
                missing = (
                    f"Điều {last_base + 1}"
                    if base == last_base + 2
                    else f"Điều {last_base + 1} to Điều {base - 1}"
                )
                self.issues.append(
                    Issue(
                        "warning",
                        "dieu-gap",
                        f"{missing} missing: Điều {last_base} (line {self.last_dieu_line}) is "
                        f"followed by Điều {number} (line {line})",
                        line,
                        params={
                            "first": str(last_base + 1),
                            "last": str(base - 1),
                            "after": str(last_base),
                            "number": number,
                        },
                    )
                )
            elif base < last_base or (base == last_base and not suffix):
                self.issues.append(
                    Issue(
                        "warning",
                        "dieu-order",
                        f"Điều {number} follows Điều {last_base}{last_suffix}",
                        line,
                        params={"number": number, "after": f"{last_base}{last_suffix}"},
                    )
                )
        self.last_dieu = (base, suffix)
        self.last_dieu_line = line
        self.repealed_part = False
        heading, body = rest, ""
        if rest and (rest[-1] in ".:;," or len(rest) > 250):
            heading, body = "", rest  # untitled article: "Điều 5. Quyết định này có hiệu lực…"
        unit = self._open(DIEU, number, id_token(number), f"Điều {number}", heading, line)
        if body:
            unit.text.append(body)
            self._track_quotes(body, line)
        if not rest:
            self.untitled_dieu = unit

    def _try_numbered(self, text: str, line: int) -> bool:
        m = _TIEU_DIEM.match(text)
        if m:
            point = self._nearest(DIEM)
            if point is not None and point.number.rstrip("0123456789") == m.group(1):
                number = f"{m.group(1)}.{m.group(2)}"
                unit = self._open(
                    TIEU_DIEM, number, id_token(number), f"tiểu điểm {number}", "", line
                )
                if m.group(3):
                    unit.text.append(m.group(3))
                return True
            return False
        m = _DIEM.match(text)
        if m and m.group(3):
            return self._open_diem(m.group(1), m.group(2), m.group(3), line)
        m = _KHOAN.match(text)
        if m:
            return self._open_khoan(m.group(1), m.group(2), line)
        return False

    def _open_khoan(self, number: str, body: str, line: int) -> bool:
        dieu = self._nearest(DIEU)
        if dieu is None:
            return False
        base, suffix = split_number(number)
        last = next((c for c in reversed(dieu.children) if c.type == KHOAN), None)
        if last is not None:  # the last khoản, found from the end: linear in the input
            last_base, last_suffix = split_number(last.number)
            ok_next = base == last_base + 1 and not suffix
            ok_insert = base == last_base and suffix and suffix > last_suffix
            ok_gap = base == last_base + 2 and not suffix
            if not (ok_next or ok_insert or ok_gap):
                return False
            if ok_gap:
                self.issues.append(
                    Issue(
                        "warning",
                        "khoan-gap",
                        f"khoản {last_base + 1} of {dieu.label} missing",
                        line,
                        dieu.id,
                        {"missing": str(last_base + 1), "parent": dieu.label},
                    )
                )
        elif base != 1 or suffix:
            return False
        # a khoản closes any open point: it hangs directly under the article
        while self.stack and self.stack[-1] is not dieu:
            self.stack.pop()
        unit = self._open(KHOAN, number, id_token(number), f"khoản {number}", "", line)
        unit.text.append(body)
        return True

    def _open_diem(self, letter: str, digits: str, body: str, line: int) -> bool:
        parent = self._nearest(KHOAN, DIEU)
        if parent is None:
            return False
        # points hang under the innermost khoản, or under the article when it has none
        if parent.type == DIEU and any(c.type == KHOAN for c in parent.children[-1:]):
            return False  # children are khoản or điểm, never mixed: the last one tells
        number = f"{letter}{digits}"
        previous = next((c for c in reversed(parent.children) if c.type == DIEM), None)
        if previous is None:
            if letter != "a" or digits:
                return False
        else:
            last = previous.number
            last_letter, last_digits = (
                last.rstrip("0123456789"),
                last[len(last.rstrip("0123456789")) :],
            )
            idx, last_idx = point_index(letter), point_index(last_letter)
            if digits:  # inserted point "đ1" after "đ"
                if letter != last_letter or (last_digits and int(digits) <= int(last_digits)):
                    return False
            elif idx is not None and last_idx is not None and idx == last_idx + 1:
                pass
            elif idx is not None and last_idx is not None and idx == last_idx + 2:
                self.issues.append(
                    Issue(
                        "warning",
                        "diem-gap",
                        f"điểm {POINT_LETTERS[last_idx + 1]} of {parent.label} skipped "
                        f"(điểm {last_letter} is followed by điểm {letter})",
                        line,
                        parent.id,
                        {
                            "missing": POINT_LETTERS[last_idx + 1],
                            "parent": parent.label,
                            "after": last_letter,
                            "letter": letter,
                        },
                    )
                )
            elif (
                last_letter in _LATIN_POINTS
                and letter in _LATIN_POINTS
                and _LATIN_POINTS.index(letter) == _LATIN_POINTS.index(last_letter) + 1
            ):
                self.issues.append(
                    Issue(
                        "warning",
                        "diem-letter",
                        f"điểm {letter} follows điểm {last_letter} in the Latin alphabet; "
                        "Vietnamese point letters are a b c d đ e g h i k …",
                        line,
                        parent.id,
                        {"letter": letter, "after": last_letter},
                    )
                )
            else:
                return False
        while self.stack and self.stack[-1] is not parent:
            self.stack.pop()
        unit = self._open(DIEM, number, id_token(number), f"điểm {number}", "", line)
        unit.text.append(body)
        return True

    def finish(self) -> list[Unit]:
        for root in self.roots:
            for unit in root.walk():
                _move_trailing_paragraphs(unit)
        _untitled_articles_are_untitled(self.roots)
        _wrapped_titles_are_titles(self.roots)
        return self.roots


# what a title is not: a hundred characters and more, a sentence's end inside it, "./"
_SENTENCE_LIKE = re.compile(r"^.{100}|[.;]\s+\S|\./?$")


def _untitled_articles_are_untitled(roots: list[Unit]) -> None:
    """In a document whose articles carry no title, an article read as a title alone, and
    too long or too much a sentence for a title, is its sentence with the full stop left
    out or inside it: "Điều 2. Quyết định này có hiệu lực từ ngày ký. Cục trưởng … chịu
    trách nhiệm thi hành Quyết định này./", "Điều 2. Cục Quản lý Chất lượng Nông lâm sản và
    Thủy sản phối hợp với FAO … để triển khai thực hiện" (Quyết định of the Bộ Tài chính
    and the Bộ Nông nghiệp, 2014, luatvietnam)."""
    articles = [u for root in roots for u in root.walk() if u.type == DIEU]
    alone = [
        a
        for a in articles
        if a.heading and not a.text and not a.children and _SENTENCE_LIKE.search(a.heading)
    ]
    if not alone:
        return
    others = [a for a in articles if a not in alone]
    if others and 2 * sum(1 for a in others if not a.heading) >= len(others):
        for article in alone:
            article.text.append(article.heading)
            article.heading = ""


def _wrapped_titles_are_titles(roots: list[Unit]) -> None:
    """In a document whose other articles carry titles, an article read as untitled whose
    lead-in runs to its first khoản in two lines or three, none a sentence's end and the
    last no colon, is its title wrapped at a semicolon, a colon or a word: "Điều 15. Nội
    dung góp ý kiến, thẩm định kết quả điều tra, đánh giá đất đai;" / "bảo vệ, cải tạo,
    phục hồi đất" / "1. …" (Nghị định 101/2024/NĐ-CP), "Điều 6. Kỹ thuật viên kiểm định
    kỹ thuật an toàn lao động - Mã số:" / "V.09.03.03" (Thông tư 30/2022/TT-BLĐTBXH),
    "Điều 105. Loại dự án và" / "yêu cầu đối với dự án …;" / "loại nhà và tiêu chuẩn diện
    tích nhà ở …" (Luật Nhà ở 2023)."""
    articles = [u for root in roots for u in root.walk() if u.type == DIEU]
    wrapped = [a for a in articles if _title_wrapped(a)]
    if not wrapped:
        return
    others = [a for a in articles if a not in wrapped]
    if 2 * sum(1 for a in others if a.heading) > len(others):
        for article in wrapped:
            article.heading = " ".join(t.strip() for t in article.text)
            article.text = []


def _title_wrapped(article: Unit) -> bool:
    lead = article.text
    return (
        not article.heading
        and bool(article.children)
        and article.children[0].type in (KHOAN, DIEM)
        and 2 <= len(lead) <= 3  # wrapped: one line is a lead-in ("… bao gồm:")
        and len(" ".join(lead)) <= 250
        and not any(t.rstrip().endswith((".", "!", "?", "”", '"', "…")) for t in lead)
        and not lead[-1].rstrip().endswith(":")
        and not any(_AS_FOLLOWS.search(t) for t in lead)  # "… với các nội dung như sau:"
    )


# where the next point starts inside a line: after a semicolon ("…; c) Rừng phòng hộ …"), or
# glued after a sentence's end, a percentage or a number, its words in capitals ("… Giá
# đất ở quy định tại Bảng giá đất x 70% b)Trường hợp có giấy tờ …", Nghị định
# 103/2024/NĐ-CP on thuvienphapluat), or after a word the site ran it onto ("… thì thể hiện
# tên gọi đầy đủ của tổ chức d) Đối với cộng đồng dân cư …", Thông tư 10/2024/TT-BTNMT on
# thuvienphapluat), not a point named in the text ("… tại điểm d) …")
_GLUED_POINT = re.compile(
    r";\s+(?P<a>[a-zđ])\)\s|(?<=[.%\d])\s+(?P<b>[a-zđ])\)\s?(?=\w)"
    r"|(?<![Đđ]iểm)(?<!tiết)(?<=[^\W\d_])\s(?P<c>[a-zđ])\)\s(?=[A-ZĐÀ-Ỹ][a-zđà-ỹ])"
)


def _split_glued_points(text: str) -> list[str]:
    """ "b) Rừng sản xuất …; c) Rừng phòng hộ …; d) …" on one line: split where the next
    letter in Vietnamese order starts, and nowhere else."""
    m = _DIEM.match(text)
    if not m or m.group(2) or text.find(")", 2) < 0:  # no other point's ")" after its own
        return [text]
    pieces, letter, start = [], m.group(1), 0
    for cut in _GLUED_POINT.finditer(text):
        index = point_index(letter)
        if index is None or index + 1 >= len(POINT_LETTERS):
            break
        found = cut.group("a") or cut.group("b") or cut.group("c")
        if found != POINT_LETTERS[index + 1] or (cut.group("b") and not text[cut.end()].isupper()):
            continue
        at = cut.start() + 1 if cut.group("a") else cut.start()
        pieces.append(text[start:at].rstrip())
        start, letter = cut.start("a" if cut.group("a") else "b" if cut.group("b") else "c"), found
    return pieces + [text[start:]] if pieces else [text]


def _move_trailing_paragraphs(unit: Unit) -> None:
    """A paragraph after the last point of a khoản, when that point closes the list with a
    full stop, belongs to the khoản (đoạn after the points), not to the point."""
    points = [c for c in unit.children if c.type == DIEM]
    if not points or points[-1] is not unit.children[-1]:
        return
    last = points[-1]
    if len(last.text) > 1 and last.text[0].rstrip().endswith(".") and not last.children:
        unit.tail.extend(last.text[1:])
        del last.text[1:]


def parse_body(
    paragraphs: list[Paragraph],
    id_prefix: str = "",
    issues: list[Issue] | None = None,
    holder: Unit | None = None,
) -> list[Unit]:
    """Units of one run of body paragraphs. Quotes that never close are reported and the
    parse is repeated with that opening quote treated as ordinary text."""
    issues = [] if issues is None else issues
    paragraphs = split_glued_first_point(split_glued_first_khoan(paragraphs, issues), issues)
    paragraphs = restore_dropped_dieu_words(join_bare_numbers(paragraphs, issues), issues)
    ignored: set[int] = set()
    unclosed: set[int] = set()  # tried first: a new text closed before the next instruction
    closed: set[int] = set()  # lines where reading on past a ” left the quotation open
    for _ in range(40):
        local: list[Issue] = []
        if holder is not None:
            holder.text.clear()
        builder = _Builder(id_prefix, local, holder, ignored, unclosed, closed)
        for p in paragraphs:
            builder.feed(p)
        if builder.quote_depth == 0:
            issues.extend(local)
            return builder.finish()
        if builder.read_on_at:  # read on past a ” that did end the quotation
            closed.add(builder.read_on_at)
            continue
        if builder.quote_line not in unclosed:
            unclosed.add(builder.quote_line)
            continue
        ignored.add(builder.quote_line)
        issues.append(
            Issue(
                "warning",
                "unbalanced-quote",
                "a quotation opened here never closes; its text was parsed as structure",
                builder.quote_line,
            )
        )
    issues.extend(local)
    return builder.finish()
