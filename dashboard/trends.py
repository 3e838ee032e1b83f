"""Trends: each indicator series (a unit, or a cluster's pooled row) across years, with the change
in percentage points against the year before.

A unit's series is the unit's whatever cluster it was in; a merged unit's years before its merge
are its predecessors pooled (`dashboard.history.with_history` adds them and `pooled_from`). With
`clusters` (the chosen year's membership) a unit's whole line carries that year's cluster, so a
cluster's trends show its members of that year with their lines back through a merger."""

from __future__ import annotations

import polars as pl

from dashboard.schemas import columns, engine_columns
from data_access.catalog import load_catalog

COLUMNS = list(engine_columns("trends"))
SERIES = list(columns("trends", upto="indicator"))


def trends(ind: pl.DataFrame, *, clusters: pl.DataFrame | None = None) -> pl.DataFrame:
    """cluster_code, unit_code (null = pooled), indicator, year, value_pct, delta_pp,
    pooled_from (`ind`'s, else null). `clusters` (unit_code, cluster_code) relabels units' rows.

    delta_pp = value − the same series' value of year − 1; null when either is missing (a gap
    of two years is not a one-year change). Sorted by cluster, unit (pooled first), indicator in
    catalogue order, year.

    >>> ind = pl.DataFrame({"year": [2022, 2023], "cluster_code": ["C1", "C1"],
    ...                     "unit_code": ["U1", "U1"], "indicator": ["LDTT_RATE"] * 2,
    ...                     "value_pct": [80.0, 92.5]})
    >>> trends(ind).select("year", "delta_pp").rows()
    [(2022, None), (2023, 12.5)]
    """
    lf = ind.lazy()
    if "pooled_from" not in lf.collect_schema().names():
        lf = lf.with_columns(pooled_from=pl.lit(None, pl.String))
    series = lf.select(
        pl.col("cluster_code").cast(pl.String),
        pl.col("unit_code").cast(pl.String),
        pl.col("indicator").cast(pl.String),
        pl.col("year").cast(pl.Int16),
        pl.col("value_pct").cast(pl.Float64),
        pl.col("pooled_from").cast(pl.String),
    )
    if clusters is not None:
        now = clusters.lazy().select(
            pl.col("unit_code").cast(pl.String), pl.col("cluster_code").cast(pl.String).alias("_c")
        )
        series = (
            series.join(now, on="unit_code", how="left")
            .with_columns(pl.coalesce("_c", "cluster_code").alias("cluster_code"))
            .drop("_c")
        )
    # A unit's series is the unit's (its cluster may change); a pooled row's is its cluster's.
    key = [pl.col("unit_code").alias("_u"), pl.when(pl.col("unit_code").is_null())
           .then(pl.col("cluster_code")).alias("_k")]  # fmt: skip
    series = series.with_columns(key)
    before = series.select(
        "_u",
        "_k",
        "indicator",
        (pl.col("year") + 1).cast(pl.Int16),
        pl.col("value_pct").alias("_prev"),
    )
    order = {code: i for i, code in enumerate(load_catalog().indicators)}
    return (
        # unit_code is null on pooled rows: a pooled series must match its own previous year.
        series.join(before, on=["_u", "_k", "indicator", "year"], how="left", nulls_equal=True)
        .with_columns(delta_pp=pl.col("value_pct") - pl.col("_prev"))
        .sort(
            "cluster_code",
            "unit_code",
            pl.col("indicator").replace_strict(order, default=len(order), return_dtype=pl.Int64),
            "indicator",
            "year",
        )
        .select(COLUMNS)
        .collect()
    )
