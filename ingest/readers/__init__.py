"""One reader per input format; all end in the same list of normalised paragraphs."""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass
from pathlib import Path

from schema.model import Issue, Paragraph

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf", ".doc", ".md", ".markdown", ".rtf")
MAX_SOURCE_BYTES = 50 * 1024 * 1024
# the reader modules, imported when first needed (read_bytes); a parallel ingest's workers
# have them imported before they fork (lexvn.ingest_files)
READER_MODULES = ("doc", "docx", "html", "markdown", "pdf", "rtf", "txt")


class ReaderError(Exception):
    """A source that cannot be read as a legal document; the message names the file."""

    def __init__(self, path: str | Path, reason: str, line: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):  # raised in a worker process (draftcheck.isolated), re-raised here
        return (ReaderError, (self.path, self.reason, self.line))


@dataclass
class Source:
    path: str
    format: str
    paragraphs: list[Paragraph]
    sha256: str
    chars: int
    issues: list[Issue]


def read_bytes(path: str | Path, data: bytes, fmt: str | None = None) -> Source:
    """Read a document from its bytes; `fmt` is guessed from the name and content if absent."""
    from ingest.readers import doc, docx, html, markdown, pdf, rtf, txt

    if not data:
        raise ReaderError(path, "empty file")
    if len(data) > MAX_SOURCE_BYTES:
        raise ReaderError(path, f"file larger than {MAX_SOURCE_BYTES // (1024 * 1024)} MiB")
    fmt = fmt or guess_format(path, data)
    issues: list[Issue] = []
    readers = {"docx": docx.read, "html": html.read, "pdf": pdf.read, "doc": doc.read}
    readers["rtf"] = rtf.read
    reader = readers.get(fmt) or (markdown.read if fmt == "md" else txt.read)
    paragraphs = reader(path, data, issues)
    if not any(p.text for p in paragraphs):
        raise ReaderError(path, "no text in the document")
    return Source(
        path=str(path),
        format=fmt,
        paragraphs=paragraphs,
        sha256=hashlib.sha256(data).hexdigest(),
        chars=sum(len(p.text) + 1 for p in paragraphs),
        issues=issues,
    )


def read_path(path: str | Path) -> Source:
    """The size is checked before reading, and a device or a pipe is refused: /dev/zero or
    a FIFO would otherwise be read without end."""
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ReaderError(path, "not a regular file (a device, a pipe or a folder)")
        if info.st_size > MAX_SOURCE_BYTES:
            raise ReaderError(path, f"file larger than {MAX_SOURCE_BYTES // (1024 * 1024)} MiB")
        with path.open("rb") as f:
            data = f.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        raise ReaderError(path, f"cannot read: {exc.strerror}") from exc
    return read_bytes(path, data)


_MAGIC = (
    (b"PK\x03\x04", "docx"),
    (b"%PDF-", "pdf"),
    (b"{\\rtf", "rtf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"),  # OLE2: Word 97-2003
)
_BY_SUFFIX = {".docx": "docx", ".pdf": "pdf", ".rtf": "rtf", ".doc": "doc", ".md": "md"}
_BY_SUFFIX |= {".markdown": "md", ".html": "html", ".htm": "html"}


def guess_format(path: str | Path, data: bytes) -> str:
    """What the bytes say first, then the name: a Word file saved as .docx by a user who
    renamed a .doc, or a PDF named .doc by a download site, is read for what it is."""
    for magic, fmt in _MAGIC:
        if data.startswith(magic):
            return fmt
    suffix = Path(path).suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    head = data[:2048].lstrip(b"\xef\xbb\xbf \r\n\t").lower()
    return "html" if head.startswith((b"<!doctype html", b"<html")) else "txt"


def report_lookalikes(raw: str, line: int, issues: list[Issue]) -> None:
    from ingest.parse.text import lookalike_report

    note = lookalike_report(raw)
    if note:
        issues.append(Issue("warning", "lookalike-letter", note, line))
