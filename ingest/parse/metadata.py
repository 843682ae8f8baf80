"""Metadata from the text of the document itself: header, title, căn cứ, signature and the
article on hiệu lực. Pure: paragraphs and units in, Metadata and warnings out. A field the
text does not give is left empty and reported, never guessed."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.parse import vbhn
from ingest.parse.agencies import issuer_from_number
from ingest.parse.cited_documents import (
    NUMBER,
    doc_type_from_number,
    extract_citations,
)
from ingest.parse.dates import find_date
from ingest.parse.hieu_luc import declared_relations, effective_date
from ingest.parse.layout import RANK, is_upper_text, person_name_suffix
from ingest.parse.text import fold
from schema.model import DIEU, Issue, Metadata, Paragraph, Relation, Unit

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
    "Sắc lệnh",
    "Văn bản hợp nhất",
]
_TYPE_BY_UPPER = {t.upper(): t for t in DOC_TYPES}
# older numbers have no slash before the code: "24-L/CTN" (1993), "61-CP", "77-c"
_OLD_NUMBER = r"\d+-[A-ZĐ][\w]*(?:/[A-ZĐ]+)?|\d+-[a-z]\b"
_HEADER_NUMBER = re.compile(rf"(?:Số|số|SỐ)\s*:?\s*({NUMBER}|{_OLD_NUMBER})")
# a draft's number, its ordinal left for the day it is issued: "Số:      /2015/TT-BLĐTBXH"
# (a Dự thảo Thông tư, 2015), "Số: …/2026/NĐ-CP", "Số:    /NQ-CP", "Luật số:      /2026/QH15"
NUMBER_TO_COME = re.compile(
    r"^(?:(?:Luật|Bộ luật|Nghị quyết|Pháp lệnh)\s+)?(?:Số|số|SỐ)\s*:?[\s.…_]*/(?:\d{4}/)?"
    r"[A-ZĐ][A-ZĐ0-9-]*\b"
)
_PLACE_DATE_INSIDE = re.compile(
    r"(?:^|[\s|-])((?:[A-ZĐ][^\s,|]*\s?){1,4}),\s*(ngày\s*\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
)
# "Bộ luật này được Quốc hội … khóa XIV, kỳ họp thứ 8 thông qua ngày 20 tháng 11 năm 2019."
_ADOPTED = re.compile(
    r"^(?:Bộ luật|Luật|Hiến pháp|Pháp lệnh|Nghị quyết)\s+này\s+(?:đã\s+)?được\s.*?thông qua\s+"
    r"(ngày\s.*)$"
)
_LETTER = re.compile(r"^(?:V/v|Về việc)\b|^Kính gửi\s*:", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^(?:.*\|\s*)?([^,|]{2,40}?),\s*(ngày\s*\d.*)$")
_QUOC_HIEU = re.compile(r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|ĐỘC LẬP - TỰ DO", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[-_=–—.\s*]*$")
_TRAILING_RULE = re.compile(r"\s*[-_=*–—]{3,}\s*$")
# the Công báo's heading of 1945–2010 texts: "CỦA CHÍNH PHỦ SỐ 03/2010/NĐ-CP NGÀY 13 THÁNG 01
# NĂM 2010", "CỦA CHỦ TỊCH CHÍNH PHỦ LÂM THỜI" / "Số 65 NGÀY 23 THÁNG 11 NĂM 1945"
_GAZETTE_HEADING = re.compile(
    r"^(?:CỦA\s+(?P<issuer>.+?)\s*)?(?:(?:SỐ|Số)\s*:?\s*(?P<number>[\w./-]+)\s*)?"
    r"(?:(?:NGÀY|ngày)\s*(?P<date>\d{1,2}\s+(?:THÁNG|tháng)\s+\d{1,2}\s+(?:NĂM|năm)\s+\d{4}))?"
    r"(?:(?<=\d)\s+(?P<title>[A-ZĐÀ-Ỹ].*))?$"  # the title joined on: "… NĂM 2010 QUY ĐỊNH …"
)
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
    # a document named by its number keeps its capitals, the Chính phủ and the Quốc hội
    # theirs, and a code is a Bộ luật, no ministry: "… của Nghị định số 38/2013/NĐ-CP ngày
    # 23 tháng 4 năm 2013 của Chính phủ …", "… một số điều của Bộ luật Lao động"
    result = _CODE_IN_TEXT.sub(lambda m: m.group(0).upper(), result)
    result = re.sub(r"\b(?:chính phủ|quốc hội)\b", lambda m: m.group(0).capitalize(), result)
    result = result.replace("Bộ Luật ", "Bộ luật ")
    result = _TYPE_BEFORE_NUMBER.sub(lambda m: m.group(0).capitalize(), result)
    return result[:1].upper() + result[1:]


_TYPE_BEFORE_NUMBER = re.compile(
    r"\b(?:nghị định|thông tư liên tịch|thông tư|quyết định|nghị quyết|pháp lệnh|chỉ thị)"
    r"(?= số \d)"
)
_CODE_IN_TEXT = re.compile(r"\b\d+/(?:\d{4}/)?[a-zđ]+(?:-[a-zđ0-9]+)+\b|\b\d+/\d{4}/[a-zđ0-9]+\b")


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
    """The header's lines, the issuer apart from the quốc hiệu when a text copy ran the two
    columns into one line: "BỘ CÔNG AN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" (Thông tư
    65/2026/TT-BCA, Công báo text)."""
    out = []
    for p in paragraphs:
        if p.text and not _SEPARATOR.match(p.text):
            out.extend(t for t in _QUOC_HIEU_AFTER.split(p.text) if t)
    return out


_QUOC_HIEU_AFTER = re.compile(r"(?<=[A-ZĐÀ-Ỹ])\s+(?=CỘNG H(?:ÒA|OÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM)")


def find_type_line(preamble: list[Paragraph]) -> int | None:
    for i, p in enumerate(preamble):
        if not p.in_table and p.text.rstrip(":").strip() in _TYPE_BY_UPPER:
            return i
    return None


_TYPE_AND_TITLE = re.compile(
    "^(" + "|".join(sorted(map(re.escape, _TYPE_BY_UPPER), key=len, reverse=True)) + r")\s+(\S.*)$"
)


def split_type_and_title(preamble: list[Paragraph]) -> list[Paragraph]:
    """The type line and the title run together, as thuvienphapluat's collapsed header
    gives them ("LUẬT HẢI QUAN", after "Hà Nội, ngày 23 tháng 06 năm 2014"): two lines, as
    printed. Only in capitals, before the căn cứ, and not the Công báo's heading of a
    decree ("NGHỊ ĐỊNH CỦA CHÍNH PHỦ SỐ 03/2010/NĐ-CP NGÀY …")."""
    if find_type_line(preamble) is not None:
        return preamble
    for i, p in enumerate(preamble[:30]):
        if p.in_table or _PREAMBLE_START.match(p.text):
            break
        m = _TYPE_AND_TITLE.match(p.text.strip())
        if m and is_upper_text(m.group(2)) and not re.search(r"\bSỐ\b|\bNGÀY\b", m.group(2)):
            head = Paragraph(m.group(1), p.line)
            rest = Paragraph(m.group(2), p.line)
            return [*preamble[:i], head, rest, *preamble[i + 1 :]]
    return preamble


_SIGNED = re.compile(r"\s*\((?:Đã ký|đã ký)\)\s*$")  # "Nguyễn Văn An (Đã ký)", laws of 2001-05


def _signature(
    closing: list[Paragraph], joint: bool = False
) -> tuple[str | None, str | None, str | None]:
    """The signer: the first name under a title in capitals ("KT. BỘ TRƯỞNG" / "THỨ TRƯỞNG" /
    "Lê Tấn Dũng"); a joint document's signers all, in the order printed."""
    lines = [RANK.sub("", _SIGNED.sub("", p.text)) for p in closing if p.text]
    found: list[tuple[str, str | None, str | None]] = []
    for i, line in enumerate(lines):
        name = person_name_suffix(line)
        if not name:
            continue
        own = line[: len(line) - len(name)].strip()
        above = []
        j = i - 1
        while j >= 0 and not lines[j].startswith(("-", "Nơi nhận")):
            if is_upper_text(lines[j]):
                above.insert(0, lines[j])
            elif any(c.isalpha() for c in lines[j]):
                break  # a stray "[" between the title and the name is passed over
            j -= 1
        titles = above + ([own] if own else [])
        beside = joint and i > 0 and person_name_suffix(lines[i - 1]) == lines[i - 1]
        if not titles and found and not beside:
            continue  # two signers side by side in a table are read one after the other
        if beside and not titles:
            found.append((name, *found[-1][1:]))
            continue
        authority = [t for t in titles if re.match(r"^(?:TM|KT|Q|TL|TUQ|T\.M|K\.T)\.", t)]
        position = [t for t in titles if t not in authority]
        found.append((name, " ".join(position) or None, " ".join(authority) or None))
        if not joint and titles:
            break
    if not found:
        return None, None, None
    titled = [f for f in found if f[1] or f[2]] or found
    if joint and len(titled) > 1:
        return "; ".join(f[0] for f in titled), titled[0][1], titled[0][2]
    return titled[0]


