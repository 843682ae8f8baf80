"""Checking one draft: read it as the ingester would, run each family of checks, and
report. Nothing is stored."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from draftcheck import amending, authority, form, layout, references
from draftcheck.database import Database
from draftcheck.draft import Draft, build_draft
from draftcheck.report import Finding, Report
from draftcheck.rules import governs, is_dated, rule_set_for
from ingest.links.resolve import UnitIndex, citations
from ingest.readers import Source, read_bytes, read_path


def check_source(source: Source, db: Database | None = None, at: date | None = None) -> Report:
    draft = build_draft(source, at)
    findings = list(_findings(draft, db))
    rule_set = rule_set_for(draft.at.isoformat())
    findings = [f for f in findings if governs(f.rule, draft.kind)]
    if continued := _continuation(draft, "start"):  # the start is in an earlier issue
        findings = [f for f in findings if not _needs_the_start(f.rule)]
        findings.append(
            Finding(
                "structure.partial-copy",
                "Bản này là phần tiếp theo của văn bản đăng ở số Công báo trước "
                f"(“{continued}”): thể thức, căn cứ, các điều và hiệu lực ở phần đầu "
                "không có ở đây nên không được kiểm tra",
                None,
                None,
            )
        )
    if to_come := _continuation(draft, "end"):  # the end is in a later gazette issue
        findings = [f for f in findings if f.rule not in _AT_THE_END]
        findings.append(
            Finding(
                "structure.partial-copy",
                "Bản này là phần đầu của văn bản, phần sau đăng ở số Công báo sau "
                f"(“{to_come}”): hiệu lực, chữ ký, nơi nhận và phần xác thực ở phần cuối không "
                "có ở đây nên không được kiểm tra",
                None,
                None,
            )
        )
    if rule_set is None:  # a text older than the thể thức rules: not held to them
        findings = [f for f in findings if not is_dated(f.rule)]
    elif rule_set_for(draft.layout_date.isoformat()) is None:  # a VBHN of an older law
        findings = [f for f in findings if not (is_dated(f.rule) and _is_layout(f.rule))]
    unique: dict[tuple, Finding] = {}
    for f in findings:
        unique.setdefault((f.rule, f.unit_id, f.line, f.message), f)
    md = draft.doc.metadata
    return Report(
        source=draft.name,
        at=draft.at.isoformat(),
        doc_type=md.doc_type,
        number=md.number,
        title=md.title,
        articles=len(draft.doc.articles()),
        findings=list(unique.values()),
        rule_set=rule_set,
    )


def _continuation(draft: Draft, lacks: str) -> str | None:
    """The note of a gazette copy that lacks its start ("(Tiếp theo Công báo số …)": a
    later part only) or its end ("(Xem tiếp Công báo số …)": the first part only)."""
    return next(
        (
            i.params["note"]
            for i in draft.doc.issues
            if i.code == "gazette-continued" and i.params.get("lacks") == lacks
        ),
        None,
    )


# what a document's last part holds: the effect article, the signature, the recipients and
# a VBHN's xác thực block (VBHN 14/VBHN-VPQH and Luật 59/2020/QH14 in their first issues)
_AT_THE_END = frozenset(
    {
        "dates.effective-missing",
        "form.signature",
        "form.signing-authority",
        "form.noi-nhan",
        "form.vbhn-authentication",
    }
)


def _needs_the_start(rule_id: str) -> bool:
    """The findings that look for what a document's first part holds."""
    return rule_id.startswith(("form.", "dates.effective")) or rule_id == "structure.no-dieu"


def _is_layout(rule_id: str) -> bool:
    return rule_id.startswith("structure.")


def check_bytes(name: str, data: bytes, db: Database | None = None, at: date | None = None):
    return check_source(read_bytes(name, data), db, at)


def check_path(path: str | Path, db: Database | None = None, at: date | None = None) -> Report:
    return check_source(read_path(path), db, at)


def _findings(draft: Draft, db: Database | None):
    yield from form.check(draft)
    yield from layout.check(draft)
    yield from authority.check(draft)
    own = UnitIndex(draft.doc)
    number = draft.doc.metadata.number
    twin = db.lookup(number, None) if db is not None and number else None
    consolidated: dict[str, UnitIndex | None] = {}

    def lookup(number, name):
        return db.lookup(number, name) if db is not None else None

    def indexes(doc_id):
        """Other documents as they stand on the draft's date, amendments applied."""
        if doc_id == draft.doc.id:
            return own
        if db is None or doc_id not in db.catalogue.metadata:
            return None
        if doc_id not in consolidated:
            consolidated[doc_id] = UnitIndex(db.base_at(doc_id, draft.at, leave_out=twin))
        return consolidated[doc_id]

    rows = list(citations(draft.doc, lookup, indexes))
    incomplete = references.incomplete_targets(draft, db) if db is not None else {}
    yield from references.check(draft, rows, db, incomplete)
    yield from amending.check(draft, rows, db)
