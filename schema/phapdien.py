"""The Bộ pháp điển catalogue: its 45 chủ đề and the đề mục we know, as data
(schema/phapdien.json) with a loader. A đề mục number is `confirmed` when it is printed on
codified articles of the real pages (../shared/corpus/phapdien); the others are provisional
until checked against the official catalogue (docs/codification.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class DeMuc:
    so: str  # "20.2"
    ten: str
    confirmed: bool

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
        item = DeMuc(d["so"], d["ten"], d["xac_nhan"])
        if item.chu_de not in chu_de:
            raise ValueError(f"schema/phapdien.json: đề mục {item.so} has no chủ đề {item.chu_de}")
        de_muc[item.so] = item
        chu_de[item.chu_de].de_muc.append(item)
    for c in chu_de.values():
        c.de_muc.sort(key=lambda d: int(d.so.split(".")[1]))
    rules = [(r["title_contains"], r["de_muc"]) for r in raw["rules"]]
    unknown = [d for _, d in rules if d not in de_muc]
    if unknown:
        raise ValueError(f"schema/phapdien.json: rules name unknown đề mục {unknown}")
    return PhapDienCatalogue(chu_de, de_muc, rules, raw["not_codified"], raw["type_codes"])
