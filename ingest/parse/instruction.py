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
PASSIVE_INSTRUCTION = re.compile(
    r"^(?P<what>(?:các\s+|toàn bộ\s+)?(?:khoản|điểm|điều|tên|đoạn|chương|mục|tiểu mục|phần|"
    r"phụ lục)\b[^“”]{0,240}?)\s+được\s+(?P<verb>sửa đổi, bổ sung|sửa đổi|bổ sung|bãi bỏ|"
    r"thay thế)\b(?P<rest>(?:\s+(?:bằng|nh[ưu] sau)\b.*|\s*[.;:]?\s*))$",
    re.IGNORECASE,
)
INSTRUCTION = re.compile(
    r"^(?:(?:Sửa đổi, bổ sung|Sửa đổi|Sửa|Bổ sung|Thay thế|Thay|Bãi bỏ|Bỏ|"
    r"Đình chỉ(?: việc thi hành)?|Ngưng hiệu lực|Tạm ngưng(?: hiệu lực)?)\s+"
    r"(?:các\s+|một số\s+|toàn bộ\s+)?"
    r"(?:khoản|điểm|điều|tên|đoạn|chương|mục|cụm|từ|phụ lục|nội dung)"
    rf"|(?={PASSIVE_INSTRUCTION.pattern[1:-1]}$))",
    re.IGNORECASE,
)
