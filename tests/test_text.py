"""Folding: the table lookup the index uses for composed text gives what decomposing gives."""

from __future__ import annotations

import re
import unicodedata

from ingest.parse.text import fold

_MARKS = re.compile(r"[\u0300-\u036f]+")


def _by_decomposing(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return _MARKS.sub("", unicodedata.normalize("NFD", text)).lower()


def test_fold_by_table_equals_fold_by_decomposing_on_every_code_point():
    differ = [
        hex(code)
        for code in range(0x30000)
        if not 0xD800 <= code < 0xE000 and fold(chr(code)) != _by_decomposing(chr(code))
    ]
    assert not differ, differ[:20]


def test_fold_of_composed_decomposed_and_mixed_text():
    composed = "Điều 5. Quyền sở hữu tài sản gắn liền với đất; “Người được cấp Giấy chứng nhận”"
    assert (
        fold(composed)
        == "dieu 5. quyen so huu tai san gan lien voi dat; “nguoi duoc cap giay chung nhan”"
    )
    decomposed = unicodedata.normalize("NFD", composed)
    assert fold(decomposed) == fold(composed)
    assert fold("Hợp đồng 계약 συμβόλαιο ☐") == _by_decomposing("Hợp đồng 계약 συμβόλαιο ☐")
