"""Page texts of a legal web site (thuvienphapluat.vn, one paragraph a line): the site's own
layer taken off the law's words, kept as notes.

What the site adds, and what is done with it:
- the page title as the first line ("Nghị quyết 01/2020/NQ-HĐTP"): dropped when the next
  lines are the document's header;
- editorial notes inline in square brackets, with the original wording kept beside them:
  "[Khoản này được sửa đổi bởi Khoản 62 Điều 1 Luật Xử lý vi phạm hành chính sửa đổi 2020 có
  hiệu lực từ ngày 01/01/2022]", "[… được hướng dẫn bởi …]", also inside headings ("Chương III
  [Thủ tục hải quan …] THỦ TỤC HẢI QUAN"): taken out of the text into the paragraph's notes;
  a VBHN's own footnote markers "[12]" are kept apart the same way, as footnote numbers;
- units the site writes into the text from a later amending law, one line with its note:
  "Điều 5a. Hoạt động hợp tác quốc tế … [Điều 5a được bổ sung bởi Khoản 3 Điều 1 Luật Hải
  quan sửa đổi 2005 …]", also without the full stop ("Điều 22a "1. Nhà nước giao đất …"):
  the line is not the document's, it becomes a note of its own, and the base text the site
  printed on after that note a line again;
- the header collapsed onto one or two lines ("QUỐC HỘI ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
  NAM Độc lập - Tự do - Hạnh phúc", "Số:" with the number on the next line, "Hà Nội, ngày 05
  tháng 3 năm 2020 NGHỊ QUYẾT HƯỚNG DẪN …"): split back into its lines;
- every heading prefixed with the title ("Nghị định 47/2021/NĐ-CP. Điều 1. Phạm vi …",
  "Văn bản hợp nhất 17/VBHN-VPQH. Mục 1."): the prefix removed; each khoản prefixed with its
  article ("Điều 1. Sửa đổi, bổ sung Luật Doanh nghiệp. Khoản 1. Sửa đổi, bổ sung …"): the
  article heading kept once, the khoản as "1. Sửa đổi, bổ sung …";
- the signature glued to what follows it: "XÁC THỰC VĂN BẢN HỢP NHẤT CHỦ NHIỆM Nguyễn Hạnh
  Phúc 1 Luật số 71/2014/QH13 …" (the footnote list), "TM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ
  TƯỚNG Trần Hồng Hà PHỤ LỤC (Kèm theo …)", "Epas: 180408 CHỦ TỊCH QUỐC HỘI Vương Đình Huệ"
  (a page id before the signature): split apart, the page id dropped;
- a VBHN's footnote list after the authentication block ("1 Luật số 21/2012/QH13 … có căn cứ
  ban hành như sau:", "[2] Cụm từ … được bổ sung …"): each footnote put on the paragraph of
  its marker ("[2]", or bare: "… tiền chậm nộp,2 tiền phạt", "1.12 Được hỗ trợ …", or
  opening the next line of a heading the site wrapped: "… tiền chậm nộp," / "43 tiền phạt");
- a heading glued after a note at the end of the line before ("… của Chính phủ. [Quy định …]
  Chương III [Thủ tục hải quan …] THỦ TỤC HẢI QUAN, CHẾ ĐỘ …"): split off; a "Mục" left at a
  line's end ("Văn bản hợp nhất 17/VBHN-VPQH. Mục" / "3. KIỂM TRA, GIÁM SÁT …"): joined;
- line breaks at cross-reference links ("… tại điểm a khoản 2" / "Điều 107. …", "… theo quy
  định tại" / "Mục 2 Phần B của Phụ lục I …"; also with the
  site's note between: "1. Bổ sung các khoản 4, 5 và 6 vào [Áp dụng quản lý rủi ro … được
  hướng dẫn bởi …]" / "Điều 4 như sau: …"), an article word left at the end of a line
  ("Điều" / "40. Thẩm quyền của Bộ đội biên phòng"), and a heading wrapped where the page
  wrapped it, mostly in an amending law's quotations ("“Điều 101. Cưỡng chế bằng biện pháp
  dừng làm thủ" / "tục hải quan đối với hàng hóa xuất khẩu, nhập khẩu", "Điều 89. Biện pháp
  giáo dục tại" / "xã, phường, thị trấn"): joined.
"""

from __future__ import annotations

import re

from ingest.readers.unwrap import _MID_REFERENCE, TAKES_A_NUMBER
from schema.model import Issue, Paragraph

_NOTE = re.compile(r"\s*\[(?!\d+\])([^\[\]]{3,}?)\]")
_FOOTNOTE = re.compile(r"\[(\d{1,4})\]")
_SITE_NOTE = re.compile(r"\b(?:được|bị)\b.*\b(?:bởi|theo)\b|hết hiệu lực|hướng dẫn", re.IGNORECASE)
_NUM = r"(?:\d+[a-zđ]?|[a-zđ]\d*|[IVXLC]+)"
_INSERTED = re.compile(
    rf"^(Điều|Khoản|Điểm|Chương|Mục)\s+({_NUM}(?:\s*(?:,|và)\s*(?:\1\s+)?{_NUM})*)"
    r"\s+(?:được\s+)?bổ sung\s+bởi",
    re.IGNORECASE,
)
_HEAD_OF = {
    "điều": re.compile(r"^Điều\s+(\d+[a-zđ]?)(?:\.|\s)"),  # "Điều 22a "1. Nhà nước …"
    "khoản": re.compile(r"^(\d+[a-zđ]?)\."),
    "điểm": re.compile(r"^([a-zđ]\d*)\)"),
    "chương": re.compile(r"^Chương\s+([IVXLC]+|\d+)\b", re.IGNORECASE),
    "mục": re.compile(r"^Mục\s+(\d+)\b", re.IGNORECASE),
}
_UPPER = "A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
_HEADER_SPLIT = re.compile(
    r"\s+-{3,}\s*|\s*-{3,}$"  # "QUỐC HỘI -------"
    r"|\s+(?=CỘNG HÒA XÃ HỘI CHỦ NGHĨA|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA)"
    rf"|(?<=năm \d{{4}})\s+(?=[{_UPPER}]{{2,}}\b)"  # "… tháng 3 năm 2020 NGHỊ QUYẾT …"
    r"|\s+(?=(?:Căn cứ|Kính gửi|V/v|Theo đề nghị)\b)"
    rf"|(?<=[A-ZĐ0-9])\s+(?=[{_UPPER}][^,\s]*,\s+ngày\s+\d)"  # "Số: 3397/BKHĐT Hà Nội, ngày"
)
_TYPE_WORDS = (
    "BỘ LUẬT", "LUẬT", "PHÁP LỆNH", "NGHỊ QUYẾT LIÊN TỊCH", "NGHỊ QUYẾT", "NGHỊ ĐỊNH",
    "THÔNG TƯ LIÊN TỊCH", "THÔNG TƯ", "QUYẾT ĐỊNH", "CHỈ THỊ", "LỆNH", "SẮC LỆNH", "HIẾN PHÁP",
    "VĂN BẢN HỢP NHẤT", "CÔNG VĂN", "HƯỚNG DẪN",
)  # fmt: skip
_NUMBER_ALONE = re.compile(r"^\d+[/-][\w/.-]+$")
_BODY_START = re.compile(r"^(?:Điều|ĐIỀU|Chương|CHƯƠNG|Phần|PHẦN)\s+\S+")


