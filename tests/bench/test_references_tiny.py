"""On the tiny dataset, both references agree with the engine on every figure."""

from __future__ import annotations

from dashboard.bench import compare
from dashboard.bench import pandas_reference as pdref
from dashboard.bench.pipeline import run_engine
from data_access.bench_sql import sql_indicators


def test_sql_equals_engine(tiny_db, tiny_ds):
    with tiny_db.connect() as conn:
        sql = sql_indicators(conn, years=[2024, 2025])
    assert compare.indicators(run_engine(tiny_ds, year=2025).indicators, sql) == []


def test_pandas_pipeline_equals_engine(tiny_ds):
    ref = pdref.pipeline(pdref.frames(tiny_ds), year=2025)
    assert compare.pandas_pipeline(run_engine(tiny_ds, year=2025), ref) == []
