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


PHAPDIEN_DUMP = CORPUS / "phapdien_official" / "phapdien_2024_saladnga.tar.gz"


def codified_articles(numbers: set[str]) -> dict[str, dict[str, str]]:
    """For each số ký hiệu (number_key form) in `numbers` that the official Bộ pháp điển
    codifies: the article numbers it takes from that document's own text, each with its
    pháp điển code. An article that an amending document inserted ("được bổ sung bởi …") is
    left out: it is not in the original text. Only the pages that name a number are parsed."""
    from ingest.codification.official_dump import iter_page_bytes
    from ingest.codification.official_pages import read_de_muc_page
    from ingest.store import number_key

    wanted = {n for n in numbers if n}
    out: dict[str, dict[str, str]] = {}
    for name, data in iter_page_bytes(PHAPDIEN_DUMP):
        text = data.decode("utf-8-sig", errors="replace")
        notes = " ".join(re.findall(r"<p class='pGhiChu'>(.*?)</p>", text))
        named = {number_key(n) for n in re.findall(r"số\s+(\d[^\s,<]*)", notes)}
        if not named & wanted:
            continue
        for article in read_de_muc_page(text, name).articles:
            note = article.note
            key = number_key(note.number or "")
            if key not in wanted or not note.unit:
                continue
            inserted = note.whole_article and any(
                "bổ sung" in e for a in note.amended_by for e in a.effects
            )
            m = re.fullmatch(r"Điều (\d+[a-zđ]?)", note.unit)
            if m and not inserted:
                out.setdefault(key, {})[m.group(1).lower()] = article.code
    return out


# Articles the official Bộ pháp điển codifies from a corpus document that its file here does
# not hold, each with the reason (read by hand):
PHAPDIEN_NOT_IN_FILE = {
    "consolidation/bo-luat-to-tung-dan-su-92-2015-QH13/amend2_59-2020-QH14.congbao.txt": (
        set(expand("127-218")),
        "one gazette issue of Luật 59/2020/QH14 (Điều 1-126), ending '(Xem tiếp Công báo số "
        "715 + 716)'",
    ),
    "fulltext/thuvienphapluat/Luật_thi_hành_án_dân_sự_2008.txt": (
        {"44a"},
        "Điều 44a was inserted by Luật 64/2014/QH13; the pháp điển's note for it names only "
        "Luật 26/2008/QH12, and the site's copy glues the inserted article onto one line",
    ),
}


def codified_misses(
    parsed: dict[str, Document], codified: dict[str, dict[str, str]]
) -> tuple[int, int, list[str]]:
    """(files checked, articles checked, one line per article not found that no reason
    above explains)."""
    from ingest.store import number_key

    files = checked = 0
    misses: list[str] = []
    for rel, doc in sorted(parsed.items()):
        wanted = codified.get(number_key(doc.metadata.number or ""))
        if not wanted:
            continue
        files += 1
        checked += len(wanted)
        found = set(articles(doc)[0])
        explained = PHAPDIEN_NOT_IN_FILE.get(rel, (set(), ""))[0]
        for number, code in wanted.items():
            if number not in found and number not in explained:
                misses.append(f"{rel}: Điều {number} (pháp điển Điều {code}.) not found")
    return files, checked, misses


def dump_of(folder: Path, pages) -> Path:
    """A folder laid out as the Bộ pháp điển dump, holding only the named pages of the
    shared one: an import test's input in seconds, not the 292 pages."""
    from ingest.codification.official_dump import iter_page_bytes

    (folder / "demuc").mkdir()
    for name, data in iter_page_bytes(PHAPDIEN_DUMP):
        if name in pages:
            (folder / "demuc" / name).write_bytes(data)
    return folder
