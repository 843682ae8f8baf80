"""The grammar of an amending instruction's opening: its verb and the unit it names, in the
active voice of the current laws and the passive of older ones. The structure parser, the
citation resolver and consolidation all read instructions by it."""

from __future__ import annotations

import re

# An instruction names what it changes right after its verb: "Sửa đổi hợp đồng là việc …"
# (a definition) is not one.
# The passive voice of older laws names the unit first: "Khoản 1 và khoản 2 Điều 6 được sửa
# đổi, bổ sung như sau:", "Điều 42 được sửa đổi, bổ sung như sau:", "Điểm đ khoản 3 Điều 77
# được bãi bỏ." (Luật 21/2012/QH13).
# As printed, a comma may stand after a space and a verb be set twice: "Điều 57 được sửa
# đổi , bổ sung như sau:", "Điều 76 được sửa đổi, bổ sung bổ sung như sau:" (Luật Hải quan
# sửa đổi 2005); the unit may follow "quy định tại": "Sửa đổi quy định tại khoản 3, khoản 4
# và khoản 5 Điều 38 như sau:" (Nghị định 59/2018/NĐ-CP).
PASSIVE_INSTRUCTION = re.compile(
    r"^(?P<what>(?:các\s+|toàn bộ\s+)?(?:khoản|điểm|điều|tên|đoạn|chương|mục|tiểu mục|phần|"
    r"phụ lục)\b[^“”]{0,240}?)\s+được\s+(?P<verb>sửa đổi\s*,\s*bổ sung|sửa đổi|bổ sung|bãi bỏ|"
    r"thay thế)\b(?:\s+bổ sung\b)?(?P<rest>(?:\s+(?:bằng|nh[ưu] sau)\b.*|\s*[.;:]?\s*))$",
    re.IGNORECASE,
)
INSTRUCTION = re.compile(
    r"^(?:(?:Sửa đổi\s*,\s*bổ sung|Sửa đổi|Sửa|Bổ sung|Thay thế|Thay|Bãi bỏ|Bỏ|"
    r"Đình chỉ(?: việc thi hành)?|Ngưng hiệu lực|Tạm ngưng(?: hiệu lực)?)\s+"
    r"(?:các\s+|một số\s+|toàn bộ\s+)?(?:quy định\s+tại\s+)?"
    r"(?:khoản|điểm|điều|tên|đoạn|chương|mục|cụm|từ|phụ lục|nội dung)"
    rf"|(?={PASSIVE_INSTRUCTION.pattern[1:-1]}$))",
    re.IGNORECASE,
)
