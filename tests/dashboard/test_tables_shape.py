"""`shape`: contract columns and types, percentages at two decimals, cluster/unit filters, rows
sorted by cluster_code, unit_code (pooled row first), then the table's own order."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from dashboard.tables import shape

# Engine-like output: unordered, with an extra column the contract does not list.
ENGINE = pl.DataFrame(
    {
        "year": [2024] * 5,
        "cluster_code": ["C2", "C1", "C1", "C1", "C1"],
        "unit_code": ["U9", "U2", None, "U1", "U1"],
        "indicator": ["LDTT_RATE", "LDTT_RATE", "LDTT_RATE", "HIGHER_AWARD_RATE", "LDTT_RATE"],
        "numerator": [1, 2, 3, 4, 5],
        "denominator": [3, 3, 6, 80, 5],
        "value_pct": [100 / 3, 200 / 3, 50.0, 5.0, 100.0],
        "target_min": [90.0, 90.0, 90.0, 5.0, 90.0],
        "target_max": [None, None, None, None, None],
        "status": ["below", "below", "below", "met", "met"],
        "attainment": [0.37, 0.74, 0.56, 1.0, 1.0],
    },
    schema_overrides={"year": pl.Int16, "target_max": pl.Float64},
)


def test_columns_types_order_and_rounding():
    got = shape(ENGINE, "indicators")
    expected = pl.DataFrame(
        {
            "year": [2024] * 5,
            # C1 before C2; in C1 the pooled row (no unit) first, then U1, then U2;
            # within U1 catalogue order: LDTT_RATE before HIGHER_AWARD_RATE.
            "cluster_code": ["C1", "C1", "C1", "C1", "C2"],
            "unit_code": [None, "U1", "U1", "U2", "U9"],
            "indicator": ["LDTT_RATE", "LDTT_RATE", "HIGHER_AWARD_RATE", "LDTT_RATE", "LDTT_RATE"],
            "numerator": [3, 5, 4, 2, 1],
            "denominator": [6, 5, 80, 3, 3],
            # 200/3 = 66.666… -> 66.67; 100/3 = 33.333… -> 33.33
            "value_pct": [50.0, 100.0, 5.0, 66.67, 33.33],
            "target_min": [90.0, 90.0, 5.0, 90.0, 90.0],
            "target_max": [None, None, None, None, None],
            "status": ["below", "met", "met", "below", "below"],
        },
        schema={
            "year": pl.Int64,
            "cluster_code": pl.String,
            "unit_code": pl.String,
            "indicator": pl.String,
            "numerator": pl.Int64,
            "denominator": pl.Int64,
            "value_pct": pl.Float64,
            "target_min": pl.Float64,
            "target_max": pl.Float64,
            "status": pl.String,
        },
    )
    assert_frame_equal(got, expected)


def test_cluster_filter_keeps_the_pooled_row():
    got = shape(ENGINE, "indicators", cluster="C1")
    assert got["unit_code"].to_list() == [None, "U1", "U1", "U2"]


def test_unit_filter():
    got = shape(ENGINE, "indicators", unit="U1")
    assert got.select("unit_code", "numerator").rows() == [("U1", 5), ("U1", 4)]


def test_missing_engine_column_is_an_error():
    with pytest.raises(RuntimeError, match="status"):
        shape(ENGINE.drop("status"), "indicators")


def test_caller_frame_is_untouched():
    before = ENGINE.clone()
    shape(ENGINE, "indicators", cluster="C1")
    assert_frame_equal(ENGINE, before)


def test_trends_by_indicator_then_year():
    engine = pl.DataFrame(
        {
            "cluster_code": ["C1"] * 3,
            "unit_code": ["U1"] * 3,
            "indicator": ["LDTT_RATE", "LDTT_RATE", "CSTDCS_OF_LDTT"],
            "year": [2024, 2023, 2023],
            "value_pct": [92.5, 90.0, 12.345],
            "delta_pp": [2.5, None, None],
            "pooled_from": [None, None, None],
        }
    )
    got = shape(engine, "trends")
    assert got.select("indicator", "year").rows() == [
        ("LDTT_RATE", 2023), ("LDTT_RATE", 2024), ("CSTDCS_OF_LDTT", 2023),
    ]  # fmt: skip
    assert got["value_pct"].to_list() == [90.0, 92.5, 12.35]  # 12.345 -> 12.35 (half up)
