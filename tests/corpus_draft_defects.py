"""Defective drafts made from published documents of ../shared/corpus/fulltext/ that the
checker passes: other types, eras and formats than the samples' (a Sắc lệnh of 1945, laws of
2001 and 2003 from thuvienphapluat, Word texts of 2010, Công báo texts and a PDF of
2022-2026, a Nghị quyết of the Quốc hội, a Thông tư liên tịch, a VBHN). Each injects one
defect and names the check that must flag it at its line (tests/test_draftcheck_corpus.py)."""

from __future__ import annotations

import re

from tests.draft_defects import Defect, _find, delete_all, drop_point, replace


def untitle(pattern: str):
    """An article heading left with its number only ("Điều 2."), its title removed."""

    def edit(lines: list[str]) -> int | None:
        i = _find(lines, pattern)
        lines[i] = re.match(r"^Điều\s+\d+[a-zđ]?\.", lines[i]).group(0)
        return i + 1

    return edit


def cite_missing(pattern: str, words: str):
    """A reference to a unit the text does not have, put at the end of a paragraph."""

    def edit(lines: list[str]) -> int | None:
        i = _find(lines, pattern)
        lines[i] = lines[i].rstrip(" .;") + words
        return i + 1

    return edit


def insert_can_cu(text: str):
    """A căn cứ line put before the first one."""

    def edit(lines: list[str]) -> int | None:
        i = _find(lines, r"^Căn cứ")
        lines.insert(i, text)
        return i + 1

    return edit


C = "corpus:fulltext/"
SAC_LENH_1945 = C + "luatvietnam_doc/1945_45000070.DOC"
HAI_QUAN_2001 = C + "thuvienphapluat/Luật_Hải_quan_2001.txt"
DAT_DAI_2003 = C + "thuvienphapluat/Luật_Đất_đai_2003.txt"
BLLD_2019 = C + "thuvienphapluat/Bộ_luật_Lao_động_2019.txt"
NQ_132_QH14 = C + "thuvienphapluat/Nghị_quyết_132_2020_QH14.txt"
TTLT_178 = C + "thuvienphapluat/Thông_tư_liên_tịch_178_2015_TTLT-BTC-BNNPTNT-BTNMT-BYT.txt"
ND_2010 = C + "luatvietnam_doc/2010_10209627.doc.txt"
ND_111_2022 = C + "congbao/nghi-dinh-so-111-2022-nd-cp-38434.txt"
NQ_22_2026 = C + "congbao/nghi-quyet-so-22-2026-nq-cp-469469.txt"
ND_123_2026 = C + "congbao/nghi-dinh-so-123-2026-nd-cp-469299.txt"
ND_158_2026 = C + "congbao/nghi-dinh-so-158-2026-nd-cp-469548.txt"
TT_01_2024 = C + "congbao/thong-tu-so-01-2024-tt-bldtbxh-41332.txt"
TT_01_2025_PDF = C + "congbao/thong-tu-so-01-2025-tt-bldtbxh-43956.pdf"
QD_798_TTG = C + "congbao/quyet-dinh-so-798-qd-ttg-469485.txt"
VBHN_07_2022 = (
    C + "thuvienphapluat/Văn_bản_hợp_nhất_07_VBHN-VPQH_năm_2022_hợp_nhất_Luật_Doanh_nghiệp"
    "_do_Văn_phòng_Quốc_hội_ban_hành.txt"
)

