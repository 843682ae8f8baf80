"""The hand-checked expectations for the shared corpus (tests/data/corpus_golden/*.json):
article lists read by people from the texts, independently of the parser, and metadata of
about 130 documents. Format and conventions: tests/data/corpus_golden/README.md."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ingest.readers import SUPPORTED_SUFFIXES
from schema.model import DIEU, PHU_LUC, Document

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "corpus_golden"
CORPUS = ROOT.parent / "shared" / "corpus"
METADATA_FIELDS = ("doc_type", "number", "issuer", "issued", "effective", "signer")


@dataclass
class Expected:
    path: str  # relative to ../shared/corpus
    articles: list[str]
    attachment_articles: list[list[str]]
    metadata: dict | None
    same_as: list[str] = field(default_factory=list)
    notes: str = ""

    @property
    def file(self) -> Path:
        return CORPUS / self.path


def expand(compact: str) -> list[str]:
    """ "1-20,20a,21-96" -> ["1", …, "20", "20a", "21", …, "96"]."""
    out: list[str] = []
    for part in (p.strip() for p in compact.split(",")):
        if not part:
            continue
        m = re.fullmatch(r"(\d+)-(\d+)", part)
        if m:
            out.extend(str(n) for n in range(int(m.group(1)), int(m.group(2)) + 1))
        else:
            out.append(part.lower())
    return out


def load() -> list[Expected]:
    out: list[Expected] = []
    for file in sorted(GOLDEN.glob("*.json")):
        for path, entry in json.loads(file.read_text(encoding="utf-8")).items():
            attached = entry.get("attachment_articles") or ""
            out.append(
                Expected(
                    path=path,
                    articles=expand(entry.get("articles") or ""),
                    attachment_articles=[expand(a) for a in attached.split("|") if a.strip()],
                    metadata=entry.get("metadata"),
                    same_as=[
                        s if "/" in s else str(Path(path).parent / s)
                        for s in entry.get("same_as", [])
                    ],
                    notes=entry.get("notes", ""),
                )
            )
    return out


def articles(doc: Document) -> tuple[list[str], list[list[str]]]:
    """Article numbers of the body, and of each attachment that has articles."""
    body: list[str] = []
    attached: list[list[str]] = []
    for unit in doc.units:
        numbers = [u.number.lower() for u in unit.walk() if u.type == DIEU]
        if unit.type == PHU_LUC:
            if numbers:
                attached.append(numbers)
        else:
            body.extend(numbers)
    return body, attached


def norm(value) -> str:
    text = unicodedata.normalize("NFC", str(value or "")).casefold()
    for old, new in (("uỷ", "ủy"), ("hoà", "hòa"), ("thoả", "thỏa"), ("–", "-")):
        text = text.replace(old, new)
    return " ".join(text.split())


def metadata_misses(doc: Document, expected: dict) -> list[tuple[str, str, str]]:
    misses = []
    md = doc.metadata
    for name in METADATA_FIELDS:
        if name not in expected:
            continue
        got = getattr(md, name)
        got = got.isoformat() if hasattr(got, "isoformat") else got
        if norm(got) != norm(expected[name]):
            misses.append((name, str(got), str(expected[name])))
    return misses


def readable(path: str) -> bool:
    return Path(path).suffix.lower() in SUPPORTED_SUFFIXES
