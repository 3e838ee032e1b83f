"""A law of the progress chart's rows: for any statuses and values, misses come first (the
status order never goes back), and only rows with neither a value nor a target are dropped."""

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.charts.palette import STATUS_ORDER
from dashboard.views.overview import bullet_rows
from data_access.catalog import load_catalog

CODES = list(load_catalog().indicators)
CAPS = pl.DataFrame(schema={"indicator": pl.String, "cap_pct": pl.Float64})


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(STATUS_ORDER),
            st.one_of(st.none(), st.floats(0, 100, allow_nan=False)),
        ),
        min_size=len(CODES),
        max_size=len(CODES),
    )
)
def test_misses_first_and_only_silent_rows_dropped(rows):
    ind = pl.DataFrame(
        {
            "year": [2025] * len(CODES),
            "cluster_code": ["C"] * len(CODES),
            "unit_code": [None] * len(CODES),
            "indicator": CODES,
            "value_pct": [v for _, v in rows],
            "target_min": [None] * len(CODES),
            "target_max": [None] * len(CODES),
            "status": [s for s, _ in rows],
        },
        schema_overrides={
            "unit_code": pl.String,
            "value_pct": pl.Float64,
            "target_min": pl.Float64,
            "target_max": pl.Float64,
        },
    )
    out = bullet_rows(ind, CAPS, year=2025, cluster="C", unit=None)
    ranks = [STATUS_ORDER.index(s) for s in out["status"].to_list()]
    assert ranks == sorted(ranks)
    silent = sum(1 for s, v in rows if s == "no_target" and v is None)
    assert out.height == len(CODES) - silent
