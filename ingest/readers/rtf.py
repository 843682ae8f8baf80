"""Rich Text Format (some sites serve RTF under a .doc name), through striprtf, a small
maintained pure-Python converter: RTF control words removed, `\\'xx` and `\\uN` escapes
decoded in the document's code page. The text then goes the way of every text.

Vietnamese RTF of the 2000s often declares the Western code page (`\\ansicpg1252`) while its
text is in Windows-1258, the Vietnamese one, with the tones as combining marks: read as
declared, "Điều 1" comes out "Ðiề?u 1". Both readings are tried and the one with more
Vietnamese letters and fewer "?" kept (reported when it is not the declared one).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ingest.readers import ReaderError
from ingest.readers.text_lines import read_text
from schema.model import Issue, Paragraph

_VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")
# A picture's (or an embedded object's) data: hex digits up to the end of its group. It
# holds no text, and striprtf, reading a character at a time, spent nearly all of its time
# on it: 1.46 MB of the 1.49 MB of 2010_10209656.doc, 0.36 s of each of its two readings,
# 0.006 s without (the same text).
_BINARY_DATA = re.compile(r"[0-9a-fA-F\r\n]{256,}(?=\})")


def _score(text: str) -> int:
    return len(_VIETNAMESE.findall(text)) - 3 * text.count("?")


def read(path: str | Path, data: bytes, issues: list[Issue]) -> list[Paragraph]:
    from striprtf.striprtf import rtf_to_text

    raw = _BINARY_DATA.sub("", data.decode("latin-1"))
    try:
        declared = unicodedata.normalize("NFC", rtf_to_text(raw, errors="ignore"))
        vietnamese_raw = re.sub(r"\\ansicpg\d+", r"\\ansicpg1258", raw)
        cp1258 = unicodedata.normalize(
            "NFC", rtf_to_text(vietnamese_raw, encoding="cp1258", errors="ignore")
        )
    except Exception as exc:  # noqa: BLE001 - the converter raises what its parser meets
        raise ReaderError(path, f"not readable RTF: {exc}") from exc
    text = declared
    if _score(cp1258) > _score(declared):
        text = cp1258
        issues.append(
            Issue(
                "warning",
                "legacy-encoding",
                "RTF declares a Western code page but its text is Windows-1258 (Vietnamese); "
                "read as Windows-1258",
                params={"encoding": "cp1258"},
            )
        )
    return read_text(path, text.encode("utf-8"), issues, origin="rtf")
