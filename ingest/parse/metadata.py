"""Metadata from the text of the document itself: header, title, căn cứ, signature and the
article on hiệu lực. Pure: paragraphs and units in, Metadata and warnings out. A field the
text does not give is left empty and reported, never guessed."""

from __future__ import annotations

import re
from datetime import timedelta

from ingest.parse.dates import DATE_LONG, DATE_SHORT, find_date, parse_date_match
from ingest.parse.layout import is_upper_text, person_name_suffix
from ingest.parse.text import fold
from schema.model import DIEU, Citation, Issue, Metadata, Paragraph, Relation, Unit

# Document types, longest first so that "THÔNG TƯ LIÊN TỊCH" wins over "THÔNG TƯ".
DOC_TYPES = [
    "Thông tư liên tịch",
    "Nghị quyết liên tịch",
    "Bộ luật",
    "Luật",
    "Hiến pháp",
    "Pháp lệnh",
    "Nghị quyết",
    "Nghị định",
    "Thông tư",
    "Quyết định",
    "Lệnh",
    "Chỉ thị",
]
_TYPE_BY_UPPER = {t.upper(): t for t in DOC_TYPES}
# The code after the year in a số ký hiệu names the type for most documents.
_TYPE_BY_CODE = [
    (re.compile(r"^TTLT"), "Thông tư liên tịch"),
    (re.compile(r"^NQLT"), "Nghị quyết liên tịch"),
    (re.compile(r"^NĐ"), "Nghị định"),
    (re.compile(r"^TT"), "Thông tư"),
    (re.compile(r"^QĐ"), "Quyết định"),
    (re.compile(r"^NQ"), "Nghị quyết"),
    (re.compile(r"^CT"), "Chỉ thị"),
    (re.compile(r"^L-"), "Lệnh"),
    (re.compile(r"^PL"), "Pháp lệnh"),
    (re.compile(r"^QH"), "Luật"),
]

