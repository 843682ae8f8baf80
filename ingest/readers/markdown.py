"""Markdown exports of legal sites: the document's words without the markup.

What it reads: headings (`# LUẬT`, `## Chương I`), emphasis around headings (`**Điều 1.
Phạm vi điều chỉnh**`, `*Căn cứ Hiến pháp …;*`), links (`[Luật số 22/2023/QH15](https://…)`
keeps its text), tables (`| QUỐC HỘI | CỘNG HÒA XÃ HỘI … |`, each row one paragraph in a
table, the `|---|` rule dropped), block quotes (`> “Điều 5. …`), hard line breaks (two
spaces or a backslash at a line end). Lines of one Markdown paragraph are joined.
"""

from __future__ import annotations

import re
from pathlib import Path

from ingest.parse.text import normalize
from ingest.readers.text_lines import decode
from ingest.readers.unwrap import unwrap
from schema.model import Issue, Paragraph

_HEADING = re.compile(r"^#{1,6}\s+")
_QUOTE = re.compile(r"^>\s?")
_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$|^(?:-{3,}|\*{3,}|_{3,})$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")


def _inline(text: str) -> str:
    # each pattern only where its literal is: most lines of a page have no markup
    if "[" in text:
        text = _LINK.sub(r"\1", text)
    if "*" in text or "_" in text:
        for _ in range(2):  # "***Điều 1.***": bold inside italic
            text = _EMPHASIS.sub(r"\2", text)
    text = text.replace("`", "")
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text


def read(path: str | Path, data: bytes, issues: list[Issue]) -> list[Paragraph]:
    text = normalize(decode(path, data).replace("\r\n", "\n"))
    lines: list[tuple[str, int]] = []
    tables: set[int] = set()
    for i, raw in enumerate(text.split("\n"), start=1):
        line = _QUOTE.sub("", raw.strip()).rstrip("\\").strip()
        if _RULE.match(line):
            continue
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            cells = [_inline(c.strip()) for c in line.strip("|").split("|")]
            lines.append((" | ".join(c for c in cells if c), i))
            tables.add(i)
            lines.append(("", i))  # a row is a paragraph of its own
            continue
        heading = bool(_HEADING.match(line))
        line = _inline(_HEADING.sub("", line))
        lines.append((line, i))
        if heading:
            lines.append(("", i))
    return [Paragraph(t, n, in_table=n in tables) for t, n in unwrap(lines, blank_breaks=True)]