def is_tvpl(texts: list[str]) -> bool:
    """The site's notes, or its collapsed header, in the first lines."""
    head = texts[:8]
    if any(re.search(rf"[{_UPPER}]{{2,}}[^-]*\s-{{5,}}", t) for t in head):
        return True  # "QUỐC HỘI -------", "BỘ NỘI VỤ --------": the site's collapsed header
    notes = 0
    for text in texts:
        for m in _NOTE.finditer(text):
            if _SITE_NOTE.search(m.group(1)):
                notes += 1
                if notes >= 2:
                    return True
    return False


def clean(lines: list[tuple[str, int]], issues: list[Issue]) -> list[Paragraph]:
    lines = [(t, n) for t, n in lines if t]
    titled = _drop_page_title(lines)
    page_title = lines[0][0] if len(titled) < len(lines) else None
    lines = _split_header(titled)
    lines = _join_open_notes(lines)
    lines = _strip_title_prefix(lines, page_title)
    lines = [(part, n) for t, n in lines for part in _split_glued_heading(t)]
    lines = _split_nested_headings(lines)
    lines = _split_breadcrumbs(lines)
    lines = _join_breaks(lines)
    lines = _split_trailing_numbers(lines)
    lines = [(part, n) for t, n in lines for part in _title_noted(t)]
    lines = _split_signature(lines)
    out: list[Paragraph] = []
    for text, line in _split_after_insertions(lines):
        notes = [m.group(1).strip() for m in _NOTE.finditer(text)] if "[" in text else []
        body = _NOTE.sub("", text).strip() if notes else text
        footnotes = _FOOTNOTE.findall(body)
        if footnotes:
            body = _FOOTNOTE.sub("", body).strip()
        inserted = _site_inserted(body, notes)
        if inserted:
            issues.append(
                Issue(
                    "warning",
                    "site-inserted-unit",
                    f"{inserted} was written in by the site from a later document "
                    "(kept as a note, not as this document's text)",
                    line,
                    params={"unit": inserted},
                )
            )
            out.append(Paragraph("", line, notes=[*notes, body]))
            continue
        out.append(Paragraph(body, line, notes=notes, footnotes=footnotes))
    return _end_footnotes(out)


_LIST_ITEM = re.compile(r"^\[?(\d{1,3})\]?\s+(\S.*)$")
# a bare marker: glued to a lower-case word or after punctuation ("… tiền chậm nộp,2 tiền
# phạt"), or right after a khoản's number ("1.12 Được hỗ trợ …"); never after a capital,
# which would take the "13" of "QH13"
_BARE_MARKER = r"(?:(?<=[a-zđà-ỹ,.;:)”])|(?<=^\d\.)|(?<=^\d\d\.))"


def _leading_marker(text: str, number: str) -> str | None:
    """The text without a marker the site moved to the start of a line: alone on its line
    after a heading ("Điều 42. Thời hạn nộp thuế" / "31" / "1. Trường hợp …"), or before the
    first words of an article ("32 Trường hợp người nộp thuế vừa có …"). A khoản's number
    has its full stop ("3."), so a number, a space and a capital is no khoản."""
    if text == number:
        return ""
    rest = text[len(number) + 1 :]
    if text.startswith(number + " ") and (rest[:1].isupper() or _KHOAN_START.match(rest)):
        return rest  # also before a khoản's number: "87 1.88 Cưỡng chế bằng biện pháp …"
    return None


_KHOAN_START = re.compile(r"^\d{1,3}[a-zđ]?\.(?:\d{1,3})?\s")  # "1. …", "1.88 …" (its marker)
_OPEN_END = re.compile(r"(?:[^\W_]|,)$")


def _wrapped_marker(body: list[Paragraph], i: int, number: str) -> str | None:
    """The rest of a heading the site wrapped after its marker, the marker opening the next
    line ("Điều 65. Trường hợp được xóa nợ tiền thuế, tiền chậm nộp," / "43 tiền phạt"):
    the words after the marker, when the line before is open."""
    text = body[i].text
    rest = text[len(number) + 1 :]
    if i and text.startswith(number + " ") and rest[:1].islower():
        if _OPEN_END.search(body[i - 1].text) and not body[i - 1].in_table:
            return rest
    return None