NUMBER = r"\d+/(?:\d{4}/)?[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*"
_NUMBER_RE = re.compile(rf"(?<![\w/])({NUMBER})")
_HEADER_NUMBER = re.compile(rf"(?:Số|số|SỐ)\s*:?\s*({NUMBER})")
_PLACE_DATE = re.compile(r"^(?:.*\|\s*)?([^,|]{2,40}?),\s*(ngày\s.*)$")
_QUOC_HIEU = re.compile(r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|ĐỘC LẬP - TỰ DO", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[-_=–—.\s*]*$")
_PREAMBLE_START = re.compile(r"^(?:Căn cứ|Xét|Theo đề nghị|Thực hiện|Để\s)")
_AUTHORITY_WORDS = (
    "ỦY BAN",
    "UỶ BAN",
    "UBND",
    "BỘ TRƯỞNG",
    "CHỦ TỊCH",
    "CỤC TRƯỞNG",
    "TỔNG CỤC TRƯỞNG",
    "THỦ TƯỚNG",
    "GIÁM ĐỐC",
    "CHÍNH PHỦ",
    "QUỐC HỘI",
    "HỘI ĐỒNG",
    "CHÁNH ÁN",
    "VIỆN TRƯỞNG",
    "TỔNG KIỂM TOÁN",
    "THỐNG ĐỐC",
    "LỜI NÓI ĐẦU",
    "TRƯỞNG BAN",
)
_CITED_TYPE = re.compile(
    r"(Hiến pháp|Bộ luật|Luật|Pháp lệnh|Nghị quyết liên tịch|Nghị quyết|Nghị định|"
    r"Thông tư liên tịch|Thông tư|Quyết định|Lệnh|Chỉ thị)"
)
_SUBJECT_THIS = re.compile(
    r"(?:Bộ luật|Luật|Hiến pháp|Pháp lệnh|Nghị quyết|Nghị định|Thông tư(?: liên tịch)?|"
    r"Quyết định|Chỉ thị)\s+này"
)
# "có hiệu lực (thi hành) (kể) từ ngày 01 tháng 7 năm 2025" / "… từ ngày 01/7/2025"
_EFFECTIVE_ON = re.compile(
    r"có hiệu lực(?:\s+thi hành)?\s+(?:kể\s+)?từ\s+(?=ngày\s+(?:mồng\s+|mùng\s+)?[\da-zà-ỹđ])",
    re.IGNORECASE,
)
# "có hiệu lực (thi hành) kể từ ngày ký (ban hành)", "thi hành Quyết định này kể từ ngày ký"
_EFFECTIVE_SIGNING = re.compile(
    r"(?:có hiệu lực(?:\s+thi hành)?|thi hành\s[^.;]{0,40}?)\s+(?:kể\s+)?từ\s+ngày\s+ký",
    re.IGNORECASE,
)
_EFFECTIVE_AFTER = re.compile(
    r"có hiệu lực(?:\s+thi hành)?\s+sau\s+(\d+)\s+ngày,?\s+kể\s+từ\s+ngày\s+ký", re.IGNORECASE
)
_PLACE_WORDS = ("tỉnh", "thành phố", "tp", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")


def doc_type_from_number(number: str | None) -> str | None:
    if not number:
        return None
    code = number.split("/")[-1]
    for pattern, doc_type in _TYPE_BY_CODE:
        if pattern.match(code):
            return doc_type
    return None


_STOP_WORDS = {
    "và",
    "của",
    "về",
    "các",
    "đến",
    "năm",
    "thuộc",
    "theo",
    "trên",
    "trong",
    "tại",
    "cho",
    "với",
    "đối",
    "giai",
    "đoạn",
    "thời",
    "kỳ",
}
_PLACE_TRIGGERS = {"tỉnh", "huyện", "quận", "xã", "phường", "thị_xã", "thành_phố", "thị_trấn", "tp"}
_AGENCY_TRIGGERS = {"bộ", "sở", "cục"}


def sentence_case(text: str) -> str:
    """Upper-case headings to Vietnamese sentence case, keeping the capitals that names take:
    "Luật Quy hoạch", "tỉnh Nam Định", "Sở Công thương", "Việt Nam". Heuristic: words after
    "luật", after a place word (up to a comma or a function word), and after bộ/sở/cục."""
    text = re.sub(
        r"\b(thị xã|thành phố|thị trấn)\b", lambda m: m.group(1).replace(" ", "_"), text.lower()
    )
    words = text.split()
    out: list[str] = []
    run = 0  # how many following words keep a capital
    for i, word in enumerate(words):
        bare = word.strip(",;.:()")
        prev = words[i - 1].strip(",;.:()") if i else ""
        if run and bare not in _STOP_WORDS and not bare.isdigit():
            word = word[:1].upper() + word[1:]
            run -= 1
        else:
            run = 0
        after_list = i > 0 and words[i - 1].endswith(",")
        if (
            bare == "luật"
            and i + 1 < len(words)
            and (prev in ("", "của", "và", "bộ", "các") or after_list)
        ):
            if prev != "bộ":
                word = word[:1].upper() + word[1:]
            run = 1
        elif bare in _PLACE_TRIGGERS:
            run = 3
        elif bare in _AGENCY_TRIGGERS and prev not in ("nội", "một", "toàn"):
            word = word[:1].upper() + word[1:]
            run = 1
        if word.endswith((",", ";", ":")):
            run = 0
        out.append(word)
    result = " ".join(out).replace("_", " ")
    result = re.sub(r"\bviệt nam\b", "Việt Nam", result, flags=re.IGNORECASE)
    result = re.sub(
        r"\bcộng hòa xã hội chủ nghĩa\b", "Cộng hòa xã hội chủ nghĩa", result, flags=re.IGNORECASE
    )
    result = re.sub(r"\bTp\b|\btp\b", "TP", result)
    return result[:1].upper() + result[1:]


def agency_case(text: str) -> str:
    """ "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH" -> "Bộ Văn hóa, Thể thao và Du lịch"."""
    text = " ".join(text.split())
    lower = text.lower()
    for prefix in ("bộ ", "cục ", "tổng cục ", "sở ", "ngân hàng "):
        if lower.startswith(prefix):
            head = prefix.strip().capitalize()
            parts = re.split(r"(,\s*|\s+và\s+)", lower[len(prefix) :])
            rest = "".join(p if i % 2 else p[:1].upper() + p[1:] for i, p in enumerate(parts))
            return sentence_case(f"{head} {rest}") if "tp" in rest else f"{head} {rest}"
    return sentence_case(text)


def _cells(paragraphs: list[Paragraph]) -> list[str]:
    return [p.text for p in paragraphs if p.text and not _SEPARATOR.match(p.text)]


def find_type_line(preamble: list[Paragraph]) -> int | None:
    for i, p in enumerate(preamble):
        if not p.in_table and p.text.rstrip(":").strip() in _TYPE_BY_UPPER:
            return i
    return None


def extract_citations(text: str) -> list[Citation]:
    """Documents cited in one line, each with its type, number, name and date when written:
    "Căn cứ Luật Đấu thầu số 22/2023/QH15 ngày 23 tháng 6 năm 2023;" and lines that cite
    several, "Căn cứ các Nghị định của Chính phủ số: 43/2014/NĐ-CP ngày 15/5/2014 …;
    01/2017/NĐ-CP ngày 06/01/2017 …". The type comes from the số ký hiệu where its code
    names one (NĐ-CP, TT-BTC), else from the word before it (Luật, Bộ luật, Nghị quyết)."""
    out: list[Citation] = []
    for piece in text.split(";"):
        types = list(_CITED_TYPE.finditer(piece))
        attached_types = set()
        for m in _NUMBER_RE.finditer(piece):
            number = m.group(1)
            before = [t for t in types if t.end() <= m.start()]
            word = before[-1] if before and m.start() - before[-1].end() <= 80 else None
            code_type = doc_type_from_number(number)
            doc_type = word.group(1) if word and code_type in (None, "Luật") else code_type
            name = None
            if word:
                attached_types.add(word.start())
                name = re.sub(r"\s*(?:số|Số)\s*:?\s*$", "", piece[word.start() : m.start()])
                name = name.strip(" ,:") or None
            tail = piece[m.end() : m.end() + 40].strip()
            dm = DATE_LONG.match(tail) or DATE_SHORT.match(tail.removeprefix("ngày").strip())
            issued = parse_date_match(*dm.groups()) if dm else None
            out.append(
                Citation(text=text, doc_type=doc_type, number=number, name=name, issued=issued)
            )
        first = types[0] if types else None
        if first is not None and first.start() not in attached_types and first.start() <= 20:
            name = re.split(r"\s+(?:ngày|số|đã|được)\s|[,(]", piece[first.start() :])[0]
            out.append(
                Citation(
                    text=text,
                    doc_type=first.group(1),
                    name=name.strip(" .;"),
                    issued=find_date(piece[first.start() :]),
                )
            )
    return out


def _signature(closing: list[Paragraph]) -> tuple[str | None, str | None, str | None]:
    lines = [p.text for p in closing if p.text]
    for i in range(len(lines) - 1, -1, -1):
        name = person_name_suffix(lines[i])
        if not name:
            continue
        own = lines[i][: len(lines[i]) - len(name)].strip()
        above = []
        j = i - 1
        while j >= 0 and is_upper_text(lines[j]) and not lines[j].startswith(("-", "Nơi nhận")):
            above.insert(0, lines[j])
            j -= 1
        titles = above + ([own] if own else [])
        authority = [t for t in titles if re.match(r"^(?:TM|KT|Q|TL|TUQ|T\.M|K\.T)\.", t)]
        position = [t for t in titles if t not in authority]
        return (name, " ".join(position) or None, " ".join(authority) or None)
    return None, None, None


def _hieu_luc_units(units: list[Unit]) -> tuple[list[Unit], list[Unit]]:
    """Articles on entry into force: those titled so ("Hiệu lực thi hành", "Điều khoản thi
    hành"), and the others from the last (where "Tổ chức thực hiện" may say it)."""
    articles = [
        u for root in units if root.type != "phu_luc" for u in root.walk() if u.type == DIEU
    ]
    titled = [a for a in articles if re.search(r"hiệu lực|thi hành", a.heading, re.IGNORECASE)]
    titled_ids = {a.id for a in titled}
    return titled, [a for a in reversed(articles) if a.id not in titled_ids]


def _effective_statements(article: Unit, rank: int, issued):
    for unit in article.walk():
        for text in unit.text:
            if "hiệu lực" not in text and "ngày ký" not in text:
                continue
            for pattern in (_EFFECTIVE_ON, _EFFECTIVE_SIGNING, _EFFECTIVE_AFTER):
                for m in pattern.finditer(text):
                    if pattern is _EFFECTIVE_ON:
                        when = find_date(text[m.end() : m.end() + 80])
                    elif pattern is _EFFECTIVE_AFTER:
                        when = issued + timedelta(days=int(m.group(1))) if issued else None
                    else:
                        when = issued
                    if when:
                        start = max(text.rfind(".", 0, m.start()), text.rfind(";", 0, m.start()))
                        whole = bool(_SUBJECT_THIS.search(text[start + 1 : m.end()]))
                        yield (not whole, rank, unit.line, m.start(), when, text)


def _effective(units: list[Unit], issued):
    """The entry-into-force date: a statement about the whole document ("Luật này có hiệu
    lực…") wins over one about some of its units; within those, titled articles first."""
    titled, others = _hieu_luc_units(units)
    candidates = [c for rank, a in enumerate(titled) for c in _effective_statements(a, 0, issued)]
    if not any(not partial for partial, *_ in candidates):
        candidates += [
            c for rank, a in enumerate(others) for c in _effective_statements(a, rank + 1, issued)
        ]
    if not candidates:
        return None, None
    best = min(candidates, key=lambda c: c[:4])
    return best[4], best[5]


def _relations(units: list[Unit]) -> list[Relation]:
    """Documents this one declares expired, repealed or replaced, from its hiệu lực article."""
    out: list[Relation] = []
    seen: set[tuple[str, str]] = set()
    titled, others = _hieu_luc_units(units)
    for article in titled or others:
        for unit in article.walk():
            own = " ".join(unit.text)
            kind = None
            if "hết hiệu lực" in own:
                kind = "het_hieu_luc"
            elif re.search(r"\bbãi bỏ\b", own, re.IGNORECASE):
                kind = "bai_bo"
            elif "thay thế" in own:
                kind = "thay_the"
            if kind is None:
                continue
            scope = [unit] + [
                c
                for c in unit.walk()
                if c is not unit
                and not any(w in " ".join(c.text) for w in ("hết hiệu lực", "bãi bỏ"))
            ]
            for part in scope:
                for text in part.text:
                    cut = re.split(r"đã được sửa đổi|được sửa đổi, bổ sung", text)[0]
                    for m in _NUMBER_RE.finditer(cut):
                        number = m.group(1)
                        if (kind, number) in seen:
                            continue
                        seen.add((kind, number))
                        before = cut[max(0, m.start() - 80) : m.start()]
                        partial = bool(re.search(r"\b(?:Điều|khoản|điểm|Khoản|Điểm)\s+\d", before))
                        cites = extract_citations(cut[max(0, m.start() - 80) : m.end() + 40])
                        target = next(
                            (c for c in cites if c.number == number),
                            Citation(text=cut, number=number),
                        )
                        out.append(Relation(kind, target, partial=partial, line=part.line))
    return out


def doc_id_for(metadata: Metadata, fallback: str) -> str:
    """The document's key in URLs: its số ký hiệu folded to ASCII ("22-2023-QH15"), with the
    year appended when the number has none ("1667-QD-BYT-2024")."""
    if metadata.number:
        key = fold(metadata.number).upper().replace("/", "-")
        if not re.search(r"/\d{4}/", metadata.number) and metadata.issued:
            key = f"{key}-{metadata.issued.year}"
        return key
    base = fold(metadata.doc_type or fallback).replace(" ", "-")
    year = metadata.issued.year if metadata.issued else None
    return f"{base}-{year}" if year else fold(fallback).replace(" ", "-")


def extract_metadata(
    preamble: list[Paragraph], closing: list[Paragraph], units: list[Unit]
) -> tuple[Metadata, list[str], list[Issue]]:
    """Metadata, the preamble text (căn cứ and enacting lines), and warnings."""
    md = Metadata()
    issues: list[Issue] = []
    type_at = find_type_line(preamble)
    header = preamble[:type_at] if type_at is not None else preamble[:12]
    header_cells = _cells(header)

    for text in header_cells:
        m = _HEADER_NUMBER.search(text)
        if m and not md.number:
            md.number = m.group(1)
            if re.match(r"^(?:Bộ luật|Luật)\s+số", text):
                md.doc_type = "Bộ luật" if text.startswith("Bộ luật") else "Luật"
        pm = _PLACE_DATE.match(text)
        if pm and not md.issued:
            when = find_date(pm.group(2))
            if when:
                md.place, md.issued = pm.group(1).strip(), when

    issuer_lines = []
    for text in header_cells:
        if _QUOC_HIEU.search(text) or _HEADER_NUMBER.search(text) or _PLACE_DATE.match(text):
            break
        issuer_lines.append(text.split("|")[0].strip())
    if issuer_lines:
        # the issuer is the last body named; a line that only continues a name joins it
        k = len(issuer_lines) - 1
        while k > 0 and (
            re.match(r"^(?:VÀ|TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|XÃ|PHƯỜNG|TP)\b", issuer_lines[k])
            or issuer_lines[k - 1].endswith((",", "-"))
        ):
            k -= 1
        md.issuer = agency_case(" ".join(issuer_lines[k:]))

    title_parts: list[str] = []
    preamble_text: list[str] = []
    if type_at is not None:
        type_word = _TYPE_BY_UPPER[preamble[type_at].text.rstrip(":").strip()]
        if not (md.doc_type == "Bộ luật" and type_word == "Luật"):
            md.doc_type = type_word
        for p in preamble[type_at + 1 :]:
            if not p.text or p.in_table or _SEPARATOR.match(p.text):
                continue
            if (
                _PREAMBLE_START.match(p.text)
                or preamble_text
                or p.text.startswith(_AUTHORITY_WORDS)
                or len(title_parts) >= 4
            ):
                preamble_text.append(p.text)
                continue
            title_parts.append(p.text)
    md.doc_type = md.doc_type or doc_type_from_number(md.number)
    if title_parts:
        subject = " ".join(title_parts)
        if is_upper_text(subject):
            subject = sentence_case(subject)
        if md.doc_type in ("Luật", "Bộ luật", "Pháp lệnh") and not subject.lower().startswith(
            ("sửa đổi", "về ")
        ):
            subject = subject[:1].upper() + subject[1:]
        else:
            subject = subject[:1].lower() + subject[1:]
        md.title = f"{md.doc_type} {subject}" if md.doc_type else subject

    for text in preamble_text:
        if text.startswith("Căn cứ"):
            md.can_cu.extend(extract_citations(text))

    md.signer, md.signer_title, md.signing_authority = _signature(closing)
    md.effective, md.effective_text = _effective(units, md.issued)
    md.relations = _relations(units)

    for field_name, label in (
        ("doc_type", "loại văn bản"),
        ("number", "số ký hiệu"),
        ("issuer", "cơ quan ban hành"),
        ("issued", "ngày ban hành"),
        ("title", "tên / trích yếu"),
        ("signer", "người ký"),
        ("effective", "ngày có hiệu lực"),
    ):
        if getattr(md, field_name) in (None, ""):
            issues.append(
                Issue(
                    "warning",
                    f"missing-{field_name.replace('_', '-')}",
                    f"{label} not found in the text",
                )
            )
    return md, preamble_text, issues
