"""Notes that a copy adds to the law's words, placed on the unit they stand in.

The readers take them out of the text and keep them on their paragraph (Paragraph.notes):
a web site's editorial notes ("Khoản này được sửa đổi bởi Khoản 62 Điều 1 Luật Xử lý vi phạm
hành chính sửa đổi 2020 …"), a unit the site wrote in from a later document, and a VBHN's
footnotes ("[3] Điều này được sửa đổi, bổ sung theo quy định tại khoản 2 Điều 1 của Thông
tư số 08/2023/TT-BLĐTBXH …"). Each becomes an Annotation of the unit whose text holds that
paragraph: the innermost unit that starts at or before the paragraph's line.
"""

from __future__ import annotations

import bisect
import re

from schema.model import Annotation, Paragraph, Unit

_FOOTNOTE = re.compile(r"^\[(\d{1,4})\]\s*")


def annotations(paragraphs: list[Paragraph], units: list[Unit]) -> list[Annotation]:
    starts: list[tuple[int, int]] = []  # (line, order) of every unit in document order
    ids: list[str] = []
    for order, unit in enumerate(u for root in units for u in root.walk()):
        if unit.line:
            starts.append((unit.line, order))
            ids.append(unit.id)
    order = sorted(range(len(starts)), key=lambda i: starts[i])
    keys = [starts[i][0] for i in order]
    ids = [ids[i] for i in order]
    out: list[Annotation] = []
    for p in paragraphs:
        for note in p.notes:
            k = bisect.bisect_right(keys, p.line) - 1
            unit_id = ids[k] if k >= 0 else None
            kind = "footnote" if _FOOTNOTE.match(note) else "site_note"
            out.append(Annotation(kind=kind, text=note, unit_id=unit_id, line=p.line))
    return out
