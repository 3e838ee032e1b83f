"""Fuzzing the importer with hostile bytes: random bytes named .csv or .xlsx, and truncated CSV
and XLSX files. Each gives an error report (never an exception) and the database is unchanged,
row by row."""

from __future__ import annotations

import io

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_kit import BASE, csv, dump, load_base

from data_access.importer import import_files

pytestmark = pytest.mark.slow
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _xlsx() -> bytes:
    buf = io.BytesIO()
    pl.DataFrame({"person_code": ["P3", "P4"], "full_name": ["Lê Văn Cường", "Đỗ Thị Dung"]}
                 ).write_excel(buf, worksheet="people")  # fmt: skip
    return buf.getvalue()


XLSX = _xlsx()
PEOPLE = csv("person_code,full_name\n" + "".join(f"Q{i},Người số {i}\n" for i in range(200)))


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_random_bytes(sqlite_engine, data, suffix):
    if not dump(sqlite_engine)["units"]:
        load_base(sqlite_engine)
    before = dump(sqlite_engine)
    report = import_files(sqlite_engine, [("people" + suffix, data)])
    if not report.ok:
        assert report.errors and dump(sqlite_engine) == before


@FUZZ
@given(cut=st.integers(min_value=1, max_value=len(XLSX) - 1))
def test_truncated_xlsx_is_an_error_and_writes_nothing(sqlite_engine, cut):
    if not dump(sqlite_engine)["units"]:
        load_base(sqlite_engine)
    before = dump(sqlite_engine)
    report = import_files(sqlite_engine, [("people.xlsx", XLSX[:cut])])
    assert not report.ok  # a zip cut anywhere loses its central directory
    assert dump(sqlite_engine) == before


@FUZZ
@given(cut=st.integers(min_value=1, max_value=len(PEOPLE) - 1))
def test_truncated_csv_imports_whole_rows_or_fails_cleanly(sqlite_engine, cut):
    if not dump(sqlite_engine)["units"]:
        load_base(sqlite_engine)
    before = dump(sqlite_engine)
    data = PEOPLE[:cut]
    report = import_files(sqlite_engine, [("people.csv", data)])
    if report.ok:  # a cut inside a row leaves a shorter but valid code/name: never a crash
        people = {r[0] for r in dump(sqlite_engine)["people"]}
        assert {"P1", "P2"} <= people
    else:
        assert dump(sqlite_engine) == before


def test_base_fixture_is_valid(sqlite_engine):
    # control: the files the fuzzers start from import cleanly
    report = import_files(sqlite_engine, [(n, csv(v)) for n, v in BASE.items()])
    assert report.ok
    assert import_files(sqlite_engine, [("people.xlsx", XLSX)]).ok
