"""The hiệu lực article of a document: the date it takes effect ("Thông tư này có hiệu lực
thi hành kể từ ngày 15 tháng 02 năm 2021", "kể từ ngày ký", "sau 45 ngày kể từ ngày ký") and
what it declares ended or repealed ("Luật … số 58/2014/QH13 … hết hiệu lực"). Pure."""

from __future__ import annotations

import re
from datetime import timedelta

from ingest.parse.cited_documents import _NUMBER_RE, extract_citations
from ingest.parse.dates import find_date
from schema.model import DIEU, Citation, Relation, Unit

SUBJECT_THIS = re.compile(
    r"(?:Bộ luật|Luật|Hiến pháp|Pháp lệnh|Nghị quyết|Nghị định|Thông tư(?: liên tịch)?|"
    r"Quyết định|Chỉ thị)\s+này"
)
# "có hiệu lực (thi hành) (kể) từ ngày 01 tháng 7 năm 2025" / "… từ ngày 01/7/2025"
_EFFECTIVE_ON = re.compile(
    r"có hiệu lực(?:\s+thi hành)?\s+(?:kể\s+)?từ\s+"
    r"(?=ngày\s+(?:mồng\s+|mùng\s+)?(?:\d|(?!ký|ban hành|công bố|đăng)[a-zà-ỹđ]))",
    re.IGNORECASE,
)
# "có hiệu lực (thi hành) kể từ ngày ký (ban hành)", "thi hành Quyết định này kể từ ngày ký"
_EFFECTIVE_SIGNING = re.compile(
    r"(?:có hiệu lực(?:\s+thi hành)?|thi hành\s[^.;]{0,40}?)\s+(?:kể\s+)?từ\s+ngày\s+"
    r"(?:ký|ban hành)\b",
    re.IGNORECASE,
)
_EFFECTIVE_AFTER = re.compile(
    r"có hiệu lực(?:\s+thi hành)?\s+sau\s+(\d+)\s+ngày,?\s+kể\s+từ\s+ngày\s+(?:ký|ban hành)",
    re.IGNORECASE,
)
# "có hiệu lực sau 45 ngày kể từ ngày đăng Công báo" (the rule before 2009; Thông tư of 2010
# on luatvietnam): stated, and dated only by the gazette's issue, which the text does not give
_EFFECTIVE_PUBLISHED = re.compile(
    r"có hiệu lực(?:\s+thi hành)?\s+(?:sau\s+\d+\s+ngày,?\s+)?(?:kể\s+)?từ\s+ngày\s+"
    r"(?:đăng|được đăng)\s+(?:trên\s+)?Công báo",
    re.IGNORECASE,
)
# in force with another document: "Nghị định này có hiệu lực thi hành kể từ ngày Luật Đất đai
# số 31/2024/QH15 có hiệu lực thi hành" (Nghị định 71/2024/NĐ-CP): stated, its date that
# document's, which the text does not give
_EFFECTIVE_WITH = re.compile(
    r"có hiệu lực(?:\s+thi hành)?\s+(?:kể\s+)?từ\s+ngày\s+"
    r"(?:Bộ luật|Luật|Pháp lệnh|Nghị quyết|Nghị định|Thông tư)\s(?![^.;]{0,12}\bnày\b)"
    r"[^.;]{1,160}?\scó hiệu lực",
)
# "Điều 37 của Nghị định này có hiệu lực kể từ ngày Nghị định này được ký ban hành"
_EFFECTIVE_SIGNED = re.compile(
    r"có hiệu lực(?:\s+thi hành)?\s+(?:kể\s+)?từ\s+ngày\s+(?:Bộ luật|Luật|Pháp lệnh|Nghị quyết"
    r"|Nghị định|Thông tư(?: liên tịch)?|Quyết định)\s+này\s+được\s+ký(?:\s+ban hành)?\b",
)
_PLACE_WORDS = ("tỉnh", "thành phố", "tp", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")


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
        # an untitled article whose sentence the parser took for its title: "Điều 3. Thông
        # tư này có hiệu lực thi hành từ ngày 21 tháng 02 năm 2014" (no full stop; Thông tư
        # 06/2014/TT-BTC on luatvietnam)
        own = [unit.heading] if unit is article and unit.heading else []
        for text in own + unit.text:
            if "hiệu lực" not in text and "ngày ký" not in text:
                continue
            for pattern in (
                _EFFECTIVE_ON,
                _EFFECTIVE_SIGNING,
                _EFFECTIVE_SIGNED,
                _EFFECTIVE_AFTER,
                _EFFECTIVE_PUBLISHED,
                _EFFECTIVE_WITH,
            ):
                for m in pattern.finditer(text):
                    if pattern is _EFFECTIVE_ON:
                        when = find_date(text[m.end() : m.end() + 80])
                    elif pattern is _EFFECTIVE_AFTER:
                        when = issued + timedelta(days=int(m.group(1))) if issued else None
                    elif pattern in (_EFFECTIVE_PUBLISHED, _EFFECTIVE_WITH):
                        when = _UNDATED
                    else:
                        when = issued
                    if when:
                        start = max(text.rfind(".", 0, m.start()), text.rfind(";", 0, m.start()))
                        whole = bool(SUBJECT_THIS.search(text[start + 1 : m.end()]))
                        yield (not whole, rank, unit.line, m.start(), when, text)


_UNDATED = object()  # a statement whose date the text does not give


def effective_date(units: list[Unit], issued):
    """The entry-into-force date and its sentence: a statement about the whole document
    ("Luật này có hiệu lực…") wins over one about some of its units; within those, titled
    articles first. A statement the text gives no date for ("… sau 45 ngày kể từ ngày đăng
    Công báo") gives its sentence and no date, whatever some of its units' dates are."""
    titled, others = _hieu_luc_units(units)
    candidates = [c for rank, a in enumerate(titled) for c in _effective_statements(a, 0, issued)]
    if not any(not partial for partial, *_ in candidates):
        candidates += [
            c for rank, a in enumerate(others) for c in _effective_statements(a, rank + 1, issued)
        ]
    if not candidates:
        return None, None
    best = min(candidates, key=lambda c: c[:4])
    return (None if best[4] is _UNDATED else best[4]), best[5]


def declared_relations(units: list[Unit]) -> list[Relation]:
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
                for text in part.text if part is not unit else _declaring(part.text):
                    cut = re.split(r"đã được sửa đổi|được sửa đổi, bổ sung", text)[0]
                    for m in _NUMBER_RE.finditer(cut):
                        number = m.group(1)
                        if cut[m.start() - 1 : m.start()] == "-":
                            continue  # a code's tail: "QTKĐ: 21-2016/BLĐTBXH", no document
                        if (kind, number) in seen:
                            continue
                        seen.add((kind, number))
                        before = cut[max(0, m.start() - 80) : m.start()]
                        clause = cut[cut.rfind(";", 0, m.start()) + 1 : m.start()]  # its item
                        if _FORM_NUMBERS.search(clause):
                            continue  # "các Mẫu số 01/ĐK, 02/ĐK, …": forms, not documents
                        if _DESCRIBED.search(before) and not _UNIT_OF.search(before):
                            continue  # "… quy định chi tiết một số điều của Nghị quyết số …"
                        # "b) Khoản 5 và khoản 11 Điều 9; …; các Mẫu số … Nghị định số …"
                        partial = bool(
                            _SOME_OF.search(before)
                            or _PROVISIONS_FIRST.match(clause)
                            or _ATTACHED.search(before)
                        )
                        cites = extract_citations(cut[max(0, m.start() - 80) : m.end() + 40])
                        target = next(
                            (c for c in cites if c.number == number),
                            Citation(text=cut, number=number),
                        )
                        out.append(Relation(kind, target, partial=partial, line=part.line))
    return out


_END_WORDS = ("hết hiệu lực", "bãi bỏ", "thay thế")
_SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-ZĐÀ-Ỹ])")  # not ";": "Bãi bỏ A; B; C"
# a time clause: "… tiếp tục thực hiện cho đến khi Luật Việc làm số 38/2013/QH13 … hết hiệu
# lực" (Nghị định 212/2025/NĐ-CP) says when something stops, and ends nothing itself
_UNTIL = re.compile(r"\b(?:(?:cho\s+)?(?:đến|tới)\s+)?khi\b.*$", re.IGNORECASE)
# what the text ends is some of a document: "Bãi bỏ Điều 57 của Luật …", "Thay thế, bãi bỏ
# các từ, cụm từ, phụ lục tại Nghị định số 112/2024/NĐ-CP" (Nghị định 226/2025/NĐ-CP)
_SOME_OF = re.compile(
    r"\b(?:Điều|khoản|điểm)\s+\d|\b(?:cụm từ|phụ lục|mẫu số|biểu mẫu)\b", re.IGNORECASE
)  # not "một số điều": "Pháp lệnh số 31/2007/PL-UBTVQH11 sửa đổi một số điều của …"
# an item that opens with the provisions it ends: "…; các Mẫu số 01/ĐK, … Nghị định số …"
_PROVISIONS_FIRST = re.compile(
    r"^\s*(?:[a-zđ]\)\s*)?(?:các\s+)?(?:Điều|khoản|điểm|mẫu|phụ lục|cụm từ)\b", re.IGNORECASE
)
# what ends was issued with the document, not the document: "Các quy trình kiểm định số
# QTKĐ: 21-2016/BLĐTBXH … ban hành kèm theo Thông tư số 54/2016/TT-BLĐTBXH … hết hiệu lực"
# (Thông tư 12/2021/TT-BLĐTBXH): the rest of Thông tư 54/2016 stays in force
_ATTACHED = re.compile(
    r"\bkèm theo\s+(?:Bộ luật|Luật|Nghị quyết|Pháp lệnh|Nghị định|Thông tư(?: liên tịch)?|"
    r"Quyết định)\s+số\s*$",
    re.IGNORECASE,
)
_FORM_NUMBERS = re.compile(r"\bmẫu\s+số\s*(?:[\w/.-]+,\s*)*$", re.IGNORECASE)
# a document named in the description of the one ended: "Nghị định số 12/2021/NĐ-CP … của
# Chính phủ về việc quy định chi tiết một số điều của Nghị quyết số 132/2020/QH14"
_DESCRIBED = re.compile(
    r"(?:quy định chi tiết|hướng dẫn|thi hành)[^;]{0,60}\bcủa\s+(?:Bộ luật|Luật|Nghị quyết|"
    r"Pháp lệnh|Nghị định|Thông tư(?: liên tịch)?|Quyết định)\b[^;]{0,60}?số\s*$"
)
_UNIT_OF = re.compile(r"\b(?:Điều|khoản|điểm)\s+\d+[a-zđ]?\s+(?:của\s+)?\S+\s*\S*\s*số\s*$")


def _declaring(paragraphs: list[str]) -> list[str]:
    """The sentences of a unit that declare an end, their time clauses cut off, not the
    others ("Nghị định này có hiệu lực từ ngày … . Nghị định số … hết hiệu lực"). A list
    item under such a unit ("Các văn bản sau đây hết hiệu lực:" / "a) Nghị định số …") is
    read whole."""
    out = []  # a sentence may run over the unit's paragraphs (a page's wrapped lines)
    for sentence in _SENTENCE_END.split(" ".join(paragraphs)):
        sentence = _UNTIL.sub("", sentence)
        if any(word in sentence.lower() for word in _END_WORDS):
            out.append(sentence)
    return out
