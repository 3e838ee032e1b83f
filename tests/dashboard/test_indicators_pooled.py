"""indicators(): a cluster's value is pooled (Σ num / Σ den), never the mean of percentages."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.indicators import indicators


def counts_frame(**cols: list) -> pl.DataFrame:
    n = len(next(iter(cols.values())))
    base = {
        "year": [2023] * n,
        "cluster_code": ["C1"] * n,
        "unit_code": [f"U{i + 1}" for i in range(n)],
    }
    return pl.DataFrame(base | cols)


def test_pooled_value_weights_members_by_size():
    # U1: 9/10 = 90 %; U2: 15/30 = 50 %. Mean of percentages would be 70 %.
    # Pooled: (9 + 15) / (10 + 30) = 24/40 = 60 %.
    ind = indicators(counts_frame(staff=[10, 30], persons_ldtt_plus=[9, 15]))
    row = ind.filter(pl.col("indicator") == "LDTT_RATE", pl.col("unit_code").is_null())
    assert row.select("cluster_code", "numerator", "denominator").row(0) == ("C1", 24, 40)
    assert row["value_pct"][0] == pytest.approx(60.0)


def test_pooled_denominator_adds_several_measures():
    # HIGHER_AWARD_RATE: U1 2 / (7 + 1 + 1) = 2/9; U2 1 / (20 + 4 + 1) = 1/25.
    # Pooled (2 + 1) / (9 + 25) = 3/34 = 8.8235… %
    ind = indicators(
        counts_frame(staff=[7, 20], departments=[1, 4], higher_award_recipients=[2, 1])
    )
    row = ind.filter(pl.col("indicator") == "HIGHER_AWARD_RATE", pl.col("unit_code").is_null())
    assert row.select("numerator", "denominator").row(0) == (3, 34)
    assert row["value_pct"][0] == pytest.approx(300 / 34)


def test_one_pooled_row_per_cluster_and_year():
    c = pl.DataFrame(
        {
            "year": [2023, 2023, 2024],
            "cluster_code": ["C1", "C2", "C1"],
            "unit_code": ["U1", "U2", "U1"],
            "staff": [4, 5, 8],
            "persons_ldtt_plus": [1, 5, 6],
        }
    )
    ind = indicators(c).filter(pl.col("indicator") == "LDTT_RATE")
    assert ind.select("year", "cluster_code", "unit_code", "value_pct").rows() == [
        (2023, "C1", None, 25.0),  # 1/4
        (2023, "C1", "U1", 25.0),
        (2023, "C2", None, 100.0),  # 5/5
        (2023, "C2", "U2", 100.0),
        (2024, "C1", None, 75.0),  # 6/8
        (2024, "C1", "U1", 75.0),
    ]
