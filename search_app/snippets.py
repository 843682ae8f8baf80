"""Snippets: the window of a unit's text where the query's words are densest, with the
matched syllables between «» marks (pages escape the text, then turn marks into <mark>)."""

from __future__ import annotations

import re

from ingest.text import fold_aligned
from search_app.contract import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN

_WORD = re.compile(r"\w+")


def snippet(text: str, query_folded: set[str], width: int = 32) -> str:
    """About `width` syllables around the best match; the start of the text if none."""
    folded_text = fold_aligned(text)
    words = list(_WORD.finditer(folded_text))
    if not words:
        return text[:200]
    hits = [m.group() in query_folded for m in words]
    best_start, best = 0, -1
    window = sum(hits[:width])
    for start in range(0, max(1, len(words) - width + 1)):
        if start:
            window += hits[start + width - 1] if start + width - 1 < len(words) else 0
            window -= hits[start - 1]
        if window > best:
            best, best_start = window, start
    lo = max(0, best_start - 3) if best > 0 else 0
    hi = min(len(words), lo + width)
    out, pos, open_mark = [], words[lo].start(), False
    for m, hit in zip(words[lo:hi], hits[lo:hi], strict=True):
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
    prefix = "… " if lo > 0 else ""
    suffix = " …" if hi < len(words) else ""
    return (prefix + "".join(out) + suffix).replace("\n", " ")
