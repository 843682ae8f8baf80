"""The Bộ pháp điển catalogue: its 45 chủ đề and every đề mục of the official dump, as data
(schema/phapdien.json, written from the dump by `lexvn phapdien-catalogue`) with a loader.
A đề mục the dump does not name could still be added by hand with `"xac_nhan": false`, and
is then shown with its number marked provisional (docs/codification.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class DeMuc:
    so: str  # "20.2"
    ten: str
    confirmed: bool  # the number is the official dump's, not one given here for now
    articles: int | None = None  # codified articles on its page in the dump

    @property
    def chu_de(self) -> int:
        return int(self.so.split(".")[0])


@dataclass
class ChuDe:
    so: int
    ten: str
    de_muc: list[DeMuc] = field(default_factory=list)


@dataclass
class PhapDienCatalogue:
    chu_de: dict[int, ChuDe]
    de_muc: dict[str, DeMuc]
    rules: list[tuple[str, str]]  # (folded words in the title, đề mục)
    not_codified: dict[str, str]  # document type -> why it is not codified
    type_codes: dict[str, str]  # document type -> code in an article number ("LQ", "NĐ")


@cache
def load_catalogue() -> PhapDienCatalogue:
    raw = json.loads(resources.files("schema").joinpath("phapdien.json").read_text("utf-8"))
    chu_de = {c["so"]: ChuDe(c["so"], c["ten"]) for c in raw["chu_de"]}
    de_muc = {}
    for d in raw["de_muc"]:
        item = DeMuc(d["so"], d["ten"], d.get("xac_nhan", True), d.get("dieu"))
        if item.chu_de not in chu_de:
            raise ValueError(f"schema/phapdien.json: đề mục {item.so} has no chủ đề {item.chu_de}")
        de_muc[item.so] = item
        chu_de[item.chu_de].de_muc.append(item)
    for c in chu_de.values():
        c.de_muc.sort(key=lambda d: int(d.so.split(".")[1]))
    by_name = {d.ten.lower(): d.so for d in de_muc.values()}
    rules = []
    for r in raw["rules"]:  # a đề mục is named by its name: its number is the dump's
        so = r["de_muc"] if r["de_muc"] in de_muc else by_name.get(r["de_muc"].lower())
        if so is None:
            raise ValueError(f"schema/phapdien.json: a rule names no đề mục: {r['de_muc']}")
        rules.append((r["title_contains"], so))
    return PhapDienCatalogue(chu_de, de_muc, rules, raw["not_codified"], raw["type_codes"])


# The official Bộ pháp điển điện tử as the Ministry of Justice publishes it (one HTML page a
# đề mục): what LexVN imports from it.


@dataclass
class AmendingNote:
    """One amending provision a source note names: "Điều 1 Luật số 63/2020/QH14 có hiệu
    lực thi hành kể từ ngày 01/01/2021", with what it did ("được sửa đổi", "bị bãi bỏ")."""

    effects: list[str]
    provision: str  # "Điều 1", "Điều 1, Điều 2"
    doc_type: str | None
    number: str | None
    effective: date | None


@dataclass
class SourceNote:
    """Where a codified article comes from, read from its note: "(Điều 1 Pháp lệnh số
    32/2007/PL-UBTVQH11 Bảo vệ công trình … ngày 20/04/2007 của Uỷ ban Thường vụ Quốc hội,
    có hiệu lực thi hành kể từ ngày 01/10/2007)". The title, date and issuer are written
    only on the first article the pages take from a document."""

    text: str
    unit: str | None = None  # "Điều 1"
    doc_type: str | None = None
    number: str | None = None
    title: str | None = None
    issued: date | None = None
    issuer: str | None = None
    effective: date | None = None
    amended_by: list[AmendingNote] = field(default_factory=list)
    whole_article: bool = False  # the amendment took the whole article ("bị bãi bỏ bởi …")
    vbpl_item: int | None = None  # vbpl.vn ItemID of the source document
    vbpl_anchor: str | None = None  # "Chuong_I_Dieu_1"


@dataclass
class RelatedLink:
    """A "nội dung liên quan" note: to another codified article (by its MAPC) or to an
    article of a document on vbpl.vn."""

    label: str
    mapc: str | None = None
    vbpl_item: int | None = None
    vbpl_anchor: str | None = None


@dataclass
class OfficialArticle:
    code: str  # "1.3.PL.1" (printed "Điều 1.3.PL.1.")
    mapc: str  # the page's 40-or-more-digit key of the article
    title: str
    de_muc: str
    chuong: str | None  # MAPC of the chương or mục heading above it
    note: SourceNote
    text: list[str] = field(default_factory=list)
    related: list[RelatedLink] = field(default_factory=list)


@dataclass
class OfficialHeading:
    mapc: str
    label: str  # "Chương I", "Mục 2"
    title: str


@dataclass
class OfficialDeMuc:
    so: str  # "1.3"
    ten: str
    file: str
    headings: list[OfficialHeading] = field(default_factory=list)
    articles: list[OfficialArticle] = field(default_factory=list)
