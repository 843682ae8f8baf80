"""Issuing agencies: the code a số ký hiệu ends with names the agency that issued it
("…/TT-BTC" Bộ Tài chính, "…/VBHN-VPQH" Văn phòng Quốc hội, "…/QH14" Quốc hội), which is how
a text without an issuer line (a VBHN of the Công báo, a decree printed under the gazette's
heading) still gets one. A code shared by many agencies (UBND, HĐND) names none."""

from __future__ import annotations

import re

AGENCY_BY_CODE = {
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "VPQH": "Văn phòng Quốc hội",
    "CTN": "Chủ tịch nước",
    "CP": "Chính phủ",
    "TTG": "Thủ tướng Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "VPCP": "Văn phòng Chính phủ",
    "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng",
    "BNG": "Bộ Ngoại giao",
    "BNV": "Bộ Nội vụ",
    "BTP": "Bộ Tư pháp",
    "BTC": "Bộ Tài chính",
    "BCT": "Bộ Công Thương",
    "BKHĐT": "Bộ Kế hoạch và Đầu tư",
    "BKH": "Bộ Kế hoạch và Đầu tư",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
    "BNNMT": "Bộ Nông nghiệp và Môi trường",
    "BTNMT": "Bộ Tài nguyên và Môi trường",
    "BXD": "Bộ Xây dựng",
    "BGTVT": "Bộ Giao thông vận tải",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BYT": "Bộ Y tế",
    "BKHCN": "Bộ Khoa học và Công nghệ",
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "UBDT": "Ủy ban Dân tộc",
    "NHNN": "Ngân hàng Nhà nước Việt Nam",
    "TTCP": "Thanh tra Chính phủ",
    "KTNN": "Kiểm toán nhà nước",
    "TANDTC": "Tòa án nhân dân tối cao",
    "HĐTP": "Hội đồng Thẩm phán Tòa án nhân dân tối cao",
    "VKSNDTC": "Viện kiểm sát nhân dân tối cao",
    "TCHQ": "Tổng cục Hải quan",
    "TCT": "Tổng cục Thuế",
}
_DOC_CODES = {"NĐ", "TT", "QĐ", "NQ", "CT", "TTLT", "NQLT", "VBHN", "L", "PL", "BC", "CV"}


def issuer_from_number(number: str | None) -> str | None:
    """The agency a số ký hiệu's code names: "08/VBHN-BTC" -> "Bộ Tài chính"; several for a
    joint document ("…/TTLT-BTC-BTP" -> "Bộ Tài chính; Bộ Tư pháp"); None when the code is
    shared (UBND) or unknown."""
    if not number or "/" not in number:
        return None
    code = number.rsplit("/", 1)[1]
    parts = [p for p in code.split("-") if p]
    parts = [re.sub(r"\d+$", "", p) for p in parts]  # "QH14" -> "QH"
    names = [AGENCY_BY_CODE[p] for p in parts if p not in _DOC_CODES and p in AGENCY_BY_CODE]
    unknown = [p for p in parts if p not in _DOC_CODES and p not in AGENCY_BY_CODE]
    if not names or unknown:
        return None
    return "; ".join(dict.fromkeys(names))
