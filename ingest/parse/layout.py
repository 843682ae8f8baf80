"""Where the parts of a document are: headings of Phần, Chương, Mục, Tiểu mục and Điều, and
the lines that open the closing block (adoption sentence, nơi nhận, signature). Read before the
tree is built, so the builder only ever sees the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.parse.numbering import ordinal_value, roman_to_int
from ingest.parse.vbhn import AUTHENTICATION
from schema.model import CHUONG, DIEU, MUC, PHAN, TIEU_MUC, Paragraph

_PHAN = re.compile(
    r"^(?:PHẦN|Phần)\s+((?:THỨ|thứ)\s+(?:(?:MƯỜI|mười)\s+)?[^\s:.]+|[IVXLC]+|\d{1,3})(?=$|[\s.:])"
    r"\s*[.:]?\s*(.*)$"
)
_CHUONG = re.compile(r"^(?:CHƯƠNG|Chương)\s+([IVXLC]+|\d{1,3})(?=$|[\s.:])\s*[.:]?\s*(.*)$")
_MUC = re.compile(r"^(?:MỤC|Mục)\s+(\d{1,3}|[IVXLC]+)(?=$|[\s.:])\s*[.:]?\s*(.*)$")
_TIEU_MUC = re.compile(r"^(?:TIỂU MỤC|Tiểu mục)\s+(\d{1,3})(?=$|[\s.:])\s*[.:]?\s*(.*)$")
_DIEU = re.compile(
    r"^(?:Điều|ĐIỀU)\s+(\d{1,4}[a-zđ]?\d{0,2}|[Tt]hứ\s+\d{1,4}|[Tt]hứ(?:\s+[a-zà-ỹđ]+){1,3}?(?=\s*[.:])"
    r"|[IVXLC]+(?=\s*[.:]))\s*(?:[.:]\s*(.*))?$"
)
# "Điều 5 Chính sách của Nhà nước…", "Điều 2 1- Người sử dụng đất …" (Luật Đất đai 1993),
# "Điều 3 Chính phủ quy định chi tiết …": the full stop left out; taken only as the next
# article, and never before a document's name ("Điều 6 Luật thuế …" is a wrapped reference)
DIEU_NO_STOP = re.compile(
    r"^Điều\s+(\d{1,4}[a-zđ]?)\s+"
    r"(?!(?:Luật|Bộ luật|Nghị định|Thông tư|Nghị quyết|Hiến pháp|Pháp lệnh|Quyết định)\s+(?!này))"
    r"((?:[A-ZĐÀÁẢÃẠĂÂÈÉÊÌÍÒÓÔƠÙÚƯÝ]|\d+[-.)]\s).*)$"
)

PHU_LUC_HEADING = re.compile(r"^PHỤ LỤC(?:\s+(?:SỐ\s+)?([IVXLC]+|\d+|[A-Z]))?\b\s*[.:]?\s*(.*)$")

_ADOPTION = re.compile(
    r"^(?:Bộ luật|Luật|Hiến pháp|Nghị quyết|Pháp lệnh)\s+này\s+(?:đã\s+)?được\s+.*thông qua"
)
_RECIPIENTS = re.compile(r"^Nơi nhận\s*:?", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(?:(?:TM|T\.M|KT|K\.T|Q|TL|TUQ)\.|THAY MẶT |THỪA LỆNH |THỪA ỦY QUYỀN )")


@dataclass
class Layout:
    """Where the parts of a document begin, as indexes into its paragraph list."""

    body_start: int
    closing_start: int
    attachments_start: int


def is_upper_text(text: str) -> bool:
    """Nine letters in ten or more in capitals (counted by C-level maps: it is asked of
    every paragraph)."""
    letters = sum(map(str.isalpha, text))
    return bool(letters) and sum(map(str.isupper, text)) >= 0.9 * letters


# a signer's military or police rank before the name: "Đại tướng Lương Tam Quang"
RANK = re.compile(r"^(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy)\s+(?=[A-ZĐ])")


def person_name_suffix(text: str) -> str | None:
    """The trailing person name of a signature line: "CHỦ TỊCH QUỐC HỘI Nguyễn Sinh Hùng"
    -> "Nguyễn Sinh Hùng". Names are 2 to 6 capitalised words."""
    text = RANK.sub("", text)
    words = text.replace(".", ". ").split()
    name: list[str] = []
    for word in reversed(words):
        if word.isalpha() and word[0].isupper() and (len(word) == 1 or word[1:].islower()):
            name.insert(0, word)
        else:
            break
    if 2 <= len(name) <= 6 and (
        len(name) == len(words) or is_upper_text(" ".join(words[: -len(name)]))
    ):
        return " ".join(name)
    return None


# 1945 decrees head their articles "Khoản thứ nhất:" (Sắc lệnh số 4 of 4 September 1945)
_KHOAN_THU = re.compile(r"^Khoản\s+(thứ(?:\s+[a-zà-ỹđ]+){1,3}?)\s*:\s*(.*)$")


# what a VBHN keeps of a repealed unit: "Điều 52. (được bãi bỏ)", and a part's heading,
# "Chương II (được bãi bỏ)" (VBHN 716/VBHN-BLĐTBXH)
REPEALED = re.compile(r"^\(?\s*(?:đã\s+)?(?:được\s+|bị\s+)?bãi bỏ\s*\)?\.?$", re.IGNORECASE)


# the words every heading pattern above opens with: most paragraphs are none (a test at C
# speed before six regular expressions, three times a paragraph)
_HEADING_WORDS = ("PHẦN", "Phần", "CHƯƠNG", "Chương", "MỤC", "Mục", "TIỂU MỤC", "Tiểu mục")
_HEADING_WORDS += ("Điều", "ĐIỀU", "Khoản")


def heading_match(text: str):
    if not text.startswith(_HEADING_WORDS):
        return None
    for unit_type, pattern in (
        (PHAN, _PHAN),
        (CHUONG, _CHUONG),
        (MUC, _MUC),
        (TIEU_MUC, _TIEU_MUC),
        (DIEU, _DIEU),
    ):
        m = pattern.match(text)
        if m:
            rest = (m.group(2) or "").strip()
            if (
                unit_type != DIEU
                and rest
                and not (is_upper_text(rest) or rest[0].isupper() or REPEALED.match(rest))
            ):
                continue  # "Mục 1 Chương XI của Bộ luật này" is a sentence, not a heading
            number = m.group(1)
            if unit_type == DIEU and not number[0].isdigit():  # "Điều thứ nhất:", "Điều I:"
                value = ordinal_value(number) or roman_to_int(number)
                if value is None:
                    continue
                number = str(value)
            return unit_type, number, rest
    m = _KHOAN_THU.match(text)
    if m and (value := ordinal_value(m.group(1))):
        return DIEU, str(value), m.group(2).strip()
    return None


def _is_signature_line(text: str) -> bool:
    """ "CHỦ TỊCH QUỐC HỘI Nguyễn Sinh Hùng": a chức vụ in capitals, then a name."""
    name = person_name_suffix(text)
    return bool(name) and name != text and is_upper_text(text[: len(text) - len(name)])


def _is_position_above_name(paragraphs: list[Paragraph], i: int) -> bool:
    """ "CHỦ TỊCH" on its own line with the signer's name on the next non-empty one."""
    text = paragraphs[i].text
    if not (len(text.split()) <= 8 and is_upper_text(text) and not heading_match(text)):
        return False
    nxt = next((p.text for p in paragraphs[i + 1 : i + 4] if any(c.isalpha() for c in p.text)), "")
    # "Chương I" reads as a two-word name: a part's title above its first chapter is no
    # signature ("Phần thứ nhất" / "NHỮNG QUY ĐỊNH CHUNG …" / "Chương I")
    return bool(nxt) and person_name_suffix(nxt) == RANK.sub("", nxt) and not heading_match(nxt)


