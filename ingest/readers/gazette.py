"""The Công báo's page furniture, removed from the text of a gazette copy (its PDF, or the
text extracted from it) before the lines are joined back into paragraphs.

What it removes, as the gazette prints it:
- running headers, with the page number before or after them, or glued to them:
  "CÔNG BÁO/Số 11 + 12/Ngày 10-01-2023", "6 CÔNG BÁO/Số 287 + 288/Ngày 15-11-2021",
  "CÔNG BÁO/Số 302/Ngày 02-06-2026 71", and the page number alone on its line beside them;
- the e-signature stamp of the first page, in both styles: "Người ký: Cổng Thông tin điện
  tử Chính phủ / Email: … / Cơ quan: Văn phòng Chính phủ / Thời gian ký: 11.01.2023 …" (its
  name wrapped too: "Ký bởi: Cổng Thông tin điện tử Chính" / "phủ") and
  "Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Cơ quan: … / Ngày ký: …";
- the gazette's section title above a document ("VĂN BẢN QUY PHẠM PHÁP LUẬT", "VĂN BẢN PHÁP
  LUẬT KHÁC", "VĂN BẢN HỢP NHẤT - BỘ LAO ĐỘNG - THƯƠNG BINH" / "VÀ XÃ HỘI"), and the issuer
  printed twice when the section is headed by it ("CHÍNH PHỦ" / "CHÍNH PHỦ");
- a VBHN's footnotes at the bottom of a page, after a blank line, numbered on from the last
  ("1 Thông tư số 12/2024/TT-BLĐTBXH ngày 14 tháng 11 năm 2024 … sửa đổi, bổ sung …"): taken
  out of the text and kept as notes where they stood (a footnote may quote whole articles of
  the amending document, "“Điều 4. Hiệu lực thi hành", which must not become articles),
  and a footnote left open at a page's foot where it goes on at the next page's foot when
  the text has lost the rule above it (its lines are wider: the gazette sets footnotes in a
  smaller type);
  a reprint of a VBHN may mark each footnote twice, with its own number, one less, before
  the VBHN's ("8 9 Mẫu này …", "67 Điều 5 …", in the text "3. 12 Tài liệu …"): one footnote;
- the notes that a document goes on in another issue, "(Xem tiếp Công báo số 569 + 570)",
  "(Tiếp theo Công báo số 201 + 202)": reported, since the copy is then incomplete.
"""

from __future__ import annotations

import re

from ingest.parse.quotes import quote_balance
from ingest.parse.vbhn import AUTHENTICATION
from schema.model import Issue

_HEADER_TEXT = r"CÔNG BÁO\s*/\s*Số\s+[\d\s+]+/\s*Ngày\s+\d{1,2}\s*-\s*\d{1,2}\s*-\s*\d{2,4}"
_HEADER = re.compile(rf"^(?:\d{{1,4}}\s+)?{_HEADER_TEXT}(?:\s+\d{{1,4}})?$")
# a PDF's table row and the header printed on its baseline come out as one line
_HEADER_INSIDE = re.compile(rf"(?:\b\d{{1,4}}\s+)?{_HEADER_TEXT}\d?(?:\s+\d{{1,4}}\b)?\s*")
_PAGE = re.compile(r"^\d{1,4}$")
_STAMP_START = re.compile(r"^(?:Người ký|Ký bởi)\s*:")
_STAMP_FIELD = re.compile(r"^(?:Email|Cơ quan|Thời gian ký|Ngày ký|Chức vụ)\s*:")
_SECTION = re.compile(
    r"^(?:VĂN BẢN QUY PHẠM PHÁP LUẬT|VĂN BẢN PHÁP LUẬT KHÁC|VĂN BẢN HỢP NHẤT(?:\s*-.*)?)$"
)
_FOOTNOTE_START = re.compile(r"^(\d{1,3})\s+\S")
# a footnote's two markers, the gazette's and the VBHN's own, spaced or glued ("8 9 Mẫu này
# được thay thế …", "67 Điều 5 Thông tư số 08/2023/TT-BLĐTBXH …", VBHN 2007/VBHN-BLĐTBXH),
# or alone on a line above its text ("12 13" / "1513 Phụ lục này …"); before a word, not a
# table row's code ("45 N03.02.050 Kim lẩy da …", VBHN 06/VBHN-BYT)
_TWO_MARKERS = re.compile(
    r"^(\d{1,3})\s(\d{1,3})(?:\s+(?=\.?[A-ZĐÀ-Ỹ][a-zđà-ỹ])|\s*$)|^(\d{2,6})\s+(?=\.?[A-ZĐÀ-Ỹ][a-zđà-ỹ])"
)
_STAMP_WRAP = re.compile(r"^[^\W\d_A-ZĐ]\w*(?:\s\w+)?$")  # the signer's name wrapped
_CONTINUED = re.compile(r"^\((?:Xem tiếp|Tiếp theo) Công báo số [\d\s+]+\)\.?$")


