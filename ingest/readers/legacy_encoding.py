"""The legacy Vietnamese font encodings, detected and converted to Unicode.

Before Unicode (TCVN 6909:2001) Vietnamese text was typed in 8-bit font encodings; a file of
that time read as Windows-1252 shows mojibake. Two were common, and both are here as code
tables (facts of the encodings, TCVN 5712:1993 and VNI-Windows):
- **TCVN3 (ABC)**: one byte a letter. "S¾C LÖNH" is SẮC LỆNH, "§iÒu thø nhÊt" is "Điều thứ
  nhất", "Sè 65 NGµY 23 TH¸NG 11 N¨M 1945" is "Số 65 NGÀY 23 THÁNG 11 NĂM 1945". Its tone-marked
  letters exist in lower case only (capitals came from a capital font), so a word otherwise
  in capitals is put in capitals after conversion ("NGµY" -> "NGÀY", not "NGàY").
- **VNI**: a base letter followed by a mark: "Ñieàu" is "Điều", "NGHÒ ÑÒNH" is "NGHỊ ĐỊNH".

Detection counts characters that Vietnamese Unicode text never uses and the encoding needs
in almost every word; a Unicode text with a stray "§" is left alone.
"""

from __future__ import annotations

import itertools
import re

# TCVN3: byte (as its Windows-1252 character) -> letter
_TCVN3 = dict(
    zip(
        "¸µ¶·¹¨¾»¼½Æ©ÊÇÈÉË®§ÐÌÎÏÑªÕÒÓÔÖÝ×ØÜÞãßáâä«èåæçé¬íêëìîóïñòô\xadøõö÷ùýúûüþ¡¢£¤¥¦",
        "áàảãạăắằẳẵặâấầẩẫậđĐéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵĂÂÊÔƠƯ",
        strict=True,
    )
)
_TCVN3_ONLY = set("¸µ¶·¹¨¾»¼½Æ©ÊÇÈÉË®§ÐÌÎÏÑªÕÒÓÔÖ×ØÜÞßäåæçë«¬îïñøõö÷ùûüþ")

# VNI: a vowel followed by its mark -> the letter; lower case is the same table lower-cased
_VNI_ROWS = (  # (vowel, marks, letters): sắc, huyền, hỏi, ngã, nặng after the plain forms
    ("A", "ÙØÛÕÏ", "ÁÀẢÃẠ"),
    ("A", "ÂÁÀÅÃÄ", "ÂẤẦẨẪẬ"),
    ("A", "ÊÉÈÚÜË", "ĂẮẰẲẴẶ"),
    ("E", "ÙØÛÕÏ", "ÉÈẺẼẸ"),
    ("E", "ÂÁÀÅÃÄ", "ÊẾỀỂỄỆ"),
    ("O", "ÙØÛÕÏ", "ÓÒỎÕỌ"),
    ("O", "ÂÁÀÅÃÄ", "ÔỐỒỔỖỘ"),
    ("Ô", "ÙØÛÕÏ", "ỚỜỞỠỢ"),
    ("U", "ÙØÛÕÏ", "ÚÙỦŨỤ"),
    ("Ö", "ÙØÛÕÏ", "ỨỪỬỮỰ"),
    ("Y", "ÙØÛÕ", "ÝỲỶỸ"),
)
_VNI: dict[str, str] = {"Ô": "Ơ", "Ö": "Ư", "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị"}
_VNI.update({"Î": "Ỵ", "Ñ": "Đ"})
for _vowel, _marks, _letters in _VNI_ROWS:
    for _mark, _letter in zip(_marks, _letters, strict=True):
        _VNI[_vowel + _mark] = _letter
_VNI.update({k.lower(): v.lower() for k, v in list(_VNI.items())})
_VNI_TOKEN = re.compile("|".join(sorted((re.escape(k) for k in _VNI), key=len, reverse=True)))
_VNI_SIGNS = re.compile(r"[aeouyAEOUY][ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË]|[ñÑ][a-zA-Z]")
_TCVN3_SIGNS = re.compile(f"[{''.join(re.escape(c) for c in sorted(_TCVN3_ONLY))}]")
_VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")


