"""rankings(): a cluster-year without year-end results (monthly ratings only) gets no ranking
rows, so no rank, rank change or leader is made up from empty figures (issue 21)."""

from __future__ import annotations

import polars as pl

from dashboard.rankings import rankings
from data_access.readers import Dataset


def ind() -> pl.DataFrame:
    rows = [
        # 2025, year-end results in: U1 met, U2 below → U1 1st, U2 2nd
        (2025, "C1", "U1", "LDTT_RATE", "met", 1.0),
        (2025, "C1", "U2", "LDTT_RATE", "below", 0.5),
        # 2026 in progress: the annual indicator has no value; the monthly share even meets a
        # target set on it, which must not rank anybody
        (2026, "C1", "U1", "LDTT_RATE", "no_data", 0.0),
        (2026, "C1", "U2", "LDTT_RATE", "no_data", 0.0),
        (2026, "C1", "U1", "MONTHLY_PERSON_HTXSNV_SHARE", "met", 1.0),
        (2026, "C1", "U2", "MONTHLY_PERSON_HTXSNV_SHARE", "below", 0.5),
        # C3: no target applies to anything, no score: nothing to rank by
        (2026, "C3", "W1", "LDTT_RATE", "no_target", None),
        (2026, "C3", "W2", "LDTT_RATE", "no_target", None),
        # 2027: results in again, U2 met and U1 below → U2 1st, U1 2nd
        (2027, "C1", "U1", "LDTT_RATE", "below", 0.8),
        (2027, "C1", "U2", "LDTT_RATE", "met", 1.0),
    ]
    return pl.DataFrame(
        rows,
        schema=["year", "cluster_code", "unit_code", "indicator", "status", "attainment"],
        orient="row",
    )


def dataset() -> Dataset:
    return Dataset.empty(
        units=pl.DataFrame(
            {
                "unit_code": ["U1", "U2", "V1", "V2", "W1", "W2"],
                "cluster_code": ["C1", "C1", "C2", "C2", "C3", "C3"],
            }
        ),
        # C2 scored its 2026 meeting: a final score is a year-end result, it ranks (V2 70 > V1 60)
        scores=pl.DataFrame(
            [(2026, "V1", "k1", 100.0, 60.0, 60.0), (2026, "V2", "k1", 100.0, 70.0, 70.0)],
            schema=["year", "unit_code", "criterion", "max_points", "self_points", "final_points"],
            orient="row",
        ),
        # a leader named for 2026 ahead of the review: no ranking row carries it
        cluster_roles=pl.DataFrame(
            {"year": [2026], "cluster_code": ["C1"], "unit_code": ["U2"], "role": ["leader"]}
        ),
    )


def test_year_in_progress_has_no_ranking_rows():
    out = rankings(ind(), dataset(), year=2026)
    # C1 (monthly only) and C3 (nothing judged) are absent; C2 ranks on its final scores
    assert out.select("cluster_code", "unit_code", "rank", "basis", "final_points").rows() == [
        ("C2", "V2", 1, "score", 70.0),
        ("C2", "V1", 2, "score", 60.0),
    ]
    assert out["role"].null_count() == 2  # C1's leader has no ranking row


def test_the_year_after_a_year_in_progress_has_no_previous_rank():
    out = rankings(ind(), dataset(), year=2027)
    assert out.select("unit_code", "rank", "rank_prev", "rank_change").rows() == [
        ("U2", 1, None, None),
        ("U1", 2, None, None),
    ]


def test_a_year_with_results_still_ranks_against_the_year_before():
    # 2025 against 2024 (no rows): ranks 1 and 2, no previous rank
    out = rankings(ind(), dataset(), year=2025)
    assert out.select("unit_code", "rank", "rank_prev").rows() == [("U1", 1, None), ("U2", 2, None)]


def test_only_monthly_rows_give_an_empty_frame_with_the_columns():
    out = rankings(ind().filter(pl.col("year") == 2026), Dataset.empty(), year=2026)
    assert out.height == 0
    assert out.columns == rankings(ind(), dataset(), year=2025).columns
