"""Small builders for test inputs that the samples do not provide."""

from __future__ import annotations

import io
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(body_xml: str, numbering_xml: str | None = None, prolog: str = "") -> bytes:
    """A minimal DOCX whose body is `body_xml` (w:p / w:tbl elements)."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body_xml}</w:body></w:document>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)
        if numbering_xml:
            z.writestr(
                "word/numbering.xml", f'<w:numbering xmlns:w="{W_NS}">{numbering_xml}</w:numbering>'
            )
    return buf.getvalue()


def p(text: str, num_id: str | None = None) -> str:
    num = (
        f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
        if num_id
        else ""
    )
    return f'<w:p>{num}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def table(rows: list[list[str]]) -> str:
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc>{p(c)}</w:tc>" for c in row) + "</w:tr>" for row in rows
    )
    return f"<w:tbl>{cells}</w:tbl>"


SMALL_LAW = """QUỐC HỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc
Luật số: 99/2024/QH15
Hà Nội, ngày 20 tháng 11 năm 2024

LUẬT
THỬ NGHIỆM
Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật Thử nghiệm.
Điều 1. Phạm vi điều chỉnh
Luật này quy định về thử nghiệm.
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.
Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV thông qua ngày 20 tháng 11 năm 2024.
CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn
"""
