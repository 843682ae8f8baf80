"""Text normalisation that every reader applies before any pattern matching."""

from __future__ import annotations

import re
import unicodedata

# Characters that look like Vietnamese letters but are not: Icelandic eth (Ð, ð) is a common
# stand-in for Đ/đ in Vietnamese legal texts (BLTTHS 2015 writes "Ðiều 413" with it), the
# zero-width characters that editors leave behind, and two apostrophes typed for a closing
# quote ("đặc biệt.’’."): quote balance decides what is amendment payload.
_REPLACEMENTS = (
    ("\u00d0", "\u0110"),  # Ð -> Đ
    ("\u00f0", "\u0111"),  # ð -> đ
    ("\u0189", "\u0110"),  # Ɖ (African D) -> Đ
    ("\u00a0", " "),
    ("\u202f", " "),
    ("\u2007", " "),
    ("\t", " "),
    ("\u200b", ""),
    ("\u200c", ""),
    ("\u200d", ""),
    ("\ufeff", ""),
    ("\u00ad", ""),  # soft hyphen
    ("\x00", ""),  # NUL and the bidirectional controls never belong to a law's text: they
    ("\u202a", ""),  # can only hide or reorder what a reader sees
    ("\u202b", ""),
    ("\u202c", ""),
    ("\u202d", ""),
    ("\u202e", ""),
    ("\u2066", ""),
    ("\u2067", ""),
    ("\u2068", ""),
    ("\u2069", ""),
    ("’’", "”"),
    ("‘‘", "“"),
)
_LOOKALIKE_NAMES = {
    "\u00d0": "Ð (U+00D0, Latin capital eth)",
    "\u00f0": "ð (U+00F0, Latin small eth)",
    "\u0189": "Ɖ (U+0189, African D)",
}

_REPLACEMENTS += tuple((chr(c), " ") for c in [*range(0x2000, 0x200B), 0x3000])
# only runs that need changing: a pattern matching every single space costs a call per space
_SPACES = re.compile(r"  +")  # two spaces, then any more: a literal the scan looks for


def normalize(text: str) -> str:
    """NFC, Vietnamese look-alike letters fixed, NBSP and tabs to spaces, runs of spaces
    collapsed. Line breaks are kept: they are paragraph boundaries."""
    text = unicodedata.normalize("NFC", text)
    for bad, good in _REPLACEMENTS:  # `in` first: replace() copies even when nothing matches
        if bad in text:
            text = text.replace(bad, good)
    text = _SPACES.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.strip() for line in text.split("\n"))


_COMBINING = re.compile(r"[\u0300-\u036f]+")
# the old and the new tone placement of syllables ending in oa, oe, uy ("hoà" / "hòa",
# "thoả thuận" / "thỏa thuận", "thuỷ" / "thủy"): both are current, and a reader types either
_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
_OLD_TONE = re.compile("(" + "|".join(_OLD_TONES) + r")(?!\w)")


def modern_tones(text: str) -> str:
    """Lower-case NFC text with one tone placement for oa/oe/uy at a syllable's end (the
    one the 2018 school orthography teaches, "hòa"), so both spellings match as typed. For
    comparison only: "quý" becomes "qúy" on both sides alike."""
    return _OLD_TONE.sub(lambda m: _OLD_TONES[m.group(1)], text)


def fold(text: str) -> str:
    """Lower case without diacritics, đ folded to d: "Đất đai" -> "dat dai".

    NFD splits tone and vowel marks off their letters, but đ is a letter of its own in
    Unicode (SQLite FTS5's remove_diacritics keeps it too), so it is mapped explicitly."""
    if not _NOT_BY_TABLE.search(text) and unicodedata.is_normalized("NFC", text):
        # composed Latin text, as the readers give it: one table lookup a character, the
        # same result several times faster than decomposing (the index folds every unit)
        return text.translate(_FOLD_LIST).lower()
    text = text.replace("đ", "d").replace("Đ", "D")
    return _COMBINING.sub("", unicodedata.normalize("NFD", text)).lower()


# what the fold table does not fold as decomposing does: combining marks, and the scripts
# past Latin whose letters decompose (Arabic, Indic, Greek extended, Hangul …); no
# character below U+0600 but the marks (checked over every code point, tests/test_text.py)
_NOT_BY_TABLE = re.compile("[\u0300-\u036f\u0600-\u1dff\u1f00-\u1fff\u2100-\U0010ffff]")


def _build_fold_table() -> dict[int, str]:
    table = {}
    for code in range(0x00C0, 0x1EFA):
        ch = chr(code)
        base = _COMBINING.sub("", unicodedata.normalize("NFD", ch)).lower()
        if len(base) == 1 and base != ch:
            table[code] = base
    table[ord("đ")] = table[ord("Đ")] = "d"
    return table


_FOLD_TABLE = _build_fold_table()
# the same mapping as a list indexed by code point: str.translate looks a list up about
# twice as fast as a dict; code points past its end raise IndexError, which translate
# reads as "unchanged"
_FOLD_LIST = [_FOLD_TABLE.get(code, code) for code in range(max(_FOLD_TABLE) + 1)]
_FOLD_LIST = [ord(v) if isinstance(v, str) else v for v in _FOLD_LIST]


def fold_aligned(text: str) -> str:
    """fold() that keeps every character in place (one character in, one out), so offsets
    found in the folded text are offsets in the original: for highlighting. Expects NFC."""
    return text.translate(_FOLD_LIST).lower()


def has_lookalikes(raw: str) -> bool:
    return any(ch in raw for ch in _LOOKALIKE_NAMES)


def lookalike_report(raw: str) -> str | None:
    """Name the look-alike letters in a raw paragraph, or None. Reported, because a heading
    written "Ðiều 317" is invisible to anyone searching the source for "Điều 317"."""
    if not has_lookalikes(raw):
        return None
    found = sorted({name for ch, name in _LOOKALIKE_NAMES.items() if ch in raw})
    sample = unicodedata.normalize("NFC", raw).strip()[:60]
    return f"{', '.join(found)} used for Đ/đ in “{sample}”; read as Đ/đ"
