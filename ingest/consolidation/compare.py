"""An official VBHN against LexVN's consolidation of the documents it consolidates, article
by article. Pure: two documents in, differences out.

Texts are compared after normalising what is not wording: spacing (also a space a copy lost
or added between two words, "Việt Nam" / "ViệtNam", "34/2018/ TT-BLĐTBXH") and case, quote
marks, dashes ("–" / "-"), the old and new tone placement at a syllable's end ("hoà" /
"hòa"), the two spellings of a final i/y after a consonant ("kì" / "kỳ", "tỉ" / "tỷ"),
footnote markers a copy left in the text, punctuation before a space and the closing "./"
of a text. An article that differs by one or two words
alone is a "slip" (one copy's typo, or one word an amendment changed): counted apart, never
as equal."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ingest.parse.text import modern_tones
from schema.model import DIEU, Document, Unit

_MARKER = re.compile(r"(?<=[^\W\d])\d{1,3}(?=[\s.,;:]|$)|\[\d{1,3}\]")


def normal(text: str) -> str:
    text = modern_tones(unicodedata.normalize("NFC", text).lower())  # "hoà" / "hòa"
    text = _MARKER.sub("", text)
    text = re.sub(r"[“”\"'‘’]", "", text)
    text = re.sub(r"[–—]", "-", text)
    text = re.sub(r"\b([bdđhklmnstv])([yỳýỷỹỵ])\b", lambda m: m.group(1) + _I[m.group(2)], text)
    text = re.sub(r"[.;,:]+(?:/\.?)?(?=\s|$)", "", text)  # "… của Luật này./", "./."
    return " ".join(text.split())


_I = dict(zip("yỳýỷỹỵ", "iìíỉĩị", strict=True))


def _unspaced(form: str) -> str:
    return form.replace(" ", "")


def article_texts(doc: Document) -> dict[str, tuple[str, str]]:
    """Article number -> (its text as printed, its normal form), the first of a number."""
    out: dict[str, tuple[str, str]] = {}

    def visit(unit: Unit) -> None:
        if unit.type == DIEU:
            printed = f"{unit.heading}\n{unit.full_text()}".strip()
            out.setdefault(unit.number.lower(), (printed, normal(printed)))
            return
        for child in unit.children:
            visit(child)

    for root in doc.units:  # the body first: an appendix's "Điều 1" never hides the law's
        visit(root)
    return out


def is_slip(ours: str, theirs: str) -> bool:
    """At most two words apart: changed, lost or doubled ("hồ sơ" / "hồ", "của" / "của
    của", "khẩn cấp tạm thời" / "khẩn tạm thời")."""
    a, b = ours.split(), theirs.split()
    if abs(len(a) - len(b)) > 2:
        return False
    edits = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            edits += max(i2 - i1, j2 - j1)
            if edits > 2:
                return False
    return True


@dataclass
class Difference:
    article: str  # "5", "34a"
    kind: str  # "text" | "slip" | "missing" (not in ours) | "extra" (not in the VBHN)
    ours: str
    theirs: str


@dataclass
class Comparison:
    articles: int  # in the VBHN
    equal: int
    differences: list[Difference] = field(default_factory=list)

    @property
    def slips(self) -> int:
        return sum(1 for d in self.differences if d.kind == "slip")


def compare(ours: Document, official: Document) -> Comparison:
    mine, theirs = article_texts(ours), article_texts(official)
    result = Comparison(articles=len(theirs), equal=0)
    for number, (printed, form) in theirs.items():
        if number not in mine:
            result.differences.append(Difference(number, "missing", "", printed))
        elif _unspaced(mine[number][1]) == _unspaced(form):
            result.equal += 1
        else:
            kind = "slip" if is_slip(mine[number][1], form) else "text"
            result.differences.append(Difference(number, kind, mine[number][0], printed))
    for number, (printed, _) in mine.items():
        if number not in theirs:
            result.differences.append(Difference(number, "extra", printed, ""))
    return result


def first_difference(ours: str, theirs: str, before: int = 60, after: int = 100) -> tuple[str, str]:
    """The two texts around where their normal forms part."""
    a, b = normal(ours), normal(theirs)
    at = next(
        (k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    start = max(0, at - before)
    return a[start : at + after], b[start : at + after]
