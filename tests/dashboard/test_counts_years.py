"""counts(): awards and ratings follow the roster row of their own year; `years` filters."""

from __future__ import annotations

import polars as pl

from dashboard.counts import counts
from data_access.readers import Dataset


def dataset() -> Dataset:
    # P1 moves from U1 (2022) to U2 (2023); P2 stays in U1 both years.
    return Dataset.empty(
        units=pl.DataFrame({"unit_code": ["U2", "U1"], "cluster_code": ["C2", "C1"]}),
        roster=pl.DataFrame(
            {
                "year": [2022, 2022, 2023, 2023],
                "person_code": ["P1", "P2", "P1", "P2"],
                "unit_code": ["U1", "U1", "U2", "U1"],
            }
        ),
        awards=pl.DataFrame(
            {
                "year": [2022, 2023, 2023],
                "recipient_kind": "person",
                "recipient_code": ["P1", "P1", "P2"],
                "award_code": ["CSTDCS", "LDTT", "GIAY_KHEN"],
            }
        ),
        ratings=pl.DataFrame(
            {
                "period": ["2022-12", "2023-01", "2023-02"],
                "subject_kind": "person",
                "subject_code": ["P1", "P1", "P1"],
                "rating": ["HTXSNV", "HTXSNV", "HTTNV"],
                "year": [2022, 2023, 2023],
                "month": [12, 1, 2],
            }
        ),
    )


def test_each_year_counts_against_that_years_roster():
    c = counts(dataset())
    got = c.select("year", "unit_code", "staff", "persons_ldtt_plus", "person_months_rated")
    assert got.rows() == [
        (2022, "U1", 2, 1, 1),  # P1 CSTDCS (→ LĐTT) and Dec 2022 rating, in U1
        (2023, "U1", 1, 0, None),  # P2: Giấy khen only → 0 LĐTT; no monthly rating
        (2023, "U2", 1, 1, 2),  # P1 LDTT and Jan, Feb 2023 ratings, now in U2
    ]
    assert c["cluster_code"].to_list() == ["C1", "C1", "C2"]  # sorted year, cluster, unit


def test_years_argument_keeps_only_those_years():
    c = counts(dataset(), years=[2023])
    assert c.select("year", "unit_code").rows() == [(2023, "U1"), (2023, "U2")]


def test_output_types():
    c = counts(dataset())
    assert c.schema["year"] == pl.Int16
    assert all(c.schema[k] == pl.String for k in ("cluster_code", "unit_code", "profile", "source"))
    assert c.columns[-1] == "unit_itself"
    assert c["unit_itself"].to_list() == [1, 1, 1]
