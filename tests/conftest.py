from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpus_samples"
SOURCE_SUFFIXES = (".txt", ".html", ".docx")


def sample_files() -> list[Path]:
    return sorted(
        p
        for p in SAMPLES.rglob("*")
        if p.suffix in SOURCE_SUFFIXES and not p.name.startswith("LICENSE")
    )


@pytest.fixture(scope="session")
def expected_metadata() -> dict:
    return json.loads((SAMPLES / "expected_metadata.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def parsed_samples():
    from ingest.pipeline import parse_file

    return {str(p.relative_to(SAMPLES)): parse_file(p) for p in sample_files()}


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory) -> str:
    """A store of all of corpus_samples/ with citations and relations; read it, don't write."""
    from ingest.store import Store
    from lexvn.ingest_files import ingest_samples

    path = tmp_path_factory.mktemp("samples") / "samples.sqlite"
    with Store(path) as store:
        ingest_samples(store)
    return str(path)
