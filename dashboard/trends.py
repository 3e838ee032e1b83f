"""Trends: each indicator series (a unit, or a cluster's pooled row) across years, with the change
in percentage points against the year before."""

from __future__ import annotations

import polars as pl

from dashboard.schemas import columns, engine_columns
from data_access.catalog import load_catalog

COLUMNS = list(engine_columns("trends"))
SERIES = list(columns("trends", upto="indicator"))


def trends(ind: pl.DataFrame) -> pl.DataFrame:
    """cluster_code, unit_code (null = pooled), indicator, year, value_pct, delta_pp.

    delta_pp = value − the same series' value of year − 1; null when either is missing (a gap
    of two years is not a one-year change). Sorted by cluster, unit (pooled first), indicator in
    catalogue order, year.

    >>> ind = pl.DataFrame({"year": [2022, 2023], "cluster_code": ["C1", "C1"],
    ...                     "unit_code": ["U1", "U1"], "indicator": ["LDTT_RATE"] * 2,
    ...                     "value_pct": [80.0, 92.5]})
    >>> trends(ind).select("year", "delta_pp").rows()
    [(2022, None), (2023, 12.5)]
    """
    series = ind.lazy().select(
        pl.col("cluster_code").cast(pl.String),
        pl.col("unit_code").cast(pl.String),
        pl.col("indicator").cast(pl.String),
        pl.col("year").cast(pl.Int16),
        pl.col("value_pct").cast(pl.Float64),
    )
    before = series.select(
        *SERIES, (pl.col("year") + 1).cast(pl.Int16), pl.col("value_pct").alias("_prev")
    )
    order = {code: i for i, code in enumerate(load_catalog().indicators)}
    return (
        # unit_code is null on pooled rows: a pooled series must match its own previous year.
        series.join(before, on=[*SERIES, "year"], how="left", nulls_equal=True)
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
