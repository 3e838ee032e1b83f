"""Targets: which target applies to each unit-year and cluster-year, and how a value stands.

A unit's own target for an indicator replaces its cluster's for that year — the whole row, so
min and max always come from the same source. Targets come only from the `targets` table.
Status is `met` inside [min, max] (a value exactly on a bound is met), `below`, `above` (over a
ceiling is a problem, not a success), `no_data` (no value) or `no_target`.
"""

from __future__ import annotations

import polars as pl

from dashboard import organisation as org
from dashboard.schemas import EXTRAS, columns
from data_access.catalog import load_catalog
from data_access.readers import Dataset

# 100 × 9 / 10 must equal a target of 90: compare with a tolerance, not exactly.
TOLERANCE = 1e-9
STATUSES = ("met", "below", "above", "no_data", "no_target")
# what with_targets adds after value_pct: the contract's target columns and the attainment
TARGET_COLUMNS = [*columns("indicators", after="value_pct"), *EXTRAS["indicators"]]
KEY = ["year", "cluster_code", "unit_code", "indicator"]


def _s(name: str) -> pl.Expr:
    return pl.col(name).cast(pl.String)


def resolve_targets(ds: Dataset) -> pl.DataFrame:
    """The target of every indicator for every unit-year and cluster-year that has one.

    Columns: year, cluster_code, unit_code (null on the cluster's row), indicator, target_min,
    target_max, target_scope (`unit` when the unit set its own, else `cluster`).

    >>> ds = Dataset.empty(
    ...     units=pl.DataFrame({"unit_code": ["U1", "U2"], "cluster_code": ["C1", "C1"]}),
    ...     targets=pl.DataFrame({"year": [2023, 2023], "scope_kind": ["cluster", "unit"],
    ...                           "scope_code": ["C1", "U2"], "indicator": ["LDTT_RATE"] * 2,
    ...                           "min_pct": [90.0, 80.0]}))
    >>> resolve_targets(ds).select("unit_code", "target_min", "target_scope").rows()
    [(None, 90.0, 'cluster'), ('U1', 90.0, 'cluster'), ('U2', 80.0, 'unit')]
    """
    t = ds.targets.lazy().select(
        pl.col("year").cast(pl.Int16),
        _s("scope_kind"),
        _s("scope_code"),
        _s("indicator"),
        pl.col("min_pct").cast(pl.Float64).alias("target_min"),
        pl.col("max_pct").cast(pl.Float64).alias("target_max"),
    )
    # A cluster's target of a year applies to that year's members (contract 0.3.0).
    units = org.membership(ds, ds.targets["year"].unique().to_list()).lazy()
    cluster_t = t.filter(pl.col("scope_kind") == "cluster").rename({"scope_code": "cluster_code"})
    unit_t = t.filter(pl.col("scope_kind") == "unit").rename({"scope_code": "unit_code"})
    # A unit's own target applies to it in or out of a cluster (cluster_code null out of one).
    known = ds.units.lazy().select(_s("unit_code"))
    own = (
        unit_t.join(known, on="unit_code", how="semi")
        .join(units, on=["year", "unit_code"], how="left")
        .with_columns(target_scope=pl.lit("unit"))
    )
    inherited = (
        units.join(cluster_t, on=["year", "cluster_code"], how="inner")
        .join(own, on=["year", "unit_code", "indicator"], how="anti")
        .with_columns(target_scope=pl.lit("cluster"))
    )
    clusters = cluster_t.with_columns(
        unit_code=pl.lit(None, dtype=pl.String), target_scope=pl.lit("cluster")
    )
    columns = [*KEY, "target_min", "target_max", "target_scope"]
    order = {code: i for i, code in enumerate(load_catalog().indicators)}
    return (
        pl.concat([f.select(columns) for f in (clusters, own, inherited)])
        .sort(
            "year",
            "cluster_code",
            "unit_code",
            # Catalogue order; a code the catalogue lacks goes last rather than failing.
            pl.col("indicator").replace_strict(order, default=len(order), return_dtype=pl.Int64),
            "indicator",
        )
        .collect()
    )


def status_expr(value: pl.Expr, lo: pl.Expr, hi: pl.Expr) -> pl.Expr:
    """met / below / above / no_data / no_target for a value against [lo, hi]."""
    return (
        pl.when(lo.is_null() & hi.is_null())
        .then(pl.lit("no_target"))
        .when(value.is_null())
        .then(pl.lit("no_data"))
        .when(lo.is_not_null() & (value < lo - TOLERANCE))
        .then(pl.lit("below"))
        .when(hi.is_not_null() & (value > hi + TOLERANCE))
        .then(pl.lit("above"))
        .otherwise(pl.lit("met"))
    )


def attainment_expr(status: pl.Expr, value: pl.Expr, lo: pl.Expr, hi: pl.Expr) -> pl.Expr:
    """1 when met; value ÷ min when below; max ÷ value when above; 0 without a value; null
    without a target (domain.md, "Target attainment")."""
    return (
        pl.when(status == "met")
        .then(pl.lit(1.0))
        .when(status == "below")
        .then(value / lo)
        .when(status == "above")
        .then(hi / value)
        .when(status == "no_data")
        .then(pl.lit(0.0))
        .otherwise(pl.lit(None, dtype=pl.Float64))
    )


def with_targets(ind: pl.DataFrame, resolved: pl.DataFrame) -> pl.DataFrame:
    """`indicators` rows with target_min, target_max, status and attainment added.

    >>> ind = pl.DataFrame({"year": [2023], "cluster_code": ["C1"], "unit_code": ["U1"],
    ...                     "indicator": ["LDTT_RATE"], "value_pct": [100 * 9 / 10]},
    ...                    schema_overrides={"year": pl.Int16})
    >>> res = pl.DataFrame({"year": [2023], "cluster_code": ["C1"], "unit_code": ["U1"],
    ...                     "indicator": ["LDTT_RATE"], "target_min": [90.0],
    ...                     "target_max": [None]}, schema_overrides={"year": pl.Int16})
    >>> with_targets(ind, res).select("status", "attainment").row(0)
    ('met', 1.0)
    """
    base = ind.lazy().drop(TARGET_COLUMNS, strict=False)
    targets = resolved.lazy().select(
        pl.col("year").cast(pl.Int16),
        *(_s(c) for c in KEY[1:]),
        pl.col("target_min").cast(pl.Float64),
        pl.col("target_max").cast(pl.Float64),
    )
    # unit_code is null on pooled rows: those must meet the cluster's own target row.
    joined = base.with_columns(pl.col("year").cast(pl.Int16)).join(
        targets, on=KEY, how="left", nulls_equal=True, maintain_order="left"
    )
    v, lo, hi = pl.col("value_pct"), pl.col("target_min"), pl.col("target_max")
    return (
        joined.with_columns(status=status_expr(v, lo, hi))
        .with_columns(attainment=attainment_expr(pl.col("status"), v, lo, hi))
        .collect()
    )
