"""trends(): delta_pp against the same series one year earlier, pooled rows as their own series."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.trends import trends


def ind() -> pl.DataFrame:
    rows = [
        # (year, unit, indicator, value)
        (2021, "U1", "LDTT_RATE", 70.0),
        (2022, "U1", "LDTT_RATE", 82.5),
        (2024, "U1", "LDTT_RATE", 90.0),  # 2023 missing: no one-year change for 2024
        (2022, "U1", "CSTDCS_OF_LDTT", None),
        (2023, "U1", "CSTDCS_OF_LDTT", 12.0),  # previous value missing → no delta
        (2021, None, "LDTT_RATE", 75.0),  # the cluster's pooled series
        (2022, None, "LDTT_RATE", 72.25),
        (2022, "U2", "LDTT_RATE", 60.0),
    ]
    return pl.DataFrame(
        [(y, "C1", u, i, v) for y, u, i, v in rows],
        schema={
            "year": pl.Int16, "cluster_code": pl.String, "unit_code": pl.String,
            "indicator": pl.String, "value_pct": pl.Float64,
        },
        orient="row",
    )  # fmt: skip


def test_delta_in_percentage_points():
    out = trends(ind())
    assert out.columns == [
        "cluster_code",
        "unit_code",
        "indicator",
        "year",
        "value_pct",
        "delta_pp",
        "pooled_from",
    ]
    got = out.select("unit_code", "indicator", "year", "delta_pp").rows()
    assert got == [
        (None, "LDTT_RATE", 2021, None),
        (None, "LDTT_RATE", 2022, pytest.approx(-2.75)),  # 72.25 − 75 (not mixed with U1/U2)
        ("U1", "LDTT_RATE", 2021, None),
        ("U1", "LDTT_RATE", 2022, pytest.approx(12.5)),  # 82.5 − 70
        ("U1", "LDTT_RATE", 2024, None),  # 2023 missing
        ("U1", "CSTDCS_OF_LDTT", 2022, None),
        ("U1", "CSTDCS_OF_LDTT", 2023, None),  # 12 − unknown
        ("U2", "LDTT_RATE", 2022, None),  # first year of U2
    ]  # sorted: pooled first, then units; indicators in catalogue order; years ascending
