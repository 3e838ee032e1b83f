"""Closed years and the organisation's changes (issue 20): which unit_changes rows of an import
would change a closed year's figures.

A change ending unit A into B in emulation year Y rewrites B's history of the years before Y
(its figures there become A's and B's pooled) and says from Y on which units exist. So a new or
changed change row is refused for every closed year L ≤ Y (Y the later of the stored and the
new effective year) in which A or B belongs to the closed cluster (or the year is closed for
all clusters). Years after Y keep their figures: the ended unit holds no rows there (the
importer refuses them, data_access.importer.org_ended).
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import Connection, select

from data_access import organisation_rules as rules
from data_access import writer
from data_access.importer.org_tables import overlay
from data_access.models import Cluster, Unit

_KEYS = ["from_unit_code", "to_unit_code"]


def _months(conn: Connection, tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """unit_code, start_month after the import (units and clusters are small: read whole)."""
    units = pl.DataFrame(
        conn.execute(select(Unit.unit_code, Unit.cluster_code, Unit.period_start_month)).all(),
        schema={"unit_code": pl.String, "cluster_code": pl.String, "period_start_month": pl.Int64},
        orient="row",
    )
    clusters = pl.DataFrame(
        conn.execute(select(Cluster.cluster_code, Cluster.period_start_month)).all(),
        schema={"cluster_code": pl.String, "period_start_month": pl.Int64},
        orient="row",
    )
    return rules.start_months(
        overlay(tables.get("units"), units, "unit_code"),
        overlay(tables.get("clusters"), clusters, "cluster_code"),
    )


def change_rows(
    conn: Connection, tables: dict[str, pl.DataFrame], years: list[int], *, changed_only: bool
) -> list[pl.DataFrame]:
    """(__file, __row, column, year, unit_code, cluster_code) for each closed year a new or
    changed unit_changes row reaches, once for its source and once for its successor."""
    frame = tables.get("unit_changes")
    if frame is None or "__row" not in frame.columns or not set(_KEYS) <= set(frame.columns):
        return []
    rows = frame.drop_nulls(_KEYS)
    if changed_only:
        rows = writer.changes(conn, "unit_changes", rows)
    if rows.is_empty() or "effective_date" not in rows.columns:
        return []
    old = writer.stored(conn, "unit_changes", rows.select(_KEYS), ["effective_date"])
    old = old.cast({k: pl.String for k in _KEYS}).rename({"effective_date": "__old_date"})
    months = _months(conn, tables)
    dated = (
        rows.cast({k: pl.String for k in _KEYS})
        .join(old, on=_KEYS, how="left")
        .join(months, left_on="to_unit_code", right_on="unit_code", how="left")
        .with_columns(pl.col("start_month").fill_null(1))
    )
    new_year = rules.year_of_date(pl.col("effective_date").cast(pl.Date), pl.col("start_month"))
    old_year = rules.year_of_date(pl.col("__old_date").cast(pl.Date), pl.col("start_month"))
    dated = dated.with_columns(
        __upto=pl.max_horizontal(new_year.cast(pl.Int64), old_year.cast(pl.Int64))
    ).drop_nulls("__upto")
    closed = pl.DataFrame({"year": sorted(set(years))}, schema={"year": pl.Int64})
    hit = dated.join(closed, how="cross").filter(pl.col("year") <= pl.col("__upto"))
    if hit.is_empty():
        return []
    base = ("__file", "__row", "year")
    column = pl.lit("effective_date")
    none = pl.lit(None, pl.String)
    return [
        hit.select(*base, unit_code="from_unit_code", cluster_code=none, column=column),
        hit.select(*base, unit_code="to_unit_code", cluster_code=none, column=column),
    ]
