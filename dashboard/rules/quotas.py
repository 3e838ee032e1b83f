"""Quota headroom: how many more titles a unit may still propose under each legal cap.

The caps are rules of kind "cap" in `data_access/catalog/rules.toml` (which measure is used,
which is the base, the percentage, the years and unit profiles they apply to); nothing here
hard-codes a percentage.
"""

from __future__ import annotations

import polars as pl

from dashboard.schemas import engine_columns, engine_schema
from data_access.catalog import Catalog, Rule, load_catalog

COLUMNS = engine_columns("quotas")
SCHEMA: dict[str, pl.DataType] = engine_schema("quotas", year=pl.Int16)
_BASIS_POINTS = 10_000  # cap_pct is held as hundredths of a percent, so floor() stays exact


def _in_force(rule: Rule) -> pl.Expr:
    year = pl.col("year")
    in_years = year >= rule.year_from
    if rule.year_to is not None:
        in_years &= year <= rule.year_to
    return in_years & pl.col("profile").cast(pl.String).is_in(list(rule.profiles))


def _one_rule(counts: pl.DataFrame, rule: Rule, order: int) -> pl.DataFrame:
    cap_pct = float(rule.params["cap_pct"])
    # 15 % -> 1500 basis points: base * 1500 // 10000 is floor(0.15 * base) without float error.
    bp = round(cap_pct * 100)
    base = pl.col(rule.params["base"]).cast(pl.Int64)
    used = pl.col(rule.params["counted"]).cast(pl.Int64)
    allowed = base * bp // _BASIS_POINTS
    return counts.filter(_in_force(rule)).select(
        pl.col("year").cast(pl.Int16),
        pl.col("cluster_code").cast(pl.String),
        pl.col("unit_code").cast(pl.String),
        pl.lit(rule.code, pl.String).alias("rule"),
        base.alias("base_count"),
        pl.lit(cap_pct, pl.Float64).alias("cap_pct"),
        allowed.alias("allowed"),
        used.alias("used"),
        (allowed - used).alias("remaining"),
        pl.when(used > allowed)
        .then(pl.lit("over"))
        .when(used <= allowed)
        .then(pl.lit("ok"))
        .alias("status"),  # null when either side is unknown
        pl.lit(rule.text_vi, pl.String).alias("rule_text_vi"),
        pl.lit(rule.text_en, pl.String).alias("rule_text_en"),
        pl.lit(rule.source, pl.String).alias("source"),
        pl.lit(rule.source_en, pl.String).alias("source_en"),
        pl.lit(order, pl.Int32).alias("_order"),
    )


def quotas(counts: pl.DataFrame, *, catalog: Catalog | None = None) -> pl.DataFrame:
    """Allowed, used and remaining titles per unit, year and cap rule in force.

    `counts` is the wide frame of `dashboard.counts.counts` (year, cluster_code, unit_code,
    profile, one column per measure). An unknown base or used count gives a null `allowed` or
    `used`, and a null `remaining` and `status`.

    Example: a civil unit with 40 persons LĐTT-or-higher and 4 CSTĐCS gives the row
    CSTDCS_CAP, base_count 40, cap_pct 15.0, allowed 6 (floor 15 % × 40), used 4, remaining 2, ok.
    """
    cat = catalog or load_catalog()
    caps = [r for r in cat.rules if r.kind == "cap"]
    parts = [_one_rule(counts, rule, i) for i, rule in enumerate(caps)]
    if not parts:
        return pl.DataFrame(schema=SCHEMA)
    return (
        pl.concat(parts, how="vertical")
        .sort("cluster_code", "unit_code", "year", "_order", nulls_last=True)
        .drop("_order")
    )