CORPUS_DEFECTS: list[Defect] = [
    Defect(
        "1945 Sắc lệnh: article skipped",
        SAC_LENH_1945,
        "structure.dieu-sequence",
        replace(r"^Điều thứ ba:", "thứ ba", "thứ tư"),
    ),
    Defect(
        "2001 Luật: khoản skipped",
        HAI_QUAN_2001,
        "structure.khoan-sequence",
        replace(r"^2\. Cơ quan hải quan, công chức hải quan", "2.", "3.", after=r"^Điều 3\."),
    ),
    Defect(
        "2003 Luật: reference to a missing article",
        DAT_DAI_2003,
        "ref.internal-unit",
        cite_missing(r"^Điều 5\.", " theo quy định tại Điều 300 của Luật này."),
    ),
    Defect(
        "2019 Bộ luật: point đ dropped",
        BLLD_2019,
        "structure.diem-sequence",
        drop_point("đ", "e"),
    ),
    Defect(
        "Nghị quyết of the Quốc hội: khoản repeated",
        NQ_132_QH14,
        "structure.khoan-sequence",
        replace(r"^3\. Cơ quan nhà nước, tổ chức, cá nhân khác", "3.", "2.", after=r"^Điều 2\."),
    ),
    Defect(
        "Thông tư liên tịch 2015: article repeated",
        TTLT_178,
        "structure.dieu-sequence",
        replace(r"^Điều 3\. ", "Điều 3.", "Điều 2."),
    ),
    Defect(
        "2010 Nghị định (Word): reference to a missing khoản",
        ND_2010,
        "ref.internal-unit",
        cite_missing(
            r"^Điều 4\. Thời hiệu", " theo quy định tại khoản 9 Điều 5 của Nghị định này."
        ),
    ),
    Defect(
        "2022 Nghị định (Công báo): no quốc hiệu",
        ND_111_2022,
        "form.quoc-hieu",
        delete_all(r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ),
    Defect(
        "2026 Nghị quyết of the Government: year of the number",
        NQ_22_2026,
        "form.number-year",
        replace(r"22/2026/NQ-CP", "22/2026/NQ-CP", "22/2025/NQ-CP"),
    ),
    Defect(
        "2026 Nghị định: căn cứ of a replaced law",
        ND_123_2026,
        "ref.can-cu-not-in-force",
        insert_can_cu("Căn cứ Luật Đấu thầu số 43/2013/QH13 ngày 26 tháng 11 năm 2013;"),
    ),
    Defect(
        "2026 Nghị định: chapter numbered in Arabic",
        ND_158_2026,
        "structure.chuong-numeral",
        replace(r"^Chương II\b", "Chương II", "Chương 2"),
    ),
    Defect(
        "2024 Thông tư: untitled article",
        TT_01_2024,
        "structure.dieu-title",
        untitle(r"^Điều 2\. "),
    ),
    Defect(
        "2025 Thông tư (PDF): article skipped",
        TT_01_2025_PDF,
        "structure.dieu-sequence",
        replace(r"^Điều 3\. ", "Điều 3.", "Điều 4."),
    ),
    Defect(
        "2026 Quyết định of the Thủ tướng: reference to a missing article",
        QD_798_TTG,
        "ref.internal-unit",
        cite_missing(r"^Điều 2\.", " quy định tại Điều 15 của Quyết định này."),
    ),
    Defect(
        "VBHN of Luật Doanh nghiệp: no xác thực block",
        VBHN_07_2022,
        "form.vbhn-authentication",
        delete_all(r"XÁC THỰC VĂN BẢN HỢP NHẤT"),
    ),
    Defect(
        "VBHN of Luật Doanh nghiệp: reference to a missing khoản",
        VBHN_07_2022,
        "ref.internal-unit",
        cite_missing(r"^Điều 3\.", " theo quy định tại khoản 40 Điều 4 của Luật này."),
    ),
    Defect(
        "2019 Bộ luật: chapter skipped",
        BLLD_2019,
        "structure.chuong-sequence",
        replace(r"^Chương III\b", "Chương III", "Chương IV"),
    ),
    Defect(
        "2026 Nghị định: untitled article",
        ND_158_2026,
        "structure.dieu-title",
        untitle(r"^Điều 3\. "),
    ),
    Defect(
        "2024 Thông tư: effective before the minimum delay",
        TT_01_2024,
        "dates.effective-too-early",
        replace(r"có hiệu lực", "kể từ ngày", "kể từ ngày 25 tháng 02 năm 2024, thay cho ngày"),
    ),
    Defect(
        "2001 Luật: point repeated",
        HAI_QUAN_2001,
        "structure.diem-sequence",
        replace(r"^c\) Nộp thuế và thực hiện các nghĩa vụ tài chính", "c)", "b)"),
    ),
]
