"""rankings(): rank_prev from the year before, rank_change = rank_prev − rank, role of the year."""

from __future__ import annotations

import polars as pl

from dashboard.rankings import rankings
from data_access.readers import Dataset


def ind() -> pl.DataFrame:
    rows = [
        # 2022: U1 2 met, U2 1 met, U3 0 met → ranks 1, 2, 3
        (2022, "U1", "met"), (2022, "U1", "met"),
        (2022, "U2", "met"), (2022, "U2", "below"),
        (2022, "U3", "below"), (2022, "U3", "below"),
        # 2023: U3 2 met, U1 1 met, U2 1 met, U4 (new) 0 met → 1, 2, 2, 4
        (2023, "U3", "met"), (2023, "U3", "met"),
        (2023, "U1", "met"), (2023, "U1", "below"),
        (2023, "U2", "met"), (2023, "U2", "below"),
        (2023, "U4", "below"), (2023, "U4", "below"),
    ]  # fmt: skip
    return pl.DataFrame(
        [
            (y, "C1", u, f"I{i % 2}", s, 1.0 if s == "met" else 0.5)
            for i, (y, u, s) in enumerate(rows)
        ],
        schema=["year", "cluster_code", "unit_code", "indicator", "status", "attainment"],
        orient="row",
    )


def dataset() -> Dataset:
    return Dataset.empty(
        cluster_roles=pl.DataFrame(
            {"year": [2023, 2023, 2022], "cluster_code": "C1", "unit_code": ["U3", "U1", "U2"],
             "role": ["leader", "deputy", "leader"]}
        )
    )  # fmt: skip


def test_rank_change_against_previous_year():
    out = rankings(ind(), dataset(), year=2023)
    assert out.select("unit_code", "rank", "rank_prev", "rank_change", "role").rows() == [
        ("U3", 1, 3, 2, "leader"),  # 3 → 1: up 2
        ("U1", 2, 1, -1, "deputy"),  # 1 → 2: down 1
        ("U2", 2, 2, 0, None),  # 2022's leader role does not carry over
        ("U4", 4, None, None, None),  # new member: no previous rank
    ]


def test_without_the_previous_year_rank_prev_is_null():
    out = rankings(ind().filter(pl.col("year") == 2023), dataset(), year=2023)
    assert out["rank_prev"].null_count() == out.height == 4
    assert out["rank_change"].null_count() == 4


def test_output_columns_and_types():
    out = rankings(ind(), dataset(), year=2023)
    assert out.schema == pl.Schema(
        {
            "year": pl.Int16, "cluster_code": pl.String, "unit_code": pl.String,
            "rank": pl.Int64, "basis": pl.String, "final_points": pl.Float64,
            "targets_met": pl.Int64, "targets_total": pl.Int64, "rank_prev": pl.Int64,
            "rank_change": pl.Int64, "role": pl.String, "mean_attainment": pl.Float64,
            "rank_change_note": pl.String,
        }
    )  # fmt: skip
