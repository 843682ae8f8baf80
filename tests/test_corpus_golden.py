"""The real body of law in ../shared/corpus/, against what people read in it
(tests/data/corpus_golden/): no gazette furniture, site chrome or editorial note inside any
unit's text; article lists and metadata no worse than measured (benchmarks/corpus_parse.py
prints every miss); golden outlines of one document per new format and era."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.parse.outline import outline
from ingest.pipeline import parse_file
from ingest.store import number_key
from tests.corpus_golden import (
    CORPUS,
    METADATA_FIELDS,
    articles,
    codified_articles,
    codified_misses,
    expand,
    load,
    metadata_misses,
    readable,
)

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not here")

OUTLINES = Path(__file__).parent / "data" / "outlines"

# What must never be a unit's text: the Công báo's running header and e-signature stamp,
# the web site's editorial notes, the site's page id before a signature.
FURNITURE = {
    "running header": re.compile(r"CÔNG BÁO\s*/\s*Số\s+[\d\s+]+/\s*Ngày"),
    "e-signature stamp": re.compile(r"^(?:Người ký|Ký bởi|Thời gian ký|Ngày ký)\s*:"),
    "site note": re.compile(r"\[[^\]]*\b(?:được|bị)\b[^\]]*\bbởi\b[^\]]*\]"),
    "site page id": re.compile(r"^Epas:\s*\d+"),
    "gazette continuation": re.compile(r"^\((?:Xem tiếp|Tiếp theo) Công báo số"),
}

# Measured on this corpus (benchmarks/corpus_parse.py); a change that reads fewer right fails.
MIN_EXACT_DOCUMENTS = 335  # of 338: the misses are listed in docs/parsing.md
MIN_METADATA_FIELDS = 802  # of 810 (99.0 %)


@pytest.fixture(scope="module")
def parsed():
    out = {}
    for entry in load():
        for rel in [entry.path, *entry.same_as]:
            if readable(rel):
                out[rel] = parse_file(CORPUS / rel)
    return out


def test_no_furniture_or_notes_in_any_unit(parsed):
    found = []
    for rel, doc in parsed.items():
        for unit in doc.walk():
            for text in [unit.heading, *unit.text, *unit.tail]:
                for name, pattern in FURNITURE.items():
                    if pattern.search(text):
                        found.append(f"{rel} {unit.id}: {name}: {text[:80]}")
    assert not found, "\n".join(found[:20])


def test_every_article_the_official_phapdien_codifies_is_found(parsed):
    """A second check of the article lists, independent of the hand counts: the official Bộ
    pháp điển names, for each source document, the articles it codifies."""
    numbers = {number_key(d.metadata.number) for d in parsed.values() if d.metadata.number}
    files, checked, misses = codified_misses(parsed, codified_articles(numbers))
    assert files >= 60 and checked >= 3500, (files, checked)
    assert not misses, "\n".join(misses[:20])


def test_pdf_footnotes_under_a_drawn_rule_are_annotations(parsed):
    """In a gazette VBHN's PDF the footnote rule is a drawn line, not text: the footnotes
    under it (and under the full-width rule of a footnote continued on the next page) are
    annotations, and the articles their quotes hold are not the document's."""
    rel = "fulltext/congbao/van-ban-hop-nhat-so-462-vbhn-bldtbxh-44172.pdf"
    notes = [a.text for a in parsed[rel].annotations]
    assert any(n.startswith("[2] Điều này được bổ sung tại khoản 1 Điều 1") for n in notes)
    assert articles(parsed[rel])[0] == expand("1-3,3a,4-8")
    copy = "fulltext/congbao/van-ban-hop-nhat-so-06-vbhn-byt-26324.pdf"
    assert articles(parsed[copy])[0] == articles(parsed[copy.replace(".pdf", ".txt")])[0]


def test_a_vbhn_names_the_documents_it_consolidates(parsed):
    """Read from its opening statement, checked against each consolidation set's own list
    (../shared/corpus/consolidation/*/set.json): the base first, then the amending documents
    the set holds, in order (a VBHN may name more: 2007/VBHN-BLĐTBXH also names Thông tư
    02/2024/TT-BLĐTBXH, read by hand). VBHN 02/VBHN-VPQH writes its base as "15/2012/QH11"
    (the VBHN's own slip)."""
    import json

    slips = {"15/2012/QH11": "15/2012/QH13"}
    checked = 0
    for set_file in sorted((CORPUS / "consolidation").glob("*/set.json")):
        spec = json.loads(set_file.read_text(encoding="utf-8"))
        for vbhn in spec["vbhn"]:
            for f in vbhn["files"]:
                rel = str((set_file.parent / f["file"]).relative_to(CORPUS))
                if rel not in parsed:
                    continue
                doc = parsed[rel]
                named = [r.target.number for r in doc.metadata.relations if r.kind == "hop_nhat"]
                named = [slips.get(n, n) for n in named]
                assert doc.metadata.doc_type == "Văn bản hợp nhất", rel
                assert named[0] == spec["base"]["number"], rel
                assert [n for n in named if n in vbhn["amending"]] == vbhn["amending"], rel
                checked += 1
                if "vbhn_2007" in rel:
                    assert named == [
                        "21/2021/TT-BLĐTBXH",
                        "08/2023/TT-BLĐTBXH",
                        "02/2024/TT-BLĐTBXH",
                    ]
    assert checked >= 12


