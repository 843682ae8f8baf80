"""The shared data model: a document, its metadata and its tree of units.

Every later stage (search, validity, consolidation, codification, the draft checker) reads
this model, so it carries what they need: a stable id per unit (the path, Akoma Ntoso style),
document order, the source line of each unit, and the raw paragraphs of its text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

# Unit types, outermost first. Vietnamese names are the established legal terms.
PHAN = "phan"  # Phần (part)
CHUONG = "chuong"  # Chương (chapter)
MUC = "muc"  # Mục (section)
TIEU_MUC = "tieu_muc"  # Tiểu mục (subsection)
DIEU = "dieu"  # Điều (article)
KHOAN = "khoan"  # Khoản (clause)
DIEM = "diem"  # Điểm (point)
TIEU_DIEM = "tieu_diem"  # tiểu điểm such as "a.1)"
PHU_LUC = "phu_luc"  # Phụ lục (appendix)

UNIT_TYPES = (PHAN, CHUONG, MUC, TIEU_MUC, DIEU, KHOAN, DIEM, TIEU_DIEM, PHU_LUC)

# How a unit is named in running text ("khoản 2 Điều 5"): the word before its number.
UNIT_WORDS = {
    PHAN: "Phần",
    CHUONG: "Chương",
    MUC: "Mục",
    TIEU_MUC: "Tiểu mục",
    DIEU: "Điều",
    KHOAN: "khoản",
    DIEM: "điểm",
    TIEU_DIEM: "tiểu điểm",
    PHU_LUC: "Phụ lục",
}

# Legal force, for ties: the Constitution, then codes and laws, down to local decisions.
LEGAL_FORCE = {
    "Hiến pháp": 9,
    "Bộ luật": 8,
    "Luật": 8,
    "Nghị quyết": 7,
    "Pháp lệnh": 6,
    "Lệnh": 6,
    "Nghị định": 5,
    "Nghị quyết liên tịch": 5,
    "Quyết định": 3,
    "Thông tư": 4,
    "Thông tư liên tịch": 4,
    "Chỉ thị": 2,
}


@dataclass
class Paragraph:
    """One paragraph as a reader found it: the unit of every later pattern match."""

    text: str
    line: int  # 1-based line (TXT, HTML source) or paragraph index (DOCX)
    in_table: bool = False  # table cell text is content, never a heading
    notes: list[str] = field(default_factory=list)  # a web site's notes, taken out of the text
    footnotes: list[str] = field(default_factory=list)  # the document's own footnote markers


@dataclass
class Annotation:
    """What a copy adds to a unit that is not the law's words: a web site's editorial note
    ("Khoản này được sửa đổi bởi …") or a VBHN's footnote naming the amending provision.
    Shown beside the unit and searchable as notes; never body text, never a relation."""

    kind: str  # "site_note" | "footnote" | "phapdien"
    text: str
    unit_id: str | None = None  # None: the document as a whole (header, preamble)
    line: int | None = None


@dataclass
class Issue:
    """A warning or error found while reading or parsing, with its place."""

    severity: str  # "warning" | "error"
    code: str  # stable id such as "dieu-gap"
    message: str  # English, for ingest logs
    line: int | None = None
    unit_id: str | None = None
    params: dict[str, str] = field(default_factory=dict)  # the facts, for other wordings


@dataclass
class Unit:
    """A structural unit. `text` holds its own paragraphs before its children (for a unit
    with points: the đoạn mở đầu); `tail` holds paragraphs that follow its children.
    Quoted amendment payloads stay inside the paragraphs of the unit that carries them."""

    type: str
    number: str  # as printed, normalised: "5", "10a", "đ", "II" for chapters is kept in `label`
    id: str
    heading: str = ""
    text: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)
    children: list[Unit] = field(default_factory=list)
    line: int = 0
    label: str = ""  # how a reader cites it: "Chương II", "Điều 5", "khoản 2", "điểm a"

    def walk(self):
        """The unit and every unit below it, in document order. A stack, not nested
        generators: a deep tree's units each passed through one generator a level."""
        stack = [self]
        while stack:
            unit = stack.pop()
            yield unit
            stack.extend(reversed(unit.children))

    def full_text(self) -> str:
        """The unit with everything below it, as plain text in document order."""
        parts = list(self.text)
        for child in self.children:
            parts.append(child.render())
        parts.extend(self.tail)
        return "\n".join(p for p in parts if p)

    def render(self) -> str:
        head = self.marker()
        body = self.full_text()
        return f"{head}\n{body}".strip() if self.type in _BLOCK_HEADED else f"{head} {body}".strip()

    def marker(self) -> str:
        if self.type == KHOAN:
            return f"{self.number}."
        if self.type in (DIEM, TIEU_DIEM):
            return f"{self.number})"
        head = self.label
        if self.heading:
            head = f"{head}. {self.heading}" if self.type == DIEU else f"{head}\n{self.heading}"
        elif self.type == DIEU:
            head += "."
        return head


