"""The read views of a stored document that the command line and the web API both serve:
the document as JSON, its tình trạng hiệu lực, its lược đồ, its consolidated text at a date,
one unit's versions and the changes between two dates. One function per view, so the two
edges word their errors and format their output, and never compute a view twice."""

from __future__ import annotations

from datetime import date

from ingest.consolidation import versions
from ingest.consolidation.apply import Consolidated
from ingest.consolidation.compare import first_difference
from ingest.consolidation.render import render_text, report_lines
from ingest.links import validity
from ingest.links.luoc_do import document_links
from ingest.store import Store
from schema.model import Document, Unit, to_jsonable


def _tree(unit: Unit) -> dict:
    node = {"type": unit.type, "id": unit.id, "number": unit.number, "label": unit.label}
    if unit.heading:
        node["heading"] = unit.heading
    if unit.text:
        node["text"] = unit.text
    if unit.tail:
        node["tail"] = unit.tail
    if unit.children:
        node["children"] = [_tree(c) for c in unit.children]
    return node


def document_json(doc: Document) -> dict:
    """Metadata and the unit tree, each node with its type and permalink id."""
    return {
        "id": doc.id,
        "metadata": to_jsonable(doc.metadata),
        "preamble": doc.preamble,
        "units": [_tree(u) for u in doc.units],
        "closing": doc.closing,
        "issues": to_jsonable(doc.issues),
        "annotations": to_jsonable(doc.annotations),
        "source": {"path": doc.source_path, "sha256": doc.source_hash, "format": doc.source_format},
    }


def consolidated(store: Store, doc_id: str, at: date) -> Consolidated:
    return versions.consolidated_at(store, doc_id, at)


def consolidated_json(result: Consolidated) -> dict:
    """The consolidated document as JSON, with the provisions that changed each unit."""
    payload = document_json(result.doc)
    payload["at"] = result.at
    payload["amended_units"] = {
        uid: [o.source_doc + " " + o.source_unit for o in ops] for uid, ops in result.notes.items()
    }
    return to_jsonable(payload)


def _source_names(store: Store) -> dict[str, str]:
    return {
        row["id"]: f"{row['doc_type'] or 'văn bản'} số {row['number']}"
        for row in store.list_documents()
        if row["number"]
    }


def _described(store: Store) -> dict[str, dict]:
    """What a VBHN's opening statement says of each document (ingest.consolidation.render)."""
    keys = ("number", "doc_type", "title", "issued", "effective", "issuer")
    return {row["id"]: {k: row[k] for k in keys} for row in store.list_documents()}


def consolidated_text(
    store: Store, result: Consolidated, vbhn: bool = False, amending: list[str] | None = None
) -> str:
    """Plain text, or the VBHN form with a footnote naming the source of each change."""
    described = _described(store) if vbhn else None
    return render_text(
        result, vbhn=vbhn, sources=_source_names(store), described=described, amending=amending
    )


def consolidation_report(store: Store, result: Consolidated) -> list[str]:
    """Every instruction's outcome, then the instructions still waiting for their base."""
    lines = report_lines(result)
    for item in versions.waiting(store, result.doc.id):
        lines.append(
            f"{item['doc_id']} {item['unit_id']}: chờ văn bản được sửa đổi "
            f"{item['base']} (chưa có trong cơ sở dữ liệu)"
        )
    return lines


def check_vbhn(store: Store, doc_id: str) -> versions.VbhnCheck:
    """A stored VBHN against LexVN's consolidation of the documents it names."""
    return versions.check_vbhn(store, doc_id)


