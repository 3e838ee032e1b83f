"""The ranking page: unit names on the ranking, the score table by criterion with the cluster's
leader and deputies, and the rank history across years."""

from __future__ import annotations

import polars as pl

from dashboard.i18n import label_expr
from dashboard.names import short_names
from data_access.readers import Dataset


def _names(ds: Dataset) -> pl.DataFrame:
    """unit_code, unit_name and short_name (`dashboard.names`) of every unit."""
    units = ds.units.with_columns(
        pl.col("unit_code").cast(pl.String), pl.col("cluster_code").cast(pl.String)
    )
    short = short_names(units).select("unit_code", "short_name")
    return units.select("unit_code", "unit_name").join(short, on="unit_code", how="left")


def named_ranking(ranking: pl.DataFrame, ds: Dataset, *, cluster: str) -> pl.DataFrame:
    """The cluster's rows of a `rankings` frame with unit_name and short_name, by rank then
    unit code."""
    return (
        ranking.filter(pl.col("cluster_code") == cluster)
        .join(_names(ds), on="unit_code", how="left")
        .sort("rank", "unit_code", nulls_last=True)
    )


def score_table(ds: Dataset, *, year: int, cluster: str, lang: str) -> pl.DataFrame:
    """One row per unit of the cluster: unit_name, role (leader/deputy by name), one column per
    criterion with the final points (self points where no final score), and the total.
    Criteria keep the order in which they were entered. No scores → no rows."""
    units = ds.units.filter(pl.col("cluster_code") == cluster).select(
        pl.col("unit_code").cast(pl.String), "unit_name"
    )
    scores = (
        ds.scores.filter(pl.col("year") == year)
        .select(
            pl.col("unit_code").cast(pl.String),
            "criterion",
            "max_points",
            points=pl.coalesce("final_points", "self_points"),
        )
        .join(units, on="unit_code")
    )
    if scores.height == 0:
        return pl.DataFrame(schema={"unit_code": pl.String, "unit_name": pl.String})
    criteria = scores["criterion"].unique(maintain_order=True).to_list()
    roles = ds.cluster_roles.filter(
        pl.col("year") == year, pl.col("cluster_code") == cluster
    ).select(pl.col("unit_code").cast(pl.String), role=label_expr(pl.col("role"), "role", lang))
    wide = scores.pivot(on="criterion", index="unit_code", values="points")
    total = scores.group_by("unit_code").agg(final_points=pl.col("points").sum())
    return (
        units.join(roles, on="unit_code", how="left")
        .join(wide, on="unit_code", how="inner")
        .join(total, on="unit_code", how="left")
        .sort("final_points", "unit_code", descending=[True, False], nulls_last=True)
        .select("unit_code", "unit_name", "role", *criteria, "final_points")
    )


def rank_history(
    rankings_by_year: pl.DataFrame, ds: Dataset, *, cluster: str, up_to: int | None = None
) -> pl.DataFrame:
    """year, unit_code, unit_name, short_name, rank for the bump chart, up to the year `up_to`
    (years without a rank are left out)."""
    rows = rankings_by_year.filter(pl.col("cluster_code") == cluster, pl.col("rank").is_not_null())
    if up_to is not None:
        rows = rows.filter(pl.col("year") <= up_to)
    return (
        rows.join(_names(ds), on="unit_code", how="left")
        .select("year", "unit_code", "unit_name", "short_name", "rank")
        .sort("year", "rank")
    )
