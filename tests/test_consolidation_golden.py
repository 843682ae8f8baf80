"""Golden consolidated units, one chain of each kind, checked by hand against the official
VBHN (tests/data/consolidation_golden.json): a Luật amended by several laws over years (Luật
Xử lý vi phạm hành chính 15/2012/QH13 by 54/2014, 18/2017 and 67/2020, at 31/VBHN-VPQH's
date) and a Thông tư amended by a Thông tư (17/2022/TT-BLĐTBXH by 03/2023, at
3503/VBHN-BLĐTBXH's). The units are replaced khoản, replaced opening words, an inserted
article, an inserted khoản and a replaced point; each was read beside the VBHN's text and
equals it (footnote markers and final stops aside)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ingest.consolidation.versions import consolidated_at
from ingest.store import Store
from lexvn.ingest_files import ingest_paths
from tests.conftest import ROOT
from tests.corpus_golden import CORPUS

GOLDEN = json.loads((ROOT / "tests/data/consolidation_golden.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("chain", sorted(GOLDEN))
def test_consolidated_units_equal_the_official_vbhn(chain, tmp_path):
    entry = GOLDEN[chain]
    folder = CORPUS / "consolidation" / chain
    with Store(tmp_path / "s.sqlite") as store:
        summary = ingest_paths(store, [folder / name for name in entry["files"]])
        assert not summary["errors"], summary["errors"]
        base = store.resolve(entry["base"])
        for day, units in entry["at"].items():
            doc = consolidated_at(store, base, date.fromisoformat(day)).doc
            for unit_id, expected in units.items():
                unit = doc.find(unit_id)
                assert unit is not None, (day, unit_id)
                text = (f"{unit.heading}\n" if unit.heading else "") + unit.full_text()
                assert text == expected, (day, unit_id)