def is_gazette(lines: list[str]) -> bool:
    """Two running headers make a gazette copy: one could be a citation of the gazette."""
    count = 0
    for text in lines:
        if _HEADER.match(text):
            count += 1
            if count >= 2:
                return True
    return count == 1 and len(lines) < 120


def strip_furniture(
    lines: list[tuple[str, int]], issues: list[Issue]
) -> tuple[list[tuple[str, int]], list[tuple[int, str, tuple[str, ...]]]]:
    """(text, line) pairs without the gazette's furniture, blank lines kept; and the
    page-bottom footnotes of a VBHN as (line, "[n] its text", the markers printed for it:
    n, and the gazette's own number when it prints one)."""
    out: list[tuple[str, int]] = []
    n = len(lines)
    drop = [False] * n
    for i, (text, _line) in enumerate(lines):
        if _HEADER.match(text):
            drop[i] = True
            for j in _neighbours(lines, i):  # the page number beside the header
                if _PAGE.match(lines[j][0]):
                    drop[j] = True
        elif _STAMP_START.match(text):
            drop[i] = True
            j = i + 1
            while (
                j < n
                and j <= i + 6
                and (
                    _STAMP_FIELD.match(lines[j][0])
                    or not lines[j][0]
                    or (j == i + 1 and _STAMP_WRAP.match(lines[j][0]))  # "… Chính" / "phủ"
                )
            ):
                drop[j] = True
                j += 1
        elif _CONTINUED.match(text):
            drop[i] = True
            issues.append(
                Issue(
                    "warning",
                    "gazette-continued",
                    f"{text}: this copy holds one gazette issue's part of the document",
                    lines[i][1],
                    params={"lacks": "start" if "Tiếp theo" in text else "end", "note": text},
                )
            )
    first_text = [i for i in range(n) if lines[i][0] and not drop[i]][:8]
    for k, i in enumerate(first_text):  # the section title above the document's header
        if _SECTION.match(lines[i][0]):
            drop[i] = True
            nxt = first_text[k + 1] if k + 1 < len(first_text) else None
            if nxt is not None and lines[i][0].rstrip().endswith("-"):
                drop[nxt] = True  # "VĂN BẢN HỢP NHẤT -" / "BỘ LAO ĐỘNG - THƯƠNG BINH …"
            elif nxt is not None and lines[nxt][0].startswith(("VÀ ", "XÃ HỘI")):
                drop[nxt] = True
    kept = [i for i in range(n) if lines[i][0] and not drop[i]][:6]
    for k, a in enumerate(kept[:-1]):  # "CHÍNH PHỦ" / "CHÍNH PHỦ", also wrapped the second
        # time: "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" / "BỘ LAO ĐỘNG - THƯƠNG" / "BINH VÀ XÃ HỘI"
        again = [
            " ".join(" ".join(lines[i][0] for i in kept[k + 1 : k + 1 + w]).split()) for w in (1, 2)
        ]
        if lines[a][0].isupper() and " ".join(lines[a][0].split()) in again:
            drop[a] = True
            break
    # a VBHN: named in its heading, or (a gazette copy that starts without it) by the
    # authentication block at its end
    consolidated = any("HỢP NHẤT" in t for t, _ in lines[:60]) or any(
        "XÁC THỰC VĂN BẢN HỢP NHẤT" in t for t, _ in lines
    )
    footnotes: dict[int, tuple[str, tuple[str, ...]]] = {}
    if consolidated:
        # the body's measure, taken without the footnotes found without it
        marked = list(drop)
        _page_footnotes(lines, marked, 0.0)
        body_width = _wide([t for i, (t, _) in enumerate(lines) if not marked[i]])
        footnotes = _page_footnotes(lines, drop, body_width)
    out = [
        (_HEADER_INSIDE.sub(" ", t).strip() if "CÔNG BÁO" in t else t, line)
        for i, (t, line) in enumerate(lines)
        if not drop[i]
    ]
    # the first page ends at the first running header after the text has begun
    begun = next((line for t, line in lines if t and not _HEADER.match(t)), None)
    first_page_end = next(
        (line for t, line in lines if begun is not None and line > begun and _HEADER.match(t)),
        None,
    )
    return _header_put_back(out, issues, first_page_end), [
        (lines[i][1], note, markers) for i, (note, markers) in sorted(footnotes.items())
    ]


