"""The trends page: series for the small multiples (the unit against the cluster's pooled line)
and the change table with its sparklines."""

from __future__ import annotations

import polars as pl

from dashboard.charts.sparkline import sparkline_svg
from data_access.catalog import load_catalog


def _catalog_order() -> pl.DataFrame:
    return pl.DataFrame({"indicator": list(load_catalog().indicators)}).with_row_index("_o")


def _with_label(trends: pl.DataFrame) -> pl.DataFrame:
    if "pooled_from" in trends.columns:
        return trends
    return trends.with_columns(pooled_from=pl.lit(None, pl.String))


def trend_series(
    trends: pl.DataFrame,
    *,
    cluster: str,
    unit: str | None,
    unit_name: str,
    pooled_name: str,
    up_to: int | None = None,
) -> pl.DataFrame:
    """indicator, year, value_pct, series, pooled, pooled_from for `charts.trend_chart`: the
    cluster's pooled line and, when a unit is chosen, the unit's, up to the year `up_to` (the
    chosen year: a later year, or a year in progress, is not drawn). Indicators without any
    value are left out.

    The unit's line is the unit's whatever cluster it was in each year; its years before a
    merger are its predecessors pooled, named in `pooled_from` (null elsewhere) for a marker."""
    rows = _with_label(trends)
    if up_to is not None:
        rows = rows.filter(pl.col("year") <= up_to)
    pooled = rows.filter(
        pl.col("cluster_code") == cluster, pl.col("unit_code").is_null()
    ).with_columns(series=pl.lit(pooled_name), pooled=pl.lit(True))
    parts = [pooled]
    if unit:
        parts.insert(
            0,
            rows.filter(pl.col("unit_code") == unit).with_columns(
                series=pl.lit(unit_name), pooled=pl.lit(False)
            ),
        )
    cols = ["indicator", "year", "value_pct", "series", "pooled", "pooled_from"]
    out = pl.concat([p.select(cols) for p in parts])
    with_values = out.filter(pl.col("value_pct").is_not_null())["indicator"].unique()
    return (
        out.filter(pl.col("indicator").is_in(with_values.implode()))
        .join(_catalog_order(), on="indicator", how="left")
        .sort("_o", "pooled", "year")
        .drop("_o")
    )


def change_table(
    trends: pl.DataFrame, *, year: int, cluster: str, unit: str | None
) -> pl.DataFrame:
    """One row per indicator of the scope (the unit, or the cluster's pooled row): indicator,
    value_pct (this year), previous (last year), delta_pp, history (values up to this year, for
    a sparkline), previous_from (the codes pooled into `previous` when the unit's last year was
    its predecessors', else null). Indicators with no value in any year are left out."""
    rows = _with_label(trends).filter(pl.col("year") <= year)
    if unit:  # the unit's own line, through any change of cluster
        rows = rows.filter(pl.col("unit_code") == unit)
    else:
        rows = rows.filter(pl.col("cluster_code") == cluster, pl.col("unit_code").is_null())
    hist = (
        rows.sort("year")
        .group_by("indicator")
        .agg(
            history=pl.col("value_pct"),
            value_pct=pl.col("value_pct").filter(pl.col("year") == year).first(),
            previous=pl.col("value_pct").filter(pl.col("year") == year - 1).first(),
            previous_from=pl.col("pooled_from").filter(pl.col("year") == year - 1).first(),
            delta_pp=pl.col("delta_pp").filter(pl.col("year") == year).first(),
            any_value=pl.col("value_pct").is_not_null().any(),
        )
    )
    return (
        hist.filter(pl.col("any_value"))
        .join(_catalog_order(), on="indicator", how="left")
        .sort("_o")
        .select("indicator", "value_pct", "previous", "delta_pp", "history", "previous_from")
    )


def target_series(
    ind: pl.DataFrame, *, cluster: str, unit: str | None, up_to: int | None = None
) -> pl.DataFrame:
    """indicator, year, target_min, target_max of the series the trend chart shows (the unit's
    own targets, or the cluster's), for `charts.trend.trend_chart(targets=…)`. Rows without a
    target are left out."""
    rows = ind.filter(pl.col("cluster_code") == cluster)
    rows = rows.filter(pl.col("unit_code") == unit if unit else pl.col("unit_code").is_null())
    if up_to is not None:
        rows = rows.filter(pl.col("year") <= up_to)
    return (
        rows.filter(pl.col("target_min").is_not_null() | pl.col("target_max").is_not_null())
        .select("indicator", pl.col("year").cast(pl.Int64), "target_min", "target_max")
        .sort("indicator", "year")
    )


def with_sparklines(changes: pl.DataFrame) -> pl.DataFrame:
    """The change table with `history` as sparkline pictures (`widgets.sparkline_column`)."""
    return changes.with_columns(
        history=pl.col("history").map_elements(
            lambda v: sparkline_svg(v.to_list()), return_dtype=pl.String
        )
    )


ROW_PX = 35  # st.dataframe's row height, the header row's too


def table_height(rows: int) -> int:
    """The pixel height that shows a table's header and all its `rows` without scrolling
    (two pixels of border)."""
    return ROW_PX * (rows + 1) + 3
