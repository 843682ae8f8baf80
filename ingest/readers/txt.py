"""Plain text: UTF-8 (or UTF-16 with its BOM), one paragraph a line or wrapped lines; the
layout is read from the text (readers/lines.py)."""

from __future__ import annotations

from pathlib import Path

from ingest.readers.text_lines import decode, read_text
from schema.model import Issue, Paragraph

__all__ = ["decode", "read"]


def read(path: str | Path, data: bytes, issues: list[Issue]) -> list[Paragraph]:
    return read_text(path, data, issues, origin="txt")