def test_site_notes_are_annotations(parsed):
    """The notes taken out of the text are kept, on a unit: nothing is lost."""
    rel = "fulltext/thuvienphapluat/Luật_Hải_quan_2001.txt"
    notes = [a for a in parsed[rel].annotations if a.kind == "site_note"]
    assert any("Khoản 3 Điều 1 Luật Hải quan sửa đổi 2005" in a.text for a in notes)
    assert all(a.unit_id for a in notes if "Điều này được sửa đổi" in a.text)


def test_article_lists_no_worse_than_measured(parsed):
    exact = 0
    entries = load()
    for entry in entries:
        copies = [r for r in [entry.path, *entry.same_as] if readable(r)]
        exact += all(articles(parsed[r])[0] == entry.articles for r in copies)
    assert exact >= MIN_EXACT_DOCUMENTS, f"{exact}/{len(entries)} documents exact"


def test_metadata_no_worse_than_measured(parsed):
    right = 0
    for entry in load():
        if entry.metadata and readable(entry.path):
            wrong = {m[0] for m in metadata_misses(parsed[entry.path], entry.metadata)}
            right += sum(1 for f in METADATA_FIELDS if f in entry.metadata and f not in wrong)
    assert right >= MIN_METADATA_FIELDS, f"{right} metadata fields right"


@pytest.mark.parametrize("golden", sorted(OUTLINES.glob("*.outline")), ids=lambda p: p.name)
def test_outline_of_each_new_format_and_era(golden):
    """Reviewed by hand against the document; `lexvn parse FILE` regenerates one."""
    source = CORPUS / golden.name.removesuffix(".outline").replace("__", "/")
    assert outline(parse_file(source).units) == golden.read_text(encoding="utf-8")


def test_tcvn3_decree_reads_in_unicode(parsed):
    doc = parsed["fulltext/luatvietnam_doc/1945_45000070.DOC"]
    assert doc.metadata.doc_type == "Sắc lệnh" and doc.metadata.number == "65"
    assert any(i.code == "legacy-encoding" for i in doc.issues)
    assert "bảo tồn cổ tích" in doc.find("dieu_3").full_text()


def test_pdf_and_its_text_parse_alike(parsed):
    """The gazette PDF and the text extracted from it give the same units (tables may be
    laid out differently: pdfium joins a table row that pdftotext prints a cell a line)."""
    base = "fulltext/congbao/thong-tu-so-01-2025-tt-bldtbxh-43956"
    units = {ext: [u.id for u in parsed[base + ext].walk()] for ext in (".pdf", ".txt")}
    assert units[".pdf"] == units[".txt"]


def test_a_thuvienphapluat_vbhn_footnote_list_becomes_annotations(parsed):
    """The site prints a VBHN's footnotes as a list after the authentication block, their
    markers in the text as "[2]" or bare ("… tiền chậm nộp,2 tiền phạt", "1.12 Được hỗ
    trợ"): each footnote goes onto its marker's unit, and the list is no appendix."""
    for rel, first in (
        (
            "consolidation/luat-quan-ly-thue-78-2006-QH11/vbhn_03-VBHN-VPQH-2014.tvpl.txt",
            ("chuong_1__dieu_3__khoan_3", "[2] Cụm từ “tiền chậm nộp,” được bổ sung"),
        ),
        (
            "consolidation/luat-xu-ly-vi-pham-hanh-chinh-15-2012-QH13/vbhn_31-VBHN-VPQH-2020.tvpl.txt",
            ("phan_1__dieu_2__khoan_4", "[2] Cụm từ “, biện pháp giáo dục dựa vào cộng đồng”"),
        ),
    ):
        doc = parsed[rel]
        notes = [a for a in doc.annotations if a.kind == "footnote"]
        assert len(notes) > 100 and not any(u.type == "phu_luc" for u in doc.units), rel
        assert any(a.unit_id == first[0] and a.text.startswith(first[1]) for a in notes), rel
    khoan = parsed[
        "consolidation/luat-quan-ly-thue-78-2006-QH11/vbhn_03-VBHN-VPQH-2014.tvpl.txt"
    ].find("chuong_1__dieu_3__khoan_3")
    assert khoan.text == ["Xóa nợ tiền thuế, tiền chậm nộp, tiền phạt."]
