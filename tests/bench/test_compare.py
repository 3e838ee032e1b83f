"""compare.indicators: equal within 1e-9, and says which rows differ or are missing."""

from __future__ import annotations

import polars as pl

from bench import compare


def frame(values: list[float | None], units: list[str | None] | None = None) -> pl.DataFrame:
    n = len(values)
    return pl.DataFrame(
        {
            "year": [2025] * n,
            "cluster_code": ["C1"] * n,
            "unit_code": units or [None, "U1", "U2"][:n],
            "indicator": ["LDTT_RATE"] * n,
            "numerator": [1] * n,
            "denominator": [3] * n,
            "value_pct": values,
        }
    )


def test_equal_within_tolerance_and_null_equals_null():
    # 100/3 = 33.333…; a difference of 1e-12 is within 1e-9. The pooled row (no unit_code)
    # matches the pooled row.
    a = frame([100 / 3, None, 50.0])
    b = frame([100 / 3 + 1e-12, None, 50.0])
    assert compare.indicators(a, b) == []


def test_a_difference_above_tolerance_is_reported():
    a = frame([100 / 3, 25.0, 50.0])
    b = frame([100 / 3, 25.0 + 1e-6, 50.0])
    (msg,) = compare.indicators(a, b)
    assert msg.startswith("indicators: 1 rows differ")
    assert "'U1'" in msg


def test_a_value_against_no_value_is_reported():
    (msg,) = compare.indicators(frame([None, 25.0]), frame([0.0, 25.0]))
    assert "1 rows differ" in msg


def test_missing_rows_are_reported_on_each_side():
    a = frame([10.0, 20.0], units=["U1", "U2"])
    b = frame([10.0, 20.0], units=["U1", "U3"])
    msgs = compare.indicators(a, b)
    assert any("in the engine only" in m and "'U2'" in m for m in msgs)
    assert any("in the reference only" in m and "'U3'" in m for m in msgs)
