"""A whole document's structure: its parts found (layout.py), the body parsed into units
(structure.py), attachments after the signature parsed as phụ lục units of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.parse.forms import mark_forms
from ingest.parse.layout import PHU_LUC_HEADING, find_layout, heading_match, is_upper_text
from ingest.parse.numbering import id_token, roman_to_int
from ingest.parse.structure import parse_body
from schema.model import CHUONG, DIEU, PHAN, PHU_LUC, Issue, Paragraph, Unit


@dataclass
class ParsedStructure:
    units: list[Unit]
    preamble: list[Paragraph]  # from the first paragraph to the body
    closing: list[Paragraph]
    issues: list[Issue] = field(default_factory=list)


def parse_structure(paragraphs: list[Paragraph]) -> ParsedStructure:
    layout = find_layout(paragraphs)
    issues: list[Issue] = []
    body = mark_forms(paragraphs[layout.body_start : layout.closing_start])
    units = parse_body(body, "", issues)
    attachments = paragraphs[layout.attachments_start :]
    if any(p.text for p in attachments):
        units.extend(_parse_attachments(attachments, issues))
    if not any(u.type == DIEU for u in (x for root in units for x in root.walk())):
        issues.append(
            Issue(
                "error" if layout.body_start == len(paragraphs) else "warning",
                "no-dieu",
                "no article (Điều) found in the document",
            )
        )
    return ParsedStructure(
        units=units,
        preamble=paragraphs[: layout.body_start],
        closing=paragraphs[layout.closing_start : layout.attachments_start],
        issues=issues,
    )


# after the signature, an appendix heading in running case too, alone or before its title:
# "Phụ lục II" / "Nội dung chi tiết hợp đồng …", "Phụ lục XII. Chương trình, nội dung …"
# (VBHN 2007/VBHN-BLĐTBXH); never a sentence naming one ("Phụ lục II ban hành kèm theo …")
_PHU_LUC_LINE = re.compile(r"^Phụ lục\s+(?:số\s+)?([IVXLC]+|\d+)(?:\s*|\s*[.:]\s+([A-ZĐÀ-Ỹ].*))$")


def _appendix_value(number: str) -> int | None:
    return int(number) if number.isdigit() else roman_to_int(number)


def _next_appendix(paragraphs: list[Paragraph], k: int, groups: list) -> re.Match[str] | None:
    """A heading in running case opens the next appendix only: its number comes after the
    last one's (a form's own "Phụ lục 1." inside "PHỤ LỤC 1", VBHN 959/VBHN-BLĐTBXH, does not),
    and no other appendix is named right above or under it (a listing: "Phụ lục II" / … /
    "Phụ lục III", VBHN 4804/VBHN-BLĐTBXH)."""
    m = _PHU_LUC_LINE.match(paragraphs[k].text)
    if m is None:
        return None
    value = _appendix_value(m.group(1))
    numbered = [g[0] for g in groups if g[0]]
    last = _appendix_value(numbered[-1]) if numbered else 0
    if value is None or last is None or not last < value <= last + 2:
        return None  # one may be lost in a table the text runs into ("… Phụ lục XII. …")
    near = [p.text for p in paragraphs[max(0, k - 5) : k] + paragraphs[k + 1 : k + 6]]
    return None if any(PHU_LUC_HEADING.match(t) or _PHU_LUC_LINE.match(t) for t in near) else m


def _parse_attachments(paragraphs: list[Paragraph], issues: list[Issue]) -> list[Unit]:
    """Attachments follow the signature: each "PHỤ LỤC …" heading opens one; text before the
    first such heading (a regulation "ban hành kèm theo") is an attachment of its own."""
    groups: list[tuple[str, str, list[Paragraph]]] = []
    for k, p in enumerate(paragraphs):
        m = PHU_LUC_HEADING.match(p.text) if not p.in_table else None
        if m is None and not p.in_table:
            m = _next_appendix(paragraphs, k, groups)
        if m:
            groups.append((m.group(1) or str(len(groups) + 1), m.group(2) or "", [p]))
        elif p.text:
            if not groups:
                groups.append(("", "", []))
            groups[-1][2].append(p)
    out = []
    used: set[str] = set()
    for k, (number, _rest, group) in enumerate(groups, start=1):
        token = id_token(number) if number else str(k)
        if f"phu_luc_{token}" in used:  # "PHỤ LỤC II" printed again (a form's own heading)
            n = 2
            while f"phu_luc_{token}_{n}" in used:
                n += 1
            token = f"{token}_{n}"
            issues.append(
                Issue(
                    "warning",
                    "duplicate-id",
                    f"Phụ lục {number} appears twice; the second stored as phu_luc_{token}",
                    group[0].line if group else None,
                    params={"label": f"Phụ lục {number}"},
                )
            )
        used.add(f"phu_luc_{token}")
        first = next((p for p in group if p.text), None)
        heading_parts = []
        body = list(group)
        while (
            body
            and not body[0].in_table
            and not heading_match(body[0].text)
            and (is_upper_text(body[0].text) or not body[0].text or body[0].text.startswith("("))
        ):
            if body[0].text:
                heading_parts.append(body[0].text)
            body.pop(0)
            if len(heading_parts) >= 4:
                break
        unit = Unit(
            type=PHU_LUC,
            number=number or str(k),
            id=f"phu_luc_{token}",
            heading=" ".join(heading_parts),
            line=first.line if first else 0,
            label=f"Phụ lục {number}".strip(),
        )
        children = parse_body(body, f"{unit.id}__", issues, holder=unit)
        if any(c.type in (DIEU, CHUONG, PHAN) for c in children):
            unit.children = children
        else:  # no structure of its own (a form, a table): keep it as text
            unit.text = [p.text for p in body if p.text]
        out.append(unit)
    return out
