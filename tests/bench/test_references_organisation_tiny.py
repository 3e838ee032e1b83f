"""Both references on the tiny organisation dataset (bench_tiny.ORG_TABLES): a unit that moved
cluster and a school-year unit, figures worked by hand, and equal to the engine."""

from __future__ import annotations

import pandas as pd
import polars as pl
import pytest

from bench import compare
from bench import pandas_reference as pdref
from bench.sql_reference import sql_indicators
from dashboard.pipeline import run

PERSON, DEPT = "MONTHLY_PERSON_HTXSNV_SHARE", "MONTHLY_DEPT_HTXSNV_SHARE"


def pick(frame: pl.DataFrame | pd.DataFrame, year: int, indicator: str, unit: str | None,
         cluster: str | None = None) -> tuple:  # fmt: skip
    """(cluster_code, numerator, denominator, value_pct) of one row; unit None = pooled."""
    f = frame if isinstance(frame, pl.DataFrame) else pl.from_pandas(frame)
    f = f.filter(pl.col("year") == year, pl.col("indicator") == indicator)
    f = f.filter(pl.col("unit_code").is_null() if unit is None else pl.col("unit_code") == unit)
    if cluster is not None:
        f = f.filter(pl.col("cluster_code") == cluster)
    assert f.height == 1, f
    out = f.select("cluster_code", "numerator", "denominator", "value_pct").row(0)
    return (out[0], *(None if v is None else int(v) for v in out[1:3]), out[3])


@pytest.fixture
def sql(org_db):
    with org_db.connect() as conn:
        return sql_indicators(conn, years=[2024, 2025])


@pytest.fixture
def ref(org_ds):
    return pdref.pipeline(pdref.frames(org_ds), year=2025)


def _worked(ind: pl.DataFrame | pd.DataFrame) -> None:
    # S's year starts in September: 2025 = 2024-09 HTXSNV, 2024-10 HTTNV, 2025-08 HTXSNV
    # (2025-09 is 2026's) → 2 of 3; 2024 = 2024-03 alone → 1 of 1.
    assert pick(ind, 2025, PERSON, "S")[1:3] == (2, 3)
    assert pick(ind, 2024, PERSON, "S") == ("C1", 1, 1, 100.0)
    # S.D1: 2024-11 is 2025's, 2025-10 is 2026's → 1 of 1; none left for 2024.
    assert pick(ind, 2025, DEPT, "S") == ("C1", 1, 1, 100.0)
    assert pick(ind, 2024, DEPT, "S")[1:] == (None, None, None)
    # A keeps the calendar year: 2024-10 → 2024 (1/1), 2025-10 → 2025 (0/1).
    assert pick(ind, 2024, PERSON, "A") == ("C1", 1, 1, 100.0)
    # A is in C2 in 2025 (cluster_members), in C1 in 2024 (no rows: units.cluster_code).
    assert pick(ind, 2025, PERSON, "A") == ("C2", 0, 1, 0.0)
    # Pools: C1 2024 = S + A = 2/2; C1 2025 = S alone = 2/3; C2 2025 = A + B = (0 + 1)/(1 + 1).
    assert pick(ind, 2024, PERSON, None, "C1") == ("C1", 2, 2, 100.0)
    assert pick(ind, 2025, PERSON, None, "C1")[1:3] == (2, 3)
    assert pick(ind, 2025, PERSON, None, "C2") == ("C2", 1, 2, 50.0)


def test_sql_hand_worked(sql):
    _worked(sql)


def test_pandas_hand_worked(ref):
    _worked(ref["indicators"])


def test_pandas_ranking_of_that_years_members(ref):
    # 2025 by score: C1 = S (50) alone → 1, a year before 2 of C1 (A 70, S 60) → change +1.
    # C2 = B 90, A 80 → 1, 2; A was in C1 in 2024: no rank in C2 the year before, no change.
    r = ref["rankings"].set_index("unit_code")
    assert r.loc["S", ["cluster_code", "rank", "rank_prev", "rank_change"]].tolist() == [
        "C1", 1, 2, 1,
    ]  # fmt: skip
    assert r.loc["B", ["cluster_code", "rank"]].tolist() == ["C2", 1]
    assert r.loc["A", ["cluster_code", "rank"]].tolist() == ["C2", 2]
    assert pd.isna(r.loc["A", "rank_prev"]) and pd.isna(r.loc["A", "rank_change"])


def test_sql_equals_engine(sql, org_ds):
    assert compare.indicators(run(org_ds, year=2025).indicators, sql) == []


def test_pandas_equals_engine(ref, org_ds):
    assert compare.pandas_pipeline(run(org_ds, year=2025), ref) == []
