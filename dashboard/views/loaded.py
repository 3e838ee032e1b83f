"""What is loaded, for the Dữ liệu page: rows per contract table × year (data_access.inventory)
as one table an officer reads at a glance ("is this year's roster in?")."""

from __future__ import annotations

import polars as pl

from dashboard.i18n import t

NO_YEAR = "all"  # the column of tables without a year (units, people, …)


def rows_wide(rows: pl.DataFrame, *, lang: str, last_years: int = 4) -> pl.DataFrame:
    """One row per table (import order, by its human name), one column per year — the latest
    `last_years` years with data, oldest first — and "all" for tables without a year; cells
    are row counts: 0 where a yearly table has nothing for that year, null where the column
    does not apply (a year for a reference table, "all" for a yearly one)."""
    years = sorted(rows["year"].drop_nulls().unique().to_list())[-last_years:]
    order = rows.select("table").unique(maintain_order=True).with_row_index("_o")
    kept = rows.filter(
        (~pl.col("by_year") & pl.col("year").is_null()) | pl.col("year").is_in(years)
    ).with_columns(col=pl.col("year").cast(pl.String).fill_null(NO_YEAR))
    by_year = rows.group_by("table").agg(pl.col("by_year").first())
    wide = kept.pivot(on="col", index="table", values="rows", aggregate_function="first")
    cols = [str(y) for y in years] + ([NO_YEAR] if NO_YEAR in wide.columns else [])
    for c in cols:
        if c not in wide.columns:
            wide = wide.with_columns(pl.lit(0, pl.Int64).alias(c))
    names = {name: t(f"loaded.table.{name}", lang) for name in order["table"].to_list()}
    year_cols = [c for c in cols if c != NO_YEAR]
    return (
        order.join(wide, on="table", how="left")
        .join(by_year, on="table", how="left")
        .sort("_o")
        .with_columns(
            [
                pl.when(pl.col("by_year")).then(pl.col(c).fill_null(0)).cast(pl.Int64)
                for c in year_cols
            ]
        )
        .select(pl.col("table").replace_strict(names).alias("loaded_table"), *cols)
    )


def import_summary(summary: pl.DataFrame, *, lang: str) -> pl.DataFrame:
    """An import's summary as shown (ImportReport.summary_frame: table, inserted, updated,
    unchanged): the table by its name in `lang`, not its code.

    >>> s = pl.DataFrame({"table": ["units"], "inserted": [1], "updated": [0], "unchanged": [2]})
    >>> import_summary(s, lang="vi").row(0)
    ('Đơn vị', 1, 0, 2)
    """
    names = {n: t(f"loaded.table.{n}", lang) for n in summary["table"].unique().to_list()}
    return summary.with_columns(
        pl.col("table").replace_strict(names, return_dtype=pl.String).alias("loaded_table")
    ).select("loaded_table", "inserted", "updated", "unchanged")