def detect(text: str) -> str | None:
    """ "tcvn3", "vni" or None for a text decoded as Windows-1252 or read through a
    converter that did the same (antiword)."""
    sample = text[:200_000]
    tcvn3 = len(_TCVN3_SIGNS.findall(sample))
    vni = len(_VNI_SIGNS.findall(sample))
    if tcvn3 < 20 and vni < 40:  # a Unicode text: its own letters need no counting
        return None
    # the text's own letters only matter up to the counts they are compared with: a Unicode
    # text has them in every word, and counting them all took half of the test
    limit = max(tcvn3, (vni + 1) // 2)
    native = sum(1 for _ in itertools.islice(_VIETNAMESE.finditer(sample), limit))
    if tcvn3 >= 20 and tcvn3 > native:
        return "tcvn3"
    if vni >= 40 and vni > 2 * native and tcvn3 < vni:
        return "vni"
    return None


_WORD = re.compile(r"\S+")


def _recase(word: str) -> str:
    """A word whose other letters are capitals was typed in a capital font."""
    uppers = sum(c.isupper() for c in word)
    others = sum(c.islower() and c not in _LOWER_ONLY for c in word)
    return word.upper() if uppers >= 2 and others == 0 else word


_LOWER_ONLY = set("áàảãạăắằẳẵặâấầẩẫậđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ")


def convert(text: str, encoding: str) -> str:
    if encoding == "tcvn3":
        converted = "".join(_TCVN3.get(ch, ch) for ch in text)
        return _WORD.sub(lambda m: _recase(m.group(0)), converted)
    if encoding == "vni":
        return _VNI_TOKEN.sub(lambda m: _VNI[m.group(0)], text)
    raise ValueError(encoding)


# a word that changes has two capitals and no plain lower-case letter: the run between two
# of its capitals is found first (a pattern that opens on a capital is scanned for at C
# speed; testing every word boundary took a second on the corpus), then the whole word
_TWO_CAPITALS = re.compile(r"[A-ZĐ][^\Wa-z]*[A-ZĐ]")
_WORD_REST = re.compile(r"\w*")


def restore_capitals(text: str) -> tuple[str, int]:
    """A text converted from TCVN3 byte for byte long ago keeps its tone-marked letters in
    lower case inside words in capitals ("SắC LệNH", "CủA CHủ TịCH CHíNH PHủ"): those words
    are put in capitals. Returns the text and how many words changed."""
    parts: list[str] = []
    done = 0  # text[:done] is in parts
    for m in _TWO_CAPITALS.finditer(text):
        if m.start() < done:
            continue  # a second run of a word already seen
        start = m.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            start -= 1
        end = _WORD_REST.match(text, m.end()).end()
        word = text[start:end]
        fixed = _recase(word) if any(c in _LOWER_ONLY for c in word) else word
        if fixed != word:
            parts += (text[done:start], fixed)
            done = end
    if not parts:
        return text, 0
    parts.append(text[done:])
    return "".join(parts), len(parts) // 2


# A Windows-1258 text whose tone marks were combining characters, converted by a tool that
# put "?" for each mark it could not map after it had composed the letter: "CỦ?A BỘ? KẾ?
# HOẠ?CH", "Ðiề?u 1." The "?" after a tone-marked letter is that lost mark.
_LOST_MARK = re.compile(
    r"(?<=[àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    r"ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ])\?"
)


def drop_lost_marks(text: str) -> tuple[str, int]:
    """The text without those "?", and how many there were."""
    return _LOST_MARK.subn("", text) if "?" in text else (text, 0)


# Windows-1258 bytes read as Windows-1252 put Ý ý Õ õ Ã ã where the text has Ư ư Ơ ơ Ă ă:
# 1258 has those six letters precomposed at the bytes 1252 gives the others, and no
# precomposed ý, õ or ã at all ("THÔNG TÝ" for "THÔNG TƯ", 2010_10209656). A Vietnamese
# text without a single ư, ơ or ă is that text.
_CP1258_AS_1252 = str.maketrans("ÝýÕõÃã", "ƯưƠơĂă")
_VIETNAMESE_ONLY = re.compile(r"[ươăƯƠĂ]")
_READ_AS_1252 = re.compile(r"[ýõãÝÕÃ]")


def restore_1258_letters(text: str) -> tuple[str, int]:
    """The text with those letters back, and how many changed (0: the text has its own)."""
    if _VIETNAMESE_ONLY.search(text):
        return text, 0
    count = len(_READ_AS_1252.findall(text))
    return (text.translate(_CP1258_AS_1252), count) if count >= 20 else (text, 0)
