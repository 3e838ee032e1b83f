"""Indicators: percentages per unit-year and pooled per cluster-year, from `counts`.

Each indicator of the catalogue (indicators.toml) is 100 × Σ numerator measures ÷ Σ denominator
measures. A part that is unknown makes its side unknown; a zero or unknown denominator gives no
value (null), never 0 % or NaN. A cluster's value is pooled — Σ numerators ÷ Σ denominators over
the members where both are known — never the mean of the members' percentages.
"""

from __future__ import annotations

from functools import reduce
from operator import add

import polars as pl

from dashboard.schemas import columns
from data_access.catalog import load_catalog

# the columns before value_pct (computed here) and the targets (added by dashboard.targets)
COLUMNS = list(columns("indicators", upto="denominator"))


def indicator_order() -> list[str]:
    """Indicator codes in catalogue order (the order of every indicator table)."""
    return list(load_catalog().indicators)


def _total(measures: tuple[str, ...]) -> pl.Expr:
    # `+` (unlike sum_horizontal) keeps null: one unknown part makes the whole side unknown.
    return reduce(add, (pl.col(m).cast(pl.Int64) for m in measures))


def value_pct(numerator: pl.Expr, denominator: pl.Expr) -> pl.Expr:
    """100 × numerator ÷ denominator, unrounded; null when the denominator is 0 or unknown."""
    return (
        pl.when(denominator > 0)
        .then(100.0 * numerator.cast(pl.Float64) / denominator.cast(pl.Float64))
        .otherwise(None)
    )


def indicators(counts: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """Every indicator for every unit-year of `counts`, plus one pooled row per cluster-year.

    Columns: year, cluster_code, unit_code (null on the cluster's pooled row), indicator,
    numerator, denominator (Int64, null when any part is unknown), value_pct (Float64, unrounded).
    Sorted by year, cluster_code, unit_code (pooled row first), indicator in catalogue order.

    >>> c = pl.DataFrame({"year": [2023, 2023], "cluster_code": ["C1", "C1"],
    ...                   "unit_code": ["U1", "U2"], "staff": [10, 30],
    ...                   "persons_ldtt_plus": [9, 21]})
    >>> ind = indicators(c).filter(pl.col("indicator") == "LDTT_RATE")
    >>> ind.select("unit_code", "numerator", "denominator", "value_pct").rows()
    [(None, 30, 40, 75.0), ('U1', 9, 10, 90.0), ('U2', 21, 30, 70.0)]
    """
    cat = load_catalog()
    lf = counts.lazy()
    have = set(lf.collect_schema().names())
    if "unit_itself" not in have:
        lf = lf.with_columns(unit_itself=pl.lit(1, dtype=pl.Int64))
        have.add("unit_itself")
    # A measure the caller's frame lacks is unknown, as an absent unit_counts measure is.
    needed = {m for d in cat.indicators.values() for m in (*d.numerator, *d.denominator)}
    lf = lf.with_columns(pl.lit(None, dtype=pl.Int64).alias(m) for m in sorted(needed - have))
    order = pl.Enum(list(cat.indicators))
    units = pl.concat(
        [
            lf.select(
                pl.col("year").cast(pl.Int16),
                pl.col("cluster_code").cast(pl.String),
                pl.col("unit_code").cast(pl.String),
                pl.lit(code, dtype=order).alias("indicator"),
                _total(d.numerator).alias("numerator"),
                _total(d.denominator).alias("denominator"),
            )
            for code, d in cat.indicators.items()
        ]
    )
    both = pl.col("numerator").is_not_null() & pl.col("denominator").is_not_null()
    pooled = (
        units.filter(both & pl.col("cluster_code").is_not_null())
        .group_by("year", "cluster_code", "indicator")
        .agg(pl.col("numerator").sum(), pl.col("denominator").sum())
        .with_columns(pl.lit(None, dtype=pl.String).alias("unit_code"))
    )
    # Cluster-years where no member knows both sides still get a row, with no value.
    clusters = (
        units.filter(pl.col("cluster_code").is_not_null())
        .select("year", "cluster_code", "indicator")
        .unique()
        .join(pooled, on=["year", "cluster_code", "indicator"], how="left")
    )
    return (
        pl.concat([clusters.select(COLUMNS), units.select(COLUMNS)])
        .with_columns(value_pct(pl.col("numerator"), pl.col("denominator")).alias("value_pct"))
        .sort("year", "cluster_code", "unit_code", "indicator")  # nulls first: pooled row
        .with_columns(pl.col("indicator").cast(pl.String))
        .collect()
    )
