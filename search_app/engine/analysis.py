"""Vietnamese text analysis shared by indexing and querying: one definition of a token.

Tokens are syllables (Vietnamese writes a space between syllables), lower-cased; the folded
form drops diacritics and folds đ to d, so `dat dai` matches `đất đai`. Both backends index
the folded form and use the accented form only to rank exact-diacritic matches first."""

from __future__ import annotations

import re
import unicodedata

from ingest.parse.text import fold, modern_tones

_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Lower-case accented syllables: "Hợp đồng lao động" -> ["hợp", "đồng", "lao", "động"];
    "thoả thuận" and "thỏa thuận" alike (ingest.parse.text.modern_tones)."""
    return _TOKEN.findall(modern_tones(unicodedata.normalize("NFC", text).lower()))


def folded_tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def folded(text: str) -> str:
    """The text as the folded index column stores it: syllables joined by single spaces."""
    return " ".join(folded_tokens(text))


def has_diacritics(text: str) -> bool:
    return fold(text) != text.lower()


__all__ = ["fold", "folded", "folded_tokens", "has_diacritics", "tokens"]
