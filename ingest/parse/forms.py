"""Forms a document prints in its own body (a circular's accounting books and declarations:
"Mẫu số S2c-HKD" / "(Kèm theo Thông tư số 152/2025/TT-BTC …)" / … / "(Ký, ghi rõ họ tên
và đóng dấu (nếu có))"): their lines are the form's content, like a table's cells, so their
numbered rows ("1. Doanh thu bán hàng hóa, dịch vụ", "2. Chi phí hợp lý", "a) Chi phí
nguyên liệu …") are no khoản or điểm of the article that holds the form."""

from __future__ import annotations

import re
from dataclasses import replace

from schema.model import Paragraph

# "Mẫu số S2c-HKD", "Mẫu số 01/TNCN", "Mẫu 05": the form's number, on a line of its own
_FORM_NUMBER = re.compile(r"^Mẫu\s+(?:số\s+)?[\w./-]+$")
# under it, the document it belongs to: "(Kèm theo Thông tư số 152/2025/TT-BTC …",
# "(Ban hành kèm theo Nghị định số …"
_FORM_OF = re.compile(r"^\((?:Ban hành )?[Kk]èm theo\b")
# its end: the signer's line of the form, "(Ký, ghi rõ họ tên và đóng dấu (nếu có))",
# "(Ký, ghi rõ họ, tên và đóng dấu)", "(Ký, đóng dấu)"
_FORM_SIGNED = re.compile(r"\(Ký(?:,| và| tên)[^)]*(?:\)|$)")
_LONGEST = 400  # paragraphs: a form runs no longer; without its signature, nothing is marked


def mark_forms(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs, those of a form in the body marked as table content."""
    out = list(paragraphs)
    i = 0
    while i < len(out):
        if not _FORM_NUMBER.match(out[i].text.strip()):
            i += 1
            continue
        nxt = next((j for j in range(i + 1, min(len(out), i + 3)) if out[j].text.strip()), None)
        if nxt is None or not _FORM_OF.match(out[nxt].text.strip()):
            i += 1
            continue
        end = next(
            (
                j
                for j in range(nxt, min(len(out), i + _LONGEST))
                if _FORM_SIGNED.search(out[j].text)
            ),
            None,
        )
        if end is None:
            i += 1
            continue
        for j in range(i, end + 1):
            out[j] = replace(out[j], in_table=True)
        i = end + 1
    return out
