"""rankings() without scores: targets met, then mean attainment; ties share the lowest rank."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.rankings import rankings
from data_access.readers import Dataset


def ind(*rows: tuple[str, str, float | None]) -> pl.DataFrame:
    """(unit, status, attainment) rows of year 2023, cluster C1, one indicator each."""
    return pl.DataFrame(
        [(2023, "C1", u, f"I{i}", s, a) for i, (u, s, a) in enumerate(rows)],
        schema={
            "year": pl.Int16, "cluster_code": pl.String, "unit_code": pl.String,
            "indicator": pl.String, "status": pl.String, "attainment": pl.Float64,
        },
        orient="row",
    )  # fmt: skip


def test_targets_met_then_mean_attainment_with_min_ties():
    frame = ind(
        ("U1", "met", 1.0), ("U1", "met", 1.0), ("U1", "met", 1.0),  # 3 met, mean 1
        ("U2", "met", 1.0), ("U2", "met", 1.0), ("U2", "below", 0.5),  # 2 met, mean 2.5/3
        ("U3", "above", 0.5), ("U3", "met", 1.0), ("U3", "met", 1.0),  # 2 met, mean 2.5/3
        ("U4", "met", 1.0), ("U4", "met", 1.0), ("U4", "no_data", 0.0),  # 2 met, mean 2/3
        ("U5", "no_target", None), ("U5", "no_target", None),  # nothing applies
        # the pooled row of the cluster is not a member
        (None, "met", 1.0),
    )  # fmt: skip
    out = rankings(frame, Dataset.empty(), year=2023)
    assert out.select("unit_code", "rank", "basis", "targets_met", "targets_total").rows() == [
        ("U1", 1, "targets", 3, 3),
        ("U2", 2, "targets", 2, 3),  # U2 and U3 equal on both keys: share rank 2
        ("U3", 2, "targets", 2, 3),
        ("U4", 4, "targets", 2, 3),  # "min" ranking skips 3
        ("U5", 5, "targets", 0, 0),
    ]
    att = dict(zip(out["unit_code"], out["mean_attainment"], strict=True))
    assert att["U2"] == pytest.approx(2.5 / 3)
    assert att["U4"] == pytest.approx(2 / 3)
    assert att["U5"] is None
    assert out["final_points"].null_count() == 5


def test_more_targets_met_beats_higher_attainment():
    frame = ind(
        ("A", "met", 1.0), ("A", "met", 1.0), ("A", "below", 0.1),  # 2 met, mean 0.7
        ("B", "met", 1.0), ("B", "below", 0.99), ("B", "below", 0.99),  # 1 met, mean 0.993
    )  # fmt: skip
    out = rankings(frame, Dataset.empty(), year=2023)
    assert out.select("unit_code", "rank").rows() == [("A", 1), ("B", 2)]
