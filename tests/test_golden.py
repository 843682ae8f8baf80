"""Golden-file tests on the real documents in corpus_samples/.

Each source has `<file>.outline` beside it (format in ingest/parse/outline.py), reviewed by hand.
To update after a deliberate parser change: `lexvn parse FILE > FILE.outline`, then review the
diff line by line before committing."""

from __future__ import annotations

import difflib
from datetime import date

import pytest

from ingest.parse.outline import outline
from tests.conftest import SAMPLES, sample_files

# Article counts from the issue; independent of the golden files.
ARTICLE_COUNTS = {
    "codes/bo-luat-dan-su-2015.txt": 689,
    "codes/bo-luat-hang-hai-viet-nam-2015.txt": 341,
    "codes/bo-luat-lao-dong-2019.txt": 220,
    "codes/bo-luat-to-tung-dan-su-2015.txt": 517,
    "codes/bo-luat-to-tung-hinh-su-2015.txt": 510,
    # The sample writes the heading of Điều 317 as "Ðiều 317" with an Icelandic eth; it is
    # read (426 articles) and the look-alike letter is reported (test below).
    "codes/bo-luat-hinh-su-2015.txt": 426,
    "procurement/base_luat_22-2023-QH15.docx": 96,
    "procurement/nd_214-2025-ND-CP.docx": 146,
    "procurement/tt_79-2025-TT-BTC.docx": 35,
    "procurement/amend1_luat_57-2024-QH15.docx": 6,
    "html/hien-phap-2013.html": 120,
    "html/luat-cong-nghe-thong-tin-67-2006-QH11.html": 79,
}


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_outline_matches_golden(path, parsed_samples):
    golden = path.with_name(path.name + ".outline")
    assert golden.exists(), f"no golden outline beside {path}"
    actual = outline(parsed_samples[str(path.relative_to(SAMPLES))].units)
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            list(
                difflib.unified_diff(
                    expected.splitlines(True), actual.splitlines(True), "golden", "parsed"
                )
            )[:60]
        )
        pytest.fail(f"outline of {path.name} differs from its golden file:\n{diff}")


@pytest.mark.parametrize("name,count", sorted(ARTICLE_COUNTS.items()))
def test_article_counts(name, count, parsed_samples):
    doc = parsed_samples[name]
    assert len(doc.articles()) == count
    ids = [a.id for a in doc.articles()]
    assert len(set(ids)) == len(ids), "Điều ids must be unique within the document"


def test_every_unit_id_unique(parsed_samples):
    for name, doc in parsed_samples.items():
        ids = [u.id for u in doc.walk()]
        assert len(ids) == len(set(ids)), name


def test_hinh_su_dieu_317_lookalike_is_reported(parsed_samples):
    doc = parsed_samples["codes/bo-luat-hinh-su-2015.txt"]
    numbers = [a.number for a in doc.articles()]
    assert numbers == [str(n) for n in range(1, 427)]
    dieu_317 = next(a for a in doc.articles() if a.number == "317")
    assert dieu_317.heading == "Tội vi phạm quy định về vệ sinh an toàn thực phẩm"
    notes = [i for i in doc.issues if i.code == "lookalike-letter" and i.line == dieu_317.line]
    assert notes and "U+00D0" in notes[0].message and "Ðiều 317" in notes[0].message


def test_to_tung_hinh_su_nine_damaged_headings_recovered(parsed_samples):
    doc = parsed_samples["codes/bo-luat-to-tung-hinh-su-2015.txt"]
    damaged = {"413", "416", "418", "419", "420", "422", "423", "424", "425"}
    by_number = {a.number: a for a in doc.articles()}
    assert damaged <= by_number.keys()
    reported = {i.line for i in doc.issues if i.code == "lookalike-letter"}
    assert {by_number[n].line for n in damaged} <= reported
    assert by_number["413"].heading == "Phạm vi áp dụng"


