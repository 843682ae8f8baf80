"""Lines that a page or a fixed width wrapped, joined back into paragraphs.

PDF text and its extracted copies (the Công báo), and antiword's text of a Word file, break
every sentence at the right margin: "Nghị định này quy định về thực hiện hợp đồng lao động
và hợp đồng dịch" / "vụ đối với một số loại công việc …". The structure parser reads one
paragraph at a time, so a wrap that starts a line with "1." or "Điều 5 của Luật này" would
otherwise be read as a khoản or an article.

A line is joined to the one before when the one before reaches the right margin (a wrap), or
stops without closing punctuation and the line goes on in lower case ("Điều 219. Sửa đổi, bổ
sung một số điều của các" / "luật có liên quan đến lao động"); never when the line opens a
unit ("Điều 2. Đối tượng áp dụng", "2. Cơ quan …", "a) …", "Chương II", "9a.17 Hợp đồng …"
with a VBHN's footnote mark) unless the line
before ends in the middle of a reference ("… quy định tại khoản 2" / "Điều 107."); "Chương
trình", "Mục tiêu" end no reference ("… theo phạm vi của Chương trình" / "Điều 9. …").
"""

from __future__ import annotations

import re

_OPENS_UNIT = re.compile(
    r"^(?:(?:Điều|ĐIỀU)\s+\d+[a-zđ]?\s*[.:]"
    r"|(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN|Tiểu mục|TIỂU MỤC)\s+\S+"
    r"|PHỤ LỤC|Phụ lục\s+\S+$|Nơi nhận"
    r"|\d+[a-zđ]?\.\s|\d+(?:\.\d+)+\.?\s|\d+[a-zđ]\.\d{1,3}\s|[a-zđ]\d*\)|[a-zđ]\.\d+\)"
    r"|[-–+•*]\s|\(\d+\)\s|[IVXLC]+\.\s|(?:NGÀY|SỐ:?)\s*\d)"
)
_MID_REFERENCE = re.compile(
    r"(?:\b(?:tại|theo|của|và|hoặc|với|từ|đến|trong|thuộc|vào|sau|trước|bởi|về|khoản|điểm|Điều|điều)"
    r"|\b(?:[Kk]hoản|[Đđ]iểm|[Đđ]iều)\s+\S+|\b(?:Mục|Chương)\s+(?:[IVXLC]+|\d+[a-zđ]?)|,)$"
)
_REFERENCE_START = re.compile(r"^(?:Điều|khoản|điểm|Luật|Bộ luật|Nghị định|Thông tư)\s+\d")
_CLOSED = re.compile(r"[.;:!?…”\")]$")


def _closed(text: str) -> bool:
    """Ends a sentence or a quotation. Only the end is looked at: `prev` is the paragraph
    so far, and scanning it for each line it takes made long paragraphs quadratic."""
    return _CLOSED.search(text[-2:]) is not None  # "$" also matches before a final "\n"


_RULE = re.compile(r"^[_\-–—]{5,}$")
# a number that ends a sentence after one of these is the text's: "… quy định tại Điều 5",
# "… theo Mẫu số 1" (no footnote mark, no khoản's number glued on)
TAKES_A_NUMBER = re.compile(
    r"\b(?:Điều|điều|khoản|Khoản|điểm|Điểm|Chương|Mục|mục|Phần|phần|số|năm|tháng|ngày|lần|"
    r"Phụ lục|phụ lục|Mẫu|mẫu|giờ|tuổi|bậc|hạng|nhóm|loại|cấp|Bảng|bảng)$"
)


def margin(lines: list[str]) -> int:
    """The width of a full line: most lines of running text reach it."""
    lengths = sorted(len(t) for t in lines if len(t) >= 20)
    if not lengths:
        return 0
    return lengths[int(len(lengths) * 0.9)]


_ARTICLE_TITLE = re.compile(r"^Điều\s+\d+[a-zđ]?\.\s+\S")
_ARTICLE_NUMBER = re.compile(r"^Điều\s+\d+[a-zđ]?\.\s+")
_ACRONYM = re.compile(r"^[A-ZĐ]{2,}\b")
_CITED_BY_NUMBER = re.compile(r"^(?:Luật|Bộ luật|Nghị định|Thông tư|Quyết định|Nghị quyết)\s+số\b")
_GOES_ON = re.compile(
    r"(?:\b(?:của|và|hoặc|với|tại|theo|cho|từ|đến|trong|thuộc|về|bởi|đối với)"
    r"|\b(?:[Kk]hoản|[Đđ]iểm|[Đđ]iều|Mục|Chương)\s+[\dIVXLC]\S*|,)$"
)
_YEAR_ENDS = re.compile(r"\bnăm$")
_YEAR_OPENS = re.compile(r"^(?:1[89]|20)\d\d\b")
_WRAPPED_NUMBER = re.compile(r"\d/[\w/]*[A-ZĐ]-$")  # "Thông tư số 12/2022/TT-" / "BLĐTBXH"


