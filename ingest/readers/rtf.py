"""Rich Text Format (some sites serve RTF under a .doc name), through striprtf, a small
maintained pure-Python converter: RTF control words removed, `\\'xx` and `\\uN` escapes
decoded in the document's code page. The text then goes the way of every text."""

from __future__ import annotations

from pathlib import Path

from ingest.readers import ReaderError
from ingest.readers.text_lines import read_text
from schema.model import Issue, Paragraph


def read(path: str | Path, data: bytes, issues: list[Issue]) -> list[Paragraph]:
    from striprtf.striprtf import rtf_to_text

    try:
        text = rtf_to_text(data.decode("latin-1"), errors="ignore")
    except Exception as exc:  # noqa: BLE001 - the converter raises what its parser meets
        raise ReaderError(path, f"not readable RTF: {exc}") from exc
    return read_text(path, text.encode("utf-8"), issues, origin="rtf")
