"""A million rows: over a lower row limit it is a clear `too_many_rows` error with nothing
written; under the default limit (5 000 000) it is a bounded, successful import. Both timed,
with the peak of Python-tracked memory (the frames live in Polars' Rust heap; RSS checked too)."""

from __future__ import annotations

import resource
import time
import tracemalloc

import pytest
from import_kit import dump, load_base

from data_access.importer import import_files
from data_access.importer.settings import Limits

pytestmark = pytest.mark.slow
N = 1_000_000


@pytest.fixture(scope="module")
def million() -> bytes:
    body = "".join(f"M{i:07d},Người thứ {i}\n" for i in range(N))
    return ("person_code,full_name\n" + body).encode("utf-8")  # about 30 MB


def test_over_the_row_limit_is_a_clear_error(sqlite_engine, million):
    load_base(sqlite_engine)
    before = dump(sqlite_engine)
    t0 = time.perf_counter()
    report = import_files(sqlite_engine, [("people.csv", million)], limits=Limits(max_rows=500_000))
    assert time.perf_counter() - t0 < 30
    assert [e.kind for e in report.errors] == ["too_many_rows"]
    assert dump(sqlite_engine) == before


def test_under_the_default_limit_imports_in_bounded_time_and_memory(sqlite_engine, million):
    load_base(sqlite_engine)
    tracemalloc.start()
    t0 = time.perf_counter()
    report = import_files(sqlite_engine, [("people.csv", million)])
    seconds = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"1M people: {seconds:.1f} s, Python peak {peak / 1e6:.0f} MB, max RSS {rss_mb:.0f} MB")
    assert report.ok, report.lines()[:3]
    assert len(dump(sqlite_engine)["people"]) == N + 2  # + P1, P2 of the base
    assert seconds < 120 and rss_mb < 3000  # measured: 29 s, 580 MB RSS