_TYPE_LINE = re.compile(
    r"^(?:LUẬT|BỘ LUẬT|NGHỊ ĐỊNH|NGHỊ QUYẾT|THÔNG TƯ(?: LIÊN TỊCH)?|QUYẾT ĐỊNH|CHỈ THỊ|LỆNH)$"
)
_QUOC_HIEU = re.compile(r"^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$")
_TIEU_NGU = re.compile(r"^Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc$")
_PLACE_DATE = re.compile(r"^[^\W\d_][^,]{1,40},\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}$")


def _header_put_back(
    lines: list[tuple[str, int]], issues: list[Issue], first_page_end: int | None = None
) -> list[tuple[str, int]]:
    """The header block (issuer, "Số: …", quốc hiệu, tiêu ngữ, place and date) that the
    PDF's text layer gives at the foot of the first page, after the text has begun ("THÔNG
    TƯ" / "Quy định …" / "Căn cứ …" / "Điều 1. …" … "BỘ KHOA HỌC VÀ CÔNG NGHỆ" / "Số:
    32/2026/TT-BKHCN" / "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" / … / "Hà Nội, ngày 11 tháng 6
    năm 2026", Thông tư 32/2026/TT-BKHCN): put back above the type line, and reported."""
    texts = [t.strip() for t, _ in lines]
    opening = [i for i, t in enumerate(texts) if t][:12]
    kind = next((i for i in opening if _TYPE_LINE.match(texts[i])), None)
    if kind is None or any(_QUOC_HIEU.match(texts[i]) for i in opening if i < kind):
        return lines
    quoc = next(
        (i for i in range(kind, min(len(texts), kind + 200)) if _QUOC_HIEU.match(texts[i])), None
    )
    if quoc is None:
        return lines
    start, i = quoc, quoc - 1
    while (
        i > kind
        and quoc - i <= 8
        and (not texts[i] or texts[i].isupper() or texts[i].startswith("Số:"))
    ):
        start = i if texts[i] else start
        i -= 1
    end = next(
        (j for j in range(quoc, min(len(texts), quoc + 8)) if _PLACE_DATE.match(texts[j])), None
    )
    if end is None or not any(texts[j].startswith("Số:") for j in range(start, quoc)):
        # a VBHN of the Văn phòng Quốc hội, its number in its authentication block: the
        # quốc hiệu and tiêu ngữ alone, at the first page's foot ("… Luật Thuế tiêu thụ
        # đặc biệt số 66/2025/QH15.”." / "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" / "Độc lập -
        # Tự do - Hạnh phúc", VBHN 111/VBHN-VPQH)
        motto = next((j for j in range(quoc + 1, min(len(texts), quoc + 3)) if texts[j]), None)
        if (
            motto is None
            or not _TIEU_NGU.match(texts[motto])
            or first_page_end is None
            or lines[quoc][1] > first_page_end
        ):
            return lines
        start, end = quoc, motto
    issues.append(
        Issue(
            "warning",
            "header-moved",
            "the header block stood after the start of the text in this copy: read above it",
            lines[start][1],
        )
    )
    return [*lines[:kind], *lines[start : end + 1], *lines[kind:start], *lines[end + 1 :]]


SEPARATOR = "\u2e3b"  # a footnote rule: the text's line of spaces (readers/text_lines.py)