def _authentication_start(paragraphs: list[Paragraph], i: int, body_start: int) -> int:
    """A VBHN's closing opens with its authentication block, which may start with the
    agency's name and the VBHN's number above "XÁC THỰC VĂN BẢN HỢP NHẤT"."""
    k = i
    while k - 1 > body_start:
        prev = paragraphs[k - 1].text
        if not prev:
            k -= 1
        elif len(prev) < 60 and (prev.startswith(("Số:", "Số ")) or is_upper_text(prev)):
            if heading_match(prev):
                break
            k -= 1
        else:
            break
    return k


def _signs_here(paragraphs: list[Paragraph], i: int) -> bool:
    """ "TM." / "KT. GIÁM ĐỐC" opens the closing when a signer's name follows, or no article
    does: an article that shows how to sign ("TM." / "ỦY BAN NHÂN DÂN … CHỦ TỊCH Chữ ký,
    đóng dấu …") is still the body."""
    texts = [q.text for q in paragraphs[i + 1 :] if q.text]
    if any(person_name_suffix(t) for t in texts[:8]):
        return True
    later = (heading_match(t) for t in texts if t.startswith(("Điều", "ĐIỀU")))
    return not any(hit and hit[0] == DIEU for hit in later)


def _article_follows(paragraphs: list[Paragraph], i: int) -> bool:
    texts = [q.text for q in paragraphs[i + 1 : i + 6] if q.text]
    return any((h := heading_match(t)) and h[0] == DIEU and h[1] == "1" for t in texts[:3])


