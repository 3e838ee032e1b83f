"""with_targets(): status and attainment of a value against a minimum, a maximum or both."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.targets import with_targets

CASES = [
    # (value, min, max, status, attainment), attainment worked by hand
    pytest.param(100 * 9 / 10, 90.0, None, "met", 1.0, id="exactly-on-min-9-of-10"),
    pytest.param(
        100 * (11 / 20), None, 55.0, "met", 1.0, id="on-max-float-noise-55.00000000000001"
    ),
    pytest.param(
        100 * (7 / 25), 28.0, 28.0, "met", 1.0, id="on-both-float-noise-28.000000000000004"
    ),
    pytest.param(95.0, 90.0, None, "met", 1.0, id="over-min-only"),
    pytest.param(81.0, 90.0, None, "below", 0.9, id="below-min-81-of-90"),
    pytest.param(100 * 3 / 20, 10.0, 15.0, "met", 1.0, id="on-max-of-range-3-of-20"),
    pytest.param(10.0, 10.0, 15.0, "met", 1.0, id="on-min-of-range"),
    pytest.param(12.5, 10.0, 15.0, "met", 1.0, id="inside-range"),
    pytest.param(100.0, 100.0, 100.0, "met", 1.0, id="min-equals-max-100"),
    pytest.param(8.0, 10.0, 15.0, "below", 0.8, id="below-range-8-of-10"),
    pytest.param(20.0, 10.0, 15.0, "above", 0.75, id="above-range-15-over-20"),
    pytest.param(30.0, None, 20.0, "above", 20 / 30, id="above-max-only-20-over-30"),
    pytest.param(0.0, None, 20.0, "met", 1.0, id="zero-under-max"),
    pytest.param(0.0, 5.0, None, "below", 0.0, id="zero-below-min"),
    pytest.param(None, 90.0, None, "no_data", 0.0, id="no-value"),
    pytest.param(None, None, None, "no_target", None, id="no-value-no-target"),
    pytest.param(50.0, None, None, "no_target", None, id="value-without-target"),
]


@pytest.mark.parametrize(("value", "lo", "hi", "status", "attainment"), CASES)
def test_status_and_attainment(value, lo, hi, status, attainment):
    ind = pl.DataFrame(
        {"year": [2023], "cluster_code": ["C1"], "unit_code": ["U1"], "indicator": ["LDTT_RATE"],
         "value_pct": [value]},
        schema_overrides={"year": pl.Int16, "value_pct": pl.Float64},
    )  # fmt: skip
    resolved = pl.DataFrame(
        {"year": [2023], "cluster_code": ["C1"], "unit_code": ["U1"], "indicator": ["LDTT_RATE"],
         "target_min": [lo], "target_max": [hi], "target_scope": ["unit"]},
        schema_overrides={"year": pl.Int16, "target_min": pl.Float64, "target_max": pl.Float64},
    )  # fmt: skip
    if lo is None and hi is None:
        resolved = resolved.clear()  # no target row at all
    row = with_targets(ind, resolved).row(0, named=True)
    assert (row["target_min"], row["target_max"]) == ((lo, hi) if resolved.height else (None, None))
    assert row["status"] == status
    if attainment is None:
        assert row["attainment"] is None
    else:
        assert row["attainment"] == pytest.approx(attainment, rel=1e-12)
