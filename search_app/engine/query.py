"""The query language people type, parsed into a backend-neutral model. Pure.

Understood:
- plain words: `hợp đồng lao động`, or without diacritics `hop dong lao dong`
- "exact phrase" (straight or curly quotes; an unclosed quote runs to the end)
- -word and -"phrase" to exclude
- A OR B between two items
- a số ký hiệu (`80/2015/QH13`, `34/2016/nđ-cp`): straight to that document
- a unit reference: "Điều 5 Luật Đấu thầu", "khoản 2 điều 5 bộ luật lao động",
  "điểm a khoản 1 Điều 3 Nghị định 214/2025/NĐ-CP": straight to that unit
Anything else (FTS5 operators such as NEAR( or *, punctuation) is only a separator: the
backends never see the user's syntax, only words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from search_app.engine.analysis import fold, tokens

MAX_QUERY_CHARS = 500
MAX_ITEMS = 24

NUMBER = re.compile(
    r"(?<![\w/])(\d{1,5}/(?:\d{4}/)?[A-Za-zĐđ][A-Za-zĐđ0-9]*(?:-[A-Za-zĐđ0-9]+)*)(?![\w/])"
)
_UNIT_REF = re.compile(
    r"^(?:diem\s+(?P<diem>[a-z]{1,2}\d*)\s+)?(?:khoan\s+(?P<khoan>\d+[a-z]?)\s+)?"
    r"dieu\s+(?P<dieu>\d+[a-z]?)\s*(?:,\s*)?(?:cua\s+|tai\s+)?(?P<doc>\S.*)?$"
)
# Words that carry no legal content in a question: when a query has other words, these are
# not required to match (they still count in ranking). Typed with diacritics they are
# recognised as such; typed without, only those whose folded form names nothing else
# ("thi" could be thị, "ma" mã, "toi" tội, so they stay required).
QUESTION_PHRASES = (
    "bao nhiêu",
    "là gì",
    "như thế nào",
    "thế nào",
    "khi nào",
    "ở đâu",
    "tại sao",
    "vì sao",
    "bao lâu",
    "hay không",
    "được không",
    "có phải",
    "làm sao",
    "ra sao",
    "gồm những ai",
    "những ai",
    "là ai",
)
FILLER_WORDS = {
    "các",
    "những",
    "của",
    "là",
    "thì",
    "mà",
    "và",
    "được",
    "bị",
    "cho",
    "với",
    "về",
    "trong",
    "khi",
    "nếu",
    "có",
    "không",
    "nào",
    "gì",
    "ai",
    "đâu",
    "hay",
    "hoặc",
    "phải",
    "tôi",
    "mình",
    "muốn",
    "cần",
    "hỏi",
    "ạ",
    "nhé",
    "thế",
    "sao",
}
FILLER_FOLDED = {
    "cac",
    "nhung",
    "cua",
    "la",
    "va",
    "duoc",
    "bi",
    "cho",
    "voi",
    "ve",
    "trong",
    "khi",
    "neu",
    "khong",
    "gi",
    "nao",
}
QUESTION_WORDS_FOLDED = FILLER_FOLDED  # kept for callers that only have folded words


def filler_positions(words: list[str]) -> set[int]:
    """Indexes of question and function words in a list of accented tokens."""
    out = set()
    folded_words = [fold(w) for w in words]
    for phrase in QUESTION_PHRASES:
        parts = phrase.split()
        folded_parts = [fold(p) for p in parts]
        for i in range(len(words) - len(parts) + 1):
            window = words[i : i + len(parts)]
            if window == parts or (
                folded_words[i : i + len(parts)] == folded_parts
                and not any(fold(w) != w for w in window)
            ):
                out.update(range(i, i + len(parts)))
    for i, w in enumerate(words):
        if w in FILLER_WORDS or (fold(w) == w and w in FILLER_FOLDED):
            out.add(i)
    return out


@dataclass
class Clause:
    """One required item: alternatives joined by OR; each alternative is a list of accented
    tokens, a phrase when it has more than one."""

    alternatives: list[list[str]]
    filler: bool = False  # a lone question or function word: not required to match


@dataclass
class UnitRef:
    dieu: str
    khoan: str | None = None
    diem: str | None = None
    doc_words: str = ""  # folded words naming the document: "bo luat lao dong"
    doc_number: str | None = None


@dataclass
class ParsedQuery:
    raw: str
    clauses: list[Clause] = field(default_factory=list)
    excluded: list[list[str]] = field(default_factory=list)
    number: str | None = None
    unit_ref: UnitRef | None = None
    message: str | None = None  # why the query was cut or cannot run, for the user

    @property
    def positive_tokens(self) -> list[str]:
        return [t for c in self.clauses for alt in c.alternatives for t in alt]

    def is_searchable(self) -> bool:
        return bool(self.clauses)


def _items(text: str) -> list[tuple[bool, list[str]]]:
    """(excluded, tokens) items: words and quoted phrases, in order; `OR` kept as a marker."""
    out: list[tuple[bool, list[str]]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        negate = False
        if ch == "-" and i + 1 < n and not text[i + 1].isspace():
            negate, i = True, i + 1
            ch = text[i]
        if ch in '"“”':
            end = min(
                (
                    j
                    for j in (text.find('"', i + 1), text.find("”", i + 1), text.find("“", i + 1))
                    if j != -1
                ),
                default=n,
            )
            phrase = tokens(text[i + 1 : end])
            if phrase:
                out.append((negate, phrase))
            i = end + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in '"“”':
            j += 1
        word = text[i:j]
        i = j
        if word == "OR" and not negate:
            out.append((False, [_OR]))
            continue
        for tok in tokens(word):
            out.append((negate, [tok]))
    return out


_OR = "\x00OR"


def segment_words(syllables: list[str]) -> list[int]:
    """Lengths of the words the syllables form, by underthesea for text typed with
    diacritics ("sa thải" is one word); one syllable a word without diacritics, where
    segmentation cannot be trusted."""
    text = " ".join(syllables)
    if fold(text) == text:
        return [1] * len(syllables)
    from underthesea import word_tokenize  # imported on first use: 1 s, then ~0.1 ms

    lengths = [len(w.split()) for w in word_tokenize(text)]
    return lengths if sum(lengths) == len(syllables) else [1] * len(syllables)


def _bind_or_operands(items: list[tuple[bool, list[str]]]) -> list[tuple[bool, list[str]]]:
    """`sa thải OR khiển trách` means ("sa thải") OR ("khiển trách"): the word on each side
    of OR, not the syllable, is the operand. Words come from segmenting all plain syllables
    of the query at once, so each side is read in context."""
    if not any(toks == [_OR] for _, toks in items):
        return items
    plain = [
        k for k, (neg, toks) in enumerate(items) if not neg and len(toks) == 1 and toks != [_OR]
    ]
    word_of: dict[int, list[int]] = {}
    pos = 0
    for length in segment_words([items[k][1][0] for k in plain]):
        members = plain[pos : pos + length]
        if members == list(range(members[0], members[0] + length)):  # contiguous items
            for k in members:
                word_of[k] = members
        pos += length
    out: list[tuple[bool, list[str]]] = []
    k = 0
    while k < len(items):
        members = word_of.get(k, [k])
        nxt = members[-1] + 1
        next_is_or = nxt < len(items) and items[nxt][1] == [_OR]
        prev_is_or = bool(out) and out[-1][1] == [_OR]
        if len(members) > 1 and (next_is_or or prev_is_or):
            out.append((False, [items[m][1][0] for m in members]))
        else:
            out.extend(items[m] for m in members)
        k = nxt
    return out


def parse_query(text: str) -> ParsedQuery:
    text = (text or "").strip()
    q = ParsedQuery(raw=text)
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        q.message = f"Câu tìm kiếm quá dài; chỉ dùng {MAX_QUERY_CHARS} ký tự đầu."
    m = NUMBER.search(text)
    if m:
        q.number = m.group(1)
    q.unit_ref = parse_unit_ref(text)

    items = _bind_or_operands(_items(text))
    pending_or = False
    for negate, toks in items:
        if toks == [_OR]:
            pending_or = bool(q.clauses)
            continue
        if negate:
            q.excluded.append(toks)
        elif pending_or:
            q.clauses[-1].alternatives.append(toks)
        else:
            q.clauses.append(Clause([toks]))
        pending_or = False
    singles = [
        i
        for i, c in enumerate(q.clauses)
        if len(c.alternatives) == 1 and len(c.alternatives[0]) == 1
    ]
    fillers = filler_positions([q.clauses[i].alternatives[0][0] for i in singles])
    for k in fillers:
        q.clauses[singles[k]].filler = True
    if len(q.clauses) > MAX_ITEMS:
        q.clauses = q.clauses[:MAX_ITEMS]
        q.message = q.message or f"Chỉ dùng {MAX_ITEMS} từ đầu của câu tìm kiếm."
    if not q.clauses and not q.number:
        q.message = q.message or (
            "Cần ít nhất một từ cần tìm." if q.excluded else "Hãy nhập từ cần tìm."
        )
    return q


def parse_unit_ref(text: str) -> UnitRef | None:
    """ "khoản 2 điều 5 bộ luật lao động" -> UnitRef(dieu="5", khoan="2", doc_words=...)."""
    folded_text = " ".join(fold(text).split())
    m = _UNIT_REF.match(folded_text)
    if not m or not m.group("doc"):
        return None
    doc = m.group("doc").strip(" .,;")
    number = NUMBER.search(text)
    words = re.sub(r"\b(?:so|số)\b", " ", NUMBER.sub(" ", doc)).split()
    if not words and not number:
        return None
    diem = m.group("diem")
    if diem:  # the folded query lost đ: take the letter as written
        raw = re.search(r"(?i)điểm\s+(\w{1,2}\d*)", text)
        diem = raw.group(1).lower() if raw else diem
    return UnitRef(
        dieu=m.group("dieu"),
        khoan=m.group("khoan"),
        diem=diem,
        doc_words=" ".join(words),
        doc_number=number.group(1) if number else None,
    )
