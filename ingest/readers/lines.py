"""Lines of text to paragraphs, whatever laid the lines out: the one step every line-based
reader (TXT, PDF, Word through antiword, Markdown) ends in.

Which layout a text has is read from the text itself, not from its file name:
- a Công báo copy (its running headers): furniture removed, lines joined (the page wraps);
- a fixed-width text (antiword's 76 columns, a wrapped .txt): lines joined, a blank line
  ends a paragraph;
- a PDF: lines joined, blank lines are page spacing;
- a text of one paragraph a line (thuvienphapluat, the codes): kept as it is, after the
  site's own layer is taken off (readers/tvpl.py).
"""

from __future__ import annotations

import itertools
import re

from ingest.readers import gazette, tvpl
from ingest.readers.unwrap import TAKES_A_NUMBER, margin, unwrap
from schema.model import Issue, Paragraph


def fixed_width(texts: list[str]) -> bool:
    """Most lines end near one right margin, and none run far past it."""
    long_lines = [t for t in texts if len(t) >= 20]
    if len(long_lines) < 10:
        return False
    width = margin(texts)
    if not 50 <= width <= 110:
        return False
    near = sum(1 for t in long_lines if len(t) >= 0.8 * width)
    over = sum(1 for t in long_lines if len(t) > width + 15)
    return near >= 0.3 * len(long_lines) and over <= 0.05 * len(long_lines)


def paragraphs_from_lines(
    lines: list[tuple[str, int]],
    issues: list[Issue],
    origin: str,
    drawn: dict[int, str] | None = None,
) -> list[Paragraph]:
    """`lines` are normalised (text, source line) pairs; `origin` is the reader's format;
    `drawn`, the table rows as drawn (their spaces kept), by line."""
    texts = [t for t, _ in lines]
    if gazette.is_gazette(texts):
        body, footnotes = gazette.strip_furniture(lines, issues)
        # the rule above a page's footnotes, left where only a VBHN's become notes: no text
        body = [("" if t == gazette.SEPARATOR else t, n) for t, n in body]
        paragraphs = _cells(unwrap(body, blank_breaks=False), drawn)
        return _place_footnotes(paragraphs, footnotes)
    lines = [("" if t == gazette.SEPARATOR else t, n) for t, n in lines]  # only gazettes have it
    texts = [t for t, _ in lines]
    if origin == "pdf":
        return _cells(unwrap(lines, blank_breaks=False), drawn)
    if fixed_width(texts):
        return _cells(unwrap(lines, blank_breaks=True), drawn)
    if tvpl.is_tvpl(texts):
        return tvpl.clean(lines, issues)
    return _cells(lines, drawn)


_GLUED_MARKER = r"(?<=[^\W\d_]|[.,;:)”])"
_TRAILING_MARKERS = re.compile(r"(?<=[^\W\d_])((?: \d{1,3})+)\s*$")


def _place_footnotes(
    paragraphs: list[Paragraph], footnotes: list[tuple[int, str, tuple[str, ...]]]
) -> list[Paragraph]:
    """Each page-bottom footnote onto the paragraph that carries its marker, the marker
    taken out of the text: the Công báo glues it to the word ("… Điều lệ trường trung
    cấp.1", "ĐIỀU KHOẢN THI HÀNH3", "Điều 34.20 Nguyên tắc"), or PDFium puts a space before
    it at a heading's end ("Điều 5. Tài liệu chứng minh … lao động 5 4"). A footnote printed
    with two markers (the gazette's and the VBHN's own: "Điều 16. Hiệu lực thi hành 7" / "6")
    goes where either is, and both are taken out. A footnote whose marker is not found stays
    where it was printed."""
    out = list(paragraphs)
    unplaced: list[Paragraph] = []
    for line, note, markers in footnotes:
        before = [i for i, p in enumerate(out) if p.line <= line and p.text]
        forms = list(markers)
        if len(markers) == 2:  # side by side, read as one number: "5. 23 Cam kết …"
            gazette, own = markers[1], markers[0]
            forms = [f"{gazette}{own}", f"{gazette} {own}", *forms]
        at = next(
            (
                (found, number)
                for i in reversed(before[-40:])
                for number in forms
                if (found := _take_marker(out, i, number)) is not None
            ),
            None,
        )
        if at is None:
            unplaced.append(Paragraph("", line, notes=[note]))
            continue
        q = out[at[0]]
        out[at[0]] = Paragraph(q.text, q.line, q.in_table, [*q.notes, note], q.footnotes)
        for number in markers:  # the other marker, printed beside the first
            if number not in at[1].split():
                for j in (at[0], at[0] + 1):
                    if j < len(out) and _take_marker(out, j, number) is not None:
                        break
    for p in unplaced:  # where it was printed: after the text of its line
        at_line = next((i for i, q in enumerate(out) if q.line > p.line), len(out))
        out.insert(at_line, p)
    return out