def _wrapped_number(line: str) -> bool:
    """A pattern anchored at the end is tried at every position of the line: the line's
    end is looked at first."""
    return line.endswith(("-", "-\n")) and _WRAPPED_NUMBER.search(line) is not None


# a chapter or section named in running text, wrapped at its number: "… quy định tại Mục 3"
# / "Chương III Luật An toàn, vệ sinh lao động và …" (Thông tư 28/2021/TT-BLĐTBXH), "… tại
# điểm b khoản 4" / "Mục III Chương trình và phù hợp với …" (Thông tư 03/2024/TT-BLĐTBXH);
# a heading's title after its number is in capitals
_PART_START = re.compile(r"^(?:Chương|Mục|Phần)\s+(?:[IVXLC]+|\d+[a-zđ]?)\s+(?=\S)")


def _part_reference(nxt: str) -> bool:
    m = _PART_START.match(nxt)
    return m is not None and not nxt[m.end() :].isupper()


def _echoes(title: str, nxt: str, run: int = 6) -> bool:
    """The line repeats `run` words in a row of the article's title, and does not open
    with the title's words: a title does not, the sentence under it often does. (A line
    that opens with them goes on a name the line before broke: "… của Cục Quản lý" /
    "Chất lượng Nông lâm sản và Thủy sản (http://…)", 2010_10209633.)"""
    words = [w.strip(",;.:").lower() for w in _ARTICLE_NUMBER.sub("", title, count=1).split()]
    line = [w.strip(",;.:").lower() for w in nxt.split()]
    if tuple(line[:3]) in {tuple(words[i : i + 3]) for i in range(len(words) - 2)}:
        return False
    said = {tuple(words[i : i + run]) for i in range(len(words) - run + 1)}
    return any(tuple(line[i : i + run]) in said for i in range(len(line) - run + 1))


def _restates(title: str, nxt: str) -> bool:
    """The line opens with the first three words of the article's title."""
    words = _ARTICLE_NUMBER.sub("", title, count=1).split()[:3]
    return len(words) == 3 and nxt.split()[:3] == words