def _header_end(paragraphs: list[Paragraph]) -> int:
    """Past the header block (agency, quốc hiệu, number, date, type): its lines in capitals
    would read as a signature's titles."""
    seen = 0
    for i, p in enumerate(paragraphs):
        if p.text:
            seen += 1
            if seen > 6 and not is_upper_text(p.text):
                return i
    return len(paragraphs)


def find_layout(paragraphs: list[Paragraph]) -> Layout:
    n = len(paragraphs)
    body_start = n
    for i, p in enumerate(paragraphs):
        hit = heading_match(p.text) if p.text and not p.in_table else None
        if hit and hit[0] != MUC:
            body_start = i
            break
        if hit and hit[0] == MUC and hit[1] in ("1", "I") and _article_follows(paragraphs, i):
            body_start = i  # "Mục 1" / "QUY ĐỊNH CHUNG" / "Điều 1.": sections without chapters
            break
        if p.text and not p.in_table and (m := DIEU_NO_STOP.match(p.text)) and m.group(1) == "1":
            body_start = i  # "Điều 1 Sửa đổi, bổ sung …": the first article, no full stop
            break
    closing_start = n
    # a document without articles (a Chỉ thị, a Công văn) still closes with a signature
    first = body_start if body_start < n else min(n, _header_end(paragraphs))
    for i in range(first, n):
        p = paragraphs[i]
        text = p.text
        if not text:
            continue
        if len(text) < 120 and AUTHENTICATION.search(text):
            closing_start = _authentication_start(paragraphs, i, body_start)
            break
        if (
            _ADOPTION.match(text)
            or _RECIPIENTS.match(text)
            or (
                _AUTHORITY.match(text)
                and (p.in_table or is_upper_text(text))
                and _signs_here(paragraphs, i)
            )
            or (len(text) < 90 and not p.in_table and _is_signature_line(text))
            or _is_position_above_name(paragraphs, i)
        ):
            closing_start = i
            break
    if body_start == n and closing_start < n:
        body_start = closing_start  # no body: the preamble runs to the signature
    attachments_start = n
    for i in range(closing_start, n):
        p = paragraphs[i]
        if p.text and person_name_suffix(p.text):
            rest = [q for q in paragraphs[i + 1 :] if q.text]
            if rest and not all(q.in_table for q in rest):
                attachments_start = i + 1
                while attachments_start < n and (  # the rest of the recipients' table
                    paragraphs[attachments_start].in_table or not paragraphs[attachments_start].text
                ):
                    attachments_start += 1
            break
    return Layout(body_start, closing_start, attachments_start)