def vbhn_report(check: versions.VbhnCheck, full: bool = False) -> list[str]:
    """The check in words: what was consolidated, the share of equal articles, then each
    difference with both texts (around where they part, or whole with `full`)."""
    lines = [f"VBHN {check.vbhn_id}: base {check.base_id or '(not stored)'}"]
    lines.append("amending documents stored: " + (", ".join(check.amending) or "none"))
    if check.absent:
        lines.append("named by the VBHN, not stored: " + ", ".join(check.absent))
    if check.comparison is None or check.result is None:
        lines.append("not checked: the base document is not in the store")
        return lines
    c = check.comparison
    failed = [o for o in check.result.report if o.status == "failed"]
    applied = sum(1 for o in check.result.report if o.status == "applied")
    lines.append(
        f"at {check.at}: {applied} instructions applied, {len(failed)} failed; articles equal "
        f"{c.equal}/{c.articles} ({c.equal / max(c.articles, 1):.1%}), {c.slips} a word or "
        "two apart"
    )
    for outcome in failed:
        lines.append(f"  failed {outcome.op.source_doc} {outcome.op.source_unit}: {outcome.reason}")
    for unit_id, op in check.result.written_in:
        lines.append(
            f"  taken out of the base's copy: {unit_id}, which {op.source_doc} "
            f"{op.source_unit} inserts (the publisher wrote it in)"
        )
    names = {"text": "differs", "slip": "a word or two apart", "missing": "not in LexVN's text",
             "extra": "not in the VBHN"}  # fmt: skip
    for d in c.differences:
        lines.append(f"Điều {d.article}: {names[d.kind]}")
        ours, theirs = (d.ours, d.theirs) if full else first_difference(d.ours, d.theirs)
        if ours:
            lines.append(f"  LexVN: {ours}")
        if theirs:
            lines.append(f"  VBHN:  {theirs}")
    return lines


def history(store: Store, doc_id: str, unit_id: str) -> list[dict]:
    """Every version of one unit with its dates and sources; KeyError for an unknown unit."""
    return versions.history(store, doc_id, unit_id)


def diff(store: Store, doc_id: str, first: date, second: date, unit_id: str | None) -> list:
    """Word-level changes of the document (or one unit) between two dates."""
    return versions.diff(store, doc_id, first, second, unit_id)


def status(store: Store, doc_id: str, unit_id: str | None, at: date) -> validity.Status:
    """Tình trạng hiệu lực of the document or one unit; KeyError for an unknown unit."""
    if unit_id:
        return validity.unit_status(store.conn, doc_id, unit_id, at)
    return validity.document_status(store.conn, doc_id, at)


def links(store: Store, doc_id: str) -> dict:
    """The lược đồ: what the document cites and relies on, what cites, amends or repeals it."""
    return document_links(store.conn, doc_id)


def codification_lines(data: dict, catalogue: bool) -> list[str]:
    """The catalogue (chủ đề, đề mục and their documents) or one đề mục's numbered
    articles with their notes and guidance, as lines of text."""
    lines: list[str] = []
    if catalogue and data.get("official"):
        for c in data["chu_de"]:
            lines.append(f"Chủ đề {c['id']}. {c['title']} ({c['articles']} điều)")
            for d in c["children"]:
                lines.append(
                    f"  Đề mục {d['id']}. {d['title']}: {d['articles']} điều từ {d['sources']} "
                    f"văn bản, {d['full_texts']} có toàn văn trong kho"
                )
                for p in d["proposed"]:
                    lines.append(f"    đề xuất: {p['doc_id']} {p['title']} ({p['reason']})")
        return lines
    if catalogue:
        for c in data["chu_de"]:
            lines.append(f"Chủ đề {c['id']}. {c['title']}")
            for d in c["children"]:
                docs = ", ".join(x["number"] or x["doc_id"] for x in d["documents"])
                mark = "" if d["confirmed"] else " (số tạm)"
                lines.append(f"  Đề mục {d['id']}. {d['title']}{mark}{': ' + docs if docs else ''}")
        lines.extend(f"không pháp điển: {u['doc_id']}: {u['reason']}" for u in data["unassigned"])
        return lines

    def visit(node: dict, depth: int) -> None:
        pad = "  " * depth
        if node["type"] == "dieu":
            lines.extend([f"{pad}{node['code']} {node['title']}", f"{pad}  {node['note']}"])
            for g in node["guidance"]:
                visit(g, depth + 1)
            return
        lines.append(f"{pad}{node['title']}")
        for child in node["children"]:
            visit(child, depth + 1)

    visit(data["children"][0], 0)
    return lines