def test_metadata_matches_hand_checked_values(parsed_samples, expected_metadata):
    assert set(expected_metadata) == set(parsed_samples)
    for name, expected in expected_metadata.items():
        doc = parsed_samples[name]
        md = doc.metadata
        actual = {
            "id": doc.id,
            "doc_type": md.doc_type,
            "number": md.number,
            "issuer": md.issuer,
            "place": md.place,
            "issued": md.issued and md.issued.isoformat(),
            "effective": md.effective and md.effective.isoformat(),
            "title": md.title,
            "signer": md.signer,
            "signer_title": md.signer_title,
            "dieu": len(doc.articles()),
        }
        assert actual == expected, name


def test_codes_metadata_agrees_with_independent_source(parsed_samples):
    """The codes ship with metadata from another project: số, dates, signer must agree.
    Two effective dates differ on purpose: the texts of BLHS and BLTTHS 2015 say 01/7/2016,
    the later Nghị quyết 144/2016/QH13 postponed them to 01/01/2018."""
    import json

    postponed = {"bo-luat-hinh-su-2015", "bo-luat-to-tung-hinh-su-2015"}
    for meta_path in sorted((SAMPLES / "codes").glob("*.metadata.json")):
        ref = json.loads(meta_path.read_text(encoding="utf-8"))
        stem = meta_path.name.removesuffix(".metadata.json")
        md = parsed_samples[f"codes/{stem}.txt"].metadata
        d, m, y = (int(x) for x in ref["ngay_ban_hanh"].split("/"))
        assert md.number == ref["so_hieu_van_ban"]
        assert md.issued == date(y, m, d)
        assert md.signer == ref["nguoi_ky"]
        assert md.issuer == ref["noi_ban_hanh"]
        d, m, y = (int(x) for x in ref["ngay_hieu_luc"].split("/"))
        if stem in postponed:
            assert md.effective == date(2016, 7, 1)
        else:
            assert md.effective == date(y, m, d)


def test_missing_fields_are_warnings_not_inventions(parsed_samples):
    nd = parsed_samples["procurement/nd_214-2025-ND-CP.docx"]
    assert nd.metadata.signer is None  # the DOCX carries no signature block
    assert any(i.code == "missing-signer" for i in nd.issues)
    hp = parsed_samples["html/hien-phap-2013.html"]
    assert hp.metadata.number is None and hp.metadata.effective is None
    assert {"missing-number", "missing-effective"} <= {i.code for i in hp.issues}


def test_nd_214_editor_summary_is_not_metadata(parsed_samples):
    """NĐ 214's DOCX opens with an editor's summary line; the title comes from the text."""
    md = parsed_samples["procurement/nd_214-2025-ND-CP.docx"].metadata
    assert md.title == (
        "Nghị định quy định chi tiết một số điều và biện pháp thi hành "
        "Luật Đấu thầu về lựa chọn nhà thầu"
    )
    assert md.effective == date(2025, 8, 4)  # "kể từ ngày ký ban hành"


def test_can_cu_of_guiding_documents(parsed_samples):
    for name in ("procurement/nd_214-2025-ND-CP.docx", "procurement/tt_79-2025-TT-BTC.docx"):
        numbers = [c.number for c in parsed_samples[name].metadata.can_cu]
        assert {"22/2023/QH15", "57/2024/QH15", "90/2025/QH15"} <= set(numbers)
        dau_thau = next(
            c for c in parsed_samples[name].metadata.can_cu if c.number == "22/2023/QH15"
        )
        assert dau_thau.doc_type == "Luật" and dau_thau.name == "Luật Đấu thầu"


def test_declared_repeals(parsed_samples):
    rel = parsed_samples["procurement/nd_214-2025-ND-CP.docx"].metadata.relations
    assert [(r.kind, r.target.number, r.partial) for r in rel] == [
        ("het_hieu_luc", "24/2024/NĐ-CP", False),
        ("het_hieu_luc", "165/2017/NĐ-CP", True),  # only khoản 5 Điều 13 and khoản 3 Điều 14
    ]
    rel = parsed_samples["procurement/base_luat_22-2023-QH15.docx"].metadata.relations
    # the laws that amended 43/2013 are named in the same sentence but are not targets
    assert [(r.kind, r.target.number) for r in rel] == [("het_hieu_luc", "43/2013/QH13")]
