"""Which unit inside a matching article a hit should name. Pure.

Articles are ranked as wholes (an article is where a provision lives, and one row an article
keeps the index at one posting per word); the hit then points at the most specific unit
that holds as much of the query as the article does: "tội trộm cắp tài sản bị phạt tù"
names the article, "chào giá trực tuyến là gì" names khoản 1 of the definitions article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ingest.parse.text import fold_aligned
from schema.model import DIEU
from search_app.engine.snippets import words_pattern

_WORD = re.compile(r"\w+")


@dataclass
class SubUnit:
    id: str
    type: str
    label: str  # citation label: "điểm a khoản 2 Điều 5"
    heading: str
    own: str  # own paragraphs
    children: list[SubUnit] = field(default_factory=list)
    depth: int = 0

    def full_text(self) -> str:
        parts = [self.heading, self.own] + [c.full_text() for c in self.children]
        return " ".join(p for p in parts if p)

    @cached_property
    def folded_own(self) -> str:
        return fold_aligned(self.own)

    def folded_full_text(self) -> str:
        """fold_aligned(full_text()), reusing the folds refining already made: folding keeps
        every character in place, so folded parts join as the parts do."""
        parts = [fold_aligned(self.heading), self.folded_own]
        parts += [c.folded_full_text() for c in self.children]
        return " ".join(p for p in parts if p)


def build_tree(rows: list[dict]) -> SubUnit | None:
    """Rows of the units table for one unit and its descendants, in document order."""
    by_id: dict[str, SubUnit] = {}
    root = None
    for r in rows:
        parent = by_id.get(r["parent_id"] or "")
        unit = SubUnit(
            id=r["id"],
            type=r["type"],
            label=r["citation"],
            heading=r["heading"] or "",
            own=" ".join(x for x in (r["text"], r["tail"]) if x),
            depth=parent.depth + 1 if parent else 0,
        )
        by_id[r["id"]] = unit
        if parent is not None:
            parent.children.append(unit)
        elif root is None:
            root = unit
    return root


def _tokens(text: str, pattern: re.Pattern | None = None) -> set[str]:
    """The folded syllables of the text; with a pattern, only those it matches (one C-speed
    pass instead of a string a syllable)."""
    return _folded_tokens(fold_aligned(text), pattern)


def _folded_tokens(folded: str, pattern: re.Pattern | None) -> set[str]:
    return set(pattern.findall(folded) if pattern is not None else _WORD.findall(folded))


def best_unit(article: SubUnit, content: list[str], definition: str | None) -> SubUnit:
    """The article itself when its title holds the query; else the deepest unit holding as
    much of the query as the whole article; for "X là gì", the unit that starts "X là"."""
    if definition:
        for unit in _walk(article):
            if unit.type != DIEU and " ".join(_WORD.findall(fold_aligned(unit.own))).startswith(
                definition + " la "
            ):
                return unit
    if not content:
        return article
    wanted = set(content)
    pattern = words_pattern(frozenset(wanted))
    covered: dict[str, int] = {}

    def collect(unit: SubUnit) -> set[str]:
        found = _folded_tokens(unit.folded_own, pattern) & wanted
        for child in unit.children:
            found |= collect(child)
        covered[unit.id] = len(found)
        return found

    collect(article)
    whole = covered[article.id]
    if whole == 0 or len(_tokens(article.heading, pattern) & wanted) >= whole:
        return article
    best = article
    for unit in _walk(article):
        if unit.depth > best.depth and covered[unit.id] >= whole:
            best = unit
    return best


def _walk(unit: SubUnit):
    yield unit
    for child in unit.children:
        yield from _walk(child)
