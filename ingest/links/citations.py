"""Citations in legal text: atoms found by one compiled pattern, joined by a small grammar.
Pure.

Matched phrases (each is a test in tests/test_citations.py):
- "khoản 2 Điều 5 của Luật này", "Điều 3", "khoản 1 Điều này", "điểm a khoản này"
- "điểm a và điểm b khoản 1 Điều 3", "các khoản 2a, 2b và 2c Điều 11", "các điểm b, c và d khoản 1"
- "từ Điều 5 đến Điều 10", "Điều 95 hoặc Điều 96", "Chương II", "Mục 1 Chương XI"
- "Nghị định số 34/2016/NĐ-CP", "Luật Đất đai số 31/2024/QH15", "Luật số 57/2024/QH15"
- "Bộ luật Lao động", "khoản 5 Điều 3 của Luật Đấu thầu", "Điều 32 của Bộ luật Tố tụng dân sự"

A pattern over the syllable tokens finds the atoms: a unit word with its designator ("khoản
2", "Điều này"), a document type word, a số ký hiệu. It replaced a spaCy Matcher that built a
Doc for every paragraph: the same atoms on every paragraph of the shared corpus, many times
faster (benchmarks/citation_extraction.py). The grammar then joins
atoms into references (lists with "," "và" "hoặc", ranges "từ … đến …", "của"/"tại" + a
document) and says what each cites. Resolution against the store is citations_resolve.py."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import accumulate, chain
from operator import itemgetter

from ingest.parse.numbering import POINT_LETTERS, roman_to_int

_TOKEN = re.compile(
    r"\d+/(?:\d{4}/)?[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-Za-zĐđ0-9]+)*"  # số ký hiệu: 34/2016/NĐ-CP
    r"|[a-zđ]\.\d+(?=\))"  # tiểu điểm a.1
    r"|\w+"
    r"|[^\w\s]"
)
NUMBER_RE = re.compile(r"^\d+/(?:\d{4}/)?[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-Za-zĐđ0-9]+)*$")
UNIT_WORDS = {
    "phần": "phan",
    "chương": "chuong",
    "mục": "muc",
    "điều": "dieu",
    "khoản": "khoan",
    "điểm": "diem",
}
_LEVEL = {"phan": 0, "chuong": 1, "muc": 2, "dieu": 4, "khoan": 5, "diem": 6}
DOC_TYPES = (
    "hiến pháp",
    "bộ luật",
    "luật",
    "pháp lệnh",
    "nghị quyết",
    "nghị định",
    "thông tư liên tịch",
    "thông tư",
    "quyết định",
    "chỉ thị",
    "lệnh",
)
_PPP = "theo phương thức đối tác công tư".split()  # "Luật Đầu tư theo phương thức …"
_NAME_STOP = {
    "số",
    "ngày",
    "của",
    "và",
    "hoặc",
    "tại",
    "theo",
    "này",
    "được",
    "đã",
    "năm",
    "quy",
    "về",
    "do",
    "có",
    "thì",
    "mà",
    "để",
    "khi",
    "nếu",
    "là",
    "hướng",
    "sửa",
    "bổ",
    "trong",
    "đối",
    "với",
    "gồm",
    "như",
    "sau",
    "các",
}


@dataclass
class DocRef:
    """The document a reference names: this one, or another by number and/or name."""

    this: bool = False
    doc_type: str | None = None
    number: str | None = None
    name: str | None = None  # "Luật Đấu thầu", "Bộ luật Lao động"

    def label(self) -> str:
        if self.this:
            return "văn bản này"
        return " ".join(
            x for x in (self.name or self.doc_type, self.number and f"số {self.number}") if x
        )


@dataclass
class Reference:
    """One citation: the text, where it is, and the units it names (each a path such as
    {"dieu": "5", "khoan": "2"}; "này" means the citing unit's own)."""

    text: str
    start: int
    end: int
    units: list[dict[str, str]] = field(default_factory=list)
    doc: DocRef | None = None  # None: a unit of the citing document

    @property
    def kind(self) -> str:
        return "unit" if self.units else "document"


def _token_start(unit: str) -> str:
    return rf"(?<![^ ])(?:{unit})(?![^ ])"


# The atoms, matched over the paragraph's tokens joined by single spaces (a token never holds
# a space), so one compiled pattern runs at C speed where a Matcher built a Doc a paragraph:
# a unit word and its designator ("khoản 2", "Điều này", "Phần thứ hai"), a document type
# word ("Bộ luật", "thông tư liên tịch"), a số ký hiệu ("34/2016/NĐ-CP").
_DESIGNATOR = r"\d+[a-zđ]?\d*|[a-zđ]\d*|[a-zđ]\.\d+|[IVXLC]+|này"
_ATOMS = re.compile(
    _token_start(
        rf"(?P<UNIT>(?i:{'|'.join(UNIT_WORDS)}) (?:(?:{_DESIGNATOR})(?![^ ])|(?i:thứ) \S+))"
        rf"|(?P<DOCTYPE>(?i:{'|'.join(DOC_TYPES)}))"
        rf"|(?P<NUMBER>{NUMBER_RE.pattern[1:-1]})"
    )
)


@dataclass
class _Atom:
    kind: str  # UNIT | DOCTYPE | NUMBER
    start: int  # token index
    end: int


def _atoms(joined: str, tokens: list[str]) -> list[_Atom]:
    out = []
    at = start = 0  # tokens before character `at`
    for m in _ATOMS.finditer(joined):
        start += joined.count(" ", at, m.start())
        at = m.start()
        end = start + m.group().count(" ") + 1
        if m.lastgroup == "UNIT" and m.group().count(" ") == 2 and not tokens[end - 1].isalpha():
            continue  # "Phần thứ hai": the ordinal is a word
        out.append(_Atom(m.lastgroup, start, end))
    return out


# Every atom holds one of these, in lower case: a paragraph without any (two in three) is
# done without being split into tokens. A unit word counts only with the start of a
# designator after it ("khoản 2", "điểm a", "điểm a.1", "Chương IV", "Điều này", "Phần thứ
# hai"), as the UNIT atom reads it, so that "điều kiện", "mục đích", "cổ phần", "tài khoản"
# and "kiến nghị" are not split (15,300 of the corpus's 117,700 paragraphs, for none of its
# references: extraction 2.16-2.29 s against 2.29-2.40 s, four passes alternated).
_DESIGNATOR_START = r"\d|[a-zđ](?:[\d.]|(?!\w))|[ivxlc]+(?!\w)|(?:này|thứ)(?!\w)"
_TRIGGER = re.compile(
    "|".join(
        [
            rf"(?:{'|'.join(UNIT_WORDS)})\s+(?:{_DESIGNATOR_START})",
            "luật",
            "lệnh",
            r"nghị\s+(?:quyết|định)",
            r"thông\s+tư",
            r"quyết\s+định",
            r"chỉ\s+thị",
            r"hiến\s+pháp",
            r"\d/",
        ]
    )
)
# A token with the white space before it: their lengths, summed, give every token's end.
_SPACED_TOKEN = re.compile(rf"(\s*)({_TOKEN.pattern})")


def extract(text: str) -> list[Reference]:
    """References in one paragraph, in order. The same paragraph is read once: a document
    is read again when a document it cites arrives, an amending law again for each law it
    amends (the references are never changed by their readers)."""
    if not text:
        return []
    return list(_extract_cached(text))


# as many paragraphs as a bulk ingest reads again: at 65,536 an ingest of the corpus read
# 15,000 of its 107,000 again (0.38 s of the writer's); this size costs 30 MB more at its peak
@lru_cache(maxsize=262144)
def _extract_cached(text: str) -> tuple[Reference, ...]:
    return tuple(_extract(text))


def _extract(text: str) -> list[Reference]:
    if not _TRIGGER.search(text.lower()):
        return []
    pairs = _SPACED_TOKEN.findall(text)
    tokens = list(map(itemgetter(1), pairs))
    joined = " ".join(tokens)
    atoms = _atoms(joined, tokens)
    if not atoms:
        return []
    lower = joined.lower().split(" ")
    atoms = _non_overlapping(
        [a for a in atoms if not _false_doctype(a, lower) and not _false_unit(a, tokens, lower)]
    )
    ends = list(accumulate(map(len, chain.from_iterable(pairs))))[1::2]
    refs: list[Reference] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        if atom.kind == "UNIT":
            ref, i = _unit_chain(atoms, i, tokens, lower)
        else:
            ref, i = _doc_ref(atoms, i, tokens, lower)
        if ref is not None:
            first, last = ref
            start, end = ends[first] - len(tokens[first]), ends[last - 1]
            refs.append(_finish(text, start, end, tokens, lower, first, last))
    return [r for r in refs if r.units or r.doc]


def _false_doctype(atom: _Atom, lower: list[str]) -> bool:
    """ "pháp luật", "luật sư", "điều kiện" are words, not a document type."""
    if atom.kind != "DOCTYPE":
        return False
    before = lower[atom.start - 1] if atom.start else ""
    after = lower[atom.end] if atom.end < len(lower) else ""
    return before == "pháp" or (lower[atom.end - 1] == "luật" and after == "sư")


# Words that end in a unit word: "hạng mục này" (this item), "thời điểm này" (this moment),
# "thang điểm 100" (a 100-point scale), "tài khoản này" (this account) are not references.
_COMPOUND_BEFORE = {
    "mục": {"hạng", "danh", "chuyên", "đề"},
    "điểm": {"thời", "địa", "đặc", "quan", "ưu", "nhược", "trọng", "giao", "thang"},
    "khoản": {"tài", "điều"},  # "các điều khoản này": these terms
}


def _false_unit(atom: _Atom, tokens: list[str], lower: list[str]) -> bool:
    """Not a reference: a word that ends in a unit word; a unit word in capitals ("CHƯƠNG I:
    XE Ô TÔ", a heading of a table, never how running text cites); "phần" in lower case
    ("các phần này": these lots; a Phần is cited "Phần thứ hai", "Phần này")."""
    if atom.kind != "UNIT":
        return False
    word = tokens[atom.start]
    if word.isupper() and len(word) > 1 or word == "phần":
        return True
    before = _COMPOUND_BEFORE.get(lower[atom.start]) if atom.start else None
    return bool(before) and lower[atom.start - 1] in before


def _non_overlapping(atoms: list[_Atom]) -> list[_Atom]:
    out: list[_Atom] = []
    for atom in atoms:
        if out and atom.start < out[-1].end:
            continue
        out.append(atom)
    return out


_CONNECTORS = {",", "và", "hoặc", "các", "đến", "từ"}


def _unit_chain(atoms, i, tokens, lower):
    """Join a run of unit atoms, bare list items ("các khoản 2a, 2b và 2c") and connectors;
    then an attached document, if any."""
    first = atoms[i].start
    last = atoms[i].end
    j = i + 1
    while True:
        k = last  # bare list items after a unit word
        while (
            k + 1 < len(tokens)
            and lower[k] in (",", "và", "hoặc")
            and re.fullmatch(r"\d+[a-zđ]?\d*|[a-zđ]\d*", tokens[k + 1])
            and not (k + 2 < len(tokens) and lower[k + 2] in ("năm", "tháng", "ngày"))
        ):
            k += 2
        last = k
        if (
            j < len(atoms)
            and atoms[j].kind == "UNIT"
            and atoms[j].start - last <= 3
            and all(lower[t] in _CONNECTORS for t in range(last, atoms[j].start))
        ):
            last = atoms[j].end
            j += 1
            continue
        break
    # an attached document: "của Luật này", "Luật Đấu thầu", "Nghị định số 24/2024/NĐ-CP"
    k = last
    if k < len(tokens) and lower[k] in ("của", "tại", "thuộc"):
        k += 1
    if j < len(atoms) and atoms[j].kind in ("DOCTYPE", "NUMBER") and atoms[j].start == k:
        end, j = _doc_extent(atoms, j, tokens, lower)
        last = end
    return (first, last), j


def _doc_extent(atoms, j, tokens, lower):
    """Token end of a document reference starting at atoms[j] (type, name, số, number)."""
    atom = atoms[j]
    end = atom.end
    j += 1
    if atom.kind == "DOCTYPE":
        if end < len(tokens) and lower[end] == "này":
            return end + 1, j
        if not tokens[atom.start][:1].isupper():  # "của luật …": no name, a number at most
            if end < len(tokens) and lower[end] == "số":
                end += 1
            if j < len(atoms) and atoms[j].kind == "NUMBER" and atoms[j].start == end:
                return atoms[j].end, j + 1
            return atom.end, j
        # a name: "Đất đai", "Tố tụng dân sự", "Lao động", starting with a capital, or in
        # lower case after a capitalised "Bộ luật"/"Luật" ("Bộ luật hình sự")
        k = end
        named = tokens[atom.start][:1].isupper() and lower[atom.start] in ("bộ", "luật")

        def name_word(t: int) -> bool:
            """A word of the name: a capitalised word, or a lower-case one that is not a
            function word ("Luật Quy hoạch", "Bộ luật hình sự", "… theo phương thức đối tác
            công tư")."""
            if not tokens[t].isalpha():
                return False
            if lower[t : t + 7] == _PPP:
                return True
            return tokens[t][:1].isupper() or lower[t] not in _NAME_STOP

        if k < len(tokens) and (tokens[k][:1].isupper() or named) and name_word(k):
            while k < len(tokens) and name_word(k) and k - end < 10:
                if lower[k : k + 7] == _PPP:
                    k += 7
                    continue
                k += 1
        end = max(k, _known_name_end(lower, atom.start))
        if end < len(tokens) and lower[end] == "số":
            end += 1
        if j < len(atoms) and atoms[j].kind == "NUMBER" and atoms[j].start == end:
            end = atoms[j].end
            j += 1
    return end, j


@lru_cache(maxsize=1)
def _known_names() -> dict[str, list[tuple[str, ...]]]:
    """schema/law_names.txt as lower-case token tuples by first token, longest first."""
    text = resources.files("schema").joinpath("law_names.txt").read_text(encoding="utf-8")
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            toks = tuple(_TOKEN.findall(unicodedata.normalize("NFC", line.strip()).lower()))
            by_first.setdefault(toks[0], []).append(toks)
    for names in by_first.values():
        names.sort(key=len, reverse=True)
    return by_first


def _known_name_end(lower: list[str], start: int) -> int:
    """Token end of a listed name written at `start` ("Luật Hôn nhân và gia đình"), or 0."""
    for name in _known_names().get(lower[start], ()):
        if tuple(lower[start : start + len(name)]) == name:
            return start + len(name)
    return 0


def _doc_ref(atoms, i, tokens, lower):
    end, j = _doc_extent(atoms, i, tokens, lower)
    atom = atoms[i]
    if atom.kind == "DOCTYPE":
        covered = end - atom.end
        alone_names_one = tokens[atom.start] == "Hiến"  # "tuân theo Hiến pháp": the Constitution
        if covered == 0 and not alone_names_one:
            return None, j  # "luật" alone, as in "theo quy định của luật": not a citation
    return (atom.start, end), j


def _finish(text, start, end, tokens, lower, first, last) -> Reference:
    ref = Reference(text=text[start:end], start=start, end=end)
    pending: list[tuple[str, str]] = []  # (level, designator) in text order
    range_from = None
    attached: set[int] = set()  # indexes of designators that belong to the article before
    k = first
    doc_start = None
    while k < last:
        word = lower[k]
        if word in UNIT_WORDS and k + 1 < last:
            level = UNIT_WORDS[word]
            designator = tokens[k + 1]
            if designator.lower() == "thứ" and k + 2 < last:
                designator = f"thứ {tokens[k + 2]}"
                k += 1
            if pending and _after_article(pending[-1], level, lower[first:k]):
                attached.add(len(pending))  # "Điều 141, các khoản 2, 3 và 4": of Điều 141
            pending.append((level, designator))
            k += 2
            continue
        if (
            word in (",", "và", "hoặc")
            and pending
            and k + 1 < last
            and re.fullmatch(r"\d+[a-zđ]?\d*|[a-zđ]\d*", tokens[k + 1])
        ):
            if len(pending) - 1 in attached:
                attached.add(len(pending))
            pending.append((pending[-1][0], tokens[k + 1]))  # "các khoản 2a, 2b và 2c"
            k += 2
            continue
        if word == "đến":
            range_from = len(pending)
        starts_doc = any(lower[k : k + len(t.split())] == t.split() for t in DOC_TYPES)
        if word in ("của", "tại", "thuộc") or starts_doc or NUMBER_RE.match(tokens[k]):
            doc_start = k if word not in ("của", "tại", "thuộc") else k + 1
            break
        k += 1
    units = _expand(pending, range_from, attached)
    ref.units = units
    if doc_start is not None and doc_start < last:
        ref.doc = _parse_doc(tokens[doc_start:last])
    elif not pending:
        ref.doc = _parse_doc(tokens[first:last])
    return ref


def _after_article(previous: tuple[str, str], level: str, before: list[str]) -> bool:
    """A khoản list written after its article, set off by a comma: "Điều 141, các khoản
    2, 3 và 4" (the usual order is the other way: "các khoản 2, 3 và 4 Điều 141")."""
    if previous[0] != "dieu" or level not in ("khoan", "diem"):
        return False
    return before[-1:] == [","] or before[-2:] == [",", "các"]


def _expand(
    pending: list[tuple[str, str]], range_from: int | None, attached: set[int] = frozenset()
) -> list[dict[str, str]]:
    """Designators in text order ("điểm a, điểm b khoản 1 Điều 3") to unit paths: a run of
    one level shares the levels written after it; "từ Điều 5 đến Điều 10" is a range;
    designators `attached` to the article before them take its number."""
    if not pending:
        return []
    if attached:
        article = None
        out: list[tuple[str, str]] = []
        for n, (level, designator) in enumerate(pending):
            if level == "dieu":
                article = designator
            if n in attached and article is not None:
                out.append((level, f"{designator}\x00{article}"))
            else:
                out.append((level, designator))
        items = _expand(out, range_from)
        owners: set[str] = set()  # articles cited through their khoản, not as a whole
        for item in items:
            for level, value in list(item.items()):
                if "\x00" in value:  # its own article, unless one is written after it
                    item[level], article = value.split("\x00")
                    if "dieu" not in item:
                        item["dieu"] = article
                        owners.add(article)
        return [i for i in items if not (list(i) == ["dieu"] and i["dieu"] in owners)]
    if (
        range_from is not None
        and 0 < range_from < len(pending)
        and pending[range_from - 1][0] == pending[range_from][0]
    ):
        level = pending[range_from][0]
        span = _range(level, pending[range_from - 1][1], pending[range_from][1])
        pending = pending[: range_from - 1] + [(level, d) for d in span] + pending[range_from + 1 :]
    items: list[dict[str, str]] = []
    for level, designator in pending:
        shallower = (
            items and level not in items[-1] and _LEVEL[level] < min(_LEVEL[lv] for lv in items[-1])
        )
        if shallower:  # "khoản 1" after "điểm a và điểm b": qualifies every item lacking it
            for item in items:
                if level not in item and _LEVEL[level] < min(_LEVEL[lv] for lv in item):
                    item[level] = designator
        else:
            items.append({level: designator})
    return items


def _range(level: str, a: str, b: str) -> list[str]:
    """ "từ Điều 5 đến Điều 10" -> 5..10; points in the Vietnamese letter order."""
    if a.isdigit() and b.isdigit() and int(a) <= int(b) <= int(a) + 500:
        return [str(n) for n in range(int(a), int(b) + 1)]
    if level == "diem" and a in POINT_LETTERS and b in POINT_LETTERS:
        return POINT_LETTERS[POINT_LETTERS.index(a) : POINT_LETTERS.index(b) + 1]
    ra, rb = roman_to_int(a), roman_to_int(b)
    if ra and rb and ra <= rb:
        from ingest.parse.numbering import int_to_roman

        return [int_to_roman(n) for n in range(ra, rb + 1)]
    return [a, b]


_SPACE_BEFORE_COMMA = re.compile(r"\s+,")  # tokens joined: "Phòng , chống" -> "Phòng, chống"


def _parse_doc(tokens: list[str]) -> DocRef | None:
    if not tokens:
        return None
    lower = [t.lower() for t in tokens]
    if lower[-1] == "này":
        return DocRef(this=True, doc_type=" ".join(tokens[:-1]) or None)
    number = next((t for t in tokens if NUMBER_RE.match(t)), None)
    doc_type = None
    for candidate in DOC_TYPES:
        words = candidate.split()
        if lower[: len(words)] == words:
            doc_type = " ".join(tokens[: len(words)])
            rest = [t for t in tokens[len(words) :] if t.lower() != "số" and t != number]
            name = _SPACE_BEFORE_COMMA.sub(",", " ".join([doc_type] + rest)) if rest else None
            return DocRef(
                doc_type=doc_type[:1].upper() + doc_type[1:],
                number=number,
                name=name[:1].upper() + name[1:] if name else None,
            )
    if number:
        return DocRef(number=number)
    return None