def _issuer_lines(header: list[Paragraph], cells: list[str]) -> list[str]:
    """The header's lines that name the issuer: those before the quốc hiệu, and in a header
    table the left column's lines that go on under it ("BỘ TÀI NGUYÊN VÀ" | "CỘNG HÒA …" /
    "MÔI TRƯỜNG" | "Độc lập - Tự do - Hạnh phúc")."""
    lines: list[str] = []
    stop = next(
        (
            k
            for k, text in enumerate(cells)
            if _QUOC_HIEU.search(text)
            or _HEADER_NUMBER.search(text)
            or NUMBER_TO_COME.match(text)
            or _PLACE_DATE.match(text)
        ),
        None,
    )
    for text in cells[:stop]:
        lines.append(_TRAILING_RULE.sub("", text.split("|")[0]).strip())
    if stop is None:
        return lines
    k = stop
    in_table = any(p.in_table for p in header)
    for text in cells[k + 1 : k + 4] if in_table and lines else []:
        if _HEADER_NUMBER.search(text) or _PLACE_DATE.match(text) or text.startswith("Số"):
            break
        if not _QUOC_HIEU.search(text) and is_upper_text(text) and len(text) < 60:
            lines.append(_TRAILING_RULE.sub("", text).strip())
    return lines


def _gazette_heading(preamble: list[Paragraph], type_at: int, md: Metadata) -> set[int]:
    """Issuer, number and date from the lines under the type ("CỦA CHÍNH PHỦ SỐ
    03/2010/NĐ-CP NGÀY 13 THÁNG 01 NĂM 2010"); the indexes of the lines read."""
    consumed: set[int] = set()
    seen = 0
    for k in range(type_at + 1, len(preamble)):
        text = preamble[k].text
        if not text:
            continue
        seen += 1
        if seen > 3:
            break
        m = _GAZETTE_HEADING.match(text)
        if m and (m.group("number") or m.group("date")):
            if m.group("number") and not md.number:
                md.number = m.group("number").rstrip(".,")
            when = find_date("ngày " + m.group("date").lower()) if m.group("date") else None
            if when and not md.issued:
                md.issued = when
            if m.group("issuer") and not md.issuer:
                md.issuer = agency_case(m.group("issuer"))
            if m.group("title"):  # the rest of the line is the title's first line
                preamble[k] = replace(preamble[k], text=m.group("title"))
            else:
                consumed.add(k)
        elif text.startswith("CỦA ") and is_upper_text(text) and not md.issuer:
            md.issuer = agency_case(text[4:])  # "CỦA CHỦ TỊCH CHÍNH PHỦ LÂM THỜI"
            consumed.add(k)
    return consumed


