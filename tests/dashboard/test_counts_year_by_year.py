"""Counts and indicators are separable by year: the app computes one year at a time for the
overview (this year and the last), so each year alone must equal that year's slice of all years.
Guards dashboard.ui.loaders.counts(years=…) / indicators(years=…)."""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal

import seed
from dashboard.counts import counts
from dashboard.indicators import indicators
from data_access.readers import load_dataset


def test_each_year_alone_equals_its_slice_of_all_years(sqlite_engine):
    seed.populate(sqlite_engine, scale="demo", years=(2020, 2023), progress=False)
    with sqlite_engine.connect() as conn:
        ds = load_dataset(conn)
    every = counts(ds)
    every_ind = indicators(every)
    order = ["year", "cluster_code", "unit_code"]
    for year in (2020, 2021, 2022, 2023):
        alone = counts(ds, years=[year])
        assert alone.height > 0
        assert_frame_equal(alone.sort(order), every.filter(pl.col("year") == year).sort(order))
        assert_frame_equal(
            indicators(alone).sort([*order, "indicator"], nulls_last=False),
            every_ind.filter(pl.col("year") == year).sort([*order, "indicator"], nulls_last=False),
        )
