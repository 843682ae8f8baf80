"""Text normalisation that every reader applies before any pattern matching."""

from __future__ import annotations

import re
import unicodedata

# Characters that look like Vietnamese letters but are not: Icelandic eth (Ð, ð) is a common
# stand-in for Đ/đ in Vietnamese legal texts (BLTTHS 2015 writes "Ðiều 413" with it), and the
# zero-width characters that editors leave behind.
_LOOKALIKES = str.maketrans(
    {
        "\u00d0": "\u0110",  # Ð -> Đ
        "\u00f0": "\u0111",  # ð -> đ
        "\u0189": "\u0110",  # Ɖ (African D) -> Đ
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\t": " ",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
        "\u00ad": None,  # soft hyphen
    }
)

# Two typographic apostrophes stand in for a double quote in some texts ("đặc biệt.’’.");
# quote balance decides what is amendment payload, so they are read as the quote they mean.
_DOUBLED_QUOTES = (("’’", "”"), ("‘‘", "“"))
_LOOKALIKE_NAMES = {
    "\u00d0": "Ð (U+00D0, Latin capital eth)",
    "\u00f0": "ð (U+00F0, Latin small eth)",
    "\u0189": "Ɖ (U+0189, African D)",
}

_SPACES = re.compile(r"[ \u2000-\u200a\u3000]+")


def normalize(text: str) -> str:
    """NFC, Vietnamese look-alike letters fixed, NBSP and tabs to spaces, runs of spaces
    collapsed. Line breaks are kept: they are paragraph boundaries."""
    text = unicodedata.normalize("NFC", text).translate(_LOOKALIKES)
    for doubled, quote in _DOUBLED_QUOTES:
        text = text.replace(doubled, quote)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def fold(text: str) -> str:
    """Lower case without diacritics, đ folded to d: "Đất đai" -> "dat dai".

    NFD decomposition strips tone and vowel marks but leaves đ alone (it is a letter of its
    own in Unicode), so it is mapped explicitly."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def lookalike_report(raw: str) -> str | None:
    """Name the look-alike letters in a raw paragraph, or None. Reported, because a heading
    written "Ðiều 317" is invisible to anyone searching the source for "Điều 317"."""
    found = sorted({name for ch, name in _LOOKALIKE_NAMES.items() if ch in raw})
    if not found:
        return None
    sample = unicodedata.normalize("NFC", raw).strip()[:60]
    return f"{', '.join(found)} used for Đ/đ in “{sample}”; read as Đ/đ"