def _page_footnotes(
    lines: list[tuple[str, int]], drop: list[bool], body_width: float
) -> dict[int, tuple[str, tuple[str, ...]]]:
    """Footnotes at page bottoms, by the index of the line each starts at; their lines are
    marked dropped. A page's footnotes start below its footnote rule when the text has one
    (everything below it is footnote: a long one goes on at the next page's foot, after
    the rule, without a number), or else after a blank line with the next footnote number;
    they run to the page's end (the next running header). Without a rule, a footnote goes
    on at the next page's foot in lines wider than the body's, body_width (0: not looked
    for). A gazette reprint of a VBHN may print its own footnote number before the VBHN's,
    one less ("23 Khoản này được sửa đổi …", "8 9 Mẫu này …"): the VBHN's numbers it."""
    found: dict[int, str] = {}
    printed: dict[int, tuple[str, ...]] = {}  # the markers of each footnote
    expected = 1
    last: int | None = None  # the footnote a numberless continuation belongs to
    headers = [i for i, (t, _) in enumerate(lines) if _HEADER.match(t)] + [len(lines)]
    start = 0
    carried = False  # the last page ended inside a footnote
    for end in headers:
        block: int | None = None
        below_rule = False
        goes_on = None
        if (
            carried
            and last is not None
            and (_left_open(found[last]) or _numbered_in_block(lines, start, end, drop, expected))
        ):
            goes_on = _continuation(lines, start, end, drop, expected, body_width)
            if goes_on is not None and goes_on < start:
                block = last
        for i in range(start, end):
            if i == goes_on:
                block = last
            text = lines[i][0]
            if text == SEPARATOR:
                below_rule, drop[i] = True, True
                continue
            if AUTHENTICATION.search(text):
                # a VBHN's authentication block sits in a table whose blank row reads as a
                # rule ("Số: 16/VBHN-BTC" / line of spaces / "XÁC THỰC VĂN BẢN HỢP NHẤT",
                # VBHN 16/VBHN-BTC): the block and its signature are text, not footnote
                below_rule, block = False, None
                continue
            if _QUOC_HIEU.match(text.strip()):
                # the header the text layer gives at the first page's foot, under its
                # footnotes (VBHN 111/VBHN-VPQH): no footnote's words, put back by
                # _header_put_back
                below_rule, block = False, None
                continue
            after_blank = i > start and not lines[i - 1][0]
            markers = _markers(text, expected)
            text_at = _marker_end(text, markers) if markers else 0
            # the gazette's mark on a line of its own above ("10" / "11 Phụ lục này …")
            split = (
                len(markers) == 1
                and i > start
                and lines[i - 1][0].strip() == str(int(markers[0]) - 1)
            )
            if split:
                markers = (*markers, lines[i - 1][0].strip())
                drop[i - 1] = True
            if markers and (block is not None or after_blank or below_rule or split):
                block = last = i
                found[i] = f"{markers[0]} {text[text_at:]}"
                printed[i] = markers
                expected = int(markers[0]) + 1
                drop[i] = True
            elif text and not drop[i] and (block is not None or (below_rule and last is not None)):
                target = block if block is not None else last
                found[target] = f"{found[target]} {text}"
                drop[i] = True
        carried = block is not None or (below_rule and last is not None)
        start = end + 1
    notes = {}
    for i, t in found.items():
        number, _, text = t.partition(" ")
        notes[i] = (f"[{number}] {text.strip()}", printed[i])
    return notes


def _markers(text: str, expected: int) -> tuple[str, ...]:
    """The markers a footnote line starts with when it is the next footnote, its own number
    first: `expected`, or one more when the gazette's number shows one was missed."""
    if pair := _TWO_MARKERS.match(text):
        glued = pair.group(3)
        splits = [(glued[:k], glued[k:]) for k in range(1, len(glued))] if glued else []
        for gazette, own in splits or [pair.group(1, 2)]:
            if own[0] != "0" and int(gazette) + 1 == int(own) and int(own) - expected in (0, 1):
                return own, gazette
    single = _FOOTNOTE_START.match(text)
    return (single.group(1),) if single and single.group(1) == str(expected) else ()


def _marker_end(text: str, markers: tuple[str, ...]) -> int:
    """Where a footnote's text starts after its markers."""
    if len(markers) == 2:
        return _TWO_MARKERS.match(text).end()
    return _FOOTNOTE_START.match(text).end() - 1


def _left_open(note: str) -> bool:
    """A footnote that stops inside its quotation or mid-sentence ("… quy định về hoạt động
    của công ty chứng", VBHN 09/VBHN-BTC) goes on at the next page's foot."""
    note = note.rstrip()
    return quote_balance(note, True) > 0 or not note.rstrip('”")').endswith((".", "!", "?"))


