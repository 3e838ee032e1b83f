"""counts() with records and reported totals in one cluster: records win, differences listed."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.counts import count_differences, counts
from dashboard.indicators import indicators
from data_access.readers import Dataset


def unit_counts(*rows: tuple[str, str, int]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=["unit_code", "measure", "value"], orient="row").with_columns(
        year=pl.lit(2023)
    )


def dataset() -> Dataset:
    return Dataset.empty(
        units=pl.DataFrame(
            {"unit_code": ["U1", "U2"], "cluster_code": "C1", "profile": ["civil", "military"]}
        ),
        # U1: 3 persons on the roster, 2 of them LĐTT.
        roster=pl.DataFrame({"year": 2023, "person_code": ["P1", "P2", "P3"], "unit_code": "U1"}),
        awards=pl.DataFrame(
            {
                "year": 2023,
                "recipient_kind": "person",
                "recipient_code": ["P1", "P2"],
                "award_code": "LDTT",
            }
        ),
        unit_counts=unit_counts(
            # U1 also reports totals: staff 4 (records say 3), LĐTT 2 (same), rated 3 (records
            # have no ratings: unknown there, so not a difference).
            ("U1", "staff", 4),
            ("U1", "persons_ldtt_plus", 2),
            ("U1", "persons_rated", 3),
            # U2 shares numbers only.
            ("U2", "staff", 10),
            ("U2", "persons_ldtt_plus", 9),
        ),
    )


def test_records_win_and_reported_fill_units_without_records():
    c = counts(dataset())
    u1, u2 = c.row(0, named=True), c.row(1, named=True)
    assert (u1["unit_code"], u1["source"], u1["staff"], u1["persons_ldtt_plus"]) == (
        "U1", "records", 3, 2,
    )  # fmt: skip
    assert u1["persons_rated"] is None  # the reported 3 does not leak into a records row
    assert (u2["unit_code"], u2["source"], u2["profile"]) == ("U2", "reported", "military")
    assert (u2["staff"], u2["persons_ldtt_plus"]) == (10, 9)
    assert (u2["departments"], u2["persons_rated"]) == (None, None)  # absent → unknown


def test_differences_list_measures_known_in_both():
    diff = count_differences(dataset())
    # staff: records 3 − reported 4 = −1; persons_ldtt_plus: 2 − 2 = 0
    expected = pl.DataFrame(
        {
            "year": [2023, 2023],
            "unit_code": ["U1", "U1"],
            "measure": ["staff", "persons_ldtt_plus"],
            "records": [3, 2],
            "reported": [4, 2],
            "diff": [-1, 0],
        },
        schema_overrides={"year": pl.Int16},
    )
    assert diff.to_dicts() == expected.to_dicts()
    assert diff.schema == expected.schema


def test_cluster_pools_records_and_reported_members():
    ind = indicators(counts(dataset()))
    pooled = ind.filter(pl.col("unit_code").is_null(), pl.col("indicator") == "LDTT_RATE")
    # (2 + 9) / (3 + 10) = 11/13 = 84.615… %
    assert pooled.select("numerator", "denominator").row(0) == (11, 13)
    assert pooled["value_pct"][0] == pytest.approx(1100 / 13)
