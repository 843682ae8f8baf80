"""Hostile DOCX files: each refused with one line naming the file, or read within its
bounds; none hangs the reader or grows it without bound."""

from __future__ import annotations

import resource
import time

import pytest

from ingest.pipeline import parse_bytes
from ingest.readers import ReaderError
from tests.hostile_inputs import hostile_docx


@pytest.mark.parametrize("name,data", hostile_docx(), ids=[n for n, _ in hostile_docx()])
def test_hostile_docx_is_refused_or_read_within_bounds(name, data):
    started = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        doc = parse_bytes(name, data)
    except ReaderError as exc:
        assert str(exc).startswith(name + ":"), exc
        assert "\n" not in str(exc)
    else:
        assert doc.articles(), name  # read: the law in it is there
    assert time.monotonic() - started < 10, name
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mib < 300, f"{name}: the process grew by {grown_mib:.0f} MiB"
