"""Text bytes to paragraphs: decoding (UTF-8, UTF-16 with its BOM, and the legacy TCVN3
and VNI font encodings), normalisation, then the layout of the lines (readers/lines.py)."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.parse.text import has_lookalikes, normalize
from ingest.readers import ReaderError, gazette, legacy_encoding, report_lookalikes
from ingest.readers.lines import paragraphs_from_lines
from schema.model import Issue, Paragraph

_RULE_OF_SPACES = re.compile(r"(?m)^ {30,}$")


def decode(path: str | Path, data: bytes) -> str:
    """Strict UTF-8 (or UTF-16 with a BOM): a Latin-1 or Windows-1258 file must be converted
    by its owner, not guessed."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReaderError(path, f"not UTF-16 text after its byte-order mark: {exc}") from exc
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


def read_text(path: str | Path, data: bytes, issues: list[Issue], origin: str) -> list[Paragraph]:
    text = decode(path, data).replace("\r\n", "\n").replace("\r", "\n")
    encoding = legacy_encoding.detect(text)
    if encoding:
        text = legacy_encoding.convert(text, encoding)
        issues.append(
            Issue(
                "warning",
                "legacy-encoding",
                f"text in the {encoding.upper()} font encoding, converted to Unicode",
                params={"encoding": encoding},
            )
        )
    else:
        restored, count = legacy_encoding.restore_capitals(text)
        if count >= 5:  # a few such words can be real (abbreviations); many are the converter's
            text = restored
            issues.append(
                Issue(
                    "warning",
                    "legacy-capitals",
                    f"{count} words in capitals had lower-case tone-marked letters (an old TCVN3 "
                    "conversion); put in capitals",
                )
            )
    repaired, lost = legacy_encoding.drop_lost_marks(text)
    if lost >= 20:  # a few "?" after a toned letter are questions; many are a conversion's
        text = repaired
        issues.append(
            Issue(
                "warning",
                "lost-tone-marks",
                f"{lost} '?' stood after tone-marked letters (a Windows-1258 conversion that "
                "lost its combining marks); removed",
            )
        )
        text, letters = legacy_encoding.restore_1258_letters(text)
        if letters:
            issues.append(
                Issue(
                    "warning",
                    "cp1258-letters",
                    f"{letters} letters ư, ơ, ă had been read as ý, õ, ã (Windows-1258 read "
                    "as Windows-1252); restored",
                )
            )
    if has_lookalikes(text):
        for i, raw in enumerate(text.split("\n"), start=1):
            report_lookalikes(raw, i, issues)
    # a line of spaces is the Công báo's footnote rule (pdftotext's layout): kept as a mark
    text = _RULE_OF_SPACES.sub(gazette.SEPARATOR, text)
    # antiword's table rows as drawn, whose column widths the collapsing of spaces loses
    drawn = (
        {i: t for i, t in enumerate(text.split("\n"), start=1) if "|" in t} if "|" in text else None
    )
    lines = [(t, i) for i, t in enumerate(normalize(text).split("\n"), start=1)]
    return paragraphs_from_lines(lines, issues, origin, drawn)
