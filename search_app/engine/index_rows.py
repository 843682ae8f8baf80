"""What gets indexed for a document: one row an article (Điều), one for the document.
Pure, shared by both backends, so they index the same text.

- An article row's body is the article with all its khoản and điểm, so every word of the
  text is indexed once, and a query whose words fall in two khoản still finds their Điều;
  its context is the document title and the headings above it (Phần, Chương, Mục). Hits
  then name the most specific khoản or điểm that holds the query (search_app/engine/refine.py).
  Indexing khoản and điểm as rows of their own as well was measured: the same quality on
  the question set and three times the postings (docs/search.md).
- The document row holds the title, số ký hiệu and issuer: document-level hits.
Each row also carries the document attributes used for filters and facets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from schema.model import DIEU, LEGAL_FORCE, Document, citation_label
from search_app.engine.analysis import folded

HIT_TYPES = (DIEU,)
_DEFINES = re.compile(r"^(.{2,80}?)\s+là\s")

# Lĩnh vực of the national database, from words of the title. Several may apply.
LINH_VUC_RULES = (
    ("đấu thầu", "Đầu tư - Đấu thầu"),
    ("đầu tư", "Đầu tư - Đấu thầu"),
    ("quy hoạch", "Xây dựng - Quy hoạch"),
    ("lao động", "Lao động - Tiền lương"),
    ("hình sự", "Trách nhiệm hình sự"),
    ("tố tụng", "Thủ tục tố tụng"),
    ("dân sự", "Quyền dân sự"),
    ("hàng hải", "Giao thông - Vận tải"),
    ("đất", "Bất động sản"),
    ("an ninh mạng", "Công nghệ thông tin"),
    ("công nghệ thông tin", "Công nghệ thông tin"),
    ("hiến pháp", "Bộ máy hành chính"),
    ("thủ tục hành chính", "Thủ tục hành chính"),
    ("lệ phí", "Thuế - Phí - Lệ phí"),
    ("thuế", "Thuế - Phí - Lệ phí"),
    ("văn hóa", "Văn hóa - Xã hội"),
    ("lễ hội", "Văn hóa - Xã hội"),
    ("y tế", "Thể thao - Y tế"),
)


def linh_vuc(title: str | None) -> list[str]:
    lower = (title or "").lower()
    found = [field for word, field in LINH_VUC_RULES if word in lower]
    return list(dict.fromkeys(found)) or ["Khác"]


@dataclass
class IndexRow:
    doc_id: str
    unit_id: str | None  # None: the document row
    unit_type: str | None
    unit_label: str | None  # "khoản 2 Điều 5"
    group: str  # hits are grouped by this: the Điều id, or the document
    seq: int
    heading: str
    body: str
    context: str
    lead: str  # the start of the unit's own text
    doc_number: str | None
    doc_title: str | None
    doc_type: str | None
    issuer: str | None
    year: int | None
    effective: str | None
    linh_vuc: list[str]
    force: int
    defines: list[str] = field(default_factory=list)  # folded terms its khoản define: "X là …"


def index_rows(doc: Document) -> list[IndexRow]:
    md = doc.metadata
    common = dict(
        doc_id=doc.id,
        doc_number=md.number,
        doc_title=md.title,
        doc_type=md.doc_type,
        issuer=md.issuer,
        year=md.issued.year if md.issued else None,
        effective=md.effective.isoformat() if md.effective else None,
        linh_vuc=linh_vuc(md.title),
        force=LEGAL_FORCE.get(md.doc_type or "", 1),
    )
    rows = [
        IndexRow(
            unit_id=None,
            unit_type=None,
            unit_label=None,
            group=doc.id,
            seq=0,
            heading=" ".join(x for x in (md.title, md.number) if x),
            body=" ".join(x for x in (md.doc_type, md.number, md.issuer, md.title) if x),
            context="",
            lead="",
            **common,
        )
    ]
    # a stack, not a recursive helper nested here: that is a cycle through its own
    # closure, freed only by the cyclic collector (lexvn/collector.py)
    todo = [([root], [md.title or ""]) for root in reversed(doc.units)]
    seq = 0
    while todo:
        here, headings = todo.pop()
        unit = here[-1]
        seq += 1
        if unit.type in HIT_TYPES:
            defines = [
                folded(m.group(1))
                for k in unit.walk()
                if k is not unit and (m := _DEFINES.match(" ".join(k.text[:1])))
            ]
            rows.append(
                IndexRow(
                    unit_id=unit.id,
                    unit_type=unit.type,
                    unit_label=citation_label(here),
                    group=unit.id,
                    seq=seq,
                    heading=unit.heading,
                    body=unit.full_text(),
                    context=" ".join(x for x in headings if x),
                    lead=" ".join(unit.text[:1])[:120],
                    defines=defines,
                    **common,
                )
            )
            continue
        below = headings + ([unit.heading] if unit.heading else [])
        todo.extend((here + [child], below) for child in reversed(unit.children))
    return rows
