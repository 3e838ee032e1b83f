"""On the demo seed (4 clusters, 27 units, reported-only and monthly units, military profile),
both references agree with the engine for the latest year and the one before."""

from __future__ import annotations

import pytest

from bench import compare
from bench import pandas_reference as pdref
from bench.sql_reference import sql_indicators
from dashboard.pipeline import run, window
from data_access.readers import load_dataset

YEAR = 2025


@pytest.fixture
def demo(engine):
    from seed import populate

    populate(engine, scale="demo", years=(2022, YEAR), progress=False)
    # KHOI_HVCT's school year YEAR − 1 opens in September of YEAR − 2: the SQL reads those
    # ratings from the database, so the engine is given them too (as the app's stored counts are).
    with engine.connect() as conn:
        ds = load_dataset(conn, years=[YEAR - 2, *window(YEAR)])
    return engine, ds


def test_sql_equals_engine_on_the_demo_seed(demo):
    engine, ds = demo
    with engine.connect() as conn:
        sql = sql_indicators(conn, years=window(YEAR))
    ind = run(ds, year=YEAR).indicators
    assert sql.height == ind.height > 0
    assert compare.indicators(ind, sql) == []


def test_pandas_equals_engine_on_the_demo_seed(demo):
    _, ds = demo
    ref = pdref.pipeline(pdref.frames(ds), year=YEAR)
    assert compare.pandas_pipeline(run(ds, year=YEAR), ref) == []
