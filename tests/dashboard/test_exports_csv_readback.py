"""A codes-mode CSV reads back into the same frame (percentages at two decimals)."""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal

from dashboard.exports import to_csv_bytes


def test_read_back_equals_the_frame():
    frame = pl.DataFrame(
        {
            "year": [2024, 2024, 2024],
            "cluster_code": ["C4", "C4", "C4"],
            "unit_code": [None, "TCT_PT", "TCT_HN"],  # pooled cluster row: empty unit_code
            "indicator": ["LDTT_RATE"] * 3,
            "numerator": [180, 90, 90],
            "denominator": [200, 100, 100],
            "value_pct": [90.0, 90.0, 90.0],
            "target_min": [90.0, 90.0, None],
            "target_max": [None, None, None],
            "status": ["met", "met", "no_target"],
        },
        schema_overrides={"target_max": pl.Float64},
    )
    back = pl.read_csv(to_csv_bytes(frame, headers="codes"), schema=frame.schema)
    assert_frame_equal(back, frame)


def test_two_decimals_survive_the_trip():
    frame = pl.DataFrame({"value_pct": [33.333333, 66.666667, 12.5]})
    back = pl.read_csv(to_csv_bytes(frame, headers="codes"))
    # 33.333333 -> 33.33; 66.666667 -> 66.67; 12.5 -> 12.50 -> 12.5
    assert back["value_pct"].to_list() == [33.33, 66.67, 12.5]