def _consolidated_text(md: Metadata, closing: list[Paragraph]) -> None:
    """A VBHN: its type, its own number and date from the authentication block; no
    effective date of its own."""
    block = vbhn.authentication([p.text for p in closing if p.text])
    if block is None and not vbhn.is_vbhn_number(md.number):
        return
    md.doc_type = "Văn bản hợp nhất"
    if block and block.number and not vbhn.is_vbhn_number(md.number):
        md.number = block.number
    if block and block.issued:
        md.issued = block.issued
    md.effective, md.effective_text = None, None


def _title(parts: list[str], doc_type: str | None) -> str | None:
    """ "Luật Đấu thầu", "Nghị định quy định chi tiết …" from the lines after the type line."""
    if not parts:
        return None
    subject = " ".join(parts)
    if is_upper_text(subject):
        subject = sentence_case(subject)
    if doc_type in ("Luật", "Bộ luật", "Pháp lệnh") and not subject.lower().startswith(
        ("sửa đổi", "về ")
    ):
        subject = subject[:1].upper() + subject[1:]
    else:
        subject = subject[:1].lower() + subject[1:]
    return f"{doc_type} {subject}" if doc_type else subject


def _consolidation_statement(
    md: Metadata, paragraphs: list[str], type_word: str | None
) -> list[str] | None:
    """A VBHN's opening statement: the documents it consolidates become its relations
    ("hop_nhat", the base first), and its title is the consolidated document's ("Luật Hải
    quan"), not the statement run into it. Returns the preamble that follows, or None
    when the copy has no statement."""
    found = vbhn.statement(paragraphs, type_word)
    if found is None:
        return None
    md.title = _title(found.title, type_word) or md.title
    for text in found.documents:
        cited = extract_citations(text)
        if cited:
            md.relations.append(Relation("hop_nhat", cited[0]))
    return found.rest


