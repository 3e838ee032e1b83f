"""The organiser's view (issue 21): the clusters a user sees, side by side on their pooled
indicators for one year, the cluster meeting most targets first."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from dashboard.collation import vn_key
from dashboard.views.overview import KPI_INDICATORS, TARGET_SET, status_wide


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


def comparison_table(comp: pl.DataFrame, *, lang: str, profile: str = "civil") -> pl.DataFrame:
    """The comparison as shown: cluster_name, one column per headline indicator (short name)
    holding "icon value" with its hidden `__status` column that colours it, and targets_met as
    "met/total", in the order of `comp`."""
    indicators = [c.removesuffix("__status") for c in comp.columns if c.endswith("__status")]
    long = comp.unpivot(
        index=["cluster_code", "cluster_name"], on=indicators, variable_name="indicator"
    ).rename({"value": "value_pct"})
    status = comp.unpivot(
        index="cluster_code",
        on=[f"{c}__status" for c in indicators],
        variable_name="indicator",
        value_name="status",
    ).with_columns(pl.col("indicator").str.strip_suffix("__status"))
    matrix = long.join(status, on=["cluster_code", "indicator"], how="left").rename(
        {"cluster_code": "unit_code", "cluster_name": "unit_name"}
    )
    wide = status_wide(matrix, lang=lang, with_code=True, profile=profile)
    met = comp.select(
        pl.col("cluster_code").alias("unit_code"),
        pl.concat_str(
            pl.col("targets_met").cast(pl.String), pl.lit("/"), pl.col("targets_total")
        ).alias("targets_met"),
    )
    # status_wide pivots in its own order: back to the comparison's (most targets met first)
    return (
        met.join(wide, on="unit_code", how="left")
        .rename({"unit_name": "cluster_name"})
        .select(pl.exclude("targets_met", "unit_code"), "targets_met")
    )
