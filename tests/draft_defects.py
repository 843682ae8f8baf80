"""Defective drafts made from real samples: each takes a sample's text, injects one known
defect, and says which check must flag it and on which line. The line is found from the
mutated text itself, so a defect and its place cannot drift apart."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest.readers import read_path

SAMPLES = Path(__file__).resolve().parent.parent / "corpus_samples"
BASES = {
    "blld": "codes/bo-luat-lao-dong-2019.txt",
    "dauthau": "procurement/base_luat_22-2023-QH15.docx",
    "nd214": "procurement/nd_214-2025-ND-CP.docx",
    "tt80": "procurement/tt_80-2025-TT-BTC.docx",
    "luat57": "procurement/amend1_luat_57-2024-QH15.docx",
}


CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def base_lines(base: str) -> list[str]:
    """The sample as plain lines (a DOCX through its reader), one paragraph a line; a base
    named "corpus:PATH" is a published document of ../shared/corpus, as its reader gives it."""
    if base.startswith("corpus:"):
        return [p.text for p in read_path(CORPUS / base.removeprefix("corpus:")).paragraphs]
    path = SAMPLES / BASES[base]
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8").splitlines()
    return [p.text for p in read_path(path).paragraphs]


@dataclass
class Defect:
    name: str
    base: str
    rule: str
    edit: Callable[[list[str]], int | None]  # mutates the lines; returns the 1-based line to flag

    def make(self) -> tuple[str, int | None]:
        lines = base_lines(self.base)
        line = self.edit(lines)
        return "\n".join(lines) + "\n", line


def _find(lines: list[str], pattern: str, start: int = 0) -> int:
    rx = re.compile(pattern)
    for i in range(start, len(lines)):
        if rx.search(lines[i]):
            return i
    raise LookupError(pattern)


def replace(
    pattern: str, old: str, new: str, flag: str | None = None, nth: int = 0, after: str = ""
):
    """Replace `old` by `new` on the nth line matching `pattern` (after the first line
    matching `after`); flag that line, or the first line matching `flag`."""

    def edit(lines: list[str]) -> int | None:
        i = _find(lines, after) if after else -1
        for _ in range(nth + 1):
            i = _find(lines, pattern, i + 1)
        assert old in lines[i], (old, lines[i])
        lines[i] = lines[i].replace(old, new, 1)
        return _find(lines, flag) + 1 if flag else i + 1

    return edit


def delete(pattern: str, flag: str | None = None, count: int = 1):
    def edit(lines: list[str]) -> int | None:
        i = _find(lines, pattern)
        del lines[i : i + count]
        return _find(lines, flag) + 1 if flag else i + 1

    return edit


def insert_after(pattern: str, text: str):
    def edit(lines: list[str]) -> int | None:
        i = _find(lines, pattern)
        lines.insert(i + 1, text)
        return i + 2

    return edit


def append_after(pattern: str, text: str):
    """Append a sentence to the paragraph that follows the line matching `pattern`."""

    def edit(lines: list[str]) -> int | None:
        i = _find(lines, pattern) + 1
        while not lines[i].strip():
            i += 1
        lines[i] = lines[i].rstrip() + text
        return i + 1

    return edit


def delete_all(pattern: str, flag_first_line: bool = False):
    def edit(lines: list[str]) -> int | None:
        kept = [t for t in lines if not re.search(pattern, t)]
        lines[:] = kept
        return None

    return edit


def rename_point_after(letter_before: str, letter: str, new: str):
    """In the first run of points "<letter_before>) …" then "<letter>) …", rename the second."""

    def edit(lines: list[str]) -> int | None:
        for i in range(1, len(lines)):
            if lines[i].startswith(f"{letter}) ") and lines[i - 1].startswith(f"{letter_before}) "):
                lines[i] = f"{new}) " + lines[i][len(letter) + 2 :]
                return i + 1
        raise LookupError(letter)

    return edit


def drop_point(letter: str, before: str):
    def edit(lines: list[str]) -> int | None:
        for i in range(1, len(lines) - 1):
            if lines[i].startswith(f"{letter}) ") and lines[i + 1].startswith(f"{before}) "):
                del lines[i]
                return i + 1
        raise LookupError(letter)

    return edit


def empty_intro(lines: list[str]) -> int | None:
    """An article whose points follow its title directly: the intro paragraph removed."""
    for i in range(len(lines) - 2):
        if lines[i].startswith("Điều ") and lines[i + 2].startswith("a) "):
            del lines[i + 1]
            return i + 2
    raise LookupError("article with intro and points")


def empty_article(lines: list[str]) -> int | None:
    """A one-paragraph article left with its title only."""
    for i in range(len(lines) - 2):
        if (
            lines[i].startswith("Điều ")
            and not re.match(r"^(?:\d+\.|[a-zđ]\))", lines[i + 1])
            and lines[i + 2].startswith("Điều ")
        ):
            del lines[i + 1]
            return i + 1
    raise LookupError("one-paragraph article")


def insert_taken(lines: list[str]) -> int | None:
    """ "Bổ sung khoản 4 vào sau khoản 3" with new text "4. …": khoản 4 exists."""
    i = _find(lines, r"^c\) Bổ sung khoản 4a vào sau khoản 4", _find(lines, r"^Điều 4\."))
    lines[i] = "c) Bổ sung khoản 4 vào sau khoản 3 như sau:"
    lines[i + 1] = lines[i + 1].replace("“4a.", "“4.", 1)
    return i + 1


def unquote_payload(lines: list[str]) -> int | None:
    """The new text of "Sửa đổi, bổ sung khoản 5 như sau:" left without quotation marks."""
    i = _find(lines, r"^a\) Sửa đổi, bổ sung khoản 5 như sau:", _find(lines, r"^Điều 4\."))
    lines[i + 1] = lines[i + 1].lstrip("“")
    lines[i + 2] = lines[i + 2].replace("”", "")
    return i + 1


DEFECTS: list[Defect] = [
    # -- thể thức -------------------------------------------------------------------------
    Defect("no quốc hiệu", "nd214", "form.quoc-hieu", delete(r"^CỘNG HÒA XÃ HỘI", flag=r"\S")),
    Defect("no tiêu ngữ", "nd214", "form.tieu-ngu", delete(r"^Độc lập - Tự do", flag=r"\S")),
    Defect("no issuer", "tt80", "form.issuer", delete(r"^BỘ TÀI CHÍNH$", flag=r"\S")),
    Defect("no số", "tt80", "form.number-missing", delete(r"^Số: 80", flag=r"\S")),
    Defect(
        "số without year", "nd214", "form.number-format", replace(r"^Số: 214", "214/2025/", "214/")
    ),
    Defect(
        "số of another type", "tt80", "form.number-type", replace(r"^Số: 80", "TT-BTC", "NĐ-BTC")
    ),
    Defect("số year ≠ date", "nd214", "form.number-year", replace(r"^Số: 214", "/2025/", "/2024/")),
    Defect("no place and date", "nd214", "form.place-date", delete(r"^Hà Nội, ngày", flag=r"\S")),
    Defect("no tên loại", "tt80", "form.doc-type", delete(r"^THÔNG TƯ$", flag=r"\S")),
    Defect("no trích yếu", "blld", "form.title", delete(r"^LAO ĐỘNG$", flag=r"^BỘ LUẬT$")),
    Defect("no căn cứ", "nd214", "form.can-cu", delete_all(r"^Căn cứ")),
    Defect(
        "no enacting line",
        "nd214",
        "form.enacting-formula",
        delete(r"^Chính phủ ban hành", flag=r"^Theo đề nghị"),
    ),
    Defect(
        "no signature",
        "blld",
        "form.signature",
        delete(r"^CHỦ TỊCH QUỐC HỘI", flag=r"^Bộ luật này được"),
    ),
    Defect(
        "law signed by a minister",
        "blld",
        "form.signing-authority",
        replace(r"^CHỦ TỊCH QUỐC HỘI", "CHỦ TỊCH QUỐC HỘI", "BỘ TRƯỞNG"),
    ),
    Defect(
        "thông tư signed TM.",
        "tt80",
        "form.signing-authority",
        replace(r"^KT\. BỘ TRƯỞNG", "KT. BỘ TRƯỞNG", "TM. BỘ TÀI CHÍNH", flag=r"^Nguyễn Đức Tâm"),
    ),
    Defect("no nơi nhận", "tt80", "form.noi-nhan", delete(r"^Nơi nhận", flag=r"^Nguyễn Đức Tâm")),
    # -- bố cục, đánh số ----------------------------------------------------------------------
    Defect(
        "Điều gap", "blld", "structure.dieu-sequence", replace(r"^Điều 5\. ", "Điều 5.", "Điều 7.")
    ),
    Defect(
        "Điều repeated",
        "blld",
        "structure.dieu-sequence",
        replace(r"^Điều 6\. ", "Điều 6.", "Điều 5."),
    ),
    Defect(
        "Điều without title",
        "blld",
        "structure.dieu-title",
        replace(r"^Điều 3\. Giải thích từ ngữ", "Điều 3. Giải thích từ ngữ", "Điều 3."),
    ),
    Defect("khoản gap", "blld", "structure.khoan-sequence", replace(r"^3\. ", "3.", "4.", nth=0)),
    Defect(
        "khoản repeated", "blld", "structure.khoan-sequence", replace(r"^3\. ", "3.", "2.", nth=1)
    ),
    Defect("điểm f", "blld", "structure.diem-letter", rename_point_after("e", "g", "f")),
    Defect("điểm j", "blld", "structure.diem-letter", rename_point_after("i", "k", "j")),
    Defect("điểm đ skipped", "blld", "structure.diem-sequence", drop_point("đ", "e")),
    Defect("điểm repeated", "blld", "structure.diem-sequence", rename_point_after("b", "c", "b")),
    Defect(
        "điểm out of order", "dauthau", "structure.diem-sequence", rename_point_after("c", "d", "g")
    ),
    Defect(
        "Chương in digits",
        "blld",
        "structure.chuong-numeral",
        replace(r"^Chương II:", "Chương II:", "Chương 2:"),
    ),
    Defect(
        "Chương skipped",
        "blld",
        "structure.chuong-sequence",
        replace(r"^Chương III:", "Chương III:", "Chương IV:"),
    ),
    Defect(
        "Chương without title",
        "blld",
        "structure.heading-title",
        replace(r"^Chương II:", "Chương II:VIỆC LÀM, TUYỂN DỤNG VÀ QUẢN LÝ LAO ĐỘNG", "Chương II"),
    ),
    Defect(
        "Mục skipped", "blld", "structure.muc-sequence", replace(r"^Mục 2\. ", "Mục 2.", "Mục 3.")
    ),
    Defect("empty article", "blld", "structure.empty-unit", empty_article),
    Defect("points without intro", "blld", "structure.diem-intro", empty_intro),
    # -- dẫn chiếu ----------------------------------------------------------------------------
    Defect(
        "khoản that does not exist",
        "blld",
        "ref.internal-unit",
        append_after(r"^Điều 10\. ", " Việc này thực hiện theo khoản 9 Điều 4 của Bộ luật này."),
    ),
    Defect(
        "Chương that does not exist",
        "blld",
        "ref.internal-unit",
        append_after(r"^Điều 10\. ", " Trừ trường hợp quy định tại Chương XX của Bộ luật này."),
    ),
    Defect(
        "Điều that does not exist",
        "dauthau",
        "ref.internal-unit",
        append_after(r"^Điều 1\. Phạm vi điều chỉnh", " Trừ trường hợp quy định tại Điều 300."),
    ),
    Defect(
        "unit missing in another law",
        "blld",
        "ref.external-unit",
        append_after(
            r"^Điều 10\. ", " Việc bồi thường thực hiện theo Điều 999 của Bộ luật Dân sự."
        ),
    ),
    Defect(
        "cites a replaced law",
        "nd214",
        "ref.document-not-in-force",
        append_after(r"^Điều 2\. ", " Áp dụng cả Luật Đấu thầu số 43/2013/QH13."),
    ),
    Defect(
        "căn cứ replaced",
        "nd214",
        "ref.can-cu-not-in-force",
        replace(
            r"^Căn cứ Luật Đấu thầu",
            "22/2023/QH15 được sửa đổi, bổ sung bởi Luật số 57/2024/QH15, Luật số 90/2025/QH15",
            "43/2013/QH13",
        ),
    ),
    Defect(
        "căn cứ unknown",
        "nd214",
        "ref.can-cu-unknown",
        insert_after(r"^Căn cứ Luật Đấu thầu", "Căn cứ Nghị định số 999/2024/NĐ-CP;"),
    ),
    # -- thẩm quyền, hiệu lực -----------------------------------------------------------------
    Defect(
        "thông tư by the Chính phủ",
        "tt80",
        "authority.type-issuer",
        replace(r"^BỘ TÀI CHÍNH$", "BỘ TÀI CHÍNH", "CHÍNH PHỦ", flag=r"\S"),
    ),
    Defect(
        "no effective date",
        "dauthau",
        "dates.effective-missing",
        delete(r"^1\. Luật này có hiệu lực thi hành", flag=r"^Điều 96\."),
    ),
    Defect(
        "effective 8 days after signing",
        "tt80",
        "dates.effective-too-early",
        replace(
            r"^1\. Thông tư này có hiệu lực thi hành", "08 tháng 8 năm 2025", "16 tháng 8 năm 2025"
        ),
    ),
    Defect(  # a law sets its own date: the minimum delay only asks to confirm
        "law effective 8 days after its adoption",
        "dauthau",
        "dates.effective-early-qh",
        replace(
            r"^1\. Luật này có hiệu lực thi hành", "01 tháng 01 năm 2024", "01 tháng 7 năm 2023"
        ),
    ),
    Defect(
        "retroactive",
        "dauthau",
        "dates.retroactive",
        replace(
            r"^1\. Luật này có hiệu lực thi hành", "01 tháng 01 năm 2024", "01 tháng 01 năm 2023"
        ),
    ),
    # -- sửa đổi, bổ sung -----------------------------------------------------------------------
    Defect(
        "amends a khoản that does not exist",
        "luat57",
        "amend.target-missing",
        replace(
            r"^a\) Sửa đổi, bổ sung khoản 5 như sau", "khoản 5", "khoản 55", after=r"^Điều 4\."
        ),
    ),
    Defect(
        "inserts after a khoản that does not exist",
        "luat57",
        "amend.insert-anchor",
        replace(
            r"^c\) Bổ sung khoản 4a vào sau khoản 4",
            "vào sau khoản 4",
            "vào sau khoản 14",
            after=r"^Điều 4\.",
        ),
    ),
    Defect("inserts a khoản number already taken", "luat57", "amend.insert-taken", insert_taken),
    Defect(
        "replaces a phrase that is not there",
        "luat57",
        "amend.phrase-absent",
        replace(
            r"^21\. Thay thế cụm từ “", "cụm từ “vốn vay", "cụm từ “khoản vay", after=r"^Điều 4\."
        ),
    ),
    Defect("new text not in quotes", "luat57", "amend.payload-missing", unquote_payload),
]
