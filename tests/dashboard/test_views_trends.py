"""views.trends: series for the small multiples and the change table with its history."""

import polars as pl

from dashboard.views.trends import change_table, trend_series

TRENDS = pl.DataFrame(
    {
        "cluster_code": ["C"] * 7,
        "unit_code": [None, None, "U1", "U1", "U1", None, "U1"],
        "indicator": ["LDTT_RATE"] * 5 + ["PERSON_KHTNV_RATE"] * 2,
        "year": [2023, 2024, 2023, 2024, 2025, 2024, 2024],
        "value_pct": [80.0, 90.0, 70.0, 95.0, 99.0, None, None],
        "delta_pp": [None, 10.0, None, 25.0, 4.0, None, None],
    }
)


def test_unit_then_pooled_series_without_empty_indicators():
    out = trend_series(TRENDS, cluster="C", unit="U1", unit_name="Trường A", pooled_name="Cụm")
    assert out.filter(pl.col("year") == 2024).select("series", "pooled", "value_pct").rows() == [
        ("Trường A", False, 95.0),
        ("Cụm", True, 90.0),
    ]
    assert out["indicator"].unique().to_list() == ["LDTT_RATE"]  # KHTNV has no value at all


def test_without_a_unit_only_the_pooled_line():
    out = trend_series(TRENDS, cluster="C", unit=None, unit_name="", pooled_name="Cụm")
    assert out["series"].unique().to_list() == ["Cụm"]


def test_change_table_up_to_the_chosen_year():
    out = change_table(TRENDS, year=2024, cluster="C", unit="U1")
    # 2025 is after the chosen year: left out of the value and of the sparkline
    assert out.rows() == [("LDTT_RATE", 95.0, 70.0, 25.0, [70.0, 95.0], None)]
