"""Property: a cluster's pooled value lies between its members' smallest and largest values."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from test_properties_strategies import datasets

from dashboard.counts import counts
from dashboard.indicators import indicators


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=datasets())
def test_pooled_value_between_member_extremes(ds):
    ind = indicators(counts(ds))
    keys = ["year", "cluster_code", "indicator"]
    members = (
        ind.filter(pl.col("unit_code").is_not_null(), pl.col("value_pct").is_not_null())
        .group_by(keys)
        .agg(lo=pl.col("value_pct").min(), hi=pl.col("value_pct").max())
    )
    pooled = ind.filter(pl.col("unit_code").is_null())
    joined = pooled.join(members, on=keys, how="left")
    # A pooled value needs at least one member with a value, and lies within [lo, hi].
    assert joined.filter(pl.col("value_pct").is_not_null() & pl.col("lo").is_null()).height == 0
    outside = joined.filter(
        (pl.col("value_pct") < pl.col("lo") - 1e-9) | (pl.col("value_pct") > pl.col("hi") + 1e-9)
    )
    assert outside.height == 0, outside
