"""Property: from records, every indicator's numerator is a subset of its denominator, so
0 ≤ numerator ≤ denominator and 0 ≤ value ≤ 100 on every unit and pooled row."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from test_properties_strategies import datasets

from dashboard.counts import counts
from dashboard.indicators import indicators
from data_access.catalog import load_catalog

# All 13 are subsets when counted from records: LĐTT-or-higher ⊂ staff, CSTĐCS ⊂ LĐTT, ratings
# ⊂ rated, TTLĐXS ⊂ TTLĐTT ⊂ departments, higher-award recipients ⊂ staff + departments + unit…
SUBSET_INDICATORS = list(load_catalog().indicators)


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=datasets())
def test_numerator_never_exceeds_denominator(ds):
    ind = indicators(counts(ds)).filter(pl.col("indicator").is_in(SUBSET_INDICATORS))
    known = ind.filter(pl.col("numerator").is_not_null() & pl.col("denominator").is_not_null())
    bad = known.filter((pl.col("numerator") < 0) | (pl.col("numerator") > pl.col("denominator")))
    assert bad.height == 0, bad
    values = ind["value_pct"].drop_nulls()
    assert ((values >= 0) & (values <= 100)).all()
    # a value exists exactly where both sides are known and the denominator is positive
    expect_value = known.filter(pl.col("denominator") > 0).height
    assert ind["value_pct"].is_not_null().sum() == expect_value
