"""Snippets: the window of a unit's text where the query's words are densest, with the
matched syllables between «» marks (pages escape the text, then turn marks into <mark>).

Articles can run to tens of thousands of characters: the query's words are found with one
regular expression over the folded text (C speed), and only the words of the chosen window
are walked in Python."""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.parse.text import fold_aligned
from search_app.engine.contract import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN

_WORD = re.compile(r"\w+")
_CHARS_PER_WORD = 5  # a Vietnamese syllable and its space, on average


@lru_cache(maxsize=256)
def words_pattern(query_folded: frozenset[str]) -> re.Pattern | None:
    """Whole folded syllables of the query, longest first."""
    words = sorted((w for w in query_folded if w), key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")


def snippet(
    text: str, query_folded: set[str], width: int = 32, folded_text: str | None = None
) -> str:
    """About `width` syllables around the best match; the start of the text if none.
    `folded_text`: fold_aligned(text) when the caller has it already."""
    if folded_text is None or len(folded_text) != len(text):
        folded_text = fold_aligned(text)
    pattern = words_pattern(frozenset(query_folded))
    starts = [m.start() for m in pattern.finditer(folded_text)] if pattern else []
    span = width * _CHARS_PER_WORD
    begin = 0
    if starts:  # the densest run of matches within `span` characters
        best, best_i, j = 0, 0, 0
        for i in range(len(starts)):
            while starts[i] - starts[j] > span:
                j += 1
            if i - j + 1 > best:
                best, best_i = i - j + 1, j
        begin = starts[best_i]
        lead = list(_WORD.finditer(folded_text, max(0, begin - 40), begin))
        begin = lead[-3].start() if len(lead) >= 3 else (lead[0].start() if lead else begin)
    words = []
    for m in _WORD.finditer(folded_text, begin):
        words.append(m)
        if len(words) == width:
            break
    if not words:
        return text[:200]
    out, pos, open_mark = [], words[0].start(), False
    for m in words:
        hit = m.group() in query_folded
        gap = text[pos : m.start()]
        if open_mark and not (hit and gap.isspace()):  # a run of matched words ends
            out.append(HIGHLIGHT_CLOSE)
            open_mark = False
        out.append(gap)
        if hit and not open_mark:
            out.append(HIGHLIGHT_OPEN)
            open_mark = True
        out.append(text[m.start() : m.end()])
        pos = m.end()
    if open_mark:
        out.append(HIGHLIGHT_CLOSE)
    prefix = "… " if words[0].start() > 0 and _WORD.search(folded_text, 0, words[0].start()) else ""
    suffix = " …" if _WORD.search(folded_text, words[-1].end()) else ""
    return (prefix + "".join(out) + suffix).replace("\n", " ")