def _end_footnotes(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A VBHN's footnotes, which the site prints as a list after the authentication block
    ("XÁC THỰC VĂN BẢN HỢP NHẤT CHỦ NHIỆM Nguyễn Hạnh Phúc" / "1 Luật số 21/2012/QH13 … có
    căn cứ ban hành như sau:" / "2 Cụm từ “tiền chậm nộp,” được bổ sung theo quy định tại
    …"), each put on the paragraph that carries its marker: a "[2]" the reader took out,
    or a bare one. Markers come in order, so each is looked for after the one before.
    Without the list the paragraphs are left as they are (it would otherwise be read as
    an appendix)."""
    auth = next((i for i, p in enumerate(paragraphs) if _AUTH.search(p.text)), None)
    if auth is None:
        return paragraphs
    items: list[tuple[int, str]] = []  # (line, "[n] text")
    start = None
    for i in range(auth + 1, len(paragraphs)):
        text = paragraphs[i].text
        expected = str(len(items) + 1)
        m = _LIST_ITEM.match(text)
        if m and m.group(1) == expected:
            start = i if start is None else start
            items.append((paragraphs[i].line, f"[{expected}] {m.group(2)}"))
        elif paragraphs[i].footnotes[:1] == [expected]:  # "[1] Luật …": its "[1]" taken out
            start = i if start is None else start
            items.append((paragraphs[i].line, f"[{expected}] {text}"))
        elif items and text:
            items[-1] = (items[-1][0], f"{items[-1][1]} {text}")
        elif start is None and i > auth + 2:
            return paragraphs  # no list right after the signature
    if len(items) < 2:
        return paragraphs
    body = list(paragraphs[:start])
    at = 0
    for line, note in items:
        number = note[1 : note.index("]")]
        bare = re.compile(_BARE_MARKER + number + r"(?!\d)(?=\s|$|[,.;:])")
        for i in range(at, auth):
            p = body[i]
            if number in p.footnotes:
                rest = [n for n in p.footnotes if n != number]
                body[i] = Paragraph(p.text, p.line, p.in_table, [*p.notes, note], rest)
            elif m := bare.search(p.text):
                text = (p.text[: m.start()] + p.text[m.end() :]).strip()
                body[i] = Paragraph(text, p.line, p.in_table, [*p.notes, note], p.footnotes)
            elif (leading := _leading_marker(p.text, number)) is not None:
                body[i] = Paragraph(leading, p.line, p.in_table, [*p.notes, note], p.footnotes)
            elif (wrapped := _wrapped_marker(body, i, number)) is not None:
                q = body[i - 1]
                body[i - 1] = Paragraph(
                    f"{q.text} {wrapped}", q.line, q.in_table, [*q.notes, note], q.footnotes
                )
                body[i] = Paragraph("", p.line, p.in_table, p.notes, p.footnotes)
                i -= 1  # the next marker may be in the words just joined: "… tiền phạt Hồ sơ
                # xóa nợ tiền thuế, tiền chậm nộp,48 tiền phạt gồm có:"
            else:
                continue
            at = i
            break
        else:
            body.append(Paragraph("", line, notes=[note]))
    return body


def _split_after_insertions(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The base article's own text the site printed on after the note that closes the units
    it wrote in: "Điều 78a "1. Hộ gia đình …" … Điều 78e "…". [Điều 78a, …, Điều 78e được
    bổ sung bởi …] Hộ gia đình, cá nhân sử dụng đất nông nghiệp để trồng cây hàng năm …"
    (Luật Đất đai 1993: Điều 78's first paragraph), and a heading glued after it ("… [Điều
    140a được bổ sung bởi Khoản 71 Điều 1 Luật Xử lý vi phạm hành chính sửa đổi 2020 …]
    Phần thứ sáu ĐIỀU KHOẢN THI HÀNH", Luật Xử lý vi phạm hành chính 2012), are lines of
    their own."""
    out: list[tuple[str, int]] = []
    for text, line in lines:
        notes = list(_NOTE.finditer(text)) if "bổ sung bởi" in text else []
        for m in notes:
            rest = text[m.end() :].strip()
            if (
                _INSERTED.match(m.group(1).strip())
                and any(c.isalpha() for c in _NOTE.sub("", rest))
                and not _NOTE.sub("", rest).strip().startswith(("Điều ", '"', "“"))
                and _site_inserted(_NOTE.sub("", text[: m.start()]).strip(), [m.group(1)])
            ):
                if out and (out[-1][0][-1:].isalnum() or out[-1][0].endswith(",")):
                    # the site wrote the units in mid-sentence: the sentence goes on after
                    # them ("… được thực hiện theo quy định tại" / "Điều 49a. … [Điều 49a
                    # được bổ sung bởi …] khoản 3 Điều 48 của Luật này.", Luật Kiểm toán nhà
                    # nước 2015)
                    out[-1] = (f"{out[-1][0]} {rest}", out[-1][1])
                    out.append((text[: m.end()], line))
                else:
                    out += [(text[: m.end()], line), (rest, line)]
                break
        else:
            out.append((text, line))
    return out


def _site_inserted(body: str, notes: list[str]) -> str | None:
    """ "Điều 5a" when the line is Điều 5a and its note says the site inserted it."""
    for note in notes:
        m = _INSERTED.match(note)
        if not m:
            continue
        kind = m.group(1).lower()
        numbers = re.findall(_NUM, re.sub(rf"(?i)\b{m.group(1)}\b|\bvà\b|,", " ", m.group(2)))
        head = _HEAD_OF[kind].match(body)
        if head and head.group(1).lower() in {n.lower() for n in numbers}:
            return f"{m.group(1)} {head.group(1)}"
    return None


def _drop_page_title(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    if (
        len(lines) > 1
        and not lines[0][0].isupper()
        and (lines[1][0].isupper() or "-----" in lines[1][0] or lines[1][0].startswith("Số"))
    ):
        return lines[1:]
    return lines


def _split_header(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The collapsed header lines, before the body or the preamble starts, split apart."""
    out: list[tuple[str, int]] = []
    k = 0
    while k < len(lines) and k < 8 and not _BODY_START.match(lines[k][0]):
        text, line = lines[k]
        if text.startswith(("Căn cứ", "Theo đề nghị")):
            break  # the preamble: its lines are the document's own
        parts = [p.strip() for p in _HEADER_SPLIT.split(text) if p and p.strip()]
        for part in parts:
            out.extend((p, line) for p in _split_type_line(part))
        k += 1
    merged: list[tuple[str, int]] = []
    for text, line in out:  # "Số:" / "11/VBHN-VPQH"
        if (
            merged
            and merged[-1][0] in ("Số:", "Luật số:", "Nghị quyết số:", "Số :")
            and (_NUMBER_ALONE.match(text) or re.match(r"^\d+[/-]", text))
        ):
            merged[-1] = (f"{merged[-1][0]} {text}", merged[-1][1])
        else:
            merged.append((text, line))
    return merged + lines[k:]


_TYPE_AT_END = re.compile(
    r"^(?P<before>.*?[a-zđà-ỹ)].*?)\s+(?P<type>"
    + "|".join(_TYPE_WORDS)
    + rf")\s+(?P<title>[{_UPPER}][{_UPPER}\s,\-]+)$"
)


_DRAFT_MARK = re.compile(r"^DỰ THẢO(?: LẦN \d+)?\s+(?=[A-ZĐ])")


def _split_type_line(text: str) -> list[str]:
    """ "NGHỊ QUYẾT HƯỚNG DẪN ÁP DỤNG …" -> ["NGHỊ QUYẾT", "HƯỚNG DẪN ÁP DỤNG …"]; the type
    and title after the session line of an older law, "… Khoá XI, kỳ họp thứ 10 (Từ ngày 17
    tháng 10 đến ngày 29 tháng 11năm 2006) LUẬT QUẢN LÝ THUẾ" -> [the session, "LUẬT",
    "QUẢN LÝ THUẾ"]; a draft's mark before the type, "DỰ THẢO LẦN 4 THÔNG TƯ HƯỚNG DẪN …"
    (a Dự thảo Thông tư of the Bộ Lao động, Thương binh và Xã hội, 2015) -> ["DỰ THẢO LẦN
    4", "THÔNG TƯ", "HƯỚNG DẪN …"]."""
    if draft := _DRAFT_MARK.match(text):
        return [draft.group(0).strip(), *_split_type_line(text[draft.end() :])]
    for word in _TYPE_WORDS:
        if text.startswith(word + " ") and text[len(word) + 1 :][:1].isupper():
            rest = text[len(word) + 1 :].strip()
            if rest.split()[0].isupper():
                return [word, rest]
    m = _TYPE_AT_END.match(text)
    if m:
        return [m.group("before").strip(), m.group("type"), m.group("title").strip()]
    return [text]


def _strip_title_prefix(
    lines: list[tuple[str, int]], page_title: str | None = None
) -> list[tuple[str, int]]:
    """The most common "<title>. " before a heading, when it stands before three or more,
    or is the page's title ("Nghị định 21/2021/NĐ-CP. Mục 2. CẦM GIỮ TÀI SẢN" under the
    page title "Nghị định 21/2021/NĐ-CP", twice in that text)."""
    counts: dict[str, int] = {}
    pattern = re.compile(r"^(.{6,160}?)\.\s+(?=(?:Điều|Mục|Chương|Phần|MỤC|CHƯƠNG)(?:\s+\S|$))")
    for text, _ in lines:
        m = pattern.match(text)
        if m and not _BODY_START.match(text):
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    if not counts:
        return lines
    prefix, seen = max(counts.items(), key=lambda kv: kv[1])
    if page_title in counts:
        prefix, seen = page_title, max(seen, 3)
    if seen < 3:
        return lines
    cut = len(prefix) + 1
    out = []
    for text, n in lines:
        if text.startswith(prefix + "."):
            text = text[cut:].lstrip()
            # the site's breadcrumb closes the heading with a full stop: "Nghị định
            # 47/2021/NĐ-CP. Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng."
            core = _NOTE.sub("", text).rstrip()  # "… an ninh. [Quy định … bị bãi bỏ …]"
            if _BREADCRUMB_TITLE.match(core):
                text = text.replace(core, core[:-1], 1)
        out.append((text, n))
    return out


_BREADCRUMB_TITLE = re.compile(r"^Điều\s+\d+[a-zđ]?\.\s[^.;:]{2,200}\.$")


# The levels of the headings above the article, outermost first. The site prints a heading
# and the first heading under it on one line, in both cases of the keyword.
_LEVELS = ("phần", "chương", "mục", "tiểu mục")
_HEADING_KEY = (
    r"(?P<key>Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC|Tiểu\s+mục|TIỂU\s+MỤC)\s+"
    r"(?:(?:thứ|THỨ)\s+\w+|[0-9IVXLC]+[a-z]?)"
)
_OUTER = re.compile(rf"(?:\[+\d*\]+\s*)?(?:{_HEADING_KEY}|\(được bãi bỏ\))")
# an inner heading: its keyword after a space, a number, then its title (upper case, or a
# site note first); not a chapter a title names ("… SỬA ĐỔI CHƯƠNG II …" has no title
# of its own after the number)
_INNER = re.compile(rf"\s+(?={_HEADING_KEY}\.?:?\s+(?:[A-ZĐÀ-Ỹ]{{2}}|\[))")
_CONNECTIVE = re.compile(r"(?:\b(?:CỦA|TẠI|THEO|VÀ|HOẶC|ĐỔI|SUNG|BỎ|THẾ)|[,;])$", re.IGNORECASE)


def _level(key: str) -> int:
    return _LEVELS.index(" ".join(key.lower().split()))


def _title_upper(text: str) -> bool:
    """The title of a heading, site notes and footnote marks aside, is in capitals."""
    bare = _FOOTNOTE.sub("", _NOTE.sub("", text))
    return bare.isupper() or not any(c.isalpha() for c in bare)


def _split_nested_headings(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A heading and the first heading under it on one line, which the site prints:
    "Mục 1. BIỆN PHÁP BẢO ĐẢM XÁC LẬP THEO THỎA THUẬN Tiểu mục 1. HIỆU LỰC CỦA HỢP ĐỒNG
    BẢO ĐẢM, BIỆN PHÁP BẢO ĐẢM", "Phần thứ hai XỬ PHẠT VI PHẠM HÀNH CHÍNH Chương I CÁC
    HÌNH THỨC XỬ PHẠT VÀ BIỆN PHÁP KHẮC PHỤC HẬU QUẢ" (VBHN 20/VBHN-VPQH), "CHƯƠNG II
    QUYỀN CỦA NHÀ NƯỚC ĐỐI VỚI ĐẤT ĐAI … MỤC 1 LẬP, QUẢN LÝ HỒ SƠ ĐỊA GIỚI HÀNH CHÍNH …"
    (Luật Đất đai 2003), and the heading after a repealed article's placeholder: "[74]
    (được bãi bỏ) Chương VI KHIẾU NẠI, TỐ CÁO VÀ KHÁNG NGHỊ VỀ THI HÀNH ÁN DÂN SỰ" (VBHN
    02/VBHN-VPQH 2024); also when the heading's number stands on the line before its title:
    "Chương 2." / "QUYỀN VÀ TRÁCH NHIỆM CỦA NHÀ NƯỚC ĐỐI VỚI ĐẤT ĐAI MỤC 1. QUYỀN CỦA NHÀ
    NƯỚC ĐỐI VỚI ĐẤT ĐAI" (Luật Đất đai 2013). Each inner heading is of a lower level than
    the one before it, and every title is in capitals, so a sentence that names a chapter
    is never split."""
    out: list[tuple[str, int]] = []
    seen: set[str] = set()  # the headings given so far
    lines = _article_word_moved(lines)
    for text, line in lines:
        number_only = out and _NUMBER_ONLY.match(out[-1][0])
        if number_only and (pieces := _nested(f"{out[-1][0]} {text}")):
            out.append((pieces[0][len(out[-1][0]) + 1 :], line))
            out += [(piece, line) for piece in pieces[1:]]
            seen.update(" ".join(piece.split()) for piece in pieces)
            continue
        outer = _OUTER.match(text)
        if not outer or (not outer.group("key") and not text.startswith(("(", "["))):
            out.append((text, line))
            continue
        pieces = _nested(text)
        if pieces:
            if all(" ".join(piece.split()) in seen for piece in pieces):
                continue  # the site restating where a page is: "Phần thứ hai … Chương III …"
            out += [(piece, line) for piece in pieces]
            seen.update(" ".join(piece.split()) for piece in pieces)
        else:
            out.append((text, line))
            if outer.group("key"):
                seen.add(" ".join(text.split()))
    return out


_NUMBER_ONLY = re.compile(rf"^{_HEADING_KEY}\.?$")


def _nested(text: str) -> list[str] | None:
    """The headings of a line that opens with one, when it holds more than one."""
    outer = _OUTER.match(text)
    if not outer:
        return None
    level = _level(outer.group("key")) if outer.group("key") else -1
    parts, start = [], 0
    for m in _INNER.finditer(text, outer.end()):
        head = _OUTER.match(text, m.end())
        inner = _level(head.group("key"))
        before = text[start : m.start()]
        title = before[_OUTER.match(before).end() :] if _OUTER.match(before) else before
        if inner <= level or not _title_upper(title) or _CONNECTIVE.search(title):
            continue
        parts.append(before)
        start, level = m.end(), inner
    rest = text[start:]
    if parts and _title_upper(rest[_OUTER.match(rest).end() :]):
        return [*parts, rest]
    return None


_OPEN_NOTE = re.compile(r"\[(?P<note>[^\[\]]*)$")
# the site ends a unit with its note; a unit that opens after one starts a line: "… 1- Nhà
# nước bảo hộ … [Điều này được sửa đổi bởi …] 2- Hộ gia đình, cá nhân …" (Luật Đất đai 1993);
# a khoản's decimal part too: "… [Điểm này được sửa đổi bởi …] 1.2. Trường hợp người sử dụng
# đất …" (Nghị định 103/2024/NĐ-CP Điều 36)
_UNIT_AFTER_NOTE = re.compile(
    r"(?<=\])\s+(?=(?:\d{1,3}(?:\.\d{1,3})*[a-zđ]?(?:\.|-(?=\s))|[a-zđ]\))\s*[A-ZĐÀ-Ỹ])"
)


def _join_open_notes(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A site note the page broke over lines, joined back so that it is taken out whole:
    "c) Đăng ký doanh nghiệp qua mạng thông tin điện tử. [Điểm này được hướng dẫn bởi" /
    "Luật Doanh nghiệp 2020. Chương V Nghị định 01/2021/NĐ-CP có hiệu lực từ ngày
    04/01/2021 (VB hết hiệu lực: 01/07/2025)]" (Luật Doanh nghiệp 2020), whose second line
    would otherwise open a Chương V."""
    out: list[tuple[str, int]] = []
    pending = 0  # continuation lines the open note may still take
    for text, line in lines:
        if pending and out:
            out[-1] = (f"{out[-1][0]} {text}", out[-1][1])
            pending -= 1
        else:
            out.append((text, line))
            pending = 0
        *done, last = _split_after_notes(out[-1][0])
        if done:
            out[-1:] = [(piece, out[-1][1]) for piece in done] + [(last, out[-1][1])]
        m = _OPEN_NOTE.search(out[-1][0])
        if m is None or not _SITE_NOTE.search(m.group("note")):
            pending = 0
        elif not pending and out[-1][1] == line:  # a note opened on this line
            pending = 2
    return out


# units a VBHN repealed, which the site runs into one line: "a)[21] (được bãi bỏ) b)[22]
# (được bãi bỏ) c)[23] (được bãi bỏ)" (VBHN 133/VBHN-VPQH), "3.[22] (được bãi bỏ) 4.[23]
# (được bãi bỏ)" (VBHN 67/VBHN-VPQH), "b)79[79](được bãi bỏ) c) Thủ trưởng cơ quan …"
# (VBHN 02/VBHN-VPQH), "d)63 (được bãi bỏ) đ)64 …", "3.[[88]] (được bãi bỏ) 4.[[89]] …":
# a repealed unit is its mark alone, so the unit after it opens a line
_UNIT_MARK = r"(?:\d{1,3}[a-zđ]?\.|[a-zđ]\d{0,2}\))"
_REPEALED_UNIT = re.compile(
    rf"{_UNIT_MARK}(?:\d*\[+\d+\]+|\d+)?\s*\((?:được|bị) bãi bỏ\)\s+(?={_UNIT_MARK})"
)


def _split_after_notes(text: str) -> list[str]:
    pieces, start = [], 0
    for m in _UNIT_AFTER_NOTE.finditer(text):
        note = text.rfind("[", 0, m.start())
        if note >= 0 and _SITE_NOTE.search(text[note : m.start()]):
            pieces.append(text[start : m.start()])
            start = m.end()
    while m := _REPEALED_UNIT.match(text, start):
        pieces.append(text[start : m.end()].rstrip())
        start = m.end()
    return [*pieces, text[start:]]


def _article_word_moved(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The word "Điều" left at the end of a heading line, its number opening the next:
    "… ĐỐI VỚI NGƯỜI CHƯA THÀNH NIÊN Điều" / "133. Phạm vi áp dụng …" (VBHN 20/VBHN-VPQH)."""
    out = list(lines)
    for i in range(len(out) - 1):
        text, line = out[i]
        if (
            text.endswith(" Điều")
            and _OUTER.match(text)
            and re.match(r"\d+[a-zđ]?\.\s", out[i + 1][0])
        ):
            out[i] = (text[: -len(" Điều")], line)
            out[i + 1] = (f"Điều {out[i + 1][0]}", out[i + 1][1])
    return out


_BREADCRUMB = re.compile(r"^(Điều\s+\d+[a-zđ]?\.\s[^.]{3,200})\.\s+Khoản\s+(\d+[a-zđ]?)\.\s+(.*)$")


def _split_breadcrumbs(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    crumbs = [m.group(1) for t, _ in lines if (m := _BREADCRUMB.match(t))]
    if len(crumbs) < 2:
        return lines
    out: list[tuple[str, int]] = []
    opened: set[str] = set()
    for text, line in lines:
        m = _BREADCRUMB.match(text)
        if not m:
            out.append((text, line))
            continue
        if m.group(1) not in opened:
            opened.add(m.group(1))
            out.append((m.group(1), line))
        out.append((f"{m.group(2)}. {m.group(3)}", line))
    return out


# a heading's word the site left at the end of a line, or alone on it ("MỤC" / "1. THƯƠNG
# LƯỢNG", Luật Bảo vệ quyền lợi người tiêu dùng 2010; "Tiểu mục" / "2. KÊ KHAI TÀI SẢN, THU
# NHẬP", VBHN 118/VBHN-VPQH)
_CONTAINERS = ("Điều", "Mục", "Chương", "Phần", "Tiểu mục", "MỤC", "CHƯƠNG", "PHẦN", "TIỂU MỤC")
_TRAILING_DIEU = re.compile(rf"\s*\b(?:{'|'.join(_CONTAINERS)})$")
_CONTAINER_ENDS = (*_CONTAINERS, *(f"{word}\n" for word in _CONTAINERS))


def _trailing_container(line: str) -> re.Match | None:
    """The unit word a line ends on; its end looked at first (an anchored end is tried at
    every position of the line)."""
    return _TRAILING_DIEU.search(line) if line.endswith(_CONTAINER_ENDS) else None


# a heading the site glued after a note at the end of the line before: "… theo quy định của
# Chính phủ. [Quy định …] Chương III [Thủ tục hải quan …] THỦ TỤC HẢI QUAN, CHẾ ĐỘ …"
_GLUED_HEADING = re.compile(
    r"(?<=\])\s+(?=(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)\s+(?:[IVXLC]+|\d+)\b"
    rf"(?:\s*[:.]|\s+\[|\s+[{_UPPER}]{{2,}}\b))"
)  # not a reference the site broke with a note: "Sửa đổi, bổ sung [Khoản này …] Mục 2 Chương II"


def _split_glued_heading(line: str) -> list[str]:
    return _GLUED_HEADING.split(line) if "]" in line else [line]  # after a note only


_NUMBER_TITLE = re.compile(r"^\d+[a-zđ]?\.\s")
_REFERENCE_LINE = re.compile(r"^Điều\s+\d+[a-zđ]?(?:\s|\.|,|;|$)")
_CONTAINER_REFERENCE = re.compile(
    r"^(?:Mục|Chương|Phần|Tiểu mục)\s+(?:[IVXLC]+|\d+[a-zđ]?|[A-Z])(?P<rest>\s+[^\W\d_].*)$"
)
# the rest of a line the site wrapped: a lower-case word that opens no point ("a)", "đ1)")
_WRAPPED_REST = re.compile(r"^(?![a-zđ]\d*\))[^\W\d_]")


_ARTICLE_HEAD = re.compile(r"(?:^|“)Điều\s+\d+[a-zđ]?\.\s")
# words a name follows inside a heading ("… ở ngoài lãnh thổ nước Cộng hòa …", "… của Luật …",
# "… của Bộ luật Dân sự Tuổi của người …" parts at "Tuổi")
_NAME_TAKERS = {"nước", "của", "tại", "theo", "và", "với", "cho", "thuộc", "trong", "về", "luật"}
_CITED = re.compile(r"^(?:Điều|Khoản|Điểm|Chương|Mục|Phần|Luật|Nghị|Thông|Pháp|Hiến|Quyết)$")


def _heading_rest(text: str, before_text: str = "") -> tuple[str, str]:
    """The wrapped rest of a heading, and the article's first words when the site glued
    them on ("nộp, tiền phạt Trường hợp người nộp thuế vừa có …", "bị xử lý hình sự Cá
    nhân, pháp nhân thương mại …"): they start at the first capital that no name or
    citation explains ("khoản 3 Điều 8 của Luật Giáo dục quốc phòng và an ninh Sửa đổi …"
    parts at "Sửa")."""
    words = text.split(" ")
    earlier = before_text.split()[-1:] or [""]  # the word before the text, on the line before
    depth = 0  # inside the site's note: "… tiền phạt [Bổ sung cụm từ … Nội dung …] Hồ sơ …"
    for k in range(1, len(words) - 2):
        word, before = words[k], words[k - 1]
        depth += before.count("[") - before.count("]")
        if (
            depth <= 0
            and word[:1].isupper()
            and not before[:1].isupper()
            and not before.endswith(",")
            and not (
                before.lower() in _NAME_TAKERS
                # "cả nước" is the whole country, never a country's name: "Điều 33. Điều tra,
                # đánh giá chất lượng đất cả" / "nước Kết quả điều tra …" (Thông tư
                # 11/2024/TT-BTNMT on thuvienphapluat)
                and not (before.lower() == "nước" and ([*earlier, *words][k - 1].lower() == "cả"))
            )
            and not _CITED.match(word)
        ):
            return " ".join(words[:k]), " ".join(words[k:])
    return text, ""


def _title_and_body(text: str) -> list[str]:
    """An article's number line with its title and first sentence glued: "3. Giải thích từ
    ngữ Trong Luật này, các từ ngữ dưới đây được hiểu như sau:" (Luật Cạnh tranh 2018),
    "82. Trách nhiệm thi hành Các Bộ trưởng, … chịu trách nhiệm thi hành Nghị định này."
    (Nghị định 122/2021/NĐ-CP): two lines, when what follows the title is a sentence."""
    m = re.match(r"^(\d+[a-zđ]?\.\s+)(.*)$", text)
    if m is None:
        return [text]
    title, body = _heading_rest(m.group(2))
    # "… bắt buộc 1.[151] Trong thời hạn …": the first khoản glued on, read as such later
    glued_khoan = re.search(r"\s1[.-](?:\[\d*\])*(?:\s|$)", m.group(2))
    if body and not glued_khoan and not re.search(r"[.;:,]$", title) and re.search(r"[.;:]$", body):
        return [m.group(1) + title, body]
    return [text]


_GLUED_KHOAN = re.compile(r"^(.*[^\W\d_])\s+1\.$")


def _glued_khoan(line: str) -> re.Match | None:
    """ "… Điều 94 Luật Đất đai 1.": a first khoản's number glued at a line's end."""
    return _GLUED_KHOAN.match(line) if line.endswith(("1.", "1.\n")) else None


_LEADING_NOTES = re.compile(r"^(?:\[(?!\d+\])[^\[\]]{3,}?\]\s*)+")
# the first unit glued to the enacting line: "Quốc hội ban hành Luật … số 78/2006/QH11,
# Điều 1.", "Quốc hội ban hành Luật đất đai, Chương 1." (Luật Đất đai 2013, Luật bảo vệ
# quyền lợi người tiêu dùng 2010), "… Luật khiếu nại, Chương 1 NHỮNG QUY ĐỊNH CHUNG"
# (Luật khiếu nại 2011: a chapter's title in capitals)
_GLUED_FIRST = re.compile(
    r"^(.{20,}?[,.;:])\s+((?:Điều\s+1\.|Chương\s+(?:1|I)(?:\.|\s+(?P<title>[^\[]+?)))"
    r"(?:\s*\[[^\]]*\])*)$"
)


def _short_title_rest(text: str) -> bool:
    """The rest of a wrapped article title, not a paragraph: a few words, not naming a unit."""
    return len(text) <= 60 and not TAKES_A_NUMBER.search(text)


def _join_breaks(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for text, line in lines:
        # "Quốc hội ban hành Luật … số 78/2006/QH11, Điều 1." (tried where it can match)
        glued = _GLUED_FIRST.match(text) if "Điều" in text or "Chương" in text else None
        if glued and (glued.group("title") is None or glued.group("title").isupper()):
            out.extend([(glued.group(1), line), (glued.group(2), line)])
            continue
        if out:
            first = out[-1][1]
            # the line as the document has it: the site's note after a link is not text
            prev = _NOTE.sub("", out[-1][0]).rstrip() if "[" in out[-1][0] else out[-1][0]
            if (trailing := _trailing_container(prev)) and _NUMBER_TITLE.match(text):
                word = trailing.group(0).strip()  # "Điều" / "40. Thẩm quyền …", "Mục" / "3. …"
                rest = _TRAILING_DIEU.sub("", prev)
                if rest:
                    out[-1] = (rest, first)
                else:
                    out.pop()
                out.extend(
                    (f"{word} {part}", line) if i == 0 else (part, line)
                    for i, part in enumerate(_title_and_body(text) if word == "Điều" else [text])
                )
                continue
            # what the line says, past the site's notes that open it: "[Điều này được bổ
            # sung bởi …] điểm d khoản 3 Điều 155 … Luật Đất đai 1." goes on a title
            # (Nghị định 103/2024/NĐ-CP, Điều 16, 31 and 36)
            lead = _LEADING_NOTES.sub("", text) if text.startswith("[") else text
            if not lead:
                out.append((text, line))
                continue
            if (
                _REFERENCE_LINE.match(lead)
                and not re.search(r"[.;:!?”\")]$", prev)
                and _MID_REFERENCE.search(prev)
                # an article the site wrote in from a later law is no wrapped reference: "…
                # được thực hiện theo quy định tại" / "Điều 49a. Kiểm soát chất lượng kiểm
                # toán … [Điều 49a được bổ sung bởi Khoản 8 Điều 1 …]" (Luật Kiểm toán nhà
                # nước 2015)
                and not _site_inserted(lead, [m.group(1).strip() for m in _NOTE.finditer(text)])
                and not _BODY_START.match(prev)
                and not prev.isupper()
                and not (prev.endswith(",") and re.fullmatch(r"Điều\s+\d+[a-zđ]?\.", text))
            ):
                out[-1] = (f"{out[-1][0]} {text}", first)
                continue
            container = _CONTAINER_REFERENCE.match(lead)
            if (
                container
                and _MID_REFERENCE.search(prev)
                and not prev.endswith(",")
                and not prev.isupper()
                and not container.group("rest").isupper()
            ):
                # a reference to a part wrapped onto a line of its own: "… được thể hiện theo
                # quy định tại" / "Mục 2 Phần B của Phụ lục I ban hành kèm theo Thông tư này."
                # (Thông tư 11/2024/TT-BTNMT); a heading's title is in capitals
                out[-1] = (f"{out[-1][0]} {text}", first)
                continue
            if (
                _ARTICLE_HEAD.match(prev)
                and _MID_REFERENCE.search(prev)
                and _REFERENCE_LINE.match(lead)
                and not _ARTICLE_HEAD.match(lead)
            ):
                # a title wrapped before the article it names, the site's note between:
                # "Điều 31. … theo quy định tại" / "[…] Điều 107 Luật Đất đai", and the
                # first khoản's number may be glued at its end: "… Điều 94 Luật Đất đai 1."
                glued_khoan = _glued_khoan(text)
                rest, body = _heading_rest(glued_khoan.group(1) if glued_khoan else text, prev)
                out[-1] = (f"{out[-1][0]} {rest}", first)
                out.extend([(body, line)] if body else [])
                out.extend([("1.", line)] if glued_khoan else [])
                continue
            glued_khoan = _glued_khoan(text)
            if (
                glued_khoan
                and (lead[0].islower() or _short_title_rest(glued_khoan.group(1)))
                and _ARTICLE_HEAD.match(prev)
                and not prev.endswith(".")
                and not prev.isupper()
            ):
                # a wrapped title with the first khoản's number glued at its end: "Điều 4. Đối
                # tượng điều tra, đánh giá đất đai;" / "bảo vệ, cải tạo, phục hồi đất 1." /
                # "Đối tượng …" (Thông tư 11/2024/TT-BTNMT, 42 times); or a term in
                # capitals, the line short: "Điều 40. Thể hiện nội dung tại mục Ghi chú
                # trên" / "Giấy chứng nhận 1." (Thông tư 10/2024/TT-BTNMT)
                out[-1] = (f"{out[-1][0]} {glued_khoan.group(1)}", first)
                out.append(("1.", line))
                continue
            if (
                _WRAPPED_REST.match(lead)
                and lead[0].islower()
                and (prev[-1:].isalnum() or prev.endswith(","))
                and not prev.isupper()
            ):
                # a heading the site wrapped, mostly inside an amending law's quotation:
                # "“Điều 101. Cưỡng chế bằng biện pháp dừng làm thủ" / "tục hải quan …"
                rest, body = _heading_rest(text, prev) if _ARTICLE_HEAD.search(prev) else (text, "")
                out[-1] = (f"{out[-1][0]} {rest}", first)
                if body:
                    out.append((body, line))
                continue
        out.append((text, line))
    return out


# the next khoản's number the site left at the end of the line before, after a closed
# sentence, its own note, a footnote mark or a table row: "… (VB hết hiệu lực: 01/03/2027)]
# 2." / "Bộ Công Thương điều chỉnh …" (Luật Dầu khí 2022), "… trên địa bàn 02 xã trở lên.
# 2." / "Quy định về nội dung …", "| 10.000 | 3." / "Bản đồ kết quả …" (Thông tư
# 11/2024/TT-BTNMT), "Điều 52. … [95] 1." / "Trường hợp chức danh …" (VBHN 27/VBHN-VPQH)
_TRAILING_NUMBER = re.compile(r"(?<=[.;:\]|)])\s+(\d{1,3})\.$")
_KHOAN_LINE = re.compile(r"^(\d{1,3})\.(?:\s|$)")
_BODY_OPENS = re.compile(rf"^[“\"{_UPPER}]")


def _split_trailing_numbers(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The number moved back to the start of its khoản, when it is the article's next
    khoản and the next line opens a sentence; a number that does not continue the count
    ("… theo tỷ lệ 1:25.000." or a date) stays where it is."""
    out: list[tuple[str, int]] = []
    last, moved = 0, ""
    for i, (text, line) in enumerate(lines):
        text = f"{moved}. {text}" if moved else text
        moved = ""
        if text.startswith("Điều ") or text.startswith("“Điều "):
            last = 0
        elif k := _KHOAN_LINE.match(text):
            last = int(k.group(1))
        m = _TRAILING_NUMBER.search(text) if text.endswith(".") else None
        nxt = lines[i + 1][0] if i + 1 < len(lines) else ""
        if m and int(m.group(1)) == last + 1 and _BODY_OPENS.match(nxt):
            text, moved = text[: m.start()], m.group(1)
        out.append((text, line))
    return out


_TITLE_NOTE_BODY = re.compile(
    r"^(?P<title>Điều\s+\d+[a-zđ]?\.\s+[^.;:\[\]]{3,200})\.\s*(?P<note>\[(?!\d+\])[^\[\]]{3,}\])\s+"
    rf"(?P<body>[“{_UPPER}].*)$"
)


def _title_noted(text: str) -> list[str]:
    """An article's title, the site's note on it and the first sentence on one line, the
    title closed by the site's full stop: "Điều 13. Điều kiện xác định doanh nghiệp quốc
    phòng, an ninh. [Quy định về …] Doanh nghiệp được xác định …" (Nghị định 47/2021/NĐ-CP
    on thuvienphapluat): the heading with its note, then the sentence."""
    m = _TITLE_NOTE_BODY.match(text)
    if m is None:
        return [text]
    return [f"{m.group('title')} {m.group('note')}", m.group("body")]


_AUTH = re.compile(r"X[ÁA]C (?:THỰC|NHẬN) VĂN BẢN HỢP NHẤT")
_AUTHORITY = r"(?:TM|T\.M|KT|K\.T|Q|TL|TUQ)\.\s*"
_SIGNING = re.compile(
    rf"^(?:{_AUTHORITY}|XÁC THỰC|XÁC NHẬN|CHỦ TỊCH|CHỦ NHIỆM)|\s{_AUTHORITY}[A-ZĐ]"
)
_INNER_AUTHORITY = re.compile(rf"(?<=\S)\s+(?={_AUTHORITY}[A-ZĐ])")
_AUTHORITY_NAMED = re.compile(rf"{_AUTHORITY}[A-ZĐ]")  # opens on a letter: a fast scan
_AFTER_SIGNER = re.compile(r"\s(?=(?:PHỤ LỤC|Phụ lục|QUY CHẾ|QUY ĐỊNH|QUY TRÌNH|ĐIỀU LỆ|Mẫu số)\b)")
_PAGE_ID = re.compile(r"^Epas:\s*\d+\s+")


_LONE_AUTHORITY = re.compile(rf"^{_AUTHORITY}$")


def _split_signature(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    held = None  # "TM." alone on its line, the block on the next (Nghị định 230/2025)
    for text, line in lines:
        text = _PAGE_ID.sub("", text)
        if held is not None:
            text, held = f"{held[0]} {text}", None
        elif _LONE_AUTHORITY.match(text):
            held = (text, line)
            continue
        m = _AUTH.search(text)
        if m and m.start() > 0:
            out.append((text[: m.start()].rstrip(), line))
            text = text[m.start() :]
        inner = _INNER_AUTHORITY.search(text) if _AUTHORITY_NAMED.search(text) else None
        if inner and re.search(r"\bLưu\b|Nơi nhận", text[: inner.start()]):
            out.append((text[: inner.start()], line))  # "- Lưu: VT, TXNK (30b) KT. …"
            text = text[inner.end() :]
        if text[:1].isupper() and text.split()[0].isupper() and _SIGNING.search(text):
            parts = _AFTER_SIGNER.split(text, maxsplit=1)
            head, rest = _signer_end(parts[0])
            out.append((head, line))
            out.extend((r, line) for r in [rest, *parts[1:]] if r)
            continue
        out.append((text, line))
    if held is not None:  # nothing after it
        out.append(held)
    return out


def _signer_end(text: str) -> tuple[str, str]:
    """A signature block, and what follows the signer's name on the same line: capitals
    (the titles), then 2 to 6 capitalised words (the name), then a footnote number."""
    words = text.split()
    k = 0
    while k < len(words) and (words[k].isupper() or not words[k][:1].isalpha()):
        k += 1
    name = k
    while name < len(words) and words[name][:1].isupper() and words[name][1:].islower():
        name += 1
    if 2 <= name - k <= 6 and name < len(words) and re.fullmatch(r"\[?\d+\]?", words[name]):
        return " ".join(words[:name]), " ".join(words[name:])
    return text, ""