def _numbered_in_block(
    lines: list[tuple[str, int]], start: int, end: int, drop: list[bool], expected: int
) -> bool:
    """The page's next footnote starts right under a text: the foot block starts above it,
    with the last footnote's next paragraph ("… có hiệu lực kể từ ngày 01 tháng 01 năm
    2015." / "Khoản này được sửa đổi, bổ sung lần thứ hai …" / "9 Khoản này …", VBHN
    22/VBHN-VPQH)."""
    for i in range(start + 1, end):
        if _markers(lines[i][0], expected) and not drop[i]:
            return bool(lines[i - 1][0].strip())
    return False


def _is_full(text: str) -> bool:
    """A line the type wrapped in mid-sentence: its length is the page's measure."""
    text = text.strip()
    return len(text) >= 40 and not text.endswith((".", ";", ":", "!", "?", "”", '"'))


def _wide(lines: list[str]) -> float:
    """The usual length of full lines."""
    return _median([len(t.strip()) for t in lines if _is_full(t)])


def _continuation(
    lines: list[tuple[str, int]],
    start: int,
    end: int,
    drop: list[bool],
    expected: int,
    body_width: float,
) -> int | None:
    """Where the last page's footnote goes on at this page's foot when no rule marks it:
    the page's top or a blank line, splitting the page's full lines best into the body's
    width above and a footnote's below, a twentieth wider at least (the gazette sets
    footnotes in a smaller type: in the corpus's VBHN their lines' median is 1.10 to 1.25
    times the body's, and 1.06 on a page of short list items). "1. Thông tư này có hiệu
    lực thi hành kể từ ngày 01 tháng 12 năm 2018." / blank / "khoản 3 Điều 7, khoản 1 và
    khoản 2 Điều 8, khoản 1 và khoản 3 Điều 9 và khoản 2 Điều 10" (VBHN 465/VBHN-BLĐTBXH);
    "… có giá trị sử dụng như sau:" / blank / "2. Pháp lệnh Công an xã số
    06/2008/PL-UBTVQH12 hết hiệu lực kể từ ngày Luật này có" (VBHN 22/VBHN-VPQH). It runs
    to the page's end or its next footnote. Returns the index the footnote's lines start
    after (start - 1: the whole page)."""
    rows = [i for i in range(start, end) if not drop[i]]
    if not body_width or any(lines[i][0] == SEPARATOR for i in rows):
        return None
    stop = end
    for i in rows:
        if _markers(lines[i][0], expected):
            stop = i
            break
    signed = [i for i in rows if AUTHENTICATION.search(lines[i][0])]
    after = signed[-1] if signed else start - 1  # a footnote does not hold the signature
    splits = [] if signed else [start - 1]
    splits += [i for i in rows if after < i < stop and not lines[i][0].strip()]
    # measured to the page's end too: the footnotes after the continuation are in its type,
    # and a continuation may be one full line ("khoán được sửa đổi, bổ sung bởi Thông tư số
    # 68/2024/TT-BTC, có hiệu lực kể từ ngày 03 tháng" / "02 năm 2026." / "17 Khoản này …",
    # VBHN 09/VBHN-BTC); that line must be wide itself (a form's "Tôi xin cam đoan …" above
    # "12 Mẫu này được ban hành …" is body, VBHN 605/VBHN-BLĐTBXH)
    full = [(i, len(lines[i][0].strip())) for i in rows if _is_full(lines[i][0])]
    best, best_cost = None, float("inf")
    for b in splits:
        below = [n for i, n in full if i > b]
        above = [n for i, n in full if i < b]
        own = sorted(n for i, n in full if b < i < stop)  # the continuation's own lines
        least = 1.05 * (_median(above) or body_width)
        if _median(below) < least or not own or own[len(own) // 2] < least:
            continue
        cost = _spread(above) + _spread(below)  # the split into the two most even parts
        if cost <= best_cost:
            best, best_cost = b, cost
    return best


def _median(lengths: list[int]) -> float:
    return sorted(lengths)[len(lengths) // 2] if len(lengths) >= 2 else 0.0


def _spread(lengths: list[int]) -> float:
    middle = _median(lengths)
    return sum(abs(n - middle) for n in lengths) if middle else 0.0


def _neighbours(lines: list[tuple[str, int]], i: int) -> list[int]:
    """The nearest non-blank line on each side of line i."""
    found = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j][0]:
            j += step
        if 0 <= j < len(lines):
            found.append(j)
    return found
