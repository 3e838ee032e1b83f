"""On the tiny dataset, both references agree with the engine on every figure."""

from __future__ import annotations

from bench import compare
from bench import pandas_reference as pdref
from bench.sql_reference import sql_indicators
from dashboard.pipeline import run


def test_sql_equals_engine(tiny_db, tiny_ds):
    with tiny_db.connect() as conn:
        sql = sql_indicators(conn, years=[2024, 2025])
    assert compare.indicators(run(tiny_ds, year=2025).indicators, sql) == []


def test_pandas_pipeline_equals_engine(tiny_ds):
    ref = pdref.pipeline(pdref.frames(tiny_ds), year=2025)
    assert compare.pandas_pipeline(run(tiny_ds, year=2025), ref) == []