def joins(prev: str, nxt: str, width: int, last: str | None = None) -> bool:
    """Whether line `nxt` goes on paragraph `prev`, whose last line as printed is `last`. An
    article's title, or the document's before "Căn cứ", ends on a line well short of the
    margin unless the next line plainly goes on ("Điều 10. Xây dựng giá tối đa … sử dụng
    ngân" / "sách nhà nước" / "Thực hiện theo …"). Only a title: in running text and in
    table cells a short line is no end ("… liên tịch do Bộ trưởng Bộ" / "Lao động - …")."""
    if not prev or not nxt:
        return False
    if nxt.startswith("|") or prev.endswith("|"):
        return False  # a table row drawn with bars (antiword) is never wrapped text
    if prev.endswith("./.") or _RULE.match(prev) or _RULE.match(nxt):
        # the text's end mark, and the rule the gazette draws above a VBHN's authentication
        # block: "… chịu trách nhiệm thi hành Nghị định này./." / "_____" / "BỘ LAO ĐỘNG …"
        return False
    if _wrapped_number(prev) and nxt[0].isupper():
        return True
    words = prev.split(None, 6)  # seven pieces: more than six words; not all of them
    if 2 <= len(words) <= 6 and all(w[:1].isupper() and w[1:].islower() for w in words):
        return False  # a signer's name ends the signature block: what follows is not it
    if _YEAR_OPENS.match(nxt) and _YEAR_ENDS.search(prev):
        # a year the line wrapped after its "năm" reads as a khoản: "… được tiếp tục thực
        # hiện đến hết năm" / "2025. Trường hợp …" (Nghị định 212/2025/NĐ-CP), "… trong Sắc
        # lệnh số 63 ngày 22 tháng 11 năm" / "1945. Song …" (Sắc lệnh 77/SL, 1945)
        return True
    if _OPENS_UNIT.match(nxt):
        return bool(
            (_REFERENCE_START.match(nxt) or _part_reference(nxt))
            and not _closed(prev)
            and _MID_REFERENCE.search(prev)
            and not prev.isupper()  # a chapter's title, then its first article
        )
    if (
        last is not None
        and _ARTICLE_TITLE.match(prev)
        and nxt[0].isupper()
        and not _closed(last)
        and len(last) < 0.95 * width
        and "  " not in last  # a justified line (antiword) reached the margin
    ):
        # an article's title on one line short of the margin goes on in capitals only
        # mid-phrase or in a name: "… của Bộ Lao động - Thương binh và" / "Xã hội", "… nộp
        # thuế" / "GTGT …"; otherwise the article's first sentence follows: "Điều 8. Lấy ý
        # kiến tham gia của các cơ quan, tổ chức liên quan" / "Cơ quan, tổ chức đề nghị …"
        # (Nghị định 121/2026/NĐ-CP); so too its last line, when the title wraps: "Điều 3.
        # Hồ sơ của khoản chi … quy định" / "tại điểm b và điểm c khoản 1 Điều 9 của Luật Thuế
        # thu nhập doanh nghiệp" / "Các khoản chi …" (Thông tư 20/2026/TT-BTC)
        return bool(
            _GOES_ON.search(prev)
            or prev.endswith("-")
            # a title's one line wrapped in a name: "… quy định của Bộ" / "Tài chính"; not
            # when the next line repeats the title's start, the article's sentence does:
            # "Điều 18. Hồ sơ đề nghị quá cảnh lãnh thổ Việt Nam" / "Hồ sơ đề nghị quá cảnh
            # lãnh thổ Việt Nam bao gồm:" (Nghị định 167/2026/NĐ-CP)
            or (last == prev and prev.split()[-1][:1].isupper() and not _restates(prev, nxt))
            or _ACRONYM.match(nxt)
            or _REFERENCE_START.match(nxt)
            or _CITED_BY_NUMBER.match(nxt)
        )
    if last is not None and _ARTICLE_TITLE.match(prev) and nxt[0].isupper() and _echoes(prev, nxt):
        # the article's first sentence takes up the title's words: "Điều 15. Trách nhiệm
        # của cơ quan quản lý trực tiếp cơ sở giáo dục nghề" / "nghiệp, doanh nghiệp và cơ sở
        # khác có đăng ký hoạt động giáo dục nghề nghiệp" / "Tạo điều kiện thuận lợi để cơ
        # sở giáo dục nghề nghiệp, doanh nghiệp và cơ sở khác …" (Thông tư 14/2024/TT-BLĐTBXH)
        return False
    # a title on a line well short of the margin: its article, or the preamble, follows
    ended = (
        last is not None
        and len(last) < 0.6 * width
        and (_ARTICLE_TITLE.match(prev) is not None or nxt.startswith("Căn cứ"))
    )
    if (last or prev).isupper() and nxt[0].isupper() and not nxt.isupper():
        # capitals end where a line in running case begins: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
        # NAM" / "Độc lập - Tự do - Hạnh phúc", however short the margin a table made
        return False
    if width and not ended and len(prev) >= 0.8 * width:
        # a quotation opens a sentence too: "… Nghị định số 96/2023/NĐ-CP như sau:" / "“1. Nộp
        # 01 bộ hồ sơ …" (Nghị quyết 21/2026/NQ-CP)
        opens = nxt.lstrip('“"')[:1].isupper() or _OPENS_UNIT.match(nxt.lstrip('“"'))
        return not (_closed(prev) and opens and not prev.endswith(","))
    if _closed(prev) or prev.isupper():
        return False
    if nxt[0].isdigit():  # "… ngày 27 tháng 03 năm" / "2014.", "… Nghị định số" / "15/2020"
        return bool(re.search(r"\b(?:năm|tháng|ngày|số)$", prev) or _MID_REFERENCE.search(prev))
    return nxt[0].islower()


def unwrap(lines: list[tuple[str, int]], blank_breaks: bool) -> list[tuple[str, int]]:
    """(text, first line) paragraphs. With `blank_breaks` a blank line always ends a
    paragraph (antiword's layout); without, blank lines are page spacing and ignored."""
    width = margin([t for t, _ in lines])
    out: list[tuple[str, int]] = []
    pending = False  # the last paragraph may take the next line
    last = ""  # that paragraph's last line as printed
    for text, line in lines:
        if not text:
            if blank_breaks:
                pending = False
            continue
        if pending and out and joins(out[-1][0], text, width, last):
            prev, first = out[-1]
            glue = "" if _wrapped_number(prev) else " "
            out[-1] = (f"{prev}{glue}{text}", first)
        else:
            out.append((text, line))
        pending, last = True, text
    return out
