"""Property: no result depends on the row order of any input frame (every frame shuffled)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal
from test_properties_strategies import datasets

from dashboard.counts import count_differences, counts
from dashboard.indicators import indicators
from dashboard.rankings import rankings
from dashboard.targets import resolve_targets, with_targets
from dashboard.trends import trends
from data_access.readers import Dataset


def shuffled(ds: Dataset, seed: int) -> Dataset:
    return Dataset(
        **{
            f.name: getattr(ds, f.name).sample(fraction=1.0, shuffle=True, seed=seed)
            for f in dataclasses.fields(ds)
        }
    )


def results(ds: Dataset) -> dict:
    c = counts(ds)
    ind = indicators(c)
    iwt = with_targets(ind, resolve_targets(ds))
    return {
        "counts": c,
        "differences": count_differences(ds),
        "indicators": ind,
        "targets": resolve_targets(ds),
        "with_targets": iwt,
        "rankings": rankings(iwt, ds, year=2023),
        "trends": trends(ind),
    }


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=datasets(with_extras=True), seed=st.integers(0, 2**32 - 1))
def test_results_do_not_depend_on_row_order(ds, seed):
    before, after = results(ds), results(shuffled(ds, seed))
    for name, frame in before.items():
        assert_frame_equal(frame, after[name], check_exact=False, rel_tol=1e-12), name