def _take_marker(out: list[Paragraph], i: int, number: str) -> int | None:
    """Takes footnote marker `number` out of paragraph i, if it carries it; returns the
    index of the paragraph the footnote belongs to."""
    p = out[i]
    # glued, or alone before a repeal: "Điều 33. 18 (được bãi bỏ)" (VBHN 1607/VBHN-BLĐTBXH)
    # or after a khoản's or điểm's label, before its text: "3. 12 Tài liệu chứng minh …"
    marker = re.compile(
        rf"{_GLUED_MARKER}{number}(?![\d)])|(?<=\. ){number} (?=\((?:được|bị) bãi bỏ\))"
        rf"|(?:(?<=^\d\. )|(?<=^\d\d\. )){number} (?=[A-ZĐÀ-Ỹ])"
    )
    found = list(marker.finditer(p.text))
    label = re.match(rf"^(\d{{1,3}}[a-zđ]?\.) {number}$", p.text) if number.isdigit() else None
    after = re.match(r"^(\d{1,3}) ?(?=[^\W\d_])", out[i + 1].text) if i + 1 < len(out) else None
    if label and after and abs(int(after.group(1)) - int(number)) == 1:
        # the two marks of a gazette reprint split by PDFium after a khoản's label: "3. 1" /
        # "2 Tài liệu chứng minh …", "5. 2" / "3Cam kết …" (VBHN 2007/VBHN-BLĐTBXH)
        q = out[i + 1]
        text = f"{label.group(1)} {q.text[after.end() :]}"
        out[i + 1] = Paragraph("", q.line, q.in_table, q.notes, q.footnotes)
    elif found:
        m = found[-1]  # the last marker of that number in the paragraph
        text = p.text[: m.start()] + p.text[m.end() :]
    elif p.text == number and i and out[i - 1].text:
        # PDFium gives a heading's raised marker a line of its own: "Điều 23. Xây
        # dựng các mô hình đào tạo nghề; hỗ trợ đào tạo nghề" / "6" / "1. Nội dung …"
        out[i] = Paragraph("", p.line, p.in_table, p.notes, p.footnotes)
        return i - 1
    elif (
        (run := _TRAILING_MARKERS.search(p.text))
        and number in run.group(1).split()
        and not TAKES_A_NUMBER.search(p.text[: run.start(1)])
    ):
        # PDFium puts a space before a superscript: "… cung ứng lao động 5 4"
        kept = [n for n in run.group(1).split() if n != number]
        text = p.text[: run.start(1)].rstrip() + "".join(f" {n}" for n in kept)
    else:
        return None
    out[i] = Paragraph(text, p.line, p.in_table, p.notes, p.footnotes)
    return i


# a column narrower than this holds numbers and codes, a row each: "3.2" / "3.3", "4016"
# / "4016" (Quyết định 2014_14222611, Thông tư 2014_14222850), whose next row would never
# have fitted on the line above
_WRAPPED_COLUMN = 20
_BAR = re.compile(r"\|")


def _cells(lines: list[tuple[str, int]], drawn: dict[int, str] | None) -> list[Paragraph]:
    """Paragraphs, a table row drawn with bars ("| Nơi nhận: |THỦ TƯỚNG |", antiword's
    tables) becoming one paragraph per cell in a table, as a DOCX table does. antiword wraps
    a cell's paragraph at its column's width: a cell's line goes on from the one above it in
    the same column when its first word would not have fitted there ("|BỘ NÔNG NGHIỆP VÀ
    PHÁT  |" / "|TRIỂN NÔNG THÔN  |", Quyết định 36/QĐ-BNN-PC; "|TP. Hồ Chí Minh, ngày 31
    tháng 8 năm |" / "|2010 |", Quyết định 58/2010/QĐ-UBND), as `drawn` measures them; a
    line that opens with a capital under one not in capitals is the cell's next item ("…
    liên quan đến thủ tục hành chính" / "Xây dựng Sổ tay hướng dẫn …")."""
    out: list[Paragraph] = []
    above: dict[int, tuple[Paragraph, int, int]] = {}  # a column's cell, width, line's length
    for text, line in lines:
        if not (
            len(text) > 2 and (text.startswith("|") or text.endswith("|")) and "|" in text[1:-1]
        ):
            out.append(Paragraph(text, line))
            above = {}
            continue
        columns = _columns(drawn.get(line, "") if drawn else "")
        cells = [c.strip() for c in text.strip("|").split("|")]
        if len(columns) != len(cells):
            columns = [(-1 - k, 0, 0) for k in range(len(cells))]  # not measured: not joined
        row: dict[int, tuple[Paragraph, int, int]] = {}
        for cell, (left, width, length) in zip(cells, columns, strict=True):
            if not cell:
                continue
            prev = above.get(left)
            if (
                prev
                and prev[1] == width >= _WRAPPED_COLUMN
                and cell[0].isalnum()
                and prev[2] + 1 + len(cell.split()[0]) > width
                and (not cell[0].isupper() or prev[0].text.isupper())  # not the cell's next item
            ):
                prev[0].text = f"{prev[0].text} {cell}"
                row[left] = (prev[0], width, length)
            else:
                paragraph = Paragraph(cell, line, in_table=True)
                out.append(paragraph)
                row[left] = (paragraph, width, length)
        above = row
    return out


def _columns(row: str) -> list[tuple[int, int, int]]:
    """A drawn row's cells as (where the column starts, its width, the text's length)."""
    row = row.rstrip()
    bars = [m.start() for m in _BAR.finditer(row)]
    if not bars:
        return []
    if not row.startswith("|"):
        bars.insert(0, -1)
    if not row.endswith("|"):
        bars.append(len(row))
    return [
        (left, right - left - 1, len(" ".join(row[left + 1 : right].split())))
        for left, right in itertools.pairwise(bars)
    ]
