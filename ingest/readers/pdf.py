"""PDF with a text layer (the Công báo's own format), through pypdfium2.

pypdfium2 binds PDFium, the PDF engine of Chromium: on 12 gazette PDFs of the shared corpus
it extracts 0.49 M characters/s against pdfminer.six's 0.024 M (20 times slower) with the
same lines, and it is maintained and ships its engine in the wheel (no system library).
The text comes out a line per printed line; the gazette's furniture is removed
(readers/gazette.py) and the lines are joined into paragraphs (readers/unwrap.py).
A PDF without a text layer (a scan) is refused: LexVN does no OCR.

A VBHN's footnotes sit at the page foot under a footnote rule that the text layer does not
hold: the rule is a drawn line. Word draws it short (about 144 pt) at the left text margin,
and a footnote that goes on at the next page's foot under a full-width continuation rule at
the same margin. The text below such a rule is given after a SEPARATOR line, as the
pdftotext copies give it after their line of spaces (readers/gazette.py); only a VBHN's
footnotes become annotations. With it the PDFs of VBHN 06, 22, 462, 465 and 4804 read
exactly (their footnotes quote the amending documents' articles, which had been read as the
VBHN's own).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ingest.parse.text import normalize
from ingest.readers import ReaderError
from ingest.readers.gazette import SEPARATOR
from ingest.readers.lines import paragraphs_from_lines
from schema.model import Issue, Paragraph


def _normal(text: str) -> str:
    """PDFium gives a hyphen that ends a line as U+FFFE ("Thông tư số 08/2017/TT\ufffeBLĐTBXH"
    in 3503/VBHN-BLĐTBXH): it is the text's hyphen."""
    return normalize(text.replace("\ufffe", "-"))


MAX_PAGES = 5000
_RULE_WIDTH = (100.0, 200.0)  # a footnote rule, in points
_CONTINUATION_WIDTH = 300.0  # a continuation rule spans the text width
_FLAT = 3.0  # a drawn line: less high than this
_NUMBER_FIRST = re.compile(r"^\s*\d{1,3}(?:\s|$)")


def _horizontal_lines(page) -> list[tuple[float, float, float]]:
    """(left, y, width) of the flat drawn lines below the running header's rule. Walks
    PDFium's objects through its C API: a page of a Công báo issue holds hundreds of text
    objects, and a Python wrapper for each took two fifths of reading the PDF (the C
    functions are bound once: a page makes a thousand calls)."""
    from ctypes import c_float

    import pypdfium2.raw as pdfium_c

    _, height = page.get_size()
    out: list[tuple[float, float, float]] = []
    api = (
        pdfium_c.FPDFPageObj_GetType,
        pdfium_c.FPDFPageObj_GetBounds,
        pdfium_c.FPDF_PAGEOBJ_PATH,
        pdfium_c.FPDF_PAGEOBJ_FORM,
        pdfium_c.FPDFFormObj_CountObjects,
        pdfium_c.FPDFFormObj_GetObject,
        (c_float(), c_float(), c_float(), c_float()),
    )
    raw = page.raw
    _flat_lines(
        pdfium_c.FPDFPage_CountObjects(raw),
        pdfium_c.FPDFPage_GetObject,
        raw,
        0,
        api,
        height * 0.9,
        out,
    )
    return out


def _flat_lines(
    count: int, get, parent, depth: int, api: tuple, top_limit: float, out: list
) -> None:
    """The flat lines among a page's or a form's objects, into `out` in their order. At
    module level: a recursive helper nested in its caller is a cycle through its own
    closure, freed only by the cyclic collector (lexvn/collector.py)."""
    get_type, get_bounds, path_kind, form_kind, count_in_form, get_in_form, box = api
    left, bottom, right, top = box
    for i in range(count):
        obj = get(parent, i)
        if not obj:
            continue
        kind = get_type(obj)
        if kind == path_kind:
            if not get_bounds(obj, left, bottom, right, top):
                continue
            y0, y1, x0, x1 = bottom.value, top.value, left.value, right.value
            if y1 - y0 < _FLAT and x1 - x0 > 40 and y1 < top_limit:
                out.append((x0, y0, x1 - x0))
        elif kind == form_kind and depth < 2:
            _flat_lines(count_in_form(obj), get_in_form, obj, depth + 1, api, top_limit, out)


def _numbers_joined(lines: list[str]) -> list[str]:
    """A footnote number that PDFium gives on a line of its own ("1", then its text) put
    back before its text, as the page prints it."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].strip().isdigit() and line.strip():
            out[-1] = f"{out[-1].strip()} {line.strip()}"
        else:
            out.append(line)
    return out


def _footnote_rule(
    lines: list[tuple[float, float, float]], margins: set[int], foot: Callable[[float], str]
) -> float | None:
    """The y of the page's footnote rule, or None. A short rule at a left margin is one when
    a footnote number opens the text under it (the underline of a header's "Số: …" is not)
    or when an earlier rule stood at that margin (a footnote goes on under it); a full-width
    line counts only at such a margin, and only as the page's one flat line (a table has
    many)."""
    short = [(x, y) for x, y, w in lines if _RULE_WIDTH[0] <= w <= _RULE_WIDTH[1] and x < 150]
    if len(short) == 1:
        x, y = short[0]
        if round(x) not in margins and not _NUMBER_FIRST.match(foot(y)):
            return None
        margins.add(round(x))
        return y
    if short:
        # a table's borders too: the rule is the lowest line at a footnote margin with a
        # footnote number under it ("10" / "11 Phụ lục này được thay thế …" under the
        # last row of a table, VBHN 2007/VBHN-BLĐTBXH's PDF)
        x, y = min(short, key=lambda xy: xy[1])
        if round(x) in margins and _NUMBER_FIRST.match(foot(y)):
            return y
        return None
    wide = [y for x, y, w in lines if w >= _CONTINUATION_WIDTH and round(x) in margins]
    return wide[0] if len(wide) == 1 and len(lines) == 1 else None


def read(path: str | Path, data: bytes, issues: list[Issue]) -> list[Paragraph]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ReaderError(path, f"not a readable PDF: {exc}") from exc
    try:
        if len(pdf) > MAX_PAGES:
            raise ReaderError(path, f"{len(pdf)} pages, more than {MAX_PAGES}")
        lines: list[str] = []
        margins: set[int] = set()
        for page in pdf:
            textpage = page.get_textpage()
            width, height = page.get_size()

            def below(y: float, textpage=textpage, width=width) -> str:
                return _normal(textpage.get_text_bounded(0, 0, width, y))

            rule = _footnote_rule(_horizontal_lines(page), margins, below)
            if rule is None:
                lines.extend(_normal(textpage.get_text_range()).split("\n"))
            else:
                lines.extend(_normal(textpage.get_text_bounded(0, rule, width, height)).split("\n"))
                lines.append(SEPARATOR)
                lines.extend(_numbers_joined(below(rule).split("\n")))
            lines.append("")
    finally:
        pdf.close()
    if not any(line.strip() for line in lines):
        raise ReaderError(path, "the PDF has no text layer (a scan?); LexVN does not do OCR")
    return paragraphs_from_lines([(t, i) for i, t in enumerate(lines, start=1)], issues, "pdf")
