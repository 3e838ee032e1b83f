"""The organiser's view (issue 21): the clusters a user sees, side by side on their pooled
indicators for one year, the cluster meeting most targets first."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from dashboard.collation import vn_key
from dashboard.views.overview import KPI_INDICATORS, TARGET_SET


def cluster_comparison(
    ind: pl.DataFrame,
    clusters: pl.DataFrame,
    *,
    year: int,
    visible: Sequence[str],
    indicators: Sequence[str] = KPI_INDICATORS,
) -> pl.DataFrame:
    """One row a cluster of `visible` with pooled rows (unit_code null) in `ind` that year:
    cluster_code, cluster_name, each headline indicator's pooled value (`<code>`, a percentage)
    and its status (`<code>__status`), targets_met and targets_total over every indicator with
    a target set (as the Tổng quan card counts them). Sorted by targets met, then by name.
    `clusters`: cluster_code, cluster_name."""
    pooled = ind.filter(
        pl.col("year") == year,
        pl.col("unit_code").is_null(),
        pl.col("cluster_code").is_in(list(visible)),
    )
    base = pooled.select("cluster_code").unique()
    met = (
        pooled.filter(pl.col("status").cast(pl.String).is_in(TARGET_SET))
        .group_by("cluster_code")
        .agg(
            targets_met=(pl.col("status").cast(pl.String) == "met").sum().cast(pl.Int64),
            targets_total=pl.len().cast(pl.Int64),
        )
    )
    out = base.join(
        clusters.select(pl.col("cluster_code").cast(pl.String), "cluster_name"),
        on="cluster_code",
        how="left",
    ).with_columns(pl.coalesce("cluster_name", "cluster_code").alias("cluster_name"))
    for code in indicators:
        one = pooled.filter(pl.col("indicator") == code).select(
            "cluster_code",
            pl.col("value_pct").cast(pl.Float64).alias(code),
            pl.col("status").cast(pl.String).alias(f"{code}__status"),
        )
        out = out.join(one, on="cluster_code", how="left")
    out = out.join(met, on="cluster_code", how="left").with_columns(
        pl.col("targets_met").fill_null(0), pl.col("targets_total").fill_null(0)
    )
    return out.sort(
        pl.col("targets_met"), vn_key(pl.col("cluster_name")), descending=[True, False]
    ).select(
        "cluster_code",
        "cluster_name",
        *[c for code in indicators for c in (code, f"{code}__status")],
        "targets_met",
        "targets_total",
    )
