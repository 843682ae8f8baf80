"""A compact, reviewable outline of a unit tree: the format of the golden files.

One line a unit: indentation by depth, the id, then the heading (or the start of the text
for khoản and điểm), and "+N¶" when the unit holds N more paragraphs than its first, or
"tail N¶" for paragraphs after its points. A swallowed point or a khoản taken from a running
sentence changes a line, so a diff against the golden file shows it."""

from __future__ import annotations

from schema.model import Document, Unit

SNIPPET = 48


def _line(unit: Unit, depth: int) -> str:
    if unit.heading:
        label = unit.heading
    else:
        label = unit.text[0] if unit.text else ""
    label = label if len(label) <= SNIPPET else label[:SNIPPET].rstrip() + "…"
    extra = len(unit.text) - (0 if unit.heading else 1)
    notes = []
    if extra > 0:
        notes.append(f"+{extra}¶")
    if unit.tail:
        notes.append(f"tail {len(unit.tail)}¶")
    suffix = f"  [{', '.join(notes)}]" if notes else ""
    return f"{'  ' * depth}{unit.id}  {label}{suffix}".rstrip()


def outline(units: list[Unit]) -> str:
    lines: list[str] = []

    def visit(unit: Unit, depth: int) -> None:
        lines.append(_line(unit, depth))
        for child in unit.children:
            visit(child, depth + 1)

    for unit in units:
        visit(unit, 0)
    return "\n".join(lines) + "\n"


def document_outline(doc: Document) -> str:
    return outline(doc.units)
