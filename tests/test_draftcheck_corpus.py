"""The draft checker on published documents: the defects found by review stay found, the
false errors do not come back, and defects injected into documents of other types, eras and
formats than the samples' are each flagged at their line."""

from __future__ import annotations

import json

import pytest

from draftcheck.checker import check_bytes, check_path
from draftcheck.database import Database
from draftcheck.rules import RULES
from ingest.readers import ReaderError
from ingest.store import Store
from tests.conftest import ROOT
from tests.corpus_draft_defects import CORPUS_DEFECTS
from tests.corpus_golden import CORPUS, load, readable
from tests.draft_defects import base_lines

REVIEWED = json.loads((ROOT / "tests/data/draft_check_reviewed.json").read_text("utf-8"))
# false errors on the whole corpus after the review (2026-12-03): never more
MAX_FALSE = 3

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")


@pytest.fixture(scope="module")
def db(samples_db):
    store = Store(samples_db, read_only=True)
    yield Database(store)
    store.close()


@pytest.fixture(scope="module")
def corpus_errors(db):
    out: dict[str, set[tuple[str, int | None]]] = {}
    for entry in load():
        if not readable(entry.path):
            continue
        try:
            report = check_path(CORPUS / entry.path, db)
        except ReaderError:
            continue
        out[entry.path] = {(f.rule, f.line) for f in report.errors}
    return out


def test_every_reviewed_defect_is_still_reported(corpus_errors):
    lost = [
        (d["path"], d["rule"], d["line"])
        for d in REVIEWED["defects"]
        if readable(d["path"]) and (d["rule"], d["line"]) not in corpus_errors.get(d["path"], ())
    ]
    assert not lost, lost


def test_false_errors_do_not_come_back(corpus_errors):
    defects = {(d["path"], d["rule"], d["line"]) for d in REVIEWED["defects"]}
    false = [
        (path, rule, line)
        for path, errors in corpus_errors.items()
        for rule, line in errors
        if (path, rule, line) not in defects
    ]
    assert len(false) <= MAX_FALSE, f"{len(false)} false errors"


def test_every_document_published_without_a_real_defect_passes(corpus_errors):
    """An appraisal unit must never see a sound promulgated text rejected: the documents
    whose review found no defect have no error at all."""
    defective = {d["path"] for d in REVIEWED["defects"]}
    rejected = {
        path: sorted(errors)
        for path, errors in corpus_errors.items()
        if path not in defective and errors
    }
    assert not rejected, rejected


def test_a_vbhn_of_a_2012_law_keeps_its_chapters_per_phan(corpus_errors):
    """Luật 15/2012/QH13 numbers its chapters afresh in each Phần; its VBHN of 2017 is held
    to the layout rules of 2012, and its glued "Phần thứ hai … Chương I …" lines are read."""
    path = (
        "consolidation/luat-xu-ly-vi-pham-hanh-chinh-15-2012-QH13/vbhn_09-VBHN-VPQH-2017.tvpl.txt"
    )
    assert not {e for e in corpus_errors[path] if e[0].startswith("structure.chuong-")}


@pytest.mark.parametrize("defect", CORPUS_DEFECTS, ids=[d.name for d in CORPUS_DEFECTS])
def test_defect_in_a_published_document_is_flagged_at_its_line(defect, db):
    text, line = defect.make()
    report = check_bytes("corpus-draft.txt", text.encode("utf-8"), db)
    hits = [f for f in report.findings if f.rule == defect.rule]
    assert hits, f"{defect.rule} not reported; got {[f.rule for f in report.findings]}"
    if line is not None:
        assert line in {f.line for f in hits}, [(f.line, f.message) for f in hits]
    clean = "\n".join(base_lines(defect.base)) + "\n"
    before = check_bytes("corpus-draft.txt", clean.encode("utf-8"), db)
    assert not [f for f in before.findings if f.rule == defect.rule and f.line == line]
    if RULES[defect.rule].severity == "error":
        assert report.rejected


def test_twenty_defects_of_other_types_and_eras():
    assert len(CORPUS_DEFECTS) >= 20
    assert len({d.base for d in CORPUS_DEFECTS}) >= 14
