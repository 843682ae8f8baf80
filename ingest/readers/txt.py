"""Plain text: UTF-8 with or without BOM, one paragraph a line."""

from __future__ import annotations

from pathlib import Path

from ingest.parse.text import has_lookalikes, normalize
from ingest.readers import ReaderError, report_lookalikes
from schema.model import Issue, Paragraph


def decode(path: str | Path, data: bytes) -> str:
    """Strict UTF-8: a Latin-1 or Windows-1258 file must be converted by its owner, not guessed."""
    if b"\x00" in data[:8192]:
        raise ReaderError(path, "binary file (NUL bytes), not a text document")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReaderError(
            path,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert the file to UTF-8",
            line=line,
        ) from exc


def read(path: str | Path, data: bytes, issues: list[Issue]) -> list[Paragraph]:
    text = decode(path, data).replace("\r\n", "\n").replace("\r", "\n")
    if has_lookalikes(text):
        for i, raw in enumerate(text.split("\n"), start=1):
            report_lookalikes(raw, i, issues)
    return [Paragraph(line, i) for i, line in enumerate(normalize(text).split("\n"), start=1)]