_BLOCK_HEADED = {PHAN, CHUONG, MUC, TIEU_MUC, DIEU, PHU_LUC}


@dataclass
class Citation:
    """A reference to another document as written, e.g. in a căn cứ line. Resolution to a
    stored document is a separate step (see the citations issue)."""

    text: str
    doc_type: str | None = None  # "Luật", "Nghị định", ...
    number: str | None = None  # số ký hiệu, e.g. "22/2023/QH15"
    name: str | None = None  # "Luật Đấu thầu"
    issued: date | None = None


@dataclass
class Relation:
    """A declared relation to another document found in the text (e.g. in the hiệu lực
    article): the document that this one replaces or repeals."""

    kind: str  # "het_hieu_luc" | "bai_bo" | "thay_the" | "hop_nhat" (what a VBHN consolidates)
    target: Citation
    partial: bool = False  # only some units of the target are affected
    line: int | None = None


@dataclass
class Metadata:
    doc_type: str | None = None  # loại văn bản
    number: str | None = None  # số ký hiệu
    issuer: str | None = None  # cơ quan ban hành
    issuer_inferred: bool = False  # not printed in the header: named by the số ký hiệu's code
    place: str | None = None  # nơi ban hành
    issued: date | None = None  # ngày ban hành
    title: str | None = None  # tên / trích yếu, with the type: "Luật Đấu thầu"
    can_cu: list[Citation] = field(default_factory=list)  # căn cứ ban hành
    signer: str | None = None  # người ký
    signer_title: str | None = None  # chức vụ
    signing_authority: str | None = None  # quyền hạn ký: TM., KT., Q., TL., TUQ.
    effective: date | None = None  # ngày có hiệu lực
    effective_text: str | None = None  # the sentence it came from
    relations: list[Relation] = field(default_factory=list)


# The source_format of a document known only through the Bộ pháp điển's codified articles
# (ingest/codification/official_documents.py): a full text of it replaces it.
CODIFIED_ONLY = "phapdien"


@dataclass
class Document:
    id: str  # stable key used in URLs: "22-2023-QH15"
    metadata: Metadata
    units: list[Unit]  # top-level units in order
    preamble: list[str] = field(default_factory=list)  # căn cứ and enacting lines
    closing: list[str] = field(default_factory=list)  # adoption line, signature, nơi nhận
    issues: list[Issue] = field(default_factory=list)
    source_path: str = ""
    source_hash: str = ""
    source_format: str = ""  # "txt" | "html" | "docx" | "pdf" | "doc" | "md" | CODIFIED_ONLY
    text_chars: int = 0
    annotations: list[Annotation] = field(default_factory=list)

    def walk(self):
        """Every unit in document order; one stack, as Unit.walk (not a generator a root)."""
        stack = list(reversed(self.units))
        while stack:
            unit = stack.pop()
            yield unit
            stack.extend(reversed(unit.children))

    def find(self, unit_id: str) -> Unit | None:
        return next((u for u in self.walk() if u.id == unit_id), None)

    def articles(self) -> list[Unit]:
        return [u for u in self.walk() if u.type == DIEU]


def citation_label(path: list[Unit]) -> str:
    """How a unit is cited in running text, innermost first: "điểm a khoản 2 Điều 5".
    Units above the article are cited alone ("Chương II")."""
    unit = path[-1]
    if unit.type not in (KHOAN, DIEM, TIEU_DIEM):
        return unit.label
    parts = []
    for node in reversed(path):
        parts.append(node.label)
        if node.type == DIEU:
            break
    return " ".join(parts)


def label_from_id(unit_id: str) -> str:
    """The citation label a unit id spells: "dieu_4__khoan_1__diem_a" -> "điểm a khoản 1
    Điều 4" (ids write đ as dd)."""
    parts = []
    for segment in unit_id.split("__"):
        kind, _, number = segment.rpartition("_")
        if kind in UNIT_WORDS:
            number = number.replace("dd", "đ") if kind in (DIEM, TIEU_DIEM) else number
            parts.append(f"{UNIT_WORDS[kind]} {number}")
    innermost_first = list(reversed(parts))
    out = []
    for part in innermost_first:
        out.append(part)
        if part.startswith("Điều"):
            break
    return " ".join(out)


def to_jsonable(obj: Any) -> Any:
    """Dataclasses and dates to plain JSON values."""
    if hasattr(obj, "__dataclass_fields__"):
        return to_jsonable(asdict(obj))
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, date):
        return obj.isoformat()
    return obj
