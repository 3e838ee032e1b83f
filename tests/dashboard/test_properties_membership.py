"""Property (contract 0.3.0): whatever a later year's membership, and whatever the units'
current clusters become, an earlier year's figures stay as they were — its pooled values, its
rankings and rank change, its quotas."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal
from test_organisation_history import dataset

from dashboard.tables import analytics_table
from data_access.readers import Dataset

UNITS = ["A", "B", "X"]
CLUSTERS = ["C1", "C2", "C3"]


def _figures(ds: Dataset, year: int) -> list[pl.DataFrame]:
    return [analytics_table(n, ds, year=year) for n in ("indicators", "rankings", "quotas")]


BEFORE = {y: _figures(dataset(), y) for y in (2024, 2025)}


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    later=st.lists(st.sampled_from([*CLUSTERS, None]), min_size=3, max_size=3),
    now=st.lists(st.sampled_from(CLUSTERS), min_size=3, max_size=3),
)
def test_a_later_membership_moves_no_earlier_figure(later, now):
    base = dataset()
    rows = [(2026, c, u) for u, c in zip(UNITS, later, strict=True) if c is not None]
    added = pl.DataFrame(rows, schema=["year", "cluster_code", "unit_code"], orient="row")
    members = pl.concat(
        [base.cluster_members.select("year", "cluster_code", "unit_code"), added],
        how="vertical_relaxed",
    )
    ds = Dataset.empty(
        clusters=pl.DataFrame({"cluster_code": CLUSTERS}),
        units=base.units.with_columns(pl.Series("cluster_code", now)),
        cluster_members=members,
        roster=base.roster,
        awards=base.awards,
        people=base.people,
        targets=base.targets,
    )
    for year, before in BEFORE.items():
        for got, want in zip(_figures(ds, year), before, strict=True):
            assert_frame_equal(got, want)
