"""Laws of forms 0602/0603 for any award records: the whole database's form is the sum of its
clusters' (every unit in a cluster, records on no roster left out of all), and each form's
method rows, the unrecorded one included, add up to its total."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.forms.compute import form_table
from data_access.catalog.forms import load_forms
from data_access.readers import Dataset

UNITS = {"U1": "C1", "U2": "C1", "U3": "C2", "U4": "C3"}
PEOPLE = {"P1": "U1", "P2": "U2", "P3": "U3", "P4": "U4"}  # P9: on no roster
AWARDS = sorted({a for f in load_forms().values() for c in f.columns for a in c.awards})
METHODS = [None, "regular", "thematic", "ad_hoc", "seniority"]

record = st.tuples(
    st.sampled_from([2024, 2025]),
    st.sampled_from([("person", p) for p in [*PEOPLE, "P9"]] + [("unit", u) for u in UNITS]),
    st.sampled_from(AWARDS),
    st.sampled_from(METHODS),
    st.one_of(st.none(), st.dates(dt.date(2024, 10, 1), dt.date(2026, 1, 31))),
)


def _ds(records) -> Dataset:
    seen = {}
    for year, (kind, code), award, method, day in records:
        seen[(year, kind, code, award)] = (method, day)  # the table's key: one record each
    rows = [(y, k, c, a, m, d) for (y, k, c, a), (m, d) in seen.items()]
    return Dataset.empty(
        clusters=pl.DataFrame({"cluster_code": ["C1", "C2", "C3"],
                               "cluster_name": ["A", "B", "C"]}),
        units=pl.DataFrame({"unit_code": list(UNITS), "unit_name": list(UNITS),
                            "cluster_code": list(UNITS.values())}),
        roster=pl.DataFrame({"year": [2025] * 4, "person_code": list(PEOPLE),
                             "unit_code": list(PEOPLE.values())}),
        awards=pl.DataFrame(rows, schema=["year", "recipient_kind", "recipient_code",
                                          "award_code", "method", "decision_date"],
                            orient="row"),
    )  # fmt: skip


@settings(max_examples=12, deadline=None)
@given(st.lists(record, max_size=12))
def test_whole_is_the_sum_of_clusters_and_methods_add_up(records):
    ds = _ds(records)
    for number in ("0602", "0603"):
        whole = form_table(number, ds, year=2025)
        parts = [form_table(number, ds, year=2025, cluster=c) for c in ("C1", "C2", "C3")]
        for r, row in enumerate(whole.grid):
            for j, cell in enumerate(row):
                if isinstance(cell, int):
                    assert cell == sum(p.grid[r][j] for p in parts)
        total = whole.grid[0][0]  # the form's first row: Tổng số
        methods = sum(g[0] for g, row in zip(whole.grid, whole.form.rows, strict=True)
                      if row.count.startswith("method:"))  # fmt: skip
        assert methods == total == whole.records