def _issuer_from_code(md: Metadata) -> None:
    """The issuer a số ký hiệu names, when the header gave none or gave something that is
    not an agency; all agencies of a joint document."""
    coded = issuer_from_number(md.number)
    if coded is None:
        return
    joint = bool(re.search(r"/(?:\d{4}/)?(?:TTLT|NQLT)-", md.number or ""))
    if ";" in coded and not joint:
        coded = coded.split("; ")[0]  # "19046/BTC-TCHQ": the ministry, then its drafting unit
    header = md.issuer or ""
    folded = re.sub(r"[^a-z ]", "", fold(header).lower())
    if not header or re.search(r"\d|^Số\b|:", header):
        md.issuer, md.issuer_inferred = coded, True
    elif joint and ";" in coded and ";" not in header:
        md.issuer = coded  # a joint document: every agency its code names
    elif ";" not in coded and (
        folded.replace(" ", "").endswith(official := re.sub(r"[^a-z]", "", fold(coded).lower()))
        or (len(folded.replace(" ", "")) >= 8 and official.endswith(folded.replace(" ", "")))
    ):
        # the official spelling ("Bộ Lao động, Thương binh" -> " - "), or the whole name of
        # one the header wrapped ("BỘ LAO ĐỘNG - THƯƠNG" / "BINH VÀ XÃ HỘI")
        md.issuer = coded


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
    preamble = split_type_and_title(preamble)
    type_at = find_type_line(preamble)
    header = preamble[:type_at] if type_at is not None else preamble[:24]
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

    if md.issued is None:
        for text in header_cells:
            pm = _PLACE_DATE_INSIDE.search(text)
            if pm and (when := find_date(pm.group(2))):
                md.place, md.issued = pm.group(1).strip(), when
                break
    if md.issued is None:  # a Luật or Nghị quyết of the Quốc hội: its adoption date
        for p in closing:
            am = _ADOPTED.match(p.text)
            if am and (when := find_date(am.group(1))):
                md.issued = when
                break
    issuer_lines = _issuer_lines(header, header_cells)
    if issuer_lines:
        # the issuer is the last body named; a line that only continues a name joins it
        k = len(issuer_lines) - 1
        while k > 0 and (
            re.match(
                r"^(?:VÀ|TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|XÃ|PHƯỜNG|TP|VIỆT NAM|MÔI TRƯỜNG|PHÁT TRIỂN)\b",
                issuer_lines[k],
            )
            or issuer_lines[k - 1].endswith((",", "-", " VÀ"))
        ):
            k -= 1
        md.issuer = agency_case(" ".join(issuer_lines[k:]))

    title_parts: list[str] = []
    preamble_text: list[str] = []
    type_word: str | None = None
    consumed = _gazette_heading(preamble, type_at, md) if type_at is not None else set()
    if type_at is not None:
        type_word = _TYPE_BY_UPPER[preamble[type_at].text.rstrip(":").strip()]
        if not (md.doc_type == "Bộ luật" and type_word == "Luật"):
            md.doc_type = type_word
        for k, p in enumerate(preamble[type_at + 1 :], start=type_at + 1):
            if not p.text or p.in_table or _SEPARATOR.match(p.text) or k in consumed:
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
    if md.doc_type is None and any(_LETTER.match(p.text) for p in preamble[:40] if p.text):
        md.doc_type = "Công văn"  # "V/v …", "Kính gửi: …": an administrative letter
    md.title = _title(title_parts, md.doc_type)
    for text in preamble_text:
        if text.startswith("Căn cứ"):
            md.can_cu.extend(extract_citations(text))

    joint = bool(re.search(r"/(?:\d{4}/)?(?:TTLT|NQLT)-", md.number or ""))
    md.signer, md.signer_title, md.signing_authority = _signature(closing, joint)
    md.effective, md.effective_text = effective_date(units, md.issued)
    if md.effective is None and not any(u.type == DIEU for root in units for u in root.walk()):
        # a Chỉ thị or a decision in numbered paragraphs: "Chỉ thị này có hiệu lực kể từ ngày ký"
        numbered = Unit(type=DIEU, number="", id="", text=preamble_text)
        md.effective, md.effective_text = effective_date([numbered], md.issued)
    md.relations = declared_relations(units)
    _consolidated_text(md, closing)
    if md.doc_type == "Văn bản hợp nhất":
        rest = _consolidation_statement(md, title_parts + preamble_text, type_word)
        preamble_text = preamble_text if rest is None else rest
    _issuer_from_code(md)

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
