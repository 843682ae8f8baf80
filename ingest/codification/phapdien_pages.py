"""Reading the published pages of the Bộ pháp điển (Markdown as in corpus_samples/phapdien):
each codified article's number, title, source note and text, to compare ours with them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_HEAD = re.compile(r"^Điều (\d+\.\d+\.[A-ZĐ]+\.(?:\d+\.)?\d+[a-zđ]?)\. (.*)$")
_RELATED = re.compile(r"\((?:Điều|Mục|Chương|Phần) này có nội dung liên quan")
_NOTE = re.compile(r"^\((Điều \d+[a-zđ]?) .*?số (\d+/\d{4}/[A-ZĐ0-9-]+).*\)\s*$")


@dataclass
class PublishedArticle:
    code: str  # "20.2.LQ.12"
    title: str
    note: str = ""
    source_article: str = ""  # "Điều 12"
    source_number: str = ""  # "45/2019/QH14"
    text: list[str] = field(default_factory=list)


def read_pages(markdown: str) -> dict[str, PublishedArticle]:
    """Articles by code, first occurrence (the pages repeat an index after the text)."""
    out: dict[str, PublishedArticle] = {}
    current: PublishedArticle | None = None
    for raw in unicodedata.normalize("NFC", markdown).splitlines():
        line = " ".join(raw.split())
        if not line or line.startswith(("#", "---", "|")):
            if line.startswith("#") and current is not None:
                current = None
            continue
        head = _HEAD.match(line)
        if head:
            code = head.group(1)
            current = None if code in out else PublishedArticle(code, head.group(2).strip())
            if current is not None:
                out[code] = current
            continue
        if current is None:
            continue
        if not current.note and line.startswith("(Điều"):
            current.note = line
            m = _NOTE.match(line)
            if m:
                current.source_article, current.source_number = m.group(1), m.group(2)
            continue
        if re.match(r"^(Chương|Mục) ", line):
            continue
        letters = [c for c in line if c.isalpha()]
        if letters and all(c.isupper() for c in letters):
            continue  # the title of the next chương or mục
        related = _RELATED.search(line)
        if related:  # the editors' cross-references, not the provision
            line = line[: related.start()].rstrip()
            if not line:
                continue
        line = line.replace("*", "")
        current.text.append(line)
    return out
